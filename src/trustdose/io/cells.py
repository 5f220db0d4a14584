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

import collections
import datetime as dt
import operator
from typing import Any, Mapping, NamedTuple, Sequence

from pydantic import TypeAdapter, ValidationError

from ..i18n import current
from ..memo import Memo
from ..model.case import Answer, Case, Subject, Task, answer, near_tag
from ..model.levels import parse_level
from ..model.facts import typed_facts
from ..model.vocabulary import DIMENSIONS
from .readers import CsvLayout

MEMO_SIZE = 16_384  # remembered groups of cells per kind of value (`memo.Memo`)
_REFUSED = object()


def _key(columns: list[int]) -> Any:
    """The cells of `columns` of a row (a value, or a tuple of them)."""
    return operator.itemgetter(*columns) if columns else (lambda values: ())


def adapters() -> dict[str, TypeAdapter]:
    """The validators of a case's answer, planned level and date: built once per process
    (a batch builds them before its workers fork; each costs pydantic tens of ms)."""
    if not _ADAPTERS:
        fields = Case.model_fields
        _ADAPTERS.update((name, TypeAdapter(fields[name].annotation))
                         for name in ("competence", "planned_level", "date"))
    return _ADAPTERS


_ADAPTERS: dict[str, TypeAdapter] = {}


def _nowhere(*args: Any) -> None:
    """No place for a problem: a refused row goes the whole way, which names it."""


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
                 labels: dict[str, int], planned_given: bool,
                 safeguards: tuple[str, ...] | list[str] = (),
                 facts: Mapping[str, str] | None = None, lang: str | None = None,
                 tags: Sequence[str] = (),
                 texts: Mapping[str, Sequence[str]] | None = None) -> None:
        self.layout, self.indicators, self.labels = layout, indicators, labels
        # the task facts rules compare, by type (`rules.integrity.fact_types`), read in
        # the language's conventions
        self.facts, self.lang = dict(facts or {}), lang or current()
        self.safeguards = frozenset(safeguards)  # controls a task may have in place
        self.tags = tags  # the tags the rules test (a case's misspelling of one is refused)
        self.texts = texts or {}  # the text facts' values they test (folded), likewise
        self.planned_given = planned_given  # for every case: the cells' planned level is not read
        paths = [path for path, _cells in layout.plan]
        self.subject = [i for i, p in enumerate(paths) if p[0] == "subject"]
        self.task = [i for i, p in enumerate(paths) if p[0] == "task"]
        self.dims = [[i for i, p in enumerate(paths) if p[0] == dim] for dim in DIMENSIONS]
        self.others = {p[0]: i for i, p in enumerate(paths)
                       if len(p) == 1 and p[0] not in DIMENSIONS}
        self.usable = ("subject", "name") in paths and ("task", "title") in paths \
            and all(self.dims)
        self.adapters = adapters()
        self.memo: dict[str, Memo] = collections.defaultdict(lambda: Memo(MEMO_SIZE))
        at = self.others
        # each value of a case: its cells (as the key it is remembered under) and how it
        # is validated
        self.groups = [(kind, _key(columns), self.memo[kind], columns, make, args)
                       for kind, columns, make, args in (
            ("subject", self.subject, self._subject, ()), ("task", self.task, self._task, ()),
            *((dim, cols, self._answer, (dim,)) for dim, cols in zip(DIMENSIONS, self.dims)),
            ("planned", [at["planned_level"]] if "planned_level" in at and not planned_given
             else [], self._planned, ()),
            ("date", [at["date"]] if "date" in at else [], self._date, ()))]

    def read(self, values: list[str]) -> Given | None:
        """The row's case, or None when it is not plainly valid."""
        found = []
        for kind, key, table, columns, make, args in self.groups:  # written out: every row
            cells = key(values)
            made = table.get(cells, _REFUSED)
            if made is _REFUSED:
                made = self._made(kind, values, cells, columns, make, args)
                if made is _REFUSED:
                    return None
            found.append(made)
        subject, task, *answers, planned, date = found
        at = self.others
        case_id = values[at["id"]].strip() or None if "id" in at else None
        return Given(case_id, subject, task, tuple(answers), planned, date)

    def _made(self, kind: str, values: list[str], cells: Any, columns: list[int], make: Any,
              args: tuple) -> Any:
        """A group of cells validated (or refused), and remembered."""
        table = self.memo[kind]
        if cells in table:  # refused before
            return _REFUSED
        try:
            case = self.layout.mapping(values, columns)
            made = make(case, self.layout.texts(values, columns)) if kind == "task" \
                else make(case, *args)
        except (ValidationError, ValueError):
            made = _REFUSED
        return table.keep(cells, made)

    def _subject(self, case: dict) -> Subject:
        return Subject.model_validate(case.get("subject", {}))

    def _task(self, case: dict, texts: dict[tuple, str]) -> Task:
        facts, problems = typed_facts(case, self.facts, _nowhere, self.lang, texts,
                                        self.texts)
        if problems:
            raise ValueError("not of its type")
        if facts:  # the mapping is made afresh for each group of cells
            case["task"]["facts"].update(facts)
        task = Task.model_validate(case.get("task", {}))
        if not self.safeguards.issuperset(task.safeguards):
            raise ValueError("unknown safeguards")
        if any(near_tag(tag, self.tags) is not None for tag in task.tags):
            raise ValueError("a misspelt tag")  # said where the row goes the whole way
        return task

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

