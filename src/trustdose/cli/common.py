"""What every trustdose command shares: running the command tree in the chosen language,
error handling, the common options, tables and JSON for people and scripts.

Every trustdose error ends in `fail`: a message on stderr naming file:line:col and what
is allowed, exit code 2; a traceback only with `--debug`. Usage errors the command-line
parser finds (an unknown option, a missing argument) are told the same way, in the
user's language.
"""

from __future__ import annotations

import contextlib
import enum
import os
import sys
from pathlib import Path
from typing import Any, Iterator

import typer

from ..i18n import N_, _
from .exits import (EXIT_BROKEN_PIPE, EXIT_FINDINGS, EXIT_INTERNAL,  # noqa: F401
                    EXIT_INTERRUPTED, EXIT_TERMINATED, EXIT_USAGE)
from .streams import (ClosedStream, StdoutFailed, Terminated, guard_streams,  # noqa: F401
                      line, reader_gone, say, settle_stdout, sigterm_as_ctrl_c, stdin_closed,
                      target, terminated)
from .terminal import plain_terminal, table, width  # noqa: F401

class Output(str, enum.Enum):
    """The output of the `rules` and `journal` commands."""

    text = "text"
    json = "json"


def home_paths(ctx: Any, param: Any, value: Any) -> Any:
    """A path option's or argument's value with a leading `~` or `~user` made that home
    folder, as the environment's paths are (`places.home_path`): the shell leaves `~`
    after `=` (`--db=~/j.sqlite3`), and `~nouser/x` as it is. A `~` that stands for no
    home is refused (exit 2) instead of becoming a folder named `~`."""
    if value is None or value == "-":
        return value
    if isinstance(value, (list, tuple)):
        return type(value)(home_paths(ctx, param, one) for one in value)
    if not str(value).startswith("~"):
        return value
    from ..places import home_path
    name = max(param.opts, key=len) if param.param_type_name == "option" else param.metavar
    found = home_path(str(value), name or param.name)
    return found if isinstance(value, Path) else str(found)


def output_path(ctx: Any, param: Any, value: Any) -> Any:
    """An `--output` value: `-` is standard output, as it is for inputs (no file named
    `-` is written), and `~` is the home folder (`home_paths`)."""
    if value is not None and str(value) == "-":
        return None
    return home_paths(ctx, param, value)


RULES_OPTION = typer.Option(
    [], "--rules", metavar="DIR", callback=home_paths,
    help="A folder of rule files layered over the defaults (repeatable; later wins).")
FORMAT_OPTION = typer.Option(Output.text, "--format", "-f",
                             help="text for people, json for scripts.")
SELF_OPTION = typer.Option(
    [], "--self", metavar="ANSWERS", callback=home_paths,
    help="The employee's own answers (trustdose ask --self), or a team's: one file per "
         "member, or a folder of them (repeatable). Shows where the views differ.")
DEBUG_OPTION = typer.Option(False, "--debug", help="Show a traceback on errors.")
DB_OPTION = typer.Option(None, "--db", metavar="FILE", callback=home_paths,
                         help="The journal file (default: journal.sqlite3 in your user data "
                              "folder, or TRUSTDOSE_DB).")

COUNTRY_OPTION = typer.Option(
    None, "--country", metavar="CODE",
    help="The workplace's country (DK, NO, SE, GB …): proposed dates fall on its working "
         "days (default: country: in the config file, else the language's own; English: "
         "weekends only).")


def print_json(data: Any) -> None:
    """`data` as JSON on stdout, a control or bidi character in a string (from a rule
    file) written as its JSON escape (`errors.json_visible`)."""
    import json

    from ..errors import json_visible
    sys.stdout.write(json_visible(json.dumps(data, indent=2, ensure_ascii=False,
                                             default=str)) + "\n")


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
    from .language import choose, config_lang, take_lang
    lang, args = take_lang(args)
    try:
        with errors_handled("--debug" in args):
            from ..i18n import set_language, use_for_gettext
            set_language(choose(("--lang", lang), config_lang))
            use_for_gettext()
    except typer.Exit as exc:
        return exc.exit_code
    from .helppages import localise, shape_help
    command = typer.main.get_command(app)
    localise(command)
    if plain_terminal() and ("--help" in args or not args):  # typer's own help, plain too
        from typer import rich_utils
        rich_utils.COLOR_SYSTEM = None
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
        from ..errors import visible
        say(_("trustdose: error: {message}").format(message=visible(usage_message(exc))))
        say("  " + _("hint: {hint}").format(hint=_("see '{command} --help'").format(command=path)))
        code = EXIT_USAGE
    except typer.Exit as exc:
        code = exc.exit_code
    except SystemExit as exc:
        # typer's own handling of a closed pipe met in --help or --version (exit 1, the
        # code for findings): the reader went away, as for any command
        if not isinstance(exc.__context__, BrokenPipeError):
            raise
        code = reader_gone()
    except typer.Abort:  # Ctrl-C (or SIGTERM) at a question, which click turns into Abort
        say("\n" + (_("trustdose: stopped (SIGTERM); nothing was saved") if terminated()
                    else _("trustdose: cancelled; nothing was saved")))
        code = EXIT_TERMINATED if terminated() else EXIT_INTERRUPTED
    return code or 0


# What the command-line parser says (English, from typer's bundled click), as patterns,
# and how trustdose says it.
USAGE_MESSAGES = [
    (r"No such option: (?P<option>\S+)", N_("unknown option {option}")),
    (r"Missing argument '(?P<name>[^']+)'\.?", N_("missing argument {name}")),
    (r"Missing option '(?P<name>[^']+)'\.?", N_("missing option {name}")),
    (r"Option '(?P<name>[^']+)' requires an argument\.", N_("option {name} needs a value")),
    (r"Got unexpected extra argument(?:\(s\)|s)? \((?P<args>.*)\)",
     N_("unexpected argument: {args}")),
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
    except BrokenPipeError:  # the reader stopped reading (`| head`): nothing to say
        raise typer.Exit(reader_gone()) from None
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
    """The one place errors become messages and exit code 2. A message is one line:
    what it quotes from the input is shown with its control characters (a line break
    too) escaped (`errors.visible`)."""
    from ..errors import InputError, visible
    problems = exc.problems if isinstance(exc, InputError) else None
    for problem in problems or [exc]:
        say(_("trustdose: error: {message}").format(message=visible(problem)))
        hint = _command_hint(problem) or getattr(problem, "hint", None)
        if hint:
            say("  " + _("hint: {hint}").format(hint=visible(hint)))
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


def check_outputs(outputs: list, inputs: list, rules: Any = (), db: Any = None,
                  folders_written: list = ()) -> None:
    """Refuse (exit 2, before anything is read) an output that is not a file to write, that
    is one of `inputs` (what the command line names), or that is any other input in force:
    the journal, the config file and every rule folder the loader reads (the defaults,
    the config file's, TRUSTDOSE_RULES', the `rules` given), through links and hard links
    alike. Each output and input is (what the user calls it, a path or a descriptor);
    `folders_written` (the same pairs, for a folder written into) stay out of the rules."""
    from ..io.config import config_path, journal_path
    from ..journal.access import SIDE_FILES
    from ..io.output import check_distinct, check_target
    from ..rules.folders import layers_for
    for _name, given in outputs:
        if not isinstance(given, int):
            check_target(given)
    origins = {"default": _("the default rules"), "config": _("rules listed in your config file"),
               "TRUSTDOSE_RULES": "TRUSTDOSE_RULES", "given": "--rules"}
    folders = [(origins[layer.origin], layer.folder) for layer in layers_for(rules)]
    journal = ("--db", db) if db is not None else (_("the journal"), _home(journal_path))
    # the files SQLite keeps beside the journal are part of it, there or to come
    in_force = folders + [
        journal, *((journal[0], f"{journal[1]}{side}") for side in SIDE_FILES
                   if journal[1] is not None),
        (_("your config file"), _home(config_path))]
    check_distinct(outputs, [*inputs, *[(n, p) for n, p in in_force if p is not None]])
    for name, given in outputs:  # and not a new file beside the rules (onto one is said above)
        if not isinstance(given, int):
            _not_into_rules(name, given, folders)
    for name, folder in folders_written:
        _not_into_rules(name, folder, folders, os.path.abspath(folder))


def _not_into_rules(name: str, given: Any, folders: list, parent: str = "") -> None:
    """Refuse an output into a rules folder in force (`parent`: the folder it goes in,
    by default `given`'s): every later run would stop at the file there, which is no rule
    file (`rules schema myrules`, `-o myrules/out.jsonl`)."""
    from ..errors import UsageError
    parent = parent or os.path.dirname(os.path.abspath(given))
    for origin, folder in folders:
        try:
            same = os.path.samefile(parent, folder)
        except (OSError, ValueError):
            continue
        if same:
            raise UsageError(_("{option} {path}: it would be written into a rules folder in "
                               "force ({origin}: {folder}), and every later run would stop at "
                               "it; nothing was read").format(
                option=name, path=given, origin=origin, folder=folder),
                _("write it to another folder"))


def _home(place: Any) -> Any:
    """A place in the user's home folder, or None without one (then nothing is there to
    protect: a command that needs the journal says so itself)."""
    from ..errors import JournalError
    from ..places import NoHome
    try:
        return place()
    except (NoHome, JournalError):  # journal_path says NoHome as a JournalError
        return None


def configured_leader() -> str | None:
    """Whom the agreements are from where a case names no leader: the configuration's
    `leader`, or None."""
    from ..io.config import load_config
    return load_config().leader


def complete_from(*values: str) -> Any:
    """A completion of an option's value from a fixed list (what the shell offers)."""
    return lambda incomplete: [v for v in values if v.startswith(incomplete)]


LEVEL_IDS = ("tell", "sell", "consult", "agree", "advise", "inquire", "delegate")


def planned_option(value: str | None, rules: Any) -> int | None:
    """--planned as a level number, or a usage error naming the option."""
    if value is None:
        return None
    from ..errors import UsageError
    from ..model.levels import allowed_levels, parse_level
    try:
        return parse_level(value, rules.level_labels())
    except ValueError as exc:
        raise UsageError(f"--planned: {exc}", allowed_levels(rules.level_names())) from None


def day_option(value: str | None, option: str) -> Any:
    """A YYYY-MM-DD option as a date (today without one)."""
    import datetime as dt

    from ..model.case import iso_day
    if value is None:
        return dt.date.today()
    try:
        return iso_day(value)
    except ValueError:
        from ..errors import UsageError
        raise UsageError(_("{option}: '{value}' is not a date").format(option=option, value=value),
                         _("write it as YYYY-MM-DD")) from None


def name_option(value: str, option: str) -> str:
    """A name given on the command line (`--team`, `--name`), checked as a case's names
    are: one line, no control characters, not empty, at most NAME_LENGTH characters;
    a usage error naming the option, else the name without surrounding spaces."""
    from ..errors import UsageError
    from ..model.case import NAME_LENGTH, text_problem
    problem = text_problem(value) or (None if value.strip() else _("must be a name")) \
        or (_("at most {n} characters").format(n=NAME_LENGTH) if len(value) > NAME_LENGTH
            else None)
    if problem:
        raise UsageError(_("{option}: {problem}").format(option=option, problem=problem))
    return value.strip()


def by_ending(output: Path | None, endings: dict, given: Any = None,
              text: bool = True) -> Any:
    """The format: `given` (--format), else the one for the output file's ending
    (`endings`: ending → format; "" for none, the plain one); an ending the command
    cannot write is refused either way (exit 2, before anything is read), with the
    endings it can (`text`: .txt too, for the plain one)."""
    from ..errors import UsageError
    suffix = output.suffix.lower() if output is not None else ""
    plain = {".txt"} if text else set()
    if suffix not in endings and suffix not in plain:
        allowed = ", ".join(sorted(plain | {e for e in endings if e}))
        raise UsageError(_("--output {path}: this command cannot write a {ending} file")
                         .format(path=output, ending=suffix),
                         _("name a file ending {endings}").format(endings=allowed))
    return given or endings.get(suffix, endings[""])
