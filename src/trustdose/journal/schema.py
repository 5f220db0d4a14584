"""The journal's tables, their versions, and opening a file as a journal, safely.

A journal is trustdose's only when it says so (`PRAGMA application_id`, or, for one an
earlier trustdose wrote, its version and tables). Anything else is refused from its
first 100 bytes, before SQLite opens it, and never written to: no tables, no WAL, no
change of mode, no file beside it. A journal is created only when saving,
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
from . import access
from .access import Connection, Transaction

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
    [  # 3: a board's rounds (board --save): its areas are entries of the round
        """CREATE TABLE rounds (
               id INTEGER PRIMARY KEY AUTOINCREMENT,
               subject_id INTEGER NOT NULL REFERENCES subjects(id) ON DELETE CASCADE,
               saved_at TEXT NOT NULL,
               day TEXT NOT NULL,           -- the day of the round
               review_date TEXT NOT NULL,   -- the board's next look, all areas at once
               self_view TEXT)              -- JSON: the self-view compared, or NULL (no
                                            -- text, and a team's medians, never one answer)""",
        "ALTER TABLE entries ADD COLUMN round_id INTEGER REFERENCES rounds(id) "
        "ON DELETE CASCADE",
        "ALTER TABLE entries ADD COLUMN area INTEGER",  # the area's place on its board
        "CREATE INDEX rounds_by_subject ON rounds (subject_id, day)",
        "CREATE INDEX entries_by_round ON entries (round_id)",
    ],
    [  # 4: the leader's self-checks (self --save): the day and the sides to practise (JSON)
        "CREATE TABLE self_checks (id INTEGER PRIMARY KEY AUTOINCREMENT, saved_at TEXT NOT "
        "NULL, day TEXT NOT NULL, practise TEXT NOT NULL, trustdose TEXT NOT NULL)",
    ],
]
LATEST = len(MIGRATIONS)
TABLES = [{"subjects", "entries"}, {"subjects", "entries", "reviews"},
          {"subjects", "entries", "reviews", "rounds"},
          {"subjects", "entries", "reviews", "rounds", "self_checks"}]  # per version
BUSY_TIMEOUT_MS = 30_000
_NOTHING_SAVED = N_("it is made when the first assessment is saved to it")


class NoJournal(JournalError):
    """Raised when looking at a journal that does not exist (yet)."""


class Unusable(JournalError):
    """Raised when the journal's file cannot be used where it is (not a journal, another
    user's, in a folder others control): another file is needed."""


def open_journal(path: Path, create: bool) -> sqlite3.Connection:
    """A connection to the journal at `path`; with `create`, one is made if there is none.

    What is at `path` is looked at before SQLite opens it: a file that is not trustdose's
    is refused from its first 100 bytes, so SQLite never opens it (opening another
    program's database in WAL mode would make files beside it, and closing it would
    write its WAL into it)."""
    path = Path(path)
    try:
        kind = _file(path, create)
    except OSError as exc:
        raise Unusable(_("{path}: the journal cannot be opened: {reason}").format(
            path=path, reason=os_reason(exc)), _hint()) from None
    if kind == "empty" and not create:  # another process is making it, or none was saved
        raise NoJournal(_("no journal at {path} yet").format(path=path), _(_NOTHING_SAVED))
    try:
        return _connect(path, "mode=rw", create)
    except sqlite3.Error as exc:
        if access.kind(exc) == "other":
            raise _not_ours(path, exc) from None
        if create:  # saving: it must be written, and cannot be
            raise access.write_failed(path, exc) from None
        refused = exc
    # Only looking, at a journal this user may not write (a read-only folder, where SQLite
    # cannot make the -shm it reads a WAL journal with): read it as it is. Immutable only
    # when no -wal holds changes that reading it so would miss.
    wal = Path(f"{os.path.realpath(path)}-wal")
    modes = ["mode=ro"] + ([] if wal.exists() and wal.stat().st_size else
                           ["mode=ro&immutable=1"])
    for mode in modes:
        try:
            db = _connect(path, mode, False)
        except sqlite3.Error as exc:
            if access.kind(exc) == "other":
                raise _not_ours(path, exc) from None
            continue
        db.refused = refused  # a write says why it cannot be, not "read-only database"
        return db
    raise access.read_failed(path, refused)


def _connect(path: Path, mode: str, create: bool) -> sqlite3.Connection:
    """A connection (`mode`: SQLite's URI parameters) to a file `_file` has looked at."""
    db = sqlite3.connect(f"file:{quote(str(path.absolute()))}?{mode}", uri=True,
                         timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                         check_same_thread=False, factory=Connection)
    try:
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA foreign_keys = ON")
        _schema(db, path, create)
        if mode == "mode=rw":
            with contextlib.suppress(sqlite3.OperationalError):  # locked: another does it
                db.execute("PRAGMA journal_mode = WAL")
    except BaseException:
        db.close()
        raise
    return db


def _file(path: Path, create: bool) -> str:
    """Check (or, when saving, create) the journal's file, and what it holds: "empty"
    (nothing yet: just made, here or by another process saving at the same time) or
    "ours" (a trustdose journal, this schema or an older one). Anything else is refused
    here, before SQLite opens it; a journal is never created when only looking."""
    try:
        os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise Unusable(_("{path}: a link to a file that does not exist; it was not "
                             "followed").format(path=path), _hint()) from None
        _no_file_in_the_way(path)
        if not create:
            raise NoJournal(_("no journal at {path} yet").format(path=path),
                            _(_NOTHING_SAVED)) from None
        if _make(path):
            return "ours"
    except NotADirectoryError:
        _no_file_in_the_way(path)
        raise
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
                 | getattr(os, "O_BINARY", 0))  # never waits on a pipe
    try:
        info = os.fstat(fd)
        _check_file(path, info)
        head = os.read(fd, 100) if stat.S_ISREG(info.st_mode) else b""
    finally:
        os.close(fd)
    return _what(path, head)


def _make(path: Path) -> bool:
    """Make the journal whole beside its place (owner-only from the start, its tables and
    its mark written) and link it into place in one step, so no one ever sees a journal
    half made; false when another process was first (then theirs is used)."""
    from ..io.atomic import drafting, private_folder
    private_folder(path.parent)
    _check_folder(path.parent)
    # named from the start (SQLite opens it by name), owner-only, and held open until it
    # is in place, so that no other run takes it for a killed run's leftover
    with drafting(path, named=True) as draft:
        db = sqlite3.connect(draft.path, isolation_level=None)
        try:
            _schema(db, path, True, file=Path(draft.path))  # a failure names the journal
        finally:
            db.close()
        if draft.link(path.name):  # whole, or not at all; never over anything
            return True
    if os.path.islink(path):  # a link made in the meantime: never written through
        raise Unusable(_("{path}: a link to a file that does not exist; it was not "
                         "followed").format(path=path), _hint())
    return False


def _no_file_in_the_way(path: Path) -> None:
    """A clear error when a folder on the way to `path` is a file (`case.yaml/j.sqlite3`)."""
    for parent in reversed(path.absolute().parents):
        try:
            info = os.stat(parent)
        except OSError:
            return  # missing (made when saving) or not reachable (said when opening)
        if not stat.S_ISDIR(info.st_mode):
            raise Unusable(_("{path}: there can be no journal there: {part} is a file, not "
                             "a folder").format(path=path, part=parent), _hint())


def _check_file(path: Path, info: os.stat_result) -> None:
    """The file must be a regular file of the user's own that others may not read, in a
    folder of their own (both the folder named and, for a link, the target's)."""
    if stat.S_ISDIR(info.st_mode):
        raise Unusable(_("{path}: a folder, not a journal file; it was not changed").format(
            path=path), _("name a file in it, for example {example}").format(
            example=path / "journal.sqlite3"))
    if not stat.S_ISREG(info.st_mode):
        raise Unusable(_("{path}: not a trustdose journal: it is not a file (a device, a "
                         "pipe or a socket); it was not changed").format(path=path), _hint())
    if not hasattr(os, "getuid"):
        return
    if info.st_uid != os.getuid():
        raise Unusable(_("{path}: the journal belongs to another user; it was not "
                         "used").format(path=path), _hint())
    if info.st_mode & 0o077:
        raise JournalError(_("{path}: others may read or change this journal; it was "
                             "not used").format(path=path),
                           _("make it yours alone: chmod 600 {path}").format(path=path))
    folders = {path.absolute().parent, Path(os.path.realpath(path)).parent}
    for folder in sorted(folders):
        _check_folder(folder)
    for suffix in access.SIDE_FILES:  # SQLite would open these as they are
        beside = Path(f"{os.path.realpath(path)}{suffix}")
        try:
            found = os.lstat(beside)
        except FileNotFoundError:
            continue
        if not stat.S_ISREG(found.st_mode):
            raise Unusable(_("{path}: the file beside it, {name}, is not a regular file (a "
                             "link, a pipe, a device or a folder); the journal was not "
                             "used").format(path=path, name=beside.name), _hint())
        if found.st_uid != os.getuid():
            raise Unusable(_("{path}: the file beside it, {name}, is not the user's own "
                             "file; the journal was not used").format(
                path=path, name=beside.name), _hint())


def _check_folder(folder: Path) -> None:
    """A journal's folder must be the user's own (or the system's, writable by it alone),
    and no one else may write in it: another user could put their own file in place of
    the journal, or beside it."""
    if not hasattr(os, "getuid"):
        return
    info = os.stat(folder)
    me = os.getuid()
    if info.st_uid != me and not (info.st_uid == 0 and not info.st_mode & 0o022):
        raise Unusable(_("{path}: the journal's folder belongs to another user; it was "
                         "not used").format(path=folder), _hint())
    if info.st_mode & 0o002:
        raise Unusable(_("{path}: anyone may add files to the journal's folder; it was "
                         "not used").format(path=folder), _hint())


HEADER = b"SQLite format 3\x00"


def _what(path: Path, head: bytes) -> str:
    """What a file is, from its first 100 bytes (the SQLite header: user_version at 60,
    application_id at 68): "empty", "ours", or refused."""
    if not head:
        return "empty"
    if len(head) < 100 or not head.startswith(HEADER):
        raise Unusable(_("{path}: not a trustdose journal: it is not an SQLite database; "
                         "it was not changed").format(path=path), _hint())
    version = int.from_bytes(head[60:64], "big", signed=True)
    app = int.from_bytes(head[68:72], "big", signed=True)
    if app == APP_ID and version > LATEST:
        raise JournalError(_("{path}: this journal was written by a newer trustdose (schema "
                             "{found}, this version knows {known}); it was not changed").format(
            path=path, found=version, known=LATEST), _("upgrade trustdose to use it"))
    if app == APP_ID and version >= 1:
        return "ours"
    if app == 0 and 1 <= version <= LATEST and _early_journal(path, version):
        return "ours"
    raise _foreign(path)


def _early_journal(path: Path, version: int) -> bool:
    """Whether a file an earlier trustdose may have written (no application_id) has the
    tables of that version; read as an immutable file, which SQLite never writes to."""
    try:
        raw = sqlite3.connect(f"file:{quote(str(Path(path).absolute()))}?mode=ro&immutable=1",
                              uri=True)
    except sqlite3.Error:
        return False
    try:
        return _tables(raw) == TABLES[version - 1]
    except sqlite3.Error:
        return False
    finally:
        raw.close()


def _tables(db: sqlite3.Connection) -> set[str]:
    return {row[0] for row in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")}


def _schema(db: sqlite3.Connection, path: Path, write: bool,
            file: Path | None = None) -> None:
    """Refuse what is not a journal; create or migrate (when allowed) what is. `file`: the
    file `db` is, when not the journal at `path` (a new journal's draft)."""
    kind = _kind(db)
    if kind == "ours" and _version(db) == LATEST:
        return
    _refuse(db, path, kind)
    if kind == "empty" and not write:
        raise NoJournal(_("no journal at {path} yet").format(path=path), _(_NOTHING_SAVED))
    if kind == "ours" and not write:
        try:  # looking: brought up to date where it can be written, else read as it is
            _migrate(db, path, file)
        except JournalError:
            pass
        return
    _migrate(db, path, file)


def _migrate(db: sqlite3.Connection, path: Path, file: Path | None) -> None:
    """Create the journal, or take an older one to the latest schema, in one transaction."""
    with Transaction(db, path, file):  # read again under the write lock: another may be first
        kind = _kind(db)
        _refuse(db, path, kind)
        version = 0 if kind == "empty" else _version(db)
        for number in range(version + 1, LATEST + 1):
            for statement in MIGRATIONS[number - 1]:
                db.execute(statement)
        db.execute(f"PRAGMA user_version = {LATEST}")
        db.execute(f"PRAGMA application_id = {APP_ID}")


def _refuse(db: sqlite3.Connection, path: Path, kind: str) -> None:
    if kind == "foreign":
        raise _foreign(path)
    if kind == "newer":
        raise JournalError(_("{path}: this journal was written by a newer trustdose (schema "
                             "{found}, this version knows {known}); it was not changed").format(
            path=path, found=_version(db), known=LATEST), _("upgrade trustdose to use it"))


def _version(db: sqlite3.Connection) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def _kind(db: sqlite3.Connection) -> str:
    """empty, ours (this schema or an older one), newer, or foreign."""
    app = db.execute("PRAGMA application_id").fetchone()[0]
    version = _version(db)
    tables = _tables(db)
    if app == 0 and version == 0 and not tables:
        return "empty"
    if app not in (0, APP_ID) or version < 1:
        return "foreign"
    if version > LATEST:
        return "newer" if app == APP_ID else "foreign"
    if app == 0 and tables != TABLES[version - 1]:  # an earlier trustdose set no id
        return "foreign"
    return "ours"


def _foreign(path: Path) -> JournalError:
    return Unusable(_("{path}: not a trustdose journal: an SQLite database of another "
                      "program; it was not changed").format(path=path), _hint())


def _not_ours(path: Path, exc: Exception | None = None) -> JournalError:
    reason = access.SQLITE_REASONS.get(str(exc)) if exc is not None else None
    detail = f" ({_(reason) if reason else exc})" if exc is not None else ""
    return Unusable(_("{path}: not a trustdose journal, or damaged{detail}; it was not "
                      "changed").format(path=path, detail=detail), _hint())


def _hint() -> str:
    return _("choose another journal file (TRUSTDOSE_DB names it)")
