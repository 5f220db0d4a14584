"""A breach's closer follow-up in the next assessment (seed 002, "At håndtere brud på
tilliden"): the level held at the temporary level, the review within the period, no
frame-first level above the held one, and the breach warning shown first."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings, strategies as st

import trustdose
from trustdose import i18n
from trustdose.model.track import CAUSES
from trustdose.report.model import build_report
from trustdose.report.text import render as render_text

from helpers import BrokenReview as Journal, make_case

REVIEWED, TODAY = dt.date(2026, 12, 6), dt.date(2026, 12, 7)


@pytest.fixture(autouse=True)
def english_after():
    yield
    i18n.set_language("en")


def teacher(**extra):
    """An experienced teacher whose frame (resources 4) holds her below Delegate."""
    case = make_case(5, 5, 4, 2, subject={"name": "Mette"},
                     task={"title": "Write the messages to parents"}, **extra)
    case["date"] = TODAY.isoformat()
    return case


def test_the_frame_first_promises_no_level_above_the_held_one(rules):
    free = trustdose.assess(teacher(), rules)
    assert free.frame_first is not None  # without the journal, the frame holds her down …
    held = trustdose.assess(teacher(), rules, journal=Journal(6, 5))
    assert held.level.number == 5 and held.capped_by == "journal:closer-follow-up"
    assert held.frame_first is None  # … with it, the follow-up does: nothing promised above
    assert "Frame first" not in render_text(build_report(held))


def test_the_review_falls_within_the_closer_follow_up(rules):
    until = dt.date(2026, 12, 20)  # sooner than the rules' review date
    free = trustdose.assess(teacher(), rules)
    assert free.review_date > until
    held = trustdose.assess(teacher(), rules, journal=Journal(6, 5, until=until))
    assert held.review_date == dt.date(2026, 12, 18)  # its last working day: the 20th is a Sunday
    assert "at the end of the closer follow-up" in " ".join(f.effect for f in held.trace)


def test_the_breach_warning_is_shown_first_in_the_short_report(rules):
    a = trustdose.assess(teacher(planned_level="delegate"), rules,
                         journal=Journal(6, 4, causes=("intention",)))
    kinds = a.warning_kinds
    assert "breach-ignored" in kinds and len(kinds) >= 3, kinds  # more than the short shows
    report = build_report(a)
    shown = next(s for s in report.sections if s.key == "warnings").items
    breach = next(w.message for w in a.warnings if w.kind == "breach-ignored")
    assert shown[0].text == breach and report.hidden_warnings == len(kinds) - 2
    assert [s.text for s in next(s for s in build_report(a, full=True).sections
                                 if s.key == "warnings").items][0] == breach


@settings(max_examples=40, deadline=None)
@given(c=st.integers(1, 5), i=st.integers(1, 5), r=st.integers(1, 5), risk=st.integers(1, 5),
       reviewed=st.integers(1, 7), down=st.integers(0, 3), days=st.integers(0, 60),
       causes=st.lists(st.sampled_from(CAUSES), min_size=1, max_size=2, unique=True))
def test_while_a_follow_up_runs_the_report_never_goes_above_it(c, i, r, risk, reviewed, down,
                                                              days, causes):
    temporary = max(1, reviewed - down)
    until = TODAY + dt.timedelta(days=days)
    a = trustdose.assess({**make_case(c, i, r, risk), "date": TODAY.isoformat()},
                         journal=Journal(reviewed, temporary, causes, until=until))
    assert a.level.number <= temporary
    assert TODAY <= a.review_date <= until
    assert a.frame_first is None or a.level.number < a.frame_first.level.number <= temporary
    step = a.next_step
    if a.capped_by == "journal:closer-follow-up":
        assert step is not None and not step.changes  # the review that ends it, no scores
    assert a.follow_up is not None and a.follow_up.until == until
