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
  it (and, when asked, the name from other entries' texts that mention it), and compacts
  the file so the erased rows do not linger in free pages.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from pathlib import Path
from typing import Any, NamedTuple

from ..model.track import LastReview, Track
from .schema import LATEST, Transaction as _Transaction, open_journal as _open

_DATES = ("day", "review_date", "until")
_JSON = ("scores", "assessment", "case", "causes", "review")


class Entry(NamedTuple):
    """One saved assessment (the columns of `entries`, with its subject's name and kind)."""

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


def _read(row: sqlite3.Row, shape: Any) -> Any:
    """A row as `shape` (a named tuple whose fields are columns), values converted."""
    def value(key: str) -> Any:
        raw = row[key]
        if raw is not None and key in _DATES:
            return dt.date.fromisoformat(raw)
        return json.loads(raw) if raw is not None and key in _JSON else raw
    return shape(*(value(key) for key in shape._fields))


class Journal:
    """An open journal; use as a context manager so the connection is closed. With
    `create`, a journal that does not exist yet is made; without, it is an error."""

    def __init__(self, path: Path | None = None, *, create: bool = False) -> None:
        from ..io.config import journal_path
        self.path = Path(path) if path is not None else journal_path()
        self.db = _open(self.path, create)
        self.db.row_factory = sqlite3.Row

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
        shows it too); one before the day of the assessment is refused."""
        data = assessment.to_json()
        review = review_date or assessment.review_date
        if review < assessment.date:
            from ..intake import check_review_date
            check_review_date(review, assessment.date)
        data["review_date"] = review.isoformat()
        given = case or {"subject": data["subject"], "task": data["task"], **data["scores"]}
        subject = assessment.subject
        with _Transaction(self.db) as db:
            db.execute("INSERT INTO subjects (name, kind) VALUES (?, ?) ON CONFLICT(name) "
                       "DO UPDATE SET kind = excluded.kind", (subject.name, subject.kind))
            subject_id = db.execute("SELECT id FROM subjects WHERE name = ?",
                                    (subject.name,)).fetchone()[0]
            return _insert(db, "entries", {
                "subject_id": subject_id, "saved_at": _now(),
                "day": assessment.date.isoformat(), "task": assessment.task.title,
                "level": assessment.level.number,
                "planned": assessment.planned.number if assessment.planned else None,
                "scores": json.dumps(assessment.scores), "review_date": review.isoformat(),
                "rules_digest": rules_digest, "trustdose": version,
                "case": json.dumps(given, ensure_ascii=False, default=str),
                "assessment": json.dumps(data, ensure_ascii=False)})

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
        with _Transaction(self.db) as db:
            return _insert(db, "reviews", {
                "entry_id": review.entry, "saved_at": _now(), "day": review.day.isoformat(),
                "outcome": review.outcome, "causes": json.dumps(review.causes),
                "temporary_level": review.temporary_level,
                "until": review.until.isoformat() if review.until else None,
                "review": json.dumps(review.to_json(), ensure_ascii=False)})

    def forget(self, subject: str, scrub: bool = False) -> "Forgotten":
        """Erase a subject and every entry about it, and with `scrub` the name from the
        texts of other entries that mention it (see `mentions`), in one transaction. The
        file is compacted afterwards so nothing erased stays readable in free pages."""
        with _Transaction(self.db) as db:
            row = db.execute("SELECT id FROM subjects WHERE name = ?", (subject,)).fetchone()
            if row is None:
                return Forgotten(0, 0, 0)
            scrubbed = self._scrub(subject) if scrub else 0
            db.execute("DELETE FROM reviews WHERE entry_id IN (SELECT id FROM entries "
                       "WHERE subject_id = ?)", (row["id"],))
            entries = db.execute("DELETE FROM entries WHERE subject_id = ?", (row["id"],)).rowcount
            db.execute("DELETE FROM subjects WHERE id = ?", (row["id"],))
        self.db.execute("VACUUM")
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return Forgotten(1, entries, scrubbed)

    def mentions(self, name: str) -> list["Mention"]:
        """The entries of other subjects whose texts still mention `name` as a word (any
        case, also with a genitive s): the task title, the case as given (its description
        and notes), the assessment's texts, and the reviews with their notes. Within an
        entry, its own subject's name does not count ("Jonas" in "Jonas Berg")."""
        found = []
        pattern = mention_pattern(name)
        for row in self.db.execute(f"{_SELECT} WHERE s.name <> ? ORDER BY e.id",
                                   (name,)).fetchall():
            own = row["subject"]
            where = [label for label, column in (("task", "task"), ("case", "case"),
                                                 ("assessment", "assessment"))
                     if _mentions(pattern, row[column], own)]
            if any(_mentions(pattern, r["review"], own) for r in self.db.execute(
                    "SELECT review FROM reviews WHERE entry_id = ?", (row["id"],))):
                where.append("review")
            if where:
                found.append(Mention(row["id"], own, row["task"], tuple(where)))
        return found

    def _scrub(self, name: str) -> int:
        """Put ERASED in place of `name` in every other entry's texts (inside the caller's
        transaction); how many entries were changed."""
        pattern = mention_pattern(name)
        changed = 0
        for mention in self.mentions(name):
            own = mention.subject
            row = self.db.execute('SELECT task, "case", assessment FROM entries WHERE id = ?',
                                  (mention.entry,)).fetchone()
            self.db.execute('UPDATE entries SET task = ?, "case" = ?, assessment = ? '
                            'WHERE id = ?', (_sub(pattern, row["task"], own),
                                             _scrubbed(pattern, row["case"], own),
                                             _scrubbed(pattern, row["assessment"], own),
                                             mention.entry))
            for review in self.db.execute("SELECT id, review FROM reviews WHERE entry_id = ?",
                                          (mention.entry,)).fetchall():
                self.db.execute("UPDATE reviews SET review = ? WHERE id = ?",
                                (_scrubbed(pattern, review["review"], own), review["id"]))
            changed += 1
        return changed

    # --- reading -------------------------------------------------------------------------

    def entries(self, subject: str | None = None) -> list[Entry]:
        where, args = ("WHERE s.name = ?", (subject,)) if subject else ("", ())
        return [_read(row, Entry) for row in self.db.execute(
            f"{_SELECT} {where} ORDER BY e.day, e.id", args)]

    def entry(self, entry_id: int) -> Entry | None:
        """The entry of that id; None for none, also for an id no entry can have (0,
        negative, or beyond SQLite's integers)."""
        if isinstance(entry_id, bool) or not isinstance(entry_id, int) \
                or not 1 <= entry_id <= MAX_ID:
            return None
        row = self.db.execute(f"{_SELECT} WHERE e.id = ?", (entry_id,)).fetchone()
        return _read(row, Entry) if row else None

    def reviews(self, subject: str) -> list[dict[str, Any]]:
        """A subject's reviews, oldest first, each with the level it reviewed."""
        rows = self.db.execute(
            "SELECT r.review, e.level FROM reviews r JOIN entries e ON e.id = r.entry_id "
            "JOIN subjects s ON s.id = e.subject_id WHERE s.name = ? ORDER BY r.day, r.id",
            (subject,))
        return [{**json.loads(row["review"]), "level": row["level"]} for row in rows]

    def track(self, subject: str) -> Track | None:
        """What the journal holds about a subject, for its next assessment. The subject is
        looked up as the journal commands look names up (`matching`): the exact name,
        else the one subject of that name ignoring case; none when several match."""
        found = self.matching(subject)
        if len(found) != 1:
            return None
        subject = found[0]
        entries = self.entries(subject)
        if not entries:
            return None
        last, reviews = entries[-1], self.reviews(subject)
        review = None
        if reviews:
            r = reviews[-1]
            review = LastReview(dt.date.fromisoformat(r["day"]), r["outcome"], tuple(r["causes"]),
                                r["level"], r["temporary_level"],
                                dt.date.fromisoformat(r["until"]) if r["until"] else None)
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
        rows = self.db.execute("SELECT entry_id, until FROM reviews ORDER BY day, id")
        return {row["entry_id"]: dt.date.fromisoformat(row["until"]) if row["until"] else None
                for row in rows}

    def delegations(self) -> list[Entry]:
        """Each subject's latest entry for each of its tasks (titles ignoring case and
        surrounding spaces), oldest first."""
        latest: dict[tuple[int, str], Entry] = {}
        for row in self.db.execute(f"{_SELECT} ORDER BY e.day, e.id"):
            entry = _read(row, Entry)
            latest[(row["subject_id"], entry.task.strip().casefold())] = entry
        return sorted(latest.values(), key=lambda e: (e.day, e.id))

    def entry_reviews(self, entry_id: int) -> list[dict[str, Any]]:
        """The reviews of one entry, oldest first (each as `Review.to_json` wrote it)."""
        rows = self.db.execute("SELECT id, review FROM reviews WHERE entry_id = ? "
                               "ORDER BY day, id", (entry_id,))
        return [{**json.loads(row["review"]), "id": row["id"]} for row in rows]

    def matching(self, name: str) -> list[str]:
        """The subjects a name given to look one up means: the subject of that exact name,
        else every subject whose name is the same ignoring case (none, one or several)."""
        names = self.subjects()
        if name in names:
            return [name]
        wanted = name.strip().casefold()
        return [n for n in names if n.casefold() == wanted]

    def subjects(self) -> list[str]:
        return [row["name"] for row in self.db.execute("SELECT name FROM subjects ORDER BY name")]

    def export(self, subject: str | None = None) -> dict[str, Any]:
        """Everything the journal holds (about one subject), as plain JSON data."""
        return {"journal": str(self.path), "schema_version": LATEST,
                "reviews": [r for s in ([subject] if subject else self.subjects())
                            for r in self.reviews(s)],
                "entries": [{**{k: v.isoformat() if isinstance(v, dt.date) else v
                                for k, v in e._asdict().items()}} for e in self.entries(subject)]}


class Forgotten(NamedTuple):
    """What `forget` erased: subjects, their entries, and other entries whose texts had
    the name taken out."""

    subjects: int
    entries: int
    scrubbed: int


class Mention(NamedTuple):
    """An entry of another subject whose texts mention a name: where (task, case,
    assessment, review)."""

    entry: int
    subject: str
    task: str
    where: tuple[str, ...]


MAX_ID = 2**63 - 1  # SQLite's largest integer: no entry id is beyond it
ERASED = "[…]"  # what stands where `forget` took a name out of another entry's texts


def mention_pattern(name: str) -> "re.Pattern[str]":
    """A name as a word in a text, in any case, also in the genitive (Mettes, Jonas', Kim's)."""
    return re.compile(r"(?<!\w)" + re.escape(name.strip()) + r"(?:['’]s?|s)?(?!\w)",
                      re.IGNORECASE)


def _outside(own: str, text: str) -> list[str]:
    """`text` split around the entry's own subject name (odd pieces are that name), so a
    name within it ("Jonas" in "Jonas Berg") is not taken for a mention."""
    return re.split(f"({re.escape(own)})", text) if own else [text]


def _sub(pattern: "re.Pattern[str]", text: str, own: str) -> str:
    return "".join(piece if at % 2 else pattern.sub(ERASED, piece)
                   for at, piece in enumerate(_outside(own, text)))


def _has(pattern: "re.Pattern[str]", text: str, own: str) -> bool:
    return any(pattern.search(piece) for piece in _outside(own, text)[::2])


def _mentions(pattern: "re.Pattern[str]", text: str | None, own: str) -> bool:
    """Whether a column (plain text, or JSON read as JSON so that escaped letters count
    too) mentions the name outside the entry's own subject name."""
    if not text:
        return False
    try:
        data = json.loads(text)
    except ValueError:
        return _has(pattern, text, own)
    return _has(pattern, text, own) or any(_has(pattern, s, own) for s in _strings(data))


def _strings(value: Any) -> Any:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _scrubbed(pattern: "re.Pattern[str]", text: str | None, own: str) -> str | None:
    """A column with the name taken out: of every string in it when it is JSON (keys
    too), else of the text."""
    if not text:
        return text
    def clean(value: Any) -> Any:
        if isinstance(value, str):
            return _sub(pattern, value, own)
        if isinstance(value, dict):
            return {clean(k): clean(v) for k, v in value.items()}
        if isinstance(value, list):
            return [clean(v) for v in value]
        return value
    try:
        data = json.loads(text)
    except ValueError:
        return _sub(pattern, text, own)
    return json.dumps(clean(data), ensure_ascii=False)


_SELECT = ("SELECT e.*, s.name AS subject, s.kind AS kind FROM entries e "
           "JOIN subjects s ON s.id = e.subject_id")


def _insert(db: sqlite3.Connection, table: str, values: dict[str, Any]) -> int:
    columns = ", ".join(f'"{c}"' for c in values)
    marks = ", ".join("?" for _ in values)
    return int(db.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})",
                          tuple(values.values())).lastrowid)


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
