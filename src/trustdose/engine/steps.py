"""The next step as a part of an assessment: what lifts the level a step, searched once
for the scores and the level's facts (`search`), and said for the case (`said`), whose
words depend also on whether the task is an event and which answers were uncertain; or,
while a closer follow-up runs, the review that ends it (`held`)."""

from __future__ import annotations

from typing import Any

from ..i18n import _
from ..model.assessment import NextStep, Part, part
from .compiled import Compiled
from .decide import binding, decide, level_ref
from .next_step import once, step_to


def search(compiled: Compiled, facts: dict[str, Any]) -> tuple | None:
    """What lifts the level a step (`next_step.Search`): the level, the change of the
    scores, else the cap that holds it and the safeguards that would lift it; None at
    Delegate. It depends on the scores and the level's facts alone."""
    level = facts["level"]
    if level >= 7:
        return None
    change = compiled.search.change(facts, level)
    cap = None
    if change is None:  # what holds it: the cap below the band, or one level with it
        cap = compiled.rules.limit(facts["cap"]) if facts["cap"] else \
            binding(decide(compiled.rules, facts)[1], facts)
    safeguards = compiled.search.safeguards(facts, level) if change is None else ()
    # what the words read of it, made once here: the case adds only the event and the
    # uncertain answers (`said`)
    said_of = (level, cap and cap.id, facts["capped"], safeguards,
               change and tuple((dim, facts[dim], to) for dim, to in change.items()))
    return level, change, cap, safeguards, said_of


def said(compiled: Compiled, facts: dict[str, Any], search: tuple | None) -> Part:
    """The next step in words: the search's (`search`) said for this case, whose
    words also depend on whether the task is an event and which changed answer was
    uncertain; made once for each of those."""
    if search is None:
        return _NO_STEP
    level, change, cap, safeguards, said_of = search
    uncertain = facts["uncertain"]
    unsure = tuple([d for d in change if d in uncertain]) if change and uncertain else ()

    def make() -> Part:
        step = step_to(compiled.rules, facts, level, cap, change, safeguards)
        return part(step, {"next_step": step})
    # what the steps' placeholders read ({lacking}: the frame's own answers; {who}): the
    # facts their texts name, derived from the texts (`Compiled.step_reads`)
    read = tuple(facts.get(name) for name in compiled.step_reads)
    return compiled.remember("step words", (said_of, once(facts), unsure, read), make)


_NO_STEP = part(None, {"next_step": None})


def held(compiled: Compiled, d: Any) -> Part:
    """While a closer follow-up runs, the next step is the review that ends it."""
    step = NextStep(level_ref(compiled.rules, min(7, d.level.number + 1)), [], _(
        "The level stays here while the closer follow-up runs ({reason}). When it ends, "
        "look at how it went together and decide the next step.").format(reason=d.cap_reason))
    return part(step, {"next_step": step})
