"""A case as given, validated and assessed: the one way into the engine.

Every front end comes through `assess_document`: the command line, a batch row, a rule
test and a script (through `api`) alike, so a case is validated one way and assessed by
one engine. Nothing here reads standard input or the command line's options; a caller
that has text (stdin, a batch file) makes a `Document` of it first.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Protocol

from pydantic import ValidationError

from .engine.assess import assess_case
from .engine.compiled import compile_rules
from .errors import CaseError, UsageError
from .i18n import _
from .io.source import Document, SourceError, read_file
from .io.validation import problems_from
from .model.assessment import Assessment
from .model.case import Case, answers, unknown_names, with_labels
from .model.levels import allowed_levels, parse_level
from .model.facts import typed_facts
from .model.track import Track
from .rules.integrity import fact_types
from .rules.ruleset import RuleSet


class TrackRecord(Protocol):
    """Where the history of a subject comes from (the journal)."""

    def track(self, subject: str) -> Track | None: ...


def document(source: str | Path | dict[str, Any] | Case | Document) -> Document:
    """A case as a document: read from a path, or made from a mapping or a `Case`."""
    if isinstance(source, Document):
        return source
    if isinstance(source, Case):
        return Document("<case>", source.model_dump(exclude_defaults=True))
    if isinstance(source, dict):
        return Document("<case>", source)
    try:
        return read_file(Path(source))
    except SourceError as exc:
        raise CaseError([exc.problem]) from None


def load_case(source: str | Path | dict[str, Any] | Document) -> tuple[Case, Document]:
    """Read and validate a case from a path, a mapping or a parsed document."""
    doc = document(source)
    return validate(doc), doc


def validate(doc: Document, indicators: dict[str, list[str]] | None = None) -> Case:
    """The case a document holds, or a `CaseError` naming every problem with its place;
    `indicators` (dimension → ids, from the rules) are named in the hints."""
    if not isinstance(doc.data, dict):
        found = type(doc.data).__name__ if doc.data is not None else _("nothing")
        raise CaseError([doc.problem((), _("a case must be a mapping, found {found}").format(
            found=found), _("start with 'subject:', 'task:' and the four dimensions"))])
    try:
        return Case.model_validate(doc.data)
    except ValidationError as exc:
        raise CaseError(problems_from(exc, doc, Case, indicators=indicators)) from None


def planned_level(value: int | str | None, rules: RuleSet) -> int | None:
    """A planned level given as 1-7 or a name in any language; ValueError with a hint."""
    return None if value is None else parse_level(value, rules.level_labels())


def assess_document(doc: Document, rules: RuleSet, *, planned: int | None = None,
                    today: dt.date | None = None, case_id: str | None = None,
                    track: TrackRecord | None = None, compiled: Any = None,
                    review_date: dt.date | None = None,
                    agreed: int | None = None) -> Assessment:
    """Validate and assess one case. `planned` (a level number) overrides the case's
    planned_level; `case_id` is used when the case gives none; `track` (the journal)
    adds the subject's history; `review_date`, the review day agreed instead of the one
    the rules give, is refused (`UsageError`) before the day of the assessment; `agreed`,
    a level agreed below the one the case carries, at which the plan is made (a board's
    area: `engine.assess.assess_case`)."""
    compiled = compiled or compile_rules(rules)
    unknown = unknown_names(doc.data, compiled.indicators, compiled.safeguards, doc.problem,
                            compiled.tags, compiled.indicator_labels)
    # a task fact has the type the rules compare it as, read in the run's language
    facts, not_typed = typed_facts(doc.data, fact_types(rules), doc.problem, compiled.lang,
                                   doc.grouped, compiled.texts)
    unknown += not_typed
    try:
        case = validate(doc, {d: with_labels(ids, compiled.indicator_labels.get(d))
                              for d, ids in compiled.indicators.items()})
    except CaseError as exc:  # every problem at once, each once (a NaN the rules compare
        placed = {(p.line, p.col) for p in not_typed}  # is no number, nor finite)
        raise CaseError([p for p in exc.problems if (p.line, p.col) not in placed] +
                        unknown) from None
    if unknown:
        raise CaseError(unknown)
    if facts:  # as the case model holds each type given as it (a number as a float)
        case.task.facts.update((name, float(value) if type(value) is int else value)
                               for name, value in facts.items())
    given = answers(case, compiled.indicators)
    if planned is None and case.planned_level is not None:
        try:
            planned = parse_level(case.planned_level, compiled.labels)
        except ValueError as exc:
            raise CaseError([doc.problem(("planned_level",), f"planned_level: {exc}",
                                         allowed_levels(rules.level_names()))]) from None
    day = case.date or today or dt.date.today()
    if case.task.due is not None and case.task.due < day:
        # an agreement is made before the day it is for: after it, the delegation is
        # reviewed (a past year is more often a slip of the keys than a plan)
        raise CaseError([doc.problem(("task", "due"), _(
            "task.due: the due date {due} is before the day of the assessment ({day}); an "
            "agreement is made before the event, and after it the delegation is "
            "reviewed").format(due=case.task.due.isoformat(), day=day.isoformat()),
            _("allowed: {day} or a later day, or no due date").format(day=day.isoformat()))])
    if review_date is not None:
        check_review_date(review_date, day)
    return assess_case(compiled, case.subject, case.task, given, planned, day,
                       case_id=case.id if case.id is not None else case_id,
                       track=track.track(case.subject.name) if track is not None else None,
                       review_date=review_date, agreed=agreed)


def check_review_date(review_date: dt.date, day: dt.date) -> None:
    """Refuse a review day before the day of the assessment (`UsageError`)."""
    if review_date < day:
        raise UsageError(
            _("the review date {date} is before the day of the assessment ({day})").format(
                date=review_date.isoformat(), day=day.isoformat()),
            _("allowed: {day} or a later day").format(day=day.isoformat()))
