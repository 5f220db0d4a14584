"""The agreement as a Word document (`.docx`, by python-docx, imported only here): the
title and the headings as Word's own Title and Heading 1, lists as Word's bulleted list,
no Markdown marks; in the language it was written in (for the spelling check), with no
author and no program's comment in its properties. Every text goes in as text, never as
markup, with its control characters written as escapes (`agreement.plain`)."""

from __future__ import annotations

import datetime as dt
import io
import re

from .agreement_parts import Agreement, Items, plain

# the languages as Word names them, for its spelling check
WORD_LANGUAGE = {"da": "da-DK", "nb": "nb-NO", "sv": "sv-SE", "en": "en-GB"}
# what XML cannot hold at all, even escaped (a lone surrogate from a JSON \ud800)
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")


def render(agreement: Agreement) -> bytes:
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    def text(value: str) -> str:
        return _NOT_XML.sub("\ufffd", plain(value))

    document = Document()
    language = WORD_LANGUAGE.get(agreement.lang, agreement.lang)
    run_style = document.styles["Normal"].element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), language)
    run_style.append(lang)
    properties = document.core_properties
    properties.title, properties.language = text(agreement.title), language
    properties.author = properties.comments = properties.last_modified_by = ""
    day = dt.datetime.combine(agreement.date, dt.time(12))
    properties.created = properties.modified = day
    document.add_heading(text(agreement.title), 0)
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
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
