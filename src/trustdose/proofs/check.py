"""Proofs about a rule set over the whole discretised input space (`rules check`).

The grid and its contexts are in `proofs.grid`. Facts only known after the decision (a
planned level, uncertain answers) are varied only when looking for a case in which a
warning, feedback measure, review rule or prompt fires.

Everything runs through the engine's own `make_facts`/`decide`/`settle_level`, so what is
proved here is what `assess` does.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Callable, NamedTuple

from ..engine.decide import lifted
from ..i18n import _, pick
from ..model.vocabulary import DIMENSIONS, HALF_POINTS as GRID, PRECONDITIONS
from .decisions import Decisions, Shown, distinct
from .reach import post_decision
from .grid import MAX_COMBINATIONS, STRIDE, Context, contexts, overrides, points
from .witness import witness
from ..rules.conditions import holds_unnamed, named
from ..rules.ruleset import Rule, RuleSet


class Finding(NamedTuple):
    """One problem `rules check` found, with a case that shows it."""

    kind: str  # gap, overlap, never-fires, never-binds, not-monotone, not-antitone,
    # controls-fall, safeguard-lowers, unguarded, not-combined, takes-back
    rule: str | None
    source: str | None
    message: str
    witness: dict | None = None  # a case that shows it
    cases: int = 0  # how many grid cases show it


class Check(NamedTuple):
    findings: list[Finding]
    cases: int  # grid cases evaluated
    contexts: int
    rules: int  # rules examined


# A high-risk case left to the employee's own decision needs controls: at Advise and
# Inquire two at least (in place, required or shown), at Delegate three, for there the
# leader no longer hears what was decided at all (`unguarded`).
HIGH_RISK = 4.0
GUARDS_NEEDED = {5: 2, 6: 2, 7: 3}


class _Outcome(NamedTuple):
    level: int  # 0: no level (a gap)
    holding: Rule | None
    controls: frozenset[str]
    guards: int  # the controls shown (in place, required or chosen)


_GAP = _Outcome(0, None, frozenset(), 0)


class _Classes(NamedTuple):
    """The grid points alike in their decision's number and their controls' (`Keys.
    plain` of each): every context gives them the same outcome, so a check makes each
    outcome, and compares each pair of neighbours, once for each class, not each point."""

    of: list[int]  # each point's class, numbered as first met (so in the grid's order)
    numbers: list[tuple[int, int]]  # each class's numbers: its decision's, its controls'
    first: list[int]  # each class's first point


def _classes(decisions: list[int], controls: list[int]) -> _Classes:
    numbered: dict[tuple[int, int], int] = {}
    of = [numbered.setdefault(pair, len(numbered)) for pair in zip(decisions, controls)]
    first: dict[int, int] = {}
    for at, k in enumerate(of):
        first.setdefault(k, at)
    return _Classes(of, list(numbered), list(first.values()))


def _outcomes(decisions: list[tuple], shown: Shown, grid: list[dict], changed: dict,
              classes: _Classes) -> list[_Outcome]:
    """Each class's outcome in a context (`_classes`), from its decision (`distinct`) and
    the controls shown, each made once for the decision's kind and the controls' number,
    at the first point that has them."""
    over = shown.keys.over(changed)
    # the decisions alike in all an outcome takes from them, numbered
    alike: dict[tuple, int] = {}
    kinds = [alike.setdefault((d[0] is None, d[2], id(d[4]), tuple(d[3])), len(alike))
             for d in decisions]
    made: dict[tuple[int, int], _Outcome] = {}
    found = []
    for (n, c), at in zip(classes.numbers, classes.first):
        key = (kinds[n], c)
        outcome = made.get(key)
        if outcome is None:
            band, _limits, level, needs, holding = decisions[n]
            outcome = made[key] = _GAP if band is None else _Outcome(
                level, holding, *shown.of((c, over), grid[at], changed, needs, level))
        found.append(outcome)
    return found


def check(rules: RuleSet, progress: Callable[[int, int], Any] = lambda done, total: None
          ) -> Check:
    """Every property `rules check` proves over the grid, each context told to `progress`."""
    findings = _overlaps(rules) + _takes_back(rules)
    grid = points(rules)
    cut: list[tuple[list[Rule], int]] = []
    ctxs = contexts(rules, decision=True, cut=cut)
    findings += [_not_combined(entries, inputs) for entries, inputs in cut]
    fired: set[str] = set()
    binds: set[str] = set()
    first: dict[str, tuple[dict, Context]] = {}  # a case where each rule fired
    counts: Counter = Counter()
    examples: dict[tuple[str, str], Finding] = {}
    post = [*rules.review, *rules.controls, *rules.feedback, *rules.warnings,
            *rules.checklist, *rules.questions]
    measures = {c.id for c in rules.controls}
    plain: dict[Context, list[_Outcome]] = {}  # each context's outcomes without safeguards
    worst: list[tuple] = []  # the unguarded case shown: (level, -controls, risk)
    decided = Decisions(rules, grid)  # kept for the whole check, so its ids are too
    shown = Shown(rules, grid)
    seen: set[int] = set()  # the decisions and control sets already looked at
    by_decision = decided.keys.plain  # each point's decision's number
    classes = _classes(by_decision, shown.keys.plain)
    steps = _steps(grid, classes.of)
    risky = [at for at, point in enumerate(grid) if point["risk"] >= HIGH_RISK]
    for done, ctx in enumerate(ctxs, 1):
        changed = overrides(ctx)  # merged over a point only where its facts are read
        decisions = distinct(changed, decided)
        for n, (band, limits, _level, needs, _holding) in enumerate(decisions):
            if band is not None and id(limits) not in seen:  # what fired and what binds,
                seen.add(id(limits))  # once per decision, at its first point
                _fired(band, limits, needs, {**grid[decided.keys.first_at[n]], **changed},
                       (fired, binds, first), ctx)
        results = _outcomes(decisions, shown, grid, changed, classes)  # each class's
        _gaps(decisions, by_decision, grid, ctx, counts, examples)
        made = {id(r): r for r in results}.values()  # each outcome once
        for controls in {id(r.controls): r.controls for r in made}.values():
            if id(controls) not in seen:
                seen.add(id(controls))
                fired.update(c for c in controls if c in measures)
        short = {k for k, here in enumerate(results) if here.level in GUARDS_NEEDED
                 and here.guards < GUARDS_NEEDED[here.level]}
        for at in [at for at in risky if classes.of[at] in short] if short else ():
            here = results[classes.of[at]]  # a context never changes a score
            _unguarded(rules, {**grid[at], **changed}, ctx, decisions[by_decision[at]][0],
                       here.holding, (here.level, here.guards), counts, examples, worst)
        _invariants(rules, ctx, grid, (results, classes.of), counts, examples, steps)
        if not ctx.safeguards:
            plain.setdefault(ctx, results)
        else:
            _safeguards_lift(ctx, grid, plain[ctx._replace(safeguards=())],
                             (results, classes.of), counts, examples)
        progress(done, len(ctxs))
    post_decision(decided.rules, grid, [e for e in post if e.id not in fired], fired)
    findings += _unreached(rules, len(grid), fired, binds, first)
    for key, finding in examples.items():
        findings.append(finding._replace(cases=counts[key]))
    return Check(findings, len(grid) * len(ctxs), len(ctxs),
                 sum(1 for e in rules.all_rules() if e.section not in ("rubric", "levels")))


def _gaps(decisions: list[tuple], numbers: list[int], grid: list[dict], ctx: Context,
          counts: Counter, examples: dict) -> None:
    """The cases of a context no carry band applies to (`numbers`: each point's decision)."""
    if any(d[0] is None for d in decisions):
        gaps = [at for at, n in enumerate(numbers) if decisions[n][0] is None]
        counts[("gap", "")] += len(gaps)
        examples.setdefault(("gap", ""), Finding(
            "gap", None, None, _("no carry band applies: this case gets no level"),
            witness(grid[gaps[0]], ctx)))


def _not_combined(entries: list[Rule], inputs: int) -> Finding:
    """Rules whose inputs combine in more ways than the check tells apart (`grid.
    MAX_COMBINATIONS`): each was checked with its own inputs only, so what is proved of
    them together is less than a proof; blamed on the first of them."""
    first = entries[0]
    return Finding("not-combined", first.id, first.source, _(
        "the rules {rules} test {inputs} tags and facts together in more ways than rules "
        "check combines ({most} contexts); each rule was checked with its own tags and facts "
        "only, so a break that needs several of them at once may be missed").format(
            rules=", ".join(e.id for e in entries), inputs=inputs, most=MAX_COMBINATIONS))


def _fired(band: Rule, limits: list[Rule], needs: dict[str, Rule], facts: dict[str, Any],
           found: tuple[set[str], set[str], dict], ctx: Context) -> None:
    """Note the rules a decision fired (with the first case they fired in), and the red
    lines among them that lower the level below what every other rule allows."""
    fired, binds, first = found
    for entry in [band, *limits, *needs.values()]:
        if entry.id not in fired:
            fired.add(entry.id)
            first[entry.id] = (facts, ctx)
    for line in limits:
        if line.section == "red_lines" and line.id not in binds:
            without = min([band.item["level"]] + [lifted(o, facts)[0] for o in limits
                                                  if o is not line])
            if lifted(line, facts)[0] < without:
                binds.add(line.id)


def _overlaps(rules: RuleSet) -> list[Finding]:
    """Carry bands that start at the same score: only the first can ever apply."""
    return [Finding("overlap", lower.id, lower.source,
                    _("carry bands '{higher}' and '{lower}' both start at {value}; only "
                      "'{higher}' can ever apply").format(
                        higher=higher.id, lower=lower.id,
                        value=f"{higher.item['at_least']:g}"))
            for higher, lower in zip(rules.carry, rules.carry[1:])
            if higher.item["at_least"] == lower.item["at_least"]]


def _takes_back(rules: RuleSet) -> list[Finding]:
    """Controls that take the decision back, whose condition names a kind of decision
    (so the plan shows them at advise and above) yet can hold without it: there the
    level and the plan would contradict each other (`engine.parts.shown`)."""
    return [Finding("takes-back", c.id, c.source, _(
        "control '{id}' takes the decision back and its condition names a kind of decision "
        "(a tag or a task fact), but can hold without it: at advise and above it would take "
        "back decisions of every kind; make each way it holds name the kind of decision, or "
        "leave the tag and fact tests out (the plan then shows it up to agree)").format(
        id=c.id)) for c in rules.controls
        if c.get("takes_back") and named(c.get("when")) and holds_unnamed(c.get("when"))]


def _unreached(rules: RuleSet, points_: int, fired: set[str], binds: set[str],
               first: dict[str, tuple[dict, Context]]) -> list[Finding]:
    """Rules that never fire on the grid, and red lines that fire but never bind."""
    findings = []
    for entry in rules.all_rules():
        if entry.section in ("rubric", "levels") or entry.id in fired:
            continue
        what = _("{section} rule '{id}' is never chosen: an earlier rule always matches "
                 "first") if entry.section == "review" else _("{section} rule '{id}' never "
                                                              "fires")
        findings.append(Finding("never-fires", entry.id, entry.source,
                                what.format(section=entry.section, id=entry.id) + " " + _(
                                    "on the grid ({n} score combinations, in every context)")
                                .format(n=points_)))
    for line in rules.red_lines:
        if line.get("level") is not None and line.id in fired and line.id not in binds:
            facts, ctx = first[line.id]
            findings.append(Finding(
                "never-binds", line.id, line.source,
                _("red line '{id}' (at most level {level}) never lowers the level: whenever "
                  "it holds, another rule already keeps it as low").format(
                    id=line.id, level=line.item["level"]),
                witness(facts, ctx)))
    return findings


def _invariants(rules: RuleSet, ctx: Context, grid: list[dict],
                outcomes: tuple[list[_Outcome], list[int]], counts: Counter, examples: dict,
                steps: dict[str, list[tuple[int, int, list[tuple[int, int]]]]]) -> None:
    """Monotone in the preconditions, antitone in risk, controls never fall as risk rises.
    `outcomes` are each class's outcome and each point's class (`_classes`), `steps`
    the pairs of grid points one half point apart in each dimension, by the classes
    they join (`_steps`). Each pair of classes is compared once; what breaks is then
    said in the grid's order (point by point, dimension by dimension), so the first
    witness of each finding is the first case in that order."""
    results, of = outcomes
    levels = [r.level for r in results]  # 0: no level (a gap), compared with nothing
    sizes = [len(r.controls) for r in results]
    broken: list[tuple[int, int, str, int]] = []  # (point, dimension, kind, neighbour)
    for d, dim in enumerate(DIMENSIONS):
        for a, b, pairs in steps[dim]:
            if dim in PRECONDITIONS:
                kinds = ["not-monotone"] if 0 < levels[b] < levels[a] else []
            else:
                kinds = ["not-antitone"] if levels[a] and levels[b] > levels[a] else []
                if levels[a] and levels[b] and sizes[b] < sizes[a]:
                    kinds.append("controls-fall")
            broken += [(i, d, kind, j) for kind in kinds for i, j in pairs]
    for i, d, kind, j in sorted(broken, key=lambda b: (b[0], b[1], b[2] == "controls-fall")):
        dim, here, there, up = DIMENSIONS[d], results[of[i]], results[of[j]], grid[j]
        if kind == "not-monotone":
            _note(counts, examples, Finding(
                "not-monotone", *_blame(there.holding),
                _("raising {dimension} from {before} to {after} lowers the level from "
                  "{low} to {lower}").format(dimension=dim, before=f"{grid[i][dim]:g}",
                                             after=f"{up[dim]:g}", low=here.level,
                                             lower=there.level), witness(grid[i], ctx)))
        elif kind == "not-antitone":
            _note(counts, examples, Finding(
                "not-antitone", *_blame(here.holding),
                _("raising risk from {before} to {after} raises the level from {low} to "
                  "{high}").format(before=f"{grid[i][dim]:g}", after=f"{up[dim]:g}",
                                   low=here.level, high=there.level),
                witness(grid[i], ctx)))
        else:
            lost = sorted(here.controls - there.controls)
            entry = rules.measures()[lost[0]]
            _note(counts, examples, Finding(
                "controls-fall", entry.id, entry.source,
                _("raising risk from {before} to {after} drops the control '{id}' "
                  "({more} → {fewer} controls)").format(
                    before=f"{grid[i][dim]:g}", after=f"{up[dim]:g}", id=entry.id,
                    more=len(here.controls), fewer=len(there.controls)),
                witness(grid[i], ctx)))


def _steps(grid: list[dict], of: list[int]
           ) -> dict[str, list[tuple[int, int, list[tuple[int, int]]]]]:
    """For each dimension, the grid points with a point half a step above them in it,
    by the classes of the two (`of`: each point's): (class, class above, the pairs).
    Two points of one class have one outcome in every context: no property can break
    between them, so such pairs are left out."""
    found: dict[str, list[tuple[int, int, list[tuple[int, int]]]]] = {}
    for dim in DIMENSIONS:
        joined: dict[tuple[int, int], list[tuple[int, int]]] = {}
        stride = STRIDE[dim]
        for i in [i for i, point in enumerate(grid) if point[dim] < GRID[-1]
                  and of[i] != of[i + stride]]:
            joined.setdefault((of[i], of[i + stride]), []).append((i, i + stride))
        found[dim] = [(a, b, pairs) for (a, b), pairs in joined.items()]
    return found


def _unguarded(rules: RuleSet, facts: dict[str, Any], ctx: Context, band: Rule,
               holding: Rule | None, outcome: tuple[int, int], counts: Counter,
               examples: dict, worst: list[tuple]) -> None:
    """A high-risk case at Advise or above with fewer controls than it needs (`outcome`:
    its level and controls): one finding for the rule set, shown with the worst such
    case (the highest level, the fewest controls, the highest risk) and blamed on the
    rule that set its level, where it was last written (an overlay's patch)."""
    level, guards = outcome
    key = ("unguarded", "")
    counts[key] += 1
    rank = (level, -guards, facts["risk"])
    if worst and worst[0] >= rank:
        return
    worst[:] = [rank]
    setter = holding if holding is not None and lifted(holding, facts)[0] == level \
        and level < band.item["level"] else band
    case = witness(facts, ctx)
    examples[key] = Finding(
        "unguarded", setter.id, setter.patches[-1] if setter.patches else setter.source,
        _("a high-risk case (risk {risk}) gets level {level} ({name}) with only {guards} of "
          "the {needed} controls a risk of {high} or more needs at that level").format(
            risk=f"{facts['risk']:g}", level=level,
            name=pick(rules.levels[level].item["label"]) if level in rules.levels else level,
            guards=guards, needed=GUARDS_NEEDED[level], high=f"{HIGH_RISK:g}"), case)




def _safeguards_lift(ctx: Context, grid: list[dict], without: list[_Outcome],
                     outcomes: tuple[list[_Outcome], list[int]], counts: Counter,
                     examples: dict) -> None:
    """A safeguard in place never lowers the level (seed 002: control that makes freedom
    safe only ever widens it). `without` and `outcomes`: each class's outcomes without
    and with them, and each point's class."""
    results, of = outcomes
    lower = {k for k, (before, after) in enumerate(zip(without, results))
             if after.level < before.level}
    for i in [i for i, k in enumerate(of) if k in lower] if lower else ():
        before, after = without[of[i]], results[of[i]]
        _note(counts, examples, Finding(
            "safeguard-lowers", *_blame(after.holding),
            _("putting {safeguards} in place lowers the level from {before} to {after}")
            .format(safeguards=", ".join(ctx.safeguards), before=before.level,
                    after=after.level), witness(grid[i], ctx)))


def _blame(entry: Rule | None) -> tuple[str | None, str | None]:
    return (entry.id, entry.source) if entry is not None else (None, None)


def _note(counts: Counter, examples: dict, finding: Finding) -> None:
    key = (finding.kind, finding.rule or "")
    counts[key] += 1
    examples.setdefault(key, finding)
