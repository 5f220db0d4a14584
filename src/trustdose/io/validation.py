"""Turn pydantic validation errors into `Problem`s a person can act on.

Each problem names file:line:col (via `Document.where`), the dotted path of the value,
what was found, what is allowed, and for misspelt names a did-you-mean. Works for the
case model and for the typed-dict shapes of rule files alike.
"""

from __future__ import annotations

import re
import typing

from pydantic import BaseModel, ValidationError

from ..errors import Problem, clipped, did_you_mean
from ..i18n import N_, _, current
from ..model.case import Case
from ..model.vocabulary import task_kind_words
from .source import Document, Loc


def dotted(loc: Loc) -> str:
    """`("measures", 3, "when")` → `measures[3].when`."""
    out = ""
    for part in loc:
        part = part if isinstance(part, int) else clipped(part)  # a key may be megabytes
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out or _("(top level)")


def _data_path(loc: tuple) -> tuple[tuple, str | None]:
    """The path into the data, without pydantic's markers ('[key]', 'function-after[…]')
    and the case's answer forms ('<number>', '<word>'), and the form, if one was named."""
    form = next((p for p in loc if isinstance(p, str) and p.startswith("<")), None)
    return tuple(p for p in loc if isinstance(p, int) or not (
        p == "[key]" or "[" in p or p.startswith("<") or _branch(p))), form


# how pydantic names the members of a union in an error's path (our data's keys are
# lower-case words, never these)
_BRANCHES = {"int", "str", "float", "bool", "none", "list", "dict"}


def _branch(part: str) -> bool:
    return part in _BRANCHES or part[:1].isupper()


# an error that only says a value is not of one member's type of a union: noise when
# another member says more about the same value
_MISMATCH = {"int_type", "string_type", "float_type", "bool_type", "dict_type", "list_type",
             "model_type", "model_attributes_type", "int_parsing", "float_parsing",
             "typed_dict_type", "is_instance_of"}


def _telling(errors: list[dict]) -> list[dict]:
    """The errors without a union's members' type mismatches where another error speaks
    of the same value (or a part of it); of mismatches alone, the first."""
    paths = [_data_path(e["loc"])[0] for e in errors]
    kept, seen = [], set()
    for err, path in zip(errors, paths):
        if err["type"] in _MISMATCH:
            others = [q for e, q in zip(errors, paths) if e is not err and
                      q[:len(path)] == path and e["type"] not in _MISMATCH]
            if others or path in seen:
                continue
        seen.add(path)
        kept.append(err)
    return kept


def problems_from(exc: ValidationError,
                  doc: Document | typing.Callable[[Loc], tuple[Document, Loc, Loc]],
                  model: typing.Any, base: Loc = (),
                  indicators: dict[str, list[str]] | None = None) -> list[Problem]:
    """One problem per pydantic error, positioned in `doc` below the path `base`.

    `doc` may instead be a function from an error's path to the document, base path and
    path below it to report it at: a rule merged from several layers points at the layer
    that wrote the wrong value. `indicators` (dimension → ids) names the indicators a
    case's answer may give.
    """
    problems = []
    for err in _telling(exc.errors()):
        rel, form = _data_path(err["loc"])
        in_doc, at, rel = (doc, base, rel) if isinstance(doc, Document) else doc(rel)
        problems.append(_problem(err, at + rel, in_doc, model, at, form, indicators or {}))
    return problems


_NEEDED = {("subject",): ("subject", "name"), ("task",): ("task", "title")}


def _problem(err: dict, loc: Loc, doc: Document, model: typing.Any, base: Loc,
             form: str | None, indicators: dict[str, list[str]]) -> Problem:
    kind, found = err["type"], err.get("input")
    name = doc.column(loc) or dotted(loc)
    if form is not None or kind == "answer":
        indicator = len(loc) - len(base) > 1
        return doc.problem(loc, f"{name}: {_answer(found)}",
                           _("answer a number from 1 to 5 (3.5 too) or uncertain") if indicator
                           else _("give a number from 1 to 5, 'uncertain', or a mapping of "
                                  "indicator answers: {names}").format(
                               names=", ".join(indicators.get(str(loc[-1]), ()))))
    if kind == "extra_forbidden":
        allowed = sorted(fields_at(model, loc[len(base):-1]))
        hint = did_you_mean(loc[-1], allowed) or ""
        hint = (hint + " " if hint else "") + _("allowed here: {names}").format(
            names=", ".join(allowed))
        return doc.problem(loc, _("unknown field '{name}' in {where}").format(
            name=clipped(loc[-1]), where=dotted(loc[:-1])), hint, key=True)
    if kind == "missing":
        # a row's empty cell, said by its column (a subject or a task without any of its
        # cells: the one it cannot go without)
        needed = _NEEDED.get(tuple(loc), loc)
        if doc.column(needed):
            return doc.problem(loc[:-1], _("the column '{name}' is empty; every case needs "
                                           "it").format(name=doc.column(needed)))
        if not loc[:-1]:  # said as a person says it: "mangler på øverste niveau"
            return doc.problem(loc[:-1], _("missing required field '{name}' at the top "
                                           "level").format(name=clipped(loc[-1])))
        return doc.problem(loc[:-1], _("missing required field '{name}' in {where}").format(
            name=clipped(loc[-1]), where=dotted(loc[:-1])))
    if kind == "literal_error":
        allowed = re.findall(r"'([^']*)'", err.get("ctx", {}).get("expected", ""))
        if model is Case and loc[-2:] == ("task", "kind"):  # as the leader names them
            allowed = task_kind_words(current())
        hint = did_you_mean(found, allowed)
        return doc.problem(loc, _("{name}: '{value}' is not allowed; allowed: {allowed}").format(
            name=name, value=clipped(found), allowed=", ".join(allowed)), hint)
    message = _message(err)
    written = doc.cell(loc)
    shown = "" if isinstance(found, (dict, list)) else " " + _("(found {value})").format(
        value=shown_value(found if written is None else written))
    if kind in ("list_type", "tuple_type") and isinstance(found, str):  # `tags: a` for [a]
        return doc.problem(loc, f"{name}: {message}{shown}", _(
            "write it as a list, e.g. [{value}]").format(value=clipped(found)))
    if kind in _MISMATCH and loc[-3:-1] == ("task", "facts"):  # each kind refused: say all
        return doc.problem(loc, f"{name}: " + _(
            "must be one value: a number, true or false, or text"))
    return doc.problem(loc, f"{name}: {message}{shown}")


def shown_value(value: object) -> str:
    """A value as the person wrote it, not as Python writes it (at most `SHOWN`
    characters of it: the place the error names shows the rest)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"'{clipped(value)}'"
    if hasattr(value, "isoformat"):
        return value.isoformat()  # type: ignore[union-attr]
    return clipped(value)


def _answer(value: object) -> str:
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    text = _("{value} is out of range; allowed: a number from 1 to 5 or 'uncertain'") \
        if number else _("{value} is not a number from 1 to 5 or 'uncertain'")
    return text.format(value=value if number else shown_value(value))


# pydantic's messages for the value errors a case or rule file can have, in our words
# (and so in the user's language); other errors keep pydantic's English message.
MESSAGES = {
    "string_type": N_("must be text"), "string_too_long": N_("is too long (at most "
                                                              "{max_length} characters)"),
    "bool_parsing": N_("must be true or false"), "bool_type": N_("must be true or false"),
    "int_parsing": N_("must be a whole number"), "int_type": N_("must be a whole number"),
    "int_from_float": N_("must be a whole number"), "float_parsing": N_("must be a number"),
    "float_type": N_("must be a number"), "date_parsing": N_("must be a date (YYYY-MM-DD)"),
    "finite_number": N_("must be a finite number (JSON, which results are written in, has no "
                        "NaN or Infinity); allowed: a number, true or false, or text"),
    "date_from_datetime_parsing": N_("must be a date (YYYY-MM-DD)"),
    "date_type": N_("must be a date (YYYY-MM-DD)"), "dict_type": N_("must be a mapping"),
    "list_type": N_("must be a list"), "tuple_type": N_("must be a list"),
    "greater_than_equal": N_("must be at least {ge}"),
    "less_than_equal": N_("must be at most {le}"), "model_type": N_("must be a mapping"),
    "too_short": N_("must not be empty"),
    "too_long": N_("has {actual_length} items; at most {max_length} are allowed"),
}


def _message(err: dict) -> str:
    ctx = err.get("ctx") or {}
    if err["type"] == "string_pattern_mismatch":
        return _("must not be blank") if ctx.get("pattern") == r"\S" else _(
            "must be lowercase letters, digits and '-', starting with a letter") \
            if ctx.get("pattern", "").startswith("^[a-z]") else _("must match {pattern}").format(
                pattern=ctx.get("pattern"))
    template = MESSAGES.get(err["type"])
    if template is None:
        message = err["msg"].removeprefix("Value error, ")
        return _(message) if message.endswith("(YYYY-MM-DD)") else message
    return _(template).format(**ctx)


def fields_at(model: typing.Any, loc: Loc) -> set[str]:
    """The field names allowed at `loc` inside a model or typed dict."""
    current: object = model
    for part in loc:
        if isinstance(part, int):
            continue
        found = _fields(current).get(part)
        if found is None:
            return set()
        current = _shape_in(found)
    return set(_fields(current))


def _fields(shape: object) -> dict[str, object]:
    """Field name (or alias) → annotation of a pydantic model or a typed dict."""
    if isinstance(shape, type) and issubclass(shape, BaseModel):
        return {f.alias or n: f.annotation for n, f in shape.model_fields.items()}
    if isinstance(shape, type) and hasattr(shape, "__required_keys__"):  # a typed dict
        return dict(typing.get_type_hints(shape))
    return {}


def _shape_in(annotation: object) -> object:
    """The model or typed dict inside `list[X]`, `X | None`, `Annotated[X, …]`, if any."""
    if _fields(annotation):
        return annotation
    for arg in typing.get_args(annotation):
        found = _shape_in(arg)
        if found is not None:
            return found
    return None
