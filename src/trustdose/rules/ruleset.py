"""The rule set in force: every rule as loaded from its layers, grouped by what it does.

A `Rule` is one item of a rule file after layering: its validated item (a plain dict of
the shape in `rules.files`), where it was defined and patched, and its compiled
condition. A `RuleSet` holds them by section; it is plain data, made by `rules.loader`
and read by the engine, the analysis and the commands.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, NamedTuple, Sequence

from ..i18n import current, pick
from .conditions import Test

# What an absent optional key of a rule item means (see the shapes in `rules.files`).
DEFAULTS: dict[str, Any] = {"aggregate": "mean", "require": [], "when": None, "cite": None,
                            "level": None, "title": None, "lifted_by": {}, "priority": 50,
                            "supersedes": [], "takes_back": False}


class Layer(NamedTuple):
    """One folder of rules in the layering, and why it is there."""

    name: str  # "default", or the folder as given
    origin: str  # default | config | TRUSTDOSE_RULES | given (by the caller)
    folder: Path


class Rule(NamedTuple):
    """One rule as loaded: the validated item, where it came from, its compiled test."""

    section: str
    key: Any  # the id; a rubric's dimension; a level's number
    item: dict  # the validated item (see rules.files); absent keys mean DEFAULTS
    source: str  # "path:line" where it was defined, shown in reports and the trace
    layer: str  # the layer that defined it: "default" or a folder
    patches: tuple[str, ...]  # "path:line" of each overlay patch, in order
    raw: dict  # the merged item as written, for `rules show`
    test: Test  # its condition, compiled; always true without one
    children: tuple = ()  # a rubric's indicators: ((id, "path:line"), …)

    @property
    def id(self) -> str:
        return str(self.key)

    def get(self, key: str) -> Any:
        """A field of the item, or what its absence means."""
        return self.item.get(key, DEFAULTS.get(key))

    def __repr__(self) -> str:
        return f"Rule({self.section}:{self.key} @ {self.source})"


class Disabled(NamedTuple):
    rule: Rule
    by: str  # "path:line" of the `disable` that switched it off


def default_rules_dir() -> Path:
    """The shipped rules: inside the installed package, or `rules/` in a source checkout."""
    packaged = Path(__file__).parents[1] / "defaults"
    return packaged if packaged.is_dir() else Path(__file__).parents[3] / "rules"


@dataclass(eq=False, repr=False)  # compared by identity: the engine keeps its plans per rule set
class RuleSet:
    """The whole rule set in force: rubrics, levels, bands, caps and measure catalogues.
    As loaded, its sections are tuples and read-only mappings (`loader.assemble`)."""

    rubrics: Mapping[str, Rule] = field(default_factory=dict)
    levels: Mapping[int, Rule] = field(default_factory=dict)
    carry: Sequence[Rule] = ()  # highest band first
    caps: Sequence[Rule] = ()
    red_lines: Sequence[Rule] = ()
    review: Sequence[Rule] = ()
    controls: Sequence[Rule] = ()
    feedback: Sequence[Rule] = ()
    warnings: Sequence[Rule] = ()
    checklist: Sequence[Rule] = ()
    questions: Sequence[Rule] = ()
    sources: Sequence[Rule] = ()  # the texts cites name
    # the leader's own instruments (rules.instruments): not read by the engine
    levers: Sequence[Rule] = ()  # by number, 1-9
    legs: Sequence[Rule] = ()
    worthy: Sequence[Rule] = ()
    stances: Sequence[Rule] = ()
    talk: Sequence[Rule] = ()
    layers: Sequence[Layer] = ()
    disabled: Sequence[Disabled] = ()
    weakened: Sequence = ()  # limits a later layer weakened (Weakening)
    digest: str = ""  # content hash of the rules in force, for reproducible results

    def __repr__(self) -> str:
        return (f"RuleSet(layers={[layer.name for layer in self.layers]}, "
                f"rubrics={len(self.rubrics)}, controls={len(self.controls)}, "
                f"feedback={len(self.feedback)}, red_lines={len(self.red_lines)})")

    def all_rules(self) -> list[Rule]:
        """The delegation rules: what the engine reads and the grid analyses walk."""
        return [*self.rubrics.values(), *self.levels.values(), *self.carry, *self.caps,
                *self.red_lines, *self.review, *self.controls, *self.feedback,
                *self.warnings, *self.checklist, *self.questions]

    def instruments(self) -> list[Rule]:
        """The leader's own instruments (levers, stool legs, …): rules the engine never
        reads, so the grid's analyses leave them out (`all_rules` is what they walk)."""
        return [*self.levers, *self.legs, *self.worthy, *self.stances, *self.talk]

    def every_rule(self) -> list[Rule]:
        """Every rule in force, for listing, finding and checking texts and cites."""
        return [*self.all_rules(), *self.instruments()]

    def measures(self) -> dict[str, Rule]:
        return {r.id: r for r in [*self.controls, *self.feedback]}

    def limit(self, rule_id: str) -> Rule | None:
        """The cap or red line with this id."""
        return next((r for r in [*self.caps, *self.red_lines] if r.id == rule_id), None)

    def indicators(self, dimension: str) -> list[str]:
        return [i["id"] for i in self.rubrics[dimension].item["indicators"]]

    def indicator_names(self, dimension: str) -> list[str]:
        """The dimension's indicators by their labels in the current language."""
        return [pick(i.get("label")) or i["id"]
                for i in self.rubrics[dimension].item["indicators"]]

    def level_labels(self) -> dict[str, int]:
        """Every label of every level in every language (casefolded) → its number, so a
        leader may name a level in their own words: uddelegere, delegera, Delegate. The
        current language's labels come first, so a hint names a level in its words."""
        lang = current()
        found = {rule.item["label"][lang].casefold(): number
                 for number, rule in self.levels.items() if lang in rule.item["label"]}
        return found | {text.casefold(): number for number, rule in self.levels.items()
                        for text in [*rule.item["label"].values(), *rule.item.get("also", ())]}

    def level_names(self) -> list[str]:
        """The levels' names in the current language, 1 to 7 (`Fortælle` … `Uddelegere`)."""
        return [pick(self.levels[number].item["label"]) for number in sorted(self.levels)]

    def find(self, key: str) -> list[Rule]:
        """Every active rule whose id (or dimension, or level number/name) is `key`,
        also a level named in any language (`uddelegere`)."""
        number = self.level_labels().get(key.casefold())
        return [r for r in self.every_rule()
                if r.id == key or (r.section == "levels" and (r.item["name"] == key
                                                              or r.key == number))]
