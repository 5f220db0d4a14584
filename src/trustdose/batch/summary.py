"""The summary of a batch run, in two steps: `Summary` counts as the rows come (one cheap
count a case; workers' counts added up), and `Summary.figures()` turns the counts into
`Figures`, the one structure every rendering of the summary reads (text, Markdown, JSON,
the HTML page, a workbook's summary sheet): the levels, planned against recommended,
the spread of weakest preconditions and of frame-first homework, the mean scores, the
warnings, the rejected rows, and whose history was used. Labels are in the language the
run was assessed in; ids are kept beside them for JSON."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, NamedTuple

from ..i18n import N_, _
from ..memo import Memo
from ..model.assessment import Assessment, LevelRef

# planned against recommended: the sense of the gap (planned level minus recommended)
ABOVE, BELOW, MATCHED, UNPLANNED = "above", "below", "matched", "unplanned"
PLAN_LABELS = {
    ABOVE: N_("planned higher (more trust)"),
    BELOW: N_("planned lower (more control)"),
    MATCHED: N_("planned as recommended"),
    UNPLANNED: N_("no level planned")}


class Count(NamedTuple):
    """One line of a spread: what is counted (its id and its label) and how many cases."""

    id: str
    label: str
    count: int


class Mean(NamedTuple):
    """A dimension's mean score over the cases assessed (None: none was)."""

    id: str
    label: str
    mean: float | None


@dataclass(frozen=True)
class Figures:
    """What a batch run came to, ready to render: each spread a tuple of `Count`s (levels
    in the scale's order, with the levels no case got; the rest most common first)."""

    assessed: int
    rejected: int
    levels: tuple[Count, ...]
    plans: tuple[Count, ...]  # above, below, matched, unplanned (every one, 0 or not)
    weakest: tuple[Count, ...]  # every weakest precondition that occurred
    homework: tuple[Count, ...]  # frame-first measures: what leaders put in place first
    framed: int  # cases whose start waits for homework (frame first)
    means: tuple[Mean, ...]  # competence, intention, resources, risk
    warnings: tuple[Count, ...]
    histories: int  # cases assessed with the journal's history
    journal: str | None  # the journal whose history was used, if one was
    left_out: str = ""  # why none was

    @property
    def cases(self) -> int:
        return self.assessed + self.rejected


class Summary:
    """Counts for the end of a run. A case is counted under a few parts it shares with
    many others (the decision, the plan, the warnings, the frame first), so memory stays
    flat however long the run; the scores under their four values."""

    def __init__(self) -> None:
        self.outcomes: Counter = Counter()  # (decided, weakest, warning kinds, past,
        # planned, homework ids) → cases; made plain (no parts) to cross to the main process
        self.kinds: Memo = Memo()  # a warnings part → the kinds of its warnings
        self.scores: Counter = Counter()  # the four scores, in the scale's order → cases
        self.rejected = 0
        self.histories = 0  # cases whose subject the journal knew
        self.scale: tuple[LevelRef, ...] = ()  # the seven levels, as the rules name them
        self.dimensions: dict[str, str] = {}  # id → label, in the order of the scores
        self.measures: dict[str, str] = {}  # a homework measure's id → its title

    def add(self, a: Assessment | None) -> None:
        if a is None:
            self.rejected += 1
            return
        parts = a.parts
        scored, frame = parts.scored.value, parts.frame.value
        homework = tuple(frame.measures) if frame is not None and frame.measures else ()
        # the warnings by their kinds, which is all the summary says of them: the parts
        # differ in their words (hundreds in a long run), their kinds seldom
        warnings = parts.warnings
        kinds = self.kinds.get(warnings)
        if kinds is None:
            kinds = self.kinds.keep(warnings, tuple([w.kind for w in warnings.value]))
        outcome = (parts.decided, scored.limiting, kinds, parts.past, parts.planned, homework)
        if not self.scale:
            titles = parts.decided.value.why.titles
            self.scale = parts.decided.value.why.scale
            self.dimensions = {d: titles[d] for d in scored.scores}
        if homework and not self.measures.keys() >= set(homework):
            self.measures.update({m.id: m.title for m in [*a.left_out, *a.feedback]})
        if parts.past.value.lines:  # a history: parts made for this case alone, counted
            self.histories += 1  # plain so memory stays flat
            outcome = _plain(outcome)
        self.outcomes[outcome] += 1
        self.scores[tuple(scored.scores.values())] += 1

    def plain(self) -> "Summary":
        """The same counts under plain keys (level, weakest, its name, warning kinds),
        to send from a worker process to the main one."""
        plain = Summary()
        plain.merge(self)
        plain.outcomes = Counter()
        for outcome, count in self.outcomes.items():
            plain.outcomes[_plain(outcome)] += count
        return plain

    def merge(self, other: "Summary") -> None:
        """Add the counts of another part of the same run."""
        self.outcomes.update(other.outcomes)
        self.scores.update(other.scores)
        self.rejected += other.rejected
        self.histories += other.histories
        self.scale = self.scale or other.scale
        self.dimensions = self.dimensions or other.dimensions
        self.measures.update(other.measures)

    @property
    def cases(self) -> int:
        return sum(self.outcomes.values())

    def figures(self, warning_titles: dict[str, str], journal: str | None = None,
                left_out: str = "") -> Figures:
        """The counts as `Figures`; `warning_titles` names the warning kinds, `journal`
        the journal whose history was used (None: none was, for the reason `left_out`)."""
        levels: Counter = Counter()
        plans: Counter = Counter({key: 0 for key in PLAN_LABELS})
        weakest: Counter = Counter()
        homework: Counter = Counter()
        warnings: Counter = Counter()
        framed = 0
        # a loop over every outcome counted (thousands in a long run): each count added
        # in place, no mapping made for it
        for outcome, count in self.outcomes.items():
            level, limiting, kinds, planned, fixes = _plain(outcome)
            levels[level] += count
            plans[_sense(planned, level)] += count
            weakest[limiting] += count
            if fixes:
                framed += count
                for measure in fixes:
                    homework[measure] += count
            for kind in kinds:
                warnings[kind] += count
        return Figures(
            assessed=self.cases, rejected=self.rejected,
            levels=tuple(Count(ref.name, ref.label, levels[ref.number]) for ref in self.scale),
            plans=tuple(Count(key, _(PLAN_LABELS[key]), plans[key]) for key in PLAN_LABELS),
            weakest=_ranked(weakest, self.dimensions), homework=_ranked(homework, self.measures),
            framed=framed,
            means=self._means(), warnings=_ranked(warnings, warning_titles),
            histories=self.histories, journal=journal, left_out=left_out)

    def _means(self) -> tuple[Mean, ...]:
        cases = sum(self.scores.values())
        sums = [math.fsum(sorted(s[i] * n for s, n in self.scores.items()))
                for i in range(len(self.dimensions))]  # sorted: the same sum in any order
        return tuple(Mean(d, label, round(total / cases, 2) if cases else None)
                     for (d, label), total in zip(self.dimensions.items(), sums))


def figures_of(results: Iterable[Assessment | None], warning_titles: dict[str, str]) -> Figures:
    """The figures of a run's results (None for a rejected row), as a batch counts them."""
    summary = Summary()
    for result in results:
        summary.add(result)
    return summary.figures(warning_titles)


def _ranked(counts: Counter, labels: dict[str, str]) -> tuple[Count, ...]:
    """Most common first; ties in the order of their ids, so every run says the same."""
    return tuple(Count(key, labels.get(key, key), n)
                 for key, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _sense(planned: int | None, level: int) -> str:
    if planned is None:
        return UNPLANNED
    return ABOVE if planned > level else BELOW if planned < level else MATCHED


def _plain(outcome: tuple) -> tuple:
    """An outcome without parts: (level number, weakest, warning kinds, planned level
    number or None, homework ids)."""
    if len(outcome) == 5:
        return outcome  # plain already
    decided, limiting, kinds, past, planned, homework = outcome
    plan = planned.value
    cautions = past.value.cautions
    return (decided.value.level.number, limiting,
            (*kinds, *[c.kind for c in cautions]) if cautions else kinds,
            None if plan is None else plan.number, homework)
