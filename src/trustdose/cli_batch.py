"""`trustdose batch INPUT...`: assess many cases, stream the results, report bad rows.

Heavy imports happen inside the command, as in `cli.py`.
"""

# No `from __future__ import annotations` here: typer reads these signatures at every
# start (see cli.py).
import contextlib
import enum
import os
import sys
import tempfile
from pathlib import Path
from typing import Iterator, List, Optional, TextIO

import typer

from ._clikit import EXIT_FINDINGS, RULES_OPTION, errors_handled
from ._i18n import _, os_reason


class BatchFormat(str, enum.Enum):
    jsonl = "jsonl"
    csv = "csv"
    markdown = "markdown"
    table = "table"


LARGE = 1_000_000  # bytes of input from which a progress indicator is worth showing


def batch(
    inputs: List[str] = typer.Argument(
        ..., metavar="INPUT",
        help="CSV, JSONL or (multi-document) YAML files, folders of case files, or - for "
             "standard input. Mixed inputs are fine."),
    rules: List[Path] = RULES_OPTION,
    fmt: Optional[BatchFormat] = typer.Option(
        None, "--format", "-f",
        help="Output format. Default: table in a terminal, jsonl when piped; with --output, "
             "taken from the file ending (.csv, .md, else jsonl)."),
    output: Optional[Path] = typer.Option(
        None, "--output", "-o", metavar="FILE",
        help="Write the results to FILE (atomically: a crash never leaves half a file)."),
    excel: bool = typer.Option(False, "--excel",
                               help="CSV for Excel: UTF-8 with BOM, ';' and decimal commas."),
    errors: Optional[Path] = typer.Option(
        None, "--errors", metavar="FILE",
        help="Write rejected rows as JSON lines (where, why, the original row) to FILE."),
    planned: Optional[str] = typer.Option(
        None, "--planned", "-p", metavar="N|NAME", help="A planned level for every case."),
    summary_only: bool = typer.Option(False, "--summary-only",
                                      help="Print only the summary (on stderr)."),
    fail_fast: bool = typer.Option(False, "--fail-fast", help="Stop at the first bad row."),
    debug: bool = typer.Option(False, "--debug", help="Show a traceback on errors."),
) -> None:
    """Assess many cases at once: a workshop's cases, a department's plans, a what-if grid.

    A bad row never stops the batch: it is reported on stderr with its file and row, and
    with --errors written to a file to fix and run again.

    Exit codes: 0 every row assessed, 1 some rows rejected, 2 the command could not run
    (unreadable input, broken rules).
    """
    with errors_handled(debug):
        import datetime as dt

        from ._batch import assess_rows, read_rows
        from ._batch_write import WRITERS, Summary
        from ._compiled import Compiled
        from ._parallel import Run, assess_shared, shareable, workers
        from ._rules import load_rules

        rule_set = load_rules(rules)
        chosen = fmt or _default_format(output)
        today = dt.date.today()  # one day for the whole run, even across midnight
        # JSON lines and CSV rows come from the compiled batch engine; the tables for
        # people take the whole assessment
        compiled = Compiled(rule_set, planned, today, json_lines=chosen is BatchFormat.jsonl,
                            rows=chosen is BatchFormat.csv) \
            if chosen in (BatchFormat.jsonl, BatchFormat.csv) else None
        summary = Summary(rule_set)
        stopped = False
        options = {"excel": True} if excel and chosen is BatchFormat.csv else {}
        # large CSV and JSONL files go to worker processes, unless the run is to stop at
        # the first bad row
        cores = 0 if fail_fast or compiled is None else workers()
        with _target(output, summary_only) as out, _target(errors, errors is None) as bad:
            writer = WRITERS[chosen.value](out, rule_set.digest, **options)
            run = Run(rule_set, planned, compiled, today, chosen.value, options, _fileno(out))
            with _progress(inputs, output is None and not summary_only) as tick:
                for given in inputs:
                    if cores and shareable(given):
                        for done in assess_shared(given, run, cores):
                            writer.write_made(done.output)
                            summary.merge(done.summary)
                            for row in done.rejected:
                                _reject(row, bad)
                            tick(done.rows)
                        continue
                    for row, result in assess_rows(read_rows([given], compiled), rule_set, planned,
                                                   compiled, today):
                        summary.add(result)
                        tick()
                        if result is not None:
                            writer.write(result, row.source)
                            continue
                        _reject(row, bad)
                        if fail_fast:
                            stopped = True
                            break
                    if stopped:
                        break
            writer.close()
            if summary.cases + summary.rejected == 0:  # nothing came in: say so, keep no file
                from ._errors import UsageError
                raise UsageError(_("no cases in the input"),
                                 _("give CSV, JSONL or YAML cases, or a folder of case files"))
        for line in summary.lines():
            print(line, file=sys.stderr)
        if stopped:
            print(_("stopped at the first bad row (--fail-fast)"), file=sys.stderr)
        if summary.rejected:
            raise typer.Exit(EXIT_FINDINGS)


def _default_format(output: Optional[Path]) -> BatchFormat:
    if output is not None:
        return {".csv": BatchFormat.csv, ".md": BatchFormat.markdown}.get(
            output.suffix.lower(), BatchFormat.jsonl)
    return BatchFormat.table if sys.stdout.isatty() else BatchFormat.jsonl


def _fileno(out: TextIO) -> Optional[int]:
    """The file descriptor under `out`, flushed, for worker processes to write to."""
    try:
        out.flush()
        return out.fileno()
    except (AttributeError, OSError, ValueError):  # io.UnsupportedOperation is both
        return None


def _reject(row, bad: TextIO) -> None:
    import json
    for problem in row.problems:
        where = problem if problem.line else f"{row.source}: {problem.message}"
        print(_("trustdose: rejected: {problem}").format(problem=where), file=sys.stderr)
        if problem.hint:
            print("  " + _("hint: {hint}").format(hint=problem.hint), file=sys.stderr)
    bad.write(json.dumps({"source": row.source, "problems": [
        {"line": p.line, "col": p.col, "message": p.message, "hint": p.hint}
        for p in row.problems], "row": row.original}, ensure_ascii=False, default=str) + "\n")


@contextlib.contextmanager
def _target(path: Optional[Path], discard: bool) -> Iterator[TextIO]:
    """Where results go: stdout, nowhere, or FILE written atomically (replaced at the end,
    removed on a crash or Ctrl-C, so a good earlier file is never half overwritten)."""
    if discard:
        with open(os.devnull, "w", encoding="utf-8") as sink:
            yield sink
        return
    if path is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    from ._errors import UsageError
    try:
        tmp = tempfile.NamedTemporaryFile("w", encoding="utf-8", newline="",
                                          dir=path.parent if str(path.parent) else ".",
                                          prefix=f".{path.name}.", delete=False)
    except OSError as exc:
        raise UsageError(_("{path}: cannot write it: {reason}").format(
            path=path, reason=os_reason(exc)), _("check that the folder exists and is writable")
        ) from None
    try:
        with tmp:
            yield tmp
        os.replace(tmp.name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp.name)
        raise


@contextlib.contextmanager
def _progress(inputs: List[str], to_stdout: bool):
    """A live count on stderr for large inputs in a terminal; nothing otherwise, and
    nothing when the results themselves stream to the same terminal (they would tear it)."""
    size = sum(Path(i).stat().st_size for i in inputs if i != "-" and Path(i).is_file())
    if not sys.stderr.isatty() or size < LARGE or (to_stdout and sys.stdout.isatty()):
        yield lambda rows=1: None
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
    with Progress(SpinnerColumn(), TextColumn("{task.completed} " + _("cases")), TimeElapsedColumn(),
                  transient=True) as bar:
        task = bar.add_task("assessing", total=None)
        count = 0

        def tick(rows: int = 1) -> None:
            nonlocal count
            count += rows
            if count % 500 < rows:
                bar.update(task, completed=count)
        yield tick
