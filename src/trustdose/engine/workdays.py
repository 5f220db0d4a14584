"""Working days of the workplace's country: a date the tool proposes (a review, the day the
frame is in place by, the end of a closer follow-up) falls on one, so a leader can keep it.

A working day is not a Saturday or Sunday, not a public holiday of the country, and not a
day its public workplaces treat as closed though no law says so. As a leader there would:
- Denmark: grundlovsdag (a day off in most agreements), juleaften and nytårsaften; 1 May
  stays a working day (off in some agreements, not in most public ones);
- Norway: julaften and nyttårsaften (17 May is a public holiday);
- Sweden: midsommarafton, julafton and nyårsafton (the days `holidays` calls de facto
  holidays); the half days (skärtorsdagen, valborgsmässoafton) stay working days.
Another country (English, with `country:` in the config file or `--country`) has its
public holidays; English without one has weekends only.

The country is the workplace's, chosen like the language: set by the command line (or a
script, `set_country`), else the language's own (da → DK, nb → NO, sv → SE). The public
holidays, Easter and the days that move with it, come from the `holidays` package: for
Denmark, Norway and Sweden in the years a review falls in, from a table made from it
(closed_days.json, written and checked by tools/closed_days.py), since importing it costs
a third of those languages' start-up; otherwise from `holidays` itself, imported the first
time a date is chosen.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from pathlib import Path
from typing import Any

from ..i18n import N_, _, listing

COUNTRY_OF = {"da": "DK", "nb": "NO", "sv": "SE"}  # the language's own country
# closed days no law names, by (month, day), where `holidays` has no category for them
EVES = {"DK": (((6, 5), N_("Constitution Day")), ((12, 24), N_("Christmas Eve")),
               ((12, 31), N_("New Year's Eve"))),
        "NO": (((12, 24), N_("Christmas Eve")), ((12, 31), N_("New Year's Eve")))}
CATEGORIES = {"SE": ("public", "de_facto")}  # midsommarafton, julafton, nyårsafton
TABLED = tuple(COUNTRY_OF.values())  # the countries closed_days.json holds
SEARCH = 31  # days looked through for a working day: the longest closure is a week
NAMES_IN = {"da": "da", "nb": "no", "sv": "sv", "en": "en_US"}  # `holidays`' language codes

_chosen: str | None = None


def set_country(code: str | None) -> None:
    """The workplace's country from now on (ISO 3166 code, as `holidays` knows it), or
    None for the language's own; ValueError for a country `holidays` does not know."""
    global _chosen
    if code is not None:
        code = code.strip().upper()
        if not supported(code):
            raise ValueError(code)
    _chosen = code


def country_for(lang: str) -> str | None:
    """The country whose working days count: the one set, else the language's own."""
    return _chosen or COUNTRY_OF.get(lang)


def supported(code: str) -> bool:
    """Whether `holidays` knows the country (`code`: ISO 3166, upper case)."""
    if code in TABLED:
        return True
    import holidays
    return code in holidays.list_supported_countries()


def working_day(day: dt.date, country: str | None, latest: dt.date | None = None,
                earliest: dt.date | None = None) -> dt.date:
    """`day`, or the next working day in `country`; where that would pass `latest` (a
    deadline the date must keep), the last working day before it, not before `earliest`;
    `day` itself when there is none in between."""
    if closed(day, country) is None:
        return day
    found = _step(day, country, 1)
    if found is not None and (latest is None or found <= latest):
        return found
    found = _step(day, country, -1)
    return found if found is not None and (earliest is None or found >= earliest) else day


def _step(day: dt.date, country: str | None, way: int) -> dt.date | None:
    try:
        for _n in range(SEARCH):
            day += dt.timedelta(days=way)
            if closed(day, country) is None:
                return day
    except OverflowError:  # the calendar's end: no day to move to
        pass
    return None


@functools.lru_cache(maxsize=4096)
def closed(day: dt.date, country: str | None) -> str | None:
    """Why `day` is no working day in `country` (the holiday's name in `holidays`'
    own language, or the weekday, untranslated: the answer is kept), or None when it is
    one."""
    if day.weekday() >= 5:
        return N_("Saturday") if day.weekday() == 5 else N_("Sunday")
    if country is None:
        return None
    for (month, date), name in EVES.get(country, ()):
        if (day.month, day.day) == (month, date):
            return name
    table = _table()
    if country in table["days"] and table["first"] <= day.year <= table["last"]:
        return table["days"][country].get(day.isoformat())
    return _calendar(country).get(day)


@functools.lru_cache(maxsize=None)
def _table() -> dict:
    """The holidays of the countries `TABLED`, as `_calendar` gives them (by ISO date)."""
    return json.loads(Path(__file__).with_name("closed_days.json").read_text(encoding="utf-8"))


def named(day: dt.date, country: str | None, lang: str) -> str | None:
    """Why `day` is no working day, said in `lang` (the holiday as `holidays` names it in
    that language where it can), or None."""
    reason = closed(day, country)
    if reason is None or country is None or day.weekday() >= 5 or \
            any((day.month, day.day) == at for at, _name in EVES.get(country, ())):
        return None if reason is None else _(reason)
    names = _calendar(country, lang).get(day, reason).split("; ")  # two on one day
    if lang != "en":  # in a Scandinavian sentence a holiday is written in lower case
        names = [n[:1].lower() + n[1:] for n in names]
    return listing(names)


@functools.lru_cache(maxsize=None)
def _calendar(country: str, lang: str | None = None) -> Any:
    import holidays

    categories = CATEGORIES.get(country, "public")
    found = holidays.country_holidays(country, categories=categories)
    if lang is None:
        return found
    # the names in the reader's language, else in the country's own (closer to a
    # Scandinavian reader than English)
    said = NAMES_IN.get(lang)
    return holidays.country_holidays(
        country, categories=categories,
        language=said if said in found.supported_languages else found.default_language)
