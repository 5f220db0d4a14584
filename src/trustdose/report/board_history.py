"""A board's rounds drawn for the leader (`board history NAME`): each area's levels round
by round, one row a round, so twenty rounds fit one screen; an area is the same area in
every round by its id, else by its title (ignoring case and spacing)."""

from __future__ import annotations

from typing import Any, Sequence

from ..errors import visible
from ..i18n import _, ngettext
from . import text as text_report

WORSE = ("strained", "broken")  # a review that went so is marked on its area's cell


def area_key(entry: Any) -> str:
    """What makes an area the same area in another round: its id, else its title."""
    area_id = entry.case.get("id") if isinstance(entry.case, dict) else None
    return f"id:{area_id}" if isinstance(area_id, str) else \
        "title:" + " ".join(entry.task.split()).casefold()


def keyed(made: Any) -> list[tuple[str, Any]]:
    """A round's areas by their keys, two of one key (titles alike but for case or
    spacing, or one id twice) told apart by their order, so that none is lost."""
    seen: dict[str, int] = {}
    out = []
    for entry in made.areas:
        key = area_key(entry)
        seen[key] = seen.get(key, 0) + 1
        out.append((key if seen[key] == 1 else f"{key}#{seen[key]}", entry))
    return out


def columns(rounds: Sequence[Any]) -> list[tuple[str, str]]:
    """Every area of the rounds, as (key, title as last said), in the order first met."""
    found: dict[str, str] = {}
    for made in rounds:
        for key, entry in keyed(made):
            found[key] = " ".join(entry.task.split())
    return list(found.items())


def cell(entry: Any, own: int | None, reviewed: dict[int, str]) -> str:
    """An area's levels in one round: recommended/agreed, ^ the self-view's, ! after a
    strained or broken review."""
    text = f"{entry.level}/{entry.planned if entry.planned is not None else '-'}"
    if own is not None:
        text += f" ^{own}"
    if reviewed.get(entry.id) in WORSE:
        text += " !"
    return text


def render_text(subject: str, rounds: Sequence[Any], reviewed: dict[int, str],
                width: int = 100) -> str:
    """The rounds as a table: a legend of the areas by number, then a row per round
    (`reviewed`: each area entry's last review outcome)."""
    areas = columns(rounds)
    out = text_report._wrap(ngettext("Delegation board for {name}: {n} round",
                                     "Delegation board for {name}: {n} rounds",
                                     len(rounds)).format(name=subject, n=len(rounds)),
                            "", "  ", width)
    for n, (_key, title) in enumerate(areas, start=1):
        out += text_report._wrap(visible(f"{n} {title}"), "  ", "    ", width)
    out += text_report._wrap(_("recommended/agreed level; ^ the level the own answers carried; "
                               "! a review that went strained or broken"), "  ", "  ", width)
    out.append("")
    rows = [[_("DATE"), *(str(n) for n in range(1, len(areas) + 1)), _("REVIEW")]]
    for made in rounds:
        own = _own_levels(made)
        by_key = dict(keyed(made))
        rows.append([made.day.isoformat(),
                     *(cell(by_key[key], own.get(by_key[key].area), reviewed)
                       if key in by_key else "" for key, _title in areas),
                     made.review_date.isoformat()])
    wide = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    if 2 + sum(wide) + 2 * (len(wide) - 1) > width:  # a narrow terminal: the review date,
        rows, wide = [r[:-1] for r in rows], wide[:-1]  # the board's own, goes first
    out += ["  " + "  ".join(c.ljust(w) for c, w in zip(r, wide)).rstrip() for r in rows]
    return "\n".join(out) + "\n"


def _own_levels(made: Any) -> dict[int | None, int]:
    """Per area place, the level the round's self-view carried (where it was shown)."""
    seen = made.self_view
    if not isinstance(seen, dict) or not seen.get("shown"):
        return {}
    return {n: level["number"] for n, level in enumerate(seen.get("levels") or [])
            if isinstance(level, dict) and isinstance(level.get("number"), int)}
