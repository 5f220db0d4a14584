"""A CSV file's rows validated cell by cell, fast: what a batch of thousands of rows does.

The cells that make one value of a case (a subject, a task, one dimension's answer, the
planned level, the date) repeat from row to row, so each distinct group of them is
validated once, with the case model's own types (`Subject`, `Task` and the fields of
`Case`), and remembered per layout. A row any part of which the model refuses gets
`None`, and goes the whole way (`api.assess_document` of its case mapping), which names
every problem with its place. The case model validates no field against another, so
a row gets the same case either way; `tests/io/test_cells.py` checks it.
"""

from __future__ import annotations

import datetime as dt
import operator
from typing import Any, NamedTuple

from pydantic import TypeAdapter, ValidationError

from ..model.case import Answer, Case, Subject, Task, answer, parse_level
from ..model.vocabulary import DIMENSIONS
from .readers import CsvLayout

MEMO_SIZE = 16_384  # remembered groups of cells per kind of value
_REFUSED = object()


class Given(NamedTuple):
    """A validated case, as the engine takes it."""

    case_id: str | None
    subject: Subject
    task: Task
    answers: tuple[Answer, ...]
    planned: int | None  # the planned level
    date: dt.date | None


class CellReader:
    """Reads a CSV layout's rows into `Given`s; `usable` is false when the layout lacks
    what every case needs (then every row goes the whole way)."""

    def __init__(self, layout: CsvLayout, indicators: dict[str, list[str]],
                 labels: dict[str, int], planned_given: bool) -> None:
        self.layout, self.indicators, self.labels = layout, indicators, labels
        self.planned_given = planned_given  # for every case: the cells' planned level is not read
        paths = [path for path, _cells in layout.plan]
        self.subject = [i for i, p in enumerate(paths) if p[0] == "subject"]
        self.task = [i for i, p in enumerate(paths) if p[0] == "task"]
        self.dims = [[i for i, p in enumerate(paths) if p[0] == dim] for dim in DIMENSIONS]
        self.others = {p[0]: i for i, p in enumerate(paths) if len(p) == 1 and p[0] not in DIMENSIONS}
        self.usable = ("subject", "name") in paths and ("task", "title") in paths \
            and all(self.dims)
        fields = Case.model_fields
        self.adapters = {name: TypeAdapter(fields[name].annotation)
                         for name in ("competence", "planned_level", "date")}
        self.memo: dict[str, dict] = {"subject": {}, "task": {}, "planned": {}, "date": {},
                                      **{dim: {} for dim in DIMENSIONS}}
        columns = {"subject": self.subject, "task": self.task,
                   "planned": [self.others.get("planned_level", 0)],
                   "date": [self.others.get("date", 0)], **dict(zip(DIMENSIONS, self.dims))}
        # a group's cells, as the key it is remembered under
        self.keys = {kind: operator.itemgetter(*found) if found else (lambda values: ())
                     for kind, found in columns.items()}

    def read(self, values: list[str]) -> Given | None:
        """The row's case, or None when it is not plainly valid."""
        subject = self._group("subject", values, self.subject, self._subject)
        task = self._group("task", values, self.task, self._task)
        if subject is _REFUSED or task is _REFUSED:
            return None
        answers = []
        for dim, columns in zip(DIMENSIONS, self.dims):
            found = self._group(dim, values, columns, self._answer, dim)
            if found is _REFUSED:
                return None
            answers.append(found)
        at = self.others
        planned = None if self.planned_given else \
            self._cell("planned", values, at.get("planned_level"), self._planned)
        date = self._cell("date", values, at.get("date"), self._date)
        case_id = values[at["id"]].strip() or None if "id" in at else None
        if planned is _REFUSED or date is _REFUSED:
            return None
        return Given(case_id, subject, task, tuple(answers), planned, date)

    def _group(self, kind: str, values: list[str], columns: list[int], make: Any,
               *args: Any) -> Any:
        key = self.keys[kind](values)
        table = self.memo[kind]
        found = table.get(key, _REFUSED)
        if found is _REFUSED and key not in table:
            try:
                found = make(self.layout.mapping(values, columns), *args)
            except (ValidationError, ValueError):
                found = _REFUSED
            if len(table) >= MEMO_SIZE:
                table.clear()
            table[key] = found
        return found

    def _subject(self, case: dict) -> Subject:
        return Subject.model_validate(case.get("subject", {}))

    def _task(self, case: dict) -> Task:
        return Task.model_validate(case.get("task", {}))

    def _answer(self, case: dict, dim: str) -> Answer:
        if dim not in case:
            raise ValueError("no answer")
        found, unknown = answer(self.adapters["competence"].validate_python(case[dim]),
                                self.indicators[dim])
        if unknown:
            raise ValueError("unknown indicators")
        return found

    def _planned(self, case: dict) -> int | None:
        given = self.adapters["planned_level"].validate_python(case.get("planned_level"))
        return None if given is None else parse_level(given, self.labels)

    def _date(self, case: dict) -> dt.date | None:
        return self.adapters["date"].validate_python(case.get("date"))

    def _cell(self, kind: str, values: list[str], column: int | None, make: Any) -> Any:
        return None if column is None else self._group(kind, values, [column], make)
