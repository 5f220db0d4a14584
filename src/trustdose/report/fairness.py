"""The fairness check said to a workshop (`model.fairness`): plain text or Markdown in the
chosen language, or one JSON line for programs.

A coach reads it aloud with the leaders in the room, so it asks, never judges: each pair
and each group that stands out ends in a question ("can you say why?"), the numbers
behind it are said plainly (both cases' scores and recommended levels), the groups too
small to be shown are counted in one line and nothing more, and the last line says that
a difference can have good reasons. A pair is two cases one leader can explain: with
`--by`, two cases of one group, said by name; without it, the pairs of the whole input,
said by the case (its id or row) and task, never by the employee's name. The words follow the
seeds' fairness (000: Retfærdighed) and the leader's duty to say why trust differs
(002: At differentiere tilliden).
"""

from __future__ import annotations

from typing import Callable

from ..errors import visible
from ..i18n import N_, _, format_count, format_number, half_up, listing, ngettext
from ..model.assessment import encode
from ..model.fairness import Fairness, Figures, Group, Pair, Side
from ..model.vocabulary import DIMENSIONS
from .markdown import escape

# Each dimension's name, beside its score in a pair.
SCORED = {"competence": N_("competence"), "intention": N_("intention"),
          "resources": N_("resources"), "risk": N_("risk")}


def json_line(found: Fairness) -> bytes:
    """The check as one JSON line, `{"fairness": {…}}` (docs/batch.md)."""
    return b'{"fairness": ' + encode(found.to_json()) + b"}\n"


def text(found: Fairness, markdown: bool = False) -> str:
    """The check as text (or Markdown, with every case's text escaped), ending in a
    line break."""
    say: Callable[[str], str] = escape if markdown else _plain
    head, item = ("## ", "- ") if markdown else ("", "")
    out = [head + _("Fairness: alike answers, plans far apart"), ""]
    out += [_definition(found) + " " + (
        _("Pairs are made only with the same {column}.").format(column=say(found.by)) + " "
        if found.by is not None else "") + _(
        "Cases are named by their id or row and task, not by the employee's name."),
            _taking_part(found), ""]
    out += _pairs(found, say, item)
    if found.by is not None:
        out += ["", head.replace("##", "###") + _(
            "By {column}: the plans against what the answers support").format(
            column=say(found.by)), ""]
        out += _groups(found, say, item)
    out += ["", _("A difference can have good reasons: these are questions to talk about, "
                  "not findings about anyone. (Sources: {cite})").format(cite=found.cite)]
    return "\n".join(out) + "\n"


def _plain(value: str) -> str:
    return " ".join(visible(value).split())


def _definition(found: Fairness) -> str:
    limits = [format_number(limit, None) for limit in found.alike.risk_limits]
    return _("Here, answers are alike when every dimension's score is within {within} of the "
             "other's and the task risk is in the same band (the bands change at {limits}). "
             "A pair is shown when the planned levels are {apart} or more steps apart.").format(
        within=format_number(found.alike.within, None), apart=found.apart,
        limits=listing(limits) or "–")


def _taking_part(found: Fairness) -> str:
    planned = found.cases - found.without_plan
    line = ngettext("{n} case with a planned level", "{n} cases with a planned level",
                    planned).format(n=format_count(planned))
    if found.without_plan:
        line += "; " + ngettext("{n} case without one takes no part",
                                "{n} cases without one take no part",
                                found.without_plan).format(n=format_count(found.without_plan))
    return line + "."


def _pairs(found: Fairness, say: Callable[[str], str], item: str) -> list[str]:
    if not found.pairs_total:
        return [_("No alike cases have plans {apart} or more steps apart.").format(
            apart=found.apart)]
    out = [ngettext("{n} pair of alike cases has plans {apart} or more steps apart:",
                    "{n} pairs of alike cases have plans {apart} or more steps apart:",
                    found.pairs_total).format(n=format_count(found.pairs_total),
                                              apart=found.apart)]
    if not found.complete:
        out.append(_("There were too many different answers to compare them all: there may "
                     "be more pairs than counted."))
    for number, pair in enumerate(found.pairs, start=1):
        out += [""] + _pair(pair, say, item or f"{number}. ")
    rest = found.pairs_total - len(found.pairs)
    if rest > 0:
        out += ["", ngettext("… and {n} more pair; the most alike are shown above.",
                             "… and {n} more pairs; the most alike are shown above.",
                             rest).format(n=format_count(rest))]
    return out


def _pair(pair: Pair, say: Callable[[str], str], item: str) -> list[str]:
    """A pair, each case by its id or row and task (never by the employee's name: the
    question is put to the room), and the question."""
    first, second = pair.first, pair.second
    indent = " " * len(item)
    lines = [item + _("In {group}:").format(group=say(pair.group) or _("(no value)"))] \
        if pair.group is not None else []
    for side in (first, second):
        lines += [(indent if lines else item) + _side(side, say),
                  indent + "  " + _scores(side)]
    lines.append(indent + (_("The same answers on every dimension.") if not pair.differs else
                           _("Answers within {differs} on every dimension.").format(
                               differs=format_number(pair.differs, None))))
    if pair.more:
        lines.append(indent + ngettext(
            "One more pair of cases has these very answers and plans.",
            "{n} more pairs of cases have these very answers and plans.",
            pair.more).format(n=format_count(pair.more)))
    question = _("What could explain that one case gets {first_level} and the other "
                 "{second_level}, with answers this alike?").format(
        first_level=first.planned.label, second_level=second.planned.label)
    return lines + [indent + question]


def _side(side: Side, say: Callable[[str], str]) -> str:
    # a row of a table without an id of its own is said as the row it is
    who = _("Row {row}").format(row=side.case_id) if str(side.case_id).isdigit() else \
        _("Case {case}").format(case=say(side.case_id))
    return _("{subject}, “{task}”: planned {level}").format(
        subject=who, task=say(side.task), level=f"{side.planned.number} {side.planned.label}")


def _scores(side: Side) -> str:
    """What the answers carry: the recommended level, and the four scores."""
    return _("recommended {level}; {scores}").format(
        level=f"{side.level.number} {side.level.label}",
        scores=", ".join(f"{_(SCORED[d])} {format_number(side.scores[d], None)}"
                         for d in DIMENSIONS if d in side.scores))


def _groups(found: Fairness, say: Callable[[str], str], item: str) -> list[str]:
    if not found.by_found:
        return [_("No case has a column or field '{column}', so there are no groups.").format(
            column=say(found.by or ""))]
    out = [_("The gap is the planned level minus the recommended one, in steps: above 0, "
             "more freedom than the answers support; below 0, more control.")]
    small = sum(group.figures is None for group in found.groups)
    if small:  # one line, never a name: a small group's plans are not said at all
        out.append(ngettext("{n} group has fewer than {fewest} cases with a planned level; "
                            "nothing is shown for it.",
                            "{n} groups have fewer than {fewest} cases with a planned level; "
                            "nothing is shown for them.", small).format(
            n=format_count(small), fewest=found.fewest))
    for group in found.groups:
        name = say(group.value) if group.value else _("(no value)")
        if group.figures is None:
            continue
        out.append(item + f"{name}: {_figures(group.figures)}")
        if group.stands_out and group.others is not None:
            out.append(" " * len(item) + _question(group, name, found.stands_out))
    if not any(group.others for group in found.groups):
        out.append(_("No other group is large enough to compare with."))
    return out


def _figures(figures: Figures) -> str:
    return _("{cases}; gap {gap} steps on average; more trust than the case supports: "
             "{overdose}; more control than needed: {overcontrol}").format(
        cases=ngettext("{n} case with a plan", "{n} cases with a plan", figures.cases).format(
            n=format_count(figures.cases)), gap=_signed(figures.mean_gap),
        overdose=_percent(figures.overdose), overcontrol=_percent(figures.overcontrol))


def _question(group: Group, name: str, stands_out: tuple[float, float]) -> str:
    """The question for a group that stands out, on what stands out most."""
    mine, theirs = group.figures, group.others
    assert mine is not None and theirs is not None
    if abs(mine.mean_gap - theirs.mean_gap) >= stands_out[0]:
        return _("In {group} the gap is {gap} steps on average, in the other groups {others}. "
                 "Can you say what makes the plans in {group} differ?").format(
            group=name, gap=_signed(mine.mean_gap), others=_signed(theirs.mean_gap))
    if abs(mine.overdose - theirs.overdose) >= stands_out[1]:
        return _("In {group} {share} of the plans give more trust than the case supports, in "
                 "the other groups {others}. Can you say why?").format(
            group=name, share=_percent(mine.overdose), others=_percent(theirs.overdose))
    return _("In {group} {share} of the plans keep more control than needed, in the other "
             "groups {others}. Can you say why?").format(
        group=name, share=_percent(mine.overcontrol), others=_percent(theirs.overcontrol))


def _signed(value: float) -> str:
    number = format_number(abs(value), None)
    return number if value == 0 else ("+" if value > 0 else "−") + number


def _percent(share: float) -> str:
    return _("{percent}%").format(percent=int(half_up(share * 100, 0)))

