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

from .common import DEBUG_OPTION, RULES_OPTION, errors_handled, home_paths


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
        None, "--output", "-o", metavar="FILE", callback=home_paths,
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
        if not sys.stdin.isatty():
            raise UsageError(_("no terminal to ask the questions in"),
                             _("run trustdose ask --self in a terminal"))
        from ..rules.loader import load_rules
        subject, titles = _about(about, team)
        target = _target(output, about, rules)
        _asked(load_rules(rules), subject, titles, target)


def _about(about: Optional[str], team: Optional[str]) -> Any:
    """Who the view is about and the areas (id, title), from a board or case file."""
    from ..errors import UsageError
    from ..i18n import _
    from ..model.case import Subject
    if about is None:
        return (Subject(name=team, kind="team") if team else None), []
    if team:
        raise UsageError(_("--team and a board or case file both say who the view is "
                           "about"), _("give one of them"))
    from .assess import _case
    data = _case(about).data
    if not isinstance(data, dict) or not isinstance(data.get("subject"), dict):
        raise UsageError(_("{file}: no subject in it: give a board or a case file").format(
            file=about))
    from pydantic import ValidationError
    try:
        subject = Subject.model_validate(data["subject"])
    except ValidationError:
        raise UsageError(_("{file}: its subject cannot be read; check it with trustdose "
                           "board or assess").format(file=about)) from None
    areas = data.get("areas") if isinstance(data.get("areas"), list) else []
    titles = [(a.get("id"), str(a["title"])) for a in areas
              if isinstance(a, dict) and "title" in a]
    return subject, titles


def _target(output: Optional[Path], about: Optional[str], rules: Any) -> Optional[Path]:
    """The file `-o` names, checked before anything is asked (None: a free name here)."""
    if output is not None:
        from .common import check_outputs
        given = [] if about in (None, "-") else [("BOARD | CASE", about)]
        check_outputs([("--output", output)], given, rules)
    return output


def _written(data: bytes, output: Optional[Path]) -> Path:
    """Write the answers: to `-o`, or to the first free self-view.yaml, self-view-2.yaml…
    here (`keep.free_file`)."""
    if output is not None:
        from ..io.output import write_pieces
        from .common import target
        with target(output) as out:
            write_pieces(out, [data])
        return output
    from .keep import free_file
    return free_file(data, "self-view.yaml")


def _asked(rules: Any, subject: Any, titles: list, target: Optional[Path]) -> None:
    import datetime as dt

    from rich.text import Text

    from ..i18n import _
    from ..questionnaire import PartWalk
    from ..selfview.questions import self_steps, self_view_data
    from .ask import answer_steps
    from .assess import _console
    console = _console()
    team = subject is not None and subject.kind == "team"
    walk = PartWalk(self_steps(rules, team, [t for _id, t in titles]))
    console.print(Text(_team_intro() if team else _person_intro(), style="dim"))
    answer_steps(console, walk)
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
