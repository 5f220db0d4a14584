"""What every trustdose command shares: choosing the language, running the command tree,
error handling, where output goes, tables and JSON for people and scripts.

Every trustdose error ends in `fail`: a message on stderr naming file:line:col and what
is allowed, exit code 2; a traceback only with `--debug`. Usage errors the command-line
parser finds (an unknown option, a missing argument) are told the same way, in the
user's language.
"""

from __future__ import annotations

import contextlib
import copy
import enum
import os
import sys
from pathlib import Path
from typing import Any, Iterator

import typer

from ..i18n import N_, _
from .streams import (ClosedStream, StdoutFailed, Terminated, guard_streams,  # noqa: F401
                      settle_stdout, sigterm_as_ctrl_c, stdin_closed, target, terminated)

EXIT_OK = 0
EXIT_FINDINGS = 1  # the command ran and found problems (rules check, failing rule tests)
EXIT_USAGE = 2
EXIT_INTERNAL = 70  # a bug in trustdose, not in the input (sysexits EX_SOFTWARE)
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141  # the reader of standard output went away (128 + SIGPIPE), as a shell says
EXIT_TERMINATED = 143  # stopped by SIGTERM (128 + SIGTERM), as a shell says

# What each exit code means, for the end of every command's --help; a command's own
# meanings (by its path) replace or add to the common ones.
EXIT_MEANINGS = {EXIT_OK: N_("done"),
                 EXIT_USAGE: N_("bad input or usage (what and where on stderr, with a hint)"),
                 EXIT_INTERNAL: N_("internal error (a bug in trustdose)"),
                 EXIT_INTERRUPTED: N_("interrupted"),
                 EXIT_BROKEN_PIPE: N_("output closed early (as by | head)"),
                 EXIT_TERMINATED: N_("stopped by SIGTERM")}
COMMAND_EXITS = {
    "trustdose batch": {EXIT_OK: N_("every row assessed"),
                        EXIT_FINDINGS: N_("some rows rejected (the others were assessed)"),
                        EXIT_USAGE: N_("the command could not run (unreadable input, broken "
                                       "rules)")},
    "trustdose review": {EXIT_OK: N_("recorded"),
                         EXIT_USAGE: N_("bad input or usage (nothing is recorded then)")},
    "trustdose rules check": {EXIT_OK: N_("sound"),
                              EXIT_FINDINGS: N_("findings (each with its rule, file:line and a "
                                                "witness case)"),
                              EXIT_USAGE: N_("the rules could not be loaded")},
    "trustdose rules test": {EXIT_OK: N_("all passed (and coverage reached)"),
                             EXIT_FINDINGS: N_("a test failed or coverage is below "
                                               "--min-coverage"),
                             EXIT_USAGE: N_("the rules or a test file could not be loaded")},
}


class Output(str, enum.Enum):
    """The output of the `rules` and `journal` commands."""

    text = "text"
    json = "json"


RULES_OPTION = typer.Option(
    [], "--rules", metavar="DIR",
    help="A folder of rule files layered over the defaults (repeatable; later wins).")
FORMAT_OPTION = typer.Option(Output.text, "--format", "-f", help="text for people, json for scripts.")
DEBUG_OPTION = typer.Option(False, "--debug", help="Show a traceback on errors.")
DB_OPTION = typer.Option(None, "--db", metavar="FILE",
                         help="The journal file (default: journal.sqlite3 in your user data "
                              "folder, or TRUSTDOSE_DB).")


def say(message: str) -> None:
    """A message for the person, on stderr (stdout is for results); a stderr that cannot
    be written to (a full disk) loses the message, never the run."""
    with contextlib.suppress(OSError, ValueError):
        print(message, file=sys.stderr)


def print_json(data: Any) -> None:
    import json
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


def table(headers: list[str], rows: list[list[str]]) -> None:
    """Columns for people: rich in a terminal; piped, wide enough never to wrap and with
    no padding at the ends of lines."""
    from rich.console import Console
    from rich.table import Table

    grid = Table(*headers, box=None, pad_edge=False, show_edge=False, header_style="bold")
    for row in rows:
        grid.add_row(*row)
    if sys.stdout.isatty():
        Console(highlight=False).print(grid)
        return
    import io
    buffer = io.StringIO()
    Console(file=buffer, highlight=False, width=400, color_system=None).print(grid)
    sys.stdout.write("".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines()))


def width() -> int:
    import shutil
    return min(shutil.get_terminal_size().columns, 110)


def run(app: typer.Typer, args: list[str]) -> int:
    """Run the command line `args` in the language chosen by --lang, TRUSTDOSE_LANG, the
    config file or the locale; the exit code."""
    guard_streams()
    from ..errors import TrustdoseError
    with sigterm_as_ctrl_c():
        try:
            code = _run(app, args)
        except KeyboardInterrupt:  # between the command's own handling and here
            code = EXIT_INTERRUPTED
        except TrustdoseError as exc:  # a closed stdout met outside a command (--help)
            if "--debug" in args:
                raise
            try:
                fail(exc)
            except typer.Exit as done:
                code = done.exit_code
        if terminated() and code in (EXIT_INTERRUPTED, 0, None):
            code = EXIT_TERMINATED
    return settle_stdout(code)


def _run(app: typer.Typer, args: list[str]) -> int:
    lang, args = take_lang(args)
    try:
        with errors_handled("--debug" in args):
            from ..i18n import choose, set_language, use_for_gettext
            set_language(choose(("--lang", lang), _config_lang))
            use_for_gettext()
    except typer.Exit as exc:
        return exc.exit_code
    command = typer.main.get_command(app)
    localise(command)
    shape_help(command)
    from typer._click import exceptions as click_errors
    try:
        code = command.main(args=args, prog_name="trustdose", standalone_mode=False)
    except click_errors.NoArgsIsHelpError:
        # typer's rich help prints itself (to stdout, like --help) and returns ""
        shown = command.get_help(typer.Context(command, info_name="trustdose"))
        if shown:
            print(shown)
        code = EXIT_USAGE
    except click_errors.UsageError as exc:
        path = exc.ctx.command_path if exc.ctx else "trustdose"
        say(_("trustdose: error: {message}").format(message=usage_message(exc)))
        say("  " + _("hint: {hint}").format(hint=_("see '{command} --help'").format(command=path)))
        code = EXIT_USAGE
    except typer.Exit as exc:
        code = exc.exit_code
    except typer.Abort:  # Ctrl-C (or SIGTERM) at a question, which click turns into Abort
        say("\n" + (_("trustdose: stopped (SIGTERM); nothing was saved") if terminated()
                    else _("trustdose: cancelled; nothing was saved")))
        code = EXIT_TERMINATED if terminated() else EXIT_INTERRUPTED
    return code or 0


def take_lang(args: list[str]) -> tuple[str | None, list[str]]:
    """`--lang X` / `--lang=X` wherever it is, and the arguments without it."""
    lang, rest, items = None, [], iter(args)
    for arg in items:
        if arg == "--":
            rest += [arg, *items]
            break
        if arg == "--lang":
            lang = next(items, "")
        elif arg.startswith("--lang="):
            lang = arg.partition("=")[2]
        else:
            rest.append(arg)
    return lang, rest


def _config_lang() -> str | None:
    from ..io.config import load_config
    return load_config().lang


def localise(command: Any) -> None:
    """Translate the help of `command` and everything under it (marked with `N_`)."""
    if command.help:
        command.help = _(command.help)
    for param in command.params:
        if getattr(param, "help", None):
            param.help = _(param.help)
    option = command.get_help_option(typer.Context(command))
    if option is not None:
        option.help = _("Show this message and exit.")
    for sub in getattr(command, "commands", {}).values():
        localise(sub)


def shape_help(command: Any, path: str = "trustdose", lang: Any = None) -> None:
    """The help of `command` and everything under it as a typer user expects it (after
    `localise`): no Python types, plain usage lines, no hard line breaks inside a
    paragraph, `--lang` among every command's options, and the exit codes at the end.

    typer 0.2x shows each parameter's Python type (`<bool>`, `<list[str]>`) and wraps
    arguments in `[…]` or `{…}` itself; options get a metavar (none for flags) and
    arguments their usage piece here."""
    if lang is None:
        lang = next(p for p in command.params if p.name == "lang")
    elif not any(p.name == "lang" for p in command.params):
        # --lang is taken out of the arguments before parsing (`take_lang`), wherever it
        # is; listed with every command's options, and so also completed after one
        shown = copy.copy(lang)
        shown.expose_value = False
        command.params.append(shown)
    command.help = _unwrapped(command.help)
    for param in [*command.params, command.get_help_option(typer.Context(command))]:
        if param is not None:
            _plain(param)
    codes = {**EXIT_MEANINGS, **COMMAND_EXITS.get(path, {})}
    command.epilog = _("Exit codes: {codes}.").format(
        codes=", ".join(f"{code} {_(meaning)}" for code, meaning in sorted(codes.items())))
    for name, sub in getattr(command, "commands", {}).items():
        shape_help(sub, f"{path} {name}", lang)


def _unwrapped(text: str | None) -> str | None:
    """Paragraphs without the line breaks the source (or a translation) wraps them at;
    a paragraph starting with \\b keeps its lines, as in click."""
    if not text:
        return text
    import re
    return "\n\n".join(p if p.startswith("\b") else re.sub(r"\s*\n\s*", " ", p.strip())
                       for p in re.split(r"\n\s*\n", text.strip()))


def _plain(param: Any) -> None:
    """One parameter's help and usage without Python types: an option shows its metavar
    (or its choices, or TEXT, N, PATH), a flag nothing; an argument shows its name, in
    [ ] when optional and with ... when it takes several."""
    if param.param_type_name == "argument":
        name = param.metavar or param.name.upper()
        piece = (name if param.required else f"[{name}]") + ("..." if param.nargs != 1 else "")
        # typer's own methods: the usage line's piece, and the type column (empty)
        param.get_usage_pieces = lambda ctx, piece=piece: [piece]
        param.display_type_rich = lambda ctx=None: None
    elif getattr(param, "is_flag", False) or getattr(param, "count", False):
        param.metavar = ""
    elif param.metavar is None:
        param.metavar = _metavar(param)


def _metavar(param: Any) -> str:
    described = getattr(param, "type_descriptor", None)
    if described is not None and described.is_choice:
        return "|".join(str(getattr(c, "value", c)) for c in described.choices or ())
    import types
    import typing
    kind = getattr(described, "annotation", None)
    while typing.get_origin(kind) in (list, tuple, typing.Union, types.UnionType):
        kind = next(a for a in typing.get_args(kind) if a is not type(None))
    return {int: "N", float: "N", Path: "PATH"}.get(kind, "TEXT")


# typer translates these itself with the stdlib's gettext (see `i18n.set_language`);
# listed here so that they are extracted into our catalogues.
TYPER_MESSAGES = [N_("Arguments"), N_("Options"), N_("Commands"), N_("Error"),
                  N_("[default: {}]"), N_("[required]"), N_("[env var: {}]"),
                  N_("default: {default}"), N_("required"), N_("Aborted."), N_("Aborted!"),
                  N_("Try [blue]'{command_path} {help_option}'[/] for help.")]


# What the command-line parser says (English, from typer's bundled click), as patterns,
# and how trustdose says it.
USAGE_MESSAGES = [
    (r"No such option: (?P<option>\S+)", N_("unknown option {option}")),
    (r"Missing argument '(?P<name>[^']+)'\.?", N_("missing argument {name}")),
    (r"Missing option '(?P<name>[^']+)'\.?", N_("missing option {name}")),
    (r"Option '(?P<name>[^']+)' requires an argument\.", N_("option {name} needs a value")),
    (r"Got unexpected extra argument(?:\(s\)|s)? \((?P<args>.*)\)", N_("unexpected argument: {args}")),
    (r"No such command '(?P<name>[^']+)'\.(?: Did you mean '(?P<suggestion>[^']+)'\?)?",
     N_("unknown command '{name}'")),
    (r"Missing command\.", N_("a command is missing")),
    (r"Invalid value for (?P<name>'[^:]+'): (?:Value error, )?'(?P<value>[^']*)' is not one "
     r"of (?P<choices>.*)\.", N_("{name}: '{value}' is not allowed; allowed: {choices}")),
    (r"Invalid value for (?P<name>'[^:]+'): (?:Value error, )?(?P<reason>.*)",
     N_("{name}: invalid value ({reason})")),
]


def usage_message(exc: Any) -> str:
    import re
    text = exc.format_message()
    for pattern, template in USAGE_MESSAGES:
        match = re.fullmatch(pattern, text.strip(), re.S)
        if match:
            found = match.groupdict()
            message = _(template).format(**found)
            if found.get("suggestion"):
                message += "; " + _("did you mean '{name}'?").format(name=found["suggestion"])
            return message
    return text


@contextlib.contextmanager
def errors_handled(debug: bool) -> Iterator[None]:
    from ..errors import TrustdoseError
    try:
        yield
    except TrustdoseError as exc:
        if debug:
            raise
        fail(exc)
    except Terminated:
        say("\n" + _("trustdose: stopped (SIGTERM); nothing was saved"))
        raise typer.Exit(EXIT_TERMINATED) from None
    except KeyboardInterrupt:
        say("\n" + _("trustdose: cancelled; nothing was saved"))
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except BrokenPipeError:
        # the reader stopped reading (`| head`): nothing to say, and nothing more to say
        # at exit either, when Python would flush into the closed pipe
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(EXIT_BROKEN_PIPE) from None
    except EOFError:
        say("\n" + _("trustdose: input ended before the questionnaire was done; nothing "
                     "was saved"))
        raise typer.Exit(EXIT_USAGE) from None
    except (typer.Exit, typer.Abort):
        raise
    except Exception as exc:  # a bug: say so briefly, keep the traceback for --debug
        if debug:
            raise
        say(_("trustdose: internal error: {error}").format(error=f"{type(exc).__name__}: {exc}")
            + "\n  " + _("run again with --debug to see the traceback, and please report it"))
        raise typer.Exit(EXIT_INTERNAL) from None


def fail(exc: Exception) -> None:
    """The one place errors become messages and exit code 2."""
    from ..errors import InputError
    problems = exc.problems if isinstance(exc, InputError) else None
    for problem in problems or [exc]:
        say(_("trustdose: error: {message}").format(message=problem))
        hint = _command_hint(problem) or getattr(problem, "hint", None)
        if hint:
            say("  " + _("hint: {hint}").format(hint=hint))
    raise typer.Exit(EXIT_USAGE)


def _command_hint(exc: object) -> str | None:
    """What to do about a journal problem on the command line (the core describes it
    without naming options)."""
    from ..journal.schema import NoJournal, Unusable
    if isinstance(exc, NoJournal):
        return _("save an assessment with 'trustdose assess --save', or name the journal "
                 "with --db")
    if isinstance(exc, Unusable):
        return _("choose another file with --db or TRUSTDOSE_DB")
    return None


def planned_option(value: str | None, rules: Any) -> int | None:
    """--planned as a level number, or a usage error naming the option."""
    if value is None:
        return None
    from ..errors import UsageError
    from ..model.case import allowed_levels, parse_level
    try:
        return parse_level(value, rules.level_labels())
    except ValueError as exc:
        raise UsageError(f"--planned: {exc}", allowed_levels()) from None


def day_option(value: str | None, option: str) -> Any:
    """A YYYY-MM-DD option as a date (today without one)."""
    import datetime as dt
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        from ..errors import UsageError
        raise UsageError(_("{option}: '{value}' is not a date").format(option=option, value=value),
                         _("write it as YYYY-MM-DD")) from None
