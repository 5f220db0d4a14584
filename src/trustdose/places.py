"""The user's folders trustdose keeps its files in: configuration, the rule cache and
the journal; and a path the user wrote with `~`, made their home folder.

On Linux and the BSDs these are the XDG base directories ($XDG_CONFIG_HOME,
$XDG_CACHE_HOME, $XDG_DATA_HOME if absolute, else ~/.config, ~/.cache, ~/.local/share),
read here as platformdirs reads them (a test holds the two together); on macOS and
Windows platformdirs decides. Importing platformdirs costs about 5 ms of every start (it
imports tempfile and random).

A `~` that cannot be made a home folder (no such user, or HOME unset and no entry for the
user in the system's user list) is an error, `NoHome`: never a folder literally named `~`
in the working folder, where a journal of personal data would then be made.
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
        home = os.path.expanduser("~")
        if home.startswith("~"):
            from .i18n import _
            raise NoHome(_("no home folder for trustdose's files: HOME is not set, and the "
                           "system knows no home for this user"), _(
                "set HOME, or TRUSTDOSE_DB to the journal's file")
                if kind == "data" else _("set HOME"))
        return Path(os.path.expanduser(default)) / "trustdose"
    import platformdirs
    return Path(getattr(platformdirs, f"user_{kind}_dir")("trustdose", appauthor=False))


def home_path(text: str, given_by: str) -> Path:
    """`text` as a path, a leading `~` or `~user` made that home folder; `given_by` names
    where the text came from (TRUSTDOSE_DB, a config file's `rules`), for the message."""
    if not text.startswith("~"):
        return Path(text)
    expanded = os.path.expanduser(text)  # left as it is when there is no home to give
    if not expanded.startswith("~"):
        return Path(expanded)
    from .i18n import _
    user = text[1:].replace("\\", "/").split("/")[0]
    if user:
        raise NoHome(_("{given_by}: '{path}': there is no user '{user}' for ~{user} to stand "
                       "for").format(given_by=given_by, path=clipped(text), user=clipped(user)),
                     _("write the folder out in full"))
    raise NoHome(_("{given_by}: '{path}': there is no home folder for ~ to stand for: HOME "
                   "is not set, and the system knows no home for this user").format(
        given_by=given_by, path=clipped(text)), _("set HOME, or write the folder out in full"))
