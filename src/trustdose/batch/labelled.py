"""A batch result as a coach reads it: the workshop's columns, labelled in the chosen
language, for every format made for people (the terminal table, Markdown, the Excel CSV
and the workbook). The formats for programs (JSON lines, plain CSV) keep the ids.

The columns answer the workshop's questions: whose case (the subject, and any extra
columns the row carried, such as the participant's name), which task, the level the
leader planned and the level the case carries, the gap between them in steps and what
it means (more trust than the case carries, more control than it needs, or matched),
the weakest precondition, what the leader must put in place first, and the warnings by
their titles. A spreadsheet gets the numbers beside the words (a level's step, the
gap, the scores) so it can sort and count them.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from ..i18n import N_, _, format_number
from ..io.readers import CASE_SUFFIXES
from ..model.vocabulary import DIMENSIONS
from ..report.start import fixes

# What a gap between the planned and the recommended level means, by its sign: said
# neutrally at every size (only the warnings judge, at their own thresholds).
SENSES = {1: N_("more trust than recommended"), -1: N_("more control than recommended"),
          0: N_("as recommended")}

# Each column's heading (a msgid: said in the language when shown).
HEADINGS = {
    "id": N_("id"), "subject": N_("subject"), "kind": N_("person or team"),
    "task": N_("task"), "leader": N_("leader"), "planned": N_("planned"),
    "planned_step": N_("planned step"),
    "level": N_("recommended"), "level_step": N_("recommended step"), "gap": N_("gap"),
    "gap_steps": N_("gap in steps"), "sense": N_("planned vs recommended"),
    "weakest": N_("weakest precondition"), "frame": N_("frame first"),
    "warnings": N_("warnings"), "competence": N_("competence"),
    "intention": N_("intention"), "resources": N_("resources"), "risk": N_("risk"),
    "controls": N_("controls"), "feedback": N_("feedback"), "next_step": N_("next step"),
    "review_date": N_("review date"), "source": N_("source"), "trustdose": "trustdose",
    "rules_digest": N_("rule set")}

# The columns a person reads at a glance (the table, Markdown), in order; extra columns
# the row carried go after the subject.
GLANCE = ("id", "subject", "task", "planned", "level", "gap", "weakest", "frame", "warnings")
# A spreadsheet's columns: words, and beside them numbers to sort and count by.
SHEET = ("id", "subject", "kind", "task", "leader", "planned", "planned_step", "level",
         "level_step", "gap_steps", "sense", "weakest", *DIMENSIONS, "frame", "warnings",
         "controls", "feedback", "next_step", "review_date", "source", "trustdose", "rules_digest")
NUMBERS = frozenset({"planned_step", "level_step", "gap_steps", *DIMENSIONS})


class Gap(NamedTuple):
    """How far the planned level is from the level the case carries."""

    steps: int  # planned minus recommended: above 0 more trust than the case carries
    sense: str  # one of SENSES: more trust, more control than recommended, as recommended

    def text(self) -> str:
        """The gap in steps and in words: '+2 more trust than recommended'."""
        return f"{self.steps:+d} {_(self.sense)}" if self.steps else f"0 {_(self.sense)}"


def gap(a: Any) -> Gap | None:
    """The gap of a case with a planned level; None without one."""
    if a.planned is None:
        return None
    steps = a.planned.number - a.level.number
    return Gap(steps, SENSES[(steps > 0) - (steps < 0)])


ROW = re.compile(r":\d+$")  # the end of a row's place: file.csv:12, file.xlsx:Ark:3


def place(source: str) -> str:
    """Where a case without an id of its own was, said short: a table's row by its
    number (file.csv:12 → 12), a case file by its name and line (one.yaml:1)."""
    name = source.replace("\\", "/").rsplit("/", 1)[-1]
    table = ROW.search(name) and not name.split(":")[0].endswith(CASE_SUFFIXES)
    return name.rpartition(":")[2] if table else name


EXTRA = "extra:"  # an extra column's key: its own heading after this, never one of ours


def heading(key: str) -> str:
    """A column's heading in the language (an extra column keeps its own)."""
    return key[len(EXTRA):] if key.startswith(EXTRA) else _(HEADINGS[key])


def capital(text: str) -> str:
    """A heading as a spreadsheet shows it: its first letter a capital."""
    return text[:1].upper() + text[1:]


def extras(extra: dict[str, str] | None) -> dict[str, str]:
    """The extra columns a row carried (a participant's name, a department: header →
    cell), in the file's order, by key; none where the case came without them."""
    return {EXTRA + name: value for name, value in (extra or {}).items()}


def keys(base: tuple[str, ...], extra: list[str]) -> list[str]:
    """`base` with the extra columns after the subject."""
    at = base.index("subject") + 1
    return [*base[:at], *extra, *base[at:]]


def level_text(level: Any) -> str:
    """A level as a person names it: its step and its name in the language."""
    return f"{level.number} {level.label}"


def weakest(a: Any) -> str:
    """The weakest precondition and its score: 'competence 2,5', and 'uncertain' where
    an answer was ? (a coach pass read 'competence 3' as a real answer)."""
    unsure = f" ({_('uncertain')})" if a.limiting in a.uncertain else ""
    return f"{a.why.titles[a.limiting].lower()} {score_text(a.scores[a.limiting])}{unsure}"


def frame(a: Any) -> str:
    """What the leader puts in place before the level starts, in a few words."""
    return fixes(a) if a.frame_first is not None and a.frame_first.measures else ""


def warnings(a: Any) -> str:
    return "; ".join(w.title or w.kind for w in a.warnings)


def glance(a: Any, case_id: str, extra: dict[str, str] | None = None) -> dict[str, str]:
    """The columns a person reads at a glance, as text (extra columns included)."""
    found = gap(a)
    return {"id": case_id, "subject": a.subject.name, **extras(extra), "task": a.task.title,
            "planned": level_text(a.planned) if a.planned is not None else "",
            "level": level_text(a.level), "gap": found.text() if found else "",
            "weakest": weakest(a), "frame": frame(a), "warnings": warnings(a)}


def sheet(a: Any, source: str, digest: str, version: str,
          extra: dict[str, str] | None = None) -> dict[str, Any]:
    """A spreadsheet's row: words in the language, numbers as numbers (None: empty)."""
    found = gap(a)
    planned = a.planned
    return {
        # a row without an id of its own: its row number (the source says the file)
        "id": place(source) if a.case_id in (None, "", source) else a.case_id,
        "subject": a.subject.name, **extras(extra),
        "kind": _("team") if a.subject.kind == "team" else _("person"),
        "task": a.task.title, "leader": a.task.leader or "",
        "planned": planned.label if planned else "",
        "planned_step": planned.number if planned else None, "level": a.level.label,
        "level_step": a.level.number, "gap_steps": found.steps if found else None,
        "sense": _(found.sense) if found else "",
        "weakest": a.why.titles[a.limiting], **{d: a.scores[d] for d in DIMENSIONS},
        "frame": frame(a), "warnings": warnings(a),
        "controls": "; ".join(m.title for m in a.controls),
        "feedback": "; ".join(m.title for m in a.feedback),
        "next_step": a.next_step.level.label if a.next_step else "",
        "review_date": a.review_date, "source": source, "trustdose": version,
        "rules_digest": digest}


def score_text(value: float) -> str:
    """A score as few digits as it needs, with the language's decimal sign: 3,5."""
    return format_number(round(value, 2), None)
