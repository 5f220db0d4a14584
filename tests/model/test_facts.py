"""A task fact's one meaning (`model.facts`): keys spelt one way by cases and rules, and
a value read by the type the rules give its fact, refused with what is allowed when it
is not of that type."""

from __future__ import annotations

import math

import pytest
from hypothesis import example, given, strategies as st
from pydantic import ValidationError

from trustdose.errors import Problem
from trustdose.model.case import Task
from trustdose.model.facts import (BOOLEAN, NUMBER, TEXT, FactError, is_key, key_spelling,
                                   read_fact, typed_facts)
from trustdose.model.vocabulary import BOOLEAN_WORDS


@given(text=st.text(alphabet="aZ0-_. \n", max_size=8) | st.from_regex(r"[a-z][a-z0-9-]*",
                                                                      fullmatch=True))
def test_the_case_model_takes_a_key_exactly_when_the_rules_do(text):
    try:
        Task(title="t", tags=(text,), facts={text: 1})
        taken = True
    except ValidationError:
        taken = False
    assert taken == is_key(text)


@given(text=st.text(max_size=30))
@example(text="a-")  # found by hypothesis: a key the pattern allows was cut to `a`
def test_the_nearest_spelling_is_a_key_and_a_key_is_its_own(text):
    spelt = key_spelling(text)
    assert spelt is None or is_key(spelt)
    if is_key(text):
        assert spelt == text


@pytest.mark.parametrize("text, spelt", [("dose_mg", "dose-mg"), ("Amount", "amount"),
                                         ("a.b", "a-b"), ("Use-Of-Force", "use-of-force"),
                                         ("use-of-force ", "use-of-force"), ("Æble", "aeble"),
                                         ("_", None)])
def test_the_nearest_spelling(text, spelt):
    assert key_spelling(text) == spelt


@given(word=st.sampled_from(sorted(BOOLEAN_WORDS)), upper=st.booleans(),
       pad=st.sampled_from(["", " ", "  "]))
def test_a_yes_no_word_of_any_language_is_true_or_false(word, upper, pad):
    written = pad + (word.upper() if upper else word) + pad
    assert read_fact("f", written, BOOLEAN) is BOOLEAN_WORDS[word]


@pytest.mark.parametrize("value", ["ja", "nej", "yes", "no", "sand", "falsk", "sant",
                                   "falskt", "true", "false"])
def test_the_words_the_issue_names(value):
    assert read_fact("f", value, BOOLEAN) is (value in ("ja", "yes", "sand", "sant", "true"))


@pytest.mark.parametrize("kind, value, says", [
    (BOOLEAN, "maybe", "'maybe' is not yes or no"), (BOOLEAN, 1, "1 is not yes or no"),
    (BOOLEAN, "1", "'1' is not yes or no"), (BOOLEAN, 0.0, "0 is not yes or no"),
    (TEXT, 3, "3 is not text"), (TEXT, True, "true is not text"),
    (NUMBER, True, "yes or no is not a number"), (NUMBER, "lots", "'lots' is not a number"),
    (NUMBER, math.nan, "NaN is not a number")])
def test_a_value_not_of_its_type_is_refused_with_what_is_allowed(kind, value, says):
    with pytest.raises(FactError) as caught:
        read_fact("task.facts.f", value, kind, "en")
    assert caught.value.message.startswith("task.facts.f: ") and says in caught.value.message
    assert caught.value.hint


def test_the_text_as_written_is_what_is_read():
    # a CSV cell 007 is the number 7 to the reader; a text fact is the text as written
    assert read_fact("f", 7, TEXT, text="007") == "007"
    assert read_fact("f", 60.0, NUMBER, "da", text="60.000") == 60000
    assert read_fact("f", True, BOOLEAN) is True and read_fact("f", 2.5, NUMBER) == 2.5


def _where(loc, message, hint=None, key=False):
    return Problem("case.yaml", len(loc), 1, message, hint)


def test_typed_facts_reads_each_fact_by_its_type_and_names_every_problem():
    data = {"task": {"facts": {"amount": "60.000", "night": "Ja", "unit": "007", "free": 3,
                               "flag": "maybe", "count": True, "code": 4}}}
    types = {"amount": NUMBER, "night": BOOLEAN, "unit": TEXT, "flag": BOOLEAN,
             "count": NUMBER, "code": TEXT, "missing": NUMBER}
    found, problems = typed_facts(data, types, _where, "da")
    assert found == {"amount": 60000, "night": True, "unit": "007"}  # free: no rule's
    assert sorted(p.message.split(":")[0] for p in problems) == [
        "task.facts.code", "task.facts.count", "task.facts.flag"]
    assert typed_facts({"task": {"facts": "x"}}, types, _where) == ({}, [])
    assert typed_facts([], types, _where) == ({}, [])


@pytest.mark.parametrize("value", [[60000], {"v": 60000}])
def test_a_list_for_a_fact_a_rule_reads_says_which_kind_is_wanted(value):
    """`facts: {amount: [60000]}` for a fact a rule compares as a number said "must be
    text"; the case model alone (no rule reads the fact) names every kind allowed."""
    import trustdose
    from trustdose.errors import CaseError
    from helpers import EXAMPLES, make_case
    case = make_case(task={"title": "T", "facts": {"amount": value}})
    with pytest.raises(CaseError) as found:
        trustdose.assess(case, trustdose.load_rules([EXAMPLES / "org-overlay"], user=False))
    [problem] = found.value.problems
    assert "is not one value, and a rule compares it with a number" in problem.message
    assert "60000" in problem.hint and "text" not in problem.message
    with pytest.raises(CaseError) as found:
        trustdose.assess(case, trustdose.load_rules(user=False))
    assert found.value.problems[0].message.endswith(
        "must be one value: a number, true or false, or text")


def test_tags_given_as_one_word_want_a_list():
    """`tags: use-of-force` said pydantic's "Input should be a valid tuple"."""
    import trustdose
    from trustdose.errors import CaseError
    from helpers import make_case
    with pytest.raises(CaseError) as found:
        trustdose.assess(make_case(task={"title": "T", "tags": "use-of-force"}),
                         trustdose.load_rules(user=False))
    [problem] = found.value.problems
    assert problem.message == "task.tags: must be a list (found 'use-of-force')"
    assert problem.hint == "write it as a list, e.g. [use-of-force]"
