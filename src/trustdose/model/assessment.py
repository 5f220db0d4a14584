"""The result of assessing a case: a self-contained `Assessment` and its JSON form.

Field names and shapes of the JSON *are* the contract in PRODUCT.md (`level`, `scores`,
`controls`, `feedback`, `warnings`, `next_step`, `trace`); everything else is additive.
Texts are already in the chosen language; ids and level `name`s are stable English.

An assessment carries everything a renderer, a batch writer or the journal needs (the
band, the cap and its reason, the red lines, what the level means, the scale and the
dimensions' names in the language, the history), so nothing downstream looks back into
the rules. It also carries its JSON already encoded, key by key (`pieces`): the engine
encodes each part once, with `encode` below, and shares it between the cases that have
it, so a batch writes a line by joining pieces.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, NamedTuple

from .case import Subject, Task


class LevelRef(NamedTuple):
    number: int  # 1-7
    name: str  # stable English id: tell … delegate
    label: str  # the name in the report's language


class Measure(NamedTuple):
    """A control or feedback measure chosen for this case, and the rule that chose it."""

    id: str
    title: str
    description: str
    addresses: list[str]
    rule: str
    source: str
    cite: str | None = None
    required_by: str | None = None  # the red line that made it part of the plan


class RedLine(NamedTuple):
    """An organisation's red line that holds for this case, and what it did."""

    rule: str
    source: str
    reason: str
    level: int | None  # the cap it set, if it caps the level
    require: list[str]  # measure ids it made part of the plan


class Warning(NamedTuple):  # noqa: A001 - the contract's word; never the builtin here
    kind: str
    message: str
    rule: str
    source: str


class Change(NamedTuple):
    dimension: str
    from_: float  # "from" in JSON
    to: float


class NextStep(NamedTuple):
    """What would have to change for the next level up; `changes` empty when a cap holds it."""

    level: LevelRef
    changes: list[Change]
    message: str


class Fired(NamedTuple):
    """One rule that fired, with what it did."""

    rule: str
    source: str  # "path:line"
    effect: str


class Why(NamedTuple):
    """What explains the level to a reader, in the report's language (not in the JSON)."""

    band_source: str  # where the carry band that applied is defined
    cap_source: str | None  # where the cap or red line holding the level is defined
    meaning: str  # what the level means in daily work
    scale: tuple[LevelRef, ...]  # the seven levels
    titles: dict[str, str]  # dimension → its name


# The JSON object's keys, in order.
KEYS = ("case_id", "subject", "task", "level", "carried", "carried_by", "planned", "scores",
        "uncertain", "limiting", "capped_by", "cap_reason", "red_lines", "controls",
        "feedback", "warnings", "next_step", "review_date", "checklist", "questions",
        "trace", "lang", "date", "history")


class Part(NamedTuple):
    """A part of an assessment as the engine made it: its value, and its JSON, encoded
    once (many cases share a part). `head` is the part's run of neighbouring fields of
    the JSON object (`"level": …, "carried": …`; a list field whole, as if no other
    part added to it), `tail` a second run if it has one, `items` what it adds to a list
    that other parts add to as well; `fired` are the rules it fired and `trace` their
    trace items."""

    value: Any
    head: bytes = b""
    tail: bytes = b""
    items: bytes = b""
    fired: tuple[Fired, ...] = ()
    trace: bytes = b""

    # a part is itself, not its contents: cheap to count and to keep (Summary)
    __hash__ = object.__hash__

    def __eq__(self, other: object) -> bool:
        return self is other


def part(value: Any, fields: dict[str, Any], fired: Any = (), items: list | None = None,
         key: str = "") -> Part:
    """A part, its JSON encoded once by the one serializer: `fields` (one or two runs of
    neighbouring fields in KEYS), or `items` of the list field `key`."""
    runs: list[list[bytes]] = [[]]
    for name in KEYS:
        if name in fields:
            runs[-1].append(piece(name, fields[name]))
        elif runs[-1]:
            runs.append([])
    head, tail = (b", ".join(run) for run in (runs + [[], []])[:2])
    joined_items = b""
    if items is not None:
        joined_items = b", ".join([encode(i) for i in items])
        head = b'"' + key.encode() + b'": [' + joined_items + b"]"
    return Part(value, head, tail, joined_items, tuple(fired),
                b", ".join([encode(f) for f in fired]))


def joined(opening: bytes, *made: bytes) -> bytes:
    """A list field whose items several parts add (`opening` is `"key": [`)."""
    return opening + b", ".join([m for m in made if m]) + b"]"


class Assessment:
    """Everything trustdose concludes about one case: who and what, and the parts the
    engine made (the level is the decision's, the controls the controls part's, …).
    Fields are read from the parts when asked for, so a batch that only writes JSON
    pays for none it does not read."""

    __slots__ = ("case_id", "subject", "task", "date", "lang", "scored", "decided",
                 "planned_part", "review", "controls_part", "feedback_part", "find_outs",
                 "warnings_part", "checklist_part", "questions_part", "step", "context",
                 "past", "pieces", "outcome")

    def __init__(self, case_id: str | None, subject: Subject, task: Task, date: dt.date,
                 lang: str, parts: tuple[Part, ...], pieces: list[bytes]) -> None:
        self.case_id, self.subject, self.task, self.date, self.lang = \
            case_id, subject, task, date, lang
        (self.scored, self.decided, self.planned_part, self.review, self.controls_part,
         self.feedback_part, self.find_outs, self.warnings_part, self.checklist_part,
         self.questions_part, self.step, self.context, self.past) = parts
        self.pieces = pieces  # the JSON, as the engine joined it from the parts'
        # what a batch summary counts (see `batch.writers.Summary`): the parts that say
        # the level, the weakest precondition and the warnings
        self.outcome = (self.decided, self.scored.value[3], self.warnings_part, self.past)

    def __repr__(self) -> str:
        return f"Assessment({self.subject.name!r}: {self.level.number} {self.level.name})"

    def __eq__(self, other: object) -> bool:
        """Two assessments are equal when they say the same (their JSON is the same)."""
        return isinstance(other, Assessment) and self.pieces == other.pieces

    __hash__ = None  # type: ignore[assignment]

    # the decision
    level = property(lambda self: self.decided.value.level)
    carried = property(lambda self: self.decided.value.carried)  # before any cap
    carried_by = property(lambda self: self.decided.value.band.id)  # the carry band
    capped_by = property(lambda self: self.decided.value.cap_id)  # the cap holding it down
    cap_reason = property(lambda self: self.decided.value.cap_reason)
    red_lines = property(lambda self: list(self.decided.value.red_lines))
    why = property(lambda self: self.decided.value.why)
    # the scores
    scores = property(lambda self: self.scored.value[0])
    uncertain = property(lambda self: list(self.scored.value[1]))
    limiting = property(lambda self: self.scored.value[3])  # the weakest precondition
    # the plan
    planned = property(lambda self: self.planned_part.value)
    controls = property(lambda self: list(self.controls_part.value))
    feedback = property(lambda self: [*self.feedback_part.value, *self.find_outs.value])
    warnings = property(lambda self: [*self.warnings_part.value, *self.past.value[1]])
    next_step = property(lambda self: self.step.value)
    review_date = property(lambda self: self.review.value)
    checklist = property(lambda self: list(self.checklist_part.value))
    questions = property(lambda self: list(self.questions_part.value))
    history = property(lambda self: list(self.past.value[0]))

    @property
    def trace(self) -> list[Fired]:
        return [f for p in self._traced() for f in p.fired]

    def _traced(self) -> tuple[Part, ...]:
        """The parts in the order of the trace."""
        return (self.scored, self.decided, self.review, self.controls_part, self.feedback_part,
                self.find_outs, self.warnings_part, self.checklist_part, self.questions_part)

    @property
    def warning_kinds(self) -> tuple[str, ...]:
        return tuple([w.kind for w in self.warnings_part.value] +
                     [w.kind for w in self.past.value[1]])

    def to_json(self) -> dict[str, Any]:
        """The assessment as the JSON contract (plain dict, ready for `json.dumps`)."""
        return {key: plain(getattr(self, key)) for key in KEYS}

    def json_line(self, *more: bytes) -> bytes:
        """The JSON object as one UTF-8 line, as `json.dumps` writes `to_json()` with the
        fields `more` adds (pieces made by `piece`)."""
        return b"{" + b", ".join([*self.pieces, *more]) + b"}\n"


_KEYS = {"from_": "from"}


def plain(value: Any) -> Any:
    """A value as plain JSON data: the one serializer of every result trustdose writes."""
    if value is None or isinstance(value, (str, int, float)):
        return value
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        return {_KEYS.get(name, name): plain(item) for name, item in zip(value._fields, value)}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "model_dump"):  # Subject and Task, the validated input
        return value.model_dump(mode="json")
    raise TypeError(f"no JSON form for {type(value).__name__}")


_ENCODER = json.JSONEncoder(ensure_ascii=False)  # what json.dumps(…, ensure_ascii=False) uses


def encode(value: Any) -> bytes:
    """`value`'s JSON as UTF-8, as `json.dumps(..., ensure_ascii=False)` writes it."""
    return _ENCODER.encode(plain(value)).encode()


def piece(key: str, value: Any) -> bytes:
    """One `"key": value` of the JSON object."""
    return b'"' + key.encode() + b'": ' + encode(value)


