"""Decisions held below the level a case carries: at the temporary level of a review's
closer follow-up still running (a breach: seed 002, "At håndtere brud på tilliden"), and
at a level agreed below it (a board's area), each then the cap that holds it."""

from __future__ import annotations

from typing import Any

from ..i18n import _, format_date, pick
from ..model.assessment import Fired, Part
from ..model.track import Track, own_part
from ..rules.ruleset import Rule
from .compiled import Compiled
from .decide import decision_part, level_ref, team_meaning

HELD = "journal:closer-follow-up"  # what holds the level while a review's follow-up runs
AGREED = "agreed"  # what holds an area's plan at the level agreed below the one it carries
BREACHES = "002: At håndtere brud på tilliden"  # where the seed says how to follow up a breach


def label(compiled: Compiled, number: int) -> str:
    return f"{number} {pick(compiled.rules.levels[number].item['label'])}"


def agreed_at(compiled: Compiled, d: Any, agreed: int) -> Part:
    """The decision at the level agreed below the one the case carries, which then is
    what caps it."""
    reason = _("the level agreed for it is {level}").format(level=label(compiled, agreed))
    cap = Rule("agreed", AGREED, {"level": agreed, "reason": {"en": reason}}, "agreed",
               "agreed", (), {}, lambda _facts: True)
    return decision_part(d._replace(
        level=level_ref(compiled.rules, agreed), cap=cap, cap_reason=reason,
        why=d.why._replace(meaning=pick(compiled.rules.levels[agreed].item["meaning"]),
                           team_meaning=team_meaning(compiled.rules, agreed)),
        trace=[*d.trace, Fired(AGREED, "agreed", f"agreed at level {agreed}")]))


def held_at(compiled: Compiled, d: Any, hold: tuple, track: Track) -> Part:
    """The decision with the level held at the temporary level of a running follow-up,
    which then is what caps it."""
    level, reviewed, until = hold
    mine = track.review is not None and own_part(track.review.causes)
    reason = (_("the review on {date} keeps {level} until {until}, while you do your part")
              if mine else _("the review on {date} agreed closer follow-up at {level} until "
                             "{until}")).format(
        date=format_date(reviewed), level=label(compiled, level), until=format_date(until))
    cap = Rule("review", HELD, {"level": level, "reason": {"en": reason}}, track.source,
               "journal", (), {}, lambda _facts: True)
    held_decision = d._replace(
        level=level_ref(compiled.rules, level), cap=cap, cap_reason=reason,
        why=d.why._replace(cap_cite=BREACHES,
                           meaning=pick(compiled.rules.levels[level].item["meaning"]),
                           team_meaning=team_meaning(compiled.rules, level)),
        trace=[*d.trace, Fired(HELD, track.source, f"closer follow-up at level {level} until "
                                                   f"{until.isoformat()}")])
    return decision_part(held_decision)
