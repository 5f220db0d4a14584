"""A limit a later layer weakens is said wherever the rules are shown (rules.weakened):
`assess --full` and its JSON, `rules list`, `rules diff`."""

from __future__ import annotations

import json
import shutil

import trustdose
from trustdose.proofs.diff import Diff
from trustdose.rules.weakened import between

from helpers import EXAMPLES, run

ORG = EXAMPLES / "org-overlay"
# A later layer over the organisation's: each change holds a limit less (issue 20)
LATE = """\
red_lines:
  - id: use-of-force
    level: 5
    when: {field: tags, op: contains, value: restraint}
    lifted_by: {document-grounds: 6}
  - id: spending-limit
    require: []
    level: 2
caps:
  - {id: unclear-task, level: 5}
disable: [risk-high]
"""
# Changes that hold a limit as much or more: none is a weakening
STRONGER = """\
red_lines:
  - {id: use-of-force, level: 2, require: [four-eyes, document-grounds, escalation-criteria]}
caps:
  - {id: risk-moderate, level: 5}
"""


def changes(rules) -> set[tuple]:
    return {(w.rule, w.change, w.layer, w.by.rpartition("/")[2]) for w in rules.weakened}


def test_every_weakening_of_another_layer_s_limit_is_found(overlay):
    late = overlay({"late.yaml": LATE})
    rules = trustdose.load_rules([ORG, late], user=False)
    org = str(ORG)
    assert changes(rules) == {
        ("use-of-force", "cap-raised", org, "org-rules"),
        ("use-of-force", "condition", org, "org-rules"),
        ("use-of-force", "lifted", org, "org-rules"),
        ("spending-limit", "require-dropped", org, "org-rules"),
        ("unclear-task", "cap-raised", "default", "org-rules"),
        ("risk-high", "disabled", "default", "org-rules")}
    raised = next(w for w in rules.weakened if w.rule == "use-of-force"
                  and w.change == "cap-raised")
    assert (raised.before, raised.after) == (3, 5)
    assert raised.source == f"{late / 'late.yaml'}:2"


def test_a_limit_held_as_much_or_more_and_a_layer_s_own_changes_are_no_weakening(overlay):
    assert changes(trustdose.load_rules([ORG, overlay({"s.yaml": STRONGER})],
                                        user=False)) == set()
    assert trustdose.load_rules([ORG], user=False).weakened == ()  # it disables a measure


def test_assess_full_json_and_rules_list_say_it(overlay, tmp_path):
    late = overlay({"late.yaml": LATE})
    case = str(EXAMPLES / "care-use-of-force.yaml")
    full = " ".join(run("assess", case, "--rules", str(ORG), "--rules", str(late), "--full",
                        "-f", "text").stdout.split())  # as one line, however it wraps
    assert f"! red line use-of-force of layer {ORG}, weakened by layer {late} " \
        f"({late / 'late.yaml'}:2): its cap raised from level 3 to 5" in full
    assert "! cap risk-high of layer default, weakened by layer" in full
    data = json.loads(run("assess", case, "--rules", str(ORG), "--rules", str(late),
                          "-f", "json").stdout)
    assert {(w["rule"], w["change"]) for w in data["weakened"]} >= {
        ("risk-high", "disabled"), ("spending-limit", "require-dropped")}
    assert json.loads(run("assess", case, "--rules", str(ORG), "-f", "json").stdout
                      )["weakened"] == []
    listed = run("rules", "list", "--rules", str(ORG), "--rules", str(late),
                 env={"COLUMNS": "250"}).stdout
    marked = {line.split()[1] for line in listed.splitlines() if " ! " in line}
    assert marked == {"use-of-force", "spending-limit", "unclear-task", "risk-high"}


def test_rules_diff_names_each_limit_the_second_side_holds_less(tmp_path, monkeypatch):
    weaker = tmp_path / "weaker"
    shutil.copytree(ORG, weaker)
    lines = weaker / "red-lines.yaml"
    lines.write_text(lines.read_text(encoding="utf-8").replace("level: 3", "level: 5"),
                     encoding="utf-8")
    a, b = (trustdose.load_rules([side], user=False) for side in (ORG, weaker))
    assert [(w.rule, w.change, w.before, w.after) for w in between(a, b, str(weaker))] == [
        ("use-of-force", "cap-raised", 3, 5)]
    assert between(b, a, str(ORG)) == []
    # the command says what `between` finds beside the grid's count (not run here: the
    # grid is rules diff's own, tested in tests/cli/test_rules.py)
    monkeypatch.setattr("trustdose.proofs.diff.diff",
                        lambda a, b, examples, progress=None: Diff(0, 0, 0, 0, {}, [], 0))
    said = run("rules", "diff", str(ORG), str(weaker), env={"COLUMNS": "250"}).stdout
    assert f"! red line use-of-force of layer {ORG}, weakened by layer {weaker} " \
        f"({lines}:7): its cap raised from level 3 to 5" in said
    data = json.loads(run("rules", "diff", str(ORG), str(weaker), "-f", "json").stdout)
    assert [w["change"] for w in data["weakened"]] == ["cap-raised"]


REWORDED = """\
measures:
  - id: four-eyes
    title: {en: 'Nothing to do'}
    description: {en: 'No second person needed; decide alone.'}
"""


def test_a_required_measure_a_later_layer_patches_is_said_as_weakening(overlay, tmp_path):
    """Rewording four-eyes to nothing in a later layer left the red lines that require it
    unmarked in assess --full, rules list and rules diff (hostile pass, item 12)."""
    late = overlay({"late.yaml": REWORDED})
    rules = trustdose.load_rules([ORG, late], user=False)
    assert [(w.rule, w.change, w.before, w.after, w.by) for w in rules.weakened] == [
        (line, "require-changed", "four-eyes", ["description", "title"], str(late))
        for line in ("use-of-force", "spending-limit")]
    case = str(EXAMPLES / "care-use-of-force.yaml")
    full = " ".join(run("assess", case, "--rules", str(ORG), "--rules", str(late), "--full",
                        "-f", "text").stdout.split())
    assert f"! red line use-of-force of layer {ORG}, weakened by layer {late} " \
        f"({late / 'late.yaml'}:2): the measure it requires, four-eyes, changed " \
        "(description, title)" in full
    listed = run("rules", "list", "--rules", str(ORG), "--rules", str(late),
                 env={"COLUMNS": "250"}).stdout
    assert {line.split()[1] for line in listed.splitlines() if " ! " in line} == {
        "use-of-force", "spending-limit"}
    # the same patch in the organisation's own layer weakens nothing of its own
    own = tmp_path / "own"
    shutil.copytree(ORG, own)
    (own / "zz.yaml").write_text(REWORDED, encoding="utf-8")
    mine = trustdose.load_rules([own], user=False)
    assert mine.weakened == ()
    assert [(w.rule, w.change) for w in between(trustdose.load_rules([ORG], user=False),
                                                mine, str(own))] == [
        ("use-of-force", "require-changed"), ("spending-limit", "require-changed")]


def test_a_control_a_later_layer_stops_taking_the_decision_back_is_said(overlay):
    """A hostile pass of issue 21: an overlay that cleared `takes_back` on the review point
    went unseen, and from Advise up the plan would show a check before the decision takes
    effect; a layer marking its own control, or marking one that takes it back, is none."""
    cleared = overlay({"org.yaml": "measures:\n  - id: review-point\n    takes_back: false\n"})
    found = trustdose.load_rules([cleared], user=False).weakened
    assert [(w.rule, w.section, w.layer, w.change) for w in found] == \
        [("review-point", "measures", "default", "takes-back-cleared")]
    assert found[0].source.endswith("org.yaml:2")
    marked = overlay({"org.yaml": "measures:\n  - id: spot-checks\n    takes_back: true\n"})
    assert not trustdose.load_rules([marked], user=False).weakened
