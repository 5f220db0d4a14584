"""The parts of an assessment besides the level: the review date, the measures, the
'find out' measures for uncertain answers, the warnings, the checklist and the
questions. Each is made from the facts alone, so the engine can remember it under the
values of the facts it depends on (see `engine.compiled`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from ..i18n import _, listing, pick
from ..model.assessment import Because, Caution, Fired, LeftOut, Measure
from ..model.vocabulary import LEVEL_NAMES, PRECONDITIONS
from ..rules.conditions import holds, named, read
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


class Ranked(list):
    """Measures in the order a plan takes them (by priority, then as written), with what
    choosing them reads of each, worked out once: the single answers each looks at for a
    concern, with the answer at its extreme (`extremes`), and those that take the
    decision back without naming the kind of decision (`held_back`)."""

    def __init__(self, rules: list[Rule]) -> None:
        super().__init__(sorted(rules, key=lambda r: r.item.get("priority", 50)))
        self.extremes = {r.key: tuple(dict.fromkeys(
            (field, _EXTREME[field[:field.index(".")]]) for field, _op, _v in _concerns(r)))
            for r in self}
        # each single answer any of them looks at, with its extreme
        self.fields = dict(pair for found in self.extremes.values() for pair in found)
        self.held_back = {r.key for r in self if r.item.get("takes_back")
                          and not named(r.item.get("when"))}


def ranked(rules: list[Rule]) -> Ranked:
    """The measures in the order a plan takes them: by priority, then as written."""
    return Ranked(rules)


class Choice(NamedTuple):
    """What a plan shows of a list of measures, and what it leaves out of those that
    apply."""

    measures: tuple  # (id, the red line that requires it, in place, the answers that brought it)
    left_out: tuple  # (id, why: room | level | covered, the measure that covers it)


def shown(rules: Ranked, facts: dict[str, Any], needs: dict[str, Rule], room: int,
          because: bool = True) -> Choice:
    """The measures of a list (`ranked`) a plan shows: the safeguards in place (not new
    work), those a red line requires, and `room` more of those that apply, leaving out
    any that a measure shown supersedes (seed 002: control in proportion, not more).

    What drives the case chooses: a measure answers the single answers that brought it
    (`brought_by`), and one that answers an answer at its extreme (a precondition's at 1,
    risk's at 5) not yet answered comes before any other; then priority. At advise and
    above a control that takes the decision back (`takes_back`) is left out unless its
    condition names the kind of decision (a tag or a task fact): there, follow-up comes
    afterwards. Without `because`, neither the answers nor what is left out are looked up
    (`rules check` needs ids), and a rule is tested only while there is room."""
    in_place = facts["safeguards"]
    chosen = [r for r in rules if r.key in in_place] if in_place else []
    if needs:
        chosen += [r for r in rules if r.key in needs and r.key not in in_place]
    covered: dict[str, str] = {}  # measure id → the measure shown that covers it
    for rule in chosen:
        for other in rule.item.get("supersedes", ()):
            covered.setdefault(other, rule.key)
    open_ = [r for r in rules if r.key not in in_place and r.key not in needs] \
        if chosen else rules
    held = rules.held_back if facts["level"] >= ADVISE else ()
    tested, drivers = _drivers(rules, open_, held, facts)
    picked = _extremes(open_, held, drivers, chosen, covered, room, facts) if drivers else set()
    room -= len(picked)
    left: list[tuple[str, str, str | None]] = []
    for rule in open_:  # then by priority
        key = rule.key
        if key in picked:
            continue
        if key in covered:
            if because and rule.test(facts):
                left.append((key, "level", None) if key in held else
                            (key, "covered", covered[key]))
            continue
        if room <= 0 and not because:
            break
        applies = tested.get(key)
        if applies is None:
            applies = key not in held and rule.test(facts)
        if applies:
            if room > 0:
                picked.add(key)
                _cover(covered, rule)
                room -= 1
            elif rule.item.get("when") is not None:  # one that applies to every case: no loss
                left.append((key, "room", None))
        elif because and key in held and rule.test(facts):
            left.append((key, "level", None))
    chosen += [r for r in open_ if r.key in picked]
    return Choice(tuple((r.key, needs[r.key].key if r.key in needs else None, r.key in in_place,
                         (drivers[r.key] if r.key in drivers else brought_by(r, facts))
                         if because and r.key not in in_place else ())
                        for r in chosen), tuple(left))


def _drivers(rules: Ranked, open_: list[Rule], held: Any, facts: dict[str, Any]
             ) -> tuple[dict[str, bool], dict[str, tuple]]:
    """Where an answer is at its extreme, the measures that may answer it: whether each
    applies (and fits the level), and the answers that brought each that does."""
    tested: dict[str, bool] = {}
    drivers: dict[str, tuple] = {}
    extreme = [f for f, value in rules.fields.items() if facts.get(f) == value]
    if extreme:
        for rule in open_:
            key = rule.key
            if any(f in extreme for f, _value in rules.extremes[key]):
                applies = tested[key] = key not in held and rule.test(facts)
                if applies:
                    drivers[key] = brought_by(rule, facts)
    return tested, drivers


def _extremes(open_: list[Rule], held: Any, drivers: dict[str, tuple], chosen: list[Rule],
              covered: dict[str, str], room: int, facts: dict[str, Any]) -> set[str]:
    """The measures a plan takes first: for each answer at its extreme not yet answered
    by a measure shown, the first that answers it (or a stronger one before it that
    applies and supersedes it: it does its job), as long as there is room. `drivers` are
    the answers that brought each that applies; `held`, those the level holds back."""
    if not any(answer == _EXTREME[f[:f.index(".")]] for found in drivers.values()
               for f, answer in found):
        return set()
    answered = {field for r in chosen for field, _answer in brought_by(r, facts)}
    picked: set[str] = set()
    for at, rule in enumerate(open_):
        if room <= 0:
            break
        found = drivers.get(rule.key, ())
        if rule.key in covered or not any(answer == _EXTREME[f[:f.index(".")]] and
                                          f not in answered for f, answer in found):
            continue
        take = next((r for r in open_[:at] if rule.key in r.item.get("supersedes", ())
                     and r.key not in covered and r.key not in held and r.test(facts)), rule)
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


def _concerns(rule: Rule) -> tuple:
    """A rule's tests of single answers for a concern, (field, op, value) each: those it
    reads as written, never one inside a `not` (which asks for the answer not to be low:
    such a measure does not answer it, and a lead's `not: {tools < 3}` on `prioritise`
    made it stand in for `access` where tools were at 1)."""
    test = rule.test
    try:
        return test.concerns  # type: ignore[attr-defined]
    except AttributeError:  # kept with the compiled condition, worked out once
        found = test.concerns = tuple(dict.fromkeys(  # type: ignore[attr-defined]
            (field, op, tuple(value) if isinstance(value, list) else value)
            for field, op, value in read(rule.get("when")) if is_concern(field, op)))
        return found


def brought_by(rule: Rule, facts: dict[str, Any]) -> tuple[tuple[str, Any], ...]:
    """The single answers (indicators) that brought the measure, whatever the averages:
    those its condition tests for being low (a precondition) or high (risk), and that are."""
    found = _concerns(rule)
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


def find_out(rules: RuleSet, dim: str, unsure: list[str]) -> tuple[Measure, Fired]:
    """The 'find out' measure for an uncertain dimension, from that dimension's rubric;
    its title names the answers that were "don't know" (`unsure`: their fields), or the
    dimension when it was answered "don't know" as a whole."""
    rubric = rules.rubrics[dim]
    # titled by the rubric's own words ("Find out what they want"), not a form field's
    # "Find out more about: Intention"; the answers that were "don't know" in brackets, as
    # a sentence names them (a strict read; and no catalogue word beside the rule's)
    said = pick(rubric.item["find_out"])
    title, _colon, how = said.partition(": ")
    names = [_indicator_label(rules, f) for f in unsure]
    if names:
        title += " ({answers})".format(answers=listing([n[:1].lower() + n[1:] for n in names]))
    how = how[:1].upper() + how[1:] if how else said
    return (Measure(id=f"find-out-{dim}", title=title, description=how,
                    addresses=[dim], rule=f"rubric:{dim}", source=rubric.source,
                    cite=rubric.get("cite")),
            Fired(f"rubric:{dim}", rubric.source, f"feedback measure find-out-{dim}"))


def fired(rules: list[Rule], facts: dict[str, Any]) -> tuple[Rule, ...]:
    """The rules among `rules` whose condition holds."""
    return tuple(r for r in rules if r.test(facts))


def warning(rules: RuleSet, rule: Rule, facts: dict[str, Any]) -> tuple[Caution, Fired]:
    return (Caution(kind=rule.item["kind"], message=fill(rules, pick(rule.item["message"]), facts),
                    rule=rule.id, source=rule.source, cite=rule.get("cite"),
                    # a rule may give no title: then its kind names it
                    title=pick(rule.item["title"]) if rule.item.get("title")
                    else rule.item["kind"]),
            Fired(rule.id, rule.source, f"warning {rule.item['kind']}"))


def prompt(rules: RuleSet, rule: Rule, facts: dict[str, Any]) -> tuple[str, Fired]:
    return (fill(rules, pick(rule.item["text"]), facts),
            Fired(rule.id, rule.source, "prompt"))
