"""The template's drop-down lists and its level names (issue 22, the template a coach
fills in): each list is in the chosen language, covers the rows a workshop fills, and
every word in it reads back as the answer it offers."""

from __future__ import annotations

import json

import openpyxl
import pytest

from trustdose.i18n import current, pick, set_language
from trustdose.io.dropdowns import ROWS
from trustdose.io.headers import column
from trustdose.io.template import template
from trustdose.model.vocabulary import SUBJECT_KINDS, TASK_KIND_WORDS, TASK_KINDS
from trustdose.rules.loader import load_rules

from helpers import run, template_example as examples

LISTED = {("subject", "kind"), ("task", "kind"), ("planned_level",),
          ("subject", "new_in_role"), ("competence",), ("intention",), ("resources",),
          ("risk",)}


def levels(lang: str) -> list[str]:
    rules = load_rules([])
    return [pick(rules.levels[number].item["label"], lang) for number in range(1, 8)]


def written(tmp_path, lang: str):
    path = tmp_path / f"skabelon-{lang}.xlsx"
    result = run("batch", "--template", str(path), "--lang", lang)
    assert result.returncode == 0, result.stderr
    return path


def lists(sheet) -> dict[int, list[str]]:
    """Each listed column (1, 2, …) of the cases sheet → its words, as Excel shows them."""
    found = {}
    for rule in sheet.data_validations.dataValidation:
        assert rule.type == "list" and str(rule.sqref).endswith(f"{ROWS + 1}")
        first = next(iter(rule.sqref.ranges))
        assert (first.min_row, first.max_row) == (2, ROWS + 1)
        assert first.min_col == first.max_col
        # Excel repairs (drops) a rule whose title or message is longer than these
        assert len(rule.errorTitle) <= 32 and len(rule.error) <= 255
        found[first.min_col] = rule.formula1.strip('"').split(",")
    return found


@pytest.mark.parametrize("lang", ["en", "da", "nb", "sv"])
def test_every_word_in_every_list_reads_back(tmp_path, lang):
    path = written(tmp_path, lang)
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    places = {at: column(header[at - 1]) for at in range(1, len(header) + 1)}
    listed = lists(sheet)
    assert {places[at] for at in listed} == LISTED
    words = {places[at]: listed[at] for at in listed}
    assert words[("planned_level",)] == levels(lang)
    assert words[("task", "kind")] == [w["en da nb sv".split().index(lang)]
                                       for w in TASK_KIND_WORDS.values()]
    assert words[("subject", "kind")] == list(SUBJECT_KINDS)
    assert words[("competence",)] == ["1", "2", "3", "4", "5", "?"]
    # one row per word of the longest list, each list's words in turn: every word is used
    example = examples(book)
    count = max(map(len, listed.values()))
    for row in range(count):
        values = list(example)
        for at, offered in listed.items():
            values[at - 1] = offered[row % len(offered)]
        for at, value in enumerate(values, start=1):
            sheet.cell(row=row + 2, column=at, value=value)
    book.save(path)
    result = run("batch", str(path), "-f", "jsonl", "--lang", lang)
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == count
    yes = words[("subject", "new_in_role")]
    for at, row in enumerate(rows):
        assert row["planned"]["number"] == at % 7 + 1
        assert row["task"]["kind"] == TASK_KINDS[at % len(TASK_KINDS)]
        assert row["subject"]["kind"] == SUBJECT_KINDS[at % 2]
        assert row["subject"]["new_in_role"] is (yes[at % 2] == yes[0])


@pytest.mark.parametrize("lang", ["en", "da", "nb", "sv"])
def test_the_columns_sheet_names_the_seven_levels(tmp_path, lang):
    sheet = openpyxl.load_workbook(written(tmp_path, lang)).worksheets[1]
    said = [row for row in sheet.iter_rows(values_only=True) if row and row[0] is not None]
    at = said.index(next(row for row in said if row[0] == 1))
    assert [row[:2] for row in said[at:at + 7]] == list(enumerate(levels(lang), start=1))
    assert said[at - 1][:2] != ("level", "name") or lang == "en"  # its heading in the language


@pytest.mark.parametrize("names", [
    ["Tell", "Sell, then ask", "Consult", "Agree", "Advise", "Inquire", "Delegate"],
    ["Tell", 'The "ask"', "Consult", "Agree", "Advise", "Inquire", "Delegate"],
    [name * 10 for name in ("Tell", "Sell", "Consult", "Agree", "Advise", "Inquire", "Go")]])
def test_levels_excel_cannot_list_get_no_list_and_the_rest_still_do(tmp_path, names):
    """Rules of a leader's own may name a level with a comma or a quote, or at length:
    such a list is left out (a comma would part a name in two), the others stay."""
    path = tmp_path / "t.xlsx"
    was = current()
    try:
        set_language("en")
        path.write_bytes(template(path, names, planned=6))
    finally:
        set_language(was)
    sheet = openpyxl.load_workbook(path).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    assert {column(header[at - 1]) for at in lists(sheet)} == LISTED - {("planned_level",)}
