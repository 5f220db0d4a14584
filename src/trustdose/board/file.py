"""A board file split into its areas' cases.

A board names its subject once, the answers that hold across its areas once
(competence, intention, resources, as a case gives them) and, under `areas`, each
decision area as a task of its own: its title, risk and the task fields a case has,
an `agreed_level` (the level agreed for it, a case's `planned_level`), and any answer
that is different for this area (relational competence lower for conflict messages:
an indicator given in the area replaces that indicator of the board's answer, a score
replaces the whole answer). Each area becomes one case document whose every value keeps
its place in the board's file, so the problems `intake` finds name the board's line and
column, and are said by the area's own path (`areas[1].title`, counted from 0 as a case's
lists are), all at once.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from ..errors import Problem, did_you_mean
from ..i18n import _
from ..io.source import Document, Loc
from ..model.case import Task
from ..model.vocabulary import PRECONDITIONS

# what a board gives once for all its areas (the leader signs every area's agreement)
SHARED = ("subject", "date", "leader", *PRECONDITIONS)
TOP = (*SHARED, "areas")
# what an area gives: its task's fields, its risk, its own answers, the level agreed
AREA = (*(name for name in Task.model_fields if name != "leader"), "leader", "risk",
        *PRECONDITIONS, "agreed_level", "id")
MAX_AREAS = 200  # far above a board's areas (a team's board has a handful)


class Area(NamedTuple):
    """One area's case: its document, and where each of its values stands in the board
    (the case's path → the board's)."""

    doc: Document
    places: dict[Loc, Loc]


def areas(doc: Document) -> tuple[list[Area], list[Problem]]:
    """The case of each area of a board, and every problem of the board's own shape (a
    key no board has, no list of areas) with its place; the areas are read whatever
    keys are unknown, so their problems are said at once with these."""
    data = doc.data
    if not isinstance(data, dict):
        return [], [doc.problem((), _("a board must be a mapping, found {found}").format(
            found=type(data).__name__ if data is not None else _("nothing")),
            _("start with 'subject:', the answers that hold across the areas, and "
              "'areas:'"))]
    problems = _unknown(doc, data, (), TOP)
    given = data.get("areas")
    if not isinstance(given, list) or not given:
        problems.append(doc.problem(("areas",), _(
            "areas: a board needs a list of its decision areas"), _(
            "under 'areas:', one item per area, each with at least 'title:' and 'risk:'")))
        return [], problems
    if len(given) > MAX_AREAS:
        problems.append(doc.problem(("areas",), _(
            "areas: {n} areas; a board has at most {most}").format(n=len(given), most=MAX_AREAS)))
        return [], problems
    found = []
    marks = [_by_area(found_marks) for found_marks in (doc.marks, doc.keys, doc.grouped)]
    for i, area in enumerate(given):
        if isinstance(area, dict):
            problems += _unknown(doc, area, ("areas", i), AREA)
            needs = _needs(doc, data, area, i)
            problems += needs
            if not needs:  # an area without its risk or an answer is assessed once it has it
                found.append(_case(doc, data, i, marks))
        else:
            problems.append(doc.problem(("areas", i), _(
                "areas[{i}]: an area must be a mapping").format(i=i), _(
                "give at least 'title:' and 'risk:'")))
    return found, problems


def _needs(doc: Document, board: dict, area: dict, i: int) -> list[Problem]:
    """What an area lacks to be a case (its title, its risk, an answer neither it nor the
    board gives), and an answer it gives as indicators where the board gives a score or
    the reverse (the board's would be lost unseen): each said at the area."""
    at: Loc = ("areas", i)
    problems = [doc.problem(at, _("areas[{i}]: an area needs '{key}:'").format(i=i, key=key),
                            _("give the area's {what}").format(what=what))
                for key, what in (("title", _("title")), ("risk", _("risk")))
                if key not in area]
    for dim in PRECONDITIONS:
        shared, own = board.get(dim), area.get(dim)
        if shared is None and own is None:
            problems.append(doc.problem(at, _(
                "areas[{i}]: no answer for {dim}, from the board or the area").format(
                i=i, dim=dim), _("give '{dim}:' at the top, for every area, or in this "
                                 "area").format(dim=dim)))
        elif shared is not None and own is not None and isinstance(own, dict) \
                and not isinstance(shared, dict):
            problems.append(doc.problem((*at, dim), _(
                "areas[{i}].{dim}: indicators, where the board gives {dim} as a score; "
                "the board's score would be lost").format(i=i, dim=dim), _(
                "give this area's {dim} as a whole (a score, or every indicator), or the "
                "board's as indicators").format(dim=dim)))
    return problems


def _unknown(doc: Document, data: dict, at: Loc, allowed: tuple[str, ...]) -> list[Problem]:
    """A problem for every key of `data` that is not `allowed` (`at`: the area's place)."""
    problems = []
    for key in data:
        if key not in allowed:
            said = f"areas[{at[1]}].{key}" if at else str(key)
            message = _("{key}: not a key of a board area") if at else \
                _("{key}: not a key of a board")
            problems.append(doc.problem((*at, key), message.format(key=said), did_you_mean(
                key, allowed) or _("allowed: {keys}").format(keys=", ".join(allowed)), key=True))
    return problems


def _case(doc: Document, board: dict, i: int, marks: list) -> Area:
    """Area `i` as a case document: each value placed where the board's file has it."""
    area = board["areas"][i]
    at: Loc = ("areas", i)
    places: dict[Loc, Loc] = {}  # the case's path → the board's
    case: dict[str, Any] = {"subject": board.get("subject"), "task": {}}
    places[("subject",)] = ("subject",)
    if "date" in board:
        case["date"], places[("date",)] = board["date"], ("date",)
    for key, value in area.items():
        if key in Task.model_fields:
            case["task"][key], places[("task", key)] = value, (*at, key)
        elif key == "agreed_level":
            case["planned_level"], places[("planned_level",)] = value, (*at, key)
        elif key in ("id", "risk"):
            case[key], places[(key,)] = value, (*at, key)
    if "leader" in board and "leader" not in area:
        case["task"]["leader"], places[("task", "leader")] = board["leader"], ("leader",)
    places[("task",)] = places[()] = at
    for dim in PRECONDITIONS:
        case[dim] = _answer(board.get(dim), area.get(dim), dim, at, places)
        if case[dim] is None:
            del case[dim]
    made = [_placed({**shared, **per.get(i, {})}, places) for shared, per in marks]
    return Area(Document(doc.path, case, made[0], made[1], grouped=made[2], offset=doc.offset),
                places)


def _by_area(marks: dict[Loc, Any]) -> tuple[dict[Loc, Any], dict[int, dict[Loc, Any]]]:
    """A board's marks: those outside its areas, and each area's own (so an area's case
    is placed from its own and the board's, not from every area's: linear in the areas)."""
    shared: dict[Loc, Any] = {}
    per: dict[int, dict[Loc, Any]] = {}
    for loc, mark in marks.items():
        if len(loc) > 1 and loc[0] == "areas" and isinstance(loc[1], int):
            per.setdefault(loc[1], {})[loc] = mark
        else:
            shared[loc] = mark
    return shared, per


def _answer(shared: Any, own: Any, dim: str, at: Loc, places: dict[Loc, Loc]) -> Any:
    """An area's answer for `dim`: its own indicators over the board's, or its own
    answer, or the board's."""
    if own is None:
        places[(dim,)] = (dim,)
        return shared
    places[(dim,)] = (*at, dim)
    if isinstance(own, dict) and isinstance(shared, dict):
        for key in shared:
            if key not in own:
                places[(dim, key)] = (dim, key)
        return {**shared, **own}
    return own


def _placed(marks: dict[Loc, Any], places: dict[Loc, Loc]) -> dict[Loc, Any]:
    """The board's marks moved to the case's paths: a case path takes the marks of the
    board path it came from, and of everything below it (the longest path that gives it;
    an area's own place is both its case's and its task's)."""
    back: dict[Loc, list[Loc]] = {}
    for case_at, board_at in places.items():
        back.setdefault(board_at, []).append(case_at)
    out = {}
    for loc, mark in marks.items():
        for n in range(len(loc), -1, -1):
            found = back.get(loc[:n])
            if found is not None:
                for case_at in found:
                    out[case_at + loc[n:]] = mark
                break
    return out


def said_in_area(problem: Problem, area: Area) -> Problem:
    """A problem of an area's case said by the board's path: `task.title` is
    `areas[1].title`, and an answer is the board's or the area's own, as it stands. (What
    an area lacks to be a case is said at the area before: `_needs`.)"""
    path, colon, rest = problem.message.partition(": ")
    placed = _placed_path(path, area) if colon else None
    return problem._replace(message=f"{placed}: {rest}") if placed else problem


def _placed_path(path: str, area: Area) -> str | None:
    """A path of the area's case (`task.tags[0]`) as the board's, or None."""
    loc = tuple(int(part[1:-1]) if part.startswith("[") else part
                for part in _PATH.findall(path))
    for n in range(len(loc), 0, -1):
        board_at = area.places.get(loc[:n])
        if board_at is not None:
            return said(board_at + loc[n:])
    return None


_PATH = re.compile(r"\[\d+\]|[^.\[\]]+")


def said(loc: Loc) -> str:
    """A path in the board as a problem says it: `areas[2].competence.relational`."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else f".{part}" if out else str(part)
    return out
