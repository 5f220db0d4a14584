"""A batch run's summary (`batch.summary.Figures`) said as text (for stdout, a `.txt`
file or stderr), as Markdown (a file of its own, or the top of the batch's Markdown) and
as JSON (ids beside the labels, for programs). The HTML page draws the same figures
(`report.page`).

The figures are taken as they come (any object with `Figures`' fields): the summary is
counted in `batch`, a layer above this one."""

from __future__ import annotations

import json
from typing import Any, NamedTuple

from ..i18n import _, format_count, format_number, ngettext
from .markdown import escape


def cases_line(f: Any) -> str:
    """How many cases, assessed and rejected: the summary's first line."""
    return _("{cases}: {assessed} assessed, {rejected} rejected").format(
        cases=count_text(f.cases), assessed=format_count(f.assessed),
        rejected=format_count(f.rejected))


def journal_line(f: Any, private: bool = True) -> str:
    """Whose history was used, or that none was. Where the journal is (and why none
    was used, which names it) only on the user's own terminal (`private=False`): a
    summary file, Markdown, a workbook or a page is shared, and the path shows a home
    folder; they say nothing of a journal none was used from (a coach pass crossed out
    "no history from a journal was used" at the end of every summary)."""
    if f.journal is not None:
        if private:
            return _("history from the journal: {cases}").format(cases=count_text(f.histories))
        return _("history from the journal {path}: {cases}").format(
            path=f.journal, cases=count_text(f.histories))
    why = f" ({f.left_out})" if f.left_out and not private else ""
    return _("no history from a journal was used") + why


class Part(NamedTuple):
    """A part of the summary: its heading, (label, figure) lines, what the figures are,
    and the figures as numbers (for a workbook, where they are sorted and summed)."""

    heading: str
    rows: list[tuple[str, str]]
    unit: str  # the figures' column heading: cases, or the mean score
    values: list[float | int | None]


def sections(f: Any) -> list[Part]:
    """The summary's parts after the first line, in the order every rendering shows
    them; none when no case was assessed."""
    if not f.assessed:
        return []
    cases = _("cases")

    def counted(heading: str, counts: Any, labels: list[str] | None = None) -> Part:
        return Part(heading, [(label, format_count(c.count)) for label, c in
                              zip(labels or [c.label for c in counts], counts)],
                    cases, [c.count for c in counts])
    return [
        counted(_("levels"), f.levels, [f"{number} {c.label}"
                                        for number, c in enumerate(f.levels, 1)]),
        counted(_("planned against recommended"), f.plans),
        counted(_("weakest preconditions"), f.weakest),
        counted(_("frame first: what leaders put in place first ({cases})").format(
            cases=count_text(f.framed)), f.homework),
        Part(_("mean scores"), [(m.label, format_number(m.mean, 2)) for m in f.means],
             _("mean (1-5)"), [None if m.mean is None else round(m.mean, 2) for m in f.means]),
        counted(_("warnings"), f.warnings)]


def text_lines(f: Any, private: bool = True) -> list[str]:
    """The summary as lines of text, one a part: `heading: label: n; label: n`; the
    journal's place only where not `private` (the user's terminal)."""
    out = [cases_line(f)]
    for heading, rows, _unit, _values in sections(f):
        said = "; ".join(f"{label}: {figure}" for label, figure in rows) or _("none")
        out.append(f"{heading}: {said}")
    return out + ([journal_line(f, private)] if f.journal is not None or not private else [])


def text(f: Any) -> str:
    return "\n".join(text_lines(f)) + "\n"


def markdown(f: Any) -> str:
    """The summary as Markdown: a heading, the first line, a small table a part."""
    e = escape
    out = ["# " + e(_("Summary")), "", f"**{e(cases_line(f))}**", ""]
    for heading, rows, unit, _values in sections(f):
        out += [f"## {e(heading[:1].upper() + heading[1:])}", ""]
        if not rows:
            out += [e(_("none")), ""]
            continue
        out += [f"| {e(heading)} | {e(unit)} |", "|---|---:|"]
        out += [f"| {e(label)} | {figure} |" for label, figure in rows] + [""]
    used = [e(journal_line(f)), ""] if f.journal is not None else []
    return "\n".join(out + used) + "\n"


def to_json(f: Any) -> dict[str, Any]:
    """The summary for a program: counts under ids, labels beside them."""
    def spread(counts: Any) -> list[dict[str, Any]]:
        return [{"id": c.id, "label": c.label, "cases": c.count} for c in counts]
    return {
        "cases": f.cases, "assessed": f.assessed, "rejected": f.rejected,
        "levels": [{"number": number, **item} for number, item
                   in enumerate(spread(f.levels), 1)],
        "planned": spread(f.plans), "weakest": spread(f.weakest),
        "frame_first": {"cases": f.framed, "measures": spread(f.homework)},
        "mean_scores": {m.id: m.mean for m in f.means},
        "warnings": spread(f.warnings),
        "history": {"journal": f.journal, "cases": f.histories, "left_out": f.left_out}}


def json_text(f: Any) -> str:
    from ..errors import json_visible  # no control character reaches a terminal
    return json_visible(json.dumps(to_json(f), ensure_ascii=False, indent=2)) + "\n"


def count_text(n: int) -> str:
    return ngettext("{n} case", "{n} cases", n).format(n=format_count(n))
