"""Every error trustdose raises, each carrying where the problem is.

    TrustdoseError            anything trustdose reports to a user instead of a traceback
     ├── InputError           a file or value the user gave is wrong; carries every problem
     │    ├── RulesError      a rule file: YAML, unknown field, bad value, broken reference
     │    ├── CaseError       a case: its file, a value in it, or a value given for it
     │    └── ConfigError     the user's configuration file
     ├── UsageError           options or arguments that cannot work together
     └── JournalError         the journal cannot be opened, read or written

The command line turns every one of them into messages and exit code 2 in one place
(`cli.common.fail`); library users catch `TrustdoseError`.
"""

from __future__ import annotations

import re
from typing import Iterable, NamedTuple

# The characters that act on a terminal or a viewer rather than show: C0 controls
# (U+0000-U+001F), DEL, C1 controls (U+0080-U+009F), and every bidirectional control
# (Unicode's Bidi_Control): the marks (U+061C, U+200E, U+200F), embeddings and overrides
# (U+202A-U+202E) and isolates (U+2066-U+2069) that reorder what is shown.
# The case model refuses them in case text (`model.case.text_problem`); `visible`
# escapes them wherever text is shown.
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _escaped(char: str) -> str:
    code = ord(char)
    return _NAMED.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def visible(text: object, keep: str = "") -> str:
    """`text` safe to show on a terminal or in a file a person reads: every control
    character (`UNSAFE`) written as an escape (`\\x1b`, `\\n`, `\\u202e`), except those in
    `keep`. The one escaping for display: every renderer, the error messages and the
    journal's listings use it. Idempotent (a backslash is left as it is)."""
    text = text if isinstance(text, str) else str(text)
    if not UNSAFE.search(text):
        return text
    return UNSAFE.sub(lambda m: m.group() if m.group() in keep else _escaped(m.group()), text)


SHOWN = 60  # characters of a value an error quotes; a name of megabytes is not echoed whole


def clipped(text: object, limit: int = SHOWN) -> str:
    """`text` as an error quotes it: at most `limit` characters, cut with '…' (the place
    the error names shows the rest)."""
    text = text if isinstance(text, str) else str(text)
    return text if len(text) <= limit else text[:limit - 1] + "…"


# What `json.dumps` leaves as it is of `UNSAFE` (it escapes C0 controls itself, and a raw
# line break in its output is its own layout)
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def json_visible(text: str) -> str:
    """JSON text from `json.dumps` with DEL, the C1 controls and the bidi controls in its
    strings written as JSON escapes (`\\u202e`): the same JSON to a program, nothing that
    acts on a terminal."""
    if not _UNSAFE_IN_JSON.search(text):  # nearly always: no new string made
        return text
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def codepoint(char: str) -> str:
    """A character as a person can look it up: `U+001B`."""
    return f"U+{ord(char):04X}"


class _Problem(NamedTuple):
    path: str
    line: int | None
    col: int | None
    message: str
    hint: str | None = None


class Problem(_Problem):
    """One thing wrong with an input, and where: `path:line:col: message` plus a hint.

    The path, message and hint are kept with their control characters escaped
    (`visible`): they may quote a case's text, and are shown as they are."""

    __slots__ = ()

    def __new__(cls, path: str, line: int | None, col: int | None, message: str,
                hint: str | None = None) -> "Problem":
        return super().__new__(cls, visible(path), line, col, visible(message),
                               None if hint is None else visible(hint))

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
        # a message may quote what the user gave: shown with its control characters escaped
        super().__init__(visible(message))
        self.hint = None if hint is None else visible(hint)


class UsageError(TrustdoseError):
    """Raised when options or arguments cannot work together (no input, two outputs that
    are one file, an unknown language)."""


class JournalError(TrustdoseError):
    """Raised when the journal cannot be opened or written: a newer schema, a file that is
    not a journal, no access."""


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
    """Raised when a case cannot be read or does not fit the rubrics (a planned level
    given apart from the case included)."""


class ConfigError(InputError):
    """Raised when the user's configuration file cannot be read or has unknown keys."""


def did_you_mean(word: object, choices: Iterable[str]) -> str | None:
    """A 'did you mean …?' hint for a misspelt name, or None when nothing is close."""
    from .i18n import _
    close = closest(word, choices)
    return _("did you mean '{name}'?").format(name=close) if close is not None else None


def closest(word: object, choices: Iterable[str]) -> str | None:
    """The choice a misspelt name is closest to, or None when nothing is close."""
    import difflib  # only on the error path
    choices = list(choices)
    # the same characters in another order first (`=>` for `>=`), then the closest
    close = [c for c in choices if sorted(c) == sorted(str(word))] or \
        difflib.get_close_matches(str(word), choices, n=1, cutoff=0.6)
    return close[0] if close else None
