"""How the command line chooses its language (`--lang` wherever it is given, then
`TRUSTDOSE_LANG`, then `lang:` in the config file, then the locale) and the workplace's
country (`--country`, then `country:` in the config file, then the language's own). The
API reads none of these (it speaks English until `set_language`), so the choice lives
here, not in `i18n` or `engine.workdays`.
"""

from __future__ import annotations

import os
from typing import Any

from ..errors import UsageError
from ..i18n import _, allowed_languages, from_locale, normalise


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


def choose(given: tuple[str, str | None] = ("", None), config_lang: Any = None) -> str:
    """The language in force: `given` (where it was given, and the value), TRUSTDOSE_LANG,
    the config's `lang` (a callable, read only when needed), then the locale. An unknown
    explicit choice is an error naming what is allowed; an unknown locale quietly means
    English."""
    if given[0] and given[1] is not None and not given[1].strip():  # `--lang` with no value
        raise UsageError(_("{origin} needs a language").format(origin=given[0]),
                         allowed_languages())
    for origin, value in (given, ("TRUSTDOSE_LANG", os.environ.get("TRUSTDOSE_LANG"))):
        if value:
            found = normalise(value)
            if found is None:
                raise UsageError(_("{origin}: unknown language '{value}'").format(
                    origin=origin, value=value), allowed_languages())
            return found
    from_config = config_lang() if callable(config_lang) else config_lang
    return from_config or from_locale()


def config_lang() -> str | None:
    """The config file's `lang`, read only when neither `--lang` nor TRUSTDOSE_LANG says."""
    from ..io.config import load_config
    return load_config().lang


def use_country(option: str | None) -> None:
    """The workplace's country for the dates a command proposes: `--country`, else the
    config file's `country:`, else the language's own (`engine.workdays`). One `holidays`
    does not know is an error naming where it was given (exit 2); English with none has
    weekends only."""
    from ..engine.workdays import set_country
    from ..io.config import COUNTRY_HINT, load_config

    at = None
    if option is None:
        config = load_config()
        option, at = config.country, config.country_at
    try:
        set_country(option)
    except ValueError:
        unknown = _("{origin}: {value} is not a country trustdose knows the holidays of")
        if at is None:
            raise UsageError(unknown.format(origin="--country", value=option.strip()),
                             _(COUNTRY_HINT)) from None
        from ..errors import ConfigError, Problem
        raise ConfigError([Problem(at.path, at.line, at.col, unknown.format(
            origin="country", value=option), _(COUNTRY_HINT))]) from None
