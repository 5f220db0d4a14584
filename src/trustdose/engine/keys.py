"""The keys a compiled rule set remembers its parts under: from a case's facts, only what
the rules that make a part can tell apart (`Compiled`), so that cases alike in that make
one key and the part is made once."""

from __future__ import annotations

import bisect
import collections
import operator
from typing import Any, Callable

from ..memo import Memo
from ..rules.conditions import ORDERING, leaves
from ..rules.ruleset import Rule

Key = Callable[[dict[str, Any]], tuple]
EQUALITY = frozenset({"==", "!="})  # tests a value is told apart by, besides its place


def value_of(field: str) -> Callable[[dict[str, Any]], Any]:
    return lambda facts: facts[field]


def key_of(fields: list[str] | tuple[str, ...], asked: frozenset[str] | None = None) -> Key:
    """A function from facts to the tuple of the values of `fields` (every field a rule
    tests is among the facts, None when the case does not give it: see `Compiled.blank`).
    With `asked` (the tags the rules ask whether a case holds, and nothing else of them),
    the tags are keyed by which of those they hold: a case's own tags that no rule names
    make no new key (a cap on one tag made the level's key hold every case's tags, and a
    batch decided the level anew for each: 18% more instructions a case)."""
    fields = tuple(fields)
    if asked is not None and "tags" in fields:
        plain, at = key_of(fields), fields.index("tags")

        def key(facts: dict[str, Any]) -> tuple:
            values = list(plain(facts))
            values[at] = tuple(tag for tag in facts["tags"] if tag in asked)
            return tuple(values)
        return key
    if not fields:
        return lambda facts: ()
    if len(fields) == 1:
        only = fields[0]
        return lambda facts: (facts[only],)
    return operator.itemgetter(*fields)


def asked_tags(rules: list[Rule]) -> frozenset[str] | None:
    """The tags `rules` ask whether a case holds (`contains`); None where one compares
    the whole list (`==`, `!=`), which a key of only some of them could not tell apart."""
    asked = set()
    for rule in rules:
        for field, op, value in leaves(rule.get("when")):
            if field == "tags":
                if op != "contains":
                    return None
                asked.add(value)
    return frozenset(asked)


def apart_key(rules: list[Rule], raw: set[str], places: Memo | None = None) -> Key:
    """A function from facts to what `rules`' conditions can tell apart: the values of
    the fields in `raw` (a text reads them) and of those tested otherwise; for a field
    only ever compared with numbers (a score, the days to the due date), the place of its
    value among them, and whether it is one of them (every `<`, `<=`, `>`, `>=`, `==`,
    `!=` test then comes out alike); for one only asked what it holds (the tags), which
    of the names asked for it holds. A due date 30 or 31 days away, or a tag no rule
    names, makes no new key: 20,000 cases made 7,402 feedback keys from raw values and
    chose the measures 8,299 times (1,868 before issue 21's measures); under this key,
    785 times. The places are remembered in `places` under the values and their types (a
    dict takes True for 1, a test's place does not): a few hundred combinations, where a
    place found anew costs a bisect a field. (Fields compared for equality with other
    values, said by which of them they equal, cost more than they spared: 5,000 rows,
    11,500 instructions a case more.)"""
    tests: dict[str, set[tuple[str, Any]]] = collections.defaultdict(set)
    for rule in rules:
        for field, op, value in leaves(rule.get("when")):
            tests[field].add((op, tuple(value) if isinstance(value, list) else value))
    # (field, the numbers compared with, as a set); (field, names)
    ordered: list[tuple[str, list, set]] = []
    held: list[tuple[str, list]] = []
    for field, found in sorted(tests.items()):
        ops, compared = {op for op, _v in found}, [v for _op, v in found]
        if field in raw:
            continue
        if ops <= ORDERING | EQUALITY and all(type(v) in (int, float) for v in compared):
            ordered.append((field, sorted(set(compared)), set(compared)))
        elif ops == {"contains"}:
            held.append((field, sorted(set(compared), key=repr)))
    values = key_of(sorted((set(tests) | raw) - {f for f, *_ in [*ordered, *held]}))
    if not ordered and not held:
        return values

    numbers = key_of([field for field, *_ in ordered])
    places = Memo() if places is None else places

    def place(found: tuple) -> tuple:
        return tuple([value if type(value) not in (int, float) else
                      (bisect.bisect_left(bounds, value), value in exact)
                      for value, (_f, bounds, exact) in zip(found, ordered)])

    def apart(facts: dict[str, Any]) -> tuple:
        found = numbers(facts)
        key = (found, tuple(map(type, found)))
        at = places.get(key)  # each value's place among the numbers it is compared with
        out: list[Any] = [values(facts), places.keep(key, place(found)) if at is None else at]
        for field, names in held:  # which of the names the list holds
            value = facts[field]
            out.append(tuple([n for n in names if n in value]) if value and type(value) is
                       tuple else value)
        return tuple(out)
    return apart
