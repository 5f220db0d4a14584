"""Large CSV and JSON-lines files on every core: the rows are cut into chunks in this
process, assessed and written in worker processes, and taken back in order.

Each worker gets a chunk as a byte range of the file and the number of its first line,
reads it and its rows as `io.readers` does, assesses them in the row loop (`batch.rows`)
and writes them with the run's own writer, straight to the output's file descriptor when
the chunks before it are written (so no copy of them travels back); this process adds
up the summaries and reports the rejected rows, chunk by chunk in the order of the file.
At most a few chunks are under way at once, so memory stays flat however long the file;
a chunk is only named, never sent. The workers are forked, fed and stopped (Ctrl-C,
SIGTERM, an error, a reader gone) by `batch.processes`, which shares no lock with them.

Workers are forked (Linux), so they start with the rules, the compiled and the language
already loaded; elsewhere, and for small inputs, one process does it all. A journal's
connection is never shared across the fork: this process closes its own first, and each
worker opens the journal for itself when a case needs its history (`batch.history`).
"""

from __future__ import annotations

import collections
import io
import multiprocessing
import os
import sys
from pathlib import Path
from typing import Any, BinaryIO, Iterator, NamedTuple

from ..errors import UsageError
from ..i18n import _
from ..io import cells
from ..io.output import write_fd, write_pieces
from ..io.readers import (CsvLayout, Row, csv_rows, first_line, jsonl_rows, line_format,
                          open_text, unreadable)
from ..io.text import wide_text
from .processes import WorkerProcesses
from .rows import Settings, assessed
from .summary import Summary

CHUNK_ROWS = 500  # rows a worker takes at a time (their output is held until its turn)
SHARED_FROM = 4_000_000  # bytes of input from which the work is shared out (~20,000 rows)
AHEAD = 2  # chunks under way per worker


class Done(NamedTuple):
    """A chunk, assessed: the pieces its rows came to (none once written), their summary,
    the rejected rows, how many rows, and the case ids given (with where)."""

    output: list[bytes]
    summary: Summary
    rejected: list[Row]
    rows: int
    ids: list[tuple[str, str]]
    gathered: Any = None  # for the fairness check (batch.fairness.Gathered), if asked


class _Shared(NamedTuple):
    """What every worker needs, set before the workers are forked."""

    settings: Settings
    writer: Any
    fd: int | None  # where the workers write their rows, in turn; None: send them back
    turn: Any  # (condition, number of the chunk whose turn it is to be written)
    gather: Any = None  # the run's fairness check: each chunk gathers a fresh one


_SHARED: _Shared | None = None  # in a worker: the run it belongs to


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
        return min(int(wanted), 64)
    cores = len(os.sched_getaffinity(0))
    return cores if cores > 1 else 0


def shareable(given: str) -> bool:
    """Whether an input is a CSV or JSONL file worth sharing out: large enough, or any
    size when TRUSTDOSE_WORKERS asks for workers."""
    path = Path(given)
    try:
        if given == "-" or not path.is_file() or (
                path.stat().st_size < SHARED_FROM and not os.environ.get("TRUSTDOSE_WORKERS")):
            return False
        with open_text(path) as handle:
            first = first_line(iter(handle.readline, ""))[1]
    except OSError:
        return False  # read the usual way, which says what is wrong
    if first.endswith("\r") or wide_text(first):  # old Mac line ends: no "\n" to cut
        return False  # chunks at; UTF-16: read the usual way, which says what it is
    return line_format(first, path.suffix.lower()) in ("csv", "jsonl")


def _fileno(out: BinaryIO) -> int | None:
    """The file descriptor under `out`, flushed, for worker processes to write to."""
    try:
        out.flush()
        return out.fileno()
    except (AttributeError, OSError, ValueError):  # io.UnsupportedOperation is both
        return None


def assess_shared(path: str, settings: Settings, writer: Any, count: int,
                  out: BinaryIO, gather: Any = None, encoding: str = "utf-8"
                  ) -> Iterator[Done]:
    """Assess a CSV (in `encoding`) or JSONL file on `count` workers, chunk by chunk in
    order."""
    global _SHARED
    cells.adapters()  # built here once, not in every worker
    context = multiprocessing.get_context("fork")
    chunks = _chunks(path, encoding)
    fd = _fileno(out)
    if settings.history is not None:
        settings.history.close()  # SQLite's connections must not cross a fork
    turn = (context.Condition(), context.Value("q", 0, lock=False))
    _SHARED = _Shared(settings, writer, fd, turn, gather)
    try:
        # Ctrl-C, SIGTERM, an error or a reader gone (`| head`): leaving the block kills
        # the workers, which never waits on them (`batch.processes`)
        with WorkerProcesses(count, _work) as team:
            pending: collections.deque = collections.deque()
            for number, chunk in enumerate(chunks):
                team.give(number, (number, *chunk))
                pending.append(number)
                if len(pending) >= count * AHEAD:
                    yield _written(team.take(pending.popleft()), out)
            while pending:
                yield _written(team.take(pending.popleft()), out)
    finally:
        _SHARED = None


def _written(done: Done, out: BinaryIO) -> Done:
    if done.output:  # sent back: no file descriptor to write to
        write_pieces(out, done.output)
    return done


def _chunks(path: str, encoding: str = "utf-8") -> Iterator[tuple]:
    """(file name, CSV layout or None for JSONL, byte range, number of the first line, the
    encoding) per
    chunk; a CSV chunk ends only where no quoted cell is open. The header (after any
    blank lines) is read here, so a bad one is refused before any worker starts; bytes
    that are not UTF-8 are the workers' to reject, row by row."""
    name = str(path)
    try:
        with open(path, "rb") as handle:
            head, skipped = handle.readline(), 0
            # blank lines (and a BOM alone) before the header are skipped
            while head.lstrip(b"\xef\xbb\xbf").strip() == b"" and head and skipped < 10_000:
                head, skipped = handle.readline(), skipped + 1
            first = head.decode(encoding, "surrogateescape").lstrip("\ufeff")
            layout = CsvLayout.read(first, name, skipped + 1) if line_format(
                first, Path(path).suffix.lower()) == "csv" else None
            at = handle.tell()
            # a CSV chunk is rows after the header; the first JSONL chunk has the first line
            begin, end = (at, at) if layout else (0, at)
            line, count, quotes = (skipped + 2, 0, 0) if layout else (1, 1 + skipped, 0)
            for raw in handle:
                end += len(raw)
                # lines as text mode reads them: "\r" alone ends one too
                count += 1 + (raw.count(b"\r") - raw.count(b"\r\n") - raw.endswith(b"\r")
                              if b"\r" in raw else 0)
                if layout:
                    quotes += raw.count(b'"')
                if count >= CHUNK_ROWS and quotes % 2 == 0:
                    yield name, layout, (begin, end), line, encoding
                    begin, line, count, quotes = end, line + count, 0, 0
            if end > begin:
                yield name, layout, (begin, end), line, encoding
    except OSError as exc:
        raise unreadable(path, exc) from None


def _lines(name: str, span: tuple[int, int], encoding: str = "utf-8") -> list[str]:
    """A chunk's lines, split as a file opened with newline="" splits them."""
    begin, end = span
    with open(name, "rb") as handle:
        handle.seek(begin)
        data = handle.read(end - begin)
    utf8 = encoding in ("utf-8", "utf_8")
    text = data.decode("utf-8-sig" if begin == 0 and utf8 else encoding, "surrogateescape")
    return list(io.StringIO(text, newline=""))


def _work(number: int, name: str, layout: CsvLayout | None, span: tuple[int, int],
          start: int, encoding: str = "utf-8") -> Done:
    """Assess a chunk; write its rows to the run's output when the chunks before it are
    written, or else send them back."""
    shared = _SHARED
    assert shared is not None
    made = None
    try:
        made = _assess(shared, name, layout, _lines(name, span, encoding), start)
    finally:
        if shared.fd is not None:
            condition, turn = shared.turn
            with condition:
                condition.wait_for(lambda: turn.value == number)
                try:
                    if made is not None:
                        write_fd(shared.fd, made.output)
                        made = made._replace(output=[])
                finally:  # even when this chunk failed, the next may go on (and is stopped)
                    turn.value += 1
                    condition.notify_all()
    return made


def _assess(shared: _Shared, name: str, layout: CsvLayout | None, lines: list[str],
            start: int) -> Done:
    rows = csv_rows(lines, name, layout, start) if layout else jsonl_rows(lines, name, start)
    pieces: list[bytes] = []
    summary = Summary()
    rejected, count, ids = [], 0, []
    gathered = shared.gather.fresh() if shared.gather is not None else None
    for row, result in assessed(rows, shared.settings):
        count += 1
        summary.add(result)
        if gathered is not None:
            gathered.add(row, result)
        if result is not None:
            if result.case_id != row.source:  # an id given in the case
                ids.append((result.case_id, row.source))
            pieces += shared.writer.result(result, row.source, row.extra)
        else:
            rejected.append(row._replace(doc=None))
    if shared.settings.history is not None:  # closed between chunks: a worker may be
        shared.settings.history.close()  # ended at any moment, and leaves nothing open
    return Done(pieces, summary.plain(), rejected, count, ids, gathered)
