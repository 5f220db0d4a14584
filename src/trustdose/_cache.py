"""A cache of compiled rule sets, so a run does not re-parse and re-validate unchanged YAML.

Like Python's own .pyc files: the key covers the trustdose, pydantic and Python versions
and the path, size and modification time of every rule file in every layer, so any edit
to a rule file is seen at once. A cache that cannot be read is ignored and rebuilt; it is
written atomically and readable by its owner only. Rules are never personal data.
`TRUSTDOSE_CACHE_DIR` chooses the folder; `TRUSTDOSE_CACHE_DIR=off` disables the cache.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Any

_FORMAT = 3  # bump when the pickled rows change shape


def folder() -> Path | None:
    chosen = os.environ.get("TRUSTDOSE_CACHE_DIR")
    if chosen:
        return None if chosen.lower() == "off" else Path(chosen)
    import platformdirs
    return Path(platformdirs.user_cache_dir("trustdose", appauthor=False))


def key(files: list[Path]) -> str:
    import pydantic

    from . import __version__
    digest = hashlib.sha256(f"{_FORMAT}|{__version__}|{pydantic.VERSION}|{sys.version}".encode())
    for path in files:
        stat = path.stat()
        # the path as given too: results name rule files that way (a run from another
        # folder must not get the sources a cached run wrote relative to its own)
        digest.update(f"|{path}|{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:32]


def load(cache_key: str) -> Any | None:
    where = folder()
    if where is None:
        return None
    try:
        with open(where / f"rules-{cache_key}.pickle", "rb") as handle:
            return pickle.load(handle)
    except Exception:  # missing, truncated, from another version: load from YAML instead
        return None


def save(cache_key: str, rows: Any) -> None:
    where = folder()
    if where is None:
        return
    try:
        where.mkdir(parents=True, exist_ok=True, mode=0o700)
        # every edit of a rule file makes a new key: keep the newest few, drop the rest
        stale = sorted(where.glob("rules-*.pickle"), key=lambda p: p.stat().st_mtime)[:-15]
        for old in stale:
            old.unlink(missing_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=where, delete=False, prefix=".rules-") as tmp:
            pickle.dump(rows, tmp, protocol=pickle.HIGHEST_PROTOCOL)
        os.chmod(tmp.name, 0o600)
        os.replace(tmp.name, where / f"rules-{cache_key}.pickle")
    except OSError:  # a read-only home or a full disk must never stop an assessment
        pass
