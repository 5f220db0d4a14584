"""What a subject's track record adds to a new assessment: the previous level and
outcome, and two warnings the seeds give reason for.

- A recent breach being ignored: a strained or broken delegation set a temporary level
  for closer follow-up, and before its end date the leader plans above it (002, "At
  håndtere brud på tilliden"); the recommendation itself stays at it (`held`).
- Trust held low after a successful review: the delegation was kept, weeks have passed,
  and trust is still dosed no higher; trust grows by repeated trust-building acts (003),
  and control where it is no longer needed reads as mistrust (002).
"""

from __future__ import annotations

import datetime as dt
from typing import Callable

from ..i18n import _, format_date
from ..model.assessment import Caution, FollowUp, History, LevelRef
from ..model.track import CAUSE_LABELS, OUTCOME_LABELS, Track, own_part

HELD_LOW_DAYS = 42  # after a kept review, this long at the same level or lower is "long"


def held(track: Track | None, today: dt.date,
         task: str = "") -> tuple[int, dt.date, dt.date] | None:
    """The temporary level a review set for closer follow-up, if it still runs on
    `today`: (the level, the review's day, its end date). While it runs, a new
    assessment doses no higher (one dose at a time); a board's area reviewed holds that
    area (`task`) alone."""
    review = track.review if track is not None else None
    if review is None or review.temporary_level is None or review.until is None \
            or review.until < today:
        return None
    if review.area is not None and _folded(review.area) != _folded(task):
        return None
    return review.temporary_level, review.day, review.until


def _folded(title: str) -> str:
    return " ".join(title.split()).casefold()


def history(track: Track | None, planned: int | None, level: int, today: dt.date,
            ref: Callable[[int], LevelRef], task: str = "") -> History:
    """Lines for the report and warnings, for an assessment on `today` that recommends
    `level`, with the level the leader planned, if any (a warning about a plan is given
    only when there is one), and the closer follow-up still running, if any."""
    def label(number: int) -> str:
        return f"{number} {ref(number).label}"
    dosed = planned or level
    if track is None:
        return History([], [])
    lines = [_("Last saved {date}: {level} ({task}).").format(
        date=format_date(track.day), level=label(track.level), task=track.task)]
    warnings = []
    review = track.review
    if review is None:
        return History(lines, warnings)
    causes = ", ".join(_(CAUSE_LABELS[c]) for c in review.causes)
    lines.append(_("Reviewed {date}: {outcome}").format(
        date=format_date(review.day), outcome=_(OUTCOME_LABELS[review.outcome]))
        + (f" ({causes})." if causes else "."))
    temporary, until = review.temporary_level, review.until
    follow_up = None
    ours = review.area is None or _folded(review.area) == _folded(task)  # a board's area
    if until is not None and until >= today and temporary is not None and ours:
        follow_up = FollowUp(ref(temporary), ref(review.level), review.day, until,
                             review.causes)
        mine = own_part(review.causes)  # the leader's homework, not the person's control
        lines.append((_("{level} kept until {date}, while you do your part.") if mine else
                      _("Closer follow-up at {level} until {date}.")).format(
            level=label(temporary), date=format_date(until)))
        if planned is not None and planned > temporary:
            said = _(
                "A breach reviewed on {date} found your own part, and {temporary} is kept "
                "until {until} while you do it; this plan goes to {level}. Do your part "
                "first, or review the delegation again together before you widen it.") \
                if mine else _(
                "A breach reviewed on {date} set {temporary} for closer follow-up until "
                "{until}, and this plan goes to {level}. Keep to the agreed follow-up, or "
                "review the delegation again together before you widen it.")
            warnings.append(Caution("breach-ignored", said.format(
                date=format_date(review.day), temporary=label(temporary),
                until=format_date(until), level=label(planned)),
                "journal:breach-ignored", track.source,
                title=_("A plan before your own part is done") if mine
                else _("A plan past the agreed follow-up")))
    elif review.outcome == "kept" and (today - review.day).days >= HELD_LOW_DAYS \
            and dosed <= review.level:
        warnings.append(Caution("held-low", _(
            "The delegation at {level} was kept on {date}, {days} days ago, and trust is "
            "still dosed at {now}. Trust that is never stepped up after it has been "
            "honoured reads as mistrust: consider the next trust step.").format(
            level=label(review.level), date=format_date(review.day),
            days=(today - review.day).days, now=label(dosed)),
            "journal:held-low", track.source, title=_("Trust held low after it was honoured")))
    return History(lines, warnings, follow_up)
