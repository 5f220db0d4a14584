"""The user's folders trustdose keeps its files in: configuration, the rule cache and
the journal.

On Linux and the BSDs these are the XDG base directories ($XDG_CONFIG_HOME,
$XDG_CACHE_HOME, $XDG_DATA_HOME if absolute, else ~/.config, ~/.cache, ~/.local/share),
read here as platformdirs reads them (a test holds the two together); on macOS and
Windows platformdirs decides. Importing platformdirs costs about 5 ms of every start (it
imports tempfile and random).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

_XDG = {"config": ("XDG_CONFIG_HOME", "~/.config"), "cache": ("XDG_CACHE_HOME", "~/.cache"),
        "data": ("XDG_DATA_HOME", "~/.local/share")}


def user_dir(kind: str) -> Path:
    """trustdose's own folder of `kind` (config, cache or data); it may not exist yet."""
    if sys.platform not in ("darwin", "win32", "cygwin", "ios", "android"):
        variable, default = _XDG[kind]
        base = os.environ.get(variable, "")  # the XDG spec ignores a relative one
        return Path(base if os.path.isabs(base) else os.path.expanduser(default)) / "trustdose"
    import platformdirs
    return Path(getattr(platformdirs, f"user_{kind}_dir")("trustdose", appauthor=False))
