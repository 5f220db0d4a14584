"""A subject's track record as the journal knows it, and the words for how a delegation
went: what the engine takes into account when it assesses the subject again.

The seed (002, "At håndtere brud på tilliden") diagnoses a breach of trust by the same
preconditions the trust was dosed by, apart from changed circumstances (nobody failed)
and bad faith (deliberate misuse, handled apart from dosing).
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from ..i18n import N_

OUTCOMES = ("kept", "strained", "broken")
CAUSES = ("competence", "intention", "resources", "circumstances", "bad-faith",
          "my-frame", "my-signals", "my-presence")
# The leader's own part in a breach (issue 24; 002: "I alle tre tilfælde peger pilen begge
# veje"): what the leader did or left undone, never a reason for closer control of the
# person (`journal.review`).
OWN_CAUSES = ("my-frame", "my-signals", "my-presence")


def own_part(causes: tuple[str, ...] | list[str]) -> bool:
    """Whether a review found only the leader's own part: the level is then kept while
    the leader does it (their homework), never closer follow-up of the person."""
    return bool(causes) and set(causes) <= set(OWN_CAUSES)

OUTCOME_LABELS = {"kept": N_("kept"), "strained": N_("strained"), "broken": N_("broken")}
CAUSE_LABELS = {
    "competence": N_("competence was lacking"),
    "intention": N_("intention was lacking"),
    "resources": N_("resources or the frame were lacking"),
    "circumstances": N_("circumstances changed"),
    "bad-faith": N_("bad faith: deliberate misuse"),
    "my-frame": N_("my part: the frame I gave was unclear"),
    "my-signals": N_("my part: my signals were inconsistent"),
    "my-presence": N_("my part: I was not there when needed"),
}
# A cause in one word, as a leader types it after --cause (in English, the id itself).
CAUSE_WORDS = {"competence": N_("competence"), "intention": N_("intention"),
               "resources": N_("resources"), "circumstances": N_("circumstances"),
               "bad-faith": N_("bad-faith"), "my-frame": N_("my-frame"),
               "my-signals": N_("my-signals"), "my-presence": N_("my-presence")}


class LastReview(NamedTuple):
    """The latest review of one of the subject's delegations."""

    day: dt.date
    outcome: str  # kept | strained | broken
    causes: tuple[str, ...]
    level: int  # the level of the delegation that was reviewed
    temporary_level: int | None  # closer follow-up at this level …
    until: dt.date | None  # … until this day
    # the reviewed delegation was a board's area (its task): its follow-up holds that
    # area alone, never the subject's other tasks (None: a task of its own, holding all)
    area: str | None = None


class Track(NamedTuple):
    """What the journal holds about a subject: the last saved assessment and review."""

    source: str  # the journal, named in warnings that come from it
    day: dt.date  # of the last saved assessment
    level: int
    task: str
    review: LastReview | None
