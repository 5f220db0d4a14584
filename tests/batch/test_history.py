"""A batch takes the journal's history into account as `assess` does (issue 19, item 5):
after a strained review, the person is held at the temporary level with a warning, in one
process and in worker processes alike; the journal is only read, and never made by
looking; without one, the summary says that no history was used."""

from __future__ import annotations

import hashlib
import json
import sys

import pytest

from helpers import EXAMPLES, run, run_process

CASE = EXAMPLES / "new-employee.yaml"  # Jonas, on 2026-12-01, planned at inquire (6)
CSV_HEAD = "id,subject,task,competence,intention,resources,risk,planned_level,date\n"
CSV_ROW = "c{n},{name},Answer citizens' questions,3,4,4,2,inquire,2026-12-20\n"


@pytest.fixture(scope="module")
def strained(tmp_path_factory):
    """A journal in which Jonas's delegation was reviewed as strained: closer follow-up
    at 2 until 2027-01-12 (docs/journal.md)."""
    db = tmp_path_factory.mktemp("journal") / "j.sqlite3"
    saved = run("assess", str(CASE), "--save", "--review-date", "2026-12-15", "--db", str(db))
    assert saved.returncode == 0, saved.stderr
    reviewed = run("review", "1", "--outcome", "strained", "--cause", "competence",
                   "--date", "2026-12-15", "--db", str(db))
    assert reviewed.returncode == 0, reviewed.stderr
    return db


def files(folder) -> dict[str, str]:
    """Every file in the journal's folder, with a hash of its bytes."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


def kinds(row: dict) -> list[str]:
    return [w["kind"] for w in row["warnings"]]


def test_batch_holds_the_level_as_assess_does(strained, tmp_path):
    before = files(strained.parent)
    single = json.loads(run("assess", str(CASE), "-f", "json", "--db", str(strained)).stdout)
    assert single["level"]["number"] == 2 and "breach-ignored" in kinds(single)
    cases = tmp_path / "cases.yaml"
    cases.write_text("---\n" + CASE.read_text(encoding="utf-8"), encoding="utf-8")
    batch = run("batch", str(cases), "-f", "jsonl", "--db", str(strained))
    assert batch.returncode == 0, batch.stderr
    row = json.loads(batch.stdout)
    assert row["level"] == single["level"] and kinds(row) == kinds(single)
    assert row["history"] == single["history"] and row["capped_by"] == single["capped_by"]
    assert f"history from the journal {strained}: 1 case" in batch.stderr
    assert files(strained.parent) == before  # read, never written


def test_a_csv_row_takes_the_history_too_and_by_the_journal_commands_name(strained, tmp_path):
    cases = tmp_path / "cases.csv"
    cases.write_text(CSV_HEAD + CSV_ROW.format(n=1, name="jonas")
                     + CSV_ROW.format(n=2, name="Kim"), encoding="utf-8")
    out = run("batch", str(cases), "-f", "jsonl", "--db", str(strained))
    jonas, kim = (json.loads(line) for line in out.stdout.splitlines())
    assert jonas["level"]["number"] == 2 and "breach-ignored" in kinds(jonas)
    assert kim["level"]["number"] > 2 and kim["history"] == []
    assert "1 case" in out.stderr.splitlines()[-1]


@pytest.mark.process
@pytest.mark.skipif(sys.platform != "linux", reason="workers are forked on Linux")
def test_worker_processes_read_the_journal_each_for_itself(strained, tmp_path):
    """Large enough for several chunks on two workers: every Jonas is held, in every
    chunk, and the output is the one process's, byte for byte."""
    before = files(strained.parent)
    cases = tmp_path / "many.csv"
    names = ["Jonas", "Kim", "Sara"]
    cases.write_text(CSV_HEAD + "".join(CSV_ROW.format(n=n, name=names[n % 3])
                                        for n in range(1800)), encoding="utf-8")
    outputs = {}
    for workers in ("0", "2"):
        done = run_process("batch", str(cases), "-f", "jsonl", "--db", str(strained),
                           env={"TRUSTDOSE_WORKERS": workers}, timeout=300)
        assert done.returncode == 0, done.stderr
        assert "history from the journal" in done.stderr and ": 600 cases" in done.stderr
        outputs[workers] = done.stdout
    assert outputs["0"] == outputs["2"]
    rows = [json.loads(line) for line in outputs["2"].splitlines()]
    held = [r for r in rows if r["subject"]["name"] == "Jonas"]
    assert len(held) == 600 and all(r["level"]["number"] == 2 for r in held)
    assert all("breach-ignored" in kinds(r) for r in held)
    assert files(strained.parent) == before


def test_without_a_journal_the_summary_says_no_history_was_used(tmp_path):
    db = tmp_path / "none" / "j.sqlite3"
    out = run("batch", str(EXAMPLES / "batch" / "workshop.csv"), "--db", str(db))
    assert out.returncode == 1  # the workshop's four broken rows
    assert f"no history from a journal was used (no journal at {db} yet)" in out.stderr
    assert not db.parent.exists()  # looking never makes one


def test_a_journal_that_cannot_be_used_is_left_out_and_left_alone(tmp_path):
    db = tmp_path / "j.sqlite3"
    db.write_bytes(b"not a database at all, and not to be touched" * 10)
    before = files(tmp_path)
    out = run("batch", str(CASE), "-f", "jsonl", "--db", str(db))
    assert out.returncode == 0 and json.loads(out.stdout)["history"] == []
    assert "no history from a journal was used (" in out.stderr
    assert files(tmp_path) == before


def test_the_results_never_replace_the_journal(strained):
    before = files(strained.parent)
    out = run("batch", str(CASE), "-o", str(strained), "--db", str(strained))
    assert out.returncode == 2 and "is also an input" in out.stderr
    assert files(strained.parent) == before


def test_a_shared_summary_never_names_where_the_journal_is(strained, tmp_path):
    """Markdown, a summary file and the workbook go to the room: 'the journal', never the
    path (a home folder); only the user's own terminal (stderr) says where it is."""
    from openpyxl import load_workbook

    cases = tmp_path / "cases.csv"
    cases.write_text(CSV_HEAD + CSV_ROW.format(n=1, name="jonas"), encoding="utf-8")
    none = tmp_path / "none" / "j.sqlite3"
    for db, said in ((strained, "history from the journal: 1 case"),
                     (none, "no history from a journal was used")):
        shared = {}
        for name in ("summary.md", "summary.txt", "results.md", "results.xlsx"):
            only = ["--summary-only"] if name.startswith("summary") else []
            done = run("batch", str(cases), *only, "-o", str(tmp_path / name), "--db", str(db))
            assert done.returncode == 0 and str(db) in done.stderr, done.stderr
            shared[name] = (tmp_path / name).read_text(encoding="utf-8") \
                if name.endswith((".md", ".txt")) else "\n".join(
                    str(row[0]) for row in load_workbook(tmp_path / name).worksheets[1]
                    .iter_rows(values_only=True))
        for name, text in shared.items():  # none used: nothing said of a journal
            assert (said in text if db == strained else "journal" not in text) and \
                str(db) not in text and "sqlite3" not in text, name
