"""The self-view beside the leader's answers, said as the talk's first questions: where
the two views lie two steps or more apart (per question, and per area where an area
differs), where the leader was unsure, where a team's own answers lie far apart, and
the level the self-view carries; or, for a team with too few answers, that nothing is
shown and why. As lines of text and as Markdown."""

from __future__ import annotations

from typing import Any, Sequence

from ..i18n import _, format_number, in_sentence
from ..selfview.combine import FEWEST
from ..selfview.compare import Difference, Divided, SelfCompared


def heading(name: str) -> str:
    return _("Where we see it differently: your answers and {name}'s own").format(
        name=in_sentence(name))


def items(compared: SelfCompared, name: str, titles: Sequence[str]) -> list[str]:
    """One line per question to talk over, the board's first then each area's
    (`titles`: the areas' titles; one for a case)."""
    labels, dims = compared.labels, compared.dims
    name = said_name(compared, name)
    if not compared.shown:
        return [_("{n} answers so far: a team's own view is shown from {fewest} answers, so "
                  "that no one's answer can be told; nothing of it is shown.").format(
            n=compared.answers, fewest=FEWEST)]
    said = [_question(d, name, _where(d, titles, labels, dims)) for d in compared.differences]
    said += [_divided(d, _where(d, titles, labels, dims)) for d in compared.divided]
    if compared.unsure:
        said.append(_("{name} gave no answer, or was unsure of every question: ask what makes "
                      "it hard to say.").format(name=in_sentence(name)))
    elif not said:
        said.append(_("No big differences: your answers and {name}'s lie within a step of "
                      "each other on every question.").format(name=in_sentence(name)))
    if compared.team:
        said.append(_("From {n} answers: the team's middle answer to each question; no one's "
                      "own answer is shown.").format(n=compared.answers))
    return said


def _where(item: Difference | Divided, titles: Sequence[str],
           labels: dict[str, dict[str, str]], dims: dict[str, str]) -> str:
    """The question's name, led by its area's where an area differs (and there are
    several)."""
    label = labels[item.dimension].get(item.indicator or "", "") if item.indicator \
        else dims[item.dimension]
    if item.area is None or len(titles) <= 1:
        return label
    return _("{n} {area} · {question}").format(n=item.area + 1, question=label,
                                               area=" ".join(titles[item.area].split()))


def _question(d: Difference, name: str, where: str) -> str:
    """A difference asked, never judged: what the other sees."""
    own = _number(d.own)
    if d.leader is None:
        return _("{where}: you were unsure, {name} answers {own}. What is it based "
                 "on?").format(where=where, name=in_sentence(name), own=own)
    if d.own > d.leader:
        ask = _("What does {name} see that you do not?")
    elif d.dimension == "resources":
        ask = _("What does {name} miss in the frame?")
    else:
        ask = _("What makes {name} answer lower?")
    return _("{where}: you {mine}, {name} {own}. {ask}").format(
        where=where, mine=_number(d.leader), name=in_sentence(name), own=own,
        ask=ask.format(name=in_sentence(name)))


def _divided(d: Divided, where: str) -> str:
    return _("{where}: the team's own answers lie far apart (middle answer {median}). "
             "What do they see differently?").format(where=where,
                                                     median=_number(d.median))


def level_said(compared: SelfCompared, name: str, level: Any) -> str:
    """The level one case's self-view carries, beside the recommended one."""
    if level is None:
        return ""
    return _("{name}'s own answers carry {label} ({number}).").format(
        name=in_sentence(name), label=level.label, number=level.number)


def mark_said(name: str) -> str:
    """What the board's scale mark for the self-view means."""
    return _("^ the level {name}'s own answers carry").format(name=in_sentence(name))


def _number(value: float) -> str:
    """An answer as written: 4, or a team's middle answer 3,5."""
    return format_number(value, None)


def column(name: str) -> str:
    """The board table's column of the level the self-view carries."""
    return _("{name}'s own answers carry").format(name=in_sentence(name))


def said_name(compared: SelfCompared, name: str) -> str:
    """Who the self-view is, in its questions: a person by name, a team as the team (its
    full name said again in every question is in the way)."""
    return _("the team") if compared.team else name
