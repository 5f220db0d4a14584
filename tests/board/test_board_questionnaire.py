"""`trustdose board` in a terminal without a file: the questionnaire builds the board
(the shared answers once, then area by area), keeps it as a board file before it is
shown (never over a file), and the file reads back to the same board."""

from __future__ import annotations

import os

import pexpect
import yaml

from helpers import run, terminal


def test_the_questionnaire_builds_a_board_and_keeps_it(tmp_path):
    (tmp_path / "board.yaml").write_text("someone's board\n", encoding="utf-8")
    env = {**os.environ, "COLUMNS": "100", "LINES": "40", "TERM": "xterm", "NO_COLOR": "1"}
    child = terminal("board", cwd=tmp_path, env=env)
    child.expect("Who is the board for")
    for answer in ["Weekend team", "t", "n"]:
        child.sendline(answer)
        child.expect(r"\(\d+\) ")
    for _ in range(12):  # competence, intention, resources: the board's, once
        child.sendline("4")
        child.expect(r"\(\d+\) ")
    areas = [("Rerouting the weekend round", ["1", "", "1", "1", "1", "1", "7", ""]),
             ("First visit to a new citizen", ["2", "", "3", "3", "2", "2", "5", "1=3"])]
    for n, (title, answers) in enumerate(areas):
        if n:
            child.expect("Decision area 2")
        child.sendline(title)
        for k, answer in enumerate(answers):
            child.expect(r"\(\d+\) |Type its number")
            if k == len(answers) - 1:  # the numbers the answer names, listed under it
                child.expect_exact("The questions: 1 Professional skills · 2 Working with")
            child.sendline(answer)
        child.expect_exact("Add another decision area?")
        child.send("y" if n == 0 else "n")
    child.expect("The board is in board-2.yaml")
    child.expect("Delegation board for Weekend team")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert (tmp_path / "board.yaml").read_text(encoding="utf-8") == "someone's board\n"
    data = yaml.safe_load((tmp_path / "board-2.yaml").read_text(encoding="utf-8"))
    assert data["subject"] == {"name": "Weekend team", "kind": "team", "new_in_role": False}
    assert [a["title"] for a in data["areas"]] == [t for t, _a in areas]
    assert data["areas"][1]["competence"] == {"professional": 3}
    assert data["areas"][0]["agreed_level"] == 7
    again = run("board", str(tmp_path / "board-2.yaml"), "-f", "json")
    assert again.returncode == 0, again.stderr


def test_without_a_file_or_a_terminal_the_board_is_refused():
    result = run("board")
    assert result.returncode == 2
    assert "no board file given, and no terminal to ask the questions in" in result.stderr


def test_ctrl_c_keeps_what_was_answered(tmp_path):
    env = {**os.environ, "COLUMNS": "100", "LINES": "40", "TERM": "xterm", "NO_COLOR": "1"}
    child = terminal("board", cwd=tmp_path, env=env)
    child.expect("Who is the board for")
    for answer in ["Day team", "t", "n", "4"]:
        child.sendline(answer)
        child.expect(r"\(\d+\) ")
    # the Ctrl-C lands in the read, never before it
    child.interrupt("what you answered is kept in board.yaml")
    assert child.exitstatus == 130
    kept = yaml.safe_load((tmp_path / "board.yaml").read_text(encoding="utf-8"))
    assert kept["subject"]["name"] == "Day team" and kept["competence"] == {"professional": 4}
