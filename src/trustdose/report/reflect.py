"""The agenda of `trustdose reflect`: the nine levers' questions (or those chosen, or those
a case or a board points to now, `levers_now`) for a staff meeting or for a talk with
one's own manager, as a `Guide`.

The audience changes the title and the opening only: the questions are the same, as the
source asks them of leaders and staff alike (seed 002, 'Vigtige spørgsmål – til
eftertanke og dialog'); at a staff meeting they are talked over together, with one's own
manager they are the leader's own, and the reasons why a lever matters now are what to
bring.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Sequence

from ..i18n import _, current, pick
from .guide import Guide, Section, labels
from .levers_now import LeverNow

AUDIENCES = ("team", "manager")


def agenda(levers: Sequence[Any], audience: str, day: dt.date,
           now: Sequence[LeverNow] | None = None, about: str | None = None) -> Guide:
    """The agenda for `audience` (team: a staff meeting; manager: a talk with one's own
    manager) over `levers` (rule items, in the order to talk them over); `now`, when the
    agenda comes from a case or a board (`about`: its subject), says why each matters."""
    why = {found.lever: found.reasons for found in now or ()}
    sections = []
    for lever in levers:
        reasons = why.get(lever.id, ())
        sections.append(Section(
            lever.id, _("Lever {number}: {title}").format(number=lever.get("number"),
                                                     title=pick(lever.get("title"))),
            lead=(pick(lever.get("summary")),), questions=tuple(pick(q) for q in
                                                                lever.get("questions")),
            points=tuple(_("Why now: {reason}").format(reason=r.text) for r in reasons),
            cite=lever.get("cite")))
    sections.append(Section("agreed", _("What we agree on"), lead=(_(
        "One or two things to try before we meet again, who does what, and when we look "
        "at it together.") if audience == "team" else _(
        "What I take with me, what my manager takes on, and when we follow up."),),
        room=True))
    return Guide("reflect", current(), _title(audience), _opening(audience, now, about),
                 tuple(sections), day, labels(),
                 data={"audience": audience, "levers": [lever.id for lever in levers],
                       "now": [{"lever": f.lever, "reasons": [r._asdict() for r in f.reasons]}
                               for f in now or ()]})


def _title(audience: str) -> str:
    """The title: the case's or board's subject is said in the opening, never here, where
    a name after the manager's talk would read as the manager's."""
    if audience == "team":
        return _("Staff meeting: trust in our leadership")
    return _("Talk with my manager: trust in my leadership")


def _opening(audience: str, now: Sequence[LeverNow] | None, about: str | None) -> tuple[str, ...]:
    if audience == "team":
        said = [_("An agenda for talking over trust together: each lever with a few questions "
                  "to reflect on. There are no right answers; what matters is that everyone "
                  "is heard. One or two levers are enough for one meeting.")]
    else:
        said = [_("An agenda for a talk with my own manager about trust in my leadership: "
                  "each lever with questions I ask myself, and where I need my manager's "
                  "view or support.")]
    if now is not None:
        said.append(_("The levers chosen are those the assessment of {about} points to "
                      "now; each lever says why.").format(about=about) if now else _(
            "Nothing in the assessment of {about} points to one lever more than another: "
            "all nine are here.").format(about=about))
    return tuple(said)


def choose(levers: Sequence[Any], wanted: Sequence[str]) -> list[Any]:
    """The levers named by number (1-9) or id, in the order of their numbers, each once;
    an unknown name is a `UsageError` that lists the levers there are."""
    from ..errors import UsageError
    by_name = {str(lever.get("number")): lever for lever in levers}
    by_name.update({lever.id: lever for lever in levers})
    unknown = [name for name in wanted if name.strip().lower() not in by_name]
    if unknown:
        raise UsageError(_("no lever named {name}").format(name=", ".join(unknown)), _(
            "name a lever by its number or id: {levers}").format(levers=", ".join(
                f"{lever.get('number')} {lever.id}" for lever in levers)))
    found = {by_name[name.strip().lower()].id for name in wanted}
    return [lever for lever in levers if lever.id in found]
