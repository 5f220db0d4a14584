"""The parts of an assessment besides the level: the review date, the measures, the
'find out' measures for uncertain answers, the warnings, the checklist and the
questions. Each is made from the facts alone, so the engine can remember it under the
values of the facts it depends on (see `engine.compiled`).
"""

from __future__ import annotations

import datetime as dt
import weakref
from typing import Any

from ..i18n import _, listing, pick
from ..model.assessment import Because, Caution, Fired, Measure
from ..model.vocabulary import PRECONDITIONS
from ..rules.conditions import holds, leaves
from ..rules.placeholders import fill
from ..rules.ruleset import Rule, RuleSet

QUESTIONS = 3  # a conversation opens with a few questions, not a questionnaire
SHOWN = 3  # controls, and feedback measures, a compiled shows (besides those in place or required)


def review_rule(rules: RuleSet, facts: dict[str, Any]) -> tuple[Rule, Fired]:
    """The first review rule that holds: how many days until the delegation is reviewed."""
    rule = next(r for r in rules.review if r.test(facts))
    after = "the due date" if rule.item.get("counted_from") == "due" else "the assessment"
    return rule, Fired(rule.id, rule.source, f"review {rule.item['days']} days after {after}")


def review_date(day: dt.date, rule: Rule, due_in: int | None = None,
                since: dt.date | None = None) -> dt.date:
    """The review day a rule sets: its days from `since` (by default the day of the
    assessment, `day`), or from the task's due date (`due_in` days after `day`) when it
    counts from the due date."""
    if rule.item.get("counted_from") == "due" and due_in is not None:
        return day + dt.timedelta(days=due_in + rule.item["days"])
    return (since or day) + dt.timedelta(days=rule.item["days"])


def ranked(rules: list[Rule]) -> list[Rule]:
    """The measures in the order a plan takes them: by priority, then as written."""
    return sorted(rules, key=lambda r: r.item.get("priority", 50))


def shown(rules: list[Rule], facts: dict[str, Any], needs: dict[str, Rule], room: int,
          because: bool = True) -> tuple[tuple[str, str | None, bool, tuple], ...]:
    """The measures of a list (`ranked`) a plan shows, as (id, the red line that requires
    it, in place, the answers that brought it): the safeguards in place (not new work),
    those a red line requires, and of the rest that apply the first `room` by priority,
    leaving out any that a measure shown supersedes (seed 002: control in proportion, not
    more). Without `because`, the answers are not looked up (`rules check` needs ids)."""
    in_place = facts["safeguards"]
    chosen = [r for r in rules if r.key in in_place] if in_place else []
    if needs:
        chosen += [r for r in rules if r.key in needs and r.key not in in_place]
    covered = {s for r in chosen for s in r.item.get("supersedes", ())}
    for rule in rules:
        if room <= 0:
            break
        key = rule.key
        if key not in covered and key not in in_place and key not in needs and rule.test(facts):
            chosen.append(rule)
            covered.update(rule.item.get("supersedes", ()))
            room -= 1
    return tuple((r.key, needs[r.key].key if r.key in needs else None, r.key in in_place,
                  brought_by(r, facts) if because and r.key not in in_place else ())
                 for r in chosen)


def brought_by(rule: Rule, facts: dict[str, Any]) -> tuple[tuple[str, Any], ...]:
    """The single answers (indicators) that brought the measure, whatever the averages:
    those its condition tests for being low (a precondition) or high (risk), and that are."""
    found = _CONCERNS.get(rule.test)
    if found is None:
        found = _CONCERNS[rule.test] = tuple(dict.fromkeys(
            (field, op, tuple(value) if isinstance(value, list) else value)
            for field, op, value in leaves(rule.get("when")) if is_concern(field, op)))
    return tuple(dict.fromkeys((field, facts[field]) for field, op, value in found
                               if holds(field, op, value, facts)))


# a rule's tests of single answers for a concern, kept with its compiled condition
_CONCERNS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


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


def _indicator_label(rules: RuleSet, field: str) -> str:
    dim, _dot, name = field.partition(".")
    for indicator in rules.rubrics[dim].item["indicators"]:
        if indicator["id"] == name:
            return pick(indicator["label"]) if "label" in indicator else name
    return name


def find_out(rules: RuleSet, dim: str, unsure: list[str]) -> tuple[Measure, Fired]:
    """The 'find out' measure for an uncertain dimension, from that dimension's rubric;
    its title names the answers that were "don't know" (`unsure`: their fields), or the
    dimension when it was answered "don't know" as a whole."""
    rubric = rules.rubrics[dim]
    names = [_indicator_label(rules, f) for f in unsure] or [pick(rubric.item["title"])]
    title = _("You were unsure about: {answers}").format(answers=listing(names))
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
