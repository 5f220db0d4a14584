"""A workbook sheet's merged cells, read from the sheet's XML: openpyxl's read-only mode,
which reads a row at a time, does not give them. Excel keeps a merged range's value in
its top-left cell only, so a department merged down five rows would be read as one
department and four empty cells, and a fairness check by department would count four
cases under no department. Each cell of a range is given the range's value instead.
"""

from __future__ import annotations

import re
from typing import Any

from ..errors import TrustdoseError
from ..i18n import _, format_count

# <mergeCell ref="A2:A6"/>, with or without a namespace prefix and $ signs
_RANGE = re.compile(rb'<(?:\w+:)?mergeCell\s[^>]*?ref="\$?([A-Z]{1,3})\$?(\d{1,7}):'
                    rb'\$?([A-Z]{1,3})\$?(\d{1,7})"')
_CHUNK = 1 << 20
MAX_COVERED = 1_000_000  # rows × ranges a sheet's merges may cover: more is no workshop


def _column(letters: bytes) -> int:
    """A column's number from its letters (A is 1, AA is 27)."""
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


class Merged:
    """A sheet's merged ranges, and each row's cells filled from them."""

    def __init__(self, sheet: Any, name: str) -> None:
        # by row: the ranges that cover it (first row, first column, last column)
        self.rows: dict[int, list[tuple[int, int, int]]] = {}
        self.values: dict[tuple[int, int], str] = {}  # a range's top-left value
        covered = 0
        for top, left, bottom, right in _ranges(sheet):
            covered += bottom - top + 1
            if covered > MAX_COVERED:
                raise TrustdoseError(_("{path}: the sheet '{sheet}' has more than {limit} "
                                       "rows in merged cells").format(
                    path=name, sheet=sheet.title, limit=format_count(MAX_COVERED)),
                    _("unmerge the cells, or save the sheet as CSV"))
            for row in range(top, bottom + 1):
                self.rows.setdefault(row, []).append((top, left, right))

    def filled(self, number: int, texts: list[str]) -> list[str]:
        """Row `number`'s cells with each merged cell given its range's value."""
        for top, left, right in self.rows.get(number, ()):
            if number == top:
                self.values[top, left] = texts[left - 1] if left <= len(texts) else ""
            value = self.values.get((top, left), "")
            if value and right > len(texts):
                texts.extend([""] * (right - len(texts)))
            for at in range(left - 1, min(right, len(texts))):
                texts[at] = texts[at] or value
        return texts


def _ranges(sheet: Any) -> list[tuple[int, int, int, int]]:
    """The ranges (first row, first column, last row, last column) of more than one cell,
    from the sheet's XML (nothing where the sheet is not read from a file)."""
    archive, part = getattr(sheet.parent, "_archive", None), getattr(sheet, "_worksheet_path",
                                                                     None)
    if archive is None or part is None:
        return []
    found, tail = [], b""
    with archive.open(part) as xml:
        while chunk := xml.read(_CHUNK):
            text = tail + chunk
            for match in _RANGE.finditer(text):
                left, top, right, bottom = (_column(match[1]), int(match[2]),
                                            _column(match[3]), int(match[4]))
                if (top, left) != (bottom, right) and match.end() > len(tail):
                    found.append((min(top, bottom), min(left, right), max(top, bottom),
                                  max(left, right)))
            tail = text[-200:]
    return found
