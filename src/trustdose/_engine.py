"""Case + RuleSet → Assessment: scoring, the level decision, measures, warnings, next step.

The decision follows the seeds (002, "at dosere tillid rigtigt"): the weakest of
competence, intention and resources decides how much trust the case carries (a `carry`
band), and caps (task risk, red lines) can only lower it; the lowest cap wins. An
uncertain answer counts as a middle answer (3) and brings a measure to find out, so it
never buys more freedom than a 3 would. Everything that fires is recorded in the trace.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from . import _assessment as out
from ._case import Answer, Case
from ._i18n import _, current, format_date, format_number, pick
from ._conditions import FACT_PREFIX, fields_tested
from ._vocabulary import DIMENSIONS, PRECONDITIONS
from ._rules import Entry, RuleSet

MIDDLE = 3.0  # what an uncertain answer counts as
STEP = 0.5  # the grid the next trust step searches on
MEMO_SIZE = 4096  # remembered levels and next steps per rule set (then start afresh)

_AGGREGATE = {"mean": lambda xs: sum(xs) / len(xs), "min": min, "max": max}


def score(rubric: Any, answer: Answer) -> tuple[float, bool]:
    """A dimension's score (1-5, one decimal) and whether any part of it was uncertain."""
    if answer.indicators is None:
        return (MIDDLE, True) if answer.score is None else (round(answer.score, 1), False)
    values = [MIDDLE if v is None else float(v) for v in answer.indicators.values()]
    uncertain = any(v is None for v in answer.indicators.values())
    return round(_AGGREGATE[rubric.aggregate](values), 1), uncertain


def base_facts(case: Case, scores: dict[str, float], uncertain: list[str],
               answers: dict[str, Answer], planned: int | None) -> dict[str, Any]:
    """The facts conditions may test about a case, before the level is decided."""
    indicators = {f"{dim}.{ind}": value for dim, answer in answers.items()
                  for ind, value in (answer.indicators or {}).items()}
    return make_facts(scores, indicators, uncertain=uncertain, planned=planned,
                      tags=case.task.tags, task_facts=case.task.facts,
                      kind=case.subject.kind, new_in_role=case.subject.new_in_role)


def make_facts(scores: dict[str, float], indicators: dict[str, Any], *,
               uncertain: list[str] | tuple = (), planned: int | None = None,
               tags: list[str] | tuple = (), task_facts: dict[str, Any] | None = None,
               kind: str = "person", new_in_role: bool = False) -> dict[str, Any]:
    """The facts before the level is decided; also how `rules check` builds grid cases."""
    facts: dict[str, Any] = {**scores, **indicators, "uncertain": list(uncertain),
                             "planned": planned, "tags": list(tags), "subject.kind": kind,
                             "subject.new_in_role": new_in_role}
    for name, value in (task_facts or {}).items():
        facts[FACT_PREFIX + name] = value
    _weakest(facts)
    return facts


def _weakest(facts: dict[str, Any]) -> None:
    limiting = min(PRECONDITIONS, key=lambda d: facts[d])  # ties: first in the seeds' order
    facts["limiting"], facts["weakest"] = limiting, facts[limiting]


def decide(rules: RuleSet, facts: dict[str, Any]) -> tuple[Entry, list[Entry], int]:
    """The carry band that applies, the caps and level-capping red lines that hold, and
    the resulting level: the lowest of them all, whatever the order of the files."""
    band = next(b for b in rules.carry if facts["weakest"] >= b.item.at_least)
    limits = [c for c in rules.caps if c.test(facts)] + \
        [r for r in rules.red_lines if r.item.level is not None and r.test(facts)]
    level = min([band.item.level] + [c.item.level for c in limits])
    return band, limits, level


def settle(facts: dict[str, Any], band: Entry, holding: Entry | None, level: int) -> bool:
    """Add the facts known once the level is decided; true when a cap holds it down."""
    capped = holding is not None and holding.item.level < band.item.level
    planned = facts["planned"]
    facts.update({"carried": band.item.level, "level": level, "capped": capped,
                  "planned_gap": None if planned is None else planned - level})
    return capped


def binding(limits: list[Entry]) -> Entry | None:
    """The cap or red line that sets the level; on a tie the organisation's red line."""
    return min(limits, key=lambda e: (e.item.level, e.section != "red_lines"), default=None)


def required(rules: RuleSet, facts: dict[str, Any]) -> dict[str, Entry]:
    """Measure id → the red line that requires it, for the red lines that hold."""
    wanted: dict[str, Entry] = {}
    for line in rules.red_lines:
        if line.item.require and line.test(facts):
            for measure in line.item.require:
                wanted.setdefault(measure, line)
    return wanted


class Decision(NamedTuple):
    """The level a case's facts decide, and the rules that decided it."""

    band: Entry  # the carry band of the weakest precondition
    limits: list[Entry]  # the caps and level-capping red lines that hold
    level: int
    holding: Entry | None  # the cap or red line that sets the level, if any
    needs: dict[str, Entry]  # measure id → the red line that requires it
    lines: list[Entry]  # the red lines that hold (capping or requiring)


def decision(rules: RuleSet, facts: dict[str, Any], trace: list) -> Decision:
    """Decide the level (band, caps, red lines) and record what fired in the trace."""
    band, limits, level = decide(rules, facts)
    trace.append(out.Fired(rule=band.id, source=band.source,
                           effect=f"weakest precondition {facts['weakest']:g} carries level {band.item.level}"))
    for cap in rules.caps:
        if cap in limits:
            trace.append(out.Fired(rule=cap.id, source=cap.source,
                                   effect=f"caps at level {cap.item.level}"))
    needs = required(rules, facts)
    lines = [r for r in rules.red_lines if r in limits or r in needs.values()]
    for line in lines:
        effects = ([f"caps at level {line.item.level}"] if line in limits else []) + \
            [f"requires {m}" for m in line.item.require]
        trace.append(out.Fired(rule=line.id, source=line.source,
                               effect="red line: " + "; ".join(effects)))
    return Decision(band, limits, level, binding(limits), needs, lines)


def assess_case(rules: RuleSet, case: Case, answers: dict[str, Answer],
                planned: int | None = None, today: dt.date | None = None) -> out.Assessment:
    """Assess one validated case against the rules (the core of trustdose).

    Each part of the result is made by one function below from the facts alone; the batch
    engine (`_compiled`) remembers those parts and so must see the same functions."""
    trace: list[out.Fired] = []
    scores, uncertain = {}, []
    for dim in DIMENSIONS:
        rubric = rules.rubrics[dim]
        scores[dim], unsure = score(rubric.item, answers[dim])
        if unsure:
            uncertain.append(dim)
        trace.append(rubric_fired(rubric, dim, scores[dim], unsure))
    facts = base_facts(case, scores, uncertain, answers, planned)
    decided = decision(rules, facts, trace)
    capped = settle(facts, decided.band, decided.holding, decided.level)
    cap = decided.holding if capped else None

    when = case.date or today or dt.date.today()
    review = review_rule(rules, facts, trace)
    review_date = when + dt.timedelta(days=review.item.days)
    words = placeholders(rules, facts, case.subject.name, case.task.title, review_date, cap)
    controls = _measures(rules.controls, facts, decided.needs, trace)
    feedback = _measures(rules.feedback, facts, decided.needs, trace) + \
        _find_out(rules, uncertain, trace)
    warnings = _warnings(rules.warnings, facts, words, trace)
    checklist = _prompts(rules.checklist, facts, words, trace)
    questions = _prompts(rules.questions, facts, words, trace)[:3]

    return out.Assessment(
        case_id=case.id, subject=case.subject, task=case.task,
        level=level_ref(rules, decided.level), carried=level_ref(rules, decided.band.item.level),
        carried_by=decided.band.id,
        planned=None if planned is None else level_ref(rules, planned),
        scores=scores, uncertain=uncertain, limiting=facts["limiting"],
        capped_by=cap.id if cap else None, cap_reason=pick(cap.item.reason) if cap else None,
        red_lines=red_lines(decided), controls=controls, feedback=feedback, warnings=warnings,
        next_step=_next_step_memo(rules, facts, decided.level, cap),
        review_date=review_date, checklist=checklist, questions=questions, trace=trace,
        lang=current(), date=when)


def rubric_fired(rubric: Entry, dim: str, value: float, unsure: bool) -> out.Fired:
    return out.Fired(rule=f"rubric:{dim}", source=rubric.source,
                     effect=f"{dim} = {value:g}" + (" (uncertain)" if unsure else ""))


def red_lines(decided: Decision) -> list[out.RedLine]:
    return [out.RedLine(rule=r.id, source=r.source, reason=pick(r.item.reason),
                        level=r.item.level if r in decided.limits else None,
                        require=list(r.item.require)) for r in decided.lines]


def review_rule(rules: RuleSet, facts: dict[str, Any], trace: list) -> Entry:
    """The first review rule that holds: how many days until the delegation is reviewed."""
    review = next(r for r in rules.review if r.test(facts))
    trace.append(out.Fired(rule=review.id, source=review.source,
                           effect=f"review after {review.item.days} days"))
    return review


def level_ref(rules: RuleSet, number: int) -> out.LevelRef:
    item = rules.levels[number].item
    return out.LevelRef(number=number, name=item.name, label=pick(item.label))


def next_step(rules: RuleSet, facts: dict[str, Any], level: int,
              cap: Entry | None) -> out.NextStep | None:
    """The smallest change that lifts the level by one; None at the top.

    Preconditions are raised and risk lowered on a half-point grid. One dimension is
    tried first; when none suffices (preconditions close together, or weak preconditions
    *and* high risk), the cheapest combination of a common floor for the preconditions
    and a lower risk is taken. When a cap no score can lift holds the level, `changes` is
    empty and the message names the cap.
    """
    if level >= 7:
        return None
    return step_to(rules, facts, level, cap, next_change(rules, facts, level))


def next_change(rules: RuleSet, facts: dict[str, Any], level: int) -> dict[str, float] | None:
    """The search of `next_step`: the scores to change, and to what; None if none lifts."""
    level_with, first_lift, lifting_pairs = _level_search(rules, facts)
    best: dict[str, float] | None = None
    for dim in DIMENSIONS:
        to = first_lift(dim, level)
        if to is not None and (best is None or abs(to - facts[dim]) < _cost(facts, best)):
            best = {dim: to}
    if best is None:
        def price(pair: tuple[float | None, float | None]) -> tuple[float, int]:
            # as `_cost` of the changes, adding up in the same order
            floor, risk = pair
            cost, count = 0, 0
            for dim in PRECONDITIONS:
                if floor is not None and facts[dim] < floor:
                    cost, count = cost + abs(floor - facts[dim]), count + 1
            if risk is not None:
                cost, count = cost + abs(risk - facts["risk"]), count + 1
            return cost, count

        pairs = lifting_pairs(level)
        best = _combination(facts)(min(pairs, key=price)) if pairs else None  # the first cheapest
    return best


def _combination(facts: dict[str, Any]) -> Any:
    """(floor, risk) → the changes: every precondition below the floor raised to it, and
    risk lowered to `risk` (either may be None)."""
    def changes(pair: tuple[float | None, float | None]) -> dict[str, float]:
        floor, risk = pair
        trial = {d: floor for d in PRECONDITIONS if floor is not None and facts[d] < floor}
        if risk is not None:
            trial["risk"] = risk
        return trial
    return changes


def step_to(rules: RuleSet, facts: dict[str, Any], level: int, cap: Entry | None,
            best: dict[str, float] | None) -> out.NextStep:
    """The next step that `best` (from `next_change`) makes, in words."""
    target = level_ref(rules, level + 1)
    if best is None:
        reason = pick(cap.item.reason) if cap else _("no change of the scores alone lifts it")
        return out.NextStep(level=target, changes=[], message=_(
            "The level is held whatever the scores: {reason}.").format(reason=reason))
    phrases = []
    for dim, to in best.items():
        phrase = _("lower {dimension} from {before} to {after}") if dim == "risk" else \
            _("raise {dimension} from {before} to {after}")
        phrases.append(phrase.format(dimension=pick(rules.rubrics[dim].item.title).lower(),
                                     before=format_number(facts[dim], None),
                                     after=format_number(to, None)))
    changes = _(" and ").join(phrases)
    how = " ".join(pick(rules.rubrics[d].item.grow) for d in best)
    return out.NextStep(
        level=target,
        changes=[out.Change(dimension=d, from_=facts[d], to=to) for d, to in best.items()],
        message=_("{changes} to reach {level}. {how}").format(
            changes=changes[:1].upper() + changes[1:], level=target.label, how=how))


def _next_step_memo(rules: RuleSet, facts: dict[str, Any], level: int,
                    cap: Entry | None) -> out.NextStep | None:
    """`next_step`, remembered: it depends only on the scores and the facts the level can
    depend on (and the language of its message), and a batch repeats them often."""
    key = (current(), level, cap.id if cap else None, *(facts[d] for d in DIMENSIONS),
           *_level_key(rules, facts))
    return _remembered(rules, "next steps", key, lambda: next_step(rules, facts, level, cap))


def _cost(facts: dict[str, Any], changes: dict[str, float]) -> float:
    return sum(abs(to - facts[d]) for d, to in changes.items())


_STEPS = [1 + STEP * i for i in range(int((5 - 1) / STEP) + 1)]


def _grid(value: float, down: bool) -> list[float]:
    """Half-point steps from `value` towards 1 (down) or 5 (up), excluding `value`."""
    return [s for s in reversed(_STEPS) if s < value] if down else \
        [s for s in _STEPS if s > value]


def _level_search(rules: RuleSet, facts: dict[str, Any]) -> tuple[Any, Any, Any]:
    """Three functions: changes to the scores → the level the facts would then carry; a
    dimension → the nearest grid value of it that lifts the level, if any; and the
    (floor, risk) combinations that lift it.

    The next-step search asks for many levels, and a batch for the same ones again, so
    levels are remembered under the facts they depend on; the key is made by changing a
    copy of this case's key, not by copying its facts. So is the nearest lift of each
    dimension, under what it depends on: its own score, the level key without it, and
    the other preconditions (their lowest, unless the rules test `limiting`)."""
    fields = level_fields(rules)
    at = rules.memo.get("level field places")
    if at is None:
        at = rules.memo["level field places"] = {f: i for i, f in enumerate(fields)}
    base = [_hashable(facts.get(f)) for f in fields]
    given = [facts[d] for d in PRECONDITIONS]
    weakest_at, limiting_at = at["weakest"], at.get("limiting")
    table = rules.memo.setdefault("levels", {})

    def level_with(changes: dict[str, float]) -> int:
        key = base.copy()
        for dim, to in changes.items():
            if dim in at:
                key[at[dim]] = to
        values = [changes.get(d, v) for d, v in zip(PRECONDITIONS, given)]
        weakest = min(values)
        key[weakest_at] = weakest
        if limiting_at is not None:
            key[limiting_at] = PRECONDITIONS[values.index(weakest)]
        found = table.get(tuple(key))
        if found is None:
            trial = {**facts, **changes}
            _weakest(trial)
            found = _remembered(rules, "levels", tuple(key), lambda: decide(rules, trial)[2])
        return found

    def first_lift(dim: str, level: int) -> float | None:
        key = base.copy()
        if dim in at:
            key[at[dim]] = None
        others: Any = None
        if dim in PRECONDITIONS:
            key[weakest_at] = None
            others = tuple(v for d, v in zip(PRECONDITIONS, given) if d != dim)
            if limiting_at is None:
                others = min(others)
            else:
                key[limiting_at] = None

        def search() -> float | None:
            return next((to for to in _grid(facts[dim], down=dim == "risk")
                         if level_with({dim: to}) > level), None)

        return _remembered(rules, "lifts", (dim, facts[dim], level, others, *key), search)

    def lifting_pairs(level: int) -> list[tuple[float | None, float | None]]:
        """Every (floor, risk) combination that lifts the level, in the search's order.
        With a floor the weakest precondition becomes the floor, so which combinations
        lift depends on the weakest and risk, not on each precondition (unless the rules
        test them or `limiting`)."""
        combine = _combination(facts)

        def search() -> list[tuple[float | None, float | None]]:
            return [(floor, risk) for floor in [None, *_grid(facts["weakest"], down=False)]
                    for risk in [None, *_grid(facts["risk"], down=True)]
                    if (floor, risk) != (None, None)
                    and level_with(combine((floor, risk))) > level]

        singled = limiting_at is not None or any(d in at for d in PRECONDITIONS)
        return _remembered(rules, "lifting pairs", (level, facts["risk"], *base, *(
            given if singled else ())), search)

    return level_with, first_lift, lifting_pairs


def level_fields(rules: RuleSet) -> list[str]:
    """Every fact the level can depend on: the weakest precondition and whatever the caps
    and red lines test."""
    fields = rules.memo.get("level fields")
    if fields is None:
        tested = fields_tested(e.item.when for e in [*rules.caps, *rules.red_lines])
        fields = rules.memo["level fields"] = sorted(tested | {"weakest"})
    return fields


def _level_key(rules: RuleSet, facts: dict[str, Any]) -> tuple:
    return tuple(_hashable(facts.get(f)) for f in level_fields(rules))


def _remembered(rules: RuleSet, table: str, key: tuple, compute: Any) -> Any:
    """`compute()`, remembered per rule set; bounded, so memory stays flat in long batches."""
    found = rules.memo.setdefault(table, {})
    if key not in found:
        if len(found) > MEMO_SIZE:
            found.clear()
        found[key] = compute()
    return found[key]


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def chosen(entries: list[Entry], facts: dict, needs: dict[str, Entry]
           ) -> list[tuple[Entry, Entry | None]]:
    """The measures that apply, each with the red line that requires it, if one does."""
    return [(e, needs.get(e.id)) for e in entries if e.id in needs or e.test(facts)]


def measure(entry: Entry, by: Entry | None) -> out.Measure:
    m = entry.item
    return out.Measure(id=m.id, title=pick(m.title), description=pick(m.description),
                       addresses=list(m.addresses), rule=m.id, source=entry.source,
                       cite=m.cite, required_by=by.id if by is not None else None)


def measure_fired(entry: Entry, by: Entry | None) -> out.Fired:
    return out.Fired(rule=entry.item.id, source=entry.source, effect=f"{entry.item.kind} measure"
                     + (f", required by red line {by.id}" if by else ""))


def _measures(entries: list[Entry], facts: dict, needs: dict[str, Entry],
              trace: list) -> list[out.Measure]:
    found = chosen(entries, facts, needs)
    trace.extend(measure_fired(e, by) for e, by in found)
    return [measure(e, by) for e, by in found]


def _find_out(rules: RuleSet, uncertain: list[str], trace: list) -> list[out.Measure]:
    """One 'find out' measure per uncertain dimension, from that dimension's rubric."""
    found = []
    for dim in uncertain:
        rubric = rules.rubrics[dim]
        found.append(out.Measure(
            id=f"find-out-{dim}", title=_("You were unsure about {dimension}").format(
                dimension=pick(rubric.item.title).lower()),
            description=pick(rubric.item.find_out), addresses=[dim], rule=f"rubric:{dim}",
            source=rubric.source, cite=rubric.item.cite))
        trace.append(out.Fired(rule=f"rubric:{dim}", source=rubric.source,
                               effect=f"feedback measure find-out-{dim}"))
    return found


def _warnings(entries: list[Entry], facts: dict, words: dict, trace: list
              ) -> list[out.Warning]:
    found = []
    for rule in entries:
        if rule.test(facts):
            found.append(out.Warning(kind=rule.item.kind, rule=rule.id, source=rule.source,
                                     message=pick(rule.item.message).format_map(words)))
            trace.append(out.Fired(rule=rule.id, source=rule.source, effect=f"warning {rule.item.kind}"))
    return found


def _prompts(entries: list[Entry], facts: dict, words: dict, trace: list) -> list[str]:
    texts = []
    for entry in entries:
        if entry.test(facts):
            texts.append(pick(entry.item.text).format_map(words))
            trace.append(out.Fired(rule=entry.id, source=entry.source, effect="prompt"))
    return texts


def placeholders(rules: RuleSet, facts: dict, subject: str, task: str,
                 review_date: dt.date, cap: Entry | None) -> dict[str, str]:
    """What rule texts may name: {subject}, {task}, {level}, {review_date}, …"""
    def label(n: int | None) -> str:
        return pick(rules.levels[n].item.label) if n else ""

    return {"level": label(facts["level"]), "planned": label(facts["planned"]),
            "carried": label(facts["carried"]),
            "limiting": pick(rules.rubrics[facts["limiting"]].item.title).lower(),
            "subject": subject, "task": task,
            "review_date": format_date(review_date),
            "cap_reason": pick(cap.item.reason) if cap else ""}
