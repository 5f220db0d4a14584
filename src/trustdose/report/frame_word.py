"""The note about the frame as a Word document (`.docx`, by python-docx, imported only
here), as the agreement is written (`agreement_word`): Word's own Title and headings,
bulleted parts, in the note's language, no author in its properties; every text as text."""

from __future__ import annotations

from ..i18n import format_date
from .frame_note import Note, part_lines
from .word import new_document, saved


def render(made: Note) -> bytes:
    document, text = new_document(made.title, made.lang, made.date)
    document.add_paragraph(text(format_date(made.date)
                                + (f" · {made.sender}" if made.sender else "")))
    document.add_paragraph(text(made.opening))
    for section in made.sections:
        document.add_heading(text(section.heading), 1)
        document.add_paragraph().add_run(text(section.reason)).italic = True
        for part in section.parts:
            said, under = part_lines(part)
            paragraph = document.add_paragraph(style="List Bullet")
            paragraph.add_run(text(said)).bold = True
            for line in under:
                paragraph.add_run().add_break()
                paragraph.add_run(text(line))
    document.add_paragraph(text(made.closing))
    return saved(document)
