"""What a terminal gets: its width, whether it wants escape codes, text wrapped only
between words, and tables on `rich.table` whose columns are never narrower than their
longest word (a table that cannot fit so is shown one record at a time instead).

Only a terminal is wrapped: piped output stays one line per message and one row per
line, for the programs that read it.
"""

from __future__ import annotations

import os
import sys
import textwrap
from typing import Any, TextIO


MAX_COLUMNS = 200  # the widest COLUMNS believed, unless the terminal itself is wider
MIN_COLUMNS = 10  # narrower is no width a terminal is read at (`stty cols 0`, some CI
# ptys and `docker exec -t` report 0): such a terminal is taken as the usual 80


def bound_columns() -> None:
    """Hold COLUMNS to what a terminal can be, once at the start: rich, typer, shutil and
    `columns` read it themselves, and rich pads every line of a help page to it (10 s and
    300 MB for COLUMNS=10000000; an overflow for more). Beyond `MAX_COLUMNS`, the
    terminal's own width (when wider) is believed instead; what is not a width at all
    (0, -5, `abc`, `²`, which rich takes for a digit and cannot read) is no COLUMNS, and
    each reader asks the terminal."""
    given = os.environ.get("COLUMNS")
    if given is None:
        return
    wanted = int(given) if given.isascii() and given.strip().isdigit() else 0
    if wanted <= 0:
        del os.environ["COLUMNS"]
        return
    if wanted <= MAX_COLUMNS:
        return
    real = 0
    for fd in (1, 2):
        try:
            real = max(real, os.get_terminal_size(fd).columns)
        except OSError:
            continue
    os.environ["COLUMNS"] = str(min(wanted, max(MAX_COLUMNS, real)))


def plain_terminal() -> bool:
    """Whether a terminal asks for no escape codes at all: NO_COLOR (trustdose's colours
    carry no meaning of their own, so bold goes too), or TERM=dumb."""
    return "NO_COLOR" in os.environ or os.environ.get("TERM") == "dumb"


def columns(stream: TextIO | Any = None) -> int | None:
    """The width of the terminal `stream` (stdout by default) is: COLUMNS when set, else
    the terminal's own, 80 when that is unknown or under `MIN_COLUMNS`; None when it is
    no terminal."""
    stream = sys.stdout if stream is None else stream
    try:
        if not stream.isatty():
            return None
        fd = stream.fileno()
    except (AttributeError, OSError, ValueError):
        return None
    given = os.environ.get("COLUMNS", "")
    if given.isdigit() and int(given) >= MIN_COLUMNS:
        return int(given)
    try:
        found = os.get_terminal_size(fd).columns
    except OSError:
        return 80
    return found if found >= MIN_COLUMNS else 80


def width() -> int:
    """The width a report is drawn at: the terminal's, at most 110 (longer lines read
    badly)."""
    return min(line_width(), 110)


def line_width() -> int:
    """COLUMNS (also when piped) or the terminal's width, as shutil reads them; 80 when
    that is under `MIN_COLUMNS`."""
    import shutil
    found = shutil.get_terminal_size((80, 24)).columns
    return found if found >= MIN_COLUMNS else 80


def wrap(text: str, stream: TextIO | Any = None) -> str:
    """`text` broken into lines at spaces only, to fit the terminal `stream` is; a word
    longer than the line stays whole. A line's indent is kept on its continuations."""
    room = columns(stream)
    if room is None:
        return text
    lines = []
    for line in text.split("\n"):
        if len(line) <= room:
            lines.append(line)
            continue
        # the indent is laid before every line, so that wrapping never drops it (textwrap
        # drops a first line of spaces when the word after them goes to the next)
        body = line.lstrip(" ")
        indent = line[:len(line) - len(body)]
        wrapped = textwrap.wrap(body, max(1, room - len(indent)), subsequent_indent="  ",
                                break_long_words=False, break_on_hyphens=False)
        lines.append("\n".join(indent + part for part in wrapped))
    return "\n".join(lines)


def echo(text: str = "") -> None:
    """A line (or lines) of text on standard output, wrapped between words on a terminal."""
    print(wrap(text))


def table(headers: list[str], rows: list[list[str]]) -> None:
    """Columns for people: rich in a terminal, wrapped only between words; piped, wide
    enough never to wrap and with no padding at the ends of lines. A cell's control
    characters are shown escaped (`errors.visible`): cells quote files."""
    from rich.cells import cell_len
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from ..errors import visible
    rows = [[visible(cell) for cell in row] for row in rows]

    texts = [[header, *(row[at] for row in rows)] for at, header in enumerate(headers)]
    longest = [max(map(cell_len, column)) for column in texts]
    shortest = [max((cell_len(w) for text in column for w in text.split()), default=0)
                for column in texts]
    room = columns()
    widths = None if room is None else _widths(longest, shortest, room - 2 * (len(headers) - 1))
    grid = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    for at, header in enumerate(headers):
        grid.add_column(header, width=widths[at] if widths else None,
                        no_wrap=all(" " not in text for text in texts[at]))
    for row in rows:
        grid.add_row(*map(Text, row))  # as it is: a folder named '[red]' is no markup
    if room is None:
        sys.stdout.write(_plain(grid, 400))
        return
    console = Console(highlight=False, width=room,
                      color_system=None if plain_terminal() else "auto")
    if widths is not None and max(map(cell_len, _plain(grid, room).splitlines())) <= room:
        console.print(grid)
    else:
        _records(console, headers, rows)


def _widths(longest: list[int], shortest: list[int], room: int) -> list[int] | None:
    """Each column's width in `room`: as wide as its text where all fit, else at least its
    longest word, the room left shared by the columns that wrap; None when even the
    longest words do not fit side by side."""
    if sum(longest) <= room:
        return longest
    if sum(shortest) > room:
        return None
    widths, left = list(shortest), room - sum(shortest)
    wanting = sum(long - short for long, short in zip(longest, shortest))
    for at, (long, short) in enumerate(zip(longest, shortest)):
        share = left * (long - short) // wanting if wanting else 0
        widths[at] += share
    return widths


def _plain(grid: Any, room: int) -> str:
    """The table as plain text `room` wide, without padding at the ends of lines."""
    import io

    from rich.console import Console
    buffer = io.StringIO()
    Console(file=buffer, highlight=False, width=room, color_system=None).print(grid, crop=False)
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())


def _records(console: Any, headers: list[str], rows: list[list[str]]) -> None:
    """Each row as its own small block, one `HEADER value` line per column: for a
    terminal too narrow for the table's columns at their longest words."""
    from rich.cells import cell_len
    from rich.table import Table
    from rich.text import Text
    for at, row in enumerate(rows):
        if at:
            console.print()
        room = console.width - 2 - max(cell_len(h) for h in headers)
        words = [w for cell in row for w in _hyphens_break(cell, room).split()]
        if max(map(cell_len, words), default=0) > room:  # too narrow beside the headings:
            _stacked(console, headers, row)  # each value under its heading
            continue
        block = Table.grid(padding=(0, 2))
        block.add_column(style="bold", no_wrap=True)
        # a word longer than the line (a long hyphenated name) breaks after a hyphen,
        # and only one with none is folded: it is shown whole, never cut with "…"
        block.add_column(overflow="fold")
        for header, cell in zip(headers, row):
            if cell:
                block.add_row(Text(header), Text(_hyphens_break(cell, room)))
        console.print(block)


def _stacked(console: Any, headers: list[str], row: list[str]) -> None:
    """A row as headings, each with its value on the lines below it, indented."""
    from rich.padding import Padding
    from rich.text import Text
    for header, cell in zip(headers, row):
        if cell:
            console.print(Text(header, style="bold"), overflow="fold")
            console.print(Padding(Text(_hyphens_break(cell, console.width - 2),
                                       overflow="fold"), (0, 0, 0, 2)))


def _hyphens_break(text: str, room: int) -> str:
    """`text` with a space after each hyphen of a word longer than `room`, so that it
    wraps there (it cannot stand on one line anyway)."""
    from rich.cells import cell_len
    return " ".join(word.replace("-", "- ") if cell_len(word) > room else word
                    for word in text.split(" "))
