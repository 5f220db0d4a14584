"""`trustdose self`: the leader's self-check of being worthy of trust (lever 7; seed 000's
credibility, fairness, respect and habits), asked in the terminal or read from a file,
giving one or two things to practise and never a score. Kept in the journal only with
`--save`, and then only the day and what to practise (`journal.self_checks`)."""

# No `from __future__ import annotations` here: typer reads these signatures at every start.
import enum
import sys
from pathlib import Path
from typing import Any, List, Optional

import typer

from .common import (DB_OPTION, DEBUG_OPTION, RULES_OPTION, errors_handled, home_paths,
                     output_path)


class SelfFormat(str, enum.Enum):
    """What `self` writes: text for the leader, Markdown to keep, JSON for their scripts."""

    text = "text"
    markdown = "markdown"
    json = "json"


SUFFIXES = {".md": SelfFormat.markdown, ".markdown": SelfFormat.markdown,
            ".json": SelfFormat.json}


def self_check(
    from_file: Optional[Path] = typer.Option(
        None, "--from", metavar="FILE", callback=home_paths,
        help="Read the answers from a YAML or JSON file (examples/leader/self-check.yaml) instead "
             "of asking them."),
    fmt: Optional[SelfFormat] = typer.Option(
        None, "--format", "-f", metavar="FORMAT",
        help="text, markdown or json (json also carries your answers, for your own "
             "scripts). Default: text; with --output, from the file ending."),
    output: Optional[Path] = typer.Option(
        None, "--output", "-o", metavar="FILE", callback=output_path,
        help="Write to FILE instead of stdout."),
    save: bool = typer.Option(False, "--save", help="Keep the day and what to practise in "
                              "your journal (never the answers): 'trustdose journal list "
                              "--self' shows them."),
    rules: List[Path] = RULES_OPTION, db: Optional[Path] = DB_OPTION,
    debug: bool = DEBUG_OPTION,
) -> None:
    """Your own part: are you worthy of your staff's trust? One or two things to practise,
    never a score.

    In the terminal:  trustdose self

    From a file:  trustdose self --from examples/leader/self-check.yaml
    """
    with errors_handled(debug):
        import datetime as dt

        from ..errors import UsageError
        from ..i18n import _
        from ..leading.self_check import score
        from ..rules.loader import load_rules
        from .common import by_ending
        chosen = by_ending(output, {**SUFFIXES, "": SelfFormat.text}, fmt)
        if output is not None:
            from .common import check_outputs
            check_outputs([("--output", output)],
                          [("--from", 0 if str(from_file) == "-" else from_file)]
                          if from_file else [], rules, db)
        loaded = load_rules(rules)
        if from_file is not None:
            from ..leading.answers import read_answers
            answers = read_answers(from_file, loaded.worthy, sys.stdin.buffer)
        elif not sys.stdin.isatty():
            raise UsageError(_("no terminal to ask the questions in"),
                             _("run trustdose self in a terminal, or give --from FILE"))
        else:
            answers = _asked(loaded)
        made = score(loaded.worthy, answers)
        day = dt.date.today()
        _write(_drawn(made, loaded, answers, day, chosen, output), output)
        if save:
            _save(made, day, db)


def _asked(rules: Any) -> dict:
    """The questions in the terminal, side by side; Enter skips one, ? is unsure."""
    from ..i18n import _
    from .ask import ask_part
    from .assess import _console
    walk = ask_part(_console(), _steps(rules), lambda n: _(
        "trustdose: {n} questions about your own part in your staff's trust. Answer 1-5 "
        "by the descriptions; Enter skips a question, ? when you are unsure, < or b goes "
        "back, Ctrl-C stops and keeps nothing. You get one or two things to practise, "
        "never a score.").format(n=n))
    return dict(walk.answers)


def _steps(rules: Any) -> list:
    from ..i18n import _, pick
    from ..questionnaire import Step
    steps = []
    for rule in rules.worthy:
        side = rule.item
        for i, q in enumerate(side["questions"]):
            steps.append(Step(
                (side["id"], q["id"]), pick(q["text"]), _optional_score,
                heading=pick(side["title"]) if i == 0 else "",
                intro=pick(side["summary"]) if i == 0 else "",
                anchors=sorted((n, pick(t)) for n, t in q["anchors"].items()),
                hint=_("1-5, Enter to skip, ? if you are unsure, < or b to go back"),
                optional=True))
    return steps


def _optional_score(answer: str) -> Any:
    from ..questionnaire import _score
    return None if not answer.strip() else _score(answer)


def _drawn(made: Any, rules: Any, answers: dict, day: Any, fmt: SelfFormat,
           output: Optional[Path]) -> bytes:
    from ..report import self_check as drawn
    if fmt is SelfFormat.json:
        import json

        from ..errors import json_visible
        return (json_visible(json.dumps(drawn.to_json(made, rules, answers, day),
                                        ensure_ascii=False, indent=2)) + "\n").encode()
    if fmt is SelfFormat.markdown:
        return drawn.render_markdown(made, rules).encode()
    from .common import width
    columns = width() if output is None and sys.stdout.isatty() else 80
    return drawn.render_text(made, rules, columns).encode()


def _write(data: bytes, output: Optional[Path]) -> None:
    from ..io.output import write_pieces
    from .common import target
    with target(output) as out:
        write_pieces(out, [data])
    if output is not None:
        from ..errors import visible
        from ..i18n import _
        from .common import say
        say(_("The self-check is in {path}.").format(path=visible(output)))


def _save(made: Any, day: Any, db: Optional[Path]) -> None:
    """Keep the day and what to practise; nothing when nothing was answered."""
    from ..errors import visible
    from ..i18n import _
    from .common import say
    if not made.practise:
        say(_("Nothing was saved: no question was answered."))
        return
    from ..journal.self_checks import save_check
    from ..journal.store import Journal
    from ..version import __version__
    with Journal(db, create=True) as journal:
        saved = save_check(journal, day, made.practise, __version__)
    say(_("Saved as self-check S{id} in {path}: the day and what to practise, never your "
          "answers.").format(id=saved, path=visible(journal.path)))
