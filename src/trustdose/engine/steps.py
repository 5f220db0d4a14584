"""The next step as a part of an assessment: what lifts the level a step, searched once
for the scores and the level's facts (`search`), and said for the case (`said`), whose
words depend also on whether the task is an event, which answers were uncertain and the
facts their texts read; or, while a closer follow-up runs, the review that ends it
(`held`)."""

from __future__ import annotations

from typing import Any

from ..i18n import _
from ..model.assessment import NextStep, Part, part
from .compiled import Compiled
from .decide import binding, decide, level_ref, lifted
from .next_step import once, step_to


def search(compiled: Compiled, facts: dict[str, Any]) -> tuple | None:
    """What lifts the level a step (`next_step.Search`): the level, the change of the
    scores, else the cap that holds it and the safeguards that would lift it, and what
    the words read of it; None at Delegate. It depends on the scores and the level's
    facts alone."""
    level = facts["level"]
    if level >= 7:
        return None
    change = compiled.search.change(facts, level)
    cap = None
    if change is None:  # what holds it: the cap below the band, or one level with it
        cap = compiled.rules.limit(facts["cap"]) if facts["cap"] else \
            binding(decide(compiled.rules, facts)[1], facts)
    safeguards = compiled.search.safeguards(facts, level) if change is None else ()
    # what the words read of it (many scores come to the same step), and the facts the
    # texts of the changed dimensions read ({lacking}, {who}: `Compiled.step_reads`)
    # (and the safeguard in place that lifts the cap, which the words name)
    said_of = (level, cap and cap.id, cap and lifted(cap, facts)[1], facts["capped"],
               safeguards, change and tuple((dim, facts[dim], to) for dim, to in change.items()))
    read = sorted({name for dim in change or () for name in compiled.step_reads[dim]})
    # the words this search's cases took, by what they read of the case: most cases
    # find theirs here, under a short key (the table under `said_of` holds them all)
    return level, change, cap, safeguards, said_of, read, {}


def said(compiled: Compiled, facts: dict[str, Any], key: tuple) -> Part:
    """The next step in words, for a case whose scores and level key are `key`: the
    search's (`search`, remembered under `key`) said for this case, whose words also
    depend on whether the task is an event, which changed answers were uncertain and
    the facts the texts read; made once for each of those."""
    t = compiled.tables
    searched = t.step.get(key) or t.step.keep(key, search(compiled, facts))
    if searched is None:
        return _NO_STEP
    level, change, cap, safeguards, said_of, read, took = searched
    uncertain = facts["uncertain"]
    unsure = tuple([d for d in change if d in uncertain]) if change and uncertain else ()
    case = (once(facts), unsure, *[facts.get(name) for name in read]) if read \
        else (once(facts), unsure)
    found = took.get(case)
    if found is None:
        words = (said_of, case)
        found = took[case] = t.step_words.get(words) or t.step_words.keep(words, _said(
            compiled, facts, level, cap, change, safeguards))
    return found


def _said(compiled: Compiled, facts: dict[str, Any], level: int, cap: Any, change: Any,
          safeguards: tuple[str, ...]) -> Part:
    step = step_to(compiled.rules, facts, level, cap, change, safeguards)
    return part(step, {"next_step": step})


_NO_STEP = part(None, {"next_step": None})


def held(compiled: Compiled, d: Any, mine: bool = False) -> Part:
    """While a closer follow-up runs, the next step is the review that ends it; `mine`:
    the review found only the leader's own part, which the leader does meanwhile."""
    text = _("The level stays here while you do your part ({reason}). When it is done, "
             "look at how it went together and decide the next step.") if mine else _(
        "The level stays here while the closer follow-up runs ({reason}). When it ends, "
        "look at how it went together and decide the next step.")
    step = NextStep(level_ref(compiled.rules, min(7, d.level.number + 1)), [],
                    text.format(reason=d.cap_reason))
    return part(step, {"next_step": step})
