"""Loading rule folders: the defaults, overlays, and every kind of broken rule."""

from __future__ import annotations

import pytest

import trustdose
from trustdose import RulesError
from trustdose.rules.ruleset import default_rules_dir

from helpers import make_case

MEASURE = """\
measures:
  - id: {id}
    kind: {kind}
    title: {{en: "{title}"}}
    description: {{en: "Because."}}
    addresses: [{addresses}]
{extra}"""


def measure(id="union-rep", kind="feedback", title="Talk with the union rep",
            addresses="intention", extra=""):
    return MEASURE.format(id=id, kind=kind, title=title, addresses=addresses, extra=extra)


def load_error(folder) -> RulesError:
    with pytest.raises(RulesError) as err:
        trustdose.load_rules([folder])
    return err.value


def test_defaults_are_complete(rules):
    assert set(rules.rubrics) == {"competence", "intention", "resources", "risk"}
    assert [rules.levels[n].item["name"] for n in range(1, 8)] == [
        "tell", "sell", "consult", "agree", "advise", "inquire", "delegate"]
    assert len(rules.controls) >= 6 and len(rules.feedback) >= 8
    for entry in rules.all_rules():
        assert entry.source.startswith("rules/") and entry.layer == "default"
    for rubric in rules.rubrics.values():
        assert len(rubric.item["indicators"]) >= 3


def test_overlay_adds_and_replaces_by_id(rules, overlay):
    folder = overlay({"org.yaml": measure() + measure(
        id="recognition", title="Say thank you at the Friday meeting",
        extra="    priority: 1\n")[len("measures:\n"):]})
    layered = trustdose.load_rules([folder])
    by_id = {e.id: e for e in layered.feedback}
    assert "union-rep" in by_id and by_id["union-rep"].layer == str(folder)
    assert by_id["recognition"].item["title"]["en"] == "Say thank you at the Friday meeting"
    # a patch keeps where the rule was defined and records where it was changed
    assert by_id["recognition"].source.startswith("rules/feedback.yaml:")
    assert by_id["recognition"].patches[0].startswith(str(folder))
    assert by_id["recognition"].item["addresses"]  # fields the patch did not give are kept
    assert len(layered.feedback) == len(rules.feedback) + 1
    a = trustdose.assess(make_case(4, 4, 4, 2), layered)  # priority 1: first in the plan
    assert "Say thank you at the Friday meeting" in [m.title for m in a.feedback]


def test_unknown_field_names_place_and_suggests(overlay):
    folder = overlay({"org.yaml": measure(extra="    adresses: [risk]\n")})
    problem = load_error(folder).problems[0]
    assert problem.path.endswith("org.yaml") and (problem.line, problem.col) == (7, 5)
    assert "unknown field 'adresses'" in problem.message
    assert "did you mean 'addresses'?" in problem.hint and "allowed here:" in problem.hint


def test_misspelt_section_suggests(overlay):
    problem = load_error(overlay({"org.yaml": "mesures: []\n"})).problems[0]
    assert "unknown section 'mesures'" in problem.message and "'measures'" in problem.hint


def test_every_problem_is_reported_at_once(overlay):
    folder = overlay({
        "a.yaml": measure(kind="contrl"),
        "b.yaml": "caps:\n  - id: big\n    when: {field: risk, op: '>=', value: 3}\n"
                  "    level: 9\n    reason: {en: x}\n"})
    problems = load_error(folder).problems
    assert len(problems) == 2
    kind, cap = sorted(problems, key=lambda p: p.path)
    assert "'contrl' is not allowed" in kind.message and "'control'" in kind.hint
    assert cap.line == 4 and "at most 7" in cap.message and "found 9" in cap.message


def test_wrong_type_and_missing_english(overlay):
    folder = overlay({"org.yaml": measure(addresses="").replace("[]", "risk") +
                      "warnings:\n  - id: w\n    kind: w\n"
                      "    when: {field: risk, op: '>', value: 4}\n"
                      "    message: {da: Pas på}\n"})
    messages = " | ".join(p.message for p in load_error(folder).problems)
    assert "addresses" in messages and "English" in messages


def test_unknown_condition_field_and_operator(overlay):
    folder = overlay({"org.yaml": measure(
        extra="    when: {field: competense, op: '>=', value: 3}\n")})
    problem = load_error(folder).problems[0]
    assert "unknown condition field 'competense'" in problem.message
    assert "'competence'" in problem.hint and problem.line == 7
    folder = overlay({"org.yaml": measure(extra="    when: {field: risk, op: '=>', value: 3}\n")})
    assert "'=>' is not allowed; allowed: ==, !=" in load_error(folder).problems[0].message


def test_indicator_fields_are_known_conditions(overlay):
    folder = overlay({"org.yaml": measure(
        extra="    when: {field: resources.clarity, op: '<=', value: 2}\n")})
    assert trustdose.load_rules([folder])


def test_caps_and_controls_cannot_test_the_decided_level(overlay):
    folder = overlay({"org.yaml": measure(kind="control", addresses="risk",
                                          extra="    when: {field: level, op: '>=', value: 5}\n")})
    assert "only known after the level is decided" in load_error(folder).problems[0].message


def test_duplicate_id_in_one_layer(overlay):
    folder = overlay({"a.yaml": measure(), "b.yaml": measure()})
    problem = load_error(folder).problems[0]
    assert "duplicate measures id 'union-rep'" in problem.message and "a.yaml:2" in problem.hint


def test_gap_in_carry_bands(rules_copy):
    path = rules_copy / "levels.yaml"
    path.write_text(path.read_text().replace("at_least: 1.0", "at_least: 1.2"))
    with pytest.raises(RulesError) as err:
        trustdose.load_rules([rules_copy])
    assert "gap" in err.value.problems[0].message and "levels.yaml" in err.value.problems[0].path


def test_level_name_must_match_number(overlay):
    folder = overlay({"l.yaml": "levels:\n  - number: 3\n    name: agree\n"
                                "    label: {en: X}\n    meaning: {en: Y}\n"})
    problem = load_error(folder).problems[0]
    assert "level 3 must be named 'consult'" in problem.message and problem.line == 3


def test_unknown_placeholder(overlay):
    folder = overlay({"q.yaml": "questions:\n  - id: q\n    text: {en: 'Hi {nmae}'}\n"})
    problem = load_error(folder).problems[0]
    assert "unknown placeholder '{nmae}'" in problem.message and "{subject}" in problem.hint


def test_broken_folders(tmp_path, overlay):
    assert "not found" in load_error(tmp_path / "nope").problems[0].message
    (tmp_path / "empty").mkdir()
    assert "no *.yaml" in load_error(tmp_path / "empty").problems[0].message
    assert "mapping" in load_error(overlay({"x.yaml": "- 1\n- 2\n"})).problems[0].message


def test_default_rules_are_found_in_the_package_or_the_checkout():
    assert (default_rules_dir() / "levels.yaml").is_file()


def test_the_loader_and_the_models_know_the_same_sections():
    from trustdose.rules.files import SECTIONS as MODELS
    from trustdose.rules.loader import SECTIONS
    assert tuple(MODELS) == SECTIONS


def test_a_rule_folder_s_problems_come_at_once_not_in_rounds(overlay):
    folder = overlay({"a.yaml": """\
caps:
  - id: typo
    when: {field: risk.imapct, op: ">=", value: 4}
    level: 3
    reason: {en: "x"}
  - id: bad
    when: {field: risk, op: "=>", value: 4}
    level: 9
    reason: {en: "x"}
"""})
    with pytest.raises(RulesError) as raised:
        trustdose.load_rules([folder], user=False)
    said = [(p.line, p.message, p.hint) for p in raised.value.problems]
    assert [line for line, _m, _h in said] == [3, 7, 8]  # the schema's and the field's at once
    assert "risk.imapct" in said[0][1] and "'risk.impact'" in said[0][2]
    assert said[1][2] == "did you mean '>='?"  # the same characters in another order first


NO_CASE_CAN_HOLD = """\
red_lines:
  - id: dose
    when: {field: facts.dose_mg, op: ">=", value: 10}
    require: [four-eyes]
    reason: {en: "x"}
  - id: amount
    when: {any: [{field: facts.Amount, op: ">=", value: 10},
                 {field: facts.a.b, op: "==", value: true}]}
    require: [four-eyes]
    reason: {en: "x"}
  - id: force
    when: {field: tags, op: contains, value: Use-Of-Force}
    level: 3
    reason: {en: "x"}
  - id: force-spaced
    when: {field: tags, op: contains, value: "use-of-force "}
    level: 3
    reason: {en: "x"}
  - id: one-off
    when: {field: task.kind, op: in, value: [routine, one_off]}
    level: 3
    reason: {en: "x"}
"""


def test_a_rule_on_a_value_no_case_can_hold_is_refused_with_the_nearest_spelling(overlay):
    # each of these loaded without a word and never fired (issue 19 item 3, issue 20)
    err = load_error(overlay({"org.yaml": NO_CASE_CAN_HOLD}))
    found = {(p.line, p.col): (p.message, p.hint) for p in err.problems}
    assert found[(3, 19)][1] == "did you mean 'facts.dose-mg'?"
    assert found[(7, 26)][1] == "did you mean 'facts.amount'?"
    assert found[(8, 26)][1] == "did you mean 'facts.a-b'?"
    assert "no case can give" in found[(3, 19)][0]
    assert found[(12, 46)] == ("tags never holds 'Use-Of-Force': a case writes it in "
                               "lowercase letters, digits and '-', starting with a letter",
                               "did you mean 'use-of-force'?")
    assert found[(16, 46)][1] == "did you mean 'use-of-force'?"
    assert found[(20, 55)][0] == "task.kind is never 'one_off' in a case"
    assert found[(20, 55)][1].startswith("did you mean 'one-off'?")
    assert len(err.problems) == 6 and all(p.path.endswith("org.yaml") for p in err.problems)


def test_a_rule_on_what_a_case_can_hold_loads(overlay):
    fixed = NO_CASE_CAN_HOLD.replace("dose_mg", "dose-mg").replace("Amount", "amount") \
        .replace("a.b", "a-b").replace("Use-Of-Force", "use-of-force") \
        .replace('"use-of-force "', "use-of-force").replace("one_off", "one-off")
    rules = trustdose.load_rules([overlay({"org.yaml": fixed})], user=False)
    assert {"dose", "amount", "force", "one-off"} <= {r.id for r in rules.red_lines}


def test_a_fact_compared_as_two_types_is_refused_where_the_second_is(overlay):
    folder = overlay({"a.yaml": """\
warnings:
  - {id: w1, kind: pattern, message: {en: "x"}, when: {field: facts.night, op: "==", value: true}}
""", "b.yaml": """\
warnings:
  - {id: w2, kind: pattern, message: {en: "x"}, when: {field: facts.night, op: ">", value: 1}}
  - {id: w3, kind: pattern, message: {en: "x"}, when: {field: facts.unit, op: in, value: [a, 1]}}
"""})
    err = load_error(folder)
    assert [(p.path.rpartition("/")[2], p.line) for p in err.problems] == [("b.yaml", 2),
                                                                            ("b.yaml", 3)]
    first = err.problems[0]
    assert first.message == (f"'facts.night' is compared with a number here, and with true "
                             f"or false at {folder / 'a.yaml'}:2")
    assert "one type" in first.hint


@pytest.mark.parametrize("value, said", [
    (".inf", "facts.unit is never inf in a case: a case's number is finite"),
    (".nan", "facts.unit is never nan in a case: a case's number is finite"),
    ("9007199254740993", "facts.unit is never 9007199254740993 in a case"),
])
def test_a_fact_value_no_case_can_give_is_refused(overlay, value, said):
    """A case's number is finite and exact to
    2**53: a rule on anything else never fires (hostile pass, issue 19)."""
    err = load_error(overlay({"org.yaml": f"""\
red_lines:
  - id: unit
    when: {{field: facts.unit, op: "==", value: {value}}}
    level: 2
    reason: {{en: "x"}}
"""}))
    assert [p.line for p in err.problems] == [3]
    assert said in err.problems[0].message


def test_a_text_fact_is_read_without_spaces_at_either_end_on_every_route(overlay, tmp_path):
    folder = overlay({"org.yaml": """\
red_lines:
  - id: unit
    when: {field: facts.unit, op: "==", value: "007"}
    level: 2
    reason: {en: "x"}
"""})
    rules = trustdose.load_rules([folder], user=False)
    case = {"subject": {"name": "Kim"}, "task": {"title": "T", "facts": {"unit": " 007 "}},
            "competence": 5, "intention": 5, "resources": 5, "risk": 1}
    assert trustdose.assess(case, rules).level.number == 2


def test_only_a_control_takes_the_decision_back(overlay):
    folder = overlay({"org.yaml": measure(extra="    takes_back: true")})
    problem = load_error(folder).problems[0]
    assert "feedback measure 'union-rep' cannot take the decision back" in problem.message
    assert problem.path.endswith("org.yaml") and (problem.line, problem.col) == (7, 17)
    assert "only a control" in problem.hint
