"""The result of assessing a case: a typed `Assessment` that serialises to the JSON contract.

Field names and shapes here *are* the contract in PRODUCT.md (`level`, `scores`,
`controls`, `feedback`, `warnings`, `next_step`, `trace`); everything else is additive.
Texts are already in the chosen language; ids and level `name`s are stable English.
Typed named tuples: the engine builds them from validated data, so they need no
validation of their own; they are immutable, and (unlike frozen dataclasses, which cost
about 4 ms to define) they are nearly free to import, which matters for start-up.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from ._case import Subject, Task


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


class Warning(NamedTuple):
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


class Assessment(NamedTuple):
    """Everything trustdose concludes about one case."""

    case_id: str | None
    subject: Subject
    task: Task
    level: LevelRef
    carried: LevelRef  # what the preconditions carry before any cap
    carried_by: str  # the carry band that applied
    planned: LevelRef | None
    scores: dict[str, float]
    uncertain: list[str]
    limiting: str  # the weakest precondition
    capped_by: str | None  # the cap rule holding the level below what is carried
    cap_reason: str | None
    red_lines: list[RedLine]
    controls: list[Measure]
    feedback: list[Measure]
    warnings: list[Warning]
    next_step: NextStep | None
    review_date: dt.date
    checklist: list[str]
    questions: list[str]
    trace: list[Fired]
    lang: str = "en"  # the language of every text in it
    date: dt.date | None = None  # the day it was assessed (the case's date, or today)
    history: tuple[str, ...] | list[str] = ()  # what the journal says about the subject

    @property
    def warning_kinds(self) -> tuple[str, ...]:
        return tuple(w.kind for w in self.warnings)

    def to_json(self) -> dict[str, Any]:
        """The assessment as the JSON contract (plain dict, ready for `json.dumps`)."""
        return _plain(self)


_KEYS = {"from_": "from"}


def _plain(value: Any) -> Any:
    # plain values first: they are most of what an assessment holds (this runs per case in
    # a batch, so the order of the checks matters)
    if value is None or isinstance(value, (str, int, float)):
        return value
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        return {_KEYS.get(name, name): _plain(item) for name, item in zip(value._fields, value)}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "model_dump"):  # Subject and Task, the validated input
        return value.model_dump(mode="json")
    return value
