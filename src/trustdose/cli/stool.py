"""`trustdose stool`: the trust stool's six legs, rated by the leader (the questionnaire,
or a file) or by a team (blank forms from `--form`, combined: nothing shown from fewer
than five, and no combination that differs from one shown before by a few forms); the
leg that wobbles and the levers for it; `stool forget TEAM` erases what was kept."""

# No `from __future__ import annotations` here: typer reads these signatures at every start.
import sys
from pathlib import Path
from typing import Any, List, Optional

import typer

from ..report.stool import StoolFormat
from .common import DEBUG_OPTION, RULES_OPTION, errors_handled, home_paths, output_path

SUFFIXES = (".yaml", ".yml", ".json")
MOST_COPIES = 500


def stool(
    answers: Optional[List[str]] = typer.Argument(
        None, metavar="ANSWERS...", callback=home_paths,
        help="Your own answers file (stool: own), or the team's filled-in forms (or a folder "
             "of them). Without any, the questions are asked in the terminal. 'forget TEAM' "
             "erases what was kept of a team's combinations."),
    form: bool = typer.Option(False, "--form", help="Write a blank form for a team member, "
                              "in the language of --lang, with a token of its own."),
    copies: int = typer.Option(1, "--copies", min=1, max=MOST_COPIES, metavar="N",
                               help="With --form: N forms, each with its own token (-o "
                                    "form.yaml writes form-1.yaml … form-N.yaml)."),
    team: Optional[str] = typer.Option(None, "--team", metavar="NAME",
                                       help="The team the forms are about (written into the "
                                            "forms; the name its combinations are kept by)."),
    fmt: Optional[StoolFormat] = typer.Option(
        None, "--format", "-f", metavar="FORMAT",
        help="text (the picture), json, or html (a page). Default: the picture; with "
             "--output, from the file ending (.json, .html)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE",
                                          callback=output_path,
                                          help="Write to FILE instead of stdout."),
    every: bool = typer.Option(False, "--all", help="With forget: every team's."),
    rules: List[Path] = RULES_OPTION,
    debug: bool = DEBUG_OPTION,
) -> None:
    """The trust stool: six legs of trust, the one that wobbles, and the levers for it.

    Your own view, asked here:  trustdose stool

    Blank forms for a team:  trustdose stool --form --team "Weekendteamet" --copies 8 -o f.yaml

    The team's forms combined:  trustdose stool form-*.yaml -o stool.html
    """
    with errors_handled(debug):
        given = list(answers or [])
        if given[:1] == ["forget"]:
            return _forget(given[1:], every)
        from ..errors import UsageError
        from ..i18n import _
        if every:
            raise UsageError(_("--all goes with forget: trustdose stool forget --all"))
        from ..rules.loader import load_rules
        if form:
            if given:
                raise UsageError(_("--form writes a blank form; it reads no answers"),
                                 _("leave the files out, or --form out"))
            return _blank(load_rules(rules), team, copies, output)
        if copies != 1:
            raise UsageError(_("--copies goes with --form"))
        _by_suffix(output)  # an ending it cannot write: refused before anything is read
        files = _files(given)
        _check_output(output, files, rules, given)
        ruleset = load_rules(rules)
        made = _made(ruleset, files, team) if files else _asked(ruleset, team)
        _write(made, fmt, output)


def _files(given: List[str]) -> List[Path]:
    """The answers files named: a folder gives the YAML and JSON files in it."""
    from ..errors import UsageError
    from ..i18n import _
    files = []
    for name in given:
        path = Path(name)
        if name in ("", "-"):
            raise UsageError(_("'{name}': give answers files, not standard input").format(
                name=name), _("the files written by trustdose stool --form, filled in"))
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix.lower() in SUFFIXES
                           and not p.name.startswith("."))
            if not found:
                raise UsageError(_("{folder}: the folder holds no forms (.yaml, .yml or "
                                   ".json)").format(folder=path))
            files += found
        else:
            files.append(path)
    return files


def _check_output(output: Optional[Path], files: List[Path], rules: Any,
                  given: List[str]) -> None:
    """The output never one of the inputs, the record of combinations or its lock, the
    journal, the config file or a rule file, nor a file in a folder of forms, where the
    next run would read it as one (exit 2, before anything is read)."""
    if output is None:
        return
    from ..i18n import _
    from ..leading.kept import LOCK, kept_path
    from .common import _home, check_outputs
    from .selfview import not_inside
    not_inside(output, [Path(name) for name in given])
    kept = _home(kept_path)
    record = _("the record of team combinations")
    check_outputs([("--output", output)], [("ANSWERS", f) for f in files]
                  + ([(record, kept), (record, kept.parent / LOCK)] if kept else []), rules)


def _read(files: List[Path], ruleset: Any) -> list:
    """Every file read, or exit 2 with every problem in all of them."""
    from ..errors import CaseError
    from ..i18n import _
    from ..io.source import SourceError, read_given
    from ..leading.forms import read_answers
    read, problems = [], []
    for path in files:
        try:
            doc = read_given(path, _("the files written by trustdose stool --form, filled in"))
        except SourceError as exc:
            problems.append(exc.problem)
            continue
        answered, found = read_answers(doc, ruleset)
        problems += found
        if answered is not None:
            read.append(answered)
    if problems:
        raise CaseError(problems)
    return read


def _made(ruleset: Any, files: List[Path], team: Optional[str]) -> Any:
    """The stool from the files: the leader's own answers alone, or a team's forms."""
    from ..errors import UsageError
    from ..i18n import _
    from ..leading.stool import score_stool
    read = _read(files, ruleset)
    own = [a for a in read if a.kind == "own"]
    if own:
        if len(read) > 1:
            raise UsageError(_("{file} is the leader's own answers, which are rated alone; "
                               "a team's forms are combined without it").format(
                file=own[0].path), _("give it on its own, or only the team's forms"))
        if team is not None:
            raise UsageError(_("--team names a team's forms; {file} is the leader's own "
                               "answers").format(file=own[0].path))
        return score_stool(ruleset, [own[0].answers], "leader")
    from .stoolteam import combined
    return combined(ruleset, read, team)


def _asked(ruleset: Any, team: Optional[str]) -> Any:
    from ..errors import UsageError
    from ..i18n import _
    from ..leading.stool import score_stool
    from .stoolask import asked_stool
    if team is not None:
        raise UsageError(_("--team names a team's forms; the questions asked here are your "
                           "own"), _("combine the team's forms: trustdose stool FORM…"))
    return score_stool(ruleset, [asked_stool(ruleset)], "leader")


def reflect_command(made: Any) -> Optional[str]:
    """The command for a full agenda of the levers to work on (None: none to work on)."""
    if not made.levers:
        return None
    return "trustdose reflect " + " ".join(f"--lever {lever.id}" for lever in made.levers)


def _write(made: Any, fmt: Optional[StoolFormat], output: Optional[Path]) -> None:
    from ..io.output import write_pieces
    from .streams import target
    chosen = fmt or _by_suffix(output)
    reflect = reflect_command(made)
    if chosen is StoolFormat.json:
        import json

        from ..errors import json_visible
        data = {**made.to_json(), "reflect": reflect}
        drawn = json_visible(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"
    elif chosen is StoolFormat.html:
        from ..report.stool_page import render
        drawn = render(made, reflect)
    else:
        from ..report.stool import render_text
        drawn = render_text(made, reflect)
        from .stoolpicture import show, wanted
        if wanted(fmt, output):
            return show(drawn)
    with target(output) as out:
        write_pieces(out, [drawn.encode()])
    if output is not None:
        from ..errors import visible
        from ..i18n import _
        from .common import say
        say(_("The stool is in {path}.").format(path=visible(output)))


def _by_suffix(output: Optional[Path]) -> StoolFormat:
    from .common import by_ending
    return by_ending(output, {".json": StoolFormat.json, ".html": StoolFormat.html,
                              ".htm": StoolFormat.html, "": StoolFormat.text})


def _blank(ruleset: Any, team: Optional[str], copies: int, output: Optional[Path]) -> None:
    """Blank forms: on stdout (one), or as new files (never over one that is there)."""
    from .stoolteam import blank_forms
    blank_forms(ruleset, team, copies, output)


def _forget(names: List[str], every: bool) -> None:
    from ..errors import UsageError
    from ..i18n import _, ngettext
    from ..errors import did_you_mean
    from ..leading.kept import forget, teams
    from .common import say
    if every == bool(names) or len(names) > 1:
        raise UsageError(_("forget takes one team's name, or --all"),
                         _("trustdose stool forget \"Weekendteamet\""))
    erased = forget(None if every else names[0])
    if not erased and names:  # a name that matches no team kept: most likely mistyped
        raise UsageError(_("no combinations are kept for a team named '{team}'; nothing "
                           "was erased").format(team=names[0]),
                         did_you_mean(names[0], teams()) or _(
                             "give the team's name exactly as it was given with --team or "
                             "in the forms"))
    say(ngettext("{n} combination erased.", "{n} combinations erased.", erased).format(
        n=erased) + " " + _("A team's forms may now be combined again without regard to "
                            "those."))
    sys.stdout.flush()
