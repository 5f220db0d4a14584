"""The one atomic writer: a file made whole beside its place, owner-only, and put in
place in one step; and folders that only their owner reads.

A file is written where no one sees it and put in place only when it is complete, so a
crash, Ctrl-C, SIGTERM or a full disk never leaves half a file where a good one was.
Where the system allows it (Linux), it is an unnamed file (O_TMPFILE) that vanishes with
the process however it ends, even by `kill -9`; it gets a name (".trustdose-…", beside
its place) only for the instant between being complete and being put in place.
Elsewhere, and where a file must have a name while it is made (SQLite opens the
journal's by name), it has that name from the start, and a later run cleans up what a
killed run left (`clean_stale`). Its data reach the disk (fsync) before it is put in
place, so a power cut leaves the old file or the new one.

Two ways into place: `Draft.replace` puts it over a regular file (or a name not yet
taken) and over nothing else; `Draft.link` puts it only where nothing is yet, so of two
processes making the same file, the first wins whole and the second sees it was first.

Results are personal data, so what trustdose writes is readable by its owner only; the
mode of a file or folder is set only on one trustdose has just created, through its own
open descriptor, never by a path that a link could redirect.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import time
from pathlib import Path
from typing import BinaryIO, Iterator

TEMP_PREFIX = ".trustdose-"  # how a file not yet in place is named, beside its place
# the names trustdose gives its temporary files (and those older versions gave them)
_TEMP_NAME = re.compile(re.escape(TEMP_PREFIX) + r"(?:[0-9a-f]{16}\.tmp|[a-z0-9_]{8})")
STARTED = time.time()  # this process's start, near enough: older leftovers are stale
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


class Draft:
    """A file being made beside its place: `handle` to write it, `path` its name while it
    has one (None while it is unnamed)."""

    def __init__(self, folder: int, fd: int, name: str | None, where: Path) -> None:
        self.folder, self.name, self.where = folder, name, where
        self.handle: BinaryIO = os.fdopen(fd, "wb")

    @property
    def path(self) -> str | None:
        return None if self.name is None else str(self.where / self.name)

    def replace(self, name: str) -> int | None:
        """Put the draft in place of `name` in its folder if that is a regular file or not
        taken; otherwise nothing is replaced and the mode of what is there is returned."""
        self._complete()
        try:
            mode = os.stat(name, dir_fd=self.folder, follow_symlinks=False).st_mode
        except FileNotFoundError:
            mode = None
        if mode is not None and not stat.S_ISREG(mode):
            return mode  # checked again just before the rename: never over anything else
        os.replace(self.name, name, src_dir_fd=self.folder, dst_dir_fd=self.folder)
        self.name = None
        return None

    def link(self, name: str) -> bool:
        """Put the draft at `name` if nothing is there (whole, or not at all); false when
        something is (another process was first, or a link was made meanwhile)."""
        self._complete()
        try:
            os.link(self.name, name, src_dir_fd=self.folder, dst_dir_fd=self.folder,
                    follow_symlinks=False)
        except FileExistsError:
            return False
        return True

    def _complete(self) -> None:
        self.handle.flush()
        os.fsync(self.handle.fileno())
        if self.name is None:  # unnamed until now: named for an instant, then put in place
            self.name = _temp_name()
            os.link(f"/proc/self/fd/{self.handle.fileno()}", self.name, dst_dir_fd=self.folder,
                    follow_symlinks=True)


@contextlib.contextmanager
def drafting(place: Path, named: bool = False) -> Iterator[Draft]:
    """A new owner-only file beside `place` (in the folder a link at `place` lives in:
    the link stays); unnamed where the system allows unless `named`. Whatever happens,
    no temporary name is left behind once the block ends. Raises OSError."""
    folder = os.open(place.parent, os.O_RDONLY | os.O_DIRECTORY | _CLOEXEC)
    try:
        clean_stale(folder)
        with draft_in(folder, place.parent, named) as draft:
            yield draft
    finally:
        os.close(folder)


@contextlib.contextmanager
def draft_in(folder: int, where: Path, named: bool = False) -> Iterator[Draft]:
    """A new owner-only file in the open `folder` (at `where`), as `drafting` makes one;
    for many files in one folder, opened (and cleaned of what killed runs left) once."""
    draft = Draft(folder, *_temporary(folder, named), where)
    try:
        with draft.handle:
            yield draft
    finally:
        if draft.name is not None:
            with contextlib.suppress(OSError):
                os.unlink(draft.name, dir_fd=folder)


def _temp_name() -> str:
    # os.urandom, not secrets: the same bytes, without importing hashlib and random at
    # every start (trustdose assess writes no temp file unless asked to)
    return f"{TEMP_PREFIX}{os.urandom(8).hex()}.tmp"


def _temporary(folder: int, named: bool) -> tuple[int, str | None]:
    """An owner-only file in `folder`: unnamed (O_TMPFILE) where the system can give one
    and link it later, else named; its descriptor and name."""
    if not named and hasattr(os, "O_TMPFILE") and os.path.isdir(f"/proc/{os.getpid()}/fd"):
        try:
            fd = os.open(".", os.O_TMPFILE | os.O_WRONLY | _CLOEXEC, 0o600, dir_fd=folder)
        except OSError:
            pass  # a file system without unnamed files: a named one
        else:
            os.fchmod(fd, 0o600)  # its own, just made: whatever the umask
            return fd, None
    name = _temp_name()
    fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
                 | _CLOEXEC, 0o600, dir_fd=folder)
    os.fchmod(fd, 0o600)
    return fd, name


def clean_stale(folder: int) -> None:
    """Remove what a killed run (`kill -9`, a power cut) left in `folder`: files named as
    trustdose names its temporary files, regular, with one link, owned by this user, last
    written before this process started and held open by no process. A run still writing
    holds its file open until it is in place, so it is never taken; another user's files
    are never touched. Where /proc cannot be read, nothing is removed."""
    try:
        names = [n for n in os.listdir(folder) if _TEMP_NAME.fullmatch(n)]
    except OSError:
        return
    held: set | None = None
    for name in names:
        try:
            found = os.stat(name, dir_fd=folder, follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(found.st_mode) or found.st_nlink != 1 or \
                found.st_uid != os.geteuid() or found.st_mtime >= STARTED:
            continue
        if held is None:
            held = _held()
        if held is None:
            return
        if (found.st_dev, found.st_ino) not in held:
            with contextlib.suppress(OSError):
                os.unlink(name, dir_fd=folder)


def _held() -> set | None:
    """(device, inode) of every file a process that this user can see holds open; None
    when /proc cannot be read."""
    try:
        pids = [p for p in os.listdir("/proc") if p.isdigit()]
    except OSError:
        return None
    held = set()
    for pid in pids:
        try:
            fds = os.listdir(f"/proc/{pid}/fd")
        except OSError:  # ended meanwhile, or another user's (who cannot open ours)
            continue
        for fd in fds:
            with contextlib.suppress(OSError):
                found = os.stat(f"/proc/{pid}/fd/{fd}")
                held.add((found.st_dev, found.st_ino))
    return held


def private_folder(path: Path) -> None:
    """Create `path` and its missing parents owner-only (0700), whatever the umask. The
    mode is set only on a folder this call created, through a descriptor opened without
    following links (a folder swapped for a link meanwhile is left alone)."""
    missing = []
    for parent in [path, *path.parents]:
        if parent.exists():
            break
        missing.append(parent)
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            continue
        with contextlib.suppress(OSError):  # mkdir's mode is cut by the umask
            fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | getattr(os, "O_NOFOLLOW", 0))
            try:
                if os.fstat(fd).st_uid == os.geteuid():
                    os.fchmod(fd, 0o700)
            finally:
                os.close(fd)
