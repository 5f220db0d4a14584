"""What an agreement says after a breach review, while its period runs: the period and
its end, the repair talk first (on what the review found, said without blame), and the
way back; where the review found the leader's own part, the level kept while the leader
does it, never closer follow-up of the person."""

from __future__ import annotations

from typing import Any

from ..i18n import N_, _, format_date
from ..model.track import OWN_CAUSES, own_part
from .agreement_parts import Items, Section


# After a breach (002, "At håndtere brud på tilliden"): the repair talk comes first, and
# what it turns on follows the cause the review found, said without blame.
REPAIR_TALK = {
    "competence": N_("What is still to be learned, and how I support it."),
    "intention": N_("What the task matters for, and what each of us expects."),
    "resources": N_("What the frame lacked, and what I put right: time, tools or "
                    "information."),
    "circumstances": N_("What has changed, and what we agree now."),
    "my-frame": N_("What the frame I gave lacked, and how I make it clear: the goal, the "
                   "limits and the mandate."),
    "my-signals": N_("Where my signals pointed different ways, and what holds from now."),
    "my-presence": N_("When and how you can reach me from now, and who stands in."),
}


def follow_up(a: Any) -> list[Section]:
    """The closer follow-up a review set, while it runs: the period and its end, the
    repair talk first, and the way back (the review falls within the period)."""
    f = a.follow_up
    if f is None:
        return []
    said = {"start": format_date(f.reviewed), "until": format_date(f.until),
            "review": format_date(min(a.review_date, f.until)),
            "level": f.level.label, "breached": f.breached.label}
    if "bad-faith" in f.causes:
        talks = [_("First, we talk about what happened and what happens now, following our "
                   "workplace's procedure.")]
        back = _("The way back: when the matter has been handled, we agree the level anew "
                 "at the review on {review}.")
    else:
        talks = [_("First, we talk it through together: what happened, and what each of us "
                   "does differently from now."), *(_(REPAIR_TALK[c]) for c in f.causes)]
        back = _("The way back: at the review on {review} we look at how it has gone; when "
                 "it has gone well, the task goes back to {breached}, and we take the next "
                 "step from there.")
    if f.level.number < f.breached.number:
        period = _("From {start} to {until}, {level} applies instead of {breached}, with "
                   "closer follow-up.")
    elif set(f.causes) <= set(OWN_CAUSES):  # the leader's own part: their homework
        period = _("From {start} to {until}, we keep {level}, while I do my part.")
        back = _("At the review on {review} we look at how it has gone, and take the next "
                 "step from there.")
    else:  # circumstances changed: nobody failed
        period = _("From {start} to {until}, we keep {level} with closer follow-up, while "
                   "we agree anew.")
        back = _("At the review on {review} we agree the level and the frame anew, for how "
                 "things are now.")
    heading = _("While I do my part, until {until}") if own_part(f.causes) and \
        f.level.number >= f.breached.number else _("Closer follow-up until {until}")
    return [Section(heading.format(**said),
                    (period.format(**said), Items(tuple(talks)), back.format(**said)))]
