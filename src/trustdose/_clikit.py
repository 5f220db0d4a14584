"""What every trustdose command shares: error handling, atomic writes, terminal width.

Every trustdose error ends in `fail`: a message on stderr naming file:line:col and what
is allowed, exit code 2; a traceback only with `--debug`.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import Iterator

import typer

EXIT_FINDINGS = 1  # the command ran and found problems (rules check, failing rule tests)
EXIT_USAGE = 2
EXIT_INTERNAL = 70  # a bug in trustdose, not in the input (sysexits EX_SOFTWARE)
EXIT_INTERRUPTED = 130


def width() -> int:
    import shutil
    return min(shutil.get_terminal_size().columns, 110)


def write_atomic(path: Path, text: str) -> None:
    """Write atomically: a crash never leaves half a report where a good one was."""
    import tempfile
    from ._errors import UsageError
    written = None
    try:
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent or ".",
                                         prefix=f".{path.name}.", delete=False) as tmp:
            written = tmp.name
            tmp.write(text)
        os.replace(written, path)
    except OSError as exc:
        if written:
            with contextlib.suppress(OSError):
                os.unlink(written)
        raise UsageError(f"{path}: cannot write it: {exc.strerror}",
                         "check that the folder exists and is writable") from None


@contextlib.contextmanager
def errors_handled(debug: bool) -> Iterator[None]:
    from ._errors import TrustdoseError
    try:
        yield
    except TrustdoseError as exc:
        if debug:
            raise
        fail(exc)
    except KeyboardInterrupt:
        print("\ntrustdose: cancelled; nothing was saved", file=sys.stderr)
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except EOFError:
        print("\ntrustdose: input ended before the questionnaire was done; nothing was saved",
              file=sys.stderr)
        raise typer.Exit(EXIT_USAGE) from None
    except (typer.Exit, typer.Abort):
        raise
    except Exception as exc:  # a bug: say so briefly, keep the traceback for --debug
        if debug:
            raise
        print(f"trustdose: internal error: {type(exc).__name__}: {exc}\n"
              "  run again with --debug to see the traceback, and please report it",
              file=sys.stderr)
        raise typer.Exit(EXIT_INTERNAL) from None


def fail(exc: Exception) -> None:
    """The one place errors become messages and exit code 2."""
    from ._errors import InputError
    problems = exc.problems if isinstance(exc, InputError) else None
    if problems:
        for problem in problems:
            print(f"trustdose: error: {problem}", file=sys.stderr)
            if problem.hint:
                print(f"  hint: {problem.hint}", file=sys.stderr)
    else:
        print(f"trustdose: error: {exc}", file=sys.stderr)
        if getattr(exc, "hint", None):
            print(f"  hint: {exc.hint}", file=sys.stderr)  # type: ignore[attr-defined]
    raise typer.Exit(EXIT_USAGE)
