"""Standard streams as a hostile shell leaves them: closed (`<&-`, `>&-`, `2>&-`), on a
full disk (/dev/full), and SIGTERM while a command runs. Never exit 70, never a
traceback, never a file left behind. These run trustdose as processes of their own,
all at once (each waits on a condition, never on time)."""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
import termios

import pytest

from helpers import EXAMPLES, ROOT, wait_for, terminal

pytestmark = [pytest.mark.process,
              pytest.mark.skipif(sys.platform != "linux", reason="Linux processes and /dev/full")]

CASE = str(EXAMPLES / "new-employee.yaml")
CSV = str(EXAMPLES / "batch" / "workshop.csv")


def start(shell: str, *args: str, tmp, **popen) -> subprocess.Popen:
    """`trustdose ARGS` with the redirections of `shell` (as `exec "$@" SHELL`)."""
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env["TRUSTDOSE_DB"] = str(tmp / "journal.sqlite3")
    return subprocess.Popen(["sh", "-c", f'exec "$@" {shell}', "sh", sys.executable, "-m",
                             "trustdose", *args], stdout=popen.pop("stdout", subprocess.PIPE),
                            stderr=subprocess.PIPE, stdin=popen.pop("stdin", subprocess.DEVNULL),
                            cwd=ROOT, env=env, **popen)


# (redirections, arguments, exit codes allowed, what stderr says)
STREAMS = [
    ("<&-", ["assess"], {2}, "no case given, and no terminal"),
    ("<&-", ["assess", "-"], {2}, "no standard input to read the case from"),
    ("<&-", ["batch", "-"], {2}, "no standard input to read the cases from"),
    ("<&-", ["review", "2"], {2}, "no journal at"),
    (">&-", ["assess", CASE], {2}, "standard output is closed"),
    (">&-", ["batch", CSV], {2}, "standard output is closed"),
    (">&-", ["rules", "list"], {2}, "standard output is closed"),
    (">&-", ["--help"], {2}, "standard output is closed"),
    (">&-", ["assess", CASE, "-o", "/dev/stdout"], {2}, "closed when trustdose started"),
    (">&-", ["batch", CSV, "--summary-only"], {2}, "standard output is closed"),
    ("2>&-", ["batch", CSV], {1}, ""),
    (">/dev/full", ["assess", CASE], {2}, "cannot write to standard output: the disk is full"),
    (">/dev/full", ["rules", "list"], {2}, "cannot write to standard output: the disk is full"),
    (">/dev/full 2>&1", ["rules", "list"], {2}, ""),
]


def test_closed_and_full_standard_streams_are_a_clear_error_or_work(tmp_path):
    warm = start(">/dev/null", "rules", "list", tmp=tmp_path)  # the rules compiled once
    assert warm.wait(timeout=60) == 0
    runs = [(case, start(case[0], *case[1], tmp=tmp_path)) for case in STREAMS]
    for (shell, args, codes, said), process in runs:
        out, err = process.communicate(timeout=60)
        err = err.decode()
        assert process.returncode in codes, (shell, args, process.returncode, err)
        assert said in err and "Traceback" not in err and "internal error" not in err, \
            (shell, args, err)
        assert "Exception ignored" not in err
        if shell == "2>&-":  # messages go nowhere, never into the results
            assert b"rejected" not in out and out.count(b"\n") == 28
    assert sorted(os.listdir(tmp_path)) == []


def _unread(fd: int) -> int:
    count = bytearray(4)
    fcntl.ioctl(fd, termios.FIONREAD, count)
    return int.from_bytes(count, sys.byteorder)


def _writing(pid: int, folder) -> bool:
    """Whether `pid` holds a file open in `folder` (its output, named or not)."""
    try:
        return any(os.readlink(f"/proc/{pid}/fd/{fd}").startswith(f"{folder}/")
                   for fd in os.listdir(f"/proc/{pid}/fd"))
    except OSError:
        return False


def test_sigterm_stops_assess_and_batch_like_ctrl_c_and_leaves_nothing(tmp_path):
    """assess stopped while it reads its case, batch while it writes its output: exit
    143, nothing in the folder, the file from before intact."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.txt").write_text("the good file from before\n")
    (out / "rows.csv").write_text("the good file from before\n")
    assess = start("", "assess", "-", "-o", str(out / "report.txt"), tmp=tmp_path,
                   stdin=subprocess.PIPE, start_new_session=True)
    batch = start("", "batch", "-", "-o", str(out / "rows.csv"), "-f", "csv", tmp=tmp_path,
                  stdin=subprocess.PIPE, start_new_session=True)
    assess.stdin.write(b"subject:\n")
    assess.stdin.flush()
    header, first = open(CSV, "rb").read().splitlines(keepends=True)[:2]
    batch.stdin.write(header + first)
    batch.stdin.flush()
    # both have read what they were given (and so run trustdose, signals and all);
    # batch has its output open
    wait_for(lambda: _unread(assess.stdin.fileno()) == 0, "assess to read")
    wait_for(lambda: _unread(batch.stdin.fileno()) == 0 and _writing(batch.pid, out),
          "batch to write")
    for process in (assess, batch):
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=30)
        err = err.decode()
        assert process.returncode == 143, err
        assert "stopped (SIGTERM); nothing was saved" in err and "Traceback" not in err
    assert sorted(os.listdir(out)) == ["report.txt", "rows.csv"]
    assert {p.read_text() for p in out.iterdir()} == {"the good file from before\n"}


def test_dev_stdout_is_written_through_to_a_pipe_and_to_a_file(tmp_path):
    piped = start("", "assess", CASE, "-o", "/dev/stdout", "-f", "json", tmp=tmp_path)
    saved = tmp_path / "saved.json"
    with open(saved, "wb") as file:
        into_file = start("", "assess", CASE, "-o", "/dev/stdout", "-f", "json", tmp=tmp_path,
                          stdout=file)
        into_file.communicate(timeout=60)
    out, err = piped.communicate(timeout=60)
    assert piped.returncode == 0 and into_file.returncode == 0, err
    assert out.startswith(b"{") and saved.read_bytes() == out
    assert sorted(os.listdir(tmp_path)) == ["saved.json"]


def test_help_and_version_to_a_reader_gone_exit_as_any_command_does(tmp_path):
    """`trustdose --help | head -1`: a pipe with no reader after help is the closed-pipe
    exit 141, quietly, as for every command (typer's own handling made it 1, findings).
    The pipe's reader is closed before the runs start: no race with their writing."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        runs = [start("", *args, tmp=tmp_path, stdout=writer) for args in (["--help"],
                                                                           ["--version"])]
    finally:
        os.close(writer)
    for process in runs:
        _out, err = process.communicate(timeout=60)
        assert process.returncode == 141, err
        assert err == b"", err


BOARD = str(EXAMPLES / "boards" / "skolkok.yaml")


# every command that writes a file format, each through one of the two names of a
# terminal (the refusal is made in one place, `streams.target`: each pair is one process)
@pytest.mark.parametrize("args, to", [
    (["frame", str(EXAMPLES / "leader" / "frame.yaml"), "-f", "docx"], "/dev/stdout"),
    (["talk", "-f", "docx"], "/dev/tty"),
    (["reflect", "-f", "docx"], "/dev/stdout"),
    (["assess", CASE, "-f", "agreement", "--agreement-as", "docx"], "/dev/tty"),
    (["board", BOARD, "-f", "agreement", "--agreement-as", "docx"], "/dev/stdout"),
    (["board", BOARD, "-f", "xlsx"], "/dev/tty"),
    (["batch", CSV, "-f", "xlsx"], "/dev/stdout"),
    (["batch", CSV, "-f", "xlsx"], "/dev/tty"),
])
def test_a_file_format_named_onto_a_terminal_is_refused_as_the_bare_format_is(args, to,
                                                                               tmp_path):
    """`-o /dev/stdout` or `-o /dev/tty` in a terminal: a Word document or a workbook is
    never poured onto it as bytes (exit 2), as without -o."""
    env = {**os.environ, "TRUSTDOSE_DB": str(tmp_path / "j.sqlite3")}
    child = terminal(*args, "-o", to, cwd=tmp_path, env=env, dimensions=(24, 200))
    shown = child.read()
    child.close()
    assert child.exitstatus == 2, shown
    assert "cannot be shown in a terminal" in shown and "PK" not in shown


def test_output_named_onto_a_pipe_with_no_reader_ends_quietly_as_stdout_does(tmp_path):
    """`talk -o /dev/stdout | head -c0`: the closed pipe ends quietly (141), as it does
    without -o; never "Broken pipe; check that the folder exists"."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        runs = [start("", *args, "-o", "/dev/stdout", tmp=tmp_path, stdout=writer)
                for args in (["talk"], ["assess", CASE])]
    finally:
        os.close(writer)
    for process in runs:
        _out, err = process.communicate(timeout=60)
        assert process.returncode == 141 and err == b"", err
