"""The trust stool as one self-contained page (`stool --format html -o stool.html`): a
seat on six legs, each leg as long as its score (a short leg is the one that wobbles, and
is also marked and named in words, for grey paper and a screen reader), the same legs in
a table of levels against the two kinds of trust, the leg that wobbles and the levers to
work on it with, their questions under them.

Self-contained as the board's page is: the style is in the page, there is no script, no
font or image, nothing fetched; every text is escaped (`html.escape`)."""

from __future__ import annotations

import html
from typing import Any

from ..errors import visible
from ..i18n import _, current, format_number
from .html_page import opening
from .stool import LEVELS, TRUSTS, heading, level_names, nothing_shown, trust_names, verdict


def _e(text: Any) -> str:
    return html.escape(visible(text))


def render(stool: Any, reflect: str | None = None) -> str:
    """The page for `stool`; `reflect`, the command for a full agenda of its levers."""
    title = heading(stool)
    out = opening(html.escape(current()), _e(title), STYLE)
    if not stool.shown:
        out.append(f'<p class="lead">{_e(nothing_shown(stool))}</p>')
    else:
        out += [figure(stool), *table(stool)]
        out += [f'<p class="lead">{_e(line.strip())}</p>' for line in verdict(stool)[:1]]
        out += [f"<p>{_e(line.strip())}</p>" for line in verdict(stool)[1:]]
        out += levers(stool, reflect)
        if stool.by == "team":
            note = _("Only the mean of the forms is shown, never one form's answers.")
            out.append(f'<p class="note">{_e(note)}</p>')
    out.append("</main>\n</body>\n</html>\n")
    return "\n".join(out)


def figure(stool: Any) -> str:
    """The stool: a seat, and six legs whose length is the score (a leg not shown is
    drawn dashed, at no length)."""
    legs = []
    for leg in stool.legs:
        wobbles = leg.id in stool.wobbles
        said = (_("not shown") if leg.hidden else _("not answered") if leg.score is None
                else format_number(leg.score))
        height = 0 if leg.score is None else round(leg.score / 5 * 100)
        kind = " wobbles" if wobbles else " none" if leg.score is None else ""
        sign = " \u25c0" if wobbles else ""
        legs.append(f'<div class="leg{kind}" role="img" aria-label="{_e(leg.title)}: '
                    f'{_e(said)}"><div class="wood" style="height:{height}%"></div>'
                    f'<span class="score">{_e(said)}{sign}</span>'
                    f'<span class="name">{_e(leg.title)}</span></div>')
    return ('<figure class="stool"><div class="seat"></div><div class="legs">'
            + "".join(legs) + "</div></figure>")


def table(stool: Any) -> list[str]:
    """The legs as levels against the two kinds of trust, scores in words and numbers."""
    legs = {(leg.trust, leg.level): leg for leg in stool.legs}
    levels, trusts = level_names(), trust_names()
    out = ['<table class="grid">', "<thead><tr><td></td>",
           *(f'<th scope="col">{_e(trusts[t])}</th>' for t in TRUSTS), "</tr></thead><tbody>"]
    for level in LEVELS:
        out.append(f'<tr><th scope="row">{_e(levels[level])}</th>')
        for trust in TRUSTS:
            leg = legs.get((trust, level))
            if leg is None:
                out.append("<td></td>")
                continue
            said = (_("not shown: fewer than {n} forms").format(n=stool.fewest) if leg.hidden
                    else _("not answered") if leg.score is None else format_number(leg.score))
            kind = ' class="wobbles"' if leg.id in stool.wobbles else ""
            out.append(f"<td{kind}><span class=\"title\">{_e(leg.title)}</span> "
                       f'<span class="value">{_e(said)}</span></td>')
        out.append("</tr>")
    return out + ["</tbody></table>"]


def levers(stool: Any, reflect: str | None) -> list[str]:
    if not stool.levers:
        return []
    out = [f"<h2>{_e(_('Work on it with:'))}</h2>"]
    for lever in stool.levers:
        out.append(f'<section class="lever"><h3><span class="no">{lever.number}</span> '
                   f"{_e(lever.title)}</h3><p>{_e(lever.summary)}</p><ul>"
                   + "".join(f"<li>{_e(q)}</li>" for q in lever.questions) + "</ul></section>")
    if reflect:
        said = _e(_("For a full agenda with these levers: {command}"))
        out.append('<p class="next">' + said.replace("{command}", f"<code>{_e(reflect)}</code>")
                   + "</p>")
    return out


STYLE = """
:root { color: #000; background: #fff; font: 20px/1.4 system-ui, "Segoe UI", Arial,
  sans-serif; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
body { margin: 0; }
main { max-width: 1200px; margin: 0 auto; padding: 20px 24px; }
h1 { font-size: 1.8rem; margin: 0 0 .4em; }
h2 { font-size: 1.3rem; margin: 1em 0 .3em; }
h3 { font-size: 1.1rem; margin: .6em 0 .2em; }
.lead { font-size: 1.2rem; font-weight: 600; }
.stool { margin: 0 0 1em; }
.seat { height: 22px; background: #6b4a2b; border-radius: 8px; margin: 0 2%; }
.legs { display: flex; justify-content: space-around; height: 220px; }
.leg { flex: 1; display: flex; flex-direction: column; align-items: center;
  margin: 0 1%; position: relative; }
.wood { width: 26px; background: #9c6b3c; border: 1px solid #000; min-height: 0; }
.leg.wobbles .wood { background: repeating-linear-gradient(45deg, #b3261e 0 6px,
  #fff 6px 10px); }
.leg.none .wood { border: 2px dashed #555; background: none; height: 40% !important; }
.score { font-weight: 700; margin-top: .2em; }
.name { font-size: .7rem; text-align: center; }
table.grid { border-collapse: collapse; width: 100%; margin: .6em 0; }
table.grid th, table.grid td { border: 1px solid #555; padding: 6px 8px; text-align: left; }
table.grid td.wobbles { border: 3px solid #b3261e; font-weight: 700; }
.value { float: right; font-weight: 700; margin-left: .6em; }
.lever .no { display: inline-block; min-width: 1.4em; font-weight: 700; }
.note { color: #333; font-size: .9rem; }
code { font-size: .95em; background: #f0f0f0; padding: 0 .2em; }
@media print { main { max-width: none; padding: 0; } section { break-inside: avoid; } }
"""
