"""The checks a rule set must pass as a whole, once its layers are merged: every
dimension has a rubric, the seven levels are there under their names, the carry bands
cover 1-5 without falling, a review rule always holds, red lines require known measures,
safeguards are controls that lift a limit, a measure supersedes only measures of its
kind, conditions test known fields with values a case can hold (each task fact as one
type: `fact_types`), texts use known placeholders, and every cite names a known
source's heading (or `trustdose`). Each problem names the
file:line:col of the layer that wrote the value (`problem_at`).
"""

from __future__ import annotations

import hashlib
import json
import weakref
from typing import Any, Callable

from ..errors import Problem, did_you_mean
from ..i18n import _
from ..model.vocabulary import DIMENSIONS, LEVEL_NAMES
from ..model.case import near_tag
from ..model.facts import key_spelling
from .conditions import (DECIDED_FACTS, FACT_PREFIX, FACTS, ORDERING, compared_as, fields_of,
                         is_known, leaves)
from .values import fact_problems
from .placeholders import PLACEHOLDERS, names_in
from .ruleset import Disabled, Rule, RuleSet

ProblemAt = Callable[..., Problem]  # (rule, path in it, message, hint) → Problem


def digest_of(rules: list[Rule], disabled: list[Disabled]) -> str:
    """A content hash of the rules in force, so results can be reproduced."""
    content = [[r.section, r.key, r.raw] for r in rules]
    content += [["disabled", d.rule.section, d.rule.key] for d in disabled]
    text = json.dumps(content, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def check_whole(rules: RuleSet, where: str, problem_at: ProblemAt) -> list[Problem]:
    """Every problem of the merged rule set; `where` names the last layer (for problems
    that belong to no one rule)."""
    problems: list[Problem] = []
    for dim in DIMENSIONS:
        if dim not in rules.rubrics:
            problems.append(Problem(where, None, None, _(
                "no rubric for the dimension '{dimension}'").format(dimension=dim),
                _("each of competence, intention, resources, risk needs one")))
    for number, name in enumerate(LEVEL_NAMES, start=1):
        level = rules.levels.get(number)
        if level is None:
            problems.append(Problem(where, None, None, _(
                "level {number} ({name}) is not defined").format(number=number, name=name)))
        elif level.item["name"] != name:
            problems.append(problem_at(level, ("name",), _(
                "level {number} must be named '{name}', found '{found}'").format(
                number=number, name=name, found=level.item["name"]),
                _("the seven levels are: {names}").format(names=", ".join(LEVEL_NAMES))))
    problems += _bands(rules, where, problem_at)
    if not any(r.get("when") is None for r in rules.review):
        problems.append(Problem(where, None, None, _("no review rule without a condition"),
                                _("add a last review rule with only id and days, as the "
                                  "default")))
    measures = rules.measures()
    for line in rules.red_lines:
        for i, wanted in enumerate(line.get("require")):
            if wanted not in measures:
                problems.append(problem_at(line, ("require", i), _(
                    "red line requires an unknown measure '{id}'").format(id=wanted),
                    _culprit(rules, wanted) or did_you_mean(wanted, measures) or
                    _("require names measure ids")))
    problems += check_each(rules, problem_at)
    problems += _lifts(rules, problem_at) + _supersedes(rules, problem_at) + \
        _takes_back(rules, problem_at) + _levers(rules, problem_at)
    return problems + _safeguards_tested(rules, problem_at) + _tags_tested(rules, problem_at)


def _tags_tested(rules: RuleSet, problem_at: ProblemAt) -> list[Problem]:
    """A tag one test names, this close to a tag only earlier layers test
    (`model.case.near_tag`), is a misspelling of it: a case carries one spelling, and the
    other test never holds. Tags of one layer are its own words (a ward's name each)."""
    order = {layer.name: at for at, layer in enumerate(rules.layers)}
    tests: dict[str, list[tuple[Rule, tuple]]] = {}
    for rule in rules.all_rules():
        condition = rule.get("when")
        for (loc, _name), (field, _op, value) in zip(fields_of(condition), leaves(condition)) \
                if condition else ():
            listed = isinstance(value, list)
            for i, tag in enumerate(value if listed else [value]) if field == "tags" else ():
                at = ("when",) + loc[:-1] + (("value", i) if listed else ("value",))
                tests.setdefault(tag, []).append((rule, at))
    problems = []
    first = {tag: min(order.get(r.layer, 0) for r, _at in found) for tag, found in tests.items()}
    # the tags of the layers before each layer, listed once a layer (a layer may test
    # thousands of tags: listing them again for each would cost their square)
    before = {at: [t for t in tests if first[t] < at] for at in set(first.values())}
    for tag, [(rule, at)] in ((t, found) for t, found in tests.items() if len(found) == 1):
        near = near_tag(tag, before[first[tag]])
        if near is not None:
            where = tests[near][0][0].source
            problems.append(problem_at(rule, at, _(
                "no other rule tests the tag '{name}', so a case given '{near}' ({where}) "
                "never meets it").format(name=tag, near=near, where=where),
                _("did you mean '{name}'?").format(name=near)))
    return problems


def _safeguards_tested(rules: RuleSet, problem_at: ProblemAt) -> list[Problem]:
    """A safeguard a rule tests is a control: a case may put no other in place."""
    controls = [c.id for c in rules.controls]
    problems = []
    for rule in rules.all_rules():
        condition = rule.get("when")
        for (loc, _name), (field, _op, value) in zip(fields_of(condition), leaves(condition)) \
                if condition else ():
            listed = isinstance(value, list)
            for i, name in enumerate(value if listed else [value]):
                if field == "safeguards" and isinstance(name, str) and name not in controls:
                    problems.append(problem_at(rule, ("when",) + loc[:-1] + (
                        ("value", i) if listed else ("value",)), _(
                        "'{name}' is not a control, so no case has it in place").format(
                        name=name), did_you_mean(name, controls) or
                        _("safeguards are ids of control measures")))
    return problems


def check_each(rules: RuleSet, problem_at: ProblemAt) -> list[Problem]:
    """The problems each rule has by itself (its condition's fields, its texts'
    placeholders, its cite): also looked for when other rules did not validate, so a
    rule folder's problems come all at once, not in rounds."""
    problems: list[Problem] = []
    indicators = {f"{d}.{i['id']}" for d, r in rules.rubrics.items()
                  for i in r.item["indicators"]}
    headings = {source.id: set(source.item["headings"]) for source in rules.sources}
    for rule in rules.every_rule():
        problems += _conditions(rule, indicators, problem_at) + _texts(rule, problem_at) + \
            _cites(rule, headings, problem_at)
    return problems + fact_problems(rules.all_rules(), problem_at)


def _lifts(rules: RuleSet, problem_at: ProblemAt) -> list[Problem]:
    """A safeguard that lifts a cap or red line is a control, and lifts it above its level."""
    problems = []
    controls = [c.id for c in rules.controls]
    for limit in [*rules.caps, *rules.red_lines]:
        for name, level in limit.get("lifted_by").items():
            if name not in controls:
                problems.append(problem_at(limit, ("lifted_by", name), _(
                    "'{name}' is not a control, so it cannot be a safeguard").format(name=name),
                    _culprit(rules, name) or did_you_mean(name, controls) or
                    _("safeguards are ids of control measures")))
            elif limit.get("level") is not None and level <= limit.item["level"]:
                set_at = problem_at(limit, ("level",), "")  # a later layer's patch, maybe
                problems.append(problem_at(limit, ("lifted_by", name), _(
                    "'{name}' lifts '{id}' to level {level}, which is not above its level "
                    "{own}").format(name=name, id=limit.id, level=level, own=limit.item["level"]),
                    _("a safeguard only ever raises the level") + "; " + _(
                        "its level {own} is set at {where}").format(
                        own=limit.item["level"], where=_placed(rules, set_at))))
    return problems


def _supersedes(rules: RuleSet, problem_at: ProblemAt) -> list[Problem]:
    problems = []
    for kind in (rules.controls, rules.feedback):
        ids = [m.id for m in kind]
        for measure in kind:
            for i, other in enumerate(measure.get("supersedes")):
                if other not in ids or other == measure.id:
                    problems.append(problem_at(measure, ("supersedes", i), _(
                        "'{id}' is not another {kind} measure").format(
                        id=other, kind=measure.item["kind"]),
                        _culprit(rules, other) or did_you_mean(other, ids) or
                        _culprit(rules, measure.id)))
    return problems


def _takes_back(rules: RuleSet, problem_at: ProblemAt) -> list[Problem]:
    """Only a control takes the decision back: feedback never checks a decision."""
    return [problem_at(measure, ("takes_back",), _(
        "feedback measure '{id}' cannot take the decision back").format(id=measure.id),
        _culprit(rules, measure.id) or _("only a control (kind: control) can; leave "
                                         "takes_back out"))
        for measure in rules.feedback if measure.get("takes_back")]


def _culprit(rules: RuleSet, name: str) -> str | None:
    """Where a later layer made `name` what a rule of an earlier one no longer finds:
    switched off, or patched (a measure's kind changed); None when no layer did."""
    for off in rules.disabled:
        if off.rule.id == name:
            return _("'{id}' is disabled at {where}").format(id=name, where=_layered(
                rules, off.by))
    for rule in rules.all_rules():
        if rule.id == name and rule.patches:
            return _("'{id}' is changed at {where}").format(id=name, where=_layered(
                rules, rule.patches[-1]))
    return None


def _placed(rules: RuleSet, problem: Problem) -> str:
    return _layered(rules, f"{problem.path}:{problem.line}")


def _layered(rules: RuleSet, where: str) -> str:
    """A place, "path:line", with the layer it belongs to (the last whose folder holds it)."""
    for layer in reversed(rules.layers):
        if layer.origin != "default" and where.startswith(layer.name.rstrip("/") + "/"):
            return _("{where} (layer {layer})").format(where=where, layer=layer.name)
    return where


OWN = "trustdose"  # a cite that says the rule is the product's own


def _cites(rule: Rule, headings: dict[str, set[str]], problem_at: ProblemAt) -> list[Problem]:
    """Every cite names a passage of a known source by its heading, or says `trustdose`:
    the rule's own, and those of the questions an instrument asks (`rules.instruments`)."""
    cites = [(("cite",), rule.get("cite"))] + [
        (("questions", i, "cite"), asked.get("cite"))
        for i, asked in enumerate(rule.get("questions") or ()) if isinstance(asked, dict)
        and "anchors" in asked]
    problems = []
    for path, cite in cites:
        if cite is None or cite == OWN:
            continue
        for part in cite.split("; "):
            source, colon, heading = part.partition(": ")
            if not colon or source not in headings:
                problems.append(problem_at(rule, path, _(
                    "cite '{part}' names no known source").format(part=part), _(
                    "write '<source>: <heading>' with a source of the 'sources' section "
                    "({ids}), or 'trustdose' for your own rule").format(
                    ids=", ".join(headings) or "-")))
            elif heading not in headings[source]:
                problems.append(problem_at(rule, path, _(
                    "source {source} has no heading '{heading}'").format(
                    source=source, heading=heading),
                    did_you_mean(heading, headings[source]) or _("see the headings in its "
                                                                 "'sources' entry")))
    return problems


def _levers(rules: RuleSet, problem_at: ProblemAt) -> list[Problem]:
    """The levers a stool leg or a side of being worthy of trust names are known, and no
    two levers share a number."""
    problems: list[Problem] = []
    known = {lever.id for lever in rules.levers}
    numbers: dict[int, str] = {}
    for lever in rules.levers:
        other = numbers.setdefault(lever.item["number"], lever.id)
        if other != lever.id:
            problems.append(problem_at(lever, ("number",), _(
                "levers '{a}' and '{b}' have the same number").format(a=other, b=lever.id),
                _("the nine levers are numbered 1-9, each once")))
    for rule in [*rules.legs, *rules.worthy]:
        for i, name in enumerate(rule.get("levers") or ()):
            if name not in known:
                problems.append(problem_at(rule, ("levers", i), _(
                    "'{name}' is not a lever").format(name=name),
                    did_you_mean(name, known) or _("levers names ids of the 'levers' "
                                                   "section")))
    return problems


def _bands(rules: RuleSet, where: str, problem_at: ProblemAt) -> list[Problem]:
    if not rules.carry:
        return [Problem(where, None, None, _("no 'carry' bands: no case would get a level"))]
    problems = []
    low = rules.carry[-1]
    if low.item["at_least"] > 1:
        problems.append(problem_at(low, ("at_least",), _(
            "gap: a weakest precondition below {value} gets no level").format(
            value=low.item["at_least"]), _("add a band with at_least: 1")))
    for higher, lower in zip(rules.carry, rules.carry[1:]):
        if higher.item["level"] < lower.item["level"]:
            other = _culprit(rules, lower.id)  # a later layer's patch of the other band
            problems.append(problem_at(higher, ("level",), _(
                "band '{higher}' gives a lower level than '{lower}' for a stronger "
                "precondition").format(higher=higher.id, lower=lower.id),
                _("levels must not fall as the weakest precondition rises") +
                ("; " + other if other and not higher.patches else "")))
    return problems


def _conditions(rule: Rule, indicators: set[str], problem_at: ProblemAt) -> list[Problem]:
    """Unknown fields, and facts not yet known where the rule is used."""
    problems = []
    condition = rule.get("when")
    before_level = rule.section in ("caps", "red_lines") or (
        rule.section == "measures" and rule.item["kind"] == "control")
    for loc, name in fields_of(condition) if condition else ():
        if name.startswith(FACT_PREFIX) and not is_known(name, indicators):
            spelt = key_spelling(name[len(FACT_PREFIX):])
            problems.append(problem_at(rule, ("when",) + loc, _(
                "'{name}' names a task fact no case can give: a fact's name is lowercase "
                "letters, digits and '-', starting with a letter").format(name=name),
                _("did you mean '{name}'?").format(name=FACT_PREFIX + spelt) if spelt
                else _("e.g. facts.amount")))
        elif not is_known(name, indicators):
            hint = did_you_mean(name, [*FACTS, *indicators]) or _fields_allowed()
            problems.append(problem_at(rule, ("when",) + loc, _(
                "unknown condition field '{name}'").format(name=name), hint))
        elif before_level and name in DECIDED_FACTS:
            problems.append(problem_at(rule, ("when",) + loc, _(
                "'{name}' is only known after the level is decided").format(name=name),
                _("caps, red lines and controls may test scores, indicators, tags, facts "
                  "and planned")))
    for loc, (name, op, value) in zip((loc for loc, _name in fields_of(condition)),
                                      leaves(condition)) if condition else ():
        if name.startswith(FACT_PREFIX) and op in ORDERING and not _is_number(value):
            # "100000" >= "50000" is false: a word compared in order skips a red line
            problems.append(problem_at(rule, ("when",) + loc[:-1] + ("value",), _(
                "'{op}' compares {name} with {value}, which is not a number").format(
                op=op, name=name, value=json.dumps(value, ensure_ascii=False)),
                _("write the value as a number without quotes, e.g. 50000")))
    upward = rule.get("upward_when")  # when the frame's part lies above the leader
    for loc, name in fields_of(upward) if upward else ():
        if not is_known(name, indicators):
            problems.append(problem_at(rule, ("upward_when",) + loc, _(
                "unknown condition field '{name}'").format(name=name), did_you_mean(
                name, [*FACTS, *indicators]) or _fields_allowed()))
    return problems


def _fields_allowed() -> str:
    """What a condition may test, said in full (the hint named a README section that was
    never there: docs/rules.md lists them)."""
    return _("allowed: {fields}, an indicator such as resources.clarity, or facts.<name> "
             "(docs/rules.md)").format(fields=", ".join(
                 name for name in FACTS if not name.startswith(FACT_PREFIX)))


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def fact_types(rules: RuleSet) -> dict[str, str]:
    """Each task fact a rule compares (name without `facts.`) → the type it is compared
    as (`model.facts`: NUMBER, BOOLEAN or TEXT): the one meaning it has on every route.
    A fact compared as two types is a load error (`rules.values`), so the first rule's
    type is the type. Kept with the rule set."""
    found = _TYPES.get(rules)
    if found is None:
        found = {}
        for rule in rules.all_rules():
            for name, op, value in leaves(rule.get("when")):
                if name.startswith(FACT_PREFIX):
                    for kind in compared_as(op, value)[:1]:
                        found.setdefault(name[len(FACT_PREFIX):], kind)
        _TYPES[rules] = found
    return found


_TYPES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _texts(rule: Rule, problem_at: ProblemAt) -> list[Problem]:
    """Placeholders must be known and plain: `{level}`, never `{level:d}` or `{level!r}`."""
    problems = []
    allowed = _("allowed: {names}").format(names=", ".join("{" + p + "}" for p in PLACEHOLDERS))
    for key in ("message", "text", "title", "description"):
        if rule.section not in ("measures", "warnings", "checklist", "questions"):
            continue
        for lang, text in (rule.item.get(key) or {}).items():
            try:
                found = names_in(text)
            except ValueError as exc:
                problems.append(problem_at(rule, (key, lang), str(exc),
                                           _("write {{ and }} for literal braces")))
                continue
            for name, spec, conversion in found:
                if name not in PLACEHOLDERS:
                    problems.append(problem_at(rule, (key, lang), _(
                        "unknown placeholder '{name}'").format(name="{" + name + "}"), allowed))
                elif spec or conversion:
                    written = "{" + name + ("!" + conversion if conversion else "") + \
                        (":" + spec if spec else "") + "}"
                    problems.append(problem_at(rule, (key, lang), _(
                        "placeholder '{name}' with a format; write it plain").format(
                        name=written), "{" + name + "}"))
    return problems
