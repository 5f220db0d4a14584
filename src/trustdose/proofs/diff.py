"""How two rule sets differ over the grid (`rules diff`): in every context either set can
tell apart, the levels and the controls each gives, case by case, decided as `rules check`
decides them (`proofs.decisions.distinct`)."""

from __future__ import annotations

from collections import Counter
from typing import Any, Callable, NamedTuple

from ..rules.conditions import fields_tested
from ..rules.ruleset import Rule, RuleSet
from .decisions import Decisions, Keys, Signs, distinct
from .grid import contexts, overrides, points
from .witness import witness


class Diff(NamedTuple):
    """How two rule sets differ over the grid."""

    cases: int
    changed: int
    up: int
    down: int
    transitions: dict[tuple[int, int], int]  # (level in A, level in B) → cases
    examples: list[dict[str, Any]]  # a few changed cases, each with both levels
    controls_changed: int


def diff(a: RuleSet, b: RuleSet, examples: int = 5,
         progress: Callable[[int, int], None] | None = None) -> Diff:
    """Compare the levels and controls two rule sets give over the same grid;
    `progress(done, total)` hears of each context done."""
    grid = points(a)
    grid_b = points(b)
    cases = changed = up = down = controls_changed = 0
    transitions: Counter = Counter()
    found: dict[str, list[tuple]] = {"up": [], "down": []}
    decided_a, decided_b = Decisions(a, grid), Decisions(b, grid_b)
    applying, applying_b = _Applying(a, grid), _Applying(b, grid_b)
    # the points alike in all four numbers (each side's decision and controls) are
    # decided alike in every context: each class is compared once, counted as its points
    numbered: dict[tuple, int] = {}
    of = [numbered.setdefault(key, len(numbered)) for key in zip(
        decided_a.keys.plain, decided_b.keys.plain, applying.keys.plain, applying_b.keys.plain)]
    sizes = Counter(of)
    first: dict[int, int] = {}
    for at, k in enumerate(of):
        first.setdefault(k, at)
    classes = [(numbers, sizes[k], first[k]) for k, numbers in enumerate(numbered)]
    ctxs = contexts(a, b, decision=True)
    for done, ctx in enumerate(ctxs):
        if progress is not None and done:
            progress(done, len(ctxs))
        changed_ctx = overrides(ctx)
        sides = (distinct(changed_ctx, decided_a), distinct(changed_ctx, decided_b))
        cases += len(grid)
        controls_changed += _controls_changed(changed_ctx, sides, (applying, applying_b),
                                              (grid, grid_b), classes)
        dec_a, dec_b = sides
        changing = {}  # each class whose level changes → what the change is
        for k, ((n_a, n_b, _c_a, _c_b), size, _first) in enumerate(classes):
            lev_a, lev_b = dec_a[n_a][2], dec_b[n_b][2]
            if lev_a == lev_b:
                continue
            changed += size
            direction = "up" if lev_b > lev_a else "down"
            up += size if direction == "up" else 0
            down += size if direction == "down" else 0
            transitions[(lev_a, lev_b)] += size
            why = dec_b[n_b][4] if direction == "down" else dec_a[n_a][4]
            changing[k] = (lev_a, lev_b, direction, why)
        # what an example is made of, point by point in the grid's order: made into one
        # only if it is shown (a few of the tens of thousands a wide change makes)
        for at in [at for at, k in enumerate(of) if k in changing] if changing else ():
            change = changing[of[at]]
            found[change[2]].append((at, ctx, changed_ctx, *change))
    # examples spread over the changed cases, not the first few of one corner of the grid
    shown = [_example(grid, *cases_[int(i * len(cases_) / examples)])
             for cases_ in found.values() for i in range(min(examples, len(cases_)))]
    return Diff(cases, changed, up, down, dict(transitions), shown, controls_changed)


def _example(grid: list[dict[str, Any]], at: int, ctx, changed_ctx: dict[str, Any],
             lev_a: int, lev_b: int, direction: str, why: Rule | None) -> dict[str, Any]:
    """A changed case as the diff shows it: the case, both levels, the rule that holds
    the lower one."""
    return {"case": witness({**grid[at], **changed_ctx}, ctx), "a": lev_a, "b": lev_b,
            "direction": direction, "rule": why.id if why is not None else None,
            "source": why.source if why is not None else None}


class _Applying:
    """The controls that apply to a case (a red line requires them, or their condition
    holds), each set found once for the facts the controls test (`Keys`) and what the
    red lines require."""

    def __init__(self, rules: RuleSet, grid: list[dict[str, Any]]) -> None:
        self.rules = rules
        conditions = [c.get("when") for c in rules.controls]
        self.keys = Keys(sorted(fields_tested(conditions)), grid, Signs(conditions))
        self.known: dict[tuple, frozenset[str]] = {}

    def of(self, key: tuple, facts: dict[str, Any], needs: dict[str, Rule]
           ) -> frozenset[str]:
        found = self.known.get(key)
        if found is None:
            found = self.known[key] = frozenset(c.id for c in self.rules.controls
                                                if c.id in needs or c.test(facts))
        return found


def _controls_changed(changed: dict[str, Any], sides: tuple, applying: tuple, grids: tuple,
                      classes: list[tuple]) -> int:
    """How many grid points of a context the two sides apply different controls to, each
    pair of control sets compared once (`classes`: each class's numbers, how many points
    it has and its first)."""
    overs = [side.keys.over(changed) for side in applying]
    differs: dict[tuple, bool] = {}
    total = 0
    for (n_a, n_b, c_a, c_b), size, at in classes:
        needs = (sides[0][n_a][3], sides[1][n_b][3])  # what the red lines require
        pair = ((c_a, overs[0], tuple(needs[0])), (c_b, overs[1], tuple(needs[1])))
        differ = differs.get(pair)
        if differ is None:
            sets = [side.of(key, {**grid[at], **changed}, need)
                    for key, side, grid, need in zip(pair, applying, grids, needs)]
            differ = differs[pair] = sets[0] != sets[1]
        total += size if differ else 0
    return total
