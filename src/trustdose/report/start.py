"""Frame first in words: the delegation with its start condition, said to the leader
(the report's why and its frame-first section) and to the employee or team (the
agreement). One place, so the report, the Markdown and the agreement say the same."""

from __future__ import annotations

from typing import Any

from ..i18n import _, format_date
from ..model.vocabulary import RUNNING_KINDS


def fixes(a: Any) -> str:
    """The plan's measures that fix the frame, by title, in a few words; where the case
    gives the leader's own words for one (a task fact named as the measure), those, as a
    quote (a strict read: "frigör tid" where the case says the planning time cut)."""
    titles = {m.id: m.title for m in [*a.left_out, *a.feedback]}
    own = {m: words.strip().rstrip(".") for m, words in a.task.facts.items()
           if isinstance(words, str) and words.strip()}
    wanted = [m for m in a.frame_first.measures if m in titles]
    quoted = [_("“{words}”").format(words=own[m]) for m in wanted if m in own]
    named = [titles[m] for m in wanted if m not in own]
    if not quoted:
        return ", ".join(title.lower() for title in named)
    # the leader's own sentences, then the other titles after "also": a quote in the
    # first person run on into an imperative is no sentence (two cold reads: "”Jag
    # återställer er planeringstid”, var lätt att nå"), and a bare imperative after it
    # reads as dropped in (two more: "”…”. Var lätt att nå.")
    said = "; ".join(quoted)
    if named:
        said += "; " + _("also: {what}").format(what=", ".join(t.lower() for t in named))
    return said


def why(a: Any) -> str:
    """Why the level is what it is: competence, intention and risk carry it; the frame
    as it is decides only when it starts. (The English says 'your part', 'what the task
    needs': a UK manager crossed out the calque 'your part of the frame'; the Scandinavian
    catalogues keep 'rammen', the seeds' word.)"""
    frame = a.frame_first
    if not frame.measures:  # nothing in the plan to fix first
        return _("Competence, intention and risk support {level}; what the task needs is in "
                 "place to start now.").format(level=a.level.label)
    # the level until the start is the one said everywhere else (never the frame's own
    # level below it: a capable, willing person prepares the task with the leader)
    if frame.meanwhile.number >= a.level.number:
        # nothing waits: work that runs goes on at the level while the frame is put right
        # (a cold read: "it starts once…" for night shifts that run every night)
        said = _("Competence, intention and risk support {level}; the work goes on at it as "
                 "now, while you put in place what the task needs.") \
            if goes_on(a) else \
            _("Competence, intention and risk support {level}; it starts once you have put in "
              "place what the task needs.")
        return said.format(level=a.level.label)
    if frame.meanwhile.name == "inquire":  # they already decide alone: nothing "prepared"
        return _("Competence, intention and risk support {level}; it starts once you have done "
                 "your part, and until then they decide on their own and tell "
                 "you afterwards ({meanwhile}).").format(
            level=a.level.label, meanwhile=frame.meanwhile.label)
    # "as now", with no level named for it (a cold read: the screen does not know how the
    # work is decided today)
    said = _("Competence, intention and risk support {level}; it starts once you have done "
             "your part, and until then the work goes on as now.") \
        if goes_on(a) else \
        _("Competence, intention and risk support {level}; it starts once you have done "
          "your part, and until then the task is prepared at {meanwhile}.")
    return said.format(
        level=a.level.label, meanwhile=frame.meanwhile.label)


def to_leader(a: Any) -> list[str]:
    """The start condition and what to take upward, for the leader: the leader's part
    first, and what the employee may already do meanwhile (a fourth cold read: never a
    lower level imposed because the leader has not done his part)."""
    frame = a.frame_first
    # the level the agreement is written at: one planned below the recommended (a cold
    # read: "Inquire from 25 January" here, the agreement at Advise as planned)
    level = a.planned if a.planned and a.planned.number < a.level.number else a.level
    given = dict(level=level.label, date=format_date(frame.start_by), fixes=fixes(a),
                 meanwhile=frame.meanwhile.label)
    if frame.meanwhile.number >= level.number and goes_on(a):
        # as the agreement says it: work that runs at the level goes on at it (a cold
        # read: "from 15 February" here beside "it holds already" there)
        said = _("{level} holds already, as the work runs now; your part by {date}: "
                 "{fixes}.")
    elif frame.meanwhile.number >= level.number:
        said = _("{level} from {date} at the latest, once you have done this: {fixes}.")
    elif frame.meanwhile.name == "advise" and goes_on(a):  # work already running
        said = _("{level} from {date} at the latest; your part first: {fixes}. Until then, "
                 "the work goes on as now, and they ask your advice on what its routine does "
                 "not cover ({meanwhile}).")
    elif frame.meanwhile.name == "agree":  # prepared together: the level says so itself
        said = _("{level} from {date} at the latest; your part first: {fixes}. Until then, "
                 "planning and preparing can already begin, and you join in where a decision "
                 "commits you ({meanwhile}).")
    elif frame.meanwhile.name == "inquire":  # where you cannot be asked (a weekend team)
        said = _("{level} from {date} at the latest; your part first: {fixes}. Until then, "
                 "they already decide on their own and tell you afterwards ({meanwhile}).")
    else:
        said = _("{level} from {date} at the latest; your part first: {fixes}. Until then, "
                 "{meanwhile} holds.")
    lines = [said.format(**given)]
    if frame.upward:
        lines.append(_("Ask those above you now for {parts}.").format(
            parts="; ".join(frame.upward)))
    return lines


def to_employee(a: Any, daily: str = "") -> list[str]:
    """The start condition in the agreement, one paragraph: from when, and until then
    (`daily`: what the level until then means day to day, in the agreement's words)."""
    frame = a.frame_first
    # once my part is done, not on a date whatever is done by then (a cold read: full
    # freedom "from 15 February" whether or not the mandate is settled)
    day = format_date(frame.start_by)
    if frame.meanwhile.number >= a.level.number and goes_on(a):
        # work that runs at the level already goes on at it (a cold read of a gritting
        # team on call: "once I have done my part" said nothing of the weeks until then)
        return [_("This holds already, as the work runs now; my part, listed under 'First, "
                  "from me', I will have done by {date}.").format(date=day)]
    lines = [_("This holds in full once I have done my part, listed under 'First, from "
               "me'; I will have done it by {date}.").format(date=day)]
    # what may already be done meanwhile, never a lower level imposed (a fourth cold read)
    if frame.meanwhile.name == "agree" and frame.meanwhile.number < a.level.number:
        lines.append(_prepared(frame))
    elif frame.meanwhile.name == "advise" and goes_on(a):  # not where a back-up is the gap:
        # they decide alone meanwhile, and what waits is theirs (a cold read of a weekend
        # team laying out the visits)
        # as the screen says it: the work goes on as now, not asking first where it did
        # not before (a cold read: an experienced team's trips and parent talks)
        lines.append(_("Until then, the work goes on as now; whatever cannot be done in the "
                       "time there is, tell me, and we agree what can wait."))
    elif frame.meanwhile.number < a.level.number:
        # the day-to-day words follow the colon (a cold read: "…, foregår det sådan her.
        # Beslut og handl selv" read as two starts)
        lines.append(_("Until then, while I do my part:")
                     + (" " + daily if daily else ""))
    return lines


def _prepared(frame: Any) -> str:
    """How the task is prepared until the frame is in place: where time is what is
    missing, as far as time allows (not work asked for before the time promised for it
    exists: a cold read of a team whose planning time is the gap); else together (a
    later one: "as far as time allows" where clarity was the gap)."""
    if "prioritise" in frame.measures:
        return _("Until then, we prepare it together as far as time allows; I join in "
                 "where a decision commits us.")
    return _("Until then, we prepare it together; I join in where a decision commits us.")


def goes_on(a: Any) -> bool:
    """Whether the work goes on while the frame is fixed: it runs already, or it is an
    authorised professional's, whose duty does not wait for the leader's part."""
    return a.task.kind in RUNNING_KINDS or "authorisation" in a.task.safeguards
