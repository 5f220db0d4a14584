"""A guide for a conversation, as every format draws it: the agenda of `trustdose reflect`
(the levers' questions for a staff meeting or a talk with one's own manager) and the
guide of `trustdose talk` (a talk on self-leadership). A guide is plain data already in
its language: a title, an opening, sections of points, questions and room to write, and
the warnings the leader should see before the talk; `guide_text`, `guide_markdown`,
`guide_html` and `guide_word` draw it, `to_json` gives it to a program."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Section:
    """One part of the guide: a heading, what to know first (`lead`), the points it
    holds (goals, levels agreed, why a lever matters now), the questions to talk over,
    the seed passage it draws on, and whether it leaves room to write."""

    id: str
    heading: str
    lead: tuple[str, ...] = ()
    points: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    cite: str | None = None
    room: bool = True

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "heading": self.heading, "lead": list(self.lead),
                "points": list(self.points), "questions": list(self.questions),
                "cite": self.cite}


@dataclass(frozen=True)
class Guide:
    """A guide for one conversation, in `lang`; `labels` are its few fixed words (the
    heading over the questions, over the room to write, over the warnings, the source),
    `data` what a program reading the JSON needs beyond the text (goals, levers)."""

    kind: str  # reflect | talk
    lang: str
    title: str
    opening: tuple[str, ...]
    sections: tuple[Section, ...]
    date: dt.date
    labels: dict[str, str]
    warnings: tuple[str, ...] = ()
    data: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "lang": self.lang, "date": self.date.isoformat(),
                "title": self.title, "opening": list(self.opening),
                "warnings": list(self.warnings), **self.data,
                "sections": [s.to_json() for s in self.sections]}


def labels() -> dict[str, str]:
    """The guide's fixed words in the current language."""
    from ..i18n import _
    return {"questions": _("Questions"), "notes": _("Notes"), "warnings": _("Before the talk"),
            "source": _("Source"), "date": _("Date")}

