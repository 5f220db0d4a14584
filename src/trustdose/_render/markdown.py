"""Markdown output: the report ready to share with the employee or team."""

from __future__ import annotations

from .._i18n import _
from .._report import Report


def render(report: Report) -> str:
    out = [f"# {report.title}", "", f"**{_('Task')}:** {report.subtitle}", "",
           f"## {_('Recommended level')}: {report.level}", "", f"*{report.meaning}*", ""]
    out.append(" · ".join(f"**[{s.number} {s.label}]**" if s.chosen else
                          f"{s.number} {s.label}" + (f" ({_('planned')})" if s.planned else "")
                          for s in report.scale))
    out += [""] + [f"- {line}" for line in report.why] + [""]
    out += [f"| {_('Dimension')} | {_('Score')} | |", "|---|---|---|"]
    for s in report.scores:
        note = _("weakest") if s.limiting else ""
        if s.uncertain:
            note = (note + ", " if note else "") + _("uncertain")
        out.append(f"| {s.label} | {s.value:.1f} | {note} |")
    for section in report.sections:
        out += ["", f"## {section.heading}", ""]
        for item in section.items:
            box = "- [ ] " if section.checklist else "- "
            line = box + (f"**{item.text}**" if item.detail else item.text)
            if item.detail:
                line += f" — {item.detail}"
            if item.why:
                line += f" <sub>{item.why}</sub>"
            out.append(line)
    out += ["", f"**{report.summary}**"]
    return "\n".join(out) + "\n"
