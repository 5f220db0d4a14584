"""Plain text output: for pipes, files and NO_COLOR; never an escape code (a control
character in a text is shown escaped, `errors.visible`). Lines are wrapped to the width
at spaces only (never inside a word, a path or a level's name)."""

from __future__ import annotations

import textwrap

from ..errors import visible
from ..i18n import _, format_number
from .model import Report, ScaleStep

WIDTH = 100  # when the width is not known (a pipe, a file)


def render(report: Report, width: int = WIDTH) -> str:
    out = _wrap(f"{report.title}: {report.subtitle}", "", "  ", width)
    out += _wrap(_("Recommended level") + f": {report.level} — {report.meaning}", "", "  ", width)
    out += ["  " + "  ".join(row) for row in scale_rows(report.scale, width - 2)]
    out += _wrap(report.legend, "  ", "  ", width)
    for line in report.why:
        out += _wrap(line + (" " + refs(report.why_refs) if report.why_refs and
                             line is report.why[-1] else ""), "  ", "  ", width)
    out += _scores(report, width)
    for n, section in enumerate(report.sections):
        # the short report fits one screen: one blank line after the level, none between
        heading = _wrap(section.heading.upper(), "", "  ", width)
        out += ["", *heading] if report.full or not n else heading
        for item in section.items:
            box = "[ ] " if section.checklist else "- "
            text = box + item.text + (f": {item.detail}" if item.detail else "") + \
                (f" ({item.note})" if item.note else "") + \
                (" " + refs(item.refs) if item.refs else "")
            out += _wrap(text, "  ", "      " if section.checklist else "    ", width)
    out += [""] + _wrap(report.summary, "", "  ", width)
    if report.sources:
        out += ["", _("Sources").upper()]
        for n, source in enumerate(report.sources, start=1):
            out += _wrap(f"[{n}] {source}", "  ", "      ", width)
    return "\n".join(out) + "\n"


def _scores(report: Report, width: int) -> list[str]:
    """The four scores: on one line in the short report, as bars in the full one."""
    def marks(s):
        return ([_("weakest")] if s.limiting else []) + ([_("uncertain")] if s.uncertain else [])
    if not report.full:
        return _wrap(" · ".join(f"{s.label} {format_number(s.value)}"
                                + (f" ({', '.join(marks(s))})" if marks(s) else "")
                                for s in report.scores), "  ", "  ", width)
    label_width = max(len(s.label) for s in report.scores)
    out = [""]
    for s in report.scores:
        bar = "#" * round(s.value * 2) + "." * (10 - round(s.value * 2))
        out.append(f"  {visible(s.label):<{label_width}}  {format_number(s.value):>3}  {bar}  "
                   f"{', '.join(marks(s))}".rstrip())
    return out


def step_label(step: ScaleStep) -> str:
    """A step of the scale as shown: `[4 Agree]` recommended, `7 Delegate*` planned."""
    label = f"{step.number} {visible(step.label)}"
    return (f"[{label}]" if step.chosen else label) + ("*" if step.planned else "")


def scale_rows(scale: list[ScaleStep], width: int) -> list[list[str]]:
    """The seven steps as shown (`step_label`), in as many rows as the width needs,
    never split inside a step (two spaces between steps)."""
    rows: list[list[str]] = [[]]
    used = 0
    for step in scale:
        label = step_label(step)
        if rows[-1] and used + 2 + len(label) > width:
            rows.append([])
            used = 0
        used += len(label) + (2 if rows[-1] else 0)
        rows[-1].append(label)
    return rows


def refs(numbers: tuple[int, ...]) -> str:
    """`[1, 3]`: where in the list of sources an item comes from."""
    return "[" + ", ".join(map(str, numbers)) + "]"


def _wrap(text: str, first: str, rest: str, width: int) -> list[str]:
    """Every text but the headings and scores is written through here: escaped, then
    wrapped."""
    return textwrap.wrap(visible(text), width, initial_indent=first, subsequent_indent=rest,
                         break_on_hyphens=False, break_long_words=False) or [first.rstrip()]
