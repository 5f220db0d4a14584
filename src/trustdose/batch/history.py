"""The journal's history for a batch run: what it holds about each case's subject, as
`assess` reads it (`Journal.track`: the exact name, else the one subject of that name
ignoring case).

A run's processes never share a connection to the journal: SQLite's connections must not
cross a fork, so the main process closes its own before the workers are forked
(`batch.parallel`), and each process opens the journal for itself when a case first needs
it. Every connection is read-only (`PRAGMA query_only`), and opening one never creates a
journal. The subjects' names are read once, when the run opens the journal: a case whose
subject the journal does not know costs no query, and each known subject is looked up
once per process.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

from ..journal.store import Journal, lookup_key
from ..model.track import Track

KEPT = 4096  # subjects' tracks remembered per process (a workshop has a few dozen)


class JournalHistory:
    """A journal's history for a run (a `intake.TrackRecord`). Opening raises
    `NoJournal` when there is no journal, `JournalError` when it cannot be used."""

    def __init__(self, path: Path | None = None) -> None:
        self.journal: Journal | None = None
        self.pid = os.getpid()
        self.inherited: Journal | None = None
        journal = self._open(path)
        self.path = journal.path
        names = journal.subjects()
        self.keys = frozenset(lookup_key(name) for name in names)
        self.track = functools.lru_cache(maxsize=KEPT)(self._track)

    def _open(self, path: Path | None) -> Journal:
        if self.pid != os.getpid():  # a parent's connection, left open: kept, never used
            self.inherited = self.journal  # nor closed (its close would be the parent's)
        journal = Journal(path)
        journal.db.execute("PRAGMA query_only = ON")  # a batch only reads
        self.journal, self.pid = journal, os.getpid()
        return journal

    def _track(self, subject: str) -> Track | None:
        if lookup_key(subject) not in self.keys:
            return None  # as `Journal.matching` finds no one
        if self.journal is None or self.pid != os.getpid():
            self._open(self.path)  # this process's own connection
        return self.journal.track(subject)

    def close(self) -> None:
        """Close this process's connection (opened again when a case needs it)."""
        if self.journal is not None and self.pid == os.getpid():
            self.journal.db.close()
        self.journal = None
