"""`trustdose board` in a terminal, without a board file: the questionnaire builds the
board (the shared answers once, then area by area), keeps it as a board file before
anything else (nothing typed is lost), and the board is assessed from that file."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

from ..i18n import _


def asked_board(rules: Any) -> Path:
    """Ask for the board in the terminal; the board file written (exit 2 without a
    terminal: nothing to ask in)."""
    from rich.text import Text

    from ..board.file import MAX_AREAS
    from ..board.questions import area_steps, shared_steps
    from ..errors import UsageError
    from ..questionnaire import PartWalk
    from .ask import answer_steps
    from .assess import _console
    from .common import Terminated
    from .keep import writable_here
    from .prompt import confirm
    if not sys.stdin.isatty():
        raise UsageError(_("no board file given, and no terminal to ask the questions in"),
                         _("give a board file (see examples/boards/), or - to read one from "
                           "standard input; run in a terminal to be asked"))
    writable_here()  # said before the first question, not after the last
    console = _console()
    console.print(Text(_("trustdose: a delegation board, asked in two parts: who it is for "
                         "and what holds across the areas, once; then each decision area. "
                         "Answer ? when you are unsure, < or b to go back, Ctrl-C to "
                         "stop."), style="dim"))
    shared = PartWalk(shared_steps(rules))
    areas: list = []
    try:
        answer_steps(console, shared)
        while len(areas) < MAX_AREAS:
            walk = PartWalk(area_steps(rules, len(areas) + 1))
            walk.answers[("subject", "kind")] = shared.answers.get(("subject", "kind"))
            answer_steps(console, walk)
            areas.append(walk.answers)
            if not confirm(console, _("Add another decision area?")):
                break
    except (KeyboardInterrupt, EOFError) as exc:  # what was typed is kept (Ctrl-C, the end)
        if not shared.answers:
            raise
        import typer

        from .common import EXIT_INTERRUPTED, EXIT_TERMINATED, EXIT_USAGE, say
        path = _kept(shared.answers, areas)
        say("\n" + _("trustdose: stopped; what you answered is kept in {file} (add the "
                     "areas there, then: trustdose board {file})").format(file=path))
        raise typer.Exit(EXIT_TERMINATED if isinstance(exc, Terminated) else
                         EXIT_USAGE if isinstance(exc, EOFError) else EXIT_INTERRUPTED) \
            from None
    path = _kept(shared.answers, areas)
    console.print(Text(_("The board is in {file}; to see it again: trustdose board "
                         "{file}").format(file=path), style="green"))
    return path


def _kept(shared: dict, areas: list) -> Path:
    """The board file of the answers so far."""
    from ..board.questions import board_data
    from .keep import kept_or_printed
    data = board_data(shared, areas, dt.date.today())
    return kept_or_printed(_board_file(data).encode(), "board.yaml")


def _board_file(data: dict) -> str:
    import yaml
    head = "# " + _("trustdose: a delegation board from the questionnaire on {date}.").format(
        date=data["date"])
    return head + "\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
