"""The frame set above the leader (lever 9, `trustdose frame`): its parts, from a file
the leader writes or from the frame-first items of a case or a board (the measures whose
part lies above the leader, `upward` in the rules: hours, systems, money or mandate),
each sorted into a stance of the rule section `stances`: challenge, shape or live with.

Seed 002 ("At præge de fælles rammer") gives the leader three ways with a frame set
above: lead upward, adapt the steering locally, make sense of the given conditions. A
part the leader has not sorted yet stays "to sort": it is listed as such, never placed
for them.

A frame file is a YAML or JSON list; each item is a text, or a mapping of `text`,
optionally `stance` (challenge, shape or live-with, or its title in the language) and
`note` (the leader's own words: why, or how). Every problem is named with its file, line
and column, all at once (`CaseError`, exit 2).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from ..errors import CaseError, did_you_mean
from ..i18n import _, pick
from ..io.source import Document, SourceError, read_given
from ..model.case import text_problem

MAX_ITEMS = 60  # a note to one's manager, not a register
MAX_TEXT = 300


class Part(NamedTuple):
    """One part of the frame: what it is, the stance (None: to sort), the leader's own
    note, and where it came from (the task it held back, for an upward item)."""

    text: str
    stance: str | None = None
    note: str = ""
    source: str = ""


def stance_named(word: Any, stances: Any) -> str | None:
    """The stance a leader names: its id, or its title in the language (`udfordr`)."""
    if not isinstance(word, str):
        return None
    typed = " ".join(word.split()).casefold()
    for rule in stances:
        if typed in (rule.item["id"], pick(rule.item["title"]).casefold()):
            return rule.item["id"]
    return None


def read_parts(path: Path, stances: Any, stdin: Any = None) -> list[Part]:
    """The parts in the frame file at `path` (`-`: `stdin`, the caller's)."""
    try:
        doc = read_given(path, _("see examples/leader/frame.yaml"), stdin)
    except SourceError as exc:
        raise CaseError([exc.problem]) from None
    return parts_in(doc, stances)


def parts_in(doc: Document, stances: Any) -> list[Part]:
    """The parts a frame file lists (`stances`: the rule section's items)."""
    ids = [rule.item["id"] for rule in stances]
    if not isinstance(doc.data, list) or not doc.data:
        raise CaseError([doc.problem((), _("a frame file is a list of the parts of the "
                                           "frame: each a text, or text: and stance:"),
                                     _("see examples/leader/frame.yaml"))])
    if len(doc.data) > MAX_ITEMS:
        raise CaseError([doc.problem((MAX_ITEMS,), _("{n} parts; a note takes at most "
                                                     "{most}").format(n=len(doc.data),
                                                                      most=MAX_ITEMS))])
    problems, parts = [], []
    for n, given in enumerate(doc.data):
        item = {"text": given} if isinstance(given, str) else given
        if not isinstance(item, dict):
            problems.append(doc.problem((n,), _("a part of the frame is a text, or a "
                                                "mapping of text, stance and note")))
            continue
        for key in item:
            if key not in ("text", "stance", "note"):
                problems.append(doc.problem((n, key), _("unknown key '{key}'").format(
                    key=key), _("allowed keys: note, stance, text"), key=True))
        for key in ("text", "note"):
            problem = _text_problem(item.get(key), key == "text")
            if problem:
                problems.append(doc.problem((n, key) if key in item else (n,),
                                            f"{key}: {problem}"))
        stance = item.get("stance")
        if stance is not None and stance_named(stance, stances) is None:
            problems.append(doc.problem((n, "stance"), _(
                "unknown stance '{value}'; allowed: {allowed}").format(
                value=stance, allowed=", ".join(ids)), did_you_mean(str(stance), ids)))
        parts.append(Part(" ".join(str(item.get("text", "")).split()),
                          stance_named(stance, stances), " ".join(str(item.get("note")
                                                                       or "").split())))
    if problems:
        raise CaseError(problems)
    return parts


def _text_problem(value: Any, required: bool) -> str | None:
    if value is None:
        return _("missing: say in a few words what the part of the frame is") \
            if required else None
    if not isinstance(value, str) or not value.strip():
        return _("must be text")
    if len(value) > MAX_TEXT:
        return _("{length} characters; at most {limit}").format(length=len(value),
                                                                limit=MAX_TEXT)
    return text_problem(value)


def upward_parts(doc: Document, rules: Any) -> list[Part]:
    """The parts of the frame a case or a board shows the leader cannot fix alone: the
    frame-first items to take upward, each once, with the tasks they hold back."""
    if isinstance(doc.data, dict) and "areas" in doc.data:
        from ..board.assess import assess_board
        assessed = list(assess_board(doc, rules).areas)
    else:
        from ..intake import assess_document
        assessed = [assess_document(doc, rules)]
    found: dict[str, list[str]] = {}
    for a in assessed:
        frame = a.frame_first
        for text in (frame.upward if frame is not None else []):
            found.setdefault(text, []).append(a.task.title)
    return [Part(text[:1].upper() + text[1:], None, "", "; ".join(dict.fromkeys(tasks)))
            for text, tasks in found.items()]


def sorted_parts(parts: list[Part], stances: Any) -> list[tuple[str | None, list[Part]]]:
    """The parts by stance, in the rules' order of the stances, then those to sort
    (None); a stance with no part is left out."""
    groups = [(rule.item["id"], [p for p in parts if p.stance == rule.item["id"]])
              for rule in stances]
    groups.append((None, [p for p in parts if p.stance is None]))
    return [(stance, found) for stance, found in groups if found]
