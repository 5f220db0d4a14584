"""A guide as a Word document (`.docx`, by python-docx, imported only here), to fill in
on screen or print: the title and headings as Word's own, points as a bulleted list,
questions as a numbered one, empty lines to write on; in the guide's language (for the
spelling check), with no author in its properties."""

from __future__ import annotations

from .guide import Guide, source_label
from .guide_text import ROOM
from .word import new_document, saved


def render(guide: Guide) -> bytes:
    from docx.shared import Cm
    document, text = new_document(guide.title, guide.lang, guide.date)
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
    return saved(document)
