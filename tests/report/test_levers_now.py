"""Which levers a case or a board points to now (`report.levers_now`): each signal of the
table is seen where it should be and not elsewhere, names levers that exist and cites a
passage that exists."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from helpers import make_case
from trustdose.intake import assess_document, document
from trustdose.report.levers_now import SIGNALS, VIEWS_DIFFER, levers_now
from trustdose.rules.loader import load_rules

RULES = load_rules()
STRONG = {"time": 5, "tools": 5, "clarity": 5, "support": 5}


def _now(**case):
    made = assess_document(document(make_case(**case)), RULES)
    return {found.lever: [r.signal for r in found.reasons] for found in levers_now([made])}


def test_every_signal_names_levers_that_exist_and_cites_a_heading_that_exists():
    levers = {lever.id for lever in RULES.levers}
    headings = {(s.id, h) for s in RULES.sources for h in s.item["headings"]}
    for signal in (*SIGNALS, VIEWS_DIFFER):
        assert set(signal.levers) <= levers, signal.id
        for cite in signal.cite.split("; "):
            source, _, heading = cite.partition(": ")
            assert (source, heading) in headings, (signal.id, cite)


def test_competence_that_limits_points_to_competences_only():
    assert _now(c=2, i=5, r=5, risk=2) == {"competences": ["competence-limits"]}


def test_intention_that_limits_points_to_purpose():
    assert "purpose" in _now(c=5, i=2, r=5, risk=2)


def test_resources_that_limit_point_to_the_frame_and_to_trust_and_control():
    # with little risk the frame is fixed first; with more, the resources hold the level
    for risk, signal in ((2, "frame-first"), (4, "resources-limit")):
        found = _now(c=5, i=5, r=3, risk=risk)
        assert signal in found["common-frame"] and signal in found["trust-and-control"]


def test_a_level_planned_above_what_carries_points_to_trust_and_control():
    assert "planned-above" in _now(c=2, i=2, r=2, risk=4, planned_level=7)["trust-and-control"]
    assert "planned-above" not in _now(c=2, i=2, r=2, risk=4).get("trust-and-control", [])


def test_low_clarity_points_to_ground_rules():
    low = dict(STRONG, clarity=1)
    assert _now(c=5, i=5, r=low, risk=2)["ground-rules"] == ["ground-rules-low"]
    assert "ground-rules" not in _now(c=5, i=5, r=STRONG, risk=2)


def test_uncertain_answers_point_to_feedback():
    assert "uncertain" in _now(c="uncertain", i=5, r=5, risk=2)["feedback"]


def test_nothing_points_anywhere_when_all_is_strong():
    assert _now(c=5, i=5, r=STRONG, risk=1) == {}


@pytest.mark.parametrize("causes, signal", [(("competence",), "breach-review"),
                                            (("my-presence",), "breach-own-part")])
def test_a_breach_review_in_the_journal_points_to_breaches(causes, signal):
    made = assess_document(document(make_case(c=5, i=5, r=STRONG, risk=1)), RULES)
    reviewed = SimpleNamespace(**{name: getattr(made, name) for name in (
        "task", "limiting", "carried", "level", "planned", "red_lines", "parts",
        "frame_first", "uncertain")}, follow_up=SimpleNamespace(causes=causes))
    found = levers_now([reviewed])
    assert [f.lever for f in found] == ["breaches"]
    assert [r.signal for r in found[0].reasons] == [signal]


@pytest.mark.parametrize("area, named", [(None, ["A", "B"]), (1, ["B"])])
def test_views_that_differ_point_to_responsibility_and_feedback(area, named):
    areas = [SimpleNamespace(task=SimpleNamespace(title=t), limiting="risk",
                             carried=SimpleNamespace(number=7), level=SimpleNamespace(number=7),
                             planned=None, red_lines=[], frame_first=None, uncertain=[],
                             follow_up=None, parts=SimpleNamespace(scored=SimpleNamespace(
                                 value=SimpleNamespace(indicators={}))))
             for t in ("A", "B")]
    view = SimpleNamespace(shown=True, differences=[SimpleNamespace(area=area)])
    found = levers_now(areas, view)
    assert [f.lever for f in found] == ["responsibility", "feedback"]
    assert all(f"“{t}”" in found[0].reasons[0].text for t in named)
    assert levers_now(areas, SimpleNamespace(shown=False, differences=view.differences)) == []
