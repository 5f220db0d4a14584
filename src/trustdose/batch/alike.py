"""Pairs of alike cases planned far apart, found without comparing every case with every
other (`batch.fairness` gathers the patterns).

Cases are taken as their distinct answer patterns (the four scores) within their group
(the `--by` column's value: a pair is two cases one leader can explain; None: the whole
input), each with the planned levels given for it and how many cases gave each. Two
patterns can only be alike when they lie in the same group and the same or neighbouring
cells of a grid whose cells are as wide as "alike" on every dimension, within the same
risk band; so each pattern is compared
with the patterns of at most 3⁴ cells, and every pair of cases is counted from the
patterns' counts. A workshop's half-point answers have at most 9⁴ patterns however many
cases there are; should a file of free decimals have far more, the comparisons stop at
`BUDGET` and the check says that its count is a lower bound.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
import math
from ..model.fairness import Alike, Pair, Side

BUDGET = 2_000_000  # comparisons of two patterns at most (about two seconds)
_EPSILON = 1e-9  # scores are sums of halves and thirds: no float error counts as a gap
# the neighbouring cells that come after a cell (the others see it as coming after them)
_LATER = tuple(o for o in itertools.product((-1, 0, 1), repeat=4) if o > (0, 0, 0, 0))


class _Pattern:
    """One answer pattern in a group: its scores and, per planned level, (cases, first
    Side, order)."""

    __slots__ = ("scores", "group", "plans", "low", "high", "order")

    def __init__(self, scores: tuple, group: str | None, order: int) -> None:
        self.scores, self.group, self.plans, self.order = scores, group, {}, order
        self.low, self.high = 8, 0


def alike(first: tuple, second: tuple, rule: Alike) -> bool:
    """Whether two cases' scores (competence, intention, resources, risk) are alike:
    every one within `rule.within` of the other's, the risk in the same band. The same
    either way round."""
    return (all(abs(a - b) <= rule.within + _EPSILON for a, b in zip(first, second))
            and band(first[-1], rule) == band(second[-1], rule))


def band(risk: float, rule: Alike) -> int:
    """How many of the risk limits the task risk reaches."""
    return bisect.bisect_right(rule.risk_limits, risk + _EPSILON)


def differs(first: tuple, second: tuple) -> float:
    """The largest difference of any dimension's score, rounded up to hundredths (what
    the output may say: 'within 0.34', never less than it is)."""
    return math.ceil(max(abs(a - b) for a, b in zip(first, second)) * 100 - 1e-6) / 100


def pairs(patterns: dict[tuple, list], rule: Alike, apart: int,
          shown: int) -> tuple[int, list[Pair], bool]:
    """(how many pairs of cases in the same group are alike and planned `apart` steps or
    more apart, the `shown` most alike of them (the largest gap next, then the order of
    the input), whether every comparison was made). `patterns`: (scores, planned level,
    group) → [cases, the first case's Side]."""
    found: dict[tuple, _Pattern] = {}
    for order, ((scores, planned, group), (count, side)) in enumerate(patterns.items()):
        pattern = found.get((scores, group))
        if pattern is None:
            pattern = found[scores, group] = _Pattern(scores, group, order)
        pattern.plans[planned] = (count, side, order)
        pattern.low, pattern.high = min(pattern.low, planned), max(pattern.high, planned)
    cells: dict[tuple, list[_Pattern]] = {}
    for pattern in found.values():
        cells.setdefault((pattern.group, *_cell(pattern.scores, rule)), []).append(pattern)
    best = _Best(shown, apart)
    _compare_cells(cells, rule, best)
    return best.total, best.pairs(), best.complete


def _cell(scores: tuple, rule: Alike) -> tuple:
    return (band(scores[-1], rule),
            *(math.floor(s / rule.within + _EPSILON) for s in scores))


def _compare_cells(cells: dict, rule: Alike, best: "_Best") -> None:
    """Every pair of alike patterns handed to `best`. Each pair of cells is visited once:
    a cell with itself and with the neighbours that come after it."""
    apart = best.apart
    for (group, risk_band, *cell), members in cells.items():
        for at, pattern in enumerate(members):
            best.add(pattern, pattern, 0.0)
            for other in members[at + 1:]:  # one cell: within `within` on every dimension
                best.add(pattern, other, differs(pattern.scores, other.scores))
        for offset in _LATER:
            others = cells.get((group, risk_band, *(c + o for c, o in zip(cell, offset))))
            if others is None:
                continue
            best.compared += len(members) * len(others)
            for pattern in members:
                for other in others:
                    if (other.high - pattern.low >= apart or pattern.high - other.low >= apart) \
                            and alike(pattern.scores, other.scores, rule):
                        best.add(pattern, other, differs(pattern.scores, other.scores))
            if best.compared > BUDGET:
                best.complete = False
                return


class _Best:
    """The pairs of cases counted, and the `shown` most alike kept (a heap whose top is
    the least alike of them, to be replaced by a more alike one)."""

    def __init__(self, shown: int, apart: int) -> None:
        self.shown, self.apart = shown, apart
        self.total = self.compared = 0
        self.complete = True
        self.heap: list[tuple] = []

    def add(self, first: _Pattern, second: _Pattern, gap: float) -> None:
        heap, apart = self.heap, self.apart
        for planned, (count, side, order) in first.plans.items():
            for other_planned, (other_count, other_side, other_order) in second.plans.items():
                steps = abs(planned - other_planned)
                if steps < apart or (first is second and other_planned < planned):
                    continue
                self.total += count * other_count
                if len(heap) == self.shown and gap > -heap[0][0][0]:
                    continue  # less alike than every pair kept
                key = (-gap, steps, -min(order, other_order), -max(order, other_order))
                if len(self.heap) < self.shown:  # the heap's top: the least alike kept
                    heapq.heappush(self.heap, (key, *self._sides(side, other_side, order,
                                                                 other_order), count * other_count,
                                               first.group))
                elif key > self.heap[0][0]:
                    heapq.heapreplace(self.heap, (key, *self._sides(
                        side, other_side, order, other_order), count * other_count,
                        first.group))

    @staticmethod
    def _sides(side: Side, other_side: Side, order: int, other_order: int) -> tuple:
        """The two cases in the order of the input."""
        return (side, other_side) if order < other_order else (other_side, side)

    def pairs(self) -> list[Pair]:
        return [Pair(first, second, key[1], -key[0], cases - 1, group)
                for key, first, second, cases, group in sorted(self.heap, reverse=True)]
