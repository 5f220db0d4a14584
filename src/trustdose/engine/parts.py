"""The parts of an assessment besides the level: the review date, the measures, the
'find out' measures for uncertain answers, the warnings, the checklist and the
questions. Each is made from the facts alone, so the engine can remember it under the
values of the facts it depends on (see `engine.plan`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..i18n import _, pick
from ..model.assessment import Fired, Measure, Warning
from ..rules.placeholders import fill
from ..rules.ruleset import Rule, RuleSet

QUESTIONS = 3  # a conversation opens with a few questions, not a questionnaire


def review_rule(rules: RuleSet, facts: dict[str, Any]) -> tuple[Rule, Fired]:
    """The first review rule that holds: how many days until the delegation is reviewed."""
    rule = next(r for r in rules.review if r.test(facts))
    return rule, Fired(rule.id, rule.source, f"review after {rule.item['days']} days")


def review_date(day: dt.date, rule: Rule) -> dt.date:
    return day + dt.timedelta(days=rule.item["days"])


def chosen(rules: list[Rule], facts: dict[str, Any], needs: dict[str, Rule]
           ) -> list[tuple[Rule, Rule | None]]:
    """The measures that apply, each with the red line that requires it, if one does."""
    return [(r, needs.get(r.id)) for r in rules if r.id in needs or r.test(facts)]


def measure(rule: Rule, by: Rule | None) -> tuple[Measure, Fired]:
    item = rule.item
    return (Measure(id=rule.id, title=pick(item["title"]), description=pick(item["description"]),
                    addresses=list(item["addresses"]), rule=rule.id, source=rule.source,
                    cite=rule.get("cite"), required_by=by.id if by is not None else None),
            Fired(rule.id, rule.source, f"{item['kind']} measure"
                  + (f", required by red line {by.id}" if by else "")))


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


def warning(rules: RuleSet, rule: Rule, facts: dict[str, Any]) -> tuple[Warning, Fired]:
    return (Warning(kind=rule.item["kind"], message=fill(rules, pick(rule.item["message"]), facts),
                    rule=rule.id, source=rule.source),
            Fired(rule.id, rule.source, f"warning {rule.item['kind']}"))


def prompt(rules: RuleSet, rule: Rule, facts: dict[str, Any]) -> tuple[str, Fired]:
    return (fill(rules, pick(rule.item["text"]), facts),
            Fired(rule.id, rule.source, "prompt"))
