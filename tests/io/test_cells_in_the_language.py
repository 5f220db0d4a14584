"""What a coach's cells say in their own language (issue 22, cells): the kinds of task
in all four languages, a bad level's hint naming the levels as the language does, the
fairness check comparing the scores as given, and `--by` a column the file lacks."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, strategies as st

from trustdose.model.case import Task
from trustdose.model.vocabulary import LANGUAGES, TASK_KIND_WORDS, task_kind_words

from helpers import run

HEADER = {"da": "navn;opgave;opgavetype;kompetence;intention;ressourcer;risiko;planlagt niveau",
          "nb": "navn;oppgave;oppgavetype;kompetanse;vilje;ressurser;risiko;planlagt nivå",
          "sv": "namn;uppgift;uppgiftstyp;kompetens;vilja;resurser;risk;planerad nivå",
          "en": "name;task;task_kind;competence;intention;resources;risk;planned_level"}


def sheet(tmp_path, lang: str, rows: list[str]) -> str:
    path = tmp_path / f"{lang}.csv"
    path.write_text("\n".join([HEADER[lang], *rows]) + "\n", encoding="utf-8")
    return str(path)


@given(st.sampled_from(sorted(TASK_KIND_WORDS)), st.sampled_from(range(len(LANGUAGES))),
       st.sampled_from([str.lower, str.upper, str.title]), st.sampled_from(["", " "]))
def test_a_kind_of_task_in_any_language_and_case_is_its_id(kind, at, case, blank):
    word = blank + case(TASK_KIND_WORDS[kind][at]) + blank
    assert Task(title="T", kind=word).kind == kind


@pytest.mark.parametrize("lang", ["da", "nb", "sv"])
def test_cells_name_the_kinds_in_the_language_and_the_ids_stay_in_json(tmp_path, lang):
    rows = [f"Kim {n};T;{word};4;4;3;2;" for n, word in enumerate(task_kind_words(lang))]
    result = run("batch", sheet(tmp_path, lang, rows), "-f", "jsonl", "--lang", lang)
    assert result.returncode == 0, result.stderr
    kinds = [json.loads(line)["task"]["kind"] for line in result.stdout.splitlines()]
    assert kinds == list(TASK_KIND_WORDS)


@pytest.mark.parametrize("lang, said", [
    ("da", "tilladt: rutine, engangsopgave, løbende, projekt"),
    ("sv", "tillåtet: rutin, engångsuppgift, löpande, projekt"),
    ("en", "allowed: routine, one-off, ongoing, project")])
def test_a_kind_no_language_has_is_refused_with_the_languages_words(tmp_path, lang, said):
    result = run("batch", sheet(tmp_path, lang, ["Kim;T;rutinr;4;4;3;2;"]), "--lang", lang)
    assert result.returncode == 1 and said in result.stderr, result.stderr


def test_the_columns_listing_says_the_kinds_in_the_language():
    result = run("batch", "--columns", "--lang", "nb")
    assert "rutine, engangsoppgave, løpende eller prosjekt" in result.stdout


@pytest.mark.parametrize("lang, names", [
    ("da", "Fortælle, Sælge, Konsultere, Blive enige, Rådgive, Blive orienteret, Uddelegere "
           "eller id'erne tell, sell"),
    ("en", "allowed: 1-7 or tell, sell, consult")])
def test_a_bad_level_is_hinted_with_the_levels_names_in_the_language_first(tmp_path, lang,
                                                                            names):
    result = run("batch", sheet(tmp_path, lang, ["Kim;T;;4;4;3;2;lidt"]), "--lang", lang)
    assert result.returncode == 1 and names in result.stderr, result.stderr
    result = run("assess", "examples/new-employee.yaml", "--planned", "lidt", "--lang", lang)
    assert result.returncode == 2 and names in result.stderr, result.stderr
