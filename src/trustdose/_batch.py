"""Many cases at once: reading CSV, JSONL, multi-document YAML and folders into rows, and
assessing them one by one without holding them all in memory.

Every row carries where it came from (`file:row` for CSV, `file:line` otherwise) and the
original text or mapping, so a rejected row can be reported, written to an errors file,
fixed and run again. A bad row never stops the others.
"""

from __future__ import annotations

import csv
import itertools
import json
import sys
from pathlib import Path
from typing import Any, Iterable, Iterator, NamedTuple

from ._errors import CaseError, Problem, TrustdoseError
from ._i18n import _, os_reason
from ._source import Document, SourceError, parse_text
from ._vocabulary import DIMENSIONS

CASE_SUFFIXES = (".yaml", ".yml", ".json")
# CSV columns that are not a dimension, an indicator (dimension.indicator) or a fact.
CSV_FIELDS = {"id": ("id",), "subject": ("subject", "name"), "name": ("subject", "name"),
              "kind": ("subject", "kind"), "new_in_role": ("subject", "new_in_role"),
              "task": ("task", "title"), "title": ("task", "title"),
              "description": ("task", "description"), "tags": ("task", "tags"),
              "planned_level": ("planned_level",), "planned": ("planned_level",),
              "date": ("date",)}
TEXT_COLUMNS = {("id",), ("subject", "name"), ("task", "title"), ("task", "description"),
                ("date",)}
CELLS_REMEMBERED = 1024  # per column
_UNSEEN, _EMPTY = object(), object()
TRUE = {"true", "yes", "y", "1", "ja", "j"}
FALSE = {"false", "no", "n", "0", "nej", "nei", ""}


class Row(NamedTuple):
    """One case as read: its origin, the case mapping (or the problem), the original."""

    source: str  # "file:row" or "file:line"
    case: dict[str, Any] | None
    problems: list[Problem]
    original: Any  # the CSV row as a mapping, the JSON line, the YAML text
    doc: Document | None = None
    assessed: Any = None  # the batch engine's `Outcome`, when it took the row's cells


def read_rows(inputs: Iterable[str | Path], compiled: Any = None) -> Iterator[Row]:
    """Every row of every input, in order; `-` is standard input. Files are read line by
    line, never whole, so memory stays flat however long they are. With the `compiled`
    batch engine, CSV rows it can take from their cells come already assessed."""
    for given in inputs:
        name = str(given)
        if name == "-":
            yield from _rows_from_lines(sys.stdin, "<stdin>", "", compiled)
            continue
        path = Path(given)
        if path.is_dir():
            for case_file in sorted(p for p in path.glob("*") if p.suffix in CASE_SUFFIXES
                                    and not p.name.endswith((".test.yaml", ".test.yml"))):
                yield _one(_read(case_file), str(case_file))
            continue
        try:
            with open(path, encoding="utf-8-sig", newline="") as handle:
                yield from _rows_from_lines(handle, name, path.suffix.lower(), compiled)
        except FileNotFoundError:
            raise TrustdoseError(_("{path}: file not found").format(path=path), _(
                "check the path; a folder of case files or - for standard input also work")
            ) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise unreadable(path, exc) from None


def unreadable(path: str | Path, exc: Exception) -> TrustdoseError:
    """The error for an input file that cannot be read (or is not UTF-8)."""
    reason = os_reason(exc) if isinstance(exc, OSError) else str(exc)
    return TrustdoseError(_("{path}: cannot be read: {reason}").format(path=path, reason=reason),
                          _("save the file as UTF-8 text"))


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise unreadable(path, exc) from None


def _rows_from_lines(lines: Iterable[str], name: str, suffix: str,
                     compiled: Any = None) -> Iterator[Row]:
    """Detect the format from the file ending, or from the first line, then read on."""
    lines = iter(lines)
    first = next(lines, "").lstrip("\ufeff")
    kind = line_format(first, suffix)
    if kind == "jsonl":
        yield from jsonl_rows(itertools.chain([first], lines), name)
    elif kind == "csv":
        layout = CsvLayout.read(first, name)
        yield from csv_rows(lines, name, layout, 2, compiled and compiled.cells(layout))
    else:
        yield from _yaml_rows(itertools.chain([first], lines), name)


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


def _one(text: str, name: str) -> Row:
    try:
        doc = parse_text(text, name)
    except SourceError as exc:
        return Row(name, None, [exc.problem], text)
    return _row(doc, f"{name}:1", text)


def _row(doc: Document, source: str, original: Any) -> Row:
    if not isinstance(doc.data, dict):
        return Row(source, None, [doc.problem((), _("a case must be a mapping"))], original)
    return Row(source, doc.data, [], original, doc)


def _parsed(text: str, name: str, first_line: int, original: Any) -> Row:
    """One case that starts at `first_line` of its file; positions are the file's."""
    source = f"{name}:{first_line}"
    try:
        doc = parse_text(text, name)
    except SourceError as exc:
        # a parser may point just past the end of the text: keep it within this case
        last = first_line + text.count("\n")
        line = exc.problem.line
        shifted = exc.problem._replace(line=min(line + first_line - 1, last) if line
                                       else first_line)
        return Row(source, None, [shifted], original)
    doc.offset = first_line - 1
    return _row(doc, source, original)


def jsonl_rows(lines: Iterable[str], name: str, first: int = 1) -> Iterator[Row]:
    """One case a line; `first` is the number of the first of `lines` in the file."""
    for number, line in enumerate(lines, start=first):
        line = line.rstrip("\r\n")
        if line.strip():
            yield _parsed(line, name, number, line)


def _yaml_rows(lines: Iterable[str], name: str) -> Iterator[Row]:
    """Multi-document YAML: one case per document, separated by `---`."""
    first_line, chunk = 1, []
    for number, line in enumerate(itertools.chain(lines, ["---"]), start=1):
        if line.rstrip() != "---":
            chunk.append(line.rstrip("\r\n"))
            continue
        if any(x.strip() and not x.lstrip().startswith("#") for x in chunk):
            body = "\n".join(chunk)
            yield _parsed(body, name, first_line, body)
        first_line, chunk = number + 1, []


class CsvLayout(NamedTuple):
    """What the header line of a CSV file says: the delimiter and each column's field."""

    header: list[str]
    delimiter: str
    # each column's place in a case and, for columns that are not free text, what each
    # cell came to (they repeat: scores, levels, tags …)
    plan: list[tuple[tuple[str, ...], dict | None]]

    @classmethod
    def read(cls, header_line: str, name: str) -> "CsvLayout":
        if not header_line.strip():
            raise TrustdoseError(_("{path}: the CSV file is empty").format(path=name), _(
                "the first line names the columns: subject, task, competence, intention, "
                "resources, risk, …"))
        delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
        header = next(csv.reader([header_line], delimiter=delimiter))
        columns = [_column(h.strip()) for h in header]
        unknown = [h for h, c in zip(header, columns) if c is None]
        if unknown:
            raise TrustdoseError(
                _("{path}:1: unknown column '{name}'").format(path=name, name=unknown[0]),
                _("columns: {names}, the four dimensions, dimension.indicator (e.g. "
                  "competence.experience) and facts.<name>").format(
                      names=", ".join(sorted(CSV_FIELDS))))
        return cls(header, delimiter, [(path, None if path in TEXT_COLUMNS else {})
                                       for path in columns])  # type: ignore[misc]


def csv_rows(lines: Iterable[str], name: str, layout: CsvLayout, first: int = 2,
             assess_cells: Any = None) -> Iterator[Row]:
    """The rows after the header; `first` is the number of the first of `lines`.
    `assess_cells` (from `_compiled.Compiled.cells`) may assess a row from its cells
    first; the rows it leaves are read into a case."""
    header, delimiter, plan = layout
    width = len(header)
    reader = csv.reader(lines, delimiter=delimiter)
    read = 0  # lines the reader has taken so far (a quoted cell may span several)
    for values in reader:
        number, read = read + first, reader.line_num  # where this row starts in the file
        source = f"{name}:{number}"
        if assess_cells is not None and len(values) == width:
            outcome = assess_cells(values, source)
            if outcome is not None:
                yield Row(source, None, [], values, None, outcome)
                continue
        if not any(v.strip() for v in values):
            continue
        original = dict(zip(header, values))
        if len(values) != len(header):
            problem = Problem(name, number, None, _("row has {cells} cells, the header has "
                                                    "{columns}").format(cells=len(values),
                                                                        columns=len(header)),
                              _("check for a missing or extra '{delimiter}' in this row").format(
                                  delimiter=delimiter))
            yield Row(source, None, [problem], original)
            continue
        case: dict[str, Any] = {}
        for (path, cells), raw in zip(plan, values):
            if cells is None:  # text: as written, without surrounding blanks
                value: Any = raw.strip()
                if not value:
                    continue
            else:
                value = cells.get(raw, _UNSEEN)
                if value is _UNSEEN:
                    value = _convert(cells, raw, path)
                if value is _EMPTY:
                    continue
                if type(value) is tuple:  # tags: a list of each case's own
                    value = list(value)
            if len(path) == 1:
                case[path[0]] = value
            else:
                node = case
                for part in path[:-1]:
                    node = node.setdefault(part, {})
                node[path[-1]] = value
        marks = {(): (number, None)}  # a problem in a cell names the row and the column
        yield Row(source, case, [], original, Document(name, case, marks=marks))


def _column(header: str) -> tuple[str, ...] | None:
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


def _convert(cells: dict[str, Any], raw: str, path: tuple[str, ...]) -> Any:
    value = raw.strip()
    value = _EMPTY if not value else _cell(path, value)
    if type(value) is list:
        value = tuple(value)
    if len(cells) < CELLS_REMEMBERED:
        cells[raw] = value
    return value


def _cell(path: tuple[str, ...], value: str) -> Any:
    """A CSV cell as the case file would say it: numbers, booleans, lists of tags."""
    if path == ("task", "tags"):
        return [t.strip() for t in value.replace("|", ",").replace(";", ",").split(",")
                if t.strip()]
    if path == ("subject", "new_in_role"):
        low = value.lower()
        return True if low in TRUE else False if low in FALSE else value
    if path[0] in DIMENSIONS or path[:2] == ("task", "facts") or path == ("planned_level",):
        number = value.replace(",", ".")  # a decimal comma: 3,5 can only mean 3.5 here
        try:
            return int(number)
        except ValueError:
            try:
                return float(number)
            except ValueError:
                return value
    return value


def assess_rows(rows: Iterable[Row], rules: Any, planned: int | str | None = None,
                compiled: Any = None, today: Any = None) -> Iterator[tuple[Row, Any]]:
    """Assess each row: (row, Assessment), (row, Outcome) from the `compiled` batch engine,
    or, for a bad row, (row with problems, None)."""
    from ._api import assess

    for row in rows:
        if row.assessed is not None:
            yield row, row.assessed
            continue
        if row.problems or row.case is None:
            yield row, None
            continue
        if compiled is not None:
            outcome = compiled.assess(row.case, row.source)
            if outcome is not None:
                yield row, outcome
                continue
        try:
            result = assess(row.doc if row.doc is not None else row.case, rules,
                            planned=planned, today=today)
        except CaseError as exc:
            yield row._replace(problems=exc.problems), None
            continue
        except TrustdoseError as exc:
            yield row._replace(problems=[Problem(row.source, None, None, str(exc),
                                                 exc.hint)]), None
            continue
        if result.case_id is None:  # every output row carries an id: given, or where it was
            result = result._replace(case_id=row.source)
        yield row, result


def assess_many(cases: Iterable[Any], rules: Any = None, *,
                planned: int | str | None = None) -> Iterator[Any]:
    """Assess each case (a dict, a path or a `Case`) lazily, for notebooks and scripts.

    Raises `CaseError` at the first invalid case, naming it; use the `batch` command to
    collect bad rows instead.
    """
    from ._api import assess
    from ._rules import load_rules

    rules = rules or load_rules()
    for case in cases:
        yield assess(case, rules, planned=planned)
