"""What a team's stool keeps so that no one's answers can be told by difference: for
each combination shown, a hash of each form's random token, and each leg's value as it
was shown with the number of forms it came from; nothing else (no answer, no name but the
team's as the leader gave it).

A form is combined with the same forms only. Two combinations that share some forms but
not all would give, by subtracting, the answers of the forms they do not share; and a
chain of combinations each far enough apart from the other can still be added and
subtracted until one form stands alone (a hostile pass recovered twelve members' answers
from sixteen combinations, each five forms or more from every other). So a new
combination is either the very same forms as one shown before, and then every leg must
show as it did (a form changed in between would show its change), or forms none of which
was ever combined before. Every combination shown is then apart from every other, each
from at least the fewest forms, and no sum of them tells less than the mean of the fewest
forms: a new round is new forms. A hash of a token tells nothing of the answers (the token
is random, and the answers are not in the hash), so the record is safe in the hands of
whoever holds the forms' tokens.

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
from typing import Any, Iterator, Mapping, Sequence

from ..errors import UsageError
from ..i18n import _, ngettext, os_reason
NAME = "stool-combinations.json"
LOCK = "stool-combinations.lock"
VERSION = 2  # 1 kept fingerprints of answers, which a token's holder could try out

Shown = Mapping[str, str]  # leg id → its value as shown, with the forms it came from


class Refused(UsageError):
    """Raised when a combination would let a few forms' answers be told by difference,
    or when the guard cannot be kept (then nothing of the team is shown either)."""


def kept_path() -> Path:
    """Where the combinations are kept: beside the journal."""
    from ..io.config import journal_path
    return journal_path().parent / NAME


def form_key(token: str) -> str:
    """What is kept of a form: a hash of its random token, never of its answers."""
    return hashlib.sha256(f"trustdose stool form\x00{token}".encode()).hexdigest()[:32]


def guard(team: str | None, tokens: Sequence[str], shown: Shown, path: Path | None = None,
          today: dt.date | None = None) -> None:
    """Refuse a combination that shares forms with one shown before without being the
    same forms, or the same forms showing otherwise (`Refused`); else keep it (the same
    forms again are kept once)."""
    if not shown:
        return
    path = path or kept_path()
    mine = sorted({form_key(token) for token in tokens})
    with _locked(path):
        kept = _load(path)
        for old in kept:
            common = len(set(old["forms"]) & set(mine))
            if not common:
                continue
            if old["forms"] != mine:
                raise Refused(ngettext(
                    "{n} of these forms was combined before ({day}) with other forms: "
                    "between the two, its answers could be told by difference, so "
                    "nothing is shown",
                    "{n} of these forms were combined before ({day}) with other forms: "
                    "between the two, their answers could be told by difference, so "
                    "nothing is shown", common).format(n=common, day=old["day"]), _(
                    "combine the same forms as before, or only forms never combined: "
                    "wait until all forms are in, and hand out new forms for a new round"))
            if any(old["shown"].get(leg, said) != said for leg, said in shown.items()):
                raise Refused(_(
                    "these forms were combined before ({day}), and a leg now shows "
                    "otherwise: a form has changed since, and the change would show its "
                    "answers, so nothing is shown").format(day=old["day"]), _(
                    "combine the forms as they were handed in"))
            return
        kept.append({"team": team, "day": (today or dt.date.today()).isoformat(),
                     "forms": mine, "shown": dict(sorted(shown.items()))})
        _save(path, kept)


def teams(path: Path | None = None) -> list[str]:
    """The teams whose combinations are kept, for a did-you-mean."""
    path = path or kept_path()
    if not path.exists():
        return []
    with _locked(path):
        return sorted({old["team"] for old in _load(path) if old["team"] is not None})


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
    return isinstance(record, dict) and isinstance(record.get("forms"), list) \
        and all(isinstance(f, str) for f in record["forms"]) \
        and isinstance(record.get("shown"), dict) \
        and all(isinstance(v, str) for v in record["shown"].values()) \
        and isinstance(record.get("day"), str) \
        and (record.get("team") is None or isinstance(record["team"], str))


def _damaged(path: Path, why: str) -> Refused:
    return Refused(_("{file}: the record of the team combinations shown cannot be read "
                     "({why}); nothing of the team is shown").format(file=path, why=why),
                   _("delete the file to start the record anew"))


def _save(path: Path, kept: list[dict[str, Any]]) -> None:
    from ..io.atomic import drafting, private_folder
    data = json.dumps({"version": VERSION, "combinations": kept}, ensure_ascii=False,
                      indent=1).encode()
    try:
        # the folder first: where it cannot be made, say why (permission denied), not
        # that the file "does not exist" (a hostile pass under a read-only data folder)
        private_folder(path.parent)
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
