"""`board --self` and `assess --self` as a leader runs them: where the two views differ
said as questions, the level each view carries, a team's view only from three answers
and never one member's, and every bad answers file said at once with exit 2."""

from __future__ import annotations

import json
import re

import pytest

from helpers import EXAMPLES, run

BOARD = str(EXAMPLES / "boards" / "teacher-parent-messages.yaml")
TEAM_BOARD = str(EXAMPLES / "boards" / "hjemmepleje-weekendteam.yaml")
HANNAH = """view: self
subject: {name: Hannah}
competence: {professional: 5, relational: 4, personal: 2, experience: 5}
intention: {responsibility: 5, core-task: 5, agreements: 4, openness: 5}
resources: {time: 1, tools: 4, clarity: 4, support: 4}
areas:
  - title: Messages to parents about a named pupil
    competence: {relational: 5}
"""


def _file(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_the_board_asks_where_the_views_differ_two_steps_or_more(tmp_path):
    result = run("board", BOARD, "--self", _file(tmp_path, "h.yaml", HANNAH))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    section = out[out.index("Where we see it differently"):out.index("  1 Practical")]
    # the board's shared answers differ on self-leadership (4 against 2) and time (3/1)
    assert "Self-leadership: you 4, Hannah 2. What makes Hannah answer lower?" in section
    assert "Time: you 3, Hannah 1. What does Hannah miss in the frame?" in section
    # one area's own answer: said with the area's number and title
    assert re.search(r"2 Messages to parents about a named pupil · Working with others: "
                     r"you 3, Hannah\s+5", section)
    assert "Tools" not in section and "Professional" not in section  # within a step
    assert "^ the level Hannah's own answers carry" in out


def test_the_json_keeps_the_contract_and_adds_the_self_view(tmp_path):
    plain = json.loads(run("board", BOARD, "--format", "json").stdout)
    result = run("board", BOARD, "--format", "json", "--self",
                 _file(tmp_path, "h.yaml", HANNAH))
    made = json.loads(result.stdout)
    assert {k: v for k, v in made.items() if k != "self_view"} == plain
    seen = made["self_view"]
    assert seen["answers"] == 1 and seen["shown"] and not seen["team"]
    assert {"area": None, "dimension": "resources", "indicator": "time", "leader": 3.0,
            "self": 1.0} in seen["differences"]
    assert len(seen["levels"]) == 3 and all(lv["number"] in range(1, 8)
                                           for lv in seen["levels"])


def test_a_board_of_one_area_compares_as_assess_compares_its_case(tmp_path):
    """The property the board holds (one area is its case) holds with a self-view too."""
    board = _file(tmp_path, "one.yaml", """subject: {name: Hannah}
date: "2027-01-11"
competence: {professional: 5, relational: 3, personal: 4, experience: 5}
intention: {responsibility: 5, core-task: 5, agreements: 4, openness: 5}
resources: {time: 3, tools: 4, clarity: 4, support: 4}
areas:
  - title: Messages to parents about a named pupil
    risk: {impact: 3, reversibility: 3, novelty: 2, exposure: 3}
""")
    case = _file(tmp_path, "case.yaml", """subject: {name: Hannah}
date: "2027-01-11"
task: {title: Messages to parents about a named pupil}
competence: {professional: 5, relational: 3, personal: 4, experience: 5}
intention: {responsibility: 5, core-task: 5, agreements: 4, openness: 5}
resources: {time: 3, tools: 4, clarity: 4, support: 4}
risk: {impact: 3, reversibility: 3, novelty: 2, exposure: 3}
""")
    mine = _file(tmp_path, "h.yaml", HANNAH)
    on_board = json.loads(run("board", board, "-f", "json", "--self", mine).stdout)
    assessed = json.loads(run("assess", case, "-f", "json", "--self", mine).stdout)
    assert on_board["self_view"] == assessed["self_view"]
    assert on_board["self_view"]["differences"]  # a comparison that says something


def test_assess_writes_the_questions_after_the_report(tmp_path):
    case = str(EXAMPLES / "situations" / "teacher-parent-messages.yaml")
    anonymous = HANNAH.replace("subject: {name: Hannah}\n", "")  # a file without a name
    result = run("assess", case, "--self", _file(tmp_path, "h.yaml", anonymous))
    assert result.returncode == 0, result.stderr
    after = result.stdout[result.stdout.index("Where we see it differently"):]
    assert "Ms Carter's own answers carry" in after


def _member(tmp_path, n, time, professional):
    return _file(tmp_path, f"m{n}.yaml",
                 f"view: self\ncompetence: {{professional: {professional}}}\n"
                 f"intention: 4\nresources: {{time: {time}}}\n")


def test_a_team_of_two_never_shows_anything(tmp_path):
    folder = tmp_path / "answers"
    folder.mkdir()
    _member(folder, 1, 1, 2)
    _member(folder, 2, 5, 5)
    result = run("board", TEAM_BOARD, "--self", str(folder), "--format", "json")
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout)["self_view"]
    assert seen == {"answers": 2, "team": True, "shown": False, "differences": [],
                    "divided": [], "levels": [None] * 4}
    text = run("board", TEAM_BOARD, "--self", str(folder)).stdout
    assert "2 answers so far" in text and "nothing of it is shown" in text
    assert "^" not in text  # no level the two answers carry


def test_a_team_of_three_shows_the_middle_answer_never_one_members(tmp_path):
    files = [_member(tmp_path, 1, 1, 2), _member(tmp_path, 2, 2, 5),
             _member(tmp_path, 3, 5, 4)]
    result = run("board", TEAM_BOARD, "--format", "json",
                 *[arg for f in files for arg in ("--self", f)])
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout)["self_view"]
    assert seen["shown"] and seen["answers"] == 3
    time = [d for d in seen["differences"] if d["indicator"] == "time"]
    assert time == [{"area": None, "dimension": "resources", "indicator": "time",
                     "leader": 4.0, "self": 2.0}]  # the median of 1, 2, 5
    assert {d["indicator"]: d["median"] for d in seen["divided"]} == {"time": 2.0}
    shown = json.dumps(seen)
    assert '"self": 1.0' not in shown and '"self": 5.0' not in shown  # no one's own


@pytest.mark.parametrize("text,said", [
    ("subject: {name: Hannah}\n", "not a self-view answers file: it has no 'view: self'"),
    ("view: self\ncompetence: {profesional: 4}\n",
     "competence: 'profesional' is not one of its questions"),
    ("view: self\nsubject: {name: Jonas}\n",
     "this self-view is about Jonas; the answers it is compared with are about Hannah"),
    ("view: self\nareas:\n  - {title: Lunch duty}\n",
     "areas[0]: 'Lunch duty' is not a decision area of the board"),
    ("view: self\ncompetence: 9\n", "competence: 9 is out of range"),
])
def test_a_bad_answers_file_is_said_where_it_is_wrong(tmp_path, text, said):
    bad = _file(tmp_path, "bad.yaml", text)
    result = run("board", BOARD, "--self", bad)
    assert result.returncode == 2 and result.stdout == ""
    assert said in result.stderr and bad in result.stderr
    assert "Traceback" not in result.stderr


def test_every_bad_file_at_once_and_a_file_given_twice(tmp_path):
    one = _file(tmp_path, "one.yaml", "view: self\ncompetence: {profesional: 4}\n")
    two = _file(tmp_path, "two.yaml", "view: self\nintention: {openess: 4}\n")
    result = run("board", TEAM_BOARD, "--self", one, "--self", two, "--self", one)
    assert result.returncode == 2
    assert "one.yaml:2:14" in result.stderr and "two.yaml:2:13" in result.stderr
    assert "the same answers file is given twice" in result.stderr


def test_one_person_has_one_own_view(tmp_path):
    mine = _file(tmp_path, "a.yaml", HANNAH)
    again = _file(tmp_path, "b.yaml", HANNAH)
    result = run("board", BOARD, "--self", mine, "--self", again)
    assert result.returncode == 2
    assert "Hannah is one person: their own view is one answers file, and 2 are given" \
        in result.stderr


def test_an_empty_folder_and_the_output_over_an_answers_file_are_refused(tmp_path):
    (tmp_path / "empty").mkdir()
    result = run("board", BOARD, "--self", str(tmp_path / "empty"))
    assert result.returncode == 2 and "holds no answers file" in result.stderr
    mine = _file(tmp_path, "h.yaml", HANNAH)
    result = run("board", BOARD, "--self", mine, "-o", mine)
    assert result.returncode == 2
    assert (tmp_path / "h.yaml").read_text(encoding="utf-8") == HANNAH


def test_the_questions_in_danish(tmp_path):
    result = run("--lang", "da", "board", BOARD, "--self", _file(tmp_path, "h.yaml", HANNAH))
    assert result.returncode == 0, result.stderr
    assert "Hvor vi ser forskelligt på det: dine svar og svarene fra Hannah" in result.stdout
    assert "Tid: du 3, Hannah 1. Hvad mangler Hannah i rammen?" in result.stdout


def test_the_page_marks_the_level_the_self_view_carries_and_a_team_of_two_none(tmp_path):
    page = tmp_path / "board.html"
    result = run("board", BOARD, "--self", _file(tmp_path, "h.yaml", HANNAH), "-o", str(page))
    assert result.returncode == 0, result.stderr
    assert page.read_text(encoding="utf-8").count("\u25b2") >= 3  # the legend and each area
    folder = tmp_path / "two"
    folder.mkdir()
    _member(folder, 1, 1, 2)
    _member(folder, 2, 5, 5)
    result = run("board", TEAM_BOARD, "--self", str(folder), "-o", str(page))
    assert result.returncode == 0, result.stderr
    assert "\u25b2" not in page.read_text(encoding="utf-8")


def test_a_copied_answers_file_counts_once_so_two_answers_stay_hidden(tmp_path):
    """A hostile pass: two copies of one member's file made three 'answers' and showed
    that member's answers as the team's middle ones."""
    folder = tmp_path / "answers"
    folder.mkdir()
    first = _member(folder, 1, 1, 2)
    (folder / "m1-copy.yaml").write_bytes((folder / "m1.yaml").read_bytes())
    _member(folder, 2, 5, 5)
    result = run("board", TEAM_BOARD, "--self", str(folder), "-f", "json")
    assert result.returncode == 2 and result.stdout == ""
    assert "the same answers as" in result.stderr and "a copy counts once" in result.stderr
    assert "m1-copy.yaml" in result.stderr and first in result.stderr


def test_answers_that_say_nothing_are_not_read_as_agreement(tmp_path):
    empty = _file(tmp_path, "e.yaml", "view: self\n")
    result = run("board", BOARD, "--self", empty)
    assert result.returncode == 0, result.stderr
    assert "Hannah gave no answer, or was unsure of every question" in result.stdout
    assert "No big differences" not in result.stdout and "^" not in result.stdout


def test_an_area_given_twice_and_every_problem_at_once(tmp_path):
    twice = _file(tmp_path, "t.yaml", "view: self\nareas:\n"
                  "  - {title: Messages to parents about a named pupil}\n"
                  "  - {title: '  messages to parents about a named PUPIL '}\n")
    bad = _file(tmp_path, "b.yaml", "view: self\ncompetence: {profesional: 4}\n")
    result = run("board", TEAM_BOARD.replace("hjemmepleje-weekendteam", "teacher-parent-"
                                             "messages"), "--self", twice)
    assert result.returncode == 2 and "is given twice" in result.stderr
    both = run("board", BOARD, "--self", bad, "--self", _file(
        tmp_path, "u.yaml", "view: self\nareas:\n  - {title: Lunch duty}\n"))
    assert both.returncode == 2  # the shape of one file and the areas of another, at once
    assert "'profesional' is not one of its questions" in both.stderr
    assert "'Lunch duty' is not a decision area" in both.stderr


def test_an_output_in_the_answers_folder_is_refused(tmp_path):
    folder = tmp_path / "answers"
    folder.mkdir()
    (folder / "h.yaml").write_text(HANNAH, encoding="utf-8")
    result = run("board", BOARD, "--self", str(folder), "-o", str(folder / "out.json"))
    assert result.returncode == 2 and "where it would be read as an answer" in result.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["h.yaml"]
    result = run("board", BOARD, "--self", "-")  # standard input is never an answers file
    assert result.returncode == 2 and "give an answers file" in result.stderr
    # an unset $VAR is not the current folder (typer makes an empty path '.')
    for command in (("board", BOARD),
                    ("assess", str(EXAMPLES / "situations" / "teacher-parent-messages.yaml"))):
        result = run(*command, "--self", "", cwd=folder)
        assert result.returncode == 2 and "--self '': give an answers file" in result.stderr


def test_an_output_of_dash_is_standard_output(tmp_path):
    for command in (("board", BOARD), ("assess", str(EXAMPLES / "new-employee.yaml"))):
        result = run(*command, "-o", "-", "--format", "json", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout) and not (tmp_path / "-").exists()


def test_the_csv_carries_the_level_the_self_view_carries(tmp_path):
    import csv
    import io
    out = tmp_path / "board.csv"
    result = run("board", BOARD, "--self", _file(tmp_path, "h.yaml", HANNAH), "-o", str(out))
    assert result.returncode == 0, result.stderr
    table = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig")), delimiter=";"))
    assert table[0][-2:] == ["Own view's step", "Own view"]
    assert [row[-2] for row in table[1:]] == ["5", "5", "3"]


def test_too_many_areas_are_said_in_the_language(tmp_path):
    many = _file(tmp_path, "many.yaml", "view: self\nareas:\n" + "".join(
        f"  - {{title: A{i}}}\n" for i in range(201)))
    result = run("--lang", "da", "board", BOARD, "--self", many)
    assert result.returncode == 2
    assert "areas: har 201 punkter; højst 200 er tilladt" in result.stderr
