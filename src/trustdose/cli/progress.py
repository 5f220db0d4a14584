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

from ..i18n import format_count, ngettext

# Seconds a proof runs before its count shows.
AFTER = 1.0
# Seconds a proof is expected to take, past which it says so once, terminal or not.
LONG = 30.0


@contextlib.contextmanager
def counting(label: str, stream: Any = None, clock: Callable[[], float] = time.monotonic,
             long: Callable[[int, int], str] | None = None
             ) -> Iterator[Callable[[int, int], None]]:
    """A callback `(done, total)` for a proof's contexts that shows `label` (a message
    with {done} and {total}) on `stream` (stderr) once `AFTER` seconds have passed.
    Then, where the contexts done so far say the rest will take more than `LONG`
    seconds, `long(total, minutes)` is said once on a line of its own (in a pipe too):
    a check of many contexts is slow, not stuck."""
    out = stream if stream is not None else sys.stderr
    start = clock()
    shown = 0  # the length of the line on the terminal now
    warned = long is None

    def tick(done: int, total: int) -> None:
        nonlocal shown, warned
        spent = clock() - start
        if spent < AFTER:
            return
        if not warned and done:
            warned = True
            expected = spent / done * total
            if expected > LONG:
                out.write("\r" + " " * shown + "\r" if shown else "")
                out.write(long(total, max(1, round(expected / 60))) + "\n")
                out.flush()
                shown = 0
        if not _terminal(out):
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


def taking(total: int, minutes: int) -> str:
    """What `rules check` or `rules diff` says first when it will take long."""
    return ngettext("note: this takes about {n} minute: the rules make {total} contexts, "
                    "each a pass over the whole grid (docs/performance.md)",
                    "note: this takes about {n} minutes: the rules make {total} contexts, "
                    "each a pass over the whole grid (docs/performance.md)", minutes).format(
                        n=minutes, total=format_count(total))


def _terminal(stream: Any) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):  # closed, or no stream at all
        return False
