"""Where output goes: a target checked before anything is read, written through when it
is a pipe or a device, else made whole beside its place by the one atomic writer
(`io.atomic`), and results written in pieces without copying them.

Only a regular file (or a name not yet taken) is ever replaced: a FIFO or a character
device (`/dev/stdout`, a terminal, `/dev/null`) is written through (a FIFO that no
program reads is refused, never waited for), one of this process's
own descriptors (`/dev/stdout`, `/dev/fd/N`) is written to as it is, and anything else (a
folder, a socket, a block device) is refused before anything is read. Results are
personal data: what trustdose makes is readable by its owner only (see `io.atomic`).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

from ..errors import UsageError
from ..i18n import _, os_reason
from .atomic import TEMP_PREFIX, drafting, private_folder  # noqa: F401 (io.output's names)

CLOSED: set[int] = set()  # standard streams closed when trustdose started (now /dev/null)


def own_fd(path: Path | str) -> int | None:
    """The number of one of this process's open file descriptors that `path` names
    through its links (`/dev/stdout`, `/dev/fd/1`, `/proc/self/fd/1`), or None."""
    here = os.path.abspath(path)
    fds = f"/proc/{os.getpid()}/fd"
    for _step in range(40):  # as many links as the system follows
        head, tail = os.path.split(here)
        if tail.isdigit() and os.path.realpath(head) == fds:
            return int(tail)
        try:
            link = os.readlink(here)
        except OSError:
            return None
        here = os.path.join(head, link)
    return None


def _refused(path: Path | str, mode: int) -> UsageError:
    kind = _("a folder") if stat.S_ISDIR(mode) else _("a special file")
    return UsageError(_("{path}: cannot write the output there: it is {kind}").format(
        path=path, kind=kind), _("name a file"))


def _cannot(path: Path | str, exc: OSError) -> UsageError:
    if exc.errno == errno.ENOSPC:  # the folder is fine: the disk (or device) is full
        hint = _("free some space, or write the results elsewhere")
    elif exc.errno == errno.ENXIO:  # a device or FIFO with nothing on the other side
        hint = _("name a file, or a device that takes output")
    elif exc.errno == errno.EFBIG:  # ulimit -f: the folder is fine, the limit is not
        hint = _("raise the limit (ulimit -f), or write the results elsewhere")
    else:
        hint = _("check that the folder exists and is writable")
    return UsageError(_("{path}: cannot write it: {reason}").format(
        path=path, reason=os_reason(exc)), hint)


def check_target(path: Path) -> None:
    """Refuse an output that is neither a regular file, a name not yet taken, a FIFO or
    character device to write through, nor one of this process's open descriptors."""
    fd = own_fd(path)
    if fd in CLOSED:
        raise UsageError(_("{path}: cannot write it: it was closed when trustdose started")
                         .format(path=path), _("name a file"))
    try:
        mode = os.fstat(fd).st_mode if fd is not None else os.stat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise _cannot(path, exc) from None
    if fd is not None and stat.S_ISSOCK(mode):  # a socket this process was given
        return
    if not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)):
        raise _refused(path, mode)


def is_terminal(path: Path | str | None) -> bool:
    """Whether what is written to `path` (None: standard output) lands on a terminal:
    standard output itself, `/dev/stdout` or `/dev/fd/N` on one, or a terminal device
    (`/dev/tty`)."""
    import sys
    if path is None:
        return sys.stdout.isatty()
    fd = own_fd(path)
    if fd is not None:
        return fd not in CLOSED and os.isatty(fd)
    try:
        if not stat.S_ISCHR(os.stat(path).st_mode):
            return False
        fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0)
                     | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return False
    try:
        return os.isatty(fd)
    finally:
        os.close(fd)


def _identity(given: Path | str | int) -> tuple | None:
    """(device, inode), ("new", path) for a name not yet taken, or None for what cannot
    be one of two names of a file that matters (a character device, written through:
    `-o /dev/null --errors /dev/null` is fine)."""
    try:
        if isinstance(given, int):
            if given in CLOSED:
                return None
            found = os.fstat(given)
        else:
            fd = own_fd(given)
            found = os.fstat(fd) if fd is not None else os.stat(given)
    except OSError:
        return None if isinstance(given, int) else ("new", os.path.realpath(given))
    return None if stat.S_ISCHR(found.st_mode) else (found.st_dev, found.st_ino)


def check_distinct(outputs: list[tuple[str, Path | str | int]],
                   inputs: Iterable[tuple[str, Path | str | int]]) -> None:
    """Refuse (exit 2, before anything is read) an output that is also an input, or two
    outputs that are one file: through links, hard links and /dev/stdout alike. Each is
    (what the user calls it, its path or an open descriptor's number); an input folder
    stands for the files in it."""
    written = [(name, given, _identity(given)) for name, given in outputs]
    for name, given in inputs:
        if not isinstance(given, int) and os.path.isdir(given):
            with contextlib.suppress(OSError):
                for entry in os.scandir(given):
                    _not_written(written, name, entry.path, _identity(entry.path))
            continue
        _not_written(written, name, given, _identity(given))
    for number, (name, given, found) in enumerate(written):
        for other, other_given, other_found in written[number + 1:]:
            if found is not None and found == other_found:
                path = other_given if isinstance(given, int) else given
                raise UsageError(_("{option} and {other} are the same file ({path}); nothing "
                                   "was read").format(option=name, other=other, path=path),
                                 _("give each output a file of its own"))


def _not_written(written: list, what: str, given: Path | str | int,
                 found: tuple | None) -> None:
    if found is None:  # a name not yet taken counts too: the journal or config file to be
        return         # made there, a journal's -wal to come
    for name, path, output in written:
        if output == found:
            source = _("standard input") if given == 0 else f"{what}: {given}"
            named = name if isinstance(path, int) else f"{name} {path}"
            raise UsageError(_("{output} is also an input ({source}); nothing was read").format(
                output=named, source=source), _("write the results to another file"))


@contextlib.contextmanager
def writing(path: Path) -> Iterator[BinaryIO]:
    """A binary stream for `path`, in place only when it is complete (see the module)."""
    check_target(path)
    through = _through(path)
    if through is not None:
        try:
            with through:
                yield through
        except BrokenPipeError:  # the reader went away (`-o /dev/stdout | head`): quietly,
            raise                # as on standard output
        except OSError as exc:  # a full device (/dev/full)
            raise _cannot(path, exc) from None
        return
    real = Path(os.path.realpath(path))  # beside the file a link names: the link stays
    try:
        with drafting(real) as draft:
            yield draft.handle
            left = draft.replace(real.name)
            if left is not None:
                raise _refused(path, left)
    except OSError as exc:
        raise _cannot(path, exc) from None


def _through(path: Path) -> BinaryIO | None:
    """A stream that writes straight to `path` when it is one of this process's open
    descriptors, a FIFO or a character device; None for a file to replace."""
    fd = own_fd(path)
    try:
        if fd is not None:
            return os.fdopen(os.dup(fd), "wb")  # as given: appended, at its place
        if stat.S_ISREG(os.stat(path).st_mode):
            return None
        # never created, never truncated here: only what is still a pipe or a device; and
        # without waiting, which a FIFO no program reads from would make for ever
        fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0)
                     | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno == errno.ENXIO and _is_fifo(path):
            raise UsageError(_("{path}: cannot write it: no program is reading from this "
                               "pipe").format(path=path),
                             _("start the program that reads it first, or name a file")) from None
        raise _cannot(path, exc) from None
    mode = os.fstat(fd).st_mode
    if not (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)):
        os.close(fd)
        raise _refused(path, mode)
    os.set_blocking(fd, True)  # opened: from here a full pipe waits for its reader
    return os.fdopen(fd, "wb")


def _is_fifo(path: Path) -> bool:
    try:
        return stat.S_ISFIFO(os.stat(path).st_mode)
    except OSError:
        return False


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write all of `data` to `path` as `writing` does."""
    with writing(path) as out:
        out.write(data.encode() if isinstance(data, str) else data)


IOV_MAX = 1024  # pieces one system call takes at the most (POSIX guarantees 16; Linux 1024)


def write_pieces(out: BinaryIO, pieces: list[bytes]) -> None:
    """Write `pieces` in order without joining them first: a batch writes hundreds of
    megabytes, and every copy of them costs (one system call for many pieces where
    `out` is a file, a pipe or a device)."""
    try:
        fd = out.fileno()
    except (AttributeError, OSError, ValueError):  # io.UnsupportedOperation is both
        out.write(b"".join(pieces))
        return
    out.flush()
    write_fd(fd, pieces)


def write_fd(fd: int, pieces: list[bytes]) -> None:
    """Write `pieces` to a file descriptor, all of them, whatever it takes at a time. An
    error carries the descriptor (`written_fd`), so that a full disk under standard
    output can be told from any other failure, even from a worker process."""
    start = 0
    try:
        while start < len(pieces):
            batch = pieces[start:start + IOV_MAX]
            written = os.writev(fd, batch) if hasattr(os, "writev") else os.write(fd, batch[0])
            for piece in batch:  # past what was written; the rest of a piece written in part
                if written >= len(piece):
                    written -= len(piece)
                    start += 1
                else:
                    if written:
                        pieces[start] = memoryview(piece)[written:]  # type: ignore[call-overload]
                    break
    except OSError as exc:
        exc.written_fd = fd  # type: ignore[attr-defined]
        raise
