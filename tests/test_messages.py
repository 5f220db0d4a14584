"""Every message true: what a careless or hostile user types is answered plainly, in the
language in use, never with Python's own words, and output works in any locale."""

from __future__ import annotations

import json

import trustdose
from trustdose.report.model import build_report

from helpers import EXAMPLES, make_case, run, run_process

CASE = str(EXAMPLES / "new-employee.yaml")


def test_lang_without_a_value_is_an_error_not_ignored():
    for args in (["assess", CASE, "--lang"], ["--lang=", "assess", CASE]):
        out = run(*args)
        assert out.returncode == 2 and "--lang needs a language" in out.stderr, args


def test_an_empty_config_is_none_and_a_named_config_that_is_not_there_is_an_error(tmp_path):
    empty = tmp_path / "config.yaml"
    empty.write_text("# nothing here yet\n\n")
    assert run("--version", env={"TRUSTDOSE_CONFIG": str(empty)}).returncode == 0
    assert run("assess", CASE, env={"TRUSTDOSE_CONFIG": str(empty)}).returncode == 0
    missing = run("assess", CASE, env={"TRUSTDOSE_CONFIG": str(tmp_path / "gone.yaml")})
    assert missing.returncode == 2 and "names a file that is not there" in missing.stderr
    folder = run("assess", CASE, env={"TRUSTDOSE_CONFIG": str(tmp_path)})
    assert folder.returncode == 2 and "not a regular file" in folder.stderr


def test_a_level_by_its_id_in_a_red_line_and_by_its_name_in_rules_show(overlay):
    folder = overlay({"r.yaml": """\
red_lines:
  - id: big
    when: {field: risk, op: ">=", value: 4}
    level: agree
    reason: {en: "big"}
"""})
    data = json.loads(run("assess", str(EXAMPLES / "citizen-decision.yaml"), "--rules",
                          str(folder), "--format", "json").stdout)
    assert data["red_lines"][0]["level"] == 4
    shown = run("rules", "show", "uddelegere")
    assert shown.returncode == 0 and shown.stdout.startswith("levels: 7")


def test_even_preconditions_have_no_weakest(rules):
    report = build_report(trustdose.assess(make_case(3, 3, 3, 2), rules))
    assert report.why == ["The three preconditions are even (3.0) and support Agree."]
    assert not any(s.limiting for s in report.scores)
    two = build_report(trustdose.assess(make_case(3, 4, 3, 2), rules))
    assert two.why[0].startswith("Competence and resources (3.0) are the weakest")
    assert [s.limiting for s in two.scores] == [True, False, True, False]


def test_an_ascii_locale_replaces_what_it_cannot_show(tmp_path):
    import os
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONCOERCECLOCALE": "0",
           "PYTHONUTF8": "0", "PYTHONIOENCODING": "", "TRUSTDOSE_DB": str(tmp_path / "j.sqlite3")}
    env.pop("PYTHONIOENCODING")
    saved = run_process("assess", str(EXAMPLES / "vagtplan-da.yaml"), "--save", env=env)
    assert saved.returncode == 0, saved.stderr
    listed = run_process("journal", "list", env=env)
    assert listed.returncode == 0 and "L?gge vagtplanen" in listed.stdout
