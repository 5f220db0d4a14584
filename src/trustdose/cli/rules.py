"""`trustdose rules …`: see, check, test, compare and describe the rules in force.

    list     every rule, indicator and red line with its file:line and layer
    show ID  one rule as merged from its layers
    check    prove the rule set's properties over the whole input grid (exit 1 on findings)
    test     run the YAML rule tests next to the rules, with coverage
    schema   write JSON Schema for rule files, rule tests and cases (for editors)
    diff     compare the levels two rule sets give over the whole grid

The core is imported inside the commands, as in `cli.app`.
"""


# No `from __future__ import annotations` here: typer reads these signatures at every
# start, and evaluating string annotations costs about a millisecond per command group.
import enum
import sys
from pathlib import Path
from typing import Any, List, Optional

import typer

from ..i18n import _, format_count, format_number, ngettext, os_reason, pick
from .common import (DEBUG_OPTION, EXIT_FINDINGS, FORMAT_OPTION, RULES_OPTION, Output,
                     errors_handled, home_paths, line, print_json, table)

rules_app = typer.Typer(
    help="See, check, test and compare the rules: the defaults, your config file's "
         "folders, TRUSTDOSE_RULES and --rules folders, layered in that order.",
    no_args_is_help=True)


def _origin(layer: Any) -> str:
    """Where a layer came from, in command-line terms: folders given are --rules."""
    return "--rules" if layer.origin == "given" else layer.origin


def _load(folders: list[Path], user: bool) -> Any:
    from ..rules.loader import load_rules
    return load_rules(folders, user=user)


@rules_app.command("list")
def list_rules(rules: List[Path] = RULES_OPTION, fmt: Output = FORMAT_OPTION,
               debug: bool = DEBUG_OPTION) -> None:
    """List every rule, indicator and red line in force, with its file:line and layer.

    Rules an overlay changed show where; rules switched off with `disable:` are listed too.
    A red line or cap a later layer weakened or turned off is marked with '!'.
    """
    with errors_handled(debug):
        rule_set = _load(rules, user=True)
        weakened: dict[str, list] = {}
        for w in rule_set.weakened:
            weakened.setdefault(w.rule, []).append(w)
        rows = []
        for entry in rule_set.every_rule():
            rows.append(_listed(entry, weakened))
            for child, source in entry.children:
                rows.append({"section": "indicator", "id": f"{entry.id}.{child}",
                             "layer": _layer_of(source, rule_set.layers), "source": source,
                             "patches": [], "disabled_by": None, "weakened": []})
        for off in rule_set.disabled:
            rows.append({**_listed(off.rule, weakened), "disabled_by": off.by})
        from ..rules.folders import left_alone
        alone = [(p, why) for layer in rule_set.layers for p, why in left_alone(layer.folder)]
        if fmt is Output.json:
            print_json({"layers": [{"name": layer.name, "origin": _origin(layer)}
                              for layer in rule_set.layers], "digest": rule_set.digest,
                        "rules": rows, "left_alone": [{"path": p, "why": w} for p, w in alone]})
            return
        line(_("Layers: {layers}").format(layers=" · ".join(
            layer.name if layer.origin == "default" else f"{layer.name} ({_origin(layer)})"
            for layer in rule_set.layers)))
        table([_("SECTION"), "ID", _("LAYER"), _("SOURCE"), _("NOTE")], [
            [r["section"], r["id"], r["layer"], r["source"], _note(r)] for r in rows])
        for path, why in alone:  # looks meant as rules, but is not read
            line(_("note: {path}: {why}").format(path=path, why=why))


def _note(row: dict[str, Any]) -> str:
    """What a layer did to a rule; '!' first where another layer weakened a limit."""
    from ..rules.weakened import Weakening, how
    said = [_("weakened by {layer}: {how}").format(layer=w["by"], how=how(Weakening(**w)))
            for w in row["weakened"] if w["change"] != "disabled"]
    said.append(_("disabled at {where}").format(where=row["disabled_by"]) if row["disabled_by"]
                else _("changed at {where}").format(where=", ".join(row["patches"]))
                if row["patches"] else "")
    return ("! " if row["weakened"] else "") + "; ".join(filter(None, said))


def _listed(entry: Any, weakened: dict[str, list]) -> dict[str, Any]:
    kind = entry.item["kind"] if entry.section == "measures" else None
    return {"section": f"measures ({kind})" if kind else entry.section, "id": entry.id,
            "layer": entry.layer, "source": entry.source, "patches": list(entry.patches),
            "disabled_by": None, "weakened": [w._asdict() for w in weakened.get(entry.id, ())
                                              if w.section == entry.section]}


def _layer_of(source: str, layers: list) -> str:
    """The layer a `path:line` belongs to (an overlay may add indicators to a rubric)."""
    for layer in reversed(layers):
        if layer.origin != "default" and source.startswith(str(layer.folder).rstrip("/") + "/"):
            return layer.name
    return "default"


@rules_app.command("show")
def show(rule_id: str = typer.Argument(..., metavar="ID",
                                       help="A rule id, a dimension, a level, or "
                                            "dimension.indicator."),
         rules: List[Path] = RULES_OPTION, fmt: Output = FORMAT_OPTION,
         debug: bool = DEBUG_OPTION) -> None:
    """Show one rule as it is in force: merged from every layer, with where each part came from."""
    with errors_handled(debug):
        from ..errors import UsageError, did_you_mean

        rule_set = _load(rules, user=True)
        level = rule_set.level_labels().get(rule_id.strip().casefold())
        if level is not None and not rule_set.find(rule_id):  # a level's name, any language
            rule_id = str(level)
        found = [(e, None) for e in rule_set.find(rule_id)] + \
            [(d.rule, d.by) for d in rule_set.disabled if d.rule.id == rule_id]
        dim, _dot, indicator = rule_id.partition(".")
        if not found and dim in rule_set.rubrics and indicator:
            rubric = rule_set.rubrics[dim]
            raw = next((i for i in rubric.raw.get("indicators", []) if i.get("id") == indicator),
                       None)
            if raw is not None:
                source = dict(rubric.children)[indicator]
                _show_one(fmt, "indicator", rule_id, rubric.layer, source, [], None, raw)
                return
        if not found:
            known = [e.id for e in rule_set.every_rule()] + [
                f"{e.id}.{c}" for e in rule_set.rubrics.values() for c, _where in e.children]
            raise UsageError(_("no rule with the id '{id}'").format(id=rule_id),
                             did_you_mean(rule_id, known) or _("see 'trustdose rules list'"))
        for entry, disabled_by in found:
            _show_one(fmt, entry.section, entry.id, entry.layer, entry.source,
                      list(entry.patches), disabled_by, entry.raw)


def _show_one(fmt: Output, section: str, rule_id: str, layer: str, source: str,
              patches: list[str], disabled_by: str | None, raw: dict) -> None:
    if fmt is Output.json:
        print_json({"section": section, "id": rule_id, "layer": layer, "source": source,
               "patches": patches, "disabled_by": disabled_by, "rule": raw})
        return
    import yaml
    line(f"{section}: {rule_id}")
    line("  " + _("defined at {where} (layer {layer})").format(where=source, layer=layer))
    for patch in patches:
        line("  " + _("changed at {where}").format(where=patch))
    if disabled_by:
        line("  " + _("disabled at {where}").format(where=disabled_by))
    line()
    for text in yaml.safe_dump(raw, allow_unicode=True, sort_keys=False, width=88).splitlines():
        line(text)  # YAML escapes C0 controls itself, but shows a bidi control as it is


def _layers(folders: list[Path]) -> tuple[Any, list, list[str]]:
    """Defaults plus `folders` (or, with none, the rules in force); the tested layer names."""
    from ..rules.folders import layers_for
    from ..rules.loader import load_layers

    layers = layers_for(folders, user=not folders)
    tested = [layer.name for layer in layers if layer.origin != "default" or not folders]
    return load_layers(layers), layers, tested


@rules_app.command("check")
def check(folders: List[Path] = typer.Argument(
              None, metavar="DIR", callback=home_paths,
              help="Rule folders to layer over the defaults (default: the rules in force)."),
          require_lang: List[str] = typer.Option(
              [], "--require-lang", metavar="LANG",
              help="Count missing translations into LANG (da, nb or sv) as findings "
                   "(repeatable). Without it they are listed but do not fail the check."),
          fmt: Output = FORMAT_OPTION, debug: bool = DEBUG_OPTION) -> None:
    """Prove the rule set sane over the whole input grid.

    Every combination of the four scores on the half-point scale, in every context the
    rules make relevant (the tags, task facts and safeguards a rule tests together, in
    every combination): every case gets a level; no rule that never fires; no red line
    that never binds; raising competence, intention or resources never lowers the level,
    raising risk never raises it, and controls never fall as risk rises. What this proves,
    and what not: docs/rules.md.

    Rule texts without a Danish, Norwegian or Swedish translation are listed per language
    (they fall back to English).
    """
    with errors_handled(debug):
        from ..proofs.check import Finding, check as prove
        from .progress import counting, taking
        from ..rules.translations import OTHER_LANGUAGES, missing_translations

        required = _languages(require_lang, OTHER_LANGUAGES)
        rule_set, _tested, _names = _layers(folders or [])
        with counting(_("checking the rules: {done} of {total} contexts"),
                      long=taking) as tick:
            result = prove(rule_set, tick)
        missing = missing_translations(rule_set)
        findings = result.findings + [
            Finding("missing-translation", m.rule, m.source,
                    _("{field} has no '{lang}' text (English shows instead)").format(
                        field=m.field, lang=m.lang))
            for lang in required for m in missing[lang]]
        if fmt is Output.json:
            print_json({"ok": not findings, "cases": result.cases, "rules": result.rules,
                   "digest": rule_set.digest,
                   "findings": [f._asdict() for f in findings],
                   "missing_translations": {lang: [m._asdict() for m in found]
                                            for lang, found in missing.items()}})
        else:
            from .findings import print_check
            print_check(result, findings, missing, required)
        if findings:
            raise typer.Exit(EXIT_FINDINGS)


def _languages(given: list[str], allowed: tuple[str, ...]) -> list[str]:
    from ..errors import UsageError
    from ..i18n import normalise
    chosen = []
    for value in given:
        lang = normalise(value)
        if lang not in allowed:
            raise UsageError(_("--require-lang: '{value}' is not one of {allowed}").format(
                value=value, allowed=", ".join(allowed)))
        chosen.append(lang)
    return chosen


def _a_percentage(value: Optional[float]) -> Optional[float]:
    if value is not None and not 0 <= value <= 100:  # NaN too: it is neither
        raise typer.BadParameter(_("{value} is not a percentage; give a number from 0 to 100")
                                 .format(value=format_number(value, None)))
    return value


def _a_count(value: int) -> int:
    if value < 0:
        raise typer.BadParameter(_("{value} is below 0; give 0 or more").format(value=value))
    return value


@rules_app.command("test")
def test(folders: List[Path] = typer.Argument(
             None, metavar="DIR", callback=home_paths,
             help="Rule folders whose *.test.yaml files to run, layered over the defaults "
                  "(default: the tests of the rules in force)."),
         min_coverage: Optional[float] = typer.Option(
             None, "--min-coverage", metavar="N", callback=_a_percentage,
             help="Fail when fewer than N percent of the tested rules fired in some test."),
         fmt: Output = FORMAT_OPTION, debug: bool = DEBUG_OPTION) -> None:
    """Run the rule tests (*.test.yaml next to the rules) and report coverage."""
    with errors_handled(debug):
        from ..errors import UsageError
        from ..proofs.tests import run_tests, test_files

        rule_set, layers, tested = _layers(folders or [])
        chosen = [layer.folder for layer in layers if layer.name in tested]
        files = test_files(chosen)
        if not files:
            raise UsageError(_("no rule tests (*.test.yaml) in {folders}").format(
                folders=", ".join(map(str, chosen))),
                _("write tests next to the rules; see 'Rule tests' in the README"))
        run = run_tests(rule_set, files, tested)
        failed = [o for o in run.results if not o.passed]
        low = min_coverage is not None and run.coverage < min_coverage
        if fmt is Output.json:
            print_json({"passed": len(run.results) - len(failed), "failed": len(failed),
                   "coverage": round(run.coverage, 1), "uncovered": run.uncovered,
                   "tests": [{"name": o.name, "source": o.source, "passed": o.passed,
                              "differences": o.differences} for o in run.results]})
        else:
            for o in failed:
                line(_("FAIL {name}  ({where})").format(name=o.name, where=o.source))
                for difference in o.differences:
                    line(f"  {difference}")
            line(_("{passed} passed, {failed} failed; coverage {coverage}% of {rules} rules")
                  .format(passed=len(run.results) - len(failed), failed=len(failed),
                          coverage=f"{run.coverage:.0f}", rules=len(run.coverable)))
            if run.uncovered:
                line(_("never fired in a test: {ids}").format(ids=", ".join(run.uncovered)))
            if low:
                line(_("coverage {coverage}% is below --min-coverage {minimum}").format(
                    coverage=f"{run.coverage:.0f}", minimum=f"{min_coverage:g}"),
                    file=sys.stderr)
        if failed or low:
            raise typer.Exit(EXIT_FINDINGS)


class Kind(str, enum.Enum):
    rules = "rules"
    case = "case"
    rules_test = "rules-test"
    board = "board"


@rules_app.command("schema")
def schema(folder: Path = typer.Argument(Path("schemas"), metavar="DIR",
                                         callback=home_paths,
                                         help="Where to write the schema files."),
           show: Optional[Kind] = typer.Option(None, "--print", help="Print one schema to "
                                                                       "stdout instead."),
           debug: bool = DEBUG_OPTION) -> None:
    """Write JSON Schema (draft-07) for rule files, rule tests, cases and boards.

    Point your editor at them for completion and typo checks, e.g. with a first line
    '# yaml-language-server: $schema=schemas/rules.schema.json' (VS Code YAML extension).
    """
    with errors_handled(debug):
        from ..io.output import write_atomic
        from ..rules.schema import KINDS, text

        if show is not None:
            sys.stdout.write(text(show.value))
            return
        from ..errors import UsageError
        from .common import check_outputs
        check_outputs([("DIR", folder / f"{kind}.schema.json") for kind in KINDS], [])
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UsageError(_("{path}: cannot create the folder: {reason}").format(
                path=folder, reason=os_reason(exc))) from None
        for kind in KINDS:
            path = folder / f"{kind}.schema.json"
            write_atomic(path, text(kind))
            line(_("wrote {path}").format(path=path), file=sys.stderr)


@rules_app.command("diff")
def diff(a: str = typer.Argument(..., metavar="A", callback=home_paths,
                                 help="A rule folder layered over the defaults, or 'default'."),
         b: str = typer.Argument(..., metavar="B", callback=home_paths,
                                 help="The same, to compare with A."),
         examples: int = typer.Option(5, "--examples", metavar="N", callback=_a_count,
                                      help="Example cases to show per direction."),
         fmt: Output = FORMAT_OPTION, debug: bool = DEBUG_OPTION) -> None:
    """Compare the levels two rule sets give over the whole input grid.

    Each side is the defaults with that folder layered over them ('default' for the
    defaults alone). For an organisation: trustdose rules diff default ./our-rules
    """
    with errors_handled(debug):
        from ..proofs.diff import diff as compare
        from ..proofs.witness import describe
        from ..rules.weakened import between, said
        from .progress import counting, taking

        sides = [_load([] if side == "default" else [Path(side)], user=False) for side in (a, b)]
        with counting(_("comparing the rules: {done} of {total} contexts"),
                      long=taking) as tick:
            result = compare(*sides, examples=examples, progress=tick)
        weakened = between(*sides, b)
        if fmt is Output.json:
            print_json({"a": a, "b": b, "digests": [s.digest for s in sides], **result._asdict(),
                   "weakened": [w._asdict() for w in weakened],
                   "transitions": [{"a": x, "b": y, "cases": n}
                                   for (x, y), n in sorted(result.transitions.items())]})
            return
        share = 100 * result.changed / result.cases if result.cases else 0
        line(_("{changed} of {cases} cases ({share}%) change level: {up} up, {down} down; "
                "{controls} get different controls").format(
            changed=format_count(result.changed), cases=format_count(result.cases),
            share=format_number(share), up=format_count(result.up),
            down=format_count(result.down), controls=format_count(result.controls_changed)))
        label = {n: pick(e.item["label"]) for n, e in sides[0].levels.items()}
        for (x, y), n in sorted(result.transitions.items(), key=lambda t: -t[1]):
            line(f"  {x} {label[x]} → {y} {label[y]}: "
                  + ngettext("{n} case", "{n} cases", n).format(n=format_count(n)))
        if result.examples:
            line(_("examples:"))
        for ex in result.examples:
            why = f"  [{ex['rule']} · {ex['source']}]" if ex["rule"] else ""
            line(f"  {describe(ex['case'])}: {ex['a']} → {ex['b']}{why}")
        for w in weakened:  # a limit of A that B holds less, named even where no case shows it
            line("! " + said(w))
