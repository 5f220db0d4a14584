"""The errors trustdose raises, each carrying where the problem is.

    TrustdoseError            anything trustdose reports to a user instead of a traceback
     ├── InputError           a file or value the user gave is wrong (exit code 2)
     │    ├── RulesError      a rule file: YAML, unknown field, bad value, broken reference
     │    ├── CaseError       a case file or a case value given on the command line
     │    └── ConfigError     the user's configuration file
     └── UsageError           the command was called in a way that cannot work (exit code 2)

The command line turns every one of them into messages and exit code 2 in one place
(`cli._fail`); library users catch `TrustdoseError`.
"""

from __future__ import annotations

from typing import NamedTuple


class Problem(NamedTuple):
    """One thing wrong with an input, and where: `path:line:col: message` plus a hint."""

    path: str
    line: int | None
    col: int | None
    message: str
    hint: str | None = None

    @property
    def where(self) -> str:
        parts = [self.path]
        if self.line is not None:
            parts.append(str(self.line))
            if self.col is not None:
                parts.append(str(self.col))
        return ":".join(parts)

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class TrustdoseError(Exception):
    """Base of every error trustdose reports without a traceback."""

    hint: str | None = None

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint


class UsageError(TrustdoseError):
    """Raised when options or arguments cannot work together (no input, unknown level)."""


class InputError(TrustdoseError):
    """Raised when an input file or value is wrong; carries every problem found at once."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        first = self.problems[0]
        more = f" (and {len(self.problems) - 1} more)" if len(self.problems) > 1 else ""
        super().__init__(f"{first}{more}", first.hint)


class RulesError(InputError):
    """Raised when a rule file or folder cannot be loaded as a valid rule set."""


class CaseError(InputError):
    """Raised when a case cannot be read or does not fit the rubrics."""


class ConfigError(InputError):
    """Raised when the user's configuration file cannot be read or has unknown keys."""
