"""Forgetting erases one subject and leaves everyone else's entries byte for byte (issue
20): a name that is also a word of trustdose's texts ("A", "2", "check"), of the leader's
own words, or another person's name is never taken out of another entry on its own; and
names are one name however their letters were composed (NFC)."""

from __future__ import annotations

import shutil
import sqlite3
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import trustdose
from trustdose.journal.review import diagnose
from trustdose.journal.store import ERASED, Journal

from helpers import make_case, run

JOSE = "José"
JOSE_NFD = unicodedata.normalize("NFD", JOSE)


def assessed(name, title="Plan the rota", risk=2, **task):
    case = make_case(risk=risk, subject={"name": name}, task={"title": title, **task})
    case["date"] = "2026-10-01"
    return trustdose.assess(case)


def everything(path, but: str) -> dict:
    """Every row of every table, every column (read from the schema, so a column added
    later is compared too), except the rows about the subject `but`."""
    db = sqlite3.connect(path)
    try:
        tables = [r[0] for r in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        rows = {}
        for table in tables:
            columns = [r[1] for r in db.execute(f"PRAGMA table_info({table})")]
            assert columns, table
            for row in db.execute(f"SELECT * FROM {table}"):
                rows[(table, row[0])] = dict(zip(columns, row))
        gone = {row[0] for row in db.execute(
            "SELECT e.id FROM entries e JOIN subjects s ON s.id = e.subject_id "
            "WHERE s.name = ?", (but,))}
        return {key: row for key, row in rows.items()
                if not (key[0] == "subjects" and row["name"] == but)
                and not (key[0] == "entries" and key[1] in gone)
                and not (key[0] == "reviews" and row["entry_id"] in gone)
                and key[0] != "sqlite_sequence"}
    finally:
        db.close()


@pytest.fixture(scope="module")
def base(tmp_path_factory, rules):
    """Others' entries whose trustdose texts hold "A", "2" and "check" ("A weekly
    check-in", "risk = 2"), whose own words hold "Plan" and "Mette", with a review note."""
    path = tmp_path_factory.mktemp("erasure") / "j.sqlite3"
    with Journal(path, create=True) as journal:
        first = journal.save(assessed("Eva", description="Plan it with Mette's team"),
                             rules.digest)
        journal.save(assessed("Ali", "Weekly budget", risk=4, people="Mette"), rules.digest)
        journal.add_review(diagnose(first, 3, "kept", [], assessed("Eva").date,
                                    note="Mette helped"))
        texts = " ".join(str(e.assessment) for e in journal.entries())
    assert "risk = 2" in texts and "A weekly check-in" in texts  # what the names below hit
    return path


def _with(base, tmp_path, rules, name):
    path = tmp_path / "j.sqlite3"
    shutil.copy(base, path)
    with Journal(path) as journal:
        journal.save(assessed(name), rules.digest)
    return path


@settings(max_examples=8, deadline=None, suppress_health_check=[
    HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(["A", "2", "check", "Plan", "Mette", "Eva's", "a", "Rota"]))
def test_forget_yes_leaves_every_other_entry_byte_identical(base, tmp_path, rules, name):
    path = _with(base, tmp_path, rules, name)
    before = everything(path, name)
    done = run("journal", "forget", name, "--yes", "--db", str(path))
    assert done.returncode == 0, done.stderr
    assert everything(path, name) == before
    with Journal(path) as journal:
        assert name not in journal.subjects()


@pytest.mark.parametrize("name", ["A", "2", "check", "Rota"])
def test_scrub_leaves_trustdoses_own_texts_alone(base, tmp_path, rules, name):
    """Even when asked to take the name out, only the leader's own words are searched:
    a name that is only a word of trustdose's texts is in no other entry."""
    path = _with(base, tmp_path, rules, name)
    before = everything(path, name)
    with Journal(path) as journal:
        assert journal.mentions(name) == []
        assert journal.forget(name, scrub=True).scrubbed == 0
    assert everything(path, name) == before


def test_scrub_takes_a_name_out_of_the_leaders_words_and_where_rules_copied_them(
        base, tmp_path, rules):
    path = _with(base, tmp_path, rules, "Mette")
    with Journal(path) as journal:
        found = {m.subject: m.where for m in journal.mentions("Mette")}
        assert found == {"Eva": ("case", "assessment", "review"),
                         "Ali": ("case", "assessment")}
        journal.forget("Mette", scrub=True)
        eva, ali = (journal.entries(s)[0] for s in ("Eva", "Ali"))
        assert eva.case["task"]["description"] == f"Plan it with {ERASED} team"
        assert ali.assessment["task"]["people"] == ERASED
        assert "Mette" not in str(ali.assessment) and "Mette" not in str(eva.assessment)
        assert ali.task == "Weekly budget"  # trustdose's words and the rest stay
        assert journal.entry_reviews(eva.id)[0]["note"] == f"{ERASED} helped"


def test_a_name_is_one_name_however_its_letters_were_composed(tmp_path, rules):
    path = tmp_path / "j.sqlite3"
    with Journal(path, create=True) as journal:
        journal.save(assessed(JOSE_NFD), rules.digest)
        assert journal.subjects() == [JOSE]  # composed where it enters: the case model
        assert journal.track(JOSE_NFD) is not None and journal.matching(JOSE_NFD) == [JOSE]


def test_an_old_journal_with_a_decomposed_name_is_found_and_forgotten(tmp_path, rules):
    path = tmp_path / "j.sqlite3"
    with Journal(path, create=True) as journal:
        journal.save(assessed(JOSE), rules.digest)
        journal.save(assessed("Eva"), rules.digest)
        journal.db.execute("UPDATE subjects SET name = ? WHERE name = ?", (JOSE_NFD, JOSE))
        assert journal.track(JOSE) is not None  # a breach's closer follow-up is not skipped
        assert [e.subject for e in journal.entries(journal.matching(JOSE)[0])] == [JOSE_NFD]
    done = run("journal", "history", JOSE, "--db", str(path))
    assert done.returncode == 0 and "1 saved assessment" in done.stdout, done.stderr
    done = run("journal", "forget", JOSE, "--yes", "--db", str(path))
    assert done.returncode == 0 and "1 entry" in done.stdout, done.stderr
    with Journal(path) as journal:
        assert journal.subjects() == ["Eva"]


def test_saving_a_name_an_old_journal_holds_decomposed_keeps_one_subject(tmp_path, rules):
    path = tmp_path / "j.sqlite3"
    with Journal(path, create=True) as journal:
        journal.save(assessed(JOSE), rules.digest)
        journal.db.execute("UPDATE subjects SET name = ? WHERE name = ?", (JOSE_NFD, JOSE))
        journal.save(assessed(JOSE), rules.digest)
        assert journal.subjects() == [JOSE] and len(journal.entries(JOSE)) == 2


def test_a_name_given_with_outer_spaces_means_the_name_without_them_exactly(tmp_path, rules):
    path = tmp_path / "j.sqlite3"
    with Journal(path, create=True) as journal:
        for name in ("Sam", "sam", "Team 7"):
            journal.save(assessed(name), rules.digest)
        assert journal.matching(" Sam") == ["Sam"] and journal.matching("sam ") == ["sam"]
        assert journal.matching(" SAM ") == ["Sam", "sam"]  # no exact one: both, ambiguous
        assert journal.matching("Team\u00a07") == ["Team 7"]  # a no-break space is a space
        assert journal.matching("team  7") == ["Team 7"]
    done = run("journal", "forget", " Sam", "--yes", "--db", str(path))
    assert done.returncode == 0 and "Erased Sam: 1 entry" in done.stdout, done.stderr
    done = run("journal", "forget", "Team\u00a07", "--yes", "--db", str(path))
    assert done.returncode == 0 and "Erased Team 7: 1 entry" in done.stdout, done.stderr
    with Journal(path) as journal:
        assert journal.subjects() == ["sam"]


def test_scrub_takes_a_name_out_of_every_field_in_the_leaders_words(tmp_path, rules):
    # issue 21's task fields are the leader's words too: purpose, ground rules, success,
    # the situations to come first (the hostile pass found the name left in all four)
    path = tmp_path / "j.sqlite3"
    with Journal(path, create=True) as journal:
        journal.save(assessed("Bo", purpose="Lise can rely on the plan",
                              ground_rules=["Ask Lise first", "Keep it short"],
                              success="Lise's week runs", escalate=["Lise is ill"]),
                     rules.digest)
        journal.save(assessed("Lise"), rules.digest)
        assert [m.where for m in journal.mentions("Lise")] == [("case", "assessment")]
        journal.forget("Lise", scrub=True)
        bo = journal.entries("Bo")[0]
        for data in (bo.case, bo.assessment):
            assert "Lise" not in str(data), data
        assert bo.case["task"]["ground_rules"] == [f"Ask {ERASED} first", "Keep it short"]


def test_every_field_of_a_task_is_sorted_as_own_words_or_as_a_code():
    from trustdose.model.case import OWN_WORDS, TASK_CODES, Task
    assert sorted(OWN_WORDS + TASK_CODES) == sorted(Task.model_fields)
    assert not set(OWN_WORDS) & set(TASK_CODES)
