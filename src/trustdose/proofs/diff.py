"""How two rule sets differ over the grid (`rules diff`): in every context either set can
tell apart, the levels and the controls each gives, case by case, decided as `rules check`
decides them (`proofs.check.outcomes`)."""

from __future__ import annotations

from collections import Counter
from typing import Any, NamedTuple

from ..rules.ruleset import RuleSet
from .check import outcomes
from .grid import contexts, points, witness


class Diff(NamedTuple):
    """How two rule sets differ over the grid."""

    cases: int
    changed: int
    up: int
    down: int
    transitions: dict[tuple[int, int], int]  # (level in A, level in B) → cases
    examples: list[dict[str, Any]]  # a few changed cases, each with both levels
    controls_changed: int


def diff(a: RuleSet, b: RuleSet, examples: int = 5) -> Diff:
    """Compare the levels and controls two rule sets give over the same grid."""
    grid = points(a)
    grid_b = points(b)
    cases = changed = up = down = controls_changed = 0
    transitions: Counter = Counter()
    found: dict[str, list[dict[str, Any]]] = {"up": [], "down": []}
    decided_a: dict[tuple, tuple] = {}
    decided_b: dict[tuple, tuple] = {}
    for ctx in contexts(a, b, decision=True):
        for (facts, _band_a, _lim_a, lev_a, need_a, hold_a), \
                (facts_b, _band_b, _lim_b, lev_b, need_b, hold_b) in zip(
                    outcomes(a, ctx, grid, decided_a), outcomes(b, ctx, grid_b, decided_b)):
            cases += 1
            ctl_a = {c.id for c in a.controls if c.id in need_a or c.test(facts)}
            ctl_b = {c.id for c in b.controls if c.id in need_b or c.test(facts_b)}
            controls_changed += ctl_a != ctl_b
            if lev_a == lev_b:
                continue
            changed += 1
            direction = "up" if lev_b > lev_a else "down"
            up += direction == "up"
            down += direction == "down"
            transitions[(lev_a, lev_b)] += 1
            why = hold_b if direction == "down" else hold_a
            found[direction].append({"case": witness(facts, ctx), "a": lev_a, "b": lev_b,
                                     "direction": direction,
                                     "rule": why.id if why is not None else None,
                                     "source": why.source if why is not None else None})
    # examples spread over the changed cases, not the first few of one corner of the grid
    shown = [cases_[int(i * len(cases_) / examples)] for cases_ in found.values()
             for i in range(min(examples, len(cases_)))]
    return Diff(cases, changed, up, down, dict(transitions), shown, controls_changed)
