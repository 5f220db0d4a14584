"""A team's stool on the command line: blank forms written (each with its own token),
and filled-in forms combined under the privacy rules: every file a form with a token,
no form twice, one team, a leg shown from the configured fewest forms, and the guard
against telling answers by difference (`leading.kept`) before anything is shown."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

from ..errors import UsageError
from ..i18n import _


def combined(ruleset: Any, forms: Sequence[Any], team: str | None) -> Any:
    """The team's stool from its forms, or exit 2 saying why none can be shown."""
    from ..io.config import load_config
    from ..leading.kept import guard
    from ..leading.rubric import shown as shown_score
    from ..leading.stool import score_stool
    seen: dict[str, str] = {}
    for form in forms:
        if form.token in seen:
            raise UsageError(_("{file} and {other} are the same form (one token): each "
                               "member's answers count once").format(
                file=form.path, other=seen[form.token]), _("leave one of them out"))
        seen[form.token] = form.path
    name = _team(forms, team)
    fewest = load_config().fewest_answers
    made = score_stool(ruleset, [f.answers for f in forms], "team", name, fewest)
    # each leg as it is shown, with the forms it came from: a form changed between two
    # combinations of the same forms would show here
    shown = {leg.id: f"{shown_score(leg.score)}/{leg.answers}" for leg in made.legs
             if leg.score is not None}
    guard(name, [form.token for form in forms], shown)
    return made


def _team(forms: Sequence[Any], team: str | None) -> str:
    """The team's name: --team, or the one the forms were written for."""
    named = sorted({f.team for f in forms if f.team is not None})
    if team is not None:
        from .common import name_option
        return name_option(team, "--team")
    if len(named) > 1:
        raise UsageError(_("the forms are about more than one team: {teams}").format(
            teams=", ".join(named)), _("combine one team's forms at a time, or give "
                                       "--team NAME"))
    if not named:
        raise UsageError(_("the forms name no team"), _(
            "give --team NAME: what is kept of the combination is kept under it, and "
            "trustdose stool forget NAME erases it"))
    return named[0]


def blank_forms(ruleset: Any, team: str | None, copies: int, output: Path | None) -> None:
    """Write blank forms: one on standard output, or new files (never over a file: a
    filled-in form may be there)."""
    from ..io.config import load_config
    from ..leading.forms import blank_form, new_token
    from .common import say
    if team is not None:
        _team([], team)  # checked as a name
    if output is not None:  # a form is YAML, with its guidance in comments
        from .common import by_ending
        by_ending(output, {".yaml": None, ".yml": None, "": None}, text=False)
    fewest = load_config().fewest_answers
    if output is None:
        if copies > 1:
            raise UsageError(_("--copies writes files: give -o form.yaml"))
        import sys
        sys.stdout.write(blank_form(ruleset, team, new_token(), fewest))
        return
    places = [output] if copies == 1 else [
        output.with_name(f"{output.stem}-{n}{output.suffix or '.yaml'}")
        for n in range(1, copies + 1)]
    there = [p for p in places if p.exists() or p.is_symlink()]
    if there:
        raise UsageError(_("{file}: there is a file there already; forms are never written "
                           "over a file").format(file=there[0]), _("give a new name"))
    for place in places:
        _new_file(place, blank_form(ruleset, team, new_token(), fewest).encode())
    from ..i18n import ngettext
    say(ngettext("{n} blank form written: {first}", "{n} blank forms written: {first} …",
                 len(places)).format(n=len(places), first=places[0]))


def _new_file(place: Path, data: bytes) -> None:
    from ..i18n import os_reason
    from ..io.atomic import drafting
    try:
        with drafting(place) as draft:
            draft.handle.write(data)
            if not draft.link(place.name):
                raise FileExistsError(17, "File exists", str(place))
    except OSError as exc:
        raise UsageError(_("{file}: the form cannot be written: {reason}").format(
            file=place, reason=os_reason(exc))) from None
