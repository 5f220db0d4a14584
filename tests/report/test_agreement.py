"""The agreement for the employee: written to them, whole, judging no one, and safe
whatever the case's text holds."""

from __future__ import annotations

import datetime as dt
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
                   "Written instructions to act on", "How I follow up", "How we keep in touch",
                   "What you can count on from me", i18n.format_date(a.review_date),
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
    assert "Already in place" not in text and "Before a decision takes effect" in text


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
    assert "the choice is yours" not in text
    assert "When something is difficult, I make time to talk it through together." in text


@pytest.mark.parametrize("lang, heading, period, back", [
    ("en", "## Closer follow-up until 17 January 2027",
     "From 6 December 2026 to 17 January 2027, Advise applies instead of Inquire",
     # the period ends on a Sunday: the review within it on its last working day
     "The way back: at the review on 15 January 2027 we look at how it has gone"),
    ("da", "## Tættere opfølgning indtil 17. januar 2027",
     "Fra 6. december 2026 til 17. januar 2027 gælder »Rådgive« i stedet for »Blive orienteret«",
     "går opgaven tilbage til »Blive orienteret«"),
    ("nb", "## Tettere oppfølging fram til 17. januar 2027",
     "gjelder «Gi råd» i stedet for «Bli orientert»", "Veien tilbake: på gjennomgangen"),
    ("sv", "## Tätare avstämningar fram till den 17 januari 2027",
     "Från den 6 december 2026 till den 17 januari 2027 gäller nivån", "Vägen tillbaka"),
])
def test_after_a_breach_the_agreement_says_the_period_the_repair_talk_and_the_way_back(
        rules, lang, heading, period, back):
    from trustdose.report.agreement_repair import REPAIR_TALK

    from helpers import BrokenReview
    i18n.set_language(lang)
    rules = trustdose.load_rules()  # in the language
    case = {**make_case(5, 5, 4, 2, subject={"name": "Mette"}), "date": "2026-12-07"}
    a = trustdose.assess(case, rules, journal=BrokenReview(6, 5))
    text = render(Format.agreement, a)
    section = text[text.index(heading):].split("\n## ")[0]
    assert period in section and back in section, section
    talk = section.index(i18n._("First, we talk it through together: what happened, and what "
                                "each of us does differently from now."))
    for cause in ("competence", "resources"):  # what the talk turns on, by the causes found
        assert talk < section.index(i18n._(REPAIR_TALK[cause])) < section.index(back)
    assert i18n._(REPAIR_TALK["intention"]) not in section
    # the review falls within the period, and the agreement's review section says the same
    assert dt.date(2026, 12, 6) < a.review_date <= dt.date(2027, 1, 17)
    # the review, then the questions (if any), then the signatures
    assert i18n.format_date(a.review_date) in text.split("\n## ")[-3 if a.questions else -2]
    assert " du " not in section and " deg " not in section  # written for person or team


def test_without_a_running_follow_up_the_agreement_says_nothing_of_one(rules):
    from helpers import BrokenReview
    case = {**make_case(5, 5, 4, 2), "date": "2027-02-01"}  # after its end
    text = render(Format.agreement, trustdose.assess(case, rules, journal=BrokenReview(6, 5)))
    assert "Closer follow-up" not in text and "way back" not in text


# issue 21: the agreement states the leader's own words, asks what is left open, and
# follows the event
FIVE = {"purpose": "The children get a safe, good day by the lake.",
        "ground_rules": ["No child in the water without an adult beside them",
                         "We count the children at every departure"],
        "success": "Every child comes home safe, and they had a good day.",
        "escalate": ["A child is missing at a count", "The weather turns"],
        "due": "2027-06-10"}
PROMISES = ("We write down", "We say at the start", "a complaint", "deviation from the budget")


def _lake(rules, lang="en", kind="team", task_kind=None, **task):
    i18n.set_language(lang)
    case = make_case(4, 4, 3.5, {"impact": 4, "reversibility": 4, "novelty": 2,
                                 "exposure": 3},
                     subject={"name": "Bjørnen", "kind": kind},
                     task={"title": "The trip to the lake", "people": "children", **task,
                           **({"kind": task_kind} if task_kind else {})})
    case["date"] = "2027-05-03"
    a = trustdose.assess(case, rules)
    return a, render(Format.agreement, a)


def test_a_case_with_all_five_fields_states_them_and_promises_nothing(rules):
    a, text = _lake(rules, **FIVE)
    for given in (FIVE["purpose"], FIVE["success"], *FIVE["ground_rules"], *FIVE["escalate"]):
        assert f"{given}" in text, given
    assert not any(p in text for p in PROMISES)
    assert "Do we see the purpose the same way" not in text and "How will we know" not in text
    assert "where needed), then tell me at once" in text


def test_a_case_with_none_of_them_asks_at_the_first_talk_and_promises_nothing(rules):
    _a, text = _lake(rules)
    questions = text.split("## Questions for our first talk")[1]
    for asked in ("Do we see the purpose the same way", "What ground rules do we always keep to",
                  "How will we know"):
        assert asked in questions, asked
    assert not any(p in text for p in PROMISES)


def test_the_lake_trip_is_reviewed_after_the_day_with_a_briefing_and_a_debrief(rules):
    a, text = _lake(rules, due="2027-06-10", task_kind="one-off")
    assert a.review_date > dt.date(2027, 6, 10)
    assert (a.review_date - dt.date(2027, 6, 10)).days <= 21
    ids = [m.id for m in a.feedback]
    assert "brief-and-debrief" in ids
    assert not {"checkin-weekly", "checkin-close", "checkin-milestones"} & set(ids)
    assert "where needed), then tell me at once" in text


def test_a_due_date_before_the_day_is_refused_where_it_stands(rules):
    case = make_case(4, 4, 4, 2, task={"title": "The party", "due": "2027-04-30"})
    case["date"] = "2027-05-03"
    with pytest.raises(trustdose.CaseError) as caught:
        trustdose.assess(case, rules)
    assert "2027-04-30" in caught.value.problems[0].message


@pytest.mark.parametrize("lang,never", [("nb", r"\b(du|deg|din|ditt|dine)\b"),
                                        ("da", r"\b(du|dig|din|dit|dine)\b"),
                                        ("sv", r"\b(du|dig|din|ditt|dina)\b")])
def test_a_team_is_never_addressed_as_one_person(lang, never, rules):
    for task in ({}, FIVE):
        _a, text = _lake(rules, lang, **task)
        assert not re.search(never, text.lower()), re.search(never, text.lower())


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
    assert "We go through the decision or the draft together first." not in " ".join(
        text.split())
    lower = trustdose.assess({**case, "competence": 3}, rules)  # Agree: the leader decides too
    assert lower.level.name == "agree"
    assert "We go through the decision or the draft together first." in " ".join(
        render(Format.agreement, lower).split())


@pytest.mark.parametrize("lang", ["da", "nb", "sv"])
def test_a_team_is_never_du_in_the_level_the_report_shows(rules, lang):
    # issue 21 item 8: "Du beslutter" to a team; the level's meaning has a team form
    from trustdose.report.model import build_report as build
    i18n.set_language(lang)
    rules = trustdose.load_rules()  # in the language
    person = {"du", "deg", "dig", "din", "ditt", "dine", "dina", "dit"}
    for c in (1, 2, 2.5, 3, 3.5, 4, 4.5):  # each level the preconditions carry
        case = make_case(c, 5, 5, 1, subject={"name": "Stuen", "kind": "team"})
        a = trustdose.assess(case, rules)
        said = set(re.findall(r"\w+", build(a).meaning.lower()))
        assert not said & person, (a.level.name, build(a).meaning)


def test_the_full_report_says_the_leaders_own_words_too(rules):
    # the hostile pass: only the agreement showed them; the full report and its Markdown
    # (which the batch writes) did not
    a, _text = _lake(rules, **FIVE)
    for fmt in (Format.markdown, Format.text):
        full = render(fmt, a, full=True)
        assert FIVE["purpose"].rstrip(".") in full and FIVE["escalate"][0] in full, fmt
    assert FIVE["purpose"] not in render(Format.text, a)  # the short report stays short


def test_a_team_decides_themselves_in_swedish(rules):
    # a cold read: "Bestäm själv … välj själv" said to a team
    i18n.set_language("sv")
    rules = trustdose.load_rules()
    for kind, said, not_said in (("team", "Bestäm själva", "Bestäm själv,"),
                                 ("person", "Bestäm själv,", "själva")):
        case = make_case(3.5, 5, 5, 2, subject={"name": "Laget", "kind": kind})
        a = trustdose.assess(case, rules)
        assert a.level.name == "advise"
        text = render(Format.agreement, a)
        assert said in text and not_said not in text, (kind, text)


def test_the_level_until_the_frame_is_in_place_is_said_in_daily_words(rules):
    # a third cold read: "Until then, Advise applies." told the employee nothing
    for case in (EXAMPLES / "situations").glob("*.yaml"):
        a = trustdose.assess(yaml.safe_load(case.read_text(encoding="utf-8")), rules)
        frame = a.frame_first
        if frame and frame.measures and frame.meanwhile.name not in ("agree", a.level.name):
            text = render(Format.agreement, a)
            until = text[text.index("Until then, "):].split("\n")[0]
            assert len(until) > len(f"Until then, {frame.meanwhile.label} applies.") + 10, until
            return
    pytest.fail("no situation waits for the frame at a level other than Agree")


def test_what_the_frame_needs_is_first_from_the_leader_not_something_to_ask_for(rules):
    # a third cold read: access to the systems stood under "what can be asked of me"
    # (now "what you can count on from me")
    case = make_case(3, 4, {"time": 4, "tools": 1, "clarity": 4, "support": 4}, 2)
    a = trustdose.assess(case, rules)
    assert "access" in {m.id for m in a.feedback}
    text = render(Format.agreement, a)
    first = text[text.index("## First, from me"):].split("\n## ")[0]
    asked = text[text.index("## What you can count on from me"):].split("\n## ")[0]
    from trustdose.report.agreement_words import ASK
    access = ASK["access"]
    assert access in first and access not in asked
    assert "until they are there" in access  # never a date the leader cannot keep


def test_the_purpose_is_a_sentence_with_its_full_stop(rules):
    try:
        for purpose, said in (("Børnene får en tryg dag", "Børnene får en tryg dag."),
                              ("Er det trygt?", "Er det trygt?")):
            _a, text = _lake(rules, "da", purpose=purpose)
            assert f"\n{said}\n" in text and f"{said}." not in text, text
    finally:
        i18n.set_language("en")


@pytest.mark.parametrize("lang, person, team", [("da", "har du lyst til", "har I lyst til"),
                                                ("nb", "har du lyst til", "har dere lyst til"),
                                                ("sv", "har du lust att", "har ni lust att")])
def test_the_purpose_question_asks_the_one_or_the_team_it_is_put_to(lang, person, team):
    # a second coach pass: 'hvilken del af den er der lyst til' asked no one
    i18n.set_language(lang)
    rules = trustdose.load_rules(user=False)
    for kind, said in (("person", person), ("team", team)):
        a = trustdose.assess(make_case(4, 2, 4, 2, subject={"name": "Stuen", "kind": kind}),
                             rules)
        asked = [q for q in a.questions if "lyst" in q or "lust" in q]
        assert len(asked) == 1 and said in asked[0], asked
        assert "er der lyst" not in asked[0] and "finns det lust" not in asked[0]
