"""The standard streams as a hostile shell may leave them, and where results go.

A stream closed when trustdose started (`<&-`, `>&-`, `2>&-`) is taken by /dev/null at
the level of file descriptors, so that no file opened later gets its number, and stands
as a `ClosedStream`: input that has ended, never a terminal; an output that refuses to be
written to (exit 2, "standard output is closed"); for stderr, messages that go nowhere.
Standard output that fails (a full disk) is `StdoutFailed`: exit 2, told once. Messages
for the person go to stderr (`say`). SIGTERM stops a command as Ctrl-C does
(`Terminated`), with exit 143.
"""

from __future__ import annotations

import contextlib
import io
import os
import signal
import sys
from pathlib import Path
from typing import Any, BinaryIO, Iterator

from ..errors import UsageError, visible
from ..i18n import N_, _
from .exits import EXIT_BROKEN_PIPE, EXIT_USAGE
from .terminal import wrap


@contextlib.contextmanager
def target(path: Path | None, form: Any = None) -> Iterator[BinaryIO]:
    """Where a command's results go: standard output, or FILE written atomically. A
    standard output that was closed is refused before anything is written; one that
    fails (a full disk) is a clear error, exit 2; so is a Word document or a workbook
    (`form` docx or xlsx) bound for a terminal, however it is named (`-o /dev/tty`)."""
    refuse_binary_on_terminal(path, form)
    if path is None:
        if isinstance(sys.stdout, ClosedStream):
            raise sys.stdout.refusal()
        sys.stdout.flush()
        try:
            yield sys.stdout.buffer
            sys.stdout.buffer.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:  # written straight to the descriptor (`write_pieces`)
            if getattr(exc, "written_fd", None) != _fd(sys.stdout):
                raise
            raise StdoutFailed(exc) from None
        return
    from ..io.output import writing
    with writing(path) as out:
        yield out


BINARY = {"docx": N_("a Word document (.docx) cannot be shown in a terminal"),
          "xlsx": N_("a workbook (.xlsx) cannot be shown in a terminal")}


def refuse_binary_on_terminal(path: Path | None, form: Any) -> None:
    """Refuse (exit 2) to write a file format (`form`: a format or its name) to a
    terminal, whether standard output or a file name that leads to one."""
    name = getattr(form, "value", form)
    if name in BINARY:
        from ..io.output import is_terminal
        if is_terminal(path):
            raise UsageError(_(BINARY[name]), _("write it to a file ending .{ending}").format(
                ending=name))


def _fd(stream: Any) -> int | None:
    try:
        return stream.fileno()
    except (AttributeError, OSError, ValueError):
        return None


class StdoutFailed(UsageError):
    """Standard output cannot be written to (a full disk, an I/O error): exit 2."""

    def __init__(self, exc: OSError) -> None:
        from ..i18n import os_reason
        super().__init__(_("cannot write to standard output: {reason}").format(
            reason=os_reason(exc)), _("free some space, or write the results to a file"))


class ClosedStream(io.TextIOBase):
    """A standard stream that was closed when trustdose started (`<&-`, `>&-`): input
    that has ended, never a terminal; output that refuses to be written to (exit 2),
    or for stderr, a message that goes nowhere."""

    def __init__(self, fd: int, refuse: bool) -> None:
        super().__init__()
        self._fd, self._refuse = fd, refuse
        self.buffer = self  # the results are written in bytes to `buffer`

    def refusal(self) -> Exception:
        return UsageError(_("standard output is closed: there is nowhere to write the results"),
                          _("run it with standard output open, or write to a file"))

    def isatty(self) -> bool:
        return False

    def readable(self) -> bool:
        return self._fd == 0

    def writable(self) -> bool:
        return self._fd != 0

    def read(self, size: int | None = -1) -> str:
        return ""

    def readline(self, size: int | None = -1) -> str:
        return ""

    def write(self, data: Any) -> int:
        if self._refuse and data:
            raise self.refusal()
        return len(data)

    def fileno(self) -> int:
        raise io.UnsupportedOperation("closed when trustdose started")


def stdin_closed() -> bool:
    """Whether standard input was closed when trustdose started (or is closed now)."""
    return sys.stdin is None or isinstance(sys.stdin, ClosedStream) or sys.stdin.closed


class _Stdout(io.RawIOBase):
    """File descriptor 1, whose failures (other than a closed pipe) are `StdoutFailed`;
    after one, and at the end of the run, what is left is dropped."""

    def __init__(self) -> None:
        super().__init__()
        self.failed = self.told = False

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return 1

    def isatty(self) -> bool:
        return os.isatty(1)

    def write(self, data: Any) -> int:
        if self.failed and self.told:
            return len(data)  # said once; the rest goes nowhere
        try:
            return os.write(1, data)
        except BrokenPipeError:
            raise
        except OSError as exc:
            self.failed = True
            raise StdoutFailed(exc) from None


_STDOUT: _Stdout | None = None


def guard_streams() -> None:
    """Make the standard streams safe to use, once, at the start: a closed one is taken
    by /dev/null (so no file opened later gets its number and is written to as if it were
    stdout) and stands as a `ClosedStream`; the real stdout fails with `StdoutFailed`."""
    global _STDOUT
    from ..io.output import CLOSED
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            null = os.open(os.devnull, os.O_RDWR)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
            CLOSED.add(fd)
    for name, fd in (("stdin", 0), ("stdout", 1), ("stderr", 2)):
        if getattr(sys, name) is None:
            setattr(sys, name, ClosedStream(fd, refuse=fd == 1))
    real = sys.stdout
    if _STDOUT is None and real is sys.__stdout__ and real is not None and _fd(real) == 1:
        _STDOUT = _Stdout()
        sys.stdout = io.TextIOWrapper(io.BufferedWriter(_STDOUT), encoding=real.encoding,
                                      errors=real.errors, line_buffering=real.line_buffering)


def settle_stdout(code: int) -> int:
    """Flush standard output at the end; a failure not yet told is told here (exit 2),
    and what could not be written is dropped, so that Python's own flush at exit finds
    nothing to complain about."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        return code or reader_gone()
    except StdoutFailed as exc:
        if _STDOUT is None or not _STDOUT.told:
            say(_("trustdose: error: {message}").format(message=exc))
            if exc.hint:
                say("  " + _("hint: {hint}").format(hint=exc.hint))
            code = EXIT_USAGE
    if _STDOUT is not None and _STDOUT.failed:
        _STDOUT.told = True
        with contextlib.suppress(OSError, ValueError):
            sys.stdout.flush()
    return code


def reader_gone() -> int:
    """The reader of standard output went away (`| head`): nothing more is written to
    it, nor at exit, when Python would flush into the closed pipe; the exit code."""
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
    return EXIT_BROKEN_PIPE


def line(text: object = "", file: Any = None) -> None:
    """One line of output that quotes files (a rule's text or value, a test's name, a
    path): every control character in it shown escaped, a line break too, so that
    nothing read acts on the terminal or starts a line of its own (`errors.visible`)."""
    print(visible(text), file=file or sys.stdout)


def say(message: str) -> None:
    """A message for the person, on stderr (stdout is for results); control characters
    in it (from a case, a file name, an option's value) are shown escaped, never raw,
    but its own line breaks are kept; on a terminal, lines are broken between words
    to fit it. A stderr that cannot be written to (a full disk)
    loses the message, never the run."""
    with contextlib.suppress(OSError, ValueError):
        print(wrap(visible(message, keep="\n"), sys.stderr), file=sys.stderr)



class Terminated(KeyboardInterrupt):
    """SIGTERM: stopped as by Ctrl-C (nothing half-written is kept), exit 143."""


_terminated = False


def terminated() -> bool:
    """Whether this run was stopped by SIGTERM."""
    return _terminated


def _on_sigterm(signum: int, frame: Any) -> None:
    global _terminated
    _terminated = True
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # once: the clean-up is not cut short
    raise Terminated()


@contextlib.contextmanager
def sigterm_as_ctrl_c() -> Iterator[None]:
    """SIGTERM stops the command as Ctrl-C does; the handler before is back afterwards.
    A SIGTERM that is ignored (by whoever started trustdose) stays ignored."""
    global _terminated
    _terminated = False
    try:
        before = signal.getsignal(signal.SIGTERM)
        if before is not signal.SIG_DFL:
            before = None
        else:
            signal.signal(signal.SIGTERM, _on_sigterm)
    except ValueError:  # not the main thread
        before = None
    try:
        yield
    finally:
        if before is not None:
            signal.signal(signal.SIGTERM, before)
