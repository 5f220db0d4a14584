"""A batch run: rows from the inputs through the engine to a writer, one at a time.

Every row goes the way a single case does (`intake.assess_document`: one validation, one
engine); the compiled rules remember the parts many cases share, so a long batch is fast. A bad
row is handed to `reject` and never stops the others (unless the run is to stop at the
first). Large CSV and JSON-lines files are shared out to worker processes
(`batch.parallel`), which write in the file's order.

Whatever one row holds, it ends as a result or a rejected row: a date whose review day
falls past the calendar's end, or a fault of trustdose's own in one case, is that row's
problem, never the end of the run. A case id given twice is a warning naming both rows.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, BinaryIO, Callable, Iterable, Iterator, NamedTuple, TextIO

from ..intake import assess_document
from ..engine.assess import assess_case
from ..io.cells import CellReader
from ..io.output import write_pieces
from ..errors import CaseError, Problem, TrustdoseError, UsageError
from ..i18n import _, format_count, ngettext
from ..io.readers import Row, rows_from_lines, rows_of
from ..io.text import stdin_lines
from ..io.source import SourceError
from ..model.assessment import Assessment
from ..rules.integrity import fact_types
from ..rules.ruleset import RuleSet
from .writers import Summary


class Settings(NamedTuple):
    """What a run assesses with, the same in every worker."""

    rules: RuleSet
    planned: int | None  # a planned level for every case
    today: dt.date  # one day for the whole run, even across midnight
    compiled: Any  # the rules compiled for the run (engine.compiled.Compiled)
    readers: dict  # a CSV layout's columns → its CellReader, kept for the whole run


def assessed(rows: Iterable[Row], settings: Settings) -> Iterator[tuple[Row, Assessment | None]]:
    """Each row with its assessment, or with its problems and None. A CSV row's cells
    are read by a `CellReader` (one per file layout); what it cannot take goes the
    whole way, as every other row does."""
    compiled, readers, planned, today = settings.compiled, settings.readers, settings.planned, \
        settings.today
    layout = reader = None  # the file's, while it is the same one
    for row in rows:
        if row.problems:
            yield row, None
            continue
        if row.layout is not None:
            if row.layout is not layout:
                layout = row.layout
                reader = readers.get(layout.header_key)
                if reader is None:
                    reader = readers[layout.header_key] = CellReader(
                        layout, compiled.indicators, compiled.labels, planned is not None,
                        compiled.safeguards, fact_types(settings.rules), compiled.lang)
            given = reader.read(row.given) if reader.usable else None
            if given is not None:
                try:
                    result = assess_case(compiled, given.subject, given.task, given.answers,
                                         given.planned if planned is None else planned,
                                         given.date or today, given.case_id or row.source)
                except Exception as exc:  # noqa: BLE001 - one row's fault is that row's
                    yield _failed(row, exc), None
                    continue
                yield row, result
                continue
        try:
            result = assess_document(row.document(), settings.rules, planned=settings.planned,
                                     today=settings.today, case_id=row.source, compiled=compiled)
        except CaseError as exc:
            yield row._replace(problems=exc.problems), None
        except SourceError as exc:
            yield row._replace(problems=[exc.problem]), None
        except TrustdoseError as exc:
            yield row._replace(problems=[Problem(row.source, None, None, str(exc),
                                                 exc.hint)]), None
        except Exception as exc:  # noqa: BLE001 - one row's fault is that row's
            yield _failed(row, exc), None
        else:
            yield row, result


def _failed(row: Row, exc: Exception) -> Row:
    """A row whose assessment failed by a fault of trustdose's own (a case's date is
    checked by the case model: its review date always fits the calendar), said as such;
    the run goes on."""
    where, _sep, line = row.source.rpartition(":")
    at = (where, int(line), None) if line.isdigit() else (row.source, None, None)
    return row._replace(problems=[Problem(*at, _("internal error: {error}").format(
        error=f"{type(exc).__name__}: {exc}"), _("please report it; the other rows are "
                                                 "assessed"))])


def run(inputs: list[str], settings: Settings, writer: Any, out: BinaryIO, *,
        reject: Callable[[Row], None], stdin: TextIO | None = None, fail_fast: bool = False,
        workers: int = 0, tick: Callable[[int], None] = lambda n: None,
        warn: Callable[[str], None] | None = None) -> tuple[Summary, bool]:
    """Assess every case of `inputs` (`-` is `stdin`, read as UTF-8), write each result
    with `writer` to `out`; the summary, and whether the run stopped at a bad row. `warn`
    is told of a case id given twice (by default, on stderr)."""
    if "-" in inputs and stdin is None:  # `batch - <&-`: nothing to read from
        raise UsageError(_("standard input is closed"),
                         _("pipe the cases in (… | trustdose batch -), or name a file"))
    summary = Summary()
    out.write(writer.header())
    ids = Ids(warn or _stderr)
    stopped = _each(inputs, settings, writer, out, summary, reject, stdin, fail_fast, workers,
                    tick, ids)
    ids.finish()
    out.write(writer.footer())
    out.flush()
    return summary, stopped


def _stderr(text: str) -> None:
    import sys
    print(text, file=sys.stderr)


class Ids:
    """The case ids given so far, to warn of one given twice: the first `KEPT` of them
    (so memory stays flat however long the input; a later case with any of those ids
    is still found). The first `TOLD` such cases are named, the rest counted."""

    KEPT = 100_000
    TOLD = 10

    def __init__(self, warn: Callable[[str], None]) -> None:
        self.seen: dict[str, str] = {}
        self.warn = warn
        self.again = 0  # cases whose id was given before

    def add(self, case_id: str, source: str) -> None:
        first = self.seen.get(case_id)
        if first is None:
            if len(self.seen) < self.KEPT:
                self.seen[case_id] = source
            return
        self.again += 1
        if self.again <= self.TOLD:
            self.warn(_("trustdose: warning: {source}: the case id '{id}' is already the id "
                        "of {first}; both are assessed").format(source=source, id=case_id,
                                                                first=first))

    def finish(self) -> None:
        if self.again > self.TOLD:
            self.warn(ngettext("trustdose: warning: {n} more case had an id given before",
                               "trustdose: warning: {n} more cases had an id given before",
                               self.again - self.TOLD).format(
                n=format_count(self.again - self.TOLD)))


def _each(inputs: list[str], settings: Settings, writer: Any, out: BinaryIO, summary: Summary,
          reject: Callable[[Row], None], stdin: TextIO | None, fail_fast: bool, workers: int,
          tick: Callable[[int], None], ids: Ids) -> bool:
    from .parallel import assess_shared, shareable

    for given in inputs:
        if workers and not fail_fast and shareable(given):
            for done in assess_shared(given, settings, writer, workers, out):
                summary.merge(done.summary)
                for case_id, source in done.ids:
                    ids.add(case_id, source)
                for row in done.rejected:
                    reject(row)
                tick(done.rows)
            continue
        rows = rows_from_lines(stdin_lines(stdin), "<stdin>") if given == "-" else rows_of(given)
        ready: list[bytes] = []  # results are written many cases at a time: a system call
        for row, result in assessed(rows, settings):  # a line would cost too much
            summary.add(result)
            tick(1)
            if result is not None:
                if result.case_id != row.source:  # an id given in the case
                    ids.add(result.case_id, row.source)
                ready += writer.result(result, row.source)
                if len(ready) > WRITE_AT:
                    write_pieces(out, ready)
                    ready = []
                continue
            write_pieces(out, ready)
            ready = []
            reject(row)
            if fail_fast:
                return True
        write_pieces(out, ready)
    return False


WRITE_AT = 256  # pieces of results (a JSON line is one) gathered before they are written
