"""The `trustdose` command: parse options, call the core, hand the result to a renderer.

Heavy imports (pydantic, yaml, rich) happen inside the commands so `--help` and
`--version` stay fast. Every trustdose error ends in `_clikit.fail`: a message on stderr naming
file:line:col and what is allowed, exit code 2; a traceback only with `--debug`.
"""


# No `from __future__ import annotations` here: typer reads these signatures at every
# start, and evaluating string annotations costs about a millisecond per command group.
import os
import sys
from pathlib import Path
from typing import List, Optional

import typer

from . import __version__
from ._clikit import RULES_OPTION, errors_handled, run, width, write_atomic
from ._render import Format
from .cli_batch import batch
from .cli_journal import DB_OPTION, journal_app
from .cli_review import review
from .cli_rules import rules_app

app = typer.Typer(
    name="trustdose",
    help="How much trust to dose when delegating a task: a delegation level (tell … delegate) "
         "with matching control and feedback measures, explained rule by rule.",
    no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"trustdose {__version__}")
        raise typer.Exit()


app.add_typer(rules_app, name="rules")
app.add_typer(journal_app, name="journal")
app.command("review")(review)
app.command("batch")(batch)


@app.callback()
def _main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Show the version and exit."),
          lang: Optional[str] = typer.Option(
              None, "--lang", metavar="LANG",
              help="Language of everything trustdose writes: en, da, nb or sv (also "
                   "TRUSTDOSE_LANG, lang: in the config file, or the locale). May be given "
                   "anywhere on the command line.")) -> None:
    """How much trust to dose when delegating a task."""
    # --lang is taken out of the arguments before parsing (`_clikit.run`), so that the help
    # and every error are already in the chosen language; it is declared here for --help.


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
    rules: List[Path] = RULES_OPTION,
    no_input: bool = typer.Option(False, "--no-input", help="Never ask questions; fail instead."),
    save: bool = typer.Option(False, "--save",
                              help="Save the assessment in your journal (see 'trustdose journal')."),
    review_date: Optional[str] = typer.Option(
        None, "--review-date", metavar="YYYY-MM-DD",
        help="The agreed follow-up day to save (default: from the level and the risk)."),
    pseudonym: Optional[str] = typer.Option(
        None, "--pseudonym", metavar="NAME",
        help="Save under NAME instead of the subject's name; the real name is not stored."),
    db: Optional[Path] = DB_OPTION,
    debug: bool = typer.Option(False, "--debug", help="Show a traceback on errors."),
) -> None:
    """Recommend a delegation level with control and feedback measures for one case.

    Ask the questions in the terminal:  trustdose assess

    Assess a case file:  trustdose assess examples/new-employee.yaml

    For scripts:  trustdose assess case.json --format json --planned delegate

    Exit codes: 0 done, 2 bad input or usage (file:line:col and a hint on stderr).
    """
    with errors_handled(debug):
        from ._api import assess as assess_source
        from ._errors import UsageError
        from ._i18n import _
        from ._render import render
        from ._rules import load_rules

        rule_set = load_rules(rules)
        agreed = _saving(save, review_date, pseudonym)  # checked before any question
        if case is None:
            if no_input or not sys.stdin.isatty():
                raise UsageError(_("no case given, and no terminal to ask the questions in"),
                                 _("give a case file (see examples/), or - to read one from "
                                   "standard input; run in a terminal to be asked"))
            from rich.console import Console
            from ._ask import run
            source: object = run(rule_set, Console(stderr=True, highlight=False))
        else:
            source = case
        if save:  # read it here, so the case as given can be saved with its assessment
            from ._api import load_case
            source = load_case(source)[1]  # type: ignore[arg-type]
        result = assess_source(source, rule_set, planned=planned)  # type: ignore[arg-type]
        result = _with_journal(result, rule_set, db, pseudonym, must_work=save)
        chosen = fmt or _default_format(output)
        to_terminal = output is None and sys.stdout.isatty()
        text = render(chosen, result, rule_set, width=width() if to_terminal else 100,
                      color=to_terminal and "NO_COLOR" not in os.environ)
        if output is None:
            sys.stdout.write(text)
        else:
            write_atomic(output, text)
        if save:
            _save(source.data, result, rule_set, planned, agreed, pseudonym, db)  # type: ignore[attr-defined]


def _save(given: dict, result, rule_set, planned: Optional[str], agreed, pseudonym: Optional[str],
          db: Optional[Path]) -> None:
    """Save the case as given and its assessment in the journal, and say so."""
    from ._api import assess
    from ._i18n import _, format_date
    from ._journal import Journal
    stored = result
    if pseudonym:  # assessed again under the pseudonym: the texts name the subject
        given = {**given, "subject": {**given["subject"], "name": pseudonym}}
        stored = assess(given, rule_set, planned=planned)
    with Journal(db) as journal:
        entry = journal.save(stored, rule_set.digest, pseudonym, agreed, __version__, case=given)
    print(_("Saved as journal entry #{id} in {path}; review on {date}.").format(
        id=entry, path=journal.path, date=format_date(agreed or result.review_date)),
        file=sys.stderr)


def _with_journal(result, rule_set, db: Optional[Path], pseudonym: Optional[str],
                  must_work: bool):
    """The assessment with what the journal says about its subject, when there is a
    journal (one is never created just to look). A journal that cannot be read only
    matters when saving; otherwise the assessment goes ahead without it."""
    from ._config import journal_path
    path = db if db is not None else journal_path()
    if not path.exists():  # checked before importing the journal (and sqlite3)
        return result
    import datetime as dt
    from ._journal import Journal, JournalError
    from ._history import with_history
    from ._i18n import _, pick
    try:
        with Journal(path) as journal:
            name = pseudonym or result.subject.name
            entries, reviews = journal.entries(name), journal.reviews(name)
    except JournalError as exc:
        if must_work:
            raise
        print(_("trustdose: the journal was left out: {problem}").format(problem=exc),
              file=sys.stderr)
        return result
    labels = {n: pick(e.item.label) for n, e in rule_set.levels.items()}
    return with_history(result, entries, reviews, labels, str(path),
                        result.date or dt.date.today())


def _saving(save: bool, review_date: Optional[str], pseudonym: Optional[str]):
    """The agreed review date to save (None: the one the rules give); usage errors first."""
    from ._errors import UsageError
    from ._i18n import _
    if not save and (review_date or pseudonym):
        option = "--review-date" if review_date else "--pseudonym"
        raise UsageError(_("{option} only applies when saving").format(option=option),
                         _("add --save"))
    if pseudonym is not None and not pseudonym.strip():
        raise UsageError(_("--pseudonym: give a name"))
    if review_date is None:
        return None
    import datetime as dt
    try:
        return dt.date.fromisoformat(review_date)
    except ValueError:
        raise UsageError(_("{option}: '{value}' is not a date").format(
            option="--review-date", value=review_date), _("write it as YYYY-MM-DD")) from None


def _default_format(output: Path | None) -> Format:
    if output is not None:
        return {".md": Format.markdown, ".json": Format.json}.get(output.suffix.lower(), Format.text)
    return Format.rich if sys.stdout.isatty() else Format.text


def main() -> None:
    # trustdose uses no pydantic plugins; looking for them costs a scan of every installed
    # package's metadata at start-up (typer switches them off for its own use the same way)
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    run(app, sys.argv[1:])
