"""The one output layer: every format, for `assess` and for `batch`, is a `Formatter` that
gives a header, each result and a footer as UTF-8 bytes; `default_format` is the one
choice of a format from the output file's ending and the terminal.

`assess` writes one result with a report format (rich, text, markdown, json); `batch`
writes many with a row format (jsonl, csv, markdown, table; see `batch.writers`).
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


class RowFormat(str, enum.Enum):
    """What `batch` writes."""

    jsonl = "jsonl"
    csv = "csv"
    markdown = "markdown"
    table = "table"


# By the output file's ending; anything else gets the last of each list.
BY_SUFFIX: dict[type, dict[str, Any]] = {
    ReportFormat: {".md": ReportFormat.markdown, ".json": ReportFormat.json, "": ReportFormat.text},
    RowFormat: {".csv": RowFormat.csv, ".md": RowFormat.markdown, "": RowFormat.jsonl},
}
IN_A_TERMINAL = {ReportFormat: (ReportFormat.rich, ReportFormat.text),
                 RowFormat: (RowFormat.table, RowFormat.jsonl)}


def default_format(kind: type, output: Path | None, terminal: bool) -> Any:
    """The format when none is given: from the ending of the output file; else one for
    a person in a terminal, one for a program when piped."""
    if output is not None:
        by_suffix = BY_SUFFIX[kind]
        return by_suffix.get(output.suffix.lower(), by_suffix[""])
    person, program = IN_A_TERMINAL[kind]
    return person if terminal else program


class Report:
    """A report format as a `Formatter`: one rendered report per result."""

    def __init__(self, fmt: ReportFormat, width: int = 100, color: bool = False,
                 full: bool = False) -> None:
        self.fmt, self.width, self.color, self.full = fmt, width, color, full

    def header(self) -> bytes:
        return b""

    def result(self, assessment: Any, source: str = "", extra: Any = None) -> list[bytes]:
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
    if fmt is ReportFormat.agreement:
        from . import agreement
        return agreement.render(assessment)
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
