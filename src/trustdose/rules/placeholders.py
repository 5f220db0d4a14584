"""The `{placeholders}` rule texts (measures, warnings, checklist items, questions) may use: the
one list of them, each with the facts it reads and how it is written.

The loader refuses any other name, and any format spec or conversion (`{level:d}`), so
a text can always be filled in. The engine fills a text from the facts its placeholders
read, and remembers the result under those facts' values: a new placeholder is one entry
here, and nothing else needs to know about it.
"""

from __future__ import annotations

import string
from typing import Any, Callable, NamedTuple

from ..i18n import N_, _, format_date, listing, ngettext, pick


class Placeholder(NamedTuple):
    reads: tuple[str, ...]  # the facts it is made from
    write: Callable[..., str]  # (rule set, *those facts' values) → text in the language


def _label(rules: Any, number: int | None) -> str:
    return pick(rules.levels[number].item["label"]) if number else ""


def _cap_reason(rules: Any, cap: str | None) -> str:
    rule = rules.limit(cap) if cap else None
    if rule is None:  # not a rule: a review's closer follow-up (from the journal) holds it
        return _("a closer follow-up agreed at a review") if cap else ""
    return pick(rule.item["reason"])


# who a task is for, as a case names them (PEOPLE); its own words are used as written
PEOPLE_WORDS = {"citizens": N_("the citizens"), "residents": N_("the residents"),
                "patients": N_("the patients"), "pupils": N_("the pupils"),
                "children": N_("the children"), "parents": N_("the parents"),
                "colleagues": N_("the colleagues"), "young-people": N_("the young people")}


def _people(rules: Any, people: str | None) -> str:
    if people is None:
        return _("the people the task is for")
    return _(PEOPLE_WORDS[people]) if people in PEOPLE_WORDS else people


# what the frame lacks, by its indicator: the next step names the case's own gap (a strict
# read crossed out "time, access or clarity" where only the logins were missing)
FRAME_WORDS = {"time": N_("time"), "tools": N_("tools and access"), "clarity": N_("clarity"),
               "support": N_("someone to ask")}


def _lacking(rules: Any, *answers: Any) -> str:
    """The frame's lowest answers below 4, in words: what the leader puts right first."""
    given = {k: v for k, v in zip(FRAME_WORDS, answers) if isinstance(v, (int, float))}
    low = min((v for v in given.values() if v < 4), default=None)
    names = [_(FRAME_WORDS[k]) for k, v in given.items() if v == low] if low else []
    return listing(names or [_(w) for w in FRAME_WORDS.values()][:3], N_(" or "))


PLACEHOLDERS: dict[str, Placeholder] = {
    "level": Placeholder(("level",), _label),
    "planned": Placeholder(("planned",), _label),
    "carried": Placeholder(("carried",), _label),
    "limiting": Placeholder(("limiting",),
                            lambda rules, dim: pick(rules.rubrics[dim].item["title"]).lower()),
    "subject": Placeholder(("subject.name",), lambda rules, name: name),
    "task": Placeholder(("task.title",), lambda rules, title: title),
    "review_date": Placeholder(("review_date",), lambda rules, day: format_date(day)),
    "cap_reason": Placeholder(("cap",), _cap_reason),
    "people": Placeholder(("task.people",), _people),
    "lacking": Placeholder(tuple(f"resources.{k}" for k in FRAME_WORDS), _lacking),
    # you, to one person or to a team (Danish du or I, Norwegian du or dere, Swedish du
    # or ni): a question put to them names them, never 'is there the wish to'
    # who does the task, said of them (never "the employee or team" when it is known)
    "who": Placeholder(("subject.kind",), lambda rules, kind: _("the team") if kind == "team"
                       else _("the employee")),
    "you": Placeholder(("subject.kind",),
                       lambda rules, kind: ngettext("you", "you", 2 if kind == "team" else 1)),
}


def names_in(text: str) -> list[tuple[str, str, str | None]]:
    """Every `{name}` in a text with its format spec and conversion (for the loader's
    check); raises ValueError for a stray brace."""
    return [(name, spec, conversion) for _literal, name, spec, conversion
            in string.Formatter().parse(text) if name is not None]


def reads(texts: list[str]) -> tuple[str, ...]:
    """The facts the placeholders in `texts` are made from, sorted."""
    return tuple(sorted({fact for text in texts for name, _s, _c in names_in(text)
                         for fact in PLACEHOLDERS[name].reads}))


def fill(rules: Any, text: str, facts: dict[str, Any]) -> str:
    """`text` with its placeholders written out from the facts."""
    words = {}
    for name, _s, _c in names_in(text):
        placeholder = PLACEHOLDERS[name]
        words[name] = placeholder.write(rules, *(facts.get(f) for f in placeholder.reads))
    return text.format_map(words)
