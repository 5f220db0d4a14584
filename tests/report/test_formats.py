"""Reports as the output layer draws them: every format, colour, and an assessment that
carries everything a renderer needs."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

import trustdose
from trustdose.report.formats import ReportFormat as Format, render

from helpers import make_case

ESC = "\x1b"


def test_every_format_is_rendered(rules):
    a = trustdose.assess(make_case(2, "uncertain", 4, 4), rules, planned=7)
    for fmt in Format:
        text = render(fmt, a, color=False)
        assert "Kim" in text and ESC not in text, fmt


def test_rich_in_colour_draws_the_scale(rules):
    a = trustdose.assess(make_case(4, 4, 4, 2), rules)
    text = render(Format.rich, a, color=True)
    assert ESC in text and "4 Agree" in text


def test_a_report_reads_nothing_but_the_assessment():
    loaded = trustdose.load_rules()  # shared and read-only: a copy of its own, emptied below
    rule_set = dataclasses.replace(loaded, **{
        f.name: (dict if isinstance(value, Mapping) else list)(value)
        for f in dataclasses.fields(loaded)
        if isinstance(value := getattr(loaded, f.name), (tuple, Mapping))})
    a = trustdose.assess(make_case(5, 5, 5, 5, planned_level=7), rule_set)
    data = a.to_json()
    assert data["capped_by"] and data["cap_reason"] and data["carried_by"]
    before = {fmt: render(fmt, a) for fmt in Format}
    for value in vars(rule_set).values():  # nothing left to look anything up in
        if isinstance(value, (list, dict)):
            value.clear()
    for fmt in Format:
        assert render(fmt, a) == before[fmt], fmt
    assert data["cap_reason"] in before[Format.markdown]


def test_the_full_report_and_the_json_say_what_the_plan_left_out_and_why(rules):
    # a press case: telling management (exposure 5) is kept, and what went is said
    case = make_case(c=5, i=5, r=4.5, risk={"impact": 5, "reversibility": 3, "novelty": 3,
                                            "exposure": 5})
    a = trustdose.assess(case, rules)
    left = {m["id"]: (m["why"], m["by"]) for m in a.to_json()["left_out"]}
    assert left["review-point"] == ("covered", "four-eyes")
    assert left["spot-checks"] == ("room", None)
    assert "inform-up" in {m.id for m in a.controls} and "inform-up" not in left
    for fmt in (Format.text, Format.rich, Format.markdown):
        full = render(fmt, a, full=True)
        assert "Left out of the plan" in full.replace("LEFT OUT OF THE PLAN",
                                                       "Left out of the plan"), fmt
        assert "Announced spot checks afterwards" in full and "the plan shows 3 at most" in full
    assert "spot checks" not in render(Format.text, a).lower()  # the short report: the plan
