"""What the report and the agreement read alike of an assessment's situation: whether the
task is done where the leader cannot be asked, whether the work is looked at in full
another way than by a sample, and a safeguard in place in the case's own words, so the
two documents never say one thing two ways."""

from __future__ import annotations

from typing import Any

from .event_words import is_event

# checks of each decision before it takes effect: no sample of them afterwards beside
LOOKED_AT_FIRST = frozenset({"review-point", "four-eyes", "approval"})
AWAY_HOURS = frozenset({"weekend", "evening", "night", "on-call"})


def away_from(a: Any) -> bool:
    """Whether the task is done where the leader cannot be asked: the plan has a back-up
    line, or the task is done in hours the leader is off (a cold read: a weekend's
    medicine change told to ask the leader first, the back-up line left out for room)."""
    if is_event(a):
        return False  # on the day of an event I am on the phone (`event_words`)
    return any(m.id == "backup-line" for m in a.feedback) or bool(
        AWAY_HOURS & set(a.task.tags))


def looked_back(a: Any) -> bool:
    """Whether the work is looked at in full another way, so a sample of it afterwards
    would say the same again: a one-off's debrief, what was decided while I was away gone
    through on my first day back (below Delegate), or each decision looked at before it
    takes effect (cold reads crossed out each beside spot checks, in the report and the
    agreement alike)."""
    return any(m.id == "brief-and-debrief" or (m.id == "backup-line" and
                                               a.level.name != "delegate")
               for m in a.feedback) or any(m.id in LOOKED_AT_FIRST and not m.in_place
                                           for m in a.controls)


def routine_words(a: Any, m: Any) -> str:
    """A safeguard in place in the case's own words where it names the routine (a task
    fact under the safeguard's id: `written-instructions: Sikkerhetsrutinen for turer ved
    vann`), else by its title."""
    words = a.task.facts.get(m.id)
    return words if isinstance(words, str) and words.strip() else m.title
