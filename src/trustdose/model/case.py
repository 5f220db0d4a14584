"""A case: who, which task, and the leader's answers about the four dimensions.

A case gives `subject`, `task`, and each of `competence`, `intention`, `resources`,
`risk` as a number 1-5, as `uncertain`, or as a mapping of rubric indicator answers
(whole numbers 1-5 or `uncertain`; an indicator left out counts as uncertain). `Case` is
the validated shape; its types are the JSON Schema editors read. Indicator ids are
checked against the rubrics in force (which only the rules know) by `unknown_names()`
(with safeguards, checked against the controls), so they are reported with the case's
other problems at once; `answers()` returns the answers ready for scoring. A key (a tag,
a task fact's name, a safeguard) has one spelling (`model.facts.is_key`), which rules
are held to as well; a task fact's value is read by the type the rules give it
(`model.facts`).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Annotated, Any, Literal, Mapping, NamedTuple, Sequence, Union

from pydantic import (BaseModel, BeforeValidator, ConfigDict, Discriminator, Field, StrictInt,
                      Tag)

from ..errors import UNSAFE, Problem, codepoint, did_you_mean
from ..i18n import _, format_date
from ..memo import Memo
from .facts import KEY_LENGTH, KEY_PATTERN
from .vocabulary import (DIMENSIONS, PEOPLE, SUBJECT_KINDS,
                         TASK_KIND_OF, TASK_KINDS, UNCERTAIN, UNCERTAIN_WORDS)

NAME_LENGTH = 200  # a name or a title (the questionnaire checks it as it is typed)
BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def text_problem(text: str, lines: bool = False) -> str | None:
    """The one rule of what text from a case (or a review note) may hold: no control
    character (C0, DEL, C1) and no bidirectional override or isolate, which would act on
    the terminal or viewer of whoever reads it; a line break only where `lines` (a
    description). What is wrong, naming the character as U+XXXX, or None."""
    for found in UNSAFE.finditer(text):
        char, at = found.group(), found.start() + 1
        if char == "\n" and lines:
            continue
        if char == "\n":
            return _("holds a line break ({code}) at character {at}: it must be one "
                     "line").format(code=codepoint(char), at=at)
        if char in BIDI:
            return _("holds the bidirectional control character {code} at character {at}, "
                     "which reorders what is shown; it is not allowed").format(
                code=codepoint(char), at=at)
        return _("holds the control character {code} at character {at}, which would act "
                 "on the screen of whoever reads it; it is not allowed").format(
            code=codepoint(char), at=at)
    if text and all(char.isspace() or unicodedata.category(char) == "Cf" for char in text):
        # a zero-width space (U+200B) and its kind show nothing: such a text is empty
        return _("holds nothing visible: only spaces or invisible characters (such as "
                 "{code}); write the text, or leave the field out").format(
            code=codepoint(next((c for c in text if not c.isspace()), text[0])))
    return None


def _one_line(value: Any) -> Any:
    """Case text on one line: a name, a title, a tag, a fact's text."""
    problem = text_problem(value) if isinstance(value, str) else None
    if problem:
        raise ValueError(problem)
    return value


def _lines(value: Any) -> Any:
    """Case text that may run over lines (a description); Windows line ends are read as
    line ends."""
    if isinstance(value, str):
        value = value.replace("\r\n", "\n")
        problem = text_problem(value, lines=True)
        if problem:
            raise ValueError(problem)
    return value


def normal_name(name: str) -> str:
    """A name in Unicode's composed form (NFC), as it is saved and looked up: "José" with
    a decomposed é (as macOS and some terminals send it) is the same name as with one
    é. Letter case is kept: "Ann" and "ann" may be two people."""
    return unicodedata.normalize("NFC", name)


def _name(value: Any) -> Any:
    """A subject's name: on one line, composed (`normal_name`)."""
    return normal_name(_one_line(value)) if isinstance(value, str) else value


OneLine = Annotated[str, BeforeValidator(_one_line)]
# (a validator after the constraints runs before them, and keeps them in the JSON Schema)
Name = Annotated[str, Field(pattern=r"\S", max_length=NAME_LENGTH),
                 BeforeValidator(_one_line)]  # not blank
SubjectName = Annotated[str, Field(pattern=r"\S", max_length=NAME_LENGTH),
                        BeforeValidator(_name)]  # not blank, composed
Key = Annotated[str, Field(pattern=KEY_PATTERN, max_length=KEY_LENGTH),
                BeforeValidator(_one_line)]  # a tag, a task fact's name, a safeguard
TEXT_LENGTH = 2000  # the leader's own words for the agreement: a few lines
LIST_LENGTH = 30  # ground rules, situations to come first: an agreement, not a manual
Point = Annotated[str, Field(pattern=r"\S", max_length=NAME_LENGTH),
                  BeforeValidator(_one_line)]  # one ground rule, one situation: one line


def _word(value: Any) -> Any:
    """Uncertain words are read whatever their case and spacing."""
    return value.strip().lower() if isinstance(value, str) else value


def _kind(value: Any) -> str | None:
    """Which form an answer takes, so that only that form is validated (and an error
    speaks of it alone): a number, a word, or indicator answers."""
    if isinstance(value, bool):  # YAML's yes/no: never a score
        return None
    if isinstance(value, (int, float)):
        return "<number>"
    if isinstance(value, str):
        return "<word>"
    if isinstance(value, dict):
        return "<indicators>"
    return None


def _task_kind(value: Any) -> Any:
    """A kind of task named in any language (`engangsopgave`, `Löpande`): its id."""
    return TASK_KIND_OF.get(value.strip().casefold(), value) if isinstance(value, str) \
        else value


Uncertain = Annotated[Literal[tuple(sorted(UNCERTAIN_WORDS))],  # type: ignore[misc]
                      BeforeValidator(_word)]
Score = Annotated[float, Field(ge=1, le=5, strict=True)]
# an indicator is answered on its anchors' scale like a dimension, half points and
# decimals too: a coach's workbook holds 4,5 where a leader stood between two anchors
IndicatorAnswer = Annotated[Union[Annotated[Score, Tag("<number>")],
                                  Annotated[Uncertain, Tag("<word>")]],
                            Discriminator(_kind, custom_error_type="answer",
                                          custom_error_message="not an answer")]
DimensionAnswer = Annotated[
    Union[Annotated[Score, Tag("<number>")], Annotated[Uncertain, Tag("<word>")],
          Annotated[dict[str, IndicatorAnswer], Tag("<indicators>")]],
    Discriminator(_kind, custom_error_type="answer", custom_error_message="not an answer"),
    Field(description="1-5, 'uncertain' (or '?'), or a mapping of indicator answers")]


ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def iso_day(text: str) -> dt.date:
    """A day written YYYY-MM-DD, and only so: Python reads week dates (2027-W03-5) and
    20261201 as days too, which no leader writes for a date (ValueError otherwise)."""
    text = text.strip()
    if not ISO_DAY.fullmatch(text):
        raise ValueError(f"not a date in the form YYYY-MM-DD: {text!r}")
    return dt.date.fromisoformat(text)


def _iso_date(value: Any) -> Any:
    """A date as a date (YAML) or as YYYY-MM-DD text (JSON); never a timestamp number."""
    if isinstance(value, dt.datetime) or not isinstance(value, (dt.date, str)):
        raise ValueError("must be a date (YYYY-MM-DD)")
    if isinstance(value, str):
        try:
            value = iso_day(value)
        except ValueError:
            raise ValueError("must be a date (YYYY-MM-DD)") from None
    if not FIRST_DAY <= value <= LAST_DAY:  # the review date must still be a day after it
        raise ValueError(_("{date} is outside the years {first} to {last}").format(
            date=value.isoformat(), first=FIRST_DAY.year, last=LAST_DAY.year))
    return value


FIRST_DAY, LAST_DAY = dt.date(1900, 1, 1), dt.date(2999, 12, 31)
IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]


Finite = Annotated[float, Field(allow_inf_nan=False)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)


class Subject(_Strict):
    """The person or team the task would be delegated to."""

    name: SubjectName
    kind: Literal[SUBJECT_KINDS] = "person"  # type: ignore[valid-type]
    new_in_role: bool = Field(False, description="new in the job, the team or the task area")


class Task(_Strict):
    """The task to delegate."""

    title: Name
    description: Annotated[str, BeforeValidator(_lines)] | None = None
    # immutable defaults: pydantic would deep-copy a [] or {} for every case (a factory
    # that is a builtin costs it a slow look at the builtin's signature at start-up)
    tags: tuple[Key, ...] = Field((), description="kinds of task red lines match on, e.g. "
                                                  "citizen-data")
    # a number is finite: JSON, which every result is written in, has no NaN or Infinity
    facts: dict[Key, Annotated[Union[str, Finite, bool], BeforeValidator(_one_line)]] = Field(
        default_factory=lambda: {},
        description="other task facts rules test as facts.<name>, e.g. amount: 25000")
    kind: Annotated[Literal[TASK_KINDS],  # type: ignore[valid-type]
                    BeforeValidator(_task_kind)] | None = Field(
        None, description="routine, one-off, ongoing or project")
    people: Annotated[str, Field(pattern=r"\S", max_length=60),
                      BeforeValidator(_one_line)] | None = Field(
        None, description="who the task is for: " + ", ".join(PEOPLE) + ", or your own words")
    safeguards: tuple[Key, ...] = Field(
        (), description="ids of controls already in place for the task, e.g. "
                        "written-instructions, four-eyes, approval, spot-checks, system-check, "
                        "authorisation")
    # the leader's own words for the agreement (seed 002: purpose, shared rules of play);
    # what a case does not give becomes a question for the first talk, never a promise
    purpose: Annotated[str, Field(pattern=r"\S", max_length=TEXT_LENGTH),
                       BeforeValidator(_lines)] | None = Field(
        None, description="why the task matters, and for whom")
    ground_rules: tuple[Point, ...] = Field(
        (), max_length=LIST_LENGTH, description="what is always respected while doing the task")
    success: Annotated[str, Field(pattern=r"\S", max_length=TEXT_LENGTH),
                       BeforeValidator(_lines)] | None = Field(
        None, description="how we will both know it went well")
    escalate: tuple[Point, ...] = Field(
        (), max_length=LIST_LENGTH,
        description="the situations in which they come to the leader first")
    due: IsoDate | None = Field(
        None, description="the date of a one-off event or a deadline (YYYY-MM-DD)")
    # the one who delegates: the agreement says it is from them, and they sign it
    leader: Name | None = Field(
        None, description="the leader who delegates the task and signs the agreement")


# The task's fields in the leader's own words (text they typed, as against ids, kinds and
# dates): what `forget` takes a name out of. A test holds every field of Task to be here
# or in TASK_CODES, so a new field is sorted where it is added.
OWN_WORDS = ("title", "description", "people", "facts", "purpose", "ground_rules",
             "success", "escalate", "leader")
TASK_CODES = ("tags", "kind", "safeguards", "due")


class Case(_Strict):
    """A delegation case as written in a case file."""

    id: OneLine | None = None
    subject: Subject
    task: Task
    competence: DimensionAnswer
    intention: DimensionAnswer
    resources: DimensionAnswer
    risk: DimensionAnswer
    planned_level: StrictInt | str | None = Field(None, description="1-7 or a level name")
    date: IsoDate | None = Field(None, description="the day of the assessment (default today)")


class Answer(NamedTuple):
    """One dimension's answer: a direct score, or indicator scores (None = uncertain)."""

    score: float | None = None  # a direct number; None with no indicators means uncertain
    indicators: tuple[tuple[str, int | None], ...] | None = None  # in the rubric's order


_SCALARS = Memo(1024)  # a batch meets the same few scores again and again


def due_said(task: Task) -> str:
    """The task's due date as a report or an agreement says it: for a one-off, when it
    happens, which is the day of an event (a trip) and the deadline of a piece of work (a
    reply to the press) alike (a cold read: "Dato:" for a reply due tomorrow, where "Frist"
    was meant); for any other task, its deadline (a due date alone is one)."""
    said = _("When: {date}.") if task.kind == "one-off" else _("Deadline: {date}.")
    return said.format(date=format_date(task.due)) if task.due is not None else ""


def answer(value: Any, known: list[str]) -> tuple[Answer, list[str]]:
    """One dimension's validated answer ready for scoring, and the indicator names in it
    that the rubric does not know (`known`: its indicator ids, in order)."""
    if not isinstance(value, dict):
        found = _SCALARS.get(value)
        if found is None:
            found = _SCALARS.keep(value, Answer(
                score=None if value in UNCERTAIN_WORDS else float(value)))
        return found, []
    return (Answer(indicators=tuple((i, None if value.get(i, UNCERTAIN) in UNCERTAIN_WORDS
                                     else value[i]) for i in known)),
            [key for key in value if key not in known])


def answers(case: Case, indicators: dict[str, list[str]]) -> tuple[Answer, ...]:
    """Each dimension's answer ready for scoring (indicators the rubric does not know
    are left out: `unknown_names` names them)."""
    return tuple(answer(getattr(case, dim), indicators[dim])[0] for dim in DIMENSIONS)


def unknown_names(data: Any, indicators: dict[str, list[str]], safeguards: list[str],
                  where: Any, tags: Sequence[str] = (),
                  labels: Mapping[str, Mapping[str, str]] | None = None) -> list[Problem]:
    """Every indicator a case's answers name that the rubrics in force do not know,
    every safeguard that is not a control of the rules, and every tag no rule tests that
    is a misspelling of one a rule tests (`near_tag`), as given (so they are reported
    with every other problem of the case, at once). `where(loc, message, hint, key)`
    makes a `Problem` at a key of the case (or, with `key` false, at a value); `labels`
    (each dimension's indicator ids → their labels) name the indicators in the hint."""
    problems = []
    for dim in DIMENSIONS:
        given = data.get(dim) if isinstance(data, dict) else None
        known = indicators.get(dim, [])
        for key in given if isinstance(given, dict) else ():
            if key not in known:
                problems.append(where((dim, key), _("unknown {dimension} indicator '{name}'")
                                      .format(dimension=dim, name=key),
                                      _hint(key, known, (labels or {}).get(dim)), True))
    task = data.get("task") if isinstance(data, dict) else None
    named = task.get("safeguards") if isinstance(task, dict) else None
    for at, name in enumerate(named if isinstance(named, list) else ()):
        if isinstance(name, str) and name not in safeguards:
            problems.append(where(("task", "safeguards", at), _(
                "unknown safeguard '{name}': not a control of the rules in force").format(
                name=name), _hint(name, safeguards), False))
    named = task.get("tags") if isinstance(task, dict) else None
    for at, name in enumerate(named if isinstance(named, list) else ()):
        near = near_tag(name, tags)
        if near is not None:
            problems.append(where(("task", "tags", at), _(
                "no rule tests the tag '{name}', so it changes nothing").format(
                name=name), _("did you mean '{name}'?").format(name=near), False))
    return problems


def near_tag(tag: object, known: Sequence[str]) -> str | None:
    """The tag the rules test that `tag`, which no rule tests, is a misspelling of
    (`use-of-forse` for `use-of-force`), or None: a tag no rule tests is the case's own
    label, unless it is this close to one a rule tests. Tags that differ only in their
    digits (`ward-10`, `ward-11`) name two things, not one misspelt."""
    if not isinstance(tag, str) or not known or tag in known:
        return None
    import difflib  # only for a tag no rule tests
    letters = _DIGITS.sub("0", tag)
    close = [near for near in difflib.get_close_matches(tag, known, n=3, cutoff=NEAR_TAG)
             if _DIGITS.sub("0", near) != letters]
    return close[0] if close else None


_DIGITS = re.compile(r"[0-9]+")


# How alike (difflib's ratio) a tag no rule tests and one a rule tests are to be taken for
# a misspelling: one letter in ten (use-of-forse, use-of-forces), not two words (night,
# nights-off)
NEAR_TAG = 0.85


def _hint(name: str, known: list[str], labels: Mapping[str, str] | None = None) -> str:
    hint = did_you_mean(name, known) or ""
    return (hint + " " if hint else "") + _("allowed: {names}").format(
        names=", ".join(with_labels(known, labels)))


def with_labels(ids: Sequence[str], labels: Mapping[str, str] | None) -> list[str]:
    """Indicator ids as a hint names them: each with its label in the language, where it
    has one (`professional (Faglige kompetencer)`): a coach knows the questions' words."""
    return [f"{i} ({labels[i]})" if labels and labels.get(i) and labels[i] != i else i
            for i in ids]
