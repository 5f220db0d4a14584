"""The summary and the other messages of a batch, as a person reads them in a terminal:
wrapped at its width only between words (a line the terminal wraps itself breaks inside
one: "symbo"/"lsk"), and as they are when stderr is not a terminal."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from hypothesis import given, strategies as st

from trustdose.cli.batch import wrapped

from helpers import EXAMPLES, ROOT, run

WORKSHOP = str(EXAMPLES / "batch" / "workshop.csv")

words = st.lists(st.text(st.characters(whitelist_categories=("L", "N", "P")), min_size=1,
                         max_size=30), min_size=1, max_size=40)


@given(words, st.integers(0, 4), st.integers(10, 120))
def test_a_message_wraps_only_between_words(pieces, indent, width):
    message = " " * indent + " ".join(pieces)
    lines = wrapped(message, width).split("\n")
    assert " ".join(lines).split() == pieces  # every word, whole and in order
    for line in lines:
        assert len(line) <= width or len(line.split()) == 1, (line, width)
    assert lines[0].startswith(" " * indent)
    assert all(line.startswith(" " * (indent + 2)) for line in lines[1:])


@pytest.mark.parametrize("lang", ["en", "da", "nb", "sv"])
def test_the_summary_splits_no_word_at_60_80_and_100_columns(lang):
    said = run("batch", WORKSHOP, "--summary-only", "--lang", lang).stdout
    summary = said.splitlines()
    assert len(summary) == 8 and "(symbolic-involvement)" not in said  # labels, not ids
    for width in (60, 80, 100):
        for line in summary:
            lines = wrapped(line, width).split("\n")
            assert all(len(piece) <= width for piece in lines), (lang, width)
            assert " ".join(lines).split() == line.split(), (lang, width)


def test_piped_the_messages_are_as_they_were():
    said = run("batch", WORKSHOP, "--lang", "nb").stderr.splitlines()
    assert any(len(line) > 200 for line in said)  # one line a message: for a log


@pytest.mark.process
@pytest.mark.skipif(sys.platform != "linux", reason="a pseudo-terminal")
def test_in_a_terminal_the_summary_wraps_at_its_width():
    import pty
    parent, child = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    with subprocess.Popen([sys.executable, "-m", "trustdose", "--lang", "nb", "batch",
                           WORKSHOP], stdout=subprocess.DEVNULL,
                          stderr=child, cwd=ROOT, env={**env, "COLUMNS": "60"}) as process:
        os.close(child)
        said = b""
        while True:
            try:
                chunk = os.read(parent, 4096)
            except OSError:  # the other end closed: all of it is read
                break
            if not chunk:
                break
            said += chunk
    os.close(parent)
    assert process.returncode == 1
    lines = said.decode().replace("\r\n", "\n").splitlines()
    assert lines and all(len(line) <= 60 for line in lines)
    assert any("symbolsk" in line.split() or "symbolsk" in line for line in lines)
