"""Tests no case can make true are refused at load (rules.values), text is read in one
Unicode form on both sides, the rules' and the case's, and a misspelt tag is said."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, strategies as st

import trustdose
from trustdose import CaseError, RulesError
from trustdose.model.case import near_tag
from trustdose.rules.conditions import OPS, holds
from trustdose.rules.values import SCALES, WORDS, test_problems as problems_of

from helpers import EXAMPLES

# Each loaded without a word before and never fired, and `rules check` said "no findings"
# where it sat beside a test that fires (`any`) or under `not`; `all: []` capped every
# case (hostile pass of issue 20). (condition, a word the message or hint must hold)
NEVER = {
    "tags == x": ("{field: tags, op: '==', value: x}", "contains"),
    # whom a task is for: text, compared whole; a word a letter off a known one is a typo
    "people >= 3": ("{field: task.people, op: '>=', value: 3}", "==, !=, in"),
    "people contains": ("{field: task.people, op: contains, value: kids}", "own words"),
    "people typo": ("{field: task.people, op: in, value: [childen]}", "'children'"),
    "people list": ("{field: task.people, op: '==', value: [a, b]}", "text"),
    "tags in": ("{field: tags, op: in, value: [x, y]}", "under 'any'"),
    "safeguards == x": ("{field: safeguards, op: '==', value: four-eyes}", "contains"),
    "limiting typo": ("{field: limiting, op: '==', value: competance}", "'competence'"),
    "uncertain word": ("{field: uncertain, op: contains, value: skill}", "resources"),
    "carried typo": ("{field: carried, op: '==', value: delegat}", "7 (delegate)"),
    "planned 9": ("{field: planned, op: '==', value: 9}", "from 1 to 7"),
    "risk text": ("{field: risk, op: '>', value: '3'}", "without quotes"),
    "risk 6": ("{field: risk, op: '==', value: 6}", "from 1 to 5"),
    "risk >= 7": ("{field: risk, op: '>=', value: 7}", "from 1 to 5"),
    "risk > 5": ("{field: risk, op: '>', value: 5}", "never holds"),
    "new yes": ("{field: subject.new_in_role, op: '==', value: 'yes'}", "write true"),
    "null": ("{field: facts.x, op: '==', value: null}", "under 'not'"),
    "in []": ("{field: facts.x, op: in, value: []}", "empty"),
    "contains 3": ("{field: facts.y, op: contains, value: 3}", "not text"),
    # hostile pass, item 13: a list looked for as one tag, the empty text found in any text
    "tags contains [a, b]": ("{field: tags, op: contains, value: [a, b]}", "under 'all'"),
    "uncertain contains [..]": ("{field: uncertain, op: contains, value: [risk]}", "'any'"),
    "contains ''": ("{field: facts.unit, op: contains, value: ''}", "always holds"),
    "contains zwsp": ("{field: facts.ward, op: contains, value: \"\\u200b\"}", "'!='"),
    "any []": ("{any: []}", "never holds"),
    "all []": ("{all: []}", "always holds"),
    "not any []": ("{not: {any: []}}", "never holds"),
}
# The same tests as a case can make them true
FIXED = ["{field: tags, op: contains, value: x}",
         "{any: [{field: tags, op: contains, value: x}, {field: tags, op: contains, value: y}]}",
         "{field: safeguards, op: contains, value: four-eyes}",
         "{field: limiting, op: '==', value: competence}",
         "{field: uncertain, op: contains, value: resources}",
         "{field: carried, op: '==', value: 7}", "{field: planned, op: '==', value: 7}",
         "{field: risk, op: '>', value: 3}", "{field: risk, op: '>=', value: 5}",
         "{field: subject.new_in_role, op: '==', value: true}",
         "{not: {field: facts.x, op: '!=', value: null}}",
         "{field: facts.y, op: contains, value: night}",
         "{all: [{field: risk, op: '<', value: 2}]}",
         "{field: tags, op: '!=', value: []}"]


def red_lines(conditions: list[str]) -> str:
    return "red_lines:\n" + "".join(
        f"  - id: line-{i}\n    when: {cond}\n    level: 2\n    reason: {{en: x}}\n"
        for i, cond in enumerate(conditions))


def test_every_test_no_case_can_make_true_is_refused_at_its_place(overlay):
    folder = overlay({"org.yaml": red_lines([cond for cond, _word in NEVER.values()])})
    with pytest.raises(RulesError) as raised:
        trustdose.load_rules([folder], user=False)
    said = {p.line: f"{p.message} [{p.hint}]" for p in raised.value.problems}
    for i, (name, (_cond, word)) in enumerate(NEVER.items()):
        line = 3 + 4 * i  # each red line's `when`
        assert line in said, name
        assert word in said[line], (name, said[line])
    assert len(raised.value.problems) == len(NEVER)
    assert all(p.col and p.col > 10 for p in raised.value.problems)  # at the test, not the rule


def test_the_same_tests_as_a_case_can_make_them_true_load(overlay):
    folder = overlay({"org.yaml": red_lines(FIXED)})
    assert len(trustdose.load_rules([folder], user=False).red_lines) == len(FIXED)


ON_SCALES = [*SCALES, "resources.clarity"]


@given(field=st.sampled_from(ON_SCALES), op=st.sampled_from(OPS), listed=st.booleans(),
       value=st.one_of(st.integers(-9, 9), st.floats(-9, 9).map(lambda v: round(v * 4) / 4),
                       st.sampled_from(["3", "delegate", "", None])))
def test_a_test_on_a_scale_loads_only_when_some_case_makes_it_true(field, op, listed, value):
    """Accepted: some value on the field's scale makes the test hold. Refused: none does,
    or every one does (`risk != 6` tells no case from another)."""
    value = [value] if op == "in" or listed else value
    low, high, whole = SCALES.get(field, (1, 5, False))
    on_scale = [x / 4 for x in range(4 * low, 4 * high + 1) if not whole or x % 4 == 0]
    outcomes = {holds(field, op, value, {field: x}) for x in on_scale}
    if problems_of(field, op, value):
        assert outcomes != {True, False}
    else:
        assert True in outcomes


@given(field=st.sampled_from(["capped", "subject.new_in_role", *WORDS]),
       op=st.sampled_from(["==", "!=", "in"]), value=st.sampled_from(
           [True, False, "yes", None, "one-off", "one_off", "competence", "team", ["team"],
            [], ["routine", "x"]]))
def test_a_test_on_words_or_true_false_loads_only_when_some_case_makes_it_true(field, op,
                                                                              value):
    if op == "in" and not isinstance(value, list):
        return  # the shape of the rule refuses it (rules.files)
    words = WORDS.get(field, (True, False))
    outcomes = {holds(field, op, value, {field: x}) for x in words}
    if problems_of(field, op, value):  # or one of the list's values is never the field's
        assert outcomes != {True, False} or op == "in" and any(
            not any(holds(field, "==", v, {field: x}) for x in words) for v in value)
    else:
        assert True in outcomes


@pytest.mark.parametrize("field", ["capped", "subject.new_in_role", *WORDS])
@pytest.mark.parametrize("op", ["<", ">=", "contains"])
def test_words_and_true_false_are_not_compared_in_order_or_searched(field, op):
    """`limiting < intention` and `limiting contains comp` would hold by Python's
    ordering of text, not by what the field means."""
    [(where, message, hint)] = problems_of(field, op, "competence")
    assert where == ("op",) and "never holds" in message and "==" in hint


JOSE = "José"


@pytest.mark.parametrize("rule_form, case_form", [("NFC", "NFD"), ("NFD", "NFC")])
def test_text_in_either_unicode_form_meets_the_rule(overlay, rule_form, case_form):
    """"José" with a decomposed é (as macOS and some terminals send it) missed a rule
    written with a composed one, and the other way round (issue 20)."""
    written = unicodedata.normalize(rule_form, JOSE)
    folder = overlay({"org.yaml": red_lines(
        [f'{{field: facts.resident, op: in, value: ["{written}", Ann]}}'])})
    rules = trustdose.load_rules([folder], user=False)
    case = {"subject": {"name": "Kim"}, "competence": 5, "intention": 5, "resources": 5,
            "risk": 1, "task": {"title": "T", "facts": {
                "resident": unicodedata.normalize(case_form, JOSE)}}}
    assert trustdose.assess(case, rules).level.number == 2


def test_a_safeguard_a_rule_tests_is_a_control_in_force(overlay):
    """A case may put only a control of the rules in place (model.case.unknown_names):
    a rule on any other safeguard never fired."""
    folder = overlay({"org.yaml": red_lines(
        ["{field: safeguards, op: contains, value: four-eys}",
         "{field: safeguards, op: '==', value: [four-eyes, recognition]}"])})
    with pytest.raises(RulesError) as raised:
        trustdose.load_rules([folder], user=False)
    said = [(p.line, p.message, p.hint) for p in raised.value.problems]
    assert said[0] == (3, "'four-eys' is not a control, so no case has it in place",
                       "did you mean 'four-eyes'?")
    assert [line for line, _m, _h in said] == [3, 7]  # four-eyes is one, recognition not
    assert said[1][1] == "'recognition' is not a control, so no case has it in place"


MISSPELT_TAG = """\
measures:
  - id: extra-check
    kind: control
    title: {en: x}
    description: {en: x}
    addresses: [risk]
    when: {field: tags, op: contains, value: use-of-forse}
"""


def test_a_tag_only_a_later_layer_names_close_to_an_earlier_one_s_is_a_misspelling(overlay):
    """`use-of-forse` loaded beside the organisation's `use-of-force` and never met a case
    that carried the red line's tag (issue 20)."""
    org = EXAMPLES / "org-overlay"
    with pytest.raises(RulesError) as raised:
        trustdose.load_rules([org, overlay({"x.yaml": MISSPELT_TAG})], user=False)
    [problem] = raised.value.problems
    assert (problem.path.rpartition("/")[2], problem.line) == ("x.yaml", 7)
    assert problem.hint == "did you mean 'use-of-force'?"
    assert f"{org}/red-lines.yaml:7" in problem.message
    fixed = MISSPELT_TAG.replace("forse", "force")
    assert trustdose.load_rules([org, overlay({"x.yaml": fixed})], user=False)


def test_a_case_s_tag_close_to_one_a_rule_tests_is_refused_with_it():
    rules = trustdose.load_rules([EXAMPLES / "org-overlay"], user=False)
    case = {"subject": {"name": "Ali"}, "competence": 5, "intention": 5, "resources": 5,
            "risk": 2, "task": {"title": "Bed rail", "tags": ["night", "use-of-forse"]}}
    with pytest.raises(CaseError) as raised:
        trustdose.assess(case, rules)
    [problem] = raised.value.problems
    assert problem.hint == "did you mean 'use-of-force'?"
    case["task"]["tags"] = ["night", "use-of-force"]  # a tag no rule tests is the case's own
    assert trustdose.assess(case, rules).capped_by == "use-of-force"
    assert trustdose.assess(case, trustdose.load_rules(user=False)).level.number == 7


@given(known=st.lists(st.from_regex(r"[a-z][a-z-]{9,20}", fullmatch=True), min_size=1,
                      max_size=4, unique=True), at=st.integers(1, 9), letter=st.sampled_from("qxz"))
def test_one_letter_off_a_tag_a_rule_tests_is_taken_for_it(known, at, letter):
    tag = known[0][:at] + letter + known[0][at + 1:]
    assert near_tag(known[0], known) is None  # a tag a rule tests is never misspelt
    if tag not in known:
        assert near_tag(tag, known) is not None


def test_tags_that_differ_in_their_digits_or_share_a_layer_are_no_misspelling(overlay):
    """A ward's number is no misspelling of another's, and an organisation's own tags,
    however alike (tag-0001 … tag-0200), are its words."""
    assert near_tag("ward-11", ["ward-10"]) is None
    assert near_tag("ward-l1", ["ward-11"]) == "ward-11"
    many = overlay({"r.yaml": red_lines(["{any: [%s]}" % ", ".join(
        f"{{field: tags, op: contains, value: tag-{i:04d}-x}}" for i in range(200))])})
    assert trustdose.load_rules([many], user=False).red_lines[-1].id == "line-0"
