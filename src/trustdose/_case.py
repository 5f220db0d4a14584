"""A case: who, which task, and the leader's answers about the four dimensions.

A case file (YAML or JSON, see the README) gives `subject`, `task`, and each of
`competence`, `intention`, `resources`, `risk` as a number 1-5, as `uncertain`, or as a
mapping of rubric indicator answers (1-5 or `uncertain`; an indicator left out counts as
uncertain). `Case` is the validated shape; `answers()` checks the answers against the
rubrics in force and returns them ready for scoring, with file:line:col on every problem.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, ValidationError


from ._errors import CaseError, Problem, UsageError
from ._i18n import _
from ._vocabulary import DIMENSIONS, LEVEL_NAMES
from ._source import Document, SourceError, parse_text, read_file
from ._validation import did_you_mean, problems_from

UNCERTAIN = "uncertain"
# Accepted spellings of "I don't know" in every language trustdose speaks.
UNCERTAIN_WORDS = frozenset({"uncertain", "?", "usikker", "osäker", "vet ej", "ved ikke",
                             "vet ikke"})
Name = Annotated[str, Field(pattern=r"\S", max_length=200)]  # not blank
Tag = Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$")]


_ANSWER = "1-5, 'uncertain' (or '?'), or a mapping of indicator answers"
_ANSWER_SCHEMA: dict[str, Any] = {"anyOf": [
    {"type": "number", "minimum": 1, "maximum": 5},
    {"type": "string", "enum": sorted(UNCERTAIN_WORDS)},
    {"type": "object", "additionalProperties": {"anyOf": [
        {"type": "integer", "minimum": 1, "maximum": 5},
        {"type": "string", "enum": sorted(UNCERTAIN_WORDS)}]}}]}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)


class Subject(_Strict):
    """The person or team the task would be delegated to."""

    name: Name
    kind: Literal["person", "team"] = "person"
    new_in_role: bool = Field(False, description="new in the job, the team or the task area")


class Task(_Strict):
    """The task to delegate."""

    title: Name
    description: str | None = None
    # plain [] and {} defaults (pydantic copies them per instance): `default_factory=list`
    # makes pydantic inspect the builtin's signature, which costs ~5 ms of start-up
    tags: list[Tag] = Field([], description="kinds of task red lines match on, e.g. citizen-data")
    facts: dict[Tag, str | float | bool] = Field(
        {}, description="other task facts rules test as facts.<name>, e.g. amount: 25000")


class Case(_Strict):
    """A delegation case as written in a case file."""

    id: str | None = None
    subject: Subject
    task: Task
    # checked against the rubrics by `answers`, which knows the indicators; the schema
    # extra tells editors the same
    competence: Any = Field(description=_ANSWER, json_schema_extra=_ANSWER_SCHEMA)
    intention: Any = Field(description=_ANSWER, json_schema_extra=_ANSWER_SCHEMA)
    resources: Any = Field(description=_ANSWER, json_schema_extra=_ANSWER_SCHEMA)
    risk: Any = Field(description=_ANSWER, json_schema_extra=_ANSWER_SCHEMA)
    planned_level: int | str | None = Field(None, description="1-7 or a level name")
    date: dt.date | None = Field(None, description="the day of the assessment (default today)")


class Answer(NamedTuple):
    """One dimension's answer: a direct score, or indicator scores (None = uncertain)."""

    score: float | None = None  # a direct number; None with no indicators means uncertain
    indicators: dict[str, int | None] | None = None


def parse_level(value: object, labels: dict[str, int] | None = None) -> int:
    """A level from 1-7 or a name (tell … delegate, or any of `labels`, the levels'
    names in every language, casefolded); raises ValueError with a hint."""
    if isinstance(value, bool):
        raise ValueError(_("a level is a number 1-7 or a name"))
    if isinstance(value, int) or (isinstance(value, str) and value.strip().isdigit()):
        number = int(value)
        if 1 <= number <= 7:
            return number
        raise ValueError(_("level {number} is outside 1-7").format(number=number))
    if isinstance(value, str) and value.strip().lower() in LEVEL_NAMES:
        return LEVEL_NAMES.index(value.strip().lower()) + 1
    if isinstance(value, str) and labels and value.strip().casefold() in labels:
        return labels[value.strip().casefold()]
    hint = did_you_mean(str(value).lower(), [*LEVEL_NAMES, *(labels or ())])
    raise ValueError(_("unknown level '{value}'").format(value=value) + (f"; {hint}" if hint else ""))


def read_case(source: str | Path) -> Document:
    """Read a case file, or standard input for `-`."""
    try:
        if str(source) == "-":
            import sys
            if sys.stdin is None or sys.stdin.closed:
                raise UsageError(_("no standard input to read the case from"))
            return parse_text(sys.stdin.read(), "<stdin>")
        return read_file(Path(source))
    except SourceError as exc:
        raise CaseError([exc.problem]) from None


def case_from(doc: Document) -> Case:
    """Validate the shape of a case document."""
    if not isinstance(doc.data, dict):
        found = type(doc.data).__name__ if doc.data is not None else _("nothing")
        raise CaseError([doc.problem((), _("a case must be a mapping, found {found}").format(
            found=found), _("start with 'subject:', 'task:' and the four dimensions"))])
    try:
        return Case.model_validate(doc.data)
    except ValidationError as exc:
        raise CaseError(problems_from(exc, doc, Case)) from None


def answers(case: Case, rubrics: dict[str, Any], doc: Document) -> dict[str, Answer]:
    """Check each dimension's answer against its rubric; every problem is reported."""
    problems: list[Problem] = []
    result: dict[str, Answer] = {}
    for dim in DIMENSIONS:
        value = getattr(case, dim)
        indicators = [i.id for i in rubrics[dim].indicators]
        if isinstance(value, dict):
            scores: dict[str, int | None] = dict.fromkeys(indicators)
            for key, given in value.items():
                if key not in scores:
                    hint = did_you_mean(key, indicators) or ""
                    allowed = (hint + " " if hint else "") + _("allowed: {names}").format(
                        names=", ".join(indicators))
                    problems.append(doc.problem((dim, key), _("unknown {dimension} indicator "
                                                              "'{name}'").format(
                        dimension=dim, name=key), allowed, key=True))
                    continue
                score = _score(given, whole=True)
                if score is False:
                    problems.append(doc.problem((dim, key), f"{dim}.{key}: {_wrong(given, True)}",
                                                _("answer 1, 2, 3, 4, 5 or uncertain")))
                else:
                    scores[key] = None if score is None else int(score)
            result[dim] = Answer(indicators=scores)
        else:
            score = _score(value, whole=False)
            if score is False:
                problems.append(doc.problem((dim,), f"{dim}: {_wrong(value, False)}", _(
                    "give a number from 1 to 5, 'uncertain', or a mapping of indicator "
                    "answers: {names}").format(names=", ".join(indicators))))
            else:
                result[dim] = Answer(score=score)
    if problems:
        raise CaseError(problems)
    return result


def planned(case: Case, doc: Document, labels: dict[str, int] | None = None) -> int | None:
    if case.planned_level is None:
        return None
    try:
        return parse_level(case.planned_level, labels)
    except ValueError as exc:
        raise CaseError([doc.problem(("planned_level",), f"planned_level: {exc}",
                                     allowed_levels())]) from None


def _score(value: object, whole: bool) -> float | None | bool:
    """A valid score, None for uncertain, or False when the value is not allowed."""
    if isinstance(value, str) and value.strip().lower() in UNCERTAIN_WORDS:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    if not 1 <= value <= 5 or (whole and value != int(value)):
        return False
    return float(value)


def allowed_levels() -> str:
    return _("allowed: 1-7 or {names}").format(names=", ".join(LEVEL_NAMES))


def _wrong(value: object, whole: bool) -> str:
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if whole:
        text = _("{value} is out of range; allowed: a whole number from 1 to 5 or "
                 "'uncertain'") if number else _("{value} is not a whole number from 1 to 5 "
                                                 "or 'uncertain'")
    else:
        text = _("{value} is out of range; allowed: a number from 1 to 5 or 'uncertain'") \
            if number else _("{value} is not a number from 1 to 5 or 'uncertain'")
    return text.format(value=value if number else repr(value))
