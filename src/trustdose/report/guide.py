"""A guide for a conversation, as every format draws it: the agenda of `trustdose reflect`
(the levers' questions for a staff meeting or a talk with one's own manager) and the
guide of `trustdose talk` (a talk on self-leadership). A guide is plain data already in
its language: a title, an opening, sections of points, questions and room to write, and
the warnings the leader should see before the talk; `guide_text`, `guide_markdown`,
`guide_html` and `guide_word` draw it, `to_json` gives it to a program."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Iterable, NamedTuple


@dataclass(frozen=True)
class Section:
    """One part of the guide: a heading, what to know first (`lead`), the points it
    holds (goals, levels agreed, why a lever matters now), the questions to talk over,
    the seed passages it draws on (in the JSON; the page names them once, at its foot:
    `Guide.sources`), and whether it leaves room to write."""

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


class Cited(NamedTuple):
    """A publication a guide draws on, by its title, and the passages it draws on."""

    title: str
    passages: tuple[str, ...]


def cited(cites: Iterable[str | None], titles: dict[str, str]) -> tuple[Cited, ...]:
    """The publications in `cites` ('002: At gøre formålet klart; 003: …'), each once with
    its passages, in the order first cited; `titles` are the sources' titles by id (the
    'sources' section), a source without one named by its id."""
    found: dict[str, dict[str, None]] = {}
    for cite in cites:
        for passage in (cite or "").split("; "):
            source, _colon, heading = passage.partition(": ")
            if heading:
                found.setdefault(source, {})[heading] = None
    return tuple(Cited(titles.get(source, source), tuple(passages))
                 for source, passages in found.items())


def source_label(guide: "Guide") -> str:
    """'Source' or 'Sources', as the foot of the guide names one publication or more."""
    return guide.labels["sources" if len(guide.sources) > 1 else "source"]


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
    sources: tuple[Cited, ...] = ()  # named once, at the foot

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "lang": self.lang, "date": self.date.isoformat(),
                "title": self.title, "opening": list(self.opening),
                "warnings": list(self.warnings), **self.data,
                "sections": [s.to_json() for s in self.sections],
                "sources": [{"title": s.title, "passages": list(s.passages)}
                            for s in self.sources]}


def labels() -> dict[str, str]:
    """The guide's fixed words in the current language."""
    from ..i18n import _
    return {"questions": _("Questions"), "notes": _("Notes"), "warnings": _("Before the talk"),
            "source": _("Source"), "sources": _("Sources"), "date": _("Date")}

