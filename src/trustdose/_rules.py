"""Load rule folders into one compiled `RuleSet`, layer by layer.

Layers, in order, later ones over earlier ones: the default rules shipped in the package;
the folders named in the user's config file; those in `TRUSTDOSE_RULES`; each
`--rules DIR`. Within that order:
- an item with a new key (its `id`; a rubric's `dimension`; a level's `number`) is added;
- an item whose key an earlier layer defined is a *patch*: only the fields it gives change.
  Texts merge per language, lists of items with ids (indicators) merge by id, other
  values replace, and `null` removes a field;
- `disable: [id, ...]` switches earlier rules off (they stay visible in `rules list`).
Ids are unique across sections. Loading is strict and reports every problem at once:
YAML errors, unknown fields, wrong values, duplicate ids, unknown condition fields,
unknown required measures, gaps in the level bands.

Conditions are compiled once here. Rule items are kept as plain attribute views
(`SimpleNamespace`) of the validated models, so a run served from the compiled-rules
cache never has to define the pydantic classes (a measurable share of start-up).
"""

from __future__ import annotations

import hashlib
import json
import string
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any, NamedTuple

from ._conditions import DECIDED_FACTS, FACTS, Test, compile_condition, fields_of, is_known
from ._errors import Problem, RulesError
from ._i18n import N_, _
from ._source import Document, SourceError, read_file
from ._vocabulary import DIMENSIONS, LEVEL_NAMES

# Every section a rule file may have, in the order they are listed and explained.
SECTIONS = ("rubric", "levels", "carry", "caps", "red_lines", "review", "measures",
            "warnings", "checklist", "questions")
# Names a warning, checklist item or question may use as {placeholder}.
PLACEHOLDERS = ("level", "planned", "carried", "limiting", "subject", "task", "review_date",
                "cap_reason")
# A patch replaces these wholesale instead of merging them (a condition is one unit).
_REPLACED = frozenset({"when"})


class Layer(NamedTuple):
    """One folder of rules in the layering, and why it is there."""

    name: str  # "default", or the folder as given
    origin: str  # default | config | TRUSTDOSE_RULES | --rules
    folder: Path


class Entry(NamedTuple):
    """One rule as loaded: the validated item, where it came from, its compiled test."""

    section: str
    key: Any  # the id; a rubric's dimension; a level's number
    item: Any  # attribute view of the validated model (Rubric, Level, Band, Cap, …)
    source: str  # "path:line" where it was defined, shown in reports and the trace
    layer: str  # the layer that defined it: "default" or a folder
    patches: tuple[str, ...]  # "path:line" of each overlay patch, in order
    raw: dict  # the merged item as written, for `rules show`
    test: Test
    children: tuple = ()  # a rubric's indicators: ((id, "path:line"), …)
    # while loading only, for error positions: (document, path, raw) of the definition
    # and of each patch
    parts: tuple = ()

    @property
    def id(self) -> str:
        return str(self.key)

    def __repr__(self) -> str:
        return f"Entry({self.section}:{self.key} @ {self.source})"


class Disabled(NamedTuple):
    entry: Entry
    by: str  # "path:line" of the `disable` that switched it off


def default_rules_dir() -> Path:
    """The shipped rules: inside the installed package, or `rules/` in a source checkout."""
    packaged = Path(__file__).parent / "rules"
    return packaged if packaged.is_dir() else Path(__file__).parents[2] / "rules"


@dataclass(eq=False, repr=False)  # eq and repr unused; each generated method costs start-up
class RuleSet:
    """The whole rule set in force: rubrics, levels, bands, caps and measure catalogues."""

    rubrics: dict[str, Entry] = field(default_factory=dict)
    levels: dict[int, Entry] = field(default_factory=dict)
    carry: list[Entry] = field(default_factory=list)
    caps: list[Entry] = field(default_factory=list)
    red_lines: list[Entry] = field(default_factory=list)
    review: list[Entry] = field(default_factory=list)
    controls: list[Entry] = field(default_factory=list)
    feedback: list[Entry] = field(default_factory=list)
    warnings: list[Entry] = field(default_factory=list)
    checklist: list[Entry] = field(default_factory=list)
    questions: list[Entry] = field(default_factory=list)
    layers: list[Layer] = field(default_factory=list)
    disabled: list[Disabled] = field(default_factory=list)
    digest: str = ""  # content hash of the rules in force, for reproducible results
    memo: dict = field(default_factory=dict)  # the engine's cache of decisions

    def __repr__(self) -> str:
        return (f"RuleSet(layers={[layer.name for layer in self.layers]}, "
                f"rubrics={len(self.rubrics)}, controls={len(self.controls)}, "
                f"feedback={len(self.feedback)}, red_lines={len(self.red_lines)})")

    def all_entries(self) -> list[Entry]:
        return [*self.rubrics.values(), *self.levels.values(), *self.carry, *self.caps,
                *self.red_lines, *self.review, *self.controls, *self.feedback,
                *self.warnings, *self.checklist, *self.questions]

    def measures(self) -> dict[str, Entry]:
        return {e.id: e for e in [*self.controls, *self.feedback]}

    def level_labels(self) -> dict[str, int]:
        """Every label of every level in every language (casefolded) → its number, so a
        leader may name a level in their own words: uddelegere, delegera, Delegate."""
        labels = self.memo.get("level labels")
        if labels is None:  # asked for every case of a batch
            labels = self.memo["level labels"] = {
                text.casefold(): number for number, entry in self.levels.items()
                for text in entry.item.label.values()}
        return labels

    def find(self, key: str) -> list[Entry]:
        """Every active rule whose id (or dimension, or level number/name) is `key`."""
        return [e for e in self.all_entries()
                if e.id == key or (e.section == "levels" and e.item.name == key)]


def layers_for(extra: list[Path] | tuple[Path, ...] = (), user: bool = True) -> list[Layer]:
    """The layers in order: defaults, then (with `user`) config and TRUSTDOSE_RULES, then
    `extra` (the command line's --rules)."""
    layers = [Layer("default", "default", default_rules_dir())]
    if user:
        from ._config import env_rules, load_config
        layers += [Layer(str(p), "config", p) for p in load_config().rules]
        layers += [Layer(str(p), "TRUSTDOSE_RULES", p) for p in env_rules()]
    return layers + [Layer(str(p), "--rules", Path(p)) for p in extra]


def load_rules(extra: list[Path] | tuple[Path, ...] = (), *, user: bool = True) -> RuleSet:
    """Load the default rules with the user's layers (config file, TRUSTDOSE_RULES; unless
    `user` is false) and each folder of `extra` layered over them in order."""
    return load_layers(layers_for(extra, user))


def load_layers(layers: list[Layer]) -> RuleSet:
    from . import _cache

    problems: list[Problem] = []
    files = [(layer, path) for layer in layers for path in _rule_files(layer, problems)]
    if problems:
        raise RulesError(problems)
    cache_key = _cache.key([path for _layer, path in files])
    cached = _cache.load(cache_key)
    if cached is not None:
        try:
            rows, disabled, digest = cached
            return _assemble([_revive(r) for r in rows],
                             [Disabled(_revive(r), by) for r, by in disabled], layers, digest)
        except (ValueError, TypeError, AttributeError):  # another shape: load from YAML
            pass
    entries, disabled = _parse(files, problems)
    if not problems:
        digest = _digest(entries, disabled)
        rules = _assemble(entries, disabled, layers, digest)
        problems.extend(_check(rules, layers[-1].name))
    if problems:
        raise RulesError(problems)
    _cache.save(cache_key, ([_row(e) for e in entries],
                            [(_row(d.entry), d.by) for d in disabled], digest))
    return rules


def _row(e: Entry) -> tuple:
    # the Document and the compiled test are rebuilt or not needed after loading
    return (e.section, e.key, e.item, e.source, e.layer, e.patches, e.raw, e.children)


def _revive(row: tuple) -> Entry:
    section, key, item, source, layer, patches, raw, children = row
    return Entry(section, key, item, source, layer, patches, raw,
                 compile_condition(getattr(item, "when", None)), children)


_GIVEN_BY = {"config": N_("listed in your config file ({config})"),
             "TRUSTDOSE_RULES": N_("named in TRUSTDOSE_RULES"), "--rules": N_("given with --rules")}


def _sections() -> str:
    return _("sections: {names}").format(names=", ".join([*SECTIONS, "disable"]))


def _rule_files(layer: Layer, problems: list[Problem]) -> list[Path]:
    folder = layer.folder
    if not folder.is_dir():
        hint = _GIVEN_BY.get(layer.origin)
        if hint and "{config}" in hint:
            from ._config import config_path
            hint = _(hint).format(config=config_path())
        elif hint:
            hint = _(hint)
        problems.append(Problem(str(folder), None, None,
                                _("rules folder not found") if not folder.exists()
                                else _("is a file; a rules layer is a folder of *.yaml files"),
                                hint))
        return []
    files = sorted(p for p in [*folder.glob("*.yaml"), *folder.glob("*.yml")]
                   if not is_test_file(p))
    if not files:
        problems.append(Problem(str(folder), None, None, _("no *.yaml rule files in this folder")))
    return files


def is_test_file(path: Path) -> bool:
    """Rule tests (`*.test.yaml`) live next to the rules but are not rules."""
    return path.name.endswith((".test.yaml", ".test.yml"))


class _Draft:
    """One item being merged across layers before it is validated."""

    def __init__(self, section: str, key: Any, raw: dict, layer: Layer, doc: Document,
                 loc: tuple) -> None:
        self.section, self.key, self.raw, self.layer = section, key, raw, layer
        self.parts = [(doc, loc, raw)]  # the definition, then each patch
        self.last_layer = layer
        self.disabled_by: str | None = None

    def source(self, index: int = 0) -> str:
        doc, loc, _raw = self.parts[index]
        return f"{doc.path}:{doc.where(loc)[0]}"


def _parse(files: list[tuple[Layer, Path]], problems: list[Problem]
           ) -> tuple[list[Entry], list[Disabled]]:
    """Read every file, merge items across layers, then validate each merged item."""
    from ._rulefile import SECTIONS as MODELS
    from ._validation import did_you_mean

    drafts: dict[tuple[str, Any], _Draft] = {}
    ids: dict[str, _Draft] = {}  # id → draft, across the sections that use ids
    for layer, path in files:
        shown = f"rules/{path.name}" if layer.origin == "default" else str(path)
        try:
            doc = read_file(path, shown)
        except SourceError as exc:
            problems.append(exc.problem)
            continue
        if not isinstance(doc.data, dict):
            problems.append(doc.problem((), _("a rule file must be a mapping of sections"),
                                        _sections()))
            continue
        for section, value in doc.data.items():
            if section == "disable":
                continue
            if section not in MODELS:
                hint = did_you_mean(section, [*SECTIONS, "disable"]) or _sections()
                problems.append(doc.problem((section,), _("unknown section '{name}'").format(
                    name=section), hint, key=True))
                continue
            keyname = MODELS[section][1]
            for loc, raw in _items(doc, section, value, problems):
                key = raw.get(keyname)
                if not isinstance(key, (str, int)) or isinstance(key, bool):
                    problems.append(doc.problem(loc, _("{section} item without a valid "
                                                       "'{key}'").format(section=section,
                                                                         key=keyname),
                                                _("every {section} item needs '{key}'").format(
                                                    section=section, key=keyname)))
                    continue
                _place(drafts, ids, _Draft(section, key, raw, layer, doc, loc), problems)
        _disable(doc, drafts, ids, problems)
    entries = [entry for draft in drafts.values()
               if (entry := _validate(draft, MODELS[draft.section][0], problems)) is not None]
    by_key = {(d.section, d.key): d for d in drafts.values()}
    active = [e for e in entries if by_key[(e.section, e.key)].disabled_by is None]
    disabled = [Disabled(e, by_key[(e.section, e.key)].disabled_by or "") for e in entries
                if by_key[(e.section, e.key)].disabled_by is not None]
    return active, disabled


def _items(doc: Document, section: str, value: Any, problems: list[Problem]):
    if section == "rubric":
        if not isinstance(value, dict):
            problems.append(doc.problem((section,), _("rubric must be a mapping"),
                                        _("one rubric per file: dimension, title, indicators, …")))
            return
        yield (section,), value
        return
    if not isinstance(value, list):
        problems.append(doc.problem((section,), _("{section} must be a list of items").format(
            section=section), _("write each item as '- id: …' under {section}:").format(
                section=section)))
        return
    for i, raw in enumerate(value):
        if isinstance(raw, dict):
            yield (section, i), raw
        else:
            problems.append(doc.problem((section, i), _("{item} must be a mapping").format(
                item=f"{section}[{i}]")))


def _place(drafts: dict, ids: dict, new: _Draft, problems: list[Problem]) -> None:
    """Add a new item, or merge it into the earlier one it patches."""
    doc, loc, raw = new.parts[0]
    uses_id = new.section not in ("rubric", "levels")
    earlier = drafts.get((new.section, new.key))
    if earlier is None and uses_id and new.key in ids:
        other = ids[new.key]
        problems.append(doc.problem(loc + ("id",), _("id '{id}' is already used by {section} "
                                                     "at {where}").format(
            id=new.key, section=other.section, where=other.source()),
            _("ids are unique across sections; choose another id")))
        return
    if earlier is None:
        drafts[(new.section, new.key)] = new
        if uses_id:
            ids[new.key] = new
        return
    if earlier.last_layer == new.layer:  # a layer may define or patch an item only once
        what = "id" if uses_id else ("dimension" if new.section == "rubric" else "number")
        problems.append(doc.problem(loc + (what,), _("duplicate {section} {what} '{key}'").format(
            section=new.section, what=what, key=new.key), _("already given at {where}").format(
                where=earlier.source(len(earlier.parts) - 1))))
        return
    earlier.raw = _merge(earlier.raw, raw)
    earlier.parts.append((doc, loc, raw))
    earlier.last_layer = new.layer


def _merge(base: dict, patch: dict) -> dict:
    """`patch` over `base`: nested mappings merge, id lists merge by id, null removes."""
    merged = dict(base)
    for key, value in patch.items():
        old = merged.get(key)
        if value is None:
            merged.pop(key, None)
        elif key in _REPLACED:
            merged[key] = value
        elif isinstance(value, dict) and isinstance(old, dict):
            merged[key] = _merge(old, value)
        elif isinstance(value, list) and isinstance(old, list) and _by_id(old) and _by_id(value):
            items = {item["id"]: item for item in old}
            for item in value:
                items[item["id"]] = _merge(items[item["id"]], item) if item["id"] in items \
                    else item
            merged[key] = list(items.values())
        else:
            merged[key] = value
    return merged


def _by_id(items: list) -> bool:
    return bool(items) and all(isinstance(i, dict) and isinstance(i.get("id"), str)
                               for i in items)


def _disable(doc: Document, drafts: dict, ids: dict, problems: list[Problem]) -> None:
    from ._validation import did_you_mean

    value = doc.data.get("disable") if isinstance(doc.data, dict) else None
    if value is None:
        return
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.append(doc.problem(("disable",), _("disable must be a list of rule ids"),
                                    "disable: [risk-moderate, spot-check]"))
        return
    for i, rule_id in enumerate(value):
        draft = ids.get(rule_id)
        if draft is None:
            hint = did_you_mean(rule_id, ids) or _("run 'trustdose rules list' to see the ids")
            problems.append(doc.problem(("disable", i), _("no rule with the id '{id}' to "
                                                          "disable").format(id=rule_id), hint))
        else:
            draft.disabled_by = f"{doc.path}:{doc.where(('disable', i))[0]}"


def _validate(draft: _Draft, model: Any, problems: list[Problem]) -> Entry | None:
    from pydantic import ValidationError

    from ._validation import problems_from

    try:
        item = model.model_validate(draft.raw)
    except ValidationError as exc:
        problems.extend(problems_from(exc, lambda rel: _locate(draft.parts, rel, draft.raw),
                                      model))
        return None
    view = _view(item)
    children: dict[str, str] = {}
    for doc, loc, raw in draft.parts:  # where each indicator was last written
        for j, indicator in enumerate(raw.get("indicators") or []):
            if isinstance(indicator, dict) and "id" in indicator:
                children[indicator["id"]] = f"{doc.path}:{doc.where(loc + ('indicators', j))[0]}"
    return Entry(draft.section, draft.key, view, draft.source(), draft.layer.name,
                 tuple(draft.source(i) for i in range(1, len(draft.parts))), draft.raw,
                 compile_condition(getattr(view, "when", None)), tuple(children.items()),
                 tuple(draft.parts))


def _locate(parts: Any, rel: tuple, merged: Any) -> tuple[Document, tuple, tuple]:
    """Where to report a problem at `rel` (a path in the merged item): the document, base
    and path within it of the last part (definition or patch) that wrote it. Lists merged
    by id are followed by id, so indicators[4] of a merged rubric is a patch's [0]."""
    for cut in range(len(rel), -1, -1):  # a missing field: where its parent was written
        for doc, loc, raw in reversed(parts):
            path = _path_in(raw, merged, rel[:cut])
            if path is not None:
                return doc, loc, path + rel[cut:]
    doc, loc, _raw = parts[-1]
    return doc, loc, rel


def _path_in(raw: Any, merged: Any, rel: tuple) -> tuple | None:
    """`rel` (a path in `merged`) as a path in `raw`, or None when `raw` does not have it."""
    path: list = []
    for part in rel:
        if isinstance(raw, dict) and isinstance(merged, dict) and part in raw:
            raw, merged = raw[part], merged.get(part)
        elif isinstance(raw, list) and isinstance(part, int):
            wanted = merged[part] if isinstance(merged, list) and part < len(merged) else None
            if isinstance(wanted, dict) and "id" in wanted:  # merged by id
                part = next((i for i, x in enumerate(raw)
                             if isinstance(x, dict) and x.get("id") == wanted["id"]), None)
                if part is None:
                    return None
            elif part >= len(raw):
                return None
            raw, merged = raw[part], wanted
        else:
            return None
        path.append(part)
    return tuple(path)


def _view(value: Any) -> Any:
    """A validated model as plain attributes: unpickles without the pydantic classes."""
    fields = getattr(type(value), "model_fields", None)
    if fields is not None:
        return SimpleNamespace(**{name: _view(getattr(value, name)) for name in fields})
    if isinstance(value, list):
        return [_view(v) for v in value]
    return value


def _digest(entries: list[Entry], disabled: list[Disabled]) -> str:
    content = [[e.section, e.key, e.raw] for e in entries]
    content += [["disabled", d.entry.section, d.entry.key] for d in disabled]
    text = json.dumps(content, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _assemble(entries: list[Entry], disabled: list[Disabled], layers: list[Layer],
              digest: str) -> RuleSet:
    by: dict[str, list[Entry]] = {}
    for entry in entries:
        by.setdefault(entry.section, []).append(entry)
    measures = by.get("measures", [])
    return RuleSet(
        rubrics={e.key: e for e in by.get("rubric", [])},
        levels={e.key: e for e in by.get("levels", [])},
        carry=sorted(by.get("carry", []), key=lambda e: -e.item.at_least),
        caps=by.get("caps", []), red_lines=by.get("red_lines", []),
        review=by.get("review", []),
        controls=[e for e in measures if e.item.kind == "control"],
        feedback=[e for e in measures if e.item.kind == "feedback"],
        warnings=by.get("warnings", []), checklist=by.get("checklist", []),
        questions=by.get("questions", []), layers=list(layers), disabled=disabled,
        digest=digest)


def _problem(entry: Entry, sub: tuple, message: str, hint: str | None = None) -> Problem:
    doc, loc, path = _locate(entry.parts, sub, entry.raw)
    return doc.problem(loc + path, message, hint)


def _check(rules: RuleSet, where: str) -> list[Problem]:
    """Checks that need the whole merged rule set: completeness and references."""
    from ._validation import did_you_mean

    problems: list[Problem] = []
    for dim in DIMENSIONS:
        if dim not in rules.rubrics:
            problems.append(Problem(where, None, None, _("no rubric for the dimension "
                                                         "'{dimension}'").format(dimension=dim),
                                    _("each of competence, intention, resources, risk needs one")))
    for number, name in enumerate(LEVEL_NAMES, start=1):
        entry = rules.levels.get(number)
        if entry is None:
            problems.append(Problem(where, None, None, _("level {number} ({name}) is not "
                                                         "defined").format(number=number, name=name)))
        elif entry.item.name != name:
            problems.append(_problem(entry, ("name",),
                            _("level {number} must be named '{name}', found '{found}'").format(
                                number=number, name=name, found=entry.item.name),
                            _("the seven levels are: {names}").format(names=", ".join(LEVEL_NAMES))))
    if not rules.carry:
        problems.append(Problem(where, None, None, _("no 'carry' bands: no case would get a "
                                                     "level")))
    elif rules.carry[-1].item.at_least > 1:
        low = rules.carry[-1]
        problems.append(_problem(low, ("at_least",),
                        _("gap: a weakest precondition below {value} gets no level").format(
                            value=low.item.at_least), _("add a band with at_least: 1")))
    for higher, lower in zip(rules.carry, rules.carry[1:]):
        if higher.item.level < lower.item.level:
            problems.append(_problem(higher, ("level",),
                            _("band '{higher}' gives a lower level than '{lower}' for a "
                              "stronger precondition").format(higher=higher.id, lower=lower.id),
                            _("levels must not fall as the weakest precondition rises")))
    if not any(e.item.when is None for e in rules.review):
        problems.append(Problem(where, None, None, _("no review rule without a condition"),
                                _("add a last review rule with only id and days, as the "
                                  "default")))
    indicators = {f"{d}.{i.id}" for d, e in rules.rubrics.items() for i in e.item.indicators}
    measures = rules.measures()
    for entry in rules.red_lines:
        for i, wanted in enumerate(entry.item.require):
            if wanted not in measures:
                hint = did_you_mean(wanted, measures) or _("require names measure ids")
                problems.append(_problem(entry, ("require", i), _(
                    "red line requires an unknown measure '{id}'").format(id=wanted), hint))
    for entry in rules.all_entries():
        problems.extend(_check_entry(entry, indicators))
    return problems


def _check_entry(entry: Entry, indicators: set[str]) -> list[Problem]:
    from ._validation import did_you_mean

    problems = []
    condition = getattr(entry.item, "when", None)
    before_level = entry.section in ("caps", "red_lines") or (
        entry.section == "measures" and entry.item.kind == "control")
    for loc, name in fields_of(condition) if condition else ():
        if not is_known(name, indicators):
            hint = did_you_mean(name, [*FACTS, *indicators]) or \
                _("see 'Condition fields' in the README")
            problems.append(_problem(entry, ("when",) + loc,
                                     _("unknown condition field '{name}'").format(name=name), hint))
        elif before_level and name in DECIDED_FACTS:
            problems.append(_problem(
                entry, ("when",) + loc, _("'{name}' is only known after the level is "
                                          "decided").format(name=name),
                _("caps, red lines and controls may test scores, indicators, tags, facts "
                  "and planned")))
    for key in ("message", "text"):
        for lang, text in (getattr(entry.item, key, None) or {}).items():
            try:
                names = [part[1] for part in string.Formatter().parse(text)]
            except ValueError as exc:
                problems.append(_problem(entry, (key, lang), f"{exc}",
                                         _("write {{ and }} for literal braces")))
                continue
            for name in names:
                if name is not None and name not in PLACEHOLDERS:
                    problems.append(_problem(
                        entry, (key, lang), _("unknown placeholder '{name}'").format(
                            name="{" + name + "}"), _("allowed: {names}").format(
                            names=", ".join("{" + p + "}" for p in PLACEHOLDERS))))
    return problems
