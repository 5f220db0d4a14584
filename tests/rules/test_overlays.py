"""Organisations own their rules: patches by id, disable, red lines, task facts, layers
from the config file and TRUSTDOSE_RULES."""

from __future__ import annotations

import pytest

import trustdose
from trustdose import RulesError
from trustdose.errors import ConfigError

from helpers import EXAMPLES, make_case, run

ORG = EXAMPLES / "org-overlay"

RED_LINE = """\
red_lines:
  - id: {id}
    when: {when}
    {what}
    reason: {{en: "{reason}"}}
"""


# An overlay adding an indicator to the competence rubric.
MEDICATION = """\
rubric:
  dimension: competence
  indicators:
    - id: medication
      question: {{en: Can they handle medication safely?}}
      anchors: {{1: {{en: {lowest}}}, 3: {{en: With support}}, 5: {{en: Safely}}}}
"""


def red_line(id="budget", when="{field: tags, op: contains, value: budget}",
             what="level: 4", reason="budget decisions stay close"):
    return RED_LINE.format(id=id, when=when, what=what, reason=reason)


def load_error(folder) -> RulesError:
    with pytest.raises(RulesError) as err:
        trustdose.load_rules([folder])
    return err.value


def test_a_patch_changes_only_what_it_gives(rules, overlay):
    folder = overlay({"org.yaml": "measures:\n  - id: sparring\n"
                                  "    title: {da: 'Sparring: kom med to forslag'}\n"})
    patched = trustdose.load_rules([folder]).measures()["sparring"]
    default = rules.measures()["sparring"]
    # texts merge per language: the Danish title is added, the English one kept
    assert patched.item["title"] == {**default.item["title"], "da": "Sparring: kom med to forslag"}
    assert patched.item["when"] == default.item["when"] and patched.item["kind"] == "feedback"
    assert patched.source == default.source and patched.patches[0].startswith(str(folder))


def test_a_patch_can_add_an_indicator_and_conditions_can_use_it(overlay):
    folder = overlay({"competence.yaml": MEDICATION.format(lowest="Not safely") + """\
red_lines:
  - id: medication-skills
    when: {field: competence.medication, op: "<=", value: 2}
    level: 2
    reason: {en: "medication needs proven skills"}
"""})
    layered = trustdose.load_rules([folder])
    ids = layered.indicators("competence")
    assert ids[-1] == "medication" and len(ids) == 5
    case = make_case(competence={"professional": 5, "relational": 5, "personal": 5,
                                 "experience": 5, "medication": 1}, i=5, r=5, risk=1)
    a = trustdose.assess(case, layered)
    assert a.level.number == 2 and a.capped_by == "medication-skills"


def test_null_removes_a_field_and_when_is_replaced_whole(rules, overlay):
    folder = overlay({"org.yaml": "measures:\n  - id: recognition\n    when: null\n"
                                  "  - id: sparring\n"
                                  "    when: {field: risk, op: '>=', value: 1}\n"})
    layered = trustdose.load_rules([folder]).measures()
    assert layered["recognition"].get("when") is None
    when = layered["sparring"].item["when"]
    assert when["field"] == "risk" and "all" not in when


def test_disable_switches_a_rule_off_and_keeps_it_visible(rules, overlay):
    folder = overlay({"org.yaml": "disable: [risk-moderate, recognition]\n"})
    layered = trustdose.load_rules([folder])
    assert "risk-moderate" not in [c.id for c in layered.caps]
    assert {d.rule.id for d in layered.disabled} == {"risk-moderate", "recognition"}
    a = trustdose.assess(make_case(5, 5, 5, 3), layered)
    assert a.level.number == 7 and "recognition" not in [m.id for m in a.feedback]
    listed = run("rules", "list", "--rules", str(folder))
    line = next(x for x in listed.stdout.splitlines() if " risk-moderate " in x)
    assert "disabled at " + str(folder / "org.yaml") + ":1" in line


def test_disable_of_an_unknown_id_suggests(overlay):
    problem = load_error(overlay({"org.yaml": "disable: [risk-moderat]\n"})).problems[0]
    assert "no rule with the id 'risk-moderat'" in problem.message
    assert problem.hint == "did you mean 'risk-moderate'?" and problem.line == 1


def test_ids_are_unique_across_sections(overlay):
    folder = overlay({"org.yaml": red_line(id="four-eyes")})
    problem = load_error(folder).problems[0]
    assert "id 'four-eyes' is already used by measures at rules/controls.yaml:" in problem.message
    assert problem.line == 2


def test_the_lowest_cap_wins_whatever_the_file_order(rules, overlay):
    lines = red_line(id="a-loose", what="level: 5", reason="loose") + \
        red_line(id="b-tight", what="level: 2", reason="tight")[len("red_lines:\n"):]
    for name in ("a.yaml", "z.yaml"):  # before and after the defaults' file names
        folder = overlay({name: lines})
        a = trustdose.assess(make_case(5, 5, 5, 1, task={"title": "Budget", "tags": ["budget"]}),
                             trustdose.load_rules([folder]))
        assert a.level.number == 2 and a.capped_by == "b-tight"
        assert {r.rule for r in a.red_lines} == {"a-loose", "b-tight"}
        (folder / name).unlink()


def test_a_red_line_on_a_task_fact_requires_a_measure(overlay):
    folder = overlay({"org.yaml": red_line(
        id="spending", when="{field: facts.amount, op: '>=', value: 50000}",
        what="require: [four-eyes]", reason="large spending needs four-eyes")})
    rules = trustdose.load_rules([folder])
    small = trustdose.assess(make_case(5, 5, 5, 1, task={"title": "Buy", "facts": {"amount": 100}}),
                             rules)
    large = trustdose.assess(make_case(5, 5, 5, 1, task={"title": "Buy",
                                                         "facts": {"amount": 60000}}), rules)
    assert "four-eyes" not in [m.id for m in small.controls]
    four = next(m for m in large.controls if m.id == "four-eyes")
    assert four.required_by == "spending" and large.level.number == 7
    assert any(f.rule == "spending" and "requires four-eyes" in f.effect for f in large.trace)
    assert large.to_json()["red_lines"][0]["require"] == ["four-eyes"]


def test_red_line_needs_a_cap_or_a_requirement_and_known_measures(overlay):
    folder = overlay({"org.yaml": red_line(what="require: [four-eye]")})
    problem = load_error(folder).problems[0]
    assert "unknown measure 'four-eye'" in problem.message and "'four-eyes'" in problem.hint
    folder = overlay({"org.yaml": red_line(what="cite: x")})
    assert "needs a 'level'" in load_error(folder).problems[0].message


def test_red_lines_may_not_test_the_decided_level(overlay):
    folder = overlay({"org.yaml": red_line(when="{field: level, op: '>=', value: 5}")})
    assert "only known after the level is decided" in load_error(folder).problems[0].message


def test_a_patch_error_points_at_the_overlay(overlay):
    folder = overlay({"org.yaml": "measures:\n  - id: sparring\n    addresses: [moral]\n"})
    problem = load_error(folder).problems[0]
    assert problem.path == str(folder / "org.yaml") and problem.line == 3
    assert "'moral' is not allowed" in problem.message


def test_config_file_and_environment_add_layers_in_order(tmp_path, overlay, monkeypatch):
    first = overlay({"a.yaml": "measures:\n  - id: recognition\n    title: {en: From config}\n"})
    second = tmp_path / "env-rules"
    second.mkdir()
    (second / "b.yaml").write_text("measures:\n  - id: recognition\n    title: {en: From env}\n")
    config = tmp_path / "config.yaml"
    config.write_text(f"rules:\n  - {first.name}\n")  # relative to the config file
    monkeypatch.setenv("TRUSTDOSE_CONFIG", str(config))
    rules = trustdose.load_rules()
    assert [(layer.name, layer.origin) for layer in rules.layers] == [
        ("default", "default"), (str(first), "config")]
    assert rules.measures()["recognition"].item["title"]["en"] == "From config"
    monkeypatch.setenv("TRUSTDOSE_RULES", str(second))
    assert trustdose.load_rules().measures()["recognition"].item["title"]["en"] == "From env"
    assert trustdose.load_rules(user=False).layers[-1].origin == "default"
    env = {"TRUSTDOSE_CONFIG": str(config), "TRUSTDOSE_RULES": str(second)}
    listed = run("rules", "list", env=env).stdout
    assert listed.splitlines()[0] == (f"Layers: default · {first} (config) · "
                                      f"{second} (TRUSTDOSE_RULES)")


def test_a_broken_config_file_is_a_clear_error(tmp_path, monkeypatch):
    config = tmp_path / "config.yaml"
    config.write_text("rule:\n  - x\n")
    monkeypatch.setenv("TRUSTDOSE_CONFIG", str(config))
    with pytest.raises(ConfigError) as err:
        trustdose.load_rules()
    assert err.value.problems[0].line == 1 and err.value.problems[0].hint == "did you mean 'rules'?"
    result = run("assess", str(EXAMPLES / "new-employee.yaml"),
                 env={"TRUSTDOSE_CONFIG": str(config)})
    assert result.returncode == 2 and f"{config}:1:1: unknown key 'rule'" in result.stderr


def test_the_example_overlay_changes_the_recommendation_and_says_why():
    plain = run("assess", str(EXAMPLES / "care-use-of-force.yaml"), "-f", "json")
    held = run("assess", str(EXAMPLES / "care-use-of-force.yaml"), "--rules", str(ORG))
    assert '"number": 6' in plain.stdout.split('"level"')[1][:60]
    assert held.returncode == 0
    assert "Recommended level: 3 · Consult" in held.stdout
    assert "Red line — held at Consult: decisions about the use of force" in held.stdout
    assert "required by red line use-of-force" in held.stdout


def test_an_error_in_an_added_indicator_points_at_the_overlay_line(overlay):
    folder = overlay({"competence.yaml": MEDICATION.format(lowest="false")})
    problem = load_error(folder).problems[0]
    # a bare false is no text; the message names the overlay's own position (a bare No is
    # the text "No": YAML 1.2's core schema, which trustdose reads by)
    assert problem.path == str(folder / "competence.yaml") and problem.line == 6
    assert problem.message.startswith("rubric.indicators[0].anchors[1].en:")


def test_a_missing_folder_says_which_layer_named_it(tmp_path):
    config = tmp_path / "config.yaml"
    config.write_text("rules: [gone]\n")
    result = run("assess", str(EXAMPLES / "new-employee.yaml"),
                 env={"TRUSTDOSE_CONFIG": str(config)})
    assert result.returncode == 2
    assert f"{tmp_path / 'gone'}: rules folder not found" in result.stderr
    assert f"hint: listed in your config file ({config})" in result.stderr
    env_named = run("rules", "list", env={"TRUSTDOSE_RULES": str(tmp_path / "nope")})
    assert env_named.returncode == 2 and "hint: named in TRUSTDOSE_RULES" in env_named.stderr


@pytest.mark.parametrize("late, said", [
    ("disable: [four-eyes]\n", "'four-eyes' is disabled at {late}/l.yaml:1 (layer {late})"),
    ("measures: [{id: four-eyes, kind: feedback}]\n",
     "'four-eyes' is changed at {late}/l.yaml:1 (layer {late})"),
    ("caps:\n  - id: risk-severe\n    level: 7\n",
     "its level 7 is set at {late}/l.yaml:3 (layer {late})"),
    ("carry:\n  - id: carry-full\n    at_least: 1\n",
     "'carry-full' is changed at {late}/l.yaml:2 (layer {late})")])
def test_an_item_a_later_layer_disabled_or_changed_names_that_layer(tmp_path, late, said):
    """The errors blamed the files that require or lift the item (the organisation's red
    lines, the package's own rules/levels.yaml), never the layer that disabled or changed
    it (hostile pass of issue 20, item 11)."""
    folder = tmp_path / "late"
    folder.mkdir()
    (folder / "l.yaml").write_text(late, encoding="utf-8")
    with pytest.raises(RulesError) as raised:
        trustdose.load_rules([ORG, folder], user=False)
    hints = [p.hint or "" for p in raised.value.problems]
    assert all(said.format(late=folder) in hint for hint in hints), hints
