"""Batch results as rows: JSON lines, CSV (Excel-ready on request), Markdown, a table, and
the summary of a run.

Each writer is a `report.formats.Formatter`: it takes assessments one at a time, so
memory stays flat. Every row carries the case id and the version and content hash of
the rule set, so a result can be reproduced. A JSON line is the assessment's own JSON
(its pieces, already encoded by the engine) with where the case came from.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from typing import Any

from .. import __version__
from ..i18n import N_, _, format_count, ngettext
from ..model.assessment import SEP, Assessment, encode, piece

SOURCE = SEP + b'"source": '
from ..model.vocabulary import DIMENSIONS
from ..report.formats import RowFormat

CSV_COLUMNS = ["id", "source", "subject", "kind", "task", "level", "level_name",
               *DIMENSIONS, "limiting", "capped_by", "controls", "feedback", "warnings",
               "next_step", "review_date", "trustdose", "rules_digest"]


def flat(a: Assessment, source: str, digest: str) -> dict[str, Any]:
    """One assessment as a flat row of plain values."""
    return {
        "id": a.case_id, "source": source, "subject": a.subject.name, "kind": a.subject.kind,
        "task": a.task.title, "level": a.level.number, "level_name": a.level.name,
        **{d: a.scores[d] for d in DIMENSIONS}, "limiting": a.limiting,
        "capped_by": a.capped_by or "", "controls": " ".join(m.id for m in a.controls),
        "feedback": " ".join(m.id for m in a.feedback),
        "warnings": " ".join(w.kind for w in a.warnings),
        "next_step": a.next_step.level.name if a.next_step else "",
        "review_date": a.review_date.isoformat(), "trustdose": __version__,
        "rules_digest": digest}


class JsonLines:
    def __init__(self, digest: str) -> None:
        self.digest = digest
        # what follows the assessment's own fields on every line: where the case was,
        # and the version and rules that assessed it (as `Assessment.json_line` adds them)
        self.tail = b"".join([SEP, piece("trustdose", __version__), SEP,
                              piece("rules_digest", digest), b"}\n"])

    def header(self) -> bytes:
        return b""

    def result(self, a: Assessment, source: str) -> list[bytes]:
        return [b"".join([*a.pieces, SOURCE, encode(source), self.tail])]

    def footer(self) -> bytes:
        return b""


class Csv:
    def __init__(self, digest: str, excel: bool = False) -> None:
        self.digest, self.excel = digest, excel
        self.buffer = io.StringIO()
        # Excel in Danish, Norwegian and Swedish reads UTF-8 with a BOM, ';' and a
        # decimal comma
        self.writer = csv.DictWriter(self.buffer, CSV_COLUMNS, delimiter=";" if excel else ",",
                                     lineterminator="\r\n" if excel else "\n")

    def _take(self) -> bytes:
        text = self.buffer.getvalue()
        self.buffer.seek(0)
        self.buffer.truncate()
        return text.encode()

    def header(self) -> bytes:
        self.writer.writeheader()
        return ("\ufeff" if self.excel else "").encode() + self._take()

    def result(self, a: Assessment, source: str) -> list[bytes]:
        row = flat(a, source, self.digest)
        if self.excel:
            row = {k: f"{v:g}".replace(".", ",") if isinstance(v, float) else v
                   for k, v in row.items()}
        self.writer.writerow(row)
        return [self._take()]

    def footer(self) -> bytes:
        return b""


class Markdown:
    HEAD = ["id", N_("subject"), N_("task"), N_("level"), N_("weakest"), N_("risk"),
            N_("capped by"), N_("warnings")]

    def __init__(self, digest: str) -> None:
        self.digest = digest

    def header(self) -> bytes:
        return ("| " + " | ".join(_(h) for h in self.HEAD) + " |\n|" + "---|" * len(self.HEAD)
                + "\n").encode()

    def result(self, a: Assessment, source: str) -> list[bytes]:
        row = flat(a, source, self.digest)
        cells = [row["id"], row["subject"], row["task"], f"{a.level.number} {a.level.label}",
                 f"{a.limiting} {a.scores[a.limiting]:g}", f"{a.scores['risk']:g}",
                 row["capped_by"], row["warnings"]]
        return [("| " + " | ".join(str(c).replace("|", "\\|") for c in cells) + " |\n").encode()]

    def footer(self) -> bytes:
        return ("\n" + _("Rules: trustdose {version}, rule set {digest}.").format(
            version=__version__, digest=self.digest) + "\n").encode()


class Table:
    """Aligned plain columns for a terminal; widths are fixed so rows can stream."""

    # fits 110 columns: "4 Komma överens" and "competence" are the longest level (in any
    # language) and limiting precondition
    WIDTHS = [("id", 14), ("subject", 14), ("level", 15), ("limiting", 10), ("risk", 4),
              ("capped_by", 16), ("warnings", 25)]
    HEAD = {"id": "id", "subject": N_("subject"), "level": N_("level"),
            "limiting": N_("weakest"), "risk": N_("risk"), "capped_by": N_("capped by"),
            "warnings": N_("warnings")}

    def __init__(self, digest: str) -> None:
        self.digest = digest

    def _line(self, values: dict[str, Any]) -> bytes:
        cells = []
        for key, width in self.WIDTHS:
            text = str(values.get(key, ""))
            cells.append(text if len(text) <= width else text[:width - 1] + "…")
        return ("  ".join(c.ljust(w) for c, (_k, w) in zip(cells, self.WIDTHS)).rstrip()
                + "\n").encode()

    def header(self) -> bytes:
        return self._line({k: _(h).upper() for k, h in self.HEAD.items()})

    def result(self, a: Assessment, source: str) -> list[bytes]:
        row = flat(a, source, self.digest)
        if row["id"] == source:  # no id given: the file name and line say enough here
            row["id"] = source.replace("\\", "/").rsplit("/", 1)[-1]
        row["level"] = f"{a.level.number} {a.level.label}"
        row["risk"] = f"{a.scores['risk']:g}"
        return [self._line(row)]

    def footer(self) -> bytes:
        return b""


def writer(fmt: RowFormat, digest: str, excel: bool = False) -> Any:
    """The formatter of a row format."""
    if fmt is RowFormat.csv:
        return Csv(digest, excel)
    return {RowFormat.jsonl: JsonLines, RowFormat.markdown: Markdown,
            RowFormat.table: Table}[fmt](digest)


class Summary:
    """Counts for the end of a run: levels, limiting preconditions, warnings, rejected."""

    def __init__(self) -> None:
        # what each case came to (`Assessment.outcome`, a few shared parts) → cases: one
        # count a case, as a batch adds up many thousands a second; totals at the end
        self.outcomes: Counter = Counter()
        self.rejected = 0

    def add(self, a: Assessment | None) -> None:
        if a is None:
            self.rejected += 1
        else:
            self.outcomes[a.outcome] += 1

    def plain(self) -> "Summary":
        """The same counts under plain keys (level, weakest, its name, warning kinds),
        to send from a worker process to the main one."""
        plain = Summary()
        plain.rejected = self.rejected
        for outcome, count in self.outcomes.items():
            plain.outcomes[_plain(outcome)] += count
        return plain

    def merge(self, other: "Summary") -> None:
        """Add the counts of another part of the same run."""
        self.outcomes.update(other.outcomes)
        self.rejected += other.rejected

    @property
    def cases(self) -> int:
        return sum(self.outcomes.values())

    def lines(self, titles: dict[str, str]) -> list[str]:
        """The summary in the language; `titles` names the warning kinds."""
        total = self.cases + self.rejected
        out = [_("{cases}: {assessed} assessed, {rejected} rejected").format(
            cases=_count(total), assessed=format_count(self.cases),
            rejected=format_count(self.rejected))]
        if not self.cases:
            return out
        levels: Counter = Counter()
        limiting: Counter = Counter()
        warnings: Counter = Counter()
        names = {}
        for outcome, count in self.plain().outcomes.items():
            level, weakest, name, kinds = outcome
            levels[(level.number, level.label)] += count
            limiting[weakest] += count
            names[weakest] = name.lower()
            for kind in kinds:
                warnings[kind] += count
        out.append(_("levels: {counts}").format(counts=", ".join(
            f"{n} {label}: {format_count(count)}" for (n, label), count in sorted(levels.items()))))
        (most, count), = limiting.most_common(1)
        out.append(_("most often the weakest precondition: {dimension} ({cases})").format(
            dimension=names[most], cases=_count(count)))
        out.append(_("warnings: {counts}").format(counts="; ".join(
            f"{titles.get(kind, kind)}: {format_count(count)}" for kind, count
            in warnings.most_common()) or _("none")))
        return out


def _plain(outcome: tuple) -> tuple:
    if len(outcome) == 4 and not hasattr(outcome[0], "value"):
        return outcome  # plain already
    decided, limiting, warnings, past = outcome
    return (decided.value.level, limiting, decided.value.why.titles[limiting],
            tuple([w.kind for w in warnings.value] + [w.kind for w in past.value[1]]))


def _count(n: int) -> str:
    return ngettext("{n} case", "{n} cases", n).format(n=format_count(n))
