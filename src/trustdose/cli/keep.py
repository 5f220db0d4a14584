"""After the questionnaire: nothing typed is lost. With the report shown, offer to keep
the answers as a case file, to write the agreement for the employee or team, and to save
the assessment in the journal; each one keypress, nothing written without a yes, and
each says where it went. What `--save` or `-o` did already is not offered again.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import visible
from ..i18n import _, current, format_date
from ..report.formats import ReportFormat
from .common import EXIT_INTERRUPTED, say

if TYPE_CHECKING:  # rich only when there is something to offer: `-o` needs only `wrote`
    from rich.console import Console

    from .prompt import Key


def offer(case: dict[str, Any], assessment: Any, rules: Any, *, db: Path | None,
          saved: bool, written: ReportFormat | None, console: Console | None = None,
          key: Key | None = None, folder: Path | None = None) -> None:
    """Offer what is not done yet. `saved`: the journal has it (--save); `written`: the
    format `-o` wrote (None: no file)."""
    import typer
    from rich.console import Console
    from rich.text import Text

    from ..errors import TrustdoseError
    from .prompt import keypress
    console = console or Console(stderr=True, highlight=False)
    key = key or keypress
    folder = folder if folder is not None else Path.cwd()
    from ..report.names import file_stem
    stem = file_stem(assessment)
    console.print()
    offers = [lambda: _keep_case(console, key, folder, stem, case, assessment)]
    if written is not ReportFormat.agreement:
        offers.append(lambda: _write_agreement(console, key, folder, stem, assessment))
    if not saved:
        offers.append(lambda: _save_it(console, key, db, case, assessment, rules))
    try:
        for one in offers:
            try:
                one()
            except TrustdoseError as exc:  # a folder that cannot be written: say so, go on
                console.print(Text(_("trustdose: error: {message}").format(message=exc),
                                   style="red"))
    except KeyboardInterrupt:
        say("\n" + _("trustdose: stopped; nothing more was written"))
        raise typer.Exit(EXIT_INTERRUPTED) from None


def _keep_case(console: Console, key: Key, folder: Path, stem: str, case: dict[str, Any],
               assessment: Any) -> None:
    from ..io.output import write_atomic
    from .prompt import confirm
    name = stem + ".yaml"
    if confirm(console, _("Keep your answers as a case file ({file})?").format(file=name), key):
        path = _free(console, folder / name, key)
        write_atomic(path, case_file(case, assessment, path.name))
        _said(console, _("Your answers are in {path}; to assess them again: {command}").format(
            path=visible(path), command=again(path.name)))


def _write_agreement(console: Console, key: Key, folder: Path, stem: str,
                     assessment: Any) -> None:
    from ..io.output import write_atomic
    from ..report.formats import AgreementForm, agreement
    from .common import configured_leader
    from .prompt import confirm
    name = _("{name}-agreement.md").format(name=stem)
    if confirm(console, _("Write the agreement for {subject} ({file})?").format(
            subject=assessment.subject.name, file=name), key):
        text = agreement(AgreementForm.markdown, assessment, configured_leader())  # made first
        path = _free(console, folder / name, key)
        write_atomic(path, text)
        _said(console, _("The agreement for {subject} is in {path}.").format(
            subject=assessment.subject.name, path=visible(path)))


def _save_it(console: Console, key: Key, db: Path | None, case: dict[str, Any],
             assessment: Any, rules: Any) -> None:
    from ..io.config import journal_path
    from .prompt import confirm
    where = db if db is not None else journal_path()
    if confirm(console, _("Save the assessment in your journal ({path})?").format(
            path=visible(where)),
               key):
        save(case, assessment, rules, db)


def save(given: dict[str, Any], result: Any, rules: Any, db: Path | None) -> None:
    """Save the case as given and its assessment (with its review date, agreed or not)
    in the journal, and say so."""
    from ..version import __version__
    from ..journal.store import Journal
    with Journal(db, create=True) as journal:
        entry = journal.save(result, rules.digest, None, __version__, case=given)
    say(_("Saved as journal entry #{id} in {path}; review on {date}.").format(
        id=entry, path=visible(journal.path), date=format_date(result.review_date)))


def wrote(path: Path, fmt: Any) -> None:
    """Say where `-o` wrote (on stderr: standard output is for results); `fmt` is a
    report's format or a board's (`BoardFormat`), whose agreement is the same value."""
    if fmt == ReportFormat.agreement:
        say(_("The agreement is in {path}.").format(path=visible(path)))
    else:
        say(_("The report is in {path}.").format(path=visible(path)))


def case_file(case: dict[str, Any], assessment: Any, name: str) -> str:
    """The answers as a case file (YAML) that `trustdose assess FILE` reads back to the
    same result: with the day of the assessment, and the planned level however given."""
    import yaml
    data: dict[str, Any] = {}
    for key in ("subject", "task"):
        if key in case:
            data[key] = case[key]
    data["date"] = assessment.date
    data.update((k, v) for k, v in case.items() if k not in data)
    if assessment.planned is not None:
        data["planned_level"] = assessment.planned.number
    head = "\n".join("# " + line for line in [
        _("trustdose: the answers from the questionnaire on {date}.").format(
            date=format_date(assessment.date)),
        _("Assess them again with: {command}").format(command=again(name))])
    return head + "\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True,
                                        default_flow_style=False)


def again(name: str) -> str:
    """The command that assesses a kept case file again, in the language of this run
    (without `--lang` it would speak the language of the next run's settings)."""
    return f"trustdose assess --lang {current()} {_shell(name)}"


def _free(console: Console, path: Path, key: Key) -> Path:
    """`path`, or when it is taken and may not be replaced, the first free `name-N`."""
    from .prompt import confirm
    if not path.exists() or (path.is_file() and confirm(
            console, _("{file} is there already. Replace it?").format(file=path.name), key)):
        return path
    number = 2
    while (other := path.with_name(f"{path.stem}-{number}{path.suffix}")).exists():
        number += 1
    return other


def free_file(data: bytes, name: str) -> Path:
    """Write `data` here under `name`, or the first free `stem-2.suffix`, `stem-3…`: whole
    or not at all, and never over a file (two people answering at once in one folder
    each get their own)."""
    from ..io.atomic import drafting
    stem, dot, suffix = name.rpartition(".")
    with drafting(Path.cwd() / name) as draft:
        draft.handle.write(data)
        n, found = 1, name
        while not draft.link(found):
            n += 1
            found = f"{stem}-{n}{dot}{suffix}"
    return Path(found)


def kept_or_printed(data: bytes, name: str, exact: Path | None = None) -> Path:
    """`free_file` (or, given `exact`, that new file: never over one that is there), or
    where the folder cannot take it after all, `data` printed and exit 2 saying so: what
    was typed is never lost."""
    import sys

    from ..errors import TrustdoseError, UsageError
    from ..i18n import os_reason
    try:
        if exact is None:
            return free_file(data, name)
        from ..io.atomic import drafting
        with drafting(exact) as draft:
            draft.handle.write(data)
            if not draft.link(exact.name):
                raise FileExistsError(17, "File exists", str(exact))
        return exact
    except (OSError, TrustdoseError) as exc:
        sys.stdout.write(data.decode())
        sys.stdout.flush()
        reason = os_reason(exc) if isinstance(exc, OSError) else str(exc)
        raise UsageError(_("the answers could not be written: {reason}; they are printed "
                           "above, to keep by hand").format(reason=reason)) from None


def writable_here() -> None:
    """Refuse (exit 2), before the first question, a folder the answers cannot be kept in."""
    import os

    from ..errors import UsageError
    if not os.access(".", os.W_OK | os.X_OK):
        raise UsageError(_("{folder}: the answers cannot be written there").format(
            folder=os.path.abspath(".")), _("run it in a folder you can write to, or "
                                            "give -o FILE in one"))


def _said(console: Console, message: str) -> None:
    from rich.text import Text
    console.print(Text(message, style="green"))


def _shell(name: str) -> str:
    import shlex
    return shlex.quote(name)
