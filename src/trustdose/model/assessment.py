"""The result of assessing a case: a self-contained `Assessment` and its JSON form.

Field names and shapes of the JSON *are* the contract in PRODUCT.md (`level`, `scores`,
`controls`, `feedback`, `warnings`, `next_step`, `trace`); everything else is additive.
Texts are already in the chosen language; ids and level `name`s are stable English.

An assessment carries everything a renderer, a batch writer or the journal needs (the
band, the cap and its reason, the red lines, what the level means, the scale and the
dimensions' names in the language, the history), so nothing downstream looks back into
the rules. It also carries its JSON already encoded (`pieces`): the engine encodes each part once,
with `encode` below, and shares it between the cases that have it, so a batch writes a
line as the pieces of its parts.
"""

from __future__ import annotations

import datetime as dt
import json
from json.encoder import encode_basestring
from typing import Any, NamedTuple

from ..errors import json_visible
from .case import Subject, Task


class LevelRef(NamedTuple):
    number: int  # 1-7
    name: str  # stable English id: tell … delegate
    label: str  # the name in the report's language


class Because(NamedTuple):
    """An answer that brought a measure by itself, whatever the averages (a time of 2, an
    impact of 4)."""

    indicator: str  # dimension.indicator
    answer: int
    label: str  # the indicator in the report's language


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
    in_place: bool = False  # a safeguard the case says is already in place: not new work
    because: list[Because] = []  # the answers that brought it, if its rule names any


class LeftOut(NamedTuple):
    """A measure whose rule applies that the plan leaves out, and why."""

    id: str
    kind: str  # control | feedback
    title: str
    why: str  # room: the plan's three went to what weighs more; level: it would take the
    # decision back at this level; covered: a measure in place or shown does its job
    by: str | None  # covered: the measure that does its job
    reason: str  # why, in the report's language


class Plan(NamedTuple):
    """The value of a list of measures' part: the measures shown, and those left out."""

    measures: list[Measure]
    left_out: list[LeftOut]


class RedLine(NamedTuple):
    """An organisation's red line that holds for this case, and what it did."""

    rule: str
    source: str
    reason: str
    level: int | None  # the cap it set, if it caps the level
    require: list[str]  # measure ids it made part of the plan


class Caution(NamedTuple):
    """A warning to the leader (a rule's, or the journal's): an item of `warnings` in the
    JSON (named apart from Python's builtin `Warning`)."""

    kind: str
    message: str
    rule: str
    source: str
    cite: str | None = None
    title: str = ""  # in a few words, in the report's language: what a table shows


class Change(NamedTuple):
    dimension: str
    from_: float  # "from" in JSON
    to: float


class NextStep(NamedTuple):
    """What would have to change for the next level up; `changes` empty when a cap holds it."""

    level: LevelRef
    changes: list[Change]
    message: str
    safeguards: list[str] = []  # controls that, put in place, would lift the cap holding it


class FrameFirst(NamedTuple):
    """When the frame (time, tools, clarity, support) holds the level below what
    competence, intention and risk carry, the advice is a delegation with a start
    condition (`engine.frame`): the level that carries once the leader has fixed the
    frame (the assessment's level), the measures that fix it, what the frame as it is
    carries, the level until the start and the day the frame is in place by, and what
    to take upward (parts of the frame set above the leader)."""

    level: LevelRef
    measures: list[str]
    now: LevelRef
    meanwhile: LevelRef
    start_by: dt.date
    upward: list[str]


class Fired(NamedTuple):
    """One rule that fired, with what it did."""

    rule: str
    source: str  # "path:line"
    effect: str


class Why(NamedTuple):
    """What explains the level to a reader, in the report's language (not in the JSON)."""

    band_cite: str | None  # the source passage the carry band draws on
    cap_cite: str | None  # … and the cap or red line holding the level
    meaning: str  # what the level means in daily work
    scale: tuple[LevelRef, ...]  # the seven levels
    titles: dict[str, str]  # dimension → its name
    sources: dict[str, str]  # source id → its title, for the report's list of sources
    team_meaning: str = ""  # what the level means, said to a team (empty: as `meaning`)


# The JSON object's keys, in order.
KEYS = ("case_id", "subject", "task", "level", "carried", "carried_by", "planned", "scores",
        "uncertain", "limiting", "capped_by", "cap_reason", "red_lines", "controls",
        "feedback", "left_out", "warnings", "next_step", "frame_first", "review_date", "checklist",
        "questions",
        "trace", "lang", "country", "date", "weakened", "history")
ORDER = {key: at for at, key in enumerate(KEYS)}


class Part(NamedTuple):
    """A part of an assessment as the engine made it: its value, and its JSON, encoded
    once (many cases share a part). `head` is the part's run of neighbouring fields of
    the JSON object (`, "level": …, "carried": …`; a list field whole, as if no other
    part added to it), `tail` a second run if it has one, each with the comma that goes
    before it; `items` what it adds to a list that other parts add to as well; `fired`
    are the rules it fired and `trace` their trace items."""

    value: Any
    head: bytes = b""
    tail: bytes = b""
    items: bytes = b""
    fired: tuple[Fired, ...] = ()
    trace: bytes = b""
    left_out: bytes = b""  # a list of measures' part: what it adds to `left_out`

    # a part is itself, not its contents: cheap to count and to keep (Summary)
    __hash__ = object.__hash__

    def __eq__(self, other: object) -> bool:
        return self is other


def part(value: Any, fields: dict[str, Any], fired: Any = (), items: list | None = None,
         key: str = "") -> Part:
    """A part, its JSON encoded once by the one serializer: `fields` (one or two runs of
    neighbouring fields in KEYS), or `items` of the list field `key`."""
    runs: list[list[bytes]] = []
    last = -2
    for at, name in sorted((ORDER[name], name) for name in fields):  # runs of neighbours
        if at != last + 1:
            runs.append([])
        runs[-1].append(piece(name, fields[name]))
        last = at
    head, tail = (SEP + SEP.join(run) if run else b"" for run in (runs + [[], []])[:2])
    joined_items = b""
    if items is not None:
        joined_items = SEP.join([encode(i) for i in items])
        head = SEP + b'"' + key.encode() + b'": [' + joined_items + b"]"
    return Part(value, head, tail, joined_items, tuple(fired),
                SEP.join([encode(f) for f in fired]))


def add_list(out: list[bytes], opening: bytes, *made: bytes) -> None:
    """Add to `out` a list field whose items several parts add (`opening` is
    `, "key": [`)."""
    out += (opening, SEP.join([items for items in made if items]), b"]")


class Scored(NamedTuple):
    """The value of the scores part: what the four answers alone decide."""

    scores: dict[str, float]  # dimension → score
    uncertain: tuple[str, ...]  # the dimensions answered (partly) uncertain
    indicators: dict[str, Any]  # dimension.indicator → the answer
    limiting: str  # the weakest precondition
    find_outs: "Part"  # the 'find out' measures for the uncertain answers
    room: int  # how many other feedback measures the plan shows beside them
    answered: tuple  # what the answers alone decide of the controls and the feedback, as
    # a number each (`engine.compiled.Listed.answered`)


class FollowUp(NamedTuple):
    """A closer follow-up a review set after a breach, still running on the day of the
    assessment: what the agreement says of the period and the way back."""

    level: LevelRef  # the temporary level …
    breached: LevelRef  # … below the level of the delegation that was reviewed
    reviewed: dt.date
    until: dt.date
    causes: tuple[str, ...]  # ids: competence, intention, resources, circumstances, bad-faith


class History(NamedTuple):
    """The value of the history part: what the journal holds about the subject."""

    lines: list[str]
    cautions: list[Caution]
    follow_up: FollowUp | None = None  # not in the JSON: the lines say it there


class Parts(NamedTuple):
    """The parts the engine made of an assessment, by name (`engine.assess`); each a
    `Part`, shared between the cases that have it."""

    scored: "Part"  # scores, uncertain, limiting (value: `Scored`)
    decided: "Part"  # level, carried, carried_by, capped_by, cap_reason, red_lines
    planned: "Part"
    review: "Part"  # review_date
    controls: "Part"  # (value: `Plan`)
    feedback: "Part"  # the measures chosen by rules (value: `Plan`)
    find_outs: "Part"  # … and the 'find out' measures for uncertain answers
    warnings: "Part"  # the rules' warnings
    checklist: "Part"
    questions: "Part"
    step: "Part"  # next_step
    context: "Part"  # lang, date, and the limits a later layer weakened (its value)
    past: "Part"  # history, and the journal's warnings (value: `History`)
    frame: "Part"  # frame_first


class Assessment:
    """Everything trustdose concludes about one case: who and what, and the parts the
    engine made (the level is the decision's, the controls the controls part's, …).
    Fields are read from the parts when asked for, so a batch that only writes JSON
    pays for none it does not read."""

    __slots__ = ("case_id", "subject", "task", "date", "lang", "parts", "pieces")

    def __init__(self, case_id: str | None, subject: Subject, task: Task, date: dt.date,
                 lang: str, parts: Parts, pieces: list[bytes]) -> None:
        self.case_id, self.subject, self.task, self.date, self.lang = \
            case_id, subject, task, date, lang
        self.parts = parts  # a batch reads none but the ones the summary counts
        self.pieces = pieces  # the JSON without its closing brace, as pieces to join

    @property
    def outcome(self) -> tuple:
        """What a batch summary counts (`batch.summary.Summary`): the parts that say the
        level, the weakest precondition and the warnings."""
        parts = self.parts
        return parts.decided, parts.scored.value.limiting, parts.warnings, parts.past

    def __repr__(self) -> str:
        return f"Assessment({self.subject.name!r}: {self.level.number} {self.level.name})"

    def __eq__(self, other: object) -> bool:
        """Two assessments are equal when they say the same (their JSON is the same)."""
        return isinstance(other, Assessment) and self.pieces == other.pieces

    __hash__ = None  # type: ignore[assignment]

    # the decision
    level = property(lambda self: self.parts.decided.value.level)
    carried = property(lambda self: self.parts.decided.value.carried)  # before any cap
    carried_by = property(lambda self: self.parts.decided.value.band.id)  # the carry band
    capped_by = property(lambda self: self.parts.decided.value.cap_id)  # the cap holding it
    cap_reason = property(lambda self: self.parts.decided.value.cap_reason)
    red_lines = property(lambda self: list(self.parts.decided.value.red_lines))
    why = property(lambda self: self.parts.decided.value.why)
    # the scores
    scores = property(lambda self: self.parts.scored.value.scores)
    uncertain = property(lambda self: list(self.parts.scored.value.uncertain))
    limiting = property(lambda self: self.parts.scored.value.limiting)
    # the plan
    planned = property(lambda self: self.parts.planned.value)
    controls = property(lambda self: list(self.parts.controls.value.measures))
    feedback = property(lambda self: [*self.parts.feedback.value.measures,
                                      *self.parts.find_outs.value])
    left_out = property(lambda self: [*self.parts.controls.value.left_out,
                                      *self.parts.feedback.value.left_out])
    warnings = property(lambda self: [*self.parts.warnings.value,
                                      *self.parts.past.value.cautions])
    next_step = property(lambda self: self.parts.step.value)
    frame_first = property(lambda self: self.parts.frame.value)
    review_date = property(lambda self: self.parts.review.value)
    checklist = property(lambda self: list(self.parts.checklist.value))
    questions = property(lambda self: list(self.parts.questions.value))
    history = property(lambda self: list(self.parts.past.value.lines))
    follow_up = property(lambda self: self.parts.past.value.follow_up)  # after a breach
    weakened = property(lambda self: list(self.parts.context.value))  # rules.weakened

    @property
    def trace(self) -> list[Fired]:
        return [f for p in self._traced() for f in p.fired]

    def _traced(self) -> tuple[Part, ...]:
        """The parts in the order of the trace."""
        p = self.parts
        return (p.scored, p.decided, p.review, p.controls, p.feedback, p.find_outs, p.warnings,
                p.checklist, p.questions)

    @property
    def warning_kinds(self) -> tuple[str, ...]:
        return tuple([w.kind for w in self.warnings])

    def to_json(self) -> dict[str, Any]:
        """The assessment as the JSON contract (plain dict, ready for `json.dumps`): read
        back from `json_line()`, so the two can never differ."""
        return json.loads(self.json_line())

    def json_line(self, *more: bytes) -> bytes:
        """The JSON object as one UTF-8 line, as `json.dumps` writes `to_json()` with the
        fields `more` adds (pieces made by `piece`); its pieces are copied once, here."""
        return b"".join([*self.pieces, *(SEP + field for field in more), b"}\n"])


SEP = b", "  # between fields and between items, as json.dumps writes them
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


# what json.dumps(…, ensure_ascii=False) uses; NaN and Infinity, which JSON has not, are
# refused where a case is validated, and an error here if one ever came this far
_ENCODER = json.JSONEncoder(ensure_ascii=False, allow_nan=False)


def encode(value: Any) -> bytes:
    """`value`'s JSON as UTF-8, as `json.dumps(..., ensure_ascii=False)` writes it, with
    the characters that act on a terminal (DEL, C1, bidi controls) as JSON escapes: the
    same data to a program, inert on a screen, in every JSON line trustdose writes."""
    if type(value) is str:  # the commonest, per case: ids, sources (plain as it is), as
        # the encoder writes a string (its own `encode` calls the same, a call later)
        return json_visible(encode_basestring(value)).encode()
    return json_visible(_ENCODER.encode(plain(value))).encode()


def piece(key: str, value: Any) -> bytes:
    """One `"key": value` of the JSON object."""
    return b'"' + key.encode() + b'": ' + encode(value)


