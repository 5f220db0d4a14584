"""The next trust step: the smallest change of the scores that lifts the level by one,
said as what is shown and done (never a score to raise).

Preconditions are raised and risk lowered on the half-point grid. One dimension is tried
first; when none suffices (preconditions close together, or weak preconditions *and*
high risk), the cheapest combination of a common floor for the preconditions and a lower
risk is taken. When a cap no score can lift holds the level, `changes` is empty and the
message names the cap.

The search asks for many levels, and a batch for the same ones again, so what it finds
is remembered (in the compiled rules' tables) under the facts it depends on: the scores, and
whatever the caps and red lines test (`level_fields`).
"""

from __future__ import annotations

import operator
from typing import Any, Callable

from ..i18n import N_, _, listing, pick
from ..model.assessment import Change, NextStep
from ..model.vocabulary import DIMENSIONS, HALF_POINTS, PRECONDITIONS
from ..rules.conditions import fields_tested
from ..rules.placeholders import fill
from ..rules.ruleset import Rule, RuleSet
from .decide import decide, held_by, level_ref, lifted, settle_limiting

Remember = Callable[..., Any]  # (table, key, make, *args) → part, remembered
Pair = tuple[float | None, float | None]  # (a floor for the preconditions, a risk)


def level_fields(rules: RuleSet) -> list[str]:
    """Every fact the level can depend on: the weakest precondition (the carry bands),
    whatever the caps and red lines test, and the safeguards in place when one lifts any."""
    limits = [*rules.caps, *rules.red_lines]
    tested = fields_tested(r.get("when") for r in limits)
    lifted = {"safeguards"} if any(r.get("lifted_by") for r in limits) else set()
    return sorted(tested | lifted | {"weakest"})


def grid(value: float, down: bool) -> list[float]:
    """Half-point steps from `value` towards 1 (down) or 5 (up), excluding `value`."""
    return [s for s in reversed(HALF_POINTS) if s < value] if down else \
        [s for s in HALF_POINTS if s > value]


def cheapest(facts: dict[str, Any], pairs: list[Pair]) -> Pair:
    """The first of the combinations that moves the scores least, and then the fewest
    (what `combination` changes, added up in its order)."""
    given = [facts[dim] for dim in PRECONDITIONS]
    now = facts["risk"]
    best, least = pairs[0], None
    for pair in pairs:  # written out: a search may weigh dozens of them
        floor, risk = pair
        total, count = 0.0, 0
        if floor is not None:
            for value in given:
                if value < floor:
                    total, count = total + floor - value, count + 1
        if risk is not None:
            total, count = total + abs(risk - now), count + 1
        if least is None or (total, count) < least:
            best, least = pair, (total, count)
    return best


def combination(facts: dict[str, Any], pair: Pair) -> dict[str, float]:
    """Every precondition below the floor raised to it, and risk lowered to `risk`."""
    floor, risk = pair
    trial = {d: floor for d in PRECONDITIONS if floor is not None and facts[d] < floor}
    if risk is not None:
        trial["risk"] = risk
    return trial


class Search:
    """The search for the next step under one rule set: which grid values of which
    scores lift a level, remembered (`remember`) under what they depend on: the level
    key (`fields`: whatever the level depends on) without the changed score, and the
    other preconditions (their lowest, unless the rules tell them apart)."""

    def __init__(self, rules: RuleSet, fields: list[str], remember: Remember,
                 key: Callable[[dict[str, Any]], tuple] | None = None) -> None:
        self.rules, self.fields, self.remember = rules, fields, remember
        self.where = {f: i for i, f in enumerate(fields)}
        self.weakest_at = self.where["weakest"]
        self.limiting_at = self.where.get("limiting")
        self.singled = "limiting" in self.where or any(d in self.where for d in PRECONDITIONS)
        # the level's key (`Compiled.decision_key`: the tags only as far as a limit asks
        # about them), else the fields' values
        self.base = key or (operator.itemgetter(*fields) if len(fields) > 1 else
                            (lambda facts: (facts[fields[0]],)))
        # the safeguards some cap or red line names, in the order of the controls
        named = {s for r in [*rules.caps, *rules.red_lines] for s in r.get("lifted_by")}
        self.lifting = [c.id for c in rules.controls if c.id in named]

    def change(self, facts: dict[str, Any], level: int) -> dict[str, float] | None:
        """The scores to change, and to what, to lift `level` by one; None if none lifts.
        It reads the level, the four scores and the level key, which the next step is
        remembered under (`engine.steps`), so it is not remembered again here."""
        base = list(self.base(facts))
        given = [facts[d] for d in PRECONDITIONS]
        best: dict[str, float] | None = None
        distance = 0.0
        for dim in DIMENSIONS:
            to = self._first_lift(facts, level, dim, base, given)
            if to is not None and (best is None or abs(to - facts[dim]) < distance):
                best, distance = {dim: to}, abs(to - facts[dim])
        if best is not None:
            return best
        # with a floor the weakest precondition becomes the floor, so which combinations
        # lift depends on the weakest and risk, not on each precondition (unless rules
        # tell them apart)
        key = (level, facts["risk"], *base, *(given if self.singled else ()))
        pairs = self.remember("lifting pairs", key, self._lifting_pairs, facts, level, base, given)
        if not pairs:
            return None
        return combination(facts, cheapest(facts, pairs))

    def safeguards(self, facts: dict[str, Any], level: int) -> tuple[str, ...]:
        """The controls not yet in place any one of which, put in place, lifts the level
        (seed 002: meaningful control makes more freedom safe)."""
        found = []
        for name in self.lifting:
            if name not in facts["safeguards"]:
                trial = {**facts, "safeguards": (*facts["safeguards"], name)}
                if decide(self.rules, trial)[2] > level:
                    found.append(name)
        return tuple(found)

    def _first_lift(self, facts: dict[str, Any], level: int, dim: str, base: list,
                    given: list) -> float | None:
        key = base.copy()
        if dim in self.where:
            key[self.where[dim]] = None
        others: Any = None
        if dim in PRECONDITIONS:
            key[self.weakest_at] = None
            at = PRECONDITIONS.index(dim)
            others = (*given[:at], *given[at + 1:])
            others = others if self.singled else min(others)
            if self.limiting_at is not None:
                key[self.limiting_at] = None
        return self.remember("lifts", (dim, facts[dim], level, others, *key), self._search,
                             facts, level, dim, base, given)

    def _search(self, facts: dict[str, Any], level: int, dim: str, base: list,
                given: list) -> float | None:
        """The nearest grid value of `dim` that lifts the level, if any."""
        for to in grid(facts[dim], down=dim == "risk"):
            if self._level_with(facts, {dim: to}, base, given) > level:
                return to
        return None

    def _lifting_pairs(self, facts: dict[str, Any], level: int, base: list,
                       given: list) -> list[Pair]:
        return [(floor, risk) for floor in [None, *grid(facts["weakest"], False)]
                for risk in [None, *grid(facts["risk"], True)]
                if (floor, risk) != (None, None)
                and self._level_with(facts, combination(facts, (floor, risk)), base, given) > level]

    def _level_with(self, facts: dict[str, Any], changes: dict[str, float], base: list,
                    given: list) -> int:
        """The level the facts would carry with `changes` to the scores."""
        key = base.copy()
        for dim, to in changes.items():
            if dim in self.where:
                key[self.where[dim]] = to
        values = [changes.get(d, v) for d, v in zip(PRECONDITIONS, given)]
        low = min(values)
        key[self.weakest_at] = low
        if self.limiting_at is not None:
            key[self.limiting_at] = PRECONDITIONS[values.index(low)]

        def make() -> int:
            trial = {**facts, **changes}
            settle_limiting(trial)
            return decide(self.rules, trial)[2]
        return self.remember("levels", tuple(key), make)


def step_to(rules: RuleSet, facts: dict[str, Any], level: int, cap: Rule | None,
            best: dict[str, float] | None, safeguards: tuple[str, ...] = ()) -> NextStep:
    """The next step that `best` (from `Search.change`) makes, in words; when no change
    of the scores lifts the level, the safeguards that would."""
    target = level_ref(rules, level + 1)
    if best is None and cap is not None and fields_tested([cap.get("when")]) == NEW_HERE:
        # new ground is new only once: the first round lifts it, not a safeguard from
        # another sector (a cold read crossed out spot checks and reported deviations as
        # the step for a reading programme held because it was new)
        # (and not "once you have heard what was decided", which is Inquire's, beside a
        # level held at Advise for a task hardly done here: a cold read)
        return NextStep(level=target, changes=[], message=_(
            "The task is new here: once the first round has gone well, it is no longer new, "
            "and {level} opens.").format(level=target.label))
    if best is None and safeguards:
        titles = listing([pick(rules.measures()[s].item["title"]).lower()
                          for s in safeguards], N_(" or "))
        return NextStep(level=target, changes=[], safeguards=list(safeguards), message=_(
            "No change of the scores lifts the level, but a safeguard does: with {titles} in "
            "place, the case supports {level}.").format(titles=titles, level=target.label))
    if best is None and cap is not None and precondition_tested(cap):  # a skill, say
        return NextStep(level=target, changes=[], message=_(
            # not "their" for one named person (cold reads)
            "What holds the level: {reason}. Once the hard cases have been handled well "
            "without your help, {level} opens.").format(
            reason=pick(cap.item["reason"]), level=target.label))
    if best is None:
        # a cap a safeguard lifts: what it allows, not the cap's reason, which names the
        # level below (a cold read: "no decision before it is talked over" at Inquire)
        by = lifted(cap, facts)[1] if cap is not None else None
        reason = held_by(rules, by) if by else pick(cap.item["reason"]) if cap else \
            _("no change of the scores alone lifts it")
        # a cap at the level the weakest precondition carries holds it too: better scores
        # would not lift it, which is not the same as holding it below what they carry
        said = _("The level is held whatever the scores: {reason}.") if facts.get("capped") \
            or cap is None else _("Stronger preconditions alone would not lift it: {reason}.")
        return NextStep(level=target, changes=[], message=said.format(reason=reason))
    return NextStep(
        level=target,
        changes=[Change(dimension=d, from_=facts[d], to=to) for d, to in best.items()],
        message=step_words(rules, facts, best, target.label))


NEW_HERE = {"risk.novelty"}  # a cap on this alone holds until the task has been done once
OWN_CALL = 5  # Advise: the level from which the decision is the person's own


def precondition_tested(cap: Rule) -> str | None:
    """The precondition whose parts (its indicators) a cap tests, when it tests nothing
    else: one the person can grow, unlike the task's risk."""
    tested = {field.partition(".")[0] for field in fields_tested([cap.get("when")])}
    return tested.pop() if len(tested) == 1 and tested <= set(PRECONDITIONS) else None


def once(facts: dict[str, Any]) -> bool:
    """Whether the task is an event (a one-off, said so), not one done again and again:
    its next step is about the day and the next one like it. (A due date alone is a
    deadline: work goes on until it.)"""
    return facts.get("task.kind") == "one-off"


def step_words(rules: RuleSet, facts: dict[str, Any], best: dict[str, float],
               level: str) -> str:
    """The next step as what the person shows or does and what the leader does, and the
    level it opens; never a score to raise (seed 003: trust grows by repeated
    trust-building acts). Where the low score is an uncertain answer, the step is to find
    out; for an event, what fits the day and the next one like it."""
    event = once(facts)
    unsure = [d for d in best if d in facts.get("uncertain", ())]
    # from Advise up they decide on their own: the step is never to work together again
    # (a cold read: "do the next few together" beside Inquire)
    alone = facts["level"] >= OWN_CALL
    steps = []
    for dim in best:
        item = rules.rubrics[dim].item
        key = "find_out" if dim in unsure else "grow_once" if event and "grow_once" in item \
            else "grow_alone" if alone and "grow_alone" in item else "grow"
        steps.append(fill(rules, pick(item[key]), facts))
    if unsure:
        then = _("What you find out decides whether it opens {level}.")
    elif event and "risk" in best:  # the next like it carries the same risk (a cold read:
        # "the next of the same kind" beside a cap the risk holds)
        # the next like it, at a lower risk: this one's risk does not change (cold reads:
        # "and the risk is that much lower" beside a cap held by the task's own risk)
        then = _("When that holds, the next task like it can start at {level}, if its risk "
                 "is lower.")
    elif event:
        then = _("When that holds, the next task like it can start at {level}.")
    else:
        then = _("When that holds, it opens {level}.")
    return " ".join([*steps, then.format(level=level)])
