"""The leader's answers and the self-view side by side, area by area: where they lie two
steps or more apart (or the leader was unsure where the person was not), which are the
talk's first questions, a team's questions where its own answers lie far apart, and the
level each view carries over the same task and risk (the one engine, given the
self-view's answers in place of the leader's)."""

from __future__ import annotations

from typing import Any, Callable, NamedTuple, Sequence

from ..model.assessment import LevelRef
from ..model.case import answer
from ..model.vocabulary import PRECONDITIONS
from .combine import Answers, Combined

APART = 2  # steps apart that make a question for the talk (as a board's agreed level)
DIVIDED = 2  # a team whose middle half of answers spans this many steps is divided


class Difference(NamedTuple):
    """One question the two views answer differently: in `area` (None: every area alike),
    the dimension and indicator (None: the dimension as a whole), the leader's answer
    (None: unsure) and the self-view's."""

    area: int | None
    dimension: str
    indicator: str | None
    leader: float | None
    own: float

    def to_json(self) -> dict[str, Any]:
        return {"area": self.area, "dimension": self.dimension, "indicator": self.indicator,
                "leader": self.leader, "self": self.own}


class Divided(NamedTuple):
    """A question a team's own answers lie far apart on: the median and the spread."""

    area: int | None
    dimension: str
    indicator: str | None
    median: float
    spread: float

    def to_json(self) -> dict[str, Any]:
        return {"area": self.area, "dimension": self.dimension, "indicator": self.indicator,
                "median": self.median, "spread": self.spread}


class SelfCompared(NamedTuple):
    """The comparison: how many answers files, whether a team's, whether anything is
    shown (a team's from three answers), the differences, a team's divided questions,
    and per area the level the self-view carries (None where not shown)."""

    answers: int
    team: bool
    shown: bool
    differences: tuple[Difference, ...]
    divided: tuple[Divided, ...]
    levels: tuple[LevelRef | None, ...]
    # the questions' names in the run's language (dimension → indicator → label), and
    # each dimension's: for the report, not the JSON
    labels: dict[str, dict[str, str]] = {}
    dims: dict[str, str] = {}
    unsure: bool = False  # shown, and no question answered with a number

    def to_json(self) -> dict[str, Any]:
        return {"answers": self.answers, "team": self.team, "shown": self.shown,
                "differences": [d.to_json() for d in self.differences],
                "divided": [d.to_json() for d in self.divided],
                "levels": [None if lv is None else {"number": lv.number, "name": lv.name}
                           for lv in self.levels]}


def compare(leader: Sequence[Answers], combined: Combined, indicators: dict[str, list[str]],
            score: Callable[[str, Any], float],
            carried: Callable[[int, Answers], LevelRef]) -> SelfCompared:
    """Compare the leader's answers of each area with the self-view's. `score(dim,
    answer)`: a dimension's score as the engine counts it; `carried(area, answers)`:
    the level the area's case carries with these answers in place of the leader's."""
    if not combined.shown:
        return SelfCompared(combined.answers, combined.team, False, (), (),
                            (None,) * len(leader))
    return _compared(leader, combined, indicators, score, carried)


def _compared(leader: Sequence[Answers], combined: Combined, indicators: dict[str, list[str]],
              score: Callable[[str, Any], float],
              carried: Callable[[int, Answers], LevelRef]) -> SelfCompared:
    found: list[list[Difference]] = []
    for n, (mine, theirs) in enumerate(zip(leader, combined.areas)):
        assert theirs is not None  # shown: every area has its view
        found.append([d for dim in PRECONDITIONS
                      for d in _apart(n, dim, mine[dim], theirs[dim], indicators[dim],
                                      score)])
    divided = [[Divided(n, dim, ind, _median(combined.areas[n], dim, ind), width)
                for (n2, dim, ind), width in combined.spread.items()
                if n2 == n and width >= DIVIDED] for n in range(len(leader))]
    unsure = all(_unsure(theirs[dim]) for theirs in combined.areas if theirs is not None
                 for dim in PRECONDITIONS)
    # no answer carries no level of its own (all unsure would read as the middle answers)
    levels = (None,) * len(leader) if unsure else tuple(
        carried(n, theirs) for n, theirs in enumerate(combined.areas) if theirs is not None)
    return SelfCompared(combined.answers, combined.team, True,
                        tuple(_shared(found, Difference)), tuple(_shared(divided, Divided)),
                        levels, unsure=unsure)


def _apart(n: int, dim: str, mine: Any, theirs: Any, known: list[str],
           score: Callable[[str, Any], float]) -> list[Difference]:
    """The differences in one dimension: per indicator where both answer by indicator,
    else the dimension's scores."""
    if isinstance(mine, dict) and isinstance(theirs, dict):
        pairs = [(ind, _value(mine.get(ind)), _value(theirs.get(ind))) for ind in known]
    else:
        pairs = [(None, None if _unsure(mine) else score(dim, mine),
                  None if _unsure(theirs) else score(dim, theirs))]
    return [Difference(n, dim, ind, a, b) for ind, a, b in pairs
            if b is not None and (a is None or abs(a - b) >= APART)]


def _value(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) \
        else None


def _unsure(value: Any) -> bool:
    """A dimension answered with no number at all."""
    if isinstance(value, dict):
        return not any(_value(v) is not None for v in value.values())
    return _value(value) is None


def _median(answers: Answers | None, dim: str, ind: str | None) -> float:
    value = (answers or {}).get(dim)
    return float(value[ind] if ind is not None and isinstance(value, dict) else value)


def _shared(per_area: list[list[Any]], kind: Any) -> list[Any]:
    """What every area says alike said once, as the board's (area None), then what
    differs by area, each area's in its order."""
    if not per_area:
        return []
    alike = set.intersection(*(set(item._replace(area=None) for item in items)
                               for items in per_area))  # one case: all of it
    out = [item._replace(area=None) for item in per_area[0]
           if item._replace(area=None) in alike]
    out += [item for items in per_area for item in items
            if item._replace(area=None) not in alike]
    return out


def dimension_score(rubrics: dict[str, Any], indicators: dict[str, list[str]]
                    ) -> Callable[[str, Any], float]:
    """A dimension's score from an answer, as the engine counts it (`engine.decide`)."""
    from ..engine.decide import score

    def scored(dim: str, given: Any) -> float:
        return score(rubrics[dim], answer(given, indicators[dim])[0])[0]
    return scored
