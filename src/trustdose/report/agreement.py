"""The delegation agreement, written by the leader to the employee or team who takes
the task on, in one voice (*we*, *you*, *I*): the task, its day and why it matters, how
much is theirs to decide and what that means day to day, what is always respected and
the red lines, the safeguards in place, when to come to the leader first (and, where
someone's safety is at stake, to act first), how we keep in touch, what they can count on
from the leader, how we will know it went well, the review, and questions for the first
talk. Nothing in it judges the person: no scores, no warnings, no rule ids.

`build` makes it once as an `Agreement` of plain texts; a module per format draws it
(`agreement_markdown`, `agreement_html`, `agreement_word`, `agreement_text`), each
escaping every text for itself, so text from the case cannot add headings, links, HTML
or control characters in any of them."""

from __future__ import annotations

from typing import Any

from ..engine.frame import START
from ..engine.workdays import working_day
from ..i18n import _, format_date, in_sentence
from ..model.case import due_said
from ..model.vocabulary import RUNNING_KINDS
from . import start
from .agreement_parts import Agreement, Items, Section
from .agreement_repair import follow_up
from .signing import signing
from .stop_gap import INQUIRE, until_backup
from .agreement_words import (AFTER, ASK, ASK_TEAM, AWAY_ASKED, AWAY_AT_ONCE, AWAY_DAILY,
                              AWAY_DAILY_TEAM, AWAY_FIRST, BEFORE, BETWEEN_TALKS, BEYOND_FIRST,
                              CALL_AT_ONCE, DAILY, DAILY_ROUTINE, DAILY_ROUTINE_TEAM, DAILY_TEAM,
                              DATED,
                              FIXED_TALKS, GROUNDS, GROUND_RULED, GROUND_RULED_ONE_OFF,
                              GROUND_RULED_ONE_OFF_TEAM, GROUND_RULED_TEAM,
                              NEXT_DAY, RULED, RULED_TEAM, SAMPLED,
                              SKILL_ASKED, TALK_THROUGH, TOUCH, TWO_PROPOSALS, UNCLEAR_ASKED,
                              UNCOVERED, UNCOVERED_TEAM, WHICH_COLLEAGUE)
from .danger_words import (ACT_FIRST, ACT_FIRST_AWAY, ACT_FIRST_YOUNG, AWAY_TELL_AT_ONCE,
                           COME_FIRST, OWN_JUDGEMENT, OWN_JUDGEMENT_TEAM,
                           SPOT_BEFORE_HARM, TELL_AT_ONCE, YOUNG, in_danger, spot_as_done)
from .situation import away_from, looked_back, routine_words
from .event_words import (EVENT_AGREE, EVENT_AGREE_TEAM, FOUR_EYES, FOUR_EYES_TEAM,
                          ON_THE_DAY, ON_THE_DAY_BACKUP, is_event)


def build(a: Any, leader: str | None = None) -> Agreement:
    """The agreement for one assessment, in the language it was made in. What the
    leader wrote in the case (purpose, ground rules, success, when to come first) is
    stated in their own words; what the case does not give is a question for the first
    talk, never a promise to write it later. It is from the case's leader, else
    `leader` (the configuration's), else a line to write the name on."""
    from ..i18n import current
    asked: list[str] = []  # what the case leaves open: asked at the first talk
    sections = _task(a, asked)
    own = _(OWN_JUDGEMENT_TEAM if a.subject.kind == "team" else OWN_JUDGEMENT)
    authorised = "authorisation" in a.task.safeguards
    # at Agree an authorised professional's assessments are hers, and what is decided
    # together is the work around them: said instead of "decide together with the
    # back-up" (a cold read: a night nurse's fall assessment is not shared)
    decides = [own if authorised and a.level.name == "agree" else _(_daily(a))]
    if a.frame_first and a.frame_first.measures:  # the delegation waits for the frame
        decides.append(" ".join(start.to_employee(a, _(_daily(a, a.frame_first.meanwhile.name)))))
    if authorised and own not in decides and a.level.number < INQUIRE:
        decides.append(own)
    sections.append(Section(_("Who decides: {level}").format(level=a.level.label),
                            tuple(decides)))
    sections += follow_up(a)
    sections += _listed(_("First, from me"), [_promise(a, m) for m in _first(a)])
    if "clarify-frame" in _first(a) and not _own(a, "clarify-frame"):
        asked.append(_(UNCLEAR_ASKED))  # what is unclear, named at the first talk
    sections += _frame(a, asked) + _along_the_way(a, asked)
    if a.task.success:
        sections.append(Section(_("How we will know it went well"), (a.task.success,)))
    else:
        asked.append(_("How will we know that it went well?"))
    # at Delegate there is no step up to decide: the review looks at how it goes (a cold
    # read crossed out "decide the next step" for a routine wholly the person's)
    review = _("On {date} we look back together at how it is going.") \
        if a.level.number == 7 and a.follow_up is None else \
        _("On {date} we look back together and decide the next step.")
    sections.append(Section(_("Review"), (review.format(date=format_date(a.review_date)),)))
    sections += _listed(_("Questions for our first talk"), asked + list(a.questions))
    return Agreement(_("Our agreement: {task}").format(task=a.task.title),
                     _("For {name}, agreed on {date}.").format(
                         name=in_sentence(a.subject.name), date=format_date(a.date)),
                     tuple(sections), current(), a.date, signing(a, leader))


def _first(a: Any) -> list[str]:
    """What the leader puts in place before it starts: the frame (time, tools, clarity,
    support) is the leader's to give, in the plan or waited for by frame first."""
    waited = a.frame_first.measures if a.frame_first else []
    shown = [m.id for m in a.feedback if m.addresses == ["resources"]]
    # a decision reserved for me: time freed for it was crossed out by three cold reads
    # (a complaint I answer, a purchase I approve); where a risk holds the level at
    # Consult, the work is still theirs and so is the time it takes (a later cold read:
    # a nurse's home visits, the leader's own sentence on freeing her time left out)
    mine = a.level.number <= CONSULT and "leaders-decision" in a.task.tags \
        and not _own(a, "prioritise")
    # on the day of an event I am on the phone: the back-up is named there (`ON_THE_DAY`)
    return [m for m in dict.fromkeys([*waited, *shown]) if (m in ASK or m in DATED)
            and not (m == "prioritise" and mine) and not (m == "backup-line" and is_event(a))]


def _promise(a: Any, m: str) -> str:
    """What the leader puts in place first, by the day the delegation starts (frame
    first) or before it starts: in the case's own words where it gives them."""
    frame = a.frame_first
    day = format_date(frame.start_by) if frame and m in frame.measures else ""
    words = a.task.facts.get(m)
    # the leader's own words as written, with no date of the tool's before them: they carry
    # their own timing ("I move the school health service to Tone until March"), and the
    # day the level holds by is said once, in the level's words (cold reads, three rounds:
    # a newborn's follow-up put two weeks off by "By 22 February:")
    if isinstance(words, str) and words.strip():
        return words
    if m not in DATED:
        return _(ASK[m])
    by, before = DATED[m]
    if m == "prioritise" and frame is not None and frame.upward and day:
        # the hours are set above the leader: a promise of what the leader can say, never
        # of hours the leader cannot free (a cold read crossed out "I free up the time")
        return _("By {date}, I will tell you what time the task gets and what can wait "
                 "until then; the hours themselves I take up with my own manager.").format(
            date=day)
    # a routine or ongoing task is already running: the homework is dated like frame
    # first's (a cold read crossed out 'Before it starts' for work that is theirs again)
    if not day and a.task.kind in RUNNING_KINDS:  # already running: it does not 'start'
        # by the day frame first would give (a weekday; the country's holidays are not
        # the assessment's to carry here)
        day = format_date(working_day(a.date + START, None))
    return _(by).format(date=day) if day else _(before)


STARTS = frozenset({"pilot", "written-instructions"})  # how the work starts, not checks
CONSULT = 3  # the highest level at which the leader makes the decision
AGREE = 4
CHECKED_BEFORE = frozenset({"hold-point", "four-eyes", "review-point", "approval"})


def _daily(a: Any, name: str = "") -> str:
    """What a level (by default the one recommended) means day to day, to a person or to
    a team."""
    name = name or a.level.name
    team = a.subject.kind == "team"
    routine = a.task.kind == "routine"
    if is_event(a) and name == "agree":  # the plan is agreed; on the day, theirs within it
        return EVENT_AGREE_TEAM if team else EVENT_AGREE
    if away_from(a):  # the back-up is asked, where I cannot be
        said = f"{name}-routine" if routine else name
        if said in AWAY_DAILY:
            return AWAY_DAILY_TEAM[said] if team else AWAY_DAILY[said]
    # what the routine leaves open; not where each decision is gone through before it
    # takes effect (a cold read: "the day-to-day calls are yours" beside a check of every
    # sanction before it is sent)
    checked = any(m.id in CHECKED_BEFORE and not m.in_place for m in a.controls)
    # above Agree only by the written routine: what it does not cover waits for my advice
    uncovered = a.parts.decided.value.uncovered
    if routine and name == "advise" and uncovered is not None and uncovered <= AGREE \
            and not checked:
        return UNCOVERED_TEAM if team else UNCOVERED
    if routine and name in DAILY_ROUTINE and not checked:
        return DAILY_ROUTINE_TEAM[name] if team else DAILY_ROUTINE[name]
    if a.task.ground_rules and name in GROUND_RULED:  # scoped by what is always respected
        if a.task.kind == "one-off":
            return GROUND_RULED_ONE_OFF_TEAM[name] if team else GROUND_RULED_ONE_OFF[name]
        return GROUND_RULED_TEAM[name] if team else GROUND_RULED[name]
    return DAILY_TEAM.get(name, DAILY[name]) if team else DAILY[name]


def _task(a: Any, asked: list[str]) -> list[Section]:
    """The task, its day, and why it matters."""
    task = a.task
    title = " ".join(task.title.split())
    said = [sentence(title)]
    if task.description:
        said.append(task.description)
    if task.due is not None:
        said.append(due_said(task))
    out = [Section(_("The task"), tuple(said))]
    if task.purpose:
        out.append(Section(_("Why it matters"), (sentence(task.purpose),)))
    else:
        asked.append(_("Do we see the purpose the same way: what the task is for, and for "
                       "whom?"))
    return out


def _frame(a: Any, asked: list[str]) -> list[Section]:
    """What we always respect, what is in place, what happens before acting, and when
    to come to the leader first."""
    task = a.task
    frame = [line.reason for line in a.red_lines]
    if not task.ground_rules:
        asked.append(_("What ground rules do we always keep to in this task?"))
    out = _listed(_("Our ground rules"), list(task.ground_rules),
                  _("Red lines: {lines}.").format(lines="; ".join(frame)) if frame else "")
    # a control the leader's own words put in place (`done_by`: the situations to come
    # first) is said in their words below, never by its title to the leader
    out += _listed(_("Already in place"), [routine_words(a, m) for m in a.controls
                                           if m.in_place and m.id in task.safeguards])
    out += _checks(a)
    shown = {m.id for m in a.controls if not m.in_place}
    # at Consult and below I decide: they do not act first (a cold read crossed the
    # question out for a complaint the leader answers)
    if not task.escalate and "escalation-criteria" in shown and a.level.number >= 4:
        asked.append(_(AWAY_ASKED) if away_from(a) else
                     _("In which situations do you come to me before acting?"))
    # people in the leader's own words are not taken to be in care: the line was said to
    # a jobcentre's caseworker on sanctions ("borgerne på kontanthjælp"), as for citizens
    danger = in_danger(a)
    act = _(ACT_FIRST_YOUNG[task.people] if task.people in YOUNG else
            ACT_FIRST_AWAY if away_from(a) else ACT_FIRST)
    if danger and task.kind == "one-off":  # on the day, act first, then tell at once,
        # under headings of their own (a cold read: "we think of calling the camp off"
        # listed under "in danger, act first")
        # to me, who can be reached by phone while it is under way (`ON_THE_DAY`), not to
        # a back-up beside that promise (a cold read of a camp with two nights)
        out.append(Section(_("In an emergency"), (act,)))
        return out + _listed(_(TELL_AT_ONCE), list(task.escalate))
    # a one-off has no time to wait for a talk, and where someone may be in danger no
    # one waits to ask first (a cold read: "ask me first" over "a resident leaves and may
    # be in danger", beside "act first"): its situations are a call at once; where I
    # cannot be reached, to the back-up
    away = away_from(a)
    # where I am away, the situations go to the back-up, who until the back-up line is in
    # place is the one the stop-gap names (cold reads: "tell the back-up" where it was a
    # blank to fill in; then "tell me" to a leader who is not at work at night)
    if danger:  # acting first is said above it: the case's situations come to me first
        # (a cold read: "act first" over a safeguarding concern that goes to the DSL)
        out.append(Section(_("In an emergency"), (act,)))
        heading = _(AWAY_TELL_AT_ONCE) if away else _(COME_FIRST)
    elif task.kind == "one-off":
        heading = _(AWAY_AT_ONCE) if away else _(CALL_AT_ONCE)
    else:  # the case's situations to come first: before acting (a cold read: "at once"
        # over a sanction for a family who cannot pay the rent read as "send, then tell";
        # later ones: "act first" over a safeguarding concern that goes to the DSL, and
        # beside a complaint or the press)
        heading = _(AWAY_FIRST) if away else _(COME_FIRST)
    return out + _listed(heading, list(task.escalate)) + until_backup(a, away)


def _checks(a: Any) -> list[Section]:
    """The controls said to them: how we start, what happens before a decision takes
    effect, and how I follow up afterwards."""
    # from advise up a check before the decision takes effect is there only because a
    # rule names the kind of decision (`engine.parts.shown`): said as that, not as a
    # check on every decision the level hands over
    ruled = RULED_TEAM if a.subject.kind == "team" else RULED
    said = {**BEFORE, **ruled} if a.level.number >= 5 else dict(BEFORE)
    if "citizen-decision" not in a.task.tags:
        said["document-grounds"] = GROUNDS
    if is_event(a):  # taken by two on the spot, not signed for
        said["four-eyes"] = FOUR_EYES_TEAM if a.subject.kind == "team" else FOUR_EYES
    debrief = looked_back(a)  # no sample afterwards of work looked at in full
    # at Consult and below the decision is mine: a sample of it afterwards, a second
    # person signing it, or my being there at its critical step checks my decision, not
    # theirs (cold reads crossed out each for threats the leader decides on and a
    # purchase the leader approves), and what reaches management I take there myself
    # anyway (a cold read: "we talk it over first" blurred who sends a press reply up)
    mine = a.level.number <= CONSULT
    # work that runs already cannot be cut down to a first round (two cold reads: a night
    # nurse's falls, which come when they come)
    running = a.task.kind in RUNNING_KINDS
    new = [m.id for m in a.controls if m.id in said and not m.in_place
           and not (m.id == "pilot" and running)
           and not (m.id in SAMPLED and (debrief or mine))
           and not (m.id in ("four-eyes", "witness-point", "inform-up") and mine)]
    # a first round tried out is how the work starts, not a check before each decision
    # (a cold read: a small first run under "before a decision takes effect" at Advise)
    out = _listed(_("How we start"), [_(said[m]) for m in new if m in STARTS])
    out += _listed(_("Before a decision takes effect"),
                   [_(said[m]) for m in new if m not in AFTER and m not in STARTS])
    after = [SPOT_BEFORE_HARM if m == "spot-checks" and spot_as_done(a) else said[m]
             for m in new if m in AFTER]
    out += _listed(_("How I follow up"), [_(text) for text in after])
    return out


def _items(items: Any) -> tuple[Items, ...]:
    """A list as one block, or none when it is empty."""
    return (Items(tuple(items)),) if items else ()


def _along_the_way(a: Any, asked: list[str]) -> list[Section]:
    """How we keep in touch, and what they can count on from the leader."""
    draft = {m.id for m in a.controls} & {"approval", "review-point"}  # a draft goes on
    ours = draft - set(a.task.safeguards)  # our own look before, said as a check
    said = {"brief-and-debrief": ("brief-draft-checked" if ours else "brief-draft")
            if draft else "brief-and-debrief"
            if a.task.due is not None else "brief-and-debrief-undated",
            "learning-review": "learning-review-ongoing"
            if a.task.kind in RUNNING_KINDS else "learning-review",
            # work that goes on has no parts that get done (a cold read)
            "checkin-milestones": "checkin-milestones-ongoing"
            if a.task.kind in RUNNING_KINDS else "checkin-milestones"}
    # an on-call team keeps a log and changes weeks, it has no shift change (a cold read of
    # a gritting team: "the handover report … at the shift change" is a care home's)
    night = "-on-call" if "on-call" in a.task.tags else \
        "-next-day" if set(a.task.tags) & NEXT_DAY else \
        "-weekend" if "weekend" in a.task.tags else ""
    said["backup-line"] = "backup-line" + night
    if night == "-next-day":
        said["checkin-weekly"] = "checkin-weekly-shift"
    if a.level.name == "delegate":  # not every weekend: only one that needed the back-up
        said["backup-line"] = f"backup-line{night}-delegate"
    # a one-off's debrief looks back at it all: no report read the day after each night
    # as well (a cold read of a summer camp: "the handover … at the shift change")
    debriefed = a.task.kind == "one-off" and any(m.id == "brief-and-debrief"
                                                  for m in a.feedback)
    touch = [_(TOUCH[said.get(m.id, m.id)]) for m in a.feedback if m.id in TOUCH
             and not (m.id == "backup-line" and debriefed)]
    if not touch:
        asked.append(_("When and how do we talk along the way?"))
    out = _listed(_("How we keep in touch"), touch)
    first = set(_first(a))  # said under their own heading
    asks_of = ASK_TEAM if a.subject.kind == "team" else ASK
    # "I stay close to the work" where the leader is away (a weekend team with a back-up
    # line) or on the phone on the day of an event: a cold read crossed it out as untrue
    away = away_from(a) or is_event(a)
    if away:
        first |= {"present-leadership"}
    if is_event(a):  # the back-up is named beside my phone (`ON_THE_DAY_BACKUP`)
        first |= {"backup-line"}
    # beside a fixed check-in, not "you decide when you need me" (a cold read)
    fixed = any(m.id in FIXED_TALKS for m in a.feedback)
    asks = list(dict.fromkeys(_(TALK_THROUGH) if m.id in TWO_PROPOSALS and a.level.number < 5
                              else _(BETWEEN_TALKS) if m.id == "present-leadership" and fixed
                              else _(BEYOND_FIRST) if m.id == "present-leadership"
                              and a.level.number < INQUIRE
                              else _own(a, m.id) or _(asks_of.get(m.id, ASK[m.id]))
                              for m in a.feedback
                              if m.id in ASK and m.id not in first))
    for measure, question in (("experienced-colleague", WHICH_COLLEAGUE),
                              ("training-mentoring", SKILL_ASKED)):
        if any(m.id == measure for m in a.feedback) and not _own(a, measure):
            asked.append(_(question))  # which one is named at the first talk
    if is_event(a):
        backup = any(m.id == "backup-line" for m in a.feedback)
        asks.insert(0, _(ON_THE_DAY_BACKUP if backup else ON_THE_DAY))
    heading = _("What you can all count on from me") if a.subject.kind == "team" else \
        _("What you can count on from me")
    return out + _listed(heading, asks + [_(
        "I tell you at once if the task or its limits change.")])


def _own(a: Any, m: str) -> str:
    """The case's own words for a measure (a task fact under its id: the mentor's name),
    or none."""
    words = a.task.facts.get(m)
    return words if isinstance(words, str) and words.strip() else ""


def _listed(heading: str, items: list[str], after: str = "") -> list[Section]:
    """A section of a list (and a paragraph after it), or none when both are empty."""
    if not items and not after:
        return []
    blocks: list[str | Items] = [Items(tuple(items))] if items else []
    return [Section(heading, (*blocks, *([after] if after else [])))]


def sentence(text: str) -> str:
    """A line the leader wrote, ended as a sentence (a full stop where it has none)."""
    text = text.rstrip()
    return text + ("." if text[-1:] not in ".!?" else "")
