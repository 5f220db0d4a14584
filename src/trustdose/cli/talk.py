"""`trustdose talk`: a guide for a talk on self-leadership with one person or a team,
filled from a case or a board where one is given, else blank to write on."""

# No `from __future__ import annotations` here: typer reads these signatures at every start.
from pathlib import Path
from typing import List, Optional

import typer

from ..report.formats import GuideFormat
from .guides import GUIDE_FORMAT_OPTION, GUIDE_OUTPUT_OPTION
from .common import (DB_OPTION, DEBUG_OPTION, RULES_OPTION, errors_handled, home_paths)


def talk(
    given: Optional[str] = typer.Argument(
        None, metavar="CASE|BOARD", callback=home_paths,
        help="A case or a board file (- reads one from standard input): the name, the goals "
             "(each task's purpose and success), the levels agreed and the next follow-up. "
             "Without it, a blank guide."),
    goal: List[str] = typer.Option(
        [], "--goal", "-g", metavar="TEXT",
        help="A goal for the talk (repeatable; one to three): replaces the file's goals."),
    name: Optional[str] = typer.Option(
        None, "--name", metavar="NAME", help="Whom a blank guide is for."),
    team: bool = typer.Option(
        False, "--team", help="A blank guide for a team: the questions are put to the team."),
    fmt: Optional[GuideFormat] = GUIDE_FORMAT_OPTION,
    output: Optional[Path] = GUIDE_OUTPUT_OPTION,
    rules: List[Path] = RULES_OPTION, db: Optional[Path] = DB_OPTION,
    debug: bool = DEBUG_OPTION,
) -> None:
    """A guide for a talk on self-leadership: a few clear goals, results, expectations
    both ways, own responsibility, and where you are needed.

    From a board:  trustdose talk examples/boards/ytelsesteam-nav.yaml -o talk.docx

    Blank, with the goals:  trustdose talk --name Hannah --goal "..." --goal "..."
    """
    with errors_handled(debug):
        from ..i18n import _
        from ..report.talk import MOST_GOALS, Goal, guide
        from ..rules.loader import load_rules
        from .common import say
        from .guides import check_output, write
        _usage(given, goal, name, team)
        if name is not None:  # checked as a case's names are: one line, short, no escapes
            from .common import name_option
            name = name_option(name, "--name")
        check_output(output, given, rules, db, fmt)
        ruleset = load_rules(rules)
        if given is None and name is None and not goal and not team and _terminal():
            from .talkask import asked
            name, team, goal = asked()
        talked, goals, day = _talked(given, ruleset, db, name, team)
        if goal:
            goals = [Goal(" ".join(text.split())) for text in goal]
        made_guide = guide(ruleset.talk, talked, goals, day, {
            source.id: source.item["title"] for source in ruleset.sources})
        write(made_guide, fmt, output)
        if output is not None:  # else the warnings are in what is shown
            for warning in made_guide.warnings:
                say(_("trustdose: {warning}").format(warning=warning))
        if len(goals) > MOST_GOALS and not goal:
            say(_("Name the few for the talk with --goal TEXT (repeatable)."))


def _talked(given: Optional[str], ruleset: object, db: Optional[Path],
            name: Optional[str], team: bool) -> tuple:
    """Whom the talk is with, the goals and the day: from the case or board given, else
    as named (a blank guide)."""
    import datetime as dt

    from ..report.talk import Talked, goals_of
    from .guides import read
    if given is None:
        return Talked(name=name, team=team), [], dt.date.today()
    made = read(given, ruleset, [], db)
    return (Talked(made.subject.name, made.subject.kind == "team", made.areas,
                   made.review_date), goals_of(made.areas), made.areas[0].date)


def _terminal() -> bool:
    """Asked in the terminal: standard input is one (the guide may go to a file)."""
    import sys
    return sys.stdin.isatty()


def _usage(given: Optional[str], goal: List[str], name: Optional[str], team: bool) -> None:
    """Options that cannot work together, refused before anything is read (exit 2)."""
    from ..errors import UsageError
    from ..i18n import _
    if given is not None and (name is not None or team):
        raise UsageError(_("--name and --team are for a blank guide: the file says whom "
                           "the talk is with"))
    if any(not text.strip() for text in goal):
        raise UsageError(_("--goal needs a text: what is to be reached, in a sentence"))
