"""The summary of a batch run: how many cases, the levels, the most common weakest
precondition, the warnings by kind, the rejected rows, and whether the journal's history
was used; counted as the rows come (workers' counts added up), said in the language at
the end."""

from __future__ import annotations

from collections import Counter

from ..i18n import _, format_count, ngettext
from ..model.assessment import Assessment


class Summary:
    """Counts for the end of a run: levels, limiting preconditions, warnings, rejected,
    and the cases assessed with a history from the journal."""

    def __init__(self) -> None:
        # what each case came to (`Assessment.outcome`, a few shared parts) → cases: one
        # count a case, as a batch adds up many thousands a second; totals at the end
        self.outcomes: Counter = Counter()
        self.rejected = 0
        self.histories = 0  # cases whose subject the journal knew

    def add(self, a: Assessment | None) -> None:
        if a is None:
            self.rejected += 1
            return
        outcome = a.outcome
        if outcome[3].value.lines:  # a history: parts made for this case alone, counted plain
            self.histories += 1  # so memory stays flat
            outcome = _plain(outcome)
        self.outcomes[outcome] += 1

    def plain(self) -> "Summary":
        """The same counts under plain keys (level, weakest, its name, warning kinds),
        to send from a worker process to the main one."""
        plain = Summary()
        plain.rejected, plain.histories = self.rejected, self.histories
        for outcome, count in self.outcomes.items():
            plain.outcomes[_plain(outcome)] += count
        return plain

    def merge(self, other: "Summary") -> None:
        """Add the counts of another part of the same run."""
        self.outcomes.update(other.outcomes)
        self.rejected += other.rejected
        self.histories += other.histories

    @property
    def cases(self) -> int:
        return sum(self.outcomes.values())

    def lines(self, titles: dict[str, str], journal: str | None = None,
              left_out: str = "") -> list[str]:
        """The summary in the language; `titles` names the warning kinds, `journal` the
        journal whose history was used (None: none was, for the reason `left_out`)."""
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
            f"{n} {label}: {format_count(count)}"
            for (n, label), count in sorted(levels.items()))))
        (most, count), = limiting.most_common(1)
        out.append(_("most often the weakest precondition: {dimension} ({cases})").format(
            dimension=names[most], cases=_count(count)))
        out.append(_("warnings: {counts}").format(counts="; ".join(
            f"{titles[kind]} ({kind}): {format_count(count)}" if kind in titles else
            f"{kind}: {format_count(count)}" for kind, count
            in warnings.most_common()) or _("none")))
        if journal is not None:
            out.append(_("history from the journal {path}: {cases}").format(
                path=journal, cases=_count(self.histories)))
        else:
            out.append(_("no history from a journal was used") + (
                f" ({left_out})" if left_out else ""))
        return out


def _plain(outcome: tuple) -> tuple:
    if len(outcome) == 4 and not hasattr(outcome[0], "value"):
        return outcome  # plain already
    decided, limiting, warnings, past = outcome
    return (decided.value.level, limiting, decided.value.why.titles[limiting],
            tuple([w.kind for w in warnings.value] + [w.kind for w in past.value.cautions]))


def _count(n: int) -> str:
    return ngettext("{n} case", "{n} cases", n).format(n=format_count(n))
