"""The agreement's words: what each level means day to day, the controls and feedback
measures said as what happens and what the leader promises, and the leader's homework
by a date, in the leader's voice to the one who takes the task on (`report.agreement`
picks among them for a case)."""

from __future__ import annotations

from ..i18n import N_

# What each level means in daily work, in the leader's voice to the one who takes the
# task on (one voice throughout: we, you, I; translations keep "you" out of the words,
# so that a team is never addressed as one person)
DAILY = {
    "tell": N_("I decide and say what is to be done; carry it out as agreed, and tell me at "
               "once of anything I should know."),
    "sell": N_("I decide and explain why, so the sense of it is clear; ask me about anything "
               "that is unclear before starting."),
    "consult": N_("Your view and proposals come first; then I decide, and say what I decided "
                  "and why."),
    # the decisions that matter, not every call (cold reads: an experienced housing officer
    # held at Agree by the risk "would need me for every call and referral")
    "agree": N_("The decisions that matter we take together; the day-to-day work is yours."),
    "advise": N_("The decision is yours; before making it, ask me for advice, and choose for "
                 "yourself whether to follow it."),
    "inquire": N_("The decision is yours, and so is acting on it; afterwards, tell me what "
                  "was decided and how it went."),
    "delegate": N_("The decision is yours, within the limits we agreed; we look at it "
                   "together at the review."),
}

# The controls, as what happens before or around acting (the measure's own texts are
# written to the leader). Coming to the leader first is said from the case's own
# situations (`task.escalate`), never from examples the case did not give.
BEFORE = {
    "hold-point": N_("Nothing that cannot be undone goes ahead before we have gone through "
                     "it together."),
    "four-eyes": N_("A second qualified person goes through and signs decisions that "
                    "cannot be undone."),
    "witness-point": N_("At the one or two critical steps we agree on, I am there, or an "
                        "experienced colleague is."),
    # under "Before a decision takes effect": not said again (a cold read)
    "review-point": N_("We go through the decision or the draft together first."),
    "approval": N_("The approval the law or the organisation requires is in place before "
                   "the decision takes effect."),
    "pilot": N_("We start with a limited first round, look at it together, then widen it."),
    # what was done, in any sector (a cold read: a crisis night is no "finished work")
    # a statement of what happens, not a promise to say it later (a fifth cold read)
    # to catch mistakes in time as well as to learn: where a check exists to find errors
    # (allergens), "not to find fault" was crossed out (a cold read; seed 002: errors
    # caught in time, to act on and learn from)
    # announced, as the measure says (a later cold read: the word was lost here)
    "spot-checks": N_("Now and then, announced beforehand, I look at some of what was done, "
                      "so that mistakes are caught in time and we learn from them together."),
    # a decision on someone's rights says how to appeal it (a fifth cold read: a refusal)
    # each decision, in the sector's own words (a cold read: "rights, health or safety"
    # listed for a sanction in social assistance)
    "document-grounds": N_("Each decision is written down with its grounds and, where the "
                           "law gives one, how to appeal."),
    # a statement, not a promise to agree later (a cold read: a complaint or a threat
    # to staff always reaches management)
    # said as what the leader does for them (a cold read after a breach read "I keep
    # management informed" as "I report you upward")
    # no examples of what draws attention: the task may itself be the complaint, the
    # press case or the threat (a cold read crossed out "(a complaint, the press)" there)
    # talked over first, then taken up by me (two cold reads after a breach: "I tell
    # management myself" read as reporting on her)
    "inform-up": N_("Where something must reach management, we talk it over first, and then "
                    "I take it there myself."),
    # who writes it and when, for work that may be running already (a cold read: "is
    # written down before it starts", passive, for casework under way): how we start
    "written-instructions": N_("At our first talk, we write down together what may be done, "
                               "within which limits, and when to call for help."),
    "system-check": N_("The system checks the entries and stops what falls outside the "
                       "limits."),
    "checklist": N_("The steps that must always be taken are on a checklist, followed "
                    "each time."),
    "deviation-reporting": N_("Mistakes and near misses are reported as usual, and we go "
                              "through them afterwards to learn from them."),
}
# what happens after acting, though a control: said as how the leader follows up
# grounds without an appeal, where the decision is not one on a citizen's rights (a cold
# read: "when the decision can be appealed" for a night nurse's assessment of a fall)
GROUNDS = N_("Each decision is written down with its grounds, so that it can be explained "
             "and looked at again.")
SAMPLED = frozenset({"spot-checks", "deviation-reporting"})  # finished work looked at
# written grounds are kept as the work goes, not a step before acting (a cold read: "before
# a decision takes effect: each decision written down" beside an acute fall at night)
AFTER = SAMPLED | {"inform-up", "document-grounds"}
RULED = {"review-point": N_("For the decisions our rules name, we go through the decision "
                            "or the draft together first; the rest you decide yourself.")}
# The same, said to a team where a language tells one from many (Swedish själv/själva,
# Danish and Norwegian du/I/dere)
DAILY_TEAM = {
    "agree": N_("The decisions that matter we take together; the day-to-day work is yours to "
                "do."),
    "advise": N_("The decisions are yours; before making them, ask me for advice, and choose "
                 "for yourselves whether to follow it."),
    "inquire": N_("The decisions are yours, and so is acting on them; afterwards, tell me "
                  "what was decided and how it went."),
    # said to them, not in the passive (cold reads: "Beslutningerne træffes … uden mig",
    # "Först läggs synpunkter och förslag fram")
    "consult": N_("Your views and proposals as a team come first; then I decide, and say "
                  "what I decided and why."),
    "delegate": N_("The decisions are yours as a team, within the limits we agreed; we look "
                   "at them together at the review."),
}
# with ground rules given, Advise is scoped by them: the messages within them are the
# person's own (a cold read crossed out an unscoped 'before making it, ask me for advice'
# after a repair talk had handed the messages back); the ground rules always hold, and
# advice is asked before what is out of the ordinary (a later cold read crossed out
# "for what falls outside them, ask me … and choose yourself": read as leave to break them)
GROUND_RULED = {
    "advise": N_("The decisions are yours, always within our ground rules; before a decision "
                 "out of the ordinary, ask me for advice first, and choose for yourself "
                 "whether to follow it."),
}
GROUND_RULED_TEAM = {
    "advise": N_("The decisions are yours, always within our ground rules; before a decision "
                 "out of the ordinary, ask me for advice first, and choose for yourselves "
                 "whether to follow it."),
}
# a one-off has nothing ordinary to be out of: advice before the decisions that matter
# most (a cold read: "before a decision out of the ordinary" for a press reply)
GROUND_RULED_ONE_OFF = {
    "advise": N_("The decisions are yours, always within our ground rules; before the ones "
                 "that matter most, ask me for advice, and choose for yourself whether to "
                 "follow it."),
}
GROUND_RULED_ONE_OFF_TEAM = {
    "advise": N_("The decisions are yours, always within our ground rules; before the ones "
                 "that matter most, ask me for advice, and choose for yourselves whether to "
                 "follow it."),
}
RULED_TEAM = {"review-point": N_("For the decisions our rules name, we go through the "
                                 "decision or the draft together first; the rest you decide "
                                 "yourselves.")}

# where the leader cannot be asked (a weekend, an evening, a night: the plan's back-up
# line), the back-up is whom they ask first, and at Delegate only a weekend that needed
# it is gone through afterwards (a cold read: a debrief of every weekend is Inquire)
AWAY_ESCALATION = N_("Agree when the back-up is called first")
AWAY_ASKED = N_("In which situations is the back-up called before acting?")
AWAY_LOOK_BACK = N_("On the first working day after the back-up has been called, we go "
                    "through together what happened.")
# away each night or evening, not on leave: the look back is the next day (a cold read of
# a night team crossed out "the first working day I am back")
NEXT_DAY = frozenset({"night", "evening"})
# night staff go home in the morning: the handover report, then a talk when they are on
# duty again (a final cold read)
NEXT_DAY_LOOK_BACK = N_("The day after the back-up has been called, I read the handover "
                        "report, and we go through it together when you are next on duty.")
# the back-up is who is called where the leader is away (a cold read of a night team:
# "ask me first" with nobody there to ask)
AWAY_DAILY = {
    # what cannot wait is acted on first (a cold read of night staff: an acute crisis is
    # out of the ordinary, and "call first" made them phone before acting)
    "advise": N_("The decisions are yours. Where something out of the ordinary can wait, "
                 "call the back-up for advice first, and choose for yourself whether to "
                 "follow it; where it cannot, act first and call afterwards."),
    # a routine where I am off (a weekend's first visits): what the routine does not
    # cover is talked over with the back-up, not with me (a final cold read)
    "advise-routine": N_("Within the routine the day-to-day calls are yours; for what it "
                         "does not cover, call the back-up for advice first, and choose for "
                         "yourself whether to follow it."),
    "agree-routine": N_("Within the routine the day-to-day calls are yours; what it does not "
                        "cover, you decide together with the back-up."),
    # not "neither of us decides alone" to a nurse alone at three in the morning (a cold
    # read): what cannot wait, with the back-up; what can, with me
    "agree": N_("What cannot wait for me, you decide together with the back-up; the rest, "
                "we decide together."),
}
AWAY_DAILY_TEAM = {
    "advise": N_("The decisions are yours. Where something out of the ordinary can wait, "
                 "call the back-up for advice first, and choose for yourselves whether to "
                 "follow it; where it cannot, act first and call afterwards."),
    "advise-routine": N_("Within the routine the day-to-day calls are yours; for what it "
                         "does not cover, call the back-up for advice first, and choose for "
                         "yourselves whether to follow it."),
    "agree-routine": N_("Within the routine the day-to-day calls are yours to make; what it "
                        "does not cover, you decide together with the back-up."),
    "agree": N_("What cannot wait for me, you decide with the back-up; the rest, we decide "
                "together."),
}
AWAY_FIRST = N_("When to call the back-up first")
AWAY_AT_ONCE = N_("Call the back-up at once")
SKILL_ASKED = N_("What would build the skill best: a course, a mentor, or doing it "
                 "alongside someone?")
# the leader's promise to clear up what is unclear says what is unclear at the first
# talk, where the case has not said it (a cold read: "what is still unclear" left open)
# and who decides it is the leader's to find out, not theirs (a cold read: the leader's
# unsettled mandate handed to the team as a question)
UNCLEAR_ASKED = N_("What about the task or its limits is unclear? Finding out who decides "
                   "it is my part.")


# The feedback measures: how we keep in touch, and what they can count on from the leader.
TOUCH = {
    "checkin-close": N_("Short talks twice a week while the task runs: what is done, what "
                        "is next, what is in the way."),
    "checkin-weekly": N_("A short weekly check-in about progress, doubts and what is "
                         "needed from me."),
    # night or evening staff, often temps, are met where they are: at the shift change
    # (a cold read: a fixed weekly talk does not work with night staff)
    "checkin-weekly-shift": N_("Once a week I come by at the shift change for a short talk "
                               "about how it goes, what is unclear and what is needed from "
                               "me."),
    # asked for by the one it speaks to, never "the one doing the task" (a fourth cold read)
    # no milestones agreed unless the case gives them (a fifth cold read)
    "checkin-milestones-ongoing": N_("A short talk when you ask for it; I am within reach "
                                     "in between."),
    "checkin-milestones": N_("A short talk when you ask for it, or when a part of the task "
                             "is done; I am within reach in between."),
    # a one-off with no day given (a purchase): before it is done, not "before the day"
    "brief-and-debrief-undated": N_("Before it is done, we go through it together; "
                                    "afterwards, we look back at how it went."),
    "brief-and-debrief": N_("Shortly before the day, we go through the plan, the roles "
                            "and what to do if something happens; after it, we look back "
                            "together."),
    # a one-off that is a draft (a press reply): no day, no roles; the draft is looked at
    "brief-draft": N_("Before it goes out, we look at the draft together; afterwards, we "
                      "look back at how it went."),
    # ... said once: where our own check before a decision takes effect says the look
    # before, here only the look back (a cold read crossed out the same look said twice)
    "brief-draft-checked": N_("When it has gone out, we look back together at how it "
                              "went."),
    "trial-period": N_("A first period until the review; then we look at how it went and "
                       "decide the next step together."),
    # said as when and how (a strict read crossed out "at agreed points" as vague)
    # work of their own, in any sector (a cold read: a kitchen has no "cases")
    "peer-feedback": N_("Once a month, at a team meeting, one of you brings a piece of "
                        "their own work; the others say what they would have done the same "
                        "way, and what differently."),
    "clear-agreements": N_("Our agreements are written down in a few lines, and we look at "
                           "them at the next talk."),
    # where the leader cannot be asked (a weekend, a night): the look back afterwards
    # "the first working day after" said after what: the day I am back (a tmux run read
    # "Første hverdag efter" with nothing after it)
    "backup-line": N_("On the first working day I am back, we go through together what "
                      "was decided while I was away."),
    "backup-line-delegate": AWAY_LOOK_BACK,
    # the leader works days: a talk is a call or the shift change (a cold read crossed
    # out "together when you are next on duty" for night staff)
    "backup-line-next-day": N_("The day after, I read the handover report; if there is "
                               "something to talk over, I call, or come by at the shift "
                               "change."),
    "backup-line-next-day-delegate": NEXT_DAY_LOOK_BACK,
    "backup-line-on-call": N_("When the on-call week changes, I read the on-call log; if "
                              "there is something to talk over, I call."),
    "backup-line-on-call-delegate": AWAY_LOOK_BACK,
    # a weekend team is off on Monday: the leader reads what was noted and calls (a cold
    # read crossed out "we go through together" on the first working day)
    "backup-line-weekend": N_("On the first working day, I read what was noted over the "
                              "weekend; if there is something to talk over, I call."),
    # reading what was noted is no debrief: the same at Delegate, said once on a board
    # (a cold read found the two said one after the other)
    "backup-line-weekend-delegate": N_("On the first working day, I read what was noted "
                                       "over the weekend; if there is something to talk "
                                       "over, I call."),
    "learning-review": N_("When the task is done, we look back together: what worked, and "
                          "what to change."),
    # a task that goes on is never "done": its results are looked at now and then
    "learning-review-ongoing": N_("Now and then we go through a few cases together: what "
                                  "came of them, what worked, and what to change."),
}
ASK = {
    # ordered now: access takes days to come through (a fourth cold read: "today"), and
    # when is seldom the leader's to promise (a later one crossed out "in place before it
    # starts" for a new assessor whose logins IT makes): what is done until then
    "access": N_("Today I order the tools and access the task needs; until they are there, "
                 "we do the parts that need them together."),
    "be-reachable": N_("I say how and when I can be reached, and whom to ask when I am "
                       "away."),
    # an on-call line is seldom the leader's alone to set up (two cold reads: a promise
    # the leader cannot keep): what the leader does, and takes up where it is not theirs
    # a number to call, which may exist already (a cold read: "I arrange a back-up"
    # where the file never says there is none); never "dere" to one night nurse
    "backup-line": N_("I make sure there is a number to call for what cannot wait, an "
                      "on-call phone or a back-up, and take it up with my own manager where "
                      "that is not mine to decide."),
    # which support is a question for the first talk (`SKILL_ASKED`), not a menu (a
    # cold read: "a course, a mentor or a colleague" beside the colleague already named)
    # a promise, not a fragment (three cold reads)
    "training-mentoring": N_("I make room for building the skill the task asks for: time, "
                             "and the support we choose together."),
    "experienced-colleague": N_("An experienced colleague to learn from and ask along the "
                                "way."),
    "learn-alongside": N_("We do it together the first time, before it is handed over."),
    # the leader's promise, not a demand filed under it (a fourth cold read, C4)
    "hand-back": N_("When something is difficult, I make time to think it through "
                    "together; the choice is yours."),
    "sparring": N_("When something is difficult, I make time to think it through "
                   "together; the choice is yours."),
    "safe-to-speak": N_("Doubts and mistakes can be raised without anyone looking for "
                        "someone to blame."),
    "purpose-talk": N_("A talk about why the task matters, and which part of it you would "
                       "like to own."),
    # present, not watching: at Delegate a cold read read "I follow how it goes" as
    # monitoring a ten-year routine (seed 002: less detail control, not less leadership)
    # a promise that says what they get (two cold reads crossed out "I take an interest
    # in the work and am easy to reach" as a phrase that says nothing)
    # and not "I make time" beside the same words of a talk when it is difficult (a cold
    # read: said twice under one heading)
    "present-leadership": N_("You decide when you need me; you can always ask."),
    "recognition": N_("I say specifically what went well."),
}
# The leader's homework for the frame, said as what the leader does and by when: the
# case's own words where it gives them (a task fact under the measure's id), else these
# (a fourth cold read: not 'help to make room', which hands the leader's job over)
DATED = {
    # said as a UK manager says it (a second cold read: "free the time … put aside or waits")
    # whose time (a cold read: "I make time for the task" read as the head's own)
    # what the leader can do in a fixed timetable: say what gives way (a cold read: a head
    # cannot "free up time" mid-term, only decide what waits)
    "prioritise": (N_("By {date}, I will say what can wait or be dropped, so that the task "
                      "has the time it needs."),
                   # (not "before it starts": casework before a hearing has started)
                   N_("Straight away, I say what can wait or be dropped, so that the task "
                      "has the time it needs.")),
    # (a cold read of the English: "what is still open in the task's limits" is vague)
    # an answer that lies above me is promised as taken up and passed on, not by a date
    # (a cold read: "by 15 February … or get the answer from those above me")
    "clarify-frame": (N_("By {date}, I will settle what is still unclear about the task, or "
                         "take it to those above me and pass on their answer as soon as I "
                         "have it."),
                      N_("Straight away, I settle what is still unclear about the task, "
                         "or take it to those above me and pass on their answer as soon as "
                         "I have it.")),
}

# in a routine the day-to-day calls are made on the spot, within the routine: the level is
# about what the routine does not cover (a fourth cold read: not "ask me first" every day)
DAILY_ROUTINE = {
    "agree": N_("Within the routine the day-to-day calls are yours; what it does not cover, "
                "we decide together."),
    "advise": N_("Within the routine the day-to-day calls are yours; for what it does not "
                 "cover, ask me for advice first, and choose for yourself whether to follow "
                 "it."),
    # not a report on each of a routine's decisions (cold reads: "tell me afterwards" for
    # every small grant is new paperwork)
    "inquire": N_("Within the routine the decisions are yours; tell me afterwards about the "
                  "unusual or difficult ones."),
}
# Advise only by the written routine, where a mistake cannot be put right (an allergen):
# what it does not cover waits for my advice, then the choice is theirs; not "choose
# whether to follow it" (a cold read), nor Agree's "we decide together" under Advise (the
# next two)
UNCOVERED = N_("Within the routine the day-to-day calls are yours; what it does not cover "
               "is not done until you have asked me for advice, and then you decide.")
UNCOVERED_TEAM = N_("Within the routine the day-to-day calls are yours to make; what it does "
                    "not cover is not done until you have asked me for advice, and then you "
                    "decide.")
DAILY_ROUTINE_TEAM = {
    "agree": N_("Within the routine, the day-to-day calls are yours to make; what it does "
                "not cover, we decide together."),
    "advise": N_("Within the routine the day-to-day calls are yours; for what it does not "
                 "cover, ask me for advice first, and choose for yourselves whether to follow "
                 "it."),
    "inquire": N_("Within the routine the decisions are yours to make; tell me afterwards "
                  "about the unusual or difficult ones."),
}
# an event with its day: where the leader is on the day (a fourth cold read)
# not the day twice; and "while it is under way", which holds for a camp of three days as
# for a trip of one (a cold read: "on the day itself" for a camp with two nights)
CALL_AT_ONCE = N_("Call me at once")
WHICH_COLLEAGUE = N_("Which experienced colleague will it be, and when do you first meet?")

# below Advise the choice is not the employee's: the proposals are talked through
TWO_PROPOSALS = ("hand-back", "sparring")
# to a team the choice is the team's: said as whose it is (a cold read crossed out "men
# valget er ikke mitt", a leader disclaiming a responsibility that stays theirs)
ASK_TEAM = {**{m: N_("When something is difficult, I make time to think it through with "
                     "you; the choice stays with the team.") for m in TWO_PROPOSALS},
            # a team decides together when it needs the leader (a native read: "du" to a team)
            "present-leadership": N_("You decide together when you need me; you can always "
                                     "ask.")}
TALK_THROUGH = N_("When something is difficult, I make time to talk it through together.")
FIXED_TALKS = frozenset({"checkin-weekly", "checkin-close"})  # talks at a set time
BETWEEN_TALKS = N_("Between our talks, ask whenever you need me.")
# below Inquire some things come to me first: not "you decide when you need me" beside them
# (cold reads: a kitchen whose exceptions to the allergy routine wait for my advice)
BEYOND_FIRST = N_("Beyond what comes to me first, ask whenever you need me.")
