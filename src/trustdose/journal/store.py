"""The journal: assessments a leader chose to save, in an SQLite database of their own.

Trust is built by repeated acts over time (seed 003), so trustdose can remember, with the
leader's consent (`assess --save`), what was assessed, when, and when to look again.

- Where: `journal.sqlite3` in the user data folder, or `--db` / `TRUSTDOSE_DB`. Only
  saving creates it (owner-only, in a folder only its owner may enter); looking at a
  journal that is not there says so and creates nothing.
- Whose: a file that is not a trustdose journal (another program's database, a newer
  trustdose's journal), a file or folder of another user, or a journal others may read is
  refused and never written to.
- Safety: every save is one transaction, in WAL mode with a busy timeout, so a crash or
  `kill -9` leaves the database consistent with every completed save in it, and many
  processes saving at once (into a journal that does not exist yet, too) all succeed.
- Versions: `PRAGMA user_version` is the schema; `MIGRATIONS` take an older journal
  forward inside the same transaction that checked its version.
- Privacy: nothing leaves the machine; `forget` erases a subject and every entry about
  it (and, when asked, the name from the leader's own words in other entries: see
  `erasure`), and compacts the file so the erased rows do not linger in free pages.
- Names: saved and looked up composed (NFC, `model.case.normal_name`); a journal that
  saved one decomposed is read as if it had not.
- Damage: a row that cannot be read is named in `damaged` and left out (`rows`).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path
from typing import Any, NamedTuple

from ..model.case import normal_name
from ..model.track import LastReview, Track
from . import erasure
from .access import reason
from .erasure import ERASED, Mention, mention_pattern  # noqa: F401  (the module's API)
from .rows import (ENTRY_COLUMNS, REVIEW_COLUMNS, Damaged, Entry, Unreadable, read_entry,
                   read_row)
from .schema import LATEST, Transaction as _Transaction, open_journal as _open


class Journal:
    """An open journal; use as a context manager so the connection is closed. With
    `create`, a journal that does not exist yet is made; without, it is an error.
    `damaged` names each row a read had to leave out (`rows.Damaged`), once each."""

    def __init__(self, path: Path | None = None, *, create: bool = False) -> None:
        from ..io.config import journal_path
        self.path = Path(path) if path is not None else journal_path()
        self.db = _open(self.path, create)
        self.db.row_factory = sqlite3.Row
        self.damaged: dict[str, Damaged] = {}

    def __enter__(self) -> "Journal":
        return self

    def __exit__(self, *exc: object) -> None:
        self.db.close()

    # --- writing -------------------------------------------------------------------------

    def save(self, assessment: Any, rules_digest: str, review_date: dt.date | None = None,
             version: str = "", case: dict[str, Any] | None = None) -> int:
        """Save an assessment and the case it came from; returns the entry id. A
        pseudonym is the subject's name in both (it was applied before assessing). A
        `review_date` replaces the assessment's (better: assess with it, so the report
        shows it too); one before the day of the assessment is refused. A subject an
        older journal saved decomposed (NFD) is saved under its composed name from now."""
        with _Transaction(self.db, self.path) as db:
            subject_id = self.subject_id(db, assessment.subject)
            return insert(db, "entries", entry_values(
                subject_id, assessment, rules_digest, review_date, version, case))

    def subject_id(self, db: sqlite3.Connection, subject: Any) -> int:
        """The subject's row (made, or its kind brought up to date), inside the caller's
        transaction; a name saved decomposed before is composed from now on."""
        name = normal_name(subject.name)
        same = self._names(name)
        if same and name not in same:  # saved before names were composed
            db.execute("UPDATE subjects SET name = ? WHERE name = ?", (name, same[0]))
        db.execute("INSERT INTO subjects (name, kind) VALUES (?, ?) ON CONFLICT(name) "
                   "DO UPDATE SET kind = excluded.kind", (name, subject.kind))
        return int(db.execute("SELECT id FROM subjects WHERE name = ?", (name,)).fetchone()[0])

    def add_review(self, review: Any) -> int:
        """Record how a delegation went; returns the review id. One transaction. A review
        dated before the assessment it reviews is refused (UsageError), as is one of an
        entry that is not there."""
        from ..errors import UsageError
        from ..i18n import _, format_date
        entry = self.entry(review.entry)
        if entry is None:
            raise UsageError(_("no journal entry {id}").format(id=review.entry))
        if review.day < entry.day:
            raise UsageError(_("the review day, {date}, is before the assessment it reviews "
                               "(#{id}, {day})").format(date=format_date(review.day),
                                                        id=entry.id, day=format_date(entry.day)))
        with _Transaction(self.db, self.path) as db:
            return insert(db, "reviews", {
                "entry_id": review.entry, "saved_at": _now(), "day": review.day.isoformat(),
                "outcome": review.outcome, "causes": json.dumps(review.causes),
                "temporary_level": review.temporary_level,
                "until": review.until.isoformat() if review.until else None,
                "review": json.dumps(review.to_json(), ensure_ascii=False)})

    def forget(self, subject: str, scrub: bool = False) -> "Forgotten":
        """Erase a subject (every name saved for it: composed or not) and every entry and
        review about it, damaged or not, and with `scrub` the name from the leader's own
        words in the other entries that mention it (`mentions`), in one transaction.
        Erased rows are overwritten (secure_delete), and the file compacted afterwards;
        `compacted` says why it could not be, when it could not."""
        with _Transaction(self.db, self.path) as db:
            db.execute("PRAGMA secure_delete = ON")
            names = self._names(subject)
            if not names:
                return Forgotten(0, 0, 0)
            scrubbed = erasure.scrub(db, subject, self.mentions(subject)) if scrub else 0
            marks = ", ".join("?" for _ in names)
            ids = f"SELECT id FROM subjects WHERE name IN ({marks})"
            db.execute("DELETE FROM reviews WHERE entry_id IN (SELECT id FROM entries "
                       f"WHERE subject_id IN ({ids}))", names)
            entries = db.execute(f"DELETE FROM entries WHERE subject_id IN ({ids})",
                                 names).rowcount
            db.execute(f"DELETE FROM subjects WHERE name IN ({marks})", names)
        try:
            self.db.execute("VACUUM")
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error as exc:  # erased and overwritten all the same: only not smaller
            return Forgotten(1, entries, scrubbed, reason(self.path, exc))
        return Forgotten(1, entries, scrubbed)

    def mentions(self, name: str) -> list[Mention]:
        """The entries of other subjects whose own words (task title, the case's texts and
        their copies in the assessment, review notes) mention `name` as a word, as saved
        (`erasure`)."""
        return erasure.mentions(self.db, self._names(name) or [normal_name(name)])

    # --- reading -------------------------------------------------------------------------

    def entries(self, subject: str | None = None) -> list[Entry]:
        where, args = ("WHERE s.name = ?", (subject,)) if subject else ("", ())
        return self._read(self.db.execute(f"{_SELECT} {where} ORDER BY e.day, e.id", args))

    def entry(self, entry_id: int) -> Entry | None:
        """The entry of that id; None for none, also for an id no entry can have (0,
        negative, or beyond SQLite's integers), or a damaged one (named in `damaged`)."""
        if isinstance(entry_id, bool) or not isinstance(entry_id, int) \
                or not 1 <= entry_id <= MAX_ID:
            return None
        found = self._read(self.db.execute(f"{_SELECT} WHERE e.id = ?", (entry_id,)))
        return found[0] if found else None

    def _read(self, rows: Any) -> list[Entry]:
        """The entries of `rows` that can be read; the others named in `damaged`."""
        entries = []
        for row in rows:
            try:
                entries.append(read_entry(row))
            except Unreadable as exc:
                self._damaged(f"entry {row['id']}", exc)
        return entries

    def _damaged(self, row: str, exc: Exception) -> None:
        from ..i18n import _
        label = _("entry {id}") if row.startswith("entry") else \
            _("board round {id}") if row.startswith("round") else \
            _("self-check {id}") if row.startswith("self-check") else _("review {id}")
        self.damaged.setdefault(row, Damaged(label.format(id=row.split()[1]), str(exc)))

    def _reviews(self, rows: Any, key: str) -> list[dict[str, Any]]:
        """Reviews as `Review.to_json` wrote them, with the columns' values in place of
        the JSON's own (the columns are what is queried) and the column `key` (the
        level reviewed, or the review's id); damaged ones named in `damaged`."""
        found = []
        for row in rows:
            try:  # the key too: the level reviewed is the entry's, read as the entry's
                value = read_row(row, {**REVIEW_COLUMNS, key: ENTRY_COLUMNS[key]})
            except Unreadable as exc:
                self._damaged(f"review {row['id']}", exc)
                continue
            until = value["until"]
            found.append({**value["review"], "entry": value["entry_id"],
                          "day": value["day"].isoformat(), "outcome": value["outcome"],
                          "causes": value["causes"], "temporary_level": value["temporary_level"],
                          "until": until.isoformat() if until else None, key: value[key]})
        return found

    def reviews(self, subject: str) -> list[dict[str, Any]]:
        """A subject's reviews, oldest first, each with the level it reviewed."""
        return self._reviews(self.db.execute(
            "SELECT r.*, e.level FROM reviews r JOIN entries e ON e.id = r.entry_id "
            "JOIN subjects s ON s.id = e.subject_id WHERE s.name = ? ORDER BY r.day, r.id",
            (subject,)), "level")

    def track(self, subject: str) -> Track | None:
        """What the journal holds about a subject, for its next assessment. The subject is
        looked up as the journal commands look names up (`matching`): the exact name,
        else the one subject of that name ignoring case; none when several match. A review
        of a board's area says the area (its task): its follow-up holds that area alone."""
        found = self.matching(subject)
        if len(found) != 1:
            return None
        subject = found[0]
        entries = self.entries(subject)
        if not entries:
            return None
        areas = {e.id: e.task for e in entries if e.round_id is not None}
        last, reviews = entries[-1], self.reviews(subject)
        review = None
        if reviews:
            r = reviews[-1]
            review = LastReview(dt.date.fromisoformat(r["day"]), r["outcome"], tuple(r["causes"]),
                                r["level"], r["temporary_level"],
                                dt.date.fromisoformat(r["until"]) if r["until"] else None,
                                areas.get(r["entry"]))
        return Track(str(self.path), last.day, last.level, last.task, review)

    def due(self, on: dt.date) -> list[Entry]:
        """Each delegation whose follow-up has come: the agreed review date if it has not
        been reviewed yet, or the end of the closer follow-up a review set. A delegation
        is a subject's task (its title, ignoring case); a later assessment of the same
        task takes the place of the earlier one, so a person with two tasks due is due
        twice."""
        ends = self.follow_up_ends()
        due = []
        for entry in self.delegations():
            if entry.id in ends:
                until = ends[entry.id]
                if until is not None and until <= on:
                    due.append(entry._replace(review_date=until))
            elif entry.review_date <= on:
                due.append(entry)
        return sorted(due, key=lambda e: (e.review_date, e.subject.casefold(), e.id))

    def follow_up_ends(self) -> dict[int, dt.date | None]:
        """For each reviewed entry, when the closer follow-up of its last review ends
        (None: it was kept, nothing more to follow up)."""
        reviews = self._reviews(self.db.execute("SELECT * FROM reviews ORDER BY day, id"), "id")
        return {r["entry"]: dt.date.fromisoformat(r["until"]) if r["until"] else None
                for r in reviews}

    def delegations(self) -> list[Entry]:
        """Each subject's latest entry for each of its tasks (titles ignoring case and
        surrounding spaces), oldest first."""
        latest: dict[tuple[str, str], Entry] = {}
        for entry in self._read(self.db.execute(f"{_SELECT} ORDER BY e.day, e.id")):
            latest[(entry.subject, entry.task.strip().casefold())] = entry
        return sorted(latest.values(), key=lambda e: (e.day, e.id))

    def entry_reviews(self, entry_id: int) -> list[dict[str, Any]]:
        """The reviews of one entry, oldest first (each as `Review.to_json` wrote it)."""
        return self._reviews(self.db.execute(
            "SELECT * FROM reviews WHERE entry_id = ? ORDER BY day, id", (entry_id,)), "id")

    def matching(self, name: str) -> list[str]:
        """The subjects (as saved) a name given to look one up means: the subject of that
        name (composed or not, `_names`), else every subject whose name is the same
        ignoring case and how spaces are written (none, one or several). A name given with
        spaces at either end means the name without them, exactly, first: " Sam" is Sam
        when both Sam and sam are saved."""
        same = self._names(name) or self._names(name.strip())
        if same:
            return same
        wanted = lookup_key(name)
        return [n for n in self.subjects() if lookup_key(n) == wanted]

    def _names(self, name: str) -> list[str]:
        """The names saved for a subject: the name as given, and as a journal from before
        names were composed (NFC) may hold it."""
        wanted = normal_name(name)
        return [n for n in self.subjects() if normal_name(n) == wanted]

    def subjects(self) -> list[str]:
        """Every subject's name as saved (a name that is not text is a damaged row's, and
        its entries are named when read)."""
        return [row["name"] for row in self.db.execute("SELECT name FROM subjects ORDER BY name")
                if isinstance(row["name"], str)]

    def export(self, subject: str | None = None) -> dict[str, Any]:
        """Everything the journal holds (about one subject) that can be read, as plain
        JSON data; damaged rows are named in `damaged`."""
        return {"journal": str(self.path), "schema_version": LATEST,
                "reviews": [r for s in ([subject] if subject else self.subjects())
                            for r in self.reviews(s)],
                "entries": [{**{k: v.isoformat() if isinstance(v, dt.date) else v
                                for k, v in e._asdict().items()}} for e in self.entries(subject)]}


def lookup_key(name: str) -> str:
    """A name as the journal commands look it up when no subject has it exactly:
    composed, without spaces at either end, each run of spaces (a no-break space too) one
    space, ignoring case: "Team\u00a07" finds "Team 7"."""
    return " ".join(normal_name(name).split()).casefold()


class Forgotten(NamedTuple):
    """What `forget` erased: subjects, their entries, other entries whose texts had the
    name taken out, and why the file could not be compacted afterwards (if it could not)."""

    subjects: int
    entries: int
    scrubbed: int
    not_compacted: str | None = None


MAX_ID = 2**63 - 1  # SQLite's largest integer: no entry id is beyond it
_SELECT = ("SELECT e.*, s.name AS subject, s.kind AS kind FROM entries e "
           "JOIN subjects s ON s.id = e.subject_id")


def entry_values(subject_id: int, assessment: Any, rules_digest: str,
                 review_date: dt.date | None, version: str,
                 case: dict[str, Any] | None) -> dict[str, Any]:
    """An entry's columns: the assessment and the case it came from, with the review day
    agreed (`review_date`, refused before the day of the assessment) or its own."""
    data = assessment.to_json()
    review = review_date or assessment.review_date
    if review < assessment.date:
        from ..intake import check_review_date
        check_review_date(review, assessment.date)
    data["review_date"] = review.isoformat()
    given = case or {"subject": data["subject"], "task": data["task"], **data["scores"]}
    return {"subject_id": subject_id, "saved_at": _now(),
            "day": assessment.date.isoformat(), "task": assessment.task.title,
            "level": assessment.level.number,
            "planned": assessment.planned.number if assessment.planned else None,
            "scores": json.dumps(assessment.scores), "review_date": review.isoformat(),
            "rules_digest": rules_digest, "trustdose": version,
            "case": json.dumps(given, ensure_ascii=False, default=str),
            "assessment": json.dumps(data, ensure_ascii=False)}


def insert(db: sqlite3.Connection, table: str, values: dict[str, Any]) -> int:
    columns = ", ".join(f'"{c}"' for c in values)
    marks = ", ".join("?" for _ in values)
    return int(db.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})",
                          tuple(values.values())).lastrowid)


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
