"""Tests in rules that a case can make true: a test no case can make true never fires,
and says nothing of it, so each is a load error at its file:line:col with what the field
holds and the nearest valid spelling.

What each field holds in a case (`kind_of`):
- a number on a scale: the scores and indicators 1-5, the levels 1-7 (`carried`,
  `planned`, `level`; whole numbers), `planned_gap` -6 to 6. A text (`"3"`, `delegat`),
  true or false, a number off the scale, or an order no number on it meets (`risk > 5`)
  never holds;
- true or false (`capped`, `subject.new_in_role`), compared with `==` or `!=`;
- one word of a few (`limiting`, `task.kind`, `subject.kind`): `one_off` is not `one-off`;
- whom the task is for (`task.people`): one of the words for them or a case's own words,
  compared with `==`, `!=` or `in`; a word a letter off one of those (`childen`) is taken
  for a misspelling, as no case's own words would be written so;
- a list (`tags`, `safeguards`, `uncertain`): `contains` one value, or `==`/`!=` a whole
  list; `tags == x`, `tags in [x, y]` and `tags contains [x, y]` never hold. A tag or a
  safeguard is a key
  (`model.facts.is_key`: `Use-Of-Force` is no tag a case can carry), `uncertain` lists
  dimensions;
- a task fact (`facts.<name>`), compared as one type by every rule (`model.facts`);
  `contains` looks for text in a text fact (not the empty text, found in every one).
On every field, `null` holds only with `!=` (the field is given: a test on a missing value
is false), `in []` never holds, an empty `any` never holds and an empty `all` always does.
Text in a condition is read in Unicode's composed form (NFC), as a case's text is; a
task fact's text folded (`model.facts.fold`), as the engine compares a case's.
"""

from __future__ import annotations

import json
import math
import unicodedata
from typing import Any, Callable, Iterable, Iterator

from ..errors import Problem, did_you_mean
from ..i18n import _
from ..model.facts import (BOOLEAN, NUMBER, TEXT, fold, is_key, key_spelling,
                           read_boolean)
from ..model.case import near_tag
from ..model.vocabulary import (DIMENSIONS, LEVEL_NAMES, PEOPLE, PRECONDITIONS, SUBJECT_KINDS,
                                TASK_KINDS)
from .conditions import FACT_PREFIX, ORDERING, compared_as, fields_of, leaves
from .ruleset import Rule

ProblemAt = Callable[..., Problem]  # (rule, path in it, message, hint) → Problem
Found = tuple[tuple, str, "str | None"]  # (where in the test, message, hint)

# The scales: (lowest, highest, whole numbers only)
SCALES: dict[str, tuple[int, int, bool]] = {
    **dict.fromkeys((*DIMENSIONS, "weakest"), (1, 5, False)),
    **dict.fromkeys(("carried", "planned", "level"), (1, 7, True)),
    "planned_gap": (-6, 6, True)}
FLAGS = frozenset({"capped", "subject.new_in_role"})
WORDS: dict[str, tuple[str, ...]] = {"limiting": PRECONDITIONS, "task.kind": TASK_KINDS,
                                     "subject.kind": SUBJECT_KINDS}
LISTS: dict[str, tuple[str, ...] | None] = {"uncertain": DIMENSIONS, "tags": None,
                                            "safeguards": None}  # None: keys


def kind_of(field: str) -> str:
    """What `field` holds: scale, flag, word, list, fact; or other (no check)."""
    if field.startswith(FACT_PREFIX):
        return "fact"
    if field in SCALES or field.partition(".")[0] in DIMENSIONS:  # an indicator: 1-5
        return "scale"
    return "flag" if field in FLAGS else "word" if field in WORDS else \
        "list" if field in LISTS else "people" if field == "task.people" else "other"


def type_words() -> dict[str, str]:
    """How a message names each type of a task fact."""
    return {NUMBER: _("a number"), BOOLEAN: _("true or false"), TEXT: _("text")}


def composed(cond: Any) -> Any:
    """A condition with its text in Unicode's composed form (NFC): "José" typed with a
    decomposed é is the same text as "José" (`model.facts` reads a case's text so)."""
    if isinstance(cond, str):
        return unicodedata.normalize("NFC", cond)
    if isinstance(cond, list):
        return [composed(v) for v in cond]
    if isinstance(cond, dict):
        found = {k: composed(v) for k, v in cond.items()}
        if str(found.get("field", "")).startswith(FACT_PREFIX) and "value" in found:
            value = found["value"]  # a task fact's text as the engine compares it
            found["value"] = [fold(v) if isinstance(v, str) else v for v in value] \
                if isinstance(value, list) else fold(value) if isinstance(value, str) else value
        return found
    return cond


def fact_problems(rules: Iterable[Rule], problem_at: ProblemAt) -> list[Problem]:
    """Every test no case can make true, and every task fact compared as a second type
    (at the test that does so, naming where the first type was given)."""
    problems: list[Problem] = []
    first: dict[str, tuple[str, Problem]] = {}  # fact → its type, and where it was given
    for rule in rules:
        condition = rule.get("when")
        if condition is None:
            continue
        for loc, message, hint in _empty_groups(condition, ("when",)):
            problems.append(problem_at(rule, loc, message, hint))
        for (loc, _name), (field, op, value) in zip(fields_of(condition), leaves(condition)):
            test = ("when",) + loc[:-1]
            for sub, message, hint in test_problems(field, op, value):
                problems.append(problem_at(rule, test + sub, message, hint))
            if not field.startswith(FACT_PREFIX):
                continue
            for kind in compared_as(op, value):
                here = problem_at(rule, test + ("value",), "")
                known = first.setdefault(field, (kind, here))
                if known[0] != kind:
                    words = type_words()
                    problems.append(problem_at(rule, test + ("value",), _(
                        "'{name}' is compared with {kind} here, and with {other} at {where}")
                        .format(name=field, kind=words[kind], other=words[known[0]],
                                where=f"{known[1].path}:{known[1].line}"), _(
                        "a task fact has one type: compare it with numbers, with true or "
                        "false, or with text in every rule")))
    return problems


def _empty_groups(cond: dict, at: tuple) -> Iterator[Found]:
    if "not" in cond:
        yield from _empty_groups(cond["not"], at + ("not",))
    for key in ("all", "any"):
        if key not in cond:
            continue
        if not cond[key]:
            yield at + (key,), _("an empty 'all' always holds") if key == "all" else \
                _("an empty 'any' never holds"), _(
                "give it at least one test, e.g. {field: risk, op: '>=', value: 4}")
        for i, sub in enumerate(cond[key]):
            yield from _empty_groups(sub, at + (key, i))


def test_problems(field: str, op: str, value: Any) -> list[Found]:
    """What keeps one test from ever holding as a case gives `field` (`kind_of`)."""
    if value is None and op != "!=":
        return [(("value",), _("'{field} {op} null' never holds: a test on a missing "
                               "value is false").format(field=field, op=op), _(
            "to test that {field} is given: op '!=' with value null; that it is not: put "
            "that test under 'not'").format(field=field))]
    if op == "in" and value == []:
        return [(("value",), _("'in []' never holds: the list is empty"),
                 _("name at least one value"))]
    kind = kind_of(field)
    if kind == "list":
        return _list_test(field, op, value)
    values = value if op == "in" else [value]
    at = (lambda i: ("value", i)) if op == "in" else (lambda i: ("value",))
    if kind == "scale":
        return _scale_test(field, op, values, at)
    if kind == "fact":
        return _fact_test(field, op, values, at)
    if kind in _OPS and op not in _OPS[kind]:
        return [(("op",), _("'{op}' never holds for {field}, which is {what}").format(
            op=op, field=field, what=_("true or false") if kind == "flag" else _(
                "one of: {names}").format(names=", ".join(WORDS[field])) if kind == "word"
            else _("one of: {names}, or a case's own words").format(names=", ".join(PEOPLE))),
            _("compare it with {ops}").format(ops=", ".join(_OPS[kind])))]
    if kind == "people":
        return [(at(i), _("{field} is text, never {value}").format(
            field=field, value=_shown(v)), _("allowed: {names}, or a case's own words").format(
            names=", ".join(PEOPLE))) if not isinstance(v, str) else
            _not_a_word(field, v, PEOPLE, at(i))
            for i, v in enumerate(values) if not isinstance(v, str) or near_tag(v, PEOPLE)]
    if kind == "flag":
        return [(at(i), _("{field} is true or false, never {value}").format(
            field=field, value=_shown(v)), _("write {value} without quotes").format(
            value=_shown(read_boolean(v))) if isinstance(v, str) and read_boolean(v) is not None
            else _("write true or false"))
            for i, v in enumerate(values) if not isinstance(v, bool)]
    if kind == "word":
        return [_not_a_word(field, v, WORDS[field], at(i))
                for i, v in enumerate(values) if v not in WORDS[field]]
    return []


_OPS = {"flag": ("==", "!="), "word": ("==", "!=", "in"),  # the tests that can hold
        "people": ("==", "!=", "in")}


def _shown(value: Any) -> str:
    return f"'{value}'" if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _not_a_word(field: str, word: Any, allowed: tuple[str, ...], at: tuple) -> Found:
    hint = did_you_mean(key_spelling(str(word)) or str(word), allowed)
    return at, _("{field} is never '{value}' in a case").format(field=field, value=word), \
        (hint + " " if hint else "") + _("allowed: {names}").format(names=", ".join(allowed))


def _list_test(field: str, op: str, value: Any) -> list[Found]:
    example = "{" + f"field: {field}, op: contains, value: " + \
        (value[0] if isinstance(value, list) and value else str(value)) + "}"
    written = json.dumps(value, ensure_ascii=False)
    if op in ("in", *ORDERING) or op in ("==", "!=") and not isinstance(value, list):
        return [(("op",), _("'{field} {op} {value}' never holds: {field} is a list, and "
                            "'{op}' compares the whole list").format(
            field=field, op=op, value=written) if op != "!=" else _(
            "'{field} != {value}' always holds: {field} is a list, and '!=' compares the "
            "whole list").format(field=field, value=written), _(
            "to test whether it holds one value: {example}; for any of several, one such "
            "test each under 'any'").format(example=example) if op != "!=" else _(
            "to test that it does not hold it: {example} under 'not'").format(
            example=example))]
    listed = isinstance(value, list)
    if op == "contains" and listed:
        return [(("value",), _("'{field} contains {value}' never holds: 'contains' looks for "
                               "one value in {field}, and a list is none of them").format(
            field=field, value=written), _(
            "write one 'contains' test for each under 'all' (every one of them) or 'any' "
            "(one of them), e.g. {example}").format(example=example))]
    problems = []
    for i, word in enumerate(value if listed else [value]):
        at = ("value", i) if listed else ("value",)
        allowed = LISTS[field]
        if allowed is not None and word not in allowed:
            problems.append(_not_a_word(field, word, allowed, at))
        elif allowed is None and not is_key(word):
            spelt = key_spelling(word) if isinstance(word, str) else None
            problems.append((at, _(
                "{field} never holds '{value}': a case writes it in lowercase letters, "
                "digits and '-', starting with a letter").format(field=field, value=word),
                _("did you mean '{name}'?").format(name=spelt) if spelt else None))
    return problems


def _scale_test(field: str, op: str, values: list, at: Callable[[int], tuple]
                ) -> list[Found]:
    low, high, whole = SCALES.get(field, (1, 5, False))
    if op == "contains":
        return [(("op",), _("'contains' never holds for {field}, which is a number").format(
            field=field), _("compare it with {ops}").format(ops="==, !=, <, <=, >, >=, in"))]
    span = _("{field} runs from {low} to {high}").format(field=field, low=low, high=high)
    problems: list[Found] = []
    for i, v in enumerate(values):
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            hint = _level_hint(v) if isinstance(v, str) and high == 7 else None
            problems.append((at(i), _("{field} is a number, never {value}: {span}").format(
                field=field, value=_shown(v), span=span),
                hint or _("write a number without quotes")))
        elif not low <= v <= high:
            problems.append((at(i), _("{field} is never {value}: {span}").format(
                field=field, value=_shown(v), span=span), None))
        elif whole and op in ("==", "!=", "in") and v != int(v):
            problems.append((at(i), _("{field} is a whole number, never {value}").format(
                field=field, value=_shown(v)), None))
        elif op == ">" and v >= high or op == "<" and v <= low:
            problems.append((at(i), _("'{field} {op} {value}' never holds: {span}").format(
                field=field, op=op, value=json.dumps(v), span=span), None))
    return problems


def _level_hint(word: str) -> str | None:
    """A level named where its number belongs (`delegat`): the number of the nearest."""
    import difflib  # only on the error path
    close = difflib.get_close_matches(word.strip().lower(), LEVEL_NAMES, n=1, cutoff=0.6)
    return _("did you mean {number} ({name})? a level is tested by its number").format(
        number=LEVEL_NAMES.index(close[0]) + 1, name=close[0]) if close else None


# The largest whole number a case's number holds exactly (a float's 53 bits)
EXACT = 2 ** 53


def _fact_test(field: str, op: str, values: list, at: Callable[[int], tuple]) -> list[Found]:
    """A task fact's value no case can give: a number that is not finite or too large
    to hold exactly; `contains` with anything but text, or with no text (which holds
    for every text). (A text's spaces at either end,
    its case and its dashes are folded away on both sides: `model.facts.fold`.)"""
    problems: list[Found] = []
    for i, word in enumerate(values):
        if op == "contains" and not isinstance(word, str):
            problems.append((at(i), _(
                "'contains' looks for text in a text fact, and {value} is not text").format(
                value=_shown(word)), _("compare a number or true/false with == instead")))
        elif op == "contains" and not word:
            problems.append((at(i), _(
                "'{field} contains \"\"' always holds where {field} is given: every text "
                "contains the empty text").format(field=field), _(
                "to test that {field} is given: op '!=' with value null; else name the text "
                "to look for")))
        elif isinstance(word, bool):
            continue
        elif isinstance(word, float) and not math.isfinite(word) or \
                isinstance(word, (int, float)) and abs(word) > EXACT:
            problems.append((at(i), _(
                "{field} is never {value} in a case: a case's number is finite and "
                "holds at most 15 digits exactly").format(field=field, value=word),
                _("compare it with a number a case can give")))
    return problems
