"""A team's self-view combined: the middle answer and the spread, never one member's
answer, and nothing from fewer than three answers (properties over any answers)."""

from __future__ import annotations

import statistics

from hypothesis import given, settings
from hypothesis import strategies as st

from trustdose.selfview.combine import FEWEST, combine

ANSWER = st.one_of(st.integers(1, 5), st.just("uncertain"))
MEMBER = st.fixed_dictionaries({"competence": st.fixed_dictionaries(
    {"professional": ANSWER, "relational": ANSWER}),
    "intention": st.one_of(st.integers(1, 5), st.just("uncertain")),
    "resources": st.fixed_dictionaries({"time": ANSWER})})


def _score(dim, answer):
    return float(answer) if not isinstance(answer, dict) else 3.0


@settings(max_examples=150, deadline=None)
@given(st.lists(MEMBER, min_size=1, max_size=8))
def test_a_team_shows_only_medians_and_nothing_below_three(members):
    made = combine([[m] for m in members], True, _score)
    if len(members) < FEWEST:
        assert not made.shown and made.areas == (None,) and not made.spread
        return
    shown = made.areas[0]
    for dim, ids in (("competence", ("professional", "relational")), ("resources", ("time",))):
        for ind in ids:
            numbers = [m[dim][ind] for m in members if isinstance(m[dim][ind], int)]
            if len(numbers) < FEWEST:
                assert shown[dim][ind] == "uncertain"  # too few said it: nothing shown
            else:
                assert shown[dim][ind] == round(statistics.median(numbers), 2)
    numbers = [m["intention"] for m in members if isinstance(m["intention"], int)]
    assert shown["intention"] == (round(statistics.median(numbers), 2)
                                  if len(numbers) >= FEWEST else "uncertain")


def test_a_person_is_their_own_view():
    answers = {"competence": {"professional": 2}, "intention": 4, "resources": 3}
    made = combine([[answers]], False, _score)
    assert made.shown and made.areas == (answers,) and made.answers == 1
