"""A saved entry of the journal as the journal's commands say it: its level in today's
language, a review's line, a name as a shell takes it back, and its JSON row."""

# No `from __future__ import annotations` here (see cli.journal).
import datetime as dt
import functools
from typing import Optional

from ..errors import visible
from ..i18n import _, format_date


def level_of(entry, number: Optional[int] = None) -> str:
    """The entry's level (or level `number`) in today's language (an entry keeps the
    labels it was saved with, for rules that no longer name the level)."""
    from ..i18n import pick
    number = entry.level if number is None else number
    level = rules_in_force().levels.get(number)
    if level:
        return f"{number} {pick(level.item['label'])}"
    saved = [entry.assessment.get(key) or {} for key in ("level", "planned")]
    label = next((s.get("label", "") for s in saved if s.get("number") == number), "")
    return f"{number} {label}".strip()


def review_line(entry, review: dict) -> str:
    """One review of an entry: its day and outcome, what was lacking, and the closer
    follow-up it set."""
    from ..model.track import CAUSE_LABELS, OUTCOME_LABELS
    line = _("Reviewed {date}: {outcome}").format(
        date=format_date(dt.date.fromisoformat(review["day"])),
        outcome=_(OUTCOME_LABELS.get(review["outcome"], review["outcome"])))
    causes = [_(CAUSE_LABELS[c]) if c in CAUSE_LABELS else c for c in review.get("causes", [])]
    if causes:
        line += " (" + "; ".join(causes) + ")"
    if review.get("temporary_level") is not None and review.get("until"):
        line += "; " + _("closer follow-up at {level} until {date}").format(
            level=level_of(entry, review["temporary_level"]),
            date=format_date(dt.date.fromisoformat(review["until"])))
    if review.get("note"):
        line += f" — {review['note']}"
    return "  " + visible(line)


@functools.lru_cache(maxsize=1)
def rules_in_force():
    from ..rules.loader import load_rules
    return load_rules()


def quoted(name: str) -> str:
    """A name as a shell takes it back (quoted where it has spaces)."""
    import shlex
    return shlex.quote(visible(name))


def row(entry) -> dict:
    return {"id": entry.id, "subject": entry.subject, "kind": entry.kind,
            "day": entry.day.isoformat(), "task": entry.task, "level": entry.level,
            "planned": entry.planned, "scores": entry.scores,
            "review_date": entry.review_date.isoformat(), "rules_digest": entry.rules_digest,
            "round": entry.round_id, "area": entry.area}
