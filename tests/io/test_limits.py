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


def billion_laughs(levels: int = 9) -> str:
    lines = ['l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n in range(1, levels + 1):
        lines.append(f"l{n}: &l{n} [" + ",".join([f"*l{n - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("before, after, said, where", [
    ("x: 1\nx: 2\n", "", "duplicate key 'x'", (2, 1)),  # a problem before the bomb
    ("", "x: 1\nx: 2\n", f"more than {MAX_VALUES:,} values", (1, 58)),  # and after it
    ("deep: " + "[" * 50 + "]" * 50 + "\n", "", "nested more than", (1, 47)),
    ("", "deep: " + "[" * 50 + "]" * 50 + "\n", f"more than {MAX_VALUES:,} values", (1, 58)),
])
def test_an_alias_bomb_is_refused_where_a_walk_of_its_values_would_stop(before, after, said,
                                                                         where):
    # refused without building 200,000 values, and yet the first problem in the file,
    # where a value-by-value walk meets it: the value 200,001 is a "lol" of the anchor
    found = problem(before + billion_laughs() + after)
    assert said in found.message and (found.line, found.col) == where


def test_a_refused_value_inside_an_anchor_is_named_before_the_limit():
    found = problem(billion_laughs().replace('"lol","lol"]', '"lol",!!int "3"]', 1))
    assert "!!int" in found.message and (found.line, found.col) == (1, 58)


def test_the_limit_of_values_is_met_at_the_value_that_goes_over(monkeypatch):
    from trustdose.io import source
    monkeypatch.setattr(source, "MAX_VALUES", 30)
    # 1 (the document) + 4 (a) + 1 (b) + 4 per use of a: the 7th use is value 31, and
    # an alias stands where its anchor does
    found = problem("a: &a [x, x, x]\nb: [*a, *a, *a, *a, *a, *a, *a, *a]\n")
    assert "more than 30 values" in found.message and (found.line, found.col) == (1, 4)
    # values 30 and 31 are the first two x of the last list
    found = problem("a: &a [x, x, x]\nb: [*a, *a, *a, *a, *a, *a, [x, x, x, *a]]\n")
    assert (found.line, found.col) == (2, 29)


def test_an_alias_inside_its_own_anchor_stands_for_values_without_end():
    from trustdose.io.aliases import expanded_sizes
    from trustdose.io.scalars import loader
    nodes = loader("a: &a [x, *a]\nb: &b [x, x]\n").get_single_node()
    sizes = expanded_sizes(nodes, 1000)
    assert sizes[id(nodes)] == 1001 and sizes[id(nodes.value[1][1])] == 3
