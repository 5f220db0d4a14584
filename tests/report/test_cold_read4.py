"""What a third cold read crossed out (issue 21): the next trust step as a step, cap
explanations that say one thing, what goes upward, the agreement's headings and the
safeguards in the case's own words. In-process, one case each."""

from __future__ import annotations

import re

import pytest
import yaml

import trustdose
from trustdose import i18n
from trustdose.report.formats import ReportFormat as Format, render

from helpers import ROOT, make_case

SITUATIONS = ROOT / "examples" / "situations"


@pytest.fixture(autouse=True)
def english_after():
    yield
    i18n.set_language("en")


def situation(name: str) -> dict:
    return yaml.safe_load((SITUATIONS / f"{name}.yaml").read_text(encoding="utf-8"))


def test_an_uncertain_low_score_is_found_out_not_raised(rules):
    a = trustdose.assess(situation("youth-club-new-leader"), rules)
    message = a.next_step.message
    assert message.startswith("Find out what they want")
    assert "decides whether it opens Advise" in message and not re.search(r"\d", message)


def staff_event() -> dict:
    """The museum trip as a one-off for the staff alone: no pupils, so no level held for
    an event in someone's care (the frame alone holds it)."""
    case = situation("museum-trip-unclear")
    return {**case, "task": {k: v for k, v in case["task"].items() if k != "people"}}


def test_a_one_off_gets_a_step_that_fits_the_event(rules):
    a = trustdose.assess(staff_event(), rules)
    message = a.next_step.message
    assert "Before the day" in message and "the next task like it" in message
    for template in ("training", "mentor", "pilot"):
        assert template not in message
    recurring = make_case(c=3, i=4, r=4, risk=2)
    assert "Before the day" not in trustdose.assess(recurring, rules).next_step.message


def test_a_safeguard_that_lifts_a_cap_says_how_far_not_a_promise_of_the_same_level(rules):
    a = trustdose.assess(situation("barnehagetur-vannet"), rules)
    assert a.capped_by and a.cap_reason.endswith(
        "the level can be this high, but no higher as long as the task stays the same")
    assert a.level.label not in a.cap_reason


def test_a_cap_tied_with_the_weakest_precondition_is_not_said_to_hold_whatever(rules):
    a = trustdose.assess(situation("skolkok-specialkost"), rules)
    assert not a.capped_by and not a.next_step.changes
    assert a.next_step.message.startswith("Stronger preconditions alone would not lift it")


def test_frame_first_says_the_interim_level_it_gives_everywhere(rules):
    a = trustdose.assess(staff_event(), rules)
    text = render(Format.text, a)
    meanwhile = a.frame_first.meanwhile.label
    assert f"until then the task is prepared at {meanwhile}" in text.replace("\n  ", " ")
    assert f"carries only {a.frame_first.now.label}" not in text
    assert "\nFEEDBACK AND DEVELOPMENT\nNEXT" not in text.replace("  ", "")


def test_advise_two_steps_below_is_not_called_micromanagement(rules):
    a = trustdose.assess(make_case(5, 5, 5, 1), rules, planned=5)
    kinds = {w.kind for w in a.warnings}
    assert kinds >= {"overcontrol-shared"} and "overcontrol" not in kinds
    tight = trustdose.assess(make_case(5, 5, 5, 1), rules, planned=3)
    assert "overcontrol" in {w.kind for w in tight.warnings}


def test_only_what_the_leader_cannot_fix_alone_goes_upward(rules):
    short = trustdose.assess(situation("lesesatsing-uten-tid"), rules)  # time 1
    assert any("hours" in part for part in short.frame_first.upward)
    museum = trustdose.assess(situation("museum-trip-unclear"), rules)  # time 3, clarity 1
    assert not any("hours" in part for part in museum.frame_first.upward)
    assert any("budget or the mandate" in part for part in museum.frame_first.upward)


def test_the_agreement_uses_the_case_words_for_its_routine_and_says_it_once(rules):
    a = trustdose.assess(situation("pressesag-madservice"), rules)
    assert "four-eyes" not in {m.id for m in a.controls}
    text = render(Format.agreement, a)
    assert "Direktøren godkender citater, før de sendes." in text
    assert "A required approval" not in text and text.count("citater") == 1


@pytest.mark.parametrize("lang, person, team", [
    ("en", "What you can count on from me", "What you can all count on from me"),
    ("da", "Det kan du regne med fra mig", "Det kan I regne med fra mig"),
    ("nb", "Dette kan du regne med fra meg", "Dette kan dere regne med fra meg"),
    ("sv", "Det här kan du räkna med från mig", "Det här kan ni räkna med från mig")])
def test_what_you_can_count_on_from_me(rules, lang, person, team):
    i18n.set_language(lang)
    one = render(Format.agreement, trustdose.assess(make_case(4, 4, 4, 2), rules))
    many = render(Format.agreement, trustdose.assess(
        make_case(4, 4, 4, 2, subject={"name": "Team", "kind": "team"}), rules))
    assert f"## {person}\n" in one and f"## {team}\n" in many


def test_an_unclear_frame_is_homework_and_a_question_not_a_promise(rules):
    text = render(Format.agreement, trustdose.assess(situation("museum-trip-unclear"), rules))
    assert "in a few lines" not in text
    assert "- By 25 January 2027, I will settle what is still unclear about the task" in text
