"""Rule tests: YAML files next to the rules (`*.test.yaml`) that say what must hold.

    tests:
      - name: a capable team at low risk gets the shift planning
        case: {subject: {name: Team A, kind: team}, task: {title: Shift planning},
               competence: 5, intention: 5, resources: 5, risk: 1}
        expect: {level: delegate, measures: [recognition], no_warnings: [overdose]}
      - name: risk caps the level            # a table: each row is merged over the case
        case: {subject: {name: Ana}, task: {title: Decide}, competence: 5, intention: 5,
               resources: 5}
        each:
          - {risk: 5, expect: {level: consult}}
          - {risk: 4, expect: {level: {max: agree}}}

`rules test` runs every test against the rule set, reports the difference for each that
fails, and the coverage: the share of the tested folders' rules that fired in some test.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator, NamedTuple

from pydantic import ValidationError

from ..errors import CaseError, Problem, RulesError, UsageError, did_you_mean
from ..i18n import _
from ..io.source import Document, SourceError, read_file
from ..rules.ruleset import RuleSet, default_rules_dir

from ..rules.testfile import COVERED, Expect, LevelRange, RuleTest, TestFile


class TestResult(NamedTuple):
    name: str
    source: str  # "path:line"
    differences: list[str]  # empty when the test passed

    @property
    def passed(self) -> bool:
        return not self.differences


class TestRun(NamedTuple):
    results: list[TestResult]
    coverable: list[str]  # ids of the rules the tests should reach
    fired: set[str]

    @property
    def uncovered(self) -> list[str]:
        return [rule for rule in self.coverable if rule not in self.fired]

    @property
    def coverage(self) -> float:
        if not self.coverable:
            return 100.0
        return 100.0 * (len(self.coverable) - len(self.uncovered)) / len(self.coverable)


def test_files(folders: list[Path]) -> list[Path]:
    from ..rules.folders import file_kind
    return sorted(p for folder in folders for p in folder.iterdir() if file_kind(p) == "test")


def run_tests(rules: RuleSet, files: list[Path], layers: list[str]) -> TestRun:
    """Run every test in `files`; coverage counts the rules defined or patched in `layers`."""
    from ..io.validation import problems_from

    problems: list[Problem] = []
    loaded: list[tuple[Document, TestFile]] = []

    for path in files:
        try:  # the shipped tests are named like the shipped rules: rules/<file>
            doc = read_file(path, f"rules/{path.name}" if path.parent == default_rules_dir()
                            else None)
            if not isinstance(doc.data, dict):
                problems.append(doc.problem((), _("a rule test file is a mapping with 'tests:'"),
                                            _("start with 'tests:' and list the tests under it, "
                                              "each with name, case and expect")))
                continue
            test_file = TestFile.model_validate(doc.data)
        except SourceError as exc:
            problems.append(exc.problem)
            continue
        except ValidationError as exc:
            problems.extend(problems_from(exc, doc, TestFile))
            continue
        loaded.append((doc, test_file))
        problems += _cannot_fail(doc, test_file)
        for base, expect, problem in _expectations(doc, test_file):
            problems += problem if expect is None else _unknown_ids(doc, base, expect, rules)
    if problems:
        raise RulesError(sorted(problems, key=lambda p: (p.path, p.line or 0, p.col or 0)))
    results: list[TestResult] = []
    fired: set[str] = set()
    for doc, test_file in loaded:
        for i, test in enumerate(test_file.tests):
            base = ("tests", i)
            for name, case, expect, loc in _rows(test, base):
                source = f"{doc.path}:{doc.where(loc)[0]}"
                differences, trace = _run_one(rules, _sub_document(doc, base + ("case",), case),
                                              test.planned, expect)
                fired.update(trace)
                results.append(TestResult(name, source, differences))
    coverable = [e.id for e in rules.all_rules() if e.section in COVERED and (
        e.layer in layers or any(_in_layer(p, layers) for p in e.patches))]
    return TestRun(results, coverable, fired)


def _expectations(doc: Document, test_file: TestFile
                  ) -> Iterator[tuple[tuple, Expect | None, list[Problem]]]:
    """Each test's `expect`, and each `each` row's, with where it stands; a row's that is
    not valid comes with its problems instead (it was an internal error when run)."""
    from ..io.validation import problems_from
    for i, test in enumerate(test_file.tests):
        yield ("tests", i, "expect"), test.expect, []
        for j, row in enumerate(test.each or ()):
            base = ("tests", i, "each", j, "expect")
            if not isinstance(row.get("expect", {}), dict):
                yield base, None, [doc.problem(base, _("expect must be a mapping"))]
                continue
            try:
                yield base, Expect.model_validate(row.get("expect") or {}), []
            except ValidationError as exc:
                yield base, None, problems_from(exc, doc, Expect, base)


# What a test may expect, as the hint names it
EXPECTABLE = ", ".join(Expect.model_fields)


def _cannot_fail(doc: Document, test_file: TestFile) -> list[Problem]:
    """Every test that passes whatever the rules do, at its place: no expectation (none,
    `expect: {}`, only empty lists), an empty `each`, a level range from 1 to 7, an
    explicit `capped_by: null` (which tests nothing)."""
    problems = []
    for i, test in enumerate(test_file.tests):
        at = ("tests", i)
        if test.each is not None and not test.each:
            problems.append(doc.problem(at + ("each",), _(
                "this test cannot fail: its 'each' is empty, so it runs no case"), _(
                "give 'each' rows, each with the answers it changes and its 'expect', or "
                "leave 'each' out")))
            continue
        rows = [(at + ("expect",), test.expect)] + [
            (at + ("each", j, "expect"), expect) for j, expect in _row_expects(test)]
        for loc, expect in rows:
            problems += _idle_parts(doc, loc, expect)
        whole = test.expect.model_dump(exclude_defaults=True)
        idle = [loc[:-1] for loc, expect in rows[1:] if not _can_fail(
            {**whole, **expect.model_dump(exclude_defaults=True)})] if test.each else \
            [at] if not _can_fail(whole) else []
        problems += [doc.problem(loc, _(
            "this test cannot fail: it expects nothing the rules could change"),
            _("give its 'expect' at least one of: {names}").format(names=EXPECTABLE))
            for loc in idle]
    return problems


def _row_expects(test: RuleTest) -> Iterator[tuple[int, Expect]]:
    """Each `each` row's own `expect` that is valid (`_expectations` says the others)."""
    for j, row in enumerate(test.each or ()):
        try:
            yield j, Expect.model_validate(row.get("expect") or {})
        except (ValidationError, AttributeError):
            continue


def _can_fail(expect: dict) -> bool:
    """Whether an `expect` (its fields given) holds something (a level range from 1 to 7
    is said on its own, by `_idle_parts`)."""
    return any(value not in (None, [], {}) for value in expect.values())


def _every_level(level: Any) -> bool:
    """Whether an expected level holds for every level: a range from 1 to 7."""
    from ..model.levels import parse_level
    if isinstance(level, LevelRange):
        level = level.model_dump()
    return isinstance(level, dict) and parse_level(level.get("min") or 1) == 1 and \
        parse_level(level.get("max") or 7) == 7


def _idle_parts(doc: Document, loc: tuple, expect: Expect) -> list[Problem]:
    """A level range that holds for every level, and `capped_by: null`, where written."""
    problems = []
    if expect.level is not None and _every_level(expect.level):
        problems.append(doc.problem(loc + ("level",), _(
            "a level between 1 and 7 holds for every case, so it tests nothing"), _(
            "narrow it: min above 1 (tell) or max below 7 (delegate); or give the level")))
    if "capped_by" in expect.model_fields_set and expect.capped_by is None:
        problems.append(doc.problem(loc + ("capped_by",), _(
            "'capped_by: null' tests nothing: it is the same as leaving capped_by out"), _(
            "to test that a cap or red line does not hold the level, name it under "
            "not_fired; or leave capped_by out")))
    return problems


def _unknown_ids(doc: Document, base: tuple, expect: Expect, rules: RuleSet) -> list[Problem]:
    """Every id a test names is one the rules in force can give: a misspelt id in
    `not_fired`, `no_measures` or `no_warnings` passed whatever the rules did. A rule
    switched off (`disable:`) may be named where a test says it stays off."""
    off = {d.rule.id: d for d in rules.disabled}
    limits = [r.id for r in [*rules.caps, *rules.red_lines]]
    measures = [*rules.measures(), *(f"find-out-{dim}" for dim in rules.rubrics)]
    kinds = [w.item["kind"] for w in rules.warnings]
    fired = [*(f"rubric:{dim}" for dim in rules.rubrics),
             *(r.id for r in rules.all_rules() if r.section in COVERED)]
    gone_measures = [i for i, d in off.items() if d.rule.section == "measures"]
    gone_kinds = [d.rule.item["kind"] for d in off.values() if d.rule.section == "warnings"]
    known = {"capped_by": (limits, _("a cap or red line")),
             "measures": (measures, _("a measure")),
             "no_measures": (measures + gone_measures, _("a measure")),
             "warnings": (kinds, _("a warning kind")),
             "no_warnings": (kinds + gone_kinds, _("a warning kind")),
             "fired": (fired, _("a rule")), "not_fired": (fired + list(off), _("a rule")),
             "in_place": ([c.id for c in rules.controls], _("a control"))}
    problems = []
    for key, (ids, what) in known.items():
        named = getattr(expect, key)  # capped_by is one id (or None), the rest lists
        for at, name in ([((key,), named)] if isinstance(named, str) else
                         [((key, j), n) for j, n in enumerate(named or ())]):
            if name not in ids:
                problems.append(doc.problem(base + at, _(
                    "'{name}' is not {what} of the rules in force").format(name=name, what=what),
                    _("it is disabled at {where}").format(where=off[name].by) if name in off
                    else did_you_mean(name, ids) or _("see 'trustdose rules list'")))
    return problems


def _in_layer(source: str, layers: list[str]) -> bool:
    return any(source.startswith(layer.rstrip("/") + "/") for layer in layers)


def _frame_and_safeguards(a: Any, expect: Expect) -> list[str]:
    from ..model.levels import parse_level
    differences = []
    frame = a.frame_first
    got = f"{frame.level.name} ({frame.level.number})" if frame else "none"
    wanted = expect.frame_first
    if wanted == "none":
        if frame is not None:
            differences.append(_("frame_first: expected none, got {got}").format(got=got))
    elif isinstance(wanted, LevelRange):
        low = parse_level(wanted.min) if wanted.min is not None else 1
        high = parse_level(wanted.max) if wanted.max is not None else 7
        if frame is None or not low <= frame.level.number <= high:
            differences.append(_("frame_first: expected between {low} and {high}, got {got}")
                               .format(low=low, high=high, got=got))
    elif wanted is not None and (frame is None or parse_level(wanted) != frame.level.number):
        differences.append(_("frame_first: expected {expected}, got {got}").format(
            expected=wanted, got=got))
    in_place = {m.id for m in a.controls if m.in_place}
    missing = [m for m in expect.in_place if m not in in_place]
    if missing:
        differences.append(_("in_place: missing {ids} (got: {present})").format(
            ids=", ".join(missing), present=", ".join(sorted(in_place)) or "-"))
    return differences


def _rows(test: RuleTest, base: tuple):
    if not test.each:
        yield test.name, test.case, test.expect, base
        return
    for j, row in enumerate(test.each):
        row = dict(row)
        name = row.pop("name", None) or f"{test.name} [{j + 1}]"
        own = row.pop("expect", None) or {}
        expect = Expect.model_validate({**test.expect.model_dump(exclude_defaults=True), **own})
        yield name, _merged(test.case, row), expect, base + ("each", j)


def _merged(base: dict, row: dict) -> dict:
    out = dict(base)
    for key, value in row.items():
        out[key] = _merged(out[key], value) if isinstance(value, dict) and \
            isinstance(out.get(key), dict) else value
    return out


def _sub_document(doc: Document, base: tuple, data: dict) -> Document:
    """The case inside a test file as its own document, keeping the file's positions."""
    doc.where(base)  # make sure positions are parsed
    cut = len(base)
    return Document(doc.path, data,
                    marks={loc[cut:]: m for loc, m in doc.marks.items() if loc[:cut] == base},
                    keys={loc[cut:]: m for loc, m in doc.keys.items() if loc[:cut] == base})


def _run_one(rules: RuleSet, doc: Document, planned: Any, expect: Expect
             ) -> tuple[list[str], set[str]]:
    from ..intake import assess_document, planned_level
    from ..model.levels import parse_level

    try:
        a = assess_document(doc, rules, planned=planned_level(planned, rules))
    except (CaseError, UsageError) as exc:
        problems = getattr(exc, "problems", None) or [exc]
        return [_("the case is not valid: {problem}").format(problem=p) for p in problems], set()
    trace = {f.rule for f in a.trace}
    differences = []
    got = f"{a.level.name} ({a.level.number})"
    if isinstance(expect.level, LevelRange):
        low = parse_level(expect.level.min) if expect.level.min is not None else 1
        high = parse_level(expect.level.max) if expect.level.max is not None else 7
        if not low <= a.level.number <= high:
            differences.append(_("level: expected between {low} and {high}, got {got}").format(
                low=low, high=high, got=got))
    elif expect.level is not None and parse_level(expect.level) != a.level.number:
        differences.append(_("level: expected {expected}, got {got}").format(
            expected=expect.level, got=got) + (" " + _("(held by {rule})").format(
                rule=a.capped_by) if a.capped_by else ""))
    differences += _frame_and_safeguards(a, expect)
    if expect.capped_by is not None and a.capped_by != expect.capped_by:
        differences.append(_("capped_by: expected {expected}, got {got}").format(
            expected=expect.capped_by, got=a.capped_by))
    measures = {m.id for m in [*a.controls, *a.feedback]}
    kinds = {w.kind for w in a.warnings}
    for label, wanted, present, absent in (
            ("measures", expect.measures, measures, False),
            ("measures", expect.no_measures, measures, True),
            ("warnings", expect.warnings, kinds, False),
            ("warnings", expect.no_warnings, kinds, True),
            ("fired", expect.fired, trace, False),
            ("fired", expect.not_fired, trace, True)):
        wrong = [x for x in wanted if (x in present) == absent]
        if wrong:
            text = _("{what}: unexpected {ids} (got: {present})") if absent else \
                _("{what}: missing {ids} (got: {present})")
            differences.append(text.format(what=label, ids=", ".join(wrong),
                                           present=", ".join(sorted(present))))
    return differences, trace
