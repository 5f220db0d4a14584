"""The levers for an agenda asked in the terminal (`trustdose reflect` with no lever and
no file): the nine by number and title, and the ones to take, by their numbers; Enter
takes all nine."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from ..i18n import _, pick
from .ask import typed


def asked(levers: Any) -> list[str]:
    """The numbers typed (as `--lever` takes them), or none for all nine."""
    from .assess import _console
    console = _console()
    console.print(Text(_("trustdose: the nine levers' questions as an agenda. One or two "
                         "levers are enough for one meeting. Ctrl-C stops."), style="dim"))
    for rule in levers:
        console.print(Text.assemble((f"  {rule.item['number']}  ", "bold cyan"),
                                    pick(rule.item["title"])))
    numbers = {str(rule.item["number"]) for rule in levers}
    while True:
        words = typed(console.input(Text(_("Which levers? (their numbers, such as 2 5; "
                                           "Enter for all nine) "), style="bold cyan")))
        chosen = words.replace(",", " ").split()
        if all(word in numbers for word in chosen):
            console.print()  # the agenda, on standard output, after a blank line
            return list(dict.fromkeys(chosen))
        console.print(Text(_("Answer with numbers from 1 to 9, separated by spaces."),
                           style="red"))
