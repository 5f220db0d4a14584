"""The one bounded memo table: what the engine, the CSV cells and the case answers remember.

A `Memo` is a dict that holds at most `size` entries and starts afresh when it is full, so
memory stays flat however long a batch is. Lookups are the dict's own `get` (C speed, on
the path every case takes); `keep` remembers. Why not `functools.lru_cache`: the engine
looks a part up under the few facts it depends on and makes it from all of them, so the
key is not the arguments of a function; and an LRU's bookkeeping costs on every hit,
where starting afresh costs only on the rare miss of a full table. `Forgetful` is the
same table remembering nothing (the engine with `memo=False`, which tests compare with).
"""

from __future__ import annotations

from typing import Any

MEMO_SIZE = 65_536  # entries per table; a full table starts afresh


class Memo(dict):
    """A bounded memo table (see the module's docstring)."""

    __slots__ = ("size",)

    def __init__(self, size: int | None = None) -> None:
        super().__init__()
        self.size = size or MEMO_SIZE  # read when made, so a test may make tables small

    def keep(self, key: Any, value: Any) -> Any:
        """Remember `value` under `key` and return it; a full table starts afresh."""
        if len(self) >= self.size:
            self.clear()
        self[key] = value
        return value


class Forgetful(Memo):
    """A memo table that remembers nothing: every part is made afresh."""

    __slots__ = ()

    def keep(self, key: Any, value: Any) -> Any:
        return value
