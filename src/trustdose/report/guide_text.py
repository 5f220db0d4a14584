"""A guide as plain text, for the terminal, a printer or a mail: headings underlined,
points as dashes, questions numbered, a few ruled lines of room to write. Control
characters are written as escapes (`agreement.plain`)."""

from __future__ import annotations

import textwrap

from .agreement_parts import plain
from .guide import Guide, source_label

ROOM = 3  # ruled lines to write on, under each section


def render(guide: Guide, width: int = 78) -> str:
    width = max(40, min(width, 100))
    title = plain(guide.title)
    out = [*_wrapped(title, width), "=" * min(len(title), width), ""]
    for said in guide.opening:
        out += [*_wrapped(said, width), ""]
    if guide.warnings:
        out.append(guide.labels["warnings"].upper())
        for warning in guide.warnings:
            out += _wrapped(warning, width, "! ", "  ")
        out.append("")
    for section in guide.sections:
        heading = plain(section.heading)
        out += [*_wrapped(heading, width), "-" * min(len(heading), width)]
        for said in section.lead:
            out += ["", *_wrapped(said, width)]
        if section.points:
            out.append("")
        for point in section.points:
            out += _wrapped(point, width, "- ", "  ")
        if section.questions:
            out.append("")
        for n, question in enumerate(section.questions, start=1):
            out += _wrapped(question, width, f"{n}. ", "   ")
        if section.room:
            out += ["", f"{guide.labels['notes']}:", *(["_" * min(width, 72)] * ROOM)]
        out.append("")
    if guide.sources:
        out += _wrapped(f"{source_label(guide)}: " + "; ".join(
            f"{s.title} ({'; '.join(s.passages)})" for s in guide.sources) + ".", width)
    return "\n".join(out).rstrip("\n") + "\n"


def _wrapped(text: str, width: int, first: str = "", then: str = "") -> list[str]:
    return textwrap.wrap(plain(text), width, initial_indent=first, subsequent_indent=then,
                         break_long_words=False, break_on_hyphens=False) or [first.rstrip()]
