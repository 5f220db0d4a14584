"""The trust stool drawn as text: the six legs as a picture (relational and structural
trust side by side, a row per level, each leg a bar of its score), the leg that wobbles,
and the levers to work on it with, their questions under them. One screen at 100 columns
and 40 lines, and read without colour: the wobbling leg is marked by a sign and said in
words, never by colour alone.

What the leg that wobbles hands on (`reflect`: the command for a full agenda of its
levers) is given by the caller, which knows the command line; this module names none.
"""

from __future__ import annotations

import enum
import textwrap
from typing import Any

from ..errors import visible
from ..i18n import _, format_number, in_sentence, listing, ngettext

BAR = 20  # cells for a score of 5
WIDTH = 100  # a line of the text, at the most
FULL, EMPTY = "\u2588", "\u2591"
WOBBLES = "\u25c0"  # ◀ beside the leg that wobbles


class StoolFormat(str, enum.Enum):
    """What `stool` writes: the picture (rich in a terminal, text), JSON, or the page."""

    rich = "rich"
    text = "text"
    json = "json"
    html = "html"


LEVELS = ("person", "team", "organisation")
TRUSTS = ("relational", "structural")


def level_names() -> dict[str, str]:
    return {"person": _("Person"), "team": _("Team"), "organisation": _("Organisation")}


def trust_names() -> dict[str, str]:
    return {"relational": _("Relational trust"), "structural": _("Structural trust")}


def heading(stool: Any) -> str:
    """Who rated the stool, and from how many forms."""
    if stool.by == "leader":
        return _("The trust stool, as you see it")
    forms = ngettext("{n} form", "{n} forms", stool.answers).format(n=stool.answers)
    if stool.team:
        return _("The trust stool of {team}, from {forms}").format(
            team=in_sentence(visible(stool.team)), forms=forms)
    return _("The trust stool of the team, from {forms}").format(forms=forms)


def bar(score: float) -> str:
    cells = round(score / 5 * BAR)
    return FULL * cells + EMPTY * (BAR - cells)


def cell(leg: Any, stool: Any) -> str:
    """A leg in the picture: its bar and score, or why it has none."""
    if leg.hidden:
        return _("not shown: fewer than {n} forms").format(n=stool.fewest)
    if leg.score is None:
        return _("not answered")
    mark = f" {WOBBLES}" if leg.id in stool.wobbles else ""
    return f"{bar(leg.score)} {format_number(leg.score)}{mark}"


def picture(stool: Any) -> list[str]:
    """The six legs: a row per level, relational and structural side by side."""
    legs = {(leg.trust, leg.level): leg for leg in stool.legs}
    levels, trusts = level_names(), trust_names()
    first = max(len(name) for name in levels.values()) + 3
    column = BAR + 12
    lines = [" " * first + "".join(trusts[t].ljust(column) for t in TRUSTS).rstrip()]
    for level in LEVELS:
        row = [cell(legs[(t, level)], stool) if (t, level) in legs else "" for t in TRUSTS]
        lines.append(levels[level].ljust(first) + "".join(c.ljust(column) for c in row).rstrip())
    return lines


def verdict(stool: Any) -> list[str]:
    """What the picture says: nothing shown, all firm, or the leg(s) that wobble."""
    if not stool.shown:
        return [nothing_shown(stool)]
    if stool.sound and any(leg.score is None for leg in stool.legs):
        return [_("The legs shown stand firm: none is below 4. Only they were judged; the "
                  "others have no answers to go by.")]
    if stool.sound:
        return [_("All legs stand firm: none is below 4. Keep up what holds them.")]
    wobbling = [leg for leg in stool.legs if leg.id in stool.wobbles]
    if len(wobbling) > 1:
        return [_("{n} legs wobble equally ({score}): {legs}.").format(
            n=len(wobbling), score=format_number(wobbling[0].score),
            legs=listing([visible(leg.title) for leg in wobbling]))]
    leg = wobbling[0]
    return [_("The leg that wobbles: {leg} ({score}).").format(
        leg=visible(leg.title), score=format_number(leg.score)), "  " + visible(leg.summary)]


def nothing_shown(stool: Any) -> str:
    """Why no leg is shown: no answer at all, no leg answered in enough forms, or too
    few forms."""
    if stool.by != "team":
        return _("Nothing is shown: no question was answered.")
    if stool.answers >= stool.fewest:
        return _("Nothing is shown: no leg was answered in {fewest} forms at the least, so "
                 "that no one's answers can be told.").format(fewest=stool.fewest)
    return ngettext(
        "Nothing is shown: {n} form, and a leg is shown from {fewest} forms at the least, so "
        "that no one's answers can be told.",
        "Nothing is shown: {n} forms, and a leg is shown from {fewest} forms at the least, so "
        "that no one's answers can be told.", stool.answers).format(
        n=stool.answers, fewest=stool.fewest)


def levers(stool: Any) -> list[str]:
    """The levers to work on the wobbling leg with, each with its questions."""
    if not stool.levers:
        return []
    lines = [_("Work on it with:")]
    for lever in stool.levers:
        lines.append(f"  {lever.number}  {visible(lever.title)}")
        lines += [line for q in lever.questions
                  for line in textwrap.wrap(visible(q), WIDTH, initial_indent="     \u00b7 ",
                                            subsequent_indent="       ")]
    return lines


def wrapped(lines: list[str]) -> list[str]:
    """Lines of prose at `WIDTH` at the most, each continued at its own indent."""
    out = []
    for line in lines:
        indent = " " * (len(line) - len(line.lstrip()))
        out += textwrap.wrap(line, WIDTH, subsequent_indent=indent) or [""]
    return out


def next_command(reflect: str) -> list[str]:
    """The line naming the command for a full agenda; the command on a line of its own
    where the two do not fit on one, never broken (it is to be copied)."""
    said = _("For a full agenda with these levers: {command}")
    whole = said.format(command=reflect)
    if len(whole) <= WIDTH:
        return [whole]
    head, _sep, tail = said.partition("{command}")
    return [*wrapped([head.rstrip()]), "  " + reflect, *wrapped([tail.strip()] if tail.strip()
                                                               else [])]


def render_text(stool: Any, reflect: str | None = None) -> str:
    """The stool as plain text."""
    lines = [visible(heading(stool)), "", *picture(stool), "", *wrapped(verdict(stool))]
    if stool.levers:
        lines += ["", *levers(stool)]
    if reflect and stool.levers:
        lines += ["", *next_command(reflect)]
    if stool.by == "team" and stool.shown:
        lines += ["", _("Only the mean of the forms is shown, never one form's answers.")]
    return "\n".join(lines) + "\n"
