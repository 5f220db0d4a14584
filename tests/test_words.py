"""The words leaders reach for (issue 21, item 8): "don't know" as they write it, the
safeguards they have (a checklist, deviation reporting), and wording that reads as a
native leader writes: the answer that was unsure named, lists said as lists, a tie said
as a tie, no sector words where they do not belong, no "du" to a team."""

from __future__ import annotations

import json

import pytest

import trustdose
from trustdose import i18n
from trustdose.model.vocabulary import UNCERTAIN
from trustdose.questionnaire import steps

from .helpers import make_case, run

DONT_KNOW = ["vet inte", "Vet inte", "inte säker", "ved ikke", "ikke sikker", "vet ikke",
             "usikker", "osäker", "not sure", "don't know", "unsure"]


@pytest.mark.parametrize("word", DONT_KNOW)
def test_dont_know_is_an_uncertain_answer_in_a_case_file(rules, word):
    a = trustdose.assess(make_case(c=word, i={"openness": word}), rules)
    assert a.uncertain == ["competence", "intention"] and a.scores["competence"] == 3.0


def test_dont_know_is_an_uncertain_answer_in_a_batch_and_the_questionnaire(rules, tmp_path):
    rows = tmp_path / "cases.csv"
    rows.write_text("name,title,competence,intention,resources,risk\n"
                    "Kim,Rota,vet inte,4,4,2\nIda,Rota,4,ikke sikker,4,2\n", encoding="utf-8")
    done = run("batch", str(rows), "--format", "jsonl")
    assert done.returncode == 0, done.stderr
    assert [json.loads(line)["uncertain"] for line in done.stdout.splitlines()] == [
        ["competence"], ["intention"]]
    score = next(s for s in steps(rules) if s.key == ("competence", "professional"))
    assert all(score.parse(word) == UNCERTAIN for word in DONT_KNOW)


@pytest.mark.parametrize("safeguard, risk, level", [
    ("checklist", 3.5, "advise"), ("checklist", 3, "delegate"),
    ("deviation-reporting", 3, "delegate"), ("deviation-reporting", 3.5, "agree")])
def test_a_checklist_and_deviation_reporting_are_safeguards_in_place(rules, safeguard, risk,
                                                                     level):
    a = trustdose.assess(make_case(5, 5, 5, risk, task={"title": "Grant small sums",
                                                        "safeguards": [safeguard]}), rules)
    assert a.level.name == level
    assert [m.id for m in a.controls if m.in_place] == [safeguard]


def test_the_unsure_answer_is_named_not_only_its_dimension(rules):
    a = trustdose.assess(make_case(i={"responsibility": 4, "core-task": 4, "agreements": 4,
                                      "openness": "?"}), rules)
    find_out = next(m for m in a.feedback if m.id == "find-out-intention")
    assert find_out.title == "Find out what they want (openness about doubt and mistakes)"


def test_a_list_is_said_as_a_list():
    assert i18n.listing(["a", "b", "c"]) == "a, b and c" and i18n.listing(["a"]) == "a"
    i18n.set_language("nb")
    try:
        assert i18n.listing(["a", "b", "c"]) == "a, b og c"
    finally:
        i18n.set_language("en")


def test_a_tie_is_said_as_a_tie():
    even = run("assess", "-", "--lang", "nb", input=json.dumps(make_case(3.8, 3.8, 3.8, 2)))
    assert "står likt (3,8)" in even.stdout and "svakest" not in even.stdout, even.stdout
    two = run("assess", "-", input=json.dumps(make_case(3, 4, 3, 2)))
    assert "weakest: competence and resources" in two.stdout


def test_the_short_scores_mark_in_one_parenthesis():
    done = run("assess", "-", "--lang", "sv", input=json.dumps(make_case(4, 4, "vet inte", 2)))
    assert "(svagast, osäker)" in done.stdout and ") (" not in done.stdout


@pytest.mark.parametrize("lang", ["en", "da", "nb", "sv"])
def test_no_sector_words_where_they_do_not_belong(rules, lang):
    kitchen = make_case(4, 4, 4, {"impact": 5, "reversibility": 3, "novelty": 1,
                                  "exposure": 3}, task={"title": "Run the kitchen",
                                                        "safeguards": ["spot-checks"]})
    kitchen["task"]["safeguards"].append("written-instructions")
    done = run("assess", "-", "--lang", lang, "--full", input=json.dumps(kitchen))
    words = ("ordination", "ordinasjon", "ärenden", "afsluttede sager", "ferdige saker",
             "finished cases")
    assert done.returncode == 0 and not [w for w in words if w in done.stdout.lower()]


def test_the_questions_to_a_team_never_say_du_in_norwegian(rules):
    i18n.set_language("nb")
    try:
        for c in (2, 4):  # competence limiting (ask-competence), and capped (ask-capped)
            a = trustdose.assess(make_case(c, 4, 4, 4.5, subject={"name": "Kjøkkenteamet",
                                                                 "kind": "team"}), rules)
            said = " ".join(a.questions)
            assert " du " not in f" {said} " and " deg " not in f" {said} ", said
    finally:
        i18n.set_language("en")
