"""The journal's tables, their versions, and opening a file as a journal, safely.

A journal is trustdose's only when it says so (`PRAGMA application_id`, or, for one an
earlier trustdose wrote, its version and tables). Anything else is refused and never
written to: no tables, no WAL, no change of mode. A journal is created only when saving,
owner-only, in a folder only its owner may enter; a file or folder that belongs to
another user, or a journal others may read, is refused. Creating and migrating happen
inside one write transaction that reads the version first, so any number of processes
may save into a journal that does not exist yet, and all succeed.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
from pathlib import Path
from urllib.parse import quote

from ..errors import JournalError
from ..i18n import N_, _, os_reason

APP_ID = 0x74727374  # "trst": marks a journal as trustdose's (PRAGMA application_id)
# One entry per schema version: the statements that take version n-1 to n.
MIGRATIONS: list[list[str]] = [
    [  # 1: subjects and their saved assessments
        """CREATE TABLE subjects (
               id INTEGER PRIMARY KEY,
               name TEXT NOT NULL UNIQUE,   -- as saved: the pseudonym when one was given
               kind TEXT NOT NULL)""",
        """CREATE TABLE entries (
               id INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused, also after forget
               subject_id INTEGER NOT NULL REFERENCES subjects(id) ON DELETE CASCADE,
               saved_at TEXT NOT NULL,      -- ISO timestamp, UTC
               day TEXT NOT NULL,           -- the day of the assessment
               task TEXT NOT NULL,
               level INTEGER NOT NULL,
               planned INTEGER,
               scores TEXT NOT NULL,        -- JSON: the four scores
               review_date TEXT NOT NULL,   -- the agreed follow-up
               rules_digest TEXT NOT NULL,
               trustdose TEXT NOT NULL,
               "case" TEXT NOT NULL,         -- the case as given (JSON)
               assessment TEXT NOT NULL)    -- the whole assessment as JSON""",
        "CREATE INDEX entries_by_subject ON entries (subject_id, day)",
        "CREATE INDEX entries_by_review ON entries (review_date)",
    ],
    [  # 2: how each delegation went (trustdose review)
        """CREATE TABLE reviews (
               id INTEGER PRIMARY KEY AUTOINCREMENT,
               entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
               saved_at TEXT NOT NULL,
               day TEXT NOT NULL,
               outcome TEXT NOT NULL,       -- kept | strained | broken
               causes TEXT NOT NULL,        -- JSON list
               temporary_level INTEGER,
               until TEXT,                  -- end of the closer follow-up
               review TEXT NOT NULL)        -- the whole review as JSON""",
        "CREATE INDEX reviews_by_entry ON reviews (entry_id, day)",
    ],
]
LATEST = len(MIGRATIONS)
TABLES = [{"subjects", "entries"}, {"subjects", "entries", "reviews"}]  # per version
BUSY_TIMEOUT_MS = 10_000
_NOTHING_SAVED = N_("it is made when the first assessment is saved to it")


class NoJournal(JournalError):
    """Raised when looking at a journal that does not exist (yet)."""


class Unusable(JournalError):
    """Raised when the journal's file cannot be used where it is (not a journal, another
    user's, in a folder others control): another file is needed."""


class Transaction:
    """`BEGIN IMMEDIATE … COMMIT`: the write lock is taken at the start, so writers
    queue (up to the busy timeout) instead of failing halfway."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> sqlite3.Connection:
        self.db.execute("BEGIN IMMEDIATE")
        return self.db

    def __exit__(self, kind: object, *rest: object) -> None:
        self.db.execute("ROLLBACK" if kind else "COMMIT")


def open_journal(path: Path, create: bool) -> sqlite3.Connection:
    """A connection to the journal at `path`; with `create`, one is made if there is none."""
    try:
        made = _file(path, create)
        db = sqlite3.connect(f"file:{quote(str(path.absolute()))}?mode=rw", uri=True,
                             timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                             check_same_thread=False)
    except OSError as exc:
        raise Unusable(_("{path}: the journal cannot be opened: {reason}").format(
            path=path, reason=os_reason(exc)), _hint()) from None
    except sqlite3.Error as exc:
        raise _not_ours(path, exc) from None
    try:
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA foreign_keys = ON")
        _schema(db, path, create or made)
        with contextlib.suppress(sqlite3.OperationalError):  # locked: another is doing it
            db.execute("PRAGMA journal_mode = WAL")
    except JournalError:
        db.close()
        raise
    except sqlite3.Error as exc:
        db.close()
        raise _not_ours(path, exc) from None
    return db


def _file(path: Path, create: bool) -> bool:
    """Check (or, when saving, create) the journal's file; true when it was just made."""
    from ..io.output import private_folder
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if not create:
            raise NoJournal(_("no journal at {path} yet").format(path=path),
                            _(_NOTHING_SAVED)) from None
        private_folder(path.parent)
        _check_folder(path.parent)
        try:  # owner-only from the start, before SQLite writes anything to it
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL
                             | getattr(os, "O_NOFOLLOW", 0), 0o600))
            return True
        except FileExistsError:  # another process was first: use theirs
            info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        raise Unusable(_("{path}: not a trustdose journal: it is not a file").format(
            path=path), _hint())
    if hasattr(os, "getuid"):
        if info.st_uid != os.getuid():
            raise Unusable(_("{path}: the journal belongs to another user; it was not "
                             "used").format(path=path), _hint())
        if info.st_mode & 0o077:
            raise JournalError(_("{path}: others may read or change this journal; it was "
                                 "not used").format(path=path),
                               _("make it yours alone: chmod 600 {path}").format(path=path))
        _check_folder(path.parent)
    return False


def _check_folder(folder: Path) -> None:
    """A journal's folder must be the user's own, or a shared one with the sticky bit
    (like /tmp), where no one can swap another's file."""
    if not hasattr(os, "getuid"):
        return
    info = os.stat(folder)
    if info.st_uid != os.getuid() and (info.st_mode & 0o022) and not info.st_mode & stat.S_ISVTX:
        raise Unusable(_("{path}: the journal's folder belongs to another user, who "
                         "could change it; it was not used").format(path=folder), _hint())


def _schema(db: sqlite3.Connection, path: Path, write: bool) -> None:
    """Refuse what is not a journal; create or migrate (when allowed) what is."""
    kind = _kind(db)
    if kind == "ours" and _version(db) == LATEST:
        return
    if kind == "foreign":
        raise _not_ours(path)
    if kind == "newer":
        raise JournalError(_("{path}: this journal was written by a newer trustdose (schema "
                             "{found}, this version knows {known}); it was not changed").format(
            path=path, found=_version(db), known=LATEST), _("upgrade trustdose to use it"))
    if kind == "empty" and not write:
        raise NoJournal(_("no journal at {path} yet").format(path=path), _(_NOTHING_SAVED))
    with Transaction(db):  # read again under the write lock: another may have been first
        kind = _kind(db)
        if kind == "foreign":
            raise _not_ours(path)
        version = 0 if kind == "empty" else _version(db)
        for number in range(version + 1, LATEST + 1):
            for statement in MIGRATIONS[number - 1]:
                db.execute(statement)
        db.execute(f"PRAGMA user_version = {LATEST}")
        db.execute(f"PRAGMA application_id = {APP_ID}")


def _version(db: sqlite3.Connection) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def _kind(db: sqlite3.Connection) -> str:
    """empty, ours (this schema or an older one), newer, or foreign."""
    app = db.execute("PRAGMA application_id").fetchone()[0]
    version = _version(db)
    tables = {row[0] for row in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")}
    if app == 0 and version == 0 and not tables:
        return "empty"
    if app not in (0, APP_ID) or version < 1:
        return "foreign"
    if version > LATEST:
        return "newer" if app == APP_ID else "foreign"
    if app == 0 and tables != TABLES[version - 1]:  # an earlier trustdose set no id
        return "foreign"
    return "ours"


# What SQLite says most often about a file it cannot use, in the user's language.
SQLITE_REASONS = {"file is not a database": N_("the file is not a database"),
                  "database disk image is malformed": N_("the database is damaged"),
                  "database is locked": N_("another program holds the journal locked")}


def _not_ours(path: Path, exc: Exception | None = None) -> JournalError:
    reason = SQLITE_REASONS.get(str(exc)) if exc is not None else None
    detail = f" ({_(reason) if reason else exc})" if exc is not None else ""
    return Unusable(_("{path}: not a trustdose journal, or damaged{detail}; it was not "
                      "changed").format(path=path, detail=detail), _hint())


def _hint() -> str:
    return _("choose another journal file (TRUSTDOSE_DB names it)")
