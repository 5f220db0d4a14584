"""What a team's stool keeps so that no one's answers can be told by difference: for
each combination shown, per leg shown, the set of its forms' fingerprints, and nothing
else (no answer, no score, no name but the team's as the leader gave it).

Two combinations whose forms for a leg differ by one to `fewest - 1` forms would give,
by subtracting one mean from the other, the answers of those few; such a combination is
refused. A fingerprint is a hash of a form's random token with the leg and the form's
answers to it: a form given again is the same, a form whose answers were changed is
another (so editing one form between two runs is a difference too), and without the
form itself, which holds the token, nothing can be read back from it.

The file lives beside the journal (`stool-combinations.json` in the user data folder,
or beside the file TRUSTDOSE_DB names), owner-only; a lock file beside it lets two runs
at once check and add one after the other. `forget` erases a team's combinations (or
all), after which that team's guard starts anew.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping, Sequence

from ..errors import UsageError
from ..i18n import _, ngettext, os_reason
from .forms import Answered

NAME = "stool-combinations.json"
LOCK = "stool-combinations.lock"
VERSION = 1

Legs = Mapping[str, frozenset[str]]  # leg id → the fingerprints of the forms it comes from


class Refused(UsageError):
    """Raised when a combination would let a few forms' answers be told by difference,
    or when the guard cannot be kept (then nothing of the team is shown either)."""


def kept_path() -> Path:
    """Where the combinations are kept: beside the journal."""
    from ..io.config import journal_path
    return journal_path().parent / NAME


def fingerprint(token: str, leg: str, answers: Mapping[str, int]) -> str:
    said = json.dumps(sorted(answers.items()), separators=(",", ":"))
    return hashlib.sha256(f"{token}\x00{leg}\x00{said}".encode()).hexdigest()[:32]


def fingerprints(forms: Sequence[Answered], legs: Iterable[str]) -> dict[str, frozenset[str]]:
    """For each leg given (those shown), the fingerprints of the forms that answered it."""
    return {leg: frozenset(fingerprint(f.token or "", leg, f.answers[leg])
                           for f in forms if f.answers.get(leg)) for leg in legs}


def guard(team: str | None, legs: Legs, fewest: int, path: Path | None = None,
          today: dt.date | None = None) -> None:
    """Refuse a combination too close to one kept (`Refused`), or keep it; one kept
    already (the same forms again) is fine and kept once."""
    if not legs:
        return
    path = path or kept_path()
    with _locked(path):
        kept = _load(path)
        for old in kept:
            for leg, forms in legs.items():
                apart = len(forms ^ frozenset(old["legs"].get(leg, ())))
                if old["legs"].get(leg) and 0 < apart < fewest:
                    raise Refused(ngettext(
                        "these forms differ from a combination shown before ({day}) by "
                        "{n} form in a leg: the difference would show its answers, so "
                        "nothing is shown",
                        "these forms differ from a combination shown before ({day}) by "
                        "{n} forms in a leg: the difference would show their answers, so "
                        "nothing is shown", apart).format(day=old["day"], n=apart), _(
                        "combine the same forms as before, or at least {fewest} more or "
                        "fewer").format(fewest=fewest))
        mine = {leg: sorted(forms) for leg, forms in legs.items()}
        if any(old["legs"] == mine for old in kept):
            return
        kept.append({"team": team, "day": (today or dt.date.today()).isoformat(),
                     "legs": mine})
        _save(path, kept)


def forget(team: str | None, path: Path | None = None) -> int:
    """Erase the combinations kept for `team` (None: all); how many were erased."""
    path = path or kept_path()
    if not path.exists():
        return 0
    with _locked(path):
        kept = _load(path)
        left = [old for old in kept if team is not None and old["team"] != team]
        if len(left) != len(kept):
            _save(path, left)
        return len(kept) - len(left)


def _load(path: Path) -> list[dict[str, Any]]:
    from ..io.source import MAX_BYTES
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            raise ValueError(_("larger than {limit} MB").format(limit=MAX_BYTES // 2**20))
        data = json.loads(raw.decode("utf-8"))
    except FileNotFoundError:
        return []
    except OSError as exc:  # a folder in its place, a path through a file: not damaged
        raise Refused(_("{file}: the record of the team combinations shown cannot be read "
                        "({why}); nothing of the team is shown").format(
            file=path, why=os_reason(exc)), _("set TRUSTDOSE_DB to a journal in a folder "
                                              "you can write")) from None
    except ValueError as exc:
        raise _damaged(path, str(exc)) from None
    if not isinstance(data, dict) or data.get("version") != VERSION \
            or not isinstance(data.get("combinations"), list) \
            or not all(_sound(c) for c in data["combinations"]):
        raise _damaged(path, _("it is not as trustdose writes it"))
    return data["combinations"]


def _sound(record: Any) -> bool:
    return isinstance(record, dict) and isinstance(record.get("legs"), dict) \
        and isinstance(record.get("day"), str) \
        and (record.get("team") is None or isinstance(record["team"], str)) \
        and all(isinstance(v, list) and all(isinstance(f, str) for f in v)
                for v in record["legs"].values())


def _damaged(path: Path, why: str) -> Refused:
    return Refused(_("{file}: the record of the team combinations shown cannot be read "
                     "({why}); nothing of the team is shown").format(file=path, why=why),
                   _("delete the file to start the record anew"))


def _save(path: Path, kept: list[dict[str, Any]]) -> None:
    from ..io.atomic import drafting
    data = json.dumps({"version": VERSION, "combinations": kept}, ensure_ascii=False,
                      indent=1).encode()
    try:
        with drafting(path) as draft:
            draft.handle.write(data)
            if draft.replace(path.name) is not None:
                raise IsADirectoryError(21, "not a regular file", str(path))
    except OSError as exc:
        raise _unkept(path, exc) from None


def _unkept(path: Path, exc: OSError) -> Refused:
    return Refused(_("{file}: the record of the team combinations shown cannot be written "
                     "({why}); without it, no one's answers could be kept from being told "
                     "by difference, so nothing of the team is shown").format(
        file=path, why=os_reason(exc)), _("make the folder writable, or set TRUSTDOSE_DB "
                                          "to a journal in a folder you can write"))


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold the lock beside `path` (made owner-only with its folder): another run waits.
    Where the folder cannot be written, the record can still be read: no lock is needed
    to find a combination kept already, and a write then says why it fails."""
    from ..io.atomic import private_folder
    try:
        private_folder(path.parent)
        fd = os.open(path.parent / LOCK, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0),
                     0o600)
    except OSError:
        yield
        return
    try:
        try:
            import fcntl
        except ImportError:  # Windows: no advisory lock; the write is still atomic
            yield
            return
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)
