"""`trustdose journal list|show|forget --self`: the leader's own saved self-checks
(`trustdose self --save`), apart from the assessments: each day and what was to be
practised, never a score; and erasing them all."""

# No `from __future__ import annotations` here (see cli.journal).
import sys
from typing import Optional

import typer

from ..errors import visible
from ..i18n import _, format_date, ngettext
from .common import Output, print_json, say, table
from .terminal import echo

LIST_SELF = typer.Option(False, "--self", help="Your own saved self-checks (trustdose self "
                                               "--save) instead.")
SHOW_SELF = typer.Option(False, "--self", help="Your own saved self-checks (trustdose self "
                                               "--save): all, or the one ID names (S1).")
FORGET_SELF = typer.Option(False, "--self", help="Erase your own saved self-checks "
                                                 "(trustdose self --save), all of them.")

def checks(journal) -> list:
    from ..journal.self_checks import saved_checks
    return saved_checks(journal)


def listed(journal, fmt: Output) -> None:
    """The leader's saved self-checks: each day and what was to be practised (the
    sides' titles in today's language), never a score."""
    from ..i18n import pick
    found = checks(journal)
    if _said_without_sides(found, fmt):
        return
    sides = _sides()
    table(["ID", _("DATE"), _("TO PRACTISE")],
          [[f"S{c.id}", c.day.isoformat(), "; ".join(
              pick(sides[s]["title"]) if s in sides else s for s in c.practise)]
           for c in found])


def shown(journal, which: Optional[str], fmt: Output, own: bool = True) -> None:
    """The saved self-checks (or the one `which` names, S3 or 3) in full: each day, and
    each side to practise with what to practise. Without `own`, `journal show` was given
    nothing to show."""
    from ..errors import UsageError
    if not own:
        raise UsageError(_("missing argument ID|SUBJECT"), _("see 'trustdose journal list'"))
    from ..i18n import pick
    found = checks(journal)
    if which is not None:
        wanted = which.strip().lstrip("#").upper().lstrip("S")
        found = [c for c in found if str(c.id) == wanted]
        if not found:
            raise UsageError(_("no self-check {id} in the journal").format(id=which),
                             _("see 'trustdose journal list --self'"))
    if _said_without_sides(found, fmt):
        return
    sides = _sides()
    for at, check in enumerate(found):
        if at:
            echo()
        echo(_("Self-check S{id} · {date}").format(id=check.id, date=format_date(check.day)))
        for s in check.practise:
            side = sides.get(s)
            echo(f"  • {pick(side['title']) if side else s}"
                 + (f": {pick(side['practise'])}" if side else ""))


def _said_without_sides(found: list, fmt: Output) -> bool:
    """Say the self-checks as JSON, or that none is saved: whether that was all to say."""
    if fmt is Output.json:
        print_json([c.to_json() for c in found])
        return True
    if not found:
        say(_("No self-check is saved; keep one with 'trustdose self --save'."))
        return True
    return False


def _sides() -> dict:
    """The self-check's sides by id, as the rules in force give them."""
    return {rule.item["id"]: rule.item for rule in _worthy()}


def forgotten(journal, subject: Optional[str], own: bool, yes: bool) -> None:
    """Erase every saved self-check (asked first in a terminal, as forget asks)."""
    from ..errors import UsageError
    if not own or subject is not None:
        raise UsageError(_("give a SUBJECT to forget, or --self for your self-checks "
                           "(not both)"), _("see 'trustdose journal forget --help'"))
    from ..journal.self_checks import forget_checks
    count = len(checks(journal))
    if not count:
        say(_("No self-check is saved; nothing was erased."))
        return
    if not yes:
        if not sys.stdin.isatty():
            raise UsageError(_("forgetting cannot be undone; confirm with --yes"))
        from ..model.vocabulary import YES
        answer = input(ngettext("Erase your {n} self-check for good? [y/N] ",
                                "Erase your {n} self-checks for good? [y/N] ",
                                count).format(n=count))
        if answer.strip().lower() not in YES:
            say(_("Nothing was erased."))
            return
    erased, not_compacted = forget_checks(journal)
    echo(ngettext("Erased {n} self-check, and compacted the journal so nothing of it "
                  "remains in the file ({path}).",
                  "Erased {n} self-checks, and compacted the journal so nothing of them "
                  "remains in the file ({path}).", erased).format(
        n=erased, path=visible(journal.path)) if not not_compacted else
        ngettext("Erased {n} self-check, overwritten in the file ({path}); it could not "
                 "be compacted: {reason}.",
                 "Erased {n} self-checks, overwritten in the file ({path}); it could not "
                 "be compacted: {reason}.", erased).format(
            n=erased, path=visible(journal.path), reason=visible(not_compacted)))


def _worthy() -> list:
    from ..rules.loader import load_rules
    return load_rules().worthy
