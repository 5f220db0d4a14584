"""The agreement for the employee: written to them, whole, judging no one, and safe
whatever the case's text holds."""

from __future__ import annotations

import re

import pytest
import yaml

import trustdose
from trustdose import i18n
from trustdose.report.formats import ReportFormat as Format, render

from helpers import EXAMPLES, make_case, run


@pytest.fixture(autouse=True)
def english_after():
    yield
    i18n.set_language("en")


def test_the_agreement_says_what_the_employee_needs_and_judges_no_one(rules):
    case = yaml.safe_load((EXAMPLES / "aide-as-needed-medication.yaml").read_text())
    a = trustdose.assess(case, rules)
    text = render(Format.agreement, a)
    assert text.startswith("# Our agreement: ")
    for needed in (a.task.title, a.level.label, "Who decides", "Already in place",
                   "Written instructions to act on", "Before acting", "How we keep in touch",
                   "What you can ask of the leader", i18n.format_date(a.review_date),
                   *a.questions):
        assert needed in text, needed
    for judged in ("weakest", "Warning", "competence", "blind trust", "unsure",
                   *(f"{v:g}" for v in a.scores.values() if v != int(v))):
        assert judged.lower() not in text.lower(), judged
    rule_ids = {m.id for m in [*a.controls, *a.feedback]} | {w.kind for w in a.warnings}
    assert not any(re.search(rf"\b{re.escape(i)}\b", text) for i in rule_ids if "-" in i)


def test_the_same_task_without_the_ordination_names_no_safeguard(rules):
    case = yaml.safe_load((EXAMPLES / "aide-without-ordination.yaml").read_text())
    text = render(Format.agreement, trustdose.assess(case, rules))
    assert "Already in place" not in text and "Before acting" in text


# a title is one line (a line break is refused when the case is read); a description may
# run over lines
HOSTILE = "# Fired <script>alert(1)</script> [click](javascript:alert(1)) ![x](y) *a* | b"


def test_text_from_the_case_cannot_add_headings_links_or_html(rules):
    a = trustdose.assess(make_case(4, 4, 4, 2, subject={"name": "<img src=x onerror=alert(1)>"},
                                   task={"title": HOSTILE, "description": "- [ ] tick\n## Sub",
                                         "people": "1. the <b>families</b>"}), rules)
    text = render(Format.agreement, a)
    assert "<" not in text and "](" not in text.replace("\\](", "")
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert len(headings) == len([h for h in headings if "Fired" not in h or
                                 h.startswith("# Our agreement: \\# Fired")])
    assert not any(line.startswith(("- [ ]", "## Sub", "1.")) for line in text.splitlines())


@pytest.mark.parametrize("lang,heading", [("da", "Vores aftale"), ("nb", "Vår avtale"),
                                          ("sv", "Vår överenskommelse")])
def test_the_agreement_is_written_in_the_language(lang, heading, rules):
    i18n.set_language(lang)
    a = trustdose.assess(make_case(4, 4, 3, 2, subject={"name": "Sara", "kind": "team"}), rules)
    text = render(Format.agreement, a)
    assert text.startswith(f"# {heading}") and a.level.label in text


def test_the_command_writes_the_agreement_to_a_file(tmp_path):
    target = tmp_path / "agreement.md"
    out = run("assess", str(EXAMPLES / "new-employee.yaml"), "--format", "agreement",
              "-o", str(target))
    assert out.returncode == 0 and target.read_text().startswith("# Our agreement: ")


def test_below_advise_the_two_proposals_are_talked_through_not_chosen(rules):
    a = trustdose.assess(make_case(4, 4, 4, 4, task={"title": "Plan"}), rules)
    assert a.level.number < 5 and "sparring" in {m.id for m in a.feedback}
    text = render(Format.agreement, a)
    assert "the choice is yours" not in text and "we talk them through together" in text


REVIEW_ALWAYS = """red_lines:
  - id: grants-checked
    when: {field: tags, op: contains, value: grants}
    require: [review-point]
    reason: {en: "grants are gone through before they are paid"}
"""


def test_from_advise_up_a_check_before_it_takes_effect_is_said_as_the_rules(overlay):
    # a red line keeps the check at Inquire: said as what our rules name, not as a check
    # on every decision the level hands over (issue 21 item 1)
    rules = trustdose.load_rules([overlay({"grants.yaml": REVIEW_ALWAYS})], user=False)
    case = make_case(c=5, i=5, r=4, risk=2.5, task={"title": "Grant", "tags": ["grants"]})
    a = trustdose.assess(case, rules)
    assert a.level.name == "inquire" and "review-point" in {m.id for m in a.controls}
    text = render(Format.agreement, a)
    assert "For the decisions our rules name" in text
    assert "before it takes effect" not in text
    lower = trustdose.assess({**case, "resources": 3}, rules)  # Agree: the leader decides too
    assert lower.level.name == "agree"
    assert "before it takes effect" in render(Format.agreement, lower)
