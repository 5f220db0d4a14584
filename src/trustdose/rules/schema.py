"""JSON Schema (draft-07, which editors support) for rule files, rule tests, cases and
boards.

Generated from the pydantic models, so the schema can never say something the loader
does not. pydantic writes draft 2020-12; the differences that matter here are the name
of the definitions section and the `$schema` line. Rule items carry no `required` list:
in an overlay an item may be a patch of a few fields, and the loader checks the merged
result anyway; the schema still catches misspelt fields and wrong values as you type.
"""

from __future__ import annotations

import json
from typing import Any

KINDS = ("rules", "case", "rules-test", "board")
DRAFT_07 = "http://json-schema.org/draft-07/schema#"


def schema(kind: str) -> dict[str, Any]:
    """The schema of one kind of file: rules, case or rules-test."""
    from pydantic import TypeAdapter
    if kind == "rules":
        from .files import RuleFile
        raw = TypeAdapter(RuleFile).json_schema()
        for definition in raw.get("$defs", {}).values():
            definition.pop("required", None)
        title = "trustdose rule file"
    elif kind == "case":
        from ..model.case import Case
        raw, title = Case.model_json_schema(), "trustdose case"
    elif kind == "rules-test":
        from .testfile import TestFile
        raw, title = TestFile.model_json_schema(), "trustdose rule tests"
    elif kind == "board":
        raw, title = _board(), "trustdose delegation board"
    else:
        raise ValueError(f"unknown schema kind {kind!r}; one of {', '.join(KINDS)}")
    converted = _draft07(raw)
    converted = {"$schema": DRAFT_07, "title": title,
                 **{k: v for k, v in converted.items() if k != "title"}}
    return converted


def _board() -> dict[str, Any]:
    """A board's schema, made from the case's (`board.file` splits a board into cases):
    the subject, the day, the leader and the answers that hold across the areas, and
    each area a task's fields with its risk, its own answers and the level agreed."""
    from ..model.case import Case
    case = Case.model_json_schema()
    props, task = case["properties"], case["$defs"]["Task"]
    answers = {dim: props[dim] for dim in ("competence", "intention", "resources")}
    area = {"type": "object", "additionalProperties": False, "required": ["title", "risk"],
            "properties": {**task["properties"], "risk": props["risk"], **answers,
                           "agreed_level": {**props["planned_level"],
                                            "title": "Agreed Level"},
                           "id": props["id"]}}
    return {"$defs": case["$defs"], "type": "object", "additionalProperties": False,
            "required": ["subject", "areas"],
            "description": "One person or team, the answers that hold across its decision "
                           "areas, and the areas, each a task with its risk.",
            "properties": {"subject": props["subject"], "date": props["date"],
                           "leader": task["properties"]["leader"], **answers,
                           "areas": {"type": "array", "minItems": 1, "items": area}}}


def text(kind: str) -> str:
    return json.dumps(schema(kind), indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def _draft07(value: Any) -> Any:
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if key == "$defs":
                out["definitions"] = _draft07(item)
            elif key == "$ref" and isinstance(item, str):
                out[key] = item.replace("#/$defs/", "#/definitions/")
            else:
                out[key] = _draft07(item)
        return out
    if isinstance(value, list):
        return [_draft07(v) for v in value]
    return value
