"""The machinery of the hostile-input corpus (tests/test_hostile_corpus.py): a probe is one
run of `python -m trustdose` as its own process, in a scratch folder of its own, with a
deadline; what it must not do is checked after every run. The probes run two at a time,
most of them forked from a warm interpreter (tests/zygote.py), those about the
interpreter's own start from a cold one."""

from __future__ import annotations

import hashlib
import os
import pty
import select
import shutil
import signal
import stat
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from helpers import ROOT
from warm import Zygotes

DEADLINE = 20.0  # seconds for one run, however hostile its input
MEMORY = 2 * 1024 ** 3  # address space for one run: a bomb ends in a message, not a swap storm


@dataclass
class Ran:
    code: int | None  # None: killed at the deadline
    stdout: bytes
    stderr: bytes
    seconds: float


@dataclass
class Probe:
    """One hostile run. In `args`, `env` values and `redirect`, `{d}` stands for the
    probe's scratch folder. `setup(d)` makes its files; `keep` names the files (relative to
    the folder, or absolute) that must be exactly as before; `check(ran, d)` returns what
    is wrong, or None."""
    id: str
    args: list[str]
    setup: Callable[[Path], None] | None = None
    stdin: bytes | None = None
    env: dict[str, str | None] = field(default_factory=dict)
    keep: tuple[str, ...] = ()
    codes: tuple[int, ...] = (0, 1, 2)
    check: Callable[[Ran, Path], str | None] | None = None
    redirect: str = ""  # shell redirections applied to the run, e.g. "<&-" or ">&-"
    tty: bool = False  # standard output is a terminal (a pty)
    deadline: float = DEADLINE
    umask: int | None = None  # the run's umask (the test's own otherwise)
    shell: str = ""  # shell commands before the run, e.g. "ulimit -f 16; trap '' XFSZ"
    wrap: str = ""  # a command the run is started through, e.g. setpriv
    xfail: str | None = None


def fingerprint(path: Path):
    """What must not change about a file: its kind, mode and owner, and for a link its
    target, for a regular file its bytes, for a device its numbers."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return None
    mark = (stat.S_IFMT(st.st_mode), stat.S_IMODE(st.st_mode), st.st_uid)
    if stat.S_ISLNK(st.st_mode):
        return mark + (os.readlink(path),)
    if stat.S_ISREG(st.st_mode):
        return mark + (hashlib.sha256(path.read_bytes()).hexdigest(),)
    if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode):
        return mark + (st.st_rdev,)
    if stat.S_ISDIR(st.st_mode):
        return mark + (tuple(sorted(os.listdir(path))),)
    return mark


def subst(text: str, d: Path) -> str:
    return text.replace("{d}", str(d))


def _read_pty(master: int, proc: subprocess.Popen, deadline: float) -> bytes:
    chunks = []
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the other side is closed
                break
            if not data:
                break
            chunks.append(data)
        elif proc.poll() is not None:
            break
    return b"".join(chunks)


def environment(probe: Probe, d: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env.update({"HOME": str(d / "home"), "XDG_CACHE_HOME": str(d / "home" / ".cache"),
                "XDG_DATA_HOME": str(d / "home" / ".local" / "share"),
                "XDG_CONFIG_HOME": str(d / "home" / ".config"),
                "TRUSTDOSE_DB": str(d / "journal.sqlite3")})
    for key, value in probe.env.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = subst(value, d)
    return env


def cold(probe: Probe, d: Path) -> bool:
    """Whether the probe is about the interpreter's own start (its locale and encoding,
    PYTHON* variables, standard streams a shell closed or redirected) or needs a shell or
    a wrapper (limits, other privileges), so that only a fresh interpreter shows it."""
    started = any(key.startswith(("PYTHON", "LC_", "LANG")) and key != "LANGUAGE"
                  for key in probe.env)
    return started or bool(probe.redirect or probe.shell or probe.wrap)


def execute(probe: Probe, d: Path, zygotes: Zygotes | None = None) -> Ran:
    if zygotes is not None and not cold(probe, d):
        request = {"args": [subst(a, d) for a in probe.args], "env": environment(probe, d),
                   "cwd": str(d / "cwd"), "umask": probe.umask, "memory": MEMORY}
        start = time.monotonic()
        code, out, err = zygotes.execute(request, probe.stdin, probe.tty, probe.deadline)
        return Ran(code, out, err, time.monotonic() - start)
    env = environment(probe, d)
    argv = [sys.executable, "-m", "trustdose", *(subst(a, d) for a in probe.args)]
    # the memory limit and the umask are set by a shell: a preexec_fn would make each
    # start a full fork() of this (large) process
    limits = f"ulimit -v {MEMORY // 1024}; "
    if probe.umask is not None:
        limits += f"umask {probe.umask:03o}; "
    limits += f"{probe.shell}; " if probe.shell else ""
    argv = ["sh", "-c", f'{limits}exec {probe.wrap} "$@" {subst(probe.redirect, d)}', "sh",
            *argv]
    stdin = subprocess.PIPE if probe.stdin is not None else subprocess.DEVNULL
    start = time.monotonic()
    master = slave = None
    if probe.tty:
        master, slave = pty.openpty()
    stdout = slave if probe.tty else subprocess.PIPE
    if ">" in probe.redirect and "2>" not in probe.redirect:
        stdout = subprocess.DEVNULL  # the shell replaces it anyway
    proc = subprocess.Popen(argv, stdin=stdin, stdout=stdout, stderr=subprocess.PIPE,
                            env=env, cwd=d / "cwd", start_new_session=True)
    try:
        if probe.tty:
            os.close(slave)
            if probe.stdin is not None:
                proc.stdin.write(probe.stdin)
                proc.stdin.close()
            out = _read_pty(master, proc, start + probe.deadline)
            remaining = max(0.1, start + probe.deadline - time.monotonic())
            err = proc.stderr.read() if proc.wait(timeout=remaining) is not None else b""
        else:
            out, err = proc.communicate(probe.stdin, timeout=probe.deadline)
        code = proc.returncode
    except subprocess.TimeoutExpired:
        out, err, code = b"", b"", None
    finally:
        if master is not None:
            os.close(master)
        try:  # the run and every process it started (batch workers)
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        if code is None:
            out, err = proc.communicate()
    return Ran(code, out or b"", err or b"", time.monotonic() - start)


def verdict(probe: Probe, ran: Ran, d: Path, before: dict) -> list[str]:
    """Everything that went wrong in one run."""
    wrong = []
    text = ran.stdout.decode("utf-8", "replace") + ran.stderr.decode("utf-8", "replace")
    if ran.code is None:
        wrong.append(f"still running after its deadline of {probe.deadline:.0f} s")
    elif ran.code == 70:
        wrong.append("exit 70 (internal error)")
    elif ran.code not in probe.codes:
        wrong.append(f"exit {ran.code}, expected one of {probe.codes}")
    if "Traceback" in text:
        wrong.append("a traceback")
    if b"internal error" in ran.stderr:
        wrong.append("'internal error' on stderr")
    for name, mark in before.items():
        now = fingerprint(Path(name))
        if now != mark:
            wrong.append(f"{name} changed: {mark} -> {now}")
    leftovers = [p.name for p in d.rglob(".trustdose-*")]
    if leftovers:
        wrong.append(f"left behind: {leftovers}")
    if probe.check and not wrong:
        problem = probe.check(ran, d)
        if problem:
            wrong.append(problem)
    if wrong:
        wrong.append(f"stderr: {ran.stderr[-600:]!r}")
    return wrong


def run_all(probes: list[Probe], scratch: Path, workers: int = 2) -> dict[str, list[str]]:
    """Run every probe, `workers` at a time; what went wrong in each, by id. (Two: the
    suite's two workers share two cores, and each zygote is the CPU of an interpreter's
    start and imports.)"""
    prepared = {}
    for probe in probes:
        d = scratch / probe.id
        (d / "cwd").mkdir(parents=True)
        (d / "home").mkdir()
        if probe.setup:
            probe.setup(d)
        keep = [Path(subst(k, d)) if k.startswith(("/", "{d}")) else d / k for k in probe.keep]
        prepared[probe.id] = (probe, d, {str(k): fingerprint(k) for k in keep})

    zygotes = Zygotes(workers)

    def one(item):
        probe, d, before = item
        try:
            ran = execute(probe, d, zygotes)
        except Exception as error:  # the harness itself: reported as the probe's failure
            return probe.id, [f"could not run: {error!r}"]
        return probe.id, verdict(probe, ran, d, before)

    try:
        with ThreadPoolExecutor(workers) as pool:
            results = dict(pool.map(one, prepared.values()))
    finally:
        zygotes.close()
    for _probe, d, _ in prepared.values():
        for p in d.rglob("*"):  # let pytest's tmp_path clean-up remove what the runs left
            try:
                if p.is_dir() and not p.is_symlink():
                    p.chmod(0o700)
            except OSError:
                pass
    return results


def remove(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


__all__ = ["Probe", "Ran", "run_all", "fingerprint", "ROOT", "DEADLINE"]
