"""Many cases at once: reading CSV, JSON lines, multi-document YAML and folders of case
files into rows, one at a time, without holding them all in memory.

Every row carries where it came from (`file:row` for CSV, `file:line` otherwise) and the
original text or cells, so a rejected row can be reported, written to an errors file,
fixed and run again. Reading never assesses; a bad row never stops the others.

Text is read as UTF-8 whatever the locale (standard input too). Bytes that are not UTF-8
make their row (line, JSON line, CSV row or YAML document) a rejected one, named at its
line and column; the other rows are read as usual. A CSV cell over the csv module's
limit, or a quote left open, rejects the row where it began, naming the lines it took.
"""

from __future__ import annotations

import csv
import itertools
import json
import os
import stat
from pathlib import Path
from typing import Any, Iterable, Iterator, NamedTuple

from ..errors import Problem, TrustdoseError, UsageError
from ..i18n import _, os_reason
from .columns import CellError
from .encodings import UTF8, WINDOWS, detect, said
from .layout import CsvLayout
from .workbook import WORKBOOK_SUFFIXES, rejected_width, sheet_rows
from .source import Document, SourceError, parse_stream, parse_text, read_file
from .text import (bad_bytes, clean, csv_problem, first_line, json_problem, not_utf8,
                   open_text, record_problem, unreadable, wide_text)

from ..rules.folders import TEST_SUFFIXES  # rule tests beside cases are not cases

CASE_SUFFIXES = (".yaml", ".yml", ".json")


class Row(NamedTuple):
    """One case as read: its origin, the case as a document (or the problems), the
    original text or cells."""

    source: str  # "file:row" or "file:line"
    doc: Document | None  # None for a CSV row: its `layout` makes one when needed
    problems: list[Problem]
    given: Any  # the JSON line, the YAML document, or the CSV cells
    layout: "CsvLayout | None" = None  # a CSV file's columns
    line: int = 0  # where a CSV row starts in its file

    @property
    def extra(self) -> dict[str, str] | None:
        """The cells of the columns that are not case columns, by header (None: none)."""
        if self.layout is None or not self.layout.extra or len(self.given) != len(
                self.layout.header):
            return None
        return {self.layout.header[i].strip(): self.given[i].strip() for i in self.layout.extra}

    @property
    def original(self) -> Any:
        """The row as given: a CSV row as a mapping of its columns."""
        return dict(zip(self.layout.header, self.given)) if self.layout else self.given

    def document(self) -> Document | None:
        """The case as a document (a CSV row's cells made into the case mapping); a cell
        no case could hold is a `SourceError` at the row."""
        if self.layout is None or self.doc is not None:
            return self.doc
        name = self.source.rpartition(":")[0]
        try:
            data = self.layout.mapping(self.given)
        except CellError as exc:
            raise SourceError(Problem(name, self.line, None, "{column}: {message}".format(
                column=self.layout.header[exc.column].strip(), message=exc.message))) from None
        return Document(name, data, marks={(): (self.line, None)},
                        grouped=self.layout.texts(self.given), columns=self.layout.named_by(),
                        written=self.layout.cells_of(self.given))


def rows_of(given: str | Path, encoding: str = UTF8, sheet: str | None = None
            ) -> Iterator[Row]:
    """Every row of one input: a file (a CSV file in `encoding`, a workbook's `sheet`) or
    a folder of case files."""
    path = Path(given)
    if path.suffix.lower() in WORKBOOK_SUFFIXES and path.is_file():
        yield from workbook_rows(path, str(given), sheet)
        return
    if path.is_dir():
        try:
            found = sorted(p for p in path.iterdir() if not p.name.startswith(".")
                           and not p.name.lower().endswith(TEST_SUFFIXES))
        except OSError as exc:  # an unreadable folder is one bad input, not the end
            yield Row(str(path), None, [Problem(str(path), None, None, _(
                "cannot be read: {reason}").format(reason=os_reason(exc)))], None)
            return
        for case_file in found:  # read_file skips FIFOs, devices, folders and dangling links
            if case_file.suffix.lower() in CASE_SUFFIXES:
                yield _file_row(case_file)
            elif not case_file.is_dir():  # a file not read is said, never skipped unseen
                yield Row(str(case_file), None, [Problem(str(case_file), None, None, _(
                    "not read: a folder's case files end in .yaml, .yml or .json"), _(
                    "give a CSV or JSON-lines file by itself, not in a folder of cases"))],
                          None)
        return
    try:
        handle = open_text(path, encoding)
    except FileNotFoundError:
        raise TrustdoseError(_("{path}: file not found").format(path=path), _(
            "check the path; a folder of case files or - for standard input also work")) from None
    except OSError as exc:
        raise unreadable(path, exc) from None
    with handle:
        if stat.S_ISCHR(mode := os.fstat(handle.fileno()).st_mode) or stat.S_ISBLK(mode):
            raise TrustdoseError(_("{path}: not a regular file").format(path=path), _(
                "give a file, a folder of case files, or - for standard input"))
        try:
            yield from rows_from_lines(handle, str(given), path.suffix.lower())
        except OSError as exc:
            raise unreadable(path, exc) from None


def workbook_rows(path: Path, name: str, sheet: str | None) -> Iterator[Row]:
    """A workbook sheet's rows, as a CSV file's would be, named `file.xlsx:Sheet:row`."""
    rows = sheet_rows(path, name, sheet)
    found = next(rows, None)
    if found is None:
        raise UsageError(_("{path}: the sheet is empty").format(path=name), _(
            "the first row names the columns: subject, task, competence, intention, "
            "resources, risk, …"))
    title, line, header = found
    layout = CsvLayout.of(header, "\t", f"{name}:{title}", line)
    width = len(header)
    for title, number, cells in rows:
        source = f"{name}:{title}:{number}"
        if len(cells) > width:
            yield Row(source, None, [rejected_width(name, title, number, width)], cells,
                      None, number)
            continue
        yield Row(source, None, [], cells + [""] * (width - len(cells)), layout, number)


def input_encoding(given: str, chosen: str | None, tell: Any) -> str:
    """The encoding a CSV file (or standard input) is read in: `chosen`, or else UTF-8
    for standard input and for a file that is UTF-8, Windows-1252 for one that is not
    (`io.encodings`); `tell` is handed what a person should know of it."""
    path = Path(given)
    if chosen is not None or given == "-" or path.suffix.lower() in (
            ".jsonl", ".yaml", ".yml", ".json", *WORKBOOK_SUFFIXES) or not path.is_file():
        return chosen or UTF8
    try:
        found = detect(path)
    except OSError:
        return UTF8  # read the usual way, which says what is wrong
    if found.encoding == WINDOWS:
        tell(_("trustdose: {path}: read as {encoding} (Excel's CSV; it is not UTF-8)").format(
            path=given, encoding=said(WINDOWS)))
    elif found.mixed:
        tell(_("trustdose: warning: {path}: UTF-8 with some bytes that are not; the rows "
               "that hold them are rejected").format(path=given))
    return found.encoding


def carried(layouts: list[CsvLayout | None]) -> list[str]:
    """The columns of the inputs' headers that are not case columns (`Leder`), each once,
    in the order of the files (`layouts`): for the output to have them."""
    found: dict[str, None] = {}
    for layout in layouts:
        if layout is not None:
            found.update((layout.header[i].strip(), None) for i in layout.extra)
    return list(found)


def layouts(inputs: list[str], encodings: list[str], sheet: str | None
            ) -> list[CsvLayout | None]:
    """Each input's columns as its header names them, read before the rows; None for
    an input without one (JSON lines, YAML, standard input: fields vary by row)."""
    found: list[CsvLayout | None] = []
    for given, encoding in zip(inputs, encodings):
        path = Path(given)
        layout = None
        if given == "-" or not path.is_file():
            found.append(layout)
            continue
        if path.suffix.lower() in WORKBOOK_SUFFIXES:
            layout = next(workbook_rows(path, given, sheet), Row("", None, [], None)).layout
        else:
            try:
                with open_text(path, encoding) as handle:
                    blank, first = first_line(iter(handle.readline, ""))
            except OSError:
                first = ""  # read the usual way, which says what is wrong
            if first and not wide_text(first) and \
                    line_format(first, path.suffix.lower()) == "csv":
                layout = CsvLayout.read(first, given, len(blank) + 1)
        found.append(layout)
    return found


def _json_row(text: str, name: str) -> Iterator[Row]:
    """A JSON file of one case, read by JSON's rules (a batch reads it as its one row)."""
    bad = None if text.isascii() else next(
        (p for n, line in enumerate(text.splitlines(), start=1)
         if not line.isascii() and (p := bad_bytes(line, name, n))), None)
    if bad is not None:
        yield Row(f"{name}:{bad.line}", None, [bad], None)
        return
    try:
        doc = parse_text(text, name, as_json=True)
    except SourceError as exc:
        yield Row(f"{name}:{exc.problem.line or 1}", None, [exc.problem], None)
        return
    yield Row(f"{name}:1", doc, [], doc.data)


def _file_row(path: Path) -> Row:
    name = str(path)
    try:
        doc = read_file(path)
    except SourceError as exc:
        return Row(name, None, [exc.problem], None)
    return Row(f"{name}:1", doc, [], doc.data)


def rows_from_lines(lines: Iterable[str], name: str, suffix: str = "") -> Iterator[Row]:
    """Detect the format from the file ending, or from the first line that is not blank,
    then read on."""
    lines = iter(lines)
    blank, first = first_line(lines)
    encoding = wide_text(first) if not first.isascii() else None
    if encoding is not None:
        raise not_utf8(name, encoding)
    kind = line_format(first, suffix)
    if kind == "yaml" and suffix == ".json":  # one case in JSON over several lines
        text = "".join(itertools.chain(blank, [first], lines))
        yield from _json_row(text, name)
        return
    if kind == "jsonl":
        yield from jsonl_rows(itertools.chain([first], lines), name, len(blank) + 1)
    elif kind == "csv":
        header = len(blank) + 1
        yield from csv_rows(lines, name, CsvLayout.read(first, name, header), header + 1)
    else:
        yield from yaml_rows("".join(itertools.chain(blank, [first], lines)), name)


def line_format(first: str, suffix: str) -> str:
    """jsonl, csv or yaml: from the file ending, or else from the first line."""
    start = first.lstrip()[:1]
    if suffix == ".jsonl" or (suffix in ("", ".json") and start == "{" and
                              _is_json_mapping(first)):
        return "jsonl"
    if suffix == ".csv" or (suffix == "" and start not in ("{", "-", "#", "")
                            and ":" not in first):
        return "csv"
    return "yaml"


def _is_json_mapping(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def jsonl_rows(lines: Iterable[str], name: str, first: int = 1) -> Iterator[Row]:
    """One case a line; `first` is the number of the first of `lines` in the file."""
    for number, line in enumerate(lines, start=first):
        line = line.rstrip("\r\n")
        if not line.strip():
            continue
        bad = None if line.isascii() else bad_bytes(line, name, number)
        if bad is not None:
            yield Row(f"{name}:{number}", None, [bad], clean(line))
            continue
        try:
            doc = parse_text(line, name, as_json=True)
        except SourceError as exc:
            yield Row(f"{name}:{number}", None, [json_problem(line, name, number) or
                                                 exc.problem._replace(line=number)], line)
            continue
        doc.offset = number - 1
        yield Row(f"{name}:{number}", doc, [], line)


def yaml_rows(text: str, name: str) -> Iterator[Row]:
    """Multi-document YAML: one case per document, as the YAML parser splits them (so a
    `--- # comment` separator is one). A document with bytes that are not UTF-8 is
    rejected at their line; the others are read."""
    bad = [] if text.isascii() else [
        problem for number, line in enumerate(text.splitlines(keepends=True), start=1)
        if not line.isascii() and (problem := bad_bytes(line, name, number)) is not None]
    if bad:
        text = clean(text)
    ahead: list[Row] = []  # a row waits for the next one, which says where it ends
    for found in parse_stream(text, name):
        if isinstance(found, Problem):
            row = Row(f"{name}:{found.line or 1}", None, [found], None)
        else:
            row = Row(f"{name}:{found.where(())[0] or 1}", found, [], found.data)
        if bad and ahead:
            yield _bytes_checked(ahead.pop(), bad, int(row.source.rpartition(":")[2]))
        elif ahead:
            yield ahead.pop()
        ahead.append(row)
    if ahead:
        yield _bytes_checked(ahead.pop(), bad, None) if bad else ahead.pop()
    elif bad:  # not one document: the bad bytes are all there is to say
        yield Row(f"{name}:{bad[0].line}", None, bad[:1], None)


def _bytes_checked(row: Row, bad: list[Problem], end: int | None) -> Row:
    """The row rejected if bytes that are not UTF-8 stand before `end` (the next row's
    line); bytes before the first document count for the first."""
    found = [p for p in bad if end is None or (p.line or 0) < end]
    for problem in found:
        bad.remove(problem)
    return row._replace(doc=None, problems=found[:1] + row.problems, given=None) \
        if found else row


def csv_rows(lines: Iterable[str], name: str, layout: CsvLayout, first: int = 2) -> Iterator[Row]:
    """The rows after the header; `first` is the number of the first of `lines`.

    A row that is not what the header says is rejected where it begins, and the rows
    after it are read as usual: a cell longer than the csv module's limit, bytes that are
    not UTF-8, a value under a column without a name, and a quote left open (the lines
    it took into its cell are named, never silently lost)."""
    header, delimiter, unnamed = layout.header, layout.delimiter, layout.unnamed
    taken: list[str] = []  # the lines of the row being read

    def feed() -> Iterator[str]:
        for line in lines:
            taken.append(line)
            yield line

    reader = csv.reader(feed(), delimiter=delimiter)
    read = 0  # lines the reader has taken so far (a quoted cell may span several)
    while True:
        try:
            for values in reader:
                number, read = read + first, reader.line_num  # where this row starts
                problem = record_problem(taken, values, name, number, read + first - 1,
                                         delimiter)
                if problem is not None:
                    yield Row(f"{name}:{number}", None, [problem], clean("".join(taken)),
                              None, number)
                    taken.clear()
                    continue
                taken.clear()
                if len(values) != len(header):
                    if any(v.strip() for v in values):
                        yield Row(f"{name}:{number}", None, [Problem(name, number, None, _(
                            "row has {cells} cells, the header has {columns}").format(
                            cells=len(values), columns=len(header)), _(
                            "check for a missing or extra '{delimiter}' in this row").format(
                            delimiter=delimiter))], values, layout, number)
                elif any(map(str.strip, values)):  # a row of empty cells is no case
                    at = next((i for i in unnamed if values[i].strip()), None) \
                        if unnamed else None
                    yield Row(f"{name}:{number}", None, [] if at is None else [Problem(
                        name, number, None, _("a value in column {number}, which the header "
                                              "gives no name").format(number=at + 1),
                        _("name the column in the header, or remove the value"))],
                              values, layout, number)
            return
        except csv.Error as exc:  # the reader goes on at the next line
            number, read = read + first, reader.line_num
            yield Row(f"{name}:{number}", None, [csv_problem(exc, name, number,
                                                             read + first - 1)],
                      clean("".join(taken)), None, number)
            taken.clear()
