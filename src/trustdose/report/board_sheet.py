"""A delegation board as a table for a spreadsheet (`board -o board.csv`, `board.xlsx`):
one row per decision area and round, its columns labelled in the language.

A row says whose board and the day of the round (so that rounds of one board can stand
in one table, one under the other), which area, the level recommended and the level
agreed as a word with its step as a number beside it (a spreadsheet sorts and counts
numbers, not '4 Agree'), the gap in steps (agreed minus recommended), the weakest
precondition, what the leader puts in place first, and the board's review date. The
ids stay in JSON (`board --format json`); here every word is the language's.

CSV is written as Excel in the Nordic languages reads it, and the workbook with its
heading row frozen, as batch writes them (`report.spreadsheet`)."""

from __future__ import annotations

import io
from typing import Any, Sequence

from ..i18n import N_, _
from .spreadsheet import BOM, cell, excel_writer, heading_row, inert, spreadsheet_text
from .start import fixes

# Each column's heading (a msgid: said in the language when written), in order.
COLUMNS = {
    "subject": N_("subject"), "date": N_("Date"), "area_id": N_("id"),
    "area": N_("Decision area"), "level_step": N_("recommended step"),
    "level": N_("Recommended"), "agreed_step": N_("agreed step"), "agreed": N_("Agreed"),
    "gap_steps": N_("gap in steps"), "weakest": N_("weakest precondition"),
    "frame": N_("frame first"), "review_date": N_("review date")}
SHEET = N_("Delegation board")  # the workbook's one sheet
# With a self-view (board --self): the level the employee's or team's own answers carry.
OWN = {"own_step": N_("own view's step"), "own": N_("Own view")}


def columns(boards: Sequence[Any], given: Sequence[dict[str, Any]] = ()) -> dict[str, str]:
    """The columns: a self-view's too where a board (or a round `given`) has one shown."""
    seen = any(getattr(b, "self_view", None) is not None and b.self_view.shown
               for b in boards) or any(row.get("own_step") is not None for row in given)
    return {**COLUMNS, **OWN} if seen else COLUMNS


def headings(shown: dict[str, str] = COLUMNS) -> list[str]:
    """The columns' headings in the language, each with a capital first letter."""
    return [_(h)[:1].upper() + _(h)[1:] for h in shown.values()]


def area_rows(board: Any) -> list[dict[str, Any]]:
    """Each area of `board` as a row: words in the language, steps as numbers, the days
    as dates (None: an empty cell). An area without an id of its own is numbered from 1,
    as the board on screen numbers it."""
    out = []
    seen = getattr(board, "self_view", None)
    own = seen.levels if seen is not None and seen.shown else ()
    for n, a in enumerate(board.areas, start=1):
        agreed = a.planned
        mine = own[n - 1] if n - 1 < len(own) else None
        out.append({
            "subject": board.subject.name, "date": board.date,
            "area_id": a.case_id if a.case_id not in (None, "") else n,
            "area": a.task.title, "level_step": a.level.number, "level": a.level.label,
            "agreed_step": agreed.number if agreed else None,
            "agreed": agreed.label if agreed else "",
            "gap_steps": agreed.number - a.level.number if agreed else None,
            "weakest": a.why.titles[a.limiting],
            "frame": fixes(a) if a.frame_first is not None and a.frame_first.measures else "",
            "review_date": board.review_date,
            "own_step": mine.number if mine is not None else None,
            "own": mine.label if mine is not None else ""})
    return out


def round_rows(subject: str, rounds: Sequence[Any], rules: Any) -> list[dict[str, Any]]:
    """Each area of each round the journal keeps (`journal.rounds.Round`), as a row of
    the same columns: its levels said in today's language, what it kept in its
    assessment for the weakest precondition and the frame first."""
    from ..i18n import pick
    labels = {n: pick(r.item["label"]) for n, r in rules.levels.items()}
    titles = {d: pick(r.item["title"]) for d, r in rules.rubrics.items()}
    measures = {m: pick(r.item["title"]).lower() for m, r in rules.measures().items()}
    out = []
    for made in rounds:
        seen = made.self_view if isinstance(made.self_view, dict) else {}
        own = seen.get("levels") if seen.get("shown") else None
        for e in made.areas:
            kept = e.assessment
            mine = own[e.area] if isinstance(own, list) and isinstance(e.area, int) \
                and 0 <= e.area < len(own) and isinstance(own[e.area], dict) else None
            limiting = kept.get("limiting") if isinstance(kept, dict) else None
            area_id = e.case.get("id") if isinstance(e.case, dict) else None
            out.append({
                "subject": subject, "date": made.day,
                "area_id": area_id if isinstance(area_id, str) else (e.area or 0) + 1,
                "area": e.task, "level_step": e.level, "level": labels.get(e.level, ""),
                "agreed_step": e.planned, "agreed": labels.get(e.planned, "") if e.planned
                else "", "gap_steps": e.planned - e.level if e.planned else None,
                "weakest": titles.get(limiting, "") if isinstance(limiting, str) else "",
                "frame": _frame(kept, measures), "review_date": made.review_date,
                "own_step": mine.get("number") if mine else None,
                "own": labels.get(mine.get("number"), "") if mine else ""})
    return out


def _frame(kept: Any, measures: dict[str, str]) -> str:
    """What the leader puts in place first, as the round kept it: the measures by their
    titles in today's rules (an id no rule has any more, as it was kept)."""
    first = kept.get("frame_first") if isinstance(kept, dict) else None
    ids = first.get("measures") if isinstance(first, dict) else None
    return ", ".join(measures.get(m, m) for m in ids if isinstance(m, str)) \
        if isinstance(ids, list) else ""


def rows(boards: Sequence[Any]) -> list[dict[str, Any]]:
    """Every area of every board (a round each), in order."""
    return [row for board in boards for row in area_rows(board)]


def csv_bytes(boards: Sequence[Any] = (), given: Sequence[dict[str, Any]] = ()) -> bytes:
    """The rounds (boards, or rows `given`) as CSV for Excel in the language: a BOM, ';',
    decimal commas, no cell that runs as a formula."""
    buffer = io.StringIO()
    writer = excel_writer(buffer)
    shown = columns(boards, given)
    writer.writerow([inert(h) for h in headings(shown)])
    writer.writerows([spreadsheet_text(row.get(key)) for key in shown]
                     for row in [*rows(boards), *given])
    return (BOM + buffer.getvalue()).encode()


def workbook_bytes(boards: Sequence[Any] = (), given: Sequence[dict[str, Any]] = ()) -> bytes:
    """The rounds (boards, or rows `given`) as an .xlsx workbook of one sheet, its heading
    row frozen and filtered, its columns as wide as their text (at most
    `spreadsheet.WIDEST`)."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet(_(SHEET)[:31])  # Excel's longest sheet name
    shown = columns(boards, given)
    values = [[row.get(key) for key in shown] for row in [*rows(boards), *given]]
    heading_row(sheet, headings(shown), values)
    for row in values:
        sheet.append([cell(sheet, value) for value in row])
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(shown))}{len(values) + 1}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
