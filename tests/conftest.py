"""Fixtures, and a clean environment: tests never touch the real user cache, config or
journal, and speak English unless a test asks for another language."""

from __future__ import annotations

import os
import shutil
import signal
import tempfile

import pytest

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


def pytest_collection_modifyitems(items):
    """The hostile corpus first: its one fixture runs every probe (the longest single run in
    the suite), so a worker starts on it while the other takes the rest; collected last,
    as its name sorts, it would run alone at the end. (Every worker collects alike, so the
    order is the same in each.)"""
    items.sort(key=lambda item: item.path.name != "test_hostile_corpus.py")
