"""Where every user-visible string gets its language.

Two kinds of text reach a user:
- program text (headings, prompts, messages) is written in English inside `_()` so
  gettext catalogues can translate it; the catalogues for da, nb and sv ship later in
  `trustdose/locale/` and `_()` picks them up without any change to the callers;
- rule text (questions, anchors, measure titles) lives in the YAML rules as a mapping
  `{en: ..., da: ..., nb: ..., sv: ...}` and is resolved by `pick()` with English as the
  per-string fallback.
"""

from __future__ import annotations

import gettext as _gettext
from pathlib import Path

LANGUAGES = ("en", "da", "nb", "sv")
_LOCALE_DIR = Path(__file__).parent / "locale"
_current = "en"
_translation: _gettext.NullTranslations = _gettext.NullTranslations()


def set_language(lang: str) -> None:
    """Use `lang` for program text and rule text from now on."""
    global _current, _translation
    _current = lang if lang in LANGUAGES else "en"
    _translation = _gettext.translation("trustdose", _LOCALE_DIR, [_current], fallback=True)


def _(message: str) -> str:
    """Translate program text into the current language."""
    return _translation.gettext(message)


def pick(text: dict[str, str] | None, lang: str | None = None) -> str:
    """The rule text in `lang` (the current language by default), falling back to English."""
    if not text:
        return ""
    return text.get(lang or _current) or text["en"]


def current() -> str:
    """The language in use."""
    return _current
