"""A board assessed: each area by the one engine, as `assess` assesses a case, and one
review date for the board (the earliest an area's rules give: a board is talked through
in one conversation, so each area is looked at no later than its own rules ask)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, NamedTuple, Sequence

from ..errors import CaseError
from ..intake import assess_document
from ..io.source import Document
from ..model.assessment import Assessment
from ..model.vocabulary import PRECONDITIONS
from .file import areas, said_in_area


class Board(NamedTuple):
    """A board's areas assessed, in the file's order, the board's review date, the leader
    it names (who signs its agreement), and per area the answers it gives itself."""

    path: str
    areas: tuple[Assessment, ...]
    review_date: dt.date
    leader: str | None = None
    own: tuple[frozenset[str], ...] = ()
    # per area agreed below the level it carries, its assessment at the level agreed
    # (the plan its agreement says); None where none was agreed, or at or above it
    agreed: tuple[Assessment | None, ...] = ()
    # the employee's or team's own view beside the leader's (`board --self`)
    self_view: Any = None
    cases: tuple[dict[str, Any], ...] = ()  # each area's case as given (the journal keeps it)
    # the rules' warnings about the level planned ("you planned …"): a board's level is
    # agreed, and its gap is asked as a question of the board's own
    planned_warnings: frozenset[str] = frozenset()

    @property
    def subject(self) -> Any:
        return self.areas[0].subject

    @property
    def date(self) -> dt.date:
        return self.areas[0].date

    def to_json(self) -> dict[str, Any]:
        """The board as JSON: its subject, day and review date, and each area with the
        contract an assessment has (`assess --format json`), in the file's order."""
        made = {"subject": self.subject.model_dump(mode="json"), "date": self.date.isoformat(),
                "review_date": self.review_date.isoformat(),
                "areas": [a.to_json() for a in self.areas]}
        if self.self_view is not None:
            made["self_view"] = self.self_view.to_json()
        return made


def assess_board(doc: Document, rules: Any, *, today: dt.date | None = None,
                 compiled: Any = None, views: Sequence[Path | Document] = (),
                 track: Any = None) -> Board:
    """Assess every area of the board in `doc`; a `CaseError` names every problem of
    every area at once, each once (a problem in an answer the areas share is the board's,
    said once). `views`: self-view answers files, compared with the leader's answers;
    `track`: the journal, whose review of an area after a breach holds that area."""
    from ..engine.compiled import compile_rules
    compiled = compiled or compile_rules(rules)
    cases, problems = areas(doc)
    made = []
    for area in cases:
        try:
            made.append(assess_document(area.doc, rules, today=today, compiled=compiled,
                                        track=track))
        except CaseError as exc:
            problems += [said_in_area(p, area) for p in exc.problems]
    if problems:
        if doc.text is not None:  # JSON read without positions: placed now, and said again
            doc.where(())
            return assess_board(doc, rules, today=today, compiled=compiled, views=views,
                                track=track)
        raise CaseError(list(dict.fromkeys(problems)))
    # review dates agreed apart from the rules are a case's; a board's is the earliest
    review = min(a.review_date for a in made)
    made = [a if a.review_date == review else assess_document(
        area.doc, rules, today=today, compiled=compiled, review_date=review, track=track)
        for a, area in zip(made, cases)]
    given = doc.data["areas"]
    board = Board(doc.path, tuple(made), review, doc.data.get("leader"),
                  tuple(frozenset(dim for dim in PRECONDITIONS if dim in area)
                        for area in given),
                  tuple(assess_document(area.doc, rules, today=today, compiled=compiled,
                                        review_date=review, agreed=a.planned.number,
                                        track=track)
                        if a.planned is not None and a.planned.number < a.level.number
                        else None for a, area in zip(made, cases)),
                  cases=tuple(area.doc.data for area in cases),
                  planned_warnings=planned_warnings(rules))
    if not views:
        return board
    from ..selfview.assess import self_compared
    from ..selfview.read import read_each
    read, problems = read_each(views, compiled.indicators, board.subject)
    return board._replace(self_view=self_compared(
        [area.doc.data for area in cases], [(area.get("id"), area["title"]) for area in given],
        read, board.subject, rules, compiled, today=today, problems=problems))


def planned_warnings(rules: Any) -> frozenset[str]:
    """The warnings whose rule tests the level planned (or its gap to the recommended)."""
    from ..rules.conditions import leaves
    return frozenset(w.id for w in rules.warnings
                     if any(name in ("planned", "planned_gap")
                            for name, _op, _value in leaves(w.get("when"))))

