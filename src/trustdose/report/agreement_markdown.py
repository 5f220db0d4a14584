"""The agreement in Markdown: what `assess --format agreement` writes by default, to
read as it is or in any Markdown viewer. Every text is escaped (`markdown.escape`), so
nothing from a case adds a heading, a list, a link or HTML."""

from __future__ import annotations

import re

from .agreement_parts import Agreement, Items
from .markdown import escape


def render(agreement: Agreement) -> str:
    signing = agreement.signing
    out = [f"# {_heading(agreement.title)}", "", escape(agreement.opening), "",
           escape(signing.sender)]
    for section in agreement.sections:
        out += ["", f"## {_heading(section.heading)}"]
        for block in section.blocks:
            out.append("")
            if isinstance(block, Items):
                out += [f"- {escape(item)}" for item in block.items]
            else:
                out.append(escape(block))
    out += ["", f"## {_heading(signing.heading)}"]
    for signature in signing.signatures:
        out += ["", *(line + "  " for line in map(escape, signing.lines(signature)))]
        out[-1] = out[-1].rstrip()  # two spaces end a line inside a paragraph
    return "\n".join(out) + "\n"


def _heading(text: str) -> str:
    """A heading's text: escaped, with every `#` too (a title ending in `#` would lose it
    as the heading's closing mark). A heading's leading number starts no list, so it is
    written as it is (a board's "2. Area"), not "2\\."."""
    escaped = re.sub(r"^(\d+)\\([.)])", r"\1\2", escape(text))
    kept = 2 if escaped.startswith("\\#") else 0  # escaped already, as a line's start
    return escaped[:kept] + escaped[kept:].replace("#", "\\#")
