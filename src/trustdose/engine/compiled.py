"""The compile step: a rule set made ready to assess many cases fast, in one language.

An assessment is made of parts, and each part depends on a few facts only: the level on
whatever the carry bands, caps and red lines test; each list of measures, warnings or
prompts on what its rules' conditions test; a text on the facts its placeholders read;
the next step on the scores and what the level depends on. A `Compiled` derives those
dependencies from the rules themselves (their conditions and placeholders; there is no
table to keep by hand) and remembers each part, with its JSON already encoded, under the
values of the facts it depends on. Tables are the one bounded memo table (`memo.Memo`),
so memory stays flat however long a batch is. With `memo=False` every part is made
afresh (`memo.Forgetful`): the same engine without the remembering, which the tests
compare it with.
"""

from __future__ import annotations

import collections
import itertools
import operator
import weakref
from typing import Any, Callable

from ..i18n import current, pick
from ..memo import Forgetful, Memo
from ..rules.conditions import FACT_PREFIX, fields_tested, leaves
from ..rules.placeholders import reads
from ..rules.ruleset import Rule, RuleSet
from ..model.vocabulary import DIMENSIONS, PRECONDITIONS
from .decide import make_facts, settle_level
from .keys import Key, apart_key, asked_tags, key_of, value_of
from .next_step import Search, level_fields
from .parts import SHOWN, is_concern, ranked
from .workdays import country_for

MEASURE_TEXTS = ("title", "description")
# model objects remembered by themselves (`Tables.echoed`): a batch's cells make a few,
# and a case read whole makes its own, so few are kept, each held as long as it is
ECHOED = 1024


def always_given() -> set[str]:
    """The facts every case has, whatever it gives: those the engine makes of a case
    that gives nothing but its scores, once its level is decided."""
    facts = make_facts(dict.fromkeys(DIMENSIONS, 3.0), {})
    settle_level(facts, 1, 1, None)
    return set(facts)


def from_answers(field: str) -> bool:
    """Whether a fact follows from the four answers alone: a score, an indicator, which
    were uncertain, the limiting and the weakest precondition."""
    return field in ANSWERED or field.partition(".")[0] in DIMENSIONS


ANSWERED = {*DIMENSIONS, "uncertain", "limiting", "weakest"}


def answers_read(fields: Any) -> tuple[int, ...]:
    """The answers (their places in DIMENSIONS) that facts of the answers depend on."""
    read = set()
    for field in fields:
        dim = field.partition(".")[0]
        if dim in DIMENSIONS:
            read.add(DIMENSIONS.index(dim))
        elif field == "uncertain":
            read.update(range(len(DIMENSIONS)))
        else:  # the limiting or weakest precondition
            read.update(DIMENSIONS.index(d) for d in PRECONDITIONS)
    return tuple(sorted(read))


class Tables:
    """The remembered parts, one table each, made when first named (tables that forget,
    with memo off); those every case looks in are attributes as well."""

    def __init__(self, memo: bool) -> None:
        self.kind: type[Memo] = Memo if memo else Forgetful
        self.named: dict[str, Memo] = collections.defaultdict(self.kind)
        self.scores, self.decision = self["scores"], self["decision"]
        self.review, self.step, self.step_words = self["review"], self["step"], self["step words"]
        self.frame, self.frame_level = self["frame"], self["frame level"]
        # what the case says, echoed: each under the validated model's own JSON, and
        # under the model object itself, for the few a batch's cells make (`ECHOED`)
        self.subject, self.task = self["subject"], self["task"]
        self.echoed, self.in_place = self.kind(ECHOED), self.kind(ECHOED)
        self.planned, self.context = self["planned"], self["context"]

    def __getitem__(self, name: str) -> Memo:
        return self.named[name]


class Listed:
    """A list part (controls, feedback, warnings, checklist, questions): its rules, their
    tests and the facts they test, per rule the facts its text reads, and its tables:
    which rules fire (under the facts tested), and what they make."""

    def __init__(self, name: str, rules: list[Rule], text: str | tuple[str, ...],
                 tables: Tables, most: int | None = None, also: tuple[str, ...] = ()) -> None:
        self.name, self.rules, self.most = name, rules, most
        self.ranked = ranked(rules)  # measures: in the order a compiled takes them
        self.by_id = {r.id: r for r in rules}
        self.tests = [(r.id, r.test) for r in rules]
        # every language's version: a translation may name other placeholders
        keys = (text,) if isinstance(text, str) else text
        self.reads = {r.id: reads([t for k in keys for t in r.item[k].values()]) for r in rules}
        # measures are chosen and worded in one step: their key holds what their texts
        # read, and `also` (what else chooses them: the safeguards in place)
        words = {f for found in self.reads.values() for f in found} if len(keys) > 1 else set()
        self.fields = sorted(fields_tested(r.get("when") for r in rules) | words | set(also))
        self.key = key_of(self.fields)
        self.words = key_of(sorted(words))
        # measures are remembered under what choosing and wording them depends on: what
        # their texts read, `also`, and the facts of the rules that test more than the
        # answers; for the rules that test only the answers, which of them hold and the
        # single answers looked at for a concern (`answered`, once per answers: few
        # combinations, where the answers' values are many)
        only_answers = [r for r in rules if r.get("when") is not None
                        and all(from_answers(f) for f in fields_tested([r.get("when")]))]
        # grouped by the answers they read: each group's outcome remembered under those
        # answers alone (one dimension's answers take a handful of values)
        groups: dict[tuple[int, ...], list] = collections.defaultdict(list)
        for rule in only_answers:
            when = rule.get("when")
            groups[answers_read(fields_tested([when]))].append(rule.test)
        for rule in rules:
            for field, op, _value in leaves(rule.get("when")):
                if is_concern(field, op):
                    groups[answers_read([field])].append(value_of(field))
        # each group's answers taken at once (a tuple, whatever their number)
        self.answer_groups = [(operator.itemgetter(*at, *at[:1]) if len(at) == 1
                               else operator.itemgetter(*at), tuple(tests),
                               tables[f"{name} answered {at}"])
                              for at, tests in sorted(groups.items())]
        self._keys(name, [r for r in rules if r not in only_answers], words | set(also), tables)
        self._wordings: dict[tuple[str, ...], Wording | None] = {}
        # the answers' outcomes met so far, each with its number: a table that starts
        # afresh when full, so memory stays flat, and numbers never given twice (an
        # outcome met again after that gets a new one: a miss downstream, never a mix-up)
        self._numbered = tables.kind()
        self._numbers = itertools.count()
        self.which, self.made = tables[name + " which"], tables[name]
        # which rules fire, looked up on a miss under what their conditions tell apart
        self.which_apart = apart_key(rules, words | set(also), tables.kind())
        self.apart_which = tables[name + " which, apart"]
        self.kind = tables.kind  # a table that remembers, or one that forgets
        # a control that takes the decision back is shown below advise only
        # (`parts.shown`): whether the level is that far is part of the key then
        self.by_level = any(r.item.get("takes_back") for r in rules)

    def _keys(self, name: str, rest: list[Rule], read: set[str], tables: Tables) -> None:
        """The keys a list of measures is remembered under, beside the answers' outcomes
        (`answered`), and their tables, one per room left in the plan (find-outs take
        some): the facts the `rest` of the rules test and those the texts `read`; on a
        miss, the same with a number or a list said by where it falls among the values
        the conditions compare it with (`apart`); on a miss of that too, what those
        conditions come to (`told`: a few dozen ways, where the places are hundreds)."""
        self.rest = key_of(sorted(fields_tested(r.get("when") for r in rest) | read))
        self.apart = apart_key(rest, read, tables.kind())
        self.rest_tests = tuple([r.test for r in rest])
        self.read = key_of(sorted(read))
        self.rooms = [tables[f"{name} which, room {n}"] for n in range(SHOWN + 1)]
        self.apart_rooms = [tables[f"{name} apart, room {n}"] for n in range(SHOWN + 1)]
        self.told_rooms = [tables[f"{name} told, room {n}"] for n in range(SHOWN + 1)]

    def answered(self, answers: tuple, facts: Callable[[], dict[str, Any]]) -> int:
        """What of the measures shown the answers alone decide (see above): per group,
        the outcome of its tests (`facts` makes the facts of the answers alone, when a
        group's outcome is not remembered), all of it said as one number."""
        out = []
        for at, tests, table in self.answer_groups:
            key = at(answers)
            found = table.get(key)
            if found is None:
                made = facts()
                found = table.keep(key, tuple([test(made) for test in tests]))
            out.append(found)
        # said by a number of its own: every case looks its list up under it, and a number
        # hashes at once where the tuple of the groups' outcomes hashes every outcome
        # again (20,000 cases: a fifth of the lists' lookups' time)
        said = tuple(out)
        number = self._numbered.get(said)
        return self._numbered.keep(said, next(self._numbers)) if number is None else number

    def told(self, facts: dict[str, Any]) -> tuple:
        """What the conditions of the rules that test more than the answers come to, and
        the facts the texts read (and `also`): with the answers' outcomes (`answered`),
        all that choosing and wording the measures reads."""
        return tuple([test(facts) for test in self.rest_tests]), self.read(facts)

    def fired(self, facts: dict[str, Any]) -> tuple[str, ...]:
        """The ids of the rules whose condition holds."""
        return tuple([rule_id for rule_id, test in self.tests if test(facts)])

    def wording(self, which: tuple[str, ...]) -> "Wording | None":
        """What the texts of these rules read, and what they made (None: they read
        nothing, so one part says them all)."""
        found = self._wordings.get(which)
        if found is None and which not in self._wordings:
            facts = sorted({f for rule_id in which for f in self.reads[rule_id]})
            found = self._wordings[which] = Wording(which, key_of(facts), self.kind()) \
                if facts else None
        return found


class Wording:
    """Texts that fire together and read facts: the facts they read (`words`), and the
    parts they made, under those facts' values."""

    __slots__ = ("which", "words", "made")

    def __init__(self, which: tuple[str, ...], words: Key, made: Memo) -> None:
        self.which, self.words, self.made = which, words, made


class Compiled:
    """A rule set compiled for one language and one workplace's country (whose working
    days the dates fall on): derived dependencies and remembered parts."""

    def __init__(self, rules: RuleSet, lang: str | None = None, memo: bool = True) -> None:
        from .parts import QUESTIONS
        self.rules, self.lang, self.memo = rules, lang or current(), memo
        self.country = country_for(self.lang)  # whose working days the dates fall on
        self.tables = Tables(memo)
        self.level_fields = level_fields(rules)
        self.decision_key = key_of(self.level_fields, asked_tags([*rules.caps,
                                                                  *rules.red_lines]))
        # a review counted from the due date reads due_in, whether or not its rule tests it
        self.review_key = key_of(sorted(fields_tested(r.get("when") for r in rules.review)
                                        | {"due_in"}))
        self.controls = Listed("controls", rules.controls, MEASURE_TEXTS, self.tables,
                               also=("safeguards",))
        self.feedback = Listed("feedback", rules.feedback, MEASURE_TEXTS, self.tables)
        self.warnings = Listed("warnings", rules.warnings, "message", self.tables)
        self.checklist = Listed("checklist", rules.checklist, "text", self.tables)
        self.questions = Listed("questions", rules.questions, "text", self.tables, QUESTIONS)
        # every fact a rule tests that a case may not give (an indicator, a task fact),
        # None until it does: a key reads every fact it names
        self.blank = dict.fromkeys(sorted(fields_tested(r.get("when") for r in rules.all_rules())
                                          - always_given()))
        self.labels = rules.level_labels()  # a planned level in any language's words
        self.search = Search(rules, self.level_fields, self.remember, self.decision_key)
        self.indicators = {d: rules.indicators(d) for d in rules.rubrics}
        # the facts the next step's words read: its texts' placeholders (`engine.steps`)
        # per dimension, the facts its next step's words read: its texts' placeholders
        # (`engine.steps`; `facts.get`: an overlay's text may read an indicator no rule
        # tests, which the facts then lack)
        steps = ("grow", "grow_once", "grow_alone", "find_out")
        self.step_reads = {dim: reads([text for key in steps
                                       for text in (r.item.get(key) or {}).values()])
                           for dim, r in rules.rubrics.items()}
        # each indicator's label in the run's language, for a hint that names them
        self.indicator_labels = {d: {i["id"]: pick(i.get("label"), self.lang)
                                     for i in rules.rubrics[d].item["indicators"]}
                                 for d in rules.rubrics}
        self.safeguards = [c.id for c in rules.controls]  # what a case may say is in place
        # measures a case's own words put in place (`done_by`): the task field → their ids
        self.done_by = tuple((m.item["done_by"], m.id) for m in [*rules.controls, *rules.feedback]
                             if "done_by" in m.item)
        # the tags the rules test: a case's tag close to one of them is a misspelling
        self.tags = sorted({tag for r in rules.all_rules() for field, _op, value in
                            leaves(r.get("when")) if field == "tags"
                            for tag in (value if isinstance(value, list) else [value])})
        # each text fact's values the rules test (folded at load): a case's value close to
        # one of them is a misspelling (`model.facts.near_text`)
        self.texts: dict[str, list[str]] = {}
        for r in rules.all_rules():
            for field, _op, value in leaves(r.get("when")):
                if field.startswith(FACT_PREFIX):
                    self.texts.setdefault(field[len(FACT_PREFIX):], []).extend(
                        v for v in (value if isinstance(value, list) else [value])
                        if isinstance(v, str))
        self.texts = {name: sorted(set(found)) for name, found in self.texts.items() if found}
        # the frame fixed (`engine.assess._frame`): resources and each indicator at 5
        self.frame_fixed = {"resources": 5.0, **{f"resources.{i}": 5
                                                  for i in self.indicators.get("resources", [])}}

    def in_place(self, task: Any) -> tuple[str, ...]:
        """The measures a task has in place: the safeguards it names, and those its
        leader's own words do (`done_by`: the situations to come first, given); found by
        the task itself when it was met before, as its echo is (`Tables.echoed`)."""
        seen = self.tables.in_place.get(id(task))
        if seen is not None and seen[0] is task:
            return seen[1]
        done = [rule for field, rule in self.done_by if getattr(task, field)]
        found = (*task.safeguards, *done) if done else task.safeguards
        self.tables.in_place.keep(id(task), (task, found))
        return found

    def remember(self, name: str, key: Any, make: Callable[..., Any], *args: Any) -> Any:
        """`make(*args)`, remembered under `key` in the table called `name`."""
        table = self.tables.named[name]
        found = table.get(key, _MISSING)
        return table.keep(key, make(*args)) if found is _MISSING else found


_MISSING = object()
_COMPILED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def compile_rules(rules: RuleSet) -> Compiled:
    """The rule set compiled for the current language and the workplace's country, made
    once and kept with it."""
    by_lang = _COMPILED.setdefault(rules, {})
    lang = current()
    key = (lang, country_for(lang))
    found = by_lang.get(key)
    if found is None:
        found = by_lang[key] = Compiled(rules, lang)
    return found
