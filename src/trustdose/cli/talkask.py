"""The talk guide asked in the terminal (`trustdose talk` with no file, name or goal):
whom the talk is with, whether a team, and the one to three goals, each a line. Enter
leaves a question: with nothing given, the guide is blank to write on."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from ..errors import visible
from ..i18n import _
from .ask import typed


def asked() -> tuple[str | None, bool, list[str]]:
    """The name (None: blank), whether it is a team, and the goals typed."""
    from ..model.case import NAME_LENGTH, text_problem
    from ..report.talk import MOST_GOALS
    from .assess import _console
    from .prompt import confirm
    console = _console()
    console.print(Text(_("trustdose: a guide for a talk on self-leadership. Enter leaves a "
                         "question; Ctrl-C stops and keeps nothing."), style="dim"))
    name = _line(console, _("Whom is the talk with? (a name, or Enter for a blank guide) "),
                 NAME_LENGTH, text_problem)
    team = bool(name) and confirm(console, _("Is it a team?"))
    console.print(Text(_("The goals for the talk, one a line: one to three, each a sentence "
                         "(Enter on an empty line when done):"), style="bold"))
    goals: list[str] = []
    while len(goals) < MOST_GOALS + 2:  # a fourth is taken, and warned about in the guide
        line = _line(console, "+ ", 300, text_problem)
        if not line:
            break
        goals.append(line)
    console.print()  # the guide, on standard output, after a blank line
    return name or None, team, goals


def _line(console: Any, prompt: str, limit: int, problem_of: Any) -> str:
    """One line typed, asked again while it cannot be used (a control character, too
    long)."""
    while True:
        line = " ".join(typed(console.input(Text(prompt, style="bold cyan"))).split())
        problem = problem_of(line) or (_("{length} characters; at most {limit}").format(
            length=len(line), limit=limit) if len(line) > limit else None)
        if problem is None:
            return line
        console.print(Text(_("This answer cannot be used: {problem}").format(
            problem=visible(problem)), style="red"))
