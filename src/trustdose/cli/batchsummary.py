"""What `trustdose batch` says of the run as a whole: the summary counted as the run goes,
its figures in the language when asked, and the summary alone (--summary-only) in the
format the output asks for."""

# No `from __future__ import annotations` here, as in the other command modules.
from pathlib import Path
from typing import Any, Optional

from ..report.formats import RowFormat


class Counted:
    """The run's summary as it is counted, and its figures in the language when asked
    (by a writer at its end, by --summary-only, by the lines on stderr)."""

    def __init__(self, rule_set: Any, history: Any, left_out: str) -> None:
        from ..batch.summary import Summary
        from ..i18n import pick
        self.summary = Summary()
        self.titles = {w.item["kind"]: pick(w.item["title"]) for w in rule_set.warnings
                       if w.item.get("title")}  # the warning kinds by their titles
        self.journal = str(history.path) if history is not None else None
        self.left_out = left_out

    def figures(self) -> Any:
        return self.summary.figures(self.titles, self.journal, self.left_out)


class Discard:
    """Where the results of --summary-only go: counted by the run, kept nowhere."""

    def write(self, data: bytes) -> int:
        return len(data)

    def flush(self) -> None:
        pass


NOT_TEXT = (".xlsx", ".xlsm", ".xls", ".docx", ".pdf", ".zip")  # files no summary can be


def summary_format(output: Optional[Path], fmt: Optional[RowFormat]) -> str:
    """What --summary-only writes: by the ending of --output; else as --format asks
    (markdown, jsonl as JSON, html); else text, for a person or a .txt file."""
    if output is not None:
        if output.suffix.lower() in NOT_TEXT:  # text in a file named .xlsx opens as broken
            from ..errors import UsageError
            from ..i18n import _
            raise UsageError(_("--summary-only -o {path}: the summary is text, Markdown, "
                               "JSON or HTML, not {suffix}").format(
                path=output, suffix=output.suffix), _(
                "name it .txt, .md, .json or .html; a workbook (-o results.xlsx without "
                "--summary-only) has the summary on its second sheet"))
        return {".md": "markdown", ".json": "json", ".html": "html",
                ".htm": "html"}.get(output.suffix.lower(), "text")
    return {RowFormat.markdown: "markdown", RowFormat.jsonl: "json",
            RowFormat.html: "html"}.get(fmt, "text") if fmt else "text"


def summary_in(kind: str, figures: Any) -> str:
    """The summary in `kind`: text, markdown, json, or html (the page without the table)."""
    from ..report import page, summarized
    if kind == "html":
        return page.render(figures, None)
    return {"text": summarized.text, "markdown": summarized.markdown,
            "json": summarized.json_text}[kind](figures)
