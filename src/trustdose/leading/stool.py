"""The trust stool scored (Bentzen's model in seed 002): six legs, relational and
structural trust at the levels of person, team and organisation, each the mean of its
anchored questions (`rubric`); the leg that wobbles (the lowest, or several that tie, or
none when all stand firm) and the levers that strengthen it, with their questions.

Rated by the leader alone (one answer set, shown as it is) or by a team (one answer set
per form): a team's leg is shown only from `fewest` forms that answered it, and the leg
that wobbles and its levers come only from legs shown, so that what is hidden cannot be
read from what is said about the others. No form's own answers are in the result.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, Sequence

from ..i18n import pick
from ..io.config import FEWEST_ANSWERS, FEWEST_FLOOR
from ..rules.ruleset import RuleSet
from .rubric import AnswerSet, Item, scores, shown, weakest

MOST_LEVERS = 2  # one or two levers to work on: a short list is one that gets done

By = Literal["leader", "team"]


@dataclass(frozen=True)
class LegScore:
    """One leg as the stool shows it: its score (None: not answered, or hidden: a team's
    leg from fewer than `fewest` forms), and how many answer sets it comes from (None
    when hidden: even the count says who skipped it)."""

    id: str
    trust: str
    level: str
    title: str
    summary: str
    score: float | None
    answers: int | None
    hidden: bool
    cite: str
    source: str


@dataclass(frozen=True)
class LeverHint:
    """A lever to work on the wobbling leg with, and its questions for reflection."""

    id: str
    number: int
    title: str
    summary: str
    questions: tuple[str, ...]
    cite: str


@dataclass(frozen=True)
class Stool:
    """The stool: who rated it, its six legs, the leg(s) that wobble and the levers."""

    by: By
    team: str | None
    answers: int  # answer sets: 1 for the leader, the forms for a team
    fewest: int
    legs: tuple[LegScore, ...]
    wobbles: tuple[str, ...]
    sound: bool  # every leg shown stands firm
    levers: tuple[LeverHint, ...]

    @property
    def shown(self) -> bool:
        """Whether any leg is shown (a team of four forms shows nothing at all)."""
        return any(leg.score is not None for leg in self.legs)

    def to_json(self) -> dict[str, Any]:
        return {"instrument": "stool", "by": self.by, "team": self.team,
                "answers": self.answers, "fewest": self.fewest if self.by == "team" else None,
                "shown": self.shown,
                "legs": [{"id": leg.id, "trust": leg.trust, "level": leg.level,
                          "title": leg.title, "score": leg.score, "answers": leg.answers,
                          "hidden": leg.hidden, "cite": leg.cite, "source": leg.source}
                         for leg in self.legs],
                "wobbles": list(self.wobbles), "tie": len(self.wobbles) > 1,
                "sound": self.sound, "levers": [lever.id for lever in self.levers],
                "lever_questions": [{"id": lever.id, "number": lever.number,
                                     "title": lever.title, "questions": list(lever.questions),
                                     "cite": lever.cite} for lever in self.levers]}


def items(rules: RuleSet) -> list[Item]:
    """The legs as items of the one rubric engine."""
    return [Item(leg.id, tuple(q["id"] for q in leg.item["questions"])) for leg in rules.legs]


def score_stool(rules: RuleSet, sets: Sequence[AnswerSet], by: By, team: str | None = None,
                fewest: int = FEWEST_ANSWERS) -> Stool:
    """The stool from the leader's one answer set, or a team's forms; a team's leg is
    shown from `fewest` forms (five, or as the configuration sets it), never from fewer
    than three whatever a caller asks."""
    fewest = max(fewest, FEWEST_FLOOR)
    scored = scores(items(rules), sets)
    legs = []
    for rule in rules.legs:
        leg, score = rule.item, scored[rule.id]
        hidden = by == "team" and score.answers < fewest
        value = None if hidden or score.value is None else shown(score.value)
        legs.append(LegScore(rule.id, leg["trust"], leg["level"], pick(leg["title"]),
                             pick(leg["summary"]), value, None if hidden else score.answers,
                             hidden, leg["cite"], rule.source))
    low = weakest({leg.id: leg.score for leg in legs})
    return Stool(by, team, len(sets), fewest, tuple(legs), low.ids, low.sound,
                 tuple(_levers(rules, low.ids)))


def _levers(rules: RuleSet, wobbling: Sequence[str]) -> list[LeverHint]:
    """The levers the wobbling legs name, in their order, each once, at most two: a tie
    takes the first of each leg before the second of any."""
    named = [rule.item["levers"] for rule in rules.legs if rule.id in wobbling]
    order = [ids[i] for i in range(max(map(len, named), default=0)) for ids in named
             if i < len(ids)]
    chosen = list(dict.fromkeys(order))[:MOST_LEVERS]
    by_id = {rule.id: rule.item for rule in rules.levers}
    return [LeverHint(lever_id, by_id[lever_id]["number"], pick(by_id[lever_id]["title"]),
                      pick(by_id[lever_id]["summary"]),
                      tuple(pick(q) for q in by_id[lever_id]["questions"]),
                      by_id[lever_id]["cite"])
            for lever_id in chosen if lever_id in by_id]
