"""A batch stopped by Ctrl-C or SIGTERM while it writes a workbook or agreements (the harden
part of issue 22): exit 130 or 143, no traceback from openpyxl's half-written streams, and
the agreements already on disk said, not denied. The stop is a KeyboardInterrupt raised
in-process at a chosen row (what the signal handler raises), so it always lands while
the run writes."""

from __future__ import annotations

import gc
import re
import sys

import pytest

from helpers import run
from trustdose.batch import labelled


def cases(path, rows: int) -> None:
    lines = ["id;subject;task;competence;intention;resources;risk"]
    lines += [f"c{n};P{n};T;4;4;3;2" for n in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture
def ctrl_c_at(monkeypatch):
    """Ctrl-C as the run makes the sheet row of its `n`th case."""
    def at(n: int) -> None:
        made = labelled.sheet
        count = iter(range(n, 0, -1))

        def sheet(*args, **kwargs):
            if next(count, 0) == 1:
                raise KeyboardInterrupt
            return made(*args, **kwargs)
        monkeypatch.setattr(labelled, "sheet", sheet)
    return at


def test_a_workbook_stopped_halfway_says_no_traceback(tmp_path, ctrl_c_at, monkeypatch):
    given, target = tmp_path / "cases.csv", tmp_path / "out.xlsx"
    cases(given, 600)
    target.write_bytes(b"the good file from before")
    ctrl_c_at(450)  # after the first rows went into openpyxl's streams
    ignored = []
    monkeypatch.setattr(sys, "unraisablehook", ignored.append)
    result = run("batch", str(given), "-o", str(target))
    gc.collect()  # where openpyxl's streams, left open, said their tracebacks
    assert result.returncode == 130 and "nothing was saved" in result.stderr
    assert ignored == [] and target.read_bytes() == b"the good file from before"


def test_agreements_written_before_ctrl_c_are_said(tmp_path, ctrl_c_at):
    given, folder = tmp_path / "cases.csv", tmp_path / "ag"
    cases(given, 40)
    ctrl_c_at(25)
    result = run("batch", str(given), "--agreements", str(folder), "-o",
                 str(tmp_path / "r.xlsx"))
    written = len(list(folder.glob("*.md")))
    assert result.returncode == 130 and written == 25, result.stderr
    said = re.search(r"(\d+) agreements were written to (\S+)", result.stderr)
    assert said and int(said[1]) == written and said[2] == str(folder)
    assert "nothing was saved" not in result.stderr
