"""The inputs of `rules check`'s contexts grow with the values the rules tell apart, not
with how many they name (issue 20: a rule on 2,000 tags took minutes): tags no rule tells
apart are one class, a task fact's values that answer its tests alike are one, and each
red line is tested once for each value of what it reads. Counts, never timings."""

from __future__ import annotations

from itertools import combinations

from hypothesis import given, settings, strategies as st

import dataclasses
import trustdose
from trustdose.proofs import grid as grid_module
from trustdose.proofs.decisions import Decisions, distinct
from trustdose.proofs.grid import Context, contexts, overrides, points
from trustdose.proofs.inputs import fact_values, tag_classes
from trustdose.rules.conditions import compile_condition, leaves
from trustdose.rules.ruleset import Rule

from helpers import EXAMPLES


def contains(tag: str) -> dict:
    return {"field": "tags", "op": "contains", "value": tag}


def red_line(when: dict, rule_id: str = "org-line") -> Rule:
    return Rule("red_lines", rule_id, {"id": rule_id, "when": when, "level": 3}, "org.yaml:1",
                "org", (), {}, compile_condition(when))


def tags(n: int, prefix: str = "t") -> list[str]:
    return [f"{prefix}{k}" for k in range(n)]


def test_tags_no_rule_tells_apart_are_one_class():
    many = tags(2000)
    classes = tag_classes([red_line({"any": [contains(t) for t in many]})])
    assert set(classes.values()) == {tuple(sorted(many))}
    # a tag a second rule tests by itself is told apart from the others
    classes = tag_classes([red_line({"any": [contains(t) for t in many]}),
                           red_line(contains("t7"), "other")])
    assert classes["t7"] == ("t7",) and len(classes["t8"]) == 1999
    # each rule on its own tag, under a `not`, or in a whole-list test: a class each
    alone = tag_classes([red_line({"not": {"any": [contains("a"), contains("b")]}}),
                         red_line({"field": "tags", "op": "==", "value": ["c", "d"]}, "eq"),
                         red_line(contains("e"), "e"), red_line(contains("f"), "f")])
    assert {len(found) for found in alone.values()} == {1, 2}
    assert alone["a"] == ("a", "b") and all(len(alone[t]) == 1 for t in "cdef")


def test_a_rule_on_any_or_all_of_many_tags_makes_the_contexts_of_one(monkeypatch):
    """None, one, or all of the tags: as many contexts for 2,000 tags as for two, and the
    conditions read in proportion to the tags (each read once per value of the class),
    not to their square."""
    calls = []
    counted = grid_module.holds
    monkeypatch.setattr(grid_module, "holds", lambda *a: calls.append(1) or counted(*a))
    found = {}
    for n in (2, 500, 2000):
        rule = red_line({"all": [{"any": [contains(t) for t in tags(n, "a")]},
                                 {"all": [contains(t) for t in tags(n, "b")]}]})
        calls.clear()
        found[n] = contexts(entries=[rule])
        assert len(calls) < 40 * n + 100, n
    assert [len(found[n]) for n in found] == [len(found[2])] * 3
    every = max(found[2000], key=lambda ctx: len(ctx.tags))
    assert len(every.tags) == 2001  # one of the a's, all of the b's: the rule holds


def test_a_red_line_is_tested_once_for_each_value_of_what_it_reads():
    """A red line on 500 tags reads only the tags: deciding the whole grid in two
    contexts tests it twice, not at each of the points the level tells apart."""
    rules = trustdose.load_rules(user=False)
    grid = points(rules)
    tested = []
    line = red_line({"any": [contains(t) for t in tags(500)]})
    rules = dataclasses.replace(rules, red_lines=(*rules.red_lines, line._replace(
        test=lambda facts: tested.append(1) or line.test(facts))))
    decided = Decisions(rules, grid)
    for ctx in (Context(), Context(tags=("t3",))):
        decisions = distinct(overrides(ctx), decided)
        levels = [decisions[n][2] for n in decided.keys.plain]
    assert len(tested) == 2
    assert max(levels) == 3  # and it holds where its tag is given


def test_a_fact_in_a_long_list_takes_a_value_for_each_answer():
    # not given (nor in the list), in it; then in it or not on each side of 1,000
    assert fact_values([("in", tags(2000, "v"))]) == (None, "v0")
    assert fact_values([("in", list(range(0, 4000, 2))), (">=", 1000)]) == (None, 0, 1000,
                                                                             1001)


def tag_tests(names: list[str]):
    leaf = st.one_of(st.sampled_from(names).map(contains),
                     st.tuples(st.sampled_from(["==", "!="]),
                               st.lists(st.sampled_from(names), min_size=1, max_size=2,
                                        unique=True))
                     .map(lambda t: {"field": "tags", "op": t[0], "value": sorted(t[1])}))
    return st.recursive(leaf, lambda inner: st.one_of(
        st.lists(inner, min_size=1, max_size=4).map(lambda parts: {"all": parts}),
        st.lists(inner, min_size=1, max_size=4).map(lambda parts: {"any": parts}),
        inner.map(lambda part: {"not": part})), max_leaves=8)


NAMES = ["a", "b", "c", "d", "e"]


@settings(max_examples=50, deadline=None)
@given(conditions=st.lists(tag_tests(NAMES), min_size=1, max_size=3))
def test_the_contexts_meet_every_outcome_the_tags_can_give(conditions):
    """Whatever tags the rules mention a case gives, some context answers every rule
    alike: taking a class of tags as none, one or all of them, and merging what no rule
    tells apart, leaves no combination out. (Each rule also tests `z`, so that all are
    one group, combined.)"""
    rules = [red_line({"any": [contains("z"), cond]}, f"r{n}")
             for n, cond in enumerate(conditions)]

    def answers(given: tuple[str, ...]) -> tuple[bool, ...]:
        return tuple(rule.test({"tags": tuple(sorted(given))}) for rule in rules)
    names = sorted({tag for rule in rules for _f, _op, value in leaves(rule.get("when"))
                    for tag in (value if isinstance(value, list) else [value])})
    every = {answers(chosen) for k in range(len(names) + 1)
             for chosen in combinations(names, k)}
    assert every == {answers(ctx.tags) for ctx in contexts(entries=rules)}


def test_a_red_line_on_exactly_some_tags_is_given_them():
    """`tags == [i, j]` reads the whole list: the tags given so far count in what is left
    of it (they did not, and the check took i and j never together: 'never fires')."""
    found = contexts(entries=[red_line({"field": "tags", "op": "==", "value": ["i", "j"]})])
    assert [ctx.tags for ctx in found] == [(), ("i", "j")]


def test_the_combinations_remembered_are_those_found_afresh(monkeypatch):
    """`rules check` asks for the contexts of fewer and fewer rules as they fire, the same
    groups again each time: remembered, each is what finding it afresh gives (the default
    rules and the example overlay, ever fewer of their rules, one table for all)."""
    from trustdose.memo import Forgetful, Memo
    remembered = Memo()
    for layers in ([], [EXAMPLES / "org-overlay"]):
        entries = trustdose.load_rules(layers, user=False).all_rules()
        for asked in [entries[n:] for n in range(0, len(entries), 7)]:
            monkeypatch.setattr(grid_module, "_FOUND", Forgetful())
            fresh = contexts(entries=asked)
            monkeypatch.setattr(grid_module, "_FOUND", remembered)
            assert contexts(entries=asked) == contexts(entries=asked) == fresh
    assert remembered  # and it was used
