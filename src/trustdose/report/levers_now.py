"""Which of the nine levers matter now, from what limits a case's or a board's
assessment: the table `SIGNALS` says, per thing an assessment can show, the levers it
points to, why (in the leader's words) and the seed passage the reason draws on.

`trustdose reflect --from FILE` puts these levers on the agenda with their reasons. The
table is the whole mapping: a signal is a test of one assessment (or of the board's
self-view beside it), never a second judgement of the case.
"""

from __future__ import annotations

from typing import Any, Callable, NamedTuple, Sequence

from ..i18n import N_, _, listing
from ..model.assessment import Assessment
from ..model.track import own_part

TOP = 7  # delegate: a level with nothing above it has no limit to speak of
LOW = 2  # an answer of 2 or less on a 1-5 indicator is a low one
# the indicators that say whether shared ground rules are in place (seed 002: clarity,
# the view of the core task, keeping agreements)
RULES_INDICATORS = ("resources.clarity", "intention.core-task", "intention.agreements")


class Signal(NamedTuple):
    """Something an assessment shows, the levers it points to, and why."""

    id: str
    levers: tuple[str, ...]
    reason: str  # N_: translated when said; {tasks} are the tasks it was seen in
    cite: str
    seen: Callable[[Assessment], bool]
    # the reason tells of the person's own preconditions or conduct: on a staff-meeting
    # agenda from a one-person case or board it is said by task only (`BY_TASK`)
    personal: bool = True


def _limits(dimension: str) -> Callable[[Assessment], bool]:
    """The precondition holds the level: the weakest, and nothing holds it lower (where a
    cap or red line does, the precondition is not what keeps more from being handed
    over: a decision reserved for the leader was said to wait for resources)."""
    return lambda a: a.limiting == dimension and a.carried.number < TOP \
        and a.level.number >= a.carried.number and not _agreed_below(a)


def _agreed_below(a: Assessment) -> bool:
    """A level agreed (a board's area) or planned below the one recommended: what keeps
    more from being handed over is that choice, not a precondition (a cold read)."""
    return a.planned is not None and a.planned.number < a.level.number


def _planned_above(a: Assessment) -> bool:
    return a.planned is not None and a.planned.number > a.level.number


def _red_line_holds(a: Assessment) -> bool:
    return a.level.number < a.carried.number and any(
        line.level == a.level.number for line in a.red_lines)


def _rules_low(a: Assessment) -> bool:
    given = a.parts.scored.value.indicators
    return any(isinstance(given.get(name), (int, float)) and not isinstance(
        given.get(name), bool) and given[name] <= LOW for name in RULES_INDICATORS)


SIGNALS: tuple[Signal, ...] = (
    Signal("intention-limits", ("purpose",), N_(
        "Intention (responsibility, the view of the core task, keeping agreements) is what "
        "keeps more responsibility from being handed over yet: {tasks}."), "002: Intentioner",
        _limits("intention")),
    Signal("competence-limits", ("competences",), N_(
        "Competence is what keeps more responsibility from being handed over yet: {tasks}."),
        "002: Kompetencer", _limits("competence")),
    Signal("resources-limit", ("common-frame", "trust-and-control"), N_(
        "The resources (time, tools, clarity, support) are what keep more responsibility "
        "from being handed over yet: {tasks}."), "002: Ressourcer", _limits("resources")),
    Signal("frame-first", ("common-frame", "trust-and-control"), N_(
        "The frame has to be in place before more responsibility can be handed over, and "
        "part of it may be set higher up: {tasks}."), "002: At præge de fælles rammer",
        # something to put in place: a frame first with nothing to fix starts now
        lambda a: a.frame_first is not None and bool(a.frame_first.measures),
        personal=False),
    Signal("planned-above", ("trust-and-control",), N_(
        "The level planned is above what the answers carry: {tasks}."),
        "002: At differentiere tilliden", _planned_above),
    Signal("red-line", ("common-frame",), N_(
        "A red line set by the organisation holds the level below what the answers carry: "
        "{tasks}."), "002: At skabe mening i de givne vilkår", _red_line_holds,
        personal=False),
    Signal("ground-rules-low", ("ground-rules",), N_(
        "Clarity, the shared view of the core task or keeping agreements is rated low: "
        "{tasks}."), "002: At definere fælles spilleregler", _rules_low),
    Signal("uncertain", ("feedback",), N_(
        "Some answers are uncertain, and being present in the work is how to find out: "
        "{tasks}."), "002: At være tillidsfuldt nærværende", lambda a: bool(a.uncertain)),
    Signal("breach-review", ("breaches",), N_(
        "After a breach of trust, the follow-up is still closer: {tasks}."),
        "002: At reagere balanceret på tillidsbrud",
        lambda a: a.follow_up is not None and not own_part(a.follow_up.causes)),
    # the leader's own part found: the level is kept while they do it, nobody is followed
    Signal("breach-own-part", ("breaches",), N_(
        "A review after a breach of trust found your own part, and the level is kept while "
        "you do it: {tasks}."),
        "002: At reagere balanceret på tillidsbrud",
        lambda a: a.follow_up is not None and own_part(a.follow_up.causes)),
)
# the board's own view beside the leader's: what the employee or team sees differently
VIEWS_DIFFER = Signal("views-differ", ("responsibility", "feedback"), N_(
    "Your view and the employee's or team's own view differ: {tasks}."),
    "002: At deklarere graden af medindflydelse; 002: En god feedbackkultur",
    lambda a: False)


class Reason(NamedTuple):
    """Why a lever matters now: the signal, said in the current language, and its cite."""

    signal: str
    text: str
    cite: str
    tasks: tuple[str, ...] = ()  # the tasks it was seen in, as titled
    personal: bool = True  # as the signal's `personal`


class LeverNow(NamedTuple):
    lever: str  # the lever's id
    reasons: tuple[Reason, ...]


def levers_now(areas: Sequence[Assessment], self_view: Any = None) -> list[LeverNow]:
    """The levers that matter now for a case (one assessment) or a board (its areas, and
    its self-view if one was given), each with its reasons, in the order of `SIGNALS`
    as first named; empty when nothing in the assessment points to a lever."""
    found: dict[str, list[Reason]] = {}
    for signal in SIGNALS:
        seen = [a.task.title for a in areas if signal.seen(a)]
        if seen:
            _add(found, signal, seen)
    differ = _views_differ(areas, self_view)
    if differ:
        _add(found, VIEWS_DIFFER, differ)
    return [LeverNow(lever, tuple(reasons)) for lever, reasons in found.items()]


def _add(found: dict[str, list[Reason]], signal: Signal, tasks: list[str]) -> None:
    named = tuple(dict.fromkeys(tasks))
    said = _(signal.reason).format(tasks=listing([quoted(t) for t in named]))
    for lever in signal.levers:
        found.setdefault(lever, []).append(Reason(signal.id, said, signal.cite, named,
                                                  signal.personal))


def _views_differ(areas: Sequence[Assessment], self_view: Any) -> list[str]:
    """The tasks where the self-view differs from the leader's (all, where it differs on
    the answers the areas share); none unless the self-view is shown."""
    if self_view is None or not self_view.shown or not self_view.differences:
        return []
    at = {d.area for d in self_view.differences}
    return [a.task.title for n, a in enumerate(areas) if None in at or n in at]


def by_task(reasons: Sequence[Reason]) -> tuple[Reason, ...]:
    """`reasons` as a staff meeting may read them when the case or board is one person's:
    those that tell of the person (a weak precondition, a breach, their own view) become
    one line naming only the tasks, with neither signal nor cite that would say which."""
    personal = [r for r in reasons if r.personal]
    if not personal:
        return tuple(reasons)
    tasks = tuple(dict.fromkeys(t for r in personal for t in r.tasks))
    said = _("What the assessment shows for {tasks} points to this lever.").format(
        tasks=listing([quoted(t) for t in tasks]))
    return (Reason(BY_TASK, said, "", tasks),
            *(r for r in reasons if not r.personal))


BY_TASK = "by-task"  # the signal of a reason said by task only (`by_task`)


def quoted(text: str) -> str:
    """A task's title inside a sentence, in the language's quotation marks."""
    return _("“{text}”").format(text=text)
