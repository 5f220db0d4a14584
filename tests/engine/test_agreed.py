"""A level agreed below the one a case carries (a board's area): the plan is made at
that level, as if a cap held it there, and a level agreed at or above it changes
nothing (properties over the score grid)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings, strategies as st

from trustdose.intake import assess_document
from trustdose.io.source import Document

from helpers import make_case

score = st.sampled_from([1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5])
DAY = dt.date(2027, 1, 11)


def _assessed(rules, case, agreed=None):
    return assess_document(Document("<case>", case), rules, today=DAY, agreed=agreed)


@settings(max_examples=120, deadline=None)
@given(c=score, i=score, r=score, risk=score, agreed=st.integers(1, 7))
def test_an_agreed_level_holds_the_plan_there_and_never_lifts_it(rules, c, i, r, risk, agreed):
    case = make_case(c, i, r, risk, planned_level=agreed)
    plain = _assessed(rules, case)
    held = _assessed(rules, case, agreed)
    if agreed >= plain.level.number:  # at or above what the case carries: as assessed
        assert held.to_json() == plain.to_json()
        return
    assert held.level.number == agreed and held.capped_by == "agreed"
    # what was agreed is the level: no start promises more; where the frame as it is
    # carries less than what was agreed, the agreed level waits for the leader's part
    first = held.frame_first
    assert first is None or (first.level.number == agreed and first.now.number < agreed
                             and plain.frame_first is not None)
    if plain.frame_first is not None and plain.frame_first.now.number < agreed:
        assert first is not None and first.start_by == plain.frame_first.start_by
    # the plan is the one the rules give a case held at that level: nothing in it asks
    # for more than the agreed level ("you decide when you need me" at Agree)
    assert not [w for w in held.to_json()["warnings"] if "planned" in w["rule"]]


def test_a_check_before_a_first_dose_comes_back_at_agree(rules):
    """A cold read: a medication change agreed at Agree lost the check before it takes
    effect, because the plan was the one for the higher level the answers carried."""
    case = make_case(4.5, 4.5, 4.5, {"impact": 4, "reversibility": 4, "novelty": 2,
                                     "exposure": 2}, planned_level=4)
    plain, held = _assessed(rules, case), _assessed(rules, case, 4)
    assert plain.level.number >= 5
    before = {m.id for m in held.controls} - {m.id for m in plain.controls}
    assert before & {"four-eyes", "review-point", "hold-point"}, [m.id for m in held.controls]
