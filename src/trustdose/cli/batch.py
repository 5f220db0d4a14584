"""`trustdose batch INPUT...`: assess many cases, stream the results, report bad rows."""

# No `from __future__ import annotations` here: typer reads these signatures at every start.
import contextlib
import sys
from pathlib import Path
from typing import Any, Iterator, List, Optional

import typer

from ..report.formats import RowFormat
from .common import (DB_OPTION, DEBUG_OPTION, EXIT_FINDINGS, LEVEL_IDS, RULES_OPTION,
                     complete_from, errors_handled, home_paths, planned_option, say)

PROGRESS_FROM = 1_000_000  # bytes of input from which a live count is worth showing


def batch(
    inputs: List[str] = typer.Argument(
        ..., metavar="INPUT", callback=home_paths,
        help="CSV, JSONL or (multi-document) YAML files, folders of case files, or - for "
             "standard input. Mixed inputs are fine."),
    rules: List[Path] = RULES_OPTION,
    fmt: Optional[RowFormat] = typer.Option(
        None, "--format", "-f",
        help="Output format. Default: table in a terminal, jsonl when piped; with --output, "
             "taken from the file ending (.csv, .md, .html, else jsonl)."),
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
    summary_only: bool = typer.Option(
        False, "--summary-only",
        help="Write only the summary: on standard output, or to --output (as Markdown, JSON "
             "or an HTML page by the file ending .md, .json, .html; else text)."),
    fail_fast: bool = typer.Option(False, "--fail-fast", help="Stop at the first bad row."),
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

        _distinct(inputs, output, errors, db, rules)  # before anything is read
        rule_set, settings, history, left_out = _settings(rules, planned, db)
        chosen = RowFormat.jsonl if summary_only else \
            fmt or default_format(RowFormat, output, sys.stdout.isatty())
        # markdown, html and table are for people: one process; --fail-fast stops in order
        cores = workers() if chosen in (RowFormat.jsonl, RowFormat.csv) else 0
        counted = _Counted(rule_set, history, left_out)
        write = _writer(chosen, rule_set, excel and chosen is RowFormat.csv, counted)
        shown = _summary_format(output, fmt) if summary_only else None
        try:
            stopped = _run(inputs, settings, write, output, errors, shown, fail_fast, cores,
                           counted)
        finally:
            if history is not None:
                history.close()
        # the summary is in the output already (Markdown, the page, --summary-only): on
        # stderr only how many were assessed and rejected, and whose history was used
        _tell(counted.figures(), stopped,
              short=shown is not None or chosen in (RowFormat.markdown, RowFormat.html))


def _settings(rules: List[Path], planned: Optional[str], db: Optional[Path]) -> Any:
    """The rules, the run's settings, the journal's history and why there is none."""
    import datetime as dt

    from ..batch.rows import Settings
    from ..engine.compiled import compile_rules
    from ..rules.loader import load_rules
    rule_set = load_rules(rules)
    history, left_out = _history(db)
    return rule_set, Settings(rule_set, planned_option(planned, rule_set), dt.date.today(),
                              compile_rules(rule_set), {}, history), history, left_out


class _Counted:
    """The run's summary as it is counted, and its figures in the language when asked
    (by a writer at its end, by --summary-only, by the lines on stderr)."""

    def __init__(self, rule_set: Any, history: Any, left_out: str) -> None:
        from ..batch.summary import Summary
        from ..i18n import pick
        self.summary = Summary()
        self.titles = {w.item["kind"]: pick(w.item["title"]) for w in rule_set.warnings
                       if w.item.get("title")}  # the warning kinds by their titles
        self.journal = str(history.path) if history is not None else None
        self.left_out = left_out

    def figures(self) -> Any:
        return self.summary.figures(self.titles, self.journal, self.left_out)


def _run(inputs: List[str], settings: Any, write: Any, output: Optional[Path],
         errors: Optional[Path], shown: Optional[str], fail_fast: bool, cores: int,
         counted: _Counted) -> bool:
    """The run, its results (or with --summary-only, the summary in the format `shown`)
    written where they go and its rows said; whether it stopped at a bad row."""
    from ..batch.run import run
    with _results(output) as out, _rejected(errors) as reject, \
            _progress(inputs, output is None and shown is None) as tick:
        _, stopped = run(inputs, settings, write, _Discard() if shown else out, reject=reject,
                         warn=_say, stdin=sys.stdin, fail_fast=fail_fast, workers=cores,
                         tick=tick, summary=counted.summary)
        _nothing_came_in(counted.summary)  # and the output file is not kept
        if shown:
            out.write(_summary_in(shown, counted.figures()).encode())
    return stopped


class _Discard:
    """Where the results of --summary-only go: counted by the run, kept nowhere."""

    def write(self, data: bytes) -> int:
        return len(data)

    def flush(self) -> None:
        pass


def _summary_format(output: Optional[Path], fmt: Optional[RowFormat]) -> str:
    """What --summary-only writes: by the ending of --output; else as --format asks
    (markdown, jsonl as JSON, html); else text, for a person or a .txt file."""
    if output is not None:
        return {".md": "markdown", ".json": "json", ".html": "html",
                ".htm": "html"}.get(output.suffix.lower(), "text")
    return {RowFormat.markdown: "markdown", RowFormat.jsonl: "json",
            RowFormat.html: "html"}.get(fmt, "text") if fmt else "text"


def _summary_in(kind: str, figures: Any) -> str:
    """The summary in `kind`: text, markdown, json, or html (the page without the table)."""
    from ..report import page, summarized
    if kind == "html":
        return page.render(figures, None)
    return {"text": summarized.text, "markdown": summarized.markdown,
            "json": summarized.json_text}[kind](figures)


def _writer(chosen: RowFormat, rule_set: Any, excel: bool, counted: _Counted) -> Any:
    """The row format's writer; the table is drawn for this terminal's width; the page
    and the Markdown say the run's `figures` at their top."""
    if chosen is RowFormat.table:
        from .batchtable import TerminalTable
        from .terminal import line_width
        return TerminalTable(rule_set, line_width())
    if chosen is RowFormat.html:
        from ..report.page import Page
        return Page(counted.figures, counted.titles)
    from ..batch.writers import writer
    from ..report.summarized import markdown
    return writer(chosen, rule_set.digest, excel, lambda: markdown(counted.figures()))


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
              db: Optional[Path], rules: List[Path]) -> None:
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
                  rules, db)


def _nothing_came_in(summary: Any) -> None:
    from ..errors import UsageError
    from ..i18n import _
    if summary.cases + summary.rejected == 0:
        raise UsageError(_("no cases in the input"),
                         _("give CSV, JSONL or YAML cases, or a folder of case files"))


def _tell(figures: Any, stopped: bool, short: bool) -> None:
    """The summary on stderr (`short`: how many cases, and whose history was used);
    exit 1 when rows were rejected."""
    from ..i18n import _
    from ..report import summarized
    lines = summarized.text_lines(figures)
    for line in [lines[0], lines[-1]] if short else lines:
        _say(line)
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
def _results(output: Optional[Path]) -> Iterator[Any]:
    """Where the results go: stdout, or FILE written atomically."""
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
