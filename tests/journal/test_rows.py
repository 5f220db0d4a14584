"""A damaged row never stops the journal (issue 20): each entry or review whose columns
cannot be read is named, the others are listed, shown, exported and reviewed, and
`forget` erases the damaged ones with their subject. And a write the system refuses is
said as it is, never as a damaged journal."""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest

import trustdose
from trustdose.journal.access import CannotWrite, kind
from trustdose.journal.review import diagnose
from trustdose.journal.rows import ENTRY_COLUMNS, REVIEW_COLUMNS
from trustdose.journal.store import Journal

from helpers import make_case, run

# For each column a reader reads, a value the journal never writes there (bytes: a TEXT
# column would turn a number into its text).
BAD = {"day": "1st of May", "task": b"\xff", "level": "high", "planned": "x", "scores": "{",
       "review_date": "", "rules_digest": b"", "assessment": "[1]", "case": "null",
       "kind": b"\x00", "subject": b"S", "round_id": "r1", "area": 1.5}
SUBJECT_COLUMNS = {"kind": "kind", "subject": "name"}  # kept in `subjects`


def assessed(name):
    case = make_case(subject={"name": name}, task={"title": f"Task of {name}"})
    case["date"] = "2026-10-01"
    return trustdose.assess(case)


def test_every_column_an_entry_is_read_from_has_a_damaged_value_here():
    assert set(ENTRY_COLUMNS) - {"id"} == set(BAD)  # a column added later is tried too


@pytest.fixture(scope="module")
def damaged_once(tmp_path_factory, rules):
    """One good entry (Eva's), then one per column each damaged in that column, and a
    review of Eva's entry whose JSON is not."""
    path = tmp_path_factory.mktemp("damaged") / "j.sqlite3"
    with Journal(path, create=True) as journal:
        good = journal.save(assessed("Eva"), rules.digest)
        ids = {column: journal.save(assessed(f"S-{column}"), rules.digest) for column in BAD}
        journal.add_review(diagnose(good, 3, "kept", [], assessed("Eva").date))
        review = journal.add_review(diagnose(good, 3, "kept", [], assessed("Eva").date))
        journal.db.execute("PRAGMA foreign_keys = OFF")  # as another program writes them
        for column, value in BAD.items():
            if column in SUBJECT_COLUMNS:
                journal.db.execute(f"UPDATE subjects SET {SUBJECT_COLUMNS[column]} = ? "
                                   "WHERE name = ?", (value, f"S-{column}"))
            else:
                journal.db.execute(f'UPDATE entries SET "{column}" = ? WHERE id = ?',
                                   (value, ids[column]))
        journal.db.execute("UPDATE reviews SET review = '{' WHERE id = ?", (review,))
    return path, good, ids, review


@pytest.fixture
def damaged(damaged_once, tmp_path):
    """A copy of it for one test."""
    path, *rest = damaged_once
    shutil.copy(path, tmp_path / "j.sqlite3")
    return (tmp_path / "j.sqlite3", *rest)


def test_the_commands_read_around_damaged_rows_and_name_each(damaged):
    path, good, ids, review = damaged
    for args in (["journal", "list"], ["journal", "due", "--on", "2030-01-01"],
                 ["journal", "show", "Eva"], ["journal", "history", "Eva"]):
        done = run(*args, "--db", str(path))
        assert done.returncode == 0, (args, done.stderr)
        assert "Traceback" not in done.stderr
    done = run("journal", "export", "--db", str(path))
    assert done.returncode == 0, done.stderr
    exported = json.loads(done.stdout)
    assert [e["id"] for e in exported["entries"]] == [good]
    assert len(exported["reviews"]) == 1  # the damaged review left out, the other kept
    for column, entry in ids.items():
        assert f"entry {entry} is damaged: " in done.stderr, column
    assert f"review {review} is damaged: review: not JSON" in done.stderr
    done = run("journal", "show", str(ids["level"]), "--db", str(path))
    assert done.returncode == 2
    assert f"entry {ids['level']} is damaged: level: not a whole number" in done.stderr
    done = run("review", str(ids["scores"]), "--outcome", "kept", "--db", str(path))
    assert done.returncode == 2 and "is damaged: scores: not JSON" in done.stderr


def test_forget_erases_a_damaged_entry_with_its_subject(damaged):
    path, good, ids, review = damaged
    done = run("journal", "forget", "S-day", "--yes", "--db", str(path))
    assert done.returncode == 0 and "1 entry" in done.stdout, done.stderr
    with Journal(path) as journal:
        assert journal.entry(ids["day"]) is None and "S-day" not in journal.subjects()
        assert f"entry {ids['day']}" not in journal.damaged
    done = run("journal", "forget", "Eva", "--yes", "--db", str(path))  # its damaged review
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT count(*) FROM reviews").fetchone() == (0,)


def test_every_review_column_is_read_so():
    assert set(REVIEW_COLUMNS) == {"entry_id", "day", "outcome", "causes", "temporary_level",
                                   "until", "review"}


def test_a_write_sqlite_refuses_is_said_as_it_is_and_changes_nothing(tmp_path, rules):
    path = tmp_path / "j.sqlite3"
    with Journal(path, create=True) as journal:
        journal.save(assessed("Eva"), rules.digest)
    before = path.read_bytes()
    with Journal(path) as journal:
        journal.db.execute("PRAGMA query_only = ON")  # SQLite refuses every write so
        with pytest.raises(CannotWrite, match="cannot write to the journal: permission "
                                              "denied .*; the journal was not changed"):
            journal.save(assessed("Ali"), rules.digest)
        with pytest.raises(CannotWrite):
            journal.forget("Eva")
        assert journal.subjects() == ["Eva"]
    assert path.read_bytes() == before


@pytest.mark.parametrize("message, expected", [
    ("attempt to write a readonly database", "readonly"), ("disk I/O error", "io"),
    ("database or disk is full", "io"), ("unable to open database file", "cantopen"),
    ("file is not a database", "other"), ("database disk image is malformed", "other")])
def test_what_an_sqlite_error_is_about(message, expected):
    assert kind(sqlite3.OperationalError(message)) == expected


@pytest.mark.skipif(not hasattr(__import__("os"), "getuid"), reason="no ulimit -f")
@pytest.mark.parametrize("limit", [1024, 8192])
def test_a_new_journal_under_the_file_size_limit_is_said_so_and_left_out(tmp_path, limit):
    import resource
    path = tmp_path / "new.sqlite3"
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))  # Python ignores SIGXFSZ
    try:
        with pytest.raises(CannotWrite) as raised:
            Journal(path, create=True)
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
    assert f"{path}: cannot write to the journal: the file size limit" in str(raised.value)
    assert list(tmp_path.iterdir()) == []  # neither the journal nor its draft


def _two(tmp_path, rules, sql, *args):
    """A journal of Eva and Anna (Anna's entry reviewed), then `sql` run on it raw, as
    another program would."""
    path = tmp_path / "j.sqlite3"
    with Journal(path, create=True) as journal:
        journal.save(assessed("Eva"), rules.digest)
        anna = journal.save(assessed("Anna"), rules.digest)
        journal.add_review(diagnose(anna, 3, "broken", ["competence"], assessed("Anna").date))
        journal.db.execute(sql, args)
    return path, anna


DEEP = "[" * 100_000 + "]" * 100_000  # a RecursionError to the JSON reader


@pytest.mark.parametrize("sql, args, problem", [
    ("UPDATE entries SET assessment = ? WHERE id = 2", (DEEP,), "assessment: not the JSON"),
    ("UPDATE entries SET \"case\" = ? WHERE id = 2", ('{"a": ' * 40 + "1" + "}" * 40,),
     "case: not the JSON"),
    ("UPDATE entries SET level = 99 WHERE id = 2", (), "level: level 99 is outside 1-7"),
    ("UPDATE entries SET level = 0 WHERE id = 2", (), "level: level 0 is outside 1-7"),
    ("UPDATE entries SET planned = 8 WHERE id = 2", (), "planned: level 8 is outside 1-7"),
    ("UPDATE entries SET level = ? WHERE id = 2", (b"\x00\xff",), "level: not a whole"),
    ("UPDATE entries SET task = ? WHERE id = 2", (b"\x00\xff",), "task: not text")])
def test_a_row_another_program_wrote_is_named_and_left_out_by_every_command(
        tmp_path, rules, sql, args, problem):
    path, anna = _two(tmp_path, rules, sql, *args)
    db = ("--db", str(path))
    for command in (["journal", "list"], ["journal", "due", "--on", "2030-01-01"],
                    ["journal", "show", "Anna"], ["journal", "export"]):
        done = run(*command, *db)
        assert done.returncode == 0, (command, done.stderr)
        assert f"entry {anna} is damaged: {problem}" in done.stderr, command
    for command in (["journal", "show", "1"], ["journal", "history", "Eva"]):
        assert run(*command, *db).returncode == 0, command
    exported = json.loads(run("journal", "export", *db).stdout)
    assert [e["id"] for e in exported["entries"]] == [1]
    # a review is read with the level it reviewed: one outside 1-7 (or a BLOB) leaves it out
    assert all(1 <= r["level"] <= 7 for r in exported["reviews"])
    assert len(exported["reviews"]) == (0 if problem.startswith("level") else 1)
    case = tmp_path / "anna.json"
    case.write_text(json.dumps(make_case(subject={"name": "Anna"})))
    done = run("assess", str(case), *db)
    assert done.returncode == 0 and f"entry {anna} is damaged: {problem}" in done.stderr
    done = run("journal", "forget", "Anna", "--yes", *db)
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(path) as raw:
        assert raw.execute("SELECT count(*) FROM entries").fetchone() == (1,)
        assert raw.execute("SELECT count(*) FROM reviews").fetchone() == (0,)


def test_a_reviews_level_outside_1_to_7_is_a_damaged_review(tmp_path, rules):
    path, anna = _two(tmp_path, rules, "UPDATE reviews SET temporary_level = 42")
    case = tmp_path / "anna.json"
    case.write_text(json.dumps(make_case(subject={"name": "Anna"})))
    for command in (["assess", str(case)], ["journal", "export"], ["journal", "show", "Anna"]):
        done = run(*command, "--db", str(path))
        assert done.returncode == 0, (command, done.stderr)
        assert "review 1 is damaged: temporary_level: level 42 is outside 1-7" in done.stderr


def test_export_writes_control_and_bidi_characters_a_row_holds_as_json_escapes(tmp_path,
                                                                                rules):
    path, anna = _two(tmp_path, rules, "UPDATE entries SET task = ? WHERE id = 2",
                      "x\u202e\u009b\x7fy")
    done = run("journal", "export", "--db", str(path))
    assert done.returncode == 0, done.stderr
    assert not {"\u202e", "\u009b", "\x7f"} & set(done.stdout)
    assert "x\\u202e\\u009b\\u007fy" in done.stdout
    assert json.loads(done.stdout)["entries"][1]["task"] == "x\u202e\u009b\x7fy"
