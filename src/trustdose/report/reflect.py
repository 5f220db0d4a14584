"""The agenda of `trustdose reflect`: the nine levers' questions (or those chosen, or those
a case or a board points to now, `levers_now`) for a staff meeting or for a talk with
one's own manager, as a `Guide`.

The source asks its questions of leaders and staff alike (seed 002, 'Vigtige spørgsmål –
til eftertanke og dialog'), but many are the leader's own ('when did I last…'): a lever
may say them again for the staff (`questions_team`, 'we', 'our leader'), and a staff
meeting's agenda asks those. With one's own manager they are the leader's own, and the
reasons why a lever matters now are what to bring.

A one-person case or board is never a staff meeting's business by name: its agenda is
for one's own manager unless the team is asked for, and then the reasons that tell of
the person are said by task only (`levers_now.by_task`). A reason two levers share is
said under the first and referred to under the next; the publications drawn on are
named once, at the foot.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Sequence

from ..i18n import _, current, pick
from .guide import Guide, Section, cited, labels
from .levers_now import LeverNow, Reason, by_task

AUDIENCES = ("team", "manager")


def agenda(levers: Sequence[Any], audience: str, day: dt.date,
           now: Sequence[LeverNow] | None = None, about: str | None = None, *,
           person: bool = False, defaulted: bool = False,
           titles: dict[str, str] | None = None) -> Guide:
    """The agenda for `audience` (team: a staff meeting; manager: a talk with one's own
    manager) over `levers` (rule items, in the order to talk them over); `now`, when the
    agenda comes from a case or a board (`about`: its subject; `person`: one person's),
    says why each matters. `defaulted`: the audience was chosen for a person, not asked
    for; `titles`: the sources' titles by id, for the foot."""
    anonymous = person and audience == "team"
    why = {found.lever: by_task(found.reasons) if anonymous else found.reasons
           for found in now or ()}
    said_under: dict[str, int] = {}  # a reason's text -> the lever it was said under
    sections = []
    for lever in levers:
        number = lever.get("number")
        asked = lever.get("questions_team") if audience == "team" else None
        sections.append(Section(
            lever.id, _("Lever {number}: {title}").format(number=number,
                                                     title=pick(lever.get("title"))),
            lead=(pick(lever.get("summary")),),
            questions=tuple(pick(q) for q in asked or lever.get("questions")),
            points=_why_now(why.get(lever.id, ()), number, said_under),
            cite=lever.get("cite")))
    sections.append(Section("agreed", _("What we agree on"), lead=(_(
        "One or two things to try before we meet again: who does what, and when do we "
        "follow up on it together?") if audience == "team" else _(
        "What I take with me, what my manager takes on, and when we follow up."),),
        room=True))
    return Guide("reflect", current(), _title(audience),
                 _opening(audience, now, about, person, defaulted), tuple(sections), day,
                 labels(), sources=cited((lever.get("cite") for lever in levers),
                                         titles or {}),
                 data={"audience": audience, "levers": [lever.id for lever in levers],
                       "now": [{"lever": lever, "reasons": [_reason(r) for r in reasons]}
                               for lever, reasons in why.items()]})


def _why_now(reasons: Sequence[Reason], number: int, said_under: dict[str, int]
             ) -> tuple[str, ...]:
    """A lever's reasons, each said once in the agenda: where an earlier lever gave just
    these reasons, it is referred to ('as for lever 2'), never printed word for word
    again; where it gave more, the shared reason is said again (a cold read: "as for lever
    2" where only one of lever 2's two reasons applied)."""
    texts = [reason.text for reason in reasons]
    earlier = {said_under[t] for t in texts if t in said_under}
    if len(earlier) == 1 and all(t in said_under for t in texts):
        (first,) = earlier
        if {t for t, n in said_under.items() if n == first} == set(texts):
            return (_("Why now: as for lever {number} above.").format(number=first),)
    for text in texts:
        said_under.setdefault(text, number)
    return tuple(_("Why now: {reason}").format(reason=text) for text in texts)


def _reason(reason: Reason) -> dict[str, Any]:
    return {"signal": reason.signal, "text": reason.text, "cite": reason.cite or None,
            "tasks": list(reason.tasks)}


def _title(audience: str) -> str:
    """The title: the case's or board's subject is said in the opening, never here, where
    a name after the manager's talk would read as the manager's."""
    if audience == "team":
        return _("Staff meeting: trust in our leadership")
    return _("Talk with my manager: trust in my leadership")


def _opening(audience: str, now: Sequence[LeverNow] | None, about: str | None,
             person: bool, defaulted: bool) -> tuple[str, ...]:
    if audience == "team":
        said = [_("An agenda for talking over trust together: each lever with a few questions "
                  "to reflect on. There are no right answers; what matters is that everyone "
                  "is heard. One or two levers are enough for one meeting.")]
    else:
        said = [_("An agenda for a talk with my own manager about trust in my leadership: "
                  "each lever with questions I ask myself, and where I need my manager's "
                  "view or support.")]
    if now is None:
        return tuple(said)
    if person and defaulted:
        said.append(_("The assessment is of one person, {about}: what it shows belongs in a "
                      "talk with my own manager, never on a staff meeting's agenda.").format(
            about=about))
    if person and audience == "team":  # the name stays off a staff meeting's agenda
        said.append(_("The levers chosen are those the assessment points to now, with a "
                      "reason for each, said by task.") if now else _(
            "Nothing in the assessment points to one lever more than another: all nine "
            "are here."))
    else:
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
