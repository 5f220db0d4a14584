"""The stool's questions as the questionnaire asks them of the leader (`trustdose stool`
in a terminal): a step per question, in the legs' order, each optional (Enter skips it),
and its answers as one answer set of the rubric engine."""

from __future__ import annotations

from typing import Any

from ..i18n import _, pick
from ..questionnaire import Step
from ..rules.ruleset import RuleSet

HINT_WORDS = ("?", "help", "hjælp", "hjelp", "hjälp")


def stool_steps(rules: RuleSet) -> list[Step]:
    """Every question of the stool, in the leader's voice, with its anchors."""
    steps = []
    for leg in rules.legs:
        summary = pick(leg.item["summary"])
        for n, asked in enumerate(leg.item["questions"]):
            steps.append(Step(
                (leg.id, asked["id"]), pick(asked["text"]),
                lambda text, said=summary: answer(text, said),
                heading=pick(leg.item["title"]) if n == 0 else "",
                intro=summary if n == 0 else "",
                anchors=sorted((k, pick(t)) for k, t in asked["anchors"].items()),
                hint=_("1-5; Enter skips the question, ? says more, < or b goes back"),
                optional=True))
    return steps


def answer(text: str, summary: str) -> int | None:
    """A typed answer: 1-5, or None (Enter: skipped); ? raises the help as the message
    the questionnaire shows before asking again."""
    word = text.strip().lower()
    if not word:
        return None
    if word in HINT_WORDS:
        raise ValueError(_("What this leg is about: {summary} Answer with the number whose "
                           "line fits best (2 and 4 lie between), or Enter to skip.").format(
            summary=summary))
    if word in ("1", "2", "3", "4", "5"):
        return int(word)
    raise ValueError(_("Answer a whole number from 1 to 5; Enter skips the question, ? "
                       "says more."))


def answer_set(answers: dict[tuple[str, ...], Any]) -> dict[str, dict[str, int]]:
    """The walk's answers as one answer set: leg → question → answer (skips left out)."""
    out: dict[str, dict[str, int]] = {}
    for (leg, question), value in answers.items():
        if value is not None:
            out.setdefault(leg, {})[question] = value
    return out
