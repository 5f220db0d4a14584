"""The discretised input space `rules check` and `rules diff` run over.

The grid: every dimension score on the half-point scale 1, 1.5 … 5 (9⁴ = 6,561 points),
each indicator answered with its dimension's score. Each point is taken in every
*context* a rule can tell apart: no tags, the tags of each class a rule mentions (tags no
rule tells apart are one class: `proofs.inputs`), each task fact a rule tests at and
around the values it compares with, a team and someone new in the role when a rule asks
about them.
"""

from __future__ import annotations

from itertools import product
from typing import Any, Iterator, NamedTuple

from ..engine.decide import make_facts
from ..memo import Memo
from ..model.vocabulary import DIMENSIONS, HALF_POINTS as GRID
from ..rules.conditions import FACT_PREFIX, fields_tested, holds, leaves
from ..rules.ruleset import Rule, RuleSet
from .inputs import BEFORE_LEVEL, Input, Tags, input_values, inputs_of, tag_classes

# index stride of each dimension in the flattened grid (competence varies slowest)
STRIDE = {dim: len(GRID) ** (len(DIMENSIONS) - 1 - n) for n, dim in enumerate(DIMENSIONS)}


class Context(NamedTuple):
    """What a case says besides its scores."""

    tags: tuple[str, ...] = ()
    facts: tuple[tuple[str, Any], ...] = ()
    kind: str = "person"
    new_in_role: bool = False
    safeguards: tuple[str, ...] = ()  # controls in place
    task_kind: str | None = None
    due_in: int | None = None  # days to the task's due date
    people: str | None = None  # whom the task is for (task.people)


def deciding(rules: RuleSet) -> list[Rule]:
    """The rules the level and the controls depend on."""
    return [*(e for e in rules.all_rules() if e.section in BEFORE_LEVEL), *rules.controls]


def fields(entries: list[Rule]) -> set[str]:
    return fields_tested(e.get("when") for e in entries)


def contexts(*rule_sets: RuleSet, decision: bool = False,
             entries: list[Rule] | None = None, cut: list | None = None) -> list[Context]:
    """The contexts the rules can tell apart, combined as the rules combine them.

    Each *input* of a context (a class of tags, a task fact, the safeguards in place, the
    kind of task, a team, someone new in the role) takes the values that put every test
    of it on either side (`proofs.inputs`). Inputs that one rule tests together are varied
    together, in every combination, and so are inputs linked through a chain of such
    rules (a *group*). A group that can hide what another does (`_hides`) is combined
    with every other group; the others can only add caps and measures when given, and are
    taken one group at a time, the rest as in the plain case. Combinations no rule can
    tell apart are taken once. Contexts without safeguards come first, so each context's
    counterpart without them comes before it.

    With `decision`, only what the level and the controls depend on is considered; with
    `entries`, only what those rules depend on."""
    scope = entries if entries is not None else [
        e for rules in rule_sets for e in (deciding(rules) if decision else rules.all_rules())]
    classes = tag_classes(scope)
    owned = [(e, inputs) for e in scope if (inputs := inputs_of(e, classes))]
    tested = [(e.get("when"), inputs) for e, inputs in owned]
    values = input_values(scope, classes)
    groups = _groups([inputs for _when, inputs in tested])
    hiding = [g for g in groups if _hides(g, values, tested)]
    shared = frozenset().union(*hiding)
    combined = [shared | g for g in groups if g not in hiding] + [shared]
    found = dict.fromkeys([Context()])
    for group in combined:
        found.update(dict.fromkeys(_group_or_rules(group, values, tested, shared, cut, owned)))
    return sorted(found, key=lambda ctx: bool(ctx.safeguards))


Tested = list[tuple[dict, frozenset[Input]]]  # each rule's condition, and the inputs it reads


def _group_or_rules(group: frozenset[Input], values: dict[Input, tuple], tested: Tested,
                    shared: frozenset[Input] = frozenset(), cut: list | None = None,
                    owned: list[tuple[Rule, frozenset[Input]]] = ()) -> list[Context]:
    """The combinations of a group's inputs; where they are too many, each rule's own
    inputs combined (with the `shared` inputs that can hide them), and the rules and how
    many inputs they test together added to `cut`."""
    try:
        return list(_combinations(group, values, tested))
    except TooMany:
        own = group - shared
        if not own:  # the hiding groups together (`shared`)
            blamed: frozenset[Input] | None = group
        elif _fits(shared, values, tested):  # this group's own, or with the hiding ones
            blamed = group if _fits(own, values, tested) else own
        else:  # the hiding groups alone are too many: said once, for them
            blamed = None
        if cut is not None and blamed is not None:
            # the group's own rules first, then those hiding them; among each, those
            # linking the most of its inputs (a chain's rules before a cap's safeguards)
            first = own or blamed
            reading = sorted([(not inputs & first, -len(inputs & blamed), at, e)
                              for at, (e, inputs) in enumerate(owned) if inputs & blamed],
                             key=lambda r: r[:3])
            cut.append(([e for *_order, e in reading], len(_members(list(blamed), values))))
        return [ctx for inputs in sorted({inputs for _when, inputs in tested if inputs <= group},
                                         key=sorted)
                for ctx in _one_rule(shared | inputs, values, tested)]


def _fits(group: frozenset[Input], values: dict[Input, tuple], tested: Tested) -> bool:
    try:
        _combinations(group, values, tested)
    except TooMany:
        return False
    return True


def _one_rule(inputs: frozenset[Input], values: dict[Input, tuple],
              tested: Tested) -> list[Context]:
    """The combinations of one rule's inputs (with what can hide them), or, where even
    those are too many, of each input by itself."""
    try:
        return list(_combinations(inputs, values, tested))
    except TooMany:
        return [ctx for one in sorted(inputs)
                for ctx in _combinations(frozenset([one]), values, tested)]


# The plain case: no tags, no safeguards, no task facts, a person not new in the role.
_PLAIN: dict[str, Any] = {"tags": (), "safeguards": (), "task.kind": None,
                          "subject.kind": "person", "subject.new_in_role": False,
                          "due_in": None, "task.people": None}


def _groups(tested: list[frozenset[Input]]) -> list[frozenset[Input]]:
    """The inputs linked by the rules that test them together (connected components)."""
    groups: list[frozenset[Input]] = []
    for inputs in tested:
        linked = [g for g in groups if g & inputs]
        groups = [g for g in groups if not g & inputs] + [frozenset(inputs).union(*linked)]
    return sorted(groups, key=sorted)


# The most contexts one group's inputs make (each a pass over the whole grid, some 40 ms);
# past it, the group's rules are combined one rule at a time, and the check says so
# (`contexts(cut=…)`). The default rules make 14 contexts in all, the example overlay 28.
MAX_COMBINATIONS = 128


class TooMany(Exception):
    """A group's inputs combine in more ways than the check tells apart."""


# The combinations found, under what they depend on: `rules check` asks for the same
# group's again each time a rule it searches for fires (`reach.post_decision`), a
# hundred times in a search over rules on many tags. Keyed by the conditions' identity
# (the entry holds them, so no other takes their id while it is kept) and the bound.
_FOUND = Memo(256)


def _combinations(group: frozenset[Input], values: dict[Input, tuple],
                  tested: Tested) -> tuple[Context, ...]:
    """The combinations of a group's inputs (`_combine`), each found once for the same
    inputs, values and conditions; TooMany where they are too many."""
    reading = [(when, inputs) for when, inputs in tested if inputs & group]
    key = (MAX_COMBINATIONS, group, tuple((i, values.get(i)) for i in sorted(group)),
           tuple((id(when), inputs) for when, inputs in reading))
    kept = _FOUND.get(key)
    if kept is None or not all(a is b for a, (b, _) in zip(kept[0], reading)):
        try:
            found: tuple[Context, ...] | None = tuple(_combine(group, values, reading))
        except TooMany:
            found = None
        kept = _FOUND.keep(key, (tuple(when for when, _ in reading), found))
    if kept[1] is None:
        raise TooMany(group)
    return kept[1]


def _combine(group: frozenset[Input], values: dict[Input, tuple],
             tested: Tested) -> Iterator[Context]:
    """Every combination of a group's inputs that the conditions tell apart, each with
    every value of the safeguards in place (when they are in the group), the first of
    each in the order of every combination.

    The inputs are given one at a time, and of the partial combinations that leave the
    same of every condition that reads them (`_residual`, what is not yet given kept as
    it is), only the first goes on: whatever the rest, both end alike. So a rule on many
    tags at once costs what its conditions can tell apart, not every subset of its tags.
    (A condition reads the safeguards or not: only one that does is read with each.)"""
    varied = sorted(i for i in group if i != ("safeguards", ""))
    guards = values[("safeguards", "")] if ("safeguards", "") in group else ((),)
    read = [(when, guards if "safeguards" in fields_tested([when]) else guards[:1])
            for when, inputs in tested if inputs & group]
    partial: dict[tuple, dict[Input, Any]] = {(): {}}
    for at, given_now in enumerate(varied):
        pending = _members(varied[at + 1:], values)
        found: dict[tuple, dict[Input, Any]] = {}
        for given in partial.values():
            for value in values.get(given_now, (False, True)):
                both = {**given, given_now: value}
                ctx = _context(both)
                # the facts with each value of the safeguards, made once for every condition
                # (a context from `_context` has none: they are set here)
                plain = {**_PLAIN, **overrides(ctx)}
                facts = {s: {**plain, "safeguards": s} for s in guards}
                left = tuple(_residual(when, facts[s], pending)
                             for when, read_with in read for s in read_with)
                found.setdefault(left, both)
        if len(found) * len(guards) > MAX_COMBINATIONS:
            raise TooMany(group)
        partial = found
    for given in partial.values():
        ctx = _context(given)
        yield from (ctx._replace(safeguards=s) for s in guards)


def _members(inputs: list[Input], values: dict[Input, tuple]) -> frozenset[Input]:
    """Some inputs, with each tag of a class of several as an input of its own, as the
    conditions name them."""
    return frozenset(inputs).union(*(
        [("tag", tag) for tag in values[i][-1]] for i in inputs if i[0] == "tag" and i in values))


def _hides(group: frozenset[Input], values: dict[Input, tuple], tested: Tested) -> bool:
    """Whether giving a group's inputs can do more than make further rules fire: lift a
    cap (safeguards), or stop a rule that fires without them (a `not`, say). Such a group
    can hide a break in another group's rules, so the two are combined. (Where what is
    left of a condition is neither settled nor the same, it counts as stopped.)"""
    if ("safeguards", "") in group:
        return True
    reading = [when for when, inputs in tested if inputs & group]
    plain = [_residual(when, _PLAIN) for when in reading]
    for ctx in _group_or_rules(group, values, tested):
        given = {**_PLAIN, **overrides(ctx)}
        for before, when in zip(plain, reading):
            after = _residual(when, given)
            if before is not False and after is not True and after != before:
                return True
    return False


def _context(given: dict[Input, Any]) -> Context:
    """A context from the values of some of its inputs (a tag alone in its class: True or
    False; a class of several: the tuple of its tags given); the others as in the plain
    case."""
    tags = [[name] if v is True else v for (kind, name), v in given.items()
            if kind == "tag" and v]
    return Context(
        tags=Tags(sorted(tag for some in tags for tag in some)),
        facts=tuple(sorted(((name, v) for (kind, name), v in given.items()
                            if kind == "fact" and v is not None), key=repr)),
        kind=given.get(("subject.kind", ""), "person"),
        new_in_role=given.get(("subject.new_in_role", ""), False),
        task_kind=given.get(("task.kind", ""), None),
        due_in=given.get(("due_in", ""), None),
        people=given.get(("task.people", ""), None))


# What is left of each condition, under the facts it reads and the inputs not yet given
# it asks about: `_combine` asks the same many times over, and a walk of a rule on 2,000
# tags costs 2,000 tests. By the condition's identity (held by the entry, as in _FOUND).
_LEFT = Memo()
_READS = Memo(4096)  # each condition: the facts it reads and the inputs it could wait for


def _residual(cond: dict | None, facts: dict[str, Any],
              pending: frozenset[Input] = frozenset()) -> Any:
    """What is left of a condition once a context's inputs are known: True, False, or the
    tests of the rest (scores, answers, the level, and the `pending` inputs not given
    yet) as a comparable tuple (`_left`), remembered under what it depends on."""
    if cond is None:
        return True
    reads = _READS.get(id(cond))
    if reads is None or reads[0] is not cond:
        reads = _READS.keep(id(cond), (cond, *_reads(cond)))
    _cond, read, inputs, whole_tags = reads
    try:
        key = (id(cond), tuple([(type(v), v) for v in map(facts.get, read)]),
               pending & inputs, whole_tags and any(kind == "tag" for kind, _n in pending))
        kept = _LEFT.get(key)
    except TypeError:  # a value that cannot be a key: worked out each time
        return _left(cond, facts, pending)
    if kept is None or kept[0] is not cond:
        kept = _LEFT.keep(key, (cond, _left(cond, facts, pending)))
    return kept[1]


def _reads(cond: dict) -> tuple[tuple[str, ...], frozenset[Input], bool]:
    """The facts `_left` reads of a condition, the inputs it asks `pending` about, and
    whether it asks if any tag is (a test of the whole list of tags)."""
    read, inputs, whole_tags = set(), set(), False
    for field, op, value in leaves(cond):
        if field in _PLAIN or field.startswith(FACT_PREFIX):
            read.add(field)
        if field.startswith(FACT_PREFIX):
            inputs.add(("fact", field[len(FACT_PREFIX):]))
        elif field == "tags" and op == "contains" and isinstance(value, str):
            inputs.add(("tag", value))
        elif field == "tags":
            whole_tags = True
        else:
            inputs.add((field, ""))
    return tuple(sorted(read)), frozenset(inputs), whole_tags


def _left(cond: dict, facts: dict[str, Any], pending: frozenset[Input]) -> Any:
    """What is left of a condition (see `_residual`), worked out."""
    if "field" in cond:
        field, op, value = cond["field"], cond["op"], cond.get("value")
        if (field in _PLAIN or field.startswith(FACT_PREFIX)) and not (
                pending and _reads_pending(field, op, value, pending)):
            return holds(field, op, value, facts)
        left = (field, op, tuple(value) if isinstance(value, list) else value)
        if field == "tags" and not (op == "contains" and isinstance(value, str)):
            return left + (facts["tags"],)  # a test of the whole list: the tags given count
        return left
    if "not" in cond:
        inner = _left(cond["not"], facts, pending)
        return (not inner) if isinstance(inner, bool) else ("not", inner)
    every = "all" in cond
    rest = []
    for sub in cond["all"] if every else cond["any"]:
        part = _left(sub, facts, pending)
        if part is (not every):  # a false part decides `all`, a true one `any`
            return part
        if part is not every:
            rest.append(part)
    return ("all" if every else "any", tuple(rest)) if rest else every


def _reads_pending(field: str, op: str, value: Any, pending: frozenset[Input]) -> bool:
    """Whether a test reads an input not given yet: a task fact by its name, a tag it
    looks for (any test of the tags but `contains` one tag reads them all)."""
    if field.startswith(FACT_PREFIX):
        return ("fact", field[len(FACT_PREFIX):]) in pending
    if field == "tags":
        if op == "contains" and isinstance(value, str):
            return ("tag", value) in pending
        return any(kind == "tag" for kind, _name in pending)
    return (field, "") in pending


def points(rules: RuleSet) -> list[dict[str, Any]]:
    """The score grid as the facts of plain cases (no tags, a person), in index order."""
    indicators = {d: [f"{d}.{i}" for i in rules.indicators(d)] for d in DIMENSIONS}
    grid = []
    for values in product(GRID, repeat=len(DIMENSIONS)):
        scores = dict(zip(DIMENSIONS, values))
        grid.append(make_facts(scores, {name: scores[d] for d in DIMENSIONS
                                        for name in indicators[d]}))
    return grid


# Each field of a context other than its task facts: the fact it sets in a plain case,
# and its name in a witness case (case-file terms). A field at its default is the plain
# case's, and neither sets nor says anything.
SETS = {"tags": ("tags", "tags"), "kind": ("subject.kind", "kind"),
        "new_in_role": ("subject.new_in_role", "new_in_role"),
        "safeguards": ("safeguards", "safeguards"), "task_kind": ("task.kind", "task_kind"),
        "due_in": ("due_in", "due_in"), "people": ("task.people", "people")}


def given_fields(ctx: Context) -> dict[str, Any]:
    """The fields of a context that are not the plain case's, in the context's order."""
    return {field: value for field, value in ctx._asdict().items()
            if value != Context._field_defaults[field]}


def overrides(ctx: Context) -> dict[str, Any]:
    """The facts a context changes in a plain case."""
    changed: dict[str, Any] = {FACT_PREFIX + name: value for name, value in ctx.facts}
    changed.update((SETS[field][0], value) for field, value in given_fields(ctx).items()
                   if field != "facts")
    return changed
