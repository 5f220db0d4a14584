"""What a fourth, stricter cold read crossed out (issue 21): the closing question that
reopened the level, slogans, demands filed as promises, the leader's homework as what
the leader does by when, the frame first as the leader's part, British dates, and a
one-off's specifics. In-process, one situation each."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

import trustdose
from trustdose import i18n
from trustdose.report.formats import ReportFormat as Format, render

from helpers import ROOT

SITUATIONS = ROOT / "examples" / "situations"


@pytest.fixture(autouse=True)
def english_after():
    yield
    i18n.set_language("en")


def _doc(rules, name: str, lang: str, kind: Format = Format.agreement) -> str:
    i18n.set_language(lang)
    case = yaml.safe_load((SITUATIONS / f"{name}.yaml").read_text(encoding="utf-8"))
    return render(kind, trustdose.assess(case, rules))


@pytest.mark.parametrize("name, lang", [("museum-trip-unclear", "en"),
                                        ("barnehagetur-vannet", "nb"),
                                        ("forskolelag-utan-planeringstid", "sv"),
                                        ("teacher-parent-messages", "en")])
def test_the_agreement_never_reopens_the_level_or_files_a_demand_as_a_promise(rules, name,
                                                                               lang):
    text = _doc(rules, name, lang)
    for crossed in ("How much do you want to decide", "Hvor mye skal bestemmes uten meg",
                    "Hur mycket ska avgöras utan mig", "hvilke deler kan bestemmes uten meg",
                    "come with two proposals", "kom med to forslag", "kom med två förslag",
                    "not about hours", "ikke etter timene", "inte efter timmarna",
                    "Help to make room", "Hjälp att frigöra tid",
                    "Why does the task matter", "To be told at once"):
        assert crossed not in text, crossed


def test_the_frame_first_is_the_leaders_part_by_a_day(rules):
    text = _doc(rules, "museum-trip-unclear", "en")
    assert "For the Year 5 team, agreed on 11 January 2027." in text
    assert "once I have done my part" in text and "decide together" not in text
    # the budget is what lacks, not time (a cold read crossed out 'free time' here)
    assert "- By 25 January 2027, I will settle what is still unclear" in text
    report = _doc(rules, "museum-trip-unclear", "en", Format.text)
    assert "Ask those above you now for the budget or the mandate" in report
    assert "Take upward" not in report and "January 25" not in report
    assert "Agree the frame and the red lines" not in report


def test_english_dates_are_written_day_month_year():
    i18n.set_language("en")
    assert i18n.format_date(dt.date(2027, 1, 25)) == "25 January 2027"


def test_a_one_off_in_care_acts_first_then_tells_at_once(rules):
    # act first, then the situations told at once under a heading of their own, after it
    # (a later cold read: "we think of calling the camp off" under "act first")
    text = _doc(rules, "barnehagetur-vannet", "nb")
    danger = text[text.index("## Ved fare"):].split("\n## ")[0]
    assert "handle først – ring 113 eller 112" in danger and "Et barn blir borte" not in danger
    told = text[text.index("## Gi meg beskjed straks"):].split("\n## ")[0]
    assert "- Et barn blir borte" in told and text.index("## Ved fare") < text.index(told)
    assert "Her kobles jeg inn først" not in text
    report = _doc(rules, "barnehagetur-vannet", "nb", Format.text)
    assert "stikkprøver" not in report and "Avtal rammene" not in report


def test_a_press_reply_has_its_draft_looked_at_not_a_trip_briefing(rules):
    text = _doc(rules, "pressesag-madservice", "da")
    assert "Før det sendes, ser vi udkastet igennem sammen" in text
    assert "Kort før dagen" not in text
