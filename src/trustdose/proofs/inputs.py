"""The inputs of a context in `rules check`'s grid, and the values each takes.

An input is what a case says besides its scores that some rule tests: a class of tags, a
task fact, the safeguards in place, the kind of task, a team, someone new in the role.
Each takes only the values the rules tell apart, so the grid grows with the distinct
values that matter, not with how many a rule names: tags no rule tells apart are one
class (`tag_classes`), and a task fact's values that answer every test of it alike are
taken once (`fact_values`).
"""

from __future__ import annotations

from typing import Any, Callable

from ..model.facts import BOOLEAN, NUMBER, TEXT
from ..model.vocabulary import TASK_KINDS
from ..rules.conditions import FACT_PREFIX, compared_as, holds, leaves
from ..rules.ruleset import Rule

# An input of a context: ("tag", the first tag of its class), ("fact", name), or
# (field, "") for the others.
Input = tuple[str, str]
SINGLE = ("safeguards", "task.kind", "subject.kind", "subject.new_in_role", "due_in",
          "task.people")
OWN_WORDS = "(own words)"  # people named in a case's own words, which no rule names
BEFORE_LEVEL = ("carry", "caps", "red_lines")
DUE_IN = 7  # a task with a due date, a week ahead (a due date before the day is refused)


def listed(value: Any) -> list:
    return value if isinstance(value, list) else [value]


class Tags(tuple):
    """A context's tags: a tuple, as a case's tags are, that finds a tag at once and
    knows its hash. (A rule on all of 2,000 tags looks each of them up in the context
    that gives them all, and the check's tables hash them at every point.)"""

    def __new__(cls, tags: Any = ()) -> Tags:
        made = super().__new__(cls, tags)
        made.lookup = frozenset(made)
        made.hashed = tuple.__hash__(made)  # a key of every table a check keeps
        return made

    def __hash__(self) -> int:
        return self.hashed

    def __contains__(self, tag: object) -> bool:
        try:
            return tag in self.lookup
        except TypeError:  # an unhashable value is no tag
            return False


def tag_classes(scope: list[Rule]) -> dict[str, tuple[str, ...]]:
    """Each tag the rules mention → its class: the tags no rule tells apart from it.

    Two tags are alike when each is tested only by `contains` directly under the same
    `all` and `any` conditions, as often: swapping them swaps the tests of an `all` or
    an `any` among themselves, which changes nothing. A tag tested any other way (a whole
    condition, under a `not`, in a list) is a class of its own. What a case's tags then
    answer depends on how many of a class it gives: none, one, or all of them."""
    places: dict[str, list[tuple]] = {}
    for entry in scope:
        _mentions(entry.get("when"), None, places)
    alike: dict[tuple, list[str]] = {}
    for tag, where in places.items():
        alike.setdefault(tuple(sorted(where)), []).append(tag)
    found = {}
    for tags in alike.values():
        tags = tuple(sorted(tags))
        found.update(dict.fromkeys(tags, tags))
    return found


def _mentions(cond: dict | None, parent: int | None,
              places: dict[str, list[tuple]]) -> None:
    """Note where a condition mentions each tag: the `all` or `any` a `contains` test of
    it stands in, or, for any other test, that test alone."""
    if cond is None:
        return
    if "field" in cond:
        value = cond.get("value")
        if cond["field"] != "tags":
            return
        if cond["op"] == "contains" and isinstance(value, str) and parent is not None:
            places.setdefault(value, []).append(("in", parent))
        else:
            for at, tag in enumerate(listed(value)):
                if isinstance(tag, str):
                    places.setdefault(tag, []).append(("alone", id(cond), at))
    elif "not" in cond:
        _mentions(cond["not"], None, places)
    else:
        for sub in cond["all"] if "all" in cond else cond["any"]:
            _mentions(sub, id(cond), places)


def inputs_of(entry: Rule, classes: dict[str, tuple[str, ...]]) -> frozenset[Input]:
    """The inputs of a context a rule tests (a cap's safeguards that lift it included)."""
    found: set[Input] = set()
    for field, _op, value in leaves(entry.get("when")):
        if field == "tags":
            found.update(("tag", classes[v][0]) for v in listed(value) if isinstance(v, str))
        elif field.startswith(FACT_PREFIX):
            found.add(("fact", field[len(FACT_PREFIX):]))
        elif field in SINGLE:
            found.add((field, ""))
    if entry.section in BEFORE_LEVEL and entry.get("lifted_by"):
        found.add(("safeguards", ""))
    return frozenset(found)


def input_values(scope: list[Rule], classes: dict[str, tuple[str, ...]]
                 ) -> dict[Input, tuple]:
    """The values each input of a context takes. A tag alone in its class is absent or
    present (False, True: so not here); a class of several, none, its first or all of
    them (as tuples of tags)."""
    facts: dict[str, list[tuple[str, Any]]] = {}
    safeguards: set[str] = set()
    kinds: set[str] = set()
    people: set[str] = set()
    for entry in scope:
        safeguards.update(entry.get("lifted_by") if entry.section in BEFORE_LEVEL else ())
        for field, op, value in leaves(entry.get("when")):
            if field == "safeguards":
                safeguards.update(v for v in listed(value) if isinstance(v, str))
            elif field == "task.kind":
                kinds.update(v for v in listed(value) if isinstance(v, str))
            elif field == "task.people":  # the ones named; any other is alike
                people.update(v for v in listed(value) if isinstance(v, str))
            elif field.startswith(FACT_PREFIX):
                facts.setdefault(field[len(FACT_PREFIX):], []).append((op, value))
    named = sorted(safeguards)
    values: dict[Input, tuple] = {
        ("safeguards", ""): ((), *((g,) for g in named), *([tuple(named)] if len(named) > 1
                                                           else [])),
        ("task.kind", ""): (None, *TASK_KINDS, *sorted(kinds - set(TASK_KINDS))),
        ("subject.kind", ""): ("person", "team"),
        ("subject.new_in_role", ""): (False, True),
        ("due_in", ""): (None, DUE_IN),
        ("task.people", ""): (None, *sorted(people), OWN_WORDS)}
    values.update({("fact", name): fact_values(tests) for name, tests in facts.items()})
    values.update({("tag", tag): ((), tags[:1], tags)
                   for tag, tags in classes.items() if tag == tags[0] and len(tags) > 1})
    return values


def fact_values(tests: list[tuple[str, Any]]) -> tuple:
    """Values of one task fact that put each of its tests (op, value) on either side, of
    the one type the rules compare it as (`rules.conditions.compared_as`; a case gives no
    other): none given; true and false; or each number compared with, one below, one
    above and one between each two; or each text compared with, a text before them all
    and one right after each. Values no test tells apart are taken once (the first)."""
    kind = next((k for op, value in tests for k in compared_as(op, value)), None)
    compared = [v for _op, value in tests for v in listed(value)]
    candidates: list[Any] = []
    if kind == BOOLEAN:
        candidates += [False, True]
    elif kind == NUMBER:
        numbers = sorted({v for v in compared
                          if isinstance(v, (int, float)) and not isinstance(v, bool)})
        candidates += _either_side(numbers, lambda n: n - 1, lambda a, b: (a + b) / 2,
                                   lambda n: n + 1)
    elif kind == TEXT:
        # "" sorts before every other text, and a text followed by "\0" right after it
        texts = sorted({v for v in compared if isinstance(v, str)})
        candidates += _either_side(texts, lambda t: "", lambda a, _b: a + "\0",
                                   lambda t: t + "\0")
    answers = _answers(tests)
    kept: dict[tuple, Any] = {(False,) * len(tests): None}  # no value: no test holds
    for value in candidates:
        kept.setdefault(answers(value), value)
    return tuple(kept.values())


def _answers(tests: list[tuple[str, Any]]) -> Callable[[Any], tuple]:
    """What a value of a task fact answers to each of its tests, as `holds` answers. A
    test for one value or a list of them (==, !=, in) is answered by looking the value up
    among those the tests name, once for all of them: a list of 2,000 values is read
    once, not at every value tried."""
    naming: dict[Any, set[int]] = {}  # a value → the tests that name it
    direct = set()
    for at, (op, value) in enumerate(tests):
        if op in ("==", "!=") and not isinstance(value, list) or \
                op == "in" and isinstance(value, list):
            for named in listed(value):
                naming.setdefault(named, set()).add(at)
        else:
            direct.add(at)

    def answers(value: Any) -> tuple:
        named = naming.get(value, ())
        return tuple(holds("x", op, test, {"x": value}) if at in direct
                     else (at in named) != (op == "!=")
                     for at, (op, test) in enumerate(tests))
    return answers


def _either_side(ordered: list, below: Callable, between: Callable, above: Callable) -> list:
    """Each of some ordered values, with one below the first, one above the last and one
    between each two."""
    if not ordered:
        return []
    found = [below(ordered[0])]
    for low, high in zip(ordered, ordered[1:]):
        found += [low, between(low, high)]
    return found + [ordered[-1], above(ordered[-1])]
