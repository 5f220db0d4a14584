"""`trustdose review [ENTRY]`: record how a delegation went and, when it went wrong, walk
through the diagnosis (in the terminal, from options, or from a file).

The diagnosis itself lives in `journal.review`; this module asks, reads and shows.
"""

# No `from __future__ import annotations` here: typer reads these signatures at every
# start (see cli.py).
import datetime as dt
import sys
from pathlib import Path
from typing import List, Optional

import typer

from ..i18n import _, format_date
from ..model.case import iso_day
from .common import (COUNTRY_OPTION, DB_OPTION, DEBUG_OPTION, FORMAT_OPTION, Output,
                     complete_from, day_option, errors_handled, home_paths, print_json, say)
from .language import use_country


# as `model.track.CAUSES` (not imported here: the core is imported inside the command)
CAUSE_IDS = ("competence", "intention", "resources", "circumstances", "bad-faith", "my-frame",
             "my-signals", "my-presence")


def review(
    entry_id: Optional[int] = typer.Argument(
        None, metavar="ENTRY",
        help="The journal entry to review (default: the one whose review is longest due)."),
    outcome: Optional[str] = typer.Option(
        None, "--outcome", metavar="kept|strained|broken",
        autocompletion=complete_from("kept", "strained", "broken"), help="How it went."),
    causes: List[str] = typer.Option(
        [], "--cause", metavar="CAUSE", autocompletion=complete_from(*CAUSE_IDS),
        help="What was lacking, when it went wrong (repeatable): competence, intention, "
             "resources, circumstances, bad-faith; and your own part: my-frame, "
             "my-signals, my-presence."),
    note: str = typer.Option("", "--note", help="A few words to remember it by."),
    from_file: Optional[Path] = typer.Option(
        None, "--from", metavar="FILE", callback=home_paths,
        help="Read the review from a YAML or JSON file (entry, outcome, causes, note, date)."),
    day: Optional[str] = typer.Option(None, "--date", metavar="YYYY-MM-DD",
                                      help="The day of the review (default: today)."),
    db: Optional[Path] = DB_OPTION, fmt: Output = FORMAT_OPTION,
    country: Optional[str] = COUNTRY_OPTION, debug: bool = DEBUG_OPTION,
) -> None:
    """Record how a delegation went; when it was strained or broken, diagnose the breach by
    the same preconditions the trust was dosed by, and get a temporary level with an end
    date, repair steps for a joint conversation, and what the workplace can learn.
    """
    with errors_handled(debug):
        from ..errors import UsageError
        from ..journal.review import diagnose
        from ..journal.store import Journal
        from .journalwords import level_of as _level

        given = _read(from_file) if from_file else {}
        entry_id = given.get("entry", entry_id)
        outcome = given.get("outcome", outcome)
        causes = list(given.get("causes", causes))
        note = given.get("note", note)
        when = given.get("date") or day_option(day, "--date")
        outcome, causes = _known(outcome, causes)
        use_country(country)
        with Journal(db) as journal:
            entry = _entry(journal, entry_id) if entry_id is not None else _longest_due(journal)
            if outcome is None and not sys.stdin.isatty():
                raise UsageError(_("no outcome given, and no terminal to ask in"),
                                 _("give --outcome (and --cause), or --from FILE"))
            if outcome is not None:  # asked, the day is asked too, and checked there
                _not_before(entry, when, dated=bool(given.get("date") or day))
            if not _again(journal, entry):
                say(_("Nothing was recorded."))
                return
            if outcome is None:
                outcome, causes, note, when = _ask(entry, when)
            result = diagnose(entry.id, entry.level, outcome, causes, when, note)
            review_id = journal.add_review(result)
        if fmt is Output.json:
            print_json({"review": review_id, "subject": entry.subject, "task": entry.task,
                        **result.to_json()})
            return
        _show(entry, result, _level)
        say(_("Recorded as review #{id}; the next assessment of {subject} takes it into "
              "account.").format(id=review_id, subject=entry.subject))


def _entry(journal, entry_id: int):
    """The entry to review; a usage error for none, naming it when it is damaged."""
    from ..errors import UsageError
    entry = journal.entry(entry_id)
    if entry is None:
        damaged = journal.damaged.get(f"entry {entry_id}")
        raise UsageError(str(damaged) if damaged else
                         _("no journal entry {id}").format(id=entry_id),
                         _("see 'trustdose journal list'"))
    return entry


def _not_before(entry, when, dated: bool) -> None:
    """A review cannot come before the assessment it reviews (with no --date, the
    review is today's, which may be before a future-dated assessment)."""
    if when >= entry.day:
        return
    from ..errors import UsageError
    raise UsageError(
        _("the review day, {date}, is before the assessment it reviews (#{id}, {day})").format(
            date=format_date(when), id=entry.id, day=format_date(entry.day)),
        _("give a review day on or after {day} (--date YYYY-MM-DD)").format(
            day=entry.day.isoformat()) if dated else
        _("the review day is today unless --date gives another; give one on or after "
          "{day}").format(day=entry.day.isoformat()))


def _known(outcome, causes) -> tuple:
    """The outcome and causes as ids, named by id or in the leader's language (`presset`);
    one that is not: the nearest one named, and what is allowed in the language (nothing
    is recorded)."""
    from ..errors import UsageError, did_you_mean
    from ..journal.review import cause_named, cause_words, outcome_named, outcome_words
    if outcome is not None:
        if outcome_named(outcome) is None:
            raise UsageError(_("unknown outcome '{value}'; allowed: {allowed}").format(
                value=outcome, allowed=", ".join(outcome_words())),
                did_you_mean(outcome, outcome_words()))
        outcome = outcome_named(outcome)
    for cause in causes:
        if cause_named(cause) is None:
            raise UsageError(_("unknown cause '{value}'; allowed: {allowed}").format(
                value=cause, allowed=", ".join(cause_words())),
                did_you_mean(cause, cause_words()))
    if outcome == "kept" and causes:  # nothing was lacking: a cause would be dropped unseen
        raise UsageError(_("a delegation that went as agreed has no cause; leave out "
                           "--cause, or give the outcome it had"),
                         _("allowed: {outcomes}").format(outcomes=", ".join(outcome_words())))
    return outcome, [cause_named(c) for c in causes]


def _again(journal, entry) -> bool:
    """Whether to review `entry` when it has been reviewed already: asked in a terminal
    (one key); said, and done, without one (a closer follow-up ends in a second review)."""
    from ..model.track import OUTCOME_LABELS
    earlier = [r for r in journal.reviews(entry.subject) if r.get("entry") == entry.id]
    if not earlier:
        return True
    last = earlier[-1]
    said = _("#{id} was reviewed on {date}: {outcome}.").format(
        id=entry.id, date=format_date(dt.date.fromisoformat(last["day"])),
        outcome=_(OUTCOME_LABELS[last["outcome"]]))
    if last.get("until"):
        said += " " + _("Closer follow-up until {date}.").format(
            date=format_date(dt.date.fromisoformat(last["until"])))
    if not (sys.stdin.isatty() and sys.stderr.isatty()):
        say(said + " " + _("This review is recorded after it."))
        return True
    from rich.console import Console

    from .prompt import confirm
    return confirm(Console(stderr=True, highlight=False), said + " " + _("Review it again?"))


def _longest_due(journal):
    from ..errors import UsageError
    due = journal.due(dt.date.today())
    if not due:
        raise UsageError(_("nothing is due for review"), _("give the ENTRY to review; see "
                                                           "'trustdose journal list'"))
    return min(due, key=lambda e: e.review_date)


def _read(path: Path) -> dict:
    """A review file: a mapping of entry, outcome, causes, note, date."""
    from ..errors import CaseError
    from ..io.source import SourceError, read_file
    try:
        doc = read_file(path)
    except SourceError as exc:
        raise CaseError([exc.problem]) from None
    allowed = {"entry", "outcome", "causes", "note", "date"}
    if not isinstance(doc.data, dict):
        raise CaseError([doc.problem((), _("a review must be a mapping"), _(
            "allowed keys: {keys}").format(keys=", ".join(sorted(allowed))))])
    problems = [doc.problem((key,), _("unknown key '{key}'").format(key=key), _(
        "allowed keys: {keys}").format(keys=", ".join(sorted(allowed))), key=True)
        for key in doc.data if key not in allowed]
    data = dict(doc.data)
    if isinstance(data.get("causes"), str):
        data["causes"] = [data["causes"]]
    if isinstance(data.get("date"), str):  # quoted, or from JSON: an ISO date all the same
        try:
            data["date"] = iso_day(data["date"])
        except ValueError:
            pass
    day = str(data.get("date")).strip()[:10]
    if isinstance(data.get("date"), (dt.datetime, str)) and _is_day(day):  # and a time
        problems.append(doc.problem(("date",), _(
            "date: a review is dated by its day, without a time of day"), _(
            "write the day alone: {day}").format(day=day)))
    elif "date" in data and not isinstance(data["date"], dt.date):
        problems.append(doc.problem(("date",), _("date: must be a date (YYYY-MM-DD)")))
    from ..model.case import text_problem
    if "note" in data:
        problem = text_problem(data["note"]) if isinstance(data["note"], str) else _(
            "must be text")
        if problem:
            problems.append(doc.problem(("note",), _("note: {problem}").format(
                problem=problem), _("write the note as plain text on one line")))
    if "entry" in data and (isinstance(data["entry"], bool) or not isinstance(data["entry"], int)):
        problems.append(doc.problem(("entry",), _("entry: must be a journal entry id")))
    if problems:  # all at once
        raise CaseError(problems)
    return data


def _is_day(text: str) -> bool:
    try:
        iso_day(text)
    except ValueError:
        return False
    return True


def _ask(entry, day: dt.date, console=None):
    """The walkthrough in the terminal: outcome, then (when it went wrong) the causes, then
    a note, then the day of the review (Enter keeps `day`); < or b goes back a question,
    and an earlier answer is offered again (Enter keeps it)."""
    from rich.console import Console

    from ..model.track import CAUSE_LABELS, CAUSES, OUTCOME_LABELS, OUTCOMES
    console = console or Console(stderr=True, highlight=False)
    console.print(_("Review of #{id}: {subject} — {task}").format(
        id=entry.id, subject=entry.subject, task=entry.task), style="bold")
    console.print(_("Answer < or b to go back, Ctrl-C to stop."), style="dim")
    outcomes = [(o, _(OUTCOME_LABELS[o])) for o in OUTCOMES]
    causes = [(c, _(CAUSE_LABELS[c])) for c in CAUSES]
    answers: dict = {"day": day}
    step = 0
    while step < 4:
        if step == 0:
            got = _choose(console, _("How did the delegation go?"), outcomes, single=True,
                          earlier=[answers["outcome"]] if "outcome" in answers else None)
            if got is BACK:
                console.print(_("This is the first question."), style="dim")
                continue
            answers["outcome"] = got[0]
        elif step == 1:
            if answers["outcome"] == "kept":  # nothing was lacking
                answers["causes"] = []
                step += 1
                continue
            got = _choose(console, _("What was lacking? (numbers separated by commas)"),
                          causes, single=False, earlier=answers.get("causes"))
            if got is BACK:
                step -= 1
                continue
            answers["causes"] = got
        elif step == 2:
            got = _note(console, answers.get("note"))
            if got is BACK:
                step -= 1 if answers["outcome"] != "kept" else 2
                continue
            answers["note"] = got
        else:
            got = _day(console, entry, answers["day"])
            if got is BACK:
                step -= 1
                continue
            answers["day"] = got
        step += 1
    return answers["outcome"], answers["causes"], answers["note"], answers["day"]


BACK = object()  # what `_choose` and `_note` give when the answer was to go back


def _day(console, entry, earlier: dt.date):
    """The day of the review (Enter keeps `earlier`), never before the assessment."""
    from ..questionnaire import is_back
    from ..task_words import read_day
    while True:
        typed = console.input(_("The day of the review (YYYY-MM-DD, Enter for {date}): ").format(
            date=format_date(earlier))).strip()
        if is_back(typed):
            return BACK
        if not typed:
            day = earlier
        else:
            try:  # as the questionnaire reads a day: 2027-01-15, 15-01-2027, 15. januar 2027
                day = read_day(typed, entry.day)
            except ValueError:
                console.print(_("'{value}' is not a date: write it as YYYY-MM-DD.").format(
                    value=typed), style="red")
                continue
        if day >= entry.day:
            return day
        console.print(_("The review cannot come before the assessment it reviews ({day}): "
                        "give a day on or after it.").format(day=format_date(entry.day)),
                      style="red")


def _note(console, earlier):
    from ..questionnaire import CLEAR, is_back
    if earlier:
        console.print(_("Your answer before: {answer} (Enter keeps it, - for none)").format(
            answer=earlier), style="cyan")
    answer = console.input(_("A note to remember it by (Enter to skip): ")).strip()
    if is_back(answer):
        return BACK
    if answer == CLEAR:
        return ""
    return answer or earlier or ""


def _choose(console, question: str, options: list, single: bool, earlier=None):
    """The ids of the options picked (by number, id, label or the leader's word, as
    --outcome and --cause take them: `presset`, `ressourcer`), or BACK."""
    from ..journal.review import cause_named, outcome_named
    from ..questionnaire import is_back
    labels = dict(options)
    named = outcome_named if single else cause_named
    while True:
        console.print(question, style="bold")
        for number, (_id, label) in enumerate(options, start=1):
            console.print(f"  {number}  {label}")
        if earlier:
            console.print(_("Your answer before: {answer} (Enter keeps it)").format(
                answer=", ".join(labels[o] for o in earlier)), style="cyan")
        typed = console.input("> ")
        if is_back(typed):
            return BACK
        if not typed.strip() and earlier:
            return earlier
        answer = typed.replace(",", " ").split()
        picked = []
        for word in answer:
            if word.isdigit() and 1 <= int(word) <= len(options):
                picked.append(options[int(word) - 1][0])
            elif named(word) is not None:  # an id, or the leader's word: "brudt"
                picked.append(named(word))
            else:
                picked = []
                break
        if picked and (not single or len(picked) == 1):
            return list(dict.fromkeys(picked))
        console.print(_("Answer with a number from 1 to {n}.").format(n=len(options)),
                      style="red")


def _show(entry, result, level) -> None:
    import textwrap
    from ..i18n import pick
    from .common import width

    def bullets(lines: list) -> None:
        for line in lines:
            print(textwrap.fill(line, width(), initial_indent="  - ", subsequent_indent="    "))

    from ..model.track import OUTCOME_LABELS, OWN_CAUSES
    from .journalwords import rules_in_force as _rules_in_force
    from ..errors import visible
    print(visible(_("Review of #{id}: {subject} — {task} ({level})").format(
        id=entry.id, subject=entry.subject, task=entry.task, level=level(entry))))
    print(_("Outcome: {outcome}").format(outcome=_(OUTCOME_LABELS[result.outcome])))
    print(_("Diagnosis:"))
    bullets(result.diagnosis)
    if result.temporary_level is not None:
        label = pick(_rules_in_force().levels[result.temporary_level].item["label"])
        own = set(result.causes) <= set(OWN_CAUSES)  # the leader's homework, not closer control
        print(textwrap.fill((_("For now: {level} stays until {date}, while you do your part; "
                               "then assess the task again.") if own else
                             _("For now: {level} until {date}, with closer follow-up; then "
                               "assess the task again.")).format(
            level=f"{result.temporary_level} {label}", date=format_date(result.until)),
            width()))
    if result.repair:
        print(_("Repair, in a conversation together:"))
        bullets(result.repair)
    print(_("What the workplace can learn (without looking for someone to blame):"))
    bullets(result.learning)
