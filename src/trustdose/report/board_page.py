"""A delegation board as one page for a team meeting (`board -o board.html`): a grid of
the decision areas against the seven levels, the level recommended, the level agreed
and, where it is given, the employee's or team's own view each marked in its cell by a
shape of its own (a circle, a diamond, a triangle: told apart on a projector, in
grey on paper and by a screen reader, which reads each mark's name), with a legend, the
gap per area, the question to talk over where the agreed level is two or more steps
from the recommended one, and the board's review date.

Self-contained: the style is in the page, there is no script, no font or image, nothing
fetched. Every text from the board file is escaped (`html.escape`), so a title
`<script>` shows as text."""

from __future__ import annotations

import html
from typing import Any, Sequence

from ..errors import visible
from ..i18n import N_, _, current, format_date
from .board import heading, rows, shared_scores
from .html_page import opening

# Each view's mark: its class in the page, its shape, and its name (a msgid)
MARKS = (("rec", "\u25cf", N_("Recommended")), ("agreed", "\u25c6", N_("Agreed")),
         ("own", "\u25b2", N_("Own view")))


def render(board: Any, own: Sequence[int | None] | None = None) -> str:
    """The page for `board`; `own`, one per area in the board's order, is the level the
    employee's or team's own view carries (None: not given), marked beside the others."""
    e = html.escape
    title = visible(heading(board))
    views = [own[n] if own is not None and n < len(own) else None
             for n in range(len(board.areas))]
    shown = MARKS if any(v is not None for v in views) else MARKS[:2]
    out = [*opening(e(current()), e(title), STYLE),
           f'<p class="lead">{e(visible(shared_scores(board)))}</p>',
           legend(shown), *grid(board, views),
           '<p class="review">' + e(visible(_("Review of the whole board: {date}").format(
               date=format_date(board.review_date)))) + "</p>",
           "</main>\n</body>\n</html>\n"]
    return "\n".join(out)


def mark(kind: str) -> str:
    """One view's mark, named for a screen reader and on hover."""
    for name, shape, said in MARKS:
        if name == kind:
            return (f'<span class="mark {name}" role="img" aria-label="{html.escape(_(said))}"'
                    f' title="{html.escape(_(said))}">{shape}</span>')
    raise AssertionError(kind)


def legend(shown: Sequence[tuple[str, str, str]]) -> str:
    """What the marks mean, and what the gap counts."""
    items = "".join(f"<li>{mark(name)} {html.escape(_(said))}</li>" for name, _s, said in shown)
    gap = html.escape(_("Gap: agreed minus recommended, in steps"))
    return f'<ul class="legend">{items}<li class="gapsaid">{gap}</li></ul>'


def grid(board: Any, views: list[int | None]) -> list[str]:
    """The areas against the seven levels: a row per area, a column per level."""
    e = html.escape
    scale = board.areas[0].why.scale
    out = ['<table class="board">', "<thead><tr>",
           f'<th scope="col" class="area">{e(_("Decision area"))}</th>', *(
               f'<th scope="col" class="level"><span class="step">{s.number}</span> '
               f"{e(s.label)}</th>" for s in scale),
           f'<th scope="col" class="gap">{e(_("Gap"))}</th>', "</tr></thead>", "<tbody>"]
    for n, (a, (title, _scale, _gap, asked), view) in enumerate(
            zip(board.areas, rows(board), views), start=1):
        agreed = a.planned.number if a.planned else None
        question = f'<p class="ask">{e(visible(asked))}</p>' if asked else ""
        out.append(f'<tr><th scope="row" class="area"><span class="no">{n}</span> '
                   f"{e(visible(title))}{question}</th>")
        for step in range(1, 8):
            here = [kind for kind, level in (("rec", a.level.number), ("agreed", agreed),
                                              ("own", view)) if level == step]
            kind = ' class="rec"' if a.level.number == step else ""
            out.append(f"<td{kind}>{''.join(mark(k) for k in here)}</td>")
        out.append(f'<td class="gap">{_signed(agreed, a.level.number)}</td></tr>')
    return out + ["</tbody></table>"]


def _signed(agreed: int | None, recommended: int) -> str:
    """The gap as the board on screen says it: '=', '+2', '\u22121' (a true minus sign)."""
    if agreed is None:
        return ""
    steps = agreed - recommended
    return "=" if steps == 0 else f"+{steps}" if steps > 0 else f"\u2212{-steps}"


STYLE = """
:root { color: #000; background: #fff; font: 22px/1.35 system-ui, "Segoe UI", Arial,
  sans-serif; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
body { margin: 0; }
main { max-width: 1500px; margin: 0 auto; padding: 20px 24px; }
h1 { font-size: 2rem; margin: 0 0 .2em; }
.lead { font-size: 1.2rem; font-weight: 600; margin: 0 0 .6em; }
.legend { list-style: none; display: flex; flex-wrap: wrap; gap: .2em 1.6em; padding: 0;
  margin: 0 0 .8em; }
.mark { display: inline-block; font-size: 1.5em; line-height: 1; margin: 0 .08em; }
.mark.rec { color: #0b4f9c; }
.mark.agreed { color: #a33c00; }
.mark.own { color: #1d6b2a; }
table.board { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { border: 1px solid #555; padding: 6px 6px; vertical-align: middle; }
thead th { font-size: .8rem; font-weight: 400; text-align: center; background: #fff;
  border-bottom: 3px solid #000; }
thead th.area, thead th.gap { font-weight: 700; }
thead th.area { text-align: left; }
th.area { width: 28%; text-align: left; font-weight: 600; overflow-wrap: anywhere; }
th.gap, td.gap { width: 5em; text-align: center; font-weight: 700; }
.step { display: block; font-size: 1.8em; font-weight: 700; }
.no { color: #333; margin-right: .3em; }
td { text-align: center; height: 2.2em; }
td.rec { background: #dce8f6; }
.ask { font-size: .75rem; font-weight: 400; margin: .3em 0 0; color: #222; }
.review { font-size: 1.2rem; font-weight: 600; margin-top: 1em; }
@media (max-width: 1200px) {  /* a 1024 px projector: the grid without sideways scrolling */
  :root { font-size: 18px; }
  main { padding: 12px; }
  th, td { padding: 4px 3px; }
}
@media print {
  @page { size: landscape; margin: 12mm; }
  :root { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  tr { break-inside: avoid; }
}
"""
