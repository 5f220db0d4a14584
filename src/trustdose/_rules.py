"""Load rule folders into one compiled `RuleSet`.

The default rubrics ship inside the package; organisation folders given with
`--rules DIR` are layered over them in order: an entry with the same id (a rubric with
the same dimension, a level with the same number) replaces the earlier one, new ids are
added. Loading is strict and reports every problem at once: YAML errors, unknown fields,
wrong values, duplicate ids, unknown condition fields, gaps in the level bands.
Conditions are compiled once here, so assessing a case only calls closures.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import ValidationError

from ._conditions import DECIDED_FACTS, FACTS, Condition, Test, compile_condition
from ._errors import Problem, RulesError
from ._rulefile import DIMENSIONS, LEVEL_NAMES, RuleFile
from ._source import Document, SourceError, read_file
from ._validation import did_you_mean, problems_from

T = TypeVar("T")
SECTIONS = ("levels", "carry", "caps", "review", "measures", "warnings", "checklist",
            "questions")
# Names a warning, checklist item or question may use as {placeholder}.
PLACEHOLDERS = ("level", "planned", "carried", "limiting", "subject", "task", "review_date",
                "cap_reason")


def default_rules_dir() -> Path:
    """The shipped rules: inside the installed package, or `rules/` in a source checkout."""
    packaged = Path(__file__).parent / "rules"
    return packaged if packaged.is_dir() else Path(__file__).parents[2] / "rules"


@dataclass(frozen=True)
class Entry(Generic[T]):
    """One rule as loaded: the validated item, where it came from, its compiled test."""

    item: T
    source: str  # "path:line", shown in reports and the trace
    layer: str  # "default" or the folder it came from
    test: Test = field(repr=False, compare=False)
    doc: Document | None = field(repr=False, compare=False)  # None when read from the cache
    loc: tuple = field(repr=False, compare=False)

    @property
    def id(self) -> str:
        item: Any = self.item
        return getattr(item, "id", None) or getattr(item, "dimension", None) or item.name


@dataclass
class RuleSet:
    """The whole rule set in force: rubrics, levels, bands, caps and measure catalogues."""

    rubrics: dict[str, Entry] = field(default_factory=dict)
    levels: dict[int, Entry] = field(default_factory=dict)
    carry: list[Entry] = field(default_factory=list)
    caps: list[Entry] = field(default_factory=list)
    review: list[Entry] = field(default_factory=list)
    controls: list[Entry] = field(default_factory=list)
    feedback: list[Entry] = field(default_factory=list)
    warnings: list[Entry] = field(default_factory=list)
    checklist: list[Entry] = field(default_factory=list)
    questions: list[Entry] = field(default_factory=list)
    layers: list[str] = field(default_factory=list)

    def __repr__(self) -> str:
        return (f"RuleSet(layers={self.layers}, rubrics={len(self.rubrics)}, "
                f"controls={len(self.controls)}, feedback={len(self.feedback)})")

    def all_entries(self) -> list[Entry]:
        return [*self.rubrics.values(), *self.levels.values(), *self.carry, *self.caps,
                *self.review, *self.controls, *self.feedback, *self.warnings,
                *self.checklist, *self.questions]


def load_rules(extra: list[Path] | tuple[Path, ...] = ()) -> RuleSet:
    """Load the default rules with each folder of `extra` layered over them in order."""
    from . import _cache

    problems: list[Problem] = []
    layers = [("default", default_rules_dir())] + [(str(p), Path(p)) for p in extra]
    files = [(layer, path) for layer, folder in layers
             for path in _rule_files(folder, problems)]
    if problems:
        raise RulesError(problems)
    cache_key = _cache.key([path for _, path in files])
    rows = _cache.load(cache_key)
    if rows is None:
        rows = _parse(files, problems)
        if not problems:
            rules = _assemble(rows, [name for name, _ in layers])
            problems.extend(_check(rules, layers[-1][0]))
        if problems:
            raise RulesError(problems)
        # the Document of each entry only serves error messages while loading
        _cache.save(cache_key, [(s, e.item, e.source, e.layer, e.loc) for s, e in rows])
    else:
        rows = [(s, Entry(item, source, layer, compile_condition(getattr(item, "when", None)),
                          None, loc)) for s, item, source, layer, loc in rows]
    return _assemble(rows, [name for name, _ in layers])


def _rule_files(folder: Path, problems: list[Problem]) -> list[Path]:
    if not folder.is_dir():
        problems.append(Problem(str(folder), None, None,
                                "rules folder not found" if not folder.exists()
                                else "is a file; --rules takes a folder of *.yaml files"))
        return []
    files = sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")])
    if not files:
        problems.append(Problem(str(folder), None, None, "no *.yaml rule files in this folder"))
    return files


def _parse(files: list[tuple[str, Path]], problems: list[Problem]) -> list[tuple[str, Entry]]:
    """Read and validate every file; later layers replace earlier entries with the same id."""
    merged: dict[tuple[str, Any], Entry] = {}
    seen: dict[tuple[str, str, Any], Entry] = {}
    for layer, path in files:
        shown = f"rules/{path.name}" if layer == "default" else str(path)
        try:
            doc = read_file(path, shown)
        except SourceError as exc:
            problems.append(exc.problem)
            continue
        if not isinstance(doc.data, dict):
            problems.append(doc.problem((), "a rule file must be a mapping of sections",
                                        "sections: rubric, " + ", ".join(SECTIONS)))
            continue
        try:
            rule_file = RuleFile.model_validate(doc.data)
        except ValidationError as exc:
            problems.extend(problems_from(exc, doc, RuleFile))
            continue
        for section, key, entry in _entries(doc, rule_file, layer):
            first = seen.get((layer, section, key))
            if first is not None:
                problems.append(doc.problem(entry.loc, f"duplicate {section} id '{key}'",
                                            f"already defined at {first.source}"))
                continue
            seen[(layer, section, key)] = merged[(section, key)] = entry
    return [(section, entry) for (section, _), entry in merged.items()]


def _assemble(rows: list[tuple[str, Entry]], layers: list[str]) -> RuleSet:
    by: dict[str, list[Entry]] = {}
    for section, entry in rows:
        by.setdefault(section, []).append(entry)
    measures = by.get("measures", [])
    return RuleSet(
        rubrics={e.item.dimension: e for e in by.get("rubric", [])},
        levels={e.item.number: e for e in by.get("levels", [])},
        carry=sorted(by.get("carry", []), key=lambda e: -e.item.at_least),
        caps=by.get("caps", []), review=by.get("review", []),
        controls=[e for e in measures if e.item.kind == "control"],
        feedback=[e for e in measures if e.item.kind == "feedback"],
        warnings=by.get("warnings", []), checklist=by.get("checklist", []),
        questions=by.get("questions", []), layers=layers)


def _entries(doc: Document, rule_file: RuleFile, layer: str):
    """Every rule in one file as (section, key, Entry), with its source line."""
    def entry(item: Any, loc: tuple, condition: Condition | None) -> Entry:
        line, _ = doc.where(loc)
        return Entry(item, f"{doc.path}:{line}", layer, compile_condition(condition), doc, loc)

    if rule_file.rubric is not None:
        yield "rubric", rule_file.rubric.dimension, entry(rule_file.rubric, ("rubric",), None)
    for section in SECTIONS:
        for i, item in enumerate(getattr(rule_file, section) or ()):
            key = item.number if section == "levels" else item.id
            yield section, key, entry(item, (section, i), getattr(item, "when", None))


def _check(rules: RuleSet, where: str) -> list[Problem]:
    """Checks that need the whole merged rule set: completeness and references."""
    problems: list[Problem] = []
    for dim in DIMENSIONS:
        if dim not in rules.rubrics:
            problems.append(Problem(where, None, None, f"no rubric for the dimension '{dim}'",
                                    "each of competence, intention, resources, risk needs one"))
    for number, name in enumerate(LEVEL_NAMES, start=1):
        entry = rules.levels.get(number)
        if entry is None:
            problems.append(Problem(where, None, None, f"level {number} ({name}) is not defined"))
        elif entry.item.name != name:
            problems.append(entry.doc.problem(entry.loc + ("name",),
                            f"level {number} must be named '{name}', found '{entry.item.name}'",
                            "the seven levels are: " + ", ".join(LEVEL_NAMES)))
    if not rules.carry:
        problems.append(Problem(where, None, None, "no 'carry' bands: no case would get a level"))
    elif rules.carry[-1].item.at_least > 1:
        low = rules.carry[-1]
        problems.append(low.doc.problem(low.loc + ("at_least",),
                        f"gap: a weakest precondition below {low.item.at_least} gets no level",
                        "add a band with at_least: 1"))
    for higher, lower in zip(rules.carry, rules.carry[1:]):
        if higher.item.level < lower.item.level:
            problems.append(higher.doc.problem(higher.loc + ("level",),
                            f"band '{higher.id}' gives a lower level than '{lower.id}' "
                            "for a stronger precondition",
                            "levels must not fall as the weakest precondition rises"))
    if not any(e.item.when is None for e in rules.review):
        problems.append(Problem(where, None, None, "no review rule without a condition",
                                "add a last review rule with only id and days, as the default"))
    indicators = {f"{d}.{i.id}" for d, e in rules.rubrics.items() for i in e.item.indicators}
    known = set(FACTS) | indicators
    for entry in rules.all_entries():
        problems.extend(_check_entry(entry, known))
    return problems


def _check_entry(entry: Entry, known: set[str]) -> list[Problem]:
    problems = []
    condition = getattr(entry.item, "when", None)
    section = entry.loc[0]
    for loc, name in condition.fields() if condition else ():
        if name not in known:
            hint = did_you_mean(name, known) or "see 'Condition fields' in the README"
            problems.append(entry.doc.problem(entry.loc + ("when",) + loc,
                                              f"unknown condition field '{name}'", hint))
        elif section in ("caps", "measures") and name in DECIDED_FACTS and \
                (section == "caps" or entry.item.kind == "control"):
            problems.append(entry.doc.problem(
                entry.loc + ("when",) + loc,
                f"'{name}' is only known after the level is decided",
                "caps and controls may test scores, indicators, tags and planned"))
    for key in ("message", "text"):
        for lang, text in (getattr(entry.item, key, None) or {}).items():
            try:
                names = [name for _, name, _, _ in string.Formatter().parse(text)]
            except ValueError as exc:
                problems.append(entry.doc.problem(entry.loc + (key, lang), f"{exc}",
                                                  "write {{ and }} for literal braces"))
                continue
            for name in names:
                if name is not None and name not in PLACEHOLDERS:
                    problems.append(entry.doc.problem(
                        entry.loc + (key, lang), f"unknown placeholder '{{{name}}}'",
                        "allowed: " + ", ".join("{" + p + "}" for p in PLACEHOLDERS)))
    return problems
