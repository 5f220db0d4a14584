"""Where a forgotten subject's name still stands in other entries, and taking it out.

A name stands as a name only in the leader's own words: what a case says about its task
(title, description, who it is for, the text of a task fact, the case's id), the copies
of those words in the saved assessment, and the notes of reviews. Everything else an
entry holds was written by trustdose or its rules (measure titles, warnings, the trace,
"risk = 2"), and a name that happens to be a word there ("A", "2", "Check") is not a
mention: it is never listed, never changed. Names are matched as saved, letter case
included ("Ann" and "ann" may be two people), as a whole word, also in the genitive,
in Unicode's composed form (NFC) on both sides; the entry's own subject name is never
taken for a mention ("Jonas" in "Jonas Berg").
"""

from __future__ import annotations

import json
import re
import sqlite3
from typing import Any, Iterator, NamedTuple

from ..model.case import OWN_WORDS, normal_name
from .rows import Unreadable, loads

ERASED = "[…]"  # what stands where `forget` took a name out of another entry's texts
# Where the leader's own words are kept: in the case as given, and their copies in the
# saved assessment (task fact texts: every value under `facts`).
CASE_WORDS = (("id",), *(("task", name) for name in OWN_WORDS))
ASSESSMENT_WORDS = (("case_id",), *(("task", name) for name in OWN_WORDS))
# What the rules' {placeholders} copy from those words into trustdose's own texts.
FILLED = (("task", "title"), ("task", "people"))


class Mention(NamedTuple):
    """An entry of another subject whose own words mention a name: where (task, case,
    assessment, review)."""

    entry: int
    subject: str
    task: str
    where: tuple[str, ...]


def mention_pattern(name: str) -> "re.Pattern[str]":
    """A name as a word in a text, as saved, also in the genitive (Mettes, Jonas', Kim's)."""
    return re.compile(r"(?<!\w)" + re.escape(normal_name(name).strip())
                      + r"(?:['’]s?|s)?(?!\w)")


def mentions(db: sqlite3.Connection, names: list[str]) -> list[Mention]:
    """The entries of subjects other than `names` (one person's names as saved) whose
    own words mention the name."""
    pattern = mention_pattern(names[0])
    marks = ", ".join("?" for _ in names)
    found = []
    for row in db.execute("SELECT e.id, e.task, e.\"case\", e.assessment, s.name AS subject "
                          "FROM entries e JOIN subjects s ON s.id = e.subject_id "
                          f"WHERE s.name NOT IN ({marks}) ORDER BY e.id", names):
        own = normal_name(str(row["subject"]))
        where = [label for label, text in (
            ("task", _words(row["task"], None)), ("case", _words(row["case"], CASE_WORDS)),
            ("assessment", _words(row["assessment"], ASSESSMENT_WORDS)))
            if any(_has(pattern, t, own) for t in text)]
        notes = [t for r in db.execute("SELECT review FROM reviews WHERE entry_id = ?",
                                       (row["id"],)) for t in _words(r[0], (("note",),))]
        if any(_has(pattern, t, own) for t in notes):
            where.append("review")
        if where:
            found.append(Mention(row["id"], str(row["subject"]), str(row["task"]),
                                 tuple(where)))
    return found


def scrub(db: sqlite3.Connection, name: str, found: list[Mention]) -> int:
    """Put ERASED in place of the name in the own words of the entries `found` (inside
    the caller's transaction), and where a rule's placeholder copied those words into
    trustdose's texts; how many entries were changed."""
    pattern = mention_pattern(name)
    for mention in found:
        own = normal_name(mention.subject)
        row = db.execute('SELECT task, "case", assessment FROM entries WHERE id = ?',
                         (mention.entry,)).fetchone()
        case = _loaded(row["case"])
        assessment = _loaded(row["assessment"])
        filled = {}
        if isinstance(assessment, dict):
            for path in FILLED:  # the words as copied, before they are changed
                text = _at(assessment, path)
                if isinstance(text, str) and _has(pattern, text, own):
                    filled[text] = _sub(pattern, text, own)
        db.execute('UPDATE entries SET task = ?, "case" = ?, assessment = ? WHERE id = ?', (
            _sub(pattern, row["task"], own) if isinstance(row["task"], str) else row["task"],
            _dumped(row["case"], _cleaned(case, CASE_WORDS, pattern, own)),
            _dumped(row["assessment"], _refilled(
                _cleaned(assessment, ASSESSMENT_WORDS, pattern, own), filled)),
            mention.entry))
        for review in db.execute("SELECT id, review FROM reviews WHERE entry_id = ?",
                                 (mention.entry,)).fetchall():
            data = _loaded(review["review"])
            db.execute("UPDATE reviews SET review = ? WHERE id = ?", (_dumped(
                review["review"], _cleaned(data, (("note",),), pattern, own)), review["id"]))
    return len(found)


def _loaded(text: Any) -> Any:
    try:
        return loads(text)
    except Unreadable:
        return None  # a damaged column (not JSON, or nested deeper than the journal
        # writes): neither read nor changed


def _dumped(before: Any, data: Any) -> Any:
    """The column as it was when nothing in it changed (byte for byte), else the data."""
    if data is None or data == _loaded(before):
        return before
    return json.dumps(data, ensure_ascii=False)


def _words(text: Any, paths: tuple[tuple[str, ...], ...] | None) -> list[str]:
    """The leader's own words in a column: all of it (a plain text column, `paths`
    None), or the strings at `paths` of its JSON."""
    if paths is None:
        return [text] if isinstance(text, str) else []
    data = _loaded(text)
    return [s for path in paths for s in _strings(_at(data, path))]


def _at(data: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        data = data.get(key) if isinstance(data, dict) else None
    return data


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):  # ground rules, situations to come first
        for item in value:
            yield from _strings(item)


def _cleaned(data: Any, paths: tuple[tuple[str, ...], ...], pattern: "re.Pattern[str]",
             own: str) -> Any:
    """`data` with the name taken out of the strings at `paths` (a copy)."""
    if not isinstance(data, dict):
        return data

    def clean(value: Any) -> Any:
        if isinstance(value, str):
            return _sub(pattern, value, own)
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items()}
        if isinstance(value, list):
            return [clean(v) for v in value]
        return value

    def walk(node: Any, path: tuple[str, ...]) -> Any:
        if not isinstance(node, dict) or path[0] not in node:
            return node
        inner = clean(node[path[0]]) if len(path) == 1 else walk(node[path[0]], path[1:])
        return {**node, path[0]: inner}

    for path in paths:
        data = walk(data, path)
    return data


def _refilled(data: Any, filled: dict[str, str]) -> Any:
    """`data` with each of the leader's words that a placeholder copied into a text of
    trustdose's (the whole words, as copied) replaced by their cleaned form."""
    if not filled:
        return data
    pattern = re.compile("|".join(r"(?<!\w)" + re.escape(t) + r"(?!\w)"
                                  for t in sorted(filled, key=len, reverse=True)))

    def walk(value: Any) -> Any:
        if isinstance(value, str):
            return pattern.sub(lambda m: filled[m.group()], value)
        if isinstance(value, dict):
            return {k: walk(v) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v) for v in value]
        return value
    return walk(data)


def _outside(own: str, text: str) -> list[str]:
    """`text` split around the entry's own subject name (odd pieces are that name), so a
    name within it ("Jonas" in "Jonas Berg") is not taken for a mention."""
    return re.split(f"({re.escape(own)})", text) if own else [text]


def _sub(pattern: "re.Pattern[str]", text: str, own: str) -> str:
    """`text` with the name taken out; as it was (byte for byte) where it has none."""
    if not _has(pattern, text, own):
        return text
    text = normal_name(text)
    return "".join(piece if at % 2 else pattern.sub(ERASED, piece)
                   for at, piece in enumerate(_outside(own, text)))


def _has(pattern: "re.Pattern[str]", text: str, own: str) -> bool:
    return any(pattern.search(piece) for piece in _outside(own, normal_name(text))[::2])
