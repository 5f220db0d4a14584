"""One renderer per output format; `render()` picks it. Formats are the `Format` enum.

Every renderer takes the same `Report` (or the `Assessment` for JSON) and returns text;
only the rich renderer touches the terminal library, and only when it is used.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported lazily: the CLI needs `Format` before anything heavy
    from .._assessment import Assessment
    from .._rules import RuleSet


class Format(str, enum.Enum):
    rich = "rich"
    text = "text"
    markdown = "markdown"
    json = "json"


def render(fmt: Format, assessment: "Assessment", rules: "RuleSet", width: int | None = None,
           color: bool = True) -> str:
    """The report for `assessment` in `fmt`, as a string."""
    if fmt is Format.json:
        from . import json as module
        return module.render(assessment)
    from .._report import build_report
    report = build_report(assessment, rules)
    if fmt is Format.rich:
        from . import rich as rich_module
        return rich_module.render(report, width=width, color=color)
    if fmt is Format.markdown:
        from . import markdown
        return markdown.render(report)
    if fmt is Format.text:
        from . import text
        return text.render(report)
    raise AssertionError(f"unhandled format {fmt}")  # a test checks every member is handled
