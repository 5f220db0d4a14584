"""The plan's measures as the report lists them: the controls (not what the case writes
itself, said as where the agreement names the situations to come first, spot checks as
the agreement says them) and the feedback (talks at milestones said as asked for where
the work goes on), so the report and the agreement say one thing."""

from __future__ import annotations

from ..i18n import _
from ..model.assessment import Assessment, Measure
from ..model.vocabulary import RUNNING_KINDS
from .agreement_words import AWAY_ESCALATION
from .situation import away_from, looked_back
from .danger_words import in_danger, spot_as_done


def said_controls(a: Assessment, full: bool = False) -> list[Measure]:
    """The controls the report lists: not the frame and red lines to agree where the case
    writes them itself (its ground rules: the agreement states them), nor in the short
    report (the agreement asks them at the first talk), nor spot checks after a one-off
    its debrief looks back at (a fourth cold read: boilerplate), or of decisions each looked
    at before they take effect."""
    debrief = looked_back(a)  # no sample of work looked at in full (as the agreement)
    framed = bool(a.task.ground_rules) or not full
    # where the leader cannot be asked (a weekend team with a back-up line), the
    # situations to agree are those the back-up is called for (a cold read: not 'when
    # you are asked first' to a leader who is off at weekends)
    away = away_from(a)
    # the titles of measures still to put in place, where the case says them otherwise
    retitled = {"escalation-criteria": _(AWAY_ESCALATION)} if away else {}
    # agreed already (the case names the situations): said as where the agreement names
    # them, not as a task to do (a cold read: "Agree when to come to you (already in
    # place)"), nor as a back-up already there, nor, where someone may be in danger, as a
    # call before acting (two more: "the back-up is called first (already in place)" over
    # "a child goes missing", with no back-up yet)
    said = {(False, False): _("When to come to you first: in the agreement"),
            (False, True): _("When to call the back-up first: in the agreement"),
            (True, False): _("When you are told at once, after acting: in the agreement"),
            (True, True): _("When the back-up is told at once, after acting: in the "
                            "agreement")}[(in_danger(a), away)]
    done = {"escalation-criteria": said}
    # where a mistake cannot be put right, spot checks look at the work as it is done, as
    # the agreement says (three cold reads: "afterwards" here, "before it is served" there)
    if spot_as_done(a):
        retitled["spot-checks"] = _("Announced spot checks while the work is done")
    return [m._replace(title=retitled[m.id]) if m.id in retitled and not m.in_place
            else m._replace(title=done[m.id], in_place=False) if m.id in done and m.in_place
            else m for m in a.controls
            if not (m.id == "agreed-frame" and framed and not m.in_place)
            and not (m.id == "pilot" and a.task.kind in RUNNING_KINDS)
            and not (m.id == "spot-checks" and debrief and not m.in_place)]


def said_feedback(a: Assessment) -> list[Measure]:
    """The feedback measures the report lists: talks at milestones said as asked for, for
    work that goes on (a cold read: "at the agreed milestones" for an ongoing caseload,
    which has none; the agreement says it so already), and no two proposals for a
    one-off."""
    running = a.task.kind in RUNNING_KINDS
    # a one-off is gone through before and looked back at after: no work that "gets
    # stuck" to bring two proposals to (cold reads, every round: a press reply due
    # tomorrow, a trip to the lake, a museum trip); the agreement says its time to think
    # the difficult parts through, which readers kept
    once = a.task.kind == "one-off"
    return [m._replace(title=_("A short talk when they ask for it"))
            if m.id == "checkin-milestones" and running else m for m in a.feedback
            if not (m.id == "sparring" and once)]
