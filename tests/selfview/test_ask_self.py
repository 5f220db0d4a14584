"""`trustdose ask --self` as an employee answers it in a terminal: the questions in their
own voice, a question per decision area for what differs there, and an answers file
that the board takes as it is; never over a file that exists, and never without a
terminal or without --self."""

from __future__ import annotations

import json
import os

import pexpect
import yaml

from helpers import EXAMPLES, run, terminal

BOARD = str(EXAMPLES / "boards" / "teacher-parent-messages.yaml")


def _spawn(tmp_path, *args):
    env = {**os.environ, "COLUMNS": "100", "LINES": "40", "TERM": "xterm", "NO_COLOR": "1"}
    return terminal(*args, cwd=tmp_path, env=env)


def test_an_employee_answers_and_the_board_compares_it(tmp_path):
    (tmp_path / "self-view.yaml").write_text("someone else's\n", encoding="utf-8")
    child = _spawn(tmp_path, "--lang", "da", "ask", "--self", BOARD)
    child.expect("Her svarer du ud fra dit eget syn")
    child.expect_exact("Har jeg de faglige kompetencer")  # the first, in the first person
    answers = ["5", "4", "2", "5", "5", "5", "4", "5", "1", "4", "4", "4"]
    child.sendline(answers[0])
    for answer in answers[1:]:
        child.expect(r"\(\d+\) ")
        child.sendline(answer)
    child.expect("Beslutningsområderne")
    child.expect_exact("Spørgsmålene: 1 Faglige kompetencer · 2 Samarbejde")
    child.sendline("")  # the first area: nothing differs
    child.expect("navngivet elev|named pupil")
    child.sendline("2=9")  # not an answer: asked again with what is allowed
    child.expect("Svar med et helt tal fra 1 til 5")
    child.sendline("2=5")
    child.expect(r"\(15\) ")
    child.sendline("")
    child.expect("Dine svar er gemt i self-view-2.yaml")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert (tmp_path / "self-view.yaml").read_text(encoding="utf-8") == "someone else's\n"
    written = tmp_path / "self-view-2.yaml"
    data = yaml.safe_load(written.read_text(encoding="utf-8"))
    assert data["view"] == "self" and data["subject"] == {"name": "Hannah", "kind": "person"}
    assert data["resources"]["time"] == 1
    assert data["areas"] == [{"title": "Messages to parents about a named pupil",
                              "competence": {"relational": 5}}]
    result = run("board", BOARD, "-f", "json", "--self", str(written))
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout)["self_view"]
    assert {"area": 1, "dimension": "competence", "indicator": "relational",
            "leader": 3.0, "self": 5.0} in seen["differences"]


def test_ask_needs_self_and_a_terminal(tmp_path):
    result = run("ask")
    assert result.returncode == 2 and "add --self" in result.stderr
    result = run("ask", "--self")  # stdin is no terminal here
    assert result.returncode == 2 and "no terminal to ask the questions in" in result.stderr
    assert not list(tmp_path.iterdir())


def test_what_is_wrong_is_said_before_the_first_question(tmp_path):
    taken = tmp_path / "mine.yaml"
    taken.write_text("another member's answers\n", encoding="utf-8")
    result = run("ask", "--self", "--team", "Weekendteamet", "-o", str(taken))
    assert result.returncode == 2 and "answers are never written over a file" in result.stderr
    assert taken.read_text(encoding="utf-8") == "another member's answers\n"
    result = run("ask", "--self", "--team", "   ")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "--team: its subject cannot be read" in result.stderr
    board = tmp_path / "board.yaml"
    board.write_text("subject: {name: Kim}\nareas:\n  - {title: Rota}\n  - {title: Rota}\n",
                     encoding="utf-8")
    result = run("ask", "--self", str(board))
    assert result.returncode == 2 and "two areas are titled 'Rota'" in result.stderr
    result = run("ask", "--self", "-o", str(tmp_path / "missing" / "x.yaml"))
    assert result.returncode == 2 and "the answers cannot be written there" in result.stderr
