"""What if: after the questionnaire's report, the leader changes one answer (or all of
one part), the safeguards in place, or marks the frame as fixed, and sees at once what
changed and the new short report; as often as wanted, without answering everything again.

One short menu line after each report; numbered choices; Enter or q ends. A change is
asked with the questionnaire's own steps (`ask.answer_steps`: the answer before offered,
the same checks and messages), on a copy of the answers: Ctrl-C or the end of the input
in the middle of a change drops that change and ends the what-if, and the last advice
shown stands. What is kept afterwards (the case file, the journal, `-o`) is the last case
assessed, which is the walk's answers.

The frame fixed is what frame first counts on (`engine.compiled.frame_fixed`): every
resources answer at 5.
"""

from __future__ import annotations

import dataclasses
import os
import re
import sys
from typing import Any, Callable

from rich.console import Console
from rich.text import Text

from ..errors import visible
from ..i18n import _, pick
from ..model.vocabulary import DIMENSIONS
from ..questionnaire import Step, Walk, is_back
from ..task_words import SEPARATOR, tag_label
from .ask import answer_steps, typed
from .streams import Terminated

SAFEGUARDS = ("task", "safeguards")
DONE = frozenset({"", "q"})


def offered() -> bool:
    """Whether to offer the what-if: only to a person at a terminal (standard input and
    output both), never under CI."""
    ci = os.environ.get("CI", "").strip().lower()
    return sys.stdin.isatty() and sys.stdout.isatty() and ci in ("", "0", "false", "no")


def what_if(walk: Walk, result: Any, rules: Any, console: Console,
            reassess: Callable[[dict[str, Any]], Any], show: Callable[[Any], None]) -> Any:
    """Offer changes until the leader is done; the last assessment shown (the walk holds
    its answers). `reassess` assesses a case mapping; `show` writes a short report."""
    while True:
        console.print()
        console.print(Text(_("What if? 1 another answer · 2 the safeguards in place · 3 the "
                             "frame fixed · Enter or q: done"), style="bold"))
        try:
            choice = _number(console, 3, _("Answer 1, 2 or 3; Enter or q: done."), DONE)
            if choice is None:
                return result
            again, said = (_another_answer, _safeguards, _frame_fixed)[choice - 1](
                console, walk, rules)
        except (KeyboardInterrupt, EOFError) as exc:
            if isinstance(exc, Terminated):  # SIGTERM stops the command, as anywhere
                raise
            console.print()
            console.print(Text(_("No more changes; the advice above stands."), style="dim"))
            return result
        if again is None:
            continue
        changed = _changes(walk, again, rules)
        if not changed:
            console.print(Text(_("No answer changed; the advice above stands."), style="dim"))
            continue
        after = reassess(again.case())
        walk.answers.clear()
        walk.answers.update(again.answers)
        walk.typed.clear()
        walk.typed.update(again.typed)
        if said:
            console.print(Text(said, style="dim"))
        _what_changed(console, changed, result, after)
        show(after)
        result = after


def _another_answer(console: Console, walk: Walk, rules: Any) -> tuple[Walk | None, str]:
    """Choose a part (a heading of the questionnaire), then one of its answers or all of
    them, and ask them again."""
    parts = _parts(walk)
    console.print(Text(_("Which part? (a number; Enter to go back)"), style="bold"))
    for number, (heading, todo) in enumerate(parts, start=1):
        shown = " · ".join(_answer(walk, s, rules) for s in todo)
        console.print(Text.assemble((f"  {number}  ", "bold cyan"), visible(heading), ": ",
                                    (visible(shown), "dim")))
    which = _number(console, len(parts), _back_message(len(parts)))
    if which is None:
        return None, ""
    heading, todo = parts[which - 1]
    if len(todo) > 1:
        console.print(Text(_("{part}: which answer? (a number; Enter to go back)").format(
            part=visible(heading)), style="bold"))
        for number, step in enumerate(todo, start=1):
            console.print(Text.assemble((f"  {number}  ", "bold cyan"),
                                        visible(_label(step, rules)), ": ",
                                        (visible(_answer(walk, step, rules)), "dim")))
        console.print(Text.assemble((f"  {len(todo) + 1}  ", "bold cyan"),
                                    _("all of them again")))
        one = _number(console, len(todo) + 1, _back_message(len(todo) + 1))
        if one is None:
            return None, ""
        todo = todo if one == len(todo) + 1 else [todo[one - 1]]
    return _asked(console, walk, todo), ""


def _safeguards(console: Console, walk: Walk, rules: Any) -> tuple[Walk | None, str]:
    """The safeguards question asked again, whatever the risk (the questionnaire asks it
    only when the risk is high)."""
    step = next((s for s in walk.todo if s.key == SAFEGUARDS), None)
    if step is None:
        console.print(Text(_("Your rules name no safeguard that lifts a cap or a red line."),
                           style="dim"))
        return None, ""
    return _asked(console, walk, [dataclasses.replace(step, when=None)]), ""


def _frame_fixed(console: Console, walk: Walk, rules: Any) -> tuple[Walk | None, str]:
    """Every resources answer at 5, as frame first counts the frame fixed."""
    from ..engine.compiled import compile_rules
    fixed = [tuple(name.split(".", 1)) for name in compile_rules(rules).frame_fixed
             if "." in name]
    if all(walk.answers.get(key) == 5 for key in fixed):
        console.print(Text(_("Every resources answer is 5 already: the frame is in place."),
                           style="dim"))
        return None, ""
    again = _copy(walk, walk.todo)
    for key in fixed:
        again.answers[key] = 5
        again.typed[key] = "5"
    return again, _("The frame fixed, as frame first counts it: every resources answer at 5.")


def _asked(console: Console, walk: Walk, todo: list[Step]) -> Walk:
    """`todo` asked again, as in the questionnaire, on a copy of the answers."""
    again = _copy(walk, todo)
    answer_steps(console, again)
    return again


def _copy(walk: Walk, todo: list[Step]) -> Walk:
    return Walk(list(todo), dict(walk.answers), dict(walk.typed))


def _parts(walk: Walk) -> list[tuple[str, list[Step]]]:
    """The questionnaire's parts (a step with a heading starts one), with the steps the
    answers so far call for; the safeguards have a choice of their own."""
    parts: list[tuple[str, list[Step]]] = []
    for step in walk.todo:
        if step.heading or not parts:
            parts.append((step.heading, []))
        if step.key != SAFEGUARDS and (step.when is None or step.when(walk.answers)):
            parts[-1][1].append(step)
    return [(heading, todo) for heading, todo in parts if todo]


def _label(step: Step, rules: Any) -> str:
    """A step's name in a list: an indicator's label, or its question without the
    explanation in brackets."""
    if step.key == SAFEGUARDS:
        return _("Safeguards in place")
    if step.key[0] in DIMENSIONS and len(step.key) == 2:
        for indicator in rules.rubrics[step.key[0]].item["indicators"]:
            if indicator["id"] == step.key[1]:
                return pick(indicator["label"])
    return re.split(r" [(\[]", step.question, maxsplit=1)[0]


def _answer(walk: Walk, step: Step, rules: Any) -> str:
    """The answer given, as typed ("–" for none; a list by its points, tags by their
    labels, the safeguards by their titles)."""
    value = walk.answers.get(step.key)
    if isinstance(value, list):
        if step.lines:  # the leader's own points, which may hold commas
            return f" {SEPARATOR} ".join(value)
        if step.key == SAFEGUARDS:
            return ", ".join(pick(rules.measures()[s].item["title"]) for s in value)
        return ", ".join(map(tag_label, value))
    return walk.typed.get(step.key) or "–"


def _changes(walk: Walk, again: Walk, rules: Any) -> list[str]:
    """Each answer changed, as "label: before → after"."""
    return [f"{_label(step, rules)}: {_answer(walk, step, rules)} → "
            f"{_answer(again, step, rules)}" for step in walk.todo
            if walk.answers.get(step.key) != again.answers.get(step.key)]


def _what_changed(console: Console, changed: list[str], before: Any, after: Any) -> None:
    """The answers changed, the level before → after, and the measures that came or went."""
    console.print(Text(_("What if: {changes}").format(changes=visible("; ".join(changed))),
                       style="bold"))
    if before.level.number == after.level.number:
        console.print(_("Level: {level}, as before").format(level=after.level.label))
    else:
        console.print(Text(_("Level: {before} → {after}").format(
            before=before.level.label, after=after.level.label), style="bold"))
    old = {m.id: m for m in [*before.controls, *before.feedback]}
    new = {m.id: m for m in [*after.controls, *after.feedback]}
    for m in new.values():
        if m.id not in old or (m.in_place and not old[m.id].in_place):
            note = " (" + _("already in place") + ")" if m.in_place else ""
            console.print(Text(f"  + {visible(m.title)}{note}", style="green"))
    for m in old.values():
        if m.id not in new:
            console.print(Text(f"  − {visible(m.title)}", style="red"))
    if set(old) == set(new) and all(old[i].in_place == new[i].in_place for i in old):
        console.print(_("The same measures."))
    console.print()


def _back_message(n: int) -> str:
    return _("Answer a number from 1 to {n}, or press Enter to go back.").format(n=n)


def _number(console: Console, n: int, message: str,
            ends: frozenset[str] = frozenset({""})) -> int | None:
    """A number from 1 to `n` typed, asked again with `message` until it is; None when
    what is typed `ends` the choice (Enter, and going back)."""
    while True:
        word = typed(console.input(Text("> ", style="bold cyan"))).strip().lower()
        if word in ends or is_back(word):
            return None
        if word.isdigit() and 1 <= int(word) <= n:
            return int(word)
        console.print(Text(message, style="red"))
