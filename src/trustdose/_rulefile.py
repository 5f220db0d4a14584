"""The shape of a rule file: what may stand in `rules/*.yaml`, validated by pydantic.

Every rule file is a mapping with any of these sections: `rubric`, `levels`, `carry`,
`caps`, `review`, `measures`, `warnings`, `checklist`, `questions`. Unknown keys are
errors (with a did-you-mean), and every user-visible text is a `Text`: a mapping from
language code to string with English required, so translations can be added per string.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ._conditions import OPS

Dimension = Literal["competence", "intention", "resources", "risk"]
LevelName = Literal["tell", "sell", "consult", "agree", "advise", "inquire", "delegate"]
Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$", max_length=60)]
LevelNumber = Annotated[int, Field(ge=1, le=7)]
Text = dict[Literal["en", "da", "nb", "sv"], Annotated[str, Field(min_length=1)]]


class Condition(BaseModel):
    """One condition: exactly one of a test (field/op/value), all, any or not."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)

    field: str | None = None
    op: Literal[OPS] | None = None  # type: ignore[valid-type]
    value: Any = None
    all: list[Condition] | None = None
    any: list[Condition] | None = None
    not_: Condition | None = Field(None, alias="not")

    @model_validator(mode="after")
    def _one_form(self) -> Condition:
        forms = [self.field is not None, self.all is not None, self.any is not None,
                 self.not_ is not None]
        if sum(forms) != 1:
            raise ValueError("a condition is exactly one of: field/op/value, all, any, not")
        if self.field is not None:
            if self.op is None:
                raise ValueError(f"a test needs an op, one of: {', '.join(OPS)}")
            if self.op == "in" and not isinstance(self.value, list):
                raise ValueError("op 'in' needs a list as value")
        return self


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


def _needs_english(text: dict | None) -> dict | None:
    if text is not None and "en" not in text:
        raise ValueError("every text needs an English version under 'en' (the fallback)")
    return text


class Indicator(_Strict):
    """One observable aspect of a dimension, asked as a question with an anchored scale."""

    id: Id
    question: Text
    anchors: dict[Literal[1, 2, 3, 4, 5], Text] = Field(
        description="what a 1, a 3 and a 5 look like (2 and 4 optional)")
    cite: str | None = None

    _en = field_validator("question")(_needs_english)

    @field_validator("anchors")
    @classmethod
    def _anchored(cls, anchors: dict) -> dict:
        missing = [n for n in (1, 3, 5) if n not in anchors]
        if missing:
            raise ValueError(f"anchors need at least 1, 3 and 5; missing {missing}")
        for text in anchors.values():
            _needs_english(text)
        return anchors


class Rubric(_Strict):
    """How one dimension is asked and scored."""

    dimension: Dimension
    title: Text
    summary: Text
    aggregate: Literal["mean", "min", "max"] = Field(
        "mean", description="how indicator answers become the dimension score")
    grow: Text = Field(description="what would raise this precondition, or lower the risk")
    find_out: Text = Field(description="how to resolve an 'uncertain' answer")
    indicators: list[Indicator] = Field(min_length=1)
    cite: str | None = None

    _en = field_validator("title", "summary", "grow", "find_out")(_needs_english)


class Level(_Strict):
    """One of the seven delegation levels."""

    number: LevelNumber
    name: LevelName
    label: Text
    meaning: Text
    _en = field_validator("label", "meaning")(_needs_english)


class Band(_Strict):
    """The highest level the weakest precondition carries once it reaches `at_least`."""

    id: Id
    at_least: float = Field(ge=1, le=5)
    level: LevelNumber
    cite: str | None = None


class Cap(_Strict):
    """A ceiling on the level when its condition holds (task risk, red lines)."""

    id: Id
    when: Condition
    level: LevelNumber
    reason: Text
    cite: str | None = None
    _en = field_validator("reason")(_needs_english)


class Review(_Strict):
    """How many days until the agreed review; the first rule whose condition holds wins."""

    id: Id
    when: Condition | None = None
    days: int = Field(ge=1, le=366)


class Measure(_Strict):
    """A control or feedback measure, chosen when its condition holds."""

    id: Id
    kind: Literal["control", "feedback"]
    title: Text
    description: Text
    addresses: list[Dimension] = Field(min_length=1)
    when: Condition | None = None
    cite: str | None = None
    _en = field_validator("title", "description")(_needs_english)


class WarningRule(_Strict):
    """A warning shown when its condition holds; `message` may use {placeholders}."""

    id: Id
    kind: Id
    title: Text | None = None  # the kind in a few words, for summaries (batch)
    when: Condition
    message: Text
    cite: str | None = None
    _en = field_validator("message", "title")(_needs_english)


class Prompt(_Strict):
    """A checklist item or dialogue question, shown when its condition holds."""

    id: Id
    text: Text
    when: Condition | None = None
    cite: str | None = None
    _en = field_validator("text")(_needs_english)


class RedLine(_Strict):
    """An organisation's limit no delegation may cross: when its condition holds it caps
    the level, requires measures, or both (lever 3 in seed 002: shared ground rules and
    clear limits are what make freedom safe)."""

    id: Id
    when: Condition
    level: LevelNumber | None = Field(None, description="the highest level allowed")
    require: list[Id] = Field([],
                              description="ids of measures that must be part of the plan")
    reason: Text
    cite: str | None = None
    _en = field_validator("reason")(_needs_english)

    @model_validator(mode="after")
    def _does_something(self) -> RedLine:
        if self.level is None and not self.require:
            raise ValueError("a red line needs a 'level' (a cap), 'require' (measures), or both")
        return self


# Each section of a rule file, the model of one item in it, and the key that identifies
# an item across layers (an overlay item with a known key patches the earlier one).
SECTIONS: dict[str, tuple[type[_Strict], str]] = {
    "rubric": (Rubric, "dimension"),
    "levels": (Level, "number"),
    "carry": (Band, "id"),
    "caps": (Cap, "id"),
    "red_lines": (RedLine, "id"),
    "review": (Review, "id"),
    "measures": (Measure, "id"),
    "warnings": (WarningRule, "id"),
    "checklist": (Prompt, "id"),
    "questions": (Prompt, "id"),
}


class RuleFile(_Strict):
    """Everything one rule file may contain (used for the JSON Schema editors read).

    In an overlay, an item whose id is already defined is a patch: only the fields it
    gives change. `disable` lists ids of earlier rules to switch off.
    """

    rubric: Rubric | None = None
    levels: list[Level] | None = None
    carry: list[Band] | None = None
    caps: list[Cap] | None = None
    red_lines: list[RedLine] | None = None
    review: list[Review] | None = None
    measures: list[Measure] | None = None
    warnings: list[WarningRule] | None = None
    checklist: list[Prompt] | None = None
    questions: list[Prompt] | None = None
    disable: list[Id] | None = Field(None, description="ids of earlier rules to switch off")
