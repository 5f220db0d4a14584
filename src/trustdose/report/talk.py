"""The guide of `trustdose talk`: a talk on self-leadership with one person or a team
(seed 003: few, clear goals and results; expectations both ways; the employee's own
responsibility; where the leader is needed), as a `Guide`.

Filled from a case or a board where one is given: the person's or team's name (a team is
asked as a team, never as one person), the goals, the level agreed per area and the day
of the next follow-up; without one, a blank guide with room to write.

How goals are counted: one per task (a case, or a board's area) that says why it matters
(`purpose`) or how both will know it went well (`success`): the two say one goal, its
why and its measure. Goals the leader names for the talk replace the file's. More than
`MOST_GOALS` is more than one talk can steer by, and none leaves it nothing to steer by:
either is a warning before the talk.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple, Sequence

from ..i18n import _, current, format_date, ngettext, pick
from ..model.assessment import Assessment
from .guide import Guide, Section, cited, labels

MOST_GOALS = 3


class Goal(NamedTuple):
    text: str
    why: str | None = None  # the purpose, when the text is the measure of success
    task: str | None = None  # the task or area it is the goal of


class Talked(NamedTuple):
    """Who the talk is with and what is agreed so far (none of it for a blank guide)."""

    name: str | None = None
    team: bool = False
    areas: tuple[Assessment, ...] = ()
    review_date: dt.date | None = None


def goals_of(areas: Sequence[Assessment]) -> list[Goal]:
    """One goal per task that gives a purpose or a measure of success."""
    return [Goal(task.success or task.purpose, task.purpose if task.success else None,
                 task.title) for task in (a.task for a in areas)
            if task.success or task.purpose]


def goal_warnings(count: int) -> list[str]:
    """What the leader should see before the talk about its goals."""
    if count == 0:
        return [_("No goal is written down yet: agree one to three clear goals in the talk, "
                  "each said in one sentence.")]
    if count > MOST_GOALS:
        return [ngettext(
            "{n} goal is more than one talk can steer by.",
            "{n} goals are more than one talk can steer by: choose the one to three that "
            "matter most in the coming period, and say which can wait. The agreements per "
            "area still hold; the goals are what the talk is about.", count).format(n=count)]
    return []


def guide(parts: Sequence[Any], talked: Talked, goals: Sequence[Goal], day: dt.date,
          titles: dict[str, str] | None = None) -> Guide:
    """The guide for a talk with `talked` over `goals`, its parts the rules' `talk`;
    `titles`, the sources' titles by id, name the publications at its foot."""
    blank = talked.name is None
    sections = [_who(talked)]
    for part in parts:
        asked = part.get("questions_team") if talked.team else None
        points = tuple(_goal(g) for g in goals) if part.id == "goals" else ()
        sections.append(Section(part.id, pick(part.get("title")), points=points,
                                questions=tuple(pick(q) for q in asked or part.get("questions")),
                                cite=part.get("cite")))
    follow = (format_date(talked.review_date) if talked.review_date else None)
    sections.append(Section("agreed", _("What we agree on"), lead=(
        _("Who does what, and when do we follow up? (Next follow-up: {date})").format(
            date=follow) if follow else _("Who does what, and when do we follow up?"),)))
    title = (_("Talk on self-leadership") if blank else
             _("Talk on self-leadership with {name}").format(name=talked.name))
    return Guide("talk", current(), title, _opening(talked), tuple(sections), day, labels(),
                 tuple(goal_warnings(len(goals))), sources=cited(
                     (part.get("cite") for part in parts), titles or {}), data={
                     "subject": None if blank else {"name": talked.name,
                                                    "kind": "team" if talked.team else "person"},
                     "goals": [g._asdict() for g in goals],
                     "review_date": talked.review_date.isoformat() if talked.review_date
                     else None})


def _goal(goal: Goal) -> str:
    said = goal.text if goal.why is None else _("{goal} (why: {why})").format(
        goal=goal.text, why=goal.why)
    return said if goal.task is None else _("{task}: {goal}").format(task=goal.task, goal=said)


def _who(talked: Talked) -> Section:
    """Who, and what is agreed so far: blank lines to fill in for a blank guide."""
    if not talked.areas:
        line = "_" * 24
        return Section("who", _("Who and when"), points=(
            *([_("Name: {blank}").format(blank=line)] if talked.name is None else []),
            _("Date: {blank}").format(blank=line),
            _("Next follow-up: {blank}").format(blank=line)), room=False)
    points = []
    for area in talked.areas:
        agreed = area.planned
        points.append((_("{task}: {label} (level {number}, agreed)") if agreed else _(
            "{task}: {label} (level {number}, as assessed, not yet agreed)")).format(
            task=area.task.title, label=(agreed or area.level).label,
            number=(agreed or area.level).number))
    if talked.review_date:
        points.append(_("Next follow-up: {date}").format(date=format_date(talked.review_date)))
    return Section("who", _("Agreed so far"), points=tuple(points), room=False)


def _opening(talked: Talked) -> tuple[str, ...]:
    """Said of leader and employee in the third person: the questions below say 'you'
    to the employee (or the team), and a printed guide both read cannot have 'you' mean
    the leader first."""
    if talked.name is None:
        return (_("A guide for a talk on self-leadership with an employee or a team: a few "
                  "clear goals, the results to look for, what leader and employee expect of "
                  "each other, their own responsibility, and where they need their leader. "
                  "Write as you talk."),)
    if talked.team:
        return (_("A guide for the talk with {name} on self-leadership: a few clear goals, "
                  "the results to look for, what leader and team expect of each other, the "
                  "team's own responsibility, and where the team needs its leader. The "
                  "questions are put to the team as a whole.").format(name=talked.name),)
    return (_("A guide for the talk with {name} on self-leadership: a few clear goals, the "
              "results to look for, what leader and {name} expect of each other, what "
              "{name} takes responsibility for, and where {name} needs their leader.").format(
        name=talked.name),)
