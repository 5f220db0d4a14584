"""What a team does until the back-up line the leader promised is in place: someone named
on the agreement itself, the emergency services first, and, below Inquire, what to do where
what is written does not cover the situation."""

from __future__ import annotations

from typing import Any

from ..i18n import _
from .agreement_parts import Section
from .danger_words import CARED_FOR, OUT_OF_HOURS
from .signing import BLANK

INQUIRE = 6  # from here they decide alone and tell afterwards


def backup_pending(a: Any) -> bool:
    """Whether the back-up line is the leader's homework still to do."""
    return "backup-line" in [*(a.frame_first.measures if a.frame_first else ()),
                             *(m.id for m in a.feedback if not m.in_place)]


def until_backup(a: Any, away: bool) -> list[Section]:
    """Where the back-up line is the leader's homework still to do, what they do until
    it is there (a cold read: night staff told to call a back-up that comes in February;
    a later one: a medication change with no stop-gap, where the back-up was promised but
    held no level back, so no date). The day it holds by is said once, in the level's own
    words, not again here (a cold read crossed out "Until 25 January" under "Until the
    back-up is in place")."""
    if not away or not backup_pending(a):
        return []
    # when the report is read is said once, under how we keep in touch (a cold read: "the
    # next working day" here beside "the day after" there)
    # a back-up named, with a number, on the agreement itself, so every "call the
    # back-up" above has someone to reach (cold reads: 112 as the only stop-gap; "whoever
    # is responsible" is no one to ring; a blank to call); the emergency services first
    # where someone is at risk, never "the rest waits" (night staff whose crises must not
    # grow by waiting); below Inquire, nothing that cannot be put right until someone is
    # reached ("the safest thing" invited a guess at a dose); at Inquire and above they
    # decide alone already, and nothing is held back (a gritting team on call)
    # (not "until then, the back-up is": under its heading it read as going in a circle)
    said = [_("Until there is a fixed back-up, call: {blank} (a name and a number, written "
              "in before the next shift).").format(blank=BLANK),
            _("Where someone's safety is at risk, call the emergency services first.")]
    if a.level.number < INQUIRE and a.task.people in CARED_FOR:
        said.append(_(OUT_OF_HOURS))
    elif a.level.number < INQUIRE:
        said.append(_("Otherwise follow what is written down, and where it does not cover "
                      "the situation and no one can be reached, do nothing that cannot be "
                      "put right until you have reached someone."))
    said.append(_("Write in the report what was done and why."))
    return [Section(_("Until the back-up is in place"), (" ".join(said),))]
