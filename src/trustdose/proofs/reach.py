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
from ..rules.conditions import FACT_PREFIX, fields_tested
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
    review_ids = {e.id for e in rules.review}
    level_rules = [e for e in rules.all_rules() if e.section in BEFORE_LEVEL]
    limiting = _remembering(rules)  # the level, decided with each limit's test remembered
    found: dict[tuple, list[Context]] = {}  # the contexts of the rules that read them

    def variants(pending: list[Rule]) -> list[tuple[dict, int | None, str | None]]:
        return _variants(rules, pending, level_rules, found)

    combos = variants(pending)
    deciding = level_fields(rules)  # a context may leave a task fact out: then it is None

    def level_key(facts: dict) -> tuple:
        return tuple([facts.get(f) for f in deciding])
    decided: dict[tuple, tuple] = {}
    alike = _alike(rules, grid, [*pending, *rules.review, *level_rules])
    seen: set[int] = set()
    # visit the grid scattered, not in order: many rules need every precondition high,
    # which in index order comes last; 2,000 is coprime to 9⁴, so this is a permutation
    for at in ((i * 2000) % len(grid) for i in range(len(grid))):
        if not pending:
            return
        if alike[at] in seen:  # a point no rule here tells from one tried: alike in all
            continue
        seen.add(alike[at])
        point = grid[at]
        if not any(point["weakest"] >= b.item["at_least"] for b in rules.carry):
            continue
        again = True
        while again and pending:  # when a rule fires, the variants shrink: try this point anew
            again = False
            for changed, planned, unsure in combos:
                if unsure is not None and point[unsure] != 3.0:
                    continue  # an uncertain answer counts as 3
                facts = {**point, **changed, "planned": planned,
                         "uncertain": (unsure,) if unsure else ()}
                key = level_key(facts)
                settled = decided.get(key)
                if settled is None:  # the level depends on few facts: decide each once
                    band, limits, level = decide(limiting, facts)
                    holding = binding(limits, facts)
                    settled = decided[key] = (band.item["level"], level, holding if holding
                                              is not None and lifted(holding, facts)[0] <
                                              band.item["level"] else None)
                settle_level(facts, *settled)
                chosen = next(r for r in rules.review if r.test(facts))
                hits = {e.id for e in pending
                        if (e is chosen if e.id in review_ids else e.test(facts))}
                if hits:
                    fired.update(hits)
                    pending = [e for e in pending if e.id not in fired]
                    combos, again = variants(pending), True
                    break


def _variants(rules: RuleSet, pending: list[Rule], level_rules: list[Rule],
              found: dict[tuple, list[Context]]) -> list[tuple[dict, int | None, str | None]]:
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
    return list(product(changes, plans, unsures))


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
