"""The hostile corpus's side of the warm start (tests/zygote.py): a few zygotes, one per run
at a time, each asked to fork a probe's process, whose output is read here with the
probe's deadline as a cold run's is."""

from __future__ import annotations

import json
import os
import pty
import queue
import selectors
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ZYGOTE = Path(__file__).with_name("zygote.py")


class Zygote:
    def __init__(self):
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
        self.process = subprocess.Popen([sys.executable, str(ZYGOTE), str(theirs.fileno())],
                                        pass_fds=(theirs.fileno(),), env=env,
                                        stdin=subprocess.DEVNULL, start_new_session=True)
        theirs.close()
        self.sock = ours

    def start(self, request: dict, fds: list[int]) -> int:
        socket.send_fds(self.sock, [json.dumps(request).encode()], fds)
        return json.loads(self.answer())["pid"]

    def answer(self) -> bytes:
        message = self.sock.recv(4096)
        if not message:
            raise RuntimeError(f"the zygote ended (exit {self.process.wait()})")
        return message

    def close(self) -> None:
        self.sock.close()
        self.process.wait(timeout=30)


def code_of(status: int) -> int:
    """An exit status as subprocess gives it: the exit code, or minus the signal."""
    return os.WEXITSTATUS(status) if os.WIFEXITED(status) else -os.WTERMSIG(status)


class Zygotes:
    def __init__(self, count: int):
        self.idle: queue.Queue[Zygote] = queue.Queue()
        self.all = [Zygote() for _ in range(count)]
        for zygote in self.all:
            self.idle.put(zygote)

    def close(self) -> None:
        for zygote in self.all:
            zygote.close()

    def execute(self, request: dict, stdin: bytes | None, tty: bool, deadline: float):
        """Run one request (args, env, cwd, umask, memory): its exit code (None when
        killed at the deadline), standard output and error."""
        zygote = self.idle.get()
        try:
            return self._run(zygote, request, stdin, tty, deadline)
        finally:
            self.idle.put(zygote)

    def _run(self, zygote, request, stdin, tty, deadline):
        given = os.open(os.devnull, os.O_RDONLY) if stdin is None else None
        feed = None
        if given is None:
            given, feed = os.pipe()
        if tty:
            out, theirs_out = pty.openpty()
        else:
            out, theirs_out = os.pipe()
        err, theirs_err = os.pipe()
        start = time.monotonic()
        pid = zygote.start(request, [given, theirs_out, theirs_err])
        for fd in (given, theirs_out, theirs_err):
            os.close(fd)
        try:
            stdout, stderr, status, done = gather(zygote, feed, stdin, out, err, tty,
                                                  start + deadline)
        finally:
            try:  # the run and every process it started (batch workers)
                os.killpg(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            os.close(out)
            os.close(err)
        if not done:  # over its deadline: killed above
            if status is None:  # the zygote answers when it has seen the end
                json.loads(zygote.answer())
            return None, b"", b""
        return code_of(status), stdout, stderr


def gather(zygote, feed, data, out, err, tty, deadline):
    """Feed standard input (and close it) and read standard output and error until both
    end (for a terminal: until the run has ended and nothing more is waiting), or the
    deadline. The status, and whether the run ended in time."""
    feeding = [feed]  # the input's pipe while it is open
    try:
        return _gather(zygote, feeding, data, out, err, tty, deadline)
    finally:
        if feeding[0] is not None:
            os.close(feeding[0])


def _gather(zygote, feeding, data, out, err, tty, deadline):
    feed = feeding[0]
    chunks = {out: [], err: []}
    selector = selectors.DefaultSelector()
    selector.register(out, selectors.EVENT_READ)
    selector.register(err, selectors.EVENT_READ)
    selector.register(zygote.sock, selectors.EVENT_READ)
    pending = memoryview(data or b"")
    if feed is not None:
        os.set_blocking(feed, False)
        selector.register(feed, selectors.EVENT_WRITE)
    status, open_ = None, {out, err}
    while open_ or status is None:
        if time.monotonic() > deadline:
            selector.close()
            return b"", b"", status, False
        ready = selector.select(timeout=0.2)
        if not ready and tty and status is not None and out in open_:
            # the run has ended and its terminal has been quiet for a while: what is left
            # holding it (a worker it started) is not its output
            selector.unregister(out)
            open_.discard(out)
        for key, _ in ready:
            fd = key.fd
            if fd == feed:
                try:
                    pending = pending[os.write(feed, pending[:65536]):]
                except BlockingIOError:
                    continue
                except BrokenPipeError:  # the run stopped reading: the rest is not wanted
                    pending = pending[:0]
                if not pending:
                    selector.unregister(feed)
                    os.close(feed)
                    feeding[0] = None
            elif fd == zygote.sock.fileno():
                status = json.loads(zygote.answer())["status"]
                selector.unregister(zygote.sock)
            else:
                try:
                    data_ = os.read(fd, 65536)
                except OSError:  # EIO: the terminal's other side is closed
                    data_ = b""
                if data_:
                    chunks[fd].append(data_)
                else:
                    selector.unregister(fd)
                    open_.discard(fd)
    selector.close()
    return b"".join(chunks[out]), b"".join(chunks[err]), status, True
