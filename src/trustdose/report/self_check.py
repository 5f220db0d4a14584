"""The self-check drawn for the leader (`trustdose self`): the one or two sides to
practise, each with what it is about, the one thing to practise and a lever's question to
take further; as text, Markdown or JSON.

No number is ever drawn in text or Markdown: no mark of a side, no total, no order of
sides by how they scored beyond "practise this". JSON, for the leader's own scripts,
echoes the answers as the leader gave them (their own input, 1-5 or "?"), never a mark
or a total trustdose makes of them.
"""

from __future__ import annotations

import textwrap
from typing import Any

from ..errors import visible
from ..i18n import _, ngettext, pick
from ..leading.self_check import SelfCheck


def _sides(rules: Any) -> dict[str, dict[str, Any]]:
    return {rule.item["id"]: rule.item for rule in rules.worthy}


def _levers(rules: Any, side: dict[str, Any]) -> list[dict[str, Any]]:
    levers = {rule.item["id"]: rule.item for rule in rules.levers}
    return [levers[i] for i in side.get("levers", []) if i in levers]


def further(rules: Any, practise: list[str]) -> dict[str, tuple[str, str]]:
    """For each side practised, a lever's title and one of its questions to take further;
    two sides of one lever get different questions."""
    sides, used, found = _sides(rules), set(), {}
    for side_id in practise:
        pairs = [(lever, n) for lever in _levers(rules, sides[side_id])
                 for n in range(len(lever["questions"]))]
        for lever, n in pairs:
            if (lever["id"], n) not in used:
                used.add((lever["id"], n))
                found[side_id] = (pick(lever["title"]), pick(lever["questions"][n]))
                break
    return found


def heading(made: SelfCheck) -> str:
    if not made.practise:
        return _("Nothing to practise was found: no question was answered.")
    if made.strong:
        return _("Every side you answered is already strong. To keep it so, practise:")
    return ngettext("One thing to practise:", "Two things to practise:", len(made.practise))


def notes(made: SelfCheck, rules: Any) -> list[str]:
    """What the leader should know beside the practice: sides not answered, and that
    no score was made or kept."""
    sides = _sides(rules)
    said = []
    if made.unanswered and made.practise:
        said.append(_("Not answered, so the check says nothing of them: {sides}.").format(
            sides=", ".join(pick(sides[s]["title"]) for s in made.unanswered)))
    said.append(_("The self-check is yours alone: it gives no score to compare leaders by."))
    return said


def render_text(made: SelfCheck, rules: Any, width: int = 80, saved: bool = False) -> str:
    sides, taken = _sides(rules), further(rules, made.practise)
    lines = [_("Worthy of trust: your self-check"), "", heading(made)]
    for side_id in made.practise:  # no numbers: nothing here reads as a rank
        side = sides[side_id]
        lines += ["", f"• {pick(side['title'])}"]
        lines += _wrap(pick(side["summary"]), width, "   ")
        lines += _wrap(_("Practise: {what}").format(what=pick(side["practise"])), width, "   ")
        if side_id in taken:
            title, question = taken[side_id]
            lines += _wrap(_("A question to take further ({title}): {question}").format(
                title=title, question=question), width, "   ")
    lines.append("")
    for note in notes(made, rules):
        lines += _wrap(note, width, "")
    return "\n".join(visible(line) for line in lines) + "\n"


def render_markdown(made: SelfCheck, rules: Any) -> str:
    sides, taken = _sides(rules), further(rules, made.practise)
    out = [f"# {_('Worthy of trust: your self-check')}", "", heading(made)]
    for side_id in made.practise:
        side = sides[side_id]
        out += ["", f"## {pick(side['title'])}", "", pick(side["summary"]), "",
                f"**{_('Practise')}:** {pick(side['practise'])}"]
        if side_id in taken:
            title, question = taken[side_id]
            out += ["", _("*A question to take further ({title}):* {question}").format(
                title=title, question=question)]
    out.append("")
    out += [f"> {note}" for note in notes(made, rules)]
    return "\n".join(visible(line) for line in out) + "\n"


def to_json(made: SelfCheck, rules: Any, answers: dict, day: Any) -> dict[str, Any]:
    """The practice and the answers as given, grouped by side; no mark, no total."""
    sides = _sides(rules)
    given: dict[str, dict[str, Any]] = {}
    for (side, question), value in answers.items():
        given.setdefault(side, {})[question] = value
    return {"date": day.isoformat(),
            "practise": [{"side": s, "title": pick(sides[s]["title"]),
                          "practise": pick(sides[s]["practise"])} for s in made.practise],
            "already_strong": made.strong, "unanswered": made.unanswered,
            "answers": given}


def _wrap(text: str, width: int, indent: str) -> list[str]:
    return textwrap.wrap(text, max(width, 40), initial_indent=indent,
                         subsequent_indent=indent) or [indent]
