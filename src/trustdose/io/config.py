"""The user's configuration file (organisation rule folders, the language) and where the
journal lives.

It lives at `<user config dir>/trustdose/config.yaml` (`places`: ~/.config on Linux,
~/Library/Application Support on macOS, %APPDATA% on Windows); `TRUSTDOSE_CONFIG`
names another file. A missing file is no configuration; a broken one is an error with
file:line:col, like any other input. Relative folders are relative to the file.

    lang: da          # en, da, nb or sv (--lang and TRUSTDOSE_LANG come first)
    country: SE       # the workplace's country, whose working days the dates fall on
                      # (default: the language's own: da DK, nb NO, sv SE; English none)
    leader: Anne Holm # who the agreements are from, where a case names no leader
    fewest_answers: 3 # the forms a team's stool leg is shown from (default 5; never below 3)
    round_months: 4   # a board's next round is due this long after the last (default 3)
    rules:            # rule folders layered over the defaults, in order
      - ~/org/trustdose-rules
"""

from __future__ import annotations

import functools
import os
import stat
from pathlib import Path
from typing import Any, NamedTuple

from ..errors import UNSAFE, ConfigError, JournalError, Problem, did_you_mean
from ..i18n import N_, _
from ..places import NoHome, home_path, user_dir

KEYS = ("lang", "country", "rules", "leader", "fewest_answers", "round_months")
# a team's answers are shown from five by default; an organisation may ask for fewer,
# never fewer than three: with two, each could tell the other's
FEWEST_ANSWERS, FEWEST_FLOOR = 5, 3
ROUND_MONTHS = 3  # a board is revisited every few months (the Delegation Board: three to six)


class Config(NamedTuple):
    path: Path | None  # None: there is no home folder for the file to be in
    rules: tuple[Path, ...] = ()
    lang: str | None = None
    country: str | None = None  # a two-letter code, upper case (whether `holidays` knows it
    country_at: Problem | None = None  # is checked where a date is chosen: said from here)
    leader: str | None = None  # the agreements' sender where a case names none
    fewest_answers: int = FEWEST_ANSWERS  # a team's stool leg is shown from this many forms
    round_months: int = ROUND_MONTHS  # a board's next round is due this long after the last


def config_path() -> Path:
    chosen = os.environ.get("TRUSTDOSE_CONFIG")
    if chosen:
        return home_path(chosen, "TRUSTDOSE_CONFIG")
    return user_dir("config") / "config.yaml"


def load_config() -> Config:
    """The configuration in force; an empty one when there is no file (nor a home folder
    for one to be in)."""
    try:
        path = config_path()
    except NoHome:
        if os.environ.get("TRUSTDOSE_CONFIG"):
            raise
        return Config(None)
    named = bool(os.environ.get("TRUSTDOSE_CONFIG"))  # a file someone chose must be there
    try:
        found = path.stat()
    except OSError:
        if named:
            raise ConfigError([Problem(str(path), None, None, _(
                "TRUSTDOSE_CONFIG names a file that is not there"),
                _("fix the path, or unset TRUSTDOSE_CONFIG to use none"))]) from None
        return Config(path)
    if not stat.S_ISREG(found.st_mode):
        if named or stat.S_ISDIR(found.st_mode):
            raise ConfigError([Problem(str(path), None, None, _(
                "the configuration is not a regular file"),
                _("the configuration is a YAML file such as: lang: da"))])
        return Config(path)
    # a command asks twice (its language, then its rule folders); the file is read once
    # unless it changed in between
    return _read(path, found.st_mtime_ns, found.st_size)


@functools.lru_cache(maxsize=4)
def _read(path: Path, _mtime: int, _size: int) -> Config:
    from .source import SourceError, read_file

    try:
        doc = read_file(path)
    except SourceError as exc:
        if _only_comments(path):  # an empty configuration is none, not an error
            return Config(path)
        raise ConfigError([exc.problem]) from None
    data = doc.data if doc.data is not None else {}
    if not isinstance(data, dict):
        raise ConfigError([doc.problem((), _("the configuration must be a mapping"),
                                       _allowed())])
    for key in data:
        if key not in KEYS:
            hint = did_you_mean(key, KEYS) or _allowed()
            raise ConfigError([doc.problem((key,), _("unknown key '{key}'").format(key=key), hint,
                                           key=True)])
    rules = data.get("rules") or []
    if isinstance(rules, str):
        rules = [rules]
    if not isinstance(rules, list) or not all(isinstance(r, str) for r in rules):
        raise ConfigError([doc.problem(("rules",), _("'rules' must be a list of folders"),
                                       "rules:\n    - path/to/org-rules")])
    lang = data.get("lang")  # `no` is text (Norwegian), as `yes`, `on` and `off` are
    if lang is not None:
        from ..i18n import allowed_languages, normalise
        from .validation import shown_value
        code = normalise(lang) if isinstance(lang, str) else None
        if code is None:
            raise ConfigError([doc.problem(("lang",), _("lang: unknown language {value}")
                                           .format(value=shown_value(lang)),
                                           allowed_languages())])
        lang = code
    country, country_at = _country(doc, data.get("country"))
    leader = data.get("leader")
    if leader is not None and (not isinstance(leader, str) or not leader.strip()
                               or UNSAFE.search(leader)):  # a name on one line, as a case's
        raise ConfigError([doc.problem(("leader",), _(
            "leader: must be a name on one line, without control characters"),
            "leader: Anne Holm")])
    folders = []
    for number, folder in enumerate(rules):
        try:
            folders.append(path.parent / home_path(folder, "rules"))
        except NoHome as exc:
            raise ConfigError([doc.problem(("rules",) if isinstance(data.get("rules"), str)
                                           else ("rules", number), str(exc), exc.hint)]) from None
    return Config(path, tuple(folders), lang, country, country_at,
                  leader.strip() if leader else None, _fewest(doc, data.get("fewest_answers")),
                  _months(doc, data.get("round_months")))


def _fewest(doc: Any, value: Any) -> int:
    """`fewest_answers:` as a whole number from three up (five without it)."""
    if value is None:
        return FEWEST_ANSWERS
    if isinstance(value, bool) or not isinstance(value, int) or not \
            FEWEST_FLOOR <= value <= 1000:
        from .validation import shown_value
        raise ConfigError([doc.problem(("fewest_answers",), _(
            "fewest_answers: {value} is not allowed: a team's answers are shown from at "
            "least {floor}").format(value=shown_value(value), floor=FEWEST_FLOOR), _(
            "a whole number from {floor} up; without it, {default}").format(
            floor=FEWEST_FLOOR, default=FEWEST_ANSWERS))])
    return value


def _months(doc: Any, value: Any) -> int:
    """`round_months:` as a whole number of months, 1 to 12 (three without it)."""
    if value is None:
        return ROUND_MONTHS
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 12:
        from .validation import shown_value
        raise ConfigError([doc.problem(("round_months",), _(
            "round_months: {value} is not a number of months from 1 to 12").format(
            value=shown_value(value)), _("a board is revisited every few months; without "
                                         "it, {default}").format(default=ROUND_MONTHS))])
    return value


def _country(doc: Any, value: Any) -> tuple[str | None, Problem | None]:
    """`country:` as an upper-case code, and where it stands in the file."""
    if value is None:
        return None, None
    if not isinstance(value, str) or len(value.strip()) != 2 or not value.strip().isalpha() \
            or not value.strip().isascii():
        from .validation import shown_value
        raise ConfigError([doc.problem(("country",), _(
            "country: {value} is not a country code").format(value=shown_value(value)),
            _(COUNTRY_HINT))])
    return value.strip().upper(), doc.problem(("country",), "")


COUNTRY_HINT = N_("a country's two-letter code (ISO 3166), such as DK, NO, SE or GB")


def _only_comments(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return False
    return all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines())


def _allowed() -> str:
    return _("allowed keys: {keys}").format(keys=", ".join(KEYS))


def journal_path() -> Path:
    """Where the journal is: TRUSTDOSE_DB, or journal.sqlite3 in the user data folder."""
    chosen = os.environ.get("TRUSTDOSE_DB")
    try:
        return home_path(chosen, "TRUSTDOSE_DB") if chosen else \
            user_dir("data") / "journal.sqlite3"
    except NoHome as exc:  # a journal with no place: one to look in is none, to save in
        raise JournalError(str(exc), exc.hint) from None  # is an error


def env_rules() -> tuple[Path, ...]:
    """Folders named in TRUSTDOSE_RULES, separated like PATH (':' or ';' on Windows)."""
    value = os.environ.get("TRUSTDOSE_RULES", "")
    return tuple(home_path(p, "TRUSTDOSE_RULES") for p in value.split(os.pathsep) if p.strip())

