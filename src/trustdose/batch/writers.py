"""Batch results as rows: JSON lines, CSV (Excel-ready on request), Markdown; the
workbook is `batch.workbook`.

Each writer is a `report.formats.Formatter`: it takes assessments one at a time, so
memory stays flat. Every row carries the case id and the version and content hash of
the rule set, so a result can be reproduced. A JSON line is the assessment's own JSON
(its pieces, already encoded by the engine) with where the case came from.
"""

from __future__ import annotations

import csv
import io
from typing import Any, Callable

from ..i18n import _
from ..model.assessment import SEP, Assessment, encode, piece
from ..model.vocabulary import DIMENSIONS
from ..version import __version__
from ..report.formats import RowFormat
from ..report.markdown import escape
from ..report.spreadsheet import BOM, excel_writer, inert, spreadsheet_text
from . import labelled
from .labelled import gap

SOURCE = SEP + b'"source": '
EXTRA = SEP + b'"extra": '  # the columns of the leader's own, by header (docs/cases.md)

CSV_COLUMNS = ["id", "source", "subject", "kind", "task", "level", "level_name", "planned",
               "planned_name", "gap", *DIMENSIONS, "limiting", "capped_by", "controls",
               "feedback", "warnings", "next_step", "review_date", "trustdose", "rules_digest"]


def flat(a: Assessment, source: str, digest: str) -> dict[str, Any]:
    """One assessment as a flat row of plain values and ids, for programs."""
    planned, found = a.planned, gap(a)
    return {
        "id": a.case_id, "source": source, "subject": a.subject.name, "kind": a.subject.kind,
        "task": a.task.title, "level": a.level.number, "level_name": a.level.name,
        "planned": planned.number if planned else "",
        "planned_name": planned.name if planned else "", "gap": found.steps if found else "",
        **{d: a.scores[d] for d in DIMENSIONS}, "limiting": a.limiting,
        "capped_by": a.capped_by or "", "controls": " ".join(m.id for m in a.controls),
        "feedback": " ".join(m.id for m in a.feedback),
        "warnings": " ".join(w.kind for w in a.warnings),
        "next_step": a.next_step.level.name if a.next_step else "",
        "review_date": a.review_date.isoformat(), "trustdose": __version__,
        "rules_digest": digest}


class JsonLines:
    def __init__(self, digest: str) -> None:
        self.digest = digest
        # what follows the assessment's own fields on every line: where the case was,
        # and the version and rules that assessed it (as `Assessment.json_line` adds them)
        self.tail = b"".join([SEP, piece("trustdose", __version__), SEP,
                              piece("rules_digest", digest), b"}\n"])

    def header(self) -> bytes:
        return b""

    def result(self, a: Assessment, source: str, extra: dict | None = None) -> list[bytes]:
        carried = [EXTRA, encode(extra)] if extra else []
        return [b"".join([*a.pieces, *carried, SOURCE, encode(source), self.tail])]

    def footer(self) -> bytes:
        return b""


class Csv:
    """CSV for programs (ids, as the case gave its text); with `excel`, for a coach in a
    spreadsheet: the workshop's columns labelled in the language (`batch.labelled`),
    UTF-8 with a BOM, ';' and decimal commas, no cell that runs as a formula."""

    def __init__(self, digest: str, excel: bool = False) -> None:
        self.digest, self.excel = digest, excel
        self.buffer = io.StringIO()
        # Excel in Danish, Norwegian and Swedish reads UTF-8 with a BOM, ';' and a
        # decimal comma
        self.writer = excel_writer(self.buffer) if excel else \
            csv.writer(self.buffer, lineterminator="\n")
        self.columns: list[str] | None = None if excel else CSV_COLUMNS
        self.extra: list[str] = []  # the columns of the leader's own (`carry`)
        self.named: dict[str, str] = {}  # their headings in plain CSV (`own_names`)

    def carry(self, extra: list[str]) -> None:
        """The columns of the leader's own: after the case's for a program, after the
        subject for a person."""
        self.extra = extra
        if not self.excel:
            self.named = own_names(extra)
            self.columns = [*CSV_COLUMNS, *self.named.values()]

    def _take(self) -> bytes:
        text = self.buffer.getvalue()
        self.buffer.seek(0)
        self.buffer.truncate()
        return text.encode()

    def header(self) -> bytes:
        if self.excel:  # with the first row, which says what extra columns there are
            return BOM.encode()
        self.writer.writerow(self.columns)
        return self._take()

    def result(self, a: Assessment, source: str, extra: dict | None = None) -> list[bytes]:
        if not self.excel:
            row = flat(a, source, self.digest)
            row.update((self.named[k], v) for k, v in (extra or {}).items() if k in self.named)
            self.writer.writerow([row.get(k, "") for k in self.columns or ()])
            return [self._take()]
        row = labelled.sheet(a, source, self.digest, __version__, extra)
        if self.columns is None:
            self._head(list(labelled.extras(dict.fromkeys(self.extra, "") | (extra or {}))))
        self.writer.writerow([spreadsheet_text(row.get(k)) for k in self.columns or ()])
        return [self._take()]

    def _head(self, extra: list[str]) -> None:
        self.columns = labelled.keys(labelled.SHEET, extra)
        # a heading of the leader's own (`=cmd|…`) is as inert as a value
        self.writer.writerow([inert(labelled.capital(labelled.heading(k)))
                              for k in self.columns])

    def footer(self) -> bytes:
        if self.columns is None:  # no row came: the headings alone
            self._head([])
        return self._take()


def own_names(extra: list[str]) -> dict[str, str]:
    """The heading of each column of the leader's own in plain CSV: its own, or with
    ' (input)' after it where one of ours has that name (a `level` of theirs is theirs,
    beside the level recommended), in any case."""
    taken = {c.casefold() for c in CSV_COLUMNS}
    named = {}
    for name in extra:
        heading = name
        while heading.casefold() in taken:
            heading += " (input)"
        taken.add(heading.casefold())
        named[name] = heading
    return named


class Markdown:
    """A Markdown table of the workshop's columns, labelled in the language; given
    `figures` (the run's summary, known at its end), the document starts with the summary,
    so the rows wait until then."""

    def __init__(self, digest: str, figures: Callable[[], Any] | None = None) -> None:
        self.digest, self.figures = digest, figures
        self.columns: list[str] | None = None
        self.extra: list[str] = []  # the columns of the leader's own (`carry`)
        self.head = b""
        self.rows: list[bytes] = []

    def carry(self, extra: list[str]) -> None:
        self.extra = extra

    def header(self) -> bytes:
        return b""  # with the first row, which says what extra columns there are

    def _head(self, extra: list[str]) -> bytes:
        self.columns = labelled.keys(labelled.GLANCE, extra)
        return ("| " + " | ".join(escape(labelled.heading(k)) for k in self.columns) + " |\n|"
                + "---|" * len(self.columns) + "\n").encode()

    def result(self, a: Assessment, source: str, extra: dict | None = None) -> list[bytes]:
        if self.columns is None:
            self.head = self._head(list(labelled.extras(dict.fromkeys(self.extra, "")
                                                        | (extra or {}))))
            head = self.head
        else:
            head = b""
        # a row without an id of its own by its number, as the sheet and the table name it
        # (a coach pass: "workshop-da.xlsx:Værkstedets ledere:2" in every row)
        row = labelled.glance(a, labelled.place(source) if a.case_id in (None, "", source)
                              else a.case_id, extra)
        line = ("| " + " | ".join(escape(str(row.get(k, ""))) for k in self.columns)
                + " |\n").encode()
        if self.figures:
            self.rows.append(line)
            return []
        return [head + line]

    def footer(self) -> bytes:
        if self.columns is None:
            self.head = self._head([])
            head = self.head
        else:
            head = b""
        rules = ("\n" + _("Rules: trustdose {version}, rule set {digest}.").format(
            version=__version__, digest=self.digest) + "\n").encode()
        if not self.figures:
            return head + rules
        from ..report.summarized import markdown
        cases = ("## " + escape(_("The cases")) + "\n\n").encode()
        return b"".join([markdown(self.figures()).encode(), cases, self.head, *self.rows,
                         rules])


def writer(fmt: RowFormat, digest: str, excel: bool = False,
           figures: Callable[[], Any] | None = None) -> Any:
    """The formatter of a row format for a file or a program (the table for a terminal is
    the command line's: `cli.batchtable`; the HTML page is `report.page`'s); `figures`
    gives the run's summary (`batch.summary.Figures`) at its end, which a Markdown document
    starts with and a workbook's summary sheet says."""
    if fmt is RowFormat.csv:
        return Csv(digest, excel)
    if fmt is RowFormat.xlsx:
        from .workbook import Workbook
        return Workbook(digest, figures)
    if fmt is RowFormat.markdown:
        return Markdown(digest, figures)
    return JsonLines(digest)
