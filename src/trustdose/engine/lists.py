"""The list parts of an assessment: the measures a plan shows (controls, feedback) and the
texts that apply (warnings, checklist, questions), each remembered under what it depends
on (`engine.compiled.Listed`) and made once for each such list (`engine.assess` puts them
in place)."""

from __future__ import annotations

from typing import Any, NamedTuple

from ..model.assessment import SEP, Part, Plan, encode, part
from ..rules.ruleset import Rule
from . import parts
from .compiled import Compiled, Listed


def measures(compiled: Compiled, listed: Listed, facts: dict[str, Any], needs: dict[str, Rule],
              room: int, answered: int) -> Part:
    """The measures of a list the plan shows (`parts.shown`), remembered under what the
    answers decide of them (`Listed.answered`), the other facts their conditions test and
    their texts read, the red lines' requirements, and whether the level is advise or
    above where a control takes the decision back; on a miss, under what the conditions
    tell apart of those facts (`Listed.apart`), then under what they come to
    (`Listed.told`); each such list made once."""
    tail = tuple((m, r.id) for m, r in needs.items()) if needs else ()
    if listed.by_level:
        tail += (facts["level"] >= parts.ADVISE,)
    key = (answered, listed.rest(facts), tail)
    table = listed.rooms[room]  # one table per room left: no key to wrap
    found = table.get(key)
    if found is None:  # the facts' values are new: what the conditions tell apart may not be
        apart = (answered, listed.apart(facts), tail)
        found = listed.apart_rooms[room].get(apart)
        if found is None:  # new places: what the conditions come to may not be new
            told = (answered, listed.told(facts), tail)
            found = listed.told_rooms[room].get(told)
            if found is None:
                which = Shown(parts.shown(listed.ranked, facts, needs, room),
                              listed.words(facts))
                found = listed.told_rooms[room].keep(told, listed.made.get(which) or
                                                     listed.made.keep(which, _made(
                                                         compiled, listed, which, facts)))
            listed.apart_rooms[room].keep(apart, found)
        table.keep(key, found)
    return found


class Shown(NamedTuple):
    """What a list of measures is made from: the measures the plan shows (`parts.shown`),
    and the facts their texts read."""

    measures: parts.Choice
    words: tuple


def _made(compiled: Compiled, listed: Listed, which: Shown, facts: dict[str, Any]
                   ) -> Part:
    made = [parts.measure(compiled.rules, listed.by_id[rule_id], by, in_place, because, facts)
            for rule_id, by, in_place, because in which.measures.measures]
    left = [parts.left_out(compiled.rules, listed.by_id, entry, facts)
            for entry in which.measures.left_out]
    shown = [m for m, _f in made]
    # in the JSON, what a script needs: which, and why (the report says it in words)
    return part(Plan(shown, left), {}, [f for _m, f in made], shown, listed.name)._replace(
        left_out=SEP.join([encode({"id": m.id, "kind": m.kind, "why": m.why, "by": m.by})
                           for m in left]))


def texts(compiled: Compiled, listed: Listed, facts: dict[str, Any]) -> Part:
    """The warnings or prompts of a list that apply: which, remembered under the facts
    their conditions test; their texts under the facts they read (a `Wording`, when
    they read any). Only the first `listed.most` are shown; all that fired are traced."""
    key = listed.key(facts)
    found = listed.which.get(key)
    if found is None:  # new values: what the conditions tell apart may not be new
        apart = listed.which_apart(facts)
        found = listed.apart_which.get(apart)
        if found is None:
            which = listed.fired(facts)
            found = listed.apart_which.keep(apart, listed.wording(which) or listed.made.get(
                which) or listed.made.keep(which, _said_texts(compiled, listed, which, facts)))
        listed.which.keep(key, found)
    if type(found) is Part:
        return found
    words = found.words(facts)
    made = found.made.get(words)
    if made is None:
        made = found.made.keep(words, _said_texts(compiled, listed, found.which, facts))
    return made


def _said_texts(compiled: Compiled, listed: Listed, which: tuple[str, ...],
                facts: dict[str, Any]) -> Part:
    write = parts.warning if listed.name == "warnings" else parts.prompt
    made = [write(compiled.rules, listed.by_id[rule_id], facts) for rule_id in which]
    shown = [t for t, _f in made][:listed.most]
    return part(shown, {}, [f for _t, f in made], shown, listed.name)
