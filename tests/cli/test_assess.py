"""The `trustdose` command as a script or a person calls it: formats, stdin, bad input."""

from __future__ import annotations

import json
import re

import pytest

from helpers import EXAMPLES, make_case, run, run_process

CASE = str(EXAMPLES / "new-employee.yaml")
ESC = "\x1b"


def test_version_and_help():
    out = run("--version")
    assert out.returncode == 0 and re.fullmatch(r"trustdose \d+\.\d+\.\d+\n", out.stdout)
    help_text = run("assess", "--help").stdout
    for option in ("--planned", "--format", "--output", "--rules", "--no-input", "--debug"):
        assert option in help_text


def test_json_is_the_contract_and_nothing_else():
    out = run("assess", CASE, "--format", "json")
    assert out.returncode == 0 and out.stderr == ""
    data = json.loads(out.stdout)
    assert set(data["level"]) >= {"number", "name"} and 1 <= data["level"]["number"] <= 7
    assert set(data["scores"]) == {"competence", "intention", "resources", "risk"}
    assert all(1 <= v <= 5 for v in data["scores"].values())
    dims = {"competence", "intention", "resources", "risk"}
    for measure in data["controls"] + data["feedback"]:
        assert {"id", "title", "addresses"} <= set(measure) and set(measure["addresses"]) <= dims
    assert all({"kind", "message"} <= set(w) for w in data["warnings"])
    assert data["planned"]["name"] == "inquire"
    assert "overdose" in {w["kind"] for w in data["warnings"]}
    assert "next_step" in data and data["trace"]
    assert all(re.fullmatch(r".+:\d+", t["source"]) for t in data["trace"])


def test_stdin_and_planned_override():
    text = (EXAMPLES / "team-shift-planning.yaml").read_text()
    out = run("assess", "-", "--format", "json", "--planned", "delegate", input=text)
    data = json.loads(out.stdout)
    assert data["planned"]["number"] == 7 and out.returncode == 0
    assert "overcontrol" not in {w["kind"] for w in data["warnings"]}


def test_piped_default_is_plain_text_without_escapes():
    out = run("assess", CASE)
    assert out.returncode == 0 and ESC not in out.stdout
    for heading in ("Recommended level", "CONTROL", "FEEDBACK", "NEXT TRUST STEP"):
        assert heading.lower() in out.stdout.lower()
    assert "DELEGATION AGREEMENT" not in out.stdout and "--full" in out.stdout  # short
    full = run("assess", CASE, "--full").stdout
    for heading in ("DELEGATION AGREEMENT", "QUESTIONS", "RULE BY RULE", "SOURCES"):
        assert heading in full
    forced = run("assess", CASE, "--format", "rich", env={"NO_COLOR": "1"})
    assert forced.returncode == 0 and ESC not in forced.stdout and "Consult" in forced.stdout


def test_markdown_and_output_file(tmp_path):
    target = tmp_path / "report.md"
    out = run("assess", CASE, "--output", str(target))
    assert out.returncode == 0 and out.stdout == ""
    text = target.read_text()
    assert text.startswith("# Delegating to Jonas") and "- [ ] " in text and ESC not in text
    as_json = tmp_path / "a.json"
    run("assess", CASE, "-o", str(as_json))
    assert json.loads(as_json.read_text())["subject"]["name"] == "Jonas"


def test_rules_overlay_from_the_command_line(overlay):
    folder = overlay({"org.yaml": "measures:\n  - id: recognition\n    kind: feedback\n"
                                  "    title: {en: Cake on Friday}\n    description: {en: Yes.}\n"
                                  "    addresses: [intention]\n    priority: 1\n"})
    out = run("assess", CASE, "--rules", str(folder), "--format", "json")
    assert "Cake on Friday" in [m["title"] for m in json.loads(out.stdout)["feedback"]]


def test_no_case_and_no_terminal():
    out = run("assess", input="")
    assert out.returncode == 2 and "no case given" in out.stderr and "hint:" in out.stderr
    out = run("assess", "--no-input")
    assert out.returncode == 2 and "Traceback" not in out.stderr


BAD = {
    "empty.yaml": ("", "the file is empty"),
    "malformed.yaml": ("subject: {name: A\ntask: x\n", "malformed.yaml:2:"),
    "list.yaml": ("- 1\n- 2\n", "a case must be a mapping, found list"),
    "unknown.yaml": ("subjekt: {name: A}\n", "unknown field 'subjekt'"),
    "range.yaml": (None, "range.yaml:6:7: risk: 9 is out of range"),
    "word.yaml": (None, "'high' is not a number"),
    "planned.yaml": (None, "unknown level 'delgate'"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_case_files(tmp_path, name):
    text, expected = BAD[name]
    if text is None:
        text = ("subject: {name: A}\ntask: {title: T}\ncompetence: 3\nintention: 3\n"
                "resources: 3\nrisk: 9\n")
        text = {"word.yaml": text.replace("risk: 9", "risk: high"),
                "planned.yaml": text.replace("risk: 9", "risk: 3\nplanned_level: delgate")
                }.get(name, text)
    path = tmp_path / name
    path.write_text(text)
    out = run("assess", str(path))
    assert out.returncode == 2, out.stderr
    assert expected in out.stderr and str(path) in out.stderr
    assert "Traceback" not in out.stderr and out.stdout == ""


def test_missing_file_unknown_planned_broken_rules(tmp_path):
    out = run("assess", str(tmp_path / "nope.yaml"))
    assert out.returncode == 2 and "file not found" in out.stderr
    out = run("assess", CASE, "--planned", "delgate")
    assert out.returncode == 2 and "did you mean 'delegate'?" in out.stderr
    (tmp_path / "bad.yaml").write_text("caps:\n  - id: x\n    level: 2\n")
    out = run("assess", CASE, "--rules", str(tmp_path))
    assert out.returncode == 2 and "bad.yaml:2:5: missing required field 'when'" in out.stderr
    out = run("assess", CASE, "--format", "pdf")
    assert out.returncode == 2 and "pdf" in out.stderr


def test_debug_shows_the_traceback(tmp_path):
    out = run_process("assess", str(tmp_path / "nope.yaml"), "--debug")
    assert out.returncode != 0 and "Traceback" in out.stderr


def test_unwritable_output(tmp_path):
    out = run("assess", CASE, "-o", str(tmp_path / "no" / "such" / "r.md"))
    assert out.returncode == 2 and "cannot write" in out.stderr


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.glob("*.*")))
def test_every_example_runs(example):
    out = run("assess", str(EXAMPLES / example), "--format", "json")
    assert out.returncode == 0, out.stderr


def test_a_json_object_on_stdin_reads_as_the_same_json_in_a_file(tmp_path):
    """`cat case.json | assess -` read the text by YAML's rules (Danish `49.999` as 49999,
    which fired a spending limit) while the file and `batch -` read 49.999."""
    case = make_case(5, 5, 5, 1, task={"title": "T", "facts": {"amount": 49.999}})
    text = json.dumps(case)
    (tmp_path / "c.json").write_text(text)
    org = str(EXAMPLES / "org-overlay")

    def amount(*args, input=None):
        out = run("--lang", "da", *args, "--rules", org, "-f", "json", input=input)
        assert out.returncode == 0, out.stderr
        return json.loads(out.stdout)["task"]["facts"]["amount"]
    assert amount("assess", "-", input=text) == 49.999
    assert amount("assess", "-", input="\n  " + text) == 49.999
    assert amount("assess", str(tmp_path / "c.json")) == 49.999
    out = run("--lang", "da", "batch", "-", "--rules", org, "-f", "jsonl", input=text)
    assert json.loads(out.stdout)["task"]["facts"]["amount"] == 49.999
    # YAML written in braces is YAML still, read as the same case in block style
    flow = ("{subject: {name: Bo}, task: {title: T, facts: {amount: 49.999}}, competence: 5,"
            " intention: 5, resources: 5, risk: 1}")
    assert amount("assess", "-", input=flow) == 49999


def test_a_review_agreed_before_the_tasks_day_is_said_not_refused(tmp_path):
    """A hostile pass of issue 21: --review-date before task.due was taken without a word,
    though a review looks back at how the day went; said on stderr, the date kept."""
    case = tmp_path / "trip.json"
    case.write_text(json.dumps(make_case(4, 4, 4, 2, task={
        "title": "Lead the lake trip", "kind": "one-off", "due": "2027-01-20"})),
        encoding="utf-8")
    early = run("assess", str(case), "--review-date", "2027-01-10", "-f", "json")
    assert early.returncode == 0 and json.loads(early.stdout)["review_date"] == "2027-01-10"
    assert "is before the task's day (20 January 2027)" in early.stderr
    after = run("assess", str(case), "--review-date", "2027-01-25", "-f", "json")
    assert after.returncode == 0 and "before the task's day" not in after.stderr


def test_the_agreement_is_at_the_level_planned_below_the_one_recommended():
    """A cold read: the leader planned Inquire, the tool recommends Delegate, and the
    agreement handed over Delegate without a word; a level planned above the one the
    case carries is not written into an agreement."""
    case = str(EXAMPLES / "situations" / "ydelsesteam-enkeltydelser.yaml")
    report = json.loads(run("assess", case, "--format", "json").stdout)
    assert (report["level"]["name"], report["planned"]["name"]) == ("delegate", "inquire")
    agreement = run("assess", case, "--format", "agreement").stdout
    assert "## Who decides: Inquire" in agreement
    for planned, said in (("tell", "Tell"), ("delegate", "Delegate")):
        agreement = run("assess", case, "--planned", planned, "--format", "agreement").stdout
        assert f"## Who decides: {said}" in agreement
