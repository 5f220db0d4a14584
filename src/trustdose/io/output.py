"""Writing files safely: the one atomic writer, and folders that only their owner reads.

An output file is written under a temporary name in its own folder and renamed over the
target only when it is complete, so a crash, Ctrl-C or a full disk never leaves half a
report where a good one was. Results are personal data, so what trustdose writes is
readable by its owner only. Only a regular file (or a name not yet taken) is ever
replaced: a FIFO or a character device (`/dev/stdout`, `/dev/null`) is written
through, and anything else is refused before anything is read.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path
from typing import BinaryIO, Iterator

from ..errors import UsageError
from ..i18n import _, os_reason

TEMP_PREFIX = ".trustdose-"  # how a half-written output is named, beside its target


def private_folder(path: Path) -> None:
    """Create `path` and its missing parents owner-only (0700), whatever the umask."""
    missing = []
    for parent in [path, *path.parents]:
        if parent.exists():
            break
        missing.append(parent)
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):
            folder.mkdir(mode=0o700)
            os.chmod(folder, 0o700)  # mkdir's mode is cut by the umask


def check_target(path: Path) -> None:
    """Refuse an output that is neither a regular file, a name not yet taken, nor a
    FIFO or character device to write through."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise UsageError(_("{path}: cannot write it: {reason}").format(
            path=path, reason=os_reason(exc))) from None
    if not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)):
        kind = _("a folder") if stat.S_ISDIR(mode) else _("a special file")
        raise UsageError(_("{path}: cannot write the output there: it is {kind}").format(
            path=path, kind=kind), _("name a file"))


@contextlib.contextmanager
def writing(path: Path) -> Iterator[BinaryIO]:
    """A binary stream for `path`, in place only when it is complete (see the module)."""
    check_target(path)
    with contextlib.suppress(OSError):
        mode = os.stat(path).st_mode
        if stat.S_ISFIFO(mode) or stat.S_ISCHR(mode):  # a pipe or a device: write through
            with open(path, "wb") as through:
                yield through
            return
    try:
        handle = tempfile.NamedTemporaryFile("wb", dir=path.parent if str(path.parent) else ".",
                                             prefix=TEMP_PREFIX, delete=False)
    except OSError as exc:
        raise UsageError(_("{path}: cannot write it: {reason}").format(
            path=path, reason=os_reason(exc)), _("check that the folder exists and is writable")
        ) from None
    try:
        with handle:  # NamedTemporaryFile creates it owner-only (0600)
            yield handle
        os.replace(handle.name, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(handle.name)
        if isinstance(exc, OSError):
            raise UsageError(_("{path}: cannot write it: {reason}").format(
                path=path, reason=os_reason(exc)), _("check that the folder exists and is writable")
            ) from None
        raise


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
    """Write `pieces` to a file descriptor, all of them, whatever it takes at a time."""
    start = 0
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
