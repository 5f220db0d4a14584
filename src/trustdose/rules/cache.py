"""A cache of loaded rule sets, so a run does not re-parse and re-validate unchanged YAML.

The key covers the code that reads rules (every module of trustdose, by name, size and
modification time: a change to how rules are read or checked must not be skipped by a rule
set cached before it, and no number kept by hand can be forgotten), the Python version, and
the path and the content (a SHA-256 of the bytes) of every rule file in every layer, so any
edit to a rule file is seen at once, even one of the same size whose modification time was
put back (`touch -d`): a key of size and time, as Python's .pyc files have, would miss it
(for trustdose's own modules, which only an install or a developer changes, size and time
are enough). The cache holds plain JSON (never anything that could run code); it is written
atomically, readable by its owner only, and used only from a folder that belongs to the
user and that no one else may write to, so nobody can slip other rules in. A cache that
cannot be read is ignored and rebuilt. Rules are never personal data. `TRUSTDOSE_CACHE_DIR`
chooses the folder; `TRUSTDOSE_CACHE_DIR=off` disables the cache. Within one process, a
rule set once loaded is kept in memory as well, the same object for the same files in the
same layers (so what the engine derives from it, its compiled plans, is kept with it).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Any

KEEP = 15  # cache files kept; every edit of a rule file makes a new key
KEEP_LOADED = 8  # rule sets kept in memory: a process seldom uses more than one or two
_IN_MEMORY: dict[tuple, Any] = {}  # (key, layers) -> the rule set, the latest last


def folder() -> Path | None:
    chosen = os.environ.get("TRUSTDOSE_CACHE_DIR")
    if chosen:
        return None if chosen.lower() == "off" else Path(chosen)
    from ..places import NoHome, home_folder, user_dir
    try:
        where = user_dir("cache")
    except NoHome:  # no home folder: no cache, as with `off`
        return None
    # a home that does not exist is not made for a cache (a hostile pass: HOME=/nonexistent
    # as root made /nonexistent)
    home = home_folder()
    if home is not None and where.is_relative_to(home) and not os.path.isdir(home):
        return None
    return where


def check_apart(folders: list[Path]) -> None:
    """Refuse (`RulesError`) a cache folder that is one of the rules `folders` in force:
    a cached rule set written there is no rule file, and every later run would stop at it."""
    where = folder()
    if where is None:
        return
    for rules in folders:
        try:
            same = os.path.samefile(where, rules)
        except (OSError, ValueError):
            continue
        if same:
            from ..errors import Problem, RulesError
            from ..i18n import _
            raise RulesError([Problem(str(where), None, None, _(
                "the rules cache would be written into a rules folder in force ({folder}), "
                "and every later run would stop at its files").format(folder=rules), _(
                "set TRUSTDOSE_CACHE_DIR to another folder, or to off"))])


def key(files: list[Path]) -> str | None:
    """The cache key of these rule files; None (no caching) when one cannot be looked at
    (a dangling link, a loop: reading it then names the problem)."""
    digest = hashlib.sha256(f"{_code()}|{sys.version}".encode())
    for path in files:
        content = _content(path)
        if content is None:
            return None
        # the path as given too: results name rule files that way (a run from another
        # folder must not get the sources a cached run wrote relative to its own)
        digest.update(f"|{path}|{path.resolve()}|{len(content)}|".encode())
        digest.update(content)
    return digest.hexdigest()[:32]


@functools.cache
def _code() -> str:
    """A fingerprint of trustdose's own modules as installed (what shapes a cached rule set:
    the loader, the checks, the rows kept)."""
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for where, folders, names in os.walk(root):
        folders[:] = sorted(f for f in folders if f not in ("__pycache__", "locale"))
        for name in sorted(n for n in names if n.endswith(".py")):
            st = os.stat(os.path.join(where, name))
            digest.update(f"{where[len(str(root)):]}/{name}|{st.st_size}|"
                          f"{st.st_mtime_ns}|".encode())
    return digest.hexdigest()


def _content(path: Path) -> bytes | None:
    """A rule file's bytes, or None when it is no regular file (opened without blocking:
    a FIFO would wait for a writer) or larger than a rule file may be."""
    import stat

    from ..io.source import MAX_BYTES
    try:
        with open(os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)), "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return None
            content = handle.read(MAX_BYTES + 1)
    except OSError:
        return None
    return content if len(content) <= MAX_BYTES else None


def load(cache_key: str | None) -> Any | None:
    """The cached rows, or None (then the rules are loaded from their files)."""
    if cache_key is None:
        return None
    where = folder()
    if where is None or not _trusted(where):
        return None
    path = where / f"rules-{cache_key}.json"
    try:
        with open(path, "rb") as handle:
            if not _trusted(handle.fileno(), folder=False):
                return None
            text = handle.read()
        rows = json.loads(text)
        if not (isinstance(rows, list) and len(rows) == 3):
            return None
    except (OSError, ValueError):  # missing, truncated, from another version: load anew
        return None
    return rows


def save(cache_key: str | None, rows: Any) -> None:
    if cache_key is None:
        return
    where = folder()
    if where is None:
        return
    text = json.dumps(rows, ensure_ascii=False).encode()
    try:
        from ..io.atomic import drafting, private_folder
        private_folder(where)
        if not _trusted(where):
            return
        for old in sorted(where.glob("rules-*.json"), key=lambda p: p.stat().st_mtime)[:-KEEP]:
            old.unlink(missing_ok=True)
        with drafting(where / f"rules-{cache_key}.json") as draft:
            draft.handle.write(text)
            draft.replace(f"rules-{cache_key}.json")  # over a regular file only
    except OSError:  # a read-only home or a full disk must never stop an assessment
        pass


def loaded(cache_key: str | None, layers: list) -> Any | None:
    """The rule set this process loaded from the same files in the same layers, if kept."""
    return None if cache_key is None else _IN_MEMORY.get((cache_key, tuple(layers)))


def keep_loaded(cache_key: str | None, layers: list, rule_set: Any) -> Any:
    """Keep a loaded rule set in memory (the latest few); it is returned."""
    if cache_key is not None:
        _IN_MEMORY.pop((cache_key, tuple(layers)), None)
        _IN_MEMORY[(cache_key, tuple(layers))] = rule_set
        for old in list(_IN_MEMORY)[:-KEEP_LOADED]:
            _IN_MEMORY.pop(old, None)  # (another thread may have let it go already)
    return rule_set


def _trusted(where: Path | int, folder: bool = True) -> bool:
    """Whether a cache folder (or an open cache file) is the user's own and no one else
    may write to it."""
    if not hasattr(os, "getuid"):  # Windows: the user's profile folder is private
        return True
    try:
        stat = os.stat(where) if folder else os.fstat(where)  # type: ignore[arg-type]
    except OSError:
        return False
    return stat.st_uid == os.getuid() and not stat.st_mode & 0o022
