"""What a native reader found wrong in the agendas and guides as they are read: a
one-person board's name and weak points on a staff meeting's agenda, the leader's 'I'
in questions the staff answer, source numbers under every lever, a reason printed word
for word under two levers, and a talk guide whose 'you' is first the leader and then the
employee."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from helpers import EXAMPLES, make_case, run

SKOLKOK = str(EXAMPLES / "boards" / "skolkok.yaml")  # one person: Karin
TEAM_BOARDS = [str(EXAMPLES / "boards" / name) for name in
               ("hjemmepleje-weekendteam.yaml", "ytelsesteam-nav.yaml")]
# the leader's first person singular, which a staff member reading the agenda would
# take as their own
FIRST_PERSON = {"en": r"\b(I|me|my)\b", "da": r"\b(jeg|mig|min|mit|mine)\b",
                "nb": r"\b(jeg|meg|min|mitt|mine)\b", "sv": r"\b(jag|mig|min|mitt|mina)\b"}
PERSONAL_SIGNALS = {"intention-limits", "competence-limits", "resources-limit",
                    "planned-above", "ground-rules-low", "uncertain", "breach-review",
                    "views-differ"}


def _json(*args: str) -> dict:
    result = run(*args, "-f", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_a_person_board_goes_to_ones_own_manager_by_default_and_says_so():
    result = run("reflect", "--from", SKOLKOK, "-f", "json")
    made = json.loads(result.stdout)
    assert made["audience"] == "manager"
    assert any("one person, Karin" in said for said in made["opening"])
    assert "--for team" in result.stderr


@pytest.mark.parametrize("lang", ["en", "da", "nb", "sv"])
def test_a_person_boards_staff_agenda_names_no_one_and_no_weak_point(lang):
    made = _json("--lang", lang, "reflect", "--from", SKOLKOK, "--for", "team")
    text = run("--lang", lang, "reflect", "--from", SKOLKOK, "--for", "team").stdout
    assert made["audience"] == "team"
    assert "Karin" not in json.dumps(made, ensure_ascii=False) and "Karin" not in text
    signals = {r["signal"] for found in made["now"] for r in found["reasons"]}
    assert not signals & PERSONAL_SIGNALS and "by-task" in signals
    # the tasks are still said, so the staff know what the lever is about
    assert "Laga och märka specialkost" in text
    # the same board for the manager tells the weak precondition
    manager = run("--lang", lang, "reflect", "--from", SKOLKOK).stdout
    assert "Karin" in manager


def test_a_persons_case_on_a_staff_agenda_names_no_one(tmp_path):
    case = tmp_path / "kim.yaml"
    case.write_text(yaml.safe_dump(make_case(c=1, i=4, r=4, risk=3)))
    made = _json("reflect", "--from", str(case), "--for", "team")
    assert "Kim" not in json.dumps(made) and made["levers"] == ["competences"]


@pytest.mark.parametrize("lang", ["en", "da", "nb", "sv"])
def test_a_staff_agenda_asks_questions_the_staff_answer_about_their_workplace(lang):
    from trustdose.rules.loader import load_rules
    team = _json("--lang", lang, "reflect")
    manager = _json("--lang", lang, "reflect", "--for", "manager")
    levers = {lever.id: lever for lever in load_rules().levers}
    for ours, mine in zip(team["sections"][:-1], manager["sections"][:-1]):
        lever = levers[ours["id"]]
        assert ours["questions"] == [q[lang] for q in lever.get("questions_team")
                                     or lever.get("questions")]
        assert mine["questions"] == [q[lang] for q in lever.get("questions")]
        for question in ours["questions"]:
            assert not re.search(FIRST_PERSON[lang], question), (ours["id"], question)
    assert sum(1 for s in team["sections"] if s["id"] in levers
               and levers[s["id"]].get("questions_team")) >= 4


@pytest.mark.parametrize("args", [("reflect", "--from", SKOLKOK), ("reflect",),
                                  ("talk", TEAM_BOARDS[1])])
def test_the_sources_are_named_once_at_the_foot_by_title(args):
    text = run("--lang", "da", *args).stdout
    assert not re.search(r"\b00\d:", text)  # no file numbers
    assert "(Kilde:" not in text
    foot = text.rstrip().split("\n\n")[-1]
    assert foot.startswith(("Kilde: ", "Kilder: "))
    assert len(re.findall(r"\bKilder?:", text)) == 1
    made = _json(*args)  # the JSON keeps each section's cite, and the titles once
    assert all(s["cite"] for s in made["sections"] if s["id"] not in ("agreed", "who"))
    titles = [s["title"] for s in made["sources"]]
    assert titles and len(titles) == len(set(titles))
    assert all(title in foot.replace("\n", " ") for title in titles)


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_the_source_line_in_markdown_and_html_names_the_title(fmt):
    out = run("reflect", "-l", "2", "-l", "9", "-f", fmt).stdout
    assert out.count("Tillid i ledelse") == 1 and "002:" not in out


@pytest.mark.parametrize("board", [SKOLKOK, *TEAM_BOARDS])
@pytest.mark.parametrize("whom", ["team", "manager"])
def test_no_reason_is_printed_twice(board, whom):
    made = _json("reflect", "--from", board, "--for", whom)
    said = [p for s in made["sections"] for p in s["points"]
            if p.startswith("Why now:") and "as for lever" not in p]
    assert len(said) == len(set(said))


def test_a_reason_two_levers_share_is_referred_to_under_the_second():
    made = _json("reflect", "--from", SKOLKOK)
    frame = next(s for s in made["sections"] if s["id"] == "common-frame")
    assert frame["points"] == ["Why now: as for lever 2 above."]
    shared = next(f for f in made["now"] if f["lever"] == "common-frame")
    assert len(shared["reasons"]) == 1  # the JSON keeps each lever's reasons whole
    assert shared["reasons"][0]["signal"] == "resources-limit"


@pytest.mark.parametrize("lang,you", [("en", r"\byou(r)?\b"), ("da", r"\b(du|dig|din)\b"),
                                      ("nb", r"\b(du|deg|din)\b"),
                                      ("sv", r"\b(du|dig|ditt|din)\b")])
def test_the_talk_guides_opening_never_says_you_to_the_leader(lang, you):
    for args in (("talk", TEAM_BOARDS[1]), ("talk", "--name", "Hannah")):
        made = _json("--lang", lang, *args)
        assert not any(re.search(you, said, re.I) for said in made["opening"]), made["opening"]


def test_a_lever_is_referred_to_only_where_it_gave_just_these_reasons():
    """A cold read: "as for lever 2 above" under lever 9, where only one of lever 2's two
    reasons applied."""
    from trustdose.report.levers_now import Reason
    from trustdose.report.reflect import _why_now
    a, b = Reason("x", "Reason A.", ""), Reason("y", "Reason B.", "")
    said: dict = {}
    assert len(_why_now([a, b], 2, said)) == 2
    assert _why_now([b], 9, said) == ("Why now: Reason B.",)  # lever 2 gave more than B
    assert _why_now([a, b], 5, said) == ("Why now: as for lever 2 above.",)
