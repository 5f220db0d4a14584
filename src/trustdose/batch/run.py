"""A batch run: every input through the row loop (`batch.rows`) to a writer, in this
process or, for a large CSV or JSON-lines file, on worker processes (`batch.parallel`),
which write in the file's order; the summary of the whole run, and a warning for a case
id given twice, naming both rows.

The run never talks to the person: rejected rows, warnings and progress are handed to
the caller (the command line says them).
"""

from __future__ import annotations

import contextlib
import gc
from typing import Any, BinaryIO, Callable, TextIO

from ..errors import UsageError
from ..i18n import _, current, format_count, ngettext
from ..io.headers import LEADER_WORDS, key, label
from ..io.output import write_pieces
from ..io.readers import Row, carried, input_encoding, layouts, rows_from_lines, rows_of
from ..io.text import stdin_lines
from .parallel import assess_shared, shareable
from .rows import Settings, assessed
from .summary import Summary

__all__ = ["Ids", "Settings", "assessed", "run"]


def run(inputs: list[str], settings: Settings, writer: Any, out: BinaryIO, *,
        reject: Callable[[Row], None], warn: Callable[[str], None],
        stdin: TextIO | None = None, fail_fast: bool = False, workers: int = 0,
        tick: Callable[[int], None] = lambda n: None,
        gather: Any = None, summary: Summary | None = None) -> tuple[Summary, bool]:
    """Assess every case of `inputs` (`-` is `stdin`, read as UTF-8), write each result
    with `writer` to `out`; the summary, and whether the run stopped at a bad row.
    `reject` is handed each rejected row, `warn` each warning (a case id given twice),
    `tick` how many rows were done: the caller says them to the person. `gather` (a
    `batch.fairness.Gathered`, if given) is handed every row and its result, in order.
    The run counts into `summary` if given (a writer that says the summary at its end
    reads it there)."""
    if "-" in inputs and stdin is None:  # nothing to read from
        raise UsageError(_("no standard input to read the cases from"),
                         _("give the cases as files, or open standard input"))
    summary = Summary() if summary is None else summary
    encodings = [input_encoding(given, settings.encoding, warn) for given in inputs]
    headed = layouts(inputs, encodings, settings.sheet)
    if gather is not None:
        gather.check(headed)
    extra = carried(headed)
    for column in extra:
        warn(_("trustdose: column '{column}' is not a case column; carried to the output as "
               "it is").format(column=column))
        if key(column) in LEADER_WORDS and not any(
                layout is not None and ("task", "leader") in (path for path, _c in layout.plan)
                for layout in headed):  # a coach pass: every agreement said "Fra: ……"
            warn("  " + _("tip: to have it as the sender of each agreement, name the column "
                          "'{header}'").format(header=label(("task", "leader"), current())))
    if extra and hasattr(writer, "carry"):
        writer.carry(extra)
    out.write(writer.header())
    ids = Ids(warn)
    # what is made before the rows (the modules, the rules, the compiled tables) lives as
    # long as the run: frozen out of the collector's reach, a full collection during a long
    # batch never walks it again (and a forked worker never writes to its pages for it)
    gc.freeze()
    # fewer collections while the rows run: the parts they leave (remembered) are walked
    # as young objects less often, and the older ones with them (5,000 rows: 700 -> 10,000
    # objects, 4,800 instructions a case fewer; -> 50,000, 3,000 more); garbage without a
    # cycle is freed as ever, so memory is what it was
    young = gc.get_threshold()
    gc.set_threshold(YOUNG, *young[1:])
    try:
        stopped = _each(inputs, encodings, settings, writer, out, summary, reject, stdin,
                        fail_fast, workers, tick, ids, gather)
        ids.finish()
        out.write(writer.footer())
    except BaseException:  # Ctrl-C, a signal, an error: a writer with open streams
        getattr(writer, "abandon", lambda: None)()  # (the workbook's) ends them quietly
        raise
    finally:
        gc.set_threshold(*young)
    out.flush()
    return summary, stopped


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


def _each(inputs: list[str], encodings: list[str], settings: Settings, writer: Any,
          out: BinaryIO, summary: Summary, reject: Callable[[Row], None],
          stdin: TextIO | None, fail_fast: bool, workers: int,
          tick: Callable[[int], None], ids: Ids, gather: Any) -> bool:
    for given, encoding in zip(inputs, encodings):
        # a chunk is cut at a line's end: in an encoding where "\n" is the byte 10
        if workers and not fail_fast and encoding in ASCII_BASED and shareable(given):
            # closed as anything leaves the loop (Ctrl-C here too): the workers are
            # stopped then, not when the generator is collected
            with contextlib.closing(assess_shared(given, settings, writer, workers, out,
                                                  gather, encoding)) as chunks:
                for done in chunks:
                    summary.merge(done.summary)
                    if gather is not None:
                        gather.merge(done.gathered)
                    for case_id, source in done.ids:
                        ids.add(case_id, source)
                    for row in done.rejected:
                        reject(row)
                    tick(done.rows)
            continue
        rows = rows_from_lines(stdin_lines(stdin, encoding), "<stdin>") if given == "-" \
            else rows_of(given, encoding, settings.sheet)
        ready: list[bytes] = []  # results are written many cases at a time: a system call
        for row, result in assessed(rows, settings):  # a line would cost too much
            summary.add(result)
            if gather is not None:
                gather.add(row, result)
            tick(1)
            if result is not None:
                if result.case_id != row.source:  # an id given in the case
                    ids.add(result.case_id, row.source)
                ready += writer.result(result, row.source, row.extra)
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


ASCII_BASED = ("utf-8", "cp1252", "iso8859-1", "latin-1", "ascii")
YOUNG = 50_000  # objects made before a young collection (the default is 700)
WRITE_AT = 256  # pieces of results (a JSON line is one) gathered before they are written
