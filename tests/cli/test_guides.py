"""`trustdose reflect` and `trustdose talk`, run as a leader runs them: the levers chosen,
the goals counted and warned about, a team asked as a team, every format a valid file,
and bad input a clear error (exit 2) with where it is."""

from __future__ import annotations

import json
import os
import re

import pytest
import yaml

from helpers import EXAMPLES, make_case, run, terminal

BOARD = str(EXAMPLES / "boards" / "ytelsesteam-nav.yaml")


def test_reflect_without_levers_holds_all_nine_and_each_question():
    from trustdose.rules.loader import load_rules
    made = json.loads(run("reflect", "-f", "json").stdout)
    assert made["levers"] == [lever.id for lever in load_rules().levers]
    assert len(made["levers"]) == 9
    assert all(len(s["questions"]) == 3 for s in made["sections"][:-1])


def test_reflect_levers_by_number_or_id_in_their_order():
    made = json.loads(run("reflect", "-l", "common-frame", "-l", "2", "-f", "json").stdout)
    assert made["levers"] == ["trust-and-control", "common-frame"]


def test_an_unknown_lever_is_a_usage_error_naming_the_levers():
    result = run("reflect", "--lever", "10")
    assert result.returncode == 2
    assert "10" in result.stderr and "trust-and-control" in result.stderr


def test_the_audience_changes_the_title_and_whose_questions():
    team = json.loads(run("reflect", "-f", "json").stdout)
    manager = json.loads(run("reflect", "--for", "manager", "-f", "json").stdout)
    assert team["title"] != manager["title"] and team["opening"] != manager["opening"]
    same = [s["id"] for s, m in zip(team["sections"], manager["sections"])
            if s["questions"] == m["questions"]]
    assert "purpose" in same and "worthy" not in same  # lever 7 is the leader's own


def test_reflect_from_a_board_holds_the_levers_it_points_to_with_why():
    made = json.loads(run("reflect", "--from", BOARD, "-f", "json").stdout)
    assert made["levers"] == ["trust-and-control", "common-frame"]
    frame = next(s for s in made["sections"] if s["id"] == "trust-and-control")
    assert any("Innvilge engangsstønad" in p for p in frame["points"])
    # a refusal agreed below its recommended level: that choice holds it, not resources
    assert not any("Avslag" in p for s in made["sections"] for p in s.get("points", ()))
    # the threats area is the leader's own decision (a cap): its competence is not what
    # keeps more from being handed over, so no reason says it is
    assert not any("truet" in p for s in made["sections"] for p in s.get("points", ()))


def test_reflect_from_a_case_that_points_nowhere_holds_all_nine(tmp_path):
    case = tmp_path / "strong.yaml"
    case.write_text(yaml.safe_dump(make_case(
        c=5, i=5, r={"time": 5, "tools": 5, "clarity": 5, "support": 5}, risk=1)))
    made = json.loads(run("reflect", "--from", str(case), "-f", "json").stdout)
    assert len(made["levers"]) == 9 and made["now"] == []


def _goals(result):
    return json.loads(result.stdout)


def test_a_talk_without_goals_warns_and_with_one_to_three_does_not():
    assert _goals(run("talk", "-f", "json"))["warnings"]
    assert not _goals(run("talk", "-g", "a", "-g", "b", "-g", "c", "-f", "json"))["warnings"]


def test_four_goals_are_a_warning_with_what_to_do(tmp_path):
    made = _goals(run("talk", *[f"-g=goal {n}" for n in range(4)], "-f", "json"))
    assert "4 goals" in made["warnings"][0] and "one to three" in made["warnings"][0]


def test_a_board_with_a_goal_per_area_counts_each_and_points_to_goal(tmp_path):
    board = yaml.safe_load(open(BOARD, encoding="utf-8"))
    board["areas"].append(dict(board["areas"][0], title="Fourth"))
    for n, area in enumerate(board["areas"]):
        area["success"] = f"success {n}"
    path = tmp_path / "board.yaml"
    path.write_text(yaml.safe_dump(board, allow_unicode=True), encoding="utf-8")
    result = run("talk", str(path), "-o", str(tmp_path / "talk.json"))
    assert result.returncode == 0, result.stderr
    made = json.loads((tmp_path / "talk.json").read_text(encoding="utf-8"))
    assert len(made["goals"]) == 4 and "4 goals" in made["warnings"][0]
    assert "--goal" in result.stderr
    chosen = _goals(run("talk", str(path), "-g", "the one", "-f", "json"))
    assert [g["text"] for g in chosen["goals"]] == ["the one"] and not chosen["warnings"]


def test_a_team_is_asked_as_a_team_and_a_person_as_one():
    team = run("--lang", "da", "talk", BOARD).stdout
    assert "teamet" in team and not re.search(r"\b(du|dig|din)\b", _questions(team))
    person = run("--lang", "da", "talk", "--name", "Hannah").stdout
    assert re.search(r"\bdu\b", _questions(person))


def _questions(text):
    return "\n".join(line for line in text.splitlines() if re.match(r"\s*\d\. ", line))


def test_a_talk_from_a_board_shows_the_levels_agreed_and_the_follow_up():
    made = run("talk", BOARD, "-f", "markdown").stdout
    assert "(level 6, agreed)" in made and "Next follow-up: 8 February 2027" in made


@pytest.mark.parametrize("command", [["reflect"], ["talk", BOARD]])
def test_every_format_writes_a_valid_file(tmp_path, command):
    from docx import Document
    for ending in ("txt", "md", "html", "docx", "json"):
        out = tmp_path / f"guide.{ending}"
        result = run(*command, "-o", str(out))
        assert result.returncode == 0, result.stderr
        assert "guide" in result.stderr
    document = Document(str(tmp_path / "guide.docx"))
    assert document.core_properties.author == ""
    assert any("?" in p.text for p in document.paragraphs)
    page = (tmp_path / "guide.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "default-src 'none'" in page
    assert not re.search(r"(src|href)=|url\(|@import|<script", page)
    json.loads((tmp_path / "guide.json").read_text(encoding="utf-8"))
    assert (tmp_path / "guide.md").read_text(encoding="utf-8").startswith("# ")


def test_output_to_a_read_only_folder_is_exit_2_with_a_clear_message(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    # root writes into a folder whatever its mode: /sys is read-only for root too
    target = folder / "talk.md" if os.geteuid() != 0 else "/sys/talk.md"
    try:
        result = run("talk", "-o", str(target))
    finally:
        folder.chmod(0o700)
    assert result.returncode == 2
    assert "talk.md: cannot write it" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("command", [["talk"], ["reflect", "--from"]])
def test_a_bad_case_file_is_named_with_line_and_column(tmp_path, command):
    bad = tmp_path / "bad.yaml"
    bad.write_text("subject:\n  name: Kim\ntask:\n  title: [unclosed\n", encoding="utf-8")
    result = run(*command, str(bad))
    assert result.returncode == 2
    assert re.search(r"bad\.yaml:\d+:\d+", result.stderr), result.stderr


def test_name_with_a_file_and_an_empty_goal_are_usage_errors():
    assert run("talk", BOARD, "--name", "Kim").returncode == 2
    assert run("talk", "--goal", " ").returncode == 2


def test_an_area_with_nothing_to_put_in_place_or_held_by_a_cap_gives_no_reason():
    """Practical messages start now at Delegate (a frame first with nothing to fix), a
    formal complaint is the leader's own decision, and messages about a named pupil are
    agreed below the level recommended: none waits for resources or a frame, so nothing
    points to a lever, and the agenda holds all nine."""
    board = str(EXAMPLES / "boards" / "teacher-parent-messages.yaml")
    made = json.loads(run("reflect", "--from", board, "-f", "json").stdout)
    assert made["now"] == [] and len(made["levers"]) == 9


@pytest.mark.parametrize("name, said", [
    ("Kim\x1b[2J", "U+001B"), ("Kim\nJensen", "line break"), ("", "must be a name"),
    ("  ", "nothing visible"), ("K" * 5000, "at most 200 characters"), ("\x07", "U+0007"),
])
def test_a_name_for_a_blank_guide_is_checked_as_a_cases_name_is(name, said):
    done = run("talk", "--name", name)
    assert done.returncode == 2 and said in done.stderr and done.stdout == ""
    assert "--name" in done.stderr


def test_a_name_for_a_blank_guide_is_written_without_surrounding_spaces():
    done = run("talk", "--name", "  Hannah  ", "-f", "json")
    assert done.returncode == 0, done.stderr
    assert "  Hannah" not in done.stdout and "Hannah" in done.stdout


def test_a_talk_guide_is_asked_in_the_terminal_when_nothing_is_given():
    """Issue 24: each command works from the questionnaire: whom, a team or not, and the
    goals, each a line; a fourth goal is taken and warned about in the guide."""
    import os

    import pexpect

    child = terminal("talk", "-f", "markdown", env={**os.environ, "NO_COLOR": "1"},
                     timeout=30, dimensions=(24, 80), shell=True)
    child.expect("Whom is the talk with")
    child.sendline("Weekend\x1bteam")  # an escape: asked again
    child.expect("cannot be used")
    child.sendline("The weekend team")
    child.expect("Is it a team")
    child.send("y")
    child.expect("one a line")
    for goal in ("Every visit is made", "New citizens feel safe", "Rota changes are fair",
                 "Fewer calls to the back-up", ""):
        child.expect(r"\+ ")
        child.sendline(goal)
    child.expect("# Talk on self-leadership with the weekend team|The weekend team")
    child.expect("Fewer calls to the back-up")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_the_levers_for_an_agenda_are_asked_in_the_terminal():
    import os

    import pexpect

    child = terminal("reflect", "-f", "markdown", env={**os.environ, "NO_COLOR": "1"},
                     timeout=30, dimensions=(24, 80), shell=True)
    child.expect("Which levers")
    child.sendline("2 12")  # no lever 12: asked again
    child.expect("numbers from 1 to 9")
    child.sendline("2, 9")
    child.expect("Balance trust and control")
    child.expect("Shape the common frame")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0 and "Agree shared ground rules" not in child.before
