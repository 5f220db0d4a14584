"""The note to one's own manager about the frame set above (`trustdose frame`): what to
challenge and why, what we shape locally, what we live with and how we make sense of it,
and what is still to sort; as plain text, Markdown and one self-contained HTML page (Word:
`frame_word`). Each stance's section opens with its reason in the seeds' terms (the rule
section `stances`); each part says its own note and, for an item from a case or board,
the tasks waiting for it. Every text is written with its control characters escaped
(`agreement.plain`); the HTML escapes all of it and loads nothing."""

from __future__ import annotations

import datetime as dt
import textwrap
from html import escape
from typing import Any, NamedTuple

from ..i18n import _, current, format_date, pick
from ..leading.frame import Part, sorted_parts
from .agreement_parts import plain
from .agreement_html import STYLE
from .html_page import opening


class Section(NamedTuple):
    heading: str
    reason: str
    parts: list[Part]


class Note(NamedTuple):
    title: str
    date: dt.date
    lang: str
    opening: str
    sections: list[Section]
    closing: str
    sender: str


def headings() -> dict[str | None, str]:
    return {"challenge": _("What I would like us to challenge, and why"),
            "shape": _("What we shape locally"),
            "live-with": _("What we live with, and how we make sense of it"),
            None: _("Still to sort")}


def note(parts: list[Part], stances: Any, day: dt.date, leader: str | None) -> Note:
    reasons = {rule.item["id"]: pick(rule.item["reason"]) for rule in stances}
    reasons[None] = _("Challenge, shape or live with? These I have not sorted yet; we could "
                      "sort them together.")
    heads = headings()
    sections = [Section(heads[stance], reasons[stance], found)
                for stance, found in sorted_parts(parts, stances)]
    return Note(_("The frame we work within: a note for my manager"), day, current(),
                _("Some of the controls, rules and conditions that frame our work are set "
                  "above us. Here is how I see them: what I would like us to challenge, what "
                  "we shape ourselves, and what we live with."), sections,
                _("I would like to talk through what to challenge with you at our next "
                  "meeting.") if any(p.stance == "challenge" for p in parts) else
                _("I would like to talk it through with you at our next meeting."),
                leader or "")


def part_lines(part: Part) -> tuple[str, list[str]]:
    """A part's text, and what is said under it: the leader's note, the tasks it holds
    back."""
    under = [part.note] if part.note else []
    if part.source:
        under.append(_("Tasks waiting for it: {tasks}").format(tasks=part.source))
    return part.text, under


def render_text(made: Note, width: int = 80) -> str:
    def wrap(text: str, indent: str = "", more: str = "") -> list[str]:
        return textwrap.wrap(plain(text), max(width, 40), initial_indent=indent,
                             subsequent_indent=more or indent) or [indent]
    lines = [plain(made.title), format_date(made.date)]
    if made.sender:
        lines.append(plain(made.sender))
    lines += ["", *wrap(made.opening)]
    for section in made.sections:
        lines += ["", plain(section.heading), *wrap(section.reason, "  ")]
        for part in section.parts:
            text, under = part_lines(part)
            lines += wrap(text, "  • ", "    ")
            for said in under:
                lines += wrap(said, "    ")
    lines += ["", *wrap(made.closing)]
    return "\n".join(lines) + "\n"


def render_markdown(made: Note) -> str:
    out = [f"# {plain(made.title)}", "", format_date(made.date)
           + (f" · {plain(made.sender)}" if made.sender else ""), "", plain(made.opening)]
    for section in made.sections:
        out += ["", f"## {plain(section.heading)}", "", f"*{plain(section.reason)}*", ""]
        for part in section.parts:
            text, under = part_lines(part)
            out.append(f"- **{_md(text)}**" + "".join(f"  \n  {_md(u)}" for u in under))
    out += ["", plain(made.closing)]
    return "\n".join(out) + "\n"


def _md(text: str) -> str:
    """A text in Markdown as it is: its marks escaped, so a `*` is a star."""
    out = plain(text)
    for mark in "\\`*_[]<>#|":
        out = out.replace(mark, "\\" + mark)
    return out


def render_html(made: Note) -> str:
    def text(value: str) -> str:
        return escape(plain(value), quote=True)
    out = [*opening(text(made.lang), text(made.title), STYLE),
           f'<p class="opening">{text(format_date(made.date))}'
           + (f" · {text(made.sender)}" if made.sender else "") + "</p>",
           f"<p>{text(made.opening)}</p>"]
    for section in made.sections:
        out += ["<section>", f"<h2>{text(section.heading)}</h2>",
                f'<p class="opening"><em>{text(section.reason)}</em></p>', "<ul>"]
        for part in section.parts:
            said, under = part_lines(part)
            out.append(f"<li><strong>{text(said)}</strong>"
                       + "".join(f"<br>{text(u)}" for u in under) + "</li>")
        out += ["</ul>", "</section>"]
    out += [f"<p>{text(made.closing)}</p>", "</main>", "</body>", "</html>"]
    return "\n".join(out) + "\n"
