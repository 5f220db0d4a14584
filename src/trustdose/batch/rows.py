"""The row loop of a batch: rows in, each with its assessment (or its problems) out.

Every row goes the way a single case does (`intake.assess_document`: one validation, one
engine), or, for a CSV row whose cells the case model takes, straight to the engine with
the cells read once per distinct group (`io.cells`); the compiled rules remember the parts
many cases share, so a long batch is fast. With a journal's history (`Settings.history`),
each case is assessed with its subject's track record, as `assess` does.

Whatever one row holds, it ends as a result or a rejected row: a fault of trustdose's own
in one case is that row's problem, never the end of the run. The same loop runs in the
main process and in every worker process (`batch.parallel`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Iterable, Iterator, NamedTuple

from ..engine.assess import assess_case
from ..errors import CaseError, Problem, TrustdoseError
from ..i18n import _
from ..intake import TrackRecord, assess_document
from ..io.cells import CellReader
from ..io.headers import indicator_words
from ..io.readers import Row
from ..io.source import SourceError
from ..model.assessment import Assessment
from ..rules.integrity import fact_types
from ..rules.ruleset import RuleSet


class Settings(NamedTuple):
    """What a run assesses with, the same in every worker."""

    rules: RuleSet
    planned: int | None  # a planned level for every case
    today: dt.date  # one day for the whole run, even across midnight
    compiled: Any  # the rules compiled for the run (engine.compiled.Compiled)
    readers: dict  # a CSV layout's columns → its CellReader, kept for the whole run
    history: TrackRecord | None = None  # the journal's history (batch.history); None: none
    encoding: str | None = None  # CSV files and standard input read in it (else detected)
    sheet: str | None = None  # the sheet of a workbook read (else its first)


def assessed(rows: Iterable[Row], settings: Settings) -> Iterator[tuple[Row, Assessment | None]]:
    """Each row with its assessment, or with its problems and None. A CSV row's cells
    are read by a `CellReader` (one per file layout); what it cannot take goes the
    whole way, as every other row does."""
    compiled, readers, planned, today = (settings.compiled, settings.readers,
                                         settings.planned, settings.today)
    history = settings.history
    layout = reader = None  # the file's, while it is the same one
    for row in rows:
        if row.problems:
            yield row, None
            continue
        if row.layout is not None:
            if row.layout is not layout:
                layout = row.layout
                reader = readers.get(layout.header_key)
                if reader is None:  # indicators named by their labels, read by their ids
                    reader = readers[layout.header_key] = CellReader(
                        layout.named(indicator_words(settings.rules.rubrics)),
                        compiled.indicators, compiled.labels, planned is not None,
                        compiled.safeguards, fact_types(settings.rules), compiled.lang,
                        compiled.tags, compiled.texts)
            given = reader.read(row.given) if reader.usable else None
            # a due date before the day goes the whole way, which says what is wrong there
            if given is not None and (given.task.due is None
                                      or given.task.due >= (given.date or today)):
                try:
                    result = assess_case(compiled, given.subject, given.task, given.answers,
                                         given.planned if planned is None else planned,
                                         given.date or today, given.case_id or row.source,
                                         track=history.track(given.subject.name)
                                         if history is not None else None)
                except TrustdoseError as exc:  # the journal, gone unreadable during the run
                    yield _refused(row, exc), None
                    continue
                except Exception as exc:  # noqa: BLE001 - one row's fault is that row's
                    yield _failed(row, exc), None
                    continue
                yield row, result
                continue
            # the whole way reads the cells by the layout whose indicators are named by id
            row = row._replace(layout=reader.layout)
        try:
            result = assess_document(row.document(), settings.rules, planned=planned,
                                     today=today, case_id=row.source, compiled=compiled,
                                     track=history)
        except CaseError as exc:
            yield row._replace(problems=exc.problems), None
        except SourceError as exc:
            yield row._replace(problems=[exc.problem]), None
        except TrustdoseError as exc:
            yield _refused(row, exc), None
        except Exception as exc:  # noqa: BLE001 - one row's fault is that row's
            yield _failed(row, exc), None
        else:
            yield row, result


def _refused(row: Row, exc: TrustdoseError) -> Row:
    return row._replace(problems=[Problem(row.source, None, None, str(exc), exc.hint)])


def _failed(row: Row, exc: Exception) -> Row:
    """A row whose assessment failed by a fault of trustdose's own (a case's date is
    checked by the case model: its review date always fits the calendar), said as such;
    the run goes on."""
    where, _sep, line = row.source.rpartition(":")
    at = (where, int(line), None) if line.isdigit() else (row.source, None, None)
    return row._replace(problems=[Problem(*at, _("internal error: {error}").format(
        error=f"{type(exc).__name__}: {exc}"), _("please report it; the other rows are "
                                                 "assessed"))])
