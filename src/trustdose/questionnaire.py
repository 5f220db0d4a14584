"""The questionnaire as data: the steps `trustdose assess` asks, and the case they build.

The steps come from the rubrics in force, so an organisation's own indicators are asked
too. Each step parses and checks its answer (raising `ValueError` with what is allowed),
so the terminal side only shows, reads and re-asks. `Walk` goes through them: going
back, and offering an earlier answer again. The answers become a case mapping that goes
through the same validation as a case file.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import Any, Callable

from .i18n import N_, _, pick
from .model.case import NAME_LENGTH, text_problem
from .model.levels import parse_level
from .engine.compiled import compile_rules
from .model.facts import BOOLEAN, NUMBER
from .model.vocabulary import (DIMENSIONS, NO, PEOPLE, TASK_KINDS, UNCERTAIN, UNCERTAIN_WORDS,
                               YES)
from .rules.conditions import FACT_PREFIX, leaves
from .rules.integrity import fact_types
from .rules.placeholders import PEOPLE_WORDS
from .rules.ruleset import RuleSet
from .task_words import (SEPARATOR, due, fact_boolean, fact_number, fact_text, own_text, points,
                         tag_label)

BACK = frozenset({"b", "back", "<", "tilbage", "tilbake", "tillbaka"})
KIND_WORDS = {"routine": N_("routine work, done many times"), "one-off": N_("a one-off task"),
              "ongoing": N_("an ongoing responsibility"), "project": N_("a project with an end")}


@dataclass(frozen=True)
class Step:
    """One question: what to show, how to read the answer, where to put it in the case."""

    key: tuple[str, ...]  # path in the case mapping
    question: str
    parse: Callable[[str], Any]
    heading: str = ""  # shown when a new dimension starts
    intro: str = ""
    anchors: list[tuple[int, str]] = field(default_factory=list)
    team_anchors: list[tuple[int, str]] | None = None  # said to a team (never "du")
    team_question: str = ""  # the question, once the subject is a team (if it differs)
    hint: str = ""
    optional: bool = False
    when: Callable[[dict], bool] | None = None  # asked only when the answers so far say so
    lines: bool = False  # a list: one item per line until an empty line (or `SEPARATOR`)


def steps(rules: RuleSet, today: dt.date | None = None) -> list[Step]:
    """Every question of the questionnaire, in order (`today`: the day of the assessment,
    which a due date may not come before)."""
    result = [
        Step(("subject", "name"), _("Who would take on the task? (a name, initials or a team)"),
             _name, heading=_("The task")),
        Step(("subject", "kind"), _("Is that a person or a team? [p/t]"), _kind),
        # a named team is the team (a tmux run: "medarbeideren eller teamet" after "t")
        Step(("subject", "new_in_role"), _("Are they new in the role? [y/n]"), _yes_no,
             team_question=_("Is the team new in the role? [y/n]")),
        Step(("task", "title"), _("Which task do you consider delegating?"), _title),
        Step(("task", "kind"), _("What kind of task is it? (a number; Enter to skip)"),
             lambda answer: _choice(answer, TASK_KINDS), optional=True,
             anchors=list(enumerate([_(KIND_WORDS[k]) for k in TASK_KINDS], start=1))),
        Step(("task", "people"), _("Who is the task for? (a number, your own words, or "
                                   "Enter to skip)"),
             lambda answer: _choice(answer, PEOPLE, own_words=True), optional=True,
             anchors=list(enumerate([_(PEOPLE_WORDS[p]) for p in PEOPLE], start=1))),
    ]
    tags, facts = mentioned(rules)
    if tags:  # only when rules (an organisation's red lines, say) can tell them apart
        result.append(Step(("task", "tags"), _("Which of these apply to the task? (numbers or "
                                                "names, separated by commas; Enter for none)"),
                           lambda answer: _tags(answer, tags), optional=True,
                           anchors=list(enumerate(map(tag_label, tags), start=1))))
    types = fact_types(rules)
    texts = compile_rules(rules).texts  # a text close to one a rule tests is refused here
    for name in facts:  # read as the rules type it, as in a case file (`model.facts`)
        kind = types.get(name)
        question = _("The task's {fact}? (your rules use it; Enter to skip)") if kind != BOOLEAN \
            else _("Does '{fact}' apply to the task? [y/n] (your rules use it; Enter to skip)")
        result.append(Step(("task", "facts", name), question.format(fact=name),
                           fact_number if kind == NUMBER else fact_boolean if kind == BOOLEAN
                           else functools.partial(fact_text, known=texts.get(name, ())),
                           optional=True))
    result += _own_words(today or dt.date.today())
    for dim in DIMENSIONS:
        rubric = rules.rubrics[dim].item
        for i, indicator in enumerate(rubric["indicators"]):
            result.append(Step(
                (dim, indicator["id"]), pick(indicator["question"]), _score,
                heading=pick(rubric["title"]) if i == 0 else "",
                intro=pick(rubric["summary"]) if i == 0 else "",
                anchors=sorted((n, pick(t)) for n, t in indicator["anchors"].items()),
                hint=_("1-5, ? if you are unsure, < or b to go back")))
    lifting = safeguards(rules)
    if lifting:  # meaningful control makes more freedom safe: ask what is in place
        result.append(Step(
            ("task", "safeguards"), _("Which of these are already in place for the task? "
                                      "(numbers, separated by commas; Enter for none)"),
            lambda answer: _tags(answer, lifting), optional=True, when=_risky,
            anchors=[(n, pick(rules.measures()[s].item["title"]) + " — "
                      + pick(rules.measures()[s].item["description"]))
                     for n, s in enumerate(lifting, start=1)]))
    result.append(_plan_step(rules))
    return result


def _plan_step(rules: RuleSet) -> Step:
    """The level the leader had in mind, offered with what each level means (to a team,
    in the team's form)."""
    def said(r, key: str) -> str:
        return pick(r.item["label"]) + " — " + pick(r.item.get(key) or r.item["meaning"])
    levels = sorted(rules.levels.items())
    return Step(("planned_level",),
                _("Which level did you have in mind? (1-7 or a name, Enter to skip)"),
                lambda answer: _planned(answer, rules.level_labels()),
                heading=_("Your plan"), optional=True,
                anchors=[(n, said(r, "meaning")) for n, r in levels],
                team_anchors=[(n, said(r, "meaning_team")) for n, r in levels])


def _own_words(today: dt.date) -> list[Step]:
    """The task's five fields the agreement states in the leader's own words, each
    skipped with Enter (the agreement then asks it at the first talk)."""
    listed = _("One per line, an empty line ends; or on one line, separated by {sep}").format(
        sep=SEPARATOR)
    return [
        Step(("task", "purpose"), _("Why does the task matter, and for whom? (Enter to skip)"),
             own_text, optional=True, heading=_("In your own words, for the agreement"),
             intro=_("Five questions you may skip with Enter: what you write stands in the "
                     "agreement as you wrote it; what you skip becomes a question for your "
                     "first talk.")),
        Step(("task", "success"), _("How will you both know it went well? (Enter to skip)"),
             own_text, optional=True),
        Step(("task", "ground_rules"), _("What must always be respected while doing it? "
                                         "(Enter to skip)"),
             points, optional=True, hint=listed, lines=True),
        Step(("task", "escalate"), _("In which situations should they come to you before "
                                     "acting? (Enter to skip)"),
             points, optional=True, hint=listed, lines=True),
        Step(("task", "due"), _("Is there a day of the event or a deadline? (YYYY-MM-DD, "
                                "today or later; Enter to skip)"),
             functools.partial(due, today=today), optional=True),
    ]


def mentioned(rules: RuleSet) -> tuple[list[str], list[str]]:
    """The tags and task facts the rules in force test: what is worth asking about."""
    tags: set[str] = set()
    facts: set[str] = set()
    for rule in rules.all_rules():
        for name, _op, value in leaves(rule.get("when")):
            if name == "tags":
                tags.update(v for v in (value if isinstance(value, list) else [value])
                            if isinstance(v, str))
            elif name.startswith(FACT_PREFIX):
                facts.add(name[len(FACT_PREFIX):])
    return sorted(tags), sorted(facts)


def safeguards(rules: RuleSet) -> list[str]:
    """The controls that, in place, lift a cap or red line: the safeguards worth asking
    about, in the order of the controls."""
    named = {s for r in [*rules.caps, *rules.red_lines] for s in r.get("lifted_by")}
    return [c.id for c in rules.controls if c.id in named]


def _risky(answers: dict[tuple[str, ...], Any]) -> bool:
    """Whether the risk answers are high: a serious impact, or high on average."""
    given = [v if isinstance(v, int) else 3 for k, v in answers.items() if k[0] == "risk"]
    impact = answers.get(("risk", "impact"))
    return bool(given) and (sum(given) / len(given) >= 3.5 or
                            (isinstance(impact, int) and impact >= 4))


def is_back(answer: str) -> bool:
    return answer.strip().lower() in BACK


CLEAR = "-"  # typed at an optional step answered before: no answer after all


@dataclass
class Walk:
    """Going through the steps: the one to ask, the answers so far, going back (to the
    step asked before) and each answer as typed, offered again when its step comes back
    (Enter keeps it)."""

    todo: list[Step]
    answers: dict[tuple[str, ...], Any] = field(default_factory=dict)
    typed: dict[tuple[str, ...], str] = field(default_factory=dict)
    index: int = 0
    asked: list[int] = field(default_factory=list)  # the steps answered, in order
    resume: int | None = None  # where to go on after a step asked again (`refused`)

    def current(self) -> Step | None:
        """The step to ask now (None: done); steps the answers so far rule out are passed,
        and their earlier answers dropped (they no longer hold)."""
        while self.index < len(self.todo):
            step = self.todo[self.index]
            if step.when is None or step.when(self.answers):
                return step
            self.answers.pop(step.key, None)
            self.typed.pop(step.key, None)
            self.index += 1
        return None

    def position(self) -> int:
        """The current step's number, counting only the steps the answers so far do not
        rule out (a step asked only when the risk is high)."""
        return sum(1 for i, s in enumerate(self.todo[:self.index])
                   if s.when is None or s.when(self.answers)) + 1

    def count(self) -> tuple[int, int, int]:
        """How many steps are always asked, how many at the most (with those the answers
        may call for), and how many of those always asked Enter skips: the total, said
        once and truthfully before the first."""
        always = [s for s in self.todo if s.when is None]
        return len(always), len(self.todo), sum(1 for s in always if s.optional)

    def earlier(self, step: Step) -> str | None:
        """The answer typed at `step` before (None: not answered yet, or skipped)."""
        return self.typed.get(step.key) or None

    def answer(self, text: str) -> str:
        """Take what was typed at the current step: "back" (to the step asked before),
        "first" (going back from the first step), or "next"; `ValueError` says what is
        allowed and keeps the step."""
        step = self.current()
        if step is None:
            raise ValueError("the questionnaire is done")
        problem = text_problem(text)
        if problem:  # an arrow key or Tab typed into the line: refused here, not at the end
            raise ValueError(_("That answer {problem}. Arrow keys and Tab do not work here: "
                               "please type the answer again.").format(problem=problem))
        if is_back(text) and (self.asked or text.strip() == "<"):
            if not self.asked:
                return "first"
            self.index = self.asked.pop()
            return "back"
        if not text.strip() and self.earlier(step) is not None:
            text = self.typed[step.key]  # Enter keeps the earlier answer
        if step.optional and text.strip() == CLEAR:
            text = ""
        self.answers[step.key] = step.parse(text)
        self.typed[step.key] = text.strip()
        self.asked.append(self.index)
        self.index = self.resume if self.resume is not None else self.index + 1
        self.resume = None
        return "next"

    def case(self) -> dict[str, Any]:
        return to_case(self.answers)

    def refused(self) -> str | None:
        """Once every step is answered: the case as the case model reads it. An answer it
        refuses is asked again (its step becomes the current one, and after it the walk
        comes back here), so that no answer is lost at the end; what is wrong, or None."""
        from pydantic import ValidationError

        from .io.validation import _message as in_our_words  # pydantic's, in the language
        from .model.case import Case
        try:
            Case.model_validate(self.case())
        except ValidationError as exc:
            for error in exc.errors():
                at = tuple(str(part) for part in error["loc"])
                index = next((i for i, s in enumerate(self.todo) if at[:len(s.key)] == s.key),
                             None)
                if index is not None:
                    self.resume, self.index = self.index, index
                    return in_our_words(error)
        return None


class PartWalk(Walk):
    """A walk over part of a case's questions (a board's, a self-view's): its answers
    are checked where they are put together, not as one case at the end."""

    def refused(self) -> str | None:
        return None


def to_case(answers: dict[tuple[str, ...], Any]) -> dict[str, Any]:
    """The case mapping the answers describe (skipped optional steps are left out)."""
    case: dict[str, Any] = {}
    for key, value in answers.items():
        if value is None:
            continue
        node = case
        for part in key[:-1]:
            node = node.setdefault(part, {})
        node[key[-1]] = value
    return case


def _text(answer: str) -> str:
    if not answer.strip():
        raise ValueError(_("Please type an answer."))
    if len(answer.strip()) > NAME_LENGTH:  # said now, not after the last question
        raise ValueError(_("That is {length} characters; at most {limit} fit here.").format(
            length=len(answer.strip()), limit=NAME_LENGTH))
    return answer.strip()


def _unsure(answer: str) -> bool:
    """Only question marks: the answer for being unsure, which names nobody and nothing."""
    return set(answer.strip()) == {"?"}


def _name(answer: str) -> str:
    if _unsure(answer):
        raise ValueError(_("? is for the questions you are unsure about; here, type a name, "
                           "initials or the team's name."))
    return _text(answer)


def _title(answer: str) -> str:
    if _unsure(answer):
        raise ValueError(_("? is for the questions you are unsure about; here, say in a few "
                           "words which task it is."))
    return _text(answer)


def _kind(answer: str) -> str:
    word = answer.strip().lower()
    if word in ("p", "person"):
        return "person"
    if word in ("t", "team"):
        return "team"
    raise ValueError(_("Answer p (person) or t (team)."))


def _yes_no(answer: str) -> bool:
    word = answer.strip().lower()
    if word in YES:
        return True
    if word in NO:
        return False
    raise ValueError(_("Answer y (yes) or n (no)."))


def _score(answer: str) -> int | str:
    word = answer.strip().lower()
    if word in UNCERTAIN_WORDS:
        return UNCERTAIN
    if word in ("1", "2", "3", "4", "5"):
        return int(word)
    raise ValueError(_("Answer a whole number from 1 to 5, or ? if you are unsure."))


def _tags(answer: str, tags: list[str]) -> list[str] | None:
    """Tags chosen by number, id or label (as shown), each kept by its id."""
    labels = {tag_label(tag).casefold(): tag for tag in tags}
    chosen = []
    for piece in answer.split(","):
        if piece.strip().casefold() in labels:
            chosen.append(labels[piece.strip().casefold()])
            continue
        chosen += [_tag(word, tags) for word in piece.split()]
    return sorted(set(chosen)) or None


def _tag(word: str, tags: list[str]) -> str:
    if word.isdigit() and 1 <= int(word) <= len(tags):
        return tags[int(word) - 1]
    if word.lower() in tags:
        return word.lower()
    raise ValueError(_("'{word}' is not one of them; answer numbers from 1 to {n}, or "
                       "press Enter for none.").format(word=word, n=len(tags)))


def _choice(answer: str, choices: tuple[str, ...], own_words: bool = False) -> str | None:
    text = answer.strip()
    if not text:
        return None
    if text.isdigit() and 1 <= int(text) <= len(choices):
        return choices[int(text) - 1]
    if text.lower() in choices:
        return text.lower()
    if own_words:
        return text
    raise ValueError(_("Answer a number from 1 to {n}, or press Enter to skip.").format(
        n=len(choices)))


def _planned(answer: str, labels: dict[str, int]) -> int | None:
    if not answer.strip():
        return None
    try:
        return parse_level(answer, labels)
    except ValueError as exc:
        problem = str(exc).rstrip(".")
        raise ValueError(_("{problem} — answer 1-7, a level name, or press Enter to skip.")
                         .format(problem=problem)) from None
