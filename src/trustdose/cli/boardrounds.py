"""A board's rounds in the journal from the command line: `board BOARD --save` keeps a
round, `board history NAME` shows each area's levels round by round."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import visible
from ..i18n import _, format_date
from .common import say


def save(made: Any, rules: Any, db: Path | None) -> None:
    """Keep the board's round in the journal (its areas as entries), and say so."""
    from ..journal.rounds import save_round
    from ..journal.store import Journal
    from ..version import __version__
    with Journal(db, create=True) as journal:
        round_id, ids = save_round(journal, made, rules.digest, __version__, made.cases)
    say(_("Saved as board round #{round} in {path}, its areas as journal entries {entries}; "
          "review of the whole board on {date}.").format(
        round=round_id, path=visible(journal.path), entries=", ".join(f"#{i}" for i in ids),
        date=format_date(made.review_date)))


def history(name: str, db: Path | None, fmt: str, width: int) -> bytes:
    """A subject's board rounds in `fmt`: json, csv or xlsx (a row per area and round),
    else the table of each area's levels round by round."""
    from ..errors import UsageError
    from ..journal.rounds import rounds
    from ..journal.store import Journal
    from ..report.board_history import render_text
    from .journal import _subject
    with Journal(db) as journal:
        subject = _subject(journal, name)
        made = rounds(journal, subject)
        reviewed = {r["entry"]: r["outcome"] for r in journal.reviews(subject)}
        for damaged in journal.damaged.values():
            say(_("trustdose: {problem}").format(problem=visible(str(damaged))))
    if not made:
        raise UsageError(_("no board round saved for {name}").format(name=subject),
                         _("save one with: trustdose board BOARD --save"))
    if fmt == "json":
        import json
        return (json.dumps([{**r.to_json(), "levels": [
            {"entry": e.id, "title": e.task, "level": e.level, "agreed": e.planned,
             "reviewed": reviewed.get(e.id)} for e in r.areas]} for r in made],
            ensure_ascii=False, indent=2) + "\n").encode()
    if fmt in ("csv", "xlsx"):
        from ..report import board_sheet
        from ..rules.loader import load_rules
        rows = board_sheet.round_rows(subject, made, load_rules([]))
        return board_sheet.csv_bytes(given=rows) if fmt == "csv" else \
            board_sheet.workbook_bytes(given=rows)
    return render_text(subject, made, reviewed, width).encode()
