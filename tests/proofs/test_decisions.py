"""What `rules check` decides in a context costs what can hold there (issue 20, hostile
item 10): rules on distinct task facts each fire in a context of their own, and each
context is decided with the rules that can hold in it, so the check grows with the
rules, not with their square; what it finds is the same."""

from __future__ import annotations

from collections import Counter

import dataclasses
import trustdose
from trustdose.proofs import decisions
from trustdose.proofs.check import check


def facts_overlay(n: int) -> str:
    return "red_lines:\n" + "".join(
        f"  - id: r{i}\n    when: {{field: facts.f{i}, op: '>=', value: {i + 1}}}\n"
        f"    level: 3\n    reason: {{en: r}}\n" for i in range(n))


def test_each_context_tests_each_rule_once_for_each_value_it_reads(overlay):
    """A red line on a task fact of its own reads that fact only: in each context it is
    tested once, not at each of the points the level tells apart, so the check grows
    with the rules, not with their square."""
    rules = trustdose.load_rules([overlay({"org.yaml": facts_overlay(12)})], user=False)
    tested: Counter = Counter()
    counted = [line._replace(test=lambda facts, line=line: tested.update([line.id]) or
                             line.test(facts)) if line.id.startswith("r") else line
               for line in rules.red_lines]
    result = check(dataclasses.replace(rules, red_lines=counted))
    contexts = result.contexts
    assert set(tested) == {f"r{i}" for i in range(12)}
    # once in each context; the search for rules decided after the level (a warning no
    # context fired) may decide a few points more, never once for each value of each rule
    assert contexts <= max(tested.values()) <= contexts + 12
    # and each still fires, binds and is checked for monotonicity in its context
    assert not result.findings


def test_a_context_that_gives_one_task_fact_holds_its_rule_and_no_other(overlay):
    rules = trustdose.load_rules([overlay({"org.yaml": facts_overlay(5)})], user=False)
    from trustdose.proofs.grid import points
    decided = decisions.Decisions(rules, points(rules))
    ours = {f"r{i}" for i in range(5)}

    def held(changed: dict) -> set[str]:
        return {e.id for d in decisions.distinct(changed, decided) for e in d[1]} & ours
    assert held({"facts.f3": 4}) == {"r3"}
    assert held({}) == set()
