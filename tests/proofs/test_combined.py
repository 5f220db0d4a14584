"""`rules check` combines what one rule tests (issue 19, item 4): a red line on a tag and
a task fact fires in the check as in `assess`, and a break that shows only when both are
given is found; the contexts stay few however many unrelated tags the rules name."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

import trustdose
from trustdose.proofs.check import check
from trustdose.proofs.grid import contexts
from trustdose.proofs.inputs import fact_values
from trustdose.rules.conditions import holds
from trustdose.questionnaire import safeguards

from helpers import make_case, run
from proofs.test_unguarded import CARRY_ALL_7, MOST_CONTROLS, RISK_CAPS

BOTH = ("{all: [{field: tags, op: contains, value: use-of-force}, "
        "{field: facts.amount, op: '>=', value: 50000}]}")


def red_line(when: str, level: int, line: str = "org-line") -> str:
    return (f"  - id: {line}\n    when: {when}\n    level: {level}\n"
            f"    reason: {{en: ours}}\n")


def load(overlay, text: str):
    return trustdose.load_rules([overlay({"org.yaml": text})], user=False)


def assessed(rules, witness: dict, **change) -> int:
    case = make_case(*(witness[d] for d in ("competence", "intention", "resources", "risk")),
                     task={"title": "T", "tags": witness.get("tags", []),
                           "facts": witness.get("facts", {})})
    case.update(change)
    return trustdose.assess(case, rules).level.number


def test_a_red_line_on_a_tag_and_a_fact_fires_in_the_check_as_in_assess(overlay):
    folder = overlay({"org.yaml": "red_lines:\n" + red_line(BOTH, 2)})
    rules = trustdose.load_rules([folder], user=False)
    both = {"competence": 5, "intention": 5, "resources": 5, "risk": 1,
            "tags": ["use-of-force"], "facts": {"amount": 60000}}
    assert assessed(rules, both) == 2
    assert assessed(rules, {**both, "facts": {"amount": 49999}}) == 7
    result = run("rules", "check", str(folder))
    assert result.returncode == 0, result.stdout
    assert "no findings" in result.stderr
    # the check took the tag with the fact on both sides of the threshold, and apart
    assert {(c.tags, c.facts) for c in contexts(rules, decision=True)} >= {
        (("use-of-force",), (("amount", 50000),)), ((), ())}


def test_a_monotonicity_break_shown_only_with_the_tag_and_the_fact_is_found(overlay):
    when = ("{all: [{field: tags, op: contains, value: night}, "
            "{field: facts.amount, op: '>=', value: 1000}, "
            "{field: competence, op: '>=', value: 4.5}]}")
    rules = load(overlay, "red_lines:\n" + red_line(when, 2))
    found = [f for f in check(rules).findings if f.rule == "org-line"]
    assert [f.kind for f in found] == ["not-monotone"]
    witness = found[0].witness
    assert witness["tags"] == ["night"] and witness["facts"]["amount"] >= 1000
    assert assessed(rules, {**witness, "competence": witness["competence"] + 0.5}) \
        < assessed(rules, witness)
    fixed = load(overlay, "red_lines:\n" + red_line(when.replace("'>=', value: 4.5",
                                                                 "'<=', value: 2"), 2))
    assert "not-monotone" not in {f.kind for f in check(fixed).findings}


def test_an_unguarded_case_shown_only_with_the_tag_and_the_fact_is_found(overlay):
    # every guard gone, every band at Delegate, but held at agree unless a night task
    # and an amount of 1000 or more come together
    unless = ("{not: {all: [{field: tags, op: contains, value: night}, "
              "{field: facts.amount, op: '>=', value: 1000}]}}")
    loose = f"disable: [{', '.join(RISK_CAPS + MOST_CONTROLS)}]\n{CARRY_ALL_7}red_lines:\n"
    rules = load(overlay, loose + red_line(unless, 4))
    found = [f for f in check(rules).findings if f.kind == "unguarded"]
    assert len(found) == 1
    witness = found[0].witness
    assert witness["tags"] == ["night"] and witness["facts"]["amount"] >= 1000
    assert witness["risk"] >= 4 and assessed(rules, witness) == 7
    both = ("{all: [{field: tags, op: contains, value: night}, "
            "{field: facts.amount, op: '>=', value: 1000}]}")
    fixed = load(overlay, loose + red_line(unless, 4) + red_line(both, 4, "org-both"))
    assert "unguarded" not in {f.kind for f in check(fixed).findings}


def test_unrelated_tags_are_taken_one_at_a_time(overlay):
    # six red lines, each on its own tag: each tag with every safeguard value (which lift
    # the default caps, so they can hide a break anywhere), not every set of tags
    tags = [f"t{n}" for n in range(6)]
    rules = load(overlay, "red_lines:\n" + "".join(
        red_line(f"{{field: tags, op: contains, value: {t}}}", 3, f"line-{t}") for t in tags))
    every = contexts(rules, decision=True)
    # (the shipped rule on an event with people in care: its own kinds and people)
    found = [c for c in every if c.task_kind is None and c.people is None]
    assert any(c.task_kind == "one-off" and c.people in ("children", "pupils")
               for c in every)
    guards = {c.safeguards for c in found}
    assert len(guards) == len(safeguards(rules)) + 2  # none, each alone, all of them
    shipped = _shipped_tags()  # the tags the default rules test, each alone
    assert {c.tags for c in found} == {(), *shipped, *((t,) for t in tags)}
    assert len(found) == len(guards) * (1 + len(shipped) + len(tags))


def test_tags_a_rule_tests_together_are_combined_and_told_apart_once(overlay):
    either = ("{any: [{field: tags, op: contains, value: a}, "
              "{field: tags, op: contains, value: b}, {field: tags, op: contains, value: c}]}")
    rules = load(overlay, "red_lines:\n" + red_line(either, 3))
    tagged = {c.tags for c in contexts(rules, decision=True) if c.tags}
    # any of the three caps alike: one of them stands for all seven sets
    assert len(tagged - _shipped_tags()) == 1


def _shipped_tags() -> set[tuple[str, ...]]:
    """The tags the default rules test, as the grid takes them: each on its own."""
    from trustdose.rules.loader import load_rules
    shipped = {c.tags for c in contexts(load_rules(user=False), decision=True) if c.tags}
    assert ("citizen-decision",) in shipped  # the grid reads the default rules' tags
    return shipped


# A task fact has one type, as the rules compare it (the loader refuses two): tests and
# the values a case may give, by type.
COMPARED = {"number": st.one_of(st.integers(-5, 5), st.sampled_from([0.5, 2.5, 1e6])),
            "text": st.sampled_from(["low", "high"]), "true/false": st.booleans()}
GIVEN = {"number": st.one_of(st.integers(-10, 10), st.floats(-10, 10)),
         "text": st.one_of(st.sampled_from(["low", "high", "other"]), st.text(max_size=3)),
         "true/false": st.booleans()}
ORDERING = ["<", "<=", ">", ">="]


@st.composite
def fact_tests_and_value(draw):
    kind = draw(st.sampled_from(sorted(COMPARED)))
    ops = ["==", "!=", *(ORDERING if kind == "number" else [])]
    one = COMPARED[kind]
    tests = draw(st.lists(st.one_of(st.tuples(st.sampled_from(ops), one),
                                    st.tuples(st.just("in"), st.lists(one, min_size=1,
                                                                      max_size=3))),
                          min_size=1, max_size=4))
    return tests, draw(st.one_of(st.none(), GIVEN[kind]))


@settings(max_examples=150, deadline=None)
@given(drawn=fact_tests_and_value())
def test_a_facts_values_meet_every_outcome_its_tests_can_have(drawn):
    """Whatever a case gives for a task fact (of its type, or nothing), one of the values
    the check tries answers every test of it alike: the check leaves no combination of
    its tests out."""
    tests, value = drawn

    def outcome(v):
        return tuple(holds("x", op, test, {"x": v}) for op, test in tests)
    assert outcome(value) in {outcome(v) for v in fact_values(tests)}


def test_a_rule_on_many_tags_at_once_is_combined_as_its_condition_tells_them_apart(overlay):
    """All of sixteen tags: 65,536 sets of them, of which the rule tells two apart."""
    tags = ", ".join(f"{{field: tags, op: contains, value: t{n}}}" for n in range(16))
    rules = load(overlay, "red_lines:\n" + red_line(f"{{all: [{tags}]}}", 2))
    result = check(rules)
    assert not [f for f in result.findings if f.rule == "org-line"]
    assert any(len(c.tags) == 16 for c in contexts(rules, decision=True))


def test_rules_linked_in_more_ways_than_the_check_combines_are_said_to_be(overlay,
                                                                         monkeypatch):
    """A chain of rules on pairs of tags links them all; past the bound each rule is
    checked with its own tags, and the check says so rather than calling it a proof.
    (The bound lowered, so that a short chain passes it: the chain of six rules that
    passes the bound of 128 costs three times as long.)"""
    from trustdose.proofs import grid
    monkeypatch.setattr(grid, "MAX_COMBINATIONS", 20)
    pairs = "".join(red_line(f"{{all: [{{field: tags, op: contains, value: t{n}}}, "
                             f"{{field: tags, op: contains, value: t{n + 1}}}]}}", 3,
                             line=f"pair{n}") for n in range(3))
    rules = load(overlay, "red_lines:\n" + pairs)
    findings = check(rules).findings
    found = [f for f in findings if f.kind == "not-combined"]
    assert [f.rule for f in found] == ["pair0"]
    assert all(f"pair{n}" in found[0].message for n in range(3))
    # each rule still fires where its own two tags are given
    assert not [f for f in findings if f.kind == "never-fires"]


def not_chain(length: int) -> str:
    """Rules `not (n_i and not n_i+1)`: each `not` can stop a rule, so all of them are
    combined with everything else (issue 20, hostile item 8)."""
    def tag(n: int) -> str:
        return f"{{field: tags, op: contains, value: n{n}}}"
    return "red_lines:\n" + "".join(
        red_line(f"{{not: {{all: [{tag(n)}, {{not: {tag(n + 1)}}}]}}}}", 1 + n % 6,
                 line=f"r{n}") for n in range(length))


def test_a_chain_of_not_past_the_bound_is_said_to_be_not_combined(overlay, monkeypatch):
    """The hiding rules alone pass the bound: the check names them, once, instead of
    stopping with an internal error (exit 70)."""
    from trustdose.proofs import grid
    monkeypatch.setattr(grid, "MAX_COMBINATIONS", 8)
    rules = load(overlay, not_chain(4))
    findings = check(rules).findings
    found = [f for f in findings if f.kind == "not-combined"]
    assert len(found) == 1, found
    assert found[0].rule == "r0"  # the chain is blamed, not a default cap beside it
    assert all(f"r{n}" in found[0].message for n in range(4))


@settings(max_examples=20, deadline=None)
@given(length=st.integers(1, 7), bound=st.sampled_from([2, 4, 8, 16, 128]))
def test_what_the_check_leaves_uncombined_is_always_blamed_on_its_rules(
        tmp_path_factory, length, bound):
    """Whatever the chain and the bound, each cut names the rules that read its inputs."""
    from trustdose.proofs import grid
    folder = tmp_path_factory.mktemp("chain")
    (folder / "org.yaml").write_text(not_chain(length), encoding="utf-8")
    rules = trustdose.load_rules([folder], user=False)
    before, grid.MAX_COMBINATIONS = grid.MAX_COMBINATIONS, bound
    try:
        cut: list = []
        contexts(entries=list(rules.red_lines), cut=cut)
    finally:
        grid.MAX_COMBINATIONS = before
    for entries, inputs in cut:
        assert entries and inputs >= 1
        assert {e.id for e in entries} <= {f"r{n}" for n in range(length)}
