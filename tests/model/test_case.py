"""Case files: validation against the rubrics, with positions and hints."""

from __future__ import annotations

import pytest

import trustdose
from trustdose import CaseError

from helpers import make_case


def problems(case, rules):
    with pytest.raises(CaseError) as err:
        trustdose.assess(case, rules)
    return err.value.problems


def test_indicator_answers_and_missing_ones(rules):
    a = trustdose.assess(make_case(c={"professional": 4, "experience": 2}), rules)
    assert a.scores["competence"] == 3.0  # 4, 2 and two uncertain (3, 3)
    assert a.uncertain == ["competence"]


@pytest.mark.parametrize("value,expected", [
    (7, "7 is out of range"), (0.5, "0.5 is out of range"), ("five", "'five' is not a number"),
    (True, "true is not a number"), ([3], "[3] is not a number")])
def test_bad_scores(rules, value, expected):
    (problem,) = problems(make_case(risk=value), rules)
    assert expected in problem.message and "risk" in problem.message
    assert "1 to 5" in problem.hint


def test_unknown_indicator_suggests(rules):
    (problem,) = problems(make_case(r={"clearity": 2}), rules)
    assert "unknown resources indicator 'clearity'" in problem.message
    assert "did you mean 'clarity'?" in problem.hint


def test_an_indicator_takes_half_points_and_refuses_what_is_off_the_scale(rules):
    # a coach's workbook had 4,5 for an indicator, and 20 of 25 rows were refused
    a = trustdose.assess(make_case(c={"professional": 3.5, "relational": 4.5,
                                      "personal": 4, "experience": 4}), rules)
    assert a.scores["competence"] == 4.0 and a.uncertain == []
    (problem,) = problems(make_case(c={"professional": 5.5}), rules)
    assert "5.5 is out of range" in problem.message and "3.5 too" in problem.hint


def test_all_answer_problems_at_once(rules):
    assert len(problems(make_case(c=9, i="x", r={"tim": 1}), rules)) == 3


def test_shape_errors(rules):
    (problem,) = problems({"subject": {"name": "A"}, "task": {"title": "T"}, "competence": 3,
                           "intention": 3, "resources": 3, "risk": 3, "planed_level": 3}, rules)
    assert "unknown field 'planed_level'" in problem.message and "'planned_level'" in problem.hint
    missing = problems({"subject": {"name": "A"}, "competence": 3}, rules)
    assert {"missing required field 'task' at the top level",
            "missing required field 'risk' at the top level"} <= {p.message for p in missing}
    (kind,) = problems({**make_case(), "subject": {"name": "A", "kind": "group"}}, rules)
    assert "'group' is not allowed" in kind.message and "person" in kind.message


def test_planned_level(rules):
    assert trustdose.assess(make_case(planned_level="Advise"), rules).planned.number == 5
    assert trustdose.assess(make_case(), rules, planned="2").planned.name == "sell"
    (problem,) = problems(make_case(planned_level="delgate"), rules)
    assert "did you mean 'delegate'?" in problem.message
    with pytest.raises(CaseError, match="outside 1-7"):
        trustdose.assess(make_case(), rules, planned=8)


def test_uncertain_words(rules):
    for word in ("uncertain", "?", "usikker", "osäker"):
        assert trustdose.assess(make_case(i=word), rules).uncertain == ["intention"]


def test_defaults_are_not_shared_between_cases():
    # tags default to an empty tuple (nothing to share), facts to a dict of their own
    from trustdose.model.case import Task
    first, second = Task(title="A"), Task(title="B")
    first.facts["amount"] = 1
    assert second.tags == () and second.facts == {}
    assert Task(title="C", tags=["budget"]).tags == ("budget",)


@pytest.mark.parametrize("lang, typed, meant", [("da", "delegre", "uddelegere"),
                                                ("nb", "delegre", "delegere"),
                                                ("sv", "delegre", "delegera"),
                                                ("da", "rådgiv", "rådgive"),
                                                ("en", "delegat", "delegate")])
def test_a_misspelt_level_is_hinted_in_the_users_own_words(lang, typed, meant):
    # a second coach pass: 'mente du 'delegere'?' named the Norwegian level to a Dane
    from trustdose import i18n
    from trustdose.model.levels import parse_level
    from trustdose.rules.loader import load_rules
    was = i18n.current()
    try:
        i18n.set_language(lang)
        with pytest.raises(ValueError) as caught:
            parse_level(typed, load_rules([]).level_labels())
    finally:
        i18n.set_language(was)
    assert str(caught.value).endswith(f"'{meant}'?"), str(caught.value)
