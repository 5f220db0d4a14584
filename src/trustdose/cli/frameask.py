"""The frame's parts asked in the terminal (`trustdose frame`): the parts set above the
leader, one a line, when none was given; then each part without a stance sorted by the
stances' questions (Enter leaves it to sort), with a few words of the leader's own."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from ..errors import visible
from ..i18n import _, pick
from .ask import typed


def asked(parts: list, stances: Any) -> list:
    from ..leading.frame import MAX_ITEMS, MAX_TEXT, Part
    from ..model.case import text_problem
    from .assess import _console
    console = _console()
    console.print(Text(_("trustdose: the frame set above you, sorted into challenge, shape "
                         "and live with, for a note to your own manager. Enter leaves a "
                         "question, Ctrl-C stops and keeps nothing."), style="dim"))
    if not parts:
        console.print(Text(_("Name the controls, rules and conditions set above you that "
                             "frame your work, one a line (Enter on an empty line when "
                             "done):"), style="bold"))
        while len(parts) < MAX_ITEMS:
            line = " ".join(typed(console.input(Text("+ ", style="bold cyan"))).split())
            if not line:
                break
            problem = text_problem(line) or (
                _("{length} characters; at most {limit}").format(
                    length=len(line), limit=MAX_TEXT) if len(line) > MAX_TEXT else None)
            if problem:
                console.print(Text(_("This answer cannot be used: {problem}").format(
                    problem=visible(problem)), style="red"))
                continue
            parts.append(Part(line))
    parts = [_sorted(console, p, stances) if p.stance is None else p for p in parts]
    console.print()  # the note, on standard output, after a blank line
    return parts


def _sorted(console: Any, part: Any, stances: Any) -> Any:
    """One part sorted by the leader: a stance (its number, id or title), or Enter."""
    from ..leading.frame import stance_named
    from ..model.case import text_problem
    console.print()
    console.print(Text(visible(part.text), style="bold"))
    if part.source:
        console.print(Text(_("Tasks waiting for it: {tasks}").format(tasks=visible(part.source)),
                           style="dim"))
    options = [rule.item for rule in stances]
    for n, stance in enumerate(options, start=1):
        console.print(Text.assemble((f"  {n}  ", "bold cyan"), (pick(stance["title"]), "bold"),
                                    " — ", pick(stance["ask"])))
    while True:
        word = typed(console.input(Text(_("Which fits? (1-{n}, Enter to sort it later) ")
                                        .format(n=len(options)), style="bold cyan")))
        word = word.strip()
        if not word:
            return part
        if word.isdigit() and 1 <= int(word) <= len(options):
            stance = options[int(word) - 1]["id"]
        else:
            stance = stance_named(word, stances)
        if stance is not None:
            break
        console.print(Text(_("Answer with a number from 1 to {n}.").format(n=len(options)),
                           style="red"))
    while True:  # the leader's words go into the note: no control character (as files)
        note = " ".join(typed(console.input(Text(_("In a few words, why or how (Enter to "
                                                   "skip): "), style="cyan"))).split())
        problem = text_problem(note)
        if problem is None:
            break
        console.print(Text(_("This answer cannot be used: {problem}").format(
            problem=visible(problem)), style="red"))
    return part._replace(stance=stance, note=note[:300] if not part.note else part.note)
