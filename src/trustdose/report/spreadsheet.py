"""What every table trustdose writes for a spreadsheet shares (batch's Excel CSV and
workbook, a board's export): CSV as Excel in Danish, Norwegian and Swedish reads it
(UTF-8 with a BOM, ';', decimal commas), no cell that runs as a formula, dates as the
language writes them short, and a workbook sheet's heading row bold and frozen over
columns sized to their text.

The workbook helpers take an openpyxl sheet in write-only mode (the batch streams its
rows; a board's few rows are written the same way)."""

from __future__ import annotations

import csv
import datetime as dt
from typing import Any

from ..errors import visible
from ..i18n import current

BOM = "\ufeff"  # Excel reads a CSV as UTF-8 only with it
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet runs what starts so
# A date as each language's Excel writes it short (Swedish and English: the ISO form)
SHORT_DATE = {"da": "dd-mm-yyyy", "nb": "dd.mm.yyyy", "sv": "yyyy-mm-dd", "en": "yyyy-mm-dd"}
WIDEST = 60  # characters: a column of long texts wraps no wider than this in Excel


def excel_writer(buffer: Any) -> Any:
    """A CSV writer into `buffer` in the dialect Excel in the Nordic languages reads
    (';' between cells, where the decimal sign is a comma)."""
    return csv.writer(buffer, delimiter=";", lineterminator="\r\n")


def spreadsheet_text(value: Any) -> str:
    """A value as Excel in the Nordic languages reads it: decimal commas, ISO dates,
    nothing that runs as a formula."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    if isinstance(value, (int, dt.date)):
        return str(value)
    return inert(value)


def inert(value: Any) -> Any:
    """A cell a spreadsheet shows as text, never runs: one that starts like a formula gets
    a `'` in front (OWASP's advice). For `--excel` only: plain CSV is for programs and
    keeps every value as it is (docs/batch.md)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def cell(sheet: Any, value: Any) -> Any:
    """A value as a workbook keeps it: numbers as themselves, a date shown as the language
    writes it (10-12-2026), text as text (`text_cell`)."""
    if isinstance(value, dt.date):
        from openpyxl.cell import WriteOnlyCell
        date_cell = WriteOnlyCell(sheet, value)
        date_cell.number_format = SHORT_DATE.get(current(), SHORT_DATE["en"])
        return date_cell
    if not isinstance(value, str):
        return value
    return text_cell(sheet, value) if value.startswith("=") else visible(value, "\n\t")


def text_cell(sheet: Any, text: str) -> Any:
    """Text as a text cell: also where it starts with '=' (openpyxl would make that a
    live formula), and with a control character escaped as every other format escapes
    it (`\\x1b`; openpyxl refuses the whole workbook for one)."""
    from openpyxl.cell import WriteOnlyCell
    made = WriteOnlyCell(sheet, visible(text, keep="\n\t"))
    made.data_type = "s"
    return made


def heading_row(sheet: Any, headings: list[str], rows: list[list[Any]]) -> None:
    """The heading row, bold and frozen, each column as wide as its heading and the
    `rows` below it show (at most `WIDEST`): before any row is written, as a write-only
    sheet fixes its columns first."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    for at, heading in enumerate(headings):
        texts = [heading, *(shown(row[at]) for row in rows if at < len(row))]
        sheet.column_dimensions[get_column_letter(at + 1)].width = \
            min(WIDEST, max(len(t) for t in texts) + 2)
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    heads = []
    for heading in headings:
        head = text_cell(sheet, heading)
        head.font = bold
        heads.append(head)
    sheet.append(heads)


def shown(value: Any) -> str:
    """A value as wide as Excel shows it, to size its column."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return "2026-12-31"
    return str(value)
