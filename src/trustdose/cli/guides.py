"""What `reflect` and `talk` share at the command line: a case or a board file read and
assessed (the journal's follow-up after a breach included), the format and output options,
and a guide written in the format asked for, to standard output or `-o FILE`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, NamedTuple

import typer

from ..report.formats import GuideFormat
from .common import output_path

# the options every guide (reflect's agenda, talk's guide) is written with
GUIDE_FORMAT_OPTION = typer.Option(
    None, "--format", "-f", metavar="FORMAT",
    help="text, markdown, html (a page to show or print), docx (Word) or json. Default: "
         "text; with --output, taken from the file ending (.md, .html, .docx, .json).")
GUIDE_OUTPUT_OPTION = typer.Option(None, "--output", "-o", metavar="FILE",
                                   callback=output_path, help="Write to FILE instead of stdout.")


class Read(NamedTuple):
    """A case's or a board's assessment as the guides need it."""

    areas: tuple[Any, ...]  # one assessment for a case; the board's areas
    board: Any = None  # the `Board`, when the file was one

    @property
    def subject(self) -> Any:
        return self.areas[0].subject

    @property
    def review_date(self) -> Any:
        return self.board.review_date if self.board is not None else self.areas[0].review_date


def check_output(output: Path | None, given: str | None, rules: Any, db: Any,
                 fmt: GuideFormat | None = None) -> None:
    """Refuse (exit 2, before anything is read or asked) an output that is an input or no
    file, or a Word document bound for a terminal."""
    from ..report.formats import default_format
    from .streams import refuse_binary_on_terminal
    chosen = fmt or default_format(GuideFormat, output, output is None and sys.stdout.isatty())
    refuse_binary_on_terminal(output, chosen)
    if output is not None:
        from .common import check_outputs
        check_outputs([("--output", output)],
                      [("FILE", 0 if given == "-" else given)] if given else [], rules, db)


def read(given: str, rules: Any, views: list[Path], db: Path | None) -> Read:
    """The case or board in `given` (a file, or - for stdin), assessed as `assess` and
    `board` assess it; a board when it has `areas:`."""
    from .assess import _case, _journal, _name_damaged
    from .board import _assessed
    doc = _case(given)
    if isinstance(doc.data, dict) and "areas" in doc.data:
        board = _assessed(doc, rules, views, db, False)
        return Read(board.areas, board)
    from ..api import assess_document
    journal = _journal(db, must_exist=False, saving=False)
    try:
        return Read((assess_document(doc, rules, track=journal),))
    finally:
        if journal is not None:
            journal.db.close()
            _name_damaged(journal)


def write(guide: Any, fmt: GuideFormat | None, output: Path | None) -> None:
    """The guide in `fmt` (by default from the file's ending, else text) to `output` or
    standard output; a Word file is a file, never characters for a terminal."""
    from ..io.output import write_pieces
    from ..report.formats import default_format
    from ..report.guide_drawn import drawn
    from .common import say, target, width
    terminal = output is None and sys.stdout.isatty()
    chosen = fmt or default_format(GuideFormat, output, terminal)
    if chosen is GuideFormat.docx and terminal:
        from ..errors import UsageError
        from ..i18n import _
        raise UsageError(_("a Word document (.docx) cannot be shown in a terminal"),
                         _("write it to a file: -o guide.docx"))
    with target(output, chosen) as out:
        write_pieces(out, [drawn(guide, chosen, width() if terminal else 78)])
    if output is not None:
        from ..errors import visible
        from ..i18n import _
        say(_("The guide is in {path}.").format(path=visible(output)))
