"""The user's folders trustdose keeps its files in: configuration, the rule cache and
the journal; and a path the user wrote with `~`, made their home folder.

On Linux and the BSDs these are the XDG base directories ($XDG_CONFIG_HOME,
$XDG_CACHE_HOME, $XDG_DATA_HOME if absolute, else ~/.config, ~/.cache, ~/.local/share),
read here as platformdirs reads them (a test holds the two together); on macOS and
Windows platformdirs decides. Importing platformdirs costs about 5 ms of every start (it
imports tempfile and random).

A `~` that cannot be made a home folder (no such user, or HOME unset and no entry for the
user in the system's user list) is an error, `NoHome`: never a folder literally named `~`
in the working folder, where a journal of personal data would then be made. An empty HOME
is an unset one (the shell's `HOME= cmd`), and a relative HOME is no home either: Python
would make them `/` and the working folder, and put the journal in `/.local` or under `.`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .errors import UsageError, clipped

_XDG = {"config": ("XDG_CONFIG_HOME", "~/.config"), "cache": ("XDG_CACHE_HOME", "~/.cache"),
        "data": ("XDG_DATA_HOME", "~/.local/share")}


class NoHome(UsageError):
    """Raised when a `~` in a path stands for no home folder."""


def user_dir(kind: str) -> Path:
    """trustdose's own folder of `kind` (config, cache or data); it may not exist yet.
    `NoHome` when it would be in a home folder that cannot be found."""
    if sys.platform not in ("darwin", "win32", "cygwin", "ios", "android"):
        variable, default = _XDG[kind]
        base = os.environ.get(variable, "")  # the XDG spec ignores a relative one
        if os.path.isabs(base):
            return Path(base) / "trustdose"
        home = home_folder()
        if home is None:
            from .i18n import _
            raise NoHome(_("no home folder for trustdose's files: HOME is not set, and the "
                           "system knows no home for this user"), _(
                "set HOME, or TRUSTDOSE_DB to the journal's file")
                if kind == "data" else _("set HOME"))
        return Path(home) / default[2:] / "trustdose"
    import platformdirs
    return Path(getattr(platformdirs, f"user_{kind}_dir")("trustdose", appauthor=False))


def home_folder() -> str | None:
    """The user's home folder: HOME when it is an absolute path, else the system's user
    list's entry for this user; None when neither gives one."""
    home = os.environ.get("HOME", "")
    if os.path.isabs(home):
        return home
    try:
        import pwd
        home = pwd.getpwuid(os.getuid()).pw_dir
    except (ImportError, KeyError, AttributeError):  # no pwd on Windows; no entry
        return None
    return home if os.path.isabs(home) else None


def _home_of(user: str) -> str | None:
    import pwd
    try:
        home = pwd.getpwnam(user).pw_dir
    except (KeyError, ValueError):  # no such user; a NUL in the name
        return None
    return home if os.path.isabs(home) else None


def home_path(text: str, given_by: str) -> Path:
    """`text` as a path, a leading `~` or `~user` made that home folder; `given_by` names
    where the text came from (TRUSTDOSE_DB, a config file's `rules`), for the message."""
    if not text.startswith("~"):
        return Path(text)
    if sys.platform == "win32":
        expanded = os.path.expanduser(text)  # left as it is when there is no home to give
        if not expanded.startswith("~"):
            return Path(expanded)
        user = text[1:].replace("\\", "/").split("/")[0]
    else:
        user, _slash, rest = text[1:].partition("/")
        home = home_folder() if not user else _home_of(user)
        if home is not None:
            return Path(home) / rest
    from .i18n import _
    if user:
        raise NoHome(_("{given_by}: '{path}': there is no user '{user}' for ~{user} to stand "
                       "for").format(given_by=given_by, path=clipped(text), user=clipped(user)),
                     _("write the folder out in full"))
    raise NoHome(_("{given_by}: '{path}': there is no home folder for ~ to stand for: HOME "
                   "is not set, and the system knows no home for this user").format(
        given_by=given_by, path=clipped(text)), _("set HOME, or write the folder out in full"))
