"""What an agreement says of a one-off event with its day (a trip, a camp, an open day):
the plan is agreed before the day, the decisions on the day are theirs within it, and the
leader is on the phone while it is under way, so no back-up line stands beside that
promise and no signature is asked for where no one can sign (cold reads of a summer camp
with two nights: "nobody signs at a camp at two in the morning", "two numbers and no
name")."""

from __future__ import annotations

from typing import Any

from ..i18n import N_


def is_event(a: Any) -> bool:
    """Whether the task is a one-off with its day."""
    return a.task.kind == "one-off" and a.task.due is not None


# Agree on the day: the plan is what is agreed; within it, the calls on the spot are theirs
EVENT_AGREE = N_("We agree on the plan together before the day. On the day, you decide "
                 "within the plan; call me about what it does not cover, and where "
                 "something cannot wait, act first and call afterwards.")
EVENT_AGREE_TEAM = N_("We agree on the plan together before the day. On the day, you decide "
                      "within the plan yourselves; call me about what it does not cover, "
                      "and where something cannot wait, act first and call afterwards.")
ON_THE_DAY = N_("While it is under way, you can always reach me by phone.")
# where the plan has a back-up line: named on the agreement, not promised as a second
# number beside mine
ON_THE_DAY_BACKUP = N_("While it is under way, you can always reach me by phone; if I do not "
                       "answer, call ………………… (written in before the day).")
# a decision that cannot be undone is made by two on the spot, not signed for afterwards
# ... and never a wait where someone is in danger (a cold read: "never one alone" could make
# an adult hesitate by the water)
FOUR_EYES = N_("Decisions that cannot be undone you take together with a second qualified "
               "person, never alone; where someone is in danger, you act at once.")
FOUR_EYES_TEAM = N_("Decisions that cannot be undone are taken by two of you together, one "
                    "of them qualified for it, never by one alone; where someone is in "
                    "danger, whoever is there acts at once.")
