"""Scores, facts and the level: how a case's answers become the level it carries.

The decision follows the seeds (002, "At dosere tillid rigtigt"): the weakest of
competence, intention and resources decides how much trust the case carries (a `carry`
band), and caps (task risk, an unclear task, red lines) can only lower it; the lowest
cap wins. An uncertain answer counts as a middle answer (3), so it never buys more
freedom than a 3 would.

Facts are what conditions test (see `rules.conditions.FACTS`). Lists among them are
tuples, so that facts can be parts of the keys the engine remembers parts under.
"""

from __future__ import annotations

from typing import Any, Mapping, NamedTuple

from ..i18n import _, half_up, pick
from ..model.assessment import Fired, LevelRef, Part, RedLine, Why, part
from ..model.case import Answer
from ..model.facts import fold
from ..model.vocabulary import DIMENSIONS, MIDDLE
from ..rules.conditions import FACT_PREFIX
from ..rules.ruleset import Rule, RuleSet

_AGGREGATE = {"mean": lambda xs: sum(xs) / len(xs), "min": min, "max": max}


def score(rubric: Rule, answer: Answer) -> tuple[float, bool]:
    """A dimension's score (1-5, one decimal) and whether any part of it was uncertain."""
    if answer.indicators is None:
        return (MIDDLE, True) if answer.score is None else (half_up(answer.score), False)
    values = [MIDDLE if v is None else float(v) for _id, v in answer.indicators]
    uncertain = any(v is None for _id, v in answer.indicators)
    return half_up(_AGGREGATE[rubric.get("aggregate")](values)), uncertain


def make_facts(scores: dict[str, float], indicators: dict[str, Any], *,
               uncertain: tuple[str, ...] = (), planned: int | None = None,
               tags: tuple[str, ...] = (), task_facts: dict[str, Any] | None = None,
               kind: str = "person", new_in_role: bool = False, name: str = "",
               title: str = "", task_kind: str | None = None, people: str | None = None,
               safeguards: tuple[str, ...] = (), due_in: int | None = None,
               limiting: str | None = None, blank: dict[str, None] | None = None) -> dict[str, Any]:
    """The facts before the level is decided; also how `rules check` builds grid cases.
    `blank` holds every fact the rules test, None until the case gives it; `limiting`,
    the weakest precondition, when it is known already (`limiting_of(scores)`); `due_in`,
    the days from the day of the assessment to the task's due date, if it has one."""
    facts: dict[str, Any] = {**(blank or {}), **scores, **indicators,
                             "uncertain": tuple(uncertain), "planned": planned,
                             "tags": tuple(tags), "subject.kind": kind,
                             "subject.new_in_role": new_in_role, "subject.name": name,
                             "task.title": title, "task.kind": task_kind,
                             "task.people": people, "due_in": due_in,
                             "safeguards": tuple(sorted(set(safeguards))) if safeguards else ()}
    if task_facts:
        for fact, value in task_facts.items():  # text as the rules' text is (folded)
            facts[FACT_PREFIX + fact] = fold(value) if isinstance(value, str) else value
    if limiting is None:
        settle_limiting(facts)
    else:
        facts["limiting"], facts["weakest"] = limiting, facts[limiting]
    return facts


def limiting_of(scores: Mapping[str, Any]) -> str:
    """The weakest precondition: the lowest score of the three, on a tie the first in the
    seeds' order (competence, intention, resources; `PRECONDITIONS`, written out)."""
    competence, intention, resources = (scores["competence"], scores["intention"],
                                        scores["resources"])
    if intention < competence and intention <= resources:
        return "intention"
    if resources < competence and resources < intention:
        return "resources"
    return "competence"


def settle_limiting(facts: dict[str, Any]) -> None:
    """Set the facts `limiting` (the weakest precondition: which of the three) and
    `weakest` (its score, which the carry bands read) from the preconditions."""
    limiting = facts["limiting"] = limiting_of(facts)
    facts["weakest"] = facts[limiting]


def decide(rules: RuleSet, facts: dict[str, Any]) -> tuple[Rule, list[Rule], int]:
    """The carry band that applies, the caps and level-capping red lines that hold, and
    the resulting level: the lowest of them all (each as the safeguards in place lift
    it), whatever the order of the files."""
    band = next(b for b in rules.carry if facts["weakest"] >= b.item["at_least"])
    limits = [c for c in rules.caps if c.test(facts)] + \
        [r for r in rules.red_lines if r.get("level") is not None and r.test(facts)]
    return band, limits, min([band.item["level"]] + [lifted(c, facts)[0] for c in limits])


# The frame is in place only when every part of it is (resources at 5): any lower
# threshold would let a better frame lower the level (a frame of 3.9 would start the
# delegation the risk carries, one of 4 would not), which `rules check` refuses
FRAME_IN_PLACE = 5.0


def frame_in_place(rules: RuleSet, facts: dict[str, Any]) -> dict[str, Any] | None:
    """Frame first (`engine.frame`): the facts with the frame in place (resources and
    each of their indicators at 5), when the frame as it is is short of that; `rules
    check` and `rules diff` decide a point as `assess` does."""
    if facts["resources"] >= FRAME_IN_PLACE:
        return None
    fixed = {**facts, "resources": 5.0,
             **{f"resources.{i}": 5 for i in rules.indicators("resources")}}
    settle_limiting(fixed)
    return fixed


def lifted(limit: Rule, facts: dict[str, Any]) -> tuple[int, str | None]:
    """A cap's or red line's level with the safeguards in place (seed 002: meaningful
    control is what makes more freedom safe), and the safeguard that lifts it, if one
    does: the one that lifts it furthest."""
    level, by = limit.item["level"], None
    lifts = limit.item.get("lifted_by")
    if lifts:
        for name in facts["safeguards"]:
            if lifts.get(name, 0) > level:
                level, by = lifts[name], name
    return level, by


def binding(limits: list[Rule], facts: dict[str, Any]) -> Rule | None:
    """The cap or red line that sets the level; on a tie the organisation's red line."""
    return min(limits, key=lambda r: (lifted(r, facts)[0], r.section != "red_lines"),
               default=None)


def required(rules: RuleSet, facts: dict[str, Any]) -> dict[str, Rule]:
    """Measure id → the red line that requires it, for the red lines that hold."""
    wanted: dict[str, Rule] = {}
    for line in rules.red_lines:
        if line.get("require") and line.test(facts):
            for measure in line.item["require"]:
                wanted.setdefault(measure, line)
    return wanted


def team_meaning(rules: RuleSet, number: int) -> str:
    """What a level means, said to a team: its own text where the rules give one."""
    item = rules.levels[number].item
    return pick(item.get("meaning_team") or item["meaning"])


def level_ref(rules: RuleSet, number: int) -> LevelRef:
    item = rules.levels[number].item
    return LevelRef(number=number, name=item["name"], label=pick(item["label"]))


class Decision(NamedTuple):
    """The level a case's facts decide, the rules that decided it, and how to say it."""

    level: LevelRef
    carried: LevelRef  # what the weakest precondition carries before any cap
    band: Rule  # the carry band of the weakest precondition
    cap: Rule | None  # the cap or red line holding the level below what is carried
    needs: dict[str, Rule]  # measure id → the red line that requires it
    red_lines: list[RedLine]  # the red lines that hold (capping or requiring)
    trace: list[Fired]
    why: Why
    lifts: dict[str, str]  # limit id → the safeguard in place that lifts it
    cap_reason: str | None  # why the cap holds, and what lifts it, in words
    # a cap or red line that holds the level where the weakest precondition carries it
    # too (not in the JSON: nothing is capped), and why, for the report to say
    held_too: str | None = None
    # the level for what the written instructions do not cover, where a cap lifted by them
    # alone holds below the level decided (seed 002: a safeguard makes more freedom safe
    # only as far as it reaches; a cold read of a school kitchen: the allergy routine is
    # theirs, an exception to it is not "ask me and choose for yourselves"), else None
    uncovered: int | None = None
    # the safeguard in place that lets the limit holding the level (a cap, or one held at
    # the level carried) go as high as it does, else None: a board says it in one line
    held_by: str | None = None

    @property
    def cap_id(self) -> str | None:
        return self.cap.id if self.cap is not None else None


def decision(rules: RuleSet, facts: dict[str, Any]) -> Decision:
    """Decide the level (band, caps, red lines) from the facts; what fired, in order."""
    band, limits, level = decide(rules, facts)
    levels = {limit.id: lifted(limit, facts) for limit in limits}
    trace = [Fired(band.id, band.source,
                   f"weakest precondition {facts['weakest']:g} carries level {band.item['level']}")]
    trace += [Fired(cap.id, cap.source, _caps(cap, levels[cap.id]))
              for cap in rules.caps if cap in limits]
    needs = required(rules, facts)
    lines = [r for r in rules.red_lines if r in limits or r in needs.values()]
    for line in lines:
        effects = ([_caps(line, levels[line.id])] if line in limits else []) + \
            [f"requires {m}" for m in line.get("require")]
        trace.append(Fired(line.id, line.source, "red line: " + "; ".join(effects)))
    holding = binding(limits, facts)
    cap = holding if holding is not None and levels[holding.id][0] < band.item["level"] \
        else None
    why = Why(band.get("cite"), cap.get("cite") if cap else None,
              pick(rules.levels[level].item["meaning"]),
              tuple(level_ref(rules, n) for n in sorted(rules.levels)),
              {d: pick(rules.rubrics[d].item["title"]) for d in DIMENSIONS},
              {s.id: s.item["title"] for s in rules.sources}, team_meaning(rules, level))
    lifts = {limit_id: by for limit_id, (_level, by) in levels.items() if by is not None}
    return Decision(level_ref(rules, level), level_ref(rules, band.item["level"]), band, cap,
                    needs, [RedLine(r.id, r.source, pick(r.item["reason"]),
                                    levels[r.id][0] if r in limits else None,
                                    list(r.get("require"))) for r in lines], trace, why,
                    lifts, _reason(rules, cap, lifts),
                    _reason(rules, holding, lifts) if holding is not None and cap is None
                    and levels[holding.id][0] == band.item["level"] else None,
                    _uncovered(limits, levels, level),
                    lifts.get(holding.id) if holding is not None else None)


def _uncovered(limits: list[Rule], levels: dict[str, tuple[int, str | None]],
               level: int) -> int | None:
    """The lowest level a cap lifted by the written instructions holds without them, where
    that is below the level decided: what the instructions do not cover is decided there."""
    below = [limit.item["level"] for limit in limits
             if levels[limit.id][1] == "written-instructions" and limit.item["level"] < level]
    return min(below, default=None)


def decision_part(d: Decision) -> Part:
    """The decision as a part of an assessment, its JSON encoded once."""
    return part(d, {"level": d.level, "carried": d.carried, "carried_by": d.band.id,
                    "capped_by": d.cap_id, "cap_reason": d.cap_reason,
                    "red_lines": d.red_lines}, d.trace)


def _caps(limit: Rule, level: tuple[int, str | None]) -> str:
    number, by = level
    return f"caps at level {number}" + (f" (lifted from {limit.item['level']} by safeguard "
                                        f"{by})" if by else "")


def _reason(rules: RuleSet, cap: Rule | None, lifts: dict[str, str]) -> str | None:
    """Why the cap holds; with a safeguard that lifts it, what the safeguard allows."""
    if cap is None:
        return None
    # with a safeguard, what it allows, not the cap's own reason, which names the level
    # below ("so you decide together"; cold reads: "no decision is taken before it is
    # talked over with you" beside Inquire, lifted by an authorisation)
    by = lifts.get(cap.id)
    return pick(cap.item["reason"]) if by is None else held_by(rules, by)


def held_by(rules: RuleSet, safeguard: str) -> str:
    """Why a cap a safeguard in place lifts holds the level where it does: said as what
    the safeguard already does, the level not named again, and "as long as the task stays
    the same", for the next step may be to lower what holds it (a cold read saw "no
    higher" beside a step to the level above, and crossed both out)."""
    title = pick(rules.measures()[safeguard].item["title"]).lower()
    return _("when {safeguard} is in place, the level can be this high, but no higher as "
             "long as the task stays the same").format(safeguard=title)


def settle(facts: dict[str, Any], decided: Decision) -> None:
    """Add the facts known once the level is decided."""
    settle_level(facts, decided.carried.number, decided.level.number, decided.cap)


def settle_level(facts: dict[str, Any], carried: int, level: int, cap: Rule | None) -> None:
    """Add the facts known once the level is decided: what was carried, the level, the
    cap holding it below that (if any) and how far the plan is from it."""
    planned = facts["planned"]
    facts["carried"], facts["level"] = carried, level
    facts["capped"], facts["cap"] = cap is not None, cap.id if cap is not None else None
    facts["planned_gap"] = None if planned is None else planned - level
