"""Worker processes forked from this one, each doing the tasks handed to it in turn, and a
stop that cannot hang.

Each worker has a pipe of its own for its tasks and one for its results, and nothing
else is shared with this process: no lock, no queue, no thread. `multiprocessing.Pool`
shares a queue's locks between its workers and its handler threads, and its `terminate()`
could wait for ever on a lock held by a worker it had just killed, or on a pipe no one
read any more: a batch stopped by SIGTERM hung (once, in CI). Here a stop kills the
workers (SIGKILL: they hold nothing that needs cleaning up, and what they wrote goes to
an output that the stop throws away) and reaps them within a deadline.

SIGINT and SIGTERM are held back while a worker is forked, so a worker never runs this
process's signal handlers: Ctrl-C is for this process, which stops the workers, and
SIGTERM (sent by Linux when this process ends, however it ends) ends a worker at once.
"""

from __future__ import annotations

import collections
import contextlib
import os
import signal
import time
import traceback
from multiprocessing.connection import Connection, Pipe, wait
from typing import Any, Callable, Iterator

from ..errors import TrustdoseError
from ..i18n import _

HELD = {signal.SIGINT, signal.SIGTERM}  # not let in while a worker is forked or stopped
REAPED_WITHIN = 5.0  # seconds to wait for killed workers to be gone


class WorkerLost(TrustdoseError):
    """Raised when a worker process ended before it handed back the result of its task
    (killed from outside, or out of memory): the run cannot be whole (exit 2)."""


class InWorker(Exception):
    """Where a task's exception was raised in its worker (the cause of the exception
    raised again here: `--debug` shows both)."""


class WorkerProcesses:
    """`count` processes forked from this one; task `number` goes to worker
    `number % count`, which runs `work(*task)`; results are taken back by number, in the
    order the tasks were given to each worker. Leave the `with` block to stop them."""

    def __init__(self, count: int, work: Callable[..., Any]) -> None:
        self.count = count
        self.work = work
        self.pids: list[int] = []
        self.tasks: list[Connection] = []  # this process's ends of each worker's pipes
        self.results: list[Connection] = []
        self.early: list[collections.deque] = []  # results read before their turn

    def __enter__(self) -> WorkerProcesses:
        try:
            for _worker in range(self.count):
                self._fork()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def give(self, number: int, task: tuple) -> None:
        """Hand task `number` to its worker (a task is small: the pipe never fills)."""
        try:
            self.tasks[number % self.count].send(task)
        except OSError:
            raise self._lost() from None

    def take(self, number: int) -> Any:
        """The result of task `number`, when its worker has it; an exception the task
        raised is raised here. Every worker is watched meanwhile, and results that come
        before their turn are kept: a worker that dies (killed from outside) is found at
        once, never waited for by a worker waiting for it."""
        wanted = number % self.count
        while not self.early[wanted]:
            for connection in wait(self.results):
                worker = self.results.index(connection)
                try:
                    self.early[worker].append(connection.recv())
                except (EOFError, OSError):
                    raise self._lost() from None
        done, value, where = self.early[wanted].popleft()
        if not done:
            raise value from InWorker(where)
        return value

    def stop(self) -> None:
        """Kill every worker and reap it; never waits longer than `REAPED_WITHIN`. A
        second Ctrl-C or SIGTERM meanwhile waits until the workers are gone."""
        with held():
            for pid in self.pids:
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGKILL)
            for connection in self.tasks + self.results:
                connection.close()
            _reap(self.pids, REAPED_WITHIN)
            self.pids, self.tasks, self.results, self.early = [], [], [], []

    def _fork(self) -> None:
        task_read, task_write = Pipe(duplex=False)
        result_read, result_write = Pipe(duplex=False)
        parent = os.getpid()
        with held():
            pid = os.fork()
            if pid == 0:  # the worker
                _serve(self.work, task_read, result_write,
                       [*self.tasks, *self.results, task_write, result_read], parent)
            self.pids.append(pid)
            self.tasks.append(task_write)
            self.results.append(result_read)
            self.early.append(collections.deque())
        task_read.close()  # the worker's ends: so its death closes its result pipe
        result_write.close()

    def _lost(self) -> WorkerLost:
        return WorkerLost(_("a worker process ended before its part of the file was done "
                            "(stopped from outside, or out of memory)"),
                          _("run the command again; TRUSTDOSE_WORKERS=0 assesses every row "
                            "in one process"))


@contextlib.contextmanager
def held() -> Iterator[None]:
    """SIGINT and SIGTERM wait until the block is done (a process forked in it starts
    with them held back too)."""
    before = signal.pthread_sigmask(signal.SIG_BLOCK, HELD)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def _serve(work: Callable[..., Any], tasks: Connection, results: Connection,
           others: list[Connection], parent: int) -> None:
    """A worker's life: its tasks, one by one, until its pipe is closed; it never returns
    into the code that forked it, and never says a word."""
    code = 0
    try:
        for connection in others:  # this process's ends of every pipe, copied by the fork
            connection.close()
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        _die_with_parent(parent)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, HELD)
        while True:
            try:
                task = tasks.recv()
            except EOFError:
                break
            try:
                answer = (True, work(*task), "")
            except Exception as exc:  # handed back, and raised in the main process
                answer = (False, exc, traceback.format_exc())
            try:
                results.send(answer)
            except Exception as exc:  # a result that cannot be pickled
                results.send((False, RuntimeError(repr(exc)), traceback.format_exc()))
    except BaseException:
        code = 1
    finally:
        os._exit(code)


def _die_with_parent(parent: int) -> None:
    """Ask Linux to send this process SIGTERM when its parent ends (PR_SET_PDEATHSIG),
    so a worker never outlives the run (`kill -9` too) to print into a closed pipe."""
    import ctypes
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM, 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # it ended before the line above took effect
        os._exit(0)


def _reap(pids: list[int], within: float) -> None:
    """Wait for the killed `pids` to be gone, at most `within` seconds (a process in the
    middle of a disk's read dies when the read is done; one left is reaped by init)."""
    waiting = set(pids)
    end = time.monotonic() + within
    while waiting:
        for pid in list(waiting):
            try:
                gone = os.waitpid(pid, os.WNOHANG)[0] == pid
            except ChildProcessError:
                gone = True
            if gone:
                waiting.discard(pid)
        if not waiting or time.monotonic() > end:
            return
        time.sleep(0.001)  # SIGKILL ends a process within a scheduler's tick
