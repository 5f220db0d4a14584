"""Proposed dates fall on a working day of the workplace's country (`engine.workdays`): not a
weekend, not a public holiday, not a day its public workplaces keep closed (juleaften,
nytårsaften, grundlovsdag in Denmark, midsommarafton in Sweden). A coach's workshop of 25
cases had 10 reviews on 24 December and 2 on 31 December."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from hypothesis import given, settings, strategies as st

import trustdose
from trustdose import i18n
from trustdose.engine import workdays
from trustdose.engine.workdays import closed, working_day
from trustdose.journal.review import diagnose

from helpers import ROOT, BrokenReview, make_case

EXAMPLES = ROOT / "examples"
COUNTRIES = ("DK", "NO", "SE", None, "GB", "DE", "US")
D = dt.date


@pytest.fixture(autouse=True)
def english_and_no_country_after():
    yield
    i18n.set_language("en")
    workdays.set_country(None)


@settings(max_examples=300, deadline=None)
@given(day=st.dates(D(2000, 1, 1), D(2099, 12, 31)), country=st.sampled_from(COUNTRIES),
       room=st.none() | st.integers(0, 10))
def test_a_proposed_date_is_a_working_day_not_before_the_one_asked_and_soon_after(
        day, country, room):
    latest = None if room is None else day + dt.timedelta(days=room)
    found = working_day(day, country, latest, day)
    assert closed(found, country) is None or found == day  # none in between: kept as asked
    assert found >= day and found - day <= dt.timedelta(days=7)  # the longest closure: Easter
    if latest is not None:
        assert found <= latest  # a deadline the date must keep is kept
    if closed(day, country) is None:
        assert found == day


@pytest.mark.parametrize("asked, country, moved", [
    (D(2026, 12, 24), "DK", D(2026, 12, 28)),  # juleaften, juledag, 2. juledag, a weekend
    (D(2026, 12, 24), "NO", D(2026, 12, 28)),
    (D(2026, 12, 24), "SE", D(2026, 12, 28)),
    (D(2026, 12, 31), "DK", D(2027, 1, 4)),  # nytårsaften, nytårsdag, a weekend
    (D(2027, 3, 25), "DK", D(2027, 3, 30)),  # skærtorsdag → the Tuesday after 2. påskedag
    (D(2027, 3, 26), "NO", D(2027, 3, 30)),  # langfredag
    (D(2027, 3, 29), "NO", D(2027, 3, 30)),  # 2. påskedag
    (D(2027, 3, 25), "SE", D(2027, 3, 25)),  # skärtorsdagen: a half day, a working day
    (D(2027, 3, 26), "SE", D(2027, 3, 30)),  # långfredagen
    (D(2028, 5, 17), "NO", D(2028, 5, 18)),  # 17. mai
    (D(2028, 5, 17), "DK", D(2028, 5, 17)),
    (D(2026, 6, 5), "DK", D(2026, 6, 8)),  # grundlovsdag (a Friday)
    (D(2026, 6, 5), "NO", D(2026, 6, 5)),
    (D(2027, 6, 25), "SE", D(2027, 6, 28)),  # midsommarafton
    (D(2027, 6, 25), "DK", D(2027, 6, 25)),
    (D(2027, 5, 6), "DK", D(2027, 5, 7)),  # Kristi himmelfartsdag
    (D(2027, 5, 6), "SE", D(2027, 5, 7)),
    (D(2027, 5, 6), "NO", D(2027, 5, 7)),
    (D(2027, 5, 1), "SE", D(2027, 5, 3)),  # a Saturday anyway
    (D(2026, 12, 24), None, D(2026, 12, 24)),  # English without a country: weekends only
    (D(2026, 12, 26), None, D(2026, 12, 28)),
])
def test_the_days_a_leader_there_keeps_free(asked, country, moved):
    assert working_day(asked, country) == moved


def test_before_a_deadline_the_date_moves_back_and_never_before_the_first_day():
    # frame first's start_by the day before a task due on 2 January: 31 December is closed
    assert working_day(D(2027, 1, 1), "DK", latest=D(2027, 1, 1),
                       earliest=D(2026, 12, 20)) == D(2026, 12, 30)
    # no working day in between: the date asked for stands
    assert working_day(D(2026, 12, 26), "DK", latest=D(2026, 12, 27),
                       earliest=D(2026, 12, 24)) == D(2026, 12, 26)


def test_the_language_gives_the_country_unless_one_is_set():
    assert [workdays.country_for(lang) for lang in ("da", "nb", "sv", "en")] == \
        ["DK", "NO", "SE", None]
    trustdose.set_country("se")
    assert workdays.country_for("da") == "SE"
    with pytest.raises(ValueError):
        trustdose.set_country("XX")


def coached(day: D, lang: str, **extra) -> dict:
    """A new employee reviewed 14 days after the assessment (`review-new`)."""
    return {**make_case(4, 4, 4, 2, subject={"name": "Mette", "new_in_role": True}), "date":
            day.isoformat(), **extra}


@pytest.mark.parametrize("lang", ["da", "nb", "sv"])
def test_the_workshop_review_off_christmas_eve(rules, lang):
    i18n.set_language(lang)
    a = trustdose.assess(coached(D(2026, 12, 3), lang), rules)
    data = a.to_json()
    assert data["country"] == {"da": "DK", "nb": "NO", "sv": "SE"}[lang]
    assert a.review_date == D(2026, 12, 28)
    effect = next(f.effect for f in a.trace if f.rule == "review-new")
    assert "moved from 2026-12-24" in effect and "next working day" in effect


def test_english_keeps_the_day_unless_a_country_is_set(rules):
    a = trustdose.assess(coached(D(2026, 12, 3), "en"), rules)
    assert a.review_date == D(2026, 12, 24) and a.to_json()["country"] is None
    trustdose.set_country("GB")
    b = trustdose.assess(coached(D(2026, 12, 3), "en"), rules)
    assert b.to_json()["country"] == "GB" and b.review_date == D(2026, 12, 24)
    c = trustdose.assess(coached(D(2026, 12, 4), "en"), rules)  # 25 December
    assert c.review_date == D(2026, 12, 29)  # Christmas, Boxing Day (observed on the 28th)


def test_frame_first_starts_on_a_working_day_before_the_task_is_due(rules):
    i18n.set_language("da")
    case = yaml.safe_load((EXAMPLES / "vagtplan-da.yaml").read_text(encoding="utf-8"))
    a = trustdose.assess({**case, "date": "2026-12-10"}, rules)  # 14 days: juleaften
    assert a.frame_first.measures and a.frame_first.start_by == D(2026, 12, 28)
    assert closed(a.review_date, "DK") is None and a.review_date > a.frame_first.start_by
    case["task"]["due"] = "2027-01-01"  # the next working day is still before it
    assert trustdose.assess({**case, "date": "2026-12-10"}, rules).frame_first.start_by == \
        D(2026, 12, 28)
    case["task"]["due"] = "2026-12-25"  # it is not: the last working day before juleaften
    assert trustdose.assess({**case, "date": "2026-12-10"}, rules).frame_first.start_by == \
        D(2026, 12, 23)


def test_a_review_within_the_follow_up_keeps_to_it(rules):
    i18n.set_language("da")
    teacher = {**make_case(5, 5, 4, 2, subject={"name": "Mette"}), "date": "2026-12-07"}
    held = trustdose.assess(teacher, rules,
                            journal=BrokenReview(6, 5, until=D(2026, 12, 24)))
    assert held.review_date == D(2026, 12, 23)  # the follow-up's last working day


def test_a_breach_follow_up_ends_on_a_working_day():
    day = D(2026, 11, 12)  # 42 days: juleaften
    assert diagnose(1, 5, "broken", ["competence"], day).until == D(2026, 12, 24)
    i18n.set_language("da")
    assert diagnose(1, 5, "broken", ["competence"], day).until == D(2026, 12, 28)


def test_the_table_of_holidays_is_what_holidays_gives():
    # Denmark's, Norway's and Sweden's holidays come from a table (importing `holidays`
    # cost a third of those languages' start-up); stale, it would move reviews wrongly
    import importlib.util
    spec = importlib.util.spec_from_file_location("closed_days",
                                                  ROOT / "tools" / "closed_days.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    assert tool.TABLE.read_text(encoding="utf-8") == tool.written(), \
        "run python tools/closed_days.py"


@settings(max_examples=200, deadline=None)
@given(day=st.dates(D(2020, 1, 1), D(2045, 12, 31)),
       country=st.sampled_from(("DK", "NO", "SE")))
def test_a_tabled_day_is_closed_as_holidays_says(day, country):
    kept = workdays.closed(day, country)
    weekend_or_eve = day.weekday() >= 5 or any(
        (day.month, day.day) == at for at, _name in workdays.EVES.get(country, ()))
    if not weekend_or_eve:
        assert kept == workdays._calendar(country).get(day)


def test_a_danish_assessment_does_not_import_holidays():
    import subprocess
    import sys
    case = str(EXAMPLES / "situations" / "hjemmepleje-koereliste.yaml")
    code = ("import sys, trustdose; from trustdose import i18n; i18n.set_language('da'); "
            f"trustdose.assess({case!r}); print('holidays' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
