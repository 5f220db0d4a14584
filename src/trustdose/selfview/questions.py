"""The self-view questionnaire as data (`trustdose ask --self`): the indicators' own-voice
questions from the rubrics in force (an organisation's indicator without them is not
asked), then, for a board, one question per decision area for the answers that differ
there; and the answers file they make. Nothing of the leader's answers is asked or
shown: only who the view is about and the areas' titles."""

from __future__ import annotations

import datetime as dt
from typing import Any, Sequence

from ..i18n import _, pick
from ..model.case import Subject
from ..model.self_view import VIEW
from ..model.vocabulary import PRECONDITIONS, UNCERTAIN, UNCERTAIN_WORDS
from ..questionnaire import Step, _score
from ..rules.ruleset import RuleSet

def headings() -> dict[str, str]:
    """Each precondition's heading, in the employee's voice as much as in the leader's."""
    return {"competence": _("Skills for the task"), "intention": _("Will and responsibility"),
            "resources": _("Frame and means")}


def self_steps(rules: RuleSet, team: bool, areas: Sequence[str] = ()) -> list[Step]:
    """Every question of the self-view, in the rubrics' order, then one per area."""
    heads = headings()
    steps: list[Step] = []
    for dim in PRECONDITIONS:
        first = True
        for indicator in rules.rubrics[dim].item["indicators"]:
            asked = indicator.get("self")
            if asked is None:
                continue
            steps.append(Step(
                (dim, indicator["id"]),
                pick(asked["question_team" if team else "question"]), _score,
                heading=heads[dim] if first else "",
                anchors=sorted((n, pick(t)) for n, t in asked["anchors"].items()),
                hint=_("1-5, ? if you are unsure, < or b to go back")))
            first = False
    asked = [s.key for s in steps]
    names = question_names(rules, asked)
    for n, title in enumerate(areas):
        steps.append(Step(("areas", n), _(
            "For “{area}”: is there a question you would answer differently for this area? "
            "Type its number and your answer, like 2=3, separated by commas; Enter for "
            "none.").format(area=" ".join(title.split())),
            lambda answer, asked=asked: different_answers(answer, asked), optional=True,
            heading=_("The decision areas") if n == 0 else "",
            intro=_("The questions: {names}").format(names=names) if n == 0 else ""))
    return steps


def question_names(rules: RuleSet, asked: Sequence[tuple[str, ...]]) -> str:
    """The questions asked, numbered by their labels, to be named by number after."""
    return " · ".join(f"{n} {pick(_indicator(rules, key).get('label')) or key[1]}"
                      for n, key in enumerate(asked, start=1))


def _indicator(rules: RuleSet, key: tuple[str, ...]) -> dict[str, Any]:
    return next(i for i in rules.rubrics[key[0]].item["indicators"] if i["id"] == key[1])


def different_answers(answer: str,
                      asked: list[tuple[str, ...]]) -> dict[tuple[str, str], Any] | None:
    """'2=3, 5=?' as the answers that differ: question 2's is 3, question 5's unsure."""
    if not answer.strip():
        return None
    out = {}
    for piece in answer.replace(";", ",").split(","):
        if not piece.strip():
            continue
        number, equals, value = piece.partition("=")
        number, value = number.strip(), value.strip().lower()
        if not equals or not number.isdigit() or not 1 <= int(number) <= len(asked):
            raise ValueError(_("'{piece}': type a question's number (1 to {n}), = and your "
                               "answer, like 2=3").format(piece=piece.strip(), n=len(asked)))
        if asked[int(number) - 1] in out:
            raise ValueError(_("'{piece}': question {number} is answered twice; give it "
                               "once").format(piece=piece.strip(), number=number))
        try:
            out[asked[int(number) - 1]] = _score(value)
        except ValueError as exc:
            raise ValueError(f"'{piece.strip()}': {exc}") from None
    return out or None


def self_view_data(answers: dict[tuple, Any], subject: Subject | None,
                   titles: Sequence[tuple[str | None, str]], day: dt.date) -> dict[str, Any]:
    """The answers file's content: who it is about (never who answered, for a team), the
    day, the answers, and per area those that differ (by the area's id, else its title)."""
    data: dict[str, Any] = {"view": VIEW}
    if subject is not None:
        data["subject"] = {"name": subject.name, "kind": subject.kind}
    data["date"] = day.isoformat()
    for key, value in answers.items():
        if key[0] in PRECONDITIONS:
            data.setdefault(key[0], {})[key[1]] = _written(value)
    areas = []
    for (area_id, title), n in zip(titles, range(len(titles))):
        different = answers.get(("areas", n))
        if not different:
            continue
        area: dict[str, Any] = {"id": area_id} if area_id is not None else {"title": title}
        for (dim, indicator), value in different.items():
            area.setdefault(dim, {})[indicator] = _written(value)
        areas.append(area)
    if areas:
        data["areas"] = areas
    return data


def _written(value: Any) -> Any:
    return "?" if value == UNCERTAIN or value in UNCERTAIN_WORDS else value
