"""`trustdose batch INPUT...`: assess many cases, stream the results, report bad rows."""

# No `from __future__ import annotations` here: typer reads these signatures at every start.
import contextlib
import os
import sys
from pathlib import Path
from typing import Any, Iterator, List, Optional

import typer

from ..report.formats import RowFormat
from .common import (DB_OPTION, DEBUG_OPTION, EXIT_FINDINGS, LEVEL_IDS, RULES_OPTION,
                     check_outputs, complete_from, errors_handled, home_paths, planned_option,
                     say)

PROGRESS_FROM = 1_000_000  # bytes of input from which a live count is worth showing
# reading what coaches have: a workbook's sheet, a CSV file's encoding, a template to fill
SHEET_OPTION = typer.Option(
    None, "--sheet", metavar="NAME", help="The sheet of a workbook to read (default: the "
                                          "first).")
ENCODING_OPTION = typer.Option(
    None, "--encoding", metavar="NAME",
    help="The encoding of CSV files and standard input (default: UTF-8, or Windows-1252 "
         "for a file that is not UTF-8).")
TEMPLATE_OPTION = typer.Option(
    None, "--template", metavar="FILE.xlsx|FILE.csv", callback=home_paths,
    help="Write an empty workbook (or CSV file) with the columns in the chosen language "
         "and one example row, and stop.")
FORCE_OPTION = typer.Option(False, "--force", help="Let --template replace a file.")
COLUMNS_OPTION = typer.Option(False, "--columns",
                             help="List the columns a CSV file or workbook may have, in "
                                  "the chosen language and in English, and stop.")


def batch(
    inputs: Optional[List[str]] = typer.Argument(
        None, metavar="INPUT", callback=home_paths,
        help="CSV files, Excel workbooks (.xlsx), JSONL or (multi-document) YAML files, "
             "folders of case files, or - for standard input. Mixed inputs are fine. "
             "--columns lists the columns a CSV file or a workbook may have."),
    rules: List[Path] = RULES_OPTION,
    fmt: Optional[RowFormat] = typer.Option(
        None, "--format", "-f",
        help="Output format. Default: table in a terminal, jsonl when piped; with --output, "
             "taken from the file ending (.csv, .md, else jsonl)."),
    output: Optional[Path] = typer.Option(
        None, "--output", "-o", metavar="FILE", callback=home_paths,
        help="Write the results to FILE (atomically: a crash never leaves half a file)."),
    excel: bool = typer.Option(False, "--excel",
                               help="CSV for Excel: UTF-8 with BOM, ';' and decimal commas."),
    errors: Optional[Path] = typer.Option(
        None, "--errors", metavar="FILE", callback=home_paths,
        help="Write rejected rows as JSON lines (where, why, the original row) to FILE."),
    planned: Optional[str] = typer.Option(
        None, "--planned", "-p", metavar="N|NAME", autocompletion=complete_from(*LEVEL_IDS),
        help="A planned level for every case."),
    summary_only: bool = typer.Option(False, "--summary-only",
                                      help="Print only the summary (on stderr)."),
    fail_fast: bool = typer.Option(False, "--fail-fast", help="Stop at the first bad row."),
    sheet: Optional[str] = SHEET_OPTION,
    encoding: Optional[str] = ENCODING_OPTION,
    template: Optional[Path] = TEMPLATE_OPTION,
    force: bool = FORCE_OPTION,
    columns: bool = COLUMNS_OPTION,
    db: Optional[Path] = DB_OPTION,
    debug: bool = DEBUG_OPTION,
) -> None:
    """Assess many cases at once: a workshop's cases, a department's plans, a what-if grid.

    A bad row never stops the batch: it is reported on stderr with its file and row, and
    with --errors written to a file to fix and run again. As assess does, each case is
    assessed with what the journal holds about its subject.
    """
    with errors_handled(debug):
        from ..batch.parallel import workers
        from ..report.formats import default_format
        if columns or template is not None:
            _columns() if columns else _template(template, force, rules)
            return
        inputs = _given(inputs)
        _distinct(inputs, output, errors, summary_only, db, rules)  # before anything is read
        settings, left_out = _settings(rules, planned, db, encoding, sheet)
        rule_set, history = settings.rules, settings.history
        chosen = fmt or default_format(RowFormat, output, sys.stdout.isatty())
        # markdown and table are for people: one process; --fail-fast stops in order
        cores = workers() if chosen in (RowFormat.jsonl, RowFormat.csv) else 0
        write = _writer(chosen, rule_set, excel and chosen is RowFormat.csv)
        try:
            summary, stopped = _run(inputs, settings, write, output, errors, summary_only,
                                    fail_fast, cores)
        finally:
            if history is not None:
                history.close()
        _tell(summary, rule_set, stopped, history, left_out)


def _settings(rules: List[Path], planned: Optional[str], db: Optional[Path],
              encoding: Optional[str], sheet: Optional[str]) -> Any:
    """What the run assesses with, and why no journal's history is used (or "")."""
    import datetime as dt

    from ..batch.rows import Settings
    from ..engine.compiled import compile_rules
    from ..rules.loader import load_rules
    rule_set = load_rules(rules)
    history, left_out = _history(db)
    return Settings(rule_set, planned_option(planned, rule_set), dt.date.today(),
                    compile_rules(rule_set), {}, history, _encoding(encoding), sheet), left_out


def _encoding(name: Optional[str]) -> Optional[str]:
    """--encoding as Python knows the encoding; a name no codec has is exit 2."""
    import codecs

    from ..errors import UsageError
    from ..i18n import _
    try:
        return None if name is None else codecs.lookup(name).name
    except LookupError:
        raise UsageError(_("--encoding: unknown encoding '{name}'").format(name=name), _(
            "for example utf-8, cp1252 (Windows, Western Europe) or latin-1")) from None


def _given(inputs: Optional[List[str]]) -> List[str]:
    from ..errors import UsageError
    from ..i18n import _
    if not inputs:
        raise UsageError(_("no INPUT given"), _(
            "name CSV, Excel or YAML files, a folder of case files, or - for standard input; "
            "--template FILE.xlsx writes a file to fill in"))
    return inputs


def _columns() -> None:
    """The columns a batch file may have, with what each holds, on standard output."""
    from ..i18n import _, current
    from ..io.headers import listing
    lines = [_("Columns (any case; the first word is the one the template uses):")]
    english = dict(listing("en"))
    for (words, holds), (ids, _same) in zip(listing(current()), english.items()):
        named = words if current() == "en" else f"{words} ({ids})"
        lines.append(f"  {named}: {holds}")
    lines.append("  " + _("dimension.indicator (kompetence.experience): an indicator's "
                          "answer, 1-5 or ?; facts.<name>: a task fact the rules read"))
    lines.append("  " + _("any other column: carried to the output as it is"))
    typer.echo("\n".join(lines))


def _template(path: Path, force: bool, rules: List[Path]) -> None:
    """Write the template for a workshop (`io.template`): never over a file, unless asked."""
    from ..errors import UsageError
    from ..i18n import _, pick
    from ..io.output import write_atomic
    from ..io.template import SUFFIXES, template
    from ..rules.loader import load_rules
    if path.suffix.lower() not in SUFFIXES:
        raise UsageError(_("--template {path}: the name must end in .xlsx or .csv").format(
            path=path))
    if os.path.lexists(path) and not force:
        raise UsageError(_("--template {path}: the file is already there").format(path=path),
                         _("give another name, or --force to replace it"))
    check_outputs([("--template", path)], [], rules)
    level = load_rules(rules).levels[6]  # what the example row carries: no warning
    write_atomic(path, template(path, pick(level.item["label"])))
    _say(_("trustdose: wrote {path}: fill in a row per case, then: trustdose batch "
           "{path}").format(path=path))


def _run(inputs: List[str], settings: Any, write: Any, output: Optional[Path],
         errors: Optional[Path], summary_only: bool, fail_fast: bool, cores: int) -> Any:
    """The run, its results written where they go and its rows said: (summary, stopped)."""
    from ..batch.run import run
    with _results(output, summary_only) as out, _rejected(errors) as reject, \
            _progress(inputs, output is None and not summary_only) as tick:
        summary, stopped = run(inputs, settings, write, out, reject=reject, warn=_say,
                               stdin=sys.stdin, fail_fast=fail_fast, workers=cores, tick=tick)
        _nothing_came_in(summary)  # and the output file is not kept
    return summary, stopped


def _writer(chosen: RowFormat, rule_set: Any, excel: bool) -> Any:
    """The row format's writer; the table is drawn for this terminal's width."""
    if chosen is RowFormat.table:
        from .batchtable import TerminalTable
        from .terminal import line_width
        return TerminalTable(rule_set, line_width())
    from ..batch.writers import writer
    return writer(chosen, rule_set.digest, excel)


def _history(db: Optional[Path]) -> Any:
    """The journal's history for the run, as `assess` takes it (--db, TRUSTDOSE_DB or the
    user's journal, opened only if it is there), and why there is none: (history, "") or
    (None, the reason), said in the summary."""
    from ..batch.history import JournalHistory
    from ..errors import JournalError
    try:
        return JournalHistory(db), ""
    except JournalError as exc:  # none yet, or one that cannot be used: no history
        return None, str(exc)


def _distinct(inputs: List[str], output: Optional[Path], errors: Optional[Path],
              discard: bool, db: Optional[Path], rules: List[Path]) -> None:
    """No output replaces an input in force (the cases, the journal, the config file, a
    rule file), and no two outputs are one file (through links, hard links and
    /dev/stdout alike); standard input to read from is open: exit 2 before anything is
    read."""
    from ..errors import UsageError
    from ..i18n import _
    from .common import check_outputs, stdin_closed
    if "-" in inputs and stdin_closed():
        raise UsageError(_("no standard input to read the cases from"),
                         _("give the cases as files, or open standard input"))
    outputs: list = []
    if output is not None:
        outputs.append(("--output", output))
    elif not discard:
        outputs.append((_("standard output"), 1))
    if errors is not None:
        outputs.append(("--errors", errors))
    check_outputs(outputs, [("INPUT", 0 if given == "-" else given) for given in inputs],
                  rules, db)


def _nothing_came_in(summary: Any) -> None:
    from ..errors import UsageError
    from ..i18n import _
    if summary.cases + summary.rejected == 0:
        raise UsageError(_("no cases in the input"),
                         _("give CSV, JSONL or YAML cases, or a folder of case files"))


def _tell(summary: Any, rule_set: Any, stopped: bool, history: Any, left_out: str) -> None:
    """The summary on stderr; exit 1 when rows were rejected."""
    from ..i18n import _, pick
    titles = {w.item["kind"]: pick(w.item["title"]) for w in rule_set.warnings
              if w.item.get("title")}
    journal = str(history.path) if history is not None else None
    for line in summary.lines(titles, journal, left_out):
        _say(line)
    if stopped:
        _say(_("stopped at the first bad row (--fail-fast)"))
    if summary.rejected:
        raise typer.Exit(EXIT_FINDINGS)


def _say(message: str) -> None:
    """A message on stderr; in a terminal, wrapped at its width between words (a line
    the terminal wrapped itself would break inside one), with the message's own indent
    and two more spaces on the lines it wraps to."""
    if sys.stderr.isatty():
        from .terminal import line_width
        message = wrapped(message, line_width())
    say(message)


def wrapped(message: str, width: int) -> str:
    """`message` in lines of at most `width` columns, broken only between words (a word
    longer than a line stands alone on its line); its own line breaks are kept."""
    import textwrap
    out = []
    for line in message.split("\n"):
        indent = line[:len(line) - len(line.lstrip(" "))]
        out += textwrap.wrap(line.lstrip(" "), width, initial_indent=indent,
                             subsequent_indent=indent + "  ", break_long_words=False,
                             break_on_hyphens=False) or [line]
    return "\n".join(out)


@contextlib.contextmanager
def _results(output: Optional[Path], discard: bool) -> Iterator[Any]:
    """Where the results go: stdout, nowhere, or FILE written atomically."""
    if discard:
        import io
        yield io.BytesIO()  # counted, not kept
        return
    from .common import target
    with target(output) as out:
        yield out


@contextlib.contextmanager
def _rejected(path: Optional[Path]) -> Iterator[Any]:
    """What to do with a rejected row: say so on stderr, and write it to FILE if asked."""
    import json

    from ..i18n import _

    def report(row: Any, out: Any) -> None:
        for problem in row.problems:
            where = problem if problem.line else f"{row.source}: {problem.message}"
            _say(_("trustdose: rejected: {problem}").format(problem=where))
            if problem.hint:
                _say("  " + _("hint: {hint}").format(hint=problem.hint))
        if out is not None:
            out.write((json.dumps({"source": row.source, "problems": [
                {"line": p.line, "col": p.col, "message": p.message, "hint": p.hint}
                for p in row.problems], "row": row.original}, ensure_ascii=False, default=str)
                + "\n").encode())

    if path is None:
        yield lambda row: report(row, None)
        return
    from ..io.output import writing
    with writing(path) as out:
        yield lambda row: report(row, out)


@contextlib.contextmanager
def _progress(inputs: List[str], to_stdout: bool) -> Iterator[Any]:
    """A live count on stderr for large inputs in a terminal; nothing otherwise, and
    nothing when the results themselves stream to the same terminal (they would tear it)."""
    size = sum(Path(i).stat().st_size for i in inputs if i != "-" and Path(i).is_file())
    if not sys.stderr.isatty() or size < PROGRESS_FROM or (to_stdout and sys.stdout.isatty()):
        yield lambda rows=1: None
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from ..i18n import _
    with Progress(SpinnerColumn(), TextColumn("{task.completed} " + _("cases")),
                  TimeElapsedColumn(), transient=True) as bar:
        task = bar.add_task("assessing", total=None)
        count = 0

        def tick(rows: int = 1) -> None:
            nonlocal count
            count += rows
            if count % 500 < rows:
                bar.update(task, completed=count)
        yield tick
