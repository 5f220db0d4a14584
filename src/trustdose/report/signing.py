"""Who the agreement is from, and where the two sign it: the leader (the case's
`task.leader`, else the `leader` of the user's configuration, which the command line
passes, else a line to write the name on) and the employee, or the team as a team,
each with a line for the date and one for the signature.

Each form of the agreement draws it (`Signing.lines`): a line to write on is a row of
dots, which means nothing in Markdown, text or Word and prints as a line on paper."""

from __future__ import annotations

from typing import Any, NamedTuple

from ..i18n import _

BLANK = "." * 36  # a name or a signature, written by hand
DAY = "." * 16  # a date, written by hand


class Signature(NamedTuple):
    """One who signs: the role (leader, employee, for the team) and the name, or "" when
    it is written by hand."""

    role: str
    name: str


class Signing(NamedTuple):
    """The sender and the signatures, every word in the agreement's language."""

    sender: str  # the line under the opening: 'From: Anne Holm'
    heading: str
    signatures: tuple[Signature, ...]
    date: str  # the word before the date's line
    signature: str  # the word before the signature's line

    def lines(self, signature: Signature) -> tuple[str, str]:
        """A signer said as two lines: the role and name, then the date and signature."""
        return (f"{signature.role}: {signature.name or BLANK}",
                f"{self.date}: {DAY}   {self.signature}: {BLANK}")


def signing(a: Any, leader: str | None = None, own: str | None = None) -> Signing:
    """The sender and the two signatures for assessment `a`; `leader` is the name to use
    where the case names none (the configuration's); `own`, one that comes first (a
    board's leader, over its first area's)."""
    name = " ".join((own or a.task.leader or leader or "").split())
    team = a.subject.kind == "team"
    subject = " ".join(a.subject.name.split())
    return Signing(_("From: {leader}").format(leader=name or BLANK), _("Signatures"),
                   (Signature(_("Leader"), name),
                    Signature(_("For the team") if team else _("Employee"), subject)),
                   _("Date"), _("Signature"))
