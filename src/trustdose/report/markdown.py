"""Markdown output: the report ready to share with the employee or team."""

from __future__ import annotations

from ..i18n import _, format_number
from .model import Report
from .text import refs


def render(report: Report) -> str:
    task, level, planned = _("Task"), _("Recommended level"), _("planned")
    out = [f"# {report.title}", "", f"**{task}:** {report.subtitle}", "",
           f"## {level}: {report.level}", "", f"*{report.meaning}*", ""]
    out.append(" · ".join(f"**[{s.number} {s.label}]**" if s.chosen else
                          f"{s.number} {s.label}" + (f" ({planned})" if s.planned else "")
                          for s in report.scale))
    why = [f"- {line}" for line in report.why]
    if report.why_refs:
        why[-1] += " " + refs(report.why_refs)
    out += [""] + why + [""]
    out += ["| " + _("Dimension") + " | " + _("Score") + " | |", "|---|---|---|"]
    for s in report.scores:
        note = _("weakest") if s.limiting else ""
        if s.uncertain:
            note = (note + ", " if note else "") + _("uncertain")
        out.append(f"| {s.label} | {format_number(s.value)} | {note} |")
    for section in report.sections:
        out += ["", f"## {section.heading}", ""]
        for item in section.items:
            box = "- [ ] " if section.checklist else "- "
            line = box + (f"**{item.text}**" if item.detail else item.text)
            if item.detail:
                line += f" — {item.detail}"
            if item.note:
                line += f" *({item.note})*"
            if item.refs:
                line += " " + refs(item.refs)
            out.append(line)
    out += ["", f"**{report.summary}**"]
    if report.sources:
        out += ["", f"## {_('Sources')}", ""]
        out += [f"{n}. {source}" for n, source in enumerate(report.sources, start=1)]
    return "\n".join(out) + "\n"
