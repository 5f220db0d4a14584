"""Worker processes for large files: the same output as one process, in the file's
order; Ctrl-C and a closed pipe end them cleanly. These run trustdose as a process of
its own (workers are forked from it)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

import pytest
from hypothesis import given, strategies as st

from helpers import EXAMPLES, ROOT, run, run_process, wait_for

pytestmark = [pytest.mark.process,
              pytest.mark.skipif(sys.platform != "linux", reason="workers are forked on Linux")]


def write_cases(path, rows: int, bad_every: int = 97) -> None:
    """A coach's large CSV: good rows, a few bad ones, and quoted cells over two lines
    around where the workers' chunks meet."""
    import random
    rng = random.Random(7)
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write("id;subject;kind;task;description;tags;competence;intention;resources;risk;"
                  "planned_level\n")
        for n in range(rows):
            description = '"two\nlines; and ""quotes"""' if n % 500 in (498, 499, 0, 1) else ""
            competence = "9" if bad_every and n % bad_every == 5 else \
                rng.choice(["1", "2,5", "3", "?", "4,5"])
            out.write(";".join([f"c{n}", rng.choice(["Mette", "Åsa", "Team Nord"]),
                                rng.choice(["person", "team", ""]), "Plan the rota", description,
                                rng.choice(["", "budget"]), competence,
                                rng.choice(["2", "3", "5"]), rng.choice(["4", "3,5"]),
                                rng.choice(["1", "3", "4,5"]),
                                rng.choice(["", "4", "delegate"])]) + "\n")


def test_workers_write_what_one_process_writes(tmp_path):
    cases = tmp_path / "large.csv"
    write_cases(cases, 1600)
    outputs = {}
    for workers in ("0", "2"):  # one process: this one's (`run`); two workers: forked
        errors = tmp_path / f"errors-{workers}.jsonl"
        done = (run if workers == "0" else run_process)(
            "batch", str(cases), "--errors", str(errors), env={"TRUSTDOSE_WORKERS": workers})
        outputs[workers] = (done.returncode, done.stdout, done.stderr, errors.read_bytes())
    assert outputs["0"] == outputs["2"]
    code, stdout, stderr, _errors = outputs["2"]
    assert code == 1 and stdout.count("\n") == 1600 - 17
    assert "1,600 cases: 1,583 assessed, 17 rejected" in stderr
    assert f"rejected: {cases}:9: competence: 9 is out of range" in stderr  # rows 0, 1: 2 lines
    sources = [json.loads(line)["source"] for line in stdout.splitlines()]
    assert sources == sorted(sources, key=lambda s: int(s.rsplit(":", 1)[1]))  # in file order
    # a quoted cell over two lines moves the line numbers of the rows after it
    assert f"{cases}:502" in stdout and json.loads(stdout.splitlines()[-1])["case_id"] == "c1599"


def test_workers_write_csv_to_a_file_and_read_jsonl(tmp_path):
    cases = tmp_path / "large.csv"
    write_cases(cases, 1200, bad_every=0)
    files = {}
    for workers in ("0", "2"):  # one process: this one's (`run`); two workers: forked
        target = tmp_path / f"out-{workers}.csv"
        done = (run if workers == "0" else run_process)(
            "batch", str(cases), "-o", str(target), env={"TRUSTDOSE_WORKERS": workers})
        assert done.returncode == 0, done.stderr
        files[workers] = target.read_bytes()
    assert files["0"] == files["2"] and files["2"].startswith(b"id,source,")
    assert files["2"].count(b"\n") == 1201
    lines = tmp_path / "cases.jsonl"
    with open(lines, "w", encoding="utf-8") as out:
        for n in range(1200):
            bad = {"risk": "high"} if n == 700 else {}
            out.write(json.dumps({"id": f"j{n}", "subject": {"name": "Åsa"},
                                  "task": {"title": "Rota", "tags": ["budget"] if n % 3 else []},
                                  "competence": 1 + n % 5, "intention": "?", "resources": 4,
                                  "risk": 3, **bad}, ensure_ascii=False) + "\n")
    one = run("batch", str(lines), env={"TRUSTDOSE_WORKERS": "0"})
    two = run_process("batch", str(lines), env={"TRUSTDOSE_WORKERS": "2"})
    assert (one.returncode, one.stdout, one.stderr) == (two.returncode, two.stdout, two.stderr)
    assert two.returncode == 1 and f"rejected: {lines}:701:150: risk: 'high'" in two.stderr


def test_a_bad_worker_count_is_a_clear_error():
    done = run("batch", str(EXAMPLES / "batch" / "workshop.csv"),
               env={"TRUSTDOSE_WORKERS": "many"})
    assert done.returncode == 2 and "TRUSTDOSE_WORKERS: 'many' is not a whole number" in done.stderr


def half_written(pid: int, folder) -> list:
    """The files in `folder` that process `pid` is writing: named ones (".trustdose-…"),
    or unnamed ones (O_TMPFILE, which /proc shows as "FOLDER/#INODE (deleted)"), each
    with its size."""
    found = []
    try:
        fds = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        return found
    for fd in fds:
        try:
            link = os.readlink(f"/proc/{pid}/fd/{fd}")
            size = os.stat(f"/proc/{pid}/fd/{fd}").st_size
        except OSError:
            continue
        if link.startswith(f"{folder}/.trustdose-") or link.startswith(f"{folder}/#"):
            found.append((link, size))
    return found


@pytest.mark.parametrize("stop, code, said", [
    (signal.SIGINT, 130, "cancelled; nothing was saved"),  # as Ctrl-C in a terminal: the group
    (signal.SIGTERM, 143, "stopped (SIGTERM); nothing was saved")])  # as `kill PID`: the main
def test_ctrl_c_and_sigterm_stop_the_workers_and_keep_no_half_file(tmp_path, stop, code, said):
    cases = tmp_path / "large.csv"
    target = tmp_path / "out.jsonl"
    errors = tmp_path / "errors.jsonl"

    # the run is frozen (SIGSTOP) as soon as it writes; on a machine so busy that it got
    # to the end first, again with four times the cases (the states are waited for,
    # never timed)
    for rows in (60_000, 240_000):
        write_cases(cases, rows, bad_every=0)
        target.write_text("the good file from before\n", encoding="utf-8")
        process = subprocess.Popen([sys.executable, "-m", "trustdose", "batch", str(cases),
                                    "-o", str(target), "--errors", str(errors)],
                                   stderr=subprocess.PIPE, text=True,
                                   env={**os.environ, "TRUSTDOSE_WORKERS": "2"}, cwd=ROOT,
                                   start_new_session=True)
        wait_for(lambda p=process: any(size > 0 for _name, size in half_written(p.pid, tmp_path))
                 or p.poll() is not None, "the workers to start writing")
        os.killpg(process.pid, signal.SIGSTOP)
        if half_written(process.pid, tmp_path):
            break
        os.killpg(process.pid, signal.SIGCONT)
        process.communicate(timeout=120)
    if stop == signal.SIGINT:
        os.killpg(process.pid, stop)
    else:
        os.kill(process.pid, stop)
    os.killpg(process.pid, signal.SIGCONT)
    _out, err = process.communicate(timeout=60)
    assert process.returncode == code, err
    assert said in err and "Traceback" not in err
    assert target.read_text(encoding="utf-8") == "the good file from before\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["large.csv", "out.jsonl"]
    wait_for(lambda: subprocess.run(["pgrep", "-f", str(cases)], capture_output=True,
                                    text=True).stdout.strip() == "", "the workers to end", 10)


def test_workers_end_with_a_run_killed_by_sigkill(tmp_path):
    """`kill -9`: no worker outlives the run (none prints a traceback into the closed
    pipe), and the unnamed output vanishes with it."""
    cases = tmp_path / "large.csv"
    write_cases(cases, 20_000, bad_every=0)
    process = subprocess.Popen([sys.executable, "-m", "trustdose", "batch", str(cases), "-o",
                                str(tmp_path / "out.jsonl")], stderr=subprocess.PIPE,
                               text=True, env={**os.environ, "TRUSTDOSE_WORKERS": "2"},
                               cwd=ROOT, start_new_session=True)
    wait_for(lambda: half_written(process.pid, tmp_path) or process.poll() is not None,
             "the run to start writing")
    process.kill()
    _out, err = process.communicate(timeout=60)
    wait_for(lambda: subprocess.run(["pgrep", "-f", str(cases)], capture_output=True,
                                    text=True).stdout.strip() == "", "the workers to end", 10)
    assert "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["large.csv"]


def test_a_reader_that_stops_early_ends_the_run_quietly(tmp_path):
    cases = tmp_path / "large.csv"
    write_cases(cases, 3000, bad_every=0)
    for workers in ("0", "2"):
        process = subprocess.Popen([sys.executable, "-m", "trustdose", "batch", str(cases)],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT,
                                   env={**os.environ, "TRUSTDOSE_WORKERS": workers})
        assert process.stdout.read(100)
        process.stdout.close()  # as `| head -c 100` does
        try:  # a run that waits for ever fails here, not at the suite's end
            err = process.communicate(timeout=60)[1].decode()
        except subprocess.TimeoutExpired:
            process.kill()
            pytest.fail(f"the run went on after its reader left (workers: {workers})")
        assert process.returncode == 141 and err == "", (workers, err)


def test_a_row_that_is_not_utf8_further_down_is_rejected_at_its_place_both_ways(tmp_path):
    cases = tmp_path / "large.csv"
    write_cases(cases, 1500, bad_every=0)
    data = cases.read_bytes().splitlines(keepends=True)
    data[1200] = data[1200].replace(b"Plan the rota", "Plån".encode("latin-1"))  # not UTF-8
    assert b"Pl\xe5n" in data[1200]
    cases.write_bytes(b"".join(data))
    column = data[1200].index(b"\xe5") + 1
    outputs = []
    for workers in ("0", "2"):  # one process: this one's (`run`); two workers: forked
        errors = tmp_path / f"errors-{workers}.jsonl"
        done = (run if workers == "0" else run_process)(
            "batch", str(cases), "--errors", str(errors), env={"TRUSTDOSE_WORKERS": workers})
        assert done.returncode == 1, (workers, done.stderr)
        assert f"rejected: {cases}:1201:{column}: not UTF-8 text (byte 0xe5" in done.stderr
        assert "save the file as UTF-8" in done.stderr and "position" not in done.stderr
        assert "1,500 cases: 1,499 assessed, 1 rejected" in done.stderr
        assert "Traceback" not in done.stderr and "internal error" not in done.stderr
        bad = json.loads(errors.read_text(encoding="utf-8"))
        assert "Pl\ufffdn" in bad["row"]  # the row as given, each stray byte as U+FFFD
        outputs.append((done.stdout, done.stderr, errors.read_bytes()))
    assert outputs[0] == outputs[1]


LINE = st.lists(st.sampled_from(["a", "é", ";", '"', " ", "x"]), max_size=6).map("".join)
END = st.sampled_from(["\n", "\r\n", "\r"])


@given(st.lists(st.tuples(LINE, END), min_size=1, max_size=40), st.sampled_from([1, 2, 5]),
       st.booleans())
def test_chunks_are_the_lines_text_mode_reads(tmp_path_factory, body, rows, csv_file):
    """Read back from their byte ranges, the chunks are the file's lines as a file opened
    with newline="" gives them, each chunk starting at its own line number."""
    from trustdose.batch import parallel
    path = tmp_path_factory.mktemp("chunks") / ("in.csv" if csv_file else "in.jsonl")
    header = "name;title\n" if csv_file else '{"a": 1}\n'
    path.write_bytes(("\ufeff" + header + "".join(a + b for a, b in body)).encode())
    with open(path, encoding="utf-8-sig", newline="") as handle:
        expected = list(handle)[1 if csv_file else 0:]
    saved, parallel.CHUNK_ROWS = parallel.CHUNK_ROWS, rows
    try:
        chunks = list(parallel._chunks(str(path)))
    finally:
        parallel.CHUNK_ROWS = saved
    got, line = [], 2 if csv_file else 1
    for _name, layout, span, start, _encoding in chunks:
        assert (layout is not None) == csv_file and start == line
        lines = parallel._lines(str(path), span)
        got += lines
        line += len(lines)
    assert got == expected
