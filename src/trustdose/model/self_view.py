"""The employee's or team's own view: the answers file `trustdose ask --self` writes.

The person (or each member of a team) answers the preconditions' questions about
themselves, without the leader's answers (seeds: the employee as a dialogue partner on
the next trust step). The file holds those answers as a case holds the leader's, for the
board's shared answers and, under `areas`, any that differ for one area. It holds no
name of whoever answered: a team member's file names the team, never the member. The
task's risk is not asked: it is the task's, set by the leader, and both views are
carried over the same risk.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .case import DimensionAnswer, IsoDate, Name, OneLine, Subject, _Strict

VIEW = "self"  # what `view:` says: the file is a self-view, not a case or a board
AREAS = 200  # as many as a board may have


class SelfArea(_Strict):
    """The answers that differ for one decision area of a board, found by its `id` or,
    where the board's area has none, by its title."""

    id: OneLine | None = None
    title: Name | None = None
    competence: DimensionAnswer | None = None
    intention: DimensionAnswer | None = None
    resources: DimensionAnswer | None = None


class SelfView(_Strict):
    """One self-view answers file."""

    view: Literal["self"] = Field(
        description="marks a self-view (as the employee's own questionnaire writes it)")
    subject: Subject | None = Field(
        None, description="the person, or the team a member answers about (never the member)")
    date: IsoDate | None = None
    competence: DimensionAnswer = "uncertain"
    intention: DimensionAnswer = "uncertain"
    resources: DimensionAnswer = "uncertain"
    areas: tuple[SelfArea, ...] = Field((), max_length=AREAS)
