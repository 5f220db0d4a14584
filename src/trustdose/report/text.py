"""Plain text output: for pipes, files and NO_COLOR; never an escape code."""

from __future__ import annotations

import textwrap

from ..i18n import _, format_number
from .model import Report

WIDTH = 88


def render(report: Report) -> str:
    out = [report.title, _("Task") + ": " + report.subtitle, ""]
    out.append(_("Recommended level") + f": {report.level} — {report.meaning}")
    out.append("  " + "  ".join(f"[{s.number} {s.label}]" if s.chosen else
                                f"{s.number} {s.label}" + ("*" if s.planned else "")
                                for s in report.scale))
    if any(s.planned for s in report.scale):
        out.append("  * " + _("planned"))
    out += [_wrap(line, "  ") for line in report.why]
    if report.why_refs:
        out[-1] += " " + refs(report.why_refs)
    out.append("")
    label_width = max(len(s.label) for s in report.scores)
    for s in report.scores:
        marks = ([_("weakest")] if s.limiting else []) + ([_("uncertain")] if s.uncertain else [])
        bar = "#" * round(s.value * 2) + "." * (10 - round(s.value * 2))
        out.append(f"  {s.label:<{label_width}}  {format_number(s.value):>3}  {bar}  "
                   f"{', '.join(marks)}".rstrip())
    for section in report.sections:
        out += ["", section.heading.upper()]
        for item in section.items:
            box = "[ ] " if section.checklist else "- "
            text = box + item.text + (f": {item.detail}" if item.detail else "") + \
                (f" ({item.note})" if item.note else "") + \
                (" " + refs(item.refs) if item.refs else "")
            out.append(_wrap(text, "  ", "    " if not section.checklist else "      "))
    out += ["", report.summary]
    if report.sources:
        out += ["", _("Sources").upper()]
        out += [_wrap(f"[{n}] {source}", "  ", "      ")
                for n, source in enumerate(report.sources, start=1)]
    return "\n".join(out) + "\n"


def refs(numbers: tuple[int, ...]) -> str:
    """`[1, 3]`: where in the list of sources an item comes from."""
    return "[" + ", ".join(map(str, numbers)) + "]"


def _wrap(text: str, first: str, rest: str | None = None) -> str:
    return textwrap.fill(text, WIDTH, initial_indent=first,
                         subsequent_indent=rest if rest is not None else first)
