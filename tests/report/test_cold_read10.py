"""What the outside cold reads of issue 21 crossed out and the seventh round built: a
deadline read as a one-off day (four weeks of casework before a hearing got "shortly before
the day" and no contact until then); a licensed professional held at Consult, told to stop
for the leader's approval before a report of concern her duty makes her own, and watched
at her home visits; a next step at Inquire that said no decision is taken before it is
talked over."""

from __future__ import annotations

import pytest

import trustdose
from trustdose import i18n
from trustdose.report.agreement import build
from trustdose.report.agreement_markdown import render as markdown
from trustdose.report.formats import ReportFormat, render

HEARING = {"subject": {"name": "Dawn", "kind": "person"},
           "task": {"title": "Prevent the eviction before the hearing", "due": "2027-04-20"},
           "competence": 4, "intention": 4, "resources": 3.5,
           "risk": {"impact": 4, "reversibility": 4, "novelty": 2, "exposure": 3},
           "date": "2027-03-22"}
VISITS = {"subject": {"name": "Hilde"},
          "task": {"title": "Følge opp familien med ekstra hjemmebesøk", "kind": "project",
                   "safeguards": ["authorisation"]},
          "competence": 5, "intention": 5, "resources": 4.5,
          "risk": {"impact": 5, "reversibility": 4, "novelty": 2, "exposure": 2},
          "date": "2027-02-08"}


@pytest.fixture(autouse=True)
def english_after():
    yield
    i18n.set_language("en")


def said(case, rules, lang="en"):
    """The short report and the agreement, each as one line of words."""
    i18n.set_language(lang)
    a = trustdose.assess(case, rules)
    return (" ".join(render(ReportFormat.text, a).split()),
            " ".join(markdown(build(a)).split()))


def test_a_due_date_alone_is_a_deadline_followed_along_the_way(rules):
    report, agreement = said(HEARING, rules)
    assert "Deadline: 20 April 2027." in agreement and "When:" not in agreement
    assert "shortly before the day" not in agreement and "Before it starts" not in agreement
    # followed along the way until the hearing, and looked back at after it
    assert "brief-and-debrief" not in {m.id for m in trustdose.assess(HEARING, rules).feedback}
    assert "On 27 April 2027 we look back together" in agreement
    one_off = {**HEARING, "task": {**HEARING["task"], "kind": "one-off"}}
    assert "When: 20 April 2027." in said(one_off, rules)[1]


@pytest.mark.parametrize("lang", ["en", "da", "nb", "sv"])
def test_an_authorisation_makes_the_judgement_the_professionals_own(rules, lang):
    a = trustdose.assess(VISITS, rules)
    assert a.level.name == "inquire"
    assert not {"hold-point", "four-eyes", "written-instructions"} & {m.id for m in a.controls}
    report, agreement = said(VISITS, rules, lang)
    i18n.set_language(lang)
    title = i18n.pick(rules.measures()["authorisation"].item["title"])
    assert title in agreement and title.lower() in report
    # the cap's own reason names the level below: not the next step at Inquire
    reason = i18n.pick(rules.limit("irreversible-harm").item["reason"])
    step = report.split(i18n._("Next trust step").upper())
    assert len(step) == 2 and reason not in step[1]
    # her home visits are not watched: her work is looked at afterwards
    assert i18n._("Announced spot checks while the work is done") not in report
    without = {**VISITS, "task": {**VISITS["task"], "safeguards": []}}
    assert trustdose.assess(without, rules).level.name == "agree"


def test_from_advise_up_the_next_step_is_never_to_work_together_again(rules):
    # a caseworker who already decides on her own is not told to do the next few together
    case = {"subject": {"name": "Louise"}, "task": {"title": "Decide on sanctions"},
            "competence": 4, "intention": 4.5, "resources": 4, "risk": 2.5}
    grow = rules.rubrics["competence"].item
    step = trustdose.assess(case, rules).next_step
    assert step.level.name == "delegate" and "competence" in {c.dimension for c in step.changes}
    assert grow["grow_alone"]["en"] in step.message and grow["grow"]["en"] not in step.message
    lower = trustdose.assess({**case, "competence": 3}, rules).next_step
    assert lower.level.name == "advise" and grow["grow"]["en"] in lower.message


CAMP = {"subject": {"name": "Pædagogteamet", "kind": "team"},
        "task": {"title": "Sommerlejren med to overnatninger", "kind": "one-off",
                 "tags": ["night"], "people": "children", "due": "2027-06-29"},
        "competence": {"professional": 4, "relational": 5, "personal": 4, "experience": 3},
        "intention": {"responsibility": 5, "core-task": 5, "agreements": 4, "openness": 4},
        "resources": {"time": 3, "tools": 3, "clarity": 4, "support": 4},
        "risk": {"impact": 4, "reversibility": 4, "novelty": 3, "exposure": 3},
        "date": "2027-05-24"}


@pytest.mark.parametrize("lang", ["en", "da", "nb", "sv"])
def test_an_event_is_agreed_as_a_plan_with_the_leader_on_the_phone(rules, lang):
    from trustdose.report import event_words
    a = trustdose.assess(CAMP, rules)
    assert a.level.name == "agree" and "four-eyes" in {m.id for m in a.controls}
    assert "backup-line" in {m.id for m in a.feedback}
    agreement = said(CAMP, rules, lang)[1]
    i18n.set_language(lang)
    for text in (event_words.EVENT_AGREE_TEAM, event_words.ON_THE_DAY_BACKUP,
                 event_words.FOUR_EYES_TEAM):
        assert " ".join(i18n._(text).split()) in agreement
    # no signature where no one can sign, no second number beside mine, no back-up to
    # decide with while I am on the phone
    from trustdose.report.agreement_words import ASK, AWAY_DAILY_TEAM, BEFORE
    for text in (BEFORE["four-eyes"], ASK["backup-line"], AWAY_DAILY_TEAM["agree"]):
        assert " ".join(i18n._(text).split()) not in agreement


def test_at_consult_what_reaches_management_is_not_talked_over_first(rules):
    # I decide at Consult: what goes up to management I take there myself anyway (a cold
    # read of a complaint answered by the head)
    from trustdose.report.agreement_words import BEFORE
    case = {"subject": {"name": "Hannah"}, "task": {"title": "Answer the complaint",
                                                    "tags": ["leaders-decision"]},
            "competence": 5, "intention": 5, "resources": 5,
            "risk": {"impact": 3, "reversibility": 2, "novelty": 2, "exposure": 5}}
    a = trustdose.assess(case, rules)
    assert a.level.name == "consult" and "inform-up" in {m.id for m in a.controls}
    assert BEFORE["inform-up"] not in said(case, rules)[1]
    higher = {**case, "task": {"title": "Answer the complaint"}}
    assert trustdose.assess(higher, rules).level.number >= 4
    assert BEFORE["inform-up"] in said(higher, rules)[1]


def test_an_authorised_professionals_own_judgement_is_said_below_inquire(rules):
    # a licensed night nurse is never told to decide a fall "together with the back-up":
    # her assessments are hers; what is shared below Inquire is the work around them
    from trustdose.report.danger_words import OWN_JUDGEMENT
    nurse = {**VISITS, "task": {**VISITS["task"], "kind": "ongoing"},
             "competence": 3.5, "intention": 4}
    a = trustdose.assess(nurse, rules)
    assert a.level.number < 6
    assert OWN_JUDGEMENT in said(nurse, rules)[1]
    # at Agree, said instead of "we decide together" (with a back-up, or with me)
    at_night = {**nurse, "task": {**nurse["task"], "tags": ["night"]}, "competence": 3}
    assert trustdose.assess(at_night, rules).level.name == "agree"
    words = said(at_night, rules)[1]
    assert OWN_JUDGEMENT in words and "decide together with the back-up" not in words
    assert OWN_JUDGEMENT not in said(VISITS, rules)[1]  # at Inquire it goes without saying
    plain = {**nurse, "task": {**nurse["task"], "safeguards": []}}
    assert OWN_JUDGEMENT not in said(plain, rules)[1]


def test_an_on_call_team_is_followed_by_its_log_not_at_a_shift_change(rules):
    from trustdose.report.agreement_words import TOUCH
    case = {"subject": {"name": "Vinterjouren", "kind": "team"},
            "task": {"title": "Halkbekämpning under jourveckor", "kind": "ongoing",
                     "tags": ["on-call", "night"]},
            "competence": 4, "intention": 4, "resources": {"time": 4, "tools": 4,
                                                           "clarity": 4, "support": 2},
            "risk": 3}
    a = trustdose.assess(case, rules)
    assert "backup-line" in {m.id for m in a.feedback} and a.level.name != "delegate"
    agreement = said(case, rules)[1]
    assert TOUCH["backup-line-on-call"] in agreement
    assert "shift change" not in agreement
    night = {**case, "task": {**case["task"], "tags": ["night"]}}
    assert TOUCH["backup-line-next-day"] in said(night, rules)[1]


def test_a_board_says_what_lets_an_area_be_as_high_as_it_is_in_one_line(rules):
    # the area's routine in the case's own words, not the cap's reason for the level below
    # (a cold read: "a mistake could do serious harm" under a medicine change at Advise)
    import pathlib

    from trustdose.board.assess import assess_board
    from trustdose.io.source import parse_text
    from trustdose.report.board import why_line
    path = pathlib.Path(__file__).parents[2] / "examples/boards/hjemmepleje-weekendteam.yaml"
    board = assess_board(parse_text(path.read_text(encoding="utf-8"), path.name), rules)
    medicine = board.areas[2]
    assert medicine.parts.decided.value.held_by == "written-instructions"
    assert why_line(medicine) == ("The level can be this high because this is in place: "
                                  "Medicininstruksen.")


def test_a_routine_at_inquire_is_not_a_report_on_each_decision(rules):
    from trustdose.report.agreement_words import DAILY, DAILY_ROUTINE
    case = {"subject": {"name": "Mona"}, "task": {"title": "Grant small sums", "kind": "routine"},
            "competence": 4, "intention": 4, "resources": 4, "risk": 2}
    a = trustdose.assess(case, rules)
    assert a.level.name == "inquire"
    agreement = said(case, rules)[1]
    assert DAILY_ROUTINE["inquire"] in agreement and DAILY["inquire"] not in agreement
    once = {**case, "task": {"title": "Grant small sums", "kind": "project"}}
    assert DAILY["inquire"] in said(once, rules)[1]


def test_an_authorised_professionals_work_goes_on_while_the_frame_is_fixed(rules):
    # her duty does not wait for my part (a cold read: a newborn not gaining weight held
    # two weeks at "we decide together" while the leader freed her time)
    short = {**VISITS, "risk": 1,
             "resources": {"time": 1, "tools": 4, "clarity": 4, "support": 3}}
    a = trustdose.assess(short, rules)
    assert a.frame_first is not None and a.frame_first.measures
    assert a.frame_first.meanwhile.number == a.level.number
    plain = {**short, "task": {**short["task"], "safeguards": []}}
    held = trustdose.assess(plain, rules).frame_first
    assert held is not None and held.meanwhile.number < held.level.number


def test_no_spot_checks_of_night_work_the_leader_goes_through_the_next_day(rules):
    # the report as the agreement: a back-up's night is gone through afterwards, not
    # sampled while it is done (a cold read of crises at night, the leader off duty)
    from situations import situation_text
    report = situation_text(rules, "bofellesskap-natt", "en", ReportFormat.text)
    assert "spot checks" not in report.lower()


def test_a_one_offs_report_asks_for_no_two_proposals(rules):
    from situations import situation_case
    case = situation_case("pressesag-madservice")
    a = trustdose.assess(case, rules)
    assert "sparring" in {m.id for m in a.feedback}  # the agreement's time to think it over
    report = said(case, rules)[0]
    i18n.set_language("en")
    assert i18n.pick(rules.measures()["sparring"].item["title"]) not in report


def test_the_leaders_own_words_for_the_homework_carry_their_own_timing(rules):
    # no date of the tool's before them (cold reads: "By 22 February: I move the school
    # health service to Tone" put a newborn's follow-up two weeks off)
    freeing = "I move the school health service at Birch Hill to Tone until March."
    short = {**VISITS, "risk": 1, "task": {**VISITS["task"], "facts": {"prioritise": freeing}},
             "resources": {"time": 1, "tools": 4, "clarity": 4, "support": 3}}
    agreement = said(short, rules)[1]
    assert "- " + freeing in agreement and ": " + freeing not in agreement
