"""A board built by the questionnaire (`trustdose board` in a terminal): the subject and
the answers that hold across the areas, asked once, then area by area its title, kind,
risk, the level agreed and the answers that differ there; and the board file they make,
which `trustdose board FILE` reads back to the same board. The questions are the
questionnaire's own (`questionnaire.steps`), put at the board's places."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from ..i18n import _
from ..model.vocabulary import PRECONDITIONS
from ..questionnaire import Step, _planned, steps
from ..rules.ruleset import RuleSet
from ..selfview.questions import different_answers, question_names

SUBJECT = (("subject", "name"), ("subject", "kind"), ("subject", "new_in_role"))
AREA = {("task", "title"): ("title",), ("task", "kind"): ("kind",),
        ("task", "people"): ("people",)}


def shared_steps(rules: RuleSet) -> list[Step]:
    """Who the board is for, and the preconditions' questions, asked once for all areas."""
    made = [s for s in steps(rules) if s.key in SUBJECT or s.key[0] in PRECONDITIONS]
    made[0] = dataclasses.replace(made[0], heading=_("The board"), question=_(
        "Who is the board for? (a name, initials or a team)"))
    return made


def area_steps(rules: RuleSet, number: int) -> list[Step]:
    """One area's questions: its title, kind and who it is for, its risk, the level
    agreed for it, and which of the shared answers differ for it."""
    every = steps(rules)
    asked = [s.key for s in every if s.key[0] in PRECONDITIONS]
    made = [dataclasses.replace(s, key=AREA[s.key], heading=_(
        "Decision area {n}").format(n=number) if s.key == ("task", "title") else "",
        intro="") for s in every if s.key in AREA]
    made[0] = dataclasses.replace(made[0], question=_(
        "Which decision area? (a few words, e.g. 'Messages to parents about a named "
        "pupil')"))
    made += [dataclasses.replace(s, key=("risk", s.key[1]), intro="")
             for s in every if s.key[0] == "risk"]
    labels = rules.level_labels()
    made.append(Step(("agreed_level",), _(
        "Which level have you agreed for this area? (1-7 or a name, Enter to skip)"),
        lambda answer: _planned(answer, labels), optional=True))
    made.append(Step(("different",), _(
        "Is there a question you would answer differently for this area? Type its number "
        "and the answer, like 2=3; several separated by commas; Enter for none."),
        lambda answer: different_answers(answer, asked), optional=True,
        # the numbers here are the list's, not the shared questions' numbers on screen
        hint=_("The questions: {names}").format(names=question_names(rules, asked))))
    return made


def board_data(shared: dict[tuple, Any], areas: list[dict[tuple, Any]],
               day: dt.date) -> dict[str, Any]:
    """The board file's content from the answers: the subject, the day, the shared
    answers, and each area with its own."""
    data: dict[str, Any] = {"subject": {}, "date": day.isoformat()}
    for key, value in shared.items():
        if value is None:
            continue
        if key[0] == "subject":
            data["subject"][key[1]] = value
        else:
            data.setdefault(key[0], {})[key[1]] = value
    data["areas"] = [_area(answers) for answers in areas]
    return data


def _area(answers: dict[tuple, Any]) -> dict[str, Any]:
    area: dict[str, Any] = {}
    for key, value in answers.items():
        if value is None or key == ("different",) or key[0] == "subject":
            continue
        if key[0] == "risk":
            area.setdefault("risk", {})[key[1]] = value
        else:
            area[key[0]] = value
    for (dim, indicator), value in (answers.get(("different",)) or {}).items():
        area.setdefault(dim, {})[indicator] = value
    return area
