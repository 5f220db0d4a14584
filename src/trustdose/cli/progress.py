"""A count on stderr while a long proof runs (`rules check`, `rules diff`).

Only in a terminal, and only once the proof has taken more than a second: a quick check
prints nothing more, and a pipe or a file never gets the count. The line is rewritten in
place (a carriage return, no escape codes, so a dumb terminal shows it too) and wiped
when the proof ends, however it ends.
"""

from __future__ import annotations

import contextlib
import sys
import time
from typing import Any, Callable, Iterator

# Seconds a proof runs before its count shows.
AFTER = 1.0


@contextlib.contextmanager
def counting(label: str, stream: Any = None,
             clock: Callable[[], float] = time.monotonic) -> Iterator[Callable[[int, int], None]]:
    """A callback `(done, total)` for a proof's contexts that shows `label` (a message
    with {done} and {total}) on `stream` (stderr) once `AFTER` seconds have passed."""
    out = stream if stream is not None else sys.stderr
    start = clock()
    shown = 0  # the length of the line on the terminal now

    def tick(done: int, total: int) -> None:
        nonlocal shown
        if clock() - start < AFTER or not _terminal(out):
            return
        line = label.format(done=done, total=total)
        out.write("\r" + line.ljust(shown))
        out.flush()
        shown = len(line)

    try:
        yield tick
    finally:
        if shown:
            out.write("\r" + " " * shown + "\r")
            out.flush()


def _terminal(stream: Any) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):  # closed, or no stream at all
        return False
