"""`trustdose board FILE`: one person or team, several decision areas, each assessed by
the one engine; the board on one screen, in full, as JSON or as one agreement."""

# No `from __future__ import annotations` here: typer reads these signatures at every start.
import sys
from pathlib import Path
from typing import Any, List, Optional

import typer

from ..report.formats import AgreementForm, BoardFormat
from .common import (DB_OPTION, DEBUG_OPTION, RULES_OPTION, SELF_OPTION, errors_handled,
                     home_paths, output_path)


def board(
    board_file: Optional[str] = typer.Argument(
        None, metavar="BOARD", callback=home_paths,
        help="A board file (YAML or JSON): the subject, the answers that hold across the "
             "areas, and 'areas:', each a task with its risk (examples/boards/); - reads "
             "one from standard input. Without it, the questions are asked in the terminal "
             "and the board kept as a file."),
    fmt: Optional[BoardFormat] = typer.Option(
        None, "--format", "-f", metavar="FORMAT",
        help="text, markdown, json, agreement (one agreement for every area), csv or xlsx "
             "(a row per area, for a spreadsheet), or html (the board as a page for a team "
             "meeting). Default: text; with --output, taken from the file ending (.md, "
             ".json, .csv, .xlsx, .html; .docx: the agreement)."),
    form: Optional[AgreementForm] = typer.Option(
        None, "--agreement-as", metavar="FORM",
        help="The agreement as markdown, html, docx (Word) or text."),
    output: Optional[Path] = typer.Option(
        None, "--output", "-o", metavar="FILE", callback=output_path,
        help="Write to FILE instead of stdout."),
    full: bool = typer.Option(False, "--full", help="Each area's full report after the board."),
    own: List[str] = SELF_OPTION,  # text: typer makes an empty path "."
    save: bool = typer.Option(False, "--save", help="Keep this round in your journal: "
                              "'trustdose board history NAME' shows the rounds."),
    name: Optional[str] = typer.Argument(None, hidden=True),  # board history NAME
    rules: List[Path] = RULES_OPTION, db: Optional[Path] = DB_OPTION,
    debug: bool = DEBUG_OPTION,
) -> None:
    """Assess a delegation board: several decision areas of one person or team.

    One line per area:  trustdose board examples/boards/teacher-parent-messages.yaml

    The agreement:  trustdose board BOARD --format agreement -o agreement.md

    Beside the employee's own view:  trustdose board BOARD --self hannah-self.yaml

    For a team meeting or a spreadsheet:  trustdose board BOARD -o board.html (.csv, .xlsx)
    """
    with errors_handled(debug):
        if board_file == "history" or name is not None:
            return _history(board_file, name, fmt, db, output)
        from ..rules.loader import load_rules
        from .assess import _agreement_as, _case
        views = _inputs(board_file, own, output, rules, db)  # before anything is read
        fmt = _agreement_as(fmt, form, output)
        fmt = BoardFormat(fmt.value) if fmt is not None else None  # a report's: the board's
        if board_file is None:  # asked in the terminal, and kept as a board file first
            from .boardask import asked_board
            board_file = str(asked_board(load_rules(rules)))
        made = _assessed(_case(board_file), load_rules(rules), views, db, save)
        _write(made, fmt, form, output, full)
        if save:
            from .boardrounds import save as save_round
            save_round(made, load_rules(rules), db)


def _assessed(doc: Any, rules: Any, views: List[Path], db: Optional[Path], save: bool) -> Any:
    """The board (a file, or - for stdin), with the journal's follow-up of an area after
    a breach, if there is a journal (looking never makes one)."""
    from ..board.assess import assess_board
    from .assess import _journal, _name_damaged
    journal = _journal(db, must_exist=False, saving=save)
    try:
        return assess_board(doc, rules, views=views, track=journal)
    finally:
        if journal is not None:
            journal.db.close()
            _name_damaged(journal)


def _inputs(board_file: Optional[str], own: List[str], output: Optional[Path],
            rules: List[Path], db: Optional[Path]) -> List[Path]:
    """The self-view's answers files (a folder gives the files in it); the output never
    one of the inputs, the journal, the config file or a rule file (exit 2)."""
    from .common import check_outputs
    from .selfview import answer_files, not_inside
    views = answer_files(own)
    not_inside(output, [Path(name) for name in own])
    if output is not None:
        check_outputs([("--output", output)],
                      [*([("BOARD", 0 if board_file == "-" else board_file)]
                         if board_file is not None else []),
                       *(("--self", v) for v in views)], rules, db)
    return views


def _history(word: Optional[str], name: Optional[str], fmt: Any, db: Optional[Path],
             output: Optional[Path]) -> None:
    """`board history NAME`: the subject's rounds as text, JSON, or a spreadsheet's table
    (a row per area and round: `--format csv|xlsx`, or `-o` ending .csv or .xlsx)."""
    from ..errors import UsageError
    from ..i18n import _
    if word != "history" or not name:
        raise UsageError(_("board takes one board file; to see a subject's rounds: "
                           "trustdose board history NAME"))
    from ..io.output import write_pieces
    from ..report.formats import default_format
    from .boardrounds import history
    from .common import check_outputs, target, width
    if output is not None:
        check_outputs([("--output", output)], [], (), db)
    terminal = output is None and sys.stdout.isatty()
    chosen = fmt or default_format(BoardFormat, output, terminal)
    if chosen.value not in HISTORY:
        raise UsageError(_("board history is shown as {formats}; not as {format}").format(
            formats=", ".join(h for h in HISTORY if h != "rich"), format=chosen.value),
                         _("give --format, or an -o file ending .csv, .xlsx or .json"))
    _no_workbook_on_a_terminal(chosen, terminal)
    with target(output, chosen) as out:
        write_pieces(out, [history(name, db, chosen.value, width() if terminal else 100)])
    if output is not None:
        from .keep import wrote
        wrote(output, chosen)


def _write(made: Any, fmt: Optional[BoardFormat], form: Optional[AgreementForm],
           output: Optional[Path], full: bool) -> None:
    from ..io.output import write_pieces
    from ..report.formats import default_format
    from .common import configured_leader, target, width
    terminal = output is None and sys.stdout.isatty()
    chosen = fmt or default_format(BoardFormat, output, terminal)
    _no_workbook_on_a_terminal(chosen, terminal)
    form = form or default_format(AgreementForm, output, terminal)
    with target(output, form if chosen is BoardFormat.agreement else chosen) as out:
        write_pieces(out, [_drawn(made, chosen, form, width() if terminal else 100, full,
                                  configured_leader())])
    if output is not None:
        from .keep import wrote
        wrote(output, chosen)


def _drawn(made: Any, fmt: BoardFormat, form: AgreementForm, columns: int, full: bool,
           leader: Optional[str]) -> bytes:
    """The board in `fmt` (rich is the text: the board is a table of plain lines)."""
    from ..report import board as drawn
    if fmt in EXPORTS:
        return _exported(made, fmt)
    if fmt is BoardFormat.json:
        import json

        from ..errors import json_visible
        return (json_visible(json.dumps(made.to_json(), ensure_ascii=False, indent=2))
                + "\n").encode()
    if fmt is BoardFormat.agreement:
        from ..report.board_agreement import board_agreement
        from ..report.formats import drawn as agreement_in
        return agreement_in(form, board_agreement(made, leader))
    if fmt is BoardFormat.markdown:
        return drawn.render_markdown(made).encode()
    return drawn.render_text(made, columns, full).encode()


HISTORY = ("text", "rich", "json", "csv", "xlsx")  # the formats of a board's rounds
EXPORTS = (BoardFormat.csv, BoardFormat.xlsx, BoardFormat.html)


def _exported(made: Any, fmt: BoardFormat) -> bytes:
    """The board as a spreadsheet's table (a row per area) or as the page for a meeting."""
    if fmt is BoardFormat.html:
        from ..report.board_page import render
        seen = made.self_view
        return render(made, None if seen is None or not seen.shown else
                      [lv.number if lv is not None else None for lv in seen.levels]).encode()
    from ..report import board_sheet
    return board_sheet.csv_bytes([made]) if fmt is BoardFormat.csv else \
        board_sheet.workbook_bytes([made])


def _no_workbook_on_a_terminal(chosen: BoardFormat, terminal: bool) -> None:
    """A workbook is a file, never characters for a terminal (as batch says it)."""
    if chosen is BoardFormat.xlsx and terminal:
        from ..errors import UsageError
        from ..i18n import _
        raise UsageError(_("a workbook (.xlsx) cannot be shown in a terminal"),
                         _("write it to a file: -o board.xlsx"))
