"""The journal's rows read as values, around damage: an entry or a review whose saved
columns cannot be read (text that is not JSON, a day that is not a date, a wrong type, a
missing value) is named and left out, so that one damaged row never stops every command
from reading the rest, nor `forget` from erasing it.

SQLite keeps the file itself sound (a damaged *file* is refused when it is opened); what
is read here is what a row holds, which another program, a disk error inside a value or
an edit by hand may have changed.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import sqlite3
from typing import Any, Callable, NamedTuple

from ..i18n import _


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
    round_id: int | None = None  # a board's round this entry is an area of
    area: int | None = None  # its place on the board (0-based)


class Damaged(NamedTuple):
    """A row that could not be read: which (`entry 7`, `review 3`) and what is wrong."""

    row: str
    problem: str

    def __str__(self) -> str:
        return _("{row} is damaged: {problem}; it was left out").format(
            row=self.row, problem=self.problem)


class Unreadable(ValueError):
    """Raised for a column whose value is not what the journal wrote there."""


def _text(raw: Any) -> str:
    if not isinstance(raw, str):
        raise Unreadable(_("not text"))
    return raw


def _whole(raw: Any) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int):
        raise Unreadable(_("not a whole number"))
    return raw


def _level(raw: Any) -> int:
    from ..model.vocabulary import LEVEL_NAMES
    if not 1 <= _whole(raw) <= len(LEVEL_NAMES):
        raise Unreadable(_("level {number} is outside 1-7").format(number=raw))
    return raw


def _day(raw: Any) -> dt.date:
    try:
        return dt.date.fromisoformat(_text(raw))
    except ValueError:
        raise Unreadable(_("not a date")) from None


# Deeper than anything the journal writes (an assessment nests 4 deep): a value nested
# deeper is another program's, and reading it on (export, forget's search) would recurse.
MAX_DEPTH = 32


def loads(raw: Any) -> Any:
    """A JSON column's value; Unreadable for one that is not text, not JSON, or nested
    deeper than the journal ever writes (a megabyte of `[` is a RecursionError to the
    JSON reader)."""
    try:
        value = json.loads(_text(raw))
    except ValueError:
        raise Unreadable(_("not JSON")) from None
    except RecursionError:
        raise Unreadable(_("not the JSON the journal writes there")) from None
    if _too_deep(value):
        raise Unreadable(_("not the JSON the journal writes there"))
    return value


def _too_deep(value: Any) -> bool:
    """Whether `value` nests deeper than MAX_DEPTH (looked at without recursion)."""
    stack = [(value, 0)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, (dict, list)):
            if depth >= MAX_DEPTH:
                return True
            stack.extend((v, depth + 1) for v in (node.values() if isinstance(node, dict)
                                                   else node))
    return False


def _json(kind: type) -> Callable[[Any], Any]:
    def read(raw: Any) -> Any:
        value = loads(raw)
        if not isinstance(value, kind):
            raise Unreadable(_("not the JSON the journal writes there"))
        return value
    return read


def _scores(raw: Any) -> dict[str, float]:
    value = _json(dict)(raw)
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)
               for v in value.values()):
        raise Unreadable(_("a score that is not a number"))
    return value


def _outcome(raw: Any) -> str:
    from ..model.track import OUTCOMES
    if raw not in OUTCOMES:
        raise Unreadable(_("not an outcome"))
    return raw


def _maybe(read: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda raw: None if raw is None else read(raw)


# How each column of an entry, and of a review, is read (every field of `Entry`).
ENTRY_COLUMNS: dict[str, Callable[[Any], Any]] = {
    "id": _whole, "subject": _text, "kind": _text, "day": _day, "task": _text,
    "level": _level, "planned": _maybe(_level), "scores": _scores, "review_date": _day,
    "rules_digest": _text, "assessment": _json(dict), "case": _json(dict),
    "round_id": _maybe(_whole), "area": _maybe(_whole)}
REVIEW_COLUMNS: dict[str, Callable[[Any], Any]] = {
    "entry_id": _whole, "day": _day, "outcome": _outcome, "causes": _json(list),
    "temporary_level": _maybe(_level), "until": _maybe(_day), "review": _json(dict)}


def read_row(row: sqlite3.Row, columns: dict[str, Callable[[Any], Any]]) -> dict[str, Any]:
    """The named columns of `row`, read; raises Unreadable naming the first that is not."""
    values = {}
    given = row.keys()  # a journal read as an older schema has no column added later
    for name, read in columns.items():
        try:
            values[name] = read(row[name] if name in given else None)
        except Unreadable as exc:
            raise Unreadable(f"{name}: {exc}") from None
    return values


def read_entry(row: sqlite3.Row) -> Entry:
    return Entry(**read_row(row, ENTRY_COLUMNS))
