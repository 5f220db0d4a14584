"""Hostile case and rule files end in a clear problem at their place, in bounded time
and memory: alias bombs, deep nesting, huge numbers, impossible dates, special files,
dangling links and bytes that are not UTF-8."""

from __future__ import annotations

import os

import pytest

from trustdose.io.source import (MAX_DEPTH, MAX_DIGITS, MAX_VALUES, SourceError, parse_text,
                                 read_file)

CASE = "subject: {name: A}\ntask: {title: T}\nintention: 3\nresources: 3\nrisk: 3\n"


def problem(text: str, name: str = "case.yaml"):
    with pytest.raises(SourceError) as raised:
        parse_text(text, name)
    return raised.value.problem


def test_an_alias_bomb_stops_at_the_limit_of_values():
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for n, name in enumerate("bcdefgh"):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{'abcdefg'[n]}"] * 9) + "]")
    found = problem("\n".join(lines) + "\n")
    assert f"{MAX_VALUES:,}" in found.message and found.line is not None


@pytest.mark.parametrize("text", ["a: " + "[" * 100 + "]" * 100 + "\n", "a: &a [*a]\n",
                                  '{"a": ' + "[" * 5000 + "]" * 5000 + "}"])
def test_nesting_deeper_than_the_limit_is_a_problem(text):
    found = problem(text, "case.json" if text.startswith("{") else "case.yaml")
    assert str(MAX_DEPTH) in found.message or "nesting" in found.message


@pytest.mark.parametrize("name, text", [
    ("case.yaml", CASE + "competence: " + "9" * 5000 + "\n"),
    ("case.json", '{"competence": ' + "9" * 5000 + "}"),
])
def test_a_number_of_thousands_of_digits_is_a_problem_at_its_place(name, text):
    found = problem(text, name)
    assert f"more than {MAX_DIGITS} digits" in found.message and found.line is not None


def test_an_impossible_date_is_named_at_its_place():
    found = problem(CASE + "competence: 3\ndate: 2026-13-01\n")
    assert (found.line, found.col) == (7, 7) and "2026-13-01" in found.message


def test_special_files_and_dangling_links_are_never_opened_blindly(tmp_path):
    os.mkfifo(tmp_path / "fifo.yaml")  # opening it to read would wait for a writer
    (tmp_path / "zero.yaml").symlink_to("/dev/zero")  # would never end
    (tmp_path / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")
    for name, said in [("fifo.yaml", "not a regular file"), ("zero.yaml", "not a regular file"),
                       ("gone.yaml", "which does not exist")]:
        with pytest.raises(SourceError) as raised:
            read_file(tmp_path / name)
        assert said in raised.value.problem.message


def test_a_file_too_large_is_refused_before_it_is_parsed(tmp_path, monkeypatch):
    from trustdose.io import source
    monkeypatch.setattr(source, "MAX_BYTES", 1024)
    big = tmp_path / "big.yaml"
    big.write_text(CASE + "# " + "x" * 2000 + "\n")
    with pytest.raises(SourceError) as raised:
        read_file(big)
    assert "larger than" in raised.value.problem.message


def test_bytes_that_are_not_utf8_are_named_at_their_line_and_column(tmp_path):
    latin1 = tmp_path / "latin1.yaml"
    latin1.write_bytes("subject:\n  name: Jørgen\n".encode("latin-1"))
    with pytest.raises(SourceError) as raised:
        read_file(latin1)
    found = raised.value.problem
    assert (found.line, found.col) == (2, 10) and "0xf8" in found.message
