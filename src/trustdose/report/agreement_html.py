"""The agreement as one self-contained HTML page, to open in a browser, print or mail:
no script, no link, no font or image from anywhere (its Content-Security-Policy lets
nothing load), a style for screen and paper. Every text is escaped (`html.escape`) after
its control characters are written as escapes (`agreement.plain`)."""

from __future__ import annotations

from html import escape

from .agreement_parts import Agreement, Items, plain
from .html_page import opening

# Readable on a screen and on A4: a column of text, the headings close to what they head
STYLE = """
body { font: 11.5pt/1.5 Georgia, "Times New Roman", serif; color: #111; margin: 0; }
main { max-width: 40em; margin: 2.5em auto; padding: 0 1.5em; }
h1 { font-size: 1.6em; line-height: 1.25; margin: 0 0 .3em; }
h2 { font-size: 1.15em; margin: 1.6em 0 .3em; break-after: avoid; }
p, ul { margin: .4em 0; }
li { margin: .2em 0; }
.opening { color: #444; }
.signature { margin-top: 1.6em; break-inside: avoid; }
@media print { main { margin: 0; max-width: none; } }
""".strip()


def render(agreement: Agreement) -> str:
    def text(value: str) -> str:
        return escape(plain(value), quote=True)

    out = [*opening(text(agreement.lang), text(agreement.title), STYLE),
           f'<p class="opening">{text(agreement.opening)}</p>',
           f"<p>{text(agreement.signing.sender)}</p>"]
    for section in agreement.sections:
        out += ["<section>", f"<h2>{text(section.heading)}</h2>"]
        for block in section.blocks:
            if isinstance(block, Items):
                out += ["<ul>", *(f"<li>{text(item)}</li>" for item in block.items), "</ul>"]
            else:
                out.append(f"<p>{text(block)}</p>")
        out.append("</section>")
    signing = agreement.signing
    out += ["<section>", f"<h2>{text(signing.heading)}</h2>"]
    for signature in signing.signatures:
        out.append('<p class="signature">' + "<br>".join(map(text, signing.lines(signature)))
                   + "</p>")
    out += ["</section>", "</main>", "</body>", "</html>"]
    return "\n".join(out) + "\n"
