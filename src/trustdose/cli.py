"""The `trustdose` command: parse options, call the core, hand the result to a renderer.

Heavy imports (pydantic, yaml, rich) happen inside the commands so `--help` and
`--version` stay fast. Every trustdose error ends in `_fail`: a message on stderr naming
file:line:col and what is allowed, exit code 2; a traceback only with `--debug`.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import Iterator, List, Optional

import typer

from . import __version__
from ._render import Format

EXIT_USAGE = 2
EXIT_INTERNAL = 70  # a bug in trustdose, not in the input (sysexits EX_SOFTWARE)
EXIT_INTERRUPTED = 130

app = typer.Typer(
    name="trustdose",
    help="How much trust to dose when delegating a task: a delegation level (tell … delegate) "
         "with matching control and feedback measures, explained rule by rule.",
    no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"trustdose {__version__}")
        raise typer.Exit()


@app.callback()
def _main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Show the version and exit.")) -> None:
    """How much trust to dose when delegating a task."""


@app.command()
def assess(
    case: Optional[str] = typer.Argument(
        None, metavar="[CASE | -]",
        help="A case file (YAML or JSON), or - to read one from standard input. "
             "Without it, trustdose asks the questions in the terminal."),
    planned: Optional[str] = typer.Option(
        None, "--planned", "-p", metavar="N|NAME",
        help="The level you had in mind (1-7 or tell, sell, consult, agree, advise, inquire, "
             "delegate); overrides planned_level in the case."),
    fmt: Optional[Format] = typer.Option(
        None, "--format", "-f",
        help="Output format. Default: rich in a terminal, text when piped; with --output, "
             "taken from the file ending (.md, .json, else text)."),
    output: Optional[Path] = typer.Option(
        None, "--output", "-o", metavar="FILE", help="Write the report to FILE instead of stdout."),
    rules: List[Path] = typer.Option(
        [], "--rules", metavar="DIR",
        help="A folder of rule files layered over the defaults (repeatable; later wins)."),
    no_input: bool = typer.Option(False, "--no-input", help="Never ask questions; fail instead."),
    debug: bool = typer.Option(False, "--debug", help="Show a traceback on errors."),
) -> None:
    """Recommend a delegation level with control and feedback measures for one case.

    Ask the questions in the terminal:  trustdose assess

    Assess a case file:  trustdose assess examples/new-employee.yaml

    For scripts:  trustdose assess case.json --format json --planned delegate

    Exit codes: 0 done, 2 bad input or usage (file:line:col and a hint on stderr).
    """
    with _errors_handled(debug):
        from ._api import assess as assess_source
        from ._errors import UsageError
        from ._render import render
        from ._rules import load_rules

        rule_set = load_rules(rules)
        if case is None:
            if no_input or not sys.stdin.isatty():
                raise UsageError("no case given, and no terminal to ask the questions in",
                                 "give a case file (see examples/), or - to read one from "
                                 "standard input; run in a terminal to be asked")
            from rich.console import Console
            from ._ask import run
            source: object = run(rule_set, Console(stderr=True, highlight=False))
        else:
            source = case
        result = assess_source(source, rule_set, planned=planned)  # type: ignore[arg-type]
        chosen = fmt or _default_format(output)
        to_terminal = output is None and sys.stdout.isatty()
        text = render(chosen, result, rule_set, width=_width() if to_terminal else 100,
                      color=to_terminal and "NO_COLOR" not in os.environ)
        if output is None:
            sys.stdout.write(text)
        else:
            _write(output, text)


def _default_format(output: Path | None) -> Format:
    if output is not None:
        return {".md": Format.markdown, ".json": Format.json}.get(output.suffix.lower(), Format.text)
    return Format.rich if sys.stdout.isatty() else Format.text


def _width() -> int:
    import shutil
    return min(shutil.get_terminal_size().columns, 110)


def _write(path: Path, text: str) -> None:
    """Write atomically: a crash never leaves half a report where a good one was."""
    import tempfile
    from ._errors import UsageError
    written = None
    try:
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent or ".",
                                         prefix=f".{path.name}.", delete=False) as tmp:
            written = tmp.name
            tmp.write(text)
        os.replace(written, path)
    except OSError as exc:
        if written:
            with contextlib.suppress(OSError):
                os.unlink(written)
        raise UsageError(f"{path}: cannot write the report: {exc.strerror}",
                         "check that the folder exists and is writable") from None


@contextlib.contextmanager
def _errors_handled(debug: bool) -> Iterator[None]:
    from ._errors import TrustdoseError
    try:
        yield
    except TrustdoseError as exc:
        if debug:
            raise
        _fail(exc)
    except KeyboardInterrupt:
        print("\ntrustdose: cancelled; nothing was saved", file=sys.stderr)
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except EOFError:
        print("\ntrustdose: input ended before the questionnaire was done; nothing was saved",
              file=sys.stderr)
        raise typer.Exit(EXIT_USAGE) from None
    except (typer.Exit, typer.Abort):
        raise
    except Exception as exc:  # a bug: say so briefly, keep the traceback for --debug
        if debug:
            raise
        print(f"trustdose: internal error: {type(exc).__name__}: {exc}\n"
              "  run again with --debug to see the traceback, and please report it",
              file=sys.stderr)
        raise typer.Exit(EXIT_INTERNAL) from None


def _fail(exc: Exception) -> None:
    """The one place errors become messages and exit code 2."""
    from ._errors import InputError
    problems = exc.problems if isinstance(exc, InputError) else None
    if problems:
        for problem in problems:
            print(f"trustdose: error: {problem}", file=sys.stderr)
            if problem.hint:
                print(f"  hint: {problem.hint}", file=sys.stderr)
    else:
        print(f"trustdose: error: {exc}", file=sys.stderr)
        if getattr(exc, "hint", None):
            print(f"  hint: {exc.hint}", file=sys.stderr)  # type: ignore[attr-defined]
    raise typer.Exit(EXIT_USAGE)


def main() -> None:
    # trustdose uses no pydantic plugins; looking for them costs a scan of every installed
    # package's metadata at start-up (typer switches them off for its own use the same way)
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    app(prog_name="trustdose")
