"""A board's rounds in the journal (`board --save`): each round is the day the board was
talked through, its one review date and the self-view compared (a team's medians, never
one member's answer, and no text), and each of its areas an entry of the journal, so an
area is reviewed, diagnosed after a breach and followed up as any delegation is (the
temporary level of a breach applies to that area alone)."""

from __future__ import annotations

import calendar
import datetime as dt
import json
import sqlite3
from typing import Any, NamedTuple, Sequence

from ..i18n import _
from .rows import Entry, Unreadable, _day, _whole, loads
from .schema import Transaction
from .store import Journal, entry_values, insert, _now


class Round(NamedTuple):
    """One saved round of a board: its id, day, review date, the self-view compared (None:
    none was given) and its areas' entries, in the board's order."""

    id: int
    day: dt.date
    review_date: dt.date
    self_view: dict[str, Any] | None
    areas: tuple[Entry, ...]

    def to_json(self) -> dict[str, Any]:
        return {"round": self.id, "date": self.day.isoformat(),
                "review_date": self.review_date.isoformat(), "self_view": self.self_view,
                "areas": [e.id for e in self.areas]}


def save_round(journal: Journal, board: Any, rules_digest: str, version: str,
               cases: Sequence[dict[str, Any]]) -> tuple[int, list[int]]:
    """Save a board's round and its areas (each with the case it came from) in one
    transaction; the round's id and its areas' entry ids."""
    seen = board.self_view
    with Transaction(journal.db, journal.path) as db:
        subject_id = journal.subject_id(db, board.subject)
        round_id = insert(db, "rounds", {
            "subject_id": subject_id, "saved_at": _now(), "day": board.date.isoformat(),
            "review_date": board.review_date.isoformat(),
            "self_view": json.dumps(seen.to_json()) if seen is not None else None})
        ids = [insert(db, "entries", {**entry_values(subject_id, area, rules_digest,
                                                      board.review_date, version, case),
                                      "round_id": round_id, "area": n})
               for n, (area, case) in enumerate(zip(board.areas, cases))]
    return round_id, ids


def rounds(journal: Journal, subject: str) -> list[Round]:
    """A subject's rounds, oldest first, each with the areas that can be read (a damaged
    round or area is named in the journal's `damaged` and left out)."""
    areas: dict[int, list[Entry]] = {}
    for entry in journal.entries(subject):
        if entry.round_id is not None:
            areas.setdefault(entry.round_id, []).append(entry)
    found = []
    try:
        rows = journal.db.execute(
            "SELECT r.* FROM rounds r JOIN subjects s ON s.id = r.subject_id "
            "WHERE s.name = ? ORDER BY r.day, r.id", (subject,)).fetchall()
    except sqlite3.OperationalError:  # a journal read as an older schema: no rounds yet
        return []
    for row in rows:
        try:
            seen = None if row["self_view"] is None else loads(row["self_view"])
            if seen is not None and not isinstance(seen, dict):
                raise Unreadable(_("self_view: not the JSON the journal writes there"))
            made = Round(_whole(row["id"]), _day(row["day"]), _day(row["review_date"]),
                         seen, _placed(journal, areas.get(row["id"], [])))
        except Unreadable as exc:
            journal._damaged(f"round {row['id']}", exc)
            continue
        found.append(made)
    # an area whose round the journal does not hold (another program's edit): named, as a
    # damaged row is, rather than left out unseen
    held = {r.id for r in found} | {row["id"] for row in rows}
    for round_id, entries in areas.items():
        if round_id not in held:
            for entry in entries:
                journal._damaged(f"entry {entry.id}", Unreadable(_(
                    "round_id: round {round} is not in the journal").format(round=round_id)))
    return found


def _placed(journal: Journal, entries: list[Entry]) -> tuple[Entry, ...]:
    """A round's areas in the board's order: each place 0, 1, … held once. An area whose
    place is not one of them (none, below 0, past the round's areas, or another area's:
    another program's edit) is named, as a damaged row is, and left out: shown in another
    area's row, it would put one area's levels under another's title."""
    fine = [e for e in entries if isinstance(e.area, int) and 0 <= e.area < len(entries)
            and sum(1 for other in entries if other.area == e.area) == 1]
    for entry in entries:
        if entry not in fine:
            journal._damaged(f"entry {entry.id}", Unreadable(_(
                "area: {place} is not a place on its board (0 to {last}, each once)").format(
                place=entry.area, last=len(entries) - 1)))
    return tuple(sorted(fine, key=lambda e: e.area))


def months_after(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (the month's last day where it has fewer)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def rounds_due(journal: Journal, on: dt.date, months: int) -> list[tuple[str, Round, dt.date]]:
    """Each board whose next round has come: `months` after its last round (a board is
    revisited every few months, beside its areas' own reviews), with the subject, the
    last round and the day the next was due."""
    try:
        names = [row[0] for row in journal.db.execute(
            "SELECT DISTINCT s.name FROM rounds r JOIN subjects s ON s.id = r.subject_id "
            "ORDER BY s.name")]
    except sqlite3.OperationalError:  # a journal read as an older schema: no rounds yet
        return []
    due = []
    for name in names:
        kept = rounds(journal, name)
        if kept:
            next_day = months_after(kept[-1].day, months)
            if next_day <= on:
                due.append((name, kept[-1], next_day))
    return sorted(due, key=lambda found: (found[2], found[0].casefold()))
