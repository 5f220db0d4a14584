"""Each case's agreement in a folder (`batch --agreements DIR`): one file per case,
named after whom and which task (`report.names.file_stem`, then `-2`, `-3` for the
same name again in a run), written whole and owner-only (`io.atomic`), never over a
file that is there already unless asked to replace it (`replace`), and never over
anything but a regular file. A rejected row writes no agreement.

`Agreements` writes them as the run goes, around the run's own writer (the command line
checks the folder before anything is read: `cli.agreements`)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Iterable

from ..errors import UsageError
from ..i18n import _, os_reason
from ..io.atomic import clean_stale, draft_in, private_folder
from ..report.formats import AgreementForm, agreement
from ..report.names import file_stem

ENDING = {AgreementForm.markdown: ".md", AgreementForm.html: ".html",
          AgreementForm.docx: ".docx", AgreementForm.text: ".txt"}


class Agreements:
    """The run's writer, writing each case's agreement into `folder` as it goes."""

    def __init__(self, writer: Any, folder: Path, form: AgreementForm, replace: bool,
                 reserved: Iterable[str] = (), leader: str | None = None) -> None:
        self.writer, self.folder, self.form, self.replace = writer, folder, form, replace
        self.leader = leader  # whom the agreements are from where a case names none
        # names of this run, casefolded (a folder on macOS or Windows takes `Anne` for
        # `anne`), and those the run's other outputs take in the folder
        self.used = {name.casefold() for name in reserved}
        self.written = 0
        self._fd: int | None = None

    def header(self) -> bytes:
        return self.writer.header()

    def carry(self, extra: list[str]) -> None:
        if hasattr(self.writer, "carry"):
            self.writer.carry(extra)

    def result(self, assessment: Any, source: str, extra: Any = None) -> list[bytes]:
        self.write(assessment)
        return self.writer.result(assessment, source, extra)

    def abandon(self) -> None:
        getattr(self.writer, "abandon", lambda: None)()

    def footer(self) -> bytes:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        return self.writer.footer()

    def write(self, assessment: Any) -> Path:
        """Write the case's agreement; where it went."""
        data = agreement(self.form, assessment, self.leader)  # before a name is taken
        stem, ending = file_stem(assessment), ENDING[self.form]
        try:
            folder = self._open()
            number = 1
            while True:
                name = stem + (f"-{number}" if number > 1 else "") + ending
                number += 1
                if name.casefold() in self.used:
                    continue
                self.used.add(name.casefold())
                with draft_in(folder, self.folder) as draft:
                    draft.handle.write(data)
                    placed = draft.replace(name) is None if self.replace else draft.link(name)
                if placed:  # else something is there that is not ours to replace
                    self.written += 1
                    return self.folder / name
        except OSError as exc:
            raise UsageError(_("{path}: cannot write it: {reason}").format(
                path=self.folder, reason=os_reason(exc)),
                _("check that the folder exists and is writable")) from None

    def _open(self) -> int:
        """The folder, made owner-only if missing, open once for the whole run."""
        if self._fd is None:
            private_folder(self.folder)
            self._fd = os.open(self.folder, os.O_RDONLY | os.O_DIRECTORY
                               | getattr(os, "O_CLOEXEC", 0))
            clean_stale(self._fd)
        return self._fd
