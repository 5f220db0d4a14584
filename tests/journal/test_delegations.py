"""The journal as a leader uses it between assessments: every delegation that is due
(a person with two tasks is due twice), the agreed review date shown everywhere it is
named, subjects found whatever the case of their name, and `journal show` with the
planned level and how each review went."""

from __future__ import annotations

import datetime as dt
import json

import pytest

import trustdose
from trustdose.errors import UsageError
from trustdose.journal.review import diagnose
from trustdose.journal.store import Journal

from helpers import EXAMPLES, make_case, run

CASE = str(EXAMPLES / "new-employee.yaml")  # date: 2026-12-01, Jonas


def assessed(name="Kim", task="Vagtplan", day="2026-10-01", review_date=None, **extra):
    case = make_case(4, 4, 4, 2, subject={"name": name}, task={"title": task}, **extra)
    case["date"] = day
    return trustdose.assess(case, review_date=review_date)


@pytest.fixture
def db(tmp_path):
    return tmp_path / "private" / "journal.sqlite3"


@pytest.fixture
def env(tmp_path):
    return {"TRUSTDOSE_DB": str(tmp_path / "j.sqlite3")}


def save(env, name="Jonas", task="Vagtplan", day="2026-10-01", *args):
    case = make_case(4, 4, 4, 2, subject={"name": name}, task={"title": task})
    case["date"] = day
    done = run("assess", "-", "--save", "--format", "json", *args, input=json.dumps(case),
               env=env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


# --- what is due ----------------------------------------------------------------------------

def test_each_delegation_is_due_not_one_per_person(db, rules):
    with Journal(db, create=True) as journal:
        rota = journal.save(assessed(task="Vagtplan", review_date=dt.date(2026, 10, 20)),
                            rules.digest)
        budget = journal.save(assessed(task="Budget", day="2026-10-05",
                                       review_date=dt.date(2026, 10, 25)), rules.digest)
        journal.save(assessed("Eva", review_date=dt.date(2026, 12, 1)), rules.digest)
        assert [e.id for e in journal.due(dt.date(2026, 10, 19))] == []
        assert [e.id for e in journal.due(dt.date(2026, 10, 20))] == [rota]
        assert [(e.subject, e.task) for e in journal.due(dt.date(2026, 11, 1))] == \
            [("Kim", "Vagtplan"), ("Kim", "Budget")]
        journal.add_review(diagnose(rota, 5, "kept", [], dt.date(2026, 11, 1)))
        assert [e.id for e in journal.due(dt.date(2026, 11, 1))] == [budget]  # reviewed: gone


def test_a_later_assessment_of_the_same_task_takes_the_place_of_the_earlier(db, rules):
    with Journal(db, create=True) as journal:
        journal.save(assessed(task="Vagtplan", review_date=dt.date(2026, 10, 15)), rules.digest)
        again = journal.save(assessed(task=" vagtplan ", day="2026-10-10",
                                      review_date=dt.date(2026, 11, 20)), rules.digest)
        assert journal.due(dt.date(2026, 11, 1)) == []  # the earlier date no longer counts
        assert [e.id for e in journal.due(dt.date(2026, 11, 20))] == [again]


def test_journal_due_shows_both_tasks_of_one_person(env):
    save(env, "Jonas", "Answer the parking permit questions", "2026-10-01",
         "--review-date", "2026-10-29")
    save(env, "Jonas", "Keep the queue list", "2026-10-02", "--review-date", "2026-11-02")
    save(env, "Eva", "Order supplies", "2026-10-03", "--review-date", "2026-12-24")
    due = run("journal", "due", "--on", "2026-11-05", env=env).stdout.splitlines()
    assert len(due) == 2
    assert due[0].startswith("#1  Jonas — Answer the parking permit questions")
    assert "(7 days overdue)" in due[0]
    assert due[1].startswith("#2  Jonas — Keep the queue list") and "(3 days overdue)" in due[1]
    rows = json.loads(run("journal", "due", "--on", "2026-11-05", "--format", "json",
                          env=env).stdout)
    assert [(r["id"], r["review_date"]) for r in rows] == [(1, "2026-10-29"), (2, "2026-11-02")]


# --- the agreed review date -----------------------------------------------------------------

@pytest.mark.parametrize("fmt, shown", [
    ("text", "3 December 2026"), ("markdown", "3 December 2026"), ("rich", "3 December 2026"),
])
def test_the_agreed_review_date_is_the_one_every_report_shows(fmt, shown):
    default = run("assess", CASE, "--format", fmt).stdout
    done = run("assess", CASE, "--format", fmt, "--review-date", "2026-12-03")
    assert done.returncode == 0, done.stderr
    assert shown in done.stdout and shown not in default  # the checklist: in the JSON test


def test_the_agreed_review_date_in_json_and_in_the_journal(env):
    data = save(env, "Jonas", "Rota", "2026-10-01", "--review-date", "2026-12-03")
    assert data["review_date"] == "2026-12-03"
    assert "Review on 3 December 2026: we look back together and decide the next step." \
        in data["checklist"]
    assert any("as agreed" in t["effect"] and t["source"] for t in data["trace"])
    with Journal(env["TRUSTDOSE_DB"]) as journal:
        entry = journal.entries()[0]
    assert entry.review_date == dt.date(2026, 12, 3)
    assert entry.assessment["review_date"] == "2026-12-03"
    assert "3 December 2026" in run("journal", "show", "1", env=env).stdout


def test_the_agreed_review_date_in_danish():
    out = run("assess", CASE, "--format", "text", "--review-date", "2027-01-04", "--lang", "da")
    assert out.returncode == 0 and "4. januar 2027" in out.stdout


def test_the_review_date_may_be_the_day_of_the_assessment():
    data = json.loads(run("assess", CASE, "--format", "json", "--review-date",
                          "2026-12-01").stdout)
    assert data["date"] == data["review_date"] == "2026-12-01"


@pytest.mark.parametrize("args, message, hint", [
    (["--review-date", "2026-11-30"],
     "the review date 2026-11-30 is before the day of the assessment (2026-12-01)",
     "allowed: 2026-12-01 or a later day"),
    (["--review-date", "2026-02-30"], "--review-date: 2026-02-30 is not a day in the calendar",
     "give a day that exists"),
    (["--review-date", "2026-13-01"], "--review-date: 2026-13-01 is not a day in the calendar",
     "give a day that exists"),
    (["--review-date", "next week"], "--review-date: 'next week' is not a date", "YYYY-MM-DD"),
])
def test_a_review_date_that_cannot_be_is_refused_and_nothing_saved(args, message, hint, env,
                                                                    tmp_path):
    done = run("assess", CASE, "--save", *args, env=env)
    assert done.returncode == 2 and message in done.stderr and hint in done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""
    assert not (tmp_path / "j.sqlite3").exists()


def test_a_past_review_date_is_refused_before_the_questionnaire_asks_anything():
    done = run("assess", "--review-date", "2000-01-01")
    assert done.returncode == 2 and "the review date 2000-01-01 is before" in done.stderr
    assert "no terminal" not in done.stderr


def test_the_refusal_in_swedish():
    done = run("assess", CASE, "--review-date", "2026-11-01", "--lang", "sv")
    assert done.returncode == 2
    assert "dagen för uppföljning, 2026-11-01, är före bedömningens datum" in done.stderr


def test_the_api_takes_a_review_date_and_refuses_one_before_the_assessment(rules, db):
    result = assessed(review_date=dt.date(2026, 10, 2))
    assert result.review_date == dt.date(2026, 10, 2)
    assert result.to_json()["review_date"] == "2026-10-02"
    with pytest.raises(UsageError, match="before the day of the assessment"):
        assessed(review_date=dt.date(2026, 9, 30))
    with Journal(db, create=True) as journal, pytest.raises(UsageError):
        journal.save(assessed(), rules.digest, review_date=dt.date(2026, 9, 1))


def test_an_agreed_date_does_not_leak_into_the_next_assessment():
    agreed = assessed(review_date=dt.date(2027, 3, 1))
    plain = assessed()
    assert agreed.review_date == dt.date(2027, 3, 1) and plain.review_date != agreed.review_date
    assert all("2027" not in line for line in plain.to_json()["checklist"])


# --- finding a subject ----------------------------------------------------------------------

def test_subject_lookups_ignore_case(env):
    save(env, "Jonas", "Rota")
    save(env, "Åse Øberg", "Budget")
    history = run("journal", "history", "jONAS", env=env)
    assert history.returncode == 0 and "Jonas: 1 saved assessment" in history.stdout
    assert run("journal", "history", "åse øberg", env=env).returncode == 0
    listed = json.loads(run("journal", "list", "-s", "JONAS", "-f", "json", env=env).stdout)
    assert [e["subject"] for e in listed] == ["Jonas"]
    exported = json.loads(run("journal", "export", "-s", "jonas", env=env).stdout)
    assert [e["subject"] for e in exported["entries"]] == ["Jonas"]
    shown = run("journal", "show", "JONAS", env=env).stdout
    assert shown.startswith("#1 ·") and "Rota" in shown
    done = run("journal", "forget", "jonas", "--yes", env=env)
    assert done.returncode == 0 and "Erased Jonas: 1 entry" in done.stdout
    with Journal(env["TRUSTDOSE_DB"]) as journal:
        assert journal.subjects() == ["Åse Øberg"]


def test_an_exact_match_wins_and_an_ambiguous_name_is_refused(env):
    save(env, "Kim", "Rota")
    save(env, "KIM", "Budget")
    assert "Rota" in run("journal", "show", "Kim", env=env).stdout
    assert "Budget" not in run("journal", "show", "Kim", env=env).stdout
    assert "Budget" in run("journal", "history", "KIM", env=env).stdout
    for command in (["history", "kim"], ["forget", "kim", "--yes"], ["show", "kim"],
                    ["list", "-s", "kim"], ["export", "-s", "kim"]):
        done = run("journal", *command, env=env)
        assert done.returncode == 2 and "Traceback" not in done.stderr
        assert "'kim' matches more than one name in the journal: 'KIM', 'Kim'" in done.stderr
        assert "write the name exactly as saved" in done.stderr
    with Journal(env["TRUSTDOSE_DB"]) as journal:
        assert journal.subjects() == ["KIM", "Kim"]  # nothing forgotten


def test_an_unknown_name_suggests_the_name_as_saved(env):
    save(env, "Jonas", "Rota")
    done = run("journal", "history", "jonsa", env=env)
    assert done.returncode == 2 and "no one called 'jonsa' in the journal" in done.stderr
    assert "did you mean 'Jonas'?" in done.stderr
    done = run("journal", "list", "-s", "Nobody", env=env)
    assert done.returncode == 2 and "no one called 'Nobody'" in done.stderr


# --- journal show ---------------------------------------------------------------------------

def test_show_has_the_planned_level_and_each_reviews_outcome(env):
    save(env, "Mette", "Vagtplan", "2026-10-01", "--planned", "7")
    save(env, "Eva", "Budget", "2026-10-01")
    run("review", "1", "--outcome", "strained", "--cause", "competence", "--date",
        "2026-10-30", "--note", "two late rotas", env=env)
    run("review", "1", "--outcome", "kept", "--date", "2026-11-27", env=env)
    shown = run("journal", "show", "1", env=env).stdout
    assert "Planned level: 7 Delegate" in shown
    assert ("Reviewed 30 October 2026: strained (competence was lacking); closer follow-up "
            "at 5 Advise until 27 November 2026 — two late rotas") in shown
    assert "Reviewed 27 November 2026: kept" in shown
    assert shown.index("strained") < shown.index(": kept")
    other = run("journal", "show", "#2", env=env).stdout
    assert "Planned level: none given" in other and "Not reviewed yet." in other
    data = json.loads(run("journal", "show", "1", "--format", "json", env=env).stdout)
    assert data["planned"] == 7
    assert [(r["outcome"], r["temporary_level"]) for r in data["reviews"]] == \
        [("strained", 5), ("kept", None)]
    danish = run("journal", "show", "1", "--lang", "da", env=env).stdout
    assert "Planlagt niveau: 7 Uddelegere" in danish and "presset" in danish


def test_show_a_name_shows_every_entry_about_them_and_an_unknown_id_is_refused(env):
    save(env, "Jonas", "Rota")
    save(env, "Jonas", "Budget", "2026-10-02")
    shown = run("journal", "show", "jonas", env=env).stdout
    assert shown.count("Planned level:") == 2 and "Rota" in shown and "Budget" in shown
    rows = json.loads(run("journal", "show", "Jonas", "-f", "json", env=env).stdout)
    assert [r["task"] for r in rows] == ["Rota", "Budget"]
    done = run("journal", "show", "9", env=env)
    assert done.returncode == 2 and "no journal entry 9" in done.stderr


def test_list_says_for_every_entry_whether_it_was_reviewed_and_how_it_went(env):
    # issue 23: a broken review was visible in `journal show` alone
    save(env, "Jonas", "Rota")
    save(env, "Eva", "Budget")
    done = run("review", "1", "--outcome", "broken", "--cause", "resources", "--date",
               "2026-10-20", env=env)
    assert done.returncode == 0, done.stderr
    listed = run("journal", "list", env=env).stdout.splitlines()
    assert listed[0].split()[-1] == "REVIEWED"
    assert listed[1].endswith("2026-10-20 broken") and not listed[2].endswith("broken")
    rows = json.loads(run("journal", "list", "-f", "json", env=env).stdout)
    assert rows[0]["reviewed"] == {"day": "2026-10-20", "outcome": "broken",
                                   "causes": ["resources"]}
    assert rows[1]["reviewed"] is None
    danish = run("--lang", "da", "journal", "list", env=env).stdout.splitlines()
    assert danish[1].endswith("2026-10-20 brudt")
