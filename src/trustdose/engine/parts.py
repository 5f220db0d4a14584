"""The parts of an assessment besides the level: the review date, the measures, the
'find out' measures for uncertain answers, the warnings, the checklist and the
questions. Each is made from the facts alone, so the engine can remember it under the
values of the facts it depends on (see `engine.compiled`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from ..i18n import _, pick
from ..model.assessment import Because, Caution, Fired, LeftOut, Measure
from ..model.vocabulary import LEVEL_NAMES, PRECONDITIONS
from ..rules.conditions import holds, leaves, named
from ..rules.placeholders import fill
from ..rules.ruleset import Rule, RuleSet

QUESTIONS = 3  # a conversation opens with a few questions, not a questionnaire
SHOWN = 3  # controls, and feedback measures, a compiled shows (besides those in place or required)


def review_rule(rules: RuleSet, facts: dict[str, Any]) -> tuple[Rule, Fired]:
    """The first review rule that holds: how many days until the delegation is reviewed."""
    rule = next(r for r in rules.review if r.test(facts))
    return rule, Fired(rule.id, rule.source, f"review after {rule.item['days']} days")


def review_date(day: dt.date, rule: Rule) -> dt.date:
    return day + dt.timedelta(days=rule.item["days"])


def ranked(rules: list[Rule]) -> list[Rule]:
    """The measures in the order a plan takes them: by priority, then as written."""
    return sorted(rules, key=lambda r: r.item.get("priority", 50))


class Choice(NamedTuple):
    """What a plan shows of a list of measures, and what it leaves out of those that
    apply."""

    measures: tuple  # (id, the red line that requires it, in place, the answers that brought it)
    left_out: tuple  # (id, why: room | level | covered, the measure that covers it)


def shown(rules: list[Rule], facts: dict[str, Any], needs: dict[str, Rule], room: int,
          because: bool = True) -> Choice:
    """The measures of a list (`ranked`) a plan shows: the safeguards in place (not new
    work), those a red line requires, and `room` more of those that apply, leaving out
    any that a measure shown supersedes (seed 002: control in proportion, not more).

    What drives the case chooses: a measure answers the single answers that brought it
    (`brought_by`), and one that answers an answer at its extreme (a precondition's at 1,
    risk's at 5) not yet answered comes before any other; then priority. At advise and
    above a control that takes the decision back (`takes_back`) is left out unless its
    condition names the kind of decision (a tag or a task fact): there, follow-up comes
    afterwards. Without `because`, the answers are not returned (`rules check` needs ids)."""
    in_place = facts["safeguards"]
    chosen = [r for r in rules if r.key in in_place] if in_place else []
    if needs:
        chosen += [r for r in rules if r.key in needs and r.key not in in_place]
    covered: dict[str, str] = {}  # measure id → the measure shown that covers it
    for rule in chosen:
        _cover(covered, rule)
    left: list[tuple[str, str, str | None]] = []
    applying = [r for r in rules
                if r.key not in in_place and r.key not in needs and r.test(facts)]
    if applying and facts["level"] >= ADVISE:
        held = [r for r in applying if r.item.get("takes_back") and not named(r.get("when"))]
        if held:
            left += [(r.key, "level", None) for r in held]
            applying = [r for r in applying if r not in held]
    drivers = {r.key: found for r in applying if (found := brought_by(r, facts))}
    picked = _extremes(applying, drivers, chosen, covered, room, facts) if any(
        answer == _EXTREME[f[:f.index(".")]] for found in drivers.values()
        for f, answer in found) else set()
    room -= len(picked)
    for rule in applying:  # then by priority
        if rule.key in picked:
            continue
        if rule.key in covered:
            left.append((rule.key, "covered", covered[rule.key]))
        elif room > 0:
            picked.add(rule.key)
            _cover(covered, rule)
            room -= 1
        elif rule.item.get("when") is not None:  # one that applies to every case: no loss
            left.append((rule.key, "room", None))
    chosen += [r for r in applying if r.key in picked]
    return Choice(tuple((r.key, needs[r.key].key if r.key in needs else None, r.key in in_place,
                         (drivers.get(r.key) or brought_by(r, facts))
                         if because and r.key not in in_place else ())
                        for r in chosen), tuple(left))


def _extremes(applying: list[Rule], drivers: dict[str, tuple], chosen: list[Rule],
              covered: dict[str, str], room: int, facts: dict[str, Any]) -> set[str]:
    """The measures a plan takes first: for each answer at its extreme not yet answered
    by a measure shown, the first that answers it (or a stronger one that applies and
    supersedes it: it does its job), as long as there is room."""
    answered = {field for r in chosen for field, _answer in brought_by(r, facts)}
    stronger: dict[str, Rule] = {}  # measure id → one before it that applies and covers it
    for at, rule in enumerate(applying):
        for other in rule.item.get("supersedes", ()):
            if any(r.key == other for r in applying[at + 1:]):
                stronger.setdefault(other, rule)
    picked: set[str] = set()
    for rule in applying:
        if room <= 0:
            break
        found = drivers.get(rule.key, ())
        if rule.key in covered or not any(answer == _EXTREME[f[:f.index(".")]] and
                                          f not in answered for f, answer in found):
            continue
        take = stronger.get(rule.key)
        take = rule if take is None or take.key in covered else take
        picked.add(take.key)
        answered.update(f for r in (rule, take) for f, _answer in drivers.get(r.key, ()))
        _cover(covered, take)
        room -= 1
    return picked


def _cover(covered: dict[str, str], rule: Rule) -> None:
    for other in rule.item.get("supersedes", ()):
        covered.setdefault(other, rule.key)


ADVISE = LEVEL_NAMES.index("advise") + 1  # from here up the employee decides; follow-up after
# an answer at its extreme: a precondition's indicator at 1, risk's at 5
_EXTREME = {**{d: 1 for d in PRECONDITIONS}, "risk": 5}


def brought_by(rule: Rule, facts: dict[str, Any]) -> tuple[tuple[str, Any], ...]:
    """The single answers (indicators) that brought the measure, whatever the averages:
    those its condition tests for being low (a precondition) or high (risk), and that are."""
    test = rule.test
    try:
        found = test.concerns  # type: ignore[attr-defined]
    except AttributeError:  # kept with the compiled condition, worked out once
        found = test.concerns = tuple(dict.fromkeys(  # type: ignore[attr-defined]
            (field, op, tuple(value) if isinstance(value, list) else value)
            for field, op, value in leaves(rule.get("when")) if is_concern(field, op)))
    if not found:
        return ()
    return tuple(dict.fromkeys((field, facts[field]) for field, op, value in found
                               if holds(field, op, value, facts)))


# which tests of a single answer look for a concern: a low precondition, a high risk
_CONCERN = {**{d: ("<", "<=") for d in PRECONDITIONS}, "risk": (">", ">=")}


def is_concern(field: str, op: str) -> bool:
    """Whether a test looks at a single answer (an indicator) for a concern."""
    return "." in field and op in _CONCERN.get(field.partition(".")[0], ())


def measure(rules: RuleSet, rule: Rule, by: str | None, in_place: bool, because: tuple,
            facts: dict[str, Any]) -> tuple[Measure, Fired]:
    item = rule.item
    said = [Because(field, answer, _indicator_label(rules, field)) for field, answer in because]
    return (Measure(id=rule.id, title=fill(rules, pick(item["title"]), facts),
                    description=fill(rules, pick(item["description"]), facts),
                    addresses=list(item["addresses"]), rule=rule.id, source=rule.source,
                    cite=rule.get("cite"), required_by=by, in_place=in_place, because=said),
            Fired(rule.id, rule.source, f"{item['kind']} measure"
                  + (", in place" if in_place else "")
                  + (f", required by red line {by}" if by else "")
                  + (", brought by " + ", ".join(f"{f} = {a}" for f, a in because)
                     if because else "")))


def left_out(rules: RuleSet, by_id: dict[str, Rule], entry: tuple[str, str, str | None],
             facts: dict[str, Any]) -> LeftOut:
    """A measure the plan leaves out (an entry of `Choice.left_out`), said in words."""
    rule_id, why, by = entry
    rule = by_id[rule_id]
    if why == "covered":
        reason = _("{measure} does its job").format(
            measure=fill(rules, pick(by_id[by].item["title"]), facts))
    elif why == "level":
        reason = _("it would take the decision back before it takes effect; at this level "
                   "you follow up afterwards instead")
    else:
        reason = _("the plan shows {n} at most, and those shown answer what weighs more "
                   "here").format(n=SHOWN)
    return LeftOut(rule_id, rule.item["kind"], fill(rules, pick(rule.item["title"]), facts),
                   why, by, reason)


def _indicator_label(rules: RuleSet, field: str) -> str:
    dim, _dot, name = field.partition(".")
    for indicator in rules.rubrics[dim].item["indicators"]:
        if indicator["id"] == name:
            return pick(indicator["label"]) if "label" in indicator else name
    return name


def find_out(rules: RuleSet, dim: str) -> tuple[Measure, Fired]:
    """The 'find out' measure for an uncertain dimension, from that dimension's rubric."""
    rubric = rules.rubrics[dim]
    title = _("You were unsure about {dimension}").format(
        dimension=pick(rubric.item["title"]).lower())
    return (Measure(id=f"find-out-{dim}", title=title, description=pick(rubric.item["find_out"]),
                    addresses=[dim], rule=f"rubric:{dim}", source=rubric.source,
                    cite=rubric.get("cite")),
            Fired(f"rubric:{dim}", rubric.source, f"feedback measure find-out-{dim}"))


def fired(rules: list[Rule], facts: dict[str, Any]) -> tuple[Rule, ...]:
    """The rules among `rules` whose condition holds."""
    return tuple(r for r in rules if r.test(facts))


def warning(rules: RuleSet, rule: Rule, facts: dict[str, Any]) -> tuple[Caution, Fired]:
    return (Caution(kind=rule.item["kind"], message=fill(rules, pick(rule.item["message"]), facts),
                    rule=rule.id, source=rule.source, cite=rule.get("cite")),
            Fired(rule.id, rule.source, f"warning {rule.item['kind']}"))


def prompt(rules: RuleSet, rule: Rule, facts: dict[str, Any]) -> tuple[str, Fired]:
    return (fill(rules, pick(rule.item["text"]), facts),
            Fired(rule.id, rule.source, "prompt"))
