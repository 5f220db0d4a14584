"""What three demanding cold readers (the sixth round, issue 21) crossed out: a stop-gap
that left what the written routine does not cover to wait where no one answers (night
staff, home care); an exception to a school kitchen's allergy routine left to the team's
own choice after my advice, and allergens looked for only after the food was eaten; "act
first" that told no one what to do; a promise of being "easy to reach" that says nothing."""

from __future__ import annotations

import pytest

import trustdose
from trustdose import i18n
from trustdose.report.agreement_markdown import render as markdown
from trustdose.report.agreement import build

from trustdose.report.formats import ReportFormat, render

from situations import situation_case, situation_text

TEXT = ReportFormat.text  # the short report


@pytest.fixture(autouse=True)
def english_after():
    yield
    i18n.set_language("en")


def agreement(case, rules, lang="en"):
    i18n.set_language(lang)
    return " ".join(markdown(build(trustdose.assess(case, rules))).split())


def test_what_the_written_routine_does_not_cover_waits_for_advice(rules):
    # Advise only because the written allergy routine lifts a cap that would hold at
    # Consult: the routine is theirs; an exception to it is not done before my advice, and
    # not "choose whether to follow it"; nor Agree's words under Advise (the next reads)
    case = situation_case("skolkok-specialkost")
    a = trustdose.assess(case, rules)
    assert a.level.name == "advise" and a.parts.decided.value.uncovered == 4
    text = agreement(case, rules)
    assert "what it does not cover is not done until you have asked me for advice, and " \
        "then you decide" in text
    assert "whether to follow it" not in text and "we decide together" not in text
    # without the routine the cap holds, and nothing is said as covered by it
    bare = {**case, "task": {**case["task"], "safeguards": [], "facts": {}}}
    assert trustdose.assess(bare, rules).parts.decided.value.uncovered is None


def test_a_mistake_that_cannot_be_put_right_is_looked_for_before_it_reaches_anyone(rules):
    case = situation_case("skolkok-specialkost")
    text = agreement(case, rules)
    assert "I look at the work as it is done, before it reaches anyone" in text
    # where a mistake can be put right, some of the finished work afterwards, announced
    mild = {**case, "risk": {**case["risk"], "reversibility": 2}}
    text = agreement(mild, rules)
    assert "before it reaches anyone" not in text


@pytest.mark.parametrize("lang, said", [
    ("en", "call the out-of-hours doctor or the number above, whichever the situation needs: "
           "never wait to get help"),
    ("da", "så ring til lægevagten eller nummeret ovenfor, alt efter hvad der er brug for – "
           "vent aldrig med at skaffe hjælp"),
    ("nb", "ring legevakten (116 117) eller nummeret over, alt etter hva som trengs – vent "
           "aldri med å skaffe hjelp"),
    ("sv", "ring jourläkaren eller numret ovan, beroende på vad som behövs – vänta aldrig med "
           "att tillkalla hjälp")])
def test_the_stop_gap_never_leaves_anything_to_wait_where_no_one_answers(rules, lang, said):
    # for people in care, help that can always be had is called (a later cold read: "do
    # nothing that cannot be put right until someone is reached" left a fracture till
    # morning); elsewhere, nothing that cannot be put right before someone is reached
    text = agreement(situation_case("bofellesskap-natt"), rules, lang)
    stop_gap = text[text.index("## " + i18n._("Until the back-up is in place")):]
    assert said in stop_gap
    case = situation_case("bofellesskap-natt")
    for people in ("the tenants", "young-people"):  # a youth club's evening: no doctor's
        own = {**case, "task": {**case["task"], "people": people}}
        assert said not in agreement(own, rules, lang), people
    assert not any(word in stop_gap for word in ("venter til", "venter, til", "får vänta",
                                                  "waits for"))


def test_act_first_says_whom_to_call(rules):
    case = situation_case("barnehagetur-vannet")
    assert "ring 113 eller 112 om nødvendig" in agreement(case, rules, "nb")
    assert "act first (call the emergency services where needed)" in agreement(case, rules)
    # people in the case's own words are not taken to be in care (a later cold read: the
    # line said to a caseworker on sanctions)
    own = {**case, "task": {**case["task"], "people": "borgerne på kontanthjælp"}}
    assert "act first" not in agreement(own, rules)


def test_being_there_is_promised_as_what_they_get(rules):
    text = agreement(situation_case("bibliotek-kassation"), rules)
    assert "You decide when you need me; you can always ask." in text
    assert "easy to reach" not in text


def test_a_team_whose_time_is_short_brings_no_piece_of_work_to_a_meeting(rules):
    # a team whose planning time was cut: no monthly piece of own work at a team meeting
    case = situation_case("forskolelag-utan-planeringstid")
    assert case["resources"]["time"] <= 2
    ids = [m.id for m in trustdose.assess(case, rules).feedback]
    assert "peer-feedback" not in ids
    freed = {**case, "resources": {**case["resources"], "time": 4}}
    assert "peer-feedback" in [m.id for m in trustdose.assess(freed, rules).feedback]


def test_time_freed_is_promised_where_a_risk_not_a_reserved_decision_holds_the_level(rules):
    # a nurse's home visits held at Agree by a harm that cannot be undone: the work is
    # hers, and so is the time; the leader's own sentence on it is in the agreement
    freeing = "I move the school health service at Birch Hill to Tone until March."
    case = {"subject": {"name": "Hilde"}, "date": "2027-02-08",
            "task": {"title": "Extra home visits to a family with a newborn", "kind": "project",
                     "facts": {"prioritise": freeing}},
            "competence": 5, "intention": 5,
            "resources": {"time": 1, "tools": 4, "clarity": 4, "support": 3},
            "risk": {"impact": 5, "reversibility": 4, "novelty": 2, "exposure": 3}}
    assert trustdose.assess(case, rules).level.name == "agree"
    first = agreement(case, rules)
    assert "## First, from me - " + freeing in first


def test_only_a_decision_on_a_citizens_rights_says_how_to_appeal(rules):
    # a cold read: "when the decision can be appealed" for a nurse's assessment of a fall
    case = {"subject": {"name": "Eva"}, "task": {"title": "Assess falls at night"},
            "competence": 4, "intention": 4, "resources": 4,
            "risk": {"impact": 4, "reversibility": 4, "novelty": 4, "exposure": 4}}
    assert "document-grounds" in [m.id for m in trustdose.assess(case, rules).controls]
    text = agreement(case, rules)
    assert "with its grounds, so that it can be explained" in text and "appeal" not in text
    refusal = {**case, "task": {**case["task"], "tags": ["citizen-decision"]}}
    assert "how to appeal" in agreement(refusal, rules)


def test_a_one_off_has_no_ordinary_to_be_out_of(rules):
    # a press reply due tomorrow: advice before the decisions that matter most
    text = agreement(situation_case("pressesag-madservice"), rules, "da")
    assert "før de vigtigste af dem spørger du mig til råds" in text
    assert "ud over det sædvanlige" not in text


def test_agree_where_the_leader_cannot_be_asked_is_with_the_back_up_for_what_cannot_wait(rules):
    # a night nurse alone at three in the morning: not "neither of us decides alone"
    case = {"subject": {"name": "Ebba"}, "date": "2027-01-11",
            "task": {"title": "Assess falls at night", "kind": "ongoing", "tags": ["night"],
                     "people": "residents"},
            "competence": {"professional": 4, "relational": 4, "personal": 4, "experience": 2},
            "intention": 4, "resources": 4,
            "risk": {"impact": 4, "reversibility": 4, "novelty": 3, "exposure": 4}}
    a = trustdose.assess(case, rules)
    assert a.level.name == "agree"
    text = agreement(case, rules)
    assert "What cannot wait for me, you decide together with the back-up" in text
    assert "The decisions that matter we take together" not in text
    day = {**case, "task": {**case["task"], "tags": []}}
    assert "The decisions that matter we take together" in agreement(day, rules)


def test_a_one_off_with_nights_is_debriefed_once_not_read_up_each_morning(rules):
    # a summer camp with two nights: the briefing and debrief, no "handover at the shift
    # change" read the day after
    case = {"subject": {"name": "The after-school team", "kind": "team"},
            "date": "2027-05-24",
            "task": {"title": "Run the summer camp", "kind": "one-off", "tags": ["night"],
                     "people": "children", "due": "2027-06-29"},
            "competence": 4, "intention": 5,
            "resources": {"time": 3, "tools": 3, "clarity": 4, "support": 3},
            "risk": {"impact": 4, "reversibility": 4, "novelty": 3, "exposure": 3}}
    a = trustdose.assess(case, rules)
    assert {"brief-and-debrief", "backup-line"} <= {m.id for m in a.feedback}
    text = agreement(case, rules)
    assert "Shortly before the day" in text and "handover report" not in text


def test_a_good_precondition_is_not_called_the_weakest(rules):
    # resources at 4.0, the lowest of three good ones: not "the weakest" (a cold read of
    # the benefits team's grants, read as a weakness)
    from trustdose.board.assess import assess_board
    from trustdose.io.source import read_file
    from trustdose.report.board import render_text
    from helpers import EXAMPLES
    i18n.set_language("nb")
    board = assess_board(read_file(EXAMPLES / "boards" / "ytelsesteam-nav.yaml"), rules)
    text = " ".join(render_text(board, 100).split())
    assert "Alle forutsetningene er gode; den laveste, ressurser (4,0), gir grunnlag for " \
        "«Bli orientert»." in text
    assert "svakeste" not in text


def test_night_staff_are_met_at_the_shift_change_not_at_a_weekly_talk(rules):
    text = agreement(situation_case("bofellesskap-natt"), rules, "nb")
    assert "En gang i uka kommer jeg innom ved vaktskiftet" in text
    assert "En kort, fast avsjekk hver uke" not in text


def test_a_level_planned_below_is_the_start_and_the_next_step_is_the_one_supported(rules):
    # a cold read: "this is the highest level" beside an agreement written one step below
    a = trustdose.assess(situation_case("ydelsesteam-enkeltydelser"), rules)
    assert a.planned.number == a.level.number - 1
    text = situation_text(rules, "ydelsesteam-enkeltydelser", "da", TEXT)
    assert "Du har planlagt »Blive orienteret«, lavere end »Uddelegere«" in text
    assert "højeste niveau" not in text


def test_a_level_planned_below_waits_for_the_leaders_part_too(rules):
    # a cold read: a reading lead planned at Advise told to decide over the teachers before
    # she had the time or the mandate the report says come first
    from trustdose.intake import assess_document
    from trustdose.io.source import Document
    case = situation_case("lesesatsing-uten-tid")
    plain = trustdose.assess(case, rules)
    held = assess_document(Document("<case>", case), rules, agreed=plain.planned.number)
    assert held.level == plain.planned and held.frame_first.start_by == \
        plain.frame_first.start_by
    text = " ".join(markdown(build(held)).split())
    assert "Det gjelder fullt ut når jeg har gjort min del" in text or \
        "This holds in full once I have done my part" in text


def test_work_that_runs_at_its_level_already_goes_on_while_the_back_up_is_arranged(rules):
    # a gritting team on call: "once I have done my part" said nothing of the weeks until
    case = {"subject": {"name": "The gritting team", "kind": "team"}, "date": "2027-01-11",
            "task": {"title": "Grit the roads on call", "kind": "ongoing", "tags": ["on-call"]},
            "competence": 5, "intention": 5,
            "resources": {"time": 4, "tools": 4, "clarity": 4, "support": 2},
            "risk": {"impact": 3, "reversibility": 2, "novelty": 2, "exposure": 3}}
    a = trustdose.assess(case, rules)
    assert a.frame_first.meanwhile == a.level
    text = agreement(case, rules)
    assert "This holds already, as the work runs now; my part, listed under 'First, from " \
        "me', I will have done by 25 January 2027." in text
    assert "once I have done my part" not in text
    # they decide alone already: the stop-gap names the back-up and holds nothing back
    # (a cold read: the roads unsalted at dawn while no one answered)
    assert "Until there is a fixed back-up, call: ....." in text
    assert "do nothing that cannot be put right" not in text


def test_the_situations_the_case_names_are_said_as_agreed_not_as_a_task(rules):
    text = situation_text(rules, "pressesag-madservice", "da", TEXT)
    assert "Hvornår du skal spørges først: står i aftalen" in text
    assert "Aftal, hvornår du skal spørges først" not in text
    # where someone in care may be in danger: told after acting, and no back-up said to be
    # in place that is not (two cold reads)
    trip = situation_text(rules, "barnehagetur-vannet", "nb", TEXT)
    assert "Når du skal ha beskjed med en gang i etterkant: står i avtalen" in trip
    night = situation_text(rules, "bofellesskap-natt", "nb", TEXT)
    assert "Når bakvakten skal ha beskjed med en gang i etterkant" in night
    assert "ringes først (allerede på plass)" not in night
    assert "«Gi råd» gjelder allerede, slik arbeidet går i dag" in night


def test_work_that_goes_on_has_no_milestones_in_the_report(rules):
    # a cold read: "at the agreed milestones" for an ongoing caseload, which has none
    case = {"subject": {"name": "Kim"}, "task": {"title": "Sanctions", "kind": "ongoing"},
            "competence": 4, "intention": 4, "resources": 4, "risk": 2}
    a = trustdose.assess(case, rules)
    assert "checkin-milestones" in [m.id for m in a.feedback]
    text = render(ReportFormat.text, a)
    assert "A short talk when they ask for it" in text and "milestone" not in text
    project = {**case, "task": {**case["task"], "kind": "project"}}
    assert "Check-ins at milestones they call" in render(
        ReportFormat.text, trustdose.assess(project, rules))


def test_work_that_runs_already_is_not_cut_down_to_a_first_round(rules):
    # two cold reads: a night nurse's falls come when they come
    case = situation_case("parks-event-bookings")
    case["risk"] = {**case["risk"], "novelty": 4}
    a = trustdose.assess(case, rules)
    assert case["task"]["kind"] == "ongoing" and "pilot" in {m.id for m in a.controls}
    assert "limited first round" not in agreement(case, rules)
    assert "Start small" not in render(ReportFormat.text, a)


def test_the_frame_first_line_names_the_level_planned_below(rules):
    # a cold read: "Bli orientert gjelder senest fra 25. januar" in the report, the
    # agreement at Gi råd as planned
    text = situation_text(rules, "lesesatsing-uten-tid", "nb", TEXT)
    assert "«Gi råd» gjelder senest fra 25. januar 2027" in text
    assert "«Bli orientert» gjelder senest" not in text


def test_the_report_says_spot_checks_as_the_agreement_does_where_harm_cannot_be_undone(rules):
    text = situation_text(rules, "skolkok-specialkost", "sv", TEXT)
    assert "Aviserade stickprov medan arbetet görs" in text and "i efterhand" not in text
