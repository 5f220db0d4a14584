"""One agreement for a board, written by the leader to the employee or team: per decision
area who decides and what that means day to day, the frame (ground rules, what is in
place, what happens before a decision takes effect) and when to come first; then, once
for all areas, what the leader puts in place first, how we keep in touch, what they can
count on, one review date and the questions for the first talk: first, for an area agreed
above the level the answers support, which one we keep. Each area's part is the one
its own agreement (`report.agreement`) says, so a board says nothing a case would not."""

from __future__ import annotations

from typing import Any

from ..i18n import _, format_date, in_sentence
from .agreement import Agreement, Items, Section, build
from .agreement_words import ASK, ASK_TEAM, TALK_THROUGH, TWO_PROPOSALS
from .signing import signing

# the parts of an area's agreement that hold for the whole board: said once, each item once
_SHARED = ("First, from me", "How we keep in touch", "What you can count on from me",
           "What you can all count on from me", "In an emergency",
           "Questions for our first talk")
# said once for the board, in its own words (one review date) or not at all (the title)
_LEFT = ("Review", "Signatures")


class AsAgreed:
    """An area's assessment at the level agreed for it, where that is below the level the
    answers support: a leader may keep more of a decision than the answers ask (two cold
    readers crossed out an agreement that handed over what had not been agreed). The plan
    is the assessment's (made for more freedom, so no check in it takes back what the
    agreed level gives); a start that waits for the frame is said only if it lifts it."""

    def __init__(self, a: Any) -> None:
        self._a, self.level = a, a.planned
        frame = a.frame_first
        self.frame_first = frame if frame is not None and frame.measures and \
            frame.meanwhile.number < a.planned.number else None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._a, name)


def as_agreed(a: Any) -> Any:
    """The assessment the agreement says for an area: at the level agreed, where one is
    and it is below the level the answers support; else as assessed."""
    return AsAgreed(a) if a.planned and a.planned.number < a.level.number else a


def board_agreement(board: Any, leader: str | None = None) -> Agreement:
    """The agreement for a board's areas, in the language they were assessed in."""
    made = [build(as_agreed(a), leader) for a in board.areas]
    shared_headings = {_(h): h for h in _SHARED}
    left = {_(h) for h in _LEFT}
    sections: list[Section] = []
    shared: dict[str, dict[str, None]] = {}
    for a, agreement in zip(map(as_agreed, board.areas), made):
        blocks: list[str | Items] = []
        for section in agreement.sections:
            if section.heading in shared_headings:
                for block in section.blocks:
                    items = block.items if isinstance(block, Items) else (block,)
                    shared.setdefault(section.heading, {}).update(dict.fromkeys(items))
            elif section.heading not in left:
                blocks += _area_blocks(a, section)
        sections.append(Section(_("{area}: {level}").format(
            area=" ".join(a.task.title.split()), level=a.level.label), tuple(blocks)))
    for heading in shared_headings:
        if heading in shared and heading != _("Questions for our first talk"):
            sections.append(Section(heading, (Items(_once(tuple(shared[heading]))),)))
    sections.append(Section(_("Review"), (_(
        "On {date} we look back together at every area and agree the next steps.").format(
        date=format_date(board.review_date)),)))
    asked = _("Questions for our first talk")
    # an area agreed at another level than the answers support: which one we keep is the
    # first question (the agreement says the level the answers support, as `assess` does)
    # (an area kept below: no question, which would undermine what was agreed; a fifth
    # cold read crossed out "the answers would support more" told to the staff)
    kept = [_("{area}: we had agreed {agreed}; the answers now support {level}. Which do "
              "we keep?").format(area=" ".join(a.task.title.split()), agreed=a.planned.label,
                                 level=a.level.label)
            for a in board.areas if a.planned and a.planned.number > a.level.number]
    if kept or asked in shared:
        sections.append(Section(asked, (Items((*kept, *shared.get(asked, {}))),)))
    first = made[0]
    return Agreement(_("Our agreement: who decides what"),
                     _("For {name}, agreed on {date}.").format(
                         name=in_sentence(board.subject.name), date=format_date(board.date)),
                     tuple(sections), first.lang, first.date,
                     signing(board.areas[0], leader, board.leader))


def _once(items: tuple[str, ...]) -> tuple[str, ...]:
    """The promises of every area, each once: where one area's is to think a difficulty
    through (the choice theirs) and another's to talk it through, the first says both (a
    native read found the two one under the other)."""
    if _(TALK_THROUGH) in items and any(_(ASK[m]) in items or _(ASK_TEAM[m]) in items
                                        for m in TWO_PROPOSALS):
        return tuple(item for item in items if item != _(TALK_THROUGH))
    return items


def _area_blocks(a: Any, section: Section) -> list[str | Items]:
    """An area's own section as blocks under the area's heading: who decides as it is
    said; the task's title is the heading, so only what the task section adds (its day,
    why it matters); every other section led by its heading."""
    if section.heading == _("Who decides: {level}").format(level=a.level.label):
        return list(section.blocks)
    if section.heading == _("The task"):
        return list(section.blocks[1:])  # the first is the title, the area's heading
    return [_("{heading}:").format(heading=section.heading), *section.blocks]
