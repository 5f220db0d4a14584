"""`trustdose reflect`: the nine levers' questions as an agenda for a staff meeting or a
talk with one's own manager; `--from` a case or a board puts the levers that matter now
on it, each with why."""

# No `from __future__ import annotations` here: typer reads these signatures at every start.
import enum
import sys
from pathlib import Path
from typing import Any, List, NamedTuple, Optional

import typer

from ..report.formats import GuideFormat
from .guides import GUIDE_FORMAT_OPTION, GUIDE_OUTPUT_OPTION
from .common import (DB_OPTION, DEBUG_OPTION, RULES_OPTION, SELF_OPTION, complete_from,
                     errors_handled, home_paths)


class Audience(str, enum.Enum):
    """Whom the agenda is for: the staff (a staff meeting) or one's own manager."""

    team = "team"
    manager = "manager"


def reflect(
    lever: List[str] = typer.Option(
        [], "--lever", "-l", metavar="N|ID",
        autocompletion=complete_from("purpose", "trust-and-control", "ground-rules",
                                     "responsibility", "feedback", "competences", "worthy",
                                     "breaches", "common-frame"),
        help="A lever by its number (1-9) or id, e.g. 2 or trust-and-control (repeatable). "
             "Default: all nine, or with --from those that matter now."),
    audience: Optional[Audience] = typer.Option(
        None, "--for", metavar="WHOM",
        help="team (a staff meeting) or manager (a talk with your own manager): the title, "
             "the opening and the levers' questions as the staff or you ask them. Default: "
             "team, but manager --from one person's case or board."),
    given: Optional[str] = typer.Option(
        None, "--from", metavar="FILE", callback=home_paths,
        help="A case or a board file (- reads one from standard input): the agenda holds "
             "the levers its assessment points to, each with why."),
    own: List[str] = SELF_OPTION,  # text: typer makes an empty path "."
    fmt: Optional[GuideFormat] = GUIDE_FORMAT_OPTION,
    output: Optional[Path] = GUIDE_OUTPUT_OPTION,
    rules: List[Path] = RULES_OPTION, db: Optional[Path] = DB_OPTION,
    debug: bool = DEBUG_OPTION,
) -> None:
    """The nine levers' questions as an agenda for a staff meeting or a talk with your
    own manager.

    All nine:  trustdose reflect -o staff-meeting.docx

    Two of them, for your manager:  trustdose reflect --lever 2 --lever 9 --for manager

    Those a board points to:  trustdose reflect --from examples/boards/skolkok.yaml
    """
    with errors_handled(debug):
        from ..rules.loader import load_rules
        from .guides import check_output, write
        if own and given is None:
            from ..errors import UsageError
            from ..i18n import _
            raise UsageError(_("--self compares with a board: give the board with --from"))
        check_output(output, given, rules, db, fmt)
        ruleset = load_rules(rules)
        from ..report.reflect import agenda
        found = _assessed(given, ruleset, own, db)
        levers = _levers(ruleset, lever, given, found)
        # one person's assessment is for one's own manager, never a staff meeting by name
        whom = audience.value if audience else "manager" if found.person else "team"
        titles = {source.id: source.item["title"] for source in ruleset.sources}
        write(agenda(levers, whom, found.day, found.now, found.about, person=found.person,
                     defaulted=found.person and audience is None, titles=titles), fmt, output)
        if found.person and audience is None:
            _say_for_manager()


def _levers(ruleset: Any, lever: List[str], given: Optional[str], found: Any) -> list:
    """The levers on the agenda: those named, those a case or board points to, those
    chosen in the terminal, or all nine."""
    from ..report.reflect import choose
    if not lever and given is None and sys.stdin.isatty():  # asked in the terminal
        from .reflectask import asked
        lever = asked(ruleset.levers)
    if given is not None and not lever and found.now:
        return [item for item in ruleset.levers if item.id in {n.lever for n in found.now}]
    return choose(ruleset.levers, lever) if lever else list(ruleset.levers)


def _say_for_manager() -> None:
    """Why the agenda is not for a staff meeting, and how to get one (on stderr)."""
    from ..i18n import _
    from .common import say
    say(_("trustdose: the assessment is of one person, so the agenda is for your own "
          "manager; --for team gives one for a staff meeting, without the name."))


class _Found(NamedTuple):
    now: Any = None  # the levers that matter now, with why; None without --from
    about: Optional[str] = None  # the case's or board's subject
    day: Any = None
    person: bool = False  # the subject is one person, not a team


def _assessed(given: Optional[str], ruleset: Any, own: List[str], db: Optional[Path]
              ) -> _Found:
    """What the case or board in `given` shows (nothing without one: today's agenda)."""
    import datetime as dt
    if given is None:
        return _Found(day=dt.date.today())
    from ..report.levers_now import levers_now
    from .guides import read
    from .selfview import answer_files
    made = read(given, ruleset, answer_files(own), db)
    return _Found(levers_now(made.areas, made.board.self_view if made.board else None),
                  made.subject.name, made.areas[0].date, made.subject.kind != "team")
