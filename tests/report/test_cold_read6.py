"""What a cold read of the twelve situations still crossed out after the lead's fixes
(issue 21): 'free time' where time is not the gap or the work is already running, and
the wording of the rest. In-process, one situation each."""

from __future__ import annotations

import pytest

import trustdose
from trustdose import i18n
from trustdose.report.formats import ReportFormat as Format, render

from situations import situation_case, situation_text

@pytest.fixture(autouse=True)
def english_after():
    yield
    i18n.set_language("en")


@pytest.mark.parametrize("name, lang, crossed", [
    ("ny-behovsvurderer", "nb", "rigjør tid"),  # her whole job; system access lacks
    ("skolkok-specialkost", "sv", "rigör tid"),  # a daily routine already running
    ("museum-trip-unclear", "en", "ree time"),  # the budget lacks, not time
])
def test_no_free_time_where_time_is_middling_and_not_the_gap(rules, name, lang, crossed):
    for kind in (Format.text, Format.agreement):
        assert crossed not in situation_text(rules, name, lang, kind)


def test_time_short_still_frees_time(rules):
    a = trustdose.assess(situation_case("teacher-parent-messages"), rules)
    assert "prioritise" in {m.id for m in a.feedback}


def test_running_work_has_its_homework_by_a_date_not_before_it_starts(rules):
    agreement = situation_text(rules, "teacher-parent-messages", "en")  # ongoing, hers again
    assert "By 25 January 2027, I make time for the task" in agreement
    assert "Before it starts" not in agreement


def test_advise_with_ground_rules_is_scoped_by_them(rules):
    agreement = situation_text(rules, "teacher-parent-messages", "en")
    assert ("Within our ground rules, the decisions are yours; for what falls outside "
            "them, ask me for advice first") in agreement
    assert "before making it, ask me for advice" not in agreement
    team = situation_text(rules, "barnehagetur-vannet", "nb")
    assert "Innenfor det vi alltid holder oss til, er beslutningene deres" in team
    bare = situation_case("teacher-parent-messages")
    bare["task"] = {k: v for k, v in bare["task"].items() if k != "ground_rules"}
    i18n.set_language("en")
    said = " ".join(render(Format.agreement, trustdose.assess(bare, rules)).split())
    assert "before making it, ask me for advice" in said  # nothing to scope it by


def test_a_limit_at_the_level_carried_is_said_beside_the_weakest(rules):
    report = situation_text(rules, "skolkok-specialkost", "sv", Format.text)
    assert "Resurser (3,8) är svagast" in report
    assert "Nivån skulle ändå stanna här: ett misstag kan orsaka allvarlig skada" in report
    teacher = situation_text(rules, "teacher-parent-messages", "en", Format.text)
    assert "It would stay here anyway: the hard parts of the task still need your support" \
        in teacher
    assert "What holds the level: the hard parts of the task still need your support." \
        in teacher and "still wants your support" not in teacher


def test_a_safeguard_that_lifts_a_cap_is_said_without_a_second_colon(rules):
    report = situation_text(rules, "barnehagetur-vannet", "nb", Format.text)
    held = report[report.index("Begrenset til"):report.index("Kompetanse")]
    assert held.count(":") == 1 and "gå hit" not in held
    assert "kan nivået ligge her, men ikke høyere" in held


def test_new_ground_lifts_after_the_first_round_not_with_spot_checks(rules):
    report = situation_text(rules, "lesesatsing-uten-tid", "nb", Format.text)
    assert "Oppgaven er ny her: når første runde har gått bra" in report
    assert "stikkprøver" not in report and "avvik meldes" not in report


def test_the_risks_are_asked_about_plainly_and_only_where_risk_holds_the_level(rules):
    trip = situation_text(rules, "barnehagetur-vannet", "nb")
    assert "Er det noe ved risikoen vi bør gå gjennom sammen en gang til?" in trip
    # held because it is new, risk 2,3
    reading = situation_text(rules, "lesesatsing-uten-tid", "nb")
    assert "risikoen" not in reading
    assert "Hvor er det godt å ha meg tett på" in reading


def test_english_says_your_part_and_the_budget_not_the_frame(rules):
    report = situation_text(rules, "museum-trip-unclear", "en", Format.text)
    assert "it starts once you have done your part, and until then" in report
    assert "the budget or the mandate the task is waiting for" in report
    for crossed in ("your part of the frame", "the frame waits for"):
        assert crossed not in report
    # the Scandinavian keeps the seeds' word
    report = situation_text(rules, "lesesatsing-uten-tid", "nb", Format.text)
    assert "din del av rammene" in report or "rammene" in report


def test_a_weekend_team_asks_the_back_up_and_is_not_debriefed_every_weekend(rules):
    agreement = situation_text(rules, "hjemmepleje-koereliste", "da")
    assert "I hvilke situationer skal bagvagten ringes op, før der handles?" in agreement
    assert "skal jeg spørges" not in agreement
    assert "Den første hverdag efter at bagvagten er blevet ringet op" in agreement
    report = situation_text(rules, "hjemmepleje-koereliste", "da", Format.text)
    assert "Aftal, hvornår bagvagten skal ringes op først" in report
    assert "hvornår du skal spørges først" not in report


def test_the_day_of_an_event_is_said_once(rules):
    agreement = situation_text(rules, "museum-trip-unclear", "en")
    assert "On the day itself, you can always reach me by phone." in agreement
    assert "all day" not in agreement
