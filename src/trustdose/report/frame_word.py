"""The note about the frame as a Word document (`.docx`, by python-docx, imported only
here), as the agreement is written (`agreement_word`): Word's own Title and headings,
bulleted parts, in the note's language, no author in its properties; every text as text."""

from __future__ import annotations

import datetime as dt
import io

from ..i18n import format_date
from .agreement_parts import plain
from .agreement_word import _NOT_XML, WORD_LANGUAGE
from .frame_note import Note, part_lines


def render(made: Note) -> bytes:
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def text(value: str) -> str:
        return _NOT_XML.sub("\ufffd", plain(value))

    document = Document()
    language = WORD_LANGUAGE.get(made.lang, made.lang)
    run_style = document.styles["Normal"].element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), language)
    run_style.append(lang)
    properties = document.core_properties
    properties.title, properties.language = text(made.title), language
    properties.author = properties.comments = properties.last_modified_by = ""
    properties.created = properties.modified = dt.datetime.combine(made.date, dt.time(12))
    document.add_heading(text(made.title), 0)
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
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
