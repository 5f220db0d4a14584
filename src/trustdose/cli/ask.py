"""The interactive questionnaire in a terminal: show each step, read, validate, re-ask.

The steps and their checks live in `questionnaire`; this module only talks to the person.
"""

from __future__ import annotations

from typing import Callable

from rich.console import Console
from rich.rule import Rule
from rich.text import Text

from ..errors import visible
from ..i18n import _, ngettext
from ..questionnaire import PartWalk, Step, Walk, is_back, steps
from ..rules.ruleset import RuleSet
from ..task_words import SEPARATOR


def ask(rules: RuleSet, console: Console) -> Walk:
    """Ask every step (with going back); the walk answered to the end, whose case the
    case model takes, for an answer it would refuse is asked again (`Walk.refused`)."""
    walk = Walk(steps(rules))
    always, most, optional = walk.count()
    total = ngettext("{n} question", "{n} questions", always).format(n=always) if always == most \
        else _("{n} to {most} questions").format(n=always, most=most)
    console.print(Text(_("trustdose: {total} about the task and the person or team; you may "
                         "skip {optional} of them with Enter. Answer ? when you are unsure, < "
                         "or b to go back, Ctrl-C to stop.").format(total=total,
                                                                    optional=optional),
                       style="dim"))
    answer_steps(console, walk)
    return walk


def ask_part(console: Console, part: list[Step], intro: Callable[[int], str]) -> PartWalk:
    """Ask the steps of one part (the stool, the self-check, the employee's own view)
    after a line saying what it is (`intro`, given how many questions): the walk answered."""
    walk = PartWalk(part)
    console.print(Text(intro(len(walk.todo)), style="dim"))
    answer_steps(console, walk)
    return walk


def answer_steps(console: Console, walk: Walk) -> None:
    """Ask the walk's steps until each is answered and the case model takes them (the
    questionnaire, and the what-if asking some of them again)."""
    shown = None
    while True:
        while (step := walk.current()) is not None:
            if walk.index != shown:
                _show(console, step, walk.position(),
                      team=walk.answers.get(("subject", "kind")) == "team")
                earlier = walk.earlier(step)
                if earlier is not None:
                    said = (_("Your answer before: {answer} (Enter keeps it, - for none)")
                            if step.optional else
                            _("Your answer before: {answer} (Enter keeps it)"))
                    console.print(Text(said.format(answer=visible(earlier)), style="cyan"))
                shown = walk.index
            answer = typed(console.input(Text("> ", style="bold cyan")))
            if step.lines:
                answer = _more_lines(console, answer)
            try:
                went = walk.answer(answer)
            except ValueError as exc:
                console.print(Text(visible(exc), style="red"))
                continue
            if went == "first":
                console.print(Text(_("This is the first question."), style="dim"))
        refused = walk.refused()
        if refused is None:
            return
        console.print(Text(_("This answer cannot be used: {problem}").format(
            problem=visible(refused)), style="red"))
        shown = None


def _more_lines(console: Console, first: str) -> str:
    """A list typed one item per line: the lines after `first` until an empty one, joined
    by the separator a list typed on one line uses. Enter, going back or clearing at the
    first line is that, as at any step."""
    from ..questionnaire import CLEAR
    if not first.strip() or is_back(first) or first.strip() == CLEAR:
        return first
    lines = [first]
    while (line := typed(console.input(Text("+ ", style="bold cyan")))).strip():
        lines.append(line)
    return f" {SEPARATOR} ".join(lines)


def typed(text: str) -> str:
    """What was typed, as text whatever the locale: in an ASCII or Latin-1 locale Python
    reads the terminal's UTF-8 bytes as stand-ins (surrogates), which are read again."""
    import sys
    encoding = getattr(sys.stdin, "encoding", None) or "utf-8"
    try:
        return text.encode(encoding, "surrogateescape").decode("utf-8")
    except (UnicodeError, LookupError):
        return text.encode("utf-8", "replace").decode("utf-8")


def _show(console: Console, step: Step, number: int, team: bool = False) -> None:
    """A step, its texts (from the rule files: a question, its anchors, a tag, a
    measure) shown with their control characters escaped (`errors.visible`)."""
    if step.heading:
        console.print(Rule(Text(visible(step.heading), style="bold"), align="left"))
        if step.intro:
            console.print(Text(visible(step.intro), style="dim"))
    question = step.team_question if team and step.team_question else step.question
    console.print(Text.assemble((f"({number}) ", "dim"), (visible(question), "bold")))
    for number, text in (step.team_anchors if team and step.team_anchors else step.anchors):
        console.print(Text.assemble((f"  {number}  ", "bold cyan"), visible(text)))
    if step.hint:
        console.print(Text(visible(step.hint), style="dim"))
