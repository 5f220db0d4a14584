"""Help pages as a typer user expects them: translated (`localise`), without Python
types, with plain usage lines, unwrapped paragraphs, `--lang` on every command and the
exit codes at the end (`shape_help`)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import typer

from ..i18n import N_, _
from .exits import COMMAND_EXITS, EXIT_MEANINGS


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
