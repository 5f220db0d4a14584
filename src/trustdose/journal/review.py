"""Reviewing a delegation, and handling a breach of trust.

The seed (002, "At håndtere brud på tilliden") asks a leader who meets a breach to
diagnose it by the same three preconditions the trust was dosed by, before reacting:
- competence was lacking: the trust was overdosed for what they could do yet;
- intention was lacking: the motivation to own the task was not there;
- resources or the frame were lacking: the frame was wrong, not the person;
and to tell these apart from changed circumstances (nobody failed) and from bad faith,
deliberate misuse, which calls for resolute action and is handled apart from dosing.

The answer is never an open-ended punishment: a strained or broken delegation gets a
temporary level with an end date for the closer follow-up, repair steps for a joint
conversation, and what the workplace can learn, without looking for someone to blame.

How far the level steps down follows the cause, not how bad it felt. Lacking competence
means the trust "har nok været overdoseret" (002): one step corrects the dose, and more
would punish. Lacking resources means the frame was wrong, not the person: one step,
while the leader fixes the frame. Lacking intention on a broken delegation is about the
will to own the task, which closer follow-up cannot give but firmer guidance for a
period can carry ("nogle medarbejdere i en periode har brug for mere guidning og fastere
rammer", 002): two steps; strained, one. Bad faith calls for resolute action ("gribe meget
resolut ind", 002): Tell while it is handled. Changed circumstances: nobody failed.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from ..engine.workdays import country_for, working_day
from ..errors import UsageError
from ..i18n import N_, _, current
from ..model.track import (CAUSE_LABELS, CAUSE_WORDS, CAUSES, OUTCOME_LABELS, OUTCOMES,
                           OWN_CAUSES)
# How long the closer follow-up lasts (how far it steps down: `_closer_follow_up`).
FOLLOW_UP_DAYS = {"strained": 28, "broken": 42, "circumstances": 14, "bad-faith": 28,
                  "own": 14}

DIAGNOSIS = {
    "competence": N_("Competence was lacking: the trust was overdosed for what they could "
                     "do yet. That is a dosing error to correct, not a failing to punish."),
    "intention": N_("Intention was lacking: the will to own the task and its purpose was not "
                    "there (yet). That is about motivation."),
    "resources": N_("Resources or the frame were lacking: time, tools, information or a "
                    "clear task. The frame was wrong, not the person."),
    "circumstances": N_("Circumstances changed: what was agreed no longer fitted. Nobody "
                        "failed; the agreement has to be renewed."),
    "bad-faith": N_("Bad faith: the trust was misused on purpose. That calls for resolute "
                    "action and is handled apart from how much trust to dose."),
    "my-frame": N_("My part: the frame I gave was unclear: the goal, the limits or the "
                   "mandate were not said, or not read alike. That is my homework, not the "
                   "person's failing."),
    "my-signals": N_("My part: my signals were inconsistent: I said trust and acted control, "
                     "or said one thing and did another. The person acted on what they "
                     "could read."),
    "my-presence": N_("My part: I was not there when needed: the agreed follow-up did not "
                      "happen, or there was no way to reach me or a stand-in."),
}
REPAIR = {
    "competence": N_("Agree together what has to be learned and how (training, a mentor, "
                     "solving it side by side), and step the trust up again as it grows."),
    "intention": N_("Talk openly about purpose and expectations: what the task matters for, "
                    "what you expect, and what they want to own."),
    "resources": N_("Fix the frame together: free up time, give access to tools and "
                    "information, and write down the task, the frame and the red lines."),
    "circumstances": N_("Look at the task again under the new circumstances, together, and "
                        "agree the level and the frame anew."),
    "bad-faith": N_("Act now: stop the misuse, establish the facts, and follow your "
                    "workplace's procedure with management and HR; say clearly what "
                    "happens next."),
    "my-frame": N_("Do the frame first: write down the goal, the limits and the mandate "
                   "together, and check that you read them alike. Not closer control of "
                   "the person."),
    "my-signals": N_("Say which signals pointed different ways, and agree what holds from "
                     "now; keep to the agreed follow-up, no more and no less."),
    "my-presence": N_("Agree when and how you can be reached, and who stands in when you "
                      "are away; keep the follow-up dates you set."),
}
LEARNING = {
    "competence": N_("Were the task's demands clear before it was delegated? A small first "
                     "step shows what someone can before the whole task is handed over."),
    "intention": N_("Make purpose and expectations explicit whenever a task is delegated, "
                    "not only when something goes wrong."),
    "resources": N_("Check workload, access and clarity before delegating: a realistic "
                    "frame is the leader's part of the agreement."),
    "circumstances": N_("Agree in advance what to do when circumstances change: when to "
                        "come back to you before acting."),
    "bad-faith": N_("Check whether the controls fitted the risk, without letting one "
                    "person's misuse set the level of trust for everyone else."),
    "my-frame": N_("Check the frame with the person before a task is handed over, not after "
                   "it has gone wrong."),
    "my-signals": N_("Practise consistency: 'trustdose self' shows what to practise as a "
                     "leader worthy of trust."),
    "my-presence": N_("Make the follow-up and the back-up line part of every delegation: "
                      "who to ask when you are away."),
}
KEPT = N_("The delegation held: the trust dosed fitted. Say what went well, and consider "
          "the next trust step.")
KEPT_LEARNING = N_("What made it work? Share it, so the next delegation can start from it.")


def outcome_named(word: str) -> str | None:
    """The outcome a leader names, by its id or its word in the language (`presset`)."""
    return _named(word, {o: [_(OUTCOME_LABELS[o])] for o in OUTCOMES})


def cause_named(word: str) -> str | None:
    """The cause a leader names, by its id, its word (`ressourcer`) or its label."""
    return _named(word, {c: [_(CAUSE_WORDS[c]), _(CAUSE_LABELS[c])] for c in CAUSES})


def _named(word: str, words: dict[str, list[str]]) -> str | None:
    typed = " ".join(str(word).split()).casefold()
    return next((key for key, said in words.items()
                 if typed in (key, *(w.casefold() for w in said))), None)


def outcome_words() -> list[str]:
    """The outcomes as a leader names them in the language (kept, strained, broken)."""
    return [_(OUTCOME_LABELS[o]) for o in OUTCOMES]


def cause_words() -> list[str]:
    return [_(CAUSE_WORDS[c]) for c in CAUSES]


class Review(NamedTuple):
    """How a delegation went, and what follows from it."""

    entry: int
    day: dt.date
    outcome: str  # kept | strained | broken
    causes: list[str]
    note: str
    temporary_level: int | None  # the level for the closer follow-up, when one is needed
    until: dt.date | None  # when the closer follow-up ends and the task is assessed anew
    diagnosis: list[str]
    repair: list[str]
    learning: list[str]

    def to_json(self) -> dict:
        data = self._asdict()
        data["day"] = self.day.isoformat()
        data["until"] = self.until.isoformat() if self.until else None
        return data


def diagnose(entry: int, level: int, outcome: str, causes: list[str], day: dt.date,
             note: str = "") -> Review:
    """What follows from a review of a delegation at `level`; the closer follow-up ends
    on a working day of the workplace's country (`engine.workdays`)."""
    from ..model.case import text_problem
    problem = text_problem(note) if isinstance(note, str) else _("must be text")
    if problem:  # a note is shown by `journal show`: what is in it must not act on the screen
        raise UsageError(_("the note {problem}").format(problem=problem),
                         _("write the note as plain text on one line"))
    said, outcome = outcome, outcome_named(outcome)
    if outcome is None:
        raise UsageError(_("unknown outcome '{value}'; allowed: {allowed}").format(
            value=said, allowed=", ".join(outcome_words())))
    named = [cause_named(c) for c in causes]
    if None in named:
        raise UsageError(_("unknown cause '{value}'; allowed: {allowed}").format(
            value=causes[named.index(None)], allowed=", ".join(cause_words())))
    causes = [c for c in CAUSES if c in named]  # in a fixed order, once each
    if outcome == "kept":
        return Review(entry, day, outcome, [], note, None, None, [_(KEPT)], [],
                      [_(KEPT_LEARNING)])
    if not causes:
        raise UsageError(_("a delegation that was {outcome} needs at least one cause; allowed: "
                              "{allowed}").format(outcome=_(OUTCOME_LABELS[outcome]),
                                                  allowed=", ".join(cause_words())))
    temporary, days = _closer_follow_up(level, outcome, causes)
    if day > dt.date.max - dt.timedelta(days=days):
        raise UsageError(_("the review day, {date}, leaves no room for the closer follow-up "
                           "of {n} days").format(date=day.isoformat(), n=days))
    return Review(entry, day, outcome, causes, note, temporary,
                  working_day(day + dt.timedelta(days=days), country_for(current())),
                  [_(DIAGNOSIS[c]) for c in causes], [_(REPAIR[c]) for c in causes],
                  [_(LEARNING[c]) for c in causes])


def _closer_follow_up(level: int, outcome: str, causes: list[str]) -> tuple[int, int]:
    """The temporary level and how many days it lasts."""
    if "bad-faith" in causes:  # resolute: decide and tell while it is being handled
        return 1, FOLLOW_UP_DAYS["bad-faith"]
    theirs = [c for c in causes if c not in OWN_CAUSES]
    if theirs == ["circumstances"]:  # nobody failed: keep the level, renew the agreement
        return level, FOLLOW_UP_DAYS["circumstances"]
    if not theirs:  # the leader's own part: their homework, never closer control
        return level, FOLLOW_UP_DAYS["own"]
    steps = 2 if outcome == "broken" and "intention" in causes else 1  # see the docstring
    return max(1, level - steps), FOLLOW_UP_DAYS[outcome]
