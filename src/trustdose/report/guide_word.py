"""A guide as a Word document (`.docx`, by python-docx, imported only here), to fill in
on screen or print: the title and headings as Word's own, points as a bulleted list,
questions as a numbered one, empty lines to write on; in the guide's language (for the
spelling check), with no author in its properties."""

from __future__ import annotations

import datetime as dt
import io

from .agreement_word import _NOT_XML, WORD_LANGUAGE
from .agreement_parts import plain
from .guide import Guide, source_label
from .guide_text import ROOM


def render(guide: Guide) -> bytes:
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    def text(value: str) -> str:
        return _NOT_XML.sub("\ufffd", plain(value))

    document = Document()
    language = WORD_LANGUAGE.get(guide.lang, guide.lang)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), language)
    document.styles["Normal"].element.get_or_add_rPr().append(lang)
    properties = document.core_properties
    properties.title, properties.language = text(guide.title), language
    properties.author = properties.comments = properties.last_modified_by = ""
    properties.created = properties.modified = dt.datetime.combine(guide.date, dt.time(12))
    document.add_heading(text(guide.title), 0)
    for said in guide.opening:
        document.add_paragraph(text(said))
    if guide.warnings:
        document.add_heading(text(guide.labels["warnings"]), 2)
        for warning in guide.warnings:
            document.add_paragraph(text(warning), style="Intense Quote")
    for section in guide.sections:
        document.add_heading(text(section.heading), 1)
        for said in section.lead:
            document.add_paragraph(text(said))
        for point in section.points:
            document.add_paragraph(text(point), style="List Bullet")
        # numbered by hand: Word's own numbered list runs on from one section to the next
        for n, question in enumerate(section.questions, start=1):
            numbered = document.add_paragraph(f"{n}. " + text(question))
            numbered.paragraph_format.left_indent = Cm(0.6)
            numbered.paragraph_format.first_line_indent = Cm(-0.6)
        if section.room:
            document.add_paragraph(text(guide.labels["notes"]) + ":")
            for _line in range(ROOM):
                document.add_paragraph("_" * 60)
    if guide.sources:
        cite = document.add_paragraph(text(source_label(guide)) + ": ")
        for n, source in enumerate(guide.sources):
            if n:
                cite.add_run("; ")
            cite.add_run(text(source.title)).italic = True
            cite.add_run(" (" + text("; ".join(source.passages)) + ")")
        cite.add_run(".")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
