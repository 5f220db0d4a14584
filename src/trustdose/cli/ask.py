"""The interactive questionnaire in a terminal: show each step, read, validate, re-ask.

The steps and their checks live in `questionnaire`; this module only talks to the person.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.rule import Rule
from rich.text import Text

from ..i18n import _
from ..questionnaire import Step, Walk, steps
from ..rules.ruleset import RuleSet


def ask(rules: RuleSet, console: Console) -> dict[str, Any]:
    """Ask every step (with going back) and return the case mapping."""
    walk = Walk(steps(rules))
    console.print(Text(_("trustdose: a few questions about the task and the person or team. "
                         "Answer ? when you are unsure, < or b to go back, Ctrl-C to stop."),
                       style="dim"))
    shown = None
    while (step := walk.current()) is not None:
        if walk.index != shown:
            _show(console, step, *walk.position())
            earlier = walk.earlier(step)
            if earlier is not None:
                said = (_("Your answer before: {answer} (Enter keeps it, - for none)")
                        if step.optional else _("Your answer before: {answer} (Enter keeps it)"))
                console.print(Text(said.format(answer=earlier), style="cyan"))
            shown = walk.index
        answer = typed(console.input(Text("> ", style="bold cyan")))
        try:
            went = walk.answer(answer)
        except ValueError as exc:
            console.print(Text(str(exc), style="red"))
            continue
        if went == "first":
            console.print(Text(_("This is the first question."), style="dim"))
    return walk.case()


def typed(text: str) -> str:
    """What was typed, as text whatever the locale: in an ASCII or Latin-1 locale Python
    reads the terminal's UTF-8 bytes as stand-ins (surrogates), which are read again."""
    import sys
    encoding = getattr(sys.stdin, "encoding", None) or "utf-8"
    try:
        return text.encode(encoding, "surrogateescape").decode("utf-8")
    except (UnicodeError, LookupError):
        return text.encode("utf-8", "replace").decode("utf-8")


def _show(console: Console, step: Step, number: int, total: int) -> None:
    if step.heading:
        console.print(Rule(Text(step.heading, style="bold"), align="left"))
        if step.intro:
            console.print(Text(step.intro, style="dim"))
    console.print(Text.assemble((f"({number}/{total}) ", "dim"), (step.question, "bold")))
    for number, text in step.anchors:
        console.print(Text.assemble((f"  {number}  ", "bold cyan"), text))
    if step.hint:
        console.print(Text(step.hint, style="dim"))
