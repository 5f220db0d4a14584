"""The result of assessing a case: a typed `Assessment` that serialises to the JSON contract.

Field names and shapes here *are* the contract in PRODUCT.md (`level`, `scores`,
`controls`, `feedback`, `warnings`, `next_step`, `trace`); everything else is additive.
Texts are already in the chosen language; ids and level `name`s are stable English.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from ._case import Subject, Task


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True, populate_by_name=True)


class LevelRef(_Out):
    number: int = Field(ge=1, le=7)
    name: str = Field(description="stable English id: tell … delegate")
    label: str = Field(description="the name in the report's language")


class Measure(_Out):
    """A control or feedback measure chosen for this case, and the rule that chose it."""

    id: str
    title: str
    description: str
    addresses: list[str]
    rule: str
    source: str
    cite: str | None = None


class Warning(_Out):
    kind: str
    message: str
    rule: str
    source: str


class Change(_Out):
    dimension: str
    from_: float = Field(alias="from")
    to: float


class NextStep(_Out):
    """What would have to change for the next level up; `changes` empty when a cap holds it."""

    level: LevelRef
    changes: list[Change]
    message: str


class Fired(_Out):
    rule: str
    source: str
    effect: str


class Assessment(_Out):
    """Everything trustdose concludes about one case."""

    case_id: str | None = None
    subject: Subject
    task: Task
    level: LevelRef
    carried: LevelRef = Field(description="what the preconditions carry before any cap")
    carried_by: str = Field(description="the carry band that applied")
    planned: LevelRef | None = None
    scores: dict[str, float]
    uncertain: list[str]
    limiting: str = Field(description="the weakest precondition")
    capped_by: str | None = Field(None, description="the cap rule holding the level down")
    cap_reason: str | None = None
    controls: list[Measure]
    feedback: list[Measure]
    warnings: list[Warning]
    next_step: NextStep | None
    review_date: dt.date
    checklist: list[str]
    questions: list[str]
    trace: list[Fired]

    def to_json(self) -> dict:
        """The assessment as the JSON contract (plain dict, ready for `json.dumps`)."""
        return self.model_dump(mode="json", by_alias=True)
