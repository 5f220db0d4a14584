"""The questionnaire in a real terminal (pexpect), and its steps as data."""

from __future__ import annotations

import io
import os

import pexpect
import pytest
from rich.console import Console

import trustdose

from trustdose import i18n, questionnaire
from trustdose.cli.ask import _show
from trustdose.questionnaire import is_back, steps, to_case

from helpers import (EXAMPLES, signals_of, terminal, wait_for,
                     waiting_for_input)


def test_steps_come_from_the_rubrics(rules):
    todo = steps(rules)
    indicators = sum(len(e.item["indicators"]) for e in rules.rubrics.values())
    # who and what (with the kind of task and who it is for), the tags the rules name, the
    # indicators, the safeguards in place (asked when the risk is high), the plan
    assert len(todo) == 6 + 1 + 5 + indicators + 1 + 1  # and the five for the agreement
    safeguards = next(s for s in todo if s.key == ("task", "safeguards"))
    assert safeguards.when({("risk", "impact"): 4}) and not safeguards.when({("risk", "impact"): 2})
    lifting = questionnaire.safeguards(rules)
    assert set(lifting) == {"written-instructions", "four-eyes", "approval", "spot-checks",
                            "authorisation", "system-check", "checklist", "deviation-reporting"}
    assert safeguards.parse("1, 3") == sorted([lifting[0], lifting[2]])
    assert safeguards.parse("") is None
    people = next(s for s in todo if s.key == ("task", "people"))
    assert people.parse("3") == "patients" and people.parse("the families") == "the families"
    assert people.parse("") is None
    score = next(s for s in todo if s.key == ("competence", "professional"))
    assert score.parse(" 4 ") == 4 and score.parse("?") == "uncertain"
    for wrong in ("6", "0", "x", "3.5", ""):
        with pytest.raises(ValueError, match="1 to 5"):
            score.parse(wrong)
    kind = next(s for s in todo if s.key == ("subject", "kind"))
    assert kind.parse("T") == "team"
    new = next(s for s in todo if s.key == ("subject", "new_in_role"))
    assert new.parse("ja") is True and new.parse("nei") is False
    planned = todo[-1]
    assert planned.parse("") is None and planned.parse("advise") == 5
    with pytest.raises(ValueError, match="did you mean 'advise'"):
        planned.parse("advice")
    assert is_back("b") and is_back("tilbage") and not is_back("3")
    assert to_case({("subject", "name"): "A", ("planned_level",): None, ("risk", "impact"): 2}) \
        == {"subject": {"name": "A"}, "risk": {"impact": 2}}


@pytest.mark.process  # a terminal of its own
def test_questionnaire_in_a_terminal(rules):
    env = {**os.environ, "COLUMNS": "100", "LINES": "40", "TERM": "xterm"}
    env.pop("NO_COLOR", None)
    env.pop("CI", None)  # a person at a terminal: the what-if is offered
    child = terminal("assess", env=env)
    child.expect(r"\d+ to \d+ questions about the task")
    child.expect(r"\(1\) ")  # the total said once, not at each question
    child.expect("Who would take on the task")
    child.sendline("Fre\x1b[Aja")  # an arrow key: refused here, not after the last question
    child.expect("Arrow keys and Tab do not work here")
    child.sendline("Freja")
    child.expect(r"person or a team")
    child.sendline("x")  # wrong: re-asked with what is allowed
    child.expect(r"Answer p \(person\) or t \(team\)")
    child.sendline("p")
    child.expect("new in the role")
    child.sendline("b")  # back to the person/team question, the answer before offered
    child.expect("person or a team")
    child.expect(r"Your answer before: p \(Enter keeps it\)")
    child.sendline("")
    child.expect("new in the role")
    child.sendline("n")
    child.expect("Which task")
    child.sendline("Plan the summer party")
    child.expect("What kind of task")
    child.sendline("2")
    child.expect("Who is the task for")
    child.sendline("")
    child.expect("Which of these apply")  # the tags the default rules name
    child.expect_exact("a decision about a citizen's rights")  # in words, not its id
    child.sendline("")
    child.expect("Why does the task matter")  # the five for the agreement, Enter skips
    child.sendline("")
    child.expect("How will you both know")
    child.sendline("")
    child.expect("always be respected")
    child.sendline("No child alone by the water")  # a list: one per line, empty line ends
    child.expect_exact("+ ")
    child.sendline("")
    child.expect("come to you before acting")
    child.sendline("")
    child.expect("day of the event or a deadline")
    child.sendline("2020-06-01")
    child.expect("is before today")
    child.sendline("")
    indicators = [i for e in rules.rubrics.values() for i in e.item["indicators"]]
    for number, indicator in enumerate(indicators):
        child.expect_exact(indicator["question"]["en"][:30])
        child.sendline("?" if number == 0 else ("1" if number >= 12 else "4"))
    child.expect("Which level did you have in mind")
    child.sendline("7")
    child.expect("Delegating to Freja")
    child.expect_exact("What if? 1 another answer")
    report = child.before
    child.sendline("")  # Enter: no what-if
    child.expect("Keep your answers as a case file")
    for question in ("Write the agreement for Freja", "Save the assessment in your journal"):
        child.send("n")  # one key each; nothing written
        child.expect(question)
    child.send("n")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "Plan the summer party" in report or "Plan the summer" in report
    assert "Recommended level" in report and "You planned Delegate" in report
    assert "Find out what they can (professional skills)" in report  # the answer, named


@pytest.mark.process
def test_ctrl_c_cancels_cleanly_and_no_color_means_no_escape_codes():
    env = {**os.environ, "NO_COLOR": "1", "TERM": "xterm"}
    child = terminal("assess", env=env, dimensions=(24, 80), shell=True)
    child.expect("Who would take on the task")
    asked = child.before + child.after
    child.expect_exact("> ")
    asked += child.before + child.after
    wait_for(lambda: waiting_for_input(child.pid), "the question to wait for its answer")
    child.sendintr()
    try:
        child.expect("cancelled")
    except pexpect.TIMEOUT:  # once in many full runs: say what the process was doing
        pytest.fail(f"no answer to Ctrl-C: {signals_of(child.pid)}; {child.before!r}")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130 and "Traceback" not in child.before
    assert "The task" in asked and "\x1b[" not in asked  # not even bold or dim


def test_the_tags_and_facts_red_lines_use_are_asked():
    org = trustdose.load_rules([EXAMPLES / "org-overlay"], user=False)
    todo = {s.key: s for s in steps(org)}
    tags = todo[("task", "tags")]
    # issue 21 item 8: shown in words, a label in the language or the organisation's own
    # (and when the task is done where the leader cannot be asked: a back-up line)
    away = ["done in the evening", "done at night", "done on call"]
    reserved = "a decision reserved for you (by law, mandate or the delegation rules)"
    assert [text for _, text in tags.anchors] == [  # in the order of their ids
        "a decision about a citizen's rights (an authority decision)", away[0], reserved,
        *away[1:], "use of force", "done at the weekend"]
    assert tags.parse("6") == ["use-of-force"] and tags.parse("") is None  # kept as the id
    assert tags.parse("Use of force, citizen-decision") == ["citizen-decision", "use-of-force"]
    with pytest.raises(ValueError, match="not one of them"):
        tags.parse("budget")
    amount = todo[("task", "facts", "amount")]
    assert amount.parse("60 000") == 60000 and amount.parse("") is None
    case = to_case({("subject", "name"): "Ali", ("task", "title"): "Bed rail",
                    ("task", "tags"): ["use-of-force"], ("task", "facts", "amount"): 60000})
    assert case["task"] == {"title": "Bed rail", "tags": ["use-of-force"],
                            "facts": {"amount": 60000}}
    # the default rules mention a decision about a citizen's rights, the times the leader
    # cannot be asked, and no facts
    default = [s for s in steps(trustdose.load_rules(user=False)) if s.key[:2] == ("task", "tags")
               or s.key[:2] == ("task", "facts")]
    assert [[text for _, text in s.anchors] for s in default] == [
        ["a decision about a citizen's rights (an authority decision)", away[0], reserved,
         *away[1:], "done at the weekend"]]


def test_a_fact_the_rules_test_as_true_or_false_is_asked_yes_or_no(overlay):
    # issue 19 item 2: typed as text, a night shift never met the rule on it
    from trustdose.intake import assess_document
    from trustdose.io.source import Document
    folder = overlay({"night.yaml": """\
red_lines:
  - id: night-work
    when: {field: facts.night, op: "==", value: true}
    level: 3
    reason: {en: "night work is never delegated beyond consult"}
"""})
    rules = trustdose.load_rules([folder], user=False)
    step = next(s for s in steps(rules) if s.key == ("task", "facts", "night"))
    assert "[y/n]" in step.question
    assert [step.parse(w) for w in ("ja", "Nej", "yes", "sant", "falskt", "")] == [
        True, False, True, True, False, None]
    with pytest.raises(ValueError, match="y \\(yes\\) or n \\(no\\)"):
        step.parse("maybe")
    for typed, level in (("ja", 3), ("nej", 7)):
        case = {"subject": {"name": "Bo"}, "task": {"title": "Rota",
                                                     "facts": {"night": step.parse(typed)}},
                "competence": 5, "intention": 5, "resources": 5, "risk": 1}
        assert assess_document(Document("<q>", case), rules).level.number == level


def test_the_levels_offered_to_plan_for_a_team_never_say_du():
    # issue 21 item 8: the plan's question showed "gir deg beskjed" to a team
    import re

    import trustdose
    from trustdose import i18n
    from trustdose.questionnaire import steps
    i18n.set_language("nb")
    try:
        rules = trustdose.load_rules(user=False)
        plan = steps(rules)[-1]
        assert plan.key == ("planned_level",)
        said = " ".join(text for _n, text in plan.team_anchors).lower()
        assert not set(re.findall(r"\w+", said)) & {"du", "deg", "din", "ditt"}, said
        assert "deg" in " ".join(text for _n, text in plan.anchors)  # a person still is
    finally:
        i18n.set_language("en")


@pytest.mark.parametrize("lang,person,team", [
    ("nb", "Er rollen ny for medarbeideren eller teamet?", "Er rollen ny for teamet?"),
    ("da", "Er medarbejderen eller teamet lige startet i rollen?",
     "Er teamet lige startet i rollen?")])
def test_a_named_team_is_asked_about_the_team(lang, person, team):
    # a tmux run: "medarbeideren eller teamet" asked right after the answer "team"
    i18n.set_language(lang)
    try:
        step = next(s for s in steps(trustdose.load_rules(user=False))
                    if s.key == ("subject", "new_in_role"))
        for is_team, expected in ((False, person), (True, team)):
            out = io.StringIO()
            _show(Console(file=out, width=100, color_system=None), step, 3, team=is_team)
            assert out.getvalue().startswith(f"(3) {expected}")
    finally:
        i18n.set_language("en")
