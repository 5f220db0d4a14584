"""What a strict cold read still crossed out after the last fixes (issue 21): each line as
the case is, in the leader's language. In-process, one situation each."""

from __future__ import annotations

import datetime as dt

import pytest

import trustdose
from trustdose import i18n
from trustdose.report.formats import ReportFormat as Format, render

from situations import situation_case, situation_text

@pytest.fixture(autouse=True)
def english_after():
    yield
    i18n.set_language("en")


@pytest.mark.parametrize("name, lang, kind, said, crossed", [
    # a title that reads as a form field, and a question without saying about what
    ("youth-club-new-leader", "en", Format.text, "Find out what they want",
     "Find out more about"),
    ("youth-club-new-leader", "en", Format.agreement, "I do not know yet how you see the task",
     "Where am I unsure"),
    # children and young people at an evening club: in danger, act first
    ("youth-club-new-leader", "en", Format.agreement,
     "If a young person is in danger, act first", "welfare"),
    # a new needs assessor acts (home visits): not "before anything is done"
    ("ny-behovsvurderer", "nb", Format.agreement, "Før en beslutning trer i kraft",
     "Før noe gjøres"),
    # the frame's own gap, not "time, access or clarity"
    ("ny-behovsvurderer", "nb", Format.text, "rammene mangler – verktøy og tilganger –",
     "tid, tilganger eller klarhet"),
    ("pressesag-madservice", "da", Format.text, "rammen mangler – tid –",
     "tid, adgange eller klarhed"),
    # a seasoned occupational therapist at Delegate: no talk at every milestone
    ("vardagsrehabilitering", "sv", Format.agreement, "Då och då går vi igenom", "delmål"),
    # peer feedback said as when and how
    ("ydelsesteam-enkeltydelser", "da", Format.agreement,
     "med på teammødet", "på aftalte tidspunkter"),
])
def test_the_lines_a_strict_reader_crossed_out(rules, name, lang, kind, said, crossed):
    text = situation_text(rules, name, lang, kind)
    assert said in text
    assert not crossed or crossed not in text


def test_the_unsure_answers_title_is_in_the_language_and_names_them(rules):
    i18n.set_language("da")
    case = situation_case("youth-club-new-leader", intention={
        "responsibility": 4, "core-task": 4, "agreements": 4, "openness": 4},
        competence={"professional": 4, "relational": 4, "personal": "?", "experience": "?"})
    titles = [m.title for m in trustdose.assess(case, rules).feedback]
    assert "Find ud af, hvor kompetencerne ligger (selvledelse og erfaring)" in titles


@pytest.mark.parametrize("lang, said", [("da", "28. december 2026"), ("nb", "28. desember 2026"),
                                        ("sv", "28 december 2026"), ("en", "28 December 2026")])
def test_the_review_date_is_written_the_languages_way_in_agreement_and_checklist(
        rules, lang, said):
    # a Danish batch showed "Evaluering den 28 December 2026"
    i18n.set_language(lang)
    case = situation_case("ny-behovsvurderer", date="2026-12-01")
    a = trustdose.assess(case, rules, review_date=dt.date(2026, 12, 28))
    for kind, full in ((Format.agreement, False), (Format.text, True), (Format.markdown, True)):
        assert said in " ".join(render(kind, a, full=full).split()), kind
