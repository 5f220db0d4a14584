"""What a report says, independent of how it is drawn.

`build_report` turns an `Assessment` into sections of already translated text, in the
order a busy leader reads them: the level on the seven-step scale, why, the scores,
warnings, the frame first, controls, feedback, the next trust step and the review date.
The short report (the default) fits one screen: one sentence why, the two warnings that
matter most, the measures by title. The full one (`--full`, and every Markdown report)
adds every warning, why each measure is there, the agreement checklist, the questions,
the rules that fired with where to read them, and the sources. The renderers beside it
only lay this out (`text`, `markdown`, `rich`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..i18n import _, format_date, format_number, in_sentence, listing, ngettext
from ..model.assessment import Assessment, Measure
from ..model.case import due_said
from ..rules.weakened import said
from . import start
from .danger_words import COME_FIRST
from .plan_said import said_controls, said_feedback


@dataclass(frozen=True)
class Item:
    text: str
    detail: str = ""
    note: str = ""  # in a few words: in place already, which answer brought it, …
    refs: tuple[int, ...] = ()  # numbers in the report's list of sources


@dataclass(frozen=True)
class Section:
    key: str  # stable: warnings, controls, feedback, left_out, next_step, agreement, questions
    heading: str
    items: list[Item]
    checklist: bool = False


@dataclass(frozen=True)
class Score:
    label: str
    value: float
    limiting: bool
    uncertain: bool
    risk: bool


@dataclass(frozen=True)
class ScaleStep:
    number: int
    label: str
    chosen: bool
    planned: bool


@dataclass
class Report:
    title: str
    subtitle: str
    level: str  # "4 · Agree"
    meaning: str
    why: list[str]
    scale: list[ScaleStep]
    scores: list[Score]
    summary: str  # one closing line that repeats the verdict
    sections: list[Section] = field(default_factory=list)
    why_refs: tuple[int, ...] = ()
    sources: list[str] = field(default_factory=list)  # numbered from 1, as `refs` count
    full: bool = False
    hidden_warnings: int = 0  # the short report: warnings only the full one shows
    agreed: bool = False  # the starred level was agreed (a board's area), not planned

    @property
    def legend(self) -> str:
        """What the marks on the scale mean (they hold without colour too)."""
        marks = [_("[ ] recommended")]
        if any(s.planned for s in self.scale):
            marks.append(_("* agreed") if self.agreed else _("* planned"))
        return "  ".join(marks)


STRONG = 4  # a precondition at or above it is good, however it ranks among the three
WARNINGS_SHOWN = 2  # in the short report: the journal's first, then the rules' in their order
JOURNAL = "journal:"  # the rule of a warning from the journal (engine.history)


class Sources:
    """The source passages a report cites, numbered in the order they first appear."""

    def __init__(self, titles: dict[str, str]) -> None:
        self.titles, self.numbers = titles, {}  # type: dict[str, str], dict[str, int]

    def refs(self, cite: str | None) -> tuple[int, ...]:
        """The numbers of the passages in a cite (none for trustdose's own rules)."""
        found = []
        for passage in (cite or "").split("; "):
            if not passage or passage == "trustdose":
                continue
            found.append(self.numbers.setdefault(passage, len(self.numbers) + 1))
        return tuple(found)

    def listed(self) -> list[str]:
        out = []
        for passage in self.numbers:  # in the order of their numbers
            source, _colon, heading = passage.partition(": ")
            title = self.titles.get(source)
            out.append(f"{title}: {heading}" if title else passage)
        return out


def _warnings(a: Assessment, report: Report, sources: Sources, full: bool,
              leave_out: frozenset[str]) -> int:
    """The warnings section (the short report's first `WARNINGS_SHOWN`); how many only
    the full report shows."""
    # what the journal says of this person comes first (a breach's follow-up, trust held
    # low): it was agreed with them, where the rules' warnings are general
    ordered = sorted((w for w in a.warnings if w.rule not in leave_out),
                     key=lambda w: not w.rule.startswith(JOURNAL))
    warnings = [Item(w.message, refs=sources.refs(w.cite) if full else ())
                for w in (ordered if full else ordered[:WARNINGS_SHOWN])]
    if warnings:
        report.sections.append(Section("warnings", _("Warnings"), warnings))
    return len(ordered) - len(warnings)


def build_report(a: Assessment, full: bool = False,
                 leave_out: frozenset[str] = frozenset(), agreed: bool = False) -> Report:
    """The report for one assessment, in the language it was made in: short (one
    screen) or `full`; without the warnings of the rules in `leave_out` (a board's area
    says its gap as a question of its own, never "you planned"); its starred level one
    `agreed` (a board's area), not planned."""
    planned = a.planned.number if a.planned else None
    # a team by its name alone (cold reads: "Arbetslaget på Solrosen (team)" reads as a
    # form); that it is a team shows in how the report speaks of it
    title = _("Delegating to {name}")
    sources = Sources(a.why.sources)
    why, why_refs = _why(a, sources)
    if not full:  # what holds the level (a cap), else what carries it, and a limit there
        why = why[1:] if a.capped_by else why[:2 if held_too(a) else 1]
    report = Report(
        title=title.format(name=in_sentence(a.subject.name)),
        subtitle=a.task.title,
        level=f"{a.level.number} · {a.level.label}",
        meaning=a.why.team_meaning or a.why.meaning if a.subject.kind == "team"
        else a.why.meaning,
        why=why,
        scale=[ScaleStep(s.number, s.label, s.number == a.level.number, s.number == planned)
               for s in a.why.scale],
        scores=[Score(a.why.titles[d], v, d in _lowest(a) and len(_lowest(a)) < 3,
                      d in a.uncertain, d == "risk")
                for d, v in a.scores.items()],
        summary=_summary(a), why_refs=why_refs if full else (), full=full)
    if a.history:
        report.sections.append(Section("history", _("From your journal"),
                                       [Item(line) for line in a.history]))
    hidden = _warnings(a, report, sources, full, leave_out)
    if a.frame_first is not None and a.frame_first.measures:  # homework to do first
        report.sections.append(_frame_first(a))
    # a heading with nothing under it is left out: all of the feedback may be the frame's
    # homework, said under frame first (a cold read saw an empty heading)
    report.sections += [section for section in (
        Section("controls", _("Control: what you agree to check"),
                [_measure(m, sources, full, a.task.facts) for m in said_controls(a, full)]),
        Section("feedback", _("Feedback and development"),
                [_measure(m, sources, full) for m in said_feedback(a)
                 if full or m.id not in _frame_homework(a)])) if section.items]
    if full and a.left_out:  # what applies but is not in the plan, and why
        report.sections.append(Section("left_out", _("Left out of the plan"),
                                       [Item(m.title, note=m.reason) for m in a.left_out]))
    report.sections.append(Section("next_step", _("Next trust step"),
                                   [_next_step(a, agreed)]))
    if full:
        _full_sections(a, report, sources)
    else:
        report.hidden_warnings = hidden
        if report.hidden_warnings:  # said in the summary's count: one line less on screen
            report.summary += " " + _("({n} more in the full report)").format(
                n=report.hidden_warnings)
    return report


def _own_words(a: Assessment) -> list[Item]:
    """What the case says in the leader's own words for the agreement (issue 21's task
    fields), as the agreement states it."""
    task, out = a.task, []
    for label, value in ((_("Why it matters"), task.purpose),
                         (_("How we will know it went well"), task.success),
                         (_("Our ground rules"), " · ".join(task.ground_rules)),
                         (_(COME_FIRST), " · ".join(task.escalate))):
        if value:
            out.append(Item(label, detail=value))
    if task.due is not None:
        out.append(Item(due_said(task)))
    return out


def _full_sections(a: Assessment, report: Report, sources: Sources) -> None:
    """What the full report adds at its end: the leader's own words for the agreement,
    the agreement checklist, the questions, the rules that fired with where to read each,
    and the sources."""
    own = _own_words(a)
    if own:
        report.sections.append(Section("own_words", _("In your own words"), own))
    report.sections.append(Section("agreement", _("Delegation agreement: go through it together"),
                                   [Item(t) for t in a.checklist], checklist=True))
    if a.questions:
        report.sections.append(Section("questions", _("Questions to open the talk"),
                                       [Item(q) for q in a.questions]))
    report.sections.append(Section("trace", _("Rule by rule"), [
        Item(line) for line in dict.fromkeys(f"{f.rule} · {_where(f)}" for f in a.trace)] + [
        Item("! " + said(w)) for w in a.weakened]))
    report.sources = sources.listed()


def _where(fired: Any) -> str:
    """Where to read a rule that fired: the shipped rules through `trustdose rules show`
    (their files live inside the installed package), an overlay's own file and line."""
    if fired.source.startswith(SHIPPED):
        return f"trustdose rules show {fired.rule.partition(':')[2] or fired.rule}" \
            if fired.rule.startswith("rubric:") else f"trustdose rules show {fired.rule}"
    return fired.source


SHIPPED = "rules/"  # how the trace names the shipped rules' files


def _frame_homework(a: Assessment) -> list[str]:
    """The measures the short report says under frame first (not again as feedback)."""
    return a.frame_first.measures if a.frame_first is not None else []


def _next_step(a: Assessment, agreed: bool = False) -> Item:
    """The next trust step: from a level planned (or a board's area agreed) below the one
    the case supports, that one (the agreement is written at the level planned: a cold
    read found "this is the highest level" beside an agreement one step below it); else
    the engine's step."""
    if a.planned and a.planned.number < a.level.number:
        said = _("Agreed at {planned}, below the {level} the case supports; the agreement "
                 "is written at it. When the review shows it holds, go up to {level}.") \
            if agreed else \
            _("You planned {planned}, below the {level} the case supports: a sound start, "
              "and the agreement is written at it. When the review shows it holds, go up "
              "to {level}.")
        return Item(said.format(planned=a.planned.label, level=a.level.label))
    step = a.next_step
    planned_here = [m.title.lower() for m in a.controls
                    if not m.in_place and step and m.id in step.safeguards]
    if planned_here:
        # the safeguard that lifts the level is in the plan already: a sequence, not a
        # condition the plan seems to ignore (three cold reads: "with four eyes in place,
        # Agree" under a control list that holds four eyes)
        return Item(_("The plan above puts {titles} in place: once that holds, the case "
                      "supports {level}.").format(titles=listing(planned_here),
                                                  level=step.level.label))
    if step:
        return Item(step.message)
    return Item(_("This is the highest level: recognise what goes well, and look at it "
                  "together at the review."))


def _frame_first(a: Assessment) -> Section:
    # the heading says whose part it is (a UK manager's cold read: "frame first" is the
    # calque of the seeds' "rammen først", which the Scandinavian headings keep)
    return Section("frame_first", _("Your part first"),
                   [Item(line) for line in start.to_leader(a)])


def _measure(m: Measure, sources: Sources, full: bool, facts: dict | None = None) -> Item:
    notes = []
    words = (facts or {}).get(m.id) if m.in_place else None
    if isinstance(words, str) and words.strip():  # the routine in the case's own words
        # as a title: a sentence's full stop would stand before the description's colon
        # (a native read: "… før de sendes.: En godkendelse …")
        m = m._replace(title=words.strip().rstrip("."))
    if m.in_place:
        notes.append(_("already in place"))
    if m.required_by:
        notes.append(_("required by red line {rule}").format(rule=m.required_by))
    if not full:
        return Item(m.title, note="; ".join(notes))
    if m.because:
        notes.append(_("because of: {answers}").format(answers=", ".join(
            f"{b.label} {format_number(b.answer, None)}" for b in m.because)))
    return Item(m.title, m.description, "; ".join(notes), sources.refs(m.cite))


def _summary(a: Assessment) -> str:
    parts = [_("{level} ({number} of 7)").format(level=a.level.label, number=a.level.number),
             # the frame the leader owes decides the start, not the level: said so
             _("your part first") if a.frame_first is not None and a.frame_first.measures
             else _("weakest: {dimension}").format(dimension=listing(
                 [a.why.titles[d].lower() for d in _lowest(a)])) if len(_lowest(a)) < 3
             else _("the preconditions are even"),
             _("review on {date}").format(date=format_date(a.review_date))]
    if a.warnings:
        parts.append(ngettext("{n} warning", "{n} warnings", len(a.warnings)).format(
            n=len(a.warnings)))
    return "→ " + " · ".join(parts)


def _lowest(a: Assessment) -> list[str]:
    """The preconditions at the lowest score (the limiting one first): when they tie, no
    one of them is 'the weakest'."""
    low = a.scores[a.limiting]
    return [a.limiting] + [d for d in ("competence", "intention", "resources")
                           if d != a.limiting and a.scores[d] == low]


def held_too(a: Assessment) -> str | None:
    """Why a cap or red line holds the level where the weakest precondition carries it
    too, where no frame first says what starts it."""
    return None if a.frame_first else a.parts.decided.value.held_too


def _why(a: Assessment, sources: Sources) -> tuple[list[str], tuple[int, ...]]:
    """One or two sentences: which precondition limits the dose, and what caps it; and
    the sources they draw on."""
    lowest = _lowest(a)
    if len(lowest) == 1 and a.limiting in a.uncertain:  # unknown, not weak (a fourth read)
        first = _("{limiting} is not known yet (taken as {score}) and supports {level} until "
                  "you know more.")
    elif len(lowest) == 1 and a.scores[a.limiting] >= STRONG:
        # good, though the lowest: not "the weakest", read as weak (a cold read: 4.0)
        first = _("Every precondition is good; the lowest, {limiting_lower} ({score}), "
                  "supports {level}.")
    elif len(lowest) == 1:
        first = _("{limiting} ({score}) is the weakest precondition and supports {level}.")
    elif len(lowest) == 2:
        first = _("{limiting} and {other} ({score}) are the weakest preconditions and support "
                  "{level}.")
    else:
        first = _("The three preconditions are even ({score}) and support {level}.")
    lines = [start.why(a) if a.frame_first else first.format(
        limiting=a.why.titles[lowest[0]], limiting_lower=a.why.titles[lowest[0]].lower(),
        other=a.why.titles[lowest[-1]].lower(),
        score=format_number(a.scores[a.limiting]), level=a.carried.label)]
    refs = sources.refs(a.why.band_cite)
    held = {r.rule: r for r in a.red_lines}
    if a.capped_by:
        text = _("Red line — held at {level}: {reason}.") if a.capped_by in held else \
            _("Held at {level}: {reason}.")
        lines.append(text.format(level=a.level.label, reason=a.cap_reason))
        refs += sources.refs(a.why.cap_cite)
    elif held_too(a):
        # a limit at the level carried holds it there too: said, or the headline names
        # only the weakest precondition (a cold read: 'Resurser är svagast' where the
        # allergy risk holds a kitchen at Advise)
        lines.append(_("It would stay here anyway: {reason}.").format(reason=held_too(a)))
    measures = {m.id: m.title for m in [*a.controls, *a.feedback]}
    for line in a.red_lines:
        if line.rule != a.capped_by and line.require:
            lines.append(_("Red line — {reason}: {measures}.").format(
                reason=line.reason, measures=", ".join(measures.get(m, m) for m in line.require)))
    return lines, refs
