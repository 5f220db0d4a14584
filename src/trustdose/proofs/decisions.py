"""What a rule set decides at each point of `rules check`'s grid in a context (the
level, the red lines' requirements, the controls shown), remembered across the contexts
of a check under the values of the facts each depends on, read from each point once:
most points and contexts differ in nothing else. `check` and `diff` both walk it.

Within a context, each cap's and red line's test is remembered too, under the values of
the facts its own condition reads (`remembering`): a red line on 2,000 tags reads only
the tags, which a context fixes, so it is tested once per context, not at each of the
hundreds of points the level's other facts tell apart."""

from __future__ import annotations

import dataclasses
from typing import Any

from ..engine import parts
from ..engine.decide import FRAME_IN_PLACE, binding, decide, framed, required
from ..engine.next_step import level_fields
from ..rules.conditions import fields_tested, holds, leaves
from ..rules.ruleset import Rule, RuleSet


def framing(signs: "Signs") -> Any:
    """What frame first reads of a point beside the level's facts: the weakest of
    competence and intention (as the carry bands and the limits tell it apart), which of
    them it is, and whether the frame is short of that at all."""
    def read(point: dict[str, Any]) -> tuple:
        competence, intention = point["competence"], point["intention"]
        return (signs.read("weakest", min(competence, intention)), intention < competence,
                point["resources"] >= FRAME_IN_PLACE)
    return read


class Signs:
    """What a point's value of a fact is, as far as the rules in question can tell: the
    outcome of each of their tests of that fact (`competence >= 3`, `tags contains x`).
    Points whose values differ only where no test tells them apart are decided alike, so
    a key of these signs, not of the values, lets a check decide each once. A fact read
    other than through a condition (the safeguards in place, which the plan and the
    lifts read by name) keeps its value."""

    def __init__(self, conditions: Any, more: dict[str, set] | None = None,
                 raw: frozenset[str] = frozenset({"safeguards"})) -> None:
        tests: dict[str, set] = {f: set(found) for f, found in (more or {}).items()}
        for condition in conditions:
            for field, op, value in leaves(condition):
                tests.setdefault(field, set()).add(
                    (op, tuple(value) if isinstance(value, list) else value))
        self.tests = {f: sorted(found, key=repr) for f, found in tests.items() if f not in raw}
        self.known: dict[tuple, Any] = {}

    def read(self, field: str, value: Any) -> Any:
        tests = self.tests.get(field)
        if tests is None:
            return value
        key = (field, value)
        found = self.known.get(key)
        if found is None:
            facts = {field: value}
            found = self.known[key] = tuple([holds(field, op, v, facts) for op, v in tests])
        return found


def _column(signs: Signs, field: str, grid: list[dict[str, Any]]) -> list[Any]:
    """Each point's sign of one fact (`Signs.read`), read once for each value it takes."""
    values = [point.get(field) for point in grid]
    sign = {value: signs.read(field, value) for value in set(values)}
    return [sign[value] for value in values]


class Keys:
    """Each grid point's values of some facts, and the same in a context (what the
    context changes laid over them): the keys a check remembers decisions and control
    sets under, read from each point once. A key is the number of the point's values
    and what the context changes of them, so a context costs one pass over the points
    however many facts the rules read (a fact a rule reads is in every key)."""

    def __init__(self, fields: list[str], grid: list[dict[str, Any]], signs: Signs,
                 derived: Any = None) -> None:
        self.at = {f: at for at, f in enumerate(fields)}
        self.signs = signs
        # a column a fact: each point's sign of it, read once for each value it takes
        columns = [_column(signs, f, grid) for f in fields]
        if derived:
            columns.append([derived(point) for point in grid])
        numbers: dict[tuple, int] = {}
        self.plain = [numbers.setdefault(key, len(numbers)) for key in zip(*columns)] \
            if columns else [0] * len(grid)
        self.unchanged = [(n, ()) for n in self.plain]
        # the first point of each number (numbered as first met, so in the grid's order)
        self.first_at: list[int] = []
        for at, n in enumerate(self.plain):
            if n == len(self.first_at):
                self.first_at.append(at)

    def over(self, changed: dict[str, Any]) -> tuple:
        """What a context changes of the keys' facts: the second half of its keys."""
        read = self.signs.read
        return tuple(sorted((self.at[f], read(f, value)) for f, value in changed.items()
                            if f in self.at))

    def within(self, changed: dict[str, Any]) -> list[tuple]:
        over = self.over(changed)
        if not over:
            return self.unchanged
        return [(n, over) for n in self.plain]


class Decisions:
    """The decisions of one rule set, kept across the contexts of a check, each under the
    values of the facts the level depends on (the red lines' fields too: those that
    require measures)."""

    def __init__(self, rules: RuleSet, grid: list[dict[str, Any]]) -> None:
        self.rules = remembering(rules)
        # frame first: the level also depends on the weakest of competence and intention,
        # and on whether the frame is short at all (`framing`)
        limits = [*rules.caps, *rules.red_lines]
        signs = Signs([e.get("when") for e in limits],
                      {"weakest": {(">=", b.item["at_least"]) for b in rules.carry}})
        self.keys = Keys(level_fields(rules), grid, signs, framing(signs))
        self.table: dict[tuple, tuple] = {}
        first = grid[0]
        varying = {f for f in first if any(point[f] != first[f] for point in grid)}
        # the caps and red lines whose test no score or answer changes: in a context,
        # each holds at every point or at none
        self.fixed = {id(e) for e in [*self.rules.caps, *self.rules.red_lines]
                      if not fields_tested([e.get("when")]) & varying}
        self.first = first

    def within(self, changed: dict[str, Any]) -> RuleSet:
        """The rule set as it decides in a context: without the caps and red lines that
        hold at no point of it (a rule on a task fact another context gives), so a
        point is decided by the rules that can hold there, not by all of them."""
        facts = {**self.first, **changed}

        def can(entry: Rule) -> bool:
            return id(entry) not in self.fixed or entry.test(facts)
        return dataclasses.replace(self.rules, caps=[c for c in self.rules.caps if can(c)],
                                   red_lines=[r for r in self.rules.red_lines if can(r)])


def remembering(rules: RuleSet) -> RuleSet:
    """The same rule set, with each cap's and red line's compiled test remembered under
    the values of the facts its condition reads (a test reads nothing else)."""
    return dataclasses.replace(rules, caps=[_remembered(c) for c in rules.caps],
                               red_lines=[_remembered(r) for r in rules.red_lines])


def _remembered(entry: Rule) -> Rule:
    read = sorted(fields_tested([entry.get("when")]))
    test = entry.test
    known: dict[tuple, bool] = {}

    def recall(facts: dict[str, Any]) -> bool:
        key = tuple([facts.get(f) for f in read])
        found = known.get(key)
        if found is None:
            found = known[key] = test(facts)
        return found
    return entry._replace(test=recall)


class Shown:
    """The controls a plan shows with those they supersede, and how many it shows (in
    place, required or chosen), kept across the contexts of a check under what choosing
    them depends on: a grid has few such combinations."""

    def __init__(self, rules: RuleSet, grid: list[dict[str, Any]]) -> None:
        fields = fields_tested(c.get("when") for c in rules.controls) | {"safeguards"}
        self.ranked = parts.ranked(rules.controls)
        # a plan also reads each answer a measure answers for being at its extreme
        extremes = {f: {("==", value)} for f, value in self.ranked.fields.items()}
        self.keys = Keys(sorted(fields), grid,
                         Signs([c.get("when") for c in rules.controls], extremes))
        self.by_id = {c.key: c for c in rules.controls}
        self.by_level = any(c.get("takes_back") for c in rules.controls)
        self.table: dict[tuple, tuple[frozenset[str], int]] = {}

    def of(self, values: tuple, point: dict[str, Any], changed: dict[str, Any],
           needs: dict[str, Rule], level: int) -> tuple[frozenset[str], int]:
        """For a grid point in a context (`changed`: what the context changes of it) at
        `level`, its keys' `values` read already."""
        # the level chooses too, where a control takes the decision back (`parts.shown`)
        key = (values, tuple(needs), self.by_level and level >= parts.ADVISE)
        found = self.table.get(key)
        if found is None:
            shown = [entry[0] for entry in parts.shown(
                self.ranked, {**point, **changed, "level": level}, needs, parts.SHOWN,
                because=False).measures]
            found = self.table[key] = (frozenset(
                [*shown, *(s for c in shown for s in self.by_id[c].get("supersedes"))]),
                len(shown))
        return found


def distinct(changed: dict[str, Any], grid: list[dict[str, Any]], decided: Decisions
             ) -> list[tuple[Any, list[Rule], int, dict[str, Rule], Rule | None]]:
    """The decisions in a context (`changed`: what it changes of a plain case), one for
    each number of the level's keys (`Keys.plain`), made at its first point: (band,
    limits, level, required, the limit that holds the level). Each is decided once for
    the values of the facts the level depends on, and kept in `decided` for the next
    context: most points and contexts differ in nothing else."""
    table, rules, keys = decided.table, decided.within(changed), decided.keys
    over = keys.over(changed)
    found = []
    for n, at in enumerate(keys.first_at):
        decision = table.get((n, over))
        if decision is None:
            facts = {**grid[at], **changed}
            band = next((b for b in rules.carry if facts["weakest"] >= b.item["at_least"]),
                        None)
            if band is None:
                decision = table[(n, over)] = (None, [], 0, {}, None)
            else:
                _band, limits, level = decide(rules, facts)
                framing = framed(rules, facts)
                if framing is not None and framing[1] > level:  # as `assess` decides it
                    facts = framing[0]
                    band, limits, level = decide(rules, facts)
                decision = table[(n, over)] = (band, limits, level, required(rules, facts),
                                               binding(limits, facts))
        found.append(decision)
    return found
