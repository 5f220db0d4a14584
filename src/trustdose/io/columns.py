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
from ..model.vocabulary import DIMENSIONS, NO, YES
from .source import MAX_DIGITS

# CSV columns that are not a dimension, an indicator (dimension.indicator) or a fact.
CSV_FIELDS = {"id": ("id",), "subject": ("subject", "name"), "name": ("subject", "name"),
              "kind": ("subject", "kind"), "new_in_role": ("subject", "new_in_role"),
              "task": ("task", "title"), "title": ("task", "title"),
              "description": ("task", "description"), "tags": ("task", "tags"),
              "task_kind": ("task", "kind"), "people": ("task", "people"),
              "safeguards": ("task", "safeguards"), "purpose": ("task", "purpose"),
              "ground_rules": ("task", "ground_rules"), "success": ("task", "success"),
              "escalate": ("task", "escalate"), "due": ("task", "due"),
              "planned_level": ("planned_level",), "planned": ("planned_level",),
              "date": ("date",)}
TEXT_COLUMNS = {("id",), ("subject", "name"), ("task", "title"), ("task", "description"),
                ("task", "people"), ("date",), ("task", "purpose"), ("task", "success"),
                ("task", "due")}
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


def column(header: str) -> tuple[str, ...] | None:
    key = header.lower()
    if key in CSV_FIELDS:
        return CSV_FIELDS[key]
    if key in DIMENSIONS:
        return (key,)
    dim, dot, rest = key.partition(".")
    if dot and dim in DIMENSIONS and rest:
        return (dim, rest)
    if dot and dim == "facts" and rest:
        return ("task", "facts", rest)
    return None


_WHOLE = re.compile(r"[+-]?[0-9]{1,40}")


def _cell(path: tuple[str, ...], value: str) -> Any:
    """A CSV cell as the case file would say it: numbers, booleans, lists of tags."""
    if path in LINE_COLUMNS:
        return [t.strip() for t in value.replace("|", ";").split(";") if t.strip()]
    if path in (("task", "tags"), ("task", "safeguards")):
        return [t.strip() for t in value.replace("|", ",").replace(";", ",").split(",")
                if t.strip()]
    if path == ("subject", "new_in_role"):
        low = value.lower()
        return True if low in YES else False if low in NO else value
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
