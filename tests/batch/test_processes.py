"""The batch's worker processes (`batch.processes`): results by number, a task's error
raised in this process, and a stop that waits on nothing a worker holds. The workers are
forked from the test's own process (no new interpreter)."""

from __future__ import annotations

import contextlib
import functools
import multiprocessing
import os
import signal
import sys

import pytest
from hypothesis import given, settings, strategies as st

from trustdose.batch.processes import HELD, InWorker, WorkerLost, WorkerProcesses

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="workers are forked on Linux")


@contextlib.contextmanager
def within(seconds: int):
    """Fail, rather than hang the suite, when the block takes longer than `seconds`."""
    def late(signum, frame):
        pytest.fail(f"still waiting after {seconds} s")
    before = signal.signal(signal.SIGALRM, late)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, before)


def gone(pid: int) -> bool:
    """Whether process `pid` is reaped (not even a zombie of ours)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def twice(value: int) -> int:
    return 2 * value


@settings(max_examples=12, deadline=None)
@given(st.integers(1, 3), st.lists(st.integers(-10**6, 10**6), max_size=10))
def test_every_result_comes_back_under_its_number_and_no_worker_is_left(count, values):
    with within(20), WorkerProcesses(count, twice) as team:
        for number, value in enumerate(values):
            team.give(number, (value,))
        taken = [team.take(number) for number in range(len(values))]
        pids = list(team.pids)
    assert taken == [2 * value for value in values] and len(pids) == count
    assert all(gone(pid) for pid in pids)


def refuse(value: int) -> int:
    raise ValueError(f"no {value}")


def test_a_tasks_error_is_raised_here_with_where_it_was_raised_there():
    with within(20), WorkerProcesses(2, refuse) as team:
        team.give(0, (7,))
        with pytest.raises(ValueError, match="no 7") as raised:
            team.take(0)
    assert isinstance(raised.value.__cause__, InWorker)
    assert "in refuse" in str(raised.value.__cause__)


def signals() -> tuple:
    return (signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM),
            HELD & signal.pthread_sigmask(signal.SIG_BLOCK, []))


def test_a_worker_ignores_ctrl_c_ends_at_sigterm_and_this_process_is_as_before():
    before = signal.pthread_sigmask(signal.SIG_BLOCK, [])
    with within(20), WorkerProcesses(1, signals) as team:
        team.give(0, ())
        assert team.take(0) == (signal.SIG_IGN, signal.SIG_DFL, set())
        assert signal.pthread_sigmask(signal.SIG_BLOCK, []) == before


def hold(lock, number: int) -> int:
    """Task 0 takes the lock and dies holding it; any other waits for the lock."""
    lock.acquire()
    if number == 0:
        os.kill(os.getpid(), signal.SIGKILL)
    return number


def test_a_worker_killed_holding_a_lock_ends_the_run_and_the_stop_waits_on_nothing():
    # multiprocessing.Pool's shape of a hang: a worker dies holding a lock another waits
    # for; here the one waiting is never waited for
    lock = multiprocessing.get_context("fork").Lock()
    with within(20):
        with WorkerProcesses(2, functools.partial(hold, lock)) as team:
            team.give(0, (0,))
            os.waitpid(team.pids[0], 0)  # task 0 holds the lock for ever
            team.give(1, (1,))  # worker 1 waits for the lock
            with pytest.raises(WorkerLost, match="a worker process ended"):
                team.take(1)
            with pytest.raises(WorkerLost):
                team.give(2, (2,))  # to the dead worker
            pids = list(team.pids)
        assert all(gone(pid) for pid in pids)
