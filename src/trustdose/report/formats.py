"""The one output layer: every format, for `assess` and for `batch`, is a `Formatter` that
gives a header, each result and a footer as UTF-8 bytes; `default_format` is the one
choice of a format from the output file's ending and the terminal.

`assess` writes one result with a report format (rich, text, markdown, json); `batch`
writes many with a row format (jsonl, csv, markdown, table, xlsx; see `batch.writers`).
"""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Any, Protocol


class Formatter(Protocol):
    """Writes results in one format: `header()`, then `result()` per result (as pieces
    to write one after the other), `footer()`."""

    def header(self) -> bytes: ...

    def result(self, assessment: Any, source: str, extra: Any = None) -> list[bytes]: ...

    def footer(self) -> bytes: ...


class ReportFormat(str, enum.Enum):
    """What `assess` writes."""

    rich = "rich"
    text = "text"
    markdown = "markdown"
    json = "json"
    agreement = "agreement"  # Markdown, written to the employee or team


class BoardFormat(str, enum.Enum):
    """What `board` writes: a report's formats, and a board's exports (a spreadsheet's
    table, one row per area; the page for a team meeting)."""

    rich = "rich"  # the board is a table of plain lines: drawn as text
    text = "text"
    markdown = "markdown"
    json = "json"
    agreement = "agreement"
    csv = "csv"
    xlsx = "xlsx"
    html = "html"


class AgreementForm(str, enum.Enum):
    """How the agreement is written: to read as it is or share (Markdown), to open in a
    browser (HTML), in Word (docx), or as plain text to print or mail."""

    markdown = "markdown"
    html = "html"
    docx = "docx"
    text = "text"


class GuideFormat(str, enum.Enum):
    """What `reflect` and `talk` write: a guide for a conversation (`report.guide`)."""

    text = "text"
    markdown = "markdown"
    html = "html"
    docx = "docx"
    json = "json"


class RowFormat(str, enum.Enum):
    """What `batch` writes."""

    jsonl = "jsonl"
    csv = "csv"
    markdown = "markdown"
    table = "table"
    xlsx = "xlsx"  # an Excel workbook: results and summary sheets
    html = "html"  # the workshop page: the summary as charts, the cases in a table


# By the output file's ending; anything else gets the last of each list.
# A report is written as HTML or Word only as the agreement: those endings choose it.
BY_SUFFIX: dict[type, dict[str, Any]] = {
    ReportFormat: {".md": ReportFormat.markdown, ".json": ReportFormat.json,
                   ".html": ReportFormat.agreement, ".htm": ReportFormat.agreement,
                   ".docx": ReportFormat.agreement, "": ReportFormat.text},
    # a board's page is its HTML; its agreement as HTML is --format agreement
    BoardFormat: {".md": BoardFormat.markdown, ".json": BoardFormat.json,
                  ".csv": BoardFormat.csv, ".xlsx": BoardFormat.xlsx,
                  ".html": BoardFormat.html, ".htm": BoardFormat.html,
                  ".docx": BoardFormat.agreement, "": BoardFormat.text},
    AgreementForm: {".html": AgreementForm.html, ".htm": AgreementForm.html,
                    ".docx": AgreementForm.docx, ".txt": AgreementForm.text,
                    "": AgreementForm.markdown},
    GuideFormat: {".md": GuideFormat.markdown, ".html": GuideFormat.html,
                  ".htm": GuideFormat.html, ".docx": GuideFormat.docx,
                  ".json": GuideFormat.json, "": GuideFormat.text},
    RowFormat: {".csv": RowFormat.csv, ".md": RowFormat.markdown, ".xlsx": RowFormat.xlsx,
                ".html": RowFormat.html, ".htm": RowFormat.html, "": RowFormat.jsonl},
}
IN_A_TERMINAL = {ReportFormat: (ReportFormat.rich, ReportFormat.text),
                 BoardFormat: (BoardFormat.text, BoardFormat.text),
                 GuideFormat: (GuideFormat.text, GuideFormat.text),
                 RowFormat: (RowFormat.table, RowFormat.jsonl)}


def default_format(kind: type, output: Path | None, terminal: bool) -> Any:
    """The format when none is given: from the ending of the output file; else one for
    a person in a terminal, one for a program when piped (the agreement: Markdown)."""
    if output is not None or kind is AgreementForm:
        by_suffix = BY_SUFFIX[kind]
        return by_suffix.get(output.suffix.lower() if output else "", by_suffix[""])
    person, program = IN_A_TERMINAL[kind]
    return person if terminal else program


class Report:
    """A report format as a `Formatter`: one rendered report per result."""

    def __init__(self, fmt: ReportFormat, width: int = 100, color: bool = False,
                 full: bool = False, form: AgreementForm = AgreementForm.markdown,
                 leader: str | None = None) -> None:
        self.fmt, self.width, self.color, self.full = fmt, width, color, full
        self.form, self.leader = form, leader  # the agreement's, and whom it is from

    def header(self) -> bytes:
        return b""

    def result(self, assessment: Any, source: str = "", extra: Any = None) -> list[bytes]:
        if self.fmt is ReportFormat.agreement:
            return [agreement(self.form, assessment, self.leader)]
        return [render(self.fmt, assessment, self.width, self.color, self.full).encode()]

    def footer(self) -> bytes:
        return b""


def render(fmt: ReportFormat, assessment: Any, width: int = 100, color: bool = False,
           full: bool = False) -> str:
    """The report for `assessment` in `fmt`, as a string: for a person, the short one
    unless `full` (Markdown, a document to keep, is always full)."""
    if fmt is ReportFormat.json:
        import json

        from ..errors import json_visible
        return json_visible(json.dumps(assessment.to_json(), ensure_ascii=False,
                                       indent=2)) + "\n"
    if fmt is ReportFormat.agreement:  # in Markdown (`agreement` writes it in any form)
        from .agreement import build
        from .agreement_markdown import render as markdown
        return markdown(build(assessment))
    from .model import build_report
    report = build_report(assessment, full or fmt is ReportFormat.markdown)
    if fmt is ReportFormat.rich:
        from . import rich as rich_module
        return rich_module.render(report, width=width, color=color)
    if fmt is ReportFormat.markdown:
        from . import markdown
        return markdown.render(report)
    if fmt is ReportFormat.text:
        from . import text
        return text.render(report, width)
    raise AssertionError(f"unhandled format {fmt}")  # a test checks every member is handled


def agreement(form: AgreementForm, assessment: Any, leader: str | None = None) -> bytes:
    """The agreement for `assessment` written in `form`, as the file's bytes; from
    `leader` where the case names none."""
    from .agreement import build
    return drawn(form, build(assessment, leader))


def drawn(form: AgreementForm, made: Any) -> bytes:
    """An `Agreement` (one assessment's, or a board's) written in `form`, as the file's
    bytes."""
    if form is AgreementForm.docx:
        from . import agreement_word
        return agreement_word.render(made)
    if form is AgreementForm.html:
        from . import agreement_html as drawer
    elif form is AgreementForm.text:
        from . import agreement_text as drawer  # type: ignore[no-redef]
    elif form is AgreementForm.markdown:
        from . import agreement_markdown as drawer  # type: ignore[no-redef]
    else:
        raise AssertionError(f"unhandled form {form}")  # a test checks every member
    return drawer.render(made).encode()
