"""What `rules check` decides in a context costs what can hold there (issue 20, hostile
item 10): rules on distinct task facts each fire in a context of their own, and each
context is decided with the rules that can hold in it, so the check grows with the
rules, not with their square; what it finds is the same."""

from __future__ import annotations

import trustdose
from trustdose.proofs import decisions
from trustdose.proofs.check import check


def facts_overlay(n: int) -> str:
    return "red_lines:\n" + "".join(
        f"  - id: r{i}\n    when: {{field: facts.f{i}, op: '>=', value: {i + 1}}}\n"
        f"    level: 3\n    reason: {{en: r}}\n" for i in range(n))


def test_each_context_is_decided_with_only_the_rules_that_can_hold_in_it(overlay,
                                                                        monkeypatch):
    rules = trustdose.load_rules([overlay({"org.yaml": facts_overlay(12)})], user=False)
    ours = {f"r{i}" for i in range(12)}
    tried: list[int] = []
    decide = decisions.decide

    def counted(rule_set, facts):
        tried.append(len({r.id for r in rule_set.red_lines} & ours))
        return decide(rule_set, facts)
    monkeypatch.setattr(decisions, "decide", counted)
    result = check(rules)
    assert max(tried) == 1  # the one rule whose task fact the context gives, at most
    # and each still fires, binds and is checked for monotonicity in its context
    assert not result.findings


def test_a_context_that_gives_one_task_fact_keeps_its_rule_and_drops_the_others(overlay):
    rules = trustdose.load_rules([overlay({"org.yaml": facts_overlay(5)})], user=False)
    from trustdose.proofs.grid import points
    decided = decisions.Decisions(rules, points(rules))
    kept = decided.within({"facts.f3": 4})
    ours = {f"r{i}" for i in range(5)}
    assert [r.id for r in kept.red_lines if r.id in ours] == ["r3"]
    assert len(kept.caps) == len(rules.caps)  # the caps read the scores: all kept
    assert not [r.id for r in decided.within({}).red_lines if r.id in ours]
