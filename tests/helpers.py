"""What the tests share: the repository's folders, case builders, and running the
`trustdose` command in-process (as typer's CliRunner does) or, where a real process is
needed (a terminal, signals, worker processes, the installed script), as one."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import NamedTuple

import pexpect

ROOT = Path(__file__).parents[1]
EXAMPLES = ROOT / "examples"


# a Chromium to draw a page in, by the names distributions give it (Debian's headless
# shell draws and dumps as the browser does)
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "chromium-headless-shell")


def browser_drawn(page: Path, shot: Path, size: str = "1280,900", anchor: str = "") -> str:
    """The DOM of `page` after a headless Chromium drew it (and ran its script), at `size`
    pixels, its screenshot in `shot`; the test is skipped where there is no Chromium."""
    import shutil

    import pytest
    found = next((shutil.which(n) for n in BROWSERS if shutil.which(n)), None)
    if found is None:
        pytest.skip("no Chromium to draw the page in (" + ", ".join(BROWSERS) + ")")
    return subprocess.run(
        [found, "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", f"--user-data-dir={shot.parent / 'profile'}", f"--screenshot={shot}",
         "--dump-dom", f"--window-size={size}", page.as_uri() + anchor],
        capture_output=True, text=True, timeout=90).stdout


def make_case(c=3, i=3, r=3, risk=3, **extra):
    case = {"subject": {"name": "Kim"}, "task": {"title": "Plan the rota"},
            "competence": c, "intention": i, "resources": r, "risk": risk}
    case.update(extra)
    return case


class Result(NamedTuple):
    returncode: int
    stdout: str
    stderr: str


def run(*args: str, input: str | bytes | None = None, env: dict | None = None,
        cwd: Path | None = None) -> Result:
    """Run `trustdose ARGS` in this process, as a user would without a terminal (stdin,
    stdout and stderr are not terminals); the environment, the folder, the language and
    the workplace's country are as they were afterwards."""
    from typer.testing import CliRunner

    from trustdose import i18n
    from trustdose.cli.app import COMPLETE_VAR, build
    from trustdose.cli.common import run as run_cli
    from trustdose.cli.language import take_lang
    from trustdose.engine import workdays

    saved_env, saved_cwd, saved_lang = dict(os.environ), os.getcwd(), i18n.current()
    saved_country = workdays.country_for("en")  # the one set (English has none of its own)
    changes = {"NO_COLOR": None, **(env or {})}
    try:
        os.chdir(cwd or ROOT)
        with CliRunner().isolation(input=input, env=changes) as (out, err, _both):
            # the command tree as `trustdose` builds it (cli.app.main): the command named
            # alone, the whole tree otherwise (the whole tree for each run was a third of
            # an in-process run's time: typer reads every command's signature again)
            named = take_lang(list(args))[1][:1] if COMPLETE_VAR not in os.environ else []
            code = run_cli(build(named[0] if named else None), list(args))
            sys.stdout.flush()
            sys.stderr.flush()
            return Result(code, out.getvalue().decode("utf-8", "replace"),
                          err.getvalue().decode("utf-8", "replace"))
    finally:
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
        i18n.set_language(saved_lang)
        workdays.set_country(saved_country)


def run_process(*args: str, input: str | None = None, env: dict | None = None,
                cwd: Path | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    """Run `python -m trustdose ARGS` as its own process, without a terminal."""
    full_env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "trustdose", *args], input=input,
                          capture_output=True, text=True, env=full_env, cwd=cwd or ROOT,
                          timeout=timeout)


# One interpreter that imports once, then forks a process for each run: the runs are
# processes of their own (each its own connections and files), released together
_RACE = """
import json, os, sys, traceback
{prepare}
runs, folder = json.loads(sys.argv[1]), sys.argv[2]
gate, release = os.pipe()
children = []
for n, argv in enumerate(runs):
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            os.close(release)
            out = os.open(os.devnull, os.O_WRONLY)
            err = os.open(os.path.join(folder, f"{{n}}.err"), os.O_WRONLY | os.O_CREAT, 0o600)
            os.dup2(out, 1)
            os.dup2(err, 2)
            os.read(gate, 1)  # until the gate's other end is closed: all go together
            sys.argv = ["trustdose", *argv]
            try:
{body}
            except SystemExit as done:
                code = done.code
            sys.stdout.flush()
            sys.stderr.flush()
        except BaseException:
            traceback.print_exc()
        finally:
            os._exit(code if isinstance(code, int) else 1)
    children.append(pid)
print("ready", flush=True)
sys.stdin.readline()
os.close(release)
print(json.dumps([os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) for pid in children]))
"""


def race(prepare: str, body: str, runs: list[list[str]], folder: Path,
         ready=lambda: None) -> list[tuple[int, str]]:
    """Run `body` (which sets `code`, or exits) in one process for each argument list of
    `runs`, all forked from one interpreter after `prepare` (imports, rules) and released
    at once after `ready()`: what each exited with and wrote to stderr. Racing processes
    need a process each, not an interpreter start each."""
    import json
    import textwrap

    script = _RACE.format(prepare=prepare, body=textwrap.indent(body, " " * 16))
    racers = subprocess.Popen([sys.executable, "-c", script, json.dumps(runs), str(folder)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                              cwd=ROOT)
    assert racers.stdout.readline().strip() == "ready"  # every one forked: then go
    ready()
    out, _ = racers.communicate("go\n", timeout=120)
    assert racers.returncode == 0
    return [(code, (folder / f"{n}.err").read_text(encoding="utf-8"))
            for n, code in enumerate(json.loads(out))]


def wait_for(condition, what: str, deadline: float = 60) -> None:
    """Wait until `condition()` holds (checked every few milliseconds), or fail: tests
    synchronise on states, never on a sleep of a guessed length."""
    import pytest
    end = time.monotonic() + deadline
    while not condition():
        if time.monotonic() > end:
            pytest.fail(f"waited {deadline} s for {what}")
        time.sleep(0.005)


class BrokenReview:
    """A journal (`api.TrackRecord`) whose one review found the subject's delegation at
    `level` broken, set closer follow-up at `temporary` from `reviewed` until `until`."""

    def __init__(self, level: int, temporary: int, causes=("competence", "resources"),
                 reviewed=None, until=None) -> None:
        import datetime as dt

        from trustdose.model.track import LastReview, Track
        reviewed = reviewed or dt.date(2026, 12, 6)
        review = LastReview(reviewed, "broken", tuple(causes), level, temporary,
                            until or dt.date(2027, 1, 17))
        self.held = Track("j.sqlite3", reviewed - dt.timedelta(days=30), level, "a task",
                          review)

    def track(self, subject: str):
        return self.held


def as_a_shell_starts_it() -> None:
    """In a terminal test's child, before it starts: Ctrl-C heard as by a shell's job (the
    default disposition, no signal blocked), whatever state the test runner's process
    would hand down; trustdose's own handling is what the test is about."""
    import signal
    signal.pthread_sigmask(signal.SIG_SETMASK, [])
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def waiting_for_input(pid: int) -> bool:
    """Whether the process sleeps in the kernel (Linux): after its prompt is shown, that is
    the read of the answer. A Ctrl-C sent sooner, while it is still on its way to the
    read, can be lost: Python's handler only notes the signal, and a read that starts
    after the last check of that note blocks (a rare hang of the Ctrl-C tests on a busy
    machine)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True  # no /proc: as before, the Ctrl-C is sent at the prompt
    return stat.rpartition(")")[2].split()[0] == "S"


def terminal(*args: str, env: dict | None = None, cwd: Path | str = ROOT, timeout: float = 60,
             dimensions: tuple[int, int] = (40, 100), shell: bool = False):
    """`trustdose ARGS` in a terminal of its own (pexpect), whose input is sent only once
    the program reads it (`Terminal`). With `shell`, Ctrl-C is heard as under a shell."""
    return Terminal(sys.executable, ["-m", "trustdose", *args], cwd=str(cwd),
                    env=os.environ if env is None else env, encoding="utf-8",
                    timeout=timeout, dimensions=dimensions,
                    preexec_fn=as_a_shell_starts_it if shell else None)


class Terminal(pexpect.spawn):
    """A terminal that sends what is typed once the program waits for it, instead of
    pexpect's 50 ms pause before each send: a key typed too soon is dropped when the
    program puts its terminal into key-by-key mode (the mode change flushes input), and a
    guessed pause is both slow and, on a busy machine, sometimes too short."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.delaybeforesend = None

    def send(self, s):
        wait_for(lambda: reading_or_gone(self.pid), "the program to read its input")
        return super().send(s)

    def sendline(self, s=""):
        return self.send(s + self.linesep)  # one write: a line is one answer

    def interrupt(self, said: str) -> None:
        """Ctrl-C once the program waits for an answer (sent sooner, it can be lost on
        its way to the read: `waiting_for_input`), then `said` and the end of the run."""
        wait_for(lambda: waiting_for_input(self.pid), "the program to wait for its answer")
        self.sendintr()
        self.expect(said)
        self.expect(pexpect.EOF)
        self.close()

    def close(self, force=True):
        if not self.isalive():  # ended already: no pause for the kernel to note it
            self.ptyproc.delayafterclose = 0
        return super().close(force)


def reading_or_gone(pid: int) -> bool:
    """Whether the process waits for input (`waiting_for_input`) or has ended."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rpartition(")")[2].split()[0] in ("S", "Z", "X")


def signals_of(pid: int) -> str:
    """A process's state and signal masks (Linux), to say why it did not answer Ctrl-C."""
    try:
        status = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return "(no /proc status)"
    return "; ".join(line for line in status if line.startswith(
        ("State", "SigPnd", "ShdPnd", "SigBlk", "SigIgn", "SigCgt")))


def template_example(book) -> list:
    """The example's value of each column of the cases sheet, from the columns sheet (the
    example stands there only: the cases sheet holds none to be assessed by mistake)."""
    header = [cell.value for cell in book.worksheets[0][1]]
    said = {row[0]: row[2] for row in book.worksheets[1].iter_rows(values_only=True)
            if row and row[0] in header}
    return [said[word] if said[word] is not None else "" for word in header]
