"""Declarative conditions in rule files, and how they are compiled and evaluated.

A condition is data, never code: a test `{field, op, value}`, or `{all: [...]}`,
`{any: [...]}`, `{not: ...}` over further conditions. Rules are compiled once into
plain closures so evaluating a case costs microseconds.

The fields a condition may test are the facts of an assessment (`FACTS`) plus one
`<dimension>.<indicator>` field per rubric indicator; unknown fields are load errors.
A test on a fact that has no value (no planned level, an uncertain indicator) is false.
"""

from __future__ import annotations

import operator
from typing import Any, Callable

from pydantic import BaseModel, ConfigDict, Field, model_validator

# The facts an assessment offers to conditions, with what each holds.
FACTS: dict[str, str] = {
    "competence": "competence score, 1-5",
    "intention": "intention score, 1-5",
    "resources": "resources score, 1-5",
    "risk": "task risk score, 1-5",
    "weakest": "the lowest of competence, intention and resources, 1-5",
    "limiting": "the weakest precondition: competence, intention or resources",
    "uncertain": "list of dimensions answered (partly) uncertain",
    "carried": "the level the preconditions carry before any cap, 1-7",
    "level": "the recommended level, 1-7 (warnings, feedback, checklist, questions only)",
    "capped": "true when a cap holds the level below what the preconditions carry",
    "planned": "the level the leader had in mind, 1-7, if given",
    "planned_gap": "planned level minus recommended level, if a level was planned",
    "subject.kind": "person or team",
    "subject.new_in_role": "true when the person or team is new in the role",
    "tags": "list of the task's tags",
}
# Facts that only exist once the level is decided; caps and controls must not use them.
DECIDED_FACTS = frozenset({"level", "capped", "planned_gap"})

_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "==": operator.eq, "!=": operator.ne,
    "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge,
    "in": lambda fact, value: fact in value,
    "contains": lambda fact, value: value in fact,
}
OPS = tuple(_COMPARE)

Facts = dict[str, Any]
Test = Callable[[Facts], bool]


class Condition(BaseModel):
    """One condition: exactly one of a test (field/op/value), all, any or not."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)

    field: str | None = None
    op: str | None = Field(None, description="one of " + " ".join(OPS))
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
            if self.op not in _COMPARE:
                raise ValueError(f"op must be one of: {', '.join(OPS)}")
            if self.op == "in" and not isinstance(self.value, list):
                raise ValueError("op 'in' needs a list as value")
        return self

    def fields(self) -> list[tuple[tuple, str]]:
        """Every field this condition tests, with its path inside the condition."""
        if self.field is not None:
            return [(("field",), self.field)]
        if self.not_ is not None:
            return [(("not",) + loc, name) for loc, name in self.not_.fields()]
        key = "all" if self.all is not None else "any"
        return [((key, i) + loc, name)
                for i, sub in enumerate(getattr(self, key)) for loc, name in sub.fields()]


def compile_condition(cond: Condition | None) -> Test:
    """Turn a condition into a fast predicate over facts; no condition is always true."""
    if cond is None:
        return lambda facts: True
    if cond.not_ is not None:
        inner = compile_condition(cond.not_)
        return lambda facts: not inner(facts)
    if cond.all is not None:
        parts = [compile_condition(c) for c in cond.all]
        return lambda facts: all(p(facts) for p in parts)
    if cond.any is not None:
        parts = [compile_condition(c) for c in cond.any]
        return lambda facts: any(p(facts) for p in parts)
    name, value, compare = cond.field, cond.value, _COMPARE[cond.op]  # type: ignore[index]

    def test(facts: Facts) -> bool:
        fact = facts.get(name)
        if fact is None:
            return False
        try:
            return bool(compare(fact, value))
        except TypeError:  # e.g. comparing a number with a word: the test does not hold
            return False

    return test
