"""The decisions `rules check` and `rules diff` make limit by limit, for the points the
level's keys tell apart (`proofs.decisions`), are what the engine decides point by point
(`decide`, frame first, `required`, `binding`): on random caps and red lines, each of
them on scores, tags, a task fact or the safeguards in place, at every grid point."""

from __future__ import annotations

import dataclasses

from hypothesis import HealthCheck, given, settings, strategies as st

import trustdose
from trustdose.engine.decide import binding, decide, frame_in_place, required
from trustdose.proofs.decisions import Decisions, distinct
from trustdose.proofs.grid import points
from trustdose.rules.conditions import compile_condition
from trustdose.rules.ruleset import Rule

RULES = trustdose.load_rules(user=False)
GRID = points(RULES)
MEASURES = sorted(c.id for c in RULES.controls)[:3]

leaf = st.one_of(
    st.builds(lambda f, op, v: {"field": f, "op": op, "value": v},
              st.sampled_from(["competence", "intention", "resources", "risk", "weakest"]),
              st.sampled_from([">=", "<", "=="]), st.sampled_from([1.5, 2.5, 3.0, 4.0, 5.0])),
    st.builds(lambda t: {"field": "tags", "op": "contains", "value": t},
              st.sampled_from(["a", "b"])),
    st.builds(lambda v: {"field": "facts.amount", "op": ">=", "value": v},
              st.sampled_from([10, 100])))
condition = st.recursive(leaf, lambda inner: st.one_of(
    st.builds(lambda parts: {"all": parts}, st.lists(inner, min_size=1, max_size=3)),
    st.builds(lambda parts: {"any": parts}, st.lists(inner, min_size=1, max_size=3)),
    st.builds(lambda part: {"not": part}, inner)), max_leaves=5)
limit = st.fixed_dictionaries({
    "when": condition, "level": st.sampled_from([None, 1, 2, 3, 4, 5, 6]),
    "require": st.lists(st.sampled_from(MEASURES), max_size=2, unique=True),
    "lifted_by": st.sampled_from([None, {MEASURES[0]: 6}])})
contexts = st.lists(st.fixed_dictionaries({
    "tags": st.sampled_from([(), ("a",), ("a", "b")]),
    "facts.amount": st.sampled_from([None, 50, 500]),
    "safeguards": st.sampled_from([(), (MEASURES[0],)])}), min_size=1, max_size=3)


def rule_set(drawn: list[dict]):
    caps, lines = [], []
    for at, item in enumerate(drawn):
        section = "caps" if at % 2 == 0 and item["level"] is not None else "red_lines"
        if section == "red_lines" and item["level"] is None and not item["require"]:
            item = {**item, "level": 3}
        kept = {k: v for k, v in item.items() if v is not None and v != []}
        made = Rule(section, f"r{at}", {"id": f"r{at}", **kept}, f"o.yaml:{at}", "o", (),
                    kept, compile_condition(item["when"]))
        (caps if section == "caps" else lines).append(made)
    return dataclasses.replace(RULES, caps=(*RULES.caps[:1], *caps),
                               red_lines=(*RULES.red_lines[:1], *lines))


def plainly(rules, facts: dict) -> tuple:
    """The decision at one point as `assess` makes it (`decisions.distinct`'s form)."""
    if not any(facts["weakest"] >= b.item["at_least"] for b in rules.carry):
        return (None, [], 0, {}, None)
    band, limits, level = decide(rules, facts)
    fixed = frame_in_place(rules, facts)
    if fixed is not None and decide(rules, fixed)[2] > level:
        facts = fixed
        band, limits, level = decide(rules, facts)
    return band, limits, level, required(rules, facts), binding(limits, facts)


def named(decision: tuple) -> tuple:
    band, limits, level, needs, holding = decision
    return (band and band.id, [e.id for e in limits], level,
            {m: e.id for m, e in needs.items()}, holding and holding.id)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(limit, min_size=1, max_size=4), contexts)
def test_decisions_made_limit_by_limit_are_the_engines_at_every_point(drawn, changes):
    rules = rule_set(drawn)
    decided = Decisions(rules, GRID)
    for changed in changes:
        changed = {k: v for k, v in changed.items() if v not in (None, ())}
        made = distinct(changed, decided)
        for at in range(0, len(GRID), 7):  # a seventh of the grid: every level of each score
            point = {**GRID[at], **changed}
            assert named(made[decided.keys.plain[at]]) == named(plainly(rules, point)), at
