"""What a strict reader still crossed out after the fourth cold read's fixes (issue 21's
last crossings-out): the level where a skill or new ground holds it, a weekend team told
to ask an absent leader, and the per-case lines. In-process, one situation each."""

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


def test_a_skill_that_needs_support_holds_advise_and_says_so_as_a_skill(rules):
    a = trustdose.assess(situation_case("teacher-parent-messages"), rules)
    assert a.level.name == "advise" and a.frame_first is None
    step = a.next_step.message
    assert step.startswith("What holds the level: the hard parts of the task still need your "
                           "support.") and "Inquire opens" in step
    assert "experienced colleague" not in step  # not to an experienced teacher
    raised = situation_case("teacher-parent-messages", competence={
        "professional": 5, "relational": 4, "personal": 4, "experience": 5})
    assert trustdose.assess(raised, rules).level.name == "inquire"


def test_new_ground_holds_inquire_without_warning_the_leaders_advise(rules):
    a = trustdose.assess(situation_case("lesesatsing-uten-tid"), rules)
    assert (a.level.name, a.capped_by) == ("inquire", "new-ground")
    assert not a.warnings
    known = situation_case("lesesatsing-uten-tid", risk={
        "impact": 2, "reversibility": 2, "novelty": 2, "exposure": 2})
    assert trustdose.assess(known, rules).level.name == "delegate"


def test_a_weekend_team_decides_alone_meanwhile_with_a_back_up_line(rules):
    agreement = situation_text(rules, "hjemmepleje-koereliste", "da")
    assert "spørg mig til råds først" not in agreement
    assert "vagttelefon eller en bagvagt" in agreement
    # at Delegate only a weekend that needed the back-up is gone through (a cold read:
    # every weekend gone through on Monday is Inquire)
    assert "Den første hverdag læser jeg det, der er noteret i weekenden" in agreement
    assert "Den første hverdag, jeg er tilbage" not in agreement
    report = situation_text(rules, "hjemmepleje-koereliste", "da", Format.text)
    assert "beslutter de allerede selv" in report and "gælder »Rådgive«" not in report
    assert "Vær til at få fat på" not in report
    # without the weekend the leader can be asked: prepared at Advise, and be reachable
    weekday = situation_case("hjemmepleje-koereliste")
    weekday["task"] = {k: v for k, v in weekday["task"].items() if k != "tags"}
    a = trustdose.assess(weekday, rules)
    assert a.frame_first.meanwhile.name == "advise"
    assert "be-reachable" in a.frame_first.measures


@pytest.mark.parametrize("name, lang, kind, said, crossed", [
    ("skolkok-specialkost", "sv", Format.agreement, "Inom rutinen fattar ni själva",
     "Bestäm själva, men be mig om råd först"),
    ("ydelsesteam-enkeltydelser", "da", Format.text,
     "Den skriftlige retningslinje for enkeltydelser (allerede på plads)",
     "Skriftlige instrukser at handle ud fra"),
    ("vardagsrehabilitering", "sv", Format.agreement, "Då och då går vi igenom några ärenden",
     "som den som gör uppgiften kallar till"),
    ("ny-behovsvurderer", "nb", Format.agreement, "I dag bestiller jeg verktøyene",
     "Jeg sørger for at verktøyene"),
    ("ny-behovsvurderer", "nb", Format.agreement, "Hvilken erfaren kollega blir det", ""),
    ("pressesag-madservice", "da", Format.agreement, "Ring straks til mig", "Her spørges jeg"),
    # a cold read: "dagen … hele dagen" said the day twice
    ("barnehagetur-vannet", "nb", Format.agreement, "Mens det pågår, kan jeg alltid nås på "
     "telefon", "hele dagen"),
    # the choice said as theirs, never as "not mine" (a cold read: a leader disclaiming)
    ("barnehagetur-vannet", "nb", Format.agreement, "valget er deres", "ikke mitt"),
    ("pressesag-madservice", "da", Format.agreement, "valget er dit", "ikke min"),
    # a kitchen has no "cases"; a leader off at weekends is not "close to the work"
    ("skolkok-specialkost", "sv", Format.agreement, "ett exempel från det egna arbetet", "ärende"),
    ("hjemmepleje-koereliste", "da", Format.agreement, "Den første hverdag",
     "tæt på arbejdet"),
    ("barnehagetur-vannet", "nb", Format.agreement, "Mens det pågår", "nær arbeidet"),
    ("skolkok-specialkost", "sv", Format.agreement, "Jag säger till direkt om ramarna",
     "Att få veta direkt"),  # a promise, as in English, not a fragment
    ("youth-club-new-leader", "en", Format.text, "Intention is not known yet",
     "is the weakest precondition"),
    ("youth-club-new-leader", "en", Format.agreement, "Within the routine, the day-to-day",
     "The decisions that matter we take together"),
])
def test_the_per_case_lines_read_as_the_case_is(rules, name, lang, kind, said, crossed):
    text = situation_text(rules, name, lang, kind)
    assert said in text
    assert not crossed or crossed not in text


@pytest.mark.parametrize("lang, said", [("nb", "men forutsetningene og risikoen gir bare"),
                                        ("sv", "men förutsättningarna och risken räcker bara")])
def test_the_overdose_warning_names_the_risk_beside_the_preconditions(rules, lang, said):
    text = situation_text(rules, "barnehagetur-vannet", lang, Format.text, planned_level=7)
    assert said in text


@pytest.mark.parametrize("kind", ["ongoing", "routine", "project"])
def test_a_due_date_of_a_task_that_goes_on_is_a_deadline_not_a_day(rules, kind):
    # a coach pass: a column of deadlines made every ongoing task a one-off day ("Dato:",
    # "Shortly before the day, we go through the plan")
    import datetime as dt
    from helpers import make_case
    day = dt.date(2027, 1, 11)
    due = {"title": "Close the month's accounts", "kind": kind, "due": "2027-02-01"}
    a = trustdose.assess(make_case(4, 4, 4, 2, task=due, date=day.isoformat()), rules)
    text = " ".join(render(Format.agreement, a).split())
    assert "Deadline: 1 February 2027." in text and "When: 1 February" not in text
    assert "brief-and-debrief" not in [m.id for m in a.feedback]
    assert "before the day" not in text
    event = trustdose.assess(make_case(4, 4, 4, 2, task={**due, "kind": "one-off"},
                                       date=day.isoformat()), rules)
    assert "When: 1 February 2027." in " ".join(render(Format.agreement, event).split())
    assert "brief-and-debrief" in [m.id for m in event.feedback]


def test_the_next_step_names_a_team_as_a_team_and_a_person_as_one(rules):
    # a tmux read: "hvilken del medarbeideren eller teamet vil eie" for a known team; the
    # words are remembered, so a person and a team of the same answers come one after the
    # other here
    from helpers import make_case
    i18n.set_language("nb")  # one compiled rule set (kept with `rules`) remembers them
    said = {}
    for kind in ("person", "team", "person"):
        case = make_case(4, 3, 4, 2, subject={"name": "Blåbær", "kind": kind})
        said.setdefault(kind, set()).add(trustdose.assess(case, rules).next_step.message)
    (person,), (team,) = said["person"], said["team"]
    assert "hvilken del medarbeideren vil ta eierskap til" in person and "teamet" not in person
    assert "hvilken del teamet vil ta eierskap til" in team and "medarbeideren" not in team


def test_situations_the_leader_named_put_agreeing_them_in_place(rules):
    # a tmux run: the leader typed when to be asked first, and the plan still said
    # "Aftal, hvornår du skal spørges først" (`done_by: escalate`)
    from helpers import make_case
    i18n.set_language("da")
    task = {"title": "Vagtplanen", "escalate": ["Hvis to på samme vagt er nye"]}
    named = trustdose.assess(make_case(4, 4, 4, 2.5, task=task), rules)
    bare = trustdose.assess(make_case(4, 4, 4, 2.5, task={"title": "Vagtplanen"}), rules)
    by_id = {m.id: m for m in named.controls}
    assert by_id["escalation-criteria"].in_place
    assert not {m.id: m for m in bare.controls}["escalation-criteria"].in_place
    agreement = render(Format.agreement, named)
    assert "Hvis to på samme vagt er nye" in agreement and "Aftal, hvornår" not in agreement


def test_frame_first_says_the_leaders_own_words_for_their_part(rules):
    # a strict read: the report said "frigör tid" where the case's own words say the
    # planning time cut in the autumn is given back
    text = situation_text(rules, "forskolelag-utan-planeringstid", "sv", Format.text)
    assert "din del kommer först: ”Jag återställer er planeringstid, den som skars ner i " \
           "höstas”; dessutom: var lätt att nå." in text and "frigör tid för uppgiften" not in text


def test_a_high_risk_lifted_by_a_safeguard_is_not_said_as_deciding_together(rules):
    # a second cold read: "opgavens risiko er høj, så I beslutter sammen" beside Rådgive
    text = situation_text(rules, "pressesag-madservice", "da", Format.text)
    assert "Rådgive" in text and "beslutter sammen" not in text
    # nor "no decision is taken alone" where he decides once he has asked (a later read)
    # and not the cap's own reason beside a safeguard that lifts it: what it allows
    assert "så ingen beslutning træffes, før den er vendt med dig" not in " ".join(text.split())
    assert "kan niveauet ligge her, men ikke højere, så længe opgaven er den samme" \
        in " ".join(text.split())
    assert "træffes alene" not in text


def test_hours_set_above_the_leader_are_promised_as_what_the_leader_can_say(rules):
    """A cold read of the boards crossed out "I free up the time the task needs" where the
    report itself says the hours are to be taken upward."""
    case = situation_case("lesesatsing-uten-tid")
    case["task"] = {k: v for k, v in case["task"].items() if k != "facts"}  # no own words
    a = trustdose.assess(case, rules)
    assert a.frame_first is not None and a.frame_first.upward
    text = " ".join(render(Format.agreement, a).split())
    assert "the hours themselves I take up with my own manager" in text
    assert "I will free up your time" not in text


def test_a_routine_checked_before_each_decision_is_not_said_to_be_theirs_day_to_day(rules):
    """A cold read of a board: sanctions agreed at Agree, each gone through before it is
    sent, under "within the routine the day-to-day calls are yours"."""
    from trustdose.intake import assess_document
    from trustdose.io.source import Document
    case = {"subject": {"name": "Mette"}, "date": "2027-01-11",
            "task": {"title": "Sanctions", "kind": "routine", "people": "citizens",
                     "tags": ["citizen-decision"]}, "competence": 4, "intention": 4,
            "resources": 4, "risk": {"impact": 4, "reversibility": 3, "novelty": 2,
                                     "exposure": 3}}
    a = assess_document(Document("<case>", case), rules, agreed=4)
    assert a.level.name == "agree" and "review-point" in {m.id for m in a.controls}
    text = " ".join(render(Format.agreement, a).split())
    assert "The decisions that matter we take together" in text
    assert "day-to-day calls are yours" not in text


def test_a_first_round_tried_out_is_how_it_starts_not_a_check_before_each_decision(rules):
    """A cold read: "a limited first round" under "Before a decision takes effect" at
    Advise read as a check that takes the decision back."""
    case = situation_case("parks-event-bookings")
    case["risk"] = {**case["risk"], "novelty": 4}  # a kind of booking never done here
    case["task"] = {**case["task"], "kind": "project"}  # running work has no first round
    a = trustdose.assess(case, rules)
    assert a.level.number >= 5 and "pilot" in {m.id for m in a.controls}
    text = render(Format.agreement, a)
    start = text[text.index("## How we start"):]
    assert "We start with a limited first round" in start.split("\n## ")[0]
    assert "## Before a decision takes effect" not in text


def test_night_staff_are_told_what_to_do_until_the_back_up_is_there(rules):
    """A cold read: night staff told to call a back-up the leader will arrange by
    February, and nothing about tonight; the report said the level 'starts' for work
    that runs every night."""
    text = situation_text(rules, "bofellesskap-natt", "nb")
    # the day it holds by said once, in the level's words (a later cold read)
    # tonight: a name and a number written in, what is written down, then that call
    assert "## Fram til bakvakten er på plass Til det er en fast bakvakt, ring til: ....." in text
    assert "Følg ellers det som står skrevet" in text and "ring legevakten" in text
    assert text.count("15. februar 2027") == 1
    report = situation_text(rules, "bofellesskap-natt", "nb", Format.text)
    assert "arbeidet fortsetter som i dag, på dette nivået" in report
