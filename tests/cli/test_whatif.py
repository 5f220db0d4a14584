"""What if: after the questionnaire's report, one answer (or a part, the safeguards in
place, the frame fixed) changed and the new advice shown at once; the last case assessed
is the one kept. Run on a fake terminal: the lines typed, in order, and what was shown."""

from __future__ import annotations

import io
import json
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from trustdose.cli import whatif
from trustdose.cli.streams import Terminated
from trustdose.intake import assess_document, document
from trustdose.questionnaire import Walk, safeguards, steps

WHO = ["Freja", "p", "n", "Plan the summer party", "2", "", "", *[""] * 5]  # no own words


def answered(rules, competence="4444", intention="4444", resources="2233", risk="2222"):
    """The questionnaire answered to the end: no safeguards in place, no level planned."""
    walk = Walk(steps(rules))
    for text in [*WHO, *competence, *intention, *resources, *risk]:
        walk.answer(text)
    while walk.current() is not None:  # the safeguards (when the risk is high), the plan
        walk.answer("")
    return walk


class Screen:
    """A terminal for the what-if: `typed` lines read in order (an exception in it is
    raised where it comes; none left: the input has ended), and what was shown."""

    def __init__(self, typed):
        self.typed = list(typed)
        self.out = io.StringIO()
        self.console = Console(file=self.out, width=100, color_system=None)
        self.console.input = self.read

    def read(self, prompt=""):
        self.console.print(prompt, end="")
        if not self.typed:
            raise EOFError
        line = self.typed.pop(0)
        if isinstance(line, BaseException):
            raise line
        self.console.print(line)
        return line

    @property
    def shown(self):
        return self.out.getvalue()


def run_what_if(rules, walk, typed):
    """The what-if on `walk` with `typed`; the assessment before and after, the reports
    shown and the screen."""
    before = assess_document(document(walk.case()), rules)
    screen, reports = Screen(typed), []
    after = whatif.what_if(walk, before, rules, screen.console,
                           lambda data: assess_document(document(data), rules), reports.append)
    assert not screen.typed, f"lines left over: {screen.typed}"
    return before, after, reports, screen.shown


def test_one_answer_changed_shows_what_changed_and_the_new_advice(rules):
    walk = answered(rules)  # parts: the task, in your own words, competence, …
    # (the leader's frame does not lower the level: it sets when the delegation starts)
    before, after, reports, shown = run_what_if(rules, walk, ["1", "3", "1", "2", "q"])
    assert walk.case()["competence"] == {"professional": 2, "relational": 4, "personal": 4,
                                         "experience": 4}
    assert ": 4 → 2" in shown and "Your answer before: 4 (Enter keeps it)" in shown
    assert after.level.number < before.level.number
    assert f"Level: {before.level.label} → {after.level.label}" in shown
    old = {m.id: m.title for m in [*before.controls, *before.feedback]}
    new = {m.id: m.title for m in [*after.controls, *after.feedback]}
    if old == new:  # nothing came or went: no measure line is shown
        assert "\n  + " not in shown and "\n  − " not in shown
    for came in new.keys() - old.keys():
        assert f"+ {new[came]}" in shown
    for went in old.keys() - new.keys():
        assert f"− {old[went]}" in shown
    assert reports == [after]  # the new short report, once
    # what is kept is the last case assessed: it reads back to the advice shown last
    again = assess_document(document(walk.case()), rules)
    assert again.to_json() == after.to_json()


def test_a_whole_part_asked_again_enter_keeps_each_answer(rules):
    walk = answered(rules)
    before, after, _reports, shown = run_what_if(
        rules, walk, ["1", "3", "5", "", "3", "", "", ""])
    assert walk.case()["competence"] == {"professional": 4, "relational": 3, "personal": 4,
                                         "experience": 4}
    assert "Which part?" in shown and "all of them again" in shown
    assert after.scores["competence"] < before.scores["competence"]


def test_wrong_choices_are_asked_again_with_what_is_allowed(rules):
    walk = answered(rules)
    case = walk.case()
    before, after, reports, shown = run_what_if(
        rules, walk, ["9", "1", "0", "", "1", "5", "x", "<", "1", "5", "1", "6", "2", ""])
    assert "Answer 1, 2 or 3; Enter or q: done." in shown
    assert "Answer a number from 1 to 7, or press Enter to go back." in shown
    assert "Answer a number from 1 to 5, or press Enter to go back." in shown
    # the questionnaire's own check and message at the question itself
    assert "Answer a whole number from 1 to 5, or ? if you are unsure." in shown
    assert "No answer changed; the advice above stands." in shown  # 2 for 2
    assert after is before and reports == [] and walk.case() == case


def test_a_safeguard_added_and_removed(rules):
    walk = answered(rules, risk="4444")  # high risk: asked, none in place
    lifting = safeguards(rules)
    _before, added, reports, shown = run_what_if(rules, walk, ["2", "1, 3", ""])
    assert walk.case()["task"]["safeguards"] == sorted([lifting[0], lifting[2]])
    in_place = [m for m in [*added.controls, *added.feedback] if m.in_place]
    assert {m.id for m in in_place} <= {lifting[0], lifting[2]} and in_place
    for m in in_place:
        assert f"+ {m.title} (already in place)" in shown
    _added, removed, _reports, shown = run_what_if(rules, walk, ["2", "-", ""])
    assert "safeguards" not in walk.case()["task"]
    assert not any(m.in_place for m in [*removed.controls, *removed.feedback])


def test_safeguards_can_be_added_when_the_questionnaire_did_not_ask(rules):
    walk = answered(rules)  # low risk: the questionnaire left the safeguards out
    run_what_if(rules, walk, ["2", "2", ""])
    assert walk.case()["task"]["safeguards"] == [safeguards(rules)[1]]


scores = st.text("12345?", min_size=4, max_size=4)


@settings(max_examples=25, deadline=None)
@given(competence=scores, intention=scores, resources=scores, risk=scores)
def test_the_frame_fixed_carries_the_level_frame_first_names(rules, competence, intention,
                                                             resources, risk):
    walk = answered(rules, competence, intention, resources, risk)
    fixed = resources == "5555"
    before, after, reports, shown = run_what_if(rules, walk, ["3", ""])
    assert walk.case()["resources"] == dict.fromkeys(["time", "tools", "clarity", "support"], 5)
    if fixed:
        assert "Every resources answer is 5 already" in shown and reports == []
        return
    assert "every resources answer at 5" in shown
    frame = before.frame_first
    assert after.level.number == (frame.level.number if frame else before.level.number)
    assert after.frame_first is None


@pytest.mark.parametrize("stop", [EOFError(), KeyboardInterrupt()], ids=["eof", "ctrl-c"])
@pytest.mark.parametrize("where", [0, 1, 2, 3, 4],
                         ids=["menu", "part", "answer", "question", "after-one-of-all"])
def test_the_end_of_input_or_ctrl_c_midway_drops_that_change_only(rules, stop, where):
    walk = answered(rules)
    _b, first, _r, _s = run_what_if(rules, walk, ["1", "4", "1", "4", ""])
    case = walk.case()
    typed = ["1", "2", "1"][:where] + [stop] if where < 4 else ["1", "2", "5", "1", stop]
    before, after, reports, shown = run_what_if(rules, walk, typed)
    assert after is before and reports == [] and walk.case() == case
    assert after.to_json() == first.to_json()  # the last advice shown stands
    assert "No more changes; the advice above stands." in shown


def test_sigterm_still_stops_the_command(rules):
    walk = answered(rules)
    with pytest.raises(Terminated):
        run_what_if(rules, walk, ["1", Terminated()])


@pytest.mark.parametrize("stdin, stdout, ci, asked", [
    (True, True, None, True), (True, True, "false", True), (True, True, "true", False),
    (True, True, "1", False), (False, True, None, False), (True, False, None, False)])
def test_offered_only_to_a_person_at_a_terminal(monkeypatch, stdin, stdout, ci, asked):
    class Stream(io.StringIO):
        def __init__(self, tty):
            super().__init__()
            self.tty = tty

        def isatty(self):
            return self.tty
    monkeypatch.setattr(sys, "stdin", Stream(stdin))
    monkeypatch.setattr(sys, "stdout", Stream(stdout))
    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)
    assert whatif.offered() is asked


def test_the_report_written_with_o_and_the_case_kept_are_the_last(rules, tmp_path, monkeypatch,
                                                                   capsys):
    from trustdose.cli import assess
    from trustdose.report.formats import ReportFormat
    walk = answered(rules)
    first = document(walk.case())
    target = tmp_path / "report.json"

    def assessed(given):
        return given, assess_document(given, rules)

    def changed(walk, result, rules, console, reassess, show):
        walk.answers[("resources", "time")] = 5
        return reassess(walk.case())
    monkeypatch.setattr(whatif, "offered", lambda: True)
    monkeypatch.setattr(whatif, "what_if", changed)
    doc, final = assess._what_if(walk, assessed(first), rules,
                                 (ReportFormat.json, target, False, None), assessed)
    written = json.loads(target.read_text(encoding="utf-8"))
    assert written["scores"] == final.to_json()["scores"] != assessed(first)[1].to_json()["scores"]
    assert doc.data["resources"]["time"] == 5
    assert f"The report is in {target}." in capsys.readouterr().err


def test_the_leaders_own_words_are_a_part_and_a_list_is_typed_line_by_line(rules):
    """Issue 21 item 5: the five for the agreement are listed by their heading, and a
    list changed one item per line reaches the case kept."""
    walk = answered(rules)
    _before, after, reports, shown = run_what_if(
        rules, walk, ["1", "2", "3", "No phones at the table", "Ask first, always", "", "q"])
    assert "In your own words, for the agreement: – · – · – · – · –" in shown
    assert "What must always be respected while doing it?: – → No phones at the table ; " \
           "Ask first, always" in " ".join(shown.split())  # as wrapped at 100 columns
    assert walk.case()["task"]["ground_rules"] == ["No phones at the table", "Ask first, always"]
    assert reports == [after] and after.task.ground_rules == tuple(walk.case()["task"][
        "ground_rules"])
