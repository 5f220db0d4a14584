"""Declarative conditions in rule files, and how they are compiled and evaluated.

A condition is data, never code: a test `{field, op, value}`, or `{all: [...]}`,
`{any: [...]}`, `{not: ...}` over further conditions. Rules are compiled once into
plain closures so evaluating a case costs microseconds.

The fields a condition may test are the facts of an assessment (`FACTS`), one
`<dimension>.<indicator>` field per rubric indicator, and `facts.<name>` for the task
facts a case gives (a name a case can give: `model.facts.is_key`); unknown fields are load
errors, and so are tests no case can make true (`rules.values`). How a test compares a task
fact gives the fact its type (`compared_as`, `model.facts`). The shape of a condition is checked
by the `Condition` model in `rules.files`; this module only needs its attributes.
A test on a fact that has no value (no planned level, an uncertain indicator) is false.
Lists among the facts (tags, uncertain) are tuples, and so are lists in conditions, so
that facts can be keys of the engine's memo and `uncertain != []` means what it says.
"""

from __future__ import annotations

import operator
from typing import Any, Callable, Iterable, Iterator

from ..model.facts import BOOLEAN, NUMBER, TEXT, is_key

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
    "task.kind": "routine, one-off, ongoing or project, if the case says",
    "task.people": "whom the task is for: citizens, residents, patients, pupils, children, "
                   "parents, colleagues, young-people, or the case's own words",
    "due_in": "days from the day of the assessment to the task's due date, if it has one",
    "safeguards": "list of the controls already in place for the task (task.safeguards)",
    "facts.<name>": "a fact the case gives under task.facts, e.g. facts.amount",
}
FACT_PREFIX = "facts."
# Facts that only exist once the level is decided; caps and controls must not use them.
DECIDED_FACTS = frozenset({"level", "capped", "planned_gap"})
ORDERING = frozenset({"<", "<=", ">", ">="})

_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "==": operator.eq, "!=": operator.ne,
    "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge,
    "in": lambda fact, value: fact in value,
    "contains": lambda fact, value: value in fact,
}
OPS = tuple(_COMPARE)

Facts = dict[str, Any]
Test = Callable[[Facts], bool]


def fields_of(cond: dict) -> list[tuple[tuple, str]]:
    """Every field a condition tests, with its path inside the condition (for errors)."""
    if "field" in cond:
        return [(("field",), cond["field"])]
    if "not" in cond:
        return [(("not",) + loc, name) for loc, name in fields_of(cond["not"])]
    key = "all" if "all" in cond else "any"
    return [((key, i) + loc, name)
            for i, sub in enumerate(cond[key]) for loc, name in fields_of(sub)]


def leaves(cond: dict | None) -> Iterator[tuple[str, str, Any]]:
    """Every (field, op, value) test inside a condition."""
    if cond is None:
        return
    if "field" in cond:
        yield cond["field"], cond["op"], cond.get("value")
    elif "not" in cond:
        yield from leaves(cond["not"])
    else:
        for sub in cond["all"] if "all" in cond else cond["any"]:
            yield from leaves(sub)


def read(cond: dict | None) -> Iterator[tuple[str, str, Any]]:
    """The (field, op, value) tests a condition reads as they are written: those under an
    even number of `not`s. A test inside a `not` looks for the answer not being so
    (`not: {resources.tools, <, 3}` asks for tools in order), so it says nothing of
    what a measure answers."""
    if cond is None:
        return
    if "field" in cond:
        yield cond["field"], cond["op"], cond.get("value")
    elif "not" in cond:
        inner = cond["not"]
        if "not" in inner:  # not-not reads as written
            yield from read(inner["not"])
    else:
        for sub in cond["all"] if "all" in cond else cond["any"]:
            yield from read(sub)


def holds(field: str, op: str, value: Any, facts: Facts) -> bool:
    """Whether one test (a leaf of a condition) holds for the facts."""
    fact = facts.get(field)
    if fact is None:
        return False
    try:
        return bool(_COMPARE[op](fact, tuple(value) if isinstance(value, list) else value))
    except TypeError:
        return False


def fields_tested(conditions: Iterable[dict | None]) -> set[str]:
    """Every field the given conditions (None for none) test."""
    return {field for cond in conditions for field, _, _ in leaves(cond)}


def names_decision(field: str) -> bool:
    """Whether a test names a kind of decision: a task's tags or a task fact (a control
    that takes the decision back holds at advise and above only where one is named)."""
    return field == "tags" or field.startswith(FACT_PREFIX)


def named(cond: dict | None) -> bool:
    """Whether a condition names a kind of decision (tests a tag or a task fact)."""
    return any(names_decision(field) for field, _op, _value in leaves(cond))


def holds_unnamed(cond: dict | None) -> bool:
    """Whether a condition can hold with every test that names a kind of decision false:
    the others are taken as unknown (three-valued), so this is true when some case
    without the tags and task facts it names may meet it."""
    return _unnamed(cond) is not False


def _unnamed(cond: dict | None) -> bool | None:
    if cond is None:
        return True
    if "field" in cond:
        return False if names_decision(cond["field"]) else None
    if "not" in cond:
        inner = _unnamed(cond["not"])
        return None if inner is None else not inner
    found = [_unnamed(sub) for sub in cond["all" if "all" in cond else "any"]]
    decisive = "all" not in cond  # all: one false decides; any: one true decides
    if decisive in found:
        return decisive
    return None if None in found else not decisive


def is_known(name: str, indicators: set[str]) -> bool:
    """Whether conditions may test `name`: a fact, an indicator, or a task fact a case
    can name."""
    return name in FACTS or name in indicators or (
        name.startswith(FACT_PREFIX) and is_key(name[len(FACT_PREFIX):]))


def compared_as(op: str, value: Any) -> list[str]:
    """The types a test compares a task fact as (`model.facts`): a number in order or
    against a number, true/false against true or false, text against text; with `in`,
    each value of the list. None for a value no fact is compared as (null)."""
    if op in ORDERING:
        return [NUMBER]
    found = [_type_of(v) for v in (value if isinstance(value, list) else [value])]
    return list(dict.fromkeys(kind for kind in found if kind is not None))


def _type_of(value: Any) -> str | None:
    if isinstance(value, bool):
        return BOOLEAN
    if isinstance(value, (int, float)):
        return NUMBER
    return TEXT if isinstance(value, str) else None


def compile_condition(cond: dict | None) -> Test:
    """Turn a condition into a fast predicate over facts; no condition is always true.
    (An assessment tests some fifty conditions, so these closures avoid generators.)"""
    if cond is None:
        return lambda facts: True
    if "not" in cond:
        inner = compile_condition(cond["not"])
        return lambda facts: not inner(facts)
    if "all" in cond or "any" in cond:
        parts = [compile_condition(c) for c in cond.get("all", cond.get("any"))]
        if "all" in cond:
            if len(parts) == 2:
                first, second = parts
                return lambda facts: first(facts) and second(facts)

            def every(facts: Facts) -> bool:
                for part in parts:
                    if not part(facts):
                        return False
                return True
            return every
        if len(parts) == 2:
            first, second = parts
            return lambda facts: first(facts) or second(facts)

        def some(facts: Facts) -> bool:
            for part in parts:
                if part(facts):
                    return True
            return False
        return some
    name, compare = cond["field"], _COMPARE[cond["op"]]
    value = tuple(cond["value"]) if isinstance(cond.get("value"), list) else cond.get("value")

    def test(facts: Facts) -> bool:
        fact = facts.get(name)
        if fact is None:
            return False
        try:
            return bool(compare(fact, value))
        except TypeError:  # e.g. comparing a number with a word: the test does not hold
            return False

    return test
