"""`trustdose journal …`: what was saved with `assess --save`, what is due, one subject's
trajectory, export, and erasure.

The core is imported inside the commands, as in `cli.app`.
"""

# No `from __future__ import annotations` here: typer reads these signatures at every
# start (see cli.py).
import contextlib
import datetime as dt
import re
import sys
from pathlib import Path
from typing import Optional

import typer

from ..errors import visible
from ..i18n import N_, _, format_date, format_number, ngettext
from .common import (DB_OPTION, DEBUG_OPTION, FORMAT_OPTION, Output, day_option, errors_handled,
                     output_path, print_json, say)
from .common import table
from .journalwords import level_of, quoted, review_line, row, rules_in_force
from .journalself import (FORGET_SELF, LIST_SELF, SHOW_SELF, checks, forgotten, listed,
                          shown as show_checks)
from .terminal import echo


journal_app = typer.Typer(
    help="The journal of saved assessments (assess --save): list, show, what is due, one "
         "subject's history, export, and forget a subject.",
    no_args_is_help=True)

@contextlib.contextmanager
def _open(db: Optional[Path]):
    """The journal, and after the command each damaged row it had to leave out, named."""
    from ..journal.store import Journal
    with Journal(db) as journal:
        yield journal
        for damaged in journal.damaged.values():
            say(_("trustdose: {problem}").format(problem=visible(str(damaged))))


@journal_app.command("list")
def list_entries(subject: Optional[str] = typer.Option(None, "--subject", "-s", metavar="NAME",
                                                       help="Only this subject's entries."),
                 own: bool = LIST_SELF,
                 db: Optional[Path] = DB_OPTION, fmt: Output = FORMAT_OPTION,
                 debug: bool = DEBUG_OPTION) -> None:
    """List the saved assessments, oldest first."""
    with errors_handled(debug), _open(db) as journal:
        if own:
            return listed(journal, fmt)
        entries = journal.entries(_subject(journal, subject) if subject else None)
        # each entry's last review, how it went (issue 23: a broken review was seen in
        # `journal show` alone)
        last = {r["entry"]: r for name in dict.fromkeys(e.subject for e in entries)
                for r in journal.reviews(name)}
        if fmt is Output.json:
            print_json([{**row(e), "reviewed": _reviewed(last.get(e.id))} for e in entries])
            return
        if not entries:
            say(_("The journal is empty; save an assessment with 'trustdose assess --save'.")
                if not checks(journal) else _("No assessment is saved; your self-checks: "
                                              "'trustdose journal list --self'."))
            return
        from ..model.track import OUTCOME_LABELS
        due = {e.id for e in journal.due(dt.date.today())}  # each delegation, unreviewed
        table(["ID", _("DATE"), _("SUBJECT"), _("TASK"), _("LEVEL"), _("REVIEW"), _("REVIEWED")],
              [[str(e.id) + (f" (R{e.round_id})" if e.round_id is not None else ""),
                e.day.isoformat(), e.subject, e.task, level_of(e),
                e.review_date.isoformat() + (" !" if e.id in due else ""),
                f"{last[e.id]['day']} {_(OUTCOME_LABELS[last[e.id]['outcome']])}"
                if e.id in last else ""]
               for e in entries])
        if checks(journal):
            say(_("Your self-checks are listed apart: 'trustdose journal list --self'."))


def _reviewed(review: dict | None) -> dict | None:
    """An entry's last review in the JSON: its day and outcome, and what was lacking."""
    if review is None:
        return None
    return {"day": review["day"], "outcome": review["outcome"], "causes": review["causes"]}


@journal_app.command("show")
def show(which: Optional[str] = typer.Argument(
             None, metavar="ID|SUBJECT",
             help="An entry id from 'journal list', or a name (or pseudonym) as saved, "
                  "ignoring case: every entry about them."),
         own: bool = SHOW_SELF,
         db: Optional[Path] = DB_OPTION, fmt: Output = FORMAT_OPTION,
         debug: bool = DEBUG_OPTION) -> None:
    """Show a saved assessment, or all about one subject: levels, plan, reviews."""
    with errors_handled(debug), _open(db) as journal:
        if own or which is None:
            return show_checks(journal, which, fmt, own)
        number = which.strip().lstrip("#")
        digits = re.fullmatch(r"-?[0-9]+", number) is not None  # not "²": int() refuses it
        # beyond SQLite's integers (or int()'s digits) no entry has the id
        entry = journal.entry(int(number)) if digits and len(number) <= 20 else None
        if entry is not None:
            entries = [entry]
        elif digits and not journal.matching(which):
            from ..errors import UsageError
            damaged = journal.damaged.pop(f"entry {number.lstrip('0') or 0}", None)
            if damaged:
                raise UsageError(str(damaged), _("'trustdose journal export' saves the "
                                                 "others; forget erases it with its subject"))
            raise UsageError(_("no journal entry {id}").format(
                id=number if len(number) > 20 else int(number)),
                             _("see 'trustdose journal list'"))
        else:
            entries = journal.entries(_subject(journal, which))
        shown = [(e, journal.entry_reviews(e.id)) for e in entries]
        if fmt is Output.json:
            rows = [{**row(e), "reviews": reviews} for e, reviews in shown]
            print_json(rows[0] if entry is not None else rows)
            return
        for at, (e, reviews) in enumerate(shown):
            if at:
                echo()
            _show_entry(e, reviews)


def _show_entry(entry, reviews: list) -> None:
    from ..i18n import pick
    rules = rules_in_force()
    echo(f"#{entry.id} · {format_date(entry.day)} · {visible(entry.subject)}")
    echo(_("Task") + f": {visible(entry.task)}")
    echo(_("Level") + f": {level_of(entry)}")
    echo(_("Planned level") + ": " + (level_of(entry, entry.planned) if entry.planned
                                       else _("none given")))
    echo(_("Scores") + ": " + ", ".join(
        f"{pick(rules.rubrics[d].item['title']) if d in rules.rubrics else d} "
        f"{format_number(v)}" for d, v in entry.scores.items()))
    measures = rules.measures()  # titles in today's language where the rule still exists
    for heading, key in ((_("Control"), "controls"), (_("Feedback"), "feedback")):
        titles = [pick(measures[m["id"]].item["title"]) if m["id"] in measures else m["title"]
                  for m in entry.assessment.get(key, [])]
        if titles:
            echo(f"{heading}: " + visible("; ".join(titles)))
    echo(_("Review on {date}").format(date=format_date(entry.review_date)))
    for review in reviews:
        echo(review_line(entry, review))
    if not reviews:
        echo("  " + _("Not reviewed yet."))


@journal_app.command("due")
def due(on: Optional[str] = typer.Option(None, "--on", metavar="YYYY-MM-DD",
                                         help="The day to look from (default: today)."),
        db: Optional[Path] = DB_OPTION, fmt: Output = FORMAT_OPTION,
        debug: bool = DEBUG_OPTION) -> None:
    """What is due for follow-up: each delegation whose review date has come, not yet reviewed."""
    with errors_handled(debug), _open(db) as journal:
        day = day_option(on, "--on")
        entries = journal.due(day)
        next_rounds = _rounds_due(journal, day)
        if fmt is Output.json:
            print_json([row(e) for e in entries] + [
                {"subject": name, "round": last.id, "last_round": last.day.isoformat(),
                 "next_round": when.isoformat()} for name, last, when in next_rounds])
            return
        if not entries and not next_rounds:
            echo(_("Nothing is due for follow-up on {date}.").format(date=format_date(day)))
            return
        _say_next_rounds(next_rounds)
        followed = journal.follow_up_ends()
        boards: dict = {}  # a round's areas not reviewed yet: due once, as the board
        for e in entries:
            if e.round_id is not None and e.id not in followed:
                boards.setdefault(e.round_id, []).append(e)
                if len(boards[e.round_id]) > 1:
                    continue
            late = (day - e.review_date).days
            when = _("review {date} ({when})").format(
                date=format_date(e.review_date), when=ngettext(
                    "{n} day overdue", "{n} days overdue", late).format(n=late)
                if late else _("due today"))
            if e.round_id is not None and e.id not in followed:
                n = sum(1 for a in entries if a.round_id == e.round_id
                        and a.id not in followed)
                echo(_("Round #{round}  {subject} — delegation board, {areas}: {when}; see "
                       "trustdose board history {name}").format(name=quoted(e.subject),
                    round=e.round_id, subject=visible(e.subject), when=when,
                    areas=ngettext("{n} area", "{n} areas", n).format(n=n)))
                continue
            echo(f"#{e.id}  {visible(e.subject)} — {visible(e.task)}: {level_of(e)}, {when}")


def _say_next_rounds(next_rounds: list) -> None:
    """Each board whose next round has come, on its own line."""
    months = _round_months()
    for name, last, when in next_rounds:
        echo(_("Delegation board  {subject} — a new round is due since {date}, {months} "
               "after round #{round} of {day}; see trustdose board history {name}").format(
            subject=visible(name), date=format_date(when), round=last.id,
            day=format_date(last.day), name=quoted(name), months=ngettext(
                "{n} month", "{n} months", months).format(n=months)))


def _round_months() -> int:
    from ..io.config import load_config
    return load_config().round_months


def _rounds_due(journal, day) -> list:
    """The boards whose next round has come (`round_months:` in the config, three
    without it)."""
    from ..journal.rounds import rounds_due
    return rounds_due(journal, day, _round_months())


@journal_app.command("history")
def history(subject: str = typer.Argument(..., metavar="SUBJECT",
                                          help="A name (or pseudonym) as saved."),
            db: Optional[Path] = DB_OPTION, fmt: Output = FORMAT_OPTION,
            debug: bool = DEBUG_OPTION) -> None:
    """One person's or team's trajectory over time: levels and scores, as a chart."""
    with errors_handled(debug), _open(db) as journal:
        subject = _subject(journal, subject)
        entries = journal.entries(subject)
        if fmt is Output.json:
            print_json([row(e) for e in entries])
            return
        from ..i18n import pick
        from ..model.track import OUTCOME_LABELS
        from ..model.vocabulary import DIMENSIONS
        titles = [pick(rules_in_force().rubrics[d].item["title"]).upper() for d in DIMENSIONS]
        reviewed = {r["entry"]: OUTCOME_LABELS[r["outcome"]] for r in journal.reviews(subject)}
        outcomes = {entry: _(label) for entry, label in reviewed.items()}
        echo(ngettext("{subject}: {n} saved assessment", "{subject}: {n} saved assessments",
                       len(entries)).format(subject=visible(subject), n=len(entries)))
        # the level as a bar of seven, so the trajectory reads top to bottom at a glance
        table([_("DATE"), _("LEVEL"), "", *titles, _("REVIEWED"), _("TASK")],
              [[e.day.isoformat(), "█" * e.level + "·" * (7 - e.level), level_of(e),
                *(format_number(e.scores[d]) for d in DIMENSIONS), outcomes.get(e.id, ""),
                e.task] for e in entries])


@journal_app.command("export")
def export(subject: Optional[str] = typer.Option(None, "--subject", "-s", metavar="NAME",
                                                 help="Only this subject."),
           output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE",
                                                 callback=output_path,
                                                 help="Write to FILE (atomically, owner-only)."),
           db: Optional[Path] = DB_OPTION, debug: bool = DEBUG_OPTION) -> None:
    """Export the journal (or one subject) as JSON."""
    with errors_handled(debug):
        if output is not None:  # never the journal itself, nor any other input in force
            from .common import check_outputs
            check_outputs([("--output", output)], [], db=db)
    with errors_handled(debug), _open(db) as journal:
        import json

        from ..errors import json_visible
        from ..journal.rounds import rounds
        subject = _subject(journal, subject) if subject else None
        made = journal.export(subject)
        made["rounds"] = [{"subject": name, **r.to_json()}  # a board's rounds (board --save)
                          for name in ([subject] if subject else journal.subjects())
                          for r in rounds(journal, name)]
        if not subject:  # the leader's own, in a whole export alone
            made["self_checks"] = [c.to_json() for c in checks(journal)]
        # a control or bidi character another program wrote into a row: its JSON escape
        text = json_visible(json.dumps(made, ensure_ascii=False, indent=2)) + "\n"
        if output is None:
            sys.stdout.write(text)
        else:
            from ..io.output import write_atomic
            write_atomic(output, text)


@journal_app.command("forget")
def forget(subject: Optional[str] = typer.Argument(None, metavar="SUBJECT",
                                                   help="A name (or pseudonym) as saved."),
           own: bool = FORGET_SELF,
           yes: bool = typer.Option(False, "--yes", "-y",
                                    help="Do not ask; needed when there is no terminal."),
           db: Optional[Path] = DB_OPTION, debug: bool = DEBUG_OPTION) -> None:
    """Erase everything the journal holds about a subject (the right to erasure)."""
    with errors_handled(debug), _open(db) as journal:
        if own or subject is None:
            return forgotten(journal, subject, own, yes)
        subject = _subject(journal, subject)
        count = len(journal.entries(subject))
        mentions = journal.mentions(subject)
        _say_mentions(mentions, subject)
        scrub = False  # never without a yes to it: a name may also be a word (see erasure)
        if not yes:
            from ..errors import UsageError
            if not sys.stdin.isatty():
                raise UsageError(_("forgetting cannot be undone; confirm with --yes"))
            from ..model.vocabulary import YES
            answer = input(ngettext("Erase {subject} and {n} entry for good? [y/N] ",
                                    "Erase {subject} and {n} entries for good? [y/N] ",
                                    count).format(subject=visible(subject), n=count))
            if answer.strip().lower() not in YES:
                say(_("Nothing was erased."))
                return
            if mentions:
                answer = input(ngettext(
                    "Also take the name out of the {n} other entry that mentions it? [y/N] ",
                    "Also take the name out of the {n} other entries that mention it? [y/N] ",
                    len(mentions)).format(n=len(mentions)))
                scrub = answer.strip().lower() in YES
        erased = journal.forget(subject, scrub=scrub)
        echo(ngettext("Erased {subject}: {n} entry, and compacted the journal so nothing "
                       "of it remains in the file ({path}).",
                       "Erased {subject}: {n} entries, and compacted the journal so nothing "
                       "of them remains in the file ({path}).", erased.entries).format(
            subject=visible(subject), n=erased.entries, path=visible(journal.path))
             if not erased.not_compacted else
             ngettext("Erased {subject}: {n} entry, overwritten in the file ({path}); it "
                      "could not be compacted: {reason}.",
                      "Erased {subject}: {n} entries, overwritten in the file ({path}); it "
                      "could not be compacted: {reason}.", erased.entries).format(
                 subject=visible(subject), n=erased.entries, path=visible(journal.path),
                 reason=visible(erased.not_compacted)))
        if erased.scrubbed:
            from ..journal.store import ERASED
            echo(ngettext("Took the name out of {n} other entry (it reads {erased} there).",
                           "Took the name out of {n} other entries (it reads {erased} there).",
                           erased.scrubbed).format(n=erased.scrubbed, erased=ERASED))
        elif mentions:
            say(ngettext("The name still stands in {n} other entry; to take it out, forget "
                         "in a terminal and answer yes to both questions.",
                         "The name still stands in {n} other entries; to take it out, forget "
                         "in a terminal and answer yes to both questions.",
                         len(mentions)).format(n=len(mentions)))


def _say_mentions(mentions: list, subject: str) -> None:
    if mentions:
        say(ngettext("{n} other entry still mentions {subject}:",
                     "{n} other entries still mention {subject}:",
                     len(mentions)).format(n=len(mentions), subject=visible(subject)))
        for m in mentions:
            say(f"  #{m.entry}  {visible(m.subject)} — {visible(m.task)} ("
                + ", ".join(_(WHERE[w]) for w in m.where) + ")")


# Where an entry's texts mention a name (Journal.mentions), in the user's language.
WHERE = {"task": N_("task title"), "case": N_("case"), "assessment": N_("report texts"),
         "review": N_("review")}


def _subject(journal, name: str) -> str:
    """The subject a name given on the command line means: the exact name, else the one
    subject of that name ignoring case; a usage error when there is none or several."""
    from ..errors import UsageError
    found = journal.matching(name)
    if len(found) == 1:
        return found[0]
    if found:
        raise UsageError(
            _("'{subject}' matches more than one name in the journal: {names}").format(
                subject=name, names=", ".join(f"'{n}'" for n in found)),
            _("write the name exactly as saved"))
    import difflib  # only on the error path
    by_case: dict = {}
    for known in journal.subjects():
        by_case.setdefault(known.casefold(), known)
    close = difflib.get_close_matches(name.casefold(), list(by_case), n=1, cutoff=0.6)
    raise UsageError(_("no one called '{subject}' in the journal").format(subject=name),
                     _("did you mean '{name}'?").format(name=by_case[close[0]]) if close
                     else _("see 'trustdose journal list'"))
