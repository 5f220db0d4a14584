"""What the header of a CSV file (or a sheet of a workbook) says: the delimiter, and each
column's place in a case, or that it is a column of the leader's own, carried to the output
as it is. A header close to a case column is that column misspelt, and refused.
"""

from __future__ import annotations

import csv
from typing import Any, Iterable, NamedTuple

from ..errors import UNSAFE, UsageError, clipped, codepoint, visible
from ..i18n import _
from ..model.vocabulary import DIMENSIONS
from .columns import EMPTY, TEXT_COLUMNS, CellError, cell_value
from .headers import column, key, near
from .text import unknown_columns


class CsvLayout(NamedTuple):
    """What the header line of a CSV file says: the delimiter and each column's field."""

    header: list[str]
    delimiter: str
    # each column's place in a case and, for columns that are not free text, what each
    # cell came to (they repeat: scores, levels, tags …)
    plan: list[tuple[tuple[str, ...], dict | None]]
    header_key: tuple = ()  # what tells two files' (or chunks') layouts apart
    unnamed: tuple[int, ...] = ()  # columns the header leaves without a name
    extra: tuple[int, ...] = ()  # columns that are not case columns: carried, not read
    cases: tuple[int, ...] = ()  # the case columns

    @classmethod
    def read(cls, header_line: str, name: str, line: int = 1) -> "CsvLayout":
        """The layout a header line gives (`line` is its number in the file); unknown and
        duplicate columns are a `UsageError`, before any row is read."""
        if not header_line.strip():
            raise UsageError(_("{path}: the CSV file is empty").format(path=name), _(
                "the first line names the columns: subject, task, competence, intention, "
                "resources, risk, …"))
        if header_line.startswith("PK\x03\x04"):  # a zip: a workbook, read by its name
            raise UsageError(_("{path}: an Excel workbook (a zip file), not text").format(
                path=name), _("name it .xlsx, or save it from Excel as CSV UTF-8"))
        try:
            delimiter = csv.Sniffer().sniff(header_line, delimiters=",;\t").delimiter
        except csv.Error:  # one column: nothing to tell apart
            delimiter = ","
        try:
            header = next(csv.reader([header_line], delimiter=delimiter))
        except csv.Error as exc:  # a header no CSV file has (a cell over the csv limit)
            raise UsageError(_("{path}:{line}: the first line is not a CSV header: {problem}")
                             .format(path=name, line=line, problem=exc)) from None
        return cls.of(header, delimiter, name, line)

    @classmethod
    def of(cls, header: list[str], delimiter: str, name: str, line: int) -> "CsvLayout":
        """The layout of a header's cells; a column misspelt and two columns that give
        one value are a `UsageError`."""
        # a column without a name (a separator at the end of the header, as some
        # spreadsheets write it) holds nothing: its cells must be empty
        unnamed = tuple(i for i, h in enumerate(header) if not h.strip())
        _readable(header, name, line)
        columns = [("",) if not h.strip() else column(h) for h in header]
        unknown = [h.strip() for h, c in zip(header, columns) if c is None]
        # a header close to a case column is that column misspelt, never carried unseen
        close = {h: found for h in unknown if (found := near(h)) is not None}
        if close:
            raise UsageError(unknown_columns(name, line, list(close)), "; ".join(
                _("'{given}': did you mean '{name}'?").format(given=h, name=found)
                for h, found in close.items()))
        extra = tuple(i for i, c in enumerate(columns) if c is None)
        _once(header, extra, name, line)
        for i, path in enumerate(columns):  # one value, one column
            for j, other in enumerate(columns[:i]):
                if i in unnamed or j in unnamed or path is None or other is None:
                    continue
                if path[:len(other)] == other or other[:len(path)] == path:
                    raise UsageError(_("{path}:{line}: the columns '{first}' and '{second}' "
                                       "both give {field}").format(
                        path=name, line=line, first=header[j], second=header[i],
                        field=".".join(other[:len(path)])),
                        _("keep one of them; a dimension is a score or its indicators' answers"))
        return cls(header, delimiter, [(path or ("extra",), None if path in TEXT_COLUMNS
                                        or path is None else {}) for path in columns],
                   (delimiter, *header), unnamed, extra,
                   tuple(i for i, c in enumerate(columns) if c is not None))

    def named(self, words: dict[tuple[str, str], str]) -> "CsvLayout":
        """The layout with each indicator column named by its id (`words`:
        `headers.indicator_words`); a name the rules do not know stays, to be refused
        with the row."""
        return self._replace(plan=[((path[0], words.get(path[:2], path[1])), cells)
                                   if len(path) == 2 and path[0] in DIMENSIONS else (path, cells)
                                   for path, cells in self.plan])

    def mapping(self, values: list[str], columns: Iterable[int] | None = None) -> dict[str, Any]:
        """The case mapping a row's cells describe (only `columns`, if given): numbers,
        booleans and tag lists as a case file would give them; empty cells left out."""
        case: dict[str, Any] = {}
        for i in self.cases if columns is None else columns:
            (path, cells), raw = self.plan[i], values[i]
            try:
                value = cell_value(cells, raw, path)
            except CellError as exc:
                raise CellError(exc.message, i) from None
            if value is EMPTY:
                continue
            node = case
            for part in path[:-1]:
                node = node.setdefault(part, {})
            node[path[-1]] = list(value) if type(value) is tuple else value  # tags: own list
        return case


    def named_by(self) -> dict[tuple, str]:
        """Each case column's place in the case → its header as the file writes it."""
        return {self.plan[i][0]: self.header[i].strip() for i in self.cases}

    def cells_of(self, values: list[str]) -> dict[tuple, str]:
        """Each case column's place in the case → the row's cell there, as written."""
        return {self.plan[i][0]: values[i].strip() for i in self.cases if i < len(values)}

    def texts(self, values: list[str], columns: Iterable[int] | None = None
              ) -> dict[tuple, str]:
        """The task facts' cells as written (only `columns`, if given), by their place in
        the case: a cell is text, which a fact the rules type is read from
        (`model.facts`): `007` stays `007` for a fact compared with text."""
        return {path: values[i].strip()
                for i in (range(len(values)) if columns is None else columns)
                if (path := self.plan[i][0])[:2] == ("task", "facts") and values[i].strip()}


def _readable(header: list[str], name: str, line: int) -> None:
    """A header a person can read: NUL bytes in many places are a file that is not text
    as read (UTF-16 without its BOM); a control character in a heading would act on a terminal or a
    spreadsheet wherever the heading is shown."""
    if sum(h.count("\x00") for h in header) * 4 >= sum(map(len, header)) > 0:
        raise UsageError(_("{path}:{line}: the header holds NUL bytes: the file is not "
                           "text as it was read (UTF-16 without its BOM?)").format(
            path=name, line=line), _("save it as CSV UTF-8"))
    bad = [(i, h, found) for i, h in enumerate(header) if (found := UNSAFE.search(h.strip()))]
    if bad:
        raise UsageError("; ".join(_(
            "{path}:{line}: column {number} '{heading}' holds a control character "
            "({code})").format(path=name, line=line, number=i + 1,
                               heading=visible(clipped(h.strip())),
                               code=codepoint(found.group())) for i, h, found in bad),
            _("name each column in words"))


def _once(header: list[str], extra: tuple[int, ...], name: str, line: int) -> None:
    """Each column of the leader's own named once (in any case, as case columns are):
    two `Leder` columns would be carried as one, the other's values lost."""
    seen: dict[str, int] = {}
    twice = []
    for i in extra:
        first = seen.setdefault(key(header[i]), i)
        if first != i:
            twice.append(_("{path}:{line}: the columns {first} and {second} are both named "
                           "'{heading}'").format(path=name, line=line, first=first + 1,
                                                 second=i + 1, heading=header[i].strip()))
    if twice:
        raise UsageError("; ".join(twice), _("give each column its own name"))
