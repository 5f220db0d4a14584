"""Excel workbooks (`.xlsx`) as batch rows: the first sheet whose header names case
columns (or the one named), that header (a title above it left out), each row after it
as a CSV row would be, with the cells as Excel types them (numbers, dates, true/false,
text) written as a CSV cell says them, and a merged cell's value in each of its cells. A
row is named `file.xlsx:Sheet:row`, as Excel numbers it, so a rejected one can be found
there.

openpyxl reads the sheet in read-only mode, a row at a time, and the values Excel
calculated (a formula's cached value; a formula Excel never calculated is an empty cell).
What is not a workbook, one with a password, or one too large when unpacked is refused
before a row is read.
"""

from __future__ import annotations

import datetime as dt
import itertools
import zipfile
from pathlib import Path
from typing import Any, Iterator

from ..errors import UNSAFE, Problem, TrustdoseError, UsageError, visible
from ..i18n import _, format_count
from .headers import column
from .merged import Merged

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
MAX_ROWS = 200_000  # rows of a sheet: more is a job for CSV (and would take minutes)
MAX_UNPACKED = 512 * 1024 ** 2  # bytes of a workbook unpacked: a zip bomb stops here
_ZIP, _OLE = b"PK\x03\x04", b"\xd0\xcf\x11\xe0"  # a workbook; a password's (or .xls) file
LEAD = 20  # rows looked through for the header: a title, a date, a line of instructions


def sheet_rows(path: Path, name: str, sheet: str | None) -> Iterator[tuple[str, int, list]]:
    """(the sheet's name, the row's number, its cells as text) for every row that is not
    empty, the header first; trailing empty cells left off. The header is the first row
    that names case columns (`LEAD`): a title above it is left out; without `sheet`, the
    first sheet with such a row is read (a workshop's first sheet may be instructions)."""
    book = _opened(path, name)
    try:
        chosen, lead, at, rows = _choose(book, name, sheet)
        for number, texts in itertools.chain(lead[at:], rows):
            yield chosen.title, number, texts
    finally:
        book.close()


def sheet_size(path: Path, sheet: str | None) -> int | None:
    """How many rows after the header the sheet a run reads says it has (its
    <dimension>, which a program may leave stale: for a progress bar, not a limit), or
    None where that cannot be told."""
    try:
        book = _opened(path, str(path))
    except TrustdoseError:
        return None
    try:  # what each sheet claims, before reading it forgets the claim (reset_dimensions)
        claimed = {n: getattr(book[n], "max_row", None) for n in book.sheetnames}
        chosen, lead, at, _rows = _choose(book, str(path), sheet)
        rows = claimed.get(chosen.title)
        return max(0, rows - lead[at][0]) if lead and rows else None
    except TrustdoseError:
        return None
    finally:
        book.close()


def _choose(book: Any, name: str, sheet: str | None) -> tuple[Any, list, int, Iterator]:
    """The sheet read (`sheet`, or the first whose header names case columns, else the
    first), its first `LEAD` rows, where the header is among them, and the rows after."""
    sheets = [_sheet(book, name, sheet)] if sheet is not None else [
        book[n] for n in book.sheetnames if hasattr(book[n], "iter_rows")] or [
        _sheet(book, name, None)]
    first = None
    for chosen in sheets:
        rows = _rows(chosen, name)
        lead = list(itertools.islice(rows, LEAD))
        at = next((i for i, (_n, texts) in enumerate(lead) if names_columns(texts)), None)
        first = first or (chosen, lead, 0, rows)
        if at is not None:
            return chosen, lead, at, rows
    return first  # no sheet names its columns: the first, read as it is, says what is wrong


def names_columns(texts: list[str]) -> bool:
    """Whether a row is a header: two or more of its cells name a case column."""
    return sum(1 for text in texts if text.strip() and column(text) is not None) >= 2


def _rows(chosen: Any, name: str) -> Iterator[tuple[int, list[str]]]:
    """(the row's number, its cells as text) for every row of a sheet that is not empty;
    a cell that is part of a merged range holds the range's value (a department merged
    down its rows)."""
    if (chosen.max_row or 0) > MAX_ROWS + 1:
        raise TrustdoseError(_("{path}: the sheet '{sheet}' has {rows} rows; at most "
                               "{limit} are read from a workbook").format(
            path=name, sheet=chosen.title, rows=format_count(chosen.max_row),
            limit=format_count(MAX_ROWS)), _(
            "split it, or save it as CSV (no limit); Excel counts a row with only "
            "formatting too"))
    merged = Merged(chosen, name)
    # the <dimension> a file claims may be stale (a program that wrote it did not
    # update it): openpyxl would read no row or column beyond it, so every row is read
    chosen.reset_dimensions()
    rows = chosen.iter_rows(min_row=1, values_only=True)
    number = 0
    while True:
        try:
            cells = next(rows, None)
        except Exception as exc:  # noqa: BLE001 - a cell's XML no workbook should hold
            raise _bad_cell(name, chosen.title, number + 1, exc) from None
        if cells is None:
            break
        number += 1
        texts = [_text(cell) for cell in cells]
        while texts and not texts[-1]:
            texts.pop()
        if texts:
            if number > MAX_ROWS + 1:
                raise TrustdoseError(_("{path}: more than {limit} rows in the sheet "
                                       "'{sheet}'").format(path=name, sheet=chosen.title,
                                                           limit=format_count(MAX_ROWS)),
                                     _("split it, or save it as CSV (no limit)"))
            yield number, merged.filled(number, texts)


def _bad_cell(name: str, sheet: str, number: int, exc: Exception) -> TrustdoseError:
    """A cell openpyxl cannot read (text in a number cell, a shared text that is not
    there, a cell reference beyond Excel's columns), named as the file writes it; the
    row it is in if the file does not say (`number`, the row after the last read)."""
    cell = _cell_of(exc.__traceback__) or _("row {number}").format(number=number)
    return TrustdoseError(_("{path}: the cell {cell} of the sheet '{sheet}' cannot be read: "
                            "{reason}").format(path=name, cell=cell, sheet=sheet,
                                               reason=f"{type(exc).__name__}: {exc}"[:200]),
                          _("open it in Excel and save it again as .xlsx"))


def _cell_of(trace: Any) -> str | None:
    """The reference (`E2`) of the cell openpyxl's parser was reading when it failed."""
    found = None
    while trace is not None:
        if trace.tb_frame.f_code.co_name == "parse_cell":
            found = trace.tb_frame.f_locals.get("coordinate")
        trace = trace.tb_next
    return found if isinstance(found, str) else None


def _opened(path: Path, name: str) -> Any:
    """The workbook, read-only, values only; what is not one is a `TrustdoseError`."""
    with open(path, "rb") as handle:
        start = handle.read(4)
    if start == _OLE:
        raise TrustdoseError(_("{path}: the workbook has a password, or is an old .xls "
                               "file").format(path=name),
                             _("save it in Excel as .xlsx without a password"))
    if start != _ZIP:
        raise TrustdoseError(_("{path}: not an Excel workbook, though its name ends in "
                               "{suffix}").format(path=name, suffix=path.suffix), _(
            "if it is CSV text, name it .csv"))
    try:
        with zipfile.ZipFile(path) as packed:
            unpacked = sum(item.file_size for item in packed.infolist())
        if unpacked > MAX_UNPACKED:
            raise TrustdoseError(_("{path}: the workbook is {size} MB unpacked; at most "
                                   "{limit} MB is read").format(
                path=name, size=format_count(unpacked >> 20),
                limit=format_count(MAX_UNPACKED >> 20)), _("save the cases as CSV"))
        import openpyxl  # only when a workbook is read: it takes a while to import
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except TrustdoseError:
        raise
    except KeyError:  # a zip without the parts of a workbook
        raise TrustdoseError(_("{path}: a zip file, not an Excel workbook").format(path=name),
                             _("open it in Excel and save it again as .xlsx")) from None
    except Exception as exc:  # noqa: BLE001 - a broken zip, XML or workbook, said as such
        raise TrustdoseError(_("{path}: cannot be read as an Excel workbook: {reason}").format(
            path=name, reason=f"{type(exc).__name__}: {exc}"[:300]),
            _("open it in Excel and save it again as .xlsx")) from None


def _sheet(book: Any, name: str, sheet: str | None) -> Any:
    names = book.sheetnames
    if sheet is not None and sheet not in names:  # `sheet` for `Sheet`, if only one is
        alike = [n for n in names if n.casefold() == sheet.casefold()]
        sheet = alike[0] if len(alike) == 1 else sheet
    if sheet is not None and sheet not in names:
        raise UsageError(_("{path}: no sheet named '{sheet}'").format(
            path=name, sheet=_shown(sheet)), _("the sheets: {names}").format(
            names=", ".join(f"'{_shown(n)}'" for n in names)))
    chosen = book[sheet if sheet is not None else names[0]]
    if not hasattr(chosen, "iter_rows"):
        raise UsageError(_("{path}: the sheet '{sheet}' is a chart, not cells").format(
            path=name, sheet=chosen.title), _("name a sheet of cells"))
    return chosen


def _shown(sheet: str) -> str:
    """A sheet's name as a message shows it: what does not show (a control character, a
    zero-width space) escaped, so two names that look alike can be told apart."""
    return "".join(c if c.isprintable() else visible(c) if UNSAFE.match(c)
                   else f"\\u{ord(c):04x}" for c in sheet)


def _text(cell: Any) -> str:
    """A cell as a CSV cell says it: 4 (not 4.0), 3.5, 2026-12-10, true, the text."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, float):
        return str(int(cell)) if cell.is_integer() and abs(cell) < 1e15 else repr(cell)
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat()
    if isinstance(cell, dt.date):
        return cell.isoformat()
    return str(cell)


def rejected_width(name: str, sheet: str, number: int, at: int) -> Problem:
    """A value beyond the header's last column."""
    return Problem(f"{name}:{sheet}", number, None, _(
        "a value in column {number}, which the header gives no name").format(number=at + 1),
        _("name the column in the header, or remove the value"))
