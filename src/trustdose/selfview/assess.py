"""A self-view compared with the leader's answers of a board's areas or of one case: the
files matched to the areas, a team's combined, and the level each view carries, by the
same engine over the same task and risk."""

from __future__ import annotations

import datetime as dt
from typing import Any, Sequence

from ..errors import CaseError, Problem, UsageError
from ..i18n import _, pick
from ..intake import assess_document
from ..io.source import Document
from ..model.case import Subject
from ..model.self_view import SelfView
from ..model.vocabulary import PRECONDITIONS
from .combine import area_answers, combine
from .compare import SelfCompared, compare, dimension_score


def self_compared(cases: Sequence[dict[str, Any]], titles: Sequence[tuple[str | None, str]],
                  views: Sequence[tuple[SelfView, Document]], subject: Subject, rules: Any,
                  compiled: Any, *, today: dt.date | None = None, strict: bool = True,
                  problems: Sequence[Problem] = ()) -> SelfCompared:
    """Compare `views` with each case (a board's areas, or one case: `strict` False, where
    areas of a board's self-view that are not the case's task are passed over); a
    `CaseError` with the `problems` of the files already read and every area's at once."""
    per_view, problems = [], list(problems)
    for view, doc in views:
        answers, found = area_answers(view, doc, titles, strict)
        problems += found
        per_view.append(answers)
    if problems:
        raise CaseError(problems)
    team = subject.kind == "team"
    if not team and len(views) > 1:
        raise UsageError(_("{name} is one person: their own view is one answers file, and "
                           "{n} are given").format(name=subject.name, n=len(views)),
                         _("give one answers file; a team's board takes one from each member"))
    rubrics = {dim: rules.rubrics[dim] for dim in PRECONDITIONS}
    scored = dimension_score(rubrics, compiled.indicators)
    combined = combine(per_view, team, scored)

    def carried(n: int, answers: dict[str, Any]) -> Any:
        data = {**cases[n], **answers}
        return assess_document(Document("<self-view>", data), rules, compiled=compiled,
                               today=today).level
    leader = [{dim: case.get(dim, "uncertain") for dim in PRECONDITIONS} for case in cases]
    made = compare(leader, combined, compiled.indicators, scored, carried)
    return made._replace(labels=compiled.indicator_labels, dims={
        dim: pick(rubric.item["title"], compiled.lang) for dim, rubric in rubrics.items()})
