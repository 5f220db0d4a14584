"""What a rule set decides at each point of `rules check`'s grid in a context (the
level, the red lines' requirements, the controls shown), remembered across the contexts
of a check under the values of the facts each depends on, read from each point once:
most points and contexts differ in nothing else. `check` and `diff` both walk it.

Within a context, each cap's and red line's test is remembered too, under the values of
the facts its own condition reads (`remembering`): a red line on 2,000 tags reads only
the tags, which a context fixes, so it is tested once per context, not at each of the
hundreds of points the level's other facts tell apart."""

from __future__ import annotations

from typing import Any

from ..engine import parts
from ..engine.decide import FRAME_IN_PLACE, binding, frame_in_place, lifted
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


def _column(signs: Signs, field: str, grid: list[dict[str, Any]], codes: dict[Any, int]
            ) -> list[int]:
    """Each point's sign of one fact (`Signs.read`), read once for each value it takes,
    as its number among the signs (`codes`): a sign of a rule on 2,000 tags is 4,000
    answers, hashed once, not in the key of each point."""
    values = [point.get(field) for point in grid]
    code = {value: codes.setdefault(signs.read(field, value), len(codes))
            for value in set(values)}
    return [code[value] for value in values]


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
        self.fields, self.derived = fields, derived
        # a column a fact: each point's sign of it, read once for each value it takes
        self.codes: list[dict[Any, int]] = [{} for _f in fields]
        columns = [_column(signs, f, grid, codes) for f, codes in zip(fields, self.codes)]
        if derived:
            columns.append([derived(point) for point in grid])
        numbers: dict[tuple, int] = {}
        self.plain = [numbers.setdefault(key, len(numbers)) for key in zip(*columns)] \
            if columns else [0] * len(grid)
        # the first point of each number (numbered as first met, so in the grid's order)
        self.first_at: list[int] = []
        for at, n in enumerate(self.plain):
            if n == len(self.first_at):
                self.first_at.append(at)

    def key(self, point: dict[str, Any]) -> tuple:
        """The key of one point (of those numbered, `plain`, or any other)."""
        read = self.signs.read
        return tuple([codes.setdefault(read(f, point.get(f)), len(codes))
                      for f, codes in zip(self.fields, self.codes)]
                     + ([self.derived(point)] if self.derived else []))

    def over(self, changed: dict[str, Any]) -> tuple:
        """What a context changes of the keys' facts: the second half of its keys."""
        read = self.signs.read
        return tuple(sorted((self.at[f], read(f, value)) for f, value in changed.items()
                            if f in self.at))


class Decisions:
    """The decisions of one rule set, kept across the contexts of a check, each under the
    values of the facts the level depends on (the red lines' fields too: those that
    require measures).

    The points decided are the first of each number of the level's keys (`Keys.plain`),
    and after them the same with the frame in place where a grid point lacks it (frame
    first decides such a point as the one with the frame in place, when that is higher).
    A context is decided limit by limit, not point by point: each cap and red line is
    tested once for each value of the facts it reads among those points, and the points
    alike in their carry band and in the limits that hold share one decision."""

    def __init__(self, rules: RuleSet, grid: list[dict[str, Any]]) -> None:
        self.rules = rules
        # frame first: the level also depends on the weakest of competence and intention,
        # and on whether the frame is short at all (`framing`)
        limits = [*rules.caps, *rules.red_lines]
        signs = Signs([e.get("when") for e in limits],
                      {"weakest": {(">=", b.item["at_least"]) for b in rules.carry}})
        self.keys = Keys(level_fields(rules), grid, signs, framing(signs))
        self.table: dict[tuple, list[tuple]] = {}  # a context's keys → its decisions
        self.points = [grid[at] for at in self.keys.first_at]
        numbers = {self.keys.key(point): n for n, point in enumerate(self.points)}
        # each point's number with the frame in place (None where it is in place)
        self.framed: list[int | None] = []
        for point in list(self.points):
            fixed = frame_in_place(rules, point)
            if fixed is not None and numbers.setdefault(
                    self.keys.key(fixed), len(self.points)) == len(self.points):
                self.points.append(fixed)
            self.framed.append(None if fixed is None else numbers[self.keys.key(fixed)])
        # each point's carry band, by its place among them (None: a gap)
        self.bands = [next((at for at, b in enumerate(rules.carry)
                            if point["weakest"] >= b.item["at_least"]), None)
                      for point in self.points]
        # the caps, the red lines that cap a level and those that require measures, each
        # with its points numbered by the values of the facts it reads (`_holding`)
        self.limits = [(e, e.section == "caps" or e.get("level") is not None,
                        bool(e.section == "red_lines" and e.get("require")),
                        _numbered(self.points, sorted(fields_tested([e.get("when")]))))
                       for e in limits]

    def within(self, changed: dict[str, Any]) -> list[tuple]:
        """The decisions in a context (`distinct`), made once for its keys' values."""
        over = self.keys.over(changed)
        found = self.table.get(over)
        if found is None:
            found = self.table[over] = self._decide(changed)
        return found

    def _decide(self, changed: dict[str, Any]) -> list[tuple]:
        facts = {**self.points[0], **changed}  # what lifts a limit: the context's safeguards
        # the limits that hold somewhere in this context, and where
        holding = [(at, vector) for at, (entry, _caps, _requires, numbered)
                   in enumerate(self.limits)
                   if any(vector := _holding(entry.test, numbered, self.points, changed))]
        alike: dict[tuple, tuple] = {}
        made = []
        for key in zip(self.bands, *[v for _at, v in holding]):
            decision = alike.get(key)
            if decision is None:
                held = [self.limits[at] for (at, _v), holds in zip(holding, key[1:]) if holds]
                decision = alike[key] = _GAP if key[0] is None else _decision(
                    self.rules.carry[key[0]], held, facts)
            made.append(decision)
        for n, to in enumerate(self.framed):  # as `assess` decides it: the frame first
            if to is not None and made[n][0] is not None and made[to][2] > made[n][2]:
                made[n] = made[to]
        return made[:len(self.keys.first_at)]


_GAP: tuple = (None, [], 0, {}, None)


def _decision(band: Rule, held: list[tuple], facts: dict[str, Any]) -> tuple:
    """A decision (`distinct`) from its carry band and the limits that hold (as
    `Decisions.limits` keeps them), the lowest of them all as the safeguards lift them:
    what `engine.decide`, `required` and `binding` make of them."""
    limits = [e for e, caps, _requires, _n in held if caps]  # the caps first, as kept
    needs: dict[str, Rule] = {}
    for line, _caps, requires, _n in held:
        if requires:
            for measure in line.item["require"]:
                needs.setdefault(measure, line)
    level = min([band.item["level"]] + [lifted(e, facts)[0] for e in limits])
    return (band, limits, level, needs, binding(limits, facts))


def _numbered(points: list[dict[str, Any]], read: list[str]) -> tuple[list[int], list[int]]:
    """Each point's number among the values of the facts `read` the points take, and
    the first point of each number."""
    numbers: dict[tuple, int] = {}
    each = [numbers.setdefault(tuple([point.get(f) for f in read]), len(numbers))
            for point in points]
    firsts: dict[int, int] = {}
    for at, n in enumerate(each):
        firsts.setdefault(n, at)
    return each, list(firsts.values())


def _holding(test: Any, numbered: tuple[list[int], list[int]], points: list[dict[str, Any]],
             changed: dict[str, Any]) -> list[bool]:
    """Whether a condition holds at each point in a context, tested once for each value
    of the facts it reads (`_numbered`)."""
    each, firsts = numbered
    found = [test({**points[at], **changed}) for at in firsts]
    return [found[n] for n in each]


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


def distinct(changed: dict[str, Any], decided: Decisions
             ) -> list[tuple[Any, list[Rule], int, dict[str, Rule], Rule | None]]:
    """The decisions in a context (`changed`: what it changes of a plain case), one for
    each number of the level's keys (`Keys.plain`), as made at its first point: (band,
    limits, level, required, the limit that holds the level). Made once for the values
    of the facts the level depends on, and kept in `decided` for the next context: most
    points and contexts differ in nothing else. Points alike in their decision share it."""
    return decided.within(changed)
