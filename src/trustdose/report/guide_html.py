"""A guide as one self-contained HTML page, to show on a screen in the meeting or print:
no script, no link, no font or image from anywhere (its Content-Security-Policy lets
nothing load), ruled space to write on paper. Every text is escaped."""

from __future__ import annotations

from html import escape

from .agreement_parts import plain
from .guide import Guide, source_label
from .html_page import opening

STYLE = """
body { font: 11.5pt/1.5 Georgia, "Times New Roman", serif; color: #111; margin: 0; }
main { max-width: 42em; margin: 2.5em auto; padding: 0 1.5em; }
h1 { font-size: 1.6em; line-height: 1.25; margin: 0 0 .5em; }
h2 { font-size: 1.15em; margin: 1.6em 0 .3em; break-after: avoid; }
p, ul, ol { margin: .4em 0; }
li { margin: .25em 0; }
.warnings { border-left: 4px solid #b35c00; padding: .2em 1em; background: #fff6ec; }
.cite { color: #555; font-size: .9em; font-style: italic; }
.room { height: 5.5em; border-bottom: 1px solid #999;
        background: repeating-linear-gradient(transparent 0 1.8em, #ddd 1.8em 1.85em); }
section { break-inside: avoid; }
@media print { main { margin: 0; max-width: none; } }
""".strip()


def render(guide: Guide) -> str:
    def text(value: str) -> str:
        return escape(plain(value), quote=True)

    out = [*opening(text(guide.lang), text(guide.title), STYLE),
           *(f"<p>{text(said)}</p>" for said in guide.opening)]
    if guide.warnings:
        out += ['<div class="warnings">', f"<p><strong>{text(guide.labels['warnings'])}"
                                          "</strong></p>",
                *(f"<p>{text(w)}</p>" for w in guide.warnings), "</div>"]
    for section in guide.sections:
        out += [f'<section id="{text(section.id)}">', f"<h2>{text(section.heading)}</h2>",
                *(f"<p>{text(said)}</p>" for said in section.lead)]
        if section.points:
            out += ["<ul>", *(f"<li>{text(p)}</li>" for p in section.points), "</ul>"]
        if section.questions:
            out += ["<ol>", *(f"<li>{text(q)}</li>" for q in section.questions), "</ol>"]
        if section.room:
            out.append(f'<div class="room" aria-label="{text(guide.labels["notes"])}"></div>')
        out.append("</section>")
    if guide.sources:
        out.append(f'<p class="cite">{text(source_label(guide))}: ' + "; ".join(
            f"<cite>{text(s.title)}</cite> ({text('; '.join(s.passages))})"
            for s in guide.sources) + ".</p>")
    out += ["</main>", "</body>", "</html>"]
    return "\n".join(out) + "\n"
