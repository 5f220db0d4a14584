"""`trustdose self` (issue 24, item 3): one or two things to practise from the anchored
questions of `worthy`, never a number in text or Markdown, in any language; kept only with
--save, and then only the day and the sides; erased by `journal forget --self`; an old
journal taken to the schema that holds them; bad answers named by file, line and column."""

from __future__ import annotations

import json
import os
import re
import sqlite3

import pexpect
import pytest

from trustdose.journal.schema import LATEST, MIGRATIONS
from trustdose.leading.self_check import questions, score

from helpers import EXAMPLES, run, terminal

EXAMPLE = str(EXAMPLES / "leader" / "self-check.yaml")


def answered(worthy, **sides):
    """Every question of each side named answered with its value."""
    return {(s, q): sides[s] for s, q in questions(worthy) if s in sides}


def test_the_lowest_side_is_the_one_to_practise(rules):
    made = score(rules.worthy, answered(rules.worthy, consistency=4, robustness=2, fairness=5))
    assert made.practise == ["robustness"] and not made.strong
    assert "credibility" in made.unanswered and "robustness" not in made.unanswered


def test_a_second_side_only_when_it_lies_nearly_as_low_and_is_not_strong(rules):
    near = score(rules.worthy, answered(rules.worthy, consistency=3, robustness=2, humility=2))
    assert near.practise == ["robustness", "humility"]  # a tie: the rules' order
    apart = score(rules.worthy, answered(rules.worthy, consistency=3, robustness=2))
    assert apart.practise == ["robustness"]  # a whole step apart
    strong = score(rules.worthy, answered(rules.worthy, consistency=4, robustness=4))
    assert strong.practise == ["consistency"] and strong.strong  # to keep it so


def test_unsure_and_skipped_answers_are_never_chosen(rules):
    given = answered(rules.worthy, consistency="?", robustness=None, fairness=3)
    assert score(rules.worthy, given).practise == ["fairness"]
    assert score(rules.worthy, {}).practise == []


@pytest.mark.parametrize("lang", ["en", "da", "nb", "sv"])
@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_no_number_is_ever_shown_in_text_or_markdown(lang, fmt):
    done = run("--lang", lang, "self", "--from", EXAMPLE, "--format", fmt)
    assert done.returncode == 0, done.stderr
    assert not re.search(r"\d", done.stdout), done.stdout
    assert done.stdout.count("•" if fmt == "text" else "\n## ") == 2  # two things


def test_json_carries_the_answers_as_given_and_no_mark(tmp_path):
    done = run("self", "--from", EXAMPLE, "--format", "json")
    data = json.loads(done.stdout)
    assert [p["side"] for p in data["practise"]] == ["robustness", "humility"]
    assert data["answers"]["consistency"] == {"same-signal": 3, "kept-word": 4}
    assert data["answers"]["safety"] == {"mistakes-told": "?"}
    assert set(data) == {"date", "practise", "already_strong", "unanswered", "answers"}


def test_nothing_is_kept_without_save(tmp_path):
    db = tmp_path / "j.sqlite3"
    assert run("self", "--from", EXAMPLE, env={"TRUSTDOSE_DB": str(db)}).returncode == 0
    assert not db.exists()


def test_save_keeps_the_day_and_the_sides_and_forget_erases_them(tmp_path):
    env = {"TRUSTDOSE_DB": str(tmp_path / "j.sqlite3")}
    done = run("self", "--from", EXAMPLE, "--save", env=env)
    assert done.returncode == 0 and "S1" in done.stderr
    with sqlite3.connect(env["TRUSTDOSE_DB"]) as raw:
        rows = raw.execute("SELECT * FROM self_checks").fetchall()
        columns = [c[1] for c in raw.execute("PRAGMA table_info(self_checks)")]
    assert columns == ["id", "saved_at", "day", "practise", "trustdose"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", rows[0][1])  # the day, never the hour
    assert json.loads(rows[0][3]) == ["robustness", "humility"]  # never the answers
    listed = run("journal", "list", "--self", env=env)
    assert "S1" in listed.stdout and "Robustness; Humility with formal power" in listed.stdout
    shown = run("journal", "show", "--self", "S1", env=env)
    assert "Agree the next follow-up" in shown.stdout
    assert "--self" in run("journal", "list", env=env).stderr  # said where they are
    exported = json.loads(run("journal", "export", env=env).stdout)
    assert exported["self_checks"][0]["practise"] == ["robustness", "humility"]
    refused = run("journal", "forget", "--self", env=env)  # no terminal: --yes needed
    assert refused.returncode == 2
    erased = run("journal", "forget", "--self", "--yes", env=env)
    assert erased.returncode == 0 and "Erased 1 self-check" in erased.stdout
    assert run("journal", "list", "--self", "-f", "json", env=env).stdout.strip() == "[]"
    assert b"humility" not in open(env["TRUSTDOSE_DB"], "rb").read()  # overwritten, compacted


def test_an_old_journal_is_taken_to_the_schema_with_self_checks(tmp_path):
    path = tmp_path / "j.sqlite3"
    with sqlite3.connect(path) as raw:  # a journal as schema 3 left it, with a subject
        for migration in MIGRATIONS[:3]:
            for statement in migration:
                raw.execute(statement)
        raw.execute("INSERT INTO subjects (name, kind) VALUES ('Kim', 'person')")
        raw.execute("PRAGMA user_version = 3")
    path.chmod(0o600)
    env = {"TRUSTDOSE_DB": str(path)}
    assert "No self-check" in run("journal", "list", "--self", env=env).stderr
    assert run("self", "--from", EXAMPLE, "--save", env=env).returncode == 0
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == LATEST == 4
        assert raw.execute("SELECT name FROM subjects").fetchall() == [("Kim",)]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes a read-only folder all the same")
def test_an_old_journal_that_cannot_be_written_is_read_as_it_is(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir(mode=0o700)
    path = folder / "j.sqlite3"
    with sqlite3.connect(path) as raw:
        for statement in MIGRATIONS[0]:
            raw.execute(statement)
        raw.execute("PRAGMA user_version = 1")
    path.chmod(0o400)
    folder.chmod(0o500)
    try:
        done = run("journal", "list", "--self", env={"TRUSTDOSE_DB": str(path)})
        assert done.returncode == 0 and "No self-check" in done.stderr
    finally:
        folder.chmod(0o700)


def test_an_old_read_only_journal_has_no_self_checks(tmp_path, monkeypatch):
    """As root (where a read-only folder is written all the same), the table missing in a
    journal read as it is: no self-check, no error."""
    from trustdose.journal.self_checks import saved_checks
    from trustdose.journal.store import Journal
    path = tmp_path / "j.sqlite3"
    with sqlite3.connect(path) as raw:
        for statement in MIGRATIONS[0]:
            raw.execute(statement)
        raw.execute("PRAGMA user_version = 1")
    path.chmod(0o600)
    with Journal(path) as journal:
        journal.db.execute("DROP TABLE IF EXISTS self_checks")  # as if it could not migrate
        assert saved_checks(journal) == []


@pytest.mark.parametrize("text, where, message", [
    ("consistency: {same-signal: 6}\n", "1:28", "answer a whole number from 1 to 5"),
    ("consistensy: {same-signal: 3}\n", "1:1", "did you mean 'consistency'?"),
    ("consistency: {same: 3}\n", "1:15", "unknown question 'same'"),
    ("- 3\n", "1:1", "must be a mapping"),
])
def test_bad_answers_are_named_by_file_line_and_column(tmp_path, text, where, message):
    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    done = run("self", "--from", str(path))
    assert done.returncode == 2 and f"{path}:{where}:" in done.stderr, done.stderr
    assert message in done.stderr and "Traceback" not in done.stderr


def test_without_a_terminal_or_a_file_it_says_what_to_do():
    done = run("self")
    assert done.returncode == 2 and "--from FILE" in done.stderr


def spawn(*args, env):
    return terminal(*args, env={**os.environ, **env, "NO_COLOR": "1", "COLUMNS": "100"},
                    timeout=30, dimensions=(24, 80), shell=True)


@pytest.mark.process
def test_in_the_terminal_enter_skips_and_ctrl_c_keeps_nothing(tmp_path):
    env = {"TRUSTDOSE_DB": str(tmp_path / "j.sqlite3")}
    child = spawn("self", "--save", env=env)
    child.expect("14 questions")
    child.expect("pressure comes from above")
    child.sendline("2")
    child.expect("keep the agreements")
    child.sendline("")  # skipped
    child.expect("out of your hands")
    child.expect_exact("> ")
    child.interrupt("cancelled; nothing was saved")
    assert child.exitstatus == 130 and not (tmp_path / "j.sqlite3").exists()


@pytest.mark.process
def test_in_the_terminal_the_answers_give_what_to_practise(tmp_path):
    child = spawn("--lang", "da", "self", env={"TRUSTDOSE_DB": str(tmp_path / "j.sqlite3")})
    child.expect("14 spørgsmål")
    answers = ["1", "2"] + ["4"] * 12
    for answer in answers:
        child.expect(r"\n> ")
        child.sendline(answer)
    child.expect("Konsistens")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
