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

from ..version import __version__
from .common import complete_from, run
from .language import take_lang

# name: (module in this package, the command function or its Typer group), in the
# order a leader needs them (and --help lists them): assess one case, one person's or
# team's decision areas, the employee's own view of them, many cases at once, see what
# is due in the journal, review it, and the rules behind it all
COMMANDS = {"assess": ("assess", "assess"), "board": ("board", "board"),
            "ask": ("selfask", "ask"), "talk": ("talk", "talk"),
            "stool": ("stool", "stool"), "reflect": ("reflect", "reflect"),
            "self": ("selfcheck", "self_check"), "frame": ("frame", "frame"),
            "batch": ("batch", "batch"),
            "journal": ("journal", "journal_app"), "review": ("review", "review"),
            "rules": ("rules", "rules_app")}
# set by the shell's completion script; typer names it _<PROGRAM>_COMPLETE
COMPLETE_VAR = "_{}_COMPLETE".format("trustdose".upper())


class _Commands(typer.core.TyperGroup):
    """The commands in the order of COMMANDS (typer lists commands before groups)."""

    def list_commands(self, ctx: typer.Context) -> list[str]:
        return sorted(self.commands, key=lambda name: list(COMMANDS).index(name)
                      if name in COMMANDS else len(COMMANDS))


def build(command: str | None = None) -> typer.Typer:
    """The command tree; when the command line names its command, the tree with that
    command alone: importing and describing the other four costs `assess` about 7 ms at
    every start (benchmarks/startup.py).

    The whole tree also has --install-completion and --show-completion (typer's, for
    bash, zsh, fish and PowerShell): they come before any command, so a command line
    that names one never needs them."""
    import importlib
    whole = command not in COMMANDS
    app = typer.Typer(
        name="trustdose", cls=_Commands,
        help="How much trust to dose when delegating a task: a delegation level (tell … "
             "delegate) with matching control and feedback measures, explained rule by rule.",
        no_args_is_help=True, add_completion=whole, pretty_exceptions_enable=False)
    app.callback()(_main)
    for name, (module, attribute) in COMMANDS.items():
        if not whole and name != command:
            continue
        found = getattr(importlib.import_module(f".{module}", __package__), attribute)
        if isinstance(found, typer.Typer):
            app.add_typer(found, name=name)
        else:
            app.command(name)(found)
    return app


def _version(value: bool) -> None:
    if value:
        typer.echo(f"trustdose {__version__}")
        raise typer.Exit()


def _main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Show the version and exit."),
          lang: Optional[str] = typer.Option(
              None, "--lang", metavar="LANG", autocompletion=complete_from("en", "da", "nb", "sv"),
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
    for stream in (sys.stdout, sys.stderr):  # any locale: what it cannot show is replaced
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    from .terminal import bound_columns
    bound_columns()
    args = sys.argv[1:]
    # completing a command line needs every command and option; the shell's script runs
    # trustdose without arguments and passes the line in the environment
    named = take_lang(args)[1][:1] if COMPLETE_VAR not in os.environ else []
    if COMPLETE_VAR in os.environ:
        # typer renders each completion's help with rich at the terminal's width, and in
        # fish a wrapped line would be a completion of its own
        os.environ["COLUMNS"] = "1000"
    sys.exit(run(build(named[0] if named else None), args))
