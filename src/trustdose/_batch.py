"""Many cases at once: reading CSV, JSONL, multi-document YAML and folders into rows, and
assessing them one by one without holding them all in memory.

Every row carries where it came from (`file:row` for CSV, `file:line` otherwise) and the
original text or mapping, so a rejected row can be reported, written to an errors file,
fixed and run again. A bad row never stops the others.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import Any, Iterable, Iterator, NamedTuple

from ._errors import CaseError, Problem, TrustdoseError
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
TRUE = {"true", "yes", "y", "1", "ja", "j"}
FALSE = {"false", "no", "n", "0", "nej", "nei", ""}


class Row(NamedTuple):
    """One case as read: its origin, the case mapping (or the problem), the original."""

    source: str  # "file:row" or "file:line"
    case: dict[str, Any] | None
    problems: list[Problem]
    original: Any  # the CSV row as a mapping, the JSON line, the YAML text
    doc: Document | None = None


def read_rows(inputs: Iterable[str | Path]) -> Iterator[Row]:
    """Every row of every input, in order; `-` is standard input."""
    for given in inputs:
        name = str(given)
        if name == "-":
            yield from _rows_from_text(sys.stdin.read(), "<stdin>")
            continue
        path = Path(given)
        if path.is_dir():
            for case_file in sorted(p for p in path.glob("*") if p.suffix in CASE_SUFFIXES
                                    and not p.name.endswith((".test.yaml", ".test.yml"))):
                yield from _rows_from_file(case_file, whole=True)
        else:
            yield from _rows_from_file(path, whole=False)


def _rows_from_file(path: Path, whole: bool) -> Iterator[Row]:
    try:
        if path.suffix.lower() == ".csv":  # streamed, never read whole
            with open(path, encoding="utf-8-sig", newline="") as handle:
                yield from _csv_rows(handle, str(path))
            return
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise TrustdoseError(f"{path}: file not found", "check the path; a folder of case "
                             "files or - for standard input also work") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise TrustdoseError(f"{path}: cannot be read: {exc}") from None
    if whole:
        yield _one(text, str(path))
    else:
        yield from _rows_from_text(text, str(path), suffix=path.suffix.lower())


def _rows_from_text(text: str, name: str, suffix: str = "") -> Iterator[Row]:
    start = text.lstrip()[:1]
    if suffix == ".jsonl" or (suffix in ("", ".json") and start == "{" and
                              _looks_like_jsonl(text)):
        yield from _jsonl_rows(text, name)
    elif suffix == ".csv" or (suffix == "" and start not in ("{", "-", "#", "")
                              and ":" not in text.splitlines()[0]):
        yield from _csv_rows(io.StringIO(text), name)
    else:
        yield from _yaml_rows(text, name)


def _looks_like_jsonl(text: str) -> bool:
    first = text.lstrip().split("\n", 1)[0].strip()
    try:
        return isinstance(json.loads(first), dict)
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
        return Row(source, None, [doc.problem((), "a case must be a mapping")], original)
    return Row(source, doc.data, [], original, doc)


def _jsonl_rows(text: str, name: str) -> Iterator[Row]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            doc = parse_text(line, f"{name}")
        except SourceError as exc:
            problem = exc.problem._replace(line=number)
            yield Row(f"{name}:{number}", None, [problem], line)
            continue
        # positions, when a problem needs them, are those of the whole file
        doc = Document(doc.path, doc.data, text="\n" * (number - 1) + line)
        yield _row(doc, f"{name}:{number}", line)


def _yaml_rows(text: str, name: str) -> Iterator[Row]:
    """Multi-document YAML: one case per document, separated by `---`."""
    chunks: list[tuple[int, list[str]]] = [(1, [])]
    for number, line in enumerate(text.splitlines(), start=1):
        if line.rstrip() == "---":
            chunks.append((number + 1, []))
        else:
            chunks[-1][1].append(line)
    for first_line, lines in chunks:
        body = "\n".join(lines)
        if not body.strip() or all(not x.strip() or x.lstrip().startswith("#") for x in lines):
            continue
        # pad so positions are those of the whole file
        padded = "\n" * (first_line - 1) + body
        try:
            doc = parse_text(padded, name)
        except SourceError as exc:
            yield Row(f"{name}:{first_line}", None, [exc.problem], body)
            continue
        yield _row(doc, f"{name}:{first_line}", body)


def _csv_rows(handle: Any, name: str) -> Iterator[Row]:
    header_line = handle.readline()
    if not header_line.strip():
        raise TrustdoseError(f"{name}: the CSV file is empty", "the first line names the "
                             "columns: subject, task, competence, intention, resources, risk, …")
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    header = next(csv.reader([header_line], delimiter=delimiter))
    columns = [_column(h.strip()) for h in header]
    unknown = [h for h, c in zip(header, columns) if c is None]
    if unknown:
        raise TrustdoseError(
            f"{name}:1: unknown column '{unknown[0]}'",
            "columns: " + ", ".join(sorted(CSV_FIELDS)) + ", the four dimensions, "
            "dimension.indicator (e.g. competence.experience) and facts.<name>")
    for number, values in enumerate(csv.reader(handle, delimiter=delimiter), start=2):
        if not any(v.strip() for v in values):
            continue
        original = dict(zip(header, values))
        source = f"{name}:{number}"
        if len(values) != len(header):
            problem = Problem(name, number, None, f"row has {len(values)} cells, the header "
                              f"has {len(header)}", "check for a missing or extra "
                              f"'{delimiter}' in this row")
            yield Row(source, None, [problem], original)
            continue
        case: dict[str, Any] = {}
        for path, value in zip(columns, values):
            value = value.strip()
            if value == "":
                continue
            node = case
            for part in path[:-1]:  # type: ignore[index]
                node = node.setdefault(part, {})
            node[path[-1]] = _cell(path, value)  # type: ignore[index]
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


def assess_rows(rows: Iterable[Row], rules: Any, planned: int | str | None = None
                ) -> Iterator[tuple[Row, Any]]:
    """Assess each row: (row, Assessment) or, for a bad row, (row with problems, None)."""
    from ._api import assess

    for row in rows:
        if row.problems or row.case is None:
            yield row, None
            continue
        try:
            result = assess(row.doc if row.doc is not None else row.case, rules,
                            planned=planned)
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
