"""`rules check` finds a rule set that leaves a high-risk case at Advise or above with too
few controls (`unguarded`, issue 15: "an overlay that removes every guard passes")."""

from __future__ import annotations

import json

import pytest

import trustdose
from trustdose.proofs.check import GUARDS_NEEDED, HIGH_RISK, check

from helpers import EXAMPLES, run

CARRY_ALL_7 = "carry:\n" + "".join(
    f"  - {{id: carry-{band}, level: 7}}\n"
    for band in ("full", "high", "good", "fair", "partial", "weak", "none"))
RISK_CAPS = ["risk-severe", "risk-high", "risk-moderate", "irreversible-harm", "never-done-here"]
# every control but the two that fire on any high risk at any level (and those they
# depend on): a check before it takes effect (review-point) is left out from advise up
MOST_CONTROLS = ["hold-point", "four-eyes", "written-instructions", "witness-point", "pilot",
                 "inform-up", "review-point", "document-grounds", "agreed-frame", "approval",
                 "system-check", "authorisation"]


def loose(overlay, *more: str):
    return overlay({"loose.yaml": f"disable: [{', '.join(RISK_CAPS + MOST_CONTROLS + list(more))}]"
                                  f"\n{CARRY_ALL_7}"})


def test_the_issues_overlay_is_unguarded(overlay):
    # the issue's example: Delegate with two controls for a risk-5 case passed
    folder = loose(overlay)
    case = folder.parent / "case.yaml"
    case.write_text("subject: {name: Ann}\ntask: {title: Something risky}\ncompetence: 5\n"
                    "intention: 5\nresources: 5\nrisk: 5\n", encoding="utf-8")
    assessed = json.loads(run("assess", str(case), "--rules", str(folder), "-f", "json").stdout)
    assert assessed["level"]["number"] == 7 and len(assessed["controls"]) == 2
    result = run("rules", "check", str(folder), "-f", "json")
    assert result.returncode == 1
    found = [f for f in json.loads(result.stdout)["findings"] if f["kind"] == "unguarded"]
    assert len(found) == 1
    finding = found[0]
    # blamed where the level was set: the overlay's patch of a carry band
    assert finding["source"].startswith(str(folder / "loose.yaml") + ":")
    assert finding["rule"].startswith("carry-")
    assert "gets level 7 (Delegate) with only 2 of the 3 controls" in finding["message"]
    witness = finding["witness"]
    assert witness["risk"] == 5 and finding["cases"] > 100


def test_fewer_than_two_controls_at_advise_or_above(overlay):
    folder = loose(overlay, "escalation-criteria")
    rules = trustdose.load_rules([folder], user=False)
    found = [f for f in check(rules).findings if f.kind == "unguarded"]
    assert len(found) == 1 and "with only 1 of the 3 controls" in found[0].message
    # the case it shows is assessed so: the finding is what `assess` does
    witness = found[0].witness
    case = {"subject": {"name": "Ann"}, "task": {"title": "x"},
            **{d: witness[d] for d in ("competence", "intention", "resources", "risk")}}
    assessed = trustdose.assess(case, rules)
    assert assessed.level.number == 7 and len(assessed.controls) == 1


def test_advise_with_one_control(overlay):
    # every band at Advise, one control left for high risk
    folder = overlay({"loose.yaml": f"disable: [{', '.join(RISK_CAPS + MOST_CONTROLS)}, "
                                    "escalation-criteria]\n"
                                    + CARRY_ALL_7.replace("level: 7", "level: 5")})
    found = [f for f in check(trustdose.load_rules([folder], user=False)).findings
             if f.kind == "unguarded"]
    assert len(found) == 1 and "gets level 5 (Advise) with only 1 of the 2" in found[0].message
    # at Agree the leader decides too: no finding
    folder = overlay({"loose.yaml": f"disable: [{', '.join(RISK_CAPS + MOST_CONTROLS)}, "
                                    "escalation-criteria]\n"
                                    + CARRY_ALL_7.replace("level: 7", "level: 4")})
    assert "unguarded" not in {f.kind for f in check(trustdose.load_rules(
        [folder], user=False)).findings}


def test_safeguards_in_place_count_as_controls(overlay):
    # with the risk caps kept, a risk-5 case reaches a higher level only with a safeguard
    # in place, and that safeguard is a control the case has
    folder = overlay({"loose.yaml": CARRY_ALL_7})
    assert "unguarded" not in {f.kind for f in check(trustdose.load_rules(
        [folder], user=False)).findings}


@pytest.mark.parametrize("layers", [[], [EXAMPLES / "org-overlay"]])
def test_the_defaults_and_the_example_overlay_are_guarded(layers):
    assert "unguarded" not in {f.kind for f in check(trustdose.load_rules(
        layers, user=False)).findings}
    assert GUARDS_NEEDED == {5: 2, 6: 2, 7: 3} and HIGH_RISK == 4


def test_the_finding_is_in_the_language(overlay):
    folder = loose(overlay)
    result = run("rules", "check", str(folder), "--lang", "da")
    assert result.returncode == 1
    assert "unguarded: en sag med høj risiko (risiko 5) får niveau 7 (Uddelegere) med kun " \
           "2 af de 3 kontroller" in result.stdout + result.stderr
