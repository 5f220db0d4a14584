"""The stool scored: six legs from the rules, the leg that wobbles and its levers; a team's
leg only from the fewest forms (never below three, whatever a caller asks), and nothing
said about a hidden leg, not even through the leg that wobbles."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from trustdose.leading.stool import MOST_LEVERS, score_stool


def _all(rules, value):
    return {leg.id: {q["id"]: value for q in leg.item["questions"]} for leg in rules.legs}


def test_six_legs_relational_and_structural_at_three_levels(rules):
    assert sorted((leg.item["trust"], leg.item["level"]) for leg in rules.legs) == sorted(
        (t, lv) for t in ("relational", "structural") for lv in ("person", "team",
                                                                 "organisation"))
    for leg in rules.legs:
        assert 2 <= len(leg.item["questions"]) <= 3
        assert all(q.get("text_team") and {1, 3, 5} <= set(q["anchors"])
                   for q in leg.item["questions"])


def test_the_lowest_leg_wobbles_and_its_levers_are_named(rules):
    answers = _all(rules, 4)
    answers["relational-team"] = {"rely": 2, "disagree": 3}
    made = score_stool(rules, [answers], "leader")
    assert made.wobbles == ("relational-team",) and not made.sound
    named = next(leg.item["levers"] for leg in rules.legs if leg.id == "relational-team")
    assert [lever.id for lever in made.levers] == named[:MOST_LEVERS]
    assert all(lever.questions for lever in made.levers)


def test_all_legs_firm_say_so_and_name_no_lever(rules):
    made = score_stool(rules, [_all(rules, 4)], "leader")
    assert made.sound and made.wobbles == () and made.levers == ()


def test_a_tie_names_both_legs_and_at_most_two_levers_one_from_each(rules):
    answers = _all(rules, 5)
    answers["relational-team"] = {"rely": 2}
    answers["structural-organisation"] = {"systems": 2}
    made = score_stool(rules, [answers], "leader")
    assert made.wobbles == ("relational-team", "structural-organisation")
    firsts = [leg.item["levers"][0] for leg in rules.legs if leg.id in made.wobbles]
    assert [lever.id for lever in made.levers] == firsts


def test_four_forms_show_nothing_at_all(rules):
    sets = [_all(rules, v) for v in (1, 2, 4, 5)]
    made = score_stool(rules, sets, "team", "T")
    assert not made.shown and made.wobbles == () and made.levers == ()
    data = json.dumps(made.to_json())
    assert all(leg["score"] is None and leg["answers"] is None for leg in made.to_json()["legs"])
    assert '"score": 3' not in data


def test_a_leg_few_answered_is_hidden_and_never_the_one_that_wobbles(rules):
    sets = [_all(rules, 4) for _ in range(6)]
    for one in sets[:3]:  # only three answer the team's relational leg, all low
        one["relational-team"] = {"rely": 1, "disagree": 1}
    for one in sets[3:]:
        del one["relational-team"]
    made = score_stool(rules, sets, "team", "T")
    leg = next(leg for leg in made.legs if leg.id == "relational-team")
    assert leg.hidden and leg.score is None and leg.answers is None
    assert "relational-team" not in made.wobbles and made.sound


def test_no_caller_can_show_a_team_from_fewer_than_three(rules):
    made = score_stool(rules, [_all(rules, 3)] * 2, "team", "T", fewest=1)
    assert not made.shown and made.fewest == 3
    assert score_stool(rules, [_all(rules, 3)] * 3, "team", "T", fewest=3).shown


@settings(max_examples=40, deadline=None)
@given(values=st.lists(st.integers(1, 5), min_size=5, max_size=8), which=st.integers(0, 4))
def test_raising_one_members_answer_never_lowers_a_leg(rules, values, which):
    sets = [_all(rules, v) for v in values]
    before = {leg.id: leg.score for leg in score_stool(rules, sets, "team", "T").legs}
    if values[which] == 5:
        return
    sets[which] = {**sets[which], "relational-person": {"speak-up": values[which] + 1,
                                                        "fitted-support": values[which]}}
    after = {leg.id: leg.score for leg in score_stool(rules, sets, "team", "T").legs}
    assert all(after[k] >= before[k] for k in before)
