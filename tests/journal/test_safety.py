"""The journal under hostile files, folders and timing (issue 15, item 5): many processes
creating it at once, files that are not journals, another user's files and folders,
links, looking without creating, ids out of range, impossible paths, review days before
the assessment, the history found whatever the case of the name, and `forget` taking
the name out of the other entries that mention it."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import stat

import pytest

import trustdose
from trustdose.errors import UsageError
from trustdose.journal import schema
from trustdose.journal.review import diagnose
from trustdose.journal.schema import APP_ID, LATEST
from trustdose.journal.store import ERASED, Journal

from helpers import EXAMPLES, make_case, race, run

CASE = str(EXAMPLES / "new-employee.yaml")  # Jonas, dated 2026-12-01


def assessed(name="Mette", day="2026-11-02", title="Vagtplan", description=None):
    task = {"title": title, **({"description": description} if description else {})}
    case = make_case(subject={"name": name}, task=task)
    case["date"] = day
    return trustdose.assess(case)


@pytest.fixture
def db(tmp_path):
    return tmp_path / "private" / "journal.sqlite3"


def state(folder):
    """Every file in a folder with its bytes and mode: to show nothing was changed."""
    return {p.name: (p.read_bytes() if p.is_file() else None, stat.S_IMODE(p.lstat().st_mode))
            for p in sorted(folder.iterdir())}


# --- many processes at once --------------------------------------------------------------

@pytest.mark.process
def test_ten_processes_saving_at_once_into_a_journal_that_does_not_exist_yet(db, tmp_path):
    names = [f"P{n:02}" for n in range(10)]  # released together: ten race as twenty do
    runs = []
    for name in names:
        case = tmp_path / f"{name}.json"
        case.write_text(json.dumps(make_case(subject={"name": name})), encoding="utf-8")
        runs.append(["assess", str(case), "--save", "--db", str(db), "--format", "json"])
    (tmp_path / "err").mkdir()

    def ready():  # every one started, and none has saved before the go
        assert not db.exists()
    done = race("from trustdose.cli.app import build\nfrom trustdose.cli.common import run\n"
                "app = build()", "code = run(app, sys.argv[1:])", runs, tmp_path / "err", ready)
    for code, err in done:
        assert code == 0, err
        assert "already exists" not in err and "Saved as journal entry" in err
    with Journal(db) as journal:
        assert journal.subjects() == names
        assert sorted(e.id for e in journal.entries()) == list(range(1, 11))
        assert journal.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_the_schema_version_is_read_inside_the_write_transaction(db, monkeypatch):
    said = []
    connect = sqlite3.connect

    def traced(*args, **kwargs):
        connection = connect(*args, **kwargs)
        connection.set_trace_callback(said.append)
        return connection

    monkeypatch.setattr(schema.sqlite3, "connect", traced)
    Journal(db, create=True).db.close()
    begin = said.index("BEGIN IMMEDIATE")
    first_create = next(at for at, s in enumerate(said) if s.lstrip().startswith("CREATE"))
    assert begin < first_create
    assert any("PRAGMA user_version" in s for s in said[begin:first_create])
    assert any("PRAGMA application_id" in s for s in said[begin:first_create])


# --- files that are not journals ---------------------------------------------------------

def _sqlite(path, version=0, app=0, wal=False, tables=True):
    with sqlite3.connect(path) as raw:
        if wal:
            raw.execute("PRAGMA journal_mode = WAL")
        if tables:
            raw.execute("CREATE TABLE notes (x)")
            raw.execute("INSERT INTO notes VALUES ('mine')")
        raw.execute(f"PRAGMA user_version = {version}")
        if app:
            raw.execute(f"PRAGMA application_id = {app}")
        if not tables:
            raw.execute("VACUUM")  # a header, no tables
    raw.close()


def _pending_wal(path):
    """Another program's database with changes still in its WAL (as when it crashed)."""
    live = path.parent / "live.db"
    _sqlite(live, wal=True)
    writer = sqlite3.connect(live)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("INSERT INTO notes VALUES ('pending')")
    writer.commit()
    shutil.copyfile(live, path)
    shutil.copyfile(f"{live}-wal", f"{path}-wal")
    writer.close()
    for leftover in path.parent.glob("live.db*"):
        leftover.unlink()


FOREIGN = {
    "sqlite, user_version 0": lambda p: _sqlite(p),
    "sqlite, user_version 1": lambda p: _sqlite(p, 1),
    "sqlite, user_version 2": lambda p: _sqlite(p, LATEST),
    "sqlite, user_version -1": lambda p: _sqlite(p, -1),
    "sqlite, user_version 99": lambda p: _sqlite(p, 99),
    "sqlite, another application_id": lambda p: _sqlite(p, 1, app=0x12345678),
    "sqlite, no tables": lambda p: _sqlite(p, tables=False),
    "sqlite in WAL mode": lambda p: _sqlite(p, wal=True),
    "sqlite with a pending WAL": _pending_wal,
    "text": lambda p: p.write_text("my notes, not a database\n" * 100),
    "random bytes": lambda p: p.write_bytes(os.urandom(5000)),
    "a cut SQLite header": lambda p: p.write_bytes(b"SQLite format 3\x00" + b"\x00" * 20),
}

LOOKING = [["journal", "list"], ["journal", "due"], ["journal", "export"],
           ["journal", "history", "Jonas"], ["journal", "show", "1"],
           ["review", "1", "--outcome", "kept"]]
WRITING = [["assess", CASE, "--save"], ["journal", "forget", "Jonas", "--yes"]]


@pytest.mark.parametrize("kind", FOREIGN)
def test_a_file_that_is_not_a_trustdose_journal_is_never_written_to(db, kind):
    db.parent.mkdir(mode=0o700)
    FOREIGN[kind](db)
    for path in db.parent.iterdir():
        os.chmod(path, 0o600)
    before = state(db.parent)
    for args in LOOKING + WRITING:
        done = run(*args, "--db", str(db))
        assert done.returncode == 2, (args, done.stderr)
        assert f"{db}: not a trustdose journal" in done.stderr, (args, done.stderr)
        assert "it was not changed" in done.stderr and "Traceback" not in done.stderr
        assert state(db.parent) == before, args  # no tables, no WAL, no mode change
    done = run("assess", CASE, "--db", str(db))  # without --save: left out, with a note
    assert done.returncode == 0 and "the journal was left out" in done.stderr
    assert "not a trustdose journal" in done.stderr and state(db.parent) == before
    assert "Jonas" in done.stdout


def test_the_messages_say_which_kind_of_file_it_is(tmp_path):
    other, text = tmp_path / "other.db", tmp_path / "notes.txt"
    _sqlite(other)
    text.write_text("notes")
    for path in (other, text):
        os.chmod(path, 0o600)
    assert "an SQLite database of another program" in run(
        "journal", "list", "--db", str(other)).stderr
    assert "it is not an SQLite database" in run("journal", "list", "--db", str(text)).stderr
    danish = run("journal", "list", "--db", str(other), "--lang", "da").stderr
    assert "ikke en trustdose-journal" in danish


def test_a_newer_trustdoses_journal_is_refused_unread_and_unchanged(db):
    db.parent.mkdir(mode=0o700)
    _sqlite(db, LATEST + 1, app=APP_ID)
    os.chmod(db, 0o600)
    before = state(db.parent)
    for args in LOOKING + WRITING:
        done = run(*args, "--db", str(db))
        assert done.returncode == 2 and "newer trustdose" in done.stderr
    assert state(db.parent) == before


# --- another user's file or folder -------------------------------------------------------

def owned_by_another(monkeypatch, *paths):
    """Make `paths` look as if another user owned them (for os.stat, os.fstat, os.lstat)."""
    inodes = {os.stat(p).st_ino for p in paths}
    other = os.getuid() + 1

    def faked(real):
        def call(*args, **kwargs):
            found = real(*args, **kwargs)
            if found.st_ino not in inodes:
                return found
            return os.stat_result((found.st_mode, found.st_ino, found.st_dev, found.st_nlink,
                                   other, found.st_gid, found.st_size, int(found.st_atime),
                                   int(found.st_mtime), int(found.st_ctime)))
        return call

    for name in ("stat", "fstat", "lstat"):
        monkeypatch.setattr(os, name, faked(getattr(os, name)))


@pytest.fixture(params=["faked", "chown"])
def another_user(request, monkeypatch):
    """Hand files to another user: faked in-process, or for real when running as root."""
    def give(*paths):
        if request.param == "faked":
            owned_by_another(monkeypatch, *paths)
        elif os.geteuid() == 0:
            for path in paths:
                os.chown(path, 4242, 4242)
        else:
            pytest.skip("chown needs root")
    return give


needs_uid = pytest.mark.skipif(not hasattr(os, "getuid"), reason="no file owners here")


@needs_uid
def test_a_journal_that_belongs_to_another_user_is_refused(db, another_user, rules):
    with Journal(db, create=True) as journal:  # made beforehand in a shared folder
        journal.save(assessed(), rules.digest)
    another_user(db)
    before = state(db.parent)
    for args in LOOKING + WRITING:
        done = run(*args, "--db", str(db))
        assert done.returncode == 2 and "belongs to another user" in done.stderr, args
    assert state(db.parent) == before


@needs_uid
def test_a_journals_folder_that_belongs_to_another_user_is_refused(db, another_user, rules):
    with Journal(db, create=True) as journal:
        journal.save(assessed(), rules.digest)
    another_user(db.parent)
    for args in LOOKING + WRITING:
        done = run(*args, "--db", str(db))
        assert done.returncode == 2 and "folder belongs to another user" in done.stderr, args
    fresh = db.parent / "new.sqlite3"
    done = run("assess", CASE, "--save", "--db", str(fresh))
    assert done.returncode == 2 and "folder belongs to another user" in done.stderr
    assert not fresh.exists()


@needs_uid
def test_a_folder_anyone_may_write_in_is_refused(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o777)
    done = run("assess", CASE, "--save", "--db", str(shared / "j.sqlite3"))
    assert done.returncode == 2 and "anyone may add files" in done.stderr
    assert list(shared.iterdir()) == []


@needs_uid
@pytest.mark.parametrize("make", [lambda wal: wal.symlink_to(wal.parent / "elsewhere"),
                                  lambda wal: os.mkfifo(wal)], ids=["link", "fifo"])
def test_a_file_beside_the_journal_that_is_not_a_regular_file_is_refused_so(db, rules, make):
    with Journal(db, create=True) as journal:
        journal.save(assessed(), rules.digest)
    wal = db.parent / f"{db.name}-wal"
    wal.unlink(missing_ok=True)
    make(wal)
    done = run("journal", "list", "--db", str(db))
    assert done.returncode == 2, done.stderr
    assert f"{wal.name}, is not a regular file (a link, a pipe" in done.stderr
    assert "user's own" not in done.stderr  # it is the user's: it is not a file


# --- links, devices and modes ------------------------------------------------------------

def test_modes_change_only_on_files_trustdose_made_never_through_a_link(tmp_path, rules):
    tmp_path.chmod(0o700)
    journal_file = tmp_path / "real.sqlite3"
    with Journal(journal_file, create=True) as journal:
        journal.save(assessed(), rules.digest)
    link = tmp_path / "link.sqlite3"
    link.symlink_to(journal_file)
    assert run("journal", "list", "--db", str(link)).returncode == 0  # a link to a journal
    assert stat.S_IMODE(journal_file.stat().st_mode) == 0o600
    notes = tmp_path / "notes.txt"
    notes.write_text("mine")
    notes.chmod(0o640)
    to_notes = tmp_path / "notes-link.sqlite3"
    to_notes.symlink_to(notes)
    for args in (["journal", "list"], ["assess", CASE, "--save"]):
        done = run(*args, "--db", str(to_notes))
        assert done.returncode == 2 and "Traceback" not in done.stderr
    assert stat.S_IMODE(notes.stat().st_mode) == 0o640 and notes.read_text() == "mine"
    dangling = tmp_path / "dangling.sqlite3"
    dangling.symlink_to(tmp_path / "nowhere.sqlite3")
    done = run("assess", CASE, "--save", "--db", str(dangling))
    assert done.returncode == 2 and "a link to a file that does not exist" in done.stderr
    assert not (tmp_path / "nowhere.sqlite3").exists()
    if os.path.exists("/dev/null"):
        before = os.stat("/dev/null")
        done = run("assess", CASE, "--save", "--db", "/dev/null")
        assert done.returncode == 2 and "it is not a file" in done.stderr
        after = os.stat("/dev/null")
        assert stat.S_ISCHR(after.st_mode) and after.st_mode == before.st_mode


def test_a_new_journal_is_owner_only_whatever_the_umask(db):
    old = os.umask(0o022)
    try:
        assert run("assess", CASE, "--save", "--db", str(db)).returncode == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    assert stat.S_IMODE(db.parent.stat().st_mode) == 0o700


# --- looking never creates a journal -----------------------------------------------------

@pytest.mark.parametrize("args", LOOKING + [["journal", "forget", "Jonas", "--yes"]])
def test_looking_never_creates_a_journal(db, args):
    done = run(*args, "--db", str(db))
    assert done.returncode == 2 and f"no journal at {db} yet" in done.stderr, done.stderr
    assert not db.exists() and not db.parent.exists()
    danish = run(*args, "--db", str(db), "--lang", "da")
    assert f"der er endnu ingen journal i {db}" in danish.stderr
    assert not db.parent.exists()


def test_assess_without_save_creates_nothing_and_reads_no_empty_file(db):
    assert run("assess", CASE, "--db", str(db)).returncode == 0
    assert not db.parent.exists()
    db.parent.mkdir(mode=0o700)
    db.touch(mode=0o600)  # another process is creating the journal right now
    assert run("assess", CASE, "--db", str(db)).returncode == 0
    assert run("journal", "list", "--db", str(db)).returncode == 2
    assert db.stat().st_size == 0 and os.listdir(db.parent) == [db.name]


def test_a_read_only_home_does_not_stop_assess(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    home.chmod(0o500)
    try:
        done = run("assess", CASE, env={"HOME": str(home), "TRUSTDOSE_DB": None,
                                         "XDG_DATA_HOME": None})
        assert done.returncode == 0 and "Jonas" in done.stdout, done.stderr
        assert list(home.iterdir()) == []
        done = run("journal", "list", env={"HOME": str(home), "TRUSTDOSE_DB": None,
                                            "XDG_DATA_HOME": None})
        assert done.returncode == 2 and "no journal at" in done.stderr
    finally:
        home.chmod(0o700)


# --- ids and paths -----------------------------------------------------------------------

@pytest.mark.parametrize("args", [
    ["journal", "show", "99999999999999999999999"],
    ["journal", "show", "9" * 5000],
    ["journal", "show", "0"],
    ["journal", "show", "--", "-1"],
    ["review", "99999999999999999999999", "--outcome", "kept"],
    ["review", "--outcome", "kept", "--", "-3"],
    ["review", "0", "--outcome", "kept"],
])
def test_ids_out_of_range_are_an_error(tmp_path, args):
    env = {"TRUSTDOSE_DB": str(tmp_path / "j.sqlite3")}
    assert run("assess", CASE, "--save", env=env).returncode == 0
    done = run(*args, env=env)
    assert done.returncode == 2 and "no journal entry" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr


def test_an_entry_id_beyond_sqlite_in_a_review_file_is_an_error(tmp_path):
    env = {"TRUSTDOSE_DB": str(tmp_path / "j.sqlite3")}
    assert run("assess", CASE, "--save", env=env).returncode == 0
    review = tmp_path / "review.yaml"
    review.write_text("entry: 99999999999999999999999\noutcome: kept\n")
    done = run("review", "--from", str(review), env=env)
    assert done.returncode == 2 and "no journal entry" in done.stderr
    with Journal(tmp_path / "j.sqlite3") as journal:
        assert journal.entry(10**30) is None and journal.entry(-1) is None
        assert journal.entry(True) is None


def test_a_digit_that_is_not_ascii_is_a_name_not_an_id(tmp_path):
    env = {"TRUSTDOSE_DB": str(tmp_path / "j.sqlite3")}
    assert run("assess", CASE, "--save", env=env).returncode == 0
    done = run("journal", "show", "²", env=env)
    assert done.returncode == 2 and "no one called '²'" in done.stderr


@pytest.mark.parametrize("how", ["--db", "TRUSTDOSE_DB"])
@pytest.mark.parametrize("where", ["folder", "under a file"])
def test_a_journal_path_that_cannot_be_a_file_is_a_clear_error(tmp_path, how, where):
    folder = tmp_path / "folder"
    folder.mkdir()
    case = tmp_path / "case.yaml"
    shutil.copyfile(CASE, case)
    path = folder if where == "folder" else case / "j.sqlite3"
    given = (["--db", str(path)], {}) if how == "--db" else ([], {"TRUSTDOSE_DB": str(path)})
    expected = "a folder, not a journal file" if where == "folder" else \
        f"{case} is a file, not a folder"
    for args in (["journal", "list"], ["assess", str(case), "--save"],
                 ["review", "1", "--outcome", "kept"]):
        done = run(*args, *given[0], env=given[1])
        assert done.returncode == 2 and expected in done.stderr, done.stderr
        assert "File exists" not in done.stderr and "Traceback" not in done.stderr
    done = run("assess", str(case), *given[0], env=given[1])  # not saving: not stopped
    assert done.returncode == 0 and "Jonas" in done.stdout and expected in done.stderr
    assert case.read_text() == open(CASE, encoding="utf-8").read()
    assert list(folder.iterdir()) == []


# --- review days, and the history whatever the case of the name --------------------------

def test_a_review_before_the_assessment_is_refused(tmp_path):
    env = {"TRUSTDOSE_DB": str(tmp_path / "j.sqlite3")}
    assert run("assess", CASE, "--save", env=env).returncode == 0  # dated 2026-12-01
    done = run("review", "1", "--outcome", "kept", "--date", "2026-11-30", env=env)
    assert done.returncode == 2
    assert "before the assessment it reviews (#1, 1 December 2026)" in done.stderr
    assert "on or after 2026-12-01" in done.stderr
    review = tmp_path / "r.yaml"
    review.write_text("entry: 1\noutcome: kept\ndate: 2026-01-01\n")
    assert run("review", "--from", str(review), env=env).returncode == 2
    assert run("review", "1", "--outcome", "kept", "--date", "2026-12-01",
               env=env).returncode == 0  # the same day is fine
    with Journal(tmp_path / "j.sqlite3") as journal:
        assert len(journal.entry_reviews(1)) == 1
        with pytest.raises(UsageError, match="before the assessment"):
            journal.add_review(diagnose(1, 3, "kept", [], dt.date(2025, 1, 1)))


def test_a_review_today_of_a_future_dated_assessment_is_refused(tmp_path):
    env = {"TRUSTDOSE_DB": str(tmp_path / "j.sqlite3")}
    future = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    case = make_case(subject={"name": "Kim"})
    case["date"] = future
    assert run("assess", "-", "--save", input=json.dumps(case), env=env).returncode == 0
    done = run("review", "1", "--outcome", "kept", env=env)
    assert done.returncode == 2 and "the review day is today unless --date" in done.stderr
    assert "Recorded" not in done.stdout + done.stderr
    danish = run("review", "1", "--outcome", "kept", "--lang", "da", env=env).stderr
    assert "før den vurdering" in danish


def test_a_review_day_with_no_room_for_the_follow_up_is_an_error(tmp_path):
    env = {"TRUSTDOSE_DB": str(tmp_path / "j.sqlite3")}
    assert run("assess", CASE, "--save", env=env).returncode == 0
    done = run("review", "1", "--outcome", "broken", "--cause", "competence", "--date",
               "9999-12-31", env=env)
    assert done.returncode == 2 and "no room for the closer follow-up" in done.stderr


def test_assess_finds_the_history_whatever_the_case_of_the_name(tmp_path, rules):
    path = tmp_path / "j.sqlite3"
    with Journal(path, create=True) as journal:
        journal.save(assessed("Jonas", "2026-10-01", title="Rota"), rules.digest)
        assert journal.track("jonas").level == journal.track("Jonas").level
        assert journal.track("jonas").task == "Rota"
        journal.save(assessed("JONAS", "2026-10-02", title="Budget"), rules.digest)
        assert journal.track("Jonas").task == "Rota"  # an exact match first
        assert journal.track("jonas") is None  # two ignoring case: neither is guessed
    lower = make_case(subject={"name": "jonas"})
    lower["date"] = "2026-12-01"
    with Journal(path) as journal:
        journal.forget("JONAS")
    done = run("assess", "-", "--format", "json", "--db", str(path), input=json.dumps(lower))
    assert done.returncode == 0, done.stderr
    assert any("Rota" in line for line in json.loads(done.stdout)["history"])


# --- forget: the name in other entries ---------------------------------------------------

def _mentioned(path, rules):
    with Journal(path, create=True) as journal:
        journal.save(assessed("Zacharias", "2026-10-01"), rules.digest)
        other = journal.save(assessed("Eva", "2026-10-02", title="Train Zacharias on the rota",
                                      description="Zacharias's idea"), rules.digest)
        journal.save(assessed("Ali", "2026-10-03", title="Budget"), rules.digest)
        journal.add_review(diagnose(other, 3, "kept", [], dt.date(2026, 10, 20),
                                    note="ZACHARIAS helped; Zacharias' notes"))
    return other


def test_forget_lists_the_other_entries_that_mention_the_name(tmp_path, rules):
    path = tmp_path / "j.sqlite3"
    other = _mentioned(path, rules)
    with Journal(path) as journal:
        (mention,) = journal.mentions("Zacharias")
        assert (mention.entry, mention.subject) == (other, "Eva")
        assert set(mention.where) >= {"task", "case", "assessment", "review"}
    before = path.read_bytes()
    done = run("journal", "forget", "Zacharias", "--db", str(path))  # no terminal, no --yes
    assert done.returncode == 2 and "1 other entry still mentions Zacharias" in done.stderr
    assert f"#{other}  Eva — Train Zacharias on the rota" in done.stderr
    assert path.read_bytes() == before


def test_forget_with_yes_leaves_the_other_entries_and_says_where_the_name_stands(tmp_path,
                                                                                rules):
    path = tmp_path / "j.sqlite3"
    other = _mentioned(path, rules)
    with Journal(path) as journal:
        before = (journal.entry(other), journal.entry_reviews(other))
    done = run("journal", "forget", "Zacharias", "--yes", "--db", str(path))
    assert done.returncode == 0, done.stderr
    assert "The name still stands in 1 other entry" in done.stderr
    with Journal(path) as journal:
        assert (journal.entry(other), journal.entry_reviews(other)) == before
        assert journal.subjects() == ["Ali", "Eva"]


def test_forget_with_scrub_takes_the_name_out_of_the_leaders_own_words(tmp_path, rules):
    path = tmp_path / "j.sqlite3"
    other = _mentioned(path, rules)
    with Journal(path) as journal:
        assert journal.forget("Zacharias", scrub=True) == (1, 1, 1, None)
        entry = journal.entry(other)
        assert entry.task == f"Train {ERASED} on the rota" and entry.subject == "Eva"
        assert entry.assessment["task"]["title"] == entry.task
        assert entry.case["task"]["description"] == f"{ERASED} idea"
        # the name as saved: "ZACHARIAS" may be a word of its own, and is left as it is
        assert journal.entry_reviews(other)[0]["note"] == f"ZACHARIAS helped; {ERASED} notes"
        assert journal.subjects() == ["Ali", "Eva"] and journal.mentions("Zacharias") == []
    stored = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("j."))
    assert b"Zacharias" not in stored


def test_forget_without_scrub_leaves_the_other_entries_and_a_name_within_a_name(tmp_path, rules):
    path = tmp_path / "j.sqlite3"
    _mentioned(path, rules)
    with Journal(path) as journal:
        journal.save(assessed("Zacharias Berg", "2026-10-04", title="Rota"), rules.digest)
        assert [m.subject for m in journal.mentions("Zacharias")] == ["Eva"]  # not Berg's own
        assert journal.forget("Zacharias") == (1, 1, 0, None)
        assert journal.entry(2).task == "Train Zacharias on the rota"
        journal.forget("Zacharias Berg")
        assert journal.mentions("Zacharias")[0].subject == "Eva"
