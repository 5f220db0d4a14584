"""Writing a journal, one transaction at a time, and why a write cannot be done, said
truly: a file or folder the user may not write (a journal made read-only, a leftover
read-only `-wal` or `-shm`, a read-only folder), a full disk, or the file size limit
(`ulimit -f`) reached. SQLite calls most of these "a readonly database" or "disk I/O
error"; none of them means the journal is damaged, and saying so could lead a user to
delete an intact journal.

A write that fails is rolled back whole (SQLite's transaction), so the message can say
that nothing was changed; the journal stays as it was.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

from ..errors import JournalError
from ..i18n import N_, _

# The files SQLite keeps beside a journal, named after it: part of the journal, there or
# to come (checked when it is opened, protected from outputs, looked at when a write fails)
SIDE_FILES = ("-wal", "-shm", "-journal")

# What SQLite says most often about a file it cannot use, in the user's language.
SQLITE_REASONS = {"file is not a database": N_("the file is not a database"),
                  "database disk image is malformed": N_("the database is damaged"),
                  "database is locked": N_("another program holds the journal locked")}


class CannotWrite(JournalError):
    """Raised when the journal is sound but cannot be written here and now."""


def kind(exc: sqlite3.Error) -> str:
    """What an SQLite error is about: "readonly", "io" (a write the system refused: a
    full disk, a size limit), "cantopen", or "other" (a file that is not a journal, or
    damaged)."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc)
    if name.startswith("SQLITE_READONLY") or "readonly database" in text:
        return "readonly"
    if name.startswith(("SQLITE_IOERR", "SQLITE_FULL")) or text in (
            "disk I/O error", "database or disk is full"):
        return "io"
    if name.startswith("SQLITE_CANTOPEN") or text == "unable to open database file":
        return "cantopen"
    return "other"


def unwritable(path: Path) -> str | None:
    """What keeps this user from writing the journal at `path`, or None: the file, a
    `-wal` or `-shm` beside it, or the folder (where SQLite makes those)."""
    real = Path(os.path.realpath(path))
    for file in (real, *(Path(f"{real}{side}") for side in SIDE_FILES)):
        if os.path.exists(file) and not os.access(file, os.W_OK):
            return _("{file} is read-only").format(file=file)
    if not os.access(real.parent, os.W_OK | os.X_OK):
        return _("its folder {folder} is read-only").format(folder=real.parent)
    return None


def reason(path: Path, exc: sqlite3.Error) -> str:
    """Why SQLite could not write the journal, in the user's words."""
    what = kind(exc)
    if what in ("readonly", "cantopen"):
        found = unwritable(path)
        if found or what == "readonly":
            return _("permission denied ({reason})").format(reason=found or exc)
    if what == "io":
        return _io_reason(path, exc)
    return str(exc)


def write_failed(path: Path, exc: sqlite3.Error, file: Path | None = None) -> JournalError:
    """The error for a write that SQLite refused: why, that the journal is intact, and
    what to do. `file`: the file SQLite wrote, when not the journal at `path` itself (a
    new journal is made whole beside its place)."""
    why = reason(file or path, exc)
    message = _("{path}: cannot write to the journal: {reason}; the journal was not "
                "changed").format(path=path, reason=why)
    if kind(exc) == "io":
        return CannotWrite(message, _("make room (or raise the limit) and do it again"))
    if kind(exc) == "other":
        return JournalError(message)
    return CannotWrite(message, _("make it writable for you (chmod u+w on the file, its -wal "
                                  "and -shm, and its folder), or choose another journal file "
                                  "(TRUSTDOSE_DB names it)"))


def read_failed(path: Path, exc: sqlite3.Error) -> JournalError:
    """The error for a journal that cannot even be read where it is (looking needs no
    write, but SQLite needs a -shm beside a journal whose last changes are in its -wal)."""
    return CannotWrite(_("{path}: cannot read the journal here: {reason}").format(
        path=path, reason=unwritable(path) or reason(path, exc)),
        _("SQLite needs to write beside the journal to read its last changes (its -wal): "
          "make the folder writable for you, or copy the journal and its -wal elsewhere"))


def _io_reason(path: Path, exc: sqlite3.Error) -> str:
    """A full disk or the file size limit, when either is what the write ran into."""
    try:
        import resource
    except ImportError:  # Windows: no such limit
        resource = None
    limit = resource.getrlimit(resource.RLIMIT_FSIZE)[0] if resource else -1
    sizes = [os.path.getsize(f) for f in (path, *(f"{path}{side}" for side in SIDE_FILES))
             if os.path.isfile(f)]
    if resource and limit != resource.RLIM_INFINITY and limit < max(sizes, default=0) + 2**20:
        return _("the file size limit (ulimit -f) of {n} bytes was reached").format(n=limit)
    try:
        free = os.statvfs(os.path.realpath(path)).f_bavail
    except (OSError, AttributeError):  # AttributeError: Windows has no statvfs
        free = None
    if free == 0 or getattr(exc, "sqlite_errorname", "") == "SQLITE_FULL":
        return _("the disk is full")
    return _("the system refused the write ({reason})").format(reason=exc)


class Connection(sqlite3.Connection):
    """A connection to a journal; `refused`: why it could only be opened for reading."""

    refused: sqlite3.Error | None = None


class Transaction:
    """`BEGIN IMMEDIATE … COMMIT`: the write lock is taken at the start, so writers
    queue (up to the busy timeout) instead of failing halfway. A write SQLite refuses (a
    read-only file, a full disk) is rolled back whole and said as it is
    (`access.write_failed`), never as a damaged journal."""

    def __init__(self, db: sqlite3.Connection, path: Path | None = None,
                 file: Path | None = None) -> None:
        self.db = db
        self.path = path
        self.file = file  # what SQLite writes, when not `path` (a new journal's draft)

    def __enter__(self) -> sqlite3.Connection:
        refused = getattr(self.db, "refused", None)
        if refused is not None:
            self._refused(refused)
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            self._refused(exc)
        return self.db

    def __exit__(self, raised: object, error: object, *rest: object) -> None:
        # `raised`, not `kind`: the module's kind() is called below
        if raised is None:
            try:
                self.db.execute("COMMIT")
                return
            except sqlite3.Error as exc:
                error = exc
        with contextlib.suppress(sqlite3.Error):  # none open: SQLite ended it already
            self.db.execute("ROLLBACK")
        if self.path is not None and isinstance(error, sqlite3.Error) \
                and kind(error) != "other":
            raise write_failed(self.path, error, self.file) from None
        if raised is None:
            raise error  # type: ignore[misc]

    def _refused(self, exc: sqlite3.Error) -> None:
        if self.path is not None and kind(exc) != "other":
            raise write_failed(self.path, exc, self.file) from None
        raise exc
