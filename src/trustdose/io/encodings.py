"""Which encoding a CSV file is in, told without guessing wrong: a file that is valid
UTF-8 is UTF-8; one that has not one UTF-8 letter beyond ASCII and bytes that are not
UTF-8 is Windows-1252 (what Danish, Norwegian and Swedish Excel save as "CSV
(semikolonsepareret)"); one that has both is UTF-8 with some rows gone wrong, which are
rejected at their line, never read as something else.

The file is read once, a piece at a time (never whole), before its rows are read.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import NamedTuple


UTF8, WINDOWS = "utf-8", "cp1252"
PIECE = 1 << 20  # bytes read at a time
WIDE_MARKS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")  # UTF-16 and UTF-32
# as the `surrogateescape` handler decodes them: a letter beyond ASCII, a byte not UTF-8
_LETTER = re.compile("[^\x00-\x7f\udc80-\udcff]")
_NOT_UTF8 = re.compile("[\udc80-\udcff]")


class Detected(NamedTuple):
    """A file's encoding, and whether it is UTF-8 with bytes that are not (mixed)."""

    encoding: str
    mixed: bool = False


def detect(path: str | Path) -> Detected:
    """The encoding of the file at `path` (UTF-8 or Windows-1252)."""
    decoder = codecs.getincrementaldecoder(UTF8)("surrogateescape")
    letters = bad = False
    with open(path, "rb") as handle:
        if handle.read(4).startswith(WIDE_MARKS):  # UTF-16 or UTF-32 (Excel's
            return Detected(UTF8)  # "Unicode text"): refused as such where it is read
        handle.seek(0)
        if handle.read(3) != b"\xef\xbb\xbf":  # a UTF-8 BOM says nothing of the rest:
            handle.seek(0)                      # Excel puts it on Windows-1252 too
        while piece := handle.read(PIECE):
            if piece.isascii() and not decoder.getstate()[0]:
                continue
            text = decoder.decode(piece)
            letters = letters or _LETTER.search(text) is not None
            bad = bad or _NOT_UTF8.search(text) is not None
            if letters and bad:
                break
        else:
            bad = bad or _NOT_UTF8.search(decoder.decode(b"", final=True)) is not None
    return Detected(WINDOWS, False) if bad and not letters else Detected(UTF8, bad)


def said(encoding: str) -> str:
    """An encoding's name as a person knows it."""
    return {WINDOWS: "Windows-1252", UTF8: "UTF-8"}.get(codecs.lookup(encoding).name,
                                                          encoding)
