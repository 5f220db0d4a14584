"""Batch results as an Excel workbook (`-o results.xlsx`): a results sheet of the
workshop's columns (`batch.labelled`), labelled in the language, and a summary sheet.

The results sheet has its heading row frozen and filtered, its columns sized from the
first rows, the levels as words with their step as a number beside them (Excel sorts
and counts numbers, not '4 Agree'), and the scores as numbers. openpyxl's write-only
mode streams the rows to a temporary file, so memory stays flat; the workbook is put
together at the end, when the summary is known.
"""

from __future__ import annotations

import io
from typing import Any, Callable

from ..i18n import N_, _
from ..report.spreadsheet import WIDEST, cell, heading_row, shown
from ..version import __version__
from . import labelled
from .labelled import capital

SHEETS = (N_("Results"), N_("Summary"))
MEASURE = 200  # rows held back to size the columns (a write-only sheet fixes them first)


class Workbook:
    """A row format (`report.formats.Formatter`) whose file is an .xlsx workbook;
    `figures` gives the run's summary (`batch.summary.Figures`) at its end."""

    def __init__(self, digest: str, figures: Callable[[], Any]) -> None:
        from openpyxl import Workbook as Book  # imported when a workbook is written

        self.digest, self.figures = digest, figures
        self.book = Book(write_only=True)
        self.sheet = self.book.create_sheet(_(SHEETS[0]))
        self.held: list[dict[str, Any]] = []
        self.extra: list[str] = []  # the columns of the leader's own (`carry`)
        self.columns: list[str] | None = None  # fixed with the first rows
        self.rows = 0

    def header(self) -> bytes:
        return b""  # the whole file at the end

    def carry(self, extra: list[str]) -> None:
        self.extra = list(labelled.extras(dict.fromkeys(extra, "")))

    def result(self, a: Any, source: str, extra: dict | None = None) -> list[bytes]:
        if self.columns is None and not self.held and not self.extra:
            self.extra = list(labelled.extras(extra))
        self.held.append(labelled.sheet(a, source, self.digest, __version__, extra))
        if len(self.held) >= MEASURE:
            self._flush()
        return []

    def _flush(self) -> None:
        if self.columns is None:
            self._head(self.extra)
        for row in self.held:
            self.sheet.append([self._cell(row.get(key)) for key in self.columns or ()])
        self.rows += len(self.held)
        self.held = []

    def _head(self, extra: list[str]) -> None:
        """The heading row, frozen, filtered and bold, and the columns sized from the rows
        held back."""
        self.columns = keys = labelled.keys(labelled.SHEET, extra)
        heading_row(self.sheet, [capital(labelled.heading(key)) for key in keys],
                    [[row.get(key) for key in keys] for row in self.held])

    def _cell(self, value: Any) -> Any:
        return cell(self.sheet, value)

    def abandon(self) -> None:
        """The run stopped before its end: openpyxl's streams of the sheet are ended now,
        in order (left to the garbage collector at exit, each says a traceback)."""
        try:
            self.sheet.close()
        except Exception:  # noqa: BLE001 - stopped halfway through a row: nothing to keep
            pass

    def footer(self) -> bytes:
        from openpyxl.utils import get_column_letter

        self._flush()
        self.sheet.auto_filter.ref = f"A1:{get_column_letter(len(self.columns or [1]))}" \
                                     f"{self.rows + 1}"
        summary = self.book.create_sheet(_(SHEETS[1]))
        rows = summary_rows(self.figures())
        # sized before its rows (a write-only sheet): a label cut beside its figure was a
        # coach pass's finding; the first line (how many cases) may run over
        for at, letter in enumerate("AB"):
            summary.column_dimensions[letter].width = min(WIDEST, 2 + max(
                [len(shown(row[at])) for row in rows[2:] if len(row) > at] or [10]))
        for row in rows:
            summary.append(row)
        out = io.BytesIO()
        self.book.save(out)
        return out.getvalue()


def summary_rows(figures: Any) -> list[list[Any]]:
    """The summary sheet's rows: how many cases, then each part of the summary as a
    heading and its lines, what is counted in the first column and the figure, as a
    number, in the second; last whose history was used."""
    from ..report.summarized import cases_line, journal_line, sections
    rows: list[list[Any]] = [[cases_line(figures)], []]
    for part in sections(figures):
        rows.append([capital(part.heading), capital(part.unit)])
        rows += [[label, value] for (label, _figure), value in zip(part.rows, part.values)]
        rows.append([])
    return rows + ([[journal_line(figures)]] if figures.journal is not None else [])

