"""The workshop page (`batch -o workshop.html`): one self-contained HTML file for the
projector, with the summary as bar charts (levels, planned against recommended, weakest
preconditions) and a table of the cases that sorts by a click on a column's heading.

Nothing is fetched: the charts are inline SVG, the style and the few lines of script are
in the page, there are no fonts or images. Every text from a case or a rule file is
escaped (`html.escape`), so a subject `<script>` shows as text. The page keeps a small
record per case it shows (`Record`), at most `SHOWN` of them; the charts count them all.
The table carries the extra columns a row brought (a leader, a department) after the
subject, and fits a projector's 1024 or 1280 pixels without sideways scrolling: its
text wraps between words, and only a word wider than its column breaks.
"""

from __future__ import annotations

import html
from typing import Any, Callable, NamedTuple

from ..i18n import _, current, format_count, ngettext
from . import summarized

SHOWN = 5_000  # cases in the table at most: more is no use on a projector, and the page
# stays light enough for a browser; the charts and the summary count every case


class Record(NamedTuple):
    """What the table shows of a case: texts as given, levels by number and label."""

    subject: str
    task: str
    planned: tuple[int, str] | None
    level: tuple[int, str]
    weakest: str
    warnings: str
    extra: tuple[tuple[str, str], ...] = ()  # the row's extra columns: (header, cell)


def record(a: Any, warning_titles: dict[str, str], extra: Any = None) -> Record:
    """A case's row of the table, from its assessment and the extra columns it carried."""
    plan = a.parts.planned.value
    return Record(a.subject.name, a.task.title,
                  None if plan is None else (plan.number, plan.label),
                  (a.level.number, a.level.label), a.why.titles[a.limiting],
                  ", ".join(warning_titles.get(k, k) for k in a.warning_kinds),
                  tuple((str(k), str(v)) for k, v in (extra or {}).items()))


class Page:
    """The page as a `Formatter`: each result kept as a `Record` (the first `SHOWN`), the
    whole page written at the end, with the figures `figures()` gives then."""

    def __init__(self, figures: Callable[[], Any], warning_titles: dict[str, str]) -> None:
        self.figures, self.titles = figures, warning_titles
        self.records: list[Record] = []

    def header(self) -> bytes:
        return b""

    def result(self, a: Any, source: str, extra: Any = None) -> list[bytes]:
        if len(self.records) < SHOWN:
            self.records.append(record(a, self.titles, extra))
        return []

    def footer(self) -> bytes:
        return render(self.figures(), self.records).encode()


def render(f: Any, records: list[Record] | None) -> str:
    """The page: the summary's figures as charts, and `records` as a sortable table
    (None: the summary alone)."""
    e, title = html.escape, _("Delegation in the workshop")
    out = [f'<!DOCTYPE html>\n<html lang="{e(current())}">\n<head>\n<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{e(title)}</title>", f"<style>{STYLE}</style>",
           "</head>\n<body>\n<main>", f"<h1>{e(title)}</h1>",
           f'<p class="lead">{e(summarized.cases_line(f))}</p>']
    if f.assessed:
        out.append('<div class="charts">')
        out.append(chart(_("Cases per level"), [(f"{n} {c.label}", c.count)
                                                 for n, c in enumerate(f.levels, 1)]))
        out.append(chart(_("Planned against recommended"), [(c.label, c.count)
                                                            for c in f.plans]))
        out.append(chart(_("Weakest preconditions"), [(c.label, c.count) for c in f.weakest]))
        out.append("</div>")
        out += _more(f)
        out += table(records, f.assessed) if records is not None else []
    out += ["</main>", f"<script>{SCRIPT}</script>", "</body>\n</html>\n"]
    return "\n".join(out)


BAR = 40  # px a bar takes, with its gap
TYPE = 20  # px: the charts' type, as large as the page's
ROOM = 240  # px for the longest bar


def chart(title: str, bars: list[tuple[str, int]]) -> str:
    """A horizontal bar chart as inline SVG: a label, a bar and its count a line. Drawn
    at its own size in pixels (shrunk only where the page is narrower), so its type is
    the page's size on a projector; the labels get the room the longest one needs."""
    e = html.escape
    most = max([n for _label, n in bars] + [1])
    label = max([len(text) for text, _n in bars] + [4]) * TYPE * 0.62 + 24
    width, height = round(label + ROOM + 70), BAR * len(bars)
    out = [f'<figure class="chart"><figcaption>{e(title)}</figcaption>',
           f'<svg role="img" aria-label="{e(title)}" viewBox="0 0 {width} {height}"'
           f' width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">']
    for at, (text, n) in enumerate(bars):
        y, length = at * BAR, max(round(ROOM * n / most), 2)
        out.append(f'<text x="{label - 10:.0f}" y="{y + 26}" text-anchor="end">{e(text)}</text>'
                   f'<rect x="{label:.0f}" y="{y + 6}" width="{length}" height="{BAR - 12}"'
                   f' rx="3"/><text class="n" x="{label + length + 10:.0f}" y="{y + 26}">'
                   f"{e(format_count(n))}</text>")
    return "\n".join(out + ["</svg></figure>"])


def _more(f: Any) -> list[str]:
    """The summary's other parts (frame first, mean scores, warnings) as short lists."""
    e = html.escape
    out = ['<div class="more">']
    for heading, rows, _unit, _values in summarized.sections(f)[3:]:
        items = "".join(f"<li>{e(label)}: <b>{e(figure)}</b></li>" for label, figure in rows)
        out.append(f"<section><h2>{e(heading[:1].upper() + heading[1:])}</h2>"
                   f"<ul>{items or '<li>' + e(_('none')) + '</li>'}</ul></section>")
    return out + ["</div>"]


COLUMNS = (("subject", "t"), ("task", "t"), ("planned", "n"), ("recommended", "n"),
           ("gap", "n"), ("weakest", "t"), ("warnings", "t"))


def _headings() -> dict[str, str]:
    return {"subject": _("Subject"), "task": _("Task"), "planned": _("Planned"),
            "recommended": _("Recommended"), "gap": _("Gap (steps)"),
            "weakest": _("Weakest precondition"), "warnings": _("Warnings")}


def table(records: list[Record], assessed: int) -> list[str]:
    """The cases as a table; a click on a heading sorts by it (again: the other way)."""
    e, names = html.escape, _headings()
    hint = _("Click a heading to sort by it; click again to reverse.")
    out = ["<h2>" + e(_("The cases")) + "</h2>", f'<p class="hint">{e(hint)}</p>']
    if len(records) < assessed:
        out.append('<p class="hint">' + e(ngettext(
            "The table shows the first {shown} of {n} case; the charts count them all.",
            "The table shows the first {shown} of {n} cases; the charts count them all.",
            assessed).format(shown=format_count(len(records)), n=format_count(assessed)))
            + "</p>")
    # the extra columns after the subject, by the headers of the first rows that had any
    extra = list(dict.fromkeys(name for r in records for name, _cell in r.extra))
    names.update({f"extra{at}": name for at, name in enumerate(extra)})
    columns = [COLUMNS[0], *((f"extra{at}", "t") for at in range(len(extra))), *COLUMNS[1:]]
    out.append('<table id="cases"><thead><tr>' + "".join(
        f'<th data-key="{key}" data-type="{kind}"><button type="button">'
        f'{e(names[key]).replace("/", "/<wbr>")}</button></th>' for key, kind in columns)
        + "</tr></thead><tbody>")
    out += [_row(r, extra) for r in records]
    return out + ["</tbody></table>"]


def _row(r: Record, extra: list[str]) -> str:
    e = html.escape
    level = f'<td data-sort="{r.level[0]}">{r.level[0]} {e(r.level[1])}</td>'
    if r.planned is None:
        planned, gap = '<td data-sort=""></td>', '<td data-sort=""></td>'
    else:
        steps = r.planned[0] - r.level[0]
        planned = f'<td data-sort="{r.planned[0]}">{r.planned[0]} {e(r.planned[1])}</td>'
        gap = f'<td data-sort="{steps}" class="gap">{_signed(steps)}</td>'
    given = dict(r.extra)
    cells = "".join(f"<td>{e(given.get(name, ''))}</td>" for name in extra)
    return (f"<tr><td>{e(r.subject)}</td>{cells}<td>{e(r.task)}</td>{planned}{level}{gap}"
            f"<td>{e(r.weakest)}</td><td>{e(r.warnings)}</td></tr>")


def _signed(steps: int) -> str:
    return f"+{steps}" if steps > 0 else f"\u2212{-steps}" if steps < 0 else "0"


STYLE = """
:root { color: #000; background: #fff; font: 22px/1.4 system-ui, "Segoe UI", Arial,
  sans-serif; }
body { margin: 0; }
main { max-width: 1400px; margin: 0 auto; padding: 20px 24px; }
h1 { font-size: 2.1rem; margin: 0 0 .2em; }
h2 { font-size: 1.4rem; margin: 1.2em 0 .4em; }
.lead { font-size: 1.35rem; font-weight: 600; margin: 0 0 1em; }
.charts { display: flex; flex-wrap: wrap; gap: 16px 40px; }
figure.chart { margin: 0; break-inside: avoid; }
figcaption { font-size: 1.3rem; font-weight: 700; margin-bottom: .3em; }
svg { max-width: 100%; height: auto; overflow: visible; }
svg text { font: 20px system-ui, "Segoe UI", Arial, sans-serif; fill: #000; }
svg text.n { font-weight: 700; }
svg rect { fill: #0b4f9c; }
.more { display: grid; grid-template-columns: repeat(auto-fit, minmax(360px, 1fr));
  gap: 0 40px; }
.more h2 { font-size: 1.15rem; }
.more ul { margin: 0; padding-left: 1.2em; }
.hint { color: #222; }
table { border-collapse: collapse; width: 100%; margin-top: .5em; font-size: .82rem; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px;
  border-bottom: 1px solid #555; overflow-wrap: break-word; }
@media (max-width: 1200px) {  /* a 1024 px projector: smaller type, the words kept whole */
  main { padding: 16px 12px; }
  table { font-size: .64rem; }
  th, td { padding: 4px 3px; }
}
td.gap, th[data-key="gap"] { text-align: right; }
thead th { position: sticky; top: 0; background: #fff; border-bottom: 3px solid #000; }
th button { font: inherit; font-weight: 700; background: none; border: 0; padding: 0;
  color: #000; cursor: pointer; text-align: inherit; }
th button:focus-visible { outline: 3px solid #0b4f9c; }
th[aria-sort="ascending"] button::after { content: " \\25B2"; }
th[aria-sort="descending"] button::after { content: " \\25BC"; }
tbody tr:nth-child(even) { background: #f0f0f0; }
@media print {
  :root { font-size: 12pt; }
  main { max-width: none; padding: 0; }
  thead th { position: static; }
  tr { break-inside: avoid; }
  .hint { display: none; }
}
"""

# Sorts the table by a column: numbers by their data-sort (empty last), text in the page's
# language; the sort is kept in the address (#sort=gap, #sort=-gap), so a link opens sorted
SCRIPT = """
(function () {
  var table = document.getElementById("cases");
  if (!table) return;
  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var words = new Intl.Collator(document.documentElement.lang, {numeric: true});
  function key(row, at, numeric) {
    var cell = row.cells[at], given = cell.getAttribute("data-sort");
    if (!numeric) return cell.textContent;
    return given === null || given === "" ? null : Number(given);
  }
  function sort(name, down) {
    var at = heads.findIndex(function (th) { return th.dataset.key === name; });
    if (at < 0) return;
    var numeric = heads[at].dataset.type === "n", body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a, at, numeric), y = key(b, at, numeric);
      if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
      var order = numeric ? x - y : words.compare(x, y);
      return down ? -order : order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    heads.forEach(function (th) { th.removeAttribute("aria-sort"); });
    heads[at].setAttribute("aria-sort", down ? "descending" : "ascending");
  }
  heads.forEach(function (th) {
    th.querySelector("button").addEventListener("click", function () {
      var down = th.getAttribute("aria-sort") === "ascending";
      sort(th.dataset.key, down);
      history.replaceState(null, "", "#sort=" + (down ? "-" : "") + th.dataset.key);
    });
  });
  var asked = /^#sort=(-?)([a-z0-9]+)$/.exec(location.hash);
  if (asked) sort(asked[2], asked[1] === "-");
})();
"""
