"""One way of scoring every instrument of anchored questions: a list of items, each a few
questions rated 1-5 (`rules.instruments.Asked`), gives a score per item (the mean of its
questions answered) and the weakest item, the one to work on. The trust stool's legs are
such items, and so are the sides of the leader's self-check.

Answers may come from one person (the leader) or from several (a team's forms): each
answer set scores the items on its own, and an item's score is the mean over the answer
sets that answered it, so that every set weighs the same whatever it skipped. Raising
an answer never lowers an item: a mean only grows with what it is a mean of.

Scores are compared as they are shown, to one decimal: two items shown as 2.5 tie, and
the weakest is said to be both (the reader would otherwise see a choice without a reason).
"""

from __future__ import annotations

from typing import Mapping, NamedTuple, Sequence

from ..i18n import half_up

SCALE = (1, 5)  # an anchored question's answers, whole numbers
SOUND = 4.0  # from here an item stands firm: nothing is said to wobble
DECIMALS = 1  # scores are shown, and so compared, to one decimal

# One answer set: item id → question id → the answer (1-5; a question left out is skipped)
AnswerSet = Mapping[str, Mapping[str, int]]


class Item(NamedTuple):
    """An item scored from its questions (a stool leg, a side of the self-check)."""

    id: str
    questions: tuple[str, ...]


class Score(NamedTuple):
    """An item's score (None: no answer set answered it) and how many answer sets it
    comes from."""

    value: float | None
    answers: int


class Weakest(NamedTuple):
    """The item or items to work on: the lowest score (several when they tie as shown),
    or none when every item scored stands firm (`sound`) or none was scored."""

    ids: tuple[str, ...]
    score: float | None
    sound: bool

    @property
    def tie(self) -> bool:
        return len(self.ids) > 1


def answered(item: Item, answers: AnswerSet) -> float | None:
    """The mean of the item's questions answered in one answer set (None: none was)."""
    given = answers.get(item.id) or {}
    values = [given[q] for q in item.questions if given.get(q) is not None]
    return sum(values) / len(values) if values else None


def scores(items: Sequence[Item], sets: Sequence[AnswerSet]) -> dict[str, Score]:
    """Each item's score over the answer sets: the mean of each set's own mean."""
    out = {}
    for item in items:
        means = [m for m in (answered(item, one) for one in sets) if m is not None]
        out[item.id] = Score(sum(means) / len(means) if means else None, len(means))
    return out


def shown(value: float) -> float:
    """A score as it is shown (and compared): to one decimal, halves rounded up."""
    return half_up(value, DECIMALS)


def weakest(scored: Mapping[str, float | None], sound_at: float = SOUND) -> Weakest:
    """The lowest of the scores given (None: not scored, left out), in the order given;
    no item when all stand firm, at `sound_at` or above."""
    known = {key: shown(value) for key, value in scored.items() if value is not None}
    if not known:
        return Weakest((), None, False)
    low = min(known.values())
    if low >= sound_at:
        return Weakest((), low, True)
    return Weakest(tuple(key for key, value in known.items() if value == low), low, False)
