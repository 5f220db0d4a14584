"""`trustdose batch INPUT...`: assess many cases, stream the results, report bad rows."""

# No `from __future__ import annotations` here: typer reads these signatures at every start.
import contextlib
import sys
from pathlib import Path
from typing import Any, Iterator, List, Optional

import typer

from ..report.formats import AgreementForm, RowFormat
from .agreements import AGREEMENT_AS_OPTION, AGREEMENTS_OPTION
from .agreements import kept as agreements_kept
from .batchoptions import (BY_OPTION, COLUMNS_OPTION, ENCODING_OPTION, ERRORS_OPTION,
                           EXCEL_OPTION, FAIL_FAST_OPTION, FAIRNESS_OPTION, FORCE_OPTION,
                           FORMAT_OPTION, INPUTS_ARGUMENT, OUTPUT_OPTION, PLANNED_OPTION,
                           SHEET_OPTION, SUMMARY_ONLY_OPTION, TEMPLATE_OPTION)
from .common import (COUNTRY_OPTION, DB_OPTION, DEBUG_OPTION, EXIT_FINDINGS, RULES_OPTION,
                     errors_handled, planned_option, say)
from .language import use_country


def batch(
    inputs: Optional[List[str]] = INPUTS_ARGUMENT,
    rules: List[Path] = RULES_OPTION,
    fmt: Optional[RowFormat] = FORMAT_OPTION,
    output: Optional[Path] = OUTPUT_OPTION,
    excel: bool = EXCEL_OPTION,
    errors: Optional[Path] = ERRORS_OPTION,
    planned: Optional[str] = PLANNED_OPTION,
    summary_only: bool = SUMMARY_ONLY_OPTION,
    fail_fast: bool = FAIL_FAST_OPTION,
    agreements: Optional[Path] = AGREEMENTS_OPTION,
    form: Optional[AgreementForm] = AGREEMENT_AS_OPTION,
    fairness: bool = FAIRNESS_OPTION,
    by: Optional[str] = BY_OPTION,
    sheet: Optional[str] = SHEET_OPTION,
    encoding: Optional[str] = ENCODING_OPTION,
    template: Optional[Path] = TEMPLATE_OPTION,
    columns: bool = COLUMNS_OPTION,
    force: bool = FORCE_OPTION,
    db: Optional[Path] = DB_OPTION,
    country: Optional[str] = COUNTRY_OPTION,
    debug: bool = DEBUG_OPTION,
) -> None:
    """Assess many cases at once: a workshop's cases, a department's plans, a what-if grid.

    A bad row never stops the batch: it is reported on stderr with its file and row, and
    with --errors written to a file to fix and run again. As assess does, each case is
    assessed with what the journal holds about its subject.
    """
    with errors_handled(debug):
        from .batchfiles import columns as listed, given, template as written
        from .batchsummary import Counted, summary_format

        if columns or template is not None:
            listed(rules) if columns else written(template, force, rules, inputs or [])
            return
        inputs = given(inputs, sheet)
        _distinct(inputs, output, errors, db, rules, agreements)  # before anything
        kept = agreements_kept(agreements, form, force, inputs)  # is read
        rule_set, settings, history, left_out = _settings(rules, planned, db,
                                                          (encoding, sheet, country))
        chosen, excel, cores = _shape(fmt, output, summary_only, excel, kept)
        counted = Counted(rule_set, history, left_out)
        shown = summary_format(output, fmt) if summary_only else None
        write = _writer(chosen, rule_set, excel, counted, output is None and shown is None)
        write = kept.around(write, (output, errors)) if kept else write
        try:
            stopped = _run(inputs, settings, write, (output, errors, shown), fail_fast,
                           cores, counted, (fairness, by, chosen))
        except BaseException as exc:
            if kept:
                kept.stopped(exc, say)
            raise
        finally:
            if history is not None:
                history.close()
        # the summary is in the output already (Markdown, the page, --summary-only): on
        # stderr only how many were assessed and rejected, and whose history was used
        _tell(counted.figures(), stopped, getattr(write, "hidden", ()), kept,
              short=shown is not None or chosen in (RowFormat.markdown, RowFormat.html))


def _shape(fmt: Optional[RowFormat], output: Optional[Path], summary_only: bool, excel: bool,
           kept: Any) -> tuple:
    """The rows' format, whether it is Excel's CSV, and how many worker processes assess:
    the formats for people (markdown, html, table, Excel's CSV, xlsx) and a run that
    writes agreements are one process, in order (so is --fail-fast: `batch.run`)."""
    from ..batch.parallel import workers
    from ..report.formats import default_format
    chosen = RowFormat.jsonl if summary_only else \
        fmt or default_format(RowFormat, output, sys.stdout.isatty())
    excel = excel and chosen is RowFormat.csv
    shared = chosen in (RowFormat.jsonl, RowFormat.csv) and not excel and not kept
    return chosen, excel, workers() if shared else 0


def _settings(rules: List[Path], planned: Optional[str], db: Optional[Path],
              reading: tuple) -> Any:
    """The rules, the run's settings, the journal's history and why there is none;
    `reading` is (--encoding, --sheet, --country: whose working days the dates fall on)."""
    import datetime as dt

    from ..batch.rows import Settings
    from ..engine.compiled import compile_rules
    from ..rules.loader import load_rules
    from .batchfiles import encoding_named
    encoding, sheet, country = reading
    rule_set = load_rules(rules)
    use_country(country)  # before the rules are compiled for it
    history, left_out = _history(db)
    return rule_set, Settings(rule_set, planned_option(planned, rule_set), dt.date.today(),
                              compile_rules(rule_set), {}, history, encoding_named(encoding),
                              sheet), history, left_out


def _run(inputs: List[str], settings: Any, write: Any, outputs: tuple, fail_fast: bool,
         cores: int, counted: Any, fair: tuple) -> bool:
    """The run, its results (or with --summary-only, the summary in the format `shown`)
    written where they go, its rows said and counted: whether it stopped at a bad row.
    `outputs` is (--output, --errors, the summary's format with --summary-only); `fair`
    (--fairness, --by, the rows' format): the check follows the rows on standard output,
    or stands there alone (cli.fairness)."""
    from ..batch.run import run
    from .batchprogress import progress
    from .batchsummary import Discard, summary_in
    from .fairness import gathering, written
    output, errors, shown = outputs
    fairness, by, chosen = fair
    if shown:  # the check alone, in the form the summary is asked in
        chosen = {"json": RowFormat.jsonl, "markdown": RowFormat.markdown}.get(
            shown, RowFormat.table)
    gathered = gathering(fairness, by, chosen, output, shown is not None, settings.rules)
    with _results(output, chosen) as out, _rejected(errors) as reject, \
            progress(inputs, output is None and shown is None, settings.sheet) as tick:
        _, stopped = run(inputs, settings, write, Discard() if shown else out, reject=reject,
                         warn=_say, stdin=sys.stdin, fail_fast=fail_fast, workers=cores,
                         tick=tick, summary=counted.summary, gather=gathered)
        _nothing_came_in(counted.summary)  # and the output file is not kept
        if shown:
            out.write(summary_in(shown, counted.figures()).encode())
        elif gathered is not None and output is None:
            written(gathered, chosen, out, wrapped)
    if gathered is not None and (output is not None or shown):
        written(gathered, chosen, None, wrapped)
    return stopped


def _writer(chosen: RowFormat, rule_set: Any, excel: bool, counted: Any, to_stdout: bool
            ) -> Any:
    """The row format's writer; the table is drawn for this terminal's width; the page,
    the Markdown and a workbook's summary sheet say the run's figures. A workbook is a
    file, never characters for a terminal: exit 2 before the run."""
    if chosen is RowFormat.xlsx and to_stdout and sys.stdout.isatty():
        from ..errors import UsageError
        from ..i18n import _
        raise UsageError(_("a workbook (.xlsx) cannot be shown in a terminal"),
                         _("write it to a file: -o results.xlsx"))
    if chosen is RowFormat.table:
        from .batchtable import TerminalTable
        from .terminal import line_width
        return TerminalTable(rule_set, line_width())
    if chosen is RowFormat.html:
        from ..report.page import Page
        return Page(counted.figures, counted.titles)
    from ..batch.writers import writer
    return writer(chosen, rule_set.digest, excel, counted.figures)


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
              db: Optional[Path], rules: List[Path],
              agreements: Optional[Path] = None) -> None:
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
    else:  # the results, or with --summary-only the summary
        outputs.append((_("standard output"), 1))
    if errors is not None:
        outputs.append(("--errors", errors))
    check_outputs(outputs, [("INPUT", 0 if given == "-" else given) for given in inputs],
                  rules, db, [("--agreements", agreements)] if agreements else [])


def _nothing_came_in(summary: Any) -> None:
    from ..errors import UsageError
    from ..i18n import _
    if summary.cases + summary.rejected == 0:
        raise UsageError(_("no cases in the input"),
                         _("give CSV, JSONL or YAML cases, an Excel workbook whose sheet has a "
                           "header row naming the columns (--sheet NAME to choose it), or a "
                           "folder of case files"))


def _tell(figures: Any, stopped: bool, hidden: Any, kept: Any, short: bool) -> None:
    """The summary on stderr (`short`: how many cases, and whose history was used), where
    the agreements went, and the table's columns the terminal had no room for; exit 1
    when rows were rejected."""
    from ..i18n import _
    from ..report import summarized
    lines = summarized.text_lines(figures, private=False)  # the user's own terminal
    for line in [lines[0], lines[-1]] if short else lines:
        _say(line)
    if kept is not None:
        kept.tell(_say)
    if hidden:
        from ..batch.labelled import heading
        _say(_("left out for the terminal's width: {columns}; see every column with a "
               "wider terminal, -o results.xlsx or -f markdown").format(
            columns=", ".join(heading(key) for key in hidden)))
    if stopped:
        _say(_("stopped at the first bad row (--fail-fast)"))
    if figures.rejected:
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
def _results(output: Optional[Path], chosen: Any) -> Iterator[Any]:
    """Where the results go: stdout, or FILE written atomically (never a workbook to a
    terminal)."""
    from .common import target
    with target(output, chosen) as out:
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
