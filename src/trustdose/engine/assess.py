"""Case + rules → Assessment: the one orchestration of the engine.

`assess`, `batch`, the rule tests and the API all come here. Each part of the result is
made by a function of `decide`, `parts`, `lists`, `next_step` or `history` from the facts alone,
remembered by the compiled under the facts it depends on (`engine.compiled`), and its JSON is
encoded once, when it is made (`model.assessment.Part`). The assessment's JSON is its
parts' JSON joined in the order of `model.assessment.KEYS`; a list (feedback, warnings,
the trace) joins what each part adds to it. The trace lists what fired in the order of
the parts: rubrics, level, review date, measures, warnings, prompts.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from ..memo import Memo
from ..model.assessment import (SEP, Assessment, Fired, History, Part,
                                Parts, Scored, add_list, encode, part, piece)
from ..model.case import Answer, Subject, Task
from ..model.track import Track, own_part
from ..model.vocabulary import DIMENSIONS, RUNNING_KINDS
from . import frame, lists, parts, steps, workdays
from .compiled import Compiled
from .decide import (decision, decision_part, level_ref, limiting_of,
                     make_facts, score, settle)
from .history import held, history
from .holds import AGREED, HELD, agreed_at, held_at

CASE_ID = b'{"case_id": '
FEEDBACK, LEFT_OUT, WARNINGS, TRACE = (b', "' + key + b'": ['
                                       for key in (b"feedback", b"left_out", b"warnings", b"trace"))
NONE_LEFT_OUT = LEFT_OUT + b"]"
NO_HISTORY = part(History([], []), {"history": []})  # without a journal


def assess_case(compiled: Compiled, subject: Subject, task: Task, answers: tuple[Answer, ...],
                planned: int | None, day: dt.date, case_id: str | None = None,
                track: Track | None = None, review_date: dt.date | None = None,
                agreed: int | None = None) -> Assessment:
    """Assess one validated case (answers checked against the rubrics) on `day`; a
    `review_date` agreed apart from the rules (not before `day`) is the one every part
    shows; `agreed`, a level agreed below the one the case carries, is held (`holds`).

    Each part is looked up in the compiled's tables under what it depends on, and made only
    when it is not there (`table.get(key) or table.keep(key, make(…))`; a part is never
    empty). A batch spends most of its time here, so the lookups are written out."""
    t = compiled.tables
    scored = t.scores.get(answers) or t.scores.keep(answers, _scored(compiled, answers))
    s: Scored = scored.value
    facts = make_facts(s.scores, s.indicators, uncertain=s.uncertain, planned=planned,
                       tags=task.tags, task_facts=task.facts, kind=subject.kind,
                       new_in_role=subject.new_in_role, name=subject.name, title=task.title,
                       task_kind=task.kind, people=task.people, safeguards=compiled.in_place(task),
                       due_in=None if task.due is None else (task.due - day).days,
                       limiting=s.limiting, blank=compiled.blank)
    level_key = compiled.decision_key(facts)
    decided = t.decision.get(level_key) or t.decision.keep(level_key,
                                                           _decision(compiled, facts))
    lv = _level(compiled, facts, decided, level_key, track, day, task, agreed)
    decided, d, start = lv.decided, lv.decided.value, lv.start
    scores, stepping = (s.scores, facts) if start is None else (
        {**s.scores, "resources": start.fixed["resources"]}, start.fixed)
    review = _review_of(compiled, facts, day, lv, review_date)
    facts["review_date"] = review.value
    key = (scores["competence"], scores["intention"], scores["resources"], scores["risk"],
           lv.key)
    step = steps.held(compiled, d, track.review is not None and own_part(
        track.review.causes)) if track is not None and d.cap_id == HELD else \
        steps.said(compiled, stepping, key)
    planned_part = t.planned.get(planned) or t.planned.keep(planned, _planned(compiled, planned))
    weakened = compiled.rules.weakened  # said in every result: no limit weakened unseen
    context = t.context.get(day) or t.context.keep(day, part(weakened, {
        "lang": compiled.lang, "country": compiled.country, "date": day,
        "weakened": weakened}))
    controls, feedback = s.answered
    controls = lists.measures(compiled, compiled.controls, facts, d.needs, parts.SHOWN, controls)
    feedback = lists.measures(compiled, compiled.feedback, facts, d.needs, s.room, feedback)
    framed = frame.NO_FRAME if start is None else _framed(compiled, facts, start, feedback, day)
    if start is not None and not framed.value.measures:  # nothing to wait for: from today
        review = _review_of(compiled, facts, day, lv._replace(start=None), review_date)
        facts["review_date"] = review.value
    made = Parts(
        scored=scored, decided=decided, planned=planned_part, review=review,
        controls=controls, feedback=feedback, find_outs=s.find_outs,
        warnings=lists.texts(compiled, compiled.warnings, facts),
        checklist=lists.texts(compiled, compiled.checklist, facts),
        questions=lists.texts(compiled, compiled.questions, facts), step=step, context=context,
        past=NO_HISTORY if track is None else _history(compiled, track, planned,
                                                       d.level.number, day, task.title),
        frame=framed)
    return Assessment(case_id, subject, task, day, compiled.lang, made, _pieces(made, [
        CASE_ID, encode(case_id), _echo(t.subject, t.echoed, "subject", subject),
        _echo(t.task, t.echoed, "task", task)]))


def _framed(compiled: Compiled, facts: dict[str, Any], start: frame.Start, feedback: Part,
            day: dt.date) -> Part:
    """The frame first part, remembered under what it reads of the plan (the measures
    that fix the frame: `frame.fixing`, once per plan) and of the case."""
    fixing = compiled.remember("frame fixing", feedback, frame.fixing, compiled, feedback)
    above = frame.upward(compiled, facts)
    running = frame.AUTHORISED if "authorisation" in facts["safeguards"] else \
        frame.RUNNING if facts.get("task.kind") in RUNNING_KINDS else None
    return compiled.remember("frame first", (start.decided, start.now, start.by, fixing, day,
                                             above, running), frame.part_of, compiled, start,
                             fixing, day, above, running)


class Level(NamedTuple):
    """The level a case gets: its decision and the key it is remembered under, the closer
    follow-up of a review still running (level, reviewed, until), and the delegation that
    waits for the frame (frame first)."""

    decided: Part
    key: tuple
    hold: tuple | None
    start: frame.Start | None


def _level(compiled: Compiled, facts: dict[str, Any], decided: Part, key: tuple,
           track: Track | None, day: dt.date, task: Task,
           agreed: int | None = None) -> Level:
    """The decision, held by a review's closer follow-up still running, or at a level
    agreed below it, or the delegation with a start condition when the leader's frame is
    what holds it down; the facts settled on it."""
    hold = held(track, day, task.title) if track is not None else None
    due = task.due
    if hold is not None and hold[0] < decided.value.level.number:
        decided = held_at(compiled, decided.value, hold, track)
    # frame first while no follow-up runs: after a breach the repair talk comes first, and
    # no start condition promises a level above the one held (seed 002, brud på tilliden)
    start = frame.start(compiled, facts, decided.value, day, due) if hold is None else None
    if agreed is not None and hold is None and \
            agreed < (start.decided if start is not None else decided).value.level.number:
        # what was agreed is the level: no start condition promises more; but where the
        # frame holds the level back, the level agreed waits for the leader's part too (a
        # cold read: a reading lead planned at Advise told to decide over the teachers
        # before she had the time or the mandate)
        decided = agreed_at(compiled, decided.value, agreed)
        settle(facts, decided.value)
        waits = start._replace(decided=decided) if start is not None and \
            start.now < agreed else None
        return Level(decided, (key, AGREED, agreed), None, waits)
    if start is not None:  # the delegation, from the day the frame is in place
        decided, key = start.decided, start.key
    settle(facts, decided.value)
    return Level(decided, key, hold, start)


def _review_of(compiled: Compiled, facts: dict[str, Any], day: dt.date, lv: Level,
               agreed: dt.date | None) -> Part:
    """The review: counted from the start of a delegation that waits for the frame, and
    within a closer follow-up still running."""
    review = _review_part(compiled, facts, day if lv.start is None else lv.start.by, day,
                          agreed)
    if agreed is None and lv.hold is not None and review.value > lv.hold[2]:
        # within the follow-up: on its last working day
        until = workdays.working_day(lv.hold[2], compiled.country, lv.hold[2], day)
        review = _review(compiled, facts, day, day, until, "at the end of the closer follow-up")
    return review


def _echo(table: Memo, echoed: Memo, name: str, given: Subject | Task) -> bytes:
    """`, "subject": {…}` (or the task) as the case gives it, remembered under the
    validated model's own JSON: every field of the model is in it (one added later too),
    and true, 1 and 1.0 (or -0.0 and 0) are told apart, as Python's equality would not.
    A model met before is found by itself first (a batch validates each group of cells
    once, `io.cells`, so most cases share theirs), its JSON not made again: `echoed`
    holds the model itself beside its echo, so its id names no other object meanwhile."""
    seen = echoed.get(id(given))
    if seen is not None and seen[0] is given:
        return seen[1]
    key = given.__pydantic_serializer__.to_json(given)
    echo = table.get(key) or table.keep(key, SEP + piece(name, given))
    echoed.keep(id(given), (given, echo))
    return echo


def _pieces(made: Parts, out: list[bytes]) -> list[bytes]:
    """The JSON object, as the pieces of its parts (each with the comma before it) after
    the pieces `out` starts with."""
    out += (made.decided.head, made.planned.head, made.scored.head, made.decided.tail,
            made.controls.head)
    if made.find_outs.items:
        add_list(out, FEEDBACK, made.feedback.items, made.find_outs.items)
    else:
        out.append(made.feedback.head)
    if made.controls.left_out or made.feedback.left_out:
        add_list(out, LEFT_OUT, made.controls.left_out, made.feedback.left_out)
    else:
        out.append(NONE_LEFT_OUT)
    if made.past.items:
        add_list(out, WARNINGS, made.warnings.items, made.past.items)
    else:
        out.append(made.warnings.head)
    out += (made.step.head, made.frame.head, made.review.head, made.checklist.head,
            made.questions.head)
    add_list(out, TRACE, made.scored.trace, made.decided.trace, made.review.trace,
             made.controls.trace, made.feedback.trace, made.find_outs.trace,
             made.warnings.trace, made.checklist.trace, made.questions.trace)
    out += (made.context.head, made.past.head)
    return out


def _planned(compiled: Compiled, planned: int | None) -> Part:
    """The level the leader planned, if any."""
    level = None if planned is None else level_ref(compiled.rules, planned)
    return part(level, {"planned": level})


def _scored(compiled: Compiled, answers: tuple[Answer, ...]) -> Part:
    """The scores of the four answers (and the 'find out' measures for those that were
    uncertain); each dimension's score is remembered by itself (few values), and the
    scores' JSON joined from theirs."""
    t = compiled.tables
    table = t["score"]
    made = [table.get((dim, answer)) or table.keep((dim, answer),
                                                   _dimension(compiled, dim, answer))
            for dim, answer in zip(DIMENSIONS, answers)]
    scores = {dim: m.value.score for dim, m in zip(DIMENSIONS, made)}
    uncertain = tuple([dim for dim, m in zip(DIMENSIONS, made) if m.value.uncertain])
    indicators = {k: v for m in made for k, v in m.value.indicators.items()}
    limiting = limiting_of(scores)
    key = (uncertain, limiting)
    table = t["scores tail"]
    tail = table.get(key) or table.keep(key, SEP.join(
        [piece("uncertain", list(uncertain)), piece("limiting", limiting)]))
    table = t["find out"]
    # which answers were "don't know": the find-out measures name them
    unsure = (uncertain, tuple([k for k, v in indicators.items() if v is None]))
    find_outs = table.get(unsure) or table.keep(unsure, _find_outs(compiled, *unsure))
    # the 'find out' measures for uncertain answers come first among the feedback: what
    # room they leave for the others
    room = parts.SHOWN - min(parts.SHOWN, len(find_outs.value))
    # what the answers alone decide of the measures shown, read off facts of the answers
    # alone (every other fact blank: the tests they go to read none), made when needed
    alone: list[dict[str, Any]] = []

    def facts() -> dict[str, Any]:
        if not alone:
            alone.append(make_facts(scores, indicators, uncertain=uncertain, limiting=limiting,
                                    blank=compiled.blank))
        return alone[0]
    answered = (compiled.controls.answered(answers, facts),
                compiled.feedback.answered(answers, facts))
    return Part(Scored(scores, uncertain, indicators, limiting, find_outs, room, answered),
                b', "scores": {' + b", ".join([m.head for m in made]) + b"}, " + tail,
                fired=tuple([f for m in made for f in m.fired]),
                trace=b", ".join([m.trace for m in made]))


class Dimension(NamedTuple):
    """The value of one dimension's score part."""

    score: float
    uncertain: bool  # whether any part of the answer was uncertain
    indicators: dict[str, Any]  # dimension.indicator → the answer


def _dimension(compiled: Compiled, dim: str, answer: Answer) -> Part:
    rubric = compiled.rules.rubrics[dim]
    value, unsure = score(rubric, answer)
    fired = Fired(f"rubric:{dim}", rubric.source,
                  f"{dim} = {value:g}" + (" (uncertain)" if unsure else ""))
    return Part(Dimension(value, unsure, {f"{dim}.{i}": v for i, v in answer.indicators or ()}),
                piece(dim, value), fired=(fired,), trace=encode(fired))


def _decision(compiled: Compiled, facts: dict[str, Any]) -> Part:
    return decision_part(decision(compiled.rules, facts))


def _review_part(compiled: Compiled, facts: dict[str, Any], since: dt.date, day: dt.date,
                 agreed: dt.date | None) -> Part:
    """The review date, counted from `since` (the day of the assessment, or the start of
    a delegation that waits for the frame), remembered; or the one agreed apart from the
    rules, with the rule that would have set it traced with it."""
    if agreed is not None:
        return _review(compiled, facts, since, day, agreed)
    key = (compiled.review_key(facts), since, day)
    t = compiled.tables
    return t.review.get(key) or t.review.keep(key, _review(compiled, facts, since, day))


def _review(compiled: Compiled, facts: dict[str, Any], since: dt.date, day: dt.date,
            agreed: dt.date | None = None, why: str = "as agreed") -> Part:
    """The review a rule sets: its days from `since`, or from the task's due date (which
    is `due_in` days after the day of the assessment, `day`) for a rule counted from it."""
    rule, fired = parts.review_rule(compiled.rules, facts)
    asked = parts.review_date(day, rule, facts["due_in"], since)
    date = workdays.working_day(asked, compiled.country)  # a day the workplace is open
    if date != asked:
        fired = fired._replace(effect=f"{fired.effect}, moved from {asked.isoformat()} "
                                      f"({workdays.closed(asked, compiled.country)}) to the "
                                      "next working day")
    if agreed is not None:
        fired = fired._replace(effect=f"review on {agreed.isoformat()} {why} "
                                      f"(instead of {date.isoformat()}: {fired.effect})")
        date = agreed
    return part(date, {"review_date": date}, [fired])


def _find_outs(compiled: Compiled, uncertain: tuple[str, ...],
               unsure: tuple[str, ...]) -> Part:
    made = [parts.find_out(compiled.rules, dim, [f for f in unsure if f.startswith(dim + ".")])
            for dim in uncertain]
    return part([m for m, _f in made], {}, [f for _m, f in made], [m for m, _f in made],
                "feedback")


def _history(compiled: Compiled, track: Track | None, planned: int | None, level: int,
             day: dt.date, task: str) -> Part:
    past = history(track, planned, level, day, lambda n: level_ref(compiled.rules, n), task)
    return Part(past, SEP + piece("history", past.lines),
                items=SEP.join([encode(c) for c in past.cautions]))
