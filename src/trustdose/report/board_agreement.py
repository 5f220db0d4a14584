"""One agreement for a board, written by the leader to the employee or team: per decision
area, numbered as on the board, who decides and what that means day to day, the frame
(ground rules, what is in place, what happens before a decision takes effect) and when to
come first; then, once for all areas, what the leader puts in place first, how we keep in
touch, what they can count on (what only some areas say led by the one area's title, or by
the numbers of the several), one review date and the questions for the first talk: first,
for an area agreed above the level the answers support, which one we keep. Each area's
part is the one its own agreement (`report.agreement`) says, so a board says nothing a
case would not."""

from __future__ import annotations

from typing import Any

from ..i18n import _, format_date, in_sentence, listing
from .agreement import build
from .agreement_parts import Agreement, Items, Section
from .signing import signing

# the parts of an area's agreement that hold for the whole board: said once, each item once
_SHARED = ("First, from me", "How we keep in touch", "What you can count on from me",
           "What you can all count on from me", "In an emergency",
           "Until the back-up is in place",  # one stop-gap, said once (a cold read: three)
           "Questions for our first talk")
# said once for the board, in its own words (one review date) or not at all (the title)
_LEFT = ("Review", "Signatures")


def as_agreed(board: Any, n: int) -> Any:
    """The assessment the agreement says for area `n`: at the level agreed, where that is
    below the level the answers support (a leader may keep more of a decision than the
    answers ask; the engine makes the plan at that level, so the checks it keeps come
    back: two cold readers crossed out an agreement that handed over what had not been
    agreed, and a third one that dropped the check agreed before a first dose); else as
    assessed."""
    agreed = board.agreed[n] if n < len(board.agreed) else None
    return agreed if agreed is not None else board.areas[n]


def board_agreement(board: Any, leader: str | None = None) -> Agreement:
    """The agreement for a board's areas, in the language they were assessed in."""
    areas = [as_agreed(board, n) for n in range(len(board.areas))]
    made = [build(a, leader) for a in areas]
    shared_headings = {_(h): h for h in _SHARED}
    left = {_(h) for h in _LEFT}
    own: list[list[str | Items]] = []  # each area's own sections, as blocks
    said: list[dict[str, tuple[str, ...]]] = []  # each area's items under a shared heading
    for a, agreement in zip(areas, made):
        blocks: list[str | Items] = []
        under: dict[str, tuple[str, ...]] = {}
        for section in agreement.sections:
            if section.heading in shared_headings:
                under[section.heading] = tuple(item for block in section.blocks for item in (
                    block.items if isinstance(block, Items) else (block,)))
            elif section.heading not in left:
                blocks += _area_blocks(a, section)
        own.append(blocks)
        said.append(under)
    # an item is said once for the board; one that some areas say names them (a cold
    # read: promises of one area's level read as every area's, and "before it starts" with
    # no area to say which)
    asked = _("Questions for our first talk")
    backup = _("Until the back-up is in place")
    whole = {_("In an emergency"), backup}  # for the board
    # numbered as on the board's screen, so that what several areas share can name them by
    # number (a cold read: three long titles joined with ';' read as a machine writes)
    sections = [Section(f"{n}. " + _("{area}: {level}").format(area=_title(a),
                                                               level=a.level.label),
                        tuple(blocks)) for n, (a, blocks) in enumerate(zip(areas, own), 1)]
    once: dict[str, list[str]] = {}
    for heading in shared_headings:
        items = list(dict.fromkeys(i for under in said for i in under.get(heading, ())))
        if heading not in whole:
            items = [_named(item, [n for n, under in enumerate(said, 1)
                                   if item in under.get(heading, ())], areas)
                     for item in items]
        elif heading == backup and items:  # one back-up for the board, one stop-gap: the
            # fullest, which the areas below Inquire say (a cold read: two blanks to fill)
            items = [max(items, key=len)]
        once[heading] = items
        if items and heading != asked:
            sections.append(Section(heading, (Items(tuple(items)),)))
    sections.append(Section(_("Review"), (_(
        "On {date} we look back together at every area and agree the next steps.").format(
        date=format_date(board.review_date)),)))
    questions = _questions(board, once[asked])
    if questions:
        sections.append(Section(asked, questions))
    first = made[0]
    return Agreement(_("Our agreement: who decides what"),
                     _("For {name}, agreed on {date}.").format(
                         name=in_sentence(board.subject.name), date=format_date(board.date)),
                     tuple(sections), first.lang, first.date,
                     signing(board.areas[0], leader, board.leader))


def _questions(board: Any, asked: list[str]) -> tuple[str | Items, ...]:
    """The questions for the first talk: for an area agreed above the level the answers
    support, which one we keep first (an area kept below: no question, which would
    undermine what was agreed; a fifth cold read crossed out "the answers would support
    more" told to the staff); then each question asked of every area it fits ("the task"
    is each area's: a cold read found the questions spoke of one task on a board of
    several)."""
    kept = [_("{area}: we had agreed {agreed}; the answers now support {level}. Which do "
              "we keep?").format(area=" ".join(a.task.title.split()), agreed=a.planned.label,
                                 level=a.level.label)
            for a in board.areas if a.planned and a.planned.number > a.level.number]
    blocks: list[str | Items] = [Items(tuple(kept))] if kept else []
    if len(board.areas) == 1:
        return (*blocks, *((Items(tuple(asked)),) if asked else ()))
    # what every area is asked under its own lead, what some are asked after it (a cold
    # read: "for each area" above questions that name only some)
    every = [q for q in asked if not _is_named(q)]
    some = [q for q in asked if _is_named(q)]
    if every:
        blocks += [_("For each area:"), Items(tuple(every))]
    if some:
        blocks += [_("And for some of the areas:") if every else _("For some of the areas:"),
                   Items(tuple(some))]
    return tuple(blocks)


def _is_named(question: str) -> bool:
    """Whether a question is asked of some areas, led by their numbers (`_named`)."""
    return any(question.startswith(lead.split("{")[0]) for lead in (
        _("Area {number}: {item}"), _("Areas {numbers}: {item}")))


def _title(a: Any) -> str:
    return " ".join(a.task.title.split())


def _named(item: str, numbers: list[int], areas: list[Any]) -> str:
    """An item said by some of the board's areas, led by the numbers of the areas it is
    for (one way in every list: a cold read crossed out "Område 1 og 2" beside a title)."""
    if len(numbers) == len(areas):
        return item
    if len(numbers) == 1:
        return _("Area {number}: {item}").format(item=item, number=numbers[0])
    return _("Areas {numbers}: {item}").format(
        item=item, numbers=listing([str(n) for n in numbers]))


def _area_blocks(a: Any, section: Section) -> list[str | Items]:
    """An area's own section as blocks under the area's heading: who decides as it is
    said; the task's title is the heading, so only what the task section adds (its day,
    why it matters); every other section led by its heading."""
    if section.heading == _("Who decides: {level}").format(level=a.level.label):
        return list(section.blocks)
    if section.heading == _("The task"):
        return list(section.blocks[1:])  # the first is the title, the area's heading
    return [_("{heading}:").format(heading=section.heading), *section.blocks]
