"""A self-view per decision area: each file's shared answers with what it says differs
for the area, and a team's files combined into the middle answer (the median) and how
far apart the answers lie (the spread: the width of the middle half), never one
member's answer. Nothing of a team's view is given from fewer than `FEWEST` answers:
with two, each could tell the other's."""

from __future__ import annotations

import statistics
from typing import Any, NamedTuple, Sequence

from ..errors import Problem, did_you_mean
from ..i18n import _
from ..io.source import Document
from ..model.self_view import SelfArea, SelfView
from ..model.vocabulary import PRECONDITIONS, UNCERTAIN

FEWEST = 3  # a team's view is shown from three answers (issue 23: never from two)

# each dimension's answer as a case gives it: a number, uncertain, or indicators
Answers = dict[str, Any]


class Combined(NamedTuple):
    """The self-view of each area (None: not shown, too few answers), how many answers
    files it comes from, and for a team how far apart they lie per question:
    (area, dimension, indicator or None for the whole dimension) → the spread."""

    areas: tuple[Answers | None, ...]
    answers: int
    team: bool
    spread: dict[tuple[int, str, str | None], float]

    @property
    def shown(self) -> bool:
        return not self.team or self.answers >= FEWEST


def merged(shared: Any, own: Any) -> Any:
    """An area's answer from the shared one and its own, as a board merges them: its own
    indicators over the shared ones, or its own answer whole."""
    if own is None:
        return shared
    if isinstance(own, dict) and isinstance(shared, dict):
        return {**shared, **own}
    return own


def area_answers(view: SelfView, doc: Document, titles: Sequence[tuple[str | None, str]],
                 strict: bool = True) -> tuple[list[Answers], list[Problem]]:
    """The view's answers for each area (`titles`: each area's id and title), and a
    problem for an area of the view that the board does not have (`strict`: a case
    compared with a board's self-view uses the one area that is its task, if any)."""
    own: dict[int, SelfArea] = {}
    problems = []
    ids = {area_id: n for n, (area_id, _title) in enumerate(titles) if area_id is not None}
    named: dict[str, int | None] = {}
    for n, (_id, title) in enumerate(titles):  # two areas of one title: ask by id
        named[_folded(title)] = None if _folded(title) in named else n
    for i, area in enumerate(view.areas):
        key = area.id if area.id is not None else _folded(area.title or "")
        if area.id is None and key in named and named[key] is None:
            problems.append(doc.problem(("areas", i), _(
                "areas[{i}]: two areas of the board are titled '{area}'; say which by its "
                "id").format(i=i, area=area.title)))
            continue
        n = ids.get(area.id) if area.id is not None else named.get(key)
        if n is not None and n in own:
            problems.append(doc.problem(("areas", i), _(
                "areas[{i}]: '{area}' is given twice; give each area once").format(
                i=i, area=area.id if area.id is not None else area.title)))
            continue
        if n is None and strict:
            said = area.id if area.id is not None else area.title or ""
            choices = [t for _id, t in titles] + [i for i in ids]
            problems.append(doc.problem(("areas", i), _(
                "areas[{i}]: '{area}' is not a decision area of the board").format(
                i=i, area=said), did_you_mean(said, choices) or _("its areas: {names}").format(
                names="; ".join(t for _id, t in titles))))
        elif n is not None:
            own[n] = area
    answers = [{dim: merged(getattr(view, dim), getattr(own.get(n), dim, None))
                for dim in PRECONDITIONS} for n in range(len(titles))]
    return answers, problems


def _folded(title: str) -> str:
    return " ".join(title.split()).casefold()


def combine(per_view: list[list[Answers]], team: bool,
            score: Any) -> Combined:
    """One self-view per area from each file's (`per_view[file][area]`); a team's as
    medians, a person's as given. `score(dim, answer)` is a dimension's score as the
    engine counts it (for members who answer a dimension as a whole)."""
    areas = len(per_view[0]) if per_view else 0
    if not team:
        return Combined(tuple(per_view[0]) if per_view else (), len(per_view), False, {})
    if len(per_view) < FEWEST:
        return Combined((None,) * areas, len(per_view), True, {})
    spread: dict[tuple[int, str, str | None], float] = {}
    made = []
    for n in range(areas):
        given = [view[n] for view in per_view]
        made.append({dim: _middle([g[dim] for g in given], (n, dim), spread, score)
                     for dim in PRECONDITIONS})
    return Combined(tuple(made), len(per_view), True, spread)


def _middle(answers: list[Any], at: tuple[int, str], spread: dict, score: Any) -> Any:
    """The median of a team's answers to one dimension: per indicator where every member
    answers by indicator, else of the dimension's scores; uncertain where fewer than
    `FEWEST` give a number."""
    if all(isinstance(a, dict) for a in answers):
        names = list(dict.fromkeys(k for a in answers for k in a))
        out = {}
        for name in names:
            numbers = [a[name] for a in answers if _number(a.get(name))]
            out[name] = _median(numbers, (*at, name), spread)
        return out
    numbers = [score(at[1], a) for a in answers if _answered(a)]
    return _median(numbers, (*at, None), spread)


def _median(numbers: list[float], key: tuple, spread: dict) -> Any:
    if len(numbers) < FEWEST:
        return UNCERTAIN
    low, _mid, high = statistics.quantiles(numbers, n=4, method="inclusive")
    spread[key] = round(high - low, 2)
    return round(statistics.median(numbers), 2)


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _answered(answer: Any) -> bool:
    """A dimension answered with at least one number."""
    if isinstance(answer, dict):
        return any(_number(v) for v in answer.values())
    return _number(answer)
