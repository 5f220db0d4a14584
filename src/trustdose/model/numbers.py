"""A number as a person writes it, read in the conventions of the language in use.

A task fact that a rule compares as a number (`facts.amount >= 50000`) must be a number,
or a red line is skipped by how the number was typed. `parse_number` is the one reader
of such text, used by case files, batch rows (CSV cells, JSON lines, YAML) and the
questionnaire alike (`model.facts` reads a case's task facts by their types).

The conventions (as in the Unicode CLDR for our languages):

- English: `.` before the decimals, `,` or a space between thousands:
  `60000`, `60,000`, `60 000`, `60000.5`, `60,000.5`.
- Danish, Norwegian Bokmål, Swedish: `,` before the decimals, `.` or a space between
  thousands: `60000`, `60.000`, `60 000`, `60000,5`, `60.000,5`.

A space is an ordinary, a no-break, a narrow no-break or a thin space. A sign (`-`, `+`,
`−`) may come first. Thousands are grouped by three digits after a first group of one
to three that does not start with 0 (`0,500` is no grouped number), one kind of
separator throughout.

Ambiguous, so never guessed: the decimal sign followed by exactly three digits, after
one to three digits that do not start with 0 and without any thousands separator
(`60,000` or `1,234` in Danish, `60.000` or `1.234` in English). In the other convention
that is a number a thousand times larger, and a decimal number with exactly three
decimals is rare where a grouped whole number is common. `0,500`, `60,5`, `60,50`,
`60,0000`, `1234,567` and `1.234,567` are not ambiguous.

Refused, with what is allowed: words (`lots`), units and currencies (`50000 kr`), a form
the language does not write (`60.000,5` in English, `6.0` in Danish), Python's own forms
(`6e4`, `60_000`, `nan`, `inf`), and numbers of more than `MAX_DIGITS` digits. A YAML
or JSON number is a number already and stays one (only NaN, which no comparison
holds for, and yes/no are refused).
"""

from __future__ import annotations

import re

from ..i18n import _, current

COMMA_DECIMAL = frozenset({"da", "nb", "sv"})  # the rest (English) write a decimal point
SPACES = " \u00a0\u202f\u2009"  # space, no-break, narrow no-break, thin
SIGNS = {"-": -1, "+": 1, "\u2212": -1}
MAX_DIGITS = 40  # as for a number in a case file
_GROUPED = {sep: re.compile(r"[1-9][0-9]{0,2}(?:" + re.escape(sep) + r"[0-9]{3})+")
            for sep in ".,  "}
_NUMERIC = frozenset("0123456789., ")


class NumberError(ValueError):
    """Text that is not a number in the language's conventions: what was wrong, and
    what is allowed (`hint`)."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message, self.hint = message, hint


def signs(lang: str | None = None) -> tuple[str, str]:
    """The language's decimal sign and thousands separator (besides a space)."""
    return (",", ".") if (lang or current()) in COMMA_DECIMAL else (".", ",")


def allowed(lang: str | None = None) -> str:
    """What a number may look like in the language, for hints."""
    if signs(lang)[0] == ",":
        return _("allowed: digits, with '.' or a space between thousands and ',' before the "
                 "decimals, e.g. 60000, 60.000, 60 000 or 2,5")
    return _("allowed: digits, with ',' or a space between thousands and '.' before the "
             "decimals, e.g. 60000, 60,000, 60 000 or 2.5")


def _read(body: str, decimal: str, group: str) -> int | float | None:
    """`body` (digits and separators, spaces made plain) in one convention; None when
    it is not written that way."""
    whole, dot, fraction = body.partition(decimal)
    if dot and (not fraction.isdigit() or not fraction.isascii()):
        return None  # a second decimal sign, a separator among the decimals, no decimals
    if not (whole.isdigit() and whole.isascii()):
        seps = {c for c in whole if not c.isdigit()}
        if len(seps) != 1 or seps - {group, " "} or not _GROUPED[seps.pop()].fullmatch(whole):
            return None
        whole = re.sub(r"[^0-9]", "", whole)
    return float(f"{whole}.{fraction}") if dot else int(whole)


def _ambiguous(body: str, decimal: str) -> bool:
    """The decimal sign before exactly three digits, after 1-3 digits not starting with
    0: in the other convention a thousands separator."""
    whole, dot, fraction = body.partition(decimal)
    return bool(dot) and len(fraction) == 3 and fraction.isdigit() and \
        1 <= len(whole) <= 3 and whole.isdigit() and whole[0] != "0"


def written(value: int | float, lang: str | None = None, grouped: bool = False,
            plain: bool = False) -> str:
    """A number as the language writes it, with as few decimals as it needs; with
    `plain`, never in a form that is ambiguous (1,2340 where 1,234 would be)."""
    decimal, group = signs(lang)
    if isinstance(value, int) or float(value).is_integer():
        return f"{int(value):,}".replace(",", group) if grouped else str(int(value))
    text = repr(float(value))
    if "e" in text:
        text = f"{value:f}".rstrip("0")
    text = text.replace(".", decimal)
    if plain and _ambiguous(text.lstrip("-"), decimal):
        text += "0"
    return text


def parse_number(text: str, lang: str | None = None) -> int | float:
    """The number `text` says in the conventions of `lang` (the language in use by
    default): an int, or a float when it has decimals. `NumberError` says what was
    wrong and what is allowed: see the module's docstring for the forms."""
    lang = lang or current()
    decimal, group = signs(lang)
    raw = text.strip()
    shown = raw if len(raw) <= 40 else raw[:40] + "…"  # as the text is echoed
    sign, body = 1, raw
    if body[:1] in SIGNS:
        sign, body = SIGNS[body[0]], body[1:]
    for space in SPACES[1:]:
        body = body.replace(space, " ")
    # a set, not a regular expression: linear on any text, however long
    if not _NUMERIC.issuperset(body) or not any(c.isdigit() for c in body) \
            or body != body.strip():
        raise NumberError(_("'{text}' is not a number").format(text=shown), allowed(lang))
    if sum(c.isdigit() for c in body) > MAX_DIGITS:
        raise NumberError(_("'{text}' has more than {n} digits").format(text=shown,
                                                                         n=MAX_DIGITS),
                          allowed(lang))
    value = _read(body, decimal, group)
    if value is None:
        message = _("'{text}' is not a number written with '{group}' or a space between "
                    "thousands and '{decimal}' before the decimals").format(
            text=shown, group=group, decimal=decimal)
        other = _read(body, group, decimal)
        if other is not None:  # a number in the other convention: say how to write it
            meant = sign * other
            raise NumberError(message, _("did you mean {number}?").format(
                number=written(meant, lang, grouped=isinstance(meant, int), plain=True)))
        raise NumberError(message, allowed(lang))
    if _ambiguous(body, decimal):
        small, large = sign * float(body.replace(decimal, ".")), sign * int(
            body.replace(decimal, ""))
        raise NumberError(
            _("'{text}' is ambiguous: '{decimal}' before three digits could separate "
              "thousands ({large}) or start the decimals ({small})").format(
                text=shown, decimal=decimal, large=written(large, lang),
                small=written(small, lang)),
            _("write {grouped} or {large} for {large}, or {small_written} for {small}").format(
                grouped=written(large, lang, grouped=True), large=written(large, lang),
                small=written(small, lang), small_written=written(small, lang, plain=True)))
    return sign * value
