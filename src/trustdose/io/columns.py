"""What a CSV file's columns and cells mean in a case: the column names, and each cell
as a case file would say it (numbers, true/false, lists of tags), remembered per column.

A cell is text; a task fact's cell is read by the type the rules give the fact
(`model.facts`) from the text as written (`CsvLayout.texts` in `io.readers`), so what is
made of it here only stands for a fact no rule compares.
"""

from __future__ import annotations

import re
from typing import Any

from ..i18n import _
from ..model.vocabulary import BOOLEAN_WORDS, DIMENSIONS, LOCAL_DAY, NO, YES
from .headers import TABLE
from .source import MAX_DIGITS

# The English words of the columns that are not a dimension, an indicator or a fact (the
# words in every language are `io.headers`)
CSV_FIELDS = {word: path for path, _holds, words in TABLE if path[0] not in DIMENSIONS
              for word in words[0].split("|")}
TEXT_COLUMNS = {("id",), ("subject", "name"), ("task", "title"), ("task", "description"),
                ("task", "people"), ("task", "purpose"), ("task", "success"),
                ("task", "leader")}
# text a case holds on one line: a line break in the cell (Excel's Alt+Enter, a long
# title wrapped by hand) is a space there
ONE_LINE = {("id",), ("subject", "name"), ("task", "title"), ("task", "people"),
            ("task", "leader")}
DAY_COLUMNS = {("date",), ("task", "due")}
# yes and no as a leader (or Excel in each language: SAND, SANT, FALSKT) writes them
YES_NO = {**BOOLEAN_WORDS, **dict.fromkeys(YES, True), **dict.fromkeys(NO, False)}
# the leader's own lines (ground rules, when to come first) are sentences: a comma
# belongs in them, so only | and ; part them
LINE_COLUMNS = {("task", "ground_rules"), ("task", "escalate")}
LIST_COLUMNS = {("task", "tags"), ("task", "safeguards"), *LINE_COLUMNS}
CELLS_REMEMBERED = 1024  # per column: scores, levels and tags repeat


class CellError(ValueError):
    """A CSV cell no case could hold (a number of more digits than any file may have)."""

    def __init__(self, message: str, column: int = 0) -> None:
        super().__init__(message)
        self.message, self.column = message, column


EMPTY = object()  # an empty cell: no value


def cell_value(cells: dict | None, raw: str, path: tuple[str, ...]) -> Any:
    """A cell as the case file would say it, remembered per column."""
    if cells is None:  # text: as written, without surrounding blanks
        if "\n" in raw and path in ONE_LINE:  # Alt+Enter in Excel: a line of a title
            raw = re.sub(r"\s*\n\s*", " ", raw)
        return raw.strip() or EMPTY
    if raw in cells:
        return cells[raw]
    value = raw.strip()
    if len(value) > MAX_DIGITS and path not in LIST_COLUMNS and \
            sum(map(str.isdigit, value)) > MAX_DIGITS:  # int() of 4,300 digits fails
        raise CellError(_("a number of more than {limit} digits").format(limit=MAX_DIGITS))
    found = EMPTY if not value else _cell(path, value)
    if type(found) is list:
        found = tuple(found)
    if len(cells) < CELLS_REMEMBERED:
        cells[raw] = found
    return found


_WHOLE = re.compile(r"[+-]?[0-9]{1,40}")


def _cell(path: tuple[str, ...], value: str) -> Any:
    """A CSV cell as the case file would say it: numbers, booleans, lists of tags."""
    if path in LINE_COLUMNS:  # a line of its own in the cell (Alt+Enter) is one too
        return [t.strip() for t in value.replace("|", ";").replace("\n", ";").split(";")
                if t.strip()]
    if path in (("task", "tags"), ("task", "safeguards")):
        return [t.strip() for t in value.replace("|", ",").replace(";", ",")
                .replace("\n", ",").split(",") if t.strip()]
    if path == ("subject", "new_in_role"):
        return YES_NO.get(value.lower(), value)
    if path in DAY_COLUMNS:  # 10-12-2026 is the 10th of December, never October 12th
        local = LOCAL_DAY.fullmatch(value)
        return f"{local[3]}-{int(local[2]):02d}-{int(local[1]):02d}" if local else value
    if path[:2] == ("task", "facts"):  # whole digits are a number in every language; the
        # rest stays text, which a fact that rules compare as a number is read from in
        # the language's conventions (model.numbers: 60.000 is 60000 in Danish)
        return int(value) if _WHOLE.fullmatch(value) else value
    if path[0] in DIMENSIONS or path == ("planned_level",):
        number = value.replace(",", ".")  # a decimal comma: 3,5 can only mean 3.5 here
        for kind in (int, float):
            try:
                return kind(number)
            except ValueError:
                pass
    return value
