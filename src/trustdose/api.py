"""The scripting API: read and validate a case, assess it, assess many.

The front door for scripts and notebooks; a case goes the way every front end's does
(`intake.assess_document`). The API does not read standard input or the command line's
options; a caller that has text makes a `Document` of it first.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Iterable, Iterator

from .errors import CaseError, Problem
from .i18n import _
from .intake import (TrackRecord, assess_document, document, load_case, planned_level,
                     validate)
from .io.source import Document
from .model.assessment import Assessment
from .model.case import Case
from .model.levels import allowed_levels
from .rules.loader import load_rules
from .rules.ruleset import RuleSet

__all__ = ["TrackRecord", "assess", "assess_many", "document", "load_case", "validate"]


def assess(source: str | Path | dict[str, Any] | Case | Document, rules: RuleSet | None = None,
           *, planned: int | str | None = None, today: dt.date | None = None,
           journal: TrackRecord | None = None,
           review_date: dt.date | None = None) -> Assessment:
    """Assess one case: a path, a mapping, a `Case` or a `Document`. `planned` (1-7 or a
    level name) overrides the case's planned_level; `journal` adds what it holds about
    the subject (its history and the warnings that come from it); `review_date` is the
    review day agreed instead of the one the rules give (not before the assessment)."""
    rules = rules or load_rules()
    doc = document(source)
    level = None
    if planned is not None:
        try:
            level = planned_level(planned, rules)
        except ValueError as exc:
            raise CaseError([Problem(_("planned level"), None, None, str(exc),
                                     allowed_levels(rules.level_names()))]) from None
    return assess_document(doc, rules, planned=level, today=today, track=journal,
                           review_date=review_date)


def assess_many(cases: Iterable[Any], rules: RuleSet | None = None, *,
                planned: int | str | None = None) -> Iterator[Assessment]:
    """Assess each case (a mapping, a path or a `Case`) lazily, for notebooks and scripts.

    Raises `CaseError` at the first invalid case, naming it; the `batch` command
    collects bad rows instead.
    """
    rules = rules or load_rules()
    for case in cases:
        yield assess(case, rules, planned=planned)
