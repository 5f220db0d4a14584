"""Writing batch results: JSON lines, CSV (Excel-ready on request), Markdown, a table,
and the summary of a run.

Each writer takes assessments one at a time, so memory stays flat. Every row carries the
case id and the version and content hash of the rule set, so a result can be reproduced.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from typing import Any, TextIO

from . import __version__
from ._i18n import N_, _, format_count, ngettext, pick
from ._vocabulary import DIMENSIONS

CSV_COLUMNS = ["id", "source", "subject", "kind", "task", "level", "level_name",
               *DIMENSIONS, "limiting", "capped_by", "controls", "feedback", "warnings",
               "next_step", "review_date", "trustdose", "rules_digest"]


def flat(result: Any, source: str, digest: str) -> dict[str, Any]:
    """One assessment as a flat row of plain values."""
    next_step = result.next_step
    return {
        "id": result.case_id, "source": source, "subject": result.subject.name,
        "kind": result.subject.kind, "task": result.task.title,
        "level": result.level.number, "level_name": result.level.name,
        **{d: result.scores[d] for d in DIMENSIONS},
        "limiting": result.limiting, "capped_by": result.capped_by or "",
        "controls": " ".join(m.id for m in result.controls),
        "feedback": " ".join(m.id for m in result.feedback),
        "warnings": " ".join(w.kind for w in result.warnings),
        "next_step": next_step.level.name if next_step else "",
        "review_date": result.review_date.isoformat(),
        "trustdose": __version__, "rules_digest": digest}


class Writer:
    """Base: `write(result, source)` per good row, `close()` at the end."""

    def __init__(self, out: TextIO, digest: str) -> None:
        self.out, self.digest = out, digest

    def write(self, result: Any, source: str) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def close(self) -> None:
        pass

    def write_made(self, data: bytes) -> None:
        """Rows another process wrote with a writer like this one (without its header)."""
        self.out.flush()
        binary = getattr(self.out, "buffer", None)
        if binary is not None:
            binary.write(data)
        else:
            self.out.write(data.decode())


class JsonLines(Writer):
    """One JSON object a line, written as UTF-8 bytes: the batch engine's `Outcome`
    brings its line ready made."""

    def __init__(self, out: TextIO, digest: str) -> None:
        super().__init__(out, digest)
        out.flush()  # what was written as text goes first
        self.binary = getattr(out, "buffer", None)

    def write(self, result: Any, source: str) -> None:
        line = getattr(result, "line", None)
        if line is None:
            data = result.to_json()
            data.update({"source": source, "trustdose": __version__, "rules_digest": self.digest})
            line = (json.dumps(data, ensure_ascii=False) + "\n").encode()
        if self.binary is not None:
            self.binary.write(line)
        else:
            self.out.write(line.decode())


class Csv(Writer):
    def __init__(self, out: TextIO, digest: str, excel: bool = False) -> None:
        super().__init__(out, digest)
        self.excel = excel
        if excel:  # Excel in Danish, Norwegian and Swedish reads UTF-8 with a BOM and ';'
            out.write("\ufeff")
        self.writer = csv.DictWriter(out, CSV_COLUMNS, delimiter=";" if excel else ",",
                                     lineterminator="\r\n" if excel else "\n")
        self.writer.writeheader()

    def write(self, result: Any, source: str) -> None:
        row = getattr(result, "row", None) or flat(result, source, self.digest)
        if self.excel:  # and a decimal comma
            row = {k: f"{v:g}".replace(".", ",") if isinstance(v, float) else v
                   for k, v in row.items()}
        self.writer.writerow(row)


class Markdown(Writer):
    HEAD = ["id", N_("subject"), N_("task"), N_("level"), N_("weakest"), N_("risk"),
            N_("capped by"), N_("warnings")]

    def __init__(self, out: TextIO, digest: str) -> None:
        super().__init__(out, digest)
        out.write("| " + " | ".join(_(h) for h in self.HEAD) + " |\n|" + "---|" * len(self.HEAD)
                  + "\n")

    def write(self, result: Any, source: str) -> None:
        row = flat(result, source, self.digest)
        cells = [row["id"], row["subject"], row["task"],
                 f"{row['level']} {result.level.label}",
                 f"{row['limiting']} {row[row['limiting']]:g}", f"{row['risk']:g}",
                 row["capped_by"], row["warnings"]]
        self.out.write("| " + " | ".join(str(c).replace("|", "\\|") for c in cells) + " |\n")

    def close(self) -> None:
        self.out.write("\n" + _("Rules: trustdose {version}, rule set {digest}.").format(
            version=__version__, digest=self.digest) + "\n")


class Table(Writer):
    """Aligned plain columns for a terminal; widths are fixed so rows can stream."""

    # fits 110 columns: "4 Komma överens" and "competence" are the longest level (in any
    # language) and limiting precondition
    WIDTHS = [("id", 14), ("subject", 14), ("level", 15), ("limiting", 10), ("risk", 4),
              ("capped_by", 16), ("warnings", 25)]
    HEAD = {"id": "id", "subject": N_("subject"), "level": N_("level"),
            "limiting": N_("weakest"), "risk": N_("risk"), "capped_by": N_("capped by"),
            "warnings": N_("warnings")}

    def __init__(self, out: TextIO, digest: str) -> None:
        super().__init__(out, digest)
        out.write(self._line({k: _(h).upper() for k, h in self.HEAD.items()}))

    def _line(self, values: dict[str, Any]) -> str:
        cells = []
        for key, width in self.WIDTHS:
            text = str(values.get(key, ""))
            cells.append(text if len(text) <= width else text[:width - 1] + "…")
        return "  ".join(c.ljust(w) for c, (_k, w) in zip(cells, self.WIDTHS)).rstrip() + "\n"

    def write(self, result: Any, source: str) -> None:
        row = flat(result, source, self.digest)
        if row["id"] == source:  # no id given: the file name and line say enough here
            row["id"] = source.replace("\\", "/").rsplit("/", 1)[-1]
        row["level"] = f"{row['level']} {result.level.label}"
        row["risk"] = f"{row['risk']:g}"
        self.out.write(self._line(row))


WRITERS = {"jsonl": JsonLines, "csv": Csv, "markdown": Markdown, "table": Table}


class Summary:
    """Counts for the end of a run: levels, limiting preconditions, warnings, rejected."""

    def __init__(self, rules: Any = None) -> None:
        # a precondition's and a warning kind's name in the user's language, if known
        self.names: dict[str, str] = {} if rules is None else {
            **{dim: pick(e.item.title).lower() for dim, e in rules.rubrics.items()},
            **{w.item.kind: pick(w.item.title) for w in rules.warnings if w.item.title}}
        # (level, limiting precondition, warning kinds) → cases: one count a case, as a
        # batch adds up many thousands a second; the totals are made at the end
        self.outcomes: Counter = Counter()
        self.rejected = 0

    def add(self, result: Any | None) -> None:
        if result is None:
            self.rejected += 1
        else:
            self.outcomes[(result.level, result.limiting, result.warning_kinds)] += 1

    def merge(self, other: "Summary") -> None:
        """Add the counts of another part of the same run."""
        self.outcomes.update(other.outcomes)
        self.rejected += other.rejected

    @property
    def cases(self) -> int:
        return sum(self.outcomes.values())

    def _totals(self) -> tuple[Counter, Counter, Counter]:
        levels: Counter = Counter()
        limiting: Counter = Counter()
        warnings: Counter = Counter()
        for (level, weakest, kinds), count in self.outcomes.items():
            levels[(level.number, level.label)] += count
            limiting[weakest] += count
            for kind in kinds:
                warnings[kind] += count
        return levels, limiting, warnings

    def lines(self) -> list[str]:
        total = self.cases + self.rejected
        out = [_("{cases}: {assessed} assessed, {rejected} rejected").format(
            cases=_count(total), assessed=format_count(self.cases),
            rejected=format_count(self.rejected))]
        if self.cases:
            levels, limiting_counts, warnings = self._totals()
            out.append(_("levels: {counts}").format(counts=", ".join(
                f"{n} {label}: {format_count(count)}" for (n, label), count
                in sorted(levels.items()))))
            (limiting, count), = limiting_counts.most_common(1)
            out.append(_("most often the weakest precondition: {dimension} ({cases})").format(
                dimension=self.names.get(limiting, limiting), cases=_count(count)))
            out.append(_("warnings: {counts}").format(counts="; ".join(
                f"{self.names.get(kind, kind)}: {format_count(count)}" for kind, count
                in warnings.most_common()) or _("none")))
        return out


def _count(n: int) -> str:
    return ngettext("{n} case", "{n} cases", n).format(n=format_count(n))
