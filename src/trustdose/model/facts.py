"""A task fact's one meaning: the types a rule can compare it as, and how a value given
for it is read, the same from a case file, a batch row and the questionnaire.

A task fact (`task.facts.<name>` in a case, `facts.<name>` in a rule) has the type the
rules in force compare it as (`rules.integrity.fact_types`):

- a **number** (`facts.amount >= 50000`): a YAML or JSON number, or text read in the
  language's conventions (`model.numbers`: `60.000` is sixty thousand in Danish);
- **true/false** (`facts.night == true`): true or false, or a yes/no word of any language
  trustdose speaks (`ja`/`nej`, `yes`/`no`, `sand`/`falsk`, `sant`/`falskt`,
  `true`/`false`, …), whatever its case: a CSV cell or an answer is text;
- **text** (`facts.unit == "ward-3"`): text, a CSV cell as it is written (`007` too),
  in Unicode's composed form (NFC), as the rules' text is (`rules.values.composed`).
  The engine compares text folded on both sides (`fold`: letter case, spacing, invisible
  characters, dashes and full-width letters make no difference), and a value close to one
  a rule tests but not it to the eye (`near_text`: a homoglyph, an accent left out) is
  refused with the value meant, so that no red line is passed by how a value was typed.

A value that is not of its fact's type is refused with what is allowed: no rule would
ever hold for it, so a red line would be skipped by how a value was typed. A fact that
no rule compares is kept as given. The name of a fact is a key (`is_key`), spelt as
a tag is.
"""

from __future__ import annotations

import math
import re
import unicodedata
from typing import Any, Callable, Mapping, Sequence

from ..errors import Problem
from ..i18n import _
from ..memo import Memo
from .numbers import NumberError, allowed, parse_number, written
from .vocabulary import BOOLEAN_WORDS

NUMBER, BOOLEAN, TEXT = "number", "true/false", "text"
FACT_TYPES = (NUMBER, BOOLEAN, TEXT)
Loc = tuple


# The one spelling of a key: a tag, a task fact's name, a safeguard. The case model
# (`model.case.Key`) and the loader (`rules.integrity`) both hold to it, so that no rule
# tests a key no case can give.
KEY_PATTERN, KEY_LENGTH = r"^[a-z][a-z0-9-]*$", 60
_KEY = re.compile(KEY_PATTERN[1:-1])  # for fullmatch: `$` would let a line break end it


# Characters that are not the same letter however alike they look are told apart by
# `near_text`; these are the same text written another way, and are folded away
_DASHES = re.compile(r"[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]")  # ‐ ‑ ‒ – — ― − …
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """A text fact as the engine compares it, the same for a case's value and a rule's:
    compatibility-composed (NFKC: full-width letters, ligatures `ﬃ`), casefolded
    (`STRASSE` is `straße`), without format characters (zero-width space and joiners, the
    soft hyphen, a direction mark in a rule's text), every dash a hyphen-minus with no
    space beside it, white space one space and none at either end. Remembered
    (`memo.Memo`): the engine folds a case's text facts on every assessment, and `rules
    check` on every grid case."""
    found = _FOLDED.get(text)
    return found if found is not None else _FOLDED.keep(text, _folded(text))


_FOLDED = Memo(4096)


def _folded(text: str) -> str:
    if text.isascii():  # the common case, at a tenth of the cost: no other form to take
        text = " ".join(text.lower().split())
        return text.replace(" -", "-").replace("- ", "-")
    text = unicodedata.normalize("NFKC", text)
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    text = _DASHES.sub("-", _SPACES.sub(" ", text.casefold())).replace(" -", "-")
    return unicodedata.normalize("NFKC", text.replace("- ", "-")).strip()


# Letters that look like a Latin letter but are another (Cyrillic, Greek), or a Latin
# letter with a stroke or joined: a text that equals one a rule tests once they are read
# as the plain Latin letters is that text typed with another keyboard, or to pass a rule
_LOOKALIKE = str.maketrans({
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o",
    "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "і": "i", "ї": "i", "ј": "j",
    "ѕ": "s", "ԁ": "d", "ԛ": "q", "ԝ": "w", "ɡ": "g", "α": "a", "β": "b", "ε": "e",
    "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t", "υ": "u",
    "χ": "x", "ø": "o", "đ": "d", "ł": "l", "ı": "i", "ħ": "h", "æ": "ae", "œ": "oe",
    "ß": "ss", "þ": "th", "ð": "d"})
_SEPARATORS = re.compile(r"[\s\-_.,:;/'’]+")


def skeleton(folded: str) -> str:
    """What a folded text looks like, letter by letter: accents and strokes off, look-alike
    letters read as Latin ones, no separators (`Åbo-Sølund` and `Abo Solund` are
    `abosolund`). Remembered: the texts rules test are looked at for each value."""
    found = _SKELETONS.get(folded)
    if found is None:
        text = unicodedata.normalize("NFKD", folded)
        text = "".join(c for c in text if not unicodedata.combining(c)).translate(_LOOKALIKE)
        found = _SKELETONS.keep(folded, _SEPARATORS.sub("", text))
    return found


_SKELETONS = Memo(4096)


def near_text(value: object, known: Sequence[str]) -> str | None:
    """The text a rule tests (folded, `known`) that `value`, which no rule tests, is the
    same as to the eye (`skeleton`: an accent or stroke left out, a Cyrillic `о` for a
    Latin `o`, a space for a dash), or None. A text that differs in a letter or a digit
    (`Afdeling A`, `Afdeling B`; `ward-3`, `ward-4`) names another thing, and is its own."""
    if not isinstance(value, str) or not known:
        return None
    folded = fold(value)
    if folded in known:
        return None
    shape = skeleton(folded)
    return next((text for text in known
                 if skeleton(text) == shape or _one_word_mistyped(folded, text)), None)


def _one_word_mistyped(given: str, meant: str) -> bool:
    """Whether two folded texts differ in one word only, a word long enough to be mistyped
    (four letters or more) and alike letter by letter (`sølunn` for `sølund`, `forse` for
    `force`), not one that names another thing (`a` for `b`, `north` for `south`, `11` for
    `10`)."""
    words, meant_words = _SEPARATORS.split(given), _SEPARATORS.split(meant)
    if len(words) != len(meant_words):
        return False
    differ = [(a, b) for a, b in zip(words, meant_words) if a != b]
    if len(differ) != 1:
        return False
    a, b = differ[0]
    if min(len(a), len(b)) < 4 or _DIGITS.sub("0", a) == _DIGITS.sub("0", b):
        return False
    import difflib  # only for a value no rule tests
    return difflib.SequenceMatcher(None, skeleton(a), skeleton(b)).ratio() >= ALIKE


ALIKE = 0.75  # difflib's ratio of two words taken for one mistyped (5 letters: one off)
_DIGITS = re.compile(r"[0-9]+")


def is_key(text: object) -> bool:
    """Whether `text` is a key a case can give (see `KEY_PATTERN`)."""
    return isinstance(text, str) and len(text) <= KEY_LENGTH and bool(_KEY.fullmatch(text))


def key_spelling(text: str) -> str | None:
    """The key nearest to `text`, as a hint: `dose_mg` → `dose-mg`, `Amount` → `amount`,
    `a.b` → `a-b`, `Æble ` → `aeble`; None when nothing of it is left. A key is its
    own spelling (`a-`, which the pattern allows, is not cut to `a`)."""
    if is_key(text):
        return text
    plain = unicodedata.normalize("NFKD", text.lower().replace("æ", "ae").replace("ø", "o"))
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    word = re.sub(r"[^a-z0-9]+", "-", plain).strip("-").lstrip("0123456789-")
    return word[:KEY_LENGTH].rstrip("-") or None


class FactError(ValueError):
    """A value that is not of its fact's type: what is wrong, and what is allowed."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message, self.hint = message, hint


def boolean_hint() -> str:
    return _("allowed: yes or no (true or false)")


def read_boolean(text: str) -> bool | None:
    """A yes/no word, whatever its case, as true or false; None for any other text."""
    return BOOLEAN_WORDS.get(text.strip().casefold())


def _shown(value: Any, lang: str | None) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"'{value}'" if len(value) <= 40 else f"'{value[:40]}…'"
    return written(value, lang) if isinstance(value, (int, float)) and math.isfinite(value) \
        else str(value)


def read_fact(field: str, value: Any, kind: str, lang: str | None = None,
              text: str | None = None) -> Any:
    """`value` of the fact `field` read as type `kind`; `text`, the value as written where
    a reader typed it (a CSV cell, a YAML number written as thousands), is read instead.
    `FactError` says what is wrong (naming `field`) and what is allowed."""
    given = text if text is not None else value
    if isinstance(given, (dict, list)):  # a rule compares one value: say which kind
        raise FactError(_("{field}: a list or a mapping is not one value, and a rule compares "
                          "it with {kind}").format(field=field, kind=_kind_words(kind)),
                        boolean_hint() if kind == BOOLEAN else allowed(lang) if kind != TEXT
                        else _("write one value in quotes, e.g. \"north\""))
    if kind == TEXT:
        if isinstance(given, str):  # spaces at either end as a CSV cell loses them, and
            # composed (NFC): "José" with a decomposed é, as macOS sends it, is "José"
            return unicodedata.normalize("NFC", given.strip())
        raise FactError(_("{field}: {value} is not text, and a rule compares it with text")
                        .format(field=field, value=_shown(given, lang)),
                        _("write it in quotes: \"{value}\"").format(value=_shown(given, lang)))
    if kind == BOOLEAN:
        found = read_boolean(given) if isinstance(given, str) else \
            given if isinstance(given, bool) else None
        if found is None:
            raise FactError(_("{field}: {value} is not yes or no, and a rule tests it as true "
                              "or false").format(field=field, value=_shown(given, lang)),
                            boolean_hint())
        return found
    if isinstance(given, str):
        try:
            return parse_number(given, lang)
        except NumberError as exc:
            raise FactError(f"{field}: {exc.message}", exc.hint) from None
    if isinstance(given, bool):
        raise FactError(_("{field}: yes or no is not a number, and a rule compares it with a "
                          "number").format(field=field), allowed(lang))
    if isinstance(given, float) and math.isnan(given):
        raise FactError(_("{field}: NaN is not a number a rule can compare").format(
            field=field), allowed(lang))
    return given


def _kind_words(kind: str) -> str:
    return _("a number") if kind == NUMBER else _("text") if kind == TEXT else _(
        "true or false")


def typed_facts(data: Any, types: Mapping[str, str], where: Callable[..., Problem],
                lang: str | None = None, texts: Mapping[Loc, str] | None = None,
                known: Mapping[str, Sequence[str]] | None = None
                ) -> tuple[dict[str, Any], list[Problem]]:
    """The task facts of a case mapping (`data`) that the rules type (`types`: name →
    NUMBER, BOOLEAN or TEXT), each read by its type; and a problem for each value that is
    not of its type. `where(loc, message, hint)` makes a `Problem` at a value. `texts`:
    values as written where a reader typed them (a CSV cell's whole digits, a YAML
    number written as thousands), by their place in the case. `known`: each text fact's
    values the rules test, folded; a value close to one of them but not it is refused
    (`near_text`)."""
    task = data.get("task") if isinstance(data, dict) else None
    facts = task.get("facts") if isinstance(task, dict) else None
    if not types or not isinstance(facts, dict):
        return {}, []
    found: dict[str, Any] = {}
    problems = []
    for name in sorted(facts.keys() & types.keys()):
        loc = ("task", "facts", name)
        value = facts[name]
        if value is None:
            continue  # no value: the case model says what is allowed
        try:
            found[name] = read_fact(f"task.facts.{name}", value, types[name], lang,
                                    (texts or {}).get(loc))
        except FactError as exc:
            problems.append(where(loc, exc.message, exc.hint))
            continue
        near = near_text(found[name], (known or {}).get(name, ())) \
            if types[name] == TEXT else None
        if near is not None:
            problems.append(where(loc, _(
                "task.facts.{name}: no rule tests '{value}', but one tests '{near}', which "
                "it is close to").format(name=name, value=found[name], near=near), _(
                "did you mean '{near}'? a text fact is compared without regard to case, "
                "spaces, dashes and invisible characters; look-alike letters from another "
                "alphabet make another text").format(near=near)))
    return found, problems
