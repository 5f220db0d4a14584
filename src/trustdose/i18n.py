"""Where every user-visible string gets its language: translation, dates and numbers.

Two kinds of text reach a user:
- program text (headings, prompts, messages, help) is written in English inside `_()`
  (or `N_()` where it must stay a constant) and translated through the gettext
  catalogues in `trustdose/locale/` (`.po` in the repository, compiled to `.mo` when the
  wheel is built);
- rule text (questions, anchors, measure titles) lives in the YAML rules as a mapping
  `{en: ..., da: ..., nb: ..., sv: ...}` and is resolved by `pick()` with English as the
  per-string fallback.

What a language setting or a locale means (`normalise`, `from_locale`: `no` and `nn`
mean Norwegian Bokmål; any other locale means English) is here; which setting wins on
the command line is `cli.language`'s (the API speaks English until `set_language`).
Dates are formatted for the language from the catalogues (month names and the long date
pattern come from CLDR); numbers need only the decimal sign.
"""

from __future__ import annotations

import gettext as _gettext
import os
import sys
from decimal import ROUND_HALF_UP, Context, Decimal
from pathlib import Path
from typing import Any

from .model.vocabulary import LANGUAGES

NAMES = {"en": "English", "da": "dansk", "nb": "norsk bokmål", "sv": "svenska"}
# what a person or a locale may call a language, beyond its code
ALIASES = {"no": "nb", "nn": "nb", "nob": "nb", "nno": "nb", "dan": "da", "swe": "sv",
           "eng": "en", "dansk": "da", "danish": "da", "norsk": "nb", "norwegian": "nb",
           "bokmål": "nb", "bokmal": "nb", "svenska": "sv", "swedish": "sv",
           "english": "en", "c": "en", "posix": "en"}
LOCALE_VARS = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "trustdose"

_current = "en"
_translation: _gettext.NullTranslations = _gettext.NullTranslations()


def N_(message: str) -> str:
    """Mark a constant for translation without translating it (it is translated where used)."""
    return message


def normalise(value: str) -> str | None:
    """The language code a setting means: `da_DK.UTF-8` → da, `no` → nb; None if unknown."""
    word = value.strip().lower().split(".")[0].split("@")[0]
    if word in ALIASES:
        return ALIASES[word]
    code = word.replace("-", "_").split("_")[0]
    code = ALIASES.get(code, code)
    return code if code in LANGUAGES else None


def from_locale(environ: Any = None) -> str:
    """The language the locale asks for (gettext's variables in gettext's order); en if
    none of ours. On Windows, where these variables are rarely set, the UI language."""
    environ = os.environ if environ is None else environ
    for var in LOCALE_VARS:
        value = environ.get(var, "")
        if not value:
            continue
        # LANGUAGE is a priority list (da:en); the others name one locale
        for entry in value.split(":") if var == "LANGUAGE" else [value]:
            found = normalise(entry)
            if found:
                return found
        if var != "LANGUAGE":
            return "en"
    system = _windows_locale() if sys.platform == "win32" else None
    return (normalise(system) if system else None) or "en"


def _windows_locale() -> str | None:
    """The Windows user's UI language as a locale name (da_DK), or None."""
    try:
        import ctypes
        import locale
        lcid = ctypes.windll.kernel32.GetUserDefaultUILanguage()  # type: ignore[attr-defined]
        return locale.windows_locale.get(lcid)
    except (AttributeError, OSError, ImportError):
        return None


def allowed_languages() -> str:
    return _("allowed: {languages}").format(
        languages=", ".join(f"{code} ({NAMES[code]})" for code in LANGUAGES))


def set_language(lang: str) -> None:
    """Use `lang` (en, da, nb, sv; anything else means en) for program text, rule text,
    dates and numbers from now on."""
    global _current, _translation
    _current = lang if lang in LANGUAGES else "en"
    _translation = _gettext.translation(DOMAIN, LOCALE_DIR, [_current], fallback=True)


def use_for_gettext() -> None:
    """Point the stdlib's global gettext at our catalogue in the current language, so the
    few strings typer translates itself (help panel titles) follow it. For the command
    line only: it changes process-wide state (the default domain, LANGUAGE)."""
    _gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    _gettext.textdomain(DOMAIN)
    os.environ["LANGUAGE"] = _current  # where the stdlib's gettext() reads the language


def _(message: str) -> str:
    """Translate program text into the current language."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message whose wording depends on a count."""
    return _translation.ngettext(singular, plural, n)


def os_reason(exc: OSError) -> str:
    """Why a file operation failed, in the user's language (the system says it in English)."""
    import errno
    reasons = {errno.ENOENT: N_("the file or folder does not exist"),
               errno.EACCES: N_("permission denied"), errno.EPERM: N_("permission denied"),
               errno.EISDIR: N_("it is a folder"),
               errno.ENOTDIR: N_("a part of the path is not a folder"),
               errno.ENOSPC: N_("the disk is full"), errno.EROFS: N_("the disk is read-only"),
               errno.ENXIO: N_("nothing is connected to it"),
               errno.EFBIG: N_("the file size limit (ulimit -f) was reached")}
    reason = reasons.get(exc.errno)
    return _(reason) if reason else (exc.strerror or str(exc))


def pick(text: dict[str, str] | None, lang: str | None = None) -> str:
    """The rule text in `lang` (the current language by default), falling back to English."""
    if not text:
        return ""
    return text.get(lang or _current) or text["en"]


def current() -> str:
    """The language in use."""
    return _current


# Month names and the long date pattern are messages like any other; tools/catalogue.py
# fills their translations from the Unicode CLDR data (via Babel), so the run time needs
# no locale library.
MONTHS = (N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
          N_("July"), N_("August"), N_("September"), N_("October"), N_("November"),
          N_("December"))
LONG_DATE = N_("{day} {month} {year}")  # British English: 25 January 2027


def in_sentence(name: str) -> str:
    """A name as it stands inside an English sentence: 'For the Year 5 team', not 'For
    The Year 5 team' (a leading article is not part of the name). Other languages, and
    names without the article, as written."""
    if _current == "en" and name.startswith("The ") and name[4:5].strip():
        return "the " + name[4:]
    return name


def format_date(day: Any) -> str:
    """A date as the language writes it: 7. december 2026, 7 december 2026, 7 December 2026
    (British English, as a UK school writes it: a fourth cold read)."""
    return _(LONG_DATE).format(day=day.day, month=_(MONTHS[day.month - 1]), year=day.year)


_WIDE = Context(prec=400)  # room for any finite float's digits: quantize never overflows


def _half_up(value: float, digits: int) -> Decimal:
    # the number as written (repr: 3.25, not the binary 3.2499…), rounded as people do
    return Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-digits), ROUND_HALF_UP,
                                                _WIDE)


def half_up(value: float, digits: int = 1) -> float:
    """`value` rounded half up on the decimal as written: 3.25 → 3.3 and 2.75 → 2.8, where
    Python's round() gives 3.2 and 2.8. The one rounding of scores, computed and shown."""
    return float(_half_up(value, digits))


def format_number(value: float, digits: int | None = 1) -> str:
    """A number with the language's decimal sign: 3,5 in da/nb/sv, 3.5 in en, rounded
    half up (`half_up`); `digits` None for as few as needed. (Only the sign differs
    between our four languages, so this needs no locale data.)"""
    text = f"{_half_up(value, digits)}" if digits is not None else f"{value:g}"
    return text.replace(".", DECIMAL_SIGN[_current])


def listing(items: list[str], last: str = N_(" and ")) -> str:
    """Items as a sentence lists them: `a, b and c` (`last`, an untranslated msgid: " and "
    or " or "), never a chain of `a and b and c`."""
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + _(last) + items[-1]


def format_count(n: int) -> str:
    """A whole number with the language's digit grouping: 39,366 · 39.366 · 39 366."""
    return f"{n:,}".replace(",", GROUP_SIGN[_current])


# As in the Unicode CLDR for each language (the Nordic group sign is a no-break space).
DECIMAL_SIGN = {"en": ".", "da": ",", "nb": ",", "sv": ","}
GROUP_SIGN = {"en": ",", "da": ".", "nb": "\u00a0", "sv": "\u00a0"}
