"""The batch's answers to a workshop (`batch.labelled`, the Excel CSV, the workbook, the
progress's total): the planned and recommended level and the gap between them, labelled
in the language for people, ids for programs; a workbook a coach can sort and filter."""

from __future__ import annotations

import csv
import io
import sys
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trustdose import assess
from trustdose.batch import labelled
from trustdose.i18n import _, set_language

from helpers import EXAMPLES, run

WORKSHOP = EXAMPLES / "batch" / "workshop.csv"
IDS = ("tell", "sell", "consult", "agree", "advise", "inquire", "delegate", "overdose",
       "overcontrol", "new-in-role", "symbolic-involvement", "risk-high", "resources")


def excel_rows(path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig")),
                               delimiter=";"))


@settings(max_examples=40, deadline=None)
@given(scores=st.lists(st.sampled_from([1, 1.5, 2, 3, 3.5, 4, 5]), min_size=4, max_size=4),
       planned=st.one_of(st.none(), st.integers(1, 7)), lang=st.sampled_from(["en", "da"]))
def test_the_gap_is_the_planned_step_less_the_recommended_and_says_which_way(
        rules, scores, planned, lang):
    case = {"subject": {"name": "Kim"}, "task": {"title": "Plan"},
            **dict(zip(("competence", "intention", "resources", "risk"), scores))}
    if planned is not None:
        case["planned_level"] = planned
    set_language(lang)
    try:
        row = labelled.sheet(assess(case, rules), "x:1", "d", "v")
        shown = labelled.glance(assess(case, rules), "x:1")
        words = {sign: _(s) for sign, s in labelled.SENSES.items()}
    finally:
        set_language("en")
    if planned is None:
        assert row["gap_steps"] is None and row["sense"] == "" and shown["gap"] == ""
        return
    steps = planned - row["level_step"]
    assert row["planned_step"] == planned and row["gap_steps"] == steps
    sense = words[(steps > 0) - (steps < 0)]
    assert row["sense"] == sense
    assert shown["gap"] == (f"{steps:+d} " if steps else "0 ") + sense


# The gap said neutrally at every size, in each language: only the warnings judge.
NEUTRAL = {"en": ("more trust than recommended", "more control than recommended"),
           "da": ("mere tillid end anbefalet", "mere kontrol end anbefalet"),
           "nb": ("mer tillit enn anbefalt", "mer kontroll enn anbefalt"),
           "sv": ("mer tillit än rekommenderat", "mer kontroll än rekommenderat")}


@pytest.mark.parametrize("lang", sorted(NEUTRAL))
def test_the_gap_is_said_neutrally_at_every_size(rules, lang):
    set_language(lang)
    try:
        said = {steps: labelled.Gap(steps, labelled.SENSES[(steps > 0) - (steps < 0)]).text()
                for steps in (-6, -1, 1, 6)}
    finally:
        set_language("en")
    trust, control = NEUTRAL[lang]
    assert said == {-6: f"-6 {control}", -1: f"-1 {control}", 1: f"+1 {trust}",
                    6: f"+6 {trust}"}


def test_the_excel_csv_is_labelled_in_the_language_and_plain_csv_keeps_ids(tmp_path):
    out = tmp_path / "resultater.csv"
    assert run("batch", str(WORKSHOP), "-o", str(out), "--excel", "--lang", "da").returncode == 1
    rows = excel_rows(out)
    assert list(rows[0])[:12] == [
        "Id", "Medarbejder/team", "Person eller team", "Opgave", "Leder", "Planlagt",
        "Planlagt trin",
        "Anbefalet", "Anbefalet trin", "Forskel i trin", "Planlagt i forhold til anbefalet",
        "Svageste forudsætning"]
    jonas = next(r for r in rows if r["Id"] == "ws-02")
    assert (jonas["Planlagt"], jonas["Planlagt trin"], jonas["Anbefalet"],
            jonas["Anbefalet trin"], jonas["Forskel i trin"],
            jonas["Planlagt i forhold til anbefalet"]) == \
        ("Blive enige", "4", "Blive orienteret", "6", "-2", "mere kontrol end anbefalet")
    assert jonas["Advarsler"] == "Mindre frihed, end der er grundlag for"
    assert jonas["Rammen først"] and jonas["Ressourcer"] == "2,5"
    # no id where a coach reads: levels, warnings, preconditions, caps are words
    for row in rows:
        cells = {row[k] for k in row if k not in ("Id", "Kilde", "Trustdose", "Regelsæt")}
        assert not {w for cell in cells for w in cell.replace(";", " ").split()} & set(IDS)
    plain = list(csv.DictReader(io.StringIO(run("batch", str(WORKSHOP), "-f", "csv",
                                                "--lang", "da").stdout)))
    ws02 = next(r for r in plain if r["id"] == "ws-02")
    assert (ws02["level_name"], ws02["planned_name"], ws02["gap"], ws02["warnings"]) == \
        ("inquire", "agree", "-2", "overcontrol-shared")


def test_the_workbook_has_a_sortable_results_sheet_and_the_summary(tmp_path):
    from openpyxl import load_workbook

    rows = tmp_path / "in.csv"
    rows.write_text("id,subject,task,competence,intention,resources,risk,planned_level\n"
                    "f1,=HYPERLINK(\"http://x\"),=1+1,4,4,4,2,delegate\n"
                    + "".join(f"c{n},Kim {n},Plan,{1 + n % 5},4,4,2,{1 + n % 7}\n"
                              for n in range(250)))
    out = tmp_path / "resultat.xlsx"
    done = run("batch", str(rows), "-o", str(out), "--lang", "sv")
    assert done.returncode == 0, done.stderr
    book = load_workbook(out)
    assert book.sheetnames == ["Resultat", "Sammanfattning"]
    sheet = book["Resultat"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == f"A1:Y{251 + 1}"
    head = [c.value for c in sheet[1]]
    assert head[:4] == ["Id", "Medarbetare/team", "Person eller team", "Uppgift"]
    assert all(c.font.b for c in sheet[1])
    at = {name: i for i, name in enumerate(head)}
    body = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(body) == 251
    for row in body:  # the steps are numbers Excel sorts; the gap is their difference
        assert isinstance(row[at["Rekommenderat steg"]], int)
        assert row[at["Skillnad i steg"]] == row[at["Planerat steg"]] - \
            row[at["Rekommenderat steg"]]
        assert isinstance(row[at["Kompetens"]], (int, float))
    # a subject or task that starts like a formula stays text: nothing runs
    first = sheet[2]
    assert first[at["Medarbetare/team"]].value == '=HYPERLINK("http://x")'
    assert first[at["Medarbetare/team"]].data_type == "s" and first[at["Uppgift"]].data_type == "s"
    assert sheet.column_dimensions["D"].width >= len("Uppgift")
    summary = [r[0] for r in book["Sammanfattning"].iter_rows(values_only=True)]
    assert summary[0] == done.stderr.splitlines()[0]  # '251 fall: 251 bedömda, 0 avvisade'
    # each part a heading and its lines, the figures numbers: the levels add up to the cases
    rows = list(book["Sammanfattning"].iter_rows(values_only=True))
    at = next(i for i, row in enumerate(rows) if row[0] == "Nivåer")
    assert sum(row[1] for row in rows[at + 1:at + 8]) == 251


def test_a_workbook_is_never_poured_onto_a_terminal(rules, monkeypatch):
    from trustdose.cli import batch as cli_batch
    from trustdose.errors import UsageError
    from trustdose.report.formats import RowFormat

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    with pytest.raises(UsageError, match="workbook"):
        cli_batch._writer(RowFormat.xlsx, rules, False, SimpleNamespace(figures=list), True)
    assert cli_batch._writer(RowFormat.xlsx, rules, False, SimpleNamespace(figures=list),
                             False) is not None


def test_the_progress_knows_how_many_cases_a_file_or_folder_holds(tmp_path):
    from trustdose.cli.batchprogress import expected

    table = tmp_path / "a.csv"
    table.write_text("id,subject\n" + "x,Kim\n" * 7 + "y,Kim")  # no line end at the end
    lines = tmp_path / "b.jsonl"
    lines.write_text('{"id": 1}\n' * 5)
    folder = tmp_path / "cases"
    folder.mkdir()
    for n in range(3):
        (folder / f"c{n}.yaml").write_text("")
    (folder / ".hidden.yaml").write_text("")
    assert expected([str(table), str(lines), str(folder)]) == 8 + 5 + 3
    assert expected([str(table), "-"]) is None  # standard input: the count and rate only
    yaml = tmp_path / "many.yaml"
    yaml.write_text("a: 1\n---\na: 2\n")
    assert expected([str(yaml)]) is None


@pytest.mark.parametrize("lang, shown", [("da", "dd-mm-yyyy"), ("nb", "dd.mm.yyyy"),
                                         ("sv", "yyyy-mm-dd")])
def test_the_workbook_shows_dates_as_the_language_writes_them(tmp_path, lang, shown):
    from openpyxl import load_workbook

    out = tmp_path / "resultat.xlsx"
    run("batch", str(WORKSHOP), "-o", str(out), "--lang", lang)
    sheet = load_workbook(out).worksheets[0]
    dates = [c for row in sheet.iter_rows(min_row=2) for c in row if c.is_date]
    assert dates and {c.number_format for c in dates} == {shown}


def test_the_leader_a_row_names_is_in_the_spreadsheet(tmp_path):
    # a coach pass: `Leders navn` became the agreement's sender and left every output
    given, out = tmp_path / "værksted.csv", tmp_path / "resultater.csv"
    given.write_text("Navn;Opgave;Leders navn;Kompetence;Intention;Ressourcer;Risiko\n"
                     "Søren;Vagtplan;Anne Holm;4;4;4;2\nMette;Budget;;4;4;4;2\n",
                     encoding="utf-8")
    assert run("batch", str(given), "-o", str(out), "--excel", "--lang", "da").returncode == 0
    assert [row["Leder"] for row in excel_rows(out)] == ["Anne Holm", ""]
