"""The delegation agreement in Markdown, written to the employee or team who takes the
task on: what the task is, the level agreed and what it means day to day, the frame,
how you keep in touch, and the review. Nothing in it judges the person (no scores, no
warnings); text from the case is escaped so it cannot add headings, links or HTML."""

from __future__ import annotations

from typing import Any


def render(assessment: Any) -> str:
    raise NotImplementedError  # being written
