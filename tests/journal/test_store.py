"""The journal: saving assessments, migrations, permissions, concurrent writers, a crash
in the middle of a write, pseudonyms, and forgetting a subject."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys

import pytest

import trustdose
from trustdose.errors import JournalError
from trustdose.journal.schema import APP_ID, LATEST
from trustdose.journal.store import Journal

from helpers import EXAMPLES, make_case, race, run


def assessed(name="Mette", day="2026-11-02", **scores):
    case = make_case(**scores, subject={"name": name}, task={"title": "Vagtplan"})
    case["date"] = day
    return trustdose.assess(case)


@pytest.fixture
def db(tmp_path):
    return tmp_path / "private" / "journal.sqlite3"


def test_save_and_read_back(db, rules):
    with Journal(db, create=True) as journal:
        first = journal.save(assessed(c=2), rules.digest)
        second = journal.save(assessed(day="2026-12-01", c=4), rules.digest,
                              review_date=dt.date(2026, 12, 20))
        entries = journal.entries("Mette")
    assert [e.id for e in entries] == [first, second]
    assert entries[0].day == dt.date(2026, 11, 2)
    assert entries[1].review_date == dt.date(2026, 12, 20)
    assert entries[1].level > entries[0].level
    assert entries[1].assessment["review_date"] == "2026-12-20"
    assert entries[0].rules_digest == rules.digest


def test_a_new_journal_is_created_owner_only_and_at_the_latest_schema(db, rules):
    old = os.umask(0)  # whatever the umask
    try:
        with Journal(db, create=True) as journal:
            journal.save(assessed(), rules.digest)
    finally:
        os.umask(old)
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    assert stat.S_IMODE(db.parent.stat().st_mode) == 0o700
    with sqlite3.connect(db) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == LATEST
        assert raw.execute("PRAGMA application_id").fetchone()[0] == APP_ID
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_looking_never_creates_a_journal(db):
    with pytest.raises(JournalError, match="no journal at .* yet"):
        Journal(db)
    done = run("journal", "list", "--db", str(db))
    assert done.returncode == 2 and f"no journal at {db} yet" in done.stderr
    assert not db.exists() and not db.parent.exists()


def untouched(path):
    """The bytes and mode of a file, to show it was not changed."""
    return path.read_bytes(), stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("make", ["another program", "empty version 0", "version 1 foreign"])
def test_another_programs_database_is_refused_and_never_written_to(db, rules, make):
    db.parent.mkdir()
    with sqlite3.connect(db) as raw:
        raw.execute("CREATE TABLE notes (x)")
        if make == "version 1 foreign":
            raw.execute("PRAGMA user_version = 1")
        if make != "empty version 0":
            raw.execute("INSERT INTO notes VALUES ('mine')")
    os.chmod(db, 0o600)
    before = untouched(db)
    for args in (["journal", "list"], ["assess", str(EXAMPLES / "new-employee.yaml"), "--save"]):
        done = run(*args, "--db", str(db))
        assert done.returncode == 2 and "not a trustdose journal" in done.stderr
        assert "it was not changed" in done.stderr and "Traceback" not in done.stderr
    assert untouched(db) == before
    assert sorted(p.name for p in db.parent.iterdir()) == [db.name]  # no WAL, no journal


def test_a_journal_others_may_read_is_refused(db, rules):
    with Journal(db, create=True) as journal:
        journal.save(assessed(), rules.digest)
    os.chmod(db, 0o644)
    before = untouched(db)
    with pytest.raises(JournalError, match="others may read") as caught:
        Journal(db)
    assert "chmod 600" in caught.value.hint and untouched(db) == before


def test_a_newer_journal_is_refused_and_left_alone(db):
    db.parent.mkdir()
    with sqlite3.connect(db) as raw:
        raw.execute(f"PRAGMA user_version = {LATEST + 1}")
        raw.execute(f"PRAGMA application_id = {APP_ID}")
        raw.execute("CREATE TABLE future (x)")
    os.chmod(db, 0o600)
    before = untouched(db)
    with pytest.raises(JournalError) as caught:
        Journal(db)
    assert "newer trustdose" in str(caught.value) and "not changed" in str(caught.value)
    assert untouched(db) == before


def test_a_file_that_is_not_a_journal_is_refused_and_left_alone(db):
    db.parent.mkdir()
    db.write_text("these are my notes, not a database\n" * 200)
    os.chmod(db, 0o600)
    before = untouched(db)
    done = run("journal", "list", "--db", str(db))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert f"{db}: not a trustdose journal: it is not an SQLite database" in done.stderr
    assert "--db" in done.stderr  # the hint
    assert untouched(db) == before


@pytest.mark.process
def test_many_processes_saving_at_once_into_a_new_journal_all_succeed(db, rules, tmp_path):
    names = [f"S{n}" for n in range(8)]
    done = race(
        "import trustdose\nfrom trustdose.journal.store import Journal\n"
        "rules = trustdose.load_rules()",
        "case = {'subject': {'name': sys.argv[1]}, 'task': {'title': 't'}, 'competence': 3,\n"
        "        'intention': 3, 'resources': 3, 'risk': 2}\n"
        "result = trustdose.assess(case, rules)\n"
        "for _ in range(3):\n"
        "    with Journal(sys.argv[2], create=True) as journal:\n"
        "        journal.save(result, rules.digest)\n"
        "code = 0", [[name, str(db)] for name in names], tmp_path)
    for code, err in done:
        assert code == 0, err
    with Journal(db) as journal:
        assert {s: len(journal.entries(s)) for s in journal.subjects()} == \
            {name: 3 for name in names}


CRASHER = """
import sys, time, trustdose
from trustdose.journal.schema import Transaction
from trustdose.journal.store import Journal
rules = trustdose.load_rules()
case = {"subject": {"name": "Kim"}, "task": {"title": "t"}, "competence": 3,
        "intention": 3, "resources": 3, "risk": 2}
journal = Journal(sys.argv[1], create=True)
journal.save(trustdose.assess(case, rules), rules.digest)   # completed
with Transaction(journal.db) as db:                         # killed in the middle of this
    db.execute("INSERT INTO subjects (name, kind) VALUES ('Half', 'person')")
    print("inside", flush=True)
    time.sleep(60)
"""


@pytest.mark.process
def test_kill_9_in_the_middle_of_a_save_leaves_every_completed_save(db):
    crasher = subprocess.Popen([sys.executable, "-c", CRASHER, str(db)],
                               stdout=subprocess.PIPE, text=True)
    assert crasher.stdout.readline().strip() == "inside"
    os.kill(crasher.pid, signal.SIGKILL)
    crasher.wait(timeout=30)
    with Journal(db) as journal:
        assert journal.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert journal.subjects() == ["Kim"] and len(journal.entries("Kim")) == 1
        journal.save(assessed("Eva"), "digest")  # and the journal still takes saves
        assert journal.subjects() == ["Eva", "Kim"]


def test_a_pseudonym_keeps_the_real_name_out_of_the_journal(db, tmp_path):
    case = tmp_path / "case.json"
    subject = {"name": "Margrethe Sørensen", "new_in_role": True}
    case.write_text(json.dumps(make_case(subject=subject, task={"title": "Vagtplan"})),
                    encoding="utf-8")
    done = run("assess", str(case), "--save", "--pseudonym", "MS-17", "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert "Margrethe" not in done.stdout  # applied before assessing: the report names MS-17
    with Journal(db) as journal:
        assert journal.subjects() == ["MS-17"]
        assert journal.entries()[0].assessment["subject"]["name"] == "MS-17"
        assert "MS-17 is new in the role" in json.dumps(journal.entries()[0].assessment)
    stored = b"".join(p.read_bytes() for p in db.parent.iterdir())
    assert "Margrethe".encode() not in stored


def test_forget_erases_every_trace_of_a_subject(db, rules):
    with Journal(db, create=True) as journal:
        for day in ("2026-10-01", "2026-11-01"):
            journal.save(assessed("Zacharias", day), rules.digest)
        journal.save(assessed("Eva"), rules.digest)
        assert journal.forget("Zacharias") == (1, 2, 0, None)
        assert journal.subjects() == ["Eva"] and journal.forget("Zacharias") == (0, 0, 0, None)
    stored = b"".join(p.read_bytes() for p in db.parent.iterdir())
    assert b"Zacharias" not in stored and b"Eva" in stored


def test_due_takes_each_delegations_latest_entry(db, rules):
    with Journal(db, create=True) as journal:
        journal.save(assessed("Kim", "2026-10-01"), rules.digest, review_date=dt.date(2026, 10, 15))
        journal.save(assessed("Kim", "2026-10-20"), rules.digest, review_date=dt.date(2026, 12, 1))
        journal.save(assessed("Eva", "2026-10-01"), rules.digest, review_date=dt.date(2026, 11, 1))
        assert [e.subject for e in journal.due(dt.date(2026, 11, 15))] == ["Eva"]
        assert [e.subject for e in journal.due(dt.date(2026, 12, 1))] == ["Eva", "Kim"]


# --- the commands -----------------------------------------------------------------------

def test_assess_save_and_the_journal_commands(tmp_path):
    env = {"TRUSTDOSE_DB": str(tmp_path / "j.sqlite3")}
    example = str(EXAMPLES / "new-employee.yaml")
    done = run("assess", example, "--save", "--format", "json", env=env)
    assert done.returncode == 0 and json.loads(done.stdout)["level"]["number"] == 3
    assert "Saved as journal entry #1" in done.stderr
    done = run("assess", example, "--save", "--pseudonym", "J-1", "--review-date",
               "2026-12-05", env=env)  # the example is dated 2026-11-30
    assert done.returncode == 0 and "review on 5 December 2026" in done.stderr
    listing = run("journal", "list", env=env).stdout
    assert "Jonas" in listing and "J-1" in listing and "2026-12-05" in listing
    entries = json.loads(run("journal", "list", "--format", "json", env=env).stdout)
    assert [e["subject"] for e in entries] == ["Jonas", "J-1"]
    assert "J-1" in run("journal", "due", "--on", "2026-12-05", env=env).stdout
    shown = run("journal", "show", "1", env=env).stdout
    assert "#1" in shown and "3 Consult" in shown and "Review on" in shown
    history = run("journal", "history", "Jonas", "--lang", "da", env=env).stdout
    assert "KOMPETENCE" in history and "███····  3 Konsultere" in history
    exported = json.loads(run("journal", "export", env=env).stdout)
    assert len(exported["entries"]) == 2 and exported["schema_version"] == LATEST
    out = tmp_path / "export.json"
    assert run("journal", "export", "-s", "J-1", "-o", str(out), env=env).returncode == 0
    assert [e["subject"] for e in json.loads(out.read_text())["entries"]] == ["J-1"]
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    done = run("journal", "forget", "Jonas", env=env)
    assert done.returncode == 2 and "--yes" in done.stderr  # no terminal: must confirm
    done = run("journal", "forget", "Jonas", "--yes", env=env)
    assert done.returncode == 0 and "Erased Jonas: 1 entry" in done.stdout
    assert [e["subject"] for e in json.loads(
        run("journal", "list", "--format", "json", env=env).stdout)] == ["J-1"]


@pytest.mark.parametrize("args, message", [
    (["assess", "CASE", "--pseudonym", "X"], "--pseudonym only applies when saving"),
    (["assess", "CASE", "--save", "--review-date", "soon"], "--review-date: 'soon' is not a date"),
    (["journal", "show", "7"], "no journal entry 7"),
    (["journal", "history", "Jonsa"], "no one called 'Jonsa' in the journal"),
    (["journal", "due", "--on", "monday"], "--on: 'monday' is not a date"),
])
def test_journal_usage_errors(args, message, tmp_path):
    env = {"TRUSTDOSE_DB": str(tmp_path / "j.sqlite3")}
    run("assess", str(EXAMPLES / "new-employee.yaml"), "--save", env=env)
    args = [str(EXAMPLES / "new-employee.yaml") if a == "CASE" else a for a in args]
    done = run(*args, env=env)
    assert done.returncode == 2 and message in done.stderr and "Traceback" not in done.stderr


def test_nothing_is_saved_without_save(tmp_path):
    env = {"TRUSTDOSE_DB": str(tmp_path / "j.sqlite3")}
    assert run("assess", str(EXAMPLES / "new-employee.yaml"), env=env).returncode == 0
    assert not (tmp_path / "j.sqlite3").exists()


def test_entry_ids_are_never_reused_after_forget(db, rules):
    with Journal(db, create=True) as journal:
        journal.save(assessed("Kim"), rules.digest)
        gone = journal.save(assessed("Eva"), rules.digest)
        journal.forget("Eva")
        assert journal.save(assessed("Ali"), rules.digest) > gone  # `review 2` stays unknown


def test_the_case_is_saved_as_given_with_the_pseudonym_in_place_of_the_name(tmp_path):
    env = {"TRUSTDOSE_DB": str(tmp_path / "j.sqlite3")}
    done = run("assess", str(EXAMPLES / "new-employee.yaml"), "--save", "--pseudonym", "P-3",
               env=env)
    assert done.returncode == 0, done.stderr
    with Journal(tmp_path / "j.sqlite3") as journal:
        case = journal.entries()[0].case
    assert case["subject"] == {"name": "P-3", "kind": "person", "new_in_role": True}
    assert case["competence"]["experience"] == 1 and case["intention"]["agreements"] == "uncertain"
    assert b"Jonas" not in (tmp_path / "j.sqlite3").read_bytes()
    exported = json.loads(run("journal", "export", env=env).stdout)
    assert exported["entries"][0]["case"]["risk"]["impact"] == 2


def test_a_case_from_standard_input_is_saved_too(tmp_path):
    env = {"TRUSTDOSE_DB": str(tmp_path / "j.sqlite3")}
    case = make_case(subject={"name": "Kim"}, task={"title": "Rota"})
    assert run("assess", "-", "--save", input=json.dumps(case), env=env).returncode == 0
    with Journal(tmp_path / "j.sqlite3") as journal:
        assert journal.entries()[0].case["competence"] == 3
