"""What a cold reader crossed out in four situations of their own (a library, a night
team in supported housing, a payroll team, a parks officer), unseen by the rules'
authors: a night team told to ask an absent leader, "ask me first" beside "act first",
monitoring at Delegate, a six-week review to "decide the next step" of a ten-year
routine, a menu of support where a colleague is already named, and a vague promise to
clear up "what is unclear". In-process, one situation each."""

from __future__ import annotations

import pytest

from trustdose import i18n

from situations import situation_case, situation_text


@pytest.fixture(autouse=True)
def english_after():
    yield
    i18n.set_language("en")


def test_a_night_team_calls_the_back_up_and_looks_back_the_day_after(rules):
    text = situation_text(rules, "bofellesskap-natt", "nb")
    # what can wait is asked first, what cannot is acted on (a later read: an acute crisis
    # is out of the ordinary, and "call first" had them phone before acting)
    assert "Kan noe utenom det vanlige vente, ringer dere først til bakvakten" in text
    assert "kan det ikke vente, handler dere først og ringer etterpå" in text
    assert "ber dere meg om råd" not in text  # nobody to ask at night
    # to the back-up, who until the back-up line is there is the one the stop-gap names
    # (later reads: "tell the back-up" where it was a blank; then "tell me" to a leader
    # who is not at work at night)
    assert "## Gi bakvakten beskjed straks - En beboer forlater boligen" in text
    assert text.index("## Ved fare") < text.index("## Gi bakvakten beskjed straks")
    assert "Til det er en fast bakvakt, ring til: ....." in text
    assert "Her vil jeg spørres først" not in text  # not beside "handle først"
    assert "Dagen etter leser jeg vaktrapporten; er det noe vi bør snakke om, ringer jeg " \
           "eller kommer innom ved vaktskiftet." in text and "Første arbeidsdag" not in text
    assert "og gi bakvakten beskjed med en gang" in text  # not the absent leader
    assert "ferdige arbeidet" not in text


def test_a_weekend_team_still_looks_back_on_the_first_working_day(rules):
    # the day after is for a night or an evening; a weekend's is the working day after
    text = situation_text(rules, "hjemmepleje-koereliste", "da")
    assert "første hverdag" in text.lower() and "Dagen efter" not in text


def test_where_someone_may_be_in_danger_the_situations_are_told_at_once(rules):
    # a leader who is there (no back-up line): "tell me at once", after "act first", never
    # "ask me first"
    case = situation_case("bofellesskap-natt")
    case["task"] = {**case["task"], "tags": []}
    case["resources"] = {**case["resources"], "support": 4}
    text = situation_text(rules, "bofellesskap-natt", "en", task=case["task"],
                          resources=case["resources"])
    # the case's own situations: some wait for me, some cannot wait (a later cold read: a
    # care package cut against an objection, told "at once" afterwards)
    assert "## Come to me first in these situations - En beboer forlater boligen" in text
    assert "where needed), then tell me at once" in text


def test_at_delegate_the_leader_is_present_not_watching_and_the_review_looks_at_how_it_goes(
        rules):
    text = situation_text(rules, "bibliotek-kassation", "da")
    assert "Du bestemmer selv, hvornår du har brug for mig; du kan altid spørge" in text
    assert "følger med i, hvordan det går" not in text
    assert "ser vi sammen tilbage på, hvordan det er gået" in text and "næste skridt" not in text
    assert "Den 3. maj 2027" in text  # a settled low-risk routine: a quarter, not six weeks


def test_which_support_and_what_is_unclear_are_questions_for_the_first_talk(rules):
    parks = situation_text(rules, "parks-event-bookings", "en")
    assert "I make room for building the skill the task asks for: time, and the support we " \
        "choose together. -" in parks
    assert "a course, a mentor or a colleague" not in parks
    assert "What would build the skill best: a course, a mentor, or doing it alongside " \
           "someone?" in parks
    payroll = situation_text(rules, "lonegruppen-retroaktivt", "sv")
    # who decides it is the leader's to find out (a later cold read)
    assert "Vad är oklart i uppgiften eller ramarna? Det är min uppgift att ta reda på vem " \
        "som avgör det." in payroll
    assert "Senast den 15 februari 2027 reder jag ut det som fortfarande är oklart" in payroll
    assert "och återkommer med svaret så snart jag har det" in payroll  # no answer promised
