"""Terminal output with rich: the level scale, a score table, sections as lists."""

from __future__ import annotations

import io

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..i18n import _, format_number
from .model import Report
from .text import refs


def render(report: Report, width: int | None = None, color: bool = True) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=width or 100, force_terminal=color,
                      color_system="standard" if color else None, highlight=False,
                      emoji=False)
    console.print(_header(report))
    console.print(_scores(report))
    for section in report.sections:
        style = "bold red" if section.key == "warnings" else "bold"
        console.print(Text(section.heading, style=style))
        items = Table.grid(padding=(0, 1))  # a grid keeps wrapped lines under their text
        items.add_column(width=3, justify="right")
        items.add_column(ratio=1)
        for item in section.items:
            line = Text(item.text, style="bold" if item.detail else "")
            if item.detail:
                line.append(f" — {item.detail}")
            if item.note:
                line.append(f" ({item.note})", style="italic")
            if item.refs:
                line.append(" " + refs(item.refs), style="dim")
            items.add_row("☐" if section.checklist else "•", line)
        console.print(items)
        console.print()
    console.print(Text(report.summary, style="bold"))
    if report.sources:
        console.print()
        console.print(Text(_("Sources"), style="bold"))
        listed = Table.grid(padding=(0, 1))
        listed.add_column(width=4, justify="right", style="dim")
        listed.add_column(ratio=1, style="dim")
        for n, source in enumerate(report.sources, start=1):
            listed.add_row(f"[{n}]", source)
        console.print(listed)
    return buffer.getvalue()


def _header(report: Report) -> Panel:
    scale = Text()
    for step in report.scale:
        label = f" {step.number} {step.label} "
        if step.chosen:
            scale.append(label, style="bold reverse green")
        elif step.planned:
            scale.append(label, style="underline yellow")
        else:
            scale.append(label, style="dim")
    if any(s.planned for s in report.scale):
        scale.append("   " + _("underlined: planned"), style="yellow")
    body = Group(
        Text.assemble((_("Recommended level") + ": ", "bold"), (report.level, "bold green"),
                      f" — {report.meaning}"),
        scale,
        *(Text(line, style="") for line in report.why),
        *([Text(refs(report.why_refs), style="dim")] if report.why_refs else []))
    return Panel(body, title=Text(report.title, style="bold"), subtitle=report.subtitle,
                 title_align="left", subtitle_align="left")


def _scores(report: Report) -> Table:
    table = Table(box=None, show_header=False, padding=(0, 1))
    for score in report.scores:
        filled = round(score.value * 2)
        colour = "red" if score.risk else ("yellow" if score.limiting else "green")
        marks = ([_("weakest")] if score.limiting else []) + \
            ([_("uncertain")] if score.uncertain else [])
        table.add_row(Text(score.label, style="bold" if score.limiting else ""),
                      format_number(score.value),
                      Text("█" * filled + "░" * (10 - filled), style=colour),
                      Text(", ".join(marks), style="yellow"))
    return table
