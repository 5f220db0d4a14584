"""A grid point as a case a leader can read: the witness `rules check` and `rules diff`
give for a finding, in case-file terms, and that case in one line."""

from __future__ import annotations

from typing import Any

from ..model.vocabulary import DIMENSIONS
from .grid import SETS, Context, given_fields


def witness(facts: dict[str, Any], ctx: Context) -> dict[str, Any]:
    """A case, in case-file terms, for a grid point."""
    case: dict[str, Any] = {d: facts[d] for d in DIMENSIONS}
    for field, value in given_fields(ctx).items():
        if field == "facts":
            case["facts"] = dict(value)
        else:
            case[SETS[field][1]] = list(value) if isinstance(value, tuple) else value
    return case


def describe(case: dict[str, Any]) -> str:
    """`competence 2.5, intention 4, resources 4, risk 3, tags budget, facts amount=50000`."""
    def shown(value: Any) -> str:
        if isinstance(value, float):
            return f"{value:g}"
        if isinstance(value, list):
            return ",".join(map(str, value))
        if isinstance(value, dict):
            return ",".join(f"{k}={shown(v)}" for k, v in value.items())
        return str(value)
    return ", ".join(f"{k} {shown(v)}" for k, v in case.items())
