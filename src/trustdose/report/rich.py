"""Terminal output with rich: the level on the scale, the scores, sections as lists. The
marks on the scale (brackets, `*`) hold without colour; text wraps at spaces, never
inside a word (no panel border to cut a long title: the report must fit one screen).
Every text is drawn as rich `Text` (never read as markup), its control characters
escaped (`errors.visible`), so nothing in a case acts on the terminal."""

from __future__ import annotations

import io

from rich.console import Console, Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text as _RichText

from ..errors import visible
from ..i18n import _, format_number
from .model import Report
from .text import refs, scale_rows


def Text(text: str = "", style: str = "") -> _RichText:  # noqa: N802 (rich's name)
    """rich's `Text`, with control characters escaped."""
    return _RichText(visible(text), style=style)


def render(report: Report, width: int | None = None, color: bool = True) -> str:
    buffer = io.StringIO()
    width = width or 100
    console = Console(file=buffer, width=width, force_terminal=color,
                      color_system="standard" if color else None, highlight=False,
                      emoji=False, no_color=not color)
    console.print(_header(report, width))
    if report.full:
        console.print(_score_bars(report))
    else:
        console.print()
    for section in report.sections:
        style = "bold red" if section.key == "warnings" else "bold"
        console.print(Text(section.heading, style=style))
        items = Table.grid(padding=(0, 1))  # a grid keeps wrapped lines under their text
        items.add_column(width=3, justify="right")
        items.add_column(ratio=1)
        for item in section.items:
            line = Text(item.text, style="bold" if item.detail else "")
            if item.detail:
                line.append(visible(f" — {item.detail}"))
            if item.note:
                line.append(visible(f" ({item.note})"), style="italic")
            if item.refs:
                line.append(" " + refs(item.refs), style="dim")
            items.add_row("☐" if section.checklist else "•", line)
        console.print(items)
        if report.full:
            console.print()
    if not report.full:
        console.print()
    console.print(Text(report.summary, style="bold"))
    if report.sources:
        console.print()
        console.print(Text(_("Sources"), style="bold"))
        listed = Table.grid(padding=(0, 1))
        listed.add_column(width=4, justify="right", style="dim")
        listed.add_column(ratio=1, style="dim")
        for n, source in enumerate(report.sources, start=1):
            listed.add_row(f"[{n}]", Text(source))
        console.print(listed)
    return buffer.getvalue()


def _header(report: Report, width: int) -> Group:
    rows = []
    for row in scale_rows(report.scale, width - 2):
        text = Text("  ")
        for n, step in enumerate(row):
            if n:
                text.append("  ")
            chosen, planned = step.startswith("["), step.endswith("*")
            text.append(step, style="bold reverse green" if chosen else
                        "bold yellow" if planned else "dim")
        rows.append(text)
    indent = Padding.indent
    return Group(
        _RichText.assemble((visible(report.title), "bold"), ": ", visible(report.subtitle)),
        _RichText.assemble((_("Recommended level") + ": ", "bold"),
                           (visible(report.level), "bold green"),
                           visible(f" — {report.meaning}")),
        *rows,
        indent(Text(report.legend, style="dim"), 2),
        *(indent(Text(line), 2) for line in report.why),
        *([indent(Text(refs(report.why_refs), style="dim"), 2)] if report.why_refs else []),
        *([] if report.full else [indent(_score_line(report), 2)]))


def _score_line(report: Report) -> Text:
    """The four scores on one line (the short report)."""
    line = Text()
    for n, score in enumerate(report.scores):
        if n:
            line.append(" · ", style="dim")
        line.append(visible(f"{score.label} {format_number(score.value)}"),
                    style="bold yellow" if score.limiting else "")
        marks = ([_("weakest")] if score.limiting else []) + \
            ([_("uncertain")] if score.uncertain else [])
        if marks:
            line.append(f" ({', '.join(marks)})", style="yellow")
    return line


def _score_bars(report: Report) -> Table:
    table = Table(box=None, show_header=False, padding=(0, 1))
    for score in report.scores:
        filled = round(score.value * 2)
        colour = "red" if score.risk else ("yellow" if score.limiting else "green")
        marks = ([_("weakest")] if score.limiting else []) + \
            ([_("uncertain")] if score.uncertain else [])
        table.add_row(Text(score.label, style="bold" if score.limiting else ""),
                      Text(format_number(score.value)),
                      Text("█" * filled + "░" * (10 - filled), style=colour),
                      Text(", ".join(marks), style="yellow"))
    return table
