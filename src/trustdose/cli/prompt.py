"""Yes-or-no questions in a terminal, answered with one keypress (no Enter): only a yes
does anything; Enter, n, Escape or the end of the input is a no."""

from __future__ import annotations

import os
import sys
from typing import Callable

from rich.console import Console
from rich.text import Text

from ..i18n import _

YES_KEYS = frozenset("yj")  # yes, ja
NO_KEYS = frozenset("n\r\n\x1b\x04")  # no, Enter, Escape, Ctrl-D

Key = Callable[[], str]


def keypress() -> str:
    """One key from the terminal, without waiting for Enter ("" when the input has
    ended). Ctrl-C still interrupts. Without a terminal, the first letter of a line."""
    try:
        fd = sys.stdin.fileno()
        import termios
        import tty
    except (ImportError, AttributeError, OSError, ValueError):  # no terminal to set
        return sys.stdin.readline()[:1]
    if not os.isatty(fd):
        return sys.stdin.readline()[:1]
    saved = termios.tcgetattr(fd)
    try:
        tty.setcbreak(fd)  # keys one by one, unechoed; Ctrl-C is still an interrupt
        pressed = os.read(fd, 32)  # the whole of a key that sends several bytes (an arrow)
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)
    return pressed.decode("utf-8", "replace")[:1]


def confirm(console: Console, question: str, key: Key = keypress) -> bool:
    """Ask `question`; True on a yes key. Other keys are ignored until a yes or a no."""
    console.print(Text.assemble((question, "bold"), " ", (_("[y/N]"), "dim"), " "), end="")
    console.file.flush()
    while True:
        pressed = key()
        if pressed == "" or pressed.lower() in NO_KEYS:
            console.print(_("no"))
            return False
        if pressed.lower() in YES_KEYS:
            console.print(_("yes"))
            return True
