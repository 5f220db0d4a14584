"""The agreement as a Word document (`.docx`, by python-docx, imported only here): the
title and the headings as Word's own Title and Heading 1, lists as Word's bulleted list,
no Markdown marks; in the language it was written in (for the spelling check), with no
author and no program's comment in its properties. Every text goes in as text, never as
markup, with its control characters written as escapes (`report.word`)."""

from __future__ import annotations

from .agreement_parts import Agreement, Items
from .word import new_document, saved


def render(agreement: Agreement) -> bytes:
    from docx.shared import Pt
    document, text = new_document(agreement.title, agreement.lang, agreement.date)
    document.add_paragraph(text(agreement.opening))
    signing = agreement.signing
    document.add_paragraph(text(signing.sender))
    for section in agreement.sections:
        document.add_heading(text(section.heading), 1)
        for block in section.blocks:
            if isinstance(block, Items):
                for item in block.items:
                    document.add_paragraph(text(item), style="List Bullet")
            else:
                document.add_paragraph(text(block))
    document.add_heading(text(signing.heading), 1)
    for signature in signing.signatures:
        role, signed = signing.lines(signature)
        paragraph = document.add_paragraph(text(role))
        paragraph.paragraph_format.space_before = Pt(18)
        paragraph.paragraph_format.keep_with_next = True
        paragraph.add_run().add_break()
        paragraph.add_run(text(signed))
    return saved(document)
