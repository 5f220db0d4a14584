"""Turn pydantic validation errors into `Problem`s a person can act on.

Each problem names file:line:col (via `Document.where`), the dotted path of the value,
what was found, what is allowed, and for misspelt names a did-you-mean.
"""

from __future__ import annotations

import re
import typing

from pydantic import BaseModel, ValidationError

from ._errors import Problem
from ._i18n import N_, _
from ._source import Document, Loc


def did_you_mean(word: object, choices: typing.Iterable[str]) -> str | None:
    """A 'did you mean …?' hint for a misspelt name, or None when nothing is close."""
    import difflib  # only on the error path
    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return _("did you mean '{name}'?").format(name=close[0]) if close else None


def dotted(loc: Loc) -> str:
    """`("measures", 3, "when")` → `measures[3].when`."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or _("(top level)")


def problems_from(exc: ValidationError,
                  doc: Document | typing.Callable[[Loc], tuple[Document, Loc, Loc]],
                  model: type[BaseModel], base: Loc = ()) -> list[Problem]:
    """One problem per pydantic error, positioned in `doc` below the path `base`.

    `doc` may instead be a function from an error's path to the document, base path and
    path below it to report it at: a rule merged from several layers points at the layer
    that wrote the wrong value.
    """
    problems = []
    for err in exc.errors():
        # pydantic adds marker parts ('[key]', 'function-after[...]') that are not data paths
        rel = tuple(p for p in err["loc"] if isinstance(p, int) or not (p == "[key]" or "[" in p))
        in_doc, at, rel = (doc, base, rel) if isinstance(doc, Document) else doc(rel)
        problems.append(_problem(err, at + rel, in_doc, model, at))
    return problems


def _problem(err: dict, loc: Loc, doc: Document, model: type[BaseModel], base: Loc) -> Problem:
    kind, found = err["type"], err.get("input")
    name = dotted(loc)
    if kind == "extra_forbidden":
        allowed = sorted(_fields_at(model, loc[len(base):-1]))
        hint = did_you_mean(loc[-1], allowed) or ""
        hint = (hint + " " if hint else "") + _("allowed here: {names}").format(
            names=", ".join(allowed))
        return doc.problem(loc, _("unknown field '{name}' in {where}").format(
            name=loc[-1], where=dotted(loc[:-1])), hint, key=True)
    if kind == "missing":
        return doc.problem(loc[:-1], _("missing required field '{name}' in {where}").format(
            name=loc[-1], where=dotted(loc[:-1])))
    if kind == "literal_error":
        allowed = re.findall(r"'([^']*)'", err.get("ctx", {}).get("expected", ""))
        hint = did_you_mean(found, allowed)
        return doc.problem(loc, _("{name}: '{value}' is not allowed; allowed: {allowed}").format(
            name=name, value=found, allowed=", ".join(allowed)), hint)
    message = _message(err)
    shown = "" if isinstance(found, (dict, list)) else " " + _("(found {value})").format(
        value=repr(found))
    return doc.problem(loc, f"{name}: {message}{shown}")


# pydantic's messages for the value errors a case or rule file can have, in our words
# (and so in the user's language); other errors keep pydantic's English message.
MESSAGES = {
    "string_type": N_("must be text"), "string_too_long": N_("is too long (at most "
                                                              "{max_length} characters)"),
    "bool_parsing": N_("must be true or false"), "bool_type": N_("must be true or false"),
    "int_parsing": N_("must be a whole number"), "int_type": N_("must be a whole number"),
    "int_from_float": N_("must be a whole number"), "float_parsing": N_("must be a number"),
    "float_type": N_("must be a number"), "date_parsing": N_("must be a date (YYYY-MM-DD)"),
    "date_from_datetime_parsing": N_("must be a date (YYYY-MM-DD)"),
    "date_type": N_("must be a date (YYYY-MM-DD)"), "dict_type": N_("must be a mapping"),
    "list_type": N_("must be a list"), "greater_than_equal": N_("must be at least {ge}"),
    "less_than_equal": N_("must be at most {le}"),
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
        return err["msg"].removeprefix("Value error, ")
    return _(template).format(**ctx)


def _fields_at(model: type[BaseModel], loc: Loc) -> set[str]:
    """The field names (and aliases) allowed at `loc` inside `model`."""
    current: object = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return set()
        info = current.model_fields.get(part) or next(
            (f for f in current.model_fields.values() if f.alias == part), None)
        if info is None:
            return set()
        current = _model_in(info.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return {f.alias or n for n, f in current.model_fields.items()}
    return set()


def _model_in(annotation: object) -> object:
    """The pydantic model inside `list[X]`, `X | None` and friends, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):  # list[X], X | None, dict[K, X], Annotated
        found = _model_in(arg)
        if found is not None:
            return found
    return None
