"""Limits a later layer weakened: a red line or cap that one layer defined and another
switched off or patched to hold less. Said wherever the rules are shown (`assess --full`,
`rules list`, `rules diff`), so that no layer weakens another's limit unseen.

What counts as weakening (docs/rules.md): the limit turned off (`disable:`); its cap
raised (`level` higher) or removed (`level: null`, a red line that then only requires);
a required measure dropped from `require`; a safeguard added to `lifted_by`, or lifting
it higher; its condition replaced (`when` is replaced whole: whether the new one holds in
fewer cases is not decided here, so every replacement is said); a measure a red line
requires patched by a later layer (reworded, given another kind or condition: whether
it still asks as much is not decided here either, so every such patch is said).
"""

from __future__ import annotations

from typing import Any, NamedTuple

from ..i18n import _

LIMITS = ("caps", "red_lines")


class Weakening(NamedTuple):
    """One change that makes a limit hold less; `change` is a stable id."""

    rule: str  # the limit's id
    section: str  # caps | red_lines | measures (a control that takes the decision back)
    layer: str  # the layer that defined it
    by: str  # the layer that weakened it
    source: str  # "path:line" of the patch or the `disable`
    change: str  # disabled | cap-raised | cap-removed | require-dropped | lifted | condition
    # | takes-back-cleared (a control, section "measures")
    # | require-changed (before: the measure's id, after: the fields changed)
    # (and absent: in `rules diff`, not in the other rule set at all)
    before: Any = None  # the old level, the measures dropped, the safeguard: old level
    after: Any = None  # the new level, …, the safeguard: new level


def changes(rule: str, section: str, layer: str, by: str, source: str, before: dict,
            after: dict) -> list[Weakening]:
    """What `after` (the limit as another layer left it) holds less than `before`."""
    found = []

    def said(change: str, old: Any = None, new: Any = None) -> None:
        found.append(Weakening(rule, section, layer, by, source, change, old, new))

    old, new = before.get("level"), after.get("level")
    if old is not None and new is None:
        said("cap-removed", old)
    elif old is not None and new > old:
        said("cap-raised", old, new)
    dropped = [m for m in before.get("require") or () if m not in (after.get("require") or ())]
    if dropped:
        said("require-dropped", dropped)
    lifts, was = after.get("lifted_by") or {}, before.get("lifted_by") or {}
    for safeguard, level in lifts.items():
        if safeguard not in was or level > was[safeguard]:
            said("lifted", {safeguard: was.get(safeguard)}, {safeguard: level})
    if before.get("when") != after.get("when"):
        said("condition")
    return found


def layered(rule: str, section: str, steps: list[tuple[str, str, dict]],
            disabled: tuple[str, str] | None) -> list[Weakening]:
    """The weakenings of one limit across its layers: `steps` are (layer, "path:line",
    the limit as merged so far) from its definition on; `disabled`, (layer, "path:line")
    of a `disable` of it. A layer changing its own limit weakens no one else's."""
    if section == "measures":
        return _takes_back_cleared(rule, steps)
    if section not in LIMITS:
        return []
    found: list[Weakening] = []
    owner, _source, before = steps[0]
    for layer, source, after in steps[1:]:
        if layer != owner:
            found += changes(rule, section, owner, layer, source, before, after)
        before = after
    if disabled is not None and disabled[0] != owner:
        found.append(Weakening(rule, section, owner, disabled[0], disabled[1], "disabled"))
    return found


def _takes_back_cleared(rule: str, steps: list[tuple[str, str, dict]]) -> list[Weakening]:
    """A control that takes the decision back (`takes_back`), which a later layer than
    its own marked as not doing so: from Advise up it would then be shown as a check
    before a decision takes effect, which the level hands over (`rules check` looks for
    such controls by that mark, and no longer sees it)."""
    owner, _source, before = steps[0]
    found = []
    for layer, source, after in steps[1:]:
        if layer != owner and before.get("takes_back") and not after.get("takes_back"):
            found.append(Weakening(rule, "measures", owner, layer, source,
                                   "takes-back-cleared"))
        before = after
    return found


def required_changed(rule: str, layer: str, require: list[str],
                     measures: dict[str, list[tuple[str, str, dict]]],
                     order: dict[str, int]) -> list[Weakening]:
    """The patches a later layer than the red line's own (`layer`; `order`: each layer's
    place) made to a measure it requires: `measures` gives each measure's steps, as
    `layered` takes them (layer, "path:line", the measure as merged so far)."""
    found: list[Weakening] = []
    for measure in require:
        steps = measures.get(measure) or []
        for (_layer, _source, before), (by, source, after) in zip(steps, steps[1:]):
            fields = sorted(k for k in before.keys() | after.keys()
                            if before.get(k) != after.get(k))
            if fields and by != layer and order.get(by, 0) > order.get(layer, 0):
                found.append(Weakening(rule, "red_lines", layer, by, source,
                                       "require-changed", measure, fields))
    return found


def between(a: Any, b: Any, name_b: str) -> list[Weakening]:
    """What rule set `b` (named `name_b`) holds less than `a` of `a`'s limits (`rules
    diff A B`), each named with the layer of `a` that defined it."""
    found: list[Weakening] = []
    limits_b = {r.id: r for r in [*b.caps, *b.red_lines]}
    off_b = {d.rule.id: d.by for d in b.disabled}
    for limit in [*a.caps, *a.red_lines]:
        other = limits_b.get(limit.id)
        if other is None:
            found.append(Weakening(limit.id, limit.section, limit.layer, name_b,
                                   off_b.get(limit.id, ""), "disabled" if limit.id in off_b
                                   else "absent"))
        else:
            found += changes(limit.id, limit.section, limit.layer, name_b, other.source,
                             limit.item, other.item)
    ours, theirs = a.measures(), b.measures()
    for line in a.red_lines:  # a measure it requires, changed in b (where it is in force)
        for measure in line.get("require") or () if line.id in limits_b else ():
            mine, other = ours.get(measure), theirs.get(measure)
            fields = sorted(k for k in mine.raw.keys() | other.raw.keys()
                            if mine.raw.get(k) != other.raw.get(k)) if mine and other else []
            if fields:
                found.append(Weakening(line.id, "red_lines", line.layer, name_b,
                                       (list(other.patches) or [other.source])[-1],
                                       "require-changed", measure, fields))
    return found


def said(w: Weakening) -> str:
    """A weakening in a sentence, in the user's language."""
    what = (_("red line {id}") if w.section == "red_lines" else _("control {id}")
            if w.section == "measures" else _("cap {id}")).format(id=w.rule)
    where = f"{w.by} ({w.source})" if w.source else w.by
    return _("{what} of layer {layer}, weakened by layer {by}: {how}").format(
        what=what, layer=w.layer, how=how(w), by=where)


def how(w: Weakening) -> str:
    """What a weakening changed, in a few words."""
    if w.change == "absent":
        return _("not in force")
    if w.change == "disabled":
        return _("turned off")
    if w.change == "cap-raised":
        return _("its cap raised from level {old} to {new}").format(old=w.before, new=w.after)
    if w.change == "cap-removed":
        return _("its cap of level {old} removed").format(old=w.before)
    if w.change == "require-dropped":
        return _("no longer requires {ids}").format(ids=", ".join(w.before))
    if w.change == "require-changed":
        return _("the measure it requires, {id}, changed ({fields})").format(
            id=w.before, fields=", ".join(w.after))
    if w.change == "lifted":
        (safeguard, level), = w.after.items()
        return _("lifted to level {level} by {safeguard} in place").format(
            level=level, safeguard=safeguard)
    if w.change == "takes-back-cleared":
        return _("no longer marked as taking the decision back: from Advise up it would "
                 "be a check before a decision takes effect")
    return _("its condition replaced")
