"""A text fact compared folded on both sides, and a value close to one a rule tests refused
(`model.facts.fold`, `near_text`; issue 20's hostile pass, item 1): a red line on a text
fact was passed by letter case, spacing, an invisible character, a dash, full-width
letters or a homoglyph, in assess and batch alike."""

from __future__ import annotations

import json

import pytest

import trustdose
from trustdose.errors import CaseError
from trustdose.model.facts import fold, near_text
from trustdose.questionnaire import steps

from helpers import run

RED_LINE = """\
red_lines:
  - id: ward
    when: {field: facts.unit, op: "==", value: "Åbo-Sølund"}
    level: 2
    reason: {en: closed ward}
"""


def _case(unit: str) -> dict:
    return {"subject": {"name": "Ali"}, "task": {"title": "T", "facts": {"unit": unit}},
            "competence": 5, "intention": 5, "resources": 5, "risk": 2}


@pytest.mark.parametrize("unit", [
    "åbo-sølund", "ÅBO-SØLUND", "Åbo  -Sølund", "Åbo - Sølund", "Åbo\u200b-Sølund",
    "Åbo\u200d-Sølund", "Åbo–Sølund", "Åbo—Sølund", "Åbo-Sø\u00adlund",
    "ÅＢＯ-Ｓølund", " Åbo-Sølund "])
def test_a_red_line_on_a_text_fact_holds_however_the_text_is_typed(overlay, unit):
    rules = trustdose.load_rules([overlay({"r.yaml": RED_LINE})], user=False)
    result = trustdose.assess(_case(unit), rules)
    assert result.level.number == 2
    assert result.to_json()["task"]["facts"]["unit"] == unit.strip()  # echoed as given


@pytest.mark.parametrize("unit", ["Åbо-Sølund", "Abo-Solund", "Åbo-Sølunn", "Åbo Sølund"])
def test_a_text_close_to_one_a_rule_tests_is_refused_with_the_one_meant(overlay, unit):
    """A Cyrillic о, letters without their marks, one letter off: refused at its place."""
    rules = trustdose.load_rules([overlay({"r.yaml": RED_LINE})], user=False)
    with pytest.raises(CaseError) as err:
        trustdose.assess(_case(unit), rules)
    [problem] = err.value.problems
    assert "no rule tests" in problem.message and "'åbo-sølund'" in problem.message
    assert "did you mean 'åbo-sølund'?" in problem.hint


@pytest.mark.parametrize("unit", ["Oslo", "ward-3", "Åbo-Sølund-Nord-Øst"])
def test_a_text_far_from_those_the_rules_test_is_its_own(overlay, unit):
    rules = trustdose.load_rules([overlay({"r.yaml": RED_LINE.replace(
        "Åbo-Sølund", "ward-4")})], user=False)
    assert trustdose.assess(_case(unit), rules).level.number == 7


def test_the_folded_form():
    assert fold("  ＳＴＲＡＳＳＥ\u00ad –  Nord\u200b ") == "strasse-nord"
    assert fold("Straße") == fold("STRASSE") and fold("ﬃ") == "ffi"
    assert near_text("Åbо-Sølund", ["åbo-sølund"]) == "åbo-sølund"
    assert near_text("ward-11", ["ward-10"]) is None  # digits name another thing
    assert near_text("Afdeling B", ["afdeling a"]) is None  # and so does a letter
    assert near_text("ward-south", ["ward-north"]) is None
    assert near_text("Abo Solund", ["åbo-sølund"]) == "åbo-sølund"  # the same to the eye
    assert near_text("Afdelíng A", ["afdeling a"]) == "afdeling a"
    assert near_text("Αfdeling Α", ["afdeling a"]) == "afdeling a"  # Greek capital alphas
    assert near_text("Åbo-Sølunn", ["åbo-sølund"]) == "åbo-sølund"  # a long word mistyped
    assert near_text("Team Nord", ["team syd"]) is None
    assert near_text("ÅBO-sølund", ["åbo-sølund"]) is None  # the same text


def test_a_rule_written_in_capitals_meets_a_case_in_lowercase(overlay):
    rules = trustdose.load_rules([overlay({"r.yaml": RED_LINE.replace(
        '"==", value: "Åbo-Sølund"', 'in, value: ["ÅBO – SØLUND", "Nord"]')})], user=False)
    assert trustdose.assess(_case("åbo-sølund"), rules).level.number == 2
    assert trustdose.assess(_case("NORD"), rules).level.number == 2


def test_batch_csv_and_jsonl_fold_and_refuse_alike(overlay, tmp_path):
    folder = overlay({"r.yaml": RED_LINE})
    (tmp_path / "b.csv").write_text(
        "name,title,facts.unit,competence,intention,resources,risk\n"
        "A,T,ÅBO – sølund,5,5,5,2\nB,T,Åbо-Sølund,5,5,5,2\n", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(
        '{"subject":{"name":"A"},"task":{"title":"T","facts":{"unit":"åbo\\u200b-sølund"}},'
        '"competence":5,"intention":5,"resources":5,"risk":2}\n'
        '{"subject":{"name":"B"},"task":{"title":"T","facts":{"unit":"Åbо-Sølund"}},'
        '"competence":5,"intention":5,"resources":5,"risk":2}\n', encoding="utf-8")
    for name in ("b.csv", "b.jsonl"):
        result = run("batch", str(tmp_path / name), "--rules", str(folder), "-f", "jsonl",
                     "--db", str(tmp_path / "none.sqlite3"))
        levels = [json.loads(line)["level"]["number"] for line in result.stdout.splitlines()]
        assert levels == [2]
        assert "did you mean 'åbo-sølund'?" in result.stderr, result.stderr
        assert "1 rejected" in result.stderr


def test_the_questionnaire_refuses_a_close_text_where_it_is_typed(overlay):
    rules = trustdose.load_rules([overlay({"r.yaml": RED_LINE})], user=False)
    step = next(s for s in steps(rules) if s.key == ("task", "facts", "unit"))
    with pytest.raises(ValueError, match="did you mean it"):
        step.parse("Åbо-Sølund")
    assert [step.parse(w) for w in ("ÅBO – sølund", "Oslo", "")] == ["ÅBO – sølund", "Oslo",
                                                                      None]
