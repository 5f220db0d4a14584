"""A delegation board drawn for the leader: one line per decision area on the seven-step
scale (the level recommended in brackets, the level agreed starred, and the gap between
them), the answers the areas share, and the one review date; under an area whose agreed
level is two or more steps from the recommended one, a question to talk over. With
`full`, each area's full report follows. As text (one screen up to eight areas at 100
columns) or Markdown (a table)."""

from __future__ import annotations

from typing import Any

from ..errors import visible
from ..i18n import _, format_date, format_number, in_sentence
from ..model.vocabulary import PRECONDITIONS
from . import self_view
from . import text as text_report
from .markdown import escape
from .model import ScaleStep, build_report, held_too
from .situation import routine_words

GAP_SAID = 2  # an agreed level this far from the recommended one is a question to talk over


def rows(board: Any) -> list[tuple[str, str, str, str | None]]:
    """Each area as (title, scale, gap, the warning under it or None): the scale as
    `1 2 3 4* [5] 6 7`, the gap as the agreed level's steps from the recommended one,
    and the warning where they are two or more steps apart."""
    out = []
    own = board.self_view.levels if board.self_view is not None else ()
    for i, a in enumerate(board.areas):
        agreed = a.planned.number if a.planned else None
        mine = own[i].number if i < len(own) and own[i] is not None else None
        scale = " ".join((f"[{n}]" if n == a.level.number else str(n))
                         + ("*" if n == agreed else "") + ("^" if n == mine else "")
                         for n in range(1, 8))
        gap = "" if agreed is None else "=" if agreed == a.level.number else \
            f"{agreed - a.level.number:+d}"
        # a gap of two steps or more is a question to talk over (the rules' overdose and
        # overcontrol warnings say "you planned": a board's reports leave them out)
        warned = _gap_asked(agreed - a.level.number) \
            if agreed is not None and abs(agreed - a.level.number) >= GAP_SAID else None
        out.append((" ".join(a.task.title.split()), scale, gap, warned))
    return out


def _gap_asked(gap: int) -> str:
    """An agreed level far from the recommended one, asked as a question, never judged."""
    if gap > 0:
        return _("Agreed {n} steps above what the answers and the risk support: what makes "
                 "it safe, and does it show in the answers?").format(n=gap)
    return _("Agreed {n} steps below what the answers and the risk support: is there a "
             "reason the answers do not show?").format(n=-gap)


def heading(board: Any) -> str:
    return _("Delegation board for {name}, {date}").format(
        name=in_sentence(board.subject.name), date=format_date(board.date))


def shared_scores(board: Any) -> str:
    """The scores of the answers the board gives for all its areas: each read from an
    area that gives no answer of its own for it (a hostile pass: the first area's own
    answer shown as the board's); a dimension every area answers itself is left out."""
    said = []
    for d in PRECONDITIONS:
        shared = next((a for a, own in zip(board.areas, board.own or [()] * len(board.areas))
                       if d not in own), None)
        if shared is not None:
            said.append(f"{shared.why.titles[d]} {format_number(shared.scores[d])}")
    return " · ".join(said)


def scale_lines(board: Any, width: int) -> list[str]:
    """The scale's names in rows that never split a step's name (a narrow terminal), and
    what the marks mean on a line of its own (a native read saw the marks wrap at 100
    columns, a lone "·" ending the scale)."""
    steps = [ScaleStep(s.number, s.label, False, False) for s in board.areas[0].why.scale]
    marks = _("[ ] recommended  * agreed  gap: agreed minus recommended")
    if board.self_view is not None and board.self_view.shown and not board.self_view.unsure:
        marks += "  " + self_view.mark_said(self_view.said_name(board.self_view,
                                                                board.subject.name))
    return ["  " + "  ".join(row) for row in text_report.scale_rows(steps, width - 2)] + \
        text_report._wrap(marks, "  ", "  ", width)


def self_view_lines(board: Any) -> list[str]:
    """The self-view's questions for the talk (none without a self-view)."""
    if board.self_view is None:
        return []
    return self_view.items(board.self_view, board.subject.name,
                           [a.task.title for a in board.areas])


def why_line(a: Any, agreed_below: bool = False) -> str:
    """Why an area's level is what it is, in one sentence: as the short report says it
    first, or, where a cap holds it as well as the weakest precondition, the cap's reason
    in its first clause (the level is on the scale beside it; what lifts it, in the full
    report)."""
    held = held_too(a) if not a.capped_by else None  # a cap holding it says so itself
    if agreed_below and a.frame_first is not None and a.frame_first.measures:
        # what it is until the frame is in place is the level agreed, not the frame's
        # meanwhile (a cold read: the board said Agree until then, its agreement Inquire),
        # and said (the next read: "no level for the time until then")
        if a.planned is not None and a.planned.number < a.level.number:
            return _("Competence, intention and risk support {level}; it starts once you "
                     "have put in place what the task needs, and until then the level "
                     "agreed holds ({agreed}).").format(level=a.level.label,
                                                        agreed=a.planned.label)
        return _("Competence, intention and risk support {level}; it starts once you have "
                 "put in place what the task needs.").format(level=a.level.label)
    by = a.parts.decided.value.held_by
    lifting = next((m for m in a.controls if m.id == by), None)
    if lifting is not None:  # the scale beside it shows how high: what lets it be there,
        # in one line (a full sentence of "no higher as long as …" took two lines an
        # area), in the case's own words for its routine ("Medicininstruksen")
        return _("The level can be this high because this is in place: {safeguard}.").format(
            safeguard=routine_words(a, lifting))
    if not held:
        return build_report(a, False).why[0]
    reason = held.split(";")[0].strip()  # the level is on the scale beside it
    return reason[:1].upper() + reason[1:] + "."


def area_report(board: Any, area: Any) -> Any:
    """An area's full report as the board says it: its starred level the one agreed, and
    without the rules' warnings about a level planned (its gap is the board's question)."""
    made = build_report(area, True, board.planned_warnings, agreed=True)
    made.agreed = True
    return made


def render_text(board: Any, width: int = 100, full: bool = False) -> str:
    out = text_report._wrap(visible(heading(board)), "", "  ", width)
    out += text_report._wrap(shared_scores(board), "  ", "  ", width)
    out += scale_lines(board, width)
    out.append("")
    asked = self_view_lines(board)
    if asked:  # the talk's first questions
        out += text_report._wrap(self_view.heading(board.subject.name), "", "  ", width)
        for line in asked:
            out += text_report._wrap(line, "  ", "    ", width)
        out.append("")
    made = rows(board)
    wide = 20 if board.self_view is not None else 18  # a step may be "[5]*^"
    room = max(20, width - 2 - wide - 4)  # the title's room beside the scale and the gap
    for n, (a, (title, scale, gap, warned)) in enumerate(zip(board.areas, made), start=1):
        title = visible(f"{n} {title}")
        shown = title if len(title) <= room else title[:room - 1] + "…"
        out.append(f"  {shown:<{room}}{scale:<{wide}}{gap:>4}".rstrip())
        # why the level is what it is, as the short report says it first (what holds it);
        # where a cap holds it as well as the weakest precondition, the cap (a cold read:
        # "resources supports Advise" on a medication change read as "more support, more
        # freedom with medicine", where an irreversible mistake holds it there)
        below = n - 1 < len(board.agreed) and board.agreed[n - 1] is not None
        out += text_report._wrap(why_line(a, below), "      ", "      ", width)
        if warned:
            out += text_report._wrap(visible(warned), "      ", "      ", width)
    out += [""] + text_report._wrap(_("Review of the whole board: {date}").format(
        date=format_date(board.review_date)), "", "  ", width)
    if full:
        for a in board.areas:
            out += ["", "=" * min(width, 60), text_report.render(area_report(board, a), width)]
    return "\n".join(out).rstrip("\n") + "\n"


def render_markdown(board: Any) -> str:
    """The board as Markdown: a table, the review date, and each area's full report."""
    from . import markdown
    out = [f"# {escape(heading(board))}", "", escape(shared_scores(board)), ""]
    asked = self_view_lines(board)
    if asked:
        out += [f"## {escape(self_view.heading(board.subject.name))}", ""]
        out += [f"- {escape(line)}" for line in asked] + [""]
    own = board.self_view.levels if board.self_view is not None and board.self_view.shown \
        else None
    head = [_("Decision area"), _("Recommended"), _("Agreed"), _("Gap")]
    if own is not None:
        head.append(self_view.column(self_view.said_name(board.self_view,
                                                         board.subject.name)))
    out += ["| " + " | ".join(escape(h) for h in head) + " |", "|" + "---|" * len(head)]
    for i, (a, (title, _scale, gap, _warned)) in enumerate(zip(board.areas, rows(board))):
        agreed = f"{a.planned.number} {a.planned.label}" if a.planned else ""
        cells = [title, f"{a.level.number} {a.level.label}", agreed, gap]
        if own is not None:  # the level the self-view carries (none where it answered nothing)
            cells.append(f"{own[i].number} {own[i].label}" if own[i] is not None else "")
        out.append("| " + " | ".join(escape(c).replace("|", "\\|") for c in cells) + " |")
    out += ["", escape(_("Review of the whole board: {date}").format(
        date=format_date(board.review_date)))]
    for a in board.areas:
        out += ["", markdown.render(area_report(board, a)).replace("\n# ", "\n## ")]
    return "\n".join(out) + "\n"
