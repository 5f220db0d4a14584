"""A delegation level as a leader or a file gives it: 1-7 or a name in any language, read
into its number, and what a level may be given as when it is not one (with a
did-you-mean for a misspelt name)."""

from __future__ import annotations

import unicodedata
from typing import Sequence

from ..errors import closest
from ..i18n import _
from .vocabulary import LEVEL_NAMES


def parse_level(value: object, labels: dict[str, int] | None = None) -> int:
    """A level from 1-7 or a name (tell … delegate, or any of `labels`, the levels'
    names in every language, casefolded); raises ValueError with a hint."""
    if isinstance(value, bool):
        raise ValueError(_("a level is a number 1-7 or a name"))
    if isinstance(value, int) or (isinstance(value, str) and value.strip().isdigit()
                                  and len(value.strip()) < 5):
        number = int(value)
        if 1 <= number <= 7:
            return number
        raise ValueError(_("level {number} is outside 1-7").format(number=number))
    # composed (NFC): "Sälja in" typed with a combining mark looks the same and is the same
    word = unicodedata.normalize("NFC", value.strip()) if isinstance(value, str) else ""
    if word.lower() in LEVEL_NAMES:
        return LEVEL_NAMES.index(word.lower()) + 1
    if word and labels and word.casefold() in labels:
        return labels[word.casefold()]
    raise ValueError(_("unknown level '{value}'").format(value=value)
                     + (f"; {hint}" if (hint := _level_hint(word, labels or {})) else ""))


def _level_hint(word: str, labels: dict[str, int]) -> str | None:
    """'did you mean …?' for a misspelt level, naming the level by its first label in
    `labels` (the language's own: `RuleSet.level_labels`), never by the other language's
    word that is closest (`delegre` is Norwegian `delegere`; a Dane says `uddelegere`)."""
    close = closest(word.lower(), [*LEVEL_NAMES, *labels])
    if close is None:
        return None
    number = labels.get(close) or LEVEL_NAMES.index(close) + 1
    return _("did you mean '{name}'?").format(
        name=next((label for label, at in labels.items() if at == number), close))


def allowed_levels(names: Sequence[str] = ()) -> str:
    """What a level may be given as: the levels' `names` in the language first (the ids
    are the names in English), then the ids every language reads."""
    if not names or [name.casefold() for name in names] == list(LEVEL_NAMES):
        return _("allowed: 1-7 or {names}").format(names=", ".join(LEVEL_NAMES))
    return _("allowed: 1-7, {names}, or the ids {ids}").format(
        names=", ".join(names), ids=", ".join(LEVEL_NAMES))
