"""The workplace's country on the command line: `--country`, `country:` in the config file,
else the language's own; a review date given by hand on a closed day is kept, with a note."""

from __future__ import annotations

import json

import pytest

from helpers import run

CASE = "examples/new-employee.yaml"  # assessed on 2026-12-01


@pytest.mark.parametrize("lang, day, said", [
    ("da", "2026-12-24", "falder på juleaften, hvor de fleste arbejdspladser holder lukket"),
    ("nb", "2028-05-17", "faller på grunnlovsdag"),
    ("sv", "2027-06-25", "infaller på midsommarafton"),
    ("en", "2026-12-26", "falls on Saturday"),
])
def test_a_review_date_by_hand_on_a_closed_day_is_kept_with_a_note(lang, day, said):
    r = run("--lang", lang, "assess", CASE, "--review-date", day, "--format", "json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["review_date"] == day
    assert said in r.stderr and r.stderr.count("\n") == 1


def test_no_note_for_a_working_day():
    r = run("--lang", "da", "assess", CASE, "--review-date", "2026-12-23", "--format", "json")
    assert r.returncode == 0 and r.stderr == ""


def test_country_option_and_config(tmp_path):
    r = run("assess", CASE, "--country", "dk", "--review-date", "2026-12-31", "--format", "json")
    assert json.loads(r.stdout)["country"] == "DK" and "New Year's Eve" in r.stderr
    config = tmp_path / "config.yaml"
    config.write_text("lang: en\ncountry: se\n", encoding="utf-8")
    r = run("assess", CASE, "--format", "json", env={"TRUSTDOSE_CONFIG": str(config)})
    assert json.loads(r.stdout)["country"] == "SE"
    r = run("--lang", "sv", "assess", CASE, "--country", "NO", "--format", "json",
            env={"TRUSTDOSE_CONFIG": str(config)})
    assert json.loads(r.stdout)["country"] == "NO"  # the option before the config


@pytest.mark.parametrize("text, where, said", [
    ("lang: da\ncountry: Narnia\n", ":2:10:", "country: 'Narnia' is not a country code"),
    ("country: 47\n", ":1:10:", "country: 47 is not a country code"),
    ("country: XX\n", ":1:10:", "country: XX is not a country trustdose knows the holidays"),
])
def test_a_bad_country_in_the_config_is_said_where_it_is(tmp_path, text, where, said):
    config = tmp_path / "config.yaml"
    config.write_text(text, encoding="utf-8")
    r = run("assess", CASE, env={"TRUSTDOSE_CONFIG": str(config)})
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert f"{config}{where}" in r.stderr and said in r.stderr and "ISO 3166" in r.stderr


def test_an_unknown_country_option_is_refused():
    r = run("batch", "examples/batch/workshop.csv", "--country", "XX")
    assert r.returncode == 2 and "--country: XX" in r.stderr and "DK, NO, SE" in r.stderr
    assert r.stdout == ""  # before any case is assessed
