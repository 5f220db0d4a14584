"""Reports as the output layer draws them: every format, colour, and an assessment that
carries everything a renderer needs."""

from __future__ import annotations

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
    rule_set = trustdose.load_rules()  # its own: emptied below
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
