"""What a YAML scalar means to trustdose, whatever the style it is written in: the loader's
schema, and the values it refuses.

The loader is PyYAML's safe loader (the C one: several times faster, the same marks) with
the YAML 1.2 core schema's words: `true` and `false` are the only booleans (`yes`, `no`,
`on`, `off` are text, so `lang: no` is Norwegian), and `6e4` is a number, as in JSON.
YAML 1.1's other numbers stay recognised, for `scalar` to refuse them with what they
would have been: a person means `075000` as seventy-five thousand, not octal. A tag
(`!!int`, `!!set`, `!foo`) and a merge key (`<<`) are refused: a case or rule file says
its values plainly, and PyYAML would build from them what no file may hold, or fail.
`io.source` reports each refusal at its file:line:col.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from ..errors import clipped
from ..i18n import _
from ..model.numbers import MAX_DIGITS  # in one number, however it is written


class Refused(Exception):
    """A scalar or node no case or rule file may hold: what is wrong, and what to write."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message, self.hint = message, hint


def loader(text: str) -> Any:
    """A loader for `text` (dispose of it when done)."""
    return _loader_class()(text)


_TAG = "tag:yaml.org,2002:"
_BOOL, _FLOAT, _INT, _MERGE, _STR = (_TAG + t for t in ("bool", "float", "int", "merge", "str"))
_NUMBER_TAGS = (_INT, _FLOAT)
_IMPLICIT_FOR = {"ScalarNode": _STR, "MappingNode": _TAG + "map", "SequenceNode": _TAG + "seq"}


@functools.cache
def _loader_class() -> Any:
    """The loader's class: the core schema's true/false and exponents, and no `=` (a YAML
    1.1 'value' key nothing can build)."""
    import yaml
    try:
        base = yaml.CSafeLoader
    except AttributeError:  # pragma: no cover - libyaml missing
        base = yaml.SafeLoader  # type: ignore[misc]
    resolvers = {first: [(tag, rx) for tag, rx in pairs if tag not in (_BOOL, _TAG + "value")]
                 for first, pairs in base.yaml_implicit_resolvers.items()}
    for first, tag, pattern in (
            ("tTfF", _BOOL, r"(?:true|True|TRUE|false|False|FALSE)"),
            ("-+0123456789.", _FLOAT, r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+")):
        for char in first:
            resolvers.setdefault(char, []).append((tag, re.compile(pattern + "$")))
    return type("Loader", (base,), {"yaml_implicit_resolvers": resolvers})


def no_tag(loader: Any, node: Any) -> None:
    """A node whose tag was written is `Refused`, unless it is the tag the node would
    have had anyway, or `!!str` on a scalar (the same as quotes)."""
    implicit = _IMPLICIT_FOR[type(node).__name__]
    if node.tag == implicit or (node.tag == _STR and implicit == _STR):
        return
    if implicit == _STR and not node.style \
            and loader.resolve(type(node), node.value, (True, False)) == node.tag:
        return  # a plain scalar's own tag (a number, true, a date), not a written one
    raise Refused(_("a YAML tag ({tag}) is not allowed here").format(
        tag=clipped(node.tag.replace(_TAG, "!!"))), _(
        "write the value itself: a number, true or false, a date as YYYY-MM-DD, or text "
        "(in quotes if it could be read as something else)"))


def no_merge_key(loader: Any, node: Any) -> None:
    """A merge key (`<<`, unquoted) is `Refused`: its values would stand without a place."""
    if node.tag == _MERGE:
        raise Refused(_("a YAML merge key (<<) is not supported"), _(
            "write the keys out in this mapping; each value stands where it applies"))


_GROUPED = re.compile(r"[+-]?[1-9][0-9]{0,2}(?:\.[0-9]{3})+")


def grouped(node: Any) -> bool:
    """Whether a plain scalar is a number in groups of three after dots (`60.000`): what
    it means depends on the language (`model.facts` reads it from what was written)."""
    return node.tag == _FLOAT and not node.style and bool(_GROUPED.fullmatch(node.value))


# A number as a person writes it: digits (60_000 too: YAML's own grouping), a sign, a
# decimal point, an exponent; and YAML's .inf and .nan (refused later, where a number
# must be finite). What else YAML 1.1 reads as a number (075000 and 0_75000 as octal,
# 0x, 0b, 1:23:20 as sexagesimal) a person means otherwise: refused, never converted.
_PLAIN_NUMBER = re.compile(r"[-+]?(?:(?:0|[1-9][0-9_]*)(?:\.[0-9_]*)?|\.[0-9]+)"
                           r"(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)")


def scalar(loader: Any, node: Any) -> Any:
    """A scalar's value; a number of more than MAX_DIGITS digits, one YAML reads by an old
    convention, or a date that is not one, is `Refused` (not a crash deep inside the
    parser, nor a number the writer did not mean)."""
    if node.tag in _NUMBER_TAGS and sum(c.isdigit() for c in node.value) > MAX_DIGITS:
        raise Refused(_("a number of more than {limit} digits").format(limit=MAX_DIGITS))
    if node.tag in _NUMBER_TAGS and not node.style and not _PLAIN_NUMBER.fullmatch(node.value):
        raise Refused(_(
            "'{value}' is no plain number: YAML reads it as {read}").format(
                value=clipped(node.value), read=clipped(loader.construct_object(node))), _(
            "write the number in plain digits, or put it in quotes if it is a code or a "
            "text"))
    try:
        return loader.construct_object(node, deep=True)
    except (ValueError, OverflowError):  # e.g. `date: 2026-13-01`, unquoted
        raise Refused(_("'{value}' is not a valid date").format(
            value=clipped(node.value)), _("write a date as YYYY-MM-DD")) from None
