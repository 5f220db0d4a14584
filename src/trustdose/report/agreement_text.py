"""The agreement as plain text (`.txt`): to print, paste into a mail or read anywhere,
without Markdown's marks or escapes. Headings are underlined, lists are dashes, lines
are wrapped at `WIDTH`; control characters are written as escapes (`agreement.plain`)."""

from __future__ import annotations

import textwrap

from .agreement_parts import Agreement, Items, plain

WIDTH = 78  # a printed page and a mail client show a line whole


def render(agreement: Agreement) -> str:
    title = plain(agreement.title)
    signing = agreement.signing
    out = [*_wrapped(title), "=" * min(len(title), WIDTH), "", *_wrapped(agreement.opening),
           "", *_wrapped(signing.sender)]
    for section in agreement.sections:
        heading = plain(section.heading)
        out += ["", *_wrapped(heading), "-" * min(len(heading), WIDTH)]
        for block in section.blocks:
            out.append("")
            if isinstance(block, Items):
                for item in block.items:
                    out += _wrapped(item, "- ", "  ")
            else:
                out += _wrapped(block)
    heading = plain(signing.heading)
    out += ["", heading, "-" * len(heading)]
    for signature in signing.signatures:
        out += ["", *(line for said in signing.lines(signature) for line in _wrapped(said))]
    return "\n".join(out) + "\n"


def _wrapped(text: str, first: str = "", then: str = "") -> list[str]:
    """`text` in lines of at most `WIDTH`, broken between words only (a long word or
    link stands whole on its line)."""
    return textwrap.wrap(plain(text), WIDTH, initial_indent=first, subsequent_indent=then,
                         break_long_words=False, break_on_hyphens=False) or [first.rstrip()]
