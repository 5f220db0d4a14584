"""Values in rules that a case can hold: a rule that tests another never fires, and says
nothing of it, so each is a load error at its file:line with the nearest valid spelling.

- A tag or a safeguard is a key (`model.facts.is_key`): `Use-Of-Force` and
  `"use-of-force "` are no tag a case can carry (`use-of-force` is).
- `task.kind` and `subject.kind` are one of their words (`one_off` is not `one-off`).
- A task fact is compared as one type by every rule (`model.facts`): a fact compared with
  true in one rule and with a number in another would be refused in every case by one
  of them.
"""

from __future__ import annotations

import math
from typing import Any, Callable, Iterable

from ..errors import Problem, did_you_mean
from ..i18n import _
from ..model.facts import BOOLEAN, NUMBER, TEXT, is_key, key_spelling
from .conditions import CASE_VALUES, FACT_PREFIX, compared_as, fields_of, leaves
from .ruleset import Rule

ProblemAt = Callable[..., Problem]  # (rule, path in it, message, hint) → Problem


def type_words() -> dict[str, str]:
    """How a message names each type of a task fact."""
    return {NUMBER: _("a number"), BOOLEAN: _("true or false"), TEXT: _("text")}


def fact_problems(rules: Iterable[Rule], problem_at: ProblemAt) -> list[Problem]:
    """Every value no case can hold, and every task fact compared as a second type (at
    the test that does so, naming where the first type was given)."""
    problems: list[Problem] = []
    first: dict[str, tuple[str, Problem]] = {}  # fact → its type, and where it was given
    for rule in rules:
        condition = rule.get("when")
        if condition is None:
            continue
        for (loc, _name), (field, op, value) in zip(fields_of(condition), leaves(condition)):
            at = ("when",) + loc[:-1] + ("value",)
            if field in CASE_VALUES:
                problems += _values(rule, at, field, value, problem_at)
            if not field.startswith(FACT_PREFIX):
                continue
            problems += _fact_values(rule, at, field, value, problem_at)
            for kind in compared_as(op, value):
                here = problem_at(rule, at, "")
                known = first.setdefault(field, (kind, here))
                if known[0] != kind:
                    words = type_words()
                    problems.append(problem_at(rule, at, _(
                        "'{name}' is compared with {kind} here, and with {other} at {where}")
                        .format(name=field, kind=words[kind], other=words[known[0]],
                                where=f"{known[1].path}:{known[1].line}"), _(
                        "a task fact has one type: compare it with numbers, with true or "
                        "false, or with text in every rule")))
    return problems


def _values(rule: Rule, at: tuple, field: str, value: Any, problem_at: ProblemAt
            ) -> list[Problem]:
    allowed = CASE_VALUES[field]
    problems = []
    listed = isinstance(value, list)
    for i, word in enumerate(value if listed else [value]):
        where = at + (i,) if listed else at
        if word is None:
            continue
        if allowed is None and not is_key(word):
            spelt = key_spelling(word) if isinstance(word, str) else None
            problems.append(problem_at(rule, where, _(
                "{field} never holds '{value}': a case writes it in lowercase letters, "
                "digits and '-', starting with a letter").format(field=field, value=word),
                _("did you mean '{name}'?").format(name=spelt) if spelt else None))
        elif allowed is not None and word not in allowed:
            hint = did_you_mean(key_spelling(str(word)) or str(word), allowed)
            problems.append(problem_at(rule, where, _(
                "{field} is never '{value}' in a case").format(field=field, value=word),
                (hint + " " if hint else "") + _("allowed: {names}").format(
                    names=", ".join(allowed))))
    return problems


# The largest whole number a case's number holds exactly (a float's 53 bits)
EXACT = 2 ** 53


def _fact_values(rule: Rule, at: tuple, field: str, value: Any, problem_at: ProblemAt
                 ) -> list[Problem]:
    """A task fact's value no case can give: a number that is not finite or too large
    to hold exactly, a text with spaces at either end (a case's text has none: a CSV
    cell loses them)."""
    problems = []
    listed = isinstance(value, list)
    for i, word in enumerate(value if listed else [value]):
        where = at + (i,) if listed else at
        if isinstance(word, bool):
            continue
        if isinstance(word, float) and not math.isfinite(word) or \
                isinstance(word, (int, float)) and abs(word) > EXACT:
            problems.append(problem_at(rule, where, _(
                "{field} is never {value} in a case: a case's number is finite and "
                "holds at most 15 digits exactly").format(field=field, value=word),
                _("compare it with a number a case can give")))
        elif isinstance(word, str) and word != word.strip():
            problems.append(problem_at(rule, where, _(
                "{field} is never '{value}' in a case: a case's text has no spaces at "
                "either end").format(field=field, value=word),
                _("did you mean '{name}'?").format(name=word.strip())))
    return problems
