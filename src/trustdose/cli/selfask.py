"""`trustdose ask --self`: the employee or a team member answers the preconditions'
questions about themselves, in the terminal, and gets an answers file to give the
leader (`board --self`, `assess --self`). A board or case file given says who the view
is about and, for a board, its decision areas; nothing of the leader's answers is
shown."""

# No `from __future__ import annotations` here: typer reads these signatures at every start.
import sys
from pathlib import Path
from typing import Any, List, Optional

import typer

from .common import DEBUG_OPTION, RULES_OPTION, errors_handled, home_paths, output_path


def ask(
    about: Optional[str] = typer.Argument(
        None, metavar="BOARD | CASE", callback=home_paths,
        help="The board or case the view is for: who it is about and the decision areas "
             "are taken from it (never the leader's answers)."),
    own: bool = typer.Option(False, "--self", help="Ask the questions in your own voice: "
                                                   "the employee's or team's own view."),
    team: Optional[str] = typer.Option(
        None, "--team", metavar="NAME",
        help="Answer as a member of the team NAME (without a board or case file)."),
    output: Optional[Path] = typer.Option(
        None, "--output", "-o", metavar="FILE", callback=output_path,
        help="Where to write the answers (default: self-view.yaml here, never over a file "
             "that exists)."),
    rules: List[Path] = RULES_OPTION,
    debug: bool = DEBUG_OPTION,
) -> None:
    """Your own view, for the talk with your leader: the same questions in your voice.

    For a board's talk:  trustdose ask --self examples/boards/teacher-parent-messages.yaml

    As a member of a team:  trustdose ask --self --team "Weekendteamet" -o mine.yaml
    """
    with errors_handled(debug):
        from ..errors import UsageError
        from ..i18n import _
        if not own:
            raise UsageError(_("ask asks the employee's or team's own view: add --self"),
                             _("the leader's questions are asked by: trustdose assess"))
        from ..rules.loader import load_rules
        subject, titles = _about(about, team)  # what is wrong is said before any question
        target = _target(output, about, rules)
        if not sys.stdin.isatty():
            raise UsageError(_("no terminal to ask the questions in"),
                             _("run trustdose ask --self in a terminal"))
        _asked(load_rules(rules), subject, titles, target)


def _about(about: Optional[str], team: Optional[str]) -> Any:
    """Who the view is about and the areas (id, title), from a board or case file, or
    the team `--team` names; exit 2 for what cannot be the subject or a board's areas."""
    from ..errors import UsageError
    from ..i18n import _
    if about is None:
        return (_subject({"name": team, "kind": "team"}, "--team") if team is not None
                else None), []
    if team is not None:
        raise UsageError(_("--team and a board or case file both say who the view is "
                           "about"), _("give one of them"))
    from .assess import _case
    data = _case(about).data
    if not isinstance(data, dict) or not isinstance(data.get("subject"), dict):
        raise UsageError(_("{file}: no subject in it: give a board or a case file").format(
            file=about))
    return _subject(data["subject"], about), _areas(data.get("areas"), about)


def _subject(given: dict, where: str) -> Any:
    """The subject as a case holds it, or exit 2 with what is wrong with it."""
    from pydantic import ValidationError

    from ..errors import UsageError
    from ..i18n import _
    from ..io.validation import _message
    from ..model.case import Subject
    try:
        return Subject.model_validate(given)
    except ValidationError as exc:
        raise UsageError(_("{file}: its subject cannot be read: {problem}").format(
            file=where, problem=_message(exc.errors()[0])), _(
            "a name on one line, at most 200 characters, with something visible")) from None


def _areas(given: Any, where: str) -> list:
    """A board's areas as (id, title), at most as many as a board may have; two areas of
    one title without ids could not be told apart in the answers (exit 2)."""
    from ..board.file import MAX_AREAS
    from ..errors import UsageError
    from ..i18n import _
    areas = [a for a in (given if isinstance(given, list) else [])
             if isinstance(a, dict) and isinstance(a.get("title"), str)]
    if len(areas) > MAX_AREAS:
        raise UsageError(_("{file}: {n} areas; a board has at most {most}").format(
            file=where, n=len(areas), most=MAX_AREAS))
    titles = [(a["id"] if isinstance(a.get("id"), str) else None, a["title"]) for a in areas]
    untold = [t for i, t in titles if i is None]
    twice = sorted({t for t in untold if untold.count(t) > 1})
    if twice:
        raise UsageError(_("{file}: two areas are titled '{title}'; the answers could not "
                           "say which").format(file=where, title=twice[0]),
                         _("give each area an id: in the board file"))
    return titles


def _target(output: Optional[Path], about: Optional[str], rules: Any) -> Optional[Path]:
    """Where the answers will go, checked before the first question (so that no answer
    is lost at the end): `-o` a new file in a folder that can be written, never over a
    file; else this folder, which must be writable."""
    import os

    from ..errors import UsageError
    from ..i18n import _
    if output is not None:
        from .common import check_outputs
        given = [] if about in (None, "-") else [("BOARD | CASE", about)]
        check_outputs([("--output", output)], given, rules)
        if os.path.lexists(output):
            raise UsageError(_("--output {file}: there is a file there already; answers "
                               "are never written over a file").format(file=output),
                             _("give a new name, or leave -o out"))
    folder = (output.parent if output is not None else Path(".")) or Path(".")
    if not (folder.is_dir() and os.access(folder, os.W_OK | os.X_OK)):
        raise UsageError(_("{folder}: the answers cannot be written there").format(
            folder=os.path.abspath(folder)), _("run it in a folder you can write to, or "
                                               "give -o FILE in one"))
    return output


def _written(data: bytes, output: Optional[Path]) -> Path:
    """Write the answers: to `-o` (never over a file: another member's answers may be
    there), or to the first free self-view.yaml, self-view-2.yaml… here; printed where
    that fails after all, so that none is lost (`keep.kept_or_printed`)."""
    from .keep import kept_or_printed
    return kept_or_printed(data, "self-view.yaml", output)


def _asked(rules: Any, subject: Any, titles: list, target: Optional[Path]) -> None:
    import datetime as dt

    from rich.text import Text

    from ..i18n import _
    from ..selfview.questions import self_steps, self_view_data
    from .ask import ask_part
    from .assess import _console
    console = _console()
    team = subject is not None and subject.kind == "team"
    walk = ask_part(console, self_steps(rules, team, [t for _id, t in titles]),
                    lambda _n: _team_intro() if team else _person_intro())
    data = self_view_data(walk.answers, subject, titles, dt.date.today())
    written = _written(_yaml(data).encode(), target)
    console.print(Text(_("Your answers are in {file}. Give the file to your leader before "
                         "your talk.").format(file=written), style="bold"))


def _person_intro() -> str:
    from ..i18n import _
    return _("Here you give your own view: what you bring to the task or tasks this is "
             "about, and what the frame gives you to work with. Your leader answers the same "
             "questions, and in your talk you compare the two views. There are no right or "
             "wrong answers; type ? when you are unsure.")


def _team_intro() -> str:
    from ..i18n import _
    return _("Here you give your own view of the team: what you bring together to the task "
             "or tasks this is about, and what the frame gives you to work with. Your leader "
             "answers the same questions; your answers are combined with those of at least "
             "two others, and only the middle answer and how far apart you are are shown, "
             "never anyone's own answer. There are no right or wrong answers; type ? when "
             "you are unsure.")


def _yaml(data: dict) -> str:
    import yaml

    from ..i18n import _
    said = _("# A self-view written by trustdose ask --self. Give it to your leader: "
             "trustdose board BOARD --self FILE")
    return said + "\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
