"""Self-view answers files read and checked, each problem with its file, line and
column, all at once: the shape (`model.self_view`), the indicators the rubrics know, and
that each file is about the subject it is compared with."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Sequence

from pydantic import ValidationError

from ..errors import Problem, did_you_mean
from ..i18n import _
from ..io.source import Document, SourceError, read_file
from ..io.validation import problems_from
from ..model.case import Subject, normal_name
from ..model.self_view import VIEW, SelfView
from ..model.vocabulary import PRECONDITIONS


def read_each(paths: Sequence[Path | Document], indicators: dict[str, list[str]],
              subject: Subject) -> tuple[list[tuple[SelfView, Document]], list[Problem]]:
    """The files that read as self-views, and every problem of the others: the shape, an
    indicator no rubric knows, a subject other than `subject` (the person or team of the
    board or case), a file given twice (by another path or a link too), and a team
    member's file whose answers are another's copied (an attachment saved twice: it
    would count twice)."""
    problems: list[Problem] = []
    views = []
    seen: dict[tuple[int, int], str] = {}
    contents: dict[str, str] = {}
    for given in paths:
        if isinstance(given, Path):
            same = _identity(given)
            if same is not None and same in seen:
                problems.append(Problem(str(given), None, None, _(
                    "the same answers file is given twice (as {first} too): each answer "
                    "counts once").format(first=seen[same])))
                continue
            if same is not None:
                seen[same] = str(given)
        try:
            doc = read_file(given) if isinstance(given, Path) else given
        except SourceError as exc:
            problems.append(exc.problem)
            continue
        view, found = _validated(doc, indicators, subject)
        problems += found
        if view is None:
            continue
        answers = view.model_dump_json(exclude={"date", "subject"})
        if answers in contents and subject.kind == "team":
            problems.append(doc.problem((), _(
                "the same answers as {first}: a copy counts once (each member answers "
                "once, with trustdose ask)").format(first=contents[answers])))
            continue
        contents.setdefault(answers, doc.path)
        views.append((view, doc))
    return views, problems


def _identity(path: Path) -> tuple[int, int] | None:
    """The file behind a path (a link or another spelling of it is the same file)."""
    try:
        found = os.stat(path)
    except OSError:
        return None  # reading it says what is wrong
    return found.st_dev, found.st_ino


def _validated(doc: Document, indicators: dict[str, list[str]],
               subject: Subject) -> tuple[SelfView | None, list[Problem]]:
    data = doc.data
    if not isinstance(data, dict) or data.get("view") != VIEW:
        return None, [doc.problem(("view",) if isinstance(data, dict) else (), _(
            "not a self-view answers file: it has no 'view: self'"), _(
            "the employee or team writes one by answering the questions with trustdose ask"))]
    try:
        view = SelfView.model_validate(data)
    except ValidationError as exc:
        return None, problems_from(exc, doc, SelfView, indicators=indicators)
    problems = _unknown_indicators(doc, data, indicators)
    if view.subject is not None and view.subject.kind != subject.kind:
        problems.append(doc.problem(("subject", "kind"), _(
            "this self-view is a team's view of {view}; the answers it is compared with are "
            "about one person, {subject}").format(view=view.subject.name, subject=subject.name)
            if view.subject.kind == "team" else _(
            "this self-view is one person's, {view}; the answers it is compared with are "
            "about a team, {subject}").format(view=view.subject.name, subject=subject.name)))
    elif view.subject is not None and _named(view.subject.name) != _named(subject.name):
        problems.append(doc.problem(("subject",), _(
            "this self-view is about {view}; the answers it is compared with are about "
            "{subject}").format(view=view.subject.name, subject=subject.name), _(
            "give the answers file of {subject}, or leave 'subject:' out of it").format(
            subject=subject.name)))
    return (view if not problems else None), problems


def _named(name: str) -> str:
    """A name as two files that mean the same person write it: composed, spaces and case
    aside ("  hannah " is Hannah)."""
    return " ".join(normal_name(name).split()).casefold()


def _unknown_indicators(doc: Document, data: dict[str, Any],
                        indicators: dict[str, list[str]]) -> list[Problem]:
    """Every indicator the rubrics in force do not know, in the shared answers and in
    each area's."""
    places: list[tuple[tuple, Any]] = [((dim,), data.get(dim)) for dim in PRECONDITIONS]
    for i, area in enumerate(data.get("areas") or ()):
        places += [(("areas", i, dim), area.get(dim)) for dim in PRECONDITIONS]
    problems = []
    for at, answer in places:
        if not isinstance(answer, dict):
            continue
        known = indicators[at[-1]]
        for key in answer:
            if key not in known:
                problems.append(doc.problem((*at, key), _(
                    "{dim}: '{key}' is not one of its questions").format(
                    dim=at[-1], key=key), did_you_mean(key, known) or _(
                    "allowed: {names}").format(names=", ".join(known)), key=True))
    return problems
