"""Fixtures, and a clean environment: tests never touch the real user cache, config or
journal, and speak English unless a test asks for another language."""

from __future__ import annotations

import gc
import os
import shutil
import signal
import sys
import tempfile

import pytest

# Bytecode is written and read, as Python does by default, even where the environment says
# PYTHONDONTWRITEBYTECODE: the suite starts a hundred interpreters (the workers, the
# processes tests start), and without it each compiles every trustdose module it imports
# from source again (a fifth of a cold run's CPU; the workers' collection took 4.5 s of
# CPU instead of 1.7). Set here, before the workers start, so they and every process a
# test starts inherit it; the caches are __pycache__ folders, which git ignores.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
sys.dont_write_bytecode = False

# A shell that starts the suite in the background without job control has it ignore
# Ctrl-C, and every process a test starts would inherit that: the tests of Ctrl-C need
# it heard. (A handler of our own is not inherited; the default is.)
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

# set before trustdose is imported: every run starts with an empty cache, no config file,
# no TRUSTDOSE_RULES and no journal, whatever the machine has
_HOME = tempfile.mkdtemp(prefix="trustdose-tests-")
os.environ["TRUSTDOSE_CACHE_DIR"] = os.path.join(_HOME, "cache")
os.environ["TRUSTDOSE_CONFIG"] = os.path.join(_HOME, "none.yaml")
with open(os.environ["TRUSTDOSE_CONFIG"], "w", encoding="utf-8") as _empty:
    _empty.write("# the tests' configuration: none (a named file that is missing is an error)\n")
os.environ["TRUSTDOSE_DB"] = os.path.join(_HOME, "no-journal.sqlite3")
os.environ.pop("TRUSTDOSE_RULES", None)
os.environ.pop("TRUSTDOSE_WORKERS", None)
os.environ["TRUSTDOSE_LANG"] = "en"

import trustdose  # noqa: E402
from trustdose.rules.ruleset import default_rules_dir  # noqa: E402


@pytest.fixture(scope="session")
def rules():
    return trustdose.load_rules()


@pytest.fixture
def overlay(tmp_path):
    """Write rule files into a fresh overlay folder: overlay({"x.yaml": text})."""
    def write(files: dict[str, str]):
        folder = tmp_path / "org-rules"
        folder.mkdir(exist_ok=True)
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8")
        return folder
    return write


@pytest.fixture
def rules_copy(tmp_path):
    """A full copy of the default rules that a test may break (for --rules tests)."""
    folder = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), folder)
    return folder


# The longest test files, longest first (seconds of one worker, measured with
# `--durations` and per-file sums on two cores). xdist's loadfile hands a worker a whole
# file when it is nearly done, in collection order (`--no-loadscope-reorder`; by default it
# orders files by how many tests they hold, which put six-test files of ten seconds last):
# the long ones first, so the last files handed out are short ones and the two workers end
# together. A file missing here only runs later; its result is the same.
LONGEST = [
    "test_hostile_corpus.py",  # one fixture runs every probe, two processes at a time
    "batch/test_parallel.py", "test_i18n.py", "engine/test_invariants.py",
    "engine/test_compiled.py", "cli/test_terminal.py",
    "cli/test_rules.py", "cli/test_help.py", "proofs/test_combined.py",
    "proofs/test_unguarded.py", "proofs/test_findings.py", "io/test_cells.py",
    "cli/test_streams.py", "journal/test_store.py", "test_keep.py", "journal/test_safety.py",
    "test_injection.py",
    "journal/test_rows.py", "batch/test_hostile.py", "batch/test_fairness.py",
    "report/test_agreement_forms.py", "batch/test_history.py", "test_questionnaire.py",
    "rules/test_cache.py", "journal/test_review.py", "batch/test_run.py",
    "engine/test_follow_up.py", "board/test_board_questionnaire.py", "cli/test_stool.py",
    "leading/test_self_check.py", "board/test_board_exports.py", "cli/test_guides.py",
    "leading/test_frame.py",
]


def pytest_collection_modifyitems(items):
    """The longest files first, in the order of LONGEST, then the rest as collected. (Every
    worker collects alike, so the order is the same in each.)"""
    tests = os.path.dirname(__file__)
    rank = {name: at for at, name in enumerate(LONGEST)}

    def order(item):
        name = os.path.relpath(str(item.path), tests).replace(os.sep, "/")
        return rank.get(name, len(LONGEST))
    items.sort(key=order)

# The cyclic garbage collector less often: the suite makes millions of short-lived objects
# (hypothesis's examples, rule sets, reports) and few cycles, and with Python's default of a
# collection every 700 allocations it spent a tenth of the suite's CPU walking them (143 s
# of user time, 125 s with this). What is imported by now is never collected: frozen.
gc.freeze()
gc.set_threshold(50_000, 20, 20)
