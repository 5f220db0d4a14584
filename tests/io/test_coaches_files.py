"""The files coaches really have (issue 22, item 1): workbooks, CSV as Danish, Norwegian
and Swedish Excel save it (Windows-1252 or UTF-8 with a BOM, `;`, decimal commas, CRLF,
local dates and yes/no, headers in the language, columns of their own), every row
assessed; and what is not such a file, said plainly. The corpus is made here."""

from __future__ import annotations

import datetime as dt
import json

import openpyxl
import pytest
from hypothesis import given, settings, strategies as st

from trustdose.io.columns import cell_value
from trustdose.io.encodings import UTF8, WINDOWS, detect
from trustdose.io import workbook

from helpers import run, template_example

# (language, encoding, BOM, header, rows): as each language's Excel saves "CSV"
EXCEL_CSV = {
    "da": ("cp1252", False, "Navn;Opgave;Person/team;Ny i rollen;Kompetence;Intention;"
           "Ressourcer;Risiko;Planlagt niveau;Dato;Leder;Afdeling",
           ["Søren;Forældremøde;person;SAND;4,5;4;3,5;2;Rådgive;10-12-2026;Åse;Børn",
            "Mette;Budgetopfølgning;team;falsk;3;3;2,5;4;2;10.12.2026;Åse;Ældre"]),
    "nb": ("utf-8", True, "navn;oppgave;ny i rollen;kompetanse;vilje;ressurser;risiko;"
           "planlagt nivå;dato;Leder",
           ["Kari;Foreldremøte;SANT;4;4;3,5;2;Gi råd;10.12.2026;Øyvind",
            "Ola;Vaktliste;USANT;3;3;3;3;;10/12/2026;Øyvind",
            "Nils;Turen til vannet;JA;2;4;3;4;;2026-12-10;Øyvind"]),
    "sv": ("cp1252", False, "Namn;Uppgift;Ny i rollen;Kompetens;Vilja;Resurser;Risk;"
           "Planerad nivå;Datum;Enhet",
           ["Åsa;Föräldramöte;SANT;4;4;3,5;2;Ge råd;10/12/2026;Förskola",
            "Björn;Schemaläggning;FALSKT;3;3;3;3;3;10-12-2026;Förskola"]),
}


def excel_csv(folder, lang: str):
    encoding, bom, header, rows = EXCEL_CSV[lang]
    path = folder / f"workshop-{lang}.csv"
    text = "\r\n".join([header, *rows]) + "\r\n"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding))
    return path


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.fixture
def book(tmp_path):
    """A coach's workbook: typed cells (numbers, a date, true/false), a column of their
    own, a formula Excel never calculated, empty rows and columns after the cases."""
    path = tmp_path / "workshop.xlsx"
    made = openpyxl.Workbook()
    sheet = made.active
    sheet.title = "Deltagere"
    sheet.append(["Navn", "Opgave", "Ny i rollen", "Kompetence", "Intention", "Ressourcer",
                  "Risiko", "Dato", "Afdeling", "Note", None, None])
    sheet.append(["Søren", "Forældremøde", True, 4.5, 4, 3.5, 2, dt.datetime(2026, 12, 10),
                  "Børn", "=1+1"])
    sheet.append(["Mette", "Budget", False, 3, 3, 2.5, 4, dt.date(2026, 12, 10), "Ældre"])
    sheet.append([None] * 12)
    sheet.append(["Kim", "Rota", "nej", 9, 3, 3, 3])  # a score of 9: rejected at its row
    made.create_sheet("Noter").append(["not cases"])
    made.save(path)
    return path


@pytest.mark.parametrize("lang", sorted(EXCEL_CSV))
def test_csv_as_each_languages_excel_saves_it_is_assessed_row_by_row(tmp_path, lang):
    path = excel_csv(tmp_path, lang)
    result = run("batch", str(path), "-f", "jsonl", "--lang", lang)
    assert result.returncode == 0, result.stderr
    rows = jsonl(result.stdout)
    assert len(rows) == len(EXCEL_CSV[lang][3])
    # the day first, in every local way of writing it
    assert {r["date"] for r in rows} == {"2026-12-10"}
    said = result.stderr.count("Windows-1252")
    assert said == (1 if EXCEL_CSV[lang][0] == "cp1252" else 0)
    assert rows[0]["subject"]["new_in_role"] is True
    assert rows[1]["subject"]["new_in_role"] is False
    assert rows[0]["planned"]["number"] == 5  # the level named in the language
    extra = EXCEL_CSV[lang][2].split(";")[-1]
    assert all(extra in r["extra"] for r in rows)
    assert result.stderr.count(f"'{extra}'") == 1  # said once


def test_columns_of_the_leaders_own_come_out_in_every_format(tmp_path):
    path = excel_csv(tmp_path, "da")
    result = run("batch", str(path), "-f", "jsonl")
    assert [r["extra"] for r in jsonl(result.stdout)] == [
        {"Leder": "Åse", "Afdeling": "Børn"}, {"Leder": "Åse", "Afdeling": "Ældre"}]
    result = run("batch", str(path), "-f", "csv", "--excel")
    lines = result.stdout.lstrip("\ufeff").splitlines()
    # for a person, the leader's own columns stand after the subject
    assert ";Subject;Leder;Afdeling;" in lines[0] and ";Åse;Børn;" in lines[1]
    plain = run("batch", str(path), "-f", "csv").stdout.splitlines()  # for a program: last
    assert plain[0].endswith(",Leder,Afdeling") and plain[1].endswith(",Åse,Børn")
    result = run("batch", str(path), "-f", "markdown")
    assert "| Leder | Afdeling |" in result.stdout and "| Åse | Børn |" in result.stdout
    # a case file's row has none: the JSON contract is as before
    plain = tmp_path / "plain.csv"
    plain.write_text("subject,task,competence,intention,resources,risk\nKim,Rota,3,3,3,3\n")
    assert "extra" not in jsonl(run("batch", str(plain), "-f", "jsonl").stdout)[0]


@pytest.mark.parametrize("header, meant", [
    ("kompetense.fagli", "kompetens.fagli"), ("Opgve", "opgave"), ("subjekt", "subject"),
    ("Ressurcer", "ressourcer")])
def test_a_misspelt_case_column_is_refused_not_carried(tmp_path, header, meant):
    path = tmp_path / "m.csv"
    path.write_text(f"navn;opgave;kompetence;intention;ressourcer;risiko;{header}\n"
                    "Kim;Rota;3;3;3;3;x\n".replace(f";{header.lower()};", ";"),
                    encoding="utf-8")
    result = run("batch", str(path))
    assert result.returncode == 2
    assert f"did you mean '{meant}'?" in result.stderr and "Traceback" not in result.stderr


def test_a_utf8_file_with_one_windows_byte_rejects_that_row_only(tmp_path):
    path = tmp_path / "mixed.csv"
    good = "Åse;Plan;4;4;4;2\n".encode()
    path.write_bytes(b"navn;opgave;kompetence;intention;ressourcer;risiko\n" + good * 60
                     + "Jørgen;Plan;4;4;4;2\n".encode("cp1252") + good * 3)
    result = run("batch", str(path), "-f", "jsonl")
    assert result.returncode == 1 and len(jsonl(result.stdout)) == 63
    assert f"{path}:62:2: not UTF-8 text (byte 0xf8" in result.stderr
    assert "UTF-8 with some bytes that are not" in result.stderr


def test_encoding_given_and_standard_input(tmp_path):
    data = "navn;opgave;kompetence;intention;ressourcer;risiko\nSøren;Plan;4;4;4;2\n"
    result = run("batch", "-", "-f", "jsonl", "--encoding", "cp1252",
                 input=data.encode("cp1252"))
    assert result.returncode == 0 and jsonl(result.stdout)[0]["subject"]["name"] == "Søren"
    result = run("batch", "-", "-f", "jsonl", input=data.encode("cp1252"))
    assert result.returncode == 1 and "not UTF-8" in result.stderr  # stdin: UTF-8
    result = run("batch", "-", "--encoding", "klingon", input=data.encode())
    assert result.returncode == 2 and "unknown encoding 'klingon'" in result.stderr


def test_a_workbook_is_read_with_cells_as_excel_types_them(book):
    result = run("batch", str(book), "-f", "jsonl", "--lang", "da")
    assert result.returncode == 1, result.stderr
    rows = jsonl(result.stdout)
    assert [r["source"] for r in rows] == [f"{book}:Deltagere:2", f"{book}:Deltagere:3"]
    assert [r["scores"]["competence"] for r in rows] == [4.5, 3.0]
    assert [r["subject"]["new_in_role"] for r in rows] == [True, False]
    assert {r["date"] for r in rows} == {"2026-12-10"}
    # the formula openpyxl wrote was never calculated: an empty cell
    assert rows[0]["extra"] == {"Afdeling": "Børn", "Note": ""}
    assert f"{book}:Deltagere:5: Kompetence: 9" in result.stderr  # the column as named


def test_another_sheet_and_a_sheet_not_there(book):
    result = run("batch", str(book), "--sheet", "Noter")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    result = run("batch", str(book), "--sheet", "Ark1")
    assert result.returncode == 2
    assert "no sheet named 'Ark1'" in result.stderr and "'Deltagere', 'Noter'" in result.stderr


@pytest.mark.parametrize("content, said", [
    (b"navn;opgave\nKim;Rota\n", "not an Excel workbook"),
    (b"\xd0\xcf\x11\xe0" + b"\0" * 600, "has a password, or is an old .xls"),
    (b"PK\x03\x04broken", "cannot be read as an Excel workbook"),
    (b"", "not an Excel workbook")])
def test_what_is_not_a_workbook_is_said_plainly(tmp_path, content, said):
    path = tmp_path / "w.xlsx"
    path.write_bytes(content)
    result = run("batch", str(path))
    assert result.returncode == 2 and said in result.stderr
    assert "Traceback" not in result.stderr


def test_a_sheet_too_large_is_refused_before_its_rows(tmp_path, monkeypatch):
    path = tmp_path / "big.xlsx"
    made = openpyxl.Workbook()
    for n in range(30):
        made.active.append(["navn", "opgave", n])
    made.save(path)
    monkeypatch.setattr(workbook, "MAX_ROWS", 10)
    result = run("batch", str(path))
    assert result.returncode == 2 and "at most 10 are read" in result.stderr
    monkeypatch.setattr(workbook, "MAX_UNPACKED", 1000)
    result = run("batch", str(path))
    assert result.returncode == 2 and "unpacked" in result.stderr


@pytest.mark.parametrize("lang", ["en", "da", "nb", "sv"])
def test_a_template_holds_no_row_to_assess_and_its_example_assesses_cleanly(tmp_path, lang):
    # a second coach pass: the example row, left in, was assessed as a participant's case;
    # it stands on the columns sheet only, and a CSV template is its header alone
    book_path, csv_path = tmp_path / "skabelon.xlsx", tmp_path / "skabelon.csv"
    for path in (book_path, csv_path):
        result = run("batch", "--template", str(path), "--lang", lang)
        assert result.returncode == 0, result.stderr
    data = csv_path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and data.count(b"\r\n") == 1
    book = openpyxl.load_workbook(book_path)
    assert len(book.sheetnames) == 2 and book.worksheets[0].max_row == 1
    result = run("batch", str(book_path), "--lang", lang)
    assert result.returncode == 2  # nothing to assess: no case in it
    filled = tmp_path / "filled.xlsx"
    book.worksheets[0].append(template_example(book))
    book.save(filled)
    result = run("batch", str(filled), "-f", "jsonl", "--lang", lang)
    assert result.returncode == 0, result.stderr
    row, = jsonl(result.stdout)
    assert row["warnings"] == [] and row["planned"]["number"] == row["level"]["number"]
    before = csv_path.read_bytes()
    result = run("batch", "--template", str(csv_path))
    assert result.returncode == 2 and "already there" in result.stderr
    assert csv_path.read_bytes() == before
    assert run("batch", "--template", str(csv_path), "--force").returncode == 0


def test_columns_are_listed_in_the_language():
    result = run("batch", "--columns", "--lang", "da")
    assert result.returncode == 0
    assert "planlagt niveau, planlagt (planned_level, planned)" in result.stdout
    assert "kompetence.<indikator>: Faglige kompetencer, Samarbejde" in result.stdout


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2999, 12, 31)),
       st.sampled_from("-./"))
def test_a_local_date_is_read_day_first(day, sign):
    written = f"{day.day}{sign}{day.month:02d}{sign}{day.year}"
    assert cell_value({}, written, ("date",)) == day.isoformat()


@settings(max_examples=30)
@given(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=0x2fff,
                                      blacklist_categories=("Cs",)), min_size=1))
def test_valid_utf8_is_always_utf8(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("enc") / "t.csv"
    path.write_bytes(text.encode())
    assert detect(path).encoding == UTF8 and not detect(path).mixed


@settings(max_examples=30)
@given(st.lists(st.sampled_from(["Søren", "Åse", "Bjørn", "Ærø", "Förskola", "Ola", "ñ"]),
                min_size=1).filter(lambda words: any(not w.isascii() for w in words)))
def test_windows_text_of_the_nordic_letters_is_windows(tmp_path_factory, words):
    path = tmp_path_factory.mktemp("enc") / "t.csv"
    path.write_bytes(";".join(words).encode("cp1252"))
    assert detect(path).encoding == WINDOWS


@pytest.mark.parametrize("lang, fact, yes_no", [("da", "fakta.<navn>", "sann/usann"),
                                                ("sv", "fakta.<namn>", "sann/usann")])
def test_the_columns_sheet_speaks_the_language(tmp_path, lang, fact, yes_no):
    path = tmp_path / "skabelon.xlsx"
    assert run("batch", "--template", str(path), "--lang", lang).returncode == 0
    said = [row for row in openpyxl.load_workbook(path).worksheets[1].iter_rows(values_only=True)]
    assert fact in [row[0] for row in said] and "<name>" not in str(said)
    assert any(yes_no in str(row[1]) for row in said) and "sant/usant" not in str(said)


def test_a_missing_field_at_the_top_is_said_as_a_person_says_it(tmp_path):
    path = tmp_path / "sag.yaml"
    path.write_text("subject: {name: Kim}\ntask: {title: T}\ncompetence: 3\nintention: 3\n"
                    "resources: 3\n", encoding="utf-8")
    done = run("assess", str(path), "--lang", "da")
    assert done.returncode == 2 and "det påkrævede felt 'risk' mangler på øverste niveau" \
        in done.stderr, done.stderr


def test_indicator_columns_are_named_as_the_questionnaire_names_them(tmp_path):
    # a coach pass: `kompetence.faglige kompetencer` was refused for every row, with only
    # the rules' English ids as what is allowed
    path = tmp_path / "indikatorer.csv"
    path.write_bytes("Navn;Opgave;Kompetence.Faglige kompetencer;kompetence.samarbeid;"
                     "Intention;Ressourcer;Risiko\r\nSøren;Vagtplan;2;3;4;4;2\r\n"
                     .encode("cp1252"))
    result = run("batch", str(path), "-f", "jsonl", "--lang", "da")
    assert result.returncode == 0, result.stderr
    row, = jsonl(result.stdout)
    path.write_bytes(b"name,task,competence.professional,competence.relational,intention,"
                     b"resources,risk\nS,Vagtplan,2,3,4,4,2\n")
    by_id, = jsonl(run("batch", str(path), "-f", "jsonl").stdout)
    assert row["scores"] == by_id["scores"] and row["scores"]["competence"] < 3
    path.write_bytes("Navn;Opgave;Kompetence.Fagli;Intention;Ressourcer;Risiko\r\n"
                     "Søren;Vagtplan;2;4;4;2\r\n".encode("cp1252"))
    result = run("batch", str(path), "--lang", "da")
    assert result.returncode == 1 and "professional (Faglige kompetencer)" in result.stderr


@pytest.fixture
def workshop_book(tmp_path):
    """A coach's real workbook: instructions on the first sheet; on the second a title
    merged across the columns above the header, a department merged down its rows, and
    a column naming the leader."""
    path = tmp_path / "værksted.xlsx"
    made = openpyxl.Workbook()
    made.active.title = "Vejledning"
    made.active.append(["Sådan udfylder du arket: én række pr. deltager"])
    sheet = made.create_sheet("Deltagere")
    sheet.append(["Workshop for ledere, 7. december 2026"])
    sheet.merge_cells("A1:G1")
    sheet.append([])
    sheet.append(["Navn", "Opgave", "Kompetence", "Intention", "Ressourcer", "Risiko",
                  "Afdeling", "Leder"])
    for name, unit in (("Søren", "Ældre"), ("Mette", None), ("Ahmed", None),
                       ("Eva", "Børn"), ("Kim", None)):
        sheet.append([name, "Vagtplan", 4, 4, 3.5, 2, unit, "Bo"])
    sheet.merge_cells("G4:G6")
    sheet.merge_cells("G7:G8")
    made.save(path)
    return path


def test_a_workbook_is_read_from_its_cases_under_a_title_with_merged_cells(workshop_book):
    # a coach pass: the title row rejected all 25 rows; a first sheet of instructions
    # ended the run with "no cases"; a department merged down its rows was read as empty
    result = run("batch", str(workshop_book), "-f", "jsonl", "--lang", "da")
    assert result.returncode == 0, result.stderr
    rows = jsonl(result.stdout)
    assert [r["source"].rsplit(":", 2)[1:] for r in rows] == [
        ["Deltagere", str(n)] for n in range(4, 9)]
    assert [r["extra"]["Afdeling"] for r in rows] == ["Ældre"] * 3 + ["Børn"] * 2
    assert "'leders navn'" in result.stderr  # the leader's column: how to make it the sender


def test_a_workbook_without_a_header_that_names_columns_says_so(tmp_path):
    path = tmp_path / "noter.xlsx"
    made = openpyxl.Workbook()
    made.active.append(["Noter fra mødet"])
    made.save(path)
    result = run("batch", str(path), "--lang", "da")
    assert result.returncode == 2 and "--sheet" in result.stderr


def test_a_line_break_in_a_cell_is_a_space_in_a_title_and_a_new_line_in_a_list(tmp_path):
    # a coach pass: Alt+Enter in a title cell rejected the row
    path = tmp_path / "linjer.csv"
    path.write_text('Navn;Opgave;Spilleregler;Kompetence;Intention;Ressourcer;Risiko\n'
                    'Søren;"Vagtplanen\nfor januar";"Arbejdstiden holdes\nIngen tre '
                    'weekender i træk";4;4;4;2\n', encoding="utf-8")
    result = run("batch", str(path), "-f", "jsonl", "--lang", "da")
    assert result.returncode == 0, result.stderr
    row, = jsonl(result.stdout)
    assert row["task"]["title"] == "Vagtplanen for januar"
    assert row["task"]["ground_rules"] == ["Arbejdstiden holdes", "Ingen tre weekender i træk"]


def test_a_rejected_row_is_said_by_the_coachs_columns_and_cells(tmp_path):
    # a coach pass: "subject.new_in_role", "task.due … (her står '2027-02-31')" for a cell
    # that says 31-02-2027, "'uncertain' (usikker)" where a coach types ?, English ids
    path = tmp_path / "fejl.csv"
    path.write_bytes("navn;opgave;kompetence;intention;ressourcer;risiko;ny i rollen;frist\r\n"
                     "Mette;Vagtplan;9;4;3;2;måske;31-02-2027\r\n"
                     ";Budget;3;3;3;3;;\r\n".encode("cp1252"))
    said = run("batch", str(path), "--lang", "da").stderr
    assert "fejl.csv:2: ny i rollen: " in said and "subject.new_in_role" not in said
    assert "fejl.csv:2: frist: " in said and "'31-02-2027'" in said
    assert "fejl.csv:2: kompetence: 9 " in said and "? (ved ikke)" in said
    assert "professional (Faglige kompetencer)" in said and "uncertain" not in said
    assert "fejl.csv:3: kolonnen 'navn' er tom" in said


def test_the_markdown_names_a_workbooks_rows_by_their_number(workshop_book):
    # a coach pass: "værksted.xlsx:Deltagere:4" as the id of every row
    said = run("batch", str(workshop_book), "-f", "markdown", "--lang", "da").stdout
    rows = [line for line in said.splitlines() if line.startswith("| ") and "Søren" in line]
    assert rows and rows[0].startswith("| 4 | Søren |") and ".xlsx" not in rows[0]


def test_a_row_that_goes_the_whole_way_reads_its_indicators_by_their_names(tmp_path):
    # a row the cell reader cannot take (a risk of 9) is read the whole way: its named
    # indicators are still known there, and only the risk is said
    path = tmp_path / "helvejen.csv"
    path.write_text("Navn;Opgave;Kompetence.Erfaring;Intention;Ressourcer;Risiko\n"
                    "Søren;Vagtplan;4;4;4;9\n", encoding="utf-8")
    said = run("batch", str(path), "--lang", "da").stderr
    assert "Risiko: 9" in said and "ukendt" not in said and "erfaring" not in said
