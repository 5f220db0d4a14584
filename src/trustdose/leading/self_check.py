"""The self-check's scoring (`trustdose self`): from the leader's answers to the anchored
questions of the rule section `worthy`, the one or two sides to practise.

Never a score: seed 002 makes being worthy of trust part of the personal leadership a
leader grows in, not a measure to compare leaders by, so no total and no side's mark
leaves this module. The side whose answers lie lowest is the one to practise; a second
is added only when it lies as low, or nearly (`NEAR`), and is not already strong
(`STRONG`), so that the leader is given one or two things, never a list. A side not
answered (skipped, or `?` throughout) is never chosen: nothing is known of it.

A side's answers are one mark by the one way every instrument of anchored questions is
scored (`leading.rubric`), only to compare the sides within one check.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from .rubric import Item, answered

UNSURE = "?"
NEAR = 0.5  # a second side this close to the lowest is practised too
STRONG = 4.0  # a side answered at this or above on average is not practised as a second
Answers = dict[tuple[str, str], Any]  # (side id, question id) → 1-5, "?" or None (skipped)


class SelfCheck(NamedTuple):
    """What the answers give: the sides to practise (ids, in the rules' order of how low
    they lie), whether every side answered is already strong (then the one practised is
    to keep it up), and the sides with no answer at all."""

    practise: list[str]
    strong: bool
    unanswered: list[str]


def _mark(side: dict, answers: Answers) -> float | None:
    """A side's answers as one mark (`rubric.answered`: the mean of its questions answered
    1-5; None: none was). "?" and anything off the scale are not answers."""
    given = {q["id"]: v for q in side["questions"]
             if isinstance(v := answers.get((side["id"], q["id"])), int)
             and not isinstance(v, bool) and 1 <= v <= 5}
    return answered(Item(side["id"], tuple(given)), {side["id"]: given})


def score(worthy: Any, answers: Answers) -> SelfCheck:
    """The sides (`worthy`: the rule section's items, in order) to practise from
    `answers`."""
    marks = []
    unanswered = []
    for order, rule in enumerate(worthy):
        side = rule.item
        mark = _mark(side, answers)
        if mark is None:
            unanswered.append(side["id"])
        else:
            marks.append((mark, order, side["id"]))
    if not marks:
        return SelfCheck([], False, unanswered)
    marks.sort()
    lowest = marks[0]
    chosen = [lowest[2]]
    if len(marks) > 1:
        second = marks[1]
        if second[0] - lowest[0] <= NEAR and second[0] < STRONG:
            chosen.append(second[2])
    return SelfCheck(chosen, lowest[0] >= STRONG, unanswered)


def questions(worthy: Any) -> list[tuple[str, str]]:
    """Every question's key (side id, question id), in the rules' order."""
    return [(rule.item["id"], q["id"]) for rule in worthy for q in rule.item["questions"]]
