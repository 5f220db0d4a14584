"""The delegation agreement in Markdown, written to the employee or team who takes the
task on, in a voice for both (*we*): the task and why it matters, how much is theirs to
decide and what that means day to day, the frame and red lines, the safeguards in
place, how we keep in touch, when to come to the leader before acting, how we will know
it went well, what they can ask of the leader, the review, and questions for the first
talk. Nothing in it judges the person: no scores, no warnings, no rule ids. Text from
the case is escaped (`escape`) so it cannot add headings, links or HTML."""

from __future__ import annotations

from typing import Any

from ..i18n import N_, _, format_date
from ..rules.placeholders import PEOPLE_WORDS
from .markdown import escape

# What each level means in daily work, said to the one who takes the task on.
DAILY = {
    "tell": N_("The leader decides and says what is to be done; the task is carried out "
               "as agreed, and anything the leader should know is raised at once."),
    "sell": N_("The leader decides and explains why, so the sense of it is clear; ask "
               "about anything that is unclear before starting."),
    "consult": N_("Your view and proposals come first; then the leader decides and says "
                  "what was decided, and why."),
    "agree": N_("We decide together; neither of us decides alone."),
    "advise": N_("The decision is yours; before making it, ask the leader for advice, "
                 "and choose for yourself whether to follow it."),
    "inquire": N_("The decision is yours, and so is acting on it; afterwards, tell the "
                  "leader what was decided and how it went."),
    "delegate": N_("The decision is yours, within the frame; we take it up at our talks "
                   "and at the review."),
}

# The controls, as what happens before or around acting (the measure's own texts are
# written to the leader).
BEFORE = {
    "escalation-criteria": N_("In the situations we name together (a complaint, a deviation "
                              "from the budget, a concern for someone's safety), come to "
                              "the leader before acting."),
    "hold-point": N_("Nothing that cannot be undone goes ahead before we have gone through "
                     "it together."),
    "four-eyes": N_("A second qualified person goes through and signs decisions that "
                    "cannot be undone."),
    "witness-point": N_("At the one or two critical steps we agree on, the leader or an "
                        "experienced colleague is there."),
    "review-point": N_("We go through the decision or the draft together before it takes "
                       "effect."),
    "approval": N_("The approval the law or the organisation requires is in place before "
                   "the decision takes effect."),
    "pilot": N_("We start with a limited first round, look at it together, then widen it."),
    "spot-checks": N_("Afterwards, the leader looks at a few finished cases, and says "
                      "beforehand why and what to look for: it is for learning."),
    "document-grounds": N_("Decisions that affect people's rights, health or safety are "
                           "written down with their grounds."),
    "inform-up": N_("We agree what management hears, and when, so no one is taken by "
                    "surprise."),
    "written-instructions": N_("We write down what may be done, within which limits, and "
                               "when to call for help."),
    "agreed-frame": N_("We write down the goal, what is fixed, what is free, and the red "
                       "lines."),
    "system-check": N_("The system checks the entries and stops what falls outside the "
                       "limits."),
}
RULED = {"review-point": N_("For the decisions our rules name, we go through the decision "
                            "or the draft together first; the rest you decide yourself.")}

# The feedback measures: how we keep in touch, and what can be asked of the leader.
TOUCH = {
    "checkin-close": N_("Short talks twice a week while the task runs: what is done, what "
                        "is next, what is in the way."),
    "checkin-weekly": N_("A short, fixed talk each week about progress, doubts and what is "
                         "needed from the leader."),
    "checkin-milestones": N_("A short talk at each milestone we agreed, called by the one "
                             "doing the task; the leader is within reach in between."),
    "trial-period": N_("A first period until the review; then we look at how it went and "
                       "decide the next step together."),
    "peer-feedback": N_("We look at each other's work at agreed points, and learn from it."),
    "clear-agreements": N_("Our agreements are written down in a few lines, and we look at "
                           "them at the next talk."),
    "learning-review": N_("When the task is done, we look back together: what worked, and "
                          "what to change."),
}
ASK = {
    "prioritise": N_("Help to make room for the task: what can be dropped or postponed."),
    "access": N_("The tools, access and information the task needs, before it starts."),
    "be-reachable": N_("To know how and when the leader can be reached, and whom to ask in "
                       "the leader's absence."),
    "clarify-frame": N_("A clear goal and frame in a few lines before it starts."),
    "training-mentoring": N_("Time and support to build the skill the task asks for: a "
                             "course, a mentor or a colleague."),
    "experienced-colleague": N_("An experienced colleague to learn from and ask along the "
                                "way."),
    "learn-alongside": N_("That we do it together the first time, before it is handed "
                          "over."),
    "hand-back": N_("When something is difficult: come with two proposals; we talk them "
                    "through, and the choice is yours."),
    "sparring": N_("When something is difficult: come with two proposals; we talk them "
                   "through, and the choice is yours."),
    "safe-to-speak": N_("That doubts and mistakes can be raised without anyone looking for "
                        "someone to blame."),
    "purpose-talk": N_("A talk about why the task matters, and which part of it you would "
                       "like to own."),
    "present-leadership": N_("A leader close to the work, who asks about its quality, not "
                             "about hours."),
    "recognition": N_("To hear specifically what went well."),
}

# below Advise the choice is not the employee's: the proposals are talked through
TWO_PROPOSALS = ("hand-back", "sparring")
TALK_THROUGH = N_("When something is difficult: come with two proposals, and we talk them "
                  "through together.")


def render(a: Any) -> str:
    """The agreement for one assessment, in the language it was made in."""
    task, people = escape(a.task.title), a.task.people
    title = _("Our agreement: {task}").format(task=task)
    out = [f"# {title}", "",
           _("For {name}, agreed on {date}.").format(name=escape(a.subject.name),
                                                    date=format_date(a.date)), ""]
    out += ["## " + _("The task"), "", task + ("." if task[-1:] not in ".!?" else "")]
    if a.task.description:
        out += ["", escape(a.task.description)]
    if people:
        out += ["", _("The task is for {people}.").format(
            people=escape(_(PEOPLE_WORDS[people]) if people in PEOPLE_WORDS else people))]
    out += ["", "## " + _("Who decides: {level}").format(level=a.level.label),
            "", _(DAILY[a.level.name])]
    shown = {m.id for m in [*a.controls, *a.feedback]}
    frame = [escape(line.reason) for line in a.red_lines]
    in_place = [escape(m.title) for m in a.controls if m.in_place]
    out += _listed(_("The frame"), [_(BEFORE["agreed-frame"])] if "agreed-frame" in shown
                   else [], _("Red lines: {lines}.").format(lines="; ".join(frame))
                   if frame else "")
    out += _listed(_("Already in place"), in_place)
    # from advise up a check before the decision takes effect is there only because a
    # rule names the kind of decision (`engine.parts.shown`): said as that, not as a
    # check on every decision the level hands over
    said = {**BEFORE, **RULED} if a.level.number >= 5 else BEFORE
    before = [_(said[m.id]) for m in a.controls
              if m.id in said and m.id != "agreed-frame" and not m.in_place]
    out += _listed(_("Before acting"), before)
    touch = [_(TOUCH[m.id]) for m in a.feedback if m.id in TOUCH]
    out += _listed(_("How we keep in touch"), touch or [_(
        "We agree when and how we talk along the way.")])
    asks = list(dict.fromkeys(_(TALK_THROUGH) if m.id in TWO_PROPOSALS and a.level.number < 5
                              else _(ASK[m.id]) for m in a.feedback if m.id in ASK))
    out += _listed(_("What you can ask of the leader"), asks + [_(
        "To be told at once if the frame or the task changes.")])
    out += ["", "## " + _("How we will know it went well"), "", _(
        "We say at the start what a good result looks like, and look at it together at "
        "the review.")]
    out += ["", "## " + _("Review"), "", _(
        "On {date} we look back together and decide the next step.").format(
        date=format_date(a.review_date))]
    if a.questions:
        out += _listed(_("Questions for our first talk"), [escape(q) for q in a.questions])
    return "\n".join(out) + "\n"


def _listed(heading: str, items: list[str], after: str = "") -> list[str]:
    if not items and not after:
        return []
    return ["", f"## {heading}", "", *(f"- {item}" for item in items),
            *([""] * bool(items and after)), *([after] if after else [])]
