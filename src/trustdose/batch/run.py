"""A batch run: rows from the inputs through the engine to a writer, one at a time.

Every row goes the way a single case does (`api.assess_document`: one validation, one
engine); the plan remembers the parts many cases share, so a long batch is fast. A bad
row is handed to `reject` and never stops the others (unless the run is to stop at the
first). Large CSV and JSON-lines files are shared out to worker processes
(`batch.parallel`), which write in the file's order.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, BinaryIO, Callable, Iterable, Iterator, NamedTuple, TextIO

from ..api import assess_document
from ..engine.assess import assess_case
from ..io.cells import CellReader
from ..errors import CaseError, Problem, TrustdoseError
from ..io.readers import Row, rows_from_lines, rows_of
from ..model.assessment import Assessment
from ..rules.ruleset import RuleSet
from .writers import Summary


class Settings(NamedTuple):
    """What a run assesses with, the same in every worker."""

    rules: RuleSet
    planned: int | None  # a planned level for every case
    today: dt.date  # one day for the whole run, even across midnight
    plan: Any  # the engine's plan (engine.plan.Plan)
    readers: dict  # a CSV layout's columns → its CellReader, kept for the whole run


def assessed(rows: Iterable[Row], settings: Settings) -> Iterator[tuple[Row, Assessment | None]]:
    """Each row with its assessment, or with its problems and None. A CSV row's cells
    are read by a `CellReader` (one per file layout); what it cannot take goes the
    whole way, as every other row does."""
    plan, readers = settings.plan, settings.readers
    for row in rows:
        if row.problems:
            yield row, None
            continue
        if row.layout is not None:
            reader = readers.get(row.layout.header_key)
            if reader is None:
                reader = readers[row.layout.header_key] = CellReader(
                    row.layout, plan.indicators, plan.labels, settings.planned is not None)
            given = reader.read(row.given) if reader.usable else None
            if given is not None:
                planned = settings.planned if settings.planned is not None else given.planned
                yield row, assess_case(plan, given.subject, given.task, given.answers, planned,
                                       given.date or settings.today,
                                       case_id=given.case_id or row.source)
                continue
        try:
            yield row, assess_document(row.document(), settings.rules, planned=settings.planned,
                                       today=settings.today, case_id=row.source, plan=plan)
        except CaseError as exc:
            yield row._replace(problems=exc.problems), None
        except TrustdoseError as exc:
            yield row._replace(problems=[Problem(row.source, None, None, str(exc),
                                                 exc.hint)]), None


def run(inputs: list[str], settings: Settings, writer: Any, out: BinaryIO, *,
        reject: Callable[[Row], None], stdin: TextIO | None = None, fail_fast: bool = False,
        workers: int = 0, tick: Callable[[int], None] = lambda n: None) -> tuple[Summary, bool]:
    """Assess every case of `inputs` (`-` is `stdin`), write each result with `writer`
    to `out`; the summary, and whether the run stopped at a bad row."""
    summary = Summary()
    out.write(writer.header())
    stopped = _each(inputs, settings, writer, out, summary, reject, stdin, fail_fast, workers, tick)
    out.write(writer.footer())
    return summary, stopped


def _each(inputs: list[str], settings: Settings, writer: Any, out: BinaryIO, summary: Summary,
          reject: Callable[[Row], None], stdin: TextIO | None, fail_fast: bool, workers: int,
          tick: Callable[[int], None]) -> bool:
    from .parallel import assess_shared, shareable

    for given in inputs:
        if workers and not fail_fast and shareable(given):
            for done in assess_shared(given, settings, writer, workers, out):
                summary.merge(done.summary)
                for row in done.rejected:
                    reject(row)
                tick(done.rows)
            continue
        rows = rows_from_lines(stdin or iter(()), "<stdin>") if given == "-" else rows_of(given)
        ready: list[bytes] = []  # results are written a few at a time: one write a line
        size = 0  # would cost a system call each (a JSON line is larger than a buffer)
        for row, result in assessed(rows, settings):
            summary.add(result)
            tick(1)
            if result is not None:
                line = writer.result(result, row.source)
                ready.append(line)
                size += len(line)
                if size > WRITE_AT:
                    out.write(b"".join(ready))
                    ready, size = [], 0
                continue
            out.write(b"".join(ready))
            ready, size = [], 0
            reject(row)
            if fail_fast:
                return True
        out.write(b"".join(ready))
    return False


WRITE_AT = 256 * 1024  # bytes of results gathered before they are written
