"""Scores are rounded one way, half up on the decimal as written, and always shown with
one decimal: 3.25 is 3.3 as 2.75 is 2.8, and 3 is shown as 3.0 wherever a score is shown."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

import trustdose
from trustdose.i18n import format_number, half_up

from ..helpers import make_case

INDICATORS = ("professional", "relational", "personal", "experience")


def _expected(written: str) -> float:
    return float(Decimal(written).quantize(Decimal("0.1"), ROUND_HALF_UP))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(1, 5), min_size=4, max_size=4))
def test_a_mean_of_indicator_answers_is_rounded_half_up(rules, answers):
    case = make_case(c=dict(zip(INDICATORS, answers)))
    score = trustdose.assess(case, rules).scores["competence"]
    assert score == _expected(str(Decimal(sum(answers)) / 4))


@settings(max_examples=60, deadline=None)
@given(st.integers(100, 500))
def test_a_score_written_with_two_decimals_is_rounded_half_up(rules, hundredths):
    written = f"{hundredths // 100}.{hundredths % 100:02d}"
    score = trustdose.assess(make_case(c=float(written)), rules).scores["competence"]
    assert score == _expected(written)
    assert format_number(float(written)) == f"{_expected(written):.1f}"


def test_the_ties_the_issue_saw():
    assert (half_up(3.25), half_up(2.75), half_up(1.05)) == (3.3, 2.8, 1.1)
    assert format_number(3) == "3.0"


def test_the_next_step_names_what_is_done_not_a_score_to_raise(rules):
    # a cold read crossed out "raise competence from 4.3 to 4.5": people are not scored
    a = trustdose.assess(make_case(c=3, i=4, r=4, risk=2), rules)
    assert a.next_step.changes and not re.search(r"\d", a.next_step.message)
    assert a.next_step.message.endswith(f"it opens {a.next_step.level.label}.")
