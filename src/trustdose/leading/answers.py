"""The self-check's answers from a file (`trustdose self --from FILE`): a mapping of the
sides of being worthy of trust, each a mapping of its questions' ids to an answer 1-5,
`?` when unsure, or nothing (skipped). Every problem is named with its file, line and
column, all at once (`CaseError`, exit 2)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import CaseError, did_you_mean
from ..i18n import _
from ..io.source import Document, SourceError, read_given
from .self_check import UNSURE, Answers


def read_answers(path: Path, worthy: Any, stdin: Any = None) -> Answers:
    """The answers in the file at `path` (`-`: `stdin`, the caller's) for the questions
    of `worthy` (rule items)."""
    try:
        doc = read_given(path, _("see examples/leader/self-check.yaml"), stdin)
    except SourceError as exc:
        raise CaseError([exc.problem]) from None
    return answers_in(doc, worthy)


def answers_in(doc: Document, worthy: Any) -> Answers:
    sides = {rule.item["id"]: [q["id"] for q in rule.item["questions"]] for rule in worthy}
    if not isinstance(doc.data, dict):
        raise CaseError([doc.problem((), _("the self-check's answers must be a mapping of "
                                           "the sides, each with its questions' answers"),
                                     _("see examples/leader/self-check.yaml"))])
    problems, answers = [], {}
    for side, given in doc.data.items():
        if side not in sides:
            problems.append(doc.problem((side,), _("unknown side '{side}'").format(
                side=side), did_you_mean(side, sides) or _("allowed: {names}").format(
                names=", ".join(sides)), key=True))
            continue
        if given is None:
            continue
        if not isinstance(given, dict):
            problems.append(doc.problem((side,), _("{side}: must be a mapping of its "
                                                   "questions to answers 1-5").format(
                side=side), _("allowed: {names}").format(names=", ".join(sides[side]))))
            continue
        for question, value in given.items():
            if question not in sides[side]:
                problems.append(doc.problem((side, question), _(
                    "{side}: unknown question '{question}'").format(
                    side=side, question=question), _("allowed: {names}").format(
                    names=", ".join(sides[side])), key=True))
            elif _answer(value) is False:
                problems.append(doc.problem((side, question), _(
                    "{side}.{question}: answer a whole number from 1 to 5, ? when unsure, "
                    "or leave it empty").format(side=side, question=question)))
            else:
                answers[(side, question)] = _answer(value)
    if problems:
        raise CaseError(problems)
    return answers


def _answer(value: Any) -> Any:
    """1-5, "?" or None as given; False for anything else."""
    if value is None:
        return None
    if isinstance(value, str) and value.strip() == UNSURE:
        return UNSURE
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 5:
        return value
    return False
