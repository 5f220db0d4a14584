"""The stool's answers files: the blank form a team member fills in (`blank_form`, in the
chosen language and the member's voice, with a random token of its own), the leader's
own answers file, and reading either back with every problem at its line and column.

    stool: form          # a team member's form (`own`: the leader's own answers)
    team: Weekendteamet  # who the form is about (optional)
    token: 3f9c…         # a form's own random token: 32 hex digits, never changed
    answers:
      relational-team:   # a leg
        rely: 4          # a question: 1-5; left empty (or ?) to skip it

The token says nothing about who filled the form in; it only lets a combination see that
two forms are one (`kept`), so that no one's answers can be told by difference.
"""

from __future__ import annotations

import json
import re
import secrets
import textwrap
from typing import Any, Literal, NamedTuple

from ..errors import Problem, did_you_mean, visible
from ..i18n import N_, _, allowed_languages, current, normalise, pick
from ..io.source import Document
from ..io.validation import shown_value
from ..model.case import NAME_LENGTH, text_problem
from ..model.vocabulary import UNCERTAIN_WORDS
from ..rules.ruleset import RuleSet
from .rubric import SCALE

KINDS = ("form", "own")
KEYS = ("stool", "lang", "team", "token", "answers")
TOKEN = re.compile(r"^[0-9a-f]{32}$")
WIDTH = 88  # a form's comment lines, to read in any editor

Kind = Literal["form", "own"]
BLANK_HINT = N_("give each member a blank form of their own, as trustdose stool writes them "
                "(docs/stool.md)")


class Answered(NamedTuple):
    """One answers file read: a team member's form (with its token) or the leader's own
    answers; each leg's answered questions (1-5), the skipped ones left out."""

    path: str
    kind: Kind
    token: str | None
    team: str | None
    answers: dict[str, dict[str, int]]


def new_token() -> str:
    """A form's own token: random, 128 bits, tied to no one."""
    return secrets.token_hex(16)


def _comment(text: str, indent: str = "", prefix: str = "") -> list[str]:
    """`text` as comment lines (one line, its control characters escaped, wrapped)."""
    one = visible(" ".join(str(text).split()))
    return textwrap.wrap(one, WIDTH - len(indent) - 2, initial_indent=f"{indent}# {prefix}",
                         subsequent_indent=f"{indent}# " + " " * len(prefix),
                         break_long_words=False, break_on_hyphens=False) or [f"{indent}#"]


def blank_form(rules: RuleSet, team: str | None, token: str | None, fewest: int) -> str:
    """A blank form in the current language: each leg's questions in the team member's
    voice (`token` None: the leader's own, in the leader's voice), each with its anchors;
    `fewest`: the forms a team's leg is shown from, as the member is told."""
    member = token is not None
    lines = _comment(_("The trust stool: your own answers") if member else
                     _("The trust stool: the leader's own answers"))
    lines += _comment(_(
        "Write a number from 1 to 5 after each question, as the lines under it describe "
        "1, 3 and 5; leave it empty to skip the question. Your answers are combined with "
        "those of at least {fewest} others, and trustdose never shows them on their own; "
        "but whoever holds this file can read it. Hand it in as your team has agreed, "
        "for instance through a colleague who collects all the forms and passes them on "
        "together.").format(fewest=fewest - 1) if member else _(
        "Write a number from 1 to 5 after each question, as the lines under it describe "
        "1, 3 and 5; leave it empty to skip the question. Then: trustdose stool FILE"))
    lines += [f"stool: {'form' if member else 'own'}", f"lang: {current()}"]
    if team:
        lines.append(f"team: {json.dumps(team, ensure_ascii=False)}")
    if member:
        lines += [f"token: {token}"] + _comment(_(
            "The token is this form's own; it says nothing about who you are. Do not "
            "change it."))
    lines.append("answers:")
    for leg in rules.legs:
        lines += [""] + _comment(pick(leg.item["title"]).upper(), "  ")
        lines.append(f"  {leg.id}:")
        for asked in leg.item["questions"]:
            said = asked.get("text_team") if member else asked["text"]
            if said is None:  # a question for the leader alone
                continue
            lines += _comment(pick(said), "    ")
            lines += [line for n, text in sorted(asked["anchors"].items())
                      for line in _comment(pick(text), "    ", f"  {n} = ")]
            lines.append(f"    {asked['id']}:")
    return "\n".join(lines) + "\n"


def read_answers(doc: Document, rules: RuleSet) -> tuple[Answered | None, list[Problem]]:
    """An answers file read: the answers, or None and every problem in it."""
    data = doc.data
    if not isinstance(data, dict):
        return None, [doc.problem((), _("a stool answers file is a mapping with 'stool:' "
                                        "and 'answers:'"), _(BLANK_HINT))]
    problems = [doc.problem((key,), _("unknown key '{key}'").format(key=key),
                            did_you_mean(key, KEYS) or _("allowed keys: {keys}").format(
                                keys=", ".join(KEYS)), key=True)
                for key in data if key not in KEYS]
    kind = data.get("stool")
    if kind not in KINDS:
        problems.append(doc.problem(("stool",) if "stool" in data else (), _(
            "'stool:' must say form (a team member's) or own (the leader's own answers); "
            "it is {value}").format(value=shown_value(kind))))
    lang = data.get("lang")
    if lang is not None and (not isinstance(lang, str) or normalise(lang) is None):
        problems.append(doc.problem(("lang",), _("lang: unknown language {value}").format(
            value=shown_value(lang)), allowed_languages()))
    token = _token(doc, data, kind, problems)
    team = _team(doc, data.get("team"), problems)
    answers = _answers(doc, data.get("answers"), rules, problems)
    if problems:
        return None, problems
    return Answered(doc.path, kind, token, team, answers), []


def _token(doc: Document, data: dict, kind: Any, problems: list[Problem]) -> str | None:
    token = data.get("token")
    if kind == "own" and token is not None:
        problems.append(doc.problem(("token",), _(
            "the leader's own answers carry no token; a form with a token is a team "
            "member's (stool: form)")))
        return None
    if kind == "form" and token is None:
        problems.append(doc.problem(("stool",), _(
            "this form has no token, so it cannot be told apart from another and is not "
            "combined"), _(BLANK_HINT)))
        return None
    if token is not None and (not isinstance(token, str) or not TOKEN.match(token)):
        problems.append(doc.problem(("token",), _(
            "the token {value} is not as trustdose wrote it (32 hex digits)").format(
            value=shown_value(token)), _(BLANK_HINT)))
        return None
    return token


def _team(doc: Document, team: Any, problems: list[Problem]) -> str | None:
    if team is None:
        return None
    problem = None if isinstance(team, str) else _("must be a name")
    problem = problem or text_problem(team) or (
        _("at most {n} characters").format(n=NAME_LENGTH) if len(team) > NAME_LENGTH else None)
    if problem or not team.strip():
        problems.append(doc.problem(("team",), _("team: {problem}").format(
            problem=problem or _("must be a name"))))
        return None
    return team.strip()


def _answers(doc: Document, given: Any, rules: RuleSet,
             problems: list[Problem]) -> dict[str, dict[str, int]]:
    """Each leg's answers, checked against the legs and questions in force."""
    if given is None:
        given = {}
    if not isinstance(given, dict):
        problems.append(doc.problem(("answers",), _("'answers:' must map each leg to its "
                                                    "questions' answers")))
        return {}
    legs = {rule.id: [q["id"] for q in rule.item["questions"]] for rule in rules.legs}
    out: dict[str, dict[str, int]] = {}
    for leg, asked in given.items():
        if leg not in legs:
            problems.append(doc.problem(("answers", leg), _("unknown leg '{leg}'").format(
                leg=visible(leg)), did_you_mean(leg, legs) or _("the legs: {legs}").format(
                legs=", ".join(legs)), key=True))
            continue
        if asked is None:
            continue
        if not isinstance(asked, dict):
            problems.append(doc.problem(("answers", leg), _(
                "a leg's answers are its questions, each with a number 1-5")))
            continue
        for question, value in asked.items():
            if question not in legs[leg]:
                problems.append(doc.problem(("answers", leg, question), _(
                    "unknown question '{question}' in {leg}").format(
                    question=visible(question), leg=leg), did_you_mean(
                    question, legs[leg]) or ", ".join(legs[leg]), key=True))
            elif _skipped(value):
                continue
            elif isinstance(value, bool) or not isinstance(value, int) \
                    or not SCALE[0] <= value <= SCALE[1]:
                problems.append(doc.problem(("answers", leg, question), _(
                    "{value} is not an answer: a whole number from 1 to 5, or empty to "
                    "skip").format(value=shown_value(value))))
            else:
                out.setdefault(leg, {})[question] = value
    return out


def _skipped(value: Any) -> bool:
    """An answer left out: empty, or ? (unsure), as the questionnaire takes it."""
    return value is None or (isinstance(value, str) and (
        not value.strip() or value.strip().lower() in UNCERTAIN_WORDS))
