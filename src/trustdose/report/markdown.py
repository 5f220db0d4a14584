"""Markdown output: the report ready to share with the employee or team.

Every text in it is escaped (`escape`): a name, a title or a description from a case
cannot add headings, lists, checklist items, links, images, emphasis, tables or HTML,
here or in the agreement (`agreement`), and no control character reaches the reader."""

from __future__ import annotations

import re

from ..errors import visible
from ..i18n import _, format_number
from .model import Report
from .text import refs

# Markdown's and HTML's special characters, escaped where text lands (`(`, `!`, `:` and
# `.` only mean something after one of these, or at the start of a line)
_SPECIAL = re.compile(r"([\\`*_\[\]<>&|~])")
_LINE_START = re.compile(r"^(\d+)([.)])|^([#+=>-])")


def escape(text: str) -> str:
    """Text as plain words in Markdown: on one line, control characters escaped
    (`errors.visible`), and every character that could start a heading, a list, a link,
    emphasis, a table cell or HTML escaped (`<`, `>` and `&` as entities, so no HTML
    reaches a renderer)."""
    flat = " ".join(visible(text, keep="\n\t\r").split())
    flat = _SPECIAL.sub(lambda m: {"<": "&lt;", ">": "&gt;", "&": "&amp;"}.get(
        m.group(1), "\\" + m.group(1)), flat)
    return _LINE_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}" if m.group(1)
                           else "\\" + m.group(3), flat)


def render(report: Report) -> str:
    e = escape
    task, level = _("Task"), _("Recommended level")
    planned = _("agreed") if report.agreed else _("planned")
    out = [f"# {e(report.title)}", "", f"**{task}:** {e(report.subtitle)}", "",
           f"## {level}: {e(report.level)}", "", f"*{e(report.meaning)}*", ""]
    out.append(" · ".join(f"**[{s.number} {e(s.label)}]**" if s.chosen else
                          f"{s.number} {e(s.label)}" + (f" ({planned})" if s.planned else "")
                          for s in report.scale))
    why = [f"- {e(line)}" for line in report.why]
    if report.why_refs:
        why[-1] += " " + refs(report.why_refs)
    out += [""] + why + [""]
    out += ["| " + _("Dimension") + " | " + _("Score") + " | |", "|---|---|---|"]
    for s in report.scores:
        note = _("weakest") if s.limiting else ""
        if s.uncertain:
            note = (note + ", " if note else "") + _("uncertain")
        out.append(f"| {e(s.label)} | {format_number(s.value)} | {e(note)} |")
    for section in report.sections:
        out += ["", f"## {e(section.heading)}", ""]
        for item in section.items:
            box = "- [ ] " if section.checklist else "- "
            line = box + (f"**{e(item.text)}**" if item.detail else e(item.text))
            if item.detail:
                line += f" — {e(item.detail)}"
            if item.note:
                line += f" *({e(item.note)})*"
            if item.refs:
                line += " " + refs(item.refs)
            out.append(line)
    out += ["", f"**{e(report.summary)}**"]
    if report.sources:
        out += ["", f"## {_('Sources')}", ""]
        out += [f"{n}. {e(source)}" for n, source in enumerate(report.sources, start=1)]
    return "\n".join(out) + "\n"
