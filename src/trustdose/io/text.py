"""Batch input as text: UTF-8 in any locale (standard input too), bytes that are not
UTF-8 named at their line and column, and what makes a CSV row or header unreadable, said
where it is. `io.readers` makes rows of what is read here.
"""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from pathlib import Path
from typing import Any, Iterator

from ..errors import Problem, TrustdoseError
from ..i18n import _, format_count, os_reason
from .source import SourceError, decode


def open_text(path: str | Path, encoding: str = "utf-8") -> Any:
    """An input file as text (UTF-8, or `encoding`), lines as they are (newline="");
    bytes that are not UTF-8 kept as lone surrogates, for the rows that hold them to be
    rejected; a UTF-8 BOM is dropped whatever the encoding. A named pipe is read only
    when a program writes to it (`NoWriter` otherwise): opening one to read would wait
    for a writer for ever."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        raw: Any = io.FileIO(fd, closefd=True)
        if stat.S_ISFIFO(os.fstat(fd).st_mode):
            raw = _written_pipe(raw, path)
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    buffered = io.BufferedReader(raw)
    utf8 = encoding in ("utf-8", "utf_8")
    if not utf8 and buffered.peek(3)[:3] == UTF8_BOM:  # Excel's BOM on Windows-1252 bytes
        buffered.read(3)
    return io.TextIOWrapper(buffered, encoding="utf-8-sig" if utf8 else encoding,
                            errors="surrogateescape", newline="")


UTF8_BOM = b"\xef\xbb\xbf"


class NoWriter(TrustdoseError):
    """Raised when an input is a named pipe that no program writes to."""


class _Prefixed(io.RawIOBase):
    """A pipe with what was read of it to see whether a program writes to it put back."""

    def __init__(self, raw: io.FileIO, first: bytes) -> None:
        self.raw, self.first = raw, first

    def readable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.raw.fileno()

    def readinto(self, buffer: Any) -> int | None:
        if not self.first:
            return self.raw.readinto(buffer)
        size = min(len(buffer), len(self.first))
        buffer[:size], self.first = self.first[:size], self.first[size:]
        return size

    def close(self) -> None:
        self.raw.close()
        super().close()


def _written_pipe(raw: io.FileIO, path: str | Path) -> Any:
    """`raw`, a named pipe opened without waiting, if a program writes to it: one still
    to write (a read would wait) or one that wrote (what it wrote is put back). A pipe no
    program has opened to write reads as ended at once: `NoWriter`."""
    try:
        first = raw.read(1 << 16)
    except BlockingIOError:
        return raw
    if first is None:  # no data yet from a writer that is there
        return raw
    if not first:
        raise NoWriter(_("{path}: no program is writing to this pipe").format(path=path),
                       _("start the program that writes to it first, or name a file"))
    return _Prefixed(raw, first)


def stdin_lines(stream: Any, encoding: str = "utf-8") -> Iterator[str]:
    """Standard input as UTF-8 text (or `encoding`) in any locale (not the locale's
    encoding: a Latin-1 file is rejected at its lines, never read as something else)."""
    buffer = getattr(stream, "buffer", None)
    if buffer is None:  # text already (a StringIO)
        yield from stream
        return
    text = io.TextIOWrapper(buffer, encoding=encoding, errors="surrogateescape", newline="")
    try:
        while line := text.readline(LINE_LIMIT):  # a line without end (a zero device) is
            yield line                            # read a piece at a time, never whole
    finally:
        text.detach()  # standard input stays open for whoever reads it next


LINE_LIMIT = 1 << 20  # characters read at a time from standard input


def first_line(lines: Iterator[str]) -> tuple[list[str], str]:
    """The blank lines at the start (a BOM dropped) and the first line that is not
    blank ("" if there is none)."""
    blank: list[str] = []
    first = next(lines, "").lstrip("\ufeff")
    while first and not first.strip() and len(blank) < 10_000:
        blank.append(first)
        first = next(lines, "")
    return blank, first


# the byte order marks of UTF-32 and UTF-16 as `open_text` reads them (each byte that is
# not UTF-8 as a lone surrogate), longest first: Excel's "Unicode text" is UTF-16
_WIDE = (("\udcff\udcfe\x00\x00", "UTF-32"), ("\x00\x00\udcfe\udcff", "UTF-32"),
         ("\udcff\udcfe", "UTF-16"), ("\udcfe\udcff", "UTF-16"))


def wide_text(first: str) -> str | None:
    """The encoding a file's first line says it is in by its byte order mark (UTF-16 or
    UTF-32), or None."""
    return next((name for mark, name in _WIDE if first.startswith(mark)), None)


def not_utf8(name: str, encoding: str) -> TrustdoseError:
    """The error for a batch input in UTF-16 or UTF-32: said as such, not as the unknown
    columns its bytes would make."""
    return TrustdoseError(_("{path}: the file is {encoding} text, not UTF-8 (its first bytes "
                            "say so)").format(path=name, encoding=encoding),
                          _("save it as UTF-8 (in Excel: CSV UTF-8)"))


def json_problem(line: str, name: str, number: int) -> Problem | None:
    """What is wrong with a JSON line as JSON (not as the YAML parser sees it), if the
    JSON parser finds it broken."""
    try:
        json.loads(line)
    except json.JSONDecodeError as exc:
        return Problem(name, number, exc.colno, _("malformed JSON: {problem}").format(
            problem=_(exc.msg)), _("check commas, quotes and brackets near this place"))
    except (ValueError, RecursionError):  # well formed, but too large or too deep
        pass
    return None


def bad_bytes(text: str, name: str, number: int) -> Problem | None:
    """Bytes that are not UTF-8 in a line read as `open_text` reads it: the problem at
    their line and column (as case files name it), or None."""
    try:
        text.encode("utf-8")
        return None
    except UnicodeEncodeError:
        pass
    try:
        decode(text.encode("utf-8", "surrogateescape"), name)
    except SourceError as exc:
        return exc.problem._replace(line=number + (exc.problem.line or 1) - 1)
    return None  # pragma: no cover - a surrogate given as such, not from a byte


def clean(text: str) -> str:
    """A rejected row's text to show or write: each byte that is not UTF-8 as U+FFFD."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def unknown_columns(name: str, line: int, unknown: list[str]) -> str:
    if len(unknown) == 1:
        return _("{path}:{line}: unknown column '{name}'").format(path=name, line=line,
                                                                  name=unknown[0])
    return _("{path}:{line}: unknown columns: {names}").format(
        path=name, line=line, names=", ".join(f"'{u}'" for u in unknown))


def record_problem(taken: list[str], values: list[str], name: str, number: int, last: int,
                   delimiter: str) -> Problem | None:
    """What makes a CSV record (its lines `taken`, from `number` to `last`) unreadable:
    bytes that are not UTF-8, or a quote left open. Cheap for a plain one-line row."""
    if len(taken) == 1:
        line = taken[0]
        problem = None if line.isascii() else bad_bytes(line, name, number)
        # the last line of the input, or a quote open to its end
        if problem is None and (not line.endswith(("\n", "\r")) or (
                values and values[-1].endswith(("\n", "\r")))) and quote_open(line, delimiter):
            problem = open_quote(name, number, number)
        return problem
    problem = next((p for i, text in enumerate(taken) if not text.isascii()
                    and (p := bad_bytes(text, name, number + i))), None)
    if problem is None and quote_open("".join(taken), delimiter):
        problem = open_quote(name, number, last)
    return problem


def csv_problem(exc: Exception, name: str, number: int, last: int) -> Problem:
    """A record the csv module refused (lines `number` to `last`)."""
    if "field limit" in str(exc):
        message = _("a cell longer than {limit} characters").format(
            limit=format_count(csv.field_size_limit()))
        if last > number:
            message += " " + _("(lines {first} to {last}, not assessed: is a quote left "
                               "open?)").format(first=number, last=last)
    else:
        message = _("cannot be read as CSV: {reason}").format(reason=exc)
    return Problem(name, number, None, message, _(
        "close each quoted cell where it ends; a quote inside one is written twice "
        "(\"\")") if last > number else None)


def quote_open(text: str, delimiter: str) -> bool:
    """Whether a row's text leaves a quote open, or closes one where no cell ends."""
    try:
        for _row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True):
            pass
    except csv.Error:
        return True
    return False


def open_quote(name: str, number: int, last: int) -> Problem:
    message = _("a quote opened in this row is not closed where its cell ends")
    if last > number:
        message += "; " + _("lines {first} to {last} were read as this one row and not "
                            "assessed").format(first=number, last=last)
    return Problem(name, number, None, message, _(
        "close each quoted cell where it ends; a quote inside one is written twice (\"\")"))


def unreadable(path: str | Path, exc: Exception) -> TrustdoseError:
    """The error for an input file that cannot be read."""
    reason = os_reason(exc) if isinstance(exc, OSError) else str(exc)
    return TrustdoseError(_("{path}: cannot be read: {reason}").format(path=path, reason=reason),
                          _("save the file as UTF-8 text") if isinstance(
                              exc, UnicodeDecodeError) else None)
