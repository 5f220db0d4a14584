"""The scripting API: load rules, assess a case given as a file, a dict or a `Case`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ._assessment import Assessment
from ._case import (Case, allowed_levels, answers, case_from, planned as planned_of,
                    parse_level, read_case)
from ._engine import assess_case
from ._errors import UsageError
from ._rules import RuleSet, load_rules
from ._source import Document


def load_case(source: str | Path | dict[str, Any]) -> tuple[Case, Document]:
    """Read and validate a case from a path, `-` (stdin) or a dict."""
    if isinstance(source, Document):  # already read, e.g. a case inside a rule test
        doc = source
    else:
        doc = Document("<case>", source) if isinstance(source, dict) else read_case(source)
    return case_from(doc), doc


def assess(source: str | Path | dict[str, Any] | Case, rules: RuleSet | None = None, *,
           planned: int | str | None = None, today: dt.date | None = None) -> Assessment:
    """Assess one case. `planned` (1-7 or a level name) overrides the case's planned_level."""
    rules = rules or load_rules()
    if isinstance(source, Case):
        case, doc = source, Document("<case>", source.model_dump())
    else:
        case, doc = load_case(source)
    given = answers(case, {d: e.item for d, e in rules.rubrics.items()}, doc)
    if planned is not None:
        try:
            level: int | None = parse_level(planned, rules.level_labels())
        except ValueError as exc:
            raise UsageError(f"--planned: {exc}", allowed_levels()) from None
    else:
        level = planned_of(case, doc, rules.level_labels())
    return assess_case(rules, case, given, level, today)
