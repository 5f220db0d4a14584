"""What an agreement says where someone may come to harm: who is in someone's care and
from which task risk, "act first" (and the emergency number) before telling the leader or
the back-up, the situations told at once after acting, and the look at work whose mistakes
cannot be put right before it reaches anyone. The words are gettext messages
(`i18n.N_`), translated where they are said (`report.agreement`)."""

from __future__ import annotations

from typing import Any

from ..i18n import N_

# the people in someone's care, whose safety is at stake in the task: in danger, one
# acts first and tells the leader at once, never waits for the leader (issue 21)
IN_CARE = frozenset({"children", "pupils", "young-people", "residents", "patients"})
DANGER = 3  # the task risk from which harm can come to them: a trip, not a reading plan
# what "act first" means is said: the emergency number where needed (cold reads: "act
# first" told no one what to do for a child's allergic reaction or a child gone missing)
ACT_FIRST = N_("If someone's safety is in danger, act first (call the emergency services "
               "where needed), then tell me at once.")
# where the leader is away (a night), whom they tell is the back-up (a native read)
ACT_FIRST_AWAY = N_("If someone's safety is in danger, act first (call the emergency services "
                    "where needed), then tell the back-up at once.")
# children and young people: a safeguarding line, not only an accident (a strict read of
# an evening youth club found none); said of whom the task is for: a kindergarten's and a
# Year 5 trip's are children, a youth club's young people (two cold reads crossed out each
# the other's word); "in danger", not "welfare at risk", which read translated in Norwegian
ACT_FIRST_YOUNG = {
    "children": N_("If a child is in danger, act first (call the emergency services where "
                   "needed), then tell me at once."),
    "pupils": N_("If a pupil is in danger, act first (call the emergency services where "
                 "needed), then tell me at once."),
    "young-people": N_("If a young person is in danger, act first (call the emergency "
                       "services where needed), then tell me at once."),
}
YOUNG = frozenset(ACT_FIRST_YOUNG)
# where children or people in care are in the workers' hands (a club evening, a trip, a
# kitchen), not a plan made at a desk: the danger line whatever the task's risk
HANDS_ON = frozenset({"routine", "one-off"})
# where someone may be in danger, the situations are told after acting: under their own
# heading, after "act first" (cold reads: "call me at once" over "a child goes missing"
# and over "a resident leaves and may be in danger" read as calling before acting)
TELL_AT_ONCE = N_("Tell me at once")
# the case's own situations to come first, said once for them all: some are decisions that
# wait for me (a care package cut against the user's objection), some are acted on by the
# case's own words ("to the DSL the same day, then to me"); where someone may be in danger,
# "act first" stands above them (cold reads crossed out "tell me at once", and then "act
# first" in this heading beside a safeguarding concern, a complaint and the press)
COME_FIRST = N_("Come to me first in these situations")
AWAY_TELL_AT_ONCE = N_("Tell the back-up at once")
# where a mistake does harm that cannot be put right (an allergen in a child's food), a
# look at finished work finds it too late: the work is looked at as it is done, before it
# reaches anyone (two cold reads of a school kitchen; seed 002: errors caught in time)
IRREVERSIBLE = 4  # risk.reversibility from which a mistake cannot be put right
SPOT_BEFORE_HARM = N_("Now and then, announced beforehand, I look at the work as it is done, "
                      "before it reaches anyone, so that a mistake is caught before it does "
                      "harm.")


def in_danger(a: Any) -> bool:
    """Whether someone in the workers' care may come to harm in the task: at a task risk
    where harm can come, or in their hands on the spot (a trip, a club evening)."""
    return a.task.people in IN_CARE and (a.scores["risk"] >= DANGER
                                         or a.task.kind in HANDS_ON)


def spot_as_done(a: Any) -> bool:
    """Whether spot checks look at the work as it is done: a mistake in the task cannot be
    put right (its reversibility answer), and no authorisation makes the judgement the
    holder's own by law (a health visitor's home visit is not watched; her records are
    read afterwards: a cold read)."""
    return (a.parts.scored.value.indicators.get("risk.reversibility") or 0) >= IRREVERSIBLE \
        and "authorisation" not in a.task.safeguards


# the stop-gap where people in care may need help at night: help that can always be had
# is called, never waited for (cold reads of night staff and a nurse after a fall: "do
# nothing that cannot be put right until someone is reached" left a fracture till morning)
CARED_FOR = frozenset({"residents", "patients", "citizens"})  # (a youth club's evening is
# no doctor's: there the emergency services, said first, and nothing that cannot be undone)
# (the doctor for what is a doctor's, not after an unnamed back-up: a later cold read)
# (the number above, not "the back-up" the heading says is not there yet: a cold read)
OUT_OF_HOURS = N_("Otherwise follow what is written down; where it does not cover the "
                  "situation, call the out-of-hours doctor or the number above, whichever "
                  "the situation needs: never wait to get help.")
# an authorisation makes the professional judgement the holder's at any level: what a level
# below Inquire shares is the work around it (a cold read: a licensed night nurse told to
# decide a fall "together with the back-up", and a health visitor's decisions shared while
# her time was freed)
OWN_JUDGEMENT = N_("Your professional assessments are your own, as your authorisation says; "
                   "what we decide together is how the work around them is organised.")
OWN_JUDGEMENT_TEAM = N_("Your professional assessments are your own, as your authorisations "
                        "say; what we decide together is how the work around them is "
                        "organised.")
