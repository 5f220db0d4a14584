"""The shape of a delegation agreement: sections of paragraphs and lists, every text
plain. `report.agreement` builds one; each format draws it."""

from __future__ import annotations

from typing import Any, NamedTuple

from ..errors import visible
from .signing import Signing


def plain(text: str) -> str:
    """A text as the agreement shows it: on one line, every control character (a bidi
    override too) written as an escape (`errors.visible`)."""
    return " ".join(visible(text, keep="\n\t\r").split())


class Items(NamedTuple):
    """A list, one point an item."""

    items: tuple[str, ...]


class Section(NamedTuple):
    """A heading and what stands under it: paragraphs (str) and lists (`Items`)."""

    heading: str
    blocks: tuple[str | Items, ...]


class Agreement(NamedTuple):
    """The agreement as one structure, every text plain (as the leader wrote it, or in
    the language it was made in): each format (`report.agreement_markdown`, `_html`,
    `_word`, `_text`) draws it and escapes it for itself, so the content is said once."""

    title: str
    opening: str  # whom it is for, and the day it was agreed
    sections: tuple[Section, ...]
    lang: str
    date: Any  # the day it was agreed (a Word document's date)
    signing: Signing  # whom it is from (under the opening), and the signatures at the end
