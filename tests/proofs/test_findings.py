"""Each kind of finding `rules check` reports, shown by a small overlay, and not by the
same overlay put right: a finding is a property of the rules, not of the check."""

from __future__ import annotations

import json

import pytest

import trustdose
from trustdose.proofs.check import check

from helpers import run


def red_line(when: str, level: int, extra: str = "") -> str:
    return (f"red_lines:\n  - id: org-line\n    when: {when}\n    level: {level}\n"
            f"    reason: {{en: ours}}\n{extra}")


def control(when: str) -> str:
    return ("measures:\n  - id: org-control\n    kind: control\n    title: {en: Ours}\n"
            "    description: {en: Ours}\n    addresses: [risk]\n"
            f"    when: {when}\n")


# kind: (an overlay that shows it, the same overlay put right, the rule blamed)
CASES = {
    # (a `gap`, a score no carry band covers, is refused when the rules load)
    "overlap": ("carry:\n  - {id: carry-extra, at_least: 4.0, level: 6}\n",
                "carry:\n  - {id: carry-extra, at_least: 4.25, level: 6}\n", "carry-extra"),
    # (a test no case can make true, competence > 5, is refused when the rules load)
    "never-fires": (control("{all: [{field: competence, op: '>=', value: 4}, "
                            "{field: competence, op: '<', value: 2}]}"),
                    control("{field: competence, op: '>=', value: 5}"), "org-control"),
    # risk-severe already holds a risk of 5 at agree (4)
    "never-binds": (red_line("{field: risk, op: '>=', value: 5}", 5),
                    red_line("{field: risk, op: '>=', value: 5}", 3), "org-line"),
    "not-monotone": (red_line("{field: competence, op: '>=', value: 4.5}", 2),
                     red_line("{field: competence, op: '<=', value: 2}", 2), "org-line"),
    "not-antitone": (red_line("{field: risk, op: '<=', value: 1.5}", 2),
                     red_line("{field: risk, op: '>=', value: 4.5}", 2), "org-line"),
    "controls-fall": (control("{field: risk, op: '<=', value: 1}"),
                      control("{field: risk, op: '>=', value: 4.5}"), "org-control"),
    # a check before it takes effect for grants, that holds for any decision at risk 2
    "takes-back": (control("{any: [{field: risk, op: '>=', value: 2}, "
                           "{field: tags, op: contains, value: grants}]}")
                   + "    takes_back: true\n",
                   control("{all: [{field: risk, op: '>=', value: 2}, "
                           "{field: tags, op: contains, value: grants}]}")
                   + "    takes_back: true\n", "org-control"),
    "safeguard-lowers": (red_line("{field: safeguards, op: contains, value: four-eyes}", 3),
                         red_line("{field: tags, op: contains, value: restraint}", 3),
                         "org-line"),
}


FOUND: dict[str, list] = {}  # an overlay's text -> its findings: proved once a module


def findings(overlay, text: str) -> list:
    if text not in FOUND:
        FOUND[text] = check(trustdose.load_rules([overlay({"org.yaml": text})],
                                                 user=False)).findings
    return FOUND[text]


@pytest.mark.parametrize("kind", sorted(CASES))
def test_each_finding_shows_and_goes_when_put_right(overlay, kind):
    bad, fixed, rule = CASES[kind]
    found = [f for f in findings(overlay, bad) if f.kind == kind]
    assert found, kind
    assert rule in {f.rule for f in found}
    # where to read the rule blamed: the overlay's file and line
    assert all(f.source.rsplit(":", 1)[0].endswith("org.yaml") for f in found if f.rule == rule)
    assert kind not in {f.kind for f in findings(overlay, fixed)}


def test_a_safeguard_that_lowers_the_level_is_shown_with_it_in_place(overlay):
    bad = CASES["safeguard-lowers"][0]
    finding = next(f for f in findings(overlay, bad) if f.kind == "safeguard-lowers")
    witness = finding.witness
    assert "four-eyes" in witness["safeguards"]
    case = {"subject": {"name": "Ann"},
            "task": {"title": "T", "safeguards": witness["safeguards"]},
            **{d: witness[d] for d in ("competence", "intention", "resources", "risk")}}
    rules = trustdose.load_rules([overlay({"org.yaml": bad})], user=False)
    with_it = trustdose.assess(case, rules).level.number
    case["task"]["safeguards"] = [g for g in witness["safeguards"] if g != "four-eyes"]
    assert with_it < trustdose.assess(case, rules).level.number


def test_a_missing_translation_is_a_finding_only_when_required(overlay):
    english = red_line("{field: tags, op: contains, value: restraint}", 3)
    folder = overlay({"org.yaml": english})
    result = run("rules", "check", str(folder), "--require-lang", "da", "-f", "json")
    assert result.returncode == 1
    found = json.loads(result.stdout)["findings"]
    assert [(f["kind"], f["rule"]) for f in found] == [("missing-translation", "org-line")]
    translated = english.replace("{en: ours}", "{en: ours, da: vores}")
    folder = overlay({"org.yaml": translated})
    result = run("rules", "check", str(folder), "--require-lang", "da", "-f", "json")
    assert result.returncode == 0 and json.loads(result.stdout)["ok"] is True
