"""`trustdose frame`: the frame set above the leader (lever 9) sorted into challenge,
shape and live with, and a short note about it to one's own manager. The parts come from
a file, from the frame-first items of a case or a board that the leader cannot fix alone
(`--from`), or are asked in the terminal; a part without a stance is asked in a terminal
(Enter leaves it) and otherwise listed "to sort"."""

# No `from __future__ import annotations` here: typer reads these signatures at every start.
import enum
import sys
from pathlib import Path
from typing import Any, List, Optional

import typer

from .common import DEBUG_OPTION, RULES_OPTION, errors_handled, home_paths, output_path


class NoteForm(str, enum.Enum):
    """How the note is written: text to read here, Markdown, HTML or Word."""

    text = "text"
    markdown = "markdown"
    html = "html"
    docx = "docx"


SUFFIXES = {".md": NoteForm.markdown, ".markdown": NoteForm.markdown,
            ".html": NoteForm.html, ".htm": NoteForm.html, ".docx": NoteForm.docx}


def frame(
    frame_file: Optional[Path] = typer.Argument(
        None, metavar="FILE", callback=home_paths,
        help="A list of the parts of the frame set above you (YAML or JSON): each a text, "
             "or text:, stance: (challenge, shape, live-with) and note: "
             "(examples/leader/frame.yaml)."),
    sources: List[Path] = typer.Option(
        [], "--from", metavar="CASE|BOARD", callback=home_paths,
        help="Add what a case or board shows you cannot fix alone (hours, systems, money "
             "or mandate): its frame-first items to take upward. Repeatable."),
    fmt: Optional[NoteForm] = typer.Option(
        None, "--format", "-f", metavar="FORMAT",
        help="text, markdown, html or docx (Word). Default: text; with --output, from the "
             "file ending (.md, .html, .docx)."),
    output: Optional[Path] = typer.Option(
        None, "--output", "-o", metavar="FILE", callback=output_path,
        help="Write the note to FILE instead of stdout."),
    rules: List[Path] = RULES_OPTION, debug: bool = DEBUG_OPTION,
) -> None:
    """The frame above you (lever 9): what to challenge, what to shape locally, what to live
    with; and a short note about it to your own manager.

    From a file:  trustdose frame examples/leader/frame.yaml -o note.docx

    From a board:  trustdose frame --from examples/boards/boernehus-planlaegningstid.yaml
    """
    with errors_handled(debug):
        import datetime as dt

        from ..errors import UsageError
        from ..i18n import _
        from ..rules.loader import load_rules
        chosen = fmt or SUFFIXES.get(output.suffix.lower() if output else "", NoteForm.text)
        stdin = _checked(frame_file, sources, output, rules)
        from .streams import refuse_binary_on_terminal
        refuse_binary_on_terminal(output, chosen)  # before the questions are asked
        loaded = load_rules(rules)
        parts = _parts(frame_file, sources, loaded)
        asking = sys.stdin.isatty() and not stdin
        if not parts and not asking and sources and frame_file is None:
            raise UsageError(_("{files}: no part of the frame set above you is in it").format(
                files=", ".join(str(s) for s in sources)),
                _("name the parts in a FILE (see examples/leader/frame.yaml), or run it in "
                  "a terminal to name them"))
        if not parts and not asking:
            raise UsageError(_("no parts of the frame given, and no terminal to ask in"),
                             _("give a FILE or --from CASE|BOARD"))
        if asking:
            from .frameask import asked
            parts = asked(parts, loaded.stances)
        if not parts:
            raise UsageError(_("no parts of the frame were named: there is nothing to "
                               "write"), _("name at least one, or give a FILE"))
        from ..report.frame_note import note
        from .common import configured_leader
        made = note(parts, loaded.stances, dt.date.today(), configured_leader())
        _write(made, chosen, output)


def _checked(frame_file: Optional[Path], sources: List[Path], output: Optional[Path],
             rules: Any) -> bool:
    """Refuse (exit 2, before anything is read) standard input named twice and an output
    that is an input or no file; whether standard input is read."""
    from ..errors import UsageError
    from ..i18n import _
    given = [("FILE", frame_file)] * bool(frame_file) + [("--from", s) for s in sources]
    stdin = [name for name, path in given if str(path) == "-"]
    if len(stdin) > 1:
        raise UsageError(_("standard input (-) is given {n} times; it can be read once")
                         .format(n=len(stdin)), _("give - once, and the others as files"))
    if output is not None:
        from .common import check_outputs
        check_outputs([("--output", output)],
                      [(name, 0 if str(path) == "-" else path) for name, path in given], rules)
    return bool(stdin)


def _parts(frame_file: Optional[Path], sources: List[Path], rules: Any) -> list:
    """The parts from the file, then each source's upward items not named already."""
    from ..leading.frame import read_parts, upward_parts
    parts = read_parts(frame_file, rules.stances, sys.stdin.buffer) \
        if frame_file is not None else []
    from .assess import _case
    for source in sources:
        known = {p.text.casefold() for p in parts}
        parts += [p for p in upward_parts(_case(str(source)), rules)
                  if p.text.casefold() not in known]
    return parts


def _write(made: Any, form: NoteForm, output: Optional[Path]) -> None:
    from ..io.output import write_pieces
    from ..report import frame_note
    from .common import target, width
    if form is NoteForm.docx:
        from ..report.frame_word import render
        data = render(made)
    elif form is NoteForm.html:
        data = frame_note.render_html(made).encode()
    elif form is NoteForm.markdown:
        data = frame_note.render_markdown(made).encode()
    else:
        terminal = output is None and sys.stdout.isatty()
        data = frame_note.render_text(made, width() if terminal else 80).encode()
    with target(output, form) as out:
        write_pieces(out, [data])
    if output is not None:
        from ..errors import visible
        from ..i18n import _
        from .common import say
        say(_("The note is in {path}.").format(path=visible(output)))
