"""The interactive questionnaire in a terminal: show each step, read, validate, re-ask.

The steps and their checks live in `questionnaire`; this module only talks to the person.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.rule import Rule
from rich.text import Text

from ..i18n import _
from ..questionnaire import Step, is_back, steps, to_case
from ..rules.ruleset import RuleSet


def ask(rules: RuleSet, console: Console) -> dict[str, Any]:
    """Ask every step (with going back) and return the case mapping."""
    todo = steps(rules)
    answers: dict[tuple[str, ...], Any] = {}
    console.print(Text(_("trustdose: a few questions about the task and the person or team. "
                         "Answer ? when you are unsure, b to go back, Ctrl-C to stop."), style="dim"))
    index, asked = 0, []  # asked: the steps shown, in order, for going back
    while index < len(todo):
        step = todo[index]
        if step.when is not None and not step.when(answers):
            answers.pop(step.key, None)  # not asked: its earlier answer no longer holds
            index += 1
            continue
        _show(console, step, index, len(todo))
        while True:
            answer = console.input(Text("> ", style="bold cyan"))
            if is_back(answer):
                index = asked.pop() if asked else 0
                break
            try:
                answers[step.key] = step.parse(answer)
            except ValueError as exc:
                console.print(Text(str(exc), style="red"))
                continue
            asked.append(index)
            index += 1
            break
    return to_case(answers)


def _show(console: Console, step: Step, index: int, total: int) -> None:
    if step.heading:
        console.print(Rule(Text(step.heading, style="bold"), align="left"))
        if step.intro:
            console.print(Text(step.intro, style="dim"))
    console.print(Text.assemble((f"({index + 1}/{total}) ", "dim"), (step.question, "bold")))
    for number, text in step.anchors:
        console.print(Text.assemble((f"  {number}  ", "bold cyan"), text))
    if step.hint:
        console.print(Text(step.hint, style="dim"))
