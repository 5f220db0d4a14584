"""Rule tests that can fail: every id a test names is one the rules in force can give,
and every row's `expect` is read when the file is (proofs.tests)."""

from __future__ import annotations

import pytest

import trustdose
from trustdose import RulesError
from trustdose.proofs.tests import run_tests

CASE = ("{subject: {name: K}, task: {title: T}, competence: 5, intention: 5, resources: 5, "
        "risk: 1}")
# (key, a misspelt id, the id meant); each passed as '1 passed, 0 failed' when negative
MISSPELT = [("not_fired", "overdoze", "overdose"), ("no_measures", "four-eyez", "four-eyes"),
            ("no_warnings", "overcontroll", "overcontrol"), ("fired", "carry-ful", "carry-full"),
            ("measures", "recogniton", "recognition"), ("warnings", "overdos", "overdose"),
            ("in_place", "four-eye", "four-eyes"), ("capped_by", "risk-hihg", "risk-high")]


def write_tests(tmp_path, text: str):
    path = tmp_path / "t.test.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def expect(key: str, name: str) -> str:
    return f"{key}: {name}" if key == "capped_by" else f"{key}: [{name}]"


def test_every_misspelt_id_is_refused_at_its_place_with_the_id_meant(tmp_path, rules):
    lines = ["tests:"]
    for key, wrong, _meant in MISSPELT:  # one in a test's expect, one in an `each` row
        lines += [f"  - name: {key}", f"    case: {CASE}", f"    expect: {{{expect(key, wrong)}}}",
                  f"  - name: {key} rows", f"    case: {CASE}",
                  f"    each: [{{risk: 2, expect: {{{expect(key, wrong)}}}}}]"]
    path = write_tests(tmp_path, "\n".join(lines) + "\n")
    with pytest.raises(RulesError) as raised:
        run_tests(rules, [path], [])
    said = [(p.line, p.hint) for p in raised.value.problems]
    assert said == [(line, f"did you mean '{meant}'?") for i, (_k, _w, meant) in
                    enumerate(MISSPELT) for line in (4 + 6 * i, 7 + 6 * i)]
    assert all(p.col > 12 for p in raised.value.problems)  # at the id, not the test


def test_the_ids_meant_run(tmp_path, rules):
    lines = ["tests:"] + [f"  - {{name: {key}, case: {CASE}, expect: {{{expect(key, meant)}}}}}"
                          for key, _w, meant in MISSPELT if key.startswith(("no_", "not_"))]
    run = run_tests(rules, [write_tests(tmp_path, "\n".join(lines) + "\n")], [])
    assert [r.passed for r in run.results] == [True, True, True]


def test_a_disabled_rule_may_be_said_to_stay_off_but_not_to_fire(tmp_path, overlay):
    rules = trustdose.load_rules([overlay({"off.yaml": "disable: [learning-review]\n"})],
                                 user=False)
    kept = write_tests(tmp_path, f"tests:\n  - {{name: stays off, case: {CASE}, expect: "
                                "{not_fired: [learning-review], no_measures: [learning-review]}}\n")
    assert run_tests(rules, [kept], []).results[0].passed
    kept.write_text(f"tests:\n  - {{name: fires, case: {CASE}, expect: "
                    "{measures: [learning-review]}}\n", encoding="utf-8")
    with pytest.raises(RulesError) as raised:
        run_tests(rules, [kept], [])
    assert raised.value.problems[0].hint.startswith("it is disabled at ")
    assert raised.value.problems[0].hint.endswith("off.yaml:1")


def test_a_row_s_expect_is_read_with_the_file(tmp_path, rules):
    """A misspelt key in a row's expect was an internal error (exit 70) when it ran."""
    path = write_tests(tmp_path, f"tests:\n  - name: rows\n    case: {CASE}\n"
                                "    each:\n      - {risk: 2, expect: {levle: 3}}\n")
    with pytest.raises(RulesError) as raised:
        run_tests(rules, [path], [])
    [problem] = raised.value.problems
    assert (problem.line, problem.col) == (5, 28) and "'level'" in problem.hint


# Each passed as '1 passed, 0 failed' whatever the rules did (hostile pass of issue 20,
# item 9): (what the test holds, the line the refusal stands at, a word it says)
IDLE = [("expect: {}", 2, "expects nothing"), ("", 2, "expects nothing"),
        ("each: []", 4, "runs no case"),
        ("expect: {level: {max: delegate}}", 4, "between 1 and 7"),
        ("expect: {level: {min: tell}}", 4, "between 1 and 7"),
        ("expect: {level: {min: 1, max: 7}}", 4, "between 1 and 7"),
        ("expect: {measures: [], fired: [], not_fired: []}", 2, "expects nothing"),
        ("expect: {capped_by: null, level: 3}", 4, "capped_by: null"),
        ("each: [{risk: 2, expect: {level: 7}}, {risk: 3}]", 4, "expects nothing")]


@pytest.mark.parametrize("holds, line, said", IDLE)
def test_a_rule_test_that_cannot_fail_is_refused_at_its_place(tmp_path, rules, holds, line,
                                                               said):
    path = write_tests(tmp_path, f"tests:\n  - name: x\n    case: {CASE}\n    {holds}\n")
    with pytest.raises(RulesError) as raised:
        run_tests(rules, [path], [])
    [problem] = raised.value.problems
    assert problem.line == line and said in problem.message, problem
    assert problem.hint


@pytest.mark.parametrize("holds", ["expect: {level: {min: 6, max: 7}}", "expect: {level: {min: 2}}",
                                   "expect: {no_measures: [four-eyes]}",
                                   "expect: {level: 7}\n    each: [{risk: 2}, {risk: 1}]",
                                   "each: [{risk: 2, expect: {level: 7}}]"])
def test_a_rule_test_that_can_fail_runs(tmp_path, rules, holds):
    path = write_tests(tmp_path, f"tests:\n  - name: x\n    case: {CASE}\n    {holds}\n")
    assert all(r.passed for r in run_tests(rules, [path], []).results)
