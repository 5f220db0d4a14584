"""What a subject's journal says about a new assessment: the previous level and outcome,
and two warnings the seeds give reason for.

- A recent breach being ignored: a strained or broken delegation set a temporary level
  for closer follow-up, and before its end date the new assessment (or the leader's
  plan) goes above it (002, "at håndtere brud på tilliden").
- Trust held low after a successful review: the delegation was kept, weeks have passed,
  and trust is still dosed no higher; trust grows by repeated trust-building acts (003),
  and control where it is no longer needed reads as mistrust (002).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from . import _assessment as out
from ._i18n import _, format_date
from ._review import CAUSE_LABELS, OUTCOME_LABELS

HELD_LOW_DAYS = 42  # after a kept review, this long at the same level or lower is "long"


def with_history(a: out.Assessment, entries: list[Any], reviews: list[dict[str, Any]],
                 labels: dict[int, str], source: str, today: dt.date) -> out.Assessment:
    """`a` with what the journal says: `history` lines and, when called for, warnings."""
    if not entries:
        return a
    lines, warnings = [], list(a.warnings)
    last = entries[-1]
    lines.append(_("Last saved {date}: {level} ({task}).").format(
        date=format_date(last.day), level=f"{last.level} {labels[last.level]}", task=last.task))
    review = reviews[-1] if reviews else None
    dosed = a.planned.number if a.planned else a.level.number
    if review:
        day = dt.date.fromisoformat(review["day"])
        causes = ", ".join(_(CAUSE_LABELS[c]) for c in review["causes"])
        outcome = OUTCOME_LABELS[review["outcome"]]
        lines.append(_("Reviewed {date}: {outcome}").format(date=format_date(day),
                                                            outcome=_(outcome))
            + (f" ({causes})." if causes else "."))
        until = dt.date.fromisoformat(review["until"]) if review["until"] else None
        temporary = review["temporary_level"]
        if until and until >= today and temporary is not None:
            lines.append(_("Closer follow-up at {level} until {date}.").format(
                level=f"{temporary} {labels[temporary]}", date=format_date(until)))
            if dosed > temporary:
                warnings.append(out.Warning(
                    "breach-ignored", _(
                        "A breach reviewed on {date} set {temporary} for closer follow-up "
                        "until {until}, and this plan goes to {level}. Keep to the agreed "
                        "follow-up, or review the delegation again together before you "
                        "widen it.").format(date=format_date(day),
                                            temporary=f"{temporary} {labels[temporary]}",
                                            until=format_date(until),
                                            level=f"{dosed} {labels[dosed]}"),
                    "journal:breach-ignored", source))
        elif review["outcome"] == "kept" and (today - day).days >= HELD_LOW_DAYS \
                and dosed <= review["level"]:
            warnings.append(out.Warning(
                "held-low", _(
                    "The delegation at {level} was kept on {date}, {days} days ago, and trust "
                    "is still dosed at {now}. Trust that is never stepped up after it has "
                    "been honoured reads as mistrust: consider the next trust step.").format(
                    level=f"{review['level']} {labels[review['level']]}",
                    date=format_date(day), days=(today - day).days,
                    now=f"{dosed} {labels[dosed]}"),
                "journal:held-low", source))
    return a._replace(history=lines, warnings=warnings)
