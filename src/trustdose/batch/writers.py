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
import re
from collections import Counter
from typing import Any

from ..version import __version__
from ..i18n import N_, _, format_count, format_number, ngettext, pick
from ..model.assessment import SEP, Assessment, encode, piece

SOURCE = SEP + b'"source": '
from ..model.vocabulary import DIMENSIONS
from ..errors import visible
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
            row = {k: f"{v:g}".replace(".", ",") if isinstance(v, float) else inert(v)
                   for k, v in row.items()}
        self.writer.writerow(row)
        return [self._take()]

    def footer(self) -> bytes:
        return b""


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet runs what starts so


def inert(value: Any) -> Any:
    """A cell a spreadsheet shows as text, never runs: one that starts like a formula gets
    a `'` in front (OWASP's advice). For `--excel` only: plain CSV is for programs and
    keeps every value as it is (docs/batch.md)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


class Markdown:
    HEAD = ["id", N_("subject"), N_("task"), N_("level"), N_("weakest"), N_("risk"),
            N_("capped by"), N_("warnings")]

    def __init__(self, digest: str) -> None:
        from ..report.markdown import escape  # case text as plain words, `|` included
        self.digest, self.escape = digest, escape

    def header(self) -> bytes:
        return ("| " + " | ".join(_(h) for h in self.HEAD) + " |\n|" + "---|" * len(self.HEAD)
                + "\n").encode()

    def result(self, a: Assessment, source: str) -> list[bytes]:
        row = flat(a, source, self.digest)
        cells = [row["id"], row["subject"], row["task"], f"{a.level.number} {a.level.label}",
                 f"{a.why.titles[a.limiting].lower()} {_score(a.scores[a.limiting])}",
                 _score(a.scores["risk"]), row["capped_by"], row["warnings"]]
        return [("| " + " | ".join(self.escape(str(c)) for c in cells) + " |\n").encode()]

    def footer(self) -> bytes:
        return ("\n" + _("Rules: trustdose {version}, rule set {digest}.").format(
            version=__version__, digest=self.digest) + "\n").encode()


class Table:
    """Aligned columns for a terminal, as wide as the terminal and no wider.

    The widths come from what the columns can hold: the level names, preconditions, caps
    and warning ids of the rule set in the language, and the ids and names of the first
    rows (held back until `MEASURE` rows have come or the run ends; the rest stream with
    the same widths, so memory stays flat). A cell too long for its column wraps at a
    separator (space, hyphen, dot, slash, colon, underscore): no warning id, cap or level
    name is cut inside a word, and a case id or name only when it is longer than every one
    measured and no separator is left. When the terminal is too narrow for a warning id
    whole, the columns of least use at a glance (capped by, weakest, risk, subject) are
    left out, in that order; capped by also where it would crowd the ids, names and levels.
    """

    MEASURE = 200  # rows measured before the widths are fixed
    GAP = "  "
    KEYS = ("id", "subject", "level", "limiting", "risk", "capped_by", "warnings")
    HEAD = {"id": "id", "subject": N_("subject"), "level": N_("level"),
            "limiting": N_("weakest"), "risk": N_("risk"), "capped_by": N_("capped by"),
            "warnings": N_("warnings")}
    DROP = ("capped_by", "limiting", "risk", "subject")  # left out first when narrow
    GROW = ("level", "limiting", "risk", "warnings", "id", "subject", "capped_by")
    FREE = ("id", "subject")  # text from the cases, not from the rule set
    LOOSE = 24  # the most an id or a name is given before every column has its room
    SNUG = 14  # … and what it is given before the capped-by column, if it has that much

    def __init__(self, digest: str, rules: Any = None, width: int | None = None) -> None:
        import shutil
        self.digest = digest
        self.width = width or shutil.get_terminal_size((80, 24)).columns
        self.vocabulary = _vocabulary(rules)
        self.held: list[dict[str, Any]] | None = []  # rows until the widths are fixed
        self.widths: dict[str, int] = {}

    def header(self) -> bytes:
        return b""  # written with the first rows, once they are measured

    def result(self, a: Assessment, source: str) -> list[bytes]:
        row = self.cells(a, source)
        if self.held is None:
            return [self._row(row)]
        self.held.append(row)
        return self._release() if len(self.held) >= self.MEASURE else []

    def footer(self) -> bytes:
        return b"".join(self._release()) if self.held else b""

    @staticmethod
    def cells(a: Assessment, source: str) -> dict[str, Any]:
        """A row's cells as the table shows them, in the report's language."""
        case_id = a.case_id or source
        if case_id == source:  # no id given: the file name and line say enough here
            case_id = source.replace("\\", "/").rsplit("/", 1)[-1]
        return {"id": visible(case_id), "subject": visible(a.subject.name),
                "level": f"{a.level.number} {a.level.label}",
                "limiting": a.why.titles[a.limiting].lower(),
                "risk": _score(a.scores["risk"]),
                "capped_by": a.capped_by or "", "warnings": [w.kind for w in a.warnings]}

    def _release(self) -> list[bytes]:
        held, self.held = self.held or [], None
        self.widths = self.fit(held)
        return [self._row({k: _(h).upper() for k, h in self.HEAD.items()}),
                *(self._row(row) for row in held)]

    def fit(self, rows: list[dict[str, Any]]) -> dict[str, int]:
        """The width of each column shown, in order, to fit the terminal."""
        hard, whole, natural = {}, {}, {}
        for key in self.KEYS:
            head = _(self.HEAD[key]).upper()
            items = [i for row in rows for i in _items(row[key])] + self.vocabulary.get(key, [])
            hard[key] = max([_longest(head)] + [_longest(i) for i in items])
            if key in self.FREE:  # a long one wraps, or is split, rather than crowd the rest
                hard[key] = min(hard[key], max(self.LOOSE // 2, _longest(head)))
            whole[key] = hard[key] if key in self.FREE else max([hard[key]] +
                                                                [len(i) for i in items])
            natural[key] = max([whole[key], len(head)] + [len(_text(row[key])) for row in rows])
        # a warning id is kept whole; the rest may wrap at its separators
        need = {k: whole[k] if k == "warnings" else hard[k] for k in self.KEYS}
        shown = list(self.KEYS)
        for key in self.DROP:
            if sum(need[k] for k in shown) <= self._room(shown):
                break
            shown.remove(key)
        # capped by gives way, too, where it would crowd the ids, names and levels
        comfort = {**need, "level": whole["level"],
                   **{k: min(natural[k], self.SNUG) for k in self.FREE}}
        if "capped_by" in shown and sum(comfort[k] for k in shown) > self._room(shown):
            shown.remove("capped_by")
        widths = {k: need[k] for k in shown}
        if sum(widths.values()) > self._room(shown):  # very narrow: ids wrap at hyphens
            widths = {k: hard[k] for k in shown}
        spare = self._room(shown) - sum(widths.values())
        for key in self.GROW:  # every name of the rule set whole, where there is room
            if key in widths and 0 < whole[key] - widths[key] <= spare:
                spare -= whole[key] - widths[key]
                widths[key] = whole[key]
        for loose in (True, False):  # then ids and names, then all as wide as they come
            for key in self.GROW:
                if key in widths and (key in self.FREE or not loose):
                    goal = min(natural[key], self.LOOSE) if loose else natural[key]
                    more = max(0, min(goal - widths[key], spare))
                    widths[key] += more
                    spare -= more
        for key in self.FREE:  # what is left: room for a longer id or name in later rows
            if key in widths:
                more = max(0, min(self.SNUG - widths[key], spare))
                widths[key] += more
                spare -= more
        return {k: widths[k] for k in self.KEYS if k in widths}

    def _room(self, shown: list[str]) -> int:
        return self.width - len(self.GAP) * (len(shown) - 1)

    def _row(self, row: dict[str, Any]) -> bytes:
        """One row, over as many lines as its longest cell wraps to."""
        columns = [(_wrap(row[k], w), w) for k, w in self.widths.items()]
        height = max(len(lines) for lines, _w in columns)
        return "".join(self.GAP.join((lines[i] if i < len(lines) else "").ljust(w)
                                     for lines, w in columns).rstrip() + "\n"
                       for i in range(height)).encode()


SEPARATORS = re.compile(r"[^-_./:]*[-_./:]|[^-_./:]+")  # a word's pieces, each with the
# separator that ends it


def _vocabulary(rules: Any) -> dict[str, list[str]]:
    """What the rule set can put in each column, in the language."""
    if rules is None:
        return {}
    return {"level": [f"{n} {pick(r.item['label'])}" for n, r in rules.levels.items()],
            "limiting": [pick(rules.rubrics[d].item["title"]).lower() for d in DIMENSIONS
                         if d in rules.rubrics and d != "risk"],  # never the weakest
            "risk": [format_number(2.5)],
            "capped_by": [r.id for r in [*rules.caps, *rules.red_lines]],
            "warnings": [r.item["kind"] for r in rules.warnings]}


def _items(value: Any) -> list[str]:
    return list(value) if isinstance(value, list) else [value] if value else []


def _text(value: Any) -> str:
    return " ".join(value) if isinstance(value, list) else str(value)


def _longest(text: str) -> int:
    """The longest piece a text can wrap to, at spaces and separators."""
    return max((len(p) for word in text.split() for p in SEPARATORS.findall(word)), default=0)


def _wrap(value: Any, width: int) -> list[str]:
    """A cell's lines at `width`: words (or warning ids) as they fit, a word too long
    for a line of its own broken after its separators, and split only where none is."""
    lines: list[str] = []
    line = ""
    for word in (value if isinstance(value, list) else str(value).split()):
        if len(word) > width:
            pieces: list[str] = []
            for piece_ in SEPARATORS.findall(word):
                while len(piece_) > width:  # no separator left: split, nothing is lost
                    pieces.append(piece_[:width])
                    piece_ = piece_[width:]
                if pieces and len(pieces[-1]) + len(piece_) <= width:
                    pieces[-1] += piece_
                else:
                    pieces.append(piece_)
            if line:
                lines.append(line)
            lines += pieces[:-1]
            line = pieces[-1] if pieces else ""
        elif line and len(line) + 1 + len(word) <= width:
            line += " " + word
        else:
            if line:
                lines.append(line)
            line = word
    return [*lines, line] if line or not lines else lines


def writer(fmt: RowFormat, digest: str, excel: bool = False, rules: Any = None) -> Any:
    """The formatter of a row format; `rules` (the rule set) sizes a table's columns."""
    if fmt is RowFormat.csv:
        return Csv(digest, excel)
    if fmt is RowFormat.table:
        return Table(digest, rules)
    return {RowFormat.jsonl: JsonLines, RowFormat.markdown: Markdown}[fmt](digest)


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
            f"{titles[kind]} ({kind}): {format_count(count)}" if kind in titles else
            f"{kind}: {format_count(count)}" for kind, count
            in warnings.most_common()) or _("none")))
        return out


def _plain(outcome: tuple) -> tuple:
    if len(outcome) == 4 and not hasattr(outcome[0], "value"):
        return outcome  # plain already
    decided, limiting, warnings, past = outcome
    return (decided.value.level, limiting, decided.value.why.titles[limiting],
            tuple([w.kind for w in warnings.value] + [w.kind for w in past.value.cautions]))


def _score(value: float) -> str:
    """A score as few digits as it needs, with the language's decimal sign: 3,5."""
    return format_number(round(value, 2), None)


def _count(n: int) -> str:
    return ngettext("{n} case", "{n} cases", n).format(n=format_count(n))
