"""The journal: assessments a leader chose to save, in an SQLite database of their own.

Trust is built by repeated acts over time (seed 003), so trustdose can remember, with the
leader's consent (`assess --save`), what was assessed, when, and when to look again.

- Where: `journal.sqlite3` in the user data folder (platformdirs), or `--db` /
  `TRUSTDOSE_DB`. The folder and the file are readable by their owner only.
- Safety: every save is one transaction, in WAL mode with a busy timeout, so a crash or
  `kill -9` leaves the database consistent with every completed save in it, and two
  processes saving at once both succeed.
- Versions: the schema version is `PRAGMA user_version`; `MIGRATIONS` take an older
  database forward, one transaction each. A database from a newer trustdose, or a file
  that is not a database, is refused with a clear error and never written to.
- Privacy: nothing leaves the machine; `--pseudonym` stores another name instead of the
  real one; `forget` erases a subject and every entry about it, and compacts the file so
  the erased rows do not linger in free pages.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from pathlib import Path
from typing import Any, NamedTuple

from ._config import journal_path
from ._errors import TrustdoseError
from ._i18n import N_, _

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
               "case" TEXT NOT NULL,         -- the case as given (JSON), name replaced
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
BUSY_TIMEOUT_MS = 10_000


class JournalError(TrustdoseError):
    """The journal cannot be opened or written (newer version, not a database, no access)."""


class Entry(NamedTuple):
    """One saved assessment."""

    id: int
    subject: str
    kind: str
    day: dt.date
    task: str
    level: int
    planned: int | None
    scores: dict[str, float]
    review_date: dt.date
    rules_digest: str
    assessment: dict[str, Any]
    case: dict[str, Any]


class Journal:
    """An open journal; use as a context manager so the connection is closed."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path is not None else journal_path()
        self.db = _connect(self.path)

    def __enter__(self) -> "Journal":
        return self

    def __exit__(self, *exc: object) -> None:
        self.db.close()

    # --- writing -------------------------------------------------------------------------

    def save(self, assessment: Any, rules_digest: str, name: str | None = None,
             review_date: dt.date | None = None, version: str = "",
             case: dict[str, Any] | None = None) -> int:
        """Save an assessment and the case it came from (under `name`, a pseudonym,
        instead of the subject's own name when given); returns the entry id. One
        transaction."""
        data = assessment.to_json()
        shown = name or assessment.subject.name
        data["subject"] = {**data["subject"], "name": shown}
        given = dict(case) if case else {"subject": data["subject"], "task": data["task"],
                                         **data["scores"]}
        given["subject"] = {**given.get("subject", {}), "name": shown}
        review = review_date or assessment.review_date
        data["review_date"] = review.isoformat()
        texts = json.dumps(data, ensure_ascii=False)
        if name and assessment.subject.name != name:  # no trace of the real name, also in
            real = json.dumps(assessment.subject.name, ensure_ascii=False)[1:-1]  # texts
            texts = texts.replace(real, json.dumps(name, ensure_ascii=False)[1:-1])
        with self._write() as db:
            db.execute("INSERT INTO subjects (name, kind) VALUES (?, ?) ON CONFLICT(name) "
                       "DO UPDATE SET kind = excluded.kind", (shown, assessment.subject.kind))
            subject_id = db.execute("SELECT id FROM subjects WHERE name = ?",
                                    (shown,)).fetchone()[0]
            cursor = db.execute(
                "INSERT INTO entries (subject_id, saved_at, day, task, level, planned, scores, "
                "review_date, rules_digest, trustdose, \"case\", assessment) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (subject_id, _now(),
                 (assessment.date or dt.date.today()).isoformat(),
                 assessment.task.title, assessment.level.number,
                 assessment.planned.number if assessment.planned else None,
                 json.dumps(assessment.scores), review.isoformat(), rules_digest, version,
                 json.dumps(given, ensure_ascii=False, default=str), texts))
            return int(cursor.lastrowid)

    def add_review(self, review: Any) -> int:
        """Record how a delegation went; returns the review id. One transaction."""
        with self._write() as db:
            cursor = db.execute(
                "INSERT INTO reviews (entry_id, saved_at, day, outcome, causes, "
                "temporary_level, until, review) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (review.entry, _now(), review.day.isoformat(), review.outcome,
                 json.dumps(review.causes), review.temporary_level,
                 review.until.isoformat() if review.until else None,
                 json.dumps(review.to_json(), ensure_ascii=False)))
            return int(cursor.lastrowid)

    def reviews(self, subject: str) -> list[dict[str, Any]]:
        """A subject's reviews, oldest first, each with the level it reviewed."""
        rows = self.db.execute(
            "SELECT r.review, e.level FROM reviews r JOIN entries e ON e.id = r.entry_id "
            "JOIN subjects s ON s.id = e.subject_id WHERE s.name = ? ORDER BY r.day, r.id",
            (subject,))
        return [{**json.loads(review), "level": level} for review, level in rows]

    def forget(self, subject: str) -> tuple[int, int]:
        """Erase a subject and every entry about it: (subjects, entries) erased. The file
        is compacted afterwards so nothing erased stays readable in free pages."""
        with self._write() as db:
            row = db.execute("SELECT id FROM subjects WHERE name = ?", (subject,)).fetchone()
            if row is None:
                return 0, 0
            db.execute("DELETE FROM reviews WHERE entry_id IN (SELECT id FROM entries "
                       "WHERE subject_id = ?)", row)
            entries = db.execute("DELETE FROM entries WHERE subject_id = ?", row).rowcount
            db.execute("DELETE FROM subjects WHERE id = ?", row)
        self.db.execute("VACUUM")
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return 1, entries

    # --- reading -------------------------------------------------------------------------

    def entries(self, subject: str | None = None) -> list[Entry]:
        where, args = ("WHERE s.name = ?", (subject,)) if subject else ("", ())
        return [_entry(row) for row in self.db.execute(
            f"{_SELECT} {where} ORDER BY e.day, e.id", args)]

    def entry(self, entry_id: int) -> Entry | None:
        row = self.db.execute(f"{_SELECT} WHERE e.id = ?", (entry_id,)).fetchone()
        return _entry(row) if row else None

    def due(self, on: dt.date) -> list[Entry]:
        """Each subject's latest entry whose follow-up has come: the agreed review date if
        it has not been reviewed yet, or the end of the closer follow-up a review set."""
        ends = self.follow_up_ends()
        due = []
        for entry in self.latest():
            if entry.id in ends:
                until = ends[entry.id]
                if until is not None and until <= on:
                    due.append(entry._replace(review_date=until))
            elif entry.review_date <= on:
                due.append(entry)
        return sorted(due, key=lambda e: (e.review_date, e.subject))

    def follow_up_ends(self) -> dict[int, dt.date | None]:
        """For each reviewed entry, when the closer follow-up of its last review ends
        (None: it was kept, nothing more to follow up)."""
        rows = self.db.execute("SELECT entry_id, until FROM reviews ORDER BY day, id")
        return {entry: dt.date.fromisoformat(until) if until else None
                for entry, until in rows}

    def latest(self) -> list[Entry]:
        """Each subject's most recent entry."""
        return [_entry(row) for row in self.db.execute(
            f"{_SELECT} WHERE e.id = (SELECT id FROM entries WHERE subject_id = s.id "
            "ORDER BY day DESC, id DESC LIMIT 1) ORDER BY e.review_date, s.name")]

    def subjects(self) -> list[str]:
        return [row[0] for row in self.db.execute("SELECT name FROM subjects ORDER BY name")]

    def export(self, subject: str | None = None) -> dict[str, Any]:
        """Everything the journal holds (about one subject), as plain JSON data."""
        return {"journal": str(self.path), "schema_version": LATEST,
                "reviews": [r for s in ([subject] if subject else self.subjects())
                            for r in self.reviews(s)],
                "entries": [{"id": e.id, "subject": e.subject, "kind": e.kind,
                             "day": e.day.isoformat(), "task": e.task, "level": e.level,
                             "planned": e.planned, "scores": e.scores,
                             "review_date": e.review_date.isoformat(),
                             "rules_digest": e.rules_digest, "case": e.case,
                             "assessment": e.assessment}
                            for e in self.entries(subject)]}

    def _write(self) -> Any:
        return _Transaction(self.db)


_SELECT = ("SELECT e.id, s.name, s.kind, e.day, e.task, e.level, e.planned, e.scores, "
           "e.review_date, e.rules_digest, e.assessment, e.\"case\" FROM entries e "
           "JOIN subjects s ON s.id = e.subject_id")


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _entry(row: tuple) -> Entry:
    return Entry(row[0], row[1], row[2], dt.date.fromisoformat(row[3]), row[4], row[5],
                 row[6], json.loads(row[7]), dt.date.fromisoformat(row[8]), row[9],
                 json.loads(row[10]), json.loads(row[11]))


class _Transaction:
    """`BEGIN IMMEDIATE … COMMIT`: the write lock is taken at the start, so two writers
    queue (up to the busy timeout) instead of failing halfway."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> sqlite3.Connection:
        self.db.execute("BEGIN IMMEDIATE")
        return self.db

    def __exit__(self, kind: object, *rest: object) -> None:
        self.db.execute("ROLLBACK" if kind else "COMMIT")


def _connect(path: Path) -> sqlite3.Connection:
    """Open (creating it owner-only if new) and migrate; refuse what is not ours."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        new = not path.exists()
        if new:  # create the file owner-only before SQLite writes anything to it
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        else:  # owner-only, also if it was copied in with looser permissions
            os.chmod(path, 0o600)
        db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    except OSError as exc:
        from ._i18n import os_reason
        raise JournalError(_("{path}: the journal cannot be opened: {reason}").format(
            path=path, reason=os_reason(exc)), _journal_hint()) from None
    try:
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > LATEST:
            db.close()
            raise JournalError(
                _("{path}: this journal was written by a newer trustdose (schema {found}, "
                  "this version knows {known}); it was not changed").format(
                    path=path, found=version, known=LATEST),
                _("upgrade trustdose to use it"))
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA foreign_keys = ON")
        for number in range(version + 1, LATEST + 1):
            with _Transaction(db):  # a migration is applied whole or not at all
                for statement in MIGRATIONS[number - 1]:
                    db.execute(statement)
                db.execute(f"PRAGMA user_version = {number}")
    except sqlite3.DatabaseError as exc:
        db.close()
        raise JournalError(_("{path}: not a trustdose journal, or damaged ({reason}); it was "
                             "not changed").format(path=path, reason=_sqlite_reason(exc)),
                           _journal_hint()
                           ) from None
    return db


# What SQLite says most often about a file it cannot use, in the user's language.
SQLITE_REASONS = {"file is not a database": N_("the file is not a database"),
                  "database disk image is malformed": N_("the database is damaged"),
                  "database is locked": N_("another program holds the journal locked")}


def _sqlite_reason(exc: Exception) -> str:
    reason = SQLITE_REASONS.get(str(exc))
    return _(reason) if reason else str(exc)


def _journal_hint() -> str:
    return _("choose another file with --db or TRUSTDOSE_DB")
