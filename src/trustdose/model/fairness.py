"""What a fairness check of a batch finds, and its JSON: pairs of cases whose answers are
alike but whose planned levels are far apart, and groups whose plans differ from what
the same answers carry, in numbers that a coach can read aloud as questions.

The seeds' fairness: decisions that feel reasonable and impartial ("000: Retfærdighed"),
and a leader who differentiates trust must be able to say why ("002: At differentiere
tilliden"). The check never judges: it asks for the reason (`batch.fairness` finds,
`report.fairness` says it).
"""

from __future__ import annotations

from typing import Any, NamedTuple

from .assessment import LevelRef, plain

CITE = "000: Retfærdighed; 002: At differentiere tilliden"


class Alike(NamedTuple):
    """When two cases' answers are alike: every dimension's score at most `within` from
    the other's, and the task risk on the same side of every limit in `risk_limits` (the
    limits at which the rules' caps and red lines on the task risk set in)."""

    within: float
    risk_limits: tuple[float, ...]


class Side(NamedTuple):
    """One case of a pair, as the coach sees it: `case_id` is the case's id, or where the
    row gave none its place in the input (a row's number, a file's name)."""

    case_id: str
    subject: str
    task: str
    planned: LevelRef
    level: LevelRef  # what the answers carry (the recommended level)
    scores: dict[str, float]


class Pair(NamedTuple):
    """Two cases with alike answers whose planned levels are `apart` steps apart, in one
    group of the `--by` column (`group`; None without one): two cases one leader can
    explain. `differs` is the largest difference of any dimension's score (0: the same
    answers); `more` how many other pairs of cases have these very answers and plans."""

    first: Side
    second: Side
    apart: int
    differs: float
    more: int
    group: str | None = None


class Figures(NamedTuple):
    """Plans against what the answers carry, for a group or for the groups beside it:
    the mean gap in steps (planned minus recommended), and the shares of cases the rules
    warn of more trust than the case carries (`overdose`) or more control than needed
    (`overcontrol`)."""

    cases: int  # cases with a planned level
    mean_gap: float
    overdose: float  # a share, 0-1
    overcontrol: float


class Group(NamedTuple):
    """One value of the `--by` column. `figures` and `others` are None when the group
    is too small to be shown (fewer than `Fairness.fewest` cases with a plan); `others`
    is also None when no other group is shown to compare with."""

    value: str  # "" for the cases that give the column no value
    figures: Figures | None
    others: Figures | None
    stands_out: bool  # its plans differ from the others' by `Fairness.stands_out`


class Fairness(NamedTuple):
    """The whole check: the definitions it used (so the output shows its numbers), the
    cases that took part, the pairs (the `pairs_total` found; the most alike shown), and
    the groups of the `by` column."""

    alike: Alike
    apart: int  # planned levels at least this many steps apart make a pair
    cases: int  # cases assessed
    without_plan: int  # cases with no planned level: they take no part
    pairs_total: int
    pairs: list[Pair]
    by: str | None
    groups: list[Group]
    fewest: int  # a group with fewer cases with a plan shows nothing
    stands_out: tuple[float, float]  # (steps of mean gap, share) that make a group stand out
    by_found: bool = True  # whether any case gave the `by` column at all
    complete: bool = True  # False: too many distinct answers to compare all (a lower bound)
    cite: str = CITE

    def to_json(self) -> dict[str, Any]:
        """The check as plain JSON data (docs/batch.md, "The fairness check")."""
        data = plain(self)
        data["stands_out"] = {"mean_gap": self.stands_out[0], "share": self.stands_out[1]}
        return data
