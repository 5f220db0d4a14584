"""What a hostile tester gave the batch after issue 22 (the harden part): workbooks whose
XML lies or breaks, headers that would be live or unreadable, encodings that are no text,
columns of the leader's own that clash; each is read whole or refused at its place, never
lost silently and never a crash."""

from __future__ import annotations

import re
import zipfile

import openpyxl
import pytest

from helpers import run

HEADER = ["id", "subject", "kind", "task", "competence", "intention", "resources", "risk"]


def workbook(path, rows, header=HEADER, sheet_xml=None):
    """A workbook of `rows` under `header`; `sheet_xml` rewrites the sheet's XML."""
    made = openpyxl.Workbook()
    made.active.append(header)
    for row in rows:
        made.active.append(row)
    made.save(path)
    if sheet_xml is not None:
        with zipfile.ZipFile(path) as packed:
            items = [(info, packed.read(info)) for info in packed.infolist()]
        with zipfile.ZipFile(path, "w") as packed:
            for info, data in items:
                if info.filename == "xl/worksheets/sheet1.xml":
                    data = sheet_xml(data)
                packed.writestr(info, data)
    return path


def case(n: int, *extra) -> list:
    return [f"c{n}", f"P{n}", "person", "T", 4, 4, 3, 2, *extra]


def stale_dimension(data: bytes) -> bytes:
    return re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:D3"', data)


def test_a_workbook_whose_dimension_is_stale_is_read_whole(tmp_path):
    path = workbook(tmp_path / "w.xlsx", [case(n, f"boss{n}") for n in range(30)],
                    HEADER + ["Leder"], stale_dimension)
    result = run("batch", str(path), "-f", "jsonl")
    assert result.returncode == 0, result.stderr
    rows = result.stdout.splitlines()
    assert len(rows) == 30
    assert '"Leder": "boss29"' in rows[-1]


def test_a_workbook_claiming_few_rows_keeps_the_row_limit(tmp_path, monkeypatch):
    from trustdose.io import workbook as reader
    path = workbook(tmp_path / "w.xlsx", [case(n) for n in range(30)],
                    sheet_xml=stale_dimension)
    monkeypatch.setattr(reader, "MAX_ROWS", 10)
    result = run("batch", str(path), "-f", "jsonl")
    assert result.returncode == 2 and "more than 10 rows" in result.stderr


@pytest.mark.parametrize("bad, cell", [
    (b'<c r="E3" t="n"><v>abc</v></c>', "E3"),
    (b'<c r="E3" t="n"><v>NaN</v></c>', "E3"),
    (b'<c r="E3" t="s"><v>999</v></c>', "E3"),
    (b'<c r="ZZZZ3" t="n"><v>4</v></c>', "ZZZZ3")])
def test_a_cell_the_workbook_cannot_hold_is_named(tmp_path, bad, cell):
    path = workbook(tmp_path / "w.xlsx", [case(1), case(2)], sheet_xml=lambda data: re.sub(
        rb'<c r="E3"[^>]*>.*?</c>', bad, data))
    result = run("batch", str(path), "-f", "jsonl")
    assert result.returncode == 2, result.stderr
    assert f"w.xlsx: the cell {cell} of the sheet 'Sheet' cannot be read" in result.stderr
    assert "internal error" not in result.stderr


CSV_HEAD = "navn;opgave;kompetence;intention;ressourcer;risiko"


def test_plain_csv_keeps_a_column_of_the_leaders_own_named_as_one_of_ours(tmp_path):
    import csv
    path = tmp_path / "in.csv"
    path.write_text(f"{CSV_HEAD};level;Gap;Leder\nA;T;4;4;3;2;mine;wide;Bo\n")
    result = run("batch", str(path), "-f", "csv")
    assert result.returncode == 0, result.stderr
    row = next(csv.DictReader(result.stdout.splitlines()))
    assert (row["level (input)"], row["Gap (input)"], row["Leder"]) == ("mine", "wide", "Bo")
    assert row["level"] == "6"  # ours, beside theirs


FORMULA = "=cmd|' /C calc'!A0"


def test_a_heading_of_the_leaders_own_is_never_a_live_formula(tmp_path):
    path = tmp_path / "in.csv"
    path.write_text(f"{CSV_HEAD};{FORMULA};@SUM(A1)\nA;T;4;4;3;2;x;y\n")
    out = tmp_path / "r.xlsx"
    assert run("batch", str(path), "-o", str(out)).returncode == 0
    heads = {c.value: c.data_type for c in openpyxl.load_workbook(out).active[1]}
    assert heads[FORMULA] == "s"
    result = run("batch", str(path), "-f", "csv", "--excel")
    head = result.stdout.lstrip("\ufeff").splitlines()[0].split(";")
    assert "'" + FORMULA in head and "'@SUM(A1)" in head


def test_a_control_character_in_a_cell_is_escaped_in_a_workbook(tmp_path):
    path = tmp_path / "in.csv"
    path.write_text(f"{CSV_HEAD};Leder\nA;T;4;4;3;2;x\x1b[31mred\x07\n")
    out = tmp_path / "r.xlsx"
    result = run("batch", str(path), "-o", str(out))
    assert result.returncode == 0, result.stderr
    values = [c.value for c in openpyxl.load_workbook(out).active[2]]
    assert "x\\x1b[31mred\\x07" in values


@pytest.mark.parametrize("name", ["utf-16", "UTF-32", "rot13", "base64", "hex", "zlib",
                                  "idna", "punycode", "utf-7", "unicode_escape"])
def test_an_encoding_no_csv_file_is_saved_in_is_refused(tmp_path, name):
    path = tmp_path / "in.csv"
    path.write_text(f"{CSV_HEAD}\nA;T;4;4;3;2\n")
    result = run("batch", str(path), "--encoding", name)
    assert result.returncode == 2, result.stderr
    assert f"--encoding: '{name}' is not an encoding a CSV file is saved in" in result.stderr


@pytest.mark.parametrize("name", ["cp1252", "latin-1", "utf-8-sig", "mac-roman"])
def test_an_encoding_csv_is_saved_in_is_read(tmp_path, name):
    path = tmp_path / "in.csv"
    path.write_bytes(f"{CSV_HEAD}\nÅse;T;4;4;3;2\n".encode(name))
    result = run("batch", str(path), "--encoding", name, "-f", "jsonl")
    assert result.returncode == 0 and '"name": "Åse"' in result.stdout, result.stderr


@pytest.mark.parametrize("own", ["Leder;Leder", "Leder;leder", "Leder; LEDER "])
def test_a_column_of_the_leaders_own_named_twice_is_refused(tmp_path, own):
    path = tmp_path / "in.csv"
    path.write_text(f"{CSV_HEAD};{own}\nA;T;4;4;3;2;one;two\n")
    result = run("batch", str(path), "-f", "jsonl")
    assert result.returncode == 2 and result.stdout == ""
    assert "the columns 7 and 8 are both named" in result.stderr


def test_a_heading_with_a_control_character_is_refused_naming_it(tmp_path):
    path = tmp_path / "in.csv"
    path.write_text(f"{CSV_HEAD};Le\x01der\x1b[31m;Bo\x00x\nA;T;4;4;3;2;v;w\n")
    result = run("batch", str(path), "-f", "table")
    assert result.returncode == 2 and "\x1b" not in result.stderr + result.stdout
    assert "column 7 'Le\\x01der\\x1b[31m' holds a control character (U+0001)" in result.stderr
    assert "column 8 'Bo\\x00x' holds a control character (U+0000)" in result.stderr


def test_utf16_without_its_bom_is_said_to_be_no_text(tmp_path):
    path = tmp_path / "in.csv"
    path.write_bytes(f"{CSV_HEAD}\nA;T;4;4;3;2\n".encode("utf-16-le"))
    result = run("batch", str(path))
    assert result.returncode == 2 and "UTF-16 without its BOM?" in result.stderr


def test_a_template_never_replaces_an_input_or_writes_through_a_link(tmp_path):
    given = tmp_path / "in.csv"
    given.write_text(f"{CSV_HEAD}\nA;T;4;4;3;2\n")
    result = run("batch", str(given), "--template", str(given), "--force")
    assert result.returncode == 2 and given.read_text().startswith(CSV_HEAD)
    victim = tmp_path / "victim.txt"
    victim.write_text("mine")
    (tmp_path / "link.csv").symlink_to(victim)
    result = run("batch", "--template", str(tmp_path / "link.csv"), "--force")
    assert result.returncode == 2 and "is a link to" in result.stderr
    assert victim.read_text() == "mine"
    result = run("batch", "--template", str(tmp_path / "new.csv"), "--force")
    assert result.returncode == 0 and (tmp_path / "new.csv").is_file()


@pytest.mark.parametrize("chosen", [[], ["--encoding", "cp1252"]])
def test_a_utf8_bom_before_windows_bytes_is_dropped_and_the_bytes_read(tmp_path, chosen):
    from trustdose.io.encodings import WINDOWS, detect
    path = tmp_path / "in.csv"
    path.write_bytes(b"\xef\xbb\xbf" + f"{CSV_HEAD}\nSøren;T;4;4;3;2\n".encode("cp1252"))
    assert detect(path).encoding == WINDOWS
    result = run("batch", str(path), "-f", "jsonl", *chosen)
    assert result.returncode == 0, result.stderr
    assert '"name": "Søren"' in result.stdout


@pytest.mark.parametrize("own", ["source", "id2", "Navn 2", "Person or team"])
def test_a_common_column_of_the_leaders_own_is_carried_not_called_misspelt(tmp_path, own):
    path = tmp_path / "in.csv"
    path.write_text(f"{CSV_HEAD};{own}\nA;T;4;4;3;2;x\n")
    result = run("batch", str(path), "-f", "jsonl")
    assert result.returncode == 0, result.stderr
    assert f'"extra": {{"{own}": "x"}}' in result.stdout


def test_a_workbook_named_csv_and_a_zip_named_xlsx_are_said_as_such(tmp_path):
    book = workbook(tmp_path / "w.xlsx", [case(1)])
    named = tmp_path / "w.csv"
    named.write_bytes(book.read_bytes())
    result = run("batch", str(named))
    assert result.returncode == 2 and "an Excel workbook (a zip file), not text" in result.stderr
    with zipfile.ZipFile(tmp_path / "z.xlsx", "w") as packed:
        packed.writestr("hello.txt", "hi")
    result = run("batch", str(tmp_path / "z.xlsx"))
    assert result.returncode == 2 and "a zip file, not an Excel workbook" in result.stderr
    assert "KeyError" not in result.stderr


def test_a_sheet_is_found_in_any_case_and_its_name_shown_escaped(tmp_path):
    book = workbook(tmp_path / "w.xlsx", [case(1)])
    result = run("batch", str(book), "--sheet", "sheet", "-f", "jsonl")
    assert result.returncode == 0 and "w.xlsx:Sheet:2" in result.stdout, result.stderr
    result = run("batch", str(book), "--sheet", "Sh\u200beet")
    assert result.returncode == 2 and "no sheet named 'Sh\\u200beet'" in result.stderr


@pytest.mark.parametrize("name", ["s.xlsx", "s.docx", "s.PDF"])
def test_a_summary_is_never_written_as_text_into_a_workbook_or_document(tmp_path, name):
    given = tmp_path / "in.csv"
    given.write_text(f"{CSV_HEAD}\nA;T;4;4;3;2\n")
    result = run("batch", str(given), "--summary-only", "-o", str(tmp_path / name))
    assert result.returncode == 2 and "the summary is text, Markdown, JSON or HTML" in \
        result.stderr
    assert not (tmp_path / name).exists()


def test_sheet_without_a_workbook_is_refused_not_ignored(tmp_path):
    given = tmp_path / "in.csv"
    given.write_text(f"{CSV_HEAD}\nA;T;4;4;3;2\n")
    result = run("batch", str(given), "--sheet", "Ark1")
    assert result.returncode == 2 and "--sheet only applies to a workbook" in result.stderr
