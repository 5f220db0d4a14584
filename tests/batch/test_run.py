"""`trustdose batch`: every input format, every output format, bad rows, atomic output,
and agreement with single `assess`."""

from __future__ import annotations

import csv
import io
import json

import trustdose
from trustdose import assess_many

from helpers import EXAMPLES, make_case, run, terminal

WORKSHOP = EXAMPLES / "batch" / "workshop.csv"
HEADER = "id,subject,task,competence,intention,resources,risk,planned_level\n"


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_the_workshop_example_reports_broken_rows_and_keeps_the_good(tmp_path):
    errors = tmp_path / "rejected.jsonl"
    result = run("batch", str(WORKSHOP), "--errors", str(errors))
    assert result.returncode == 1
    rows = jsonl(result.stdout)
    assert len(rows) == 28 and all(r["source"].startswith(str(WORKSHOP) + ":") for r in rows)
    assert f"rejected: {WORKSHOP}:7: competence: 9 is out of range" in result.stderr
    assert "32 cases: 28 assessed, 4 rejected" in result.stderr
    assert "levels: " in result.stderr and "weakest preconditions: " in result.stderr
    bad = jsonl(errors.read_text(encoding="utf-8"))
    assert [b["source"].rsplit(":", 1)[1] for b in bad] == ["7", "14", "22", "29"]
    assert bad[0]["row"]["competence"] == "9" and bad[0]["row"]["id"] == "ws-06"
    # fix the rows as a coach would, from the errors file, and run again
    fixed = WORKSHOP.read_text(encoding="utf-8").replace(";9;", ";4;").replace(
        "delgate", "delegate").replace(";high;", ";3;")
    lines = fixed.splitlines()
    lines[28] = lines[28].replace(";;", ";Anna;", 1)
    repaired = tmp_path / "workshop.csv"
    repaired.write_text("\n".join(lines) + "\n", encoding="utf-8")
    again = run("batch", str(repaired), "--summary-only")  # the summary, to stdout
    assert again.returncode == 0 and again.stdout.startswith("32 cases: 32 assessed, 0 rej")
    assert again.stderr.startswith("32 cases: 32 assessed, 0 rejected\nno history")


def test_batch_agrees_with_single_assess_on_every_example():
    batch = {r["source"].rsplit(":", 1)[0]: r for r in jsonl(run("batch", str(EXAMPLES)).stdout)}
    examples = sorted(EXAMPLES.glob("*.yaml")) + sorted(EXAMPLES.glob("*.json"))
    assert len(batch) == len(examples)
    for path in examples:
        single = json.loads(run("assess", str(path), "-f", "json").stdout)
        row = batch[str(path)]
        assert row["case_id"] in (single["case_id"], f"{path}:1")
        for key in ("level", "scores", "controls", "feedback", "warnings", "next_step", "trace"):
            assert row[key] == single[key], (path.name, key)


def test_csv_with_commas_jsonl_yaml_stdin_and_mixed_inputs(tmp_path):
    plain = tmp_path / "a.csv"
    plain.write_text(HEADER + "c1,Kim,Plan,4.5,4,4,2,\nc2,Ana,Decide,3,3,3,4.5,delegate\n")
    lines = tmp_path / "b.jsonl"
    lines.write_text(json.dumps(make_case(5, 5, 5, 1, id="j1")) + "\n\n" +
                     json.dumps(make_case(2, 2, 2, 2, id="j2")) + "\n")
    docs = tmp_path / "c.yaml"
    docs.write_text("subject: {name: A}\ntask: {title: T}\ncompetence: 4\nintention: 4\n"
                    "resources: 4\nrisk: 1\n---\n# the second case\nsubject: {name: B}\n"
                    "task: {title: T}\ncompetence: 2\nintention: 4\nresources: 4\nrisk: 1\n")
    stdin = HEADER + "s1,Bo,Plan,5,5,5,1,\n"
    result = run("batch", str(plain), str(lines), str(docs), "-", input=stdin)
    assert result.returncode == 0, result.stderr
    rows = jsonl(result.stdout)
    assert [r["case_id"] for r in rows] == ["c1", "c2", "j1", "j2", f"{docs}:1", f"{docs}:9",
                                            "s1"]
    assert [r["source"] for r in rows][:4] == [f"{plain}:2", f"{plain}:3", f"{lines}:1",
                                               f"{lines}:3"]
    assert rows[1]["warnings"][0]["kind"] == "overdose"  # planned_level from the CSV
    assert rows[2]["level"]["name"] == "delegate"


def test_semicolon_csv_with_bom_decimal_commas_indicators_tags_and_facts(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes("\ufeffid;subject;kind;new_in_role;task;tags;competence.professional;"
                     "competence.relational;competence.personal;competence.experience;"
                     "intention;resources;risk;facts.amount\n"
                     "x1;Søren Ærø;team;ja;Indkøb;budget|citizen-decision;4;5;4;3;4,5;3,5;"
                     "1,5;60000\n".encode("utf-8"))
    rows = jsonl(run("batch", str(path)).stdout)
    assert rows[0]["subject"] == {"name": "Søren Ærø", "kind": "team", "new_in_role": True}
    assert rows[0]["task"]["tags"] == ["budget", "citizen-decision"]
    assert rows[0]["task"]["facts"] == {"amount": 60000}
    assert rows[0]["scores"] == {"competence": 4.0, "intention": 4.5, "resources": 3.5,
                                 "risk": 1.5}


def test_every_output_format(tmp_path):
    source = str(EXAMPLES)
    cases = len([p for p in EXAMPLES.glob("*") if p.suffix in (".yaml", ".json")])
    table = run("batch", source, "-f", "table", env={"COLUMNS": "250"}).stdout.splitlines()
    assert table[0].split()[:5] == ["ID", "SUBJECT", "TASK", "PLANNED", "RECOMMENDED"]
    assert len([line for line in table if line[:1].strip()]) == cases + 1  # a row a case
    markdown = run("batch", source, "-f", "markdown").stdout
    assert markdown.startswith(f"# Summary\n\n**{cases} cases: {cases} assessed, 0 rejected**")
    assert "\n## The cases\n\n| id | subject | task | planned | recommended | gap |" in markdown
    assert "Rules: trustdose " in markdown
    rows = list(csv.DictReader(io.StringIO(run("batch", source, "-f", "csv").stdout)))
    assert len(rows) == cases and rows[0]["level_name"] in ("tell", "sell", "consult", "agree",
                                                        "advise", "inquire", "delegate")
    assert len(rows[0]["rules_digest"]) == 16 and rows[0]["trustdose"] == trustdose.__version__
    out = tmp_path / "excel.csv"
    assert run("batch", source, "-o", str(out), "--excel").returncode == 0
    raw = out.read_bytes()
    assert raw.startswith("\ufeff".encode()) and b"\r\n" in raw
    excel = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert len(excel) == cases and any("," in r["Competence"] for r in excel)
    for suffix, check in ((".jsonl", lambda t: jsonl(t)), (".md", lambda t: t.index("| id"))):
        target = tmp_path / f"out{suffix}"
        run("batch", source, "-o", str(target))
        check(target.read_text(encoding="utf-8"))


def test_output_is_atomic_and_an_unreadable_input_is_exit_2(tmp_path):
    out = tmp_path / "results.jsonl"
    out.write_text("the good results of yesterday\n")
    result = run("batch", str(EXAMPLES), str(tmp_path / "missing.csv"), "-o", str(out))
    assert result.returncode == 2 and "missing.csv: file not found" in result.stderr
    assert out.read_text() == "the good results of yesterday\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["results.jsonl"]


def test_fail_fast_and_unknown_columns(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(HEADER + "c1,Kim,Plan,9,4,4,2,\nc2,Ana,Plan,3,3,3,3,\n")
    fast = run("batch", str(path), "--fail-fast")
    assert fast.returncode == 1 and fast.stdout == "" and "--fail-fast" in fast.stderr
    assert "1 case: 0 assessed, 1 rejected" in fast.stderr
    path.write_text("subject,task,competance\nKim,Plan,3\n")
    unknown = run("batch", str(path))
    assert unknown.returncode == 2 and f"{path}:1: unknown column 'competance'" in unknown.stderr


def test_a_short_row_names_its_line(tmp_path):
    path = tmp_path / "short.csv"
    path.write_text(HEADER + "c1,Kim,Plan,4\n")
    result = run("batch", str(path))
    assert result.returncode == 1 and f"{path}:2: row has 4 cells, the header has 8" in \
        result.stderr


def test_assess_many_is_lazy_and_names_a_bad_case(rules):
    def cases():
        yield make_case(4, 4, 4, 2)
        yield make_case(9, 4, 4, 2)
    results = assess_many(cases(), rules)
    assert next(results) == trustdose.assess(make_case(4, 4, 4, 2), rules)
    try:
        next(results)
    except trustdose.CaseError as exc:
        assert "competence" in str(exc)
    else:
        raise AssertionError("a bad case must raise CaseError")


def test_a_large_input_shows_a_live_count_with_its_total_in_a_terminal_only(tmp_path):
    import os

    import pexpect

    big = tmp_path / "big.csv"
    # over a megabyte in few rows: long task descriptions
    row = "c,Kim,Plan the rota," + "details " * 250 + ",4,4,4,2\n"
    big.write_text("id,subject,task,description,competence,intention,resources,risk\n"
                   + row * (1_000_000 // len(row) + 1))
    env = {**os.environ, "TERM": "xterm"}
    child = terminal("batch", str(big), "--summary-only", env=env, timeout=120,
                     dimensions=(24, 100))
    # the live count, on the terminal's stderr: of how many, how far and how long
    rows = 1_000_000 // len(row) + 1
    child.expect(rf"[\d,]+ of {rows:,} cases .*\d+%")
    child.expect("assessed, 0 rejected")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    piped = run("batch", str(big), "--summary-only")  # not a terminal: nothing animated
    assert piped.stderr.splitlines()[11].endswith("assessed, 0 rejected")
    # every row has the id 'c': ten are named, the rest counted
    assert piped.stderr.splitlines()[10].startswith("trustdose: warning: ") and \
        "more cases had an id given before" in piped.stderr.splitlines()[10]


def test_no_cases_in_the_input_is_exit_2_and_leaves_no_file(tmp_path):
    out = tmp_path / "out.jsonl"
    result = run("batch", "-", "-o", str(out), input="")
    assert result.returncode == 2 and "no cases in the input" in result.stderr
    assert not out.exists()


def test_the_table_names_cases_without_an_id_by_line_and_files_by_name(tmp_path):
    path = tmp_path / "cases.jsonl"
    path.write_text(json.dumps(make_case(3, 3, 3, 3)) + "\n")
    (tmp_path / "one.yaml").write_text(json.dumps(make_case(3, 3, 3, 3)))
    table = run("batch", str(path), str(tmp_path / "one.yaml"), "-f", "table",
                env={"COLUMNS": "200"}).stdout.splitlines()
    assert [line.split()[0] for line in table[1:]] == ["1", "one.yaml:1"]


def test_bad_rows_in_jsonl_and_multi_document_yaml_name_their_own_lines(tmp_path):
    lines = tmp_path / "b.jsonl"
    lines.write_text(json.dumps(make_case(3, 3, 3, 3)) + '\n{"subject": \n')
    result = run("batch", str(lines))
    assert result.returncode == 1 and f"{lines}:2:" in result.stderr
    docs = tmp_path / "m.yaml"
    docs.write_text("subject: {name: A}\ntask: {title: T}\ncompetence: 3\nintention: 3\n"
                    "resources: 3\nrisk: 3\n---\nsubject: {name: B}\ntask: {title: T}\n"
                    "competence: 3\nintention: 3\nresources: 3\nrisk: 7\n")
    result = run("batch", str(docs))
    assert result.returncode == 1 and f"{docs}:13:7: risk: 7 is out of range" in result.stderr
