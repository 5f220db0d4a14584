"""The one rubric engine: an item's score is the mean of its questions answered, a team's
the mean of each answer set's own; raising an answer never lowers an item; the weakest is
a lowest one, several when they tie as shown, none when all stand firm."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from trustdose.leading.rubric import SOUND, Item, scores, shown, weakest

ITEMS = [Item("a", ("q1", "q2")), Item("b", ("q1", "q2", "q3")), Item("c", ("q1",))]
ANSWER = st.one_of(st.none(), st.integers(1, 5))
ONE_SET = st.fixed_dictionaries({
    item.id: st.fixed_dictionaries({q: ANSWER for q in item.questions}) for item in ITEMS})


def _clean(sets):
    return [{i: {q: v for q, v in qs.items() if v is not None} for i, qs in s.items()}
            for s in sets]


@given(st.lists(ONE_SET, min_size=1, max_size=7), st.data())
def test_raising_an_answer_never_lowers_an_item(sets, data):
    sets = _clean(sets)
    n = data.draw(st.integers(0, len(sets) - 1))
    item = data.draw(st.sampled_from(ITEMS))
    question = data.draw(st.sampled_from(item.questions))
    before = scores(ITEMS, sets)
    old = sets[n].get(item.id, {}).get(question)
    if old is None or old == 5:
        return
    raised = [dict(s) for s in sets]
    raised[n] = {**raised[n], item.id: {**raised[n][item.id], question: old + 1}}
    after = scores(ITEMS, raised)
    for one in ITEMS:
        assert after[one.id].value >= before[one.id].value if before[one.id].value else True
    assert after[item.id].value > before[item.id].value


@given(st.dictionaries(st.sampled_from("abcdef"), st.one_of(st.none(),
                                                            st.floats(1, 5))))
def test_the_weakest_is_a_lowest_one_or_none_when_all_stand_firm(scored):
    low = weakest(scored)
    known = {k: shown(v) for k, v in scored.items() if v is not None}
    if not known:
        assert low.ids == () and low.score is None
    elif min(known.values()) >= SOUND:
        assert low.ids == () and low.sound
    else:
        assert low.ids and all(known[k] == min(known.values()) for k in low.ids)
        assert set(low.ids) == {k for k, v in known.items() if v == min(known.values())}


def test_a_skipped_question_does_not_count_and_each_set_weighs_the_same():
    sets = [{"a": {"q1": 1, "q2": 3}}, {"a": {"q1": 5}}, {}]
    got = scores(ITEMS, sets)
    assert got["a"].value == (2 + 5) / 2 and got["a"].answers == 2
    assert got["c"].value is None and got["c"].answers == 0


def test_ties_are_judged_as_shown_to_one_decimal():
    low = weakest({"a": 2.46, "b": 2.54, "c": 3.0})
    assert low.ids == ("a", "b") and low.tie and low.score == 2.5
    assert not weakest({"a": 2.4, "b": 2.5}).tie
