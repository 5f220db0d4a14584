"""How two rule sets differ over the grid (`rules diff`): in every context either set can
tell apart, the levels and the controls each gives, case by case, decided as `rules check`
decides them (`proofs.check.outcomes`)."""

from __future__ import annotations

from collections import Counter
from typing import Any, Callable, NamedTuple

from ..rules.conditions import fields_tested
from ..rules.ruleset import Rule, RuleSet
from .decisions import Decisions, outcomes
from .grid import contexts, overrides, points, witness


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
    found: dict[str, list[dict[str, Any]]] = {"up": [], "down": []}
    decided_a, decided_b = Decisions(a, grid), Decisions(b, grid_b)
    applying, applying_b = _applying(a), _applying(b)
    ctxs = contexts(a, b, decision=True)
    for done, ctx in enumerate(ctxs):
        if progress is not None and done:
            progress(done, len(ctxs))
        changed_ctx = overrides(ctx)
        for (point, _band_a, _lim_a, lev_a, need_a, hold_a), \
                (point_b, _band_b, _lim_b, lev_b, need_b, hold_b) in zip(
                    outcomes(ctx, grid, decided_a), outcomes(ctx, grid_b, decided_b)):
            facts, facts_b = {**point, **changed_ctx}, {**point_b, **changed_ctx}
            cases += 1
            controls_changed += applying(facts, need_a) != applying_b(facts_b, need_b)
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


def _applying(rules: RuleSet) -> Callable[[dict[str, Any], dict[str, Rule]], frozenset[str]]:
    """The controls that apply to a case (a red line requires them, or their condition
    holds), each set found once for the facts the controls test."""
    tested = sorted(fields_tested(c.get("when") for c in rules.controls))
    known: dict[tuple, frozenset[str]] = {}

    def applying(facts: dict[str, Any], needs: dict[str, Rule]) -> frozenset[str]:
        key = (tuple([facts.get(f) for f in tested]), tuple(needs))
        found = known.get(key)
        if found is None:
            found = known[key] = frozenset(c.id for c in rules.controls
                                           if c.id in needs or c.test(facts))
        return found
    return applying
