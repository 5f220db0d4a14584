"""The batch's table for a person at a terminal (`batch --format table`), drawn with
`rich.table` as wide as the terminal and no wider: the workshop's columns
(`batch.labelled`), labelled in the language.

Words wrap only between words, never inside one: every column is at least as wide as the
longest word it can hold from the rule set (level names, preconditions, warning titles,
the measures that fix the frame, in the language) and from the first rows, and when the
terminal is too narrow for that, the columns of least use at a glance are left out
(`DROP`, in that order: the id first, the task and the planned level last; the command
says which, and how to see them). A row of a workbook or CSV file without an id of its
own is shown by its row number. Only an id or a name longer than its column is folded,
after its separators where it has any; an extra column (a participant, a department) is
cut short on its line with `…` (at most `EXTRA_MOST` wide when room is short). The first
`MEASURE` rows are held back to size the columns; the rest follow in blocks of as many,
with the same widths, so memory stays flat however long the run.
"""

from __future__ import annotations

import io
import re
from typing import Any

from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..batch import labelled
from ..errors import visible
from ..i18n import pick
from ..model.vocabulary import DIMENSIONS

# left out first when narrow, in turn ("extra": the extra columns, the last first): what a
# coach needs least at a glance first; the task and the plan the leader made last. A
# participant's name or department (an extra column) is kept, cut short, before the frame
# and the warnings, which the Markdown, the workbook and the page show in full
DROP = ("id", "frame", "warnings", "extra", "weakest", "gap", "subject", "task", "planned")
KEPT = ("task", "planned")  # a level's name wraps between its words before these go
# the columns of running text, narrowed first: a level is read whole
PROSE = ("task", "frame", "warnings")
WHOLE = ("planned", "level", "weakest")  # wrapped only to keep the task and the plan
CASE_TEXT = ("id", "subject")  # a case's own words: folded when longer than their column
# (and every extra column); a task is running text, wrapped between its words
NARROWEST = 12  # the most a case's id or name may take from the others
EXTRA_MOST = 8  # the most an extra column may take from the others: cut short, with …
GAP = 2  # spaces between columns
# a word's pieces, each with the separator that ends it: a heading's word or a case's id
# or name too long for its column is broken after one of these
PIECES = re.compile(r"[^-_./:]*[-_./:]|[^-_./:]+")


class TerminalTable:
    """A row format (`report.formats.Formatter`) for a terminal `width` columns wide."""

    MEASURE = 200  # rows held back to size the columns, and rows drawn at a time after

    def __init__(self, rules: Any, width: int) -> None:
        self.width = width
        self.vocabulary = vocabulary(rules)
        self.held: list[dict[str, str]] = []
        self.widths: dict[str, int] | None = None  # fixed with the first rows
        self.hidden: list[str] = []  # the columns the terminal had no room for

    def header(self) -> bytes:
        return b""  # drawn with the first rows, once they are measured

    def result(self, a: Any, source: str, extra: Any = None) -> list[bytes]:
        self.held.append(cells(a, source, extra))
        return self._draw() if len(self.held) >= self.MEASURE else []

    def footer(self) -> bytes:
        return b"".join(self._draw()) if self.held else b""

    def _draw(self) -> list[bytes]:
        rows, self.held = self.held, []
        first = self.widths is None
        if first:
            self.widths = fit(rows, self.vocabulary, self.width)
            self.hidden = [key for key in rows[0] if key not in self.widths]
        table = Table(box=None, pad_edge=False, show_edge=False, show_header=first,
                      header_style="", padding=(0, GAP // 2))
        for key, width in self.widths.items():
            cut = key.startswith(labelled.EXTRA)  # a name or a place, cut short on one line
            table.add_column(Text(broken(labelled.heading(key).upper(), width)), width=width,
                             overflow="ellipsis" if cut else "fold", no_wrap=cut)
        for row in rows:
            table.add_row(*(Text(broken(row.get(key, ""), width) if own(key) else
                                 row.get(key, "")) for key, width in self.widths.items()))
        out = io.StringIO()
        Console(file=out, width=self.width, color_system=None, highlight=False,
                emoji=False, legacy_windows=False, soft_wrap=False).print(table)
        return ["".join(line.rstrip() + "\n" for line in out.getvalue().splitlines())
                .encode()]


def cells(a: Any, source: str, extra: Any = None) -> dict[str, str]:
    """A row's cells as the table shows them, in the report's language."""
    case_id = a.case_id or source
    if case_id == source:  # no id given: a table's row by its number, a case file by name
        case_id = labelled.place(source)
    row = {key: visible(text) for key, text in labelled.glance(a, case_id, extra).items()}
    found = labelled.gap(a)
    if found is not None:  # at a glance, the steps: the planned and recommended stand beside
        row["gap"] = short_gap(found.steps)
    return row


def short_gap(steps: int) -> str:
    """The gap as the table shows it: its steps, signed ('−1', '+2', '0'; the words are in
    Markdown, the workbook and the page); a true minus sign, as the summary writes it."""
    return f"{steps:+d}".replace("-", "\u2212") if steps else "0"


def own(key: str) -> bool:
    """Whether a column holds a case's own words (folded when longer than the column)."""
    return key in CASE_TEXT or key.startswith(labelled.EXTRA)


def fit(rows: list[dict[str, str]], known: dict[str, list[str]], width: int) -> dict[str, int]:
    """The width of each column shown: each as wide as its longest text if the terminal
    has room, else narrowed, the widest first: the running text (a case's own words, the
    frame first, the warnings) to its longest word (a case's own words to at most
    `NARROWEST`); where that is not enough, columns are left out (`DROP`) before a level
    is wrapped, except that a level wraps between its words to keep the task and the
    plan (`KEPT`); then every column to its longest word, then a case's own words to
    their longest piece between separators."""
    least, snug, most = {}, {}, {}
    keys = list(rows[0])
    for key in keys:
        texts = [labelled.heading(key).upper(), *known.get(key, []),
                 *(row[key] for row in rows)]
        least[key] = max([cell_len(word) for text in texts[1:] for word in text.split()]
                         + [longest_piece(texts[0])])
        # a level or a precondition is read whole (its heading may wrap)
        snug[key] = least[key] if key not in WHOLE else max(
            [cell_len(text) for text in texts[1:]] + [least[key]])
        if key.startswith(labelled.EXTRA):  # cut short on one line: a name, a place
            snug[key] = least[key] = min(EXTRA_MOST, max(map(cell_len, texts)))
        elif own(key):  # a case's words may break after a separator, or fold
            snug[key] = min(NARROWEST, least[key])
            least[key] = min(NARROWEST, max(longest_piece(text) for text in texts))
        most[key] = max(cell_len(text) for text in texts)
    shown = list(keys)
    extra = [key for key in keys if key.startswith(labelled.EXTRA)]
    worded = {k: min(least[k], snug[k]) for k in keys}
    for key in (*DROP, None):  # left out before a word is folded
        # the task and the plan are kept longest: a level wraps between words first
        floor = worded if key in KEPT else snug
        if sum(floor[k] for k in shown) + GAP * (len(shown) - 1) <= width or key is None:
            break
        if key == "extra":  # one at a time, the last first
            while extra and sum(floor[k] for k in shown) + GAP * (len(shown) - 1) > width:
                shown.remove(extra.pop())
            continue
        shown = [k for k in shown if k != key]
    widths = {key: most[key] for key in shown}
    over = sum(widths.values()) + GAP * (len(shown) - 1) - width
    free = [k for k in shown if own(k)]
    prose = [k for k in shown if own(k) or k in PROSE]
    for narrowed, floor in ((prose, snug), (shown, worded), (free, least)):
        while over > 0 and narrowed:
            key = max(narrowed, key=lambda k: widths[k] - floor[k])
            if widths[key] <= floor[key]:
                break
            widths[key] -= 1
            over -= 1
    return widths


def longest_piece(text: str) -> int:
    """The widest piece `text` can be broken into, between words and after separators."""
    return max((cell_len(p) for word in text.split() for p in PIECES.findall(word)),
               default=0)


def broken(text: str, width: int) -> str:
    """`text` with each word too long for `width` broken into lines after its separators
    (MEDARBEIDER/ TEAM, team-shift-/planning.yaml); rich wraps the rest between words."""
    words = []
    for word in text.split(" "):
        if cell_len(word) > width:
            lines = [""]
            for piece in PIECES.findall(word):
                if lines[-1] and cell_len(lines[-1] + piece) > width:
                    lines.append("")
                lines[-1] += piece
            word = "\n".join(lines)
        words.append(word)
    return " ".join(words)


def vocabulary(rules: Any) -> dict[str, list[str]]:
    """What the rule set can put in each column, in the language, so no word of it is
    ever split whatever the first rows hold."""
    levels = [f"{n} {pick(r.item['label'])}" for n, r in rules.levels.items()]
    frame = [pick(m.item["title"]).lower() for m in rules.measures().values()
             if m.item.get("addresses") == ["resources"]]
    return {"level": levels, "planned": levels,
            "gap": [short_gap(-6), short_gap(6)],
            "weakest": [f"{pick(rules.rubrics[d].item['title']).lower()} "
                        f"{labelled.score_text(2.5)}" for d in DIMENSIONS
                        if d in rules.rubrics and d != "risk"],  # never the weakest
            "frame": frame,
            "warnings": [pick(r.item["title"]) if r.item.get("title") else r.item["kind"]
                         for r in rules.warnings]}
