"""A new Word document (python-docx, imported only when one is written), as every Word
output of trustdose starts one: in its language (for the spelling check), titled, dated,
with no author or program's comment in its properties; and how a text goes into it: as
text, never markup, its control characters written as escapes (`agreement_parts.plain`)
and what XML cannot hold at all replaced."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Callable

from .agreement_parts import plain

# the languages as Word names them, for its spelling check
WORD_LANGUAGE = {"da": "da-DK", "nb": "nb-NO", "sv": "sv-SE", "en": "en-GB"}
# what XML cannot hold at all, even escaped (a lone surrogate from a JSON \ud800)
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")


def as_text(value: str) -> str:
    """A text as it goes into a Word document."""
    return _NOT_XML.sub("\ufffd", plain(value))


def new_document(title: str, lang: str, date: dt.date) -> tuple[Any, Callable[[str], str]]:
    """A document in `lang`, its properties set (title, language, the day at noon, no
    author), its title the first heading; and the function that puts a text in."""
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    document = Document()
    language = WORD_LANGUAGE.get(lang, lang)
    tag = OxmlElement("w:lang")
    tag.set(qn("w:val"), language)
    document.styles["Normal"].element.get_or_add_rPr().append(tag)
    properties = document.core_properties
    properties.title, properties.language = as_text(title), language
    properties.author = properties.comments = properties.last_modified_by = ""
    properties.created = properties.modified = dt.datetime.combine(date, dt.time(12))
    document.add_heading(as_text(title), 0)
    return document, as_text


def saved(document: Any) -> bytes:
    """The document's bytes."""
    import io
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
