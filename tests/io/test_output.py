"""Files are never destroyed: only a regular file is ever replaced, a pipe or a device
is written through, the rest is refused; an unnamed temporary file, and leftovers of a
killed run cleaned up safely; an output that is an input, or two outputs that are one
file, refused before anything is read."""

from __future__ import annotations

import os
import socket
import stat
import time
from pathlib import Path

import pytest

from helpers import EXAMPLES, run
from trustdose.errors import UsageError
from trustdose.io import output
from trustdose.io.output import TEMP_PREFIX, check_distinct, private_folder, writing


def test_a_fifo_is_written_through_never_replaced(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader is there: no wait
    try:
        with writing(fifo) as out:
            out.write(b"report\n")
        assert os.read(reader, 100) == b"report\n"
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_character_device_is_written_through_never_replaced(tmp_path):
    master, slave = os.openpty()  # a terminal: a character device of this user's own
    try:
        name = os.ttyname(slave)
        before = os.stat(name)
        with writing(name) as out:
            out.write(b"x")
        assert os.read(master, 10) == b"x"
        after = os.stat(name)
        assert stat.S_ISCHR(after.st_mode) and after.st_mode == before.st_mode
        assert (after.st_ino, after.st_uid) == (before.st_ino, before.st_uid)
    finally:
        os.close(master)
        os.close(slave)


def _socket(path):
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    return server


@pytest.mark.parametrize("make, kind", [
    (lambda p: p.mkdir(), "a folder"),
    (lambda p: _socket(p), "a special file"),
    (lambda p: (p.parent / "real").mkdir() or p.symlink_to(p.parent / "real"), "a folder")])
def test_anything_else_is_refused_and_left_as_it_was(tmp_path, make, kind):
    path = tmp_path / "target"
    keep = make(path)
    before = os.lstat(path)
    with pytest.raises(UsageError, match=f"cannot write the output there: it is {kind}"):
        with writing(path) as out:
            out.write(b"never")
    assert os.lstat(path) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(TEMP_PREFIX)]
    del keep


@pytest.mark.skipif(os.geteuid() != 0, reason="only root makes device files")
def test_a_block_device_is_refused(tmp_path):
    device = tmp_path / "disk"
    os.mknod(device, 0o600 | stat.S_IFBLK, os.makedev(7, 200))
    with pytest.raises(UsageError, match="it is a special file"):
        with writing(device):
            pass
    assert stat.S_ISBLK(os.lstat(device).st_mode)


def test_a_link_stays_a_link_and_its_file_is_replaced_whole(tmp_path):
    real = tmp_path / "report.txt"
    real.write_text("old\n")
    os.chmod(real, 0o644)
    other = tmp_path / "hard.txt"
    os.link(real, other)
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    with writing(link) as out:
        out.write(b"new\n")
    assert link.is_symlink() and real.read_text() == "new\n"
    assert stat.S_IMODE(real.stat().st_mode) == 0o600  # a file trustdose just made
    assert other.read_text() == "old\n" and stat.S_IMODE(other.stat().st_mode) == 0o644


def test_the_output_has_no_name_until_it_is_complete_and_a_failure_leaves_nothing(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("the good file from before\n")
    with pytest.raises(RuntimeError):
        with writing(target) as out:
            out.write(b"half")
            if hasattr(os, "O_TMPFILE"):
                assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]
            raise RuntimeError
    assert target.read_text() == "the good file from before\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


def test_a_killed_runs_leftovers_are_cleaned_only_when_they_are_stale(tmp_path):
    old = time.time() - 3600

    def leftover(name: str, when: float = old):
        path = tmp_path / name
        path.write_text("personal data")
        os.utime(path, (when, when))
        return path

    stale = leftover(TEMP_PREFIX + "0123456789abcdef.tmp")
    older_version = leftover(TEMP_PREFIX + "k3p_46x8")
    held = leftover(TEMP_PREFIX + "fedcba9876543210.tmp")
    newer = leftover(TEMP_PREFIX + "00000000000000ff.tmp", time.time() + 3600)
    not_ours = leftover(TEMP_PREFIX + "notes.txt")
    linked = leftover(TEMP_PREFIX + "1111111111111111.tmp")
    os.link(linked, tmp_path / "kept-elsewhere")
    with open(held, "rb"):  # a run still writing holds its file open
        with writing(tmp_path / "out.txt") as out:
            out.write(b"x")
    assert not stale.exists() and not older_version.exists()
    assert held.exists() and newer.exists() and not_ours.exists() and linked.exists()


def test_a_folder_is_made_owner_only_and_an_existing_one_is_left_alone(tmp_path):
    old = os.umask(0)
    try:
        existing = tmp_path / "shared"
        existing.mkdir(mode=0o755)
        os.chmod(existing, 0o755)
        private_folder(existing / "a" / "b")
    finally:
        os.umask(old)
    assert stat.S_IMODE(existing.stat().st_mode) == 0o755
    assert stat.S_IMODE((existing / "a").stat().st_mode) == 0o700
    assert stat.S_IMODE((existing / "a" / "b").stat().st_mode) == 0o700


def test_an_output_that_is_an_input_is_refused_through_links(tmp_path):
    data = tmp_path / "in.csv"
    data.write_text("x")
    (tmp_path / "link.csv").symlink_to(data)
    os.link(data, tmp_path / "hard.csv")
    for name in ("in.csv", "link.csv", "hard.csv"):
        with pytest.raises(UsageError, match="is also an input"):
            check_distinct([("--output", tmp_path / name)], [("INPUT", data)])
    with pytest.raises(UsageError, match="is also an input"):  # an input folder's file
        check_distinct([("--errors", data)], [("INPUT", tmp_path)])
    with pytest.raises(UsageError, match="are the same file"):  # not made yet, one name
        check_distinct([("--output", tmp_path / "new"), ("--errors", tmp_path / "." / "new")], [])
    check_distinct([("--output", tmp_path / "a"), ("--errors", tmp_path / "b")],
                   [("INPUT", data)])
    master, slave = os.openpty()  # a device is written through: twice is fine
    try:
        name = os.ttyname(slave)
        check_distinct([("--output", name), ("--errors", name)], [])
    finally:
        os.close(master)
        os.close(slave)


def test_batch_and_assess_refuse_an_output_that_is_an_input_before_reading(tmp_path):
    cases = tmp_path / "in.csv"
    cases.write_bytes((EXAMPLES / "batch" / "workshop.csv").read_bytes())
    case = tmp_path / "case.yaml"
    case.write_bytes((EXAMPLES / "new-employee.yaml").read_bytes())
    (tmp_path / "link.yaml").symlink_to(case)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    for args, said in [
            (["batch", str(cases), "-o", str(cases)], "--output"),
            (["batch", str(cases), "--errors", str(cases)], "--errors"),
            (["batch", str(cases), "-o", str(tmp_path / "X"), "--errors",
              str(tmp_path / "X")], "--output and --errors are the same file"),
            (["assess", str(case), "-o", str(case)], "--output"),
            (["assess", str(tmp_path / "link.yaml"), "-o", str(case)], "--output"),
            (["assess", str(case), "-o", str(tmp_path / "j.sqlite3"), "--db",
              str(tmp_path / "j.sqlite3")], None),
            (["batch", str(cases), "-o", str(tmp_path)], "it is a folder"),
            (["batch", str(cases), "--errors", str(tmp_path)], "it is a folder")]:
        if said is None:  # the journal is an input too, once it exists
            (tmp_path / "j.sqlite3").write_bytes(b"")
            before["j.sqlite3"] = b""
            said = "is also an input"
        done = run(*args)
        assert done.returncode == 2 and said in done.stderr, (args, done.stderr)
        assert "nothing was read" in done.stderr or "folder" in done.stderr
        assert "rejected" not in done.stderr
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before
    assert output.CLOSED == set()


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
@pytest.mark.parametrize("args", [["assess", str(EXAMPLES / "new-employee.yaml")],
                                  ["assess", str(EXAMPLES / "new-employee.yaml"),
                                   "--format", "agreement"],
                                  ["batch", str(EXAMPLES / "batch" / "workshop.csv")]])
def test_a_full_device_as_output_is_a_clear_error(args):
    done = run(*args, "-o", "/dev/full")
    assert done.returncode == 2, done.stderr
    assert "/dev/full: cannot write it: the disk is full" in done.stderr
    assert "free some space" in done.stderr


def test_no_output_replaces_an_input_in_force_from_wherever_it_came(tmp_path):
    """Rule files from the config file, TRUSTDOSE_RULES and the defaults, the config file
    itself and the journal are inputs as the case is: refused by identity (a link, a hard
    link), for assess -o, batch -o and --errors, and journal export -o alike."""
    from trustdose.rules.ruleset import default_rules_dir
    org, env_org = tmp_path / "org", tmp_path / "env-org"
    for folder in (org, env_org):
        folder.mkdir()
        (folder / "m.yaml").write_text("measures: []\n", encoding="utf-8")
    config = tmp_path / "config.yaml"
    config.write_text(f"rules: [{org}]\n", encoding="utf-8")
    journal = tmp_path / "j.sqlite3"
    journal.write_bytes(b"")
    os.link(env_org / "m.yaml", tmp_path / "hard.yaml")
    (tmp_path / "link.yaml").symlink_to(config)
    default = next(default_rules_dir().glob("*.yaml"))
    env = {"TRUSTDOSE_CONFIG": str(config), "TRUSTDOSE_RULES": str(env_org),
           "TRUSTDOSE_DB": str(journal)}
    files = [org / "m.yaml", env_org / "m.yaml", config, journal, default]
    before = {p: p.read_bytes() for p in files}
    good, csv_in = str(EXAMPLES / "routine-ordering.yaml"), str(EXAMPLES / "batch" / "workshop.csv")
    for args, said in [
            (["assess", good, "-o", str(org / "m.yaml")], "rules listed in your config file"),
            (["assess", good, "-o", str(tmp_path / "link.yaml")], "your config file"),
            (["assess", good, "-o", str(default)], "the default rules"),
            (["batch", csv_in, "--errors", str(tmp_path / "hard.yaml")], "TRUSTDOSE_RULES"),
            (["batch", csv_in, "-o", str(journal)], "the journal"),
            (["journal", "export", "-o", str(config)], "your config file"),
            (["journal", "export", "-o", str(org / "m.yaml")], "in your config file")]:
        done = run(*args, env=env)
        assert done.returncode == 2, (args, done.stderr)
        assert "is also an input" in done.stderr and said in done.stderr, (args, done.stderr)
    assert {p: p.read_bytes() for p in files} == before


def test_a_fifo_no_program_reads_is_refused_at_once(tmp_path):
    """Opening a FIFO to write waits for a reader: no reader, no wait (the alarm turns a
    wait into this test's failure instead of a hung suite)."""
    import signal

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)

    def hung(signum, frame):
        raise AssertionError("waited for a reader")
    before = signal.signal(signal.SIGALRM, hung)
    signal.alarm(20)
    try:
        with pytest.raises(UsageError, match="no program is reading from this pipe"):
            with writing(fifo) as out:
                out.write(b"lost\n")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, before)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.parametrize("side", ["-wal", "-shm", "-journal"])
def test_the_files_sqlite_keeps_beside_the_journal_are_the_journal_too(tmp_path, side):
    """A report written onto the journal's -wal (or -shm, -journal) would be read by
    SQLite as part of the journal: refused as the journal is, there or to come, for --db,
    TRUSTDOSE_DB and the default journal alike."""
    good = str(EXAMPLES / "routine-ordering.yaml")
    home = tmp_path / "home"
    default = home / ".local" / "share" / "trustdose" / "journal.sqlite3"
    default.parent.mkdir(parents=True)
    given = tmp_path / "j.sqlite3"
    Path(f"{given}{side}").write_bytes(b"")  # one there, the other to come
    for args, env, said in [
            (["assess", good, "--db", str(given), "-o", f"{given}{side}"], {}, "--db"),
            (["journal", "export", "-o", f"{given}{side}"], {"TRUSTDOSE_DB": str(given)},
             "the journal"),
            (["assess", good, "-o", f"{default}{side}"], {}, "the journal")]:
        done = run(*args, env={"HOME": str(home), "TRUSTDOSE_DB": None, "XDG_DATA_HOME": None,
                               **env})
        assert done.returncode == 2, (args, done.stderr)
        assert f"is also an input ({said}: " in done.stderr, (args, done.stderr)
    assert [p.name for p in tmp_path.iterdir() if p.is_file()] == [f"j.sqlite3{side}"]
    assert not list(default.parent.iterdir())


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="no ulimit -f")
def test_the_file_size_limit_is_said_as_it_is(tmp_path):
    import resource
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (1024, hard))  # Python ignores SIGXFSZ
    try:
        with pytest.raises(UsageError) as raised:
            output.write_atomic(tmp_path / "big.md", "x" * 5000)
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
    assert "big.md: cannot write it: the file size limit (ulimit -f) was reached" in str(
        raised.value)
    assert "raise the limit (ulimit -f)" in raised.value.hint
    assert "folder exists" not in raised.value.hint
    assert list(tmp_path.iterdir()) == []
