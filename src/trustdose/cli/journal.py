"""`trustdose journal …`: what was saved with `assess --save`, what is due, one subject's
trajectory, export, and erasure.

The core is imported inside the commands, as in `cli.app`.
"""

# No `from __future__ import annotations` here: typer reads these signatures at every
# start (see cli.py).
import datetime as dt
import functools
import sys
from pathlib import Path
from typing import Optional

import typer

from ..i18n import _, format_date, format_number, ngettext
from .common import (DB_OPTION, DEBUG_OPTION, FORMAT_OPTION, Output, day_option,
                     errors_handled, print_json, say, table)

journal_app = typer.Typer(
    help="The journal of saved assessments (assess --save): list, show, what is due, one "
         "subject's history, export, and forget a subject.",
    no_args_is_help=True)

def _open(db: Optional[Path]):
    from ..journal.store import Journal
    return Journal(db)


@journal_app.command("list")
def list_entries(subject: Optional[str] = typer.Option(None, "--subject", "-s",
                                                       help="Only this subject's entries."),
                 db: Optional[Path] = DB_OPTION, fmt: Output = FORMAT_OPTION,
                 debug: bool = DEBUG_OPTION) -> None:
    """List the saved assessments, oldest first."""
    with errors_handled(debug), _open(db) as journal:
        entries = journal.entries(subject)
        if fmt is Output.json:
            print_json([_row(e) for e in entries])
            return
        if not entries:
            say(_("The journal is empty; save an assessment with 'trustdose assess --save'."))
            return
        due = {e.id for e in journal.due(dt.date.today())}  # the latest, unreviewed
        table(["ID", _("DATE"), _("SUBJECT"), _("TASK"), _("LEVEL"), _("REVIEW")],
               [[str(e.id), e.day.isoformat(), e.subject, e.task, _level(e),
                 e.review_date.isoformat() + (" !" if e.id in due else "")]
                for e in entries])


@journal_app.command("show")
def show(entry_id: int = typer.Argument(..., metavar="ID", help="An entry id from 'journal list'."),
         db: Optional[Path] = DB_OPTION, fmt: Output = FORMAT_OPTION,
         debug: bool = DEBUG_OPTION) -> None:
    """Show one saved assessment: who, what, the level, the scores, the measures agreed."""
    with errors_handled(debug), _open(db) as journal:
        entry = journal.entry(entry_id)
        if entry is None:
            from ..errors import UsageError
            raise UsageError(_("no journal entry {id}").format(id=entry_id),
                             _("see 'trustdose journal list'"))
        if fmt is Output.json:
            print_json(_row(entry))
            return
        from ..i18n import pick
        rules = _rules_in_force()
        print(f"#{entry.id} · {format_date(entry.day)} · {entry.subject}")
        print(_("Task") + f": {entry.task}")
        print(_("Level") + f": {_level(entry)}")
        print(_("Scores") + ": " + ", ".join(
            f"{pick(rules.rubrics[d].item['title']) if d in rules.rubrics else d} "
            f"{format_number(v)}" for d, v in entry.scores.items()))
        measures = rules.measures()  # titles in today's language where the rule still exists
        for heading, key in ((_("Control"), "controls"), (_("Feedback"), "feedback")):
            titles = [pick(measures[m["id"]].item["title"]) if m["id"] in measures else m["title"]
                      for m in entry.assessment.get(key, [])]
            if titles:
                print(f"{heading}: " + "; ".join(titles))
        print(_("Review on {date}").format(date=format_date(entry.review_date)))


@journal_app.command("due")
def due(on: Optional[str] = typer.Option(None, "--on", metavar="YYYY-MM-DD",
                                         help="The day to look from (default: today)."),
        db: Optional[Path] = DB_OPTION, fmt: Output = FORMAT_OPTION,
        debug: bool = DEBUG_OPTION) -> None:
    """What is due for follow-up: each subject's latest delegation whose review date has come."""
    with errors_handled(debug), _open(db) as journal:
        day = day_option(on, "--on")
        entries = journal.due(day)
        if fmt is Output.json:
            print_json([_row(e) for e in entries])
            return
        if not entries:
            print(_("Nothing is due for follow-up on {date}.").format(date=format_date(day)))
            return
        for e in entries:
            late = (day - e.review_date).days
            when = ngettext("{n} day overdue", "{n} days overdue", late).format(n=late) \
                if late else _("due today")
            print(f"#{e.id}  {e.subject} — {e.task}: {_level(e)}, "
                  + _("review {date} ({when})").format(date=format_date(e.review_date),
                                                       when=when))


@journal_app.command("history")
def history(subject: str = typer.Argument(..., metavar="SUBJECT",
                                          help="A name (or pseudonym) as saved."),
            db: Optional[Path] = DB_OPTION, fmt: Output = FORMAT_OPTION,
            debug: bool = DEBUG_OPTION) -> None:
    """One person's or team's trajectory over time: levels and scores, as a chart."""
    with errors_handled(debug), _open(db) as journal:
        entries = journal.entries(subject)
        if not entries:
            _unknown(subject, journal.subjects())
        if fmt is Output.json:
            print_json([_row(e) for e in entries])
            return
        from ..i18n import pick
        from ..model.track import OUTCOME_LABELS
        from ..model.vocabulary import DIMENSIONS
        titles = [pick(_rules_in_force().rubrics[d].item["title"]).upper() for d in DIMENSIONS]
        reviewed = {r["entry"]: OUTCOME_LABELS[r["outcome"]] for r in journal.reviews(subject)}
        outcomes = {entry: _(label) for entry, label in reviewed.items()}
        print(ngettext("{subject}: {n} saved assessment", "{subject}: {n} saved assessments",
                       len(entries)).format(subject=subject, n=len(entries)))
        # the level as a bar of seven, so the trajectory reads top to bottom at a glance
        table([_("DATE"), _("LEVEL"), "", *titles, _("REVIEWED"), _("TASK")],
              [[e.day.isoformat(), "█" * e.level + "·" * (7 - e.level), _level(e),
                *(format_number(e.scores[d]) for d in DIMENSIONS), outcomes.get(e.id, ""),
                e.task] for e in entries])


@journal_app.command("export")
def export(subject: Optional[str] = typer.Option(None, "--subject", "-s",
                                                 help="Only this subject."),
           output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE",
                                                 help="Write to FILE (atomically, owner-only)."),
           db: Optional[Path] = DB_OPTION, debug: bool = DEBUG_OPTION) -> None:
    """Export the journal (or one subject) as JSON."""
    with errors_handled(debug), _open(db) as journal:
        import json
        text = json.dumps(journal.export(subject), ensure_ascii=False, indent=2) + "\n"
        if output is None:
            sys.stdout.write(text)
        else:
            from ..io.output import write_atomic
            write_atomic(output, text)


@journal_app.command("forget")
def forget(subject: str = typer.Argument(..., metavar="SUBJECT",
                                         help="A name (or pseudonym) as saved."),
           yes: bool = typer.Option(False, "--yes", "-y",
                                    help="Do not ask; needed when there is no terminal."),
           db: Optional[Path] = DB_OPTION, debug: bool = DEBUG_OPTION) -> None:
    """Erase everything the journal holds about a subject (the right to erasure)."""
    with errors_handled(debug), _open(db) as journal:
        if subject not in journal.subjects():
            _unknown(subject, journal.subjects())
        count = len(journal.entries(subject))
        if not yes:
            from ..errors import UsageError
            if not sys.stdin.isatty():
                raise UsageError(_("forgetting cannot be undone; confirm with --yes"))
            answer = input(ngettext("Erase {subject} and {n} entry for good? [y/N] ",
                                    "Erase {subject} and {n} entries for good? [y/N] ",
                                    count).format(subject=subject, n=count))
            from ..model.vocabulary import YES
            if answer.strip().lower() not in YES:
                say(_("Nothing was erased."))
                return
        erased = journal.forget(subject)[1]
        print(ngettext("Erased {subject}: {n} entry, and compacted the journal so nothing "
                       "of it remains in the file ({path}).",
                       "Erased {subject}: {n} entries, and compacted the journal so nothing "
                       "of them remains in the file ({path}).", erased).format(
            subject=subject, n=erased, path=journal.path))


def _level(entry) -> str:
    """The level in today's language (an entry keeps the label it was saved with)."""
    from ..i18n import pick
    level = _rules_in_force().levels.get(entry.level)
    label = pick(level.item["label"]) if level else entry.assessment["level"].get("label", "")
    return f"{entry.level} {label}"


@functools.lru_cache(maxsize=1)
def _rules_in_force():
    from ..rules.loader import load_rules
    return load_rules()


def _row(entry) -> dict:
    return {"id": entry.id, "subject": entry.subject, "kind": entry.kind,
            "day": entry.day.isoformat(), "task": entry.task, "level": entry.level,
            "planned": entry.planned, "scores": entry.scores,
            "review_date": entry.review_date.isoformat(), "rules_digest": entry.rules_digest}


def _unknown(subject: str, known: list) -> None:
    from ..errors import UsageError, did_you_mean
    raise UsageError(_("no one called '{subject}' in the journal").format(subject=subject),
                     did_you_mean(subject, known) or _("see 'trustdose journal list'"))
