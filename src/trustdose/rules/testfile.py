"""The shape of a rule test file (`*.test.yaml`): a case, and what must hold for it.

The shape is data, as the rule files are (`rules.files`); running the tests against the
engine is `proofs.tests`. JSON Schema for editors is made from these models
(`rules.schema`).
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from ..i18n import _

# Sections whose rules fire (rubrics and levels are vocabulary, not rules that fire).
COVERED = ("carry", "caps", "red_lines", "review", "measures", "warnings", "checklist",
           "questions")
def _a_level(value: int | str) -> int | str:
    from ..model.levels import parse_level
    parse_level(value)  # a level out of range, or no level's name, is said where it stands
    return value


LevelSpec = Annotated[int | str, AfterValidator(_a_level)]
# frame_first may also say that the frame does not hold the level
FrameSpec = Annotated[int | str, AfterValidator(lambda v: v if v == "none" else _a_level(v))]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)


class LevelRange(_Strict):
    min: LevelSpec | None = None
    max: LevelSpec | None = None

    @model_validator(mode="after")
    def _in_order(self) -> "LevelRange":
        from ..model.levels import parse_level
        if self.min is not None and self.max is not None and \
                parse_level(self.min) > parse_level(self.max):
            raise ValueError(_("min is above max: no level is both"))
        return self


class Expect(_Strict):
    """What must hold for the case; every part is optional."""

    level: LevelSpec | LevelRange | None = Field(
        None, description="exact level (1-7 or a name) or a range {min, max}")
    capped_by: str | None = Field(None, description="id of the cap or red line holding it")
    measures: list[str] = Field([], description="measure ids present")
    no_measures: list[str] = Field([], description="measure ids absent")
    warnings: list[str] = Field([], description="warning kinds present")
    no_warnings: list[str] = Field([], description="warning kinds absent")
    fired: list[str] = Field([], description="rule ids in the trace")
    not_fired: list[str] = Field([], description="rule ids not in the trace")
    frame_first: FrameSpec | LevelRange | None = Field(
        None, description="the level that carries once the frame is fixed (exact or a "
                          "range), or 'none' when the frame does not hold the level")
    in_place: list[str] = Field([], description="controls shown as already in place")


class RuleTest(_Strict):
    name: str
    case: dict[str, Any] = Field(description="a case, as in a case file")
    planned: LevelSpec | None = Field(
        None, description="a planned level (1-7 or a name) instead of the case's planned_level")
    expect: Expect = Field(default_factory=Expect)
    each: list[dict[str, Any]] | None = Field(
        None, description="rows merged over the case, each with its own 'expect' (and name)")


class TestFile(_Strict):
    """A file of rule tests."""

    tests: list[RuleTest] = Field(min_length=1)
