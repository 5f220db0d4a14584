"""Declarative conditions in rule files, and how they are compiled and evaluated.

A condition is data, never code: a test `{field, op, value}`, or `{all: [...]}`,
`{any: [...]}`, `{not: ...}` over further conditions. Rules are compiled once into
plain closures so evaluating a case costs microseconds.

The fields a condition may test are the facts of an assessment (`FACTS`), one
`<dimension>.<indicator>` field per rubric indicator, and `facts.<name>` for the task
facts a case gives; unknown fields are load errors. The shape of a condition is checked
by the `Condition` model in `_rulefile`; this module only needs its attributes.
A test on a fact that has no value (no planned level, an uncertain indicator) is false.
"""

from __future__ import annotations

import operator
from typing import Any, Callable, Iterable, Iterator

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
    "facts.<name>": "a fact the case gives under task.facts, e.g. facts.amount",
}
FACT_PREFIX = "facts."
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


def fields_of(cond: Any) -> list[tuple[tuple, str]]:
    """Every field a condition tests, with its path inside the condition (for errors)."""
    if cond.field is not None:
        return [(("field",), cond.field)]
    if cond.not_ is not None:
        return [(("not",) + loc, name) for loc, name in fields_of(cond.not_)]
    key = "all" if cond.all is not None else "any"
    return [((key, i) + loc, name)
            for i, sub in enumerate(getattr(cond, key)) for loc, name in fields_of(sub)]


def leaves(cond: Any) -> Iterator[tuple[str, str, Any]]:
    """Every (field, op, value) test inside a condition."""
    if cond is None:
        return
    if cond.field is not None:
        yield cond.field, cond.op, cond.value
    elif cond.not_ is not None:
        yield from leaves(cond.not_)
    else:
        for sub in cond.all if cond.all is not None else cond.any:
            yield from leaves(sub)


def fields_tested(conditions: Iterable[Any]) -> set[str]:
    """Every field the given conditions (None for none) test."""
    return {field for cond in conditions for field, _, _ in leaves(cond)}


def is_known(name: str, indicators: set[str]) -> bool:
    """Whether conditions may test `name`: a fact, an indicator, or a task fact."""
    return name in FACTS or name in indicators or (
        name.startswith(FACT_PREFIX) and len(name) > len(FACT_PREFIX))


def compile_condition(cond: Any) -> Test:
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
