"""A guide (`report.guide`) drawn in the format asked for: the one place that picks the
renderer, so each renderer knows only the guide."""

from __future__ import annotations

from typing import Any

from .guide import Guide


def drawn(guide: Guide, fmt: Any, width: int = 78) -> bytes:
    """`guide` in `fmt` (a `formats.GuideFormat`), as the file's bytes."""
    name = fmt.value
    if name == "json":
        import json

        from ..errors import json_visible
        return (json_visible(json.dumps(guide.to_json(), ensure_ascii=False, indent=2))
                + "\n").encode()
    if name == "docx":
        from . import guide_word
        return guide_word.render(guide)
    if name == "html":
        from . import guide_html
        return guide_html.render(guide).encode()
    if name == "markdown":
        from . import guide_markdown
        return guide_markdown.render(guide).encode()
    if name == "text":
        from . import guide_text
        return guide_text.render(guide, width).encode()
    raise AssertionError(f"unhandled format {fmt}")  # a test checks every member is handled
