"""Batch results as rows: JSON lines, CSV (Excel-ready on request) and Markdown.

Each writer is a `report.formats.Formatter`: it takes assessments one at a time, so
memory stays flat. Every row carries the case id and the version and content hash of
the rule set, so a result can be reproduced. A JSON line is the assessment's own JSON
(its pieces, already encoded by the engine) with where the case came from.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from ..i18n import N_, _, format_number
from ..model.assessment import SEP, Assessment, encode, piece
from ..model.vocabulary import DIMENSIONS
from ..version import __version__
from ..report.formats import RowFormat
from ..report.markdown import escape

SOURCE = SEP + b'"source": '
EXTRA = SEP + b'"extra": '  # the columns of the leader's own, by header (docs/cases.md)

CSV_COLUMNS = ["id", "source", "subject", "kind", "task", "level", "level_name",
               *DIMENSIONS, "limiting", "capped_by", "controls", "feedback", "warnings",
               "next_step", "review_date", "trustdose", "rules_digest"]


def flat(a: Assessment, source: str, digest: str) -> dict[str, Any]:
    """One assessment as a flat row of plain values."""
    return {
        "id": a.case_id, "source": source, "subject": a.subject.name, "kind": a.subject.kind,
        "task": a.task.title, "level": a.level.number, "level_name": a.level.name,
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
    def __init__(self, digest: str, excel: bool = False) -> None:
        self.digest, self.excel = digest, excel
        self.buffer = io.StringIO()
        # Excel in Danish, Norwegian and Swedish reads UTF-8 with a BOM, ';' and a
        # decimal comma
        self.carry([])

    def carry(self, extra: list[str]) -> None:
        """The columns of the leader's own, after the case's."""
        self.writer = csv.DictWriter(self.buffer, [*CSV_COLUMNS, *extra],
                                     delimiter=";" if self.excel else ",",
                                     lineterminator="\r\n" if self.excel else "\n",
                                     extrasaction="ignore")

    def _take(self) -> bytes:
        text = self.buffer.getvalue()
        self.buffer.seek(0)
        self.buffer.truncate()
        return text.encode()

    def header(self) -> bytes:
        self.writer.writeheader()
        return ("\ufeff" if self.excel else "").encode() + self._take()

    def result(self, a: Assessment, source: str, extra: dict | None = None) -> list[bytes]:
        row = {**(extra or {}), **flat(a, source, self.digest)}
        if self.excel:
            row = {k: f"{v:g}".replace(".", ",") if isinstance(v, float) else inert(v)
                   for k, v in row.items()}
        self.writer.writerow(row)
        return [self._take()]

    def footer(self) -> bytes:
        return b""


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet runs what starts so


def inert(value: Any) -> Any:
    """A cell a spreadsheet shows as text, never runs: one that starts like a formula gets
    a `'` in front (OWASP's advice). For `--excel` only: plain CSV is for programs and
    keeps every value as it is (docs/batch.md)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


class Markdown:
    HEAD = ["id", N_("subject"), N_("task"), N_("level"), N_("weakest"), N_("risk"),
            N_("capped by"), N_("warnings")]

    def __init__(self, digest: str) -> None:
        self.digest, self.extra = digest, []

    def carry(self, extra: list[str]) -> None:
        """The columns of the leader's own, after the case's."""
        self.extra = extra

    def header(self) -> bytes:
        head = [*(_(h) for h in self.HEAD), *self.extra]
        return ("| " + " | ".join(escape(h) for h in head) + " |\n|" + "---|" * len(head)
                + "\n").encode()

    def result(self, a: Assessment, source: str, extra: dict | None = None) -> list[bytes]:
        row = flat(a, source, self.digest)
        cells = [row["id"], row["subject"], row["task"], f"{a.level.number} {a.level.label}",
                 f"{a.why.titles[a.limiting].lower()} {score_text(a.scores[a.limiting])}",
                 score_text(a.scores["risk"]), row["capped_by"], row["warnings"],
                 *((extra or {}).get(column, "") for column in self.extra)]
        return [("| " + " | ".join(escape(str(c)) for c in cells) + " |\n").encode()]

    def footer(self) -> bytes:
        return ("\n" + _("Rules: trustdose {version}, rule set {digest}.").format(
            version=__version__, digest=self.digest) + "\n").encode()


def writer(fmt: RowFormat, digest: str, excel: bool = False) -> Any:
    """The formatter of a row format for a file or a program (the table for a terminal is
    the command line's: `cli.batchtable`)."""
    if fmt is RowFormat.csv:
        return Csv(digest, excel)
    return {RowFormat.jsonl: JsonLines, RowFormat.markdown: Markdown}[fmt](digest)


def score_text(value: float) -> str:
    """A score as few digits as it needs, with the language's decimal sign: 3,5."""
    return format_number(round(value, 2), None)


