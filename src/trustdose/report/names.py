"""A file name for a case's files (the questionnaire's kept answers, an agreement): whom
and which task, readable in a listing and safe on any file system. Letters and digits of
any script, joined by dashes: no `/`, no `..`, no control or bidi character, no name that
Windows keeps for a device (`CON`, `NUL`, `COM1`), and at most `STEM_LENGTH` characters
and `STEM_BYTES` bytes (a folder listing and the 255-byte limit of a name)."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

STEM_LENGTH = 60  # a file name a person can read in a listing
STEM_BYTES = 180  # in UTF-8, with room for '-12' and '.docx' under 255 bytes
# names Windows keeps for devices, whatever follows a dot (`con.md` is the console too)
DEVICES = frozenset({"con", "prn", "aux", "nul", *(f"{port}{n}" for port in ("com", "lpt")
                                                     for n in "123456789¹²³")})


def file_stem(assessment: Any) -> str:
    """A file name for the case, without its ending: who and which task, in letters,
    digits and dashes; a long title ends at a whole word, and not on a short word that
    leads into the rest (`-for-the`, `-og-i`), so the name never stops mid-phrase."""
    words = unicodedata.normalize(
        "NFC", f"{assessment.subject.name} {assessment.task.title}".casefold())
    slug = re.sub(r"[^\w]+|_", "-", words).strip("-")
    if len(slug) > STEM_LENGTH or len(slug.encode()) > STEM_BYTES:
        kept = _cut(slug).split("-")[:-1]  # the last word may be cut: dropped
        while len(kept) > 2 and len(kept[-1]) <= 3:
            kept.pop()
        slug = "-".join(kept) or _cut(slug)[:STEM_LENGTH]
    slug = slug or "case"
    return f"{slug}-case" if slug in DEVICES else slug


def _cut(slug: str) -> str:
    """The first `STEM_LENGTH` + 1 characters of `slug`, fewer if they hold more than
    `STEM_BYTES` bytes."""
    cut = slug[:STEM_LENGTH + 1]
    while len(cut.encode()) > STEM_BYTES:
        cut = cut[:-1]
    return cut
