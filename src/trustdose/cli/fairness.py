"""`trustdose batch --fairness [--by COLUMN]`: where the fairness check goes and in what
form. The check is written on standard output, after the rows when they go there: one
JSON line `{"fairness": …}` where the rows are JSON lines, Markdown after Markdown rows,
text otherwise (wrapped at a terminal's width). CSV rows on standard output leave no
place for it: that is refused before anything is read.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, BinaryIO, Callable, Optional

from ..report.formats import RowFormat


def gathering(fairness: bool, by: Optional[str], chosen: RowFormat, output: Optional[Path],
              discard: bool, rule_set: Any) -> Any:
    """What gathers the check during the run (`batch.fairness.Gathered`), or None when
    none was asked for; `--by` asks for it too. Exit 2 when it has no place to go."""
    if not fairness and by is None:
        return None
    from ..batch.fairness import Gathered, risk_limits
    from ..errors import UsageError
    from ..i18n import _
    if chosen is RowFormat.csv and output is None and not discard:
        raise UsageError(_("--fairness: CSV rows on standard output leave no place for the "
                           "fairness check"),
                         _("write the rows to a file with -o FILE, or choose --format jsonl, "
                           "markdown or table"))
    if by is not None and not by.strip():
        raise UsageError(_("--by: the column has no name"),
                         _("name a column of the input, such as department or leader"))
    return Gathered(by.strip() if by else None, risk_limits(rule_set))


def written(gathered: Any, chosen: RowFormat, out: Optional[BinaryIO],
            wrap: Callable[[str, int], str]) -> None:
    """The check written after the rows to `out`, or alone to standard output (None);
    text for a terminal wrapped by `wrap` (text, width)."""
    from ..report.fairness import json_line, text
    found = gathered.findings()
    if chosen is RowFormat.jsonl:
        data = json_line(found)
    else:
        said = text(found, markdown=chosen is RowFormat.markdown)
        if sys.stdout.isatty() and chosen is not RowFormat.markdown:
            from .terminal import line_width
            said = wrap(said, line_width())
        data = (("\n" if out is not None else "") + said).encode()
    if out is not None:
        out.write(data)
        return
    from .common import target
    with target(None) as stdout:
        stdout.write(data)
