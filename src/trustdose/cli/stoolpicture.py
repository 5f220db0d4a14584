"""The stool's picture in a terminal: the text as `report.stool` draws it, each leg's bar
coloured by its score (green from 4, yellow from 3, red below) and the wobbling sign in
bold red. Colour only adds: the sign and the words say the same without it (NO_COLOR)."""

from __future__ import annotations

import re
from typing import Any

# a leg in the picture: its bar (full and empty cells), its score, the wobbling sign
LEG = re.compile("(\u2588+)(\u2591*) (\\d[.,]\\d)( \u25c0)?")


def colour(score: float) -> str:
    return "green" if score >= 4 else "yellow" if score >= 3 else "red"


def show(text: str) -> None:
    """Print the picture to standard output in colour."""
    from rich.console import Console
    from rich.text import Text

    from .common import plain_terminal
    console = Console(highlight=False, color_system=None if plain_terminal() else "auto",
                      width=max(100, Console().width), soft_wrap=True)
    for line in text.splitlines():
        drawn = Text(line)
        for found in LEG.finditer(line):
            drawn.stylize(colour(float(found.group(3).replace(",", "."))), *found.span(1))
            drawn.stylize("dim", *found.span(2))
            if found.group(4):
                drawn.stylize("bold red", *found.span(4))
        console.print(drawn)


def wanted(fmt: Any, output: Any) -> bool:
    """Whether the picture goes to a terminal in colour: no format, no file, a terminal."""
    import sys
    return fmt is None and output is None and sys.stdout.isatty()
