"""The batch's progress line as rich draws it (`cli.batchprogress` decides whether to show
one): the cases done, out of how many and the time left where that is known, else the
rate; in the language, with its digits. Imported only when a line is shown."""

from __future__ import annotations

import sys
from typing import Any

from rich.console import Console
from rich.progress import (BarColumn, Progress, ProgressColumn, SpinnerColumn,
                           TaskProgressColumn, TimeElapsedColumn,
                           TimeRemainingColumn)
from rich.text import Text

from ..i18n import _, format_count


def bar_for(total: int | None) -> Progress:
    """The progress line for a run of `total` cases (None: not known before the run)."""
    columns: list[Any] = [SpinnerColumn(), Count()]
    if total is None:  # how far is not known: how fast, and for how long
        columns += [Rate(), TimeElapsedColumn()]
    else:
        columns += [BarColumn(bar_width=20), TaskProgressColumn(), TimeLeft()]
    return Progress(*columns, console=Console(file=sys.stderr, highlight=False),
                    transient=True)


class Count(ProgressColumn):
    """Cases done, and out of how many where that is known, with the language's digits."""

    def render(self, task: Any) -> Text:
        done = format_count(int(task.completed))
        if task.total is None:
            return Text(_("{done} cases").format(done=done))
        return Text(_("{done} of {total} cases").format(
            done=done, total=format_count(int(task.total))))


class Rate(ProgressColumn):
    """Cases a second, where the total is not known."""

    def render(self, task: Any) -> Text:
        speed = task.speed
        return Text(_("{n} cases/s").format(n=format_count(round(speed))) if speed else "")


class TimeLeft(TimeRemainingColumn):
    """The time left, said so in the language: '0:02:37 tilbage'."""

    def render(self, task: Any) -> Text:
        left = super().render(task)
        return Text(_("{time} left").format(time=left.plain), style=left.style)
