"""The discretised input space `rules check` and `rules diff` run over.

The grid: every dimension score on the half-point scale 1, 1.5 … 5 (9⁴ = 6,561 points),
each indicator answered with its dimension's score. Each point is taken in every
*context* a rule can tell apart: no tags, each tag a rule mentions alone (and all of them
together), each task fact a rule tests at and around the values it compares with, a team
and someone new in the role when a rule asks about them.
"""

from __future__ import annotations

from itertools import product
from typing import Any, NamedTuple

from ..engine.decide import make_facts
from ..model.vocabulary import DIMENSIONS, HALF_POINTS as GRID
from ..rules.conditions import FACT_PREFIX, fields_tested, leaves, sides
from ..rules.ruleset import Rule, RuleSet

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


BEFORE_LEVEL = ("carry", "caps", "red_lines")


def deciding(rules: RuleSet) -> list[Rule]:
    """The rules the level and the controls depend on."""
    return [e for e in rules.all_rules() if e.section in BEFORE_LEVEL] + rules.controls


def fields(entries: list[Rule]) -> set[str]:
    return fields_tested(e.get("when") for e in entries)


def contexts(*rule_sets: RuleSet, decision: bool = False,
             entries: list[Rule] | None = None) -> list[Context]:
    """The contexts the rules can tell apart: one change from the plain case at a time.

    With `decision`, only what the level and the controls depend on is considered; with
    `entries`, only what those rules depend on."""
    tags: set[str] = set()
    facts: dict[str, set] = {}
    safeguards: set[str] = set()
    task_kinds: set[str] = set()
    kind = new = False
    groups = [entries] if entries is not None else [
        deciding(rules) if decision else rules.all_rules() for rules in rule_sets]
    for group in groups:
        for entry in group:
            safeguards.update(entry.get("lifted_by") if entry.section in BEFORE_LEVEL else ())
            for field, op, value in leaves(entry.get("when")):
                values = value if isinstance(value, list) else [value]
                if field == "tags":
                    tags.update(v for v in values if isinstance(v, str))
                elif field == "safeguards":
                    safeguards.update(v for v in values if isinstance(v, str))
                elif field == "task.kind":
                    task_kinds.update(v for v in values if isinstance(v, str))
                elif field.startswith(FACT_PREFIX):
                    facts.setdefault(field[len(FACT_PREFIX):], set()).update(
                        sides(v) for v in values)
                kind |= field == "subject.kind"
                new |= field == "subject.new_in_role"
    found = [Context()] + [Context(tags=(t,)) for t in sorted(tags)]
    if len(tags) > 1:
        found.append(Context(tags=tuple(sorted(tags))))
    for name in sorted(facts):
        values = sorted({v for group in facts[name] for v in group}, key=repr)
        found += [Context(facts=((name, v),)) for v in values]
    if kind:
        found.append(Context(kind="team"))
    if new:
        found.append(Context(new_in_role=True))
    found += [Context(task_kind=k) for k in sorted(task_kinds)]
    found += [Context(safeguards=(g,)) for g in sorted(safeguards)]
    if len(safeguards) > 1:
        found.append(Context(safeguards=tuple(sorted(safeguards))))
    return found


def points(rules: RuleSet) -> list[dict[str, Any]]:
    """The score grid as the facts of plain cases (no tags, a person), in index order."""
    indicators = {d: [f"{d}.{i}" for i in rules.indicators(d)] for d in DIMENSIONS}
    grid = []
    for values in product(GRID, repeat=len(DIMENSIONS)):
        scores = dict(zip(DIMENSIONS, values))
        grid.append(make_facts(scores, {name: scores[d] for d in DIMENSIONS
                                        for name in indicators[d]}))
    return grid


def overrides(ctx: Context) -> dict[str, Any]:
    """The facts a context changes in a plain case."""
    changed: dict[str, Any] = {FACT_PREFIX + name: value for name, value in ctx.facts}
    if ctx.tags:
        changed["tags"] = tuple(ctx.tags)
    if ctx.kind != "person":
        changed["subject.kind"] = ctx.kind
    if ctx.new_in_role:
        changed["subject.new_in_role"] = True
    if ctx.safeguards:
        changed["safeguards"] = ctx.safeguards
    if ctx.task_kind:
        changed["task.kind"] = ctx.task_kind
    return changed


def witness(facts: dict[str, Any], ctx: Context) -> dict[str, Any]:
    """A case, in case-file terms, for a grid point."""
    case: dict[str, Any] = {d: facts[d] for d in DIMENSIONS}
    if ctx.tags:
        case["tags"] = list(ctx.tags)
    if ctx.facts:
        case["facts"] = dict(ctx.facts)
    if ctx.kind != "person":
        case["kind"] = ctx.kind
    if ctx.new_in_role:
        case["new_in_role"] = True
    if ctx.safeguards:
        case["safeguards"] = list(ctx.safeguards)
    if ctx.task_kind:
        case["task_kind"] = ctx.task_kind
    return case


def describe(case: dict[str, Any]) -> str:
    """`competence 2.5, intention 4, resources 4, risk 3, tags budget, facts amount=50000`."""
    def shown(value: Any) -> str:
        if isinstance(value, float):
            return f"{value:g}"
        if isinstance(value, list):
            return ",".join(map(str, value))
        if isinstance(value, dict):
            return ",".join(f"{k}={shown(v)}" for k, v in value.items())
        return str(value)
    return ", ".join(f"{k} {shown(v)}" for k, v in case.items())
