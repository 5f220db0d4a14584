"""The batch's progress on a terminal's stderr: for a large input, how many cases are
done; where the number of cases can be known before the run (CSV and JSON-lines files,
folders of case files), also out of how many, the percentage and the time left; from
standard input or YAML, the count and the rate only.

Never on a pipe or a file, and never while the results themselves stream to the same
terminal (the two would tear each other). The line is drawn by rich and wiped at the end.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import Callable, Iterator

from ..io.workbook import WORKBOOK_SUFFIXES, sheet_size


PROGRESS_FROM = 1_000_000  # bytes of input from which a live count is worth showing
EVERY = 500  # cases between two updates: drawing costs more than a case
LINES = ("", ".csv", ".jsonl", ".tsv", ".txt")  # files of one case a line (after a header)


@contextlib.contextmanager
def progress(inputs: list[str], to_stdout: bool, sheet: str | None = None
             ) -> Iterator[Callable[[int], None]]:
    """A callback `tick(rows)` that shows the run's progress, or does nothing."""
    files = [Path(i) for i in inputs if i != "-" and Path(i).is_file()]
    # a workbook is zipped XML: its rows take about ten times its bytes as CSV
    size = sum(path.stat().st_size * (10 if path.suffix.lower() in WORKBOOK_SUFFIXES else 1)
               for path in files)
    if not sys.stderr.isatty() or size < PROGRESS_FROM or (to_stdout and sys.stdout.isatty()):
        yield lambda rows=1: None
        return
    from .batchbar import bar_for  # rich's progress, imported only when it is shown
    total = expected(inputs, sheet)
    with bar_for(total) as bar:
        task = bar.add_task("", total=total)
        count = 0

        def tick(rows: int = 1) -> None:
            nonlocal count
            count += rows
            if count % EVERY < rows:
                bar.update(task, completed=count)
        yield tick


def expected(inputs: list[str], sheet: str | None = None) -> int | None:
    """How many cases the inputs hold, counted before the run (a line of CSV or JSON
    lines a case, a file in a folder a case, a workbook's rows as its sheet says); None
    where that cannot be known without reading them as the run does (standard input,
    YAML documents)."""
    total = 0
    for given in inputs:
        path = Path(given)
        if path.suffix.lower() in WORKBOOK_SUFFIXES and path.is_file():
            rows = sheet_size(path, sheet)
            if rows is None:
                return None
            total += rows
            continue
        if given == "-" or not (path.is_dir() or path.suffix.lower() in LINES):
            return None
        try:
            if path.is_dir():
                total += sum(1 for p in path.iterdir() if not p.name.startswith("."))
            else:
                total += _lines(path) - (path.suffix.lower() != ".jsonl")  # the header
        except OSError:
            return None  # the run says why it cannot be read
    return total


def _lines(path: Path) -> int:
    """The lines of a file, read in large pieces (a hundred megabytes in a tenth of a
    second); a last line without its line end counts."""
    count, last = 0, b"\n"
    with path.open("rb") as handle:
        while piece := handle.read(1 << 20):
            count += piece.count(b"\n")
            last = piece[-1:]
    return count + (last != b"\n")
