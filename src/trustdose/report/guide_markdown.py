"""A guide in Markdown: to read as it is, paste into a shared document or print from any
viewer. Every text is escaped (`markdown.escape`), so nothing from a case adds a heading,
a list, a link or HTML."""

from __future__ import annotations

from .agreement_markdown import _heading
from .guide import Guide, source_label
from .markdown import escape


def render(guide: Guide) -> str:
    out = [f"# {_heading(guide.title)}", ""]
    for said in guide.opening:
        out += [escape(said), ""]
    if guide.warnings:
        out += [f"**{escape(guide.labels['warnings'])}**", ""]
        out += [f"> {escape(warning)}" for warning in guide.warnings]
        out.append("")
    for section in guide.sections:
        out += [f"## {_heading(section.heading)}", ""]
        if section.lead:
            out += [*(escape(said) for said in section.lead), ""]
        if section.points:
            out += [*(f"- {escape(point)}" for point in section.points), ""]
        if section.questions:
            out += [*(f"{n}. {escape(q)}" for n, q in enumerate(section.questions, 1)), ""]
        if section.room:
            out += [f"{escape(guide.labels['notes'])}:", "", "&nbsp;", "", "&nbsp;", ""]
    if guide.sources:
        out += [f"{escape(source_label(guide))}: " + "; ".join(
            f"*{escape(s.title)}* ({escape('; '.join(s.passages))})" for s in guide.sources)
            + "."]
    return "\n".join(out).rstrip("\n") + "\n"
