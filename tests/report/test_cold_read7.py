"""What a fourth cold reader crossed out in six situations of their own (a refuse crew at
six in the morning, an IT clean-up without a mandate, a national-day event, a new social
worker's home visits, a SENCo's reviews) and four boards: "planning and preparing" for
work already running, a promise to agree what management hears, the situations that are
alarms under "ask me first", "on your own" where no one works alone, the leader asked at
a weekend, and whose time is freed. In-process, one situation each."""

from __future__ import annotations

import pytest

from trustdose import i18n
from trustdose.board.assess import assess_board
from trustdose.io.source import read_file
from trustdose.report.agreement_markdown import render
from trustdose.report.board_agreement import board_agreement
from trustdose.report.formats import ReportFormat

from helpers import EXAMPLES
from situations import situation_case, situation_text


@pytest.fixture(autouse=True)
def english_after():
    yield
    i18n.set_language("en")


def test_running_work_goes_on_as_now_while_the_leader_does_their_part(rules):
    # a routine waits for the frame: not "planning and preparing can already begin", and
    # not pulled to Agree either (a later cold read: a preschool team's parent talks and
    # trips decided with the leader because the leader's planning time was missing)
    text = situation_text(rules, "forskolelag-utan-planeringstid", "en",
                          task={**situation_case("forskolelag-utan-planeringstid")["task"],
                                "kind": "routine"})
    # said as the screen says it: the work goes on as now, not asking first where it did
    # not before (a later cold read)
    assert "Until then, the work goes on as now; whatever cannot be done in the time there " \
           "is, tell me, and we agree what can wait." in " ".join(text.split())
    assert "planning and preparing" not in text and "we decide together" not in text
    assert "ask me for advice first" not in text


def test_management_is_kept_informed_as_a_statement_followed_up(rules):
    text = situation_text(rules, "pressesag-madservice", "en")
    # said as what the leader does, after speaking with them (a later cold read after a
    # breach read "I keep management informed" as "I report you upward")
    # with no examples of what draws attention: this task is itself the press case (a
    # cold read crossed out "(a complaint, the press)")
    assert "Where something must reach management, we talk it over first, and then I take " \
           "it there myself." in text
    assert "We agree what management hears" not in text and "(a complaint" not in text
    before = text[text.index("## How I follow up"):]
    assert before.index("I take it there myself") < before.index("##", 3)


def test_the_situations_to_come_first_are_a_call_at_once(rules):
    text = situation_text(rules, "teacher-parent-messages", "da")
    # before acting, or at once where it cannot wait (a later cold read: "at once" alone
    # read as "act, then tell" for what should wait for the leader)
    assert "## Kom til mig først i disse situationer" in text
    assert "spørges først" not in text


def test_a_weekend_task_asks_the_back_up_though_the_plan_has_no_room_for_its_line(rules):
    case = situation_case("teacher-parent-messages")
    text = situation_text(rules, "teacher-parent-messages", "en",
                          task={**case["task"], "tags": ["weekend"]})
    assert "Advise" in text and "call the back-up for advice first" in text
    assert "ask me for advice" not in text


def test_no_question_says_on_your_own(rules):
    for name, lang in (("parks-event-bookings", "en"), ("ny-behovsvurderer", "nb")):
        text = situation_text(rules, name, lang)
        assert "on your own" not in text and "på egen hånd" not in text


def test_the_leader_frees_up_their_time_not_their_own(rules):
    text = situation_text(rules, "teacher-parent-messages", "en",
                          resources={"time": 2, "tools": 4, "clarity": 4, "support": 4})
    # what the leader can do in a fixed timetable: say what gives way (a later cold read)
    assert "I will say what can wait or be dropped, so that the task has the time it " \
           "needs" in text
    assert "I make time for the task" not in text and "free up your time" not in text


def test_a_weekend_routine_talks_what_it_does_not_cover_over_with_the_back_up(rules):
    # a final cold read: a weekend team's first visits (agreed at Rådgive) told "ask me
    # for advice first", and a changed prescription "we decide together", with the leader
    # off at weekends
    i18n.set_language("da")
    made = assess_board(read_file(EXAMPLES / "boards" / "hjemmepleje-weekendteam.yaml"), rules)
    text = " ".join(render(board_agreement(made)).split())
    visits = text[text.index("## 2. Første besøg hos en ny borger: Rådgive"):]
    visits = visits[:visits.index("## ", 3)]
    assert "når noget falder uden for rutinen, ringer I først til bagvagten for at få råd" \
        in visits
    assert "spørger I mig til råds" not in text
    assert "beslutter I sammen med bagvagten" in text


def test_an_events_step_that_lowers_the_risk_says_so(rules):
    # a cold read twice: "the next of the same kind can start at Inquire" beside a cap
    # the task's risk holds (a press answer: the next one has the same exposure)
    text = situation_text(rules, "pressesag-madservice", "da", ReportFormat.text)
    # and this one's risk does not change: the next like it, if its risk is lower (a
    # later read: "and the risk is then lower" beside a cap held by this task's own risk)
    assert "Holder det, kan den næste af samme slags begynde på »Blive orienteret«, hvis " \
        "den har lavere risiko." in " ".join(text.split())
    assert "er risikoen dermed blevet lavere" not in text


def test_the_why_of_running_work_says_it_goes_on_as_now(rules):
    # a tmux run: the headline said "prepared at Agree" above "the work goes on as now"
    case = situation_case("forskolelag-utan-planeringstid")
    text = situation_text(rules, "forskolelag-utan-planeringstid", "en", ReportFormat.text,
                          task={**case["task"], "kind": "routine"})
    assert "until then the work goes on as now." in text and "as now, at" not in text
    assert "prepared at" not in text
