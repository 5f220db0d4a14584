"""The leader's self-checks in the journal (`trustdose self --save`).

Only what the leader needs to see their own practice over time is kept: the day and the
one or two sides they chose to practise (their ids). Never the answers, a side's mark or
a total: a journal that held numbers about its leader could be asked for and compared,
and the self-check is the leader's own ("never a score to rank leaders by", issue 24).
`forget_self_checks` erases them all, overwritten and compacted as `forget` erases a
subject. A journal an older trustdose wrote is taken to the schema with them when it is
written; one that can only be read, as it is, has none.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from typing import NamedTuple

from .access import reason
from .schema import Transaction
from .store import Journal, insert, _now

TABLE = "self_checks"


class SavedCheck(NamedTuple):
    """One saved self-check: its id, day and the sides to practise (ids)."""

    id: int
    day: dt.date
    practise: list[str]

    def to_json(self) -> dict:
        return {"id": self.id, "day": self.day.isoformat(), "practise": self.practise}


def save_check(journal: Journal, day: dt.date, practise: list[str], version: str) -> int:
    """Keep a self-check: its day and the sides to practise; its id."""
    with Transaction(journal.db, journal.path) as db:
        # the day only, as docs/privacy.md promises: no hour of the leader's to compare
        return insert(db, TABLE, {"saved_at": _now()[:10], "day": day.isoformat(),
                                  "practise": json.dumps(list(practise)),
                                  "trustdose": version})


def _kept(db: sqlite3.Connection) -> bool:
    """Whether the journal has the table (a journal read as an older trustdose left it
    has none, and so no self-checks)."""
    return db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                      (TABLE,)).fetchone() is not None


def saved_checks(journal: Journal) -> list[SavedCheck]:
    """The saved self-checks, oldest first; a row that cannot be read is named in the
    journal's `damaged` and left out."""
    if not _kept(journal.db):
        return []
    found = []
    for row in journal.db.execute(f"SELECT id, day, practise FROM {TABLE} ORDER BY day, id"):
        try:
            practise = json.loads(row[2])
            if not (isinstance(practise, list) and all(isinstance(p, str) for p in practise)):
                raise ValueError(row[2])
            found.append(SavedCheck(int(row[0]), dt.date.fromisoformat(row[1]), practise))
        except (TypeError, ValueError) as exc:
            journal._damaged(f"self-check {row[0]}", exc)
    return found


def forget_checks(journal: Journal) -> tuple[int, str | None]:
    """Erase every saved self-check, overwritten in the file and compacted; how many, and
    why the file could not be compacted (None: it was)."""
    if not _kept(journal.db):
        return 0, None
    with Transaction(journal.db, journal.path) as db:
        db.execute("PRAGMA secure_delete = ON")
        erased = db.execute(f"DELETE FROM {TABLE}").rowcount
    try:
        journal.db.execute("VACUUM")
        journal.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.Error as exc:
        return erased, reason(journal.path, exc)
    return erased, None
