"""The compile step: the engine remembering its parts gives, byte for byte, what the
same engine gives making every part afresh; what a part depends on is derived from the
rules, so a new placeholder or condition field needs nothing more; tables stay bounded;
the next-step search finds what trying every change finds."""

from __future__ import annotations

import copy
import datetime as dt
import json

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import trustdose
from trustdose import i18n, memo
from trustdose.intake import assess_document
from trustdose.engine import assess as engine_assess
from trustdose.engine.decide import decide, make_facts, settle_level, settle_limiting, binding
from trustdose.engine.next_step import grid
from trustdose.engine.compiled import Compiled, from_answers
from trustdose.errors import CaseError
from trustdose.io.source import Document
from trustdose.model.vocabulary import DIMENSIONS, PRECONDITIONS
from trustdose.rules import conditions, placeholders

from helpers import EXAMPLES

TODAY = dt.date(2026, 11, 23)
SOURCE = "cases.jsonl:7"
# Caps and red lines that test single preconditions, `limiting`, tags, planned and a
# task fact, and texts that quote the name, the task, the review date and the cap: the
# parts may then not lean on the weakest precondition alone.
TESTING_OVERLAY = """
caps:
  - id: weak-competence
    when: {field: competence, op: "<", value: 2}
    level: 2
    reason: {en: "competence below 2 stays at sell"}
  - id: intention-limits
    when: {all: [{field: limiting, op: "==", value: intention},
                 {field: planned, op: ">=", value: 6}]}
    level: 4
    reason: {en: "when intention limits, agree at most"}
red_lines:
  - id: budget-four-eyes
    when: {field: tags, op: contains, value: budget}
    level: 5
    require: [four-eyes]
    reason: {en: "budget decisions get four eyes"}
  - id: large-amounts
    when: {field: facts.amount, op: ">=", value: 50000}
    require: [spot-checks]
    reason: {en: "large amounts are checked afterwards"}
warnings:
  - id: quote-both
    kind: quote-both
    when: {field: risk, op: ">=", value: 3}
    message: {en: "{subject} and {task}: review on {review_date} ({cap_reason}, {limiting})",
              da: "{subject} og {task}: {level} til {review_date}"}
"""
RULES: dict = {}


@pytest.fixture(scope="module", autouse=True)
def rule_sets(tmp_path_factory):
    folder = tmp_path_factory.mktemp("testing-overlay")
    (folder / "caps.yaml").write_text(TESTING_OVERLAY, encoding="utf-8")
    RULES.update({"default": trustdose.load_rules(user=False),
                  "org overlay": trustdose.load_rules([EXAMPLES / "org-overlay"], user=False),
                  "testing overlay": trustdose.load_rules([folder], user=False)})
    yield
    RULES.clear()


def outcome(case: dict, compiled: Compiled, planned: int | None = None) -> bytes | list:
    """What the engine makes of a case with this plan: its JSON line, or its problems."""
    try:
        result = assess_document(Document("<case>", copy.deepcopy(case)), compiled.rules,
                                 planned=planned, today=TODAY, case_id=SOURCE, compiled=compiled)
    except CaseError as exc:
        return exc.problems
    line = result.json_line()
    assert line.decode() == json.dumps(result.to_json(), ensure_ascii=False) + "\n"
    return line


# -- cases as a coach's files may give them, good and bad --------------------------------

score = st.sampled_from([1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5, 3.3, 1.0, "uncertain", "?",
                         " Osäker ", "vet ikke"])
odd_answer = st.sampled_from([0, 6, 5.5, True, False, "3", "high", None, [3], {"bogus": 2}])
good_names = st.sampled_from(["Kim", 'Åsa "Ø" Ünal', "Team Nord", "Tab\there", "back\\slash",
                              "Søren 💬", "x" * 200])
odd_names = st.one_of(st.sampled_from(["  ", "", "x" * 201, 7]), st.text(max_size=4))
tags = st.lists(st.sampled_from(["budget", "citizen-decision", "use-of-force", "weekend",
                                 "night", "not-a-rule-tag"]), max_size=3)
# days from TODAY to a due date: either side of the days the rules count (42, 21, 0)
due_days = st.sampled_from([-3, 0, 1, 6, 7, 20, 21, 22, 41, 42, 43, 90])
odd_tags = st.sampled_from([["Bad Tag"], [3], "budget", [["budget"]]])
planned = st.sampled_from([1, 4, 7, "delegate", "Uddelegere", "Komma överens", " agree ", "4"])
odd_planned = st.sampled_from([0, 8, "delgate", True, 4.0])


def rarely(draw, one_in: int) -> bool:
    # not st.integers: hypothesis likes its smallest value, which would make the rare common
    return draw(st.sampled_from(range(one_in))) == one_in // 2


def mostly(draw, good, odd):
    """Good values 19 times in 20."""
    return draw(odd) if rarely(draw, 20) else draw(good)


@st.composite
def answers(draw, dim: str):
    if rarely(draw, 5):  # indicator answers, some left out (uncertain)
        ids = RULES["default"].indicators(dim)
        keys = mostly(draw, st.just(ids), st.just(ids + ["bogus"]))
        chosen = draw(st.lists(st.sampled_from(keys), unique=True, max_size=len(keys)))
        return {i: mostly(draw, st.sampled_from([1, 2, 3, 4, 5, "uncertain"]),
                          st.sampled_from([2.5, 0])) for i in chosen}
    return mostly(draw, score, odd_answer)


@st.composite
def cases(draw):
    case: dict = {"subject": {"name": mostly(draw, good_names, odd_names)},
                  "task": {"title": mostly(draw, good_names, odd_names)}}
    for dim in DIMENSIONS:
        if not rarely(draw, 30):  # now and then a dimension is left out
            case[dim] = draw(answers(dim))
    if draw(st.booleans()):
        case["planned_level"] = mostly(draw, planned, odd_planned)
    if draw(st.booleans()):
        case["id"] = mostly(draw, st.sampled_from(["c-1", "", "ø 7"]), st.sampled_from([5, None]))
    if rarely(draw, 3):  # the day of the assessment, now and then a wrong one or a key
        case[mostly(draw, st.just("date"), st.just("bogus"))] = mostly(
            draw, st.sampled_from(["2026-01-05", "2026-12-31", "2027-02-28"]),
            st.sampled_from(["soon", "2026-02-30"]))
    if draw(st.booleans()):
        case["subject"]["kind"] = mostly(draw, st.sampled_from(["person", "team"]),
                                         st.sampled_from(["robot", None]))
    if draw(st.booleans()):
        case["subject"]["new_in_role"] = mostly(draw, st.booleans(), st.sampled_from(["yes", 1]))
    if draw(st.booleans()):
        case["task"]["tags"] = mostly(draw, tags, odd_tags)
    if draw(st.booleans()):
        case["task"]["description"] = mostly(draw, st.sampled_from(["Twice a year", None, "«x»"]),
                                             st.just(5))
    if rarely(draw, 6):
        case["task"]["facts"] = {"amount": draw(st.sampled_from([60000, 49999, "lots", 50000.5]))}
    if draw(st.booleans()):  # safeguards in place lift caps and show as controls in place
        case["task"]["safeguards"] = mostly(draw, st.lists(st.sampled_from(
            ["written-instructions", "four-eyes", "approval", "spot-checks", "system-check",
             "pilot"]), max_size=3, unique=True), st.sampled_from([["bogus"], "four-eyes"]))
    if draw(st.booleans()):
        case["task"]["due"] = (TODAY + dt.timedelta(days=draw(due_days))).isoformat()
    if draw(st.booleans()):
        case["task"]["kind"] = mostly(draw, st.sampled_from(["routine", "one-off", "project"]),
                                      st.just("weekly"))
    if draw(st.booleans()):
        case["task"]["people"] = mostly(draw, st.sampled_from(["residents", "the families"]),
                                        st.just(""))
    return case


COMPILED: dict = {}  # remembering plans, kept warm across examples (as in a long batch)


def plan(rules_name: str, lang: str, key: str | None = None, memo: bool = True) -> Compiled:
    """The remembering plan of a rule set in a language, made once (`setdefault` would
    make one each time and throw it away: a plan each example cost seconds a test). With
    `memo` off, the plan that remembers nothing: made once too, as it makes every part
    afresh each time all the same."""
    at = (key or rules_name, lang, memo)
    if at not in COMPILED:
        COMPILED[at] = Compiled(RULES[rules_name], lang, memo=memo)
    return COMPILED[at]


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=cases(), lang=st.sampled_from(["en", "da", "nb", "sv"]),
       rules_name=st.sampled_from(["default", "org overlay", "testing overlay"]),
       override=st.sampled_from([None, None, 4, 7]))
def test_remembered_parts_give_byte_for_byte_what_parts_made_afresh_give(case, lang, rules_name,
                                                                          override):
    # every example is compared: a case either gives the same bytes both ways, or the
    # same problems both ways
    i18n.set_language(lang)
    try:
        remembering = plan(rules_name, lang)
        fresh = plan(rules_name, lang, memo=False)
        assert outcome(case, remembering, override) == outcome(case, fresh, override)
    finally:
        i18n.set_language("en")


def test_every_part_is_remembered_and_a_remembering_plan_made_them(rules):
    compiled = Compiled(rules, "en")
    doc = Document("<case>", {"subject": {"name": "Kim", "new_in_role": True},
                              "task": {"title": "Rota"}, "competence": 3, "intention": "?",
                              "resources": 4, "risk": 4})
    first = assess_document(doc, rules, today=TODAY, compiled=compiled)
    second = assess_document(doc, rules, today=TODAY, compiled=compiled)
    assert first == second and first.parts.decided is second.parts.decided  # the same part, shared
    assert first.parts.warnings is second.parts.warnings and first.parts.step is second.parts.step
    fresh = Compiled(rules, "en", memo=False)
    assert assess_document(doc, rules, today=TODAY, compiled=fresh).parts.decided is not \
        assess_document(doc, rules, today=TODAY, compiled=fresh).parts.decided


NEW_TEXT = """
warnings:
  - id: say-risk
    kind: say-risk
    when: {field: risk, op: ">=", value: 1}
    message: {en: "Task risk is {risk_score}."}
"""


def test_a_new_placeholder_is_one_entry_and_the_fast_path_follows(monkeypatch, overlay):
    monkeypatch.setitem(placeholders.PLACEHOLDERS, "risk_score", placeholders.Placeholder(
        ("risk",), lambda rules, risk: i18n.format_number(risk, None)))
    rules = trustdose.load_rules([overlay({"w.yaml": NEW_TEXT})], user=False)
    compiled, fresh = Compiled(rules, "en"), Compiled(rules, "en", memo=False)
    said = []
    for risk in (1, 1.5, 2, 2.5, 1):
        case = {"subject": {"name": "Kim"}, "task": {"title": "Rota"}, "competence": 4,
                "intention": 4, "resources": 4, "risk": risk}
        line = outcome(case, compiled)
        assert line == outcome(case, fresh)
        said.append(next(w["message"] for w in json.loads(line)["warnings"]
                         if w["kind"] == "say-risk"))
    assert said == ["Task risk is 1.", "Task risk is 1.5.", "Task risk is 2.",
                    "Task risk is 2.5.", "Task risk is 1."]


NEW_FIELD = """
caps:
  - id: short-names
    when: {field: subject.initials, op: "==", value: true}
    level: 2
    reason: {en: "initials only: ask who it is first"}
"""


def test_a_new_condition_field_is_one_fact_and_the_fast_path_follows(monkeypatch, overlay):
    monkeypatch.setitem(conditions.FACTS, "subject.initials", "true when the name is initials")
    original = engine_assess.make_facts

    def with_initials(*args, **kwargs):
        facts = original(*args, **kwargs)
        facts["subject.initials"] = len(kwargs.get("name", "")) <= 3
        return facts
    monkeypatch.setattr(engine_assess, "make_facts", with_initials)
    rules = trustdose.load_rules([overlay({"c.yaml": NEW_FIELD})], user=False)
    compiled, fresh = Compiled(rules, "en"), Compiled(rules, "en", memo=False)
    levels = []
    for name in ("Kim", "Kimberley", "KH", "Kimberley"):
        case = {"subject": {"name": name}, "task": {"title": "Rota"}, "competence": 5,
                "intention": 5, "resources": 5, "risk": 1}
        line = outcome(case, compiled)
        assert line == outcome(case, fresh)
        levels.append(json.loads(line)["level"]["number"])
    assert levels == [2, 7, 2, 7]


def test_remembered_parts_stay_bounded(monkeypatch, rules):
    monkeypatch.setattr(memo, "MEMO_SIZE", 50)
    compiled = Compiled(rules, "en")
    for n in range(400):
        case = {"subject": {"name": f"P{n}"}, "task": {"title": "Rota"},
                "competence": 1 + (n % 9) / 2, "intention": 1 + (n // 9 % 9) / 2,
                "resources": 3, "risk": 1 + (n // 81) / 2}
        assess_document(Document("<case>", case), rules, today=TODAY, compiled=compiled)
    tables = compiled.tables.named.values()
    assert max(len(t) for t in tables) <= 50 and len(compiled.tables.subject) == 50


# -- the next-step search ------------------------------------------------------------------

def brute_force(rules, facts: dict, level: int) -> dict | None:
    """The next-step search as first written: every trial decided afresh."""
    def level_with(changes: dict) -> int:
        trial = {**facts, **changes}
        settle_limiting(trial)
        return decide(rules, trial)[2]

    def cost(changes: dict) -> float:
        return sum(abs(to - facts[d]) for d, to in changes.items())

    best = None
    for dim in DIMENSIONS:
        for to in grid(facts[dim], down=dim == "risk"):
            if level_with({dim: to}) > level:
                if best is None or abs(to - facts[dim]) < cost(best):
                    best = {dim: to}
                break
    if best is None:
        options = []
        for floor in [None, *grid(facts["weakest"], down=False)]:
            for risk in [None, *grid(facts["risk"], down=True)]:
                trial = {d: floor for d in PRECONDITIONS if floor is not None and facts[d] < floor}
                if risk is not None:
                    trial["risk"] = risk
                if trial and level_with(trial) > level:
                    options.append((cost(trial), len(trial), trial))
        best = min(options, key=lambda o: o[:2])[2] if options else None
    return best


any_score = st.sampled_from([1, 1.5, 2, 2.5, 3, 3.3, 3.5, 4, 4.5, 5])


@settings(max_examples=300, deadline=None)
@given(c=any_score, i=any_score, r=any_score, k=any_score,
       clarity=st.sampled_from([None, 1, 2, 4]), impact=st.sampled_from([None, 2, 5]),
       tags=st.sampled_from([(), ("budget",), ("use-of-force",)]),
       planned=st.sampled_from([None, 3, 7]),
       rules_name=st.sampled_from(["default", "org overlay", "testing overlay"]))
def test_the_next_step_search_finds_what_trying_every_change_finds(c, i, r, k, clarity, impact,
                                                                  tags, planned, rules_name):
    rules = RULES[rules_name]
    compiled = plan(rules_name, "en", key=f"search {rules_name}")
    indicators = {"resources.clarity": clarity, "risk.impact": impact}
    facts = make_facts({"competence": c, "intention": i, "resources": r, "risk": k},
                       indicators, planned=planned, tags=tags, blank=compiled.blank)
    band, limits, level = decide(rules, facts)
    holding = binding(limits, facts)
    settle_level(facts, band.item["level"], level, holding)
    if level < 7:
        assert compiled.search.change(facts, level) == brute_force(rules, facts, level)


@st.composite
def near_facts(draw, fields: dict[str, list]):
    """Facts for `fields`: each a value a rule compares with, a little either side of
    one, or none (the case does not give it)."""
    facts = {}
    for field, compared in fields.items():
        numbers = [v for v in compared if type(v) in (int, float)]
        if field in ("tags", "safeguards", "uncertain"):
            facts[field] = tuple(draw(st.lists(st.sampled_from([*compared, "other"]),
                                               unique=True, max_size=3)))
        elif numbers:
            at = draw(st.sampled_from(numbers))
            facts[field] = draw(st.sampled_from([None, at, at - 1, at - 0.25, at + 0.25, at + 1]))
        else:
            facts[field] = draw(st.sampled_from([None, *compared]))
    return facts


@pytest.mark.parametrize("rules_name", ["default", "org overlay", "testing overlay"])
@pytest.mark.parametrize("name", ["controls", "feedback"])
@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_facts_a_list_cannot_tell_apart_come_to_one_key(rules_name, name, data):
    # the measures are remembered under `Listed.apart` as well: two facts under one key
    # must meet the same conditions, whatever the numbers (a due date 30 or 31 days
    # away) and the tags no rule names. The other facts are the first nudged: a number a
    # little up or down, a tag no rule names added, so that most pairs share their key.
    listed = getattr(plan(rules_name, "en"), name)
    # the rules the answers alone decide are remembered under `Listed.answered`
    rest = [r for r in listed.rules if not all(
        from_answers(f) for f in conditions.fields_tested([r.get("when")]))]
    fields: dict[str, list] = {"safeguards": ["four-eyes"]}
    for rule in rest:
        for field, _op, value in conditions.leaves(rule.get("when")):
            fields.setdefault(field, []).extend(value if isinstance(value, list) else [value])
    read = {field: "Kim" for found in listed.reads.values() for field in found}
    one = {**read, **data.draw(near_facts(fields))}
    other = dict(one)
    for field in data.draw(st.lists(st.sampled_from(sorted(fields)), unique=True)):
        value = other[field]
        if type(value) in (int, float):
            other[field] = value + data.draw(st.sampled_from([-1, -0.1, 0.1, 1]))
        elif isinstance(value, tuple):
            other[field] = (*value, "no-rule-names-this")
    if listed.apart(one) == listed.apart(other):
        assert [r.test(one) for r in rest] == [r.test(other) for r in rest]


def test_the_levels_key_holds_only_the_tags_the_limits_ask_about():
    """A cap on one tag made the level's key hold every case's own tags, and a batch
    decided the level anew for each (18% more instructions a case): tags no cap or red
    line names make no new key; one that does, does; a rule comparing the whole list
    keys on all of it."""
    from trustdose.engine.compiled import Compiled
    from trustdose.engine.keys import asked_tags
    from trustdose.rules.loader import load_rules
    from trustdose.rules.ruleset import Rule
    compiled = Compiled(load_rules(user=False))
    facts = {field: None for field in compiled.level_fields}
    key = compiled.decision_key
    assert key({**facts, "tags": ("weekend",)}) == key({**facts, "tags": ("night", "x")})
    assert key({**facts, "tags": ("leaders-decision",)}) != key({**facts, "tags": ()})
    whole = Rule("caps", "c", {"when": {"field": "tags", "op": "==", "value": ["a"]}},
                 "x", "t", (), {}, lambda facts: True)
    assert asked_tags([whole]) is None
