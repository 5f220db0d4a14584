"""Whether each rule decided after the level (review, controls, feedback, warnings,
checklist, questions) can fire at all (`rules check`'s never-fires): a search for one case
where it does, over the grid, the contexts, a planned level and an uncertain answer, as far
as the rules still pending depend on them."""

from __future__ import annotations

import dataclasses
from itertools import product
from typing import Any

from ..engine.decide import binding, decide, lifted, settle_level
from ..engine.next_step import level_fields
from ..model.vocabulary import DIMENSIONS
from ..rules.conditions import DECIDED_FACTS, FACT_PREFIX, fields_tested
from ..rules.ruleset import Rule, RuleSet
from .decisions import Keys, Signs
from .grid import BEFORE_LEVEL, Context, contexts, fields, overrides
from .inputs import SINGLE


def _alike(rules: RuleSet, grid: list[dict], entries: list[Rule]) -> list[int]:
    """Each grid point's number among the points the rules `entries` (and the carry bands,
    and an uncertain answer, which counts as 3) cannot tell apart: a point alike another
    decides alike in every variant, so the search tries one of each."""
    more = {"weakest": {(">=", b.item["at_least"]) for b in rules.carry},
            **{d: {("==", 3.0)} for d in DIMENSIONS}}
    read = sorted(fields(entries) | set(more) | set(level_fields(rules)))
    return Keys(read, grid, Signs([e.get("when") for e in entries], more)).plain


def post_decision(rules: RuleSet, grid: list[dict], pending: list[Rule],
                   fired: set[str]) -> None:
    """Look for a case in which each rule decided after the level fires, varying the
    planned level, uncertain answers and the context at every grid point, as far as the
    rules still pending (and the level) depend on them."""
    level_rules = [e for e in rules.all_rules() if e.section in BEFORE_LEVEL]
    search = _Search(rules, pending, level_rules)
    alike = _alike(rules, grid, [*pending, *rules.review, *level_rules])
    seen: set[int] = set()
    # visit the grid scattered, not in order: many rules need every precondition high,
    # which in index order comes last; 2,000 is coprime to 9⁴, so this is a permutation
    for at in ((i * 2000) % len(grid) for i in range(len(grid))):
        if not search.pending:
            break
        if alike[at] in seen:  # a point no rule here tells from one tried: alike in all
            continue
        seen.add(alike[at])
        point = grid[at]
        if any(point["weakest"] >= b.item["at_least"] for b in rules.carry):
            while search.pending and search.tried(point):
                pass  # a rule fired and the variants shrank: try this point anew
    fired.update(search.fired)


class _Search:
    """The search's state: the rules still pending, what a point is tried with, the level
    decided for each value of the facts it depends on, and the outcomes already tried."""

    def __init__(self, rules: RuleSet, pending: list[Rule], level_rules: list[Rule]):
        self.rules, self.pending, self.level_rules = rules, pending, level_rules
        self.review_ids = {e.id for e in rules.review}
        self.fired: set[str] = set()
        self.found: dict[tuple, list[Context]] = {}  # the contexts of the rules that read them
        self.limiting = _remembering(rules)  # the level, each limit's test remembered
        self.deciding = level_fields(rules)  # a context may leave a task fact out: None
        # the level depends on neither a planned level nor an uncertain answer (the
        # default rules): it is decided once for a point in a context, and a point and
        # context whose outcome depends on nothing not tried before is passed over
        self.apart = not {"planned", "uncertain"} & set(self.deciding)
        self.decided: dict[tuple, tuple] = {}
        self._vary()

    def _vary(self) -> None:
        self.changes, self.plans, self.unsures = _variants(
            self.rules, self.pending, self.level_rules, self.found)
        asked = [*self.pending, *self.rules.review]
        self.reading = sorted(fields(asked) - {"planned", "uncertain", *DECIDED_FACTS})
        self.outcomes: set[tuple] = set()

    def tried(self, point: dict) -> bool:
        """Try a point in every variant until a pending rule fires: whether one did."""
        for changed in self.changes:
            facts = {**point, **changed}
            if self.apart:
                settled = self._settled(facts)
                threes = tuple([point[u] == 3.0 for u in self.unsures if u is not None])
                carried, level, cap = settled
                outcome = (carried, level, cap and cap.id, threes,
                           tuple([facts.get(f) for f in self.reading]))
                if outcome in self.outcomes:
                    continue
                self.outcomes.add(outcome)
            for planned, unsure in product(self.plans, self.unsures):
                if unsure is not None and point[unsure] != 3.0:
                    continue  # an uncertain answer counts as 3
                if self._fires({**facts, "planned": planned,
                                "uncertain": (unsure,) if unsure else ()}):
                    return True
        return False

    def _settled(self, facts: dict) -> tuple:
        """The level decided, once for each value of the facts it depends on."""
        key = tuple([facts.get(f) for f in self.deciding])
        settled = self.decided.get(key)
        if settled is None:
            band, limits, level = decide(self.limiting, facts)
            holding = binding(limits, facts)
            settled = self.decided[key] = (band.item["level"], level, holding if holding
                                           is not None and lifted(holding, facts)[0] <
                                           band.item["level"] else None)
        return settled

    def _fires(self, facts: dict) -> bool:
        settle_level(facts, *self._settled(facts))
        chosen = next(r for r in self.rules.review if r.test(facts))
        hits = {e.id for e in self.pending
                if (e is chosen if e.id in self.review_ids else e.test(facts))}
        if hits:
            self.fired.update(hits)
            self.pending = [e for e in self.pending if e.id not in hits]
            self._vary()
        return bool(hits)


def _variants(rules: RuleSet, pending: list[Rule], level_rules: list[Rule],
              found: dict[tuple, list[Context]]
              ) -> tuple[list[dict], list[int | None], list[str | None]]:
    """What a grid point is tried with: each context the pending rules (and the level's)
    can tell apart, each planned level and each uncertain answer, where they read them.
    The contexts depend only on the rules that read what a context gives (`_reads_
    context`): as rules fire and leave the search, they are made anew only when one of
    those has left (`found`, under those rules)."""
    review_ids = {e.id for e in rules.review}
    asked = [*pending, *(rules.review if review_ids & {e.id for e in pending} else ())]
    used = fields(asked) | fields(level_rules)
    plans = [None, *range(1, 8)] if used & {"planned", "planned_gap"} else [None]
    unsures = [None, *DIMENSIONS] if "uncertain" in used else [None]
    # (the level's rules are the same throughout a search: those asked tell it apart)
    reading = tuple(id(e) for e in asked if _reads_context(e))
    made = found.get(reading)
    if made is None:
        made = found[reading] = contexts(entries=[*asked, *level_rules])
    # safeguards matter here only through the level: none, or all of them (the highest
    # levels) is enough, and keeps the search small
    most = max((len(c.safeguards) for c in made), default=0)
    changes = [overrides(c) for c in made if len(c.safeguards) in (0, most)]
    return changes, plans, unsures


def _reads_context(entry: Rule) -> bool:
    """Whether a rule reads what a context gives (tags, task facts, the safeguards, the
    kind of task or subject, someone new, a due date), or is lifted by a safeguard:
    `grid.contexts` makes nothing of any other rule."""
    return bool(entry.section in BEFORE_LEVEL and entry.get("lifted_by")) or any(
        f == "tags" or f.startswith(FACT_PREFIX) or f in SINGLE for f in fields([entry]))


def _remembering(rules: RuleSet) -> RuleSet:
    """The same rule set, with each cap's and red line's test remembered under the values
    of the facts its condition reads (a test reads nothing else): the search decides the
    level for each value of all the facts any limit reads, and a limit reads few of them
    (a red line on 2,000 tags, only the tags)."""
    def remembered(entry: Rule) -> Rule:
        read = sorted(fields_tested([entry.get("when")]))
        test, known = entry.test, {}

        def recall(facts: dict[str, Any]) -> bool:
            key = tuple([facts.get(f) for f in read])
            found = known.get(key)
            if found is None:
                found = known[key] = test(facts)
            return found
        return entry._replace(test=recall)
    return dataclasses.replace(rules, caps=[remembered(c) for c in rules.caps],
                               red_lines=[remembered(r) for r in rules.red_lines])
