"""JSON output: the assessment as the contract in PRODUCT.md, nothing else."""

from __future__ import annotations

import json

from .._assessment import Assessment


def render(assessment: Assessment) -> str:
    return json.dumps(assessment.to_json(), ensure_ascii=False, indent=2) + "\n"
