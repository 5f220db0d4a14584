"""The fairness check of a batch (`model.fairness`): what each case planned against what
its answers carry, gathered as the rows come (in this process or on workers, then
merged in the file's order), and what it comes to at the end: pairs of alike cases whose
planned levels are far apart, and the groups of a column whose plans stand out.

Gathering keeps one entry per distinct answer pattern and plan (a count and its first
case), and a few counts per group, so memory stays small and the pairs are found among
patterns, not cases: alike patterns lie in neighbouring cells of a grid as wide as
"alike" (`batch.alike`).
"""

from __future__ import annotations

from typing import Any

from ..errors import UsageError
from ..i18n import _
from ..model.assessment import Assessment
from ..model.fairness import Alike, Fairness, Figures, Group, Side
from ..model.vocabulary import DIMENSIONS
from ..rules.conditions import leaves
from ..rules.ruleset import RuleSet
from .alike import pairs
from .labelled import place

WITHIN = 0.5  # every dimension's score at most this far from the other's: alike
APART = 2  # planned levels at least this many steps apart make a pair worth asking about
SHOWN = 10  # pairs shown (the most alike first); all are counted
FEWEST = 5  # a group with fewer cases with a plan shows nothing (no one is singled out)
# a group stands out when its mean gap is a step or more from the other groups', or a
# share of warned cases a quarter or more from theirs
STANDS_OUT = (1.0, 0.25)


def risk_limits(rules: RuleSet) -> tuple[float, ...]:
    """The task risk's limits at which the rules' caps and red lines set in (2.5, 3.5,
    4.5 in the defaults): two cases on the same side of each have the same risk band."""
    return tuple(sorted({float(value) for rule in [*rules.caps, *rules.red_lines]
                         for field, _op, value in leaves(rule.get("when"))
                         if field == "risk" and isinstance(value, (int, float))}))


class Gathered:
    """What the check needs of each case, gathered as the rows come; `by` is the column
    whose values make the groups (None: no groups)."""

    def __init__(self, by: str | None = None, limits: tuple[float, ...] = ()) -> None:
        self.by, self.limits = by, limits  # the risk limits (`risk_limits`)
        self.cases = 0
        self.without_plan = 0
        # (scores, planned level, group or None) → [cases, the first case's Side]
        self.patterns: dict[tuple, list] = {}
        # the column's value → [cases with a plan, sum of gaps, overdose, overcontrol]
        self.groups: dict[str, list[int]] = {}
        self.by_found = False  # some row gave the column

    def fresh(self) -> "Gathered":
        """An empty one for the same check (a worker's chunk)."""
        return Gathered(self.by, self.limits)

    def check(self, layouts: list[Any]) -> None:
        """Before the run: `by` a column no input's header has is a `UsageError` with
        the columns there are, when every input has a header (CSV, a workbook: their
        `io.layout.CsvLayout`s); JSON lines and YAML give fields row by row, and the
        findings say when no case had it."""
        if self.by is None or not layouts or None in layouts:
            return
        named = list(dict.fromkeys(h.strip() for layout in layouts for h in layout.header
                                   if h.strip()))
        if self.by.casefold() in {column.casefold() for column in named}:
            return
        import difflib  # only on the way to the error
        folded = {column.casefold(): column for column in named}
        hint = _("the columns there are: {columns}").format(columns=", ".join(named))
        close = difflib.get_close_matches(self.by.casefold(), folded, n=1)
        if close:  # said as the header writes it
            hint = _("did you mean '{name}'?").format(name=folded[close[0]]) + " " + hint
        raise UsageError(_("no input has a column '{column}' to group the cases by").format(
            column=self.by), hint)

    def add(self, row: Any, a: Assessment | None) -> None:
        if a is None:
            return
        self.cases += 1
        planned = a.planned
        if self.by is not None:
            value = group_value(row, self.by)
            self.by_found = self.by_found or value is not None
        if planned is None:
            self.without_plan += 1
            return
        # the scores as the rules read them (one decimal, half up): alike as they decide
        scores = a.scores
        # pairs only within a group: two cases the same leader can explain
        key = (tuple([scores[d] for d in DIMENSIONS]), planned.number,
               (value or "") if self.by is not None else None)
        held = self.patterns.get(key)
        if held is None:
            source = getattr(row, "source", "")
            where = place(source) if a.case_id in (None, "", source) else a.case_id
            self.patterns[key] = [1, Side(where, a.subject.name, a.task.title, planned,
                                          a.level, dict(scores))]
        else:
            held[0] += 1
        if self.by is not None:
            kinds = a.warning_kinds
            counts = self.groups.setdefault(value or "", [0, 0, 0, 0])
            counts[0] += 1
            counts[1] += planned.number - a.level.number
            counts[2] += "overdose" in kinds
            counts[3] += "overcontrol" in kinds

    def merge(self, other: "Gathered") -> None:
        """Add what a later part of the same run gathered (its first cases come after)."""
        self.cases += other.cases
        self.without_plan += other.without_plan
        self.by_found = self.by_found or other.by_found
        for key, (count, side) in other.patterns.items():
            held = self.patterns.get(key)
            if held is None:
                self.patterns[key] = [count, side]
            else:
                held[0] += count
        for value, counts in other.groups.items():
            held = self.groups.setdefault(value, [0, 0, 0, 0])
            for at, count in enumerate(counts):
                held[at] += count

    def findings(self, within: float = WITHIN, apart: int = APART, shown: int = SHOWN,
                 fewest: int = FEWEST) -> Fairness:
        """What the check finds in all that was gathered."""
        alike = Alike(within, self.limits)
        total, found, complete = pairs(self.patterns, alike, apart, shown)
        return Fairness(alike, apart, self.cases, self.without_plan, total, found, self.by,
                        groups(self.groups, fewest) if self.by is not None else [], fewest,
                        STANDS_OUT, self.by_found or self.by is None, complete)


def groups(counts: dict[str, list[int]], fewest: int = FEWEST) -> list[Group]:
    """Each group's figures beside those of the other groups shown (a group too small
    to be shown is in neither: nothing about it can be worked out from the others);
    sorted by value, the cases without one last."""
    shown = {value: held for value, held in counts.items() if held[0] >= fewest}
    out = []
    for value in sorted(counts, key=lambda v: (v == "", v.casefold(), v)):
        if value not in shown:
            out.append(Group(value, None, None, False))
            continue
        mine = _figures([shown[value]])
        rest = [held for other, held in shown.items() if other != value]
        theirs = _figures(rest) if rest else None
        out.append(Group(value, mine, theirs, theirs is not None and (
            abs(mine.mean_gap - theirs.mean_gap) >= STANDS_OUT[0]
            or abs(mine.overdose - theirs.overdose) >= STANDS_OUT[1]
            or abs(mine.overcontrol - theirs.overcontrol) >= STANDS_OUT[1])))
    return out


def _figures(held: list[list[int]]) -> Figures:
    cases, gaps, overdose, overcontrol = (sum(h[at] for h in held) for at in range(4))
    return Figures(cases, round(gaps / cases, 2), round(overdose / cases, 2),
                   round(overcontrol / cases, 2))


def group_value(row: Any, column: str) -> str | None:
    """The value of `column` in the row as given (a CSV row's cells, a JSON line's or YAML
    document's fields, a dotted path such as `subject.kind`, or a column kept apart as
    `extra`), as text ("" when the row gives it no value); None when the row has no
    such column. Column names are matched ignoring case and spaces around them."""
    original = row.original
    places = [original, getattr(row, "extra", None)]
    if isinstance(original, dict):
        places.append(original.get("extra"))
    for holder in places:
        found = _lookup(holder, column)
        if found is not _MISSING:
            return _text(found)
    return None


_MISSING = object()


def _lookup(place: Any, column: str) -> Any:
    if not isinstance(place, dict):
        return _MISSING
    wanted = column.strip().casefold()
    for key, value in place.items():
        if str(key).strip().casefold() == wanted:
            return value
    head, dot, rest = column.partition(".")
    if dot:
        return _lookup(_lookup(place, head), rest)
    return _MISSING


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(_text(v) for v in value)
    return str(value).strip()
