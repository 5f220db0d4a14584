"""`trustdose assess [CASE | -]`: one case, from a file, standard input or the
questionnaire, assessed and written in one report format; saved in the journal on
request."""

# No `from __future__ import annotations` here: typer reads these signatures at every start.
import functools
import sys
from pathlib import Path
from typing import Any, List, Optional

import typer

from ..report.formats import AgreementForm, ReportFormat
from .common import (COUNTRY_OPTION, DB_OPTION, DEBUG_OPTION, LEVEL_IDS, RULES_OPTION,
                     SELF_OPTION, complete_from, errors_handled, home_paths, output_path,
                     planned_option, say)
from .language import use_country


FULL_HELP = ("The whole report: every warning, why each measure is there, the agreement "
             "checklist, the questions, the rules that fired and the sources.")
FORMAT_OPTION = typer.Option(
    None, "--format", "-f", metavar="FORMAT",
    help="rich, text, markdown, json, or agreement (the agreement for the employee). "
         "Default: rich in a terminal, text when piped; with --output, taken from the "
         "file ending (.md, .json, .html and .docx: the agreement, else text).")
AGREEMENT_AS_OPTION = typer.Option(
    None, "--agreement-as", metavar="FORM",
    help="The agreement as markdown, html, docx (Word) or text. Default: from the "
         "--output file's ending (.html, .docx, .txt, else markdown).")


def assess(
    case: Optional[str] = typer.Argument(
        None, metavar="CASE | -", callback=home_paths,
        help="A case file (YAML or JSON), or - to read one from standard input. "
             "Without it, trustdose asks the questions in the terminal."),
    planned: Optional[str] = typer.Option(
        None, "--planned", "-p", metavar="N|NAME", autocompletion=complete_from(*LEVEL_IDS),
        help="The level you had in mind (1-7 or tell, sell, consult, agree, advise, inquire, "
             "delegate); overrides planned_level in the case."),
    fmt: Optional[ReportFormat] = FORMAT_OPTION,
    form: Optional[AgreementForm] = AGREEMENT_AS_OPTION,
    output: Optional[Path] = typer.Option(
        None, "--output", "-o", metavar="FILE", callback=output_path,
        help="Write the report to FILE instead of stdout."),
    full: bool = typer.Option(False, "--full", help=FULL_HELP),
    rules: List[Path] = RULES_OPTION,
    no_input: bool = typer.Option(False, "--no-input", help="Never ask questions; fail instead."),
    save: bool = typer.Option(
        False, "--save", help="Save the assessment in your journal (see 'trustdose journal')."),
    review_date: Optional[str] = typer.Option(
        None, "--review-date", metavar="YYYY-MM-DD",
        help="The agreed review day, shown in the report and saved with --save "
             "(default: from the level and the risk; not before the assessment's date)."),
    pseudonym: Optional[str] = typer.Option(
        None, "--pseudonym", metavar="NAME",
        help="Save under NAME instead of the subject's name; the real name is not stored."),
    db: Optional[Path] = DB_OPTION, country: Optional[str] = COUNTRY_OPTION,
    own: List[str] = SELF_OPTION,  # text: typer makes an empty path "."
    debug: bool = DEBUG_OPTION,
) -> None:
    """Recommend a delegation level with control and feedback measures for one case.

    Ask the questions in the terminal:  trustdose assess

    Assess a case file:  trustdose assess examples/new-employee.yaml

    For scripts:  trustdose assess examples/uncertain-answers.json --format json
    """
    with errors_handled(debug):
        from ..rules.loader import load_rules
        views = _distinct(case, output, db, rules, own)  # before anything is read
        fmt = _agreement_as(fmt, form, output)
        rule_set = load_rules(rules)
        level = planned_option(planned, rule_set)
        agreed = _saving(save, review_date, pseudonym, case is None, country)  # before asking
        walk = None if case is not None else _questionnaire(no_input, rule_set)
        assessed = functools.partial(_assessed, rules=rule_set, level=level, agreed=agreed,
                                     db=db, save=save, pseudonym=pseudonym)
        doc, result = assessed(_case(case) if walk is None else _asked(walk.case()))
        written = _write(result, fmt, output, full, form=form,
                         seen=_self_view(doc, result, views, rule_set),
                         planned=functools.partial(as_planned, doc, result, rule_set, agreed))
        _agreed_review_noted(result, agreed)
        if walk is not None:  # what if an answer were different? The last case is kept
            doc, result = _what_if(walk, (doc, result), rule_set, (fmt, output, full, form),
                                   assessed)
        _kept(doc, result, rule_set, db=db, save=save, asked=walk is not None,
              written=written)


def _kept(doc: Any, result: Any, rules: Any, *, db: Optional[Path], save: bool, asked: bool,
          written: Any) -> None:
    """Saved in the journal (--save), and, asked in the terminal, nothing typed lost: the
    case file, the agreement and the journal offered."""
    if save:
        from .keep import save as save_in_journal
        save_in_journal(doc.data, result, rules, db)
    if asked:
        from .keep import offer
        offer(doc.data, result, rules, db=db, saved=save, written=written, console=_console())


def _self_view(doc: Any, result: Any, views: List[Path], rules: Any) -> Any:
    """The self-view beside the case's answers (None: no --self given)."""
    if not views:
        return None
    from .selfview import compared
    return compared(doc, result, views, rules)


def _agreed_review_noted(result: Any, agreed: Any) -> None:
    """What a review agreed by hand (--review-date) may not have meant, said on stderr,
    never refused: a day the workplace is closed (a weekend, a public holiday, juleaften),
    or one before the task's own day, which looks back at nothing yet (the leader may mean
    a talk before the day; the rules' review of an event comes after it)."""
    if agreed is None:
        return
    from ..engine.workdays import country_for, named
    from ..i18n import _, format_date
    from .common import say
    closed = named(agreed, country_for(result.lang), result.lang)
    if closed is not None:
        say(_("trustdose: note: the review you agreed ({date}) falls on {day}, when most "
              "workplaces are closed; it stands as agreed").format(date=format_date(agreed),
                                                                    day=closed))
    due = result.task.due
    if due is None or agreed >= due:
        return
    say(_("trustdose: note: the review you agreed ({date}) is before the task's day "
          "({due}); a review looks back at how it went, so a talk before the day is one of "
          "its own").format(date=format_date(agreed), due=format_date(due)))


def _distinct(case: Optional[str], output: Optional[Path], db: Optional[Path],
              rules: List[Path], own: List[str] = ()) -> List[Path]:
    """The report never replaces the case, a self-view, the journal, the config file or a
    rule file (through links and hard links alike): exit 2 before anything is read. The
    self-view's answers files (`--self`: a folder gives the files in it)."""
    from .selfview import answer_files, not_inside
    views = answer_files(own)
    not_inside(output, [Path(name) for name in own])
    if output is None:
        return views
    from .common import check_outputs
    given = [] if case is None else [("CASE", 0 if case == "-" else case)]
    given += [("--self", view) for view in views]
    check_outputs([("--output", output)], given, rules, db)
    return views


def as_planned(doc: Any, result: Any, rules: Any, review: Any) -> Any:
    """The assessment an agreement says: at the level the leader planned where that is
    below the one recommended (a leader may keep more of a decision than the answers ask;
    the plan is made at that level, as a board's area agreed below its level is: a cold
    read found an agreement at the tool's level where the leader had planned one lower,
    and nothing said of it); else as assessed."""
    planned = result.planned
    if planned is None or planned.number >= result.level.number:
        return result
    from ..api import assess_document
    return assess_document(doc, rules, planned=planned.number,
                           review_date=review or result.review_date, agreed=planned.number)


def _assessed(doc: Any, *, rules: Any, level: Any, agreed: Any, db: Optional[Path],
              save: bool, pseudonym: Optional[str]) -> tuple:
    """The case (under the pseudonym, if given) and its assessment, with the subject's
    history from the journal if there is one."""
    from ..api import assess_document
    doc = _named(doc, pseudonym)
    journal = _journal(db, must_exist=False, saving=save)
    try:
        return doc, assess_document(doc, rules, planned=level, track=journal,
                                    review_date=agreed)
    finally:
        if journal is not None:
            journal.db.close()
            _name_damaged(journal)


def _named(doc: Any, pseudonym: Optional[str]) -> Any:
    """The case under the pseudonym, if one is given: applied before assessing, so that
    no text names the real name."""
    if pseudonym:
        doc.data = {**doc.data, "subject": {**doc.data.get("subject", {}), "name": pseudonym}}
    return doc


def _name_damaged(journal: Any) -> None:
    """Each row the history had to leave out, named as the journal commands name it."""
    from ..errors import visible
    from ..i18n import _
    from .common import say
    for damaged in journal.damaged.values():
        say(_("trustdose: {problem}").format(problem=visible(str(damaged))))


def _asked(data: dict) -> Any:
    """The questionnaire's answers as a document."""
    from ..io.source import Document
    return Document("<questionnaire>", data)


def _what_if(walk: Any, shown: tuple, rules: Any, written: tuple, assessed: Any) -> tuple:
    """The what-if after the report (`cli.whatif`), where a person can answer it: the
    last case assessed as a document, and its assessment; the report `-o` wrote is
    written again when the advice changed."""
    from .whatif import offered, what_if
    doc, result = shown
    if not offered():
        return doc, result
    fmt, output, full, form = written  # how it was written: --format, -o, --full, its form
    on_screen = fmt if output is None else None  # on the terminal: the format a person reads
    last = {"doc": doc}

    def reassess(data: dict) -> Any:  # what_if keeps each case it assesses
        last["doc"], again = assessed(_asked(data))
        return again
    final = what_if(walk, result, rules, _console(), reassess,
                    lambda again: _write(again, on_screen, None, hint=False, form=form))
    if final is not result and output is not None:
        _write(final, fmt, output, full, form=form)
    return last["doc"], final


def _case(case: str) -> Any:
    """The case as a document: from a file or standard input."""
    from ..api import document
    from ..errors import CaseError, UsageError
    from ..i18n import _
    from ..io.source import SourceError, parse_stdin
    if case == "-":
        from .common import stdin_closed
        if stdin_closed():
            raise UsageError(_("no standard input to read the case from"))
        try:
            return parse_stdin(sys.stdin.buffer)
        except SourceError as exc:
            raise CaseError([exc.problem]) from None
    return document(case)


def _questionnaire(no_input: bool, rules: Any) -> Any:
    """The questionnaire asked in the terminal, answered to the end (a `Walk`)."""
    from ..errors import UsageError
    from ..i18n import _
    if no_input or not sys.stdin.isatty():
        raise UsageError(_("no case given, and no terminal to ask the questions in"),
                         _("give a case file (see examples/), or - to read one from "
                           "standard input; run in a terminal to be asked"))
    from .ask import ask
    return ask(rules, _console())


def _console() -> Any:
    """Where the questionnaire and the offers after it talk to the person: stderr, with
    no escape codes at all when the terminal asks for none (NO_COLOR: no bold or dim
    either, which rich keeps for NO_COLOR)."""
    from rich.console import Console

    from .common import plain_terminal
    return Console(stderr=True, highlight=False,
                   color_system=None if plain_terminal() else "auto")


def _write(result: Any, fmt: Optional[ReportFormat], output: Optional[Path],
           full: bool = False, hint: bool = True, form: Optional[AgreementForm] = None,
           seen: Any = None, planned: Any = None) -> Any:
    """Write the report (short unless `full`; on a terminal, with a `hint` on how to see
    more; the agreement in its `form`, of the assessment `planned()` gives: at the level
    the leader planned, where that is below the one recommended); the format written to
    the `output` file (None: standard output)."""
    from ..io.output import write_pieces
    from ..report.formats import Report, default_format
    from .common import configured_leader, plain_terminal, target, width
    from . import selfview
    from .terminal import wrap
    terminal = output is None and sys.stdout.isatty()
    chosen = fmt or default_format(ReportFormat, output, terminal)
    report = Report(chosen, width() if terminal else 100,
                    terminal and not plain_terminal(), full,
                    form or default_format(AgreementForm, output, terminal),
                    configured_leader() if chosen is ReportFormat.agreement else None)
    more = []
    if hint and not full and output is None and chosen in (ReportFormat.rich, ReportFormat.text):
        from ..i18n import _
        more = [(wrap(_("More: --full for everything; --format agreement for the employee's "
                        "agreement")) + "\n").encode()]
    if chosen is ReportFormat.agreement and planned is not None:
        result = planned()
    binary = report.form if chosen is ReportFormat.agreement else chosen
    with target(output, binary) as out:
        made = report.result(result) if seen is None else selfview.pieces(report, result, seen)
        write_pieces(out, [report.header(), *made, *more, report.footer()])
    if output is not None:
        from .keep import wrote
        wrote(output, chosen)
        return chosen
    return None


def _agreement_as(fmt: Optional[ReportFormat], form: Optional[AgreementForm],
                  output: Optional[Path]) -> Optional[ReportFormat]:
    """The format, `--agreement-as` given: the agreement's (with no other --format); a
    Word document is never written to a terminal (exit 2 before anything is read)."""
    from ..errors import UsageError
    from ..i18n import _
    if form is None:
        return fmt
    if fmt not in (None, ReportFormat.agreement):
        raise UsageError(_("{option} applies only to the agreement").format(
            option="--agreement-as"), _("add --format agreement, or leave out --format"))
    if form is AgreementForm.docx and output is None and sys.stdout.isatty():
        raise UsageError(_("a Word document cannot be shown in the terminal"),
                         _("write it to a file: -o agreement.docx"))
    return ReportFormat.agreement


def _journal(db: Optional[Path], must_exist: bool, saving: bool) -> Any:
    """The journal to take the subject's history from, if there is one (looking never
    creates one: none yet, or one being made by another process saving, is no history).
    One that cannot be used only matters when saving."""
    from ..errors import JournalError
    from ..i18n import _
    from ..journal.schema import NoJournal
    from ..journal.store import Journal
    try:
        return Journal(db)
    except NoJournal:
        if must_exist:
            raise
        return None
    except JournalError as exc:
        if saving:
            raise
        say(_("trustdose: the journal was left out: {problem}").format(problem=exc))
        return None


def _saving(save: bool, review_date: Optional[str], pseudonym: Optional[str],
            asking: bool, country: Optional[str]) -> Any:
    """The agreed review date (None: the one the rules give); usage errors first (when
    `asking` the questions, the assessment is today's), an unknown --country too."""
    from ..errors import UsageError
    from ..i18n import _
    use_country(country)
    if not save and pseudonym:
        raise UsageError(_("{option} only applies when saving").format(option="--pseudonym"),
                         _("add --save"))
    if pseudonym is not None and not pseudonym.strip():
        raise UsageError(_("--pseudonym: give a name"))
    agreed = _review_day(review_date)
    if agreed is not None and asking:
        import datetime as dt

        from ..intake import check_review_date
        check_review_date(agreed, dt.date.today())
    return agreed


def _review_day(value: Optional[str]) -> Any:
    """--review-date as a date (None without it), or a usage error naming the option."""
    import re

    from ..errors import UsageError
    from ..i18n import _
    from .common import day_option
    if value is not None and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        import datetime as dt
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:  # written right, but no such day (2026-02-30)
            raise UsageError(_("{option}: {value} is not a day in the calendar").format(
                option="--review-date", value=value.strip()),
                _("give a day that exists, as YYYY-MM-DD")) from None
    return None if value is None else day_option(value, "--review-date")
