"""Load rule folders into one `RuleSet`, layer by layer.

Layers, in order, later ones over earlier ones: the default rules shipped in the package;
the folders named in the user's config file; those in `TRUSTDOSE_RULES`; each
`--rules DIR`. Within that order:
- an item with a new key (its `id`; a rubric's `dimension`; a level's `number`) is added;
- an item whose key an earlier layer defined is a *patch*: only the fields it gives change.
  Texts merge per language, lists of items with ids (indicators) merge by id, other
  values replace, and `null` removes a field;
- `disable: [id, ...]` switches earlier rules off (they stay visible in `rules list`).
Ids are unique across sections. Loading is strict and reports every problem at once
(see `rules.integrity` for the checks on the merged whole). A loaded rule set is kept
in the compiled-rules cache (`rules.cache`), so an unchanged rule folder is read once.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from types import MappingProxyType
from typing import Any, Iterator

from ..errors import Problem, RulesError, did_you_mean
from ..i18n import _
from ..io.source import Document, SourceError, decode, parse_text, read_bytes
from . import cache
from .conditions import compile_condition
from .folders import SECTIONS, layers_for, rule_files
from .ruleset import Disabled, Layer, Rule, RuleSet
from .values import composed
from .weakened import Weakening, layered, required_changed

KEYS = {"rubric": "dimension", "levels": "number"}  # the others are identified by `id`
REPLACED = frozenset({"when"})  # a patch replaces these whole (a condition is one unit)
# Rule files parsed in this process, by the name shown and a digest of their bytes: a rule
# set with another layer (`rules diff`, an overlay tried) reads the files it shares with
# one loaded before as they were read then. The documents are only read, never changed.
_PARSED: dict[tuple[str, bytes], Document] = {}
KEEP_PARSED = 64


def load_rules(extra: list[Path] | tuple[Path, ...] = (), *, user: bool = True) -> RuleSet:
    """Load the default rules with the user's layers (config file, TRUSTDOSE_RULES; unless
    `user` is false) and each folder of `extra` layered over them in order."""
    return load_layers(layers_for(extra, user))


def load_layers(layers: list[Layer]) -> RuleSet:
    problems: list[Problem] = []
    files = [(layer, path) for layer in layers for path in rule_files(layer, problems)]
    if problems:
        raise RulesError(problems)
    cache.check_apart([layer.folder for layer in layers])
    key = cache.key([path for _layer, path in files])
    kept = cache.loaded(key, layers)
    if kept is not None:
        return kept
    found = cache.load(key)
    if found is not None:
        try:
            rows, disabled, whole = found  # whole: what belongs to the rule set as a whole
            return cache.keep_loaded(key, layers, assemble(
                [revive(r) for r in rows], [Disabled(revive(r), by) for r, by in disabled],
                layers, str(whole["digest"]), [Weakening(*w) for w in whole["weakened"]]))
        except (ValueError, TypeError, KeyError, AttributeError):  # another shape: read anew
            pass
    rules, disabled, drafts = _parse(files, problems)
    from .integrity import check_each, check_whole, digest_of

    def problem_at(rule: Rule, sub: tuple, message: str, hint: str | None = None) -> Problem:
        return drafts[(rule.section, rule.key)].problem(sub, message, hint)

    if not problems:
        steps = {at: [(name, d.source(i), state) for i, (name, state) in enumerate(d.states)]
                 for at, d in drafts.items()}  # each item as each layer left it
        measures = {key: found for (section, key), found in steps.items()
                    if section == "measures"}
        order = {layer.name: at for at, layer in enumerate(layers)}
        rule_set = assemble(rules, disabled, layers, digest_of(rules, disabled), [
            w for at, d in drafts.items() for w in layered(
                str(d.key), d.section, steps[at], d.disabled_by and (
                    d.disabled_in, d.disabled_by))] + [
            w for d in drafts.values() if d.section == "red_lines"
            for w in required_changed(str(d.key), d.layer.name, d.raw.get("require") or [],
                                      measures, order)])
        problems.extend(check_whole(rule_set, layers[-1].name, problem_at))
    else:  # the rules that did validate: their own problems too, at once
        try:
            partial = assemble(rules, disabled, layers, "")
        except (KeyError, ValueError, TypeError, AttributeError):
            partial = None
        if partial is not None:
            problems.extend(check_each(partial, problem_at))
    if problems:
        raise RulesError(sorted(problems, key=_order))
    cache.save(key, ([_row(r) for r in rules], [(_row(d.rule), d.by) for d in disabled],
                     {"digest": rule_set.digest, "weakened": [list(w) for w in rule_set.weakened]}))
    return cache.keep_loaded(key, layers, rule_set)


def _row(rule: Rule) -> list:
    return [rule.section, rule.key, rule.item, rule.source, rule.layer, list(rule.patches),
            rule.raw, [list(c) for c in rule.children]]


def revive(row: list) -> Rule:
    """A rule from its cached row (plain JSON data)."""
    section, key, item, source, layer, patches, raw, children = row
    if section == "rubric":  # JSON keys are text; anchors are numbered 1-5
        for indicator in item["indicators"]:
            indicator["anchors"] = {int(n): text for n, text in indicator["anchors"].items()}
            if "self" in indicator:
                asked = indicator["self"]
                asked["anchors"] = {int(n): text for n, text in asked["anchors"].items()}
    if section in ("legs", "worthy"):  # their questions are anchored as indicators are
        for asked in item["questions"]:
            asked["anchors"] = {int(n): text for n, text in asked["anchors"].items()}
    return Rule(section, key, item, source, layer, tuple(patches), raw,
                compile_condition(item.get("when")), tuple(tuple(c) for c in children))


def sections_hint() -> str:
    return _("sections: {names}").format(names=", ".join([*SECTIONS, "disable"]))


def _order(problem: Problem) -> tuple:
    """Problems in the order of their files and lines."""
    return (problem.path, problem.line or 0, problem.col or 0)


class _Draft:
    """One item being merged across layers before it is validated."""

    def __init__(self, section: str, key: Any, raw: dict, layer: Layer, doc: Document,
                 loc: tuple) -> None:
        self.section, self.key, self.raw, self.layer = section, key, raw, layer
        self.parts = [(doc, loc, raw)]  # the definition, then each patch
        self.last_layer = layer
        self.states = [(layer.name, raw)]  # the item as each layer left it (rules.weakened)
        self.disabled_by: str | None = None
        self.disabled_in = ""  # the layer of the `disable`

    def source(self, index: int = 0) -> str:
        doc, loc, _raw = self.parts[index]
        return f"{doc.path}:{doc.where(loc)[0]}"

    def locate(self, rel: tuple) -> tuple[Document, tuple, tuple]:
        """Where to report a problem at `rel` (a path in the merged item): the document,
        base and path within it of the last part (definition or patch) that wrote it.
        Lists merged by id are followed by id, so indicators[4] of a merged rubric is a
        patch's [0]."""
        for cut in range(len(rel), -1, -1):  # a missing field: where its parent was written
            for doc, loc, raw in reversed(self.parts):
                path = _path_in(raw, self.raw, rel[:cut])
                if path is not None:
                    return doc, loc, path + rel[cut:]
        doc, loc, _raw = self.parts[-1]
        return doc, loc, rel

    def problem(self, rel: tuple, message: str, hint: str | None = None) -> Problem:
        doc, loc, path = self.locate(rel)
        return doc.problem(loc + path, message, hint)


def _parse(files: list[tuple[Layer, Path]], problems: list[Problem]
           ) -> tuple[list[Rule], list[Disabled], dict[tuple[str, Any], _Draft]]:
    """Read every file, merge items across layers, then validate each merged item."""
    drafts: dict[tuple[str, Any], _Draft] = {}
    ids: dict[str, _Draft] = {}  # id → draft, across the sections that use ids
    for layer, path in files:
        shown = f"rules/{path.name}" if layer.origin == "default" else str(path)
        try:
            doc = _read(path, shown)
        except SourceError as exc:
            problems.append(exc.problem)
            continue
        if not isinstance(doc.data, dict):
            problems.append(doc.problem((), _("a rule file must be a mapping of sections"),
                                        sections_hint()))
            continue
        for section, value in doc.data.items():
            if section == "disable":
                continue
            if section not in SECTIONS:
                problems.append(doc.problem((section,), _("unknown section '{name}'").format(
                    name=section), did_you_mean(section, [*SECTIONS, "disable"]) or sections_hint(),
                    key=True))
                continue
            keyname = KEYS.get(section, "id")
            for loc, raw in _items(doc, section, value, problems):
                key = raw.get(keyname)
                if not isinstance(key, (str, int)) or isinstance(key, bool):
                    problems.append(doc.problem(loc, _(
                        "{section} item without a valid '{key}'").format(
                        section=section, key=keyname), _(
                        "every {section} item needs '{key}'").format(section=section,
                                                                      key=keyname)))
                    continue
                _place(drafts, ids, _Draft(section, key, raw, layer, doc, loc), problems)
        _disable(doc, layer, ids, problems)
    rules = [rule for draft in drafts.values() if (rule := _validate(draft, problems))]
    off = {(d.section, d.key): d.disabled_by for d in drafts.values() if d.disabled_by}
    return ([r for r in rules if (r.section, r.key) not in off],
            [Disabled(r, off[(r.section, r.key)]) for r in rules if (r.section, r.key) in off],
            drafts)


def _read(path: Path, shown: str) -> Document:
    """The rule file at `path`, parsed, or as parsed before if its bytes are the same."""
    data = read_bytes(path, shown)
    key = (shown, hashlib.sha256(data).digest())
    doc = _PARSED.get(key)
    if doc is None:
        doc = _PARSED[key] = parse_text(decode(data, shown), shown)
        for old in list(_PARSED)[:-KEEP_PARSED]:
            _PARSED.pop(old, None)
    return doc


def _items(doc: Document, section: str, value: Any, problems: list[Problem]
           ) -> Iterator[tuple[tuple, dict]]:
    if section == "rubric":
        if isinstance(value, dict):
            yield (section,), value
        else:
            problems.append(doc.problem((section,), _("rubric must be a mapping"),
                                        _("one rubric per file: dimension, title, indicators, …")))
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
    uses_id = new.section not in KEYS
    earlier = drafts.get((new.section, new.key))
    if earlier is None and uses_id and new.key in ids:
        other = ids[new.key]
        problems.append(doc.problem(loc + ("id",), _(
            "id '{id}' is already used by {section} at {where}").format(
            id=new.key, section=other.section, where=other.source()),
            _("ids are unique across sections; choose another id")))
    elif earlier is None:
        drafts[(new.section, new.key)] = new
        if uses_id:
            ids[new.key] = new
    elif earlier.last_layer == new.layer:  # a layer may define or patch an item only once
        what = KEYS.get(new.section, "id")
        problems.append(doc.problem(loc + (what,), _("duplicate {section} {what} '{key}'").format(
            section=new.section, what=what, key=new.key), _("already given at {where}").format(
                where=earlier.source(len(earlier.parts) - 1))))
    else:
        earlier.raw = _merge(earlier.raw, raw)
        earlier.parts.append((doc, loc, raw))
        earlier.last_layer = new.layer
        earlier.states.append((new.layer.name, earlier.raw))


def _merge(base: dict, patch: dict) -> dict:
    """`patch` over `base`: nested mappings merge, id lists merge by id, null removes."""
    merged = dict(base)
    for key, value in patch.items():
        old = merged.get(key)
        if value is None:
            merged.pop(key, None)
        elif key in REPLACED:
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


def _disable(doc: Document, layer: Layer, ids: dict, problems: list[Problem]) -> None:
    value = doc.data.get("disable") if isinstance(doc.data, dict) else None
    if value is None:
        return
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.append(doc.problem(("disable",), _("disable must be a list of rule ids"),
                                    "disable: [risk-moderate, spot-checks]"))
        return
    for i, rule_id in enumerate(value):
        draft = ids.get(rule_id)
        if draft is None:
            hint = did_you_mean(rule_id, ids) or _("run 'trustdose rules list' to see the ids")
            problems.append(doc.problem(("disable", i), _("no rule with the id '{id}' to "
                                                          "disable").format(id=rule_id), hint))
        else:
            draft.disabled_by = f"{doc.path}:{doc.where(('disable', i))[0]}"
            draft.disabled_in = layer.name


def _validate(draft: _Draft, problems: list[Problem]) -> Rule | None:
    from pydantic import ValidationError

    from ..io.validation import problems_from
    from .files import SECTIONS as SHAPES, adapter

    try:
        item = adapter(draft.section).validate_python(draft.raw)
    except ValidationError as exc:
        problems.extend(problems_from(exc, draft.locate, SHAPES[draft.section][0]))
        return None
    if item.get("when") is not None:  # "José" decomposed is "José" (as a case's text is)
        item["when"] = composed(item["when"])
    children: dict[str, str] = {}
    for doc, loc, raw in draft.parts:  # where each indicator was last written
        for j, indicator in enumerate(raw.get("indicators") or []):
            if isinstance(indicator, dict) and "id" in indicator:
                children[indicator["id"]] = f"{doc.path}:{doc.where(loc + ('indicators', j))[0]}"
    return Rule(draft.section, draft.key, item, draft.source(), draft.layer.name,
                tuple(draft.source(i) for i in range(1, len(draft.parts))), draft.raw,
                compile_condition(item.get("when")), tuple(children.items()))


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


def assemble(rules: list[Rule], disabled: list[Disabled], layers: list[Layer],
             digest: str, weakened: list[Weakening] | None = None) -> RuleSet:
    """The rule set of these rules. Its sections are tuples and read-only mappings: a
    loaded rule set is kept and shared within the process (`rules.cache`), so nothing
    may change it in place; `dataclasses.replace` makes a changed copy."""
    by: dict[str, list[Rule]] = {}
    for rule in rules:
        by.setdefault(rule.section, []).append(rule)
    measures = by.get("measures", [])

    def section(name: str) -> tuple[Rule, ...]:
        return tuple(by.get(name, ()))
    return RuleSet(
        rubrics=MappingProxyType({r.key: r for r in by.get("rubric", [])}),
        levels=MappingProxyType({r.key: r for r in by.get("levels", [])}),
        carry=tuple(sorted(by.get("carry", []), key=lambda r: -r.item["at_least"])),
        caps=section("caps"), red_lines=section("red_lines"), review=section("review"),
        controls=tuple(r for r in measures if r.item["kind"] == "control"),
        feedback=tuple(r for r in measures if r.item["kind"] == "feedback"),
        warnings=section("warnings"), checklist=section("checklist"),
        questions=section("questions"), sources=section("sources"),
        levers=tuple(sorted(by.get("levers", []), key=lambda r: r.item["number"])),
        legs=section("legs"), worthy=section("worthy"), stances=section("stances"),
        talk=section("talk"), layers=tuple(layers), disabled=tuple(disabled),
        weakened=tuple(weakened or ()), digest=digest)
