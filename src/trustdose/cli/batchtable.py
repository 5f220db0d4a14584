"""The batch's table for a person at a terminal (`batch --format table`), drawn with
`rich.table` as wide as the terminal and no wider.

Words wrap only between words: every column is at least as wide as the longest word it
can hold from the rule set (level names, preconditions, cap and warning ids, in the
language) and from the first rows, and when the terminal is too narrow for that, the
columns of least use at a glance (capped by, weakest, risk, subject) are left out, in that
order. Only a case's own id or name longer than its column is folded. The first `MEASURE`
rows are held back to size the columns; the rest follow in blocks of as many, with the
same widths, so memory stays flat however long the run.
"""

from __future__ import annotations

import io
import re
from typing import Any

from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..batch.writers import score_text
from ..errors import visible
from ..i18n import N_, _, format_number, pick
from ..model.vocabulary import DIMENSIONS

KEYS = ("id", "subject", "level", "limiting", "risk", "capped_by", "warnings")
HEAD = {"id": "id", "subject": N_("subject"), "level": N_("level"), "limiting": N_("weakest"),
        "risk": N_("risk"), "capped_by": N_("capped by"), "warnings": N_("warnings")}
DROP = ("capped_by", "limiting", "risk", "subject")  # left out first when narrow
CASE_TEXT = ("id", "subject")  # a case's own words: folded when longer than their column
NARROWEST = 12  # the most a case's id or name may take from the others
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

    def header(self) -> bytes:
        return b""  # drawn with the first rows, once they are measured

    def result(self, a: Any, source: str, extra: Any = None) -> list[bytes]:
        self.held.append(cells(a, source))
        return self._draw() if len(self.held) >= self.MEASURE else []

    def footer(self) -> bytes:
        return b"".join(self._draw()) if self.held else b""

    def _draw(self) -> list[bytes]:
        rows, self.held = self.held, []
        first = self.widths is None
        if first:
            self.widths = fit(rows, self.vocabulary, self.width)
        table = Table(box=None, pad_edge=False, show_edge=False, show_header=first,
                      header_style="", padding=(0, GAP // 2))
        for key, width in self.widths.items():
            table.add_column(Text(broken(_(HEAD[key]).upper(), width)), width=width,
                             overflow="fold")
        for row in rows:
            table.add_row(*(Text(broken(row[key], width) if key in CASE_TEXT else row[key])
                            for key, width in self.widths.items()))
        out = io.StringIO()
        Console(file=out, width=self.width, color_system=None, highlight=False,
                emoji=False, legacy_windows=False, soft_wrap=False).print(table)
        return ["".join(line.rstrip() + "\n" for line in out.getvalue().splitlines())
                .encode()]


def cells(a: Any, source: str) -> dict[str, str]:
    """A row's cells as the table shows them, in the report's language."""
    case_id = a.case_id or source
    if case_id == source:  # no id given: the file name and line say enough here
        case_id = source.replace("\\", "/").rsplit("/", 1)[-1]
    return {"id": visible(case_id), "subject": visible(a.subject.name),
            "level": f"{a.level.number} {a.level.label}",
            "limiting": a.why.titles[a.limiting].lower(), "risk": score_text(a.scores["risk"]),
            "capped_by": a.capped_by or "", "warnings": " ".join(w.kind for w in a.warnings)}


def fit(rows: list[dict[str, str]], known: dict[str, list[str]], width: int) -> dict[str, int]:
    """The width of each column shown: each as wide as its longest text if the terminal
    has room, else narrowed: a case's id and name to their longest word (at most
    `NARROWEST`), then the rule set's columns to their longest word, then the id and name
    to their longest piece between separators."""
    least, snug, most = {}, {}, {}
    for key in KEYS:
        texts = [_(HEAD[key]).upper(), *known.get(key, []), *(row[key] for row in rows)]
        least[key] = max([cell_len(word) for text in texts[1:] for word in text.split()]
                         + [longest_piece(texts[0])])
        snug[key] = least[key]
        if key in CASE_TEXT:  # a case's words may break after a separator, or fold
            snug[key] = min(NARROWEST, least[key])
            least[key] = min(NARROWEST, max(longest_piece(text) for text in texts))
        most[key] = max(cell_len(text) for text in texts)
    shown = list(KEYS)
    for key in DROP:
        if sum(least[k] for k in shown) + GAP * (len(shown) - 1) <= width:
            break
        shown.remove(key)
    widths = {key: most[key] for key in shown}
    over = sum(widths.values()) + GAP * (len(shown) - 1) - width
    free = [k for k in shown if k in CASE_TEXT]
    for keys, floor in ((free, snug), (shown, {**least, **snug}), (free, least)):
        while over > 0 and keys:
            key = max(keys, key=lambda k: widths[k] - floor[k])
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
    """What the rule set can put in each column, in the language."""
    return {"level": [f"{n} {pick(r.item['label'])}" for n, r in rules.levels.items()],
            "limiting": [pick(rules.rubrics[d].item["title"]).lower() for d in DIMENSIONS
                         if d in rules.rubrics and d != "risk"],  # never the weakest
            "risk": [format_number(2.5)],
            "capped_by": [r.id for r in [*rules.caps, *rules.red_lines]],
            "warnings": [r.item["kind"] for r in rules.warnings]}
