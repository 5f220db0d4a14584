"""`trustdose stool` in a terminal, without a file: the leader answers the stool's
questions (Enter skips one, ? says more, < goes back); Ctrl-C keeps nothing and says so
(`common.errors_handled`): the leader's answers are shown, never written anywhere."""

from __future__ import annotations

import sys
from typing import Any

from ..i18n import _


def asked_stool(rules: Any) -> dict[str, dict[str, int]]:
    """The leader's answers, asked in the terminal (exit 2 without one)."""
    from ..errors import UsageError
    from ..leading.asking import answer_set, stool_steps
    from .ask import ask_part
    from .assess import _console
    if not sys.stdin.isatty():
        raise UsageError(_("no answers file given, and no terminal to ask the questions in"),
                         _("give your own answers file or the team's forms (see "
                           "examples/stool/), or run trustdose stool in a terminal"))
    walk = ask_part(_console(), stool_steps(rules), lambda n: _(
        "trustdose: the trust stool, {n} questions about trust between you and each "
        "employee, in the team and across the organisation, relational and structural. "
        "Enter skips a question, ? says more, < or b goes back, Ctrl-C stops (nothing is "
        "kept).").format(n=n))
    return answer_set(walk.answers)
