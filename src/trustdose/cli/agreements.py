"""`batch --agreements DIR`: the folder checked before anything is read, and the run's
writer wrapped so that each case's agreement is written there as it is assessed
(`batch.agreements`). The run stays in one process with it, so the agreements are named
in the rows' order: the first of two rows with the same subject and task gets the plain
name, the second `-2`."""

# No `from __future__ import annotations` here: typer reads the options' types.
import os
from pathlib import Path
from typing import Any, Iterable, List, Optional

import typer

from ..errors import UsageError, visible
from ..i18n import _, format_count, ngettext
from ..report.formats import AgreementForm
from .common import configured_leader, home_paths

AGREEMENTS_OPTION = typer.Option(
    None, "--agreements", metavar="DIR", callback=home_paths,
    help="Also write each case's agreement for the employee into DIR (made if missing), "
         "one file per case, named after the subject and the task.")
AGREEMENT_AS_OPTION = typer.Option(
    None, "--agreement-as", metavar="FORM",
    help="The agreements as markdown, html, docx (Word) or text (default: markdown).")


class Kept:
    """Where the agreements go, checked; `around` the run's writer, `tell` at the end."""

    def __init__(self, folder: Path, form: AgreementForm, force: bool) -> None:
        self.folder, self.form, self.force = folder, form, force
        self.writer: Any = None

    def around(self, writer: Any, outputs: Iterable[Optional[Path]]) -> Any:
        """The run's writer, writing each case's agreement too; a name `outputs` take in
        the folder (`-o DIR/anne.md`) is never an agreement's."""
        from ..batch.agreements import Agreements
        taken = [p.name for p in outputs if p is not None and _beside(p, self.folder)]
        self.writer = Agreements(writer, self.folder, self.form, self.force, taken,
                                 configured_leader())
        return self.writer

    def stopped(self, exc: BaseException, say: Any) -> None:
        """Ctrl-C or SIGTERM during the run: the agreements written so far are whole files
        and stay, so the stop says how many and where (the run's other outputs are not
        saved); exit 130 or 143 as for any stop."""
        from .common import EXIT_INTERRUPTED, EXIT_TERMINATED, Terminated
        written = self.writer.written if self.writer is not None else 0
        if not isinstance(exc, (KeyboardInterrupt, Terminated)) or not written:
            return
        by = _("stopped (SIGTERM)") if isinstance(exc, Terminated) else _("cancelled")
        say("\n" + ngettext(
            "trustdose: {stop}; {n} agreement was written to {path} before it, whole; "
            "nothing else was saved",
            "trustdose: {stop}; {n} agreements were written to {path} before it, each "
            "whole; nothing else was saved", written).format(
            stop=by, n=format_count(written), path=visible(self.folder)))
        raise typer.Exit(EXIT_TERMINATED if isinstance(exc, Terminated) else EXIT_INTERRUPTED)

    def tell(self, say: Any) -> None:
        written = self.writer.written if self.writer is not None else 0
        say(ngettext("{n} agreement written to {path}", "{n} agreements written to {path}",
                     written).format(n=format_count(written), path=visible(self.folder)))


def kept(folder: Optional[Path], form: Optional[AgreementForm], force: bool,
         inputs: List[str]) -> Optional[Kept]:
    """--agreements DIR checked before anything is read (None without it; --agreement-as
    and --force only with it)."""
    if folder is None:
        for given, option in ((form is not None, "--agreement-as"), (force, "--force")):
            if given:
                raise UsageError(_("{option} only applies with --agreements DIR").format(
                    option=option), _("add --agreements DIR"))
        return None
    form = form or AgreementForm.markdown
    _check(folder, form, force, inputs)
    return Kept(folder, form, force)


def _check(folder: Path, form: AgreementForm, force: bool, inputs: Iterable[str]) -> None:
    """Refuse (exit 2) a folder that is a file, one the run reads cases from, one that
    cannot be written, or one that holds agreements already (files with the form's
    ending) unless `force`."""
    from ..batch.agreements import ENDING
    given = visible(os.fspath(folder))
    if os.path.lexists(folder) and not os.path.isdir(folder):
        raise UsageError(_("--agreements {path}: it is not a folder").format(path=given),
                         _("name a folder (it is made if it is missing)"))
    for source in inputs:
        if source != "-" and os.path.isdir(source) and os.path.isdir(folder) and \
                os.path.samefile(source, folder):
            raise UsageError(_("--agreements {path}: the cases are read from this folder, "
                               "and the agreements would be read as cases next time; "
                               "nothing was read").format(path=given),
                             _("write the agreements to a folder of their own"))
    here = next(p for p in [folder, *folder.absolute().parents] if os.path.isdir(p))
    if not os.access(here, os.W_OK | os.X_OK):
        raise UsageError(_("--agreements {path}: cannot write there: {reason}").format(
            path=given, reason=_("permission denied")), _("name a folder you can write to"))
    ending = ENDING[form]
    there = sorted(entry.name for entry in os.scandir(folder)
                   if entry.name.lower().endswith(ending)) if here is folder else []
    if there and not force:
        raise UsageError(_("--agreements {path}: it holds agreements already ({name} and "
                           "{more} more); nothing was read").format(
            path=given, name=visible(there[0]), more=format_count(len(there) - 1)),
            _("give a new or empty folder, or add --force to replace agreements of the "
              "same name"))


def _beside(path: Path, folder: Path) -> bool:
    """Whether `path` is a file in `folder`."""
    try:
        return os.path.samefile(os.path.dirname(os.path.abspath(path)), folder)
    except OSError:
        return False
