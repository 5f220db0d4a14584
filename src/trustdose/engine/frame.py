"""Frame first: when the leader's frame (time, tools, clarity, support) is what holds the
level down, the advice is a delegation with a start condition.

Seed 002 ("At dosere tillid rigtigt") makes resources the frame the leader owes, and a
gap there the leader's homework, never less freedom for a capable, willing person. So
the level is the one competence, intention and risk carry with the frame in place (the
case decided with resources and each of their indicators at 5); it starts on the day
the leader has done the homework, at the latest `START` from the assessment (or the day
before the task is due); until then the task is prepared together (`PREPARED`), or, for
work that runs already, it goes on as it is, asking the leader's advice outside its
routine (`RUNNING`), never below what the frame as it is carries. The measures that fix
the frame are the plan's own; those whose rule names a part set above the leader
(`upward` in the rule data: hours, systems, money or mandate), where the case shows the
leader cannot fix it alone (`upward_when`), are named as something to take upward.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from ..i18n import pick
from ..rules.conditions import compile_condition
from ..model.assessment import FrameFirst, Part, part
from .compiled import Compiled
from .workdays import working_day
from .decide import (FRAME_IN_PLACE, Decision, decision, decision_part, level_ref, settle,
                     settle_limiting)

NO_FRAME = part(None, {"frame_first": None})
START = dt.timedelta(days=14)  # time enough to free hours or get access; trustdose's own
PREPARED = 4  # Agree, "we decide together": how a task is prepared while the frame is fixed
# Advise: work that runs goes on while the frame is fixed, advice asked outside the routine
# (a cold read: a preschool team's parent talks and trips pulled to Agree because the
# leader's planning time was missing, the leader's frame made less freedom for them)
RUNNING = 5
# an authorised professional's work (a health visitor's, a nurse's): it goes on at its level
# while the frame is fixed, her duty does not wait for my part (a cold read: a newborn not
# gaining weight held two weeks at "we decide together")
AUTHORISED = 7
# a task done where the leader cannot be asked (the plan's back-up line, rule data): until
# the start they decide alone and tell afterwards (Inquire), never ask first (a fifth read)
AWAY, ALONE = "backup-line", 6


class Start(NamedTuple):
    """A delegation that waits for the frame: its decision, the facts it was decided on,
    their decision key, what the frame as it is carries, and the day it starts by."""

    decided: Part
    fixed: dict[str, Any]
    key: tuple
    now: int
    by: dt.date


def start(compiled: Compiled, facts: dict[str, Any], now: Decision, day: dt.date,
          due: dt.date | None) -> Start | None:
    """The delegation with its start condition, when fixing the frame lifts the level."""
    if facts["resources"] >= FRAME_IN_PLACE:
        return None
    fixed = {**facts, **compiled.frame_fixed}
    settle_limiting(fixed)
    key = compiled.decision_key(fixed)
    t = compiled.tables
    decided = t.decision.get(key)
    if decided is None:
        decided = t.decision.keep(key, decision_part(decision(compiled.rules, fixed)))
    if decided.value.level.number <= now.level.number:
        return None
    settle(fixed, decided.value)  # the next step is searched from the frame in place
    by, latest = day + START, None
    if due is not None:  # the frame is in place before the task is due
        latest = max(day, due - dt.timedelta(days=1))
        by = min(by, latest)
    # on a working day: the next, or the last one before the task's day
    by = working_day(by, compiled.country, latest, day)
    return Start(decided, fixed, key, now.level.number, by)


def upward(compiled: Compiled, facts: dict[str, Any]) -> tuple[str, ...]:
    """The measures whose part set above the leader holds for these facts: `upward_when`
    in the rule data names when the leader cannot fix it alone (hours when time is very
    short, not whenever it is), and without one the part always lies above."""
    tests = compiled.remember("upward tests", None, _upward_tests, compiled.rules)
    return tuple([m for m, test in tests if test(facts)])


def _upward_tests(rules: Any) -> list[tuple[str, Any]]:
    return [(m.id, compile_condition(m.get("upward_when")))
            for m in rules.measures().values() if m.get("upward")]


def fixing(compiled: Compiled, feedback: Part) -> tuple[str, ...]:
    """The measures of the plan that fix the frame: those for resources alone, shown, or
    left out of the plan's three for room (the start waits for all of them); all that
    `part_of` reads of the plan, so many plans share a frame first."""
    measures, plan = compiled.rules.measures(), feedback.value
    return tuple([m.id for m in plan.measures if m.addresses == ["resources"]] +
                 [m.id for m in plan.left_out if m.why == "room"
                  and measures[m.id].item["addresses"] == ["resources"]])


def part_of(compiled: Compiled, start: Start, fixing: tuple[str, ...], day: dt.date,
            above: tuple[str, ...] = (), running: int | None = None) -> Part:
    """The `frame_first` part: the level the frame in place carries, the measures that fix
    it (`fixing`), what the frame as it is carries, the level until
    the start (prepared together) and the day it starts by, and what to take upward
    (`above`: the measures whose part lies above the leader for this case, `upward`),
    which for work that runs already (`running`: the highest level it goes on at
    meanwhile, RUNNING or AUTHORISED) is how it goes on meanwhile.
    With no measure that fixes the frame (a frame short of 5 that no rule answers: time
    at 4), there is no homework to wait for: it starts on `day`."""
    rules = compiled.rules
    level, measures = start.decided.value.level.number, rules.measures()
    if not fixing:
        ref = level_ref(rules, level)
        found = FrameFirst(ref, [], level_ref(rules, start.now), ref, day, [])
        return part(found, {"frame_first": found})
    upward = [pick(measures[m].item["upward"]) for m in fixing if m in above]
    until = max(ALONE if AWAY in fixing else 0, running or 0) or PREPARED
    meanwhile = max(start.now, min(until, level))
    found = FrameFirst(level_ref(rules, level), list(fixing), level_ref(rules, start.now),
                       level_ref(rules, meanwhile), start.by, upward)
    return part(found, {"frame_first": found})
