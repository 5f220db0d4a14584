"""The `trustdose` command tree: the commands in the order a leader needs them, the
global options, and the entry point.

Each command parses its options, calls the core and hands the result to the output
layer; the core is imported inside the command, so `--help` and `--version` stay fast.
"""

# No `from __future__ import annotations` in the command modules: typer reads these
# signatures at every start, and evaluating string annotations costs about a
# millisecond per command group.
import os
import sys
from typing import Optional

import typer

from .. import __version__
from .assess import assess
from .batch import batch
from .common import run
from .journal import journal_app
from .review import review
from .rules import rules_app

app = typer.Typer(
    name="trustdose",
    help="How much trust to dose when delegating a task: a delegation level (tell … delegate) "
         "with matching control and feedback measures, explained rule by rule.",
    no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"trustdose {__version__}")
        raise typer.Exit()


app.command("assess")(assess)
app.command("batch")(batch)
app.command("review")(review)
app.add_typer(journal_app, name="journal")
app.add_typer(rules_app, name="rules")


@app.callback()
def _main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Show the version and exit."),
          lang: Optional[str] = typer.Option(
              None, "--lang", metavar="LANG",
              help="Language of everything trustdose writes: en, da, nb or sv (also "
                   "TRUSTDOSE_LANG, lang: in the config file, or the locale). May be given "
                   "anywhere on the command line.")) -> None:
    """How much trust to dose when delegating a task."""
    # --lang is taken out of the arguments before parsing (`common.run`), so that the help
    # and every error are already in the chosen language; it is declared here for --help.


def main() -> None:
    # trustdose uses no pydantic plugins; looking for them costs a scan of every installed
    # package's metadata at start-up (typer switches them off for its own use the same way)
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    sys.exit(run(app, sys.argv[1:]))
