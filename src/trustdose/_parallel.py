"""Large CSV and JSONL files on every core: the rows are cut into chunks in this
process, assessed and written in worker processes, and taken back in order.

Each worker gets a chunk of lines and where it starts in its file, reads the rows as
`_batch` does, assesses them as `_batch.assess_rows` does and writes them with the run's
own kind of writer; this process writes what comes back, adds up the summaries and
reports the rejected rows, chunk by chunk in the order of the file. At most a few chunks
are under way at once, so memory stays flat however long the file.

Workers are forked (Linux), so they start with the rules, the compiled batch engine and
the language already loaded; elsewhere, and for small inputs, one process does it all.
"""

from __future__ import annotations

import collections
import io
import os
import signal
import sys
from pathlib import Path
from typing import Any, Iterator, NamedTuple

from ._batch import (CsvLayout, Row, assess_rows, csv_rows, jsonl_rows, line_format,
                     unreadable)
from ._batch_write import WRITERS, Summary
from ._errors import UsageError
from ._i18n import _

CHUNK_ROWS = 500  # rows a worker takes at a time (their output is held until its turn)
LARGE = 4_000_000  # bytes of input from which the work is shared out (about 20,000 rows)
AHEAD = 2  # chunks under way per worker


class Run(NamedTuple):
    """What every worker needs, set before the workers are forked."""

    rules: Any
    planned: Any
    compiled: Any
    today: Any
    fmt: str
    writer_options: dict
    fd: int | None = None  # where the workers write their rows, in turn; None: send them back


class Done(NamedTuple):
    """A chunk, assessed: the bytes its rows came to, their summary, the rejected rows."""

    output: Any  # bytes, or a view of them in the worker that made them
    summary: Summary
    rejected: list[Row]
    rows: int


_RUN: Run | None = None  # in a worker: the run it belongs to
_TURN: Any = None  # (condition, number of the chunk whose turn it is to be written)


def workers() -> int:
    """How many processes to share large files out to: TRUSTDOSE_WORKERS, or else the
    cores this process may use (if more than one); 0: do it all here. Only where
    processes can be forked (Linux)."""
    wanted = os.environ.get("TRUSTDOSE_WORKERS", "").strip()
    if wanted and not wanted.isdigit():
        raise UsageError(_("TRUSTDOSE_WORKERS: '{value}' is not a whole number").format(
            value=wanted), _("0 to assess in one process, or a number of worker processes"))
    if sys.platform != "linux":
        return 0
    if wanted:
        return int(wanted)
    cores = len(os.sched_getaffinity(0))
    return cores if cores > 1 else 0


def shareable(given: str) -> bool:
    """Whether an input is a CSV or JSONL file worth sharing out: large enough, or any
    size when TRUSTDOSE_WORKERS asks for workers."""
    path = Path(given)
    try:
        if given == "-" or not path.is_file() or (
                path.stat().st_size < LARGE and not os.environ.get("TRUSTDOSE_WORKERS")):
            return False
        with open(path, encoding="utf-8-sig", newline="") as handle:
            first = handle.readline().lstrip("\ufeff")
    except (OSError, UnicodeDecodeError):
        return False  # read the usual way, which says what is wrong
    return line_format(first, path.suffix.lower()) in ("csv", "jsonl")


def assess_shared(path: str, run: Run, count: int) -> Iterator[Done]:
    """Assess a CSV or JSONL file on `count` workers, chunk by chunk in order."""
    import multiprocessing

    global _RUN, _TURN
    context = multiprocessing.get_context("fork")
    _RUN, _TURN = run, (context.Condition(), context.Value("q", 0, lock=False))
    pool = context.Pool(count, initializer=_quiet)
    try:
        pending: collections.deque = collections.deque()
        for number, chunk in enumerate(_chunks(path)):
            pending.append(pool.apply_async(_work, (number, *chunk)))
            if len(pending) >= count * AHEAD:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()
        pool.close()
    finally:
        pool.terminate()
        pool.join()
        _RUN = _TURN = None


def _chunks(path: str) -> Iterator[tuple]:
    """(file name, CSV layout or None for JSONL, lines, number of the first line) per
    chunk; a CSV chunk ends only where no quoted cell is open."""
    name = str(path)
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            first = handle.readline().lstrip("\ufeff")
            layout = CsvLayout.read(first, name) if line_format(
                first, Path(path).suffix.lower()) == "csv" else None
            lines: list[str] = [] if layout else [first]
            start = 2 if layout else 1
            quotes = 0
            for line in handle:
                lines.append(line)
                if layout:
                    quotes += line.count('"')
                if len(lines) >= CHUNK_ROWS and quotes % 2 == 0:
                    yield name, layout, lines, start
                    start += len(lines)
                    lines, quotes = [], 0
            if lines:
                yield name, layout, lines, start
    except (OSError, UnicodeDecodeError) as exc:
        raise unreadable(path, exc) from None


def _quiet() -> None:
    """Ctrl-C is for the main process, which stops the workers."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _work(number: int, name: str, layout: CsvLayout | None, lines: list[str],
          start: int) -> Done:
    """Assess a chunk; write its rows to the run's output when the chunks before it are
    written (so no copy of them travels back), or else send them back."""
    made = None
    try:
        made = _assess(name, layout, lines, start)
        if _RUN is None or _RUN.fd is None:
            made = made._replace(output=bytes(made.output))  # to send back
    finally:
        if _RUN is not None and _RUN.fd is not None:
            condition, turn = _TURN
            with condition:
                condition.wait_for(lambda: turn.value == number)
                try:
                    if made is not None:
                        _write(_RUN.fd, made.output)
                        made = made._replace(output=b"")
                finally:  # even when this chunk failed, the next may go on (and is stopped)
                    turn.value += 1
                    condition.notify_all()
    return made


def _write(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _assess(name: str, layout: CsvLayout | None, lines: list[str], start: int) -> Done:
    run = _RUN
    assert run is not None
    rows = csv_rows(lines, name, layout, start, run.compiled.cells(layout)) if layout \
        else jsonl_rows(lines, name, start)
    data = io.BytesIO()
    text = io.TextIOWrapper(data, encoding="utf-8", newline="")
    writer = WRITERS[run.fmt](text, run.rules.digest, **run.writer_options)
    text.flush()
    header = data.tell()  # the run's own writer has written the header already
    summary = Summary()  # counts only: the main process names them
    rejected, count = [], 0
    for row, result in assess_rows(rows, run.rules, run.planned, run.compiled, run.today):
        count += 1
        summary.add(result)
        if result is not None:
            writer.write(result, row.source)
        else:
            rejected.append(row._replace(case=None, doc=None))
    text.flush()
    return Done(data.getbuffer()[header:], summary, rejected, count)  # a view, not a copy
