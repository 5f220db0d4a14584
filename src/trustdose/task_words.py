"""The task in the leader's words, as the questionnaire reads them: the five fields the
agreement states (why the task matters, how we know it went well, what is always
respected, when to come to the leader first, the due date), and the tags the rules test,
shown by a label in the language; and the task facts the rules test, read by the type
the rules give them (`model.facts`).

Each reader takes one typed line and gives the value the case holds (None: skipped), or
raises `ValueError` with what is allowed. A list is typed one item per line (the terminal
joins the lines with ';') or on one line separated by ';'.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Sequence

from .i18n import MONTHS, N_, _, format_date
from .model.case import NAME_LENGTH, TEXT_LENGTH
from .model.facts import near_text, read_boolean
from .model.numbers import NumberError, parse_number
from .model.vocabulary import LOCAL_DAY

SEPARATOR = ";"  # not a comma: a ground rule may hold one

# the tags the default rules test, in a leader's words; an organisation's own tag is
# shown as it is written, with spaces for its dashes
TAG_WORDS = {"citizen-decision": N_("a decision about a citizen's rights (an authority "
                                    "decision)"),
             "leaders-decision": N_("a decision reserved for you (by law, mandate or the "
                                    "delegation rules)"),
             # done when the leader cannot be asked: a back-up line, not "ask me first"
             "weekend": N_("done at the weekend"), "evening": N_("done in the evening"),
             "night": N_("done at night"), "on-call": N_("done on call")}


def tag_label(tag: str) -> str:
    """A tag as the leader reads it: its label in the language, or its own words."""
    return _(TAG_WORDS[tag]) if tag in TAG_WORDS else tag.replace("-", " ")


def own_text(answer: str) -> str | None:
    """A few words for the agreement, as typed; Enter (or ?) leaves it to the first talk."""
    text = answer.strip()
    if not text or set(text) == {"?"}:
        return None
    if len(text) > TEXT_LENGTH:
        raise ValueError(_("That is {length} characters; at most {limit} fit here.").format(
            length=len(text), limit=TEXT_LENGTH))
    return text


def points(answer: str) -> list[str] | None:
    """A list for the agreement: the items separated by ';', each one line."""
    items = [item.strip() for item in answer.split(SEPARATOR)]
    items = [item for item in items if item and set(item) != {"?"}]
    for number, item in enumerate(items, start=1):
        if len(item) > NAME_LENGTH:
            raise ValueError(_("Point {number} is {length} characters; at most {limit} fit "
                               "in one: split it with ;").format(
                                   number=number, length=len(item), limit=NAME_LENGTH))
    return items or None


def due(answer: str, today: dt.date) -> dt.date | None:
    """The day of a one-off event or a deadline: today or later (an agreement is made
    before the day it is for), written as YYYY-MM-DD or as the language writes a date."""
    text = answer.strip()
    if not text:
        return None
    day = read_day(text, today)
    if day < today:
        raise ValueError(_("{date} is before today ({today}); the due date is the day of "
                           "the event or the deadline: today or later, or press Enter to "
                           "skip.").format(date=format_date(day), today=format_date(today)))
    return day


def read_day(text: str, today: dt.date) -> dt.date:
    """A day typed as YYYY-MM-DD (as the review asks for one), as a leader in the Nordic
    countries writes it (15-01-2027, 15.1.2027, 15/01/2027: the day first, as a batch
    cell is read) or as the report writes it in the language (15. januar 2027, 15
    januari 2027, January 15, 2027)."""
    text = text.strip()
    local = LOCAL_DAY.fullmatch(text)
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})",
                       f"{local[3]}-{local[2]}-{local[1]}" if local else text)
    numbers = re.findall(r"\d+", text)
    words = re.findall(r"[^\W\d_]+", text.casefold())
    months = [_(name).casefold() for name in MONTHS]
    try:
        if iso:
            return dt.date(*(int(part) for part in iso.groups()))
        if len(numbers) == 2 and len(words) == 1 and len(numbers[1]) == 4 \
                and len(words[0]) >= 3:
            month = next((n for n, name in enumerate(months, start=1)
                          if name.startswith(words[0])), None)
            if month is not None:
                return dt.date(int(numbers[1]), month, int(numbers[0]))
    except ValueError:
        pass
    raise ValueError(_("'{value}' is not a day in the calendar: write it as {iso} or "
                       "{long}, or press Enter to skip.").format(
                           value=text, iso=today.isoformat(), long=format_date(today)))


def fact_text(answer: str, known: Sequence[str] = ()) -> str | None:
    """A fact no rule compares as a number: as typed; refused when close to a text a rule
    tests but not it (`model.facts.near_text`)."""
    near = near_text(answer.strip(), known)
    if near is not None:
        raise ValueError(_("No rule tests '{value}', but one tests '{near}': did you mean "
                           "it? Type it again, or press Enter to skip.").format(
                               value=answer.strip(), near=near))
    return answer.strip() or None


def fact_boolean(answer: str) -> bool | None:
    """A fact a rule tests as true or false: a yes/no word of any of our languages."""
    if not answer.strip():
        return None
    found = read_boolean(answer)
    if found is None:
        raise ValueError(_("Answer y (yes) or n (no), or press Enter to skip."))
    return found


def fact_number(answer: str) -> float | int | None:
    """A fact a rule compares as a number, in the language's conventions: a word or an
    ambiguous form (60,000 in Danish) is asked again, never guessed."""
    if not answer.strip():
        return None
    try:
        return parse_number(answer)
    except NumberError as exc:
        raise ValueError(_("{problem}; {hint}; or press Enter to skip.").format(
            problem=exc.message, hint=exc.hint)) from None
