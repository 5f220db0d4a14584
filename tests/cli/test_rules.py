"""`trustdose rules list/show/check/test/schema/diff`, run as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path
from collections import Counter

import jsonschema
import pytest
import yaml
from hypothesis import example, given, settings, strategies as st

import trustdose
from trustdose.proofs.check import check
from trustdose.proofs.diff import diff
from trustdose.rules.schema import KINDS, schema, text

from helpers import EXAMPLES, ROOT, make_case, run
from situations import PENDING, situation

ORG = EXAMPLES / "org-overlay"
SCHEMAS = ROOT / "schemas"


def test_list_shows_every_rule_and_indicator_with_source_and_layer(rules):
    result = run("rules", "list", "--rules", str(ORG))
    assert result.returncode == 0 and result.stdout.startswith(
        f"Layers: default · {ORG} (--rules)")
    lines = result.stdout.splitlines()
    for entry in rules.all_rules():
        assert any(f" {entry.source} " in f"{line} " for line in lines), entry
    assert any("competence.experience" in line and "rules/competence.yaml:" in line
               for line in lines)
    recognition = next(line for line in lines if " recognition " in line)
    assert f"changed at {ORG / 'measures.yaml'}:" in recognition
    use_of_force = next(line for line in lines if " use-of-force " in line)
    assert use_of_force.split()[:2] == ["red_lines", "use-of-force"] and str(ORG) in use_of_force
    data = json.loads(run("rules", "list", "-f", "json").stdout)
    assert {r["section"] for r in data["rules"]} >= {"rubric", "indicator", "caps", "carry",
                                                     "measures (control)", "warnings"}
    assert len(data["digest"]) == 16


def test_show_a_rule_an_indicator_and_an_unknown_id():
    shown = run("rules", "show", "four-eyes")
    assert shown.returncode == 0 and "defined at rules/controls.yaml:" in shown.stdout
    assert yaml.safe_load(shown.stdout.split("\n\n", 1)[1])["kind"] == "control"
    indicator = run("rules", "show", "resources.clarity", "-f", "json")
    assert json.loads(indicator.stdout)["rule"]["id"] == "clarity"
    level = run("rules", "show", "consult")
    assert "levels: 3" in level.stdout
    unknown = run("rules", "show", "four-eye")
    assert unknown.returncode == 2
    assert "no rule with the id 'four-eye'" in unknown.stderr and "'four-eyes'" in unknown.stderr


@pytest.fixture
def proved_once(monkeypatch):
    """`rules check` run twice in a test on the same rules (its text, then its JSON): the
    proof is made at the first run, in full, and handed to the second as it is (a second
    or more each); each run still loads the rules, writes its format and sets its exit."""
    from trustdose import i18n
    from trustdose.proofs import check as proofs
    made, prove = {}, proofs.check

    def once(rules, progress=lambda done, total: None):
        key = (rules.digest, tuple(str(layer.folder) for layer in rules.layers),
               i18n.current())
        if key not in made:
            made[key] = prove(rules, progress)
        return made[key]
    monkeypatch.setattr(proofs, "check", once)
    return made


def test_check_proves_the_default_rules_sound(proved_once):
    result = run("rules", "check")
    assert result.returncode == 0 and result.stdout == ""
    proved = json.loads(run("rules", "check", "-f", "json").stdout)
    assert proved["ok"] is True and proved["cases"] > 200_000  # the grid in every context
    assert f"over {proved['cases']:,} cases: no findings" in result.stderr
    assert len(proved_once) == 1  # the same rules both times: proved once


def test_check_finds_each_kind_of_problem_with_rule_source_and_witness(overlay, proved_once):
    folder = overlay({"bad.yaml": """\
carry:
  - {id: carry-dup, at_least: 4.0, level: 6}
caps:
  - id: low-risk-cap
    when: {field: risk, op: "<=", value: 1.5}
    level: 2
    reason: {en: "odd"}
red_lines:
  - id: odd
    when: {field: competence, op: ">=", value: 4.5}
    level: 2
    reason: {en: "odd"}
  - id: toothless
    when: {field: risk, op: ">=", value: 5}
    level: 5
    reason: {en: "already lower"}
measures:
  - id: calm-check
    kind: control
    title: {en: Calm}
    description: {en: Calm}
    addresses: [risk]
    when: {field: risk, op: "<=", value: 1}
  - id: dead
    kind: feedback
    title: {en: Dead}
    description: {en: Dead}
    addresses: [competence]
    when: {all: [{field: competence, op: ">", value: 4}, {field: competence, op: "<", value: 2}]}
"""})
    result = run("rules", "check", str(folder))
    assert result.returncode == 1
    found = json.loads(run("rules", "check", str(folder), "-f", "json").stdout)["findings"]
    assert len(proved_once) == 1
    kinds = {(f["kind"], f["rule"]) for f in found}
    assert kinds == {("overlap", "carry-dup"), ("never-fires", "carry-dup"),
                     ("not-antitone", "low-risk-cap"), ("not-monotone", "odd"),
                     ("never-binds", "toothless"), ("controls-fall", "calm-check"),
                     ("never-fires", "dead"),
                     # the overlay's caps leave no low-risk case at Delegate: a default
                     # review the overlay made unreachable is said too
                     ("never-fires", "review-settled-routine")}
    path = str(folder / "bad.yaml")
    assert all(f["source"].startswith(path + ":") for f in found
               if f["rule"] != "review-settled-routine")  # the default rule's own file
    monotone = next(f for f in found if f["kind"] == "not-monotone")
    # the witness really shows the problem when assessed
    case = monotone["witness"]
    rules = trustdose.load_rules([folder])
    before = trustdose.assess(make_case(case["competence"], case["intention"],
                                        case["resources"], case["risk"]), rules).level.number
    after = trustdose.assess(make_case(case["competence"] + 0.5, case["intention"],
                                       case["resources"], case["risk"]), rules).level.number
    assert after < before
    assert f"{path}:9: not-monotone: raising competence from" in result.stdout
    assert "  case: competence " in result.stdout


def test_check_a_broken_folder_is_a_load_error(overlay):
    result = run("rules", "check", str(overlay({"x.yaml": "caps: [1]\n"})))
    assert result.returncode == 2 and "caps[0] must be a mapping" in result.stderr


# each example is a whole `rules check` (about a second): few, and the edges always tried
@settings(max_examples=2, deadline=None)
@example(threshold=3.5, level=5, rising=False)  # at 4 a task never done here holds at 5 too
@example(threshold=4.5, level=3, rising=False)  # binds below the risk cap above it: breaks
@example(threshold=4.5, level=3, rising=True)   # the same cap on high risk: antitone
@given(threshold=st.sampled_from([1.5, 2.5, 3.5, 4.5]), level=st.integers(1, 6),
       rising=st.booleans())
def test_check_agrees_with_the_invariants(rules_at, threshold, level, rising):
    """A cap on high risk keeps the rules antitone; one on low risk breaks it if it binds."""
    op = ">=" if rising else "<="
    rules = rules_at(f"""\
red_lines:
  - id: generated
    when: {{field: risk, op: "{op}", value: {threshold}}}
    level: {level}
    reason: {{en: generated}}
""")
    kinds = {f.kind for f in check(rules).findings if f.rule == "generated"}
    assert "not-monotone" not in kinds

    def default_cap(risk: float) -> int:  # rules/levels.yaml: the risk caps, as high as the
        # safeguards lift them; the grid answers each indicator with the risk score, so from
        # 4 novelty is 4 too, and never-done-here (which no safeguard lifts) holds at 5
        return 4 if risk >= 4.5 else 5 if risk >= 4 else 6 if risk >= 3.5 else 7

    # a cap on low risk breaks antitonicity exactly when the level just above its
    # threshold may be higher than the cap (in some context: safeguards in place too)
    assert ("not-antitone" in kinds) == (not rising and level < default_cap(threshold + 0.5))


@pytest.fixture(scope="session")
def rules_at(tmp_path_factory):
    def load(text: str):
        folder = tmp_path_factory.mktemp("org")
        (folder / "org.yaml").write_text(text)
        return trustdose.load_rules([folder], user=False)
    return load


def test_the_default_rule_tests_pass_and_reach_every_rule():
    result = run("rules", "test", "--min-coverage", "100", "-f", "json")
    data = json.loads(result.stdout)
    # the situations issue 21's other parts are to meet (tests/situations.py) fail alone
    failed = {situation(t["name"]) for t in data["tests"] if not t["passed"]}
    assert failed == set(PENDING), data
    assert result.returncode == (1 if PENDING else 0)
    assert data["coverage"] == 100.0 and len(data["tests"]) > 60


def test_rule_tests_report_differences_coverage_and_min_coverage(overlay):
    folder = overlay({"org.yaml": (ORG / "red-lines.yaml").read_text(),
                      "sources.yaml": (ORG / "sources.yaml").read_text(),
                      "org.test.yaml": """\
tests:
  - name: held at consult
    case: {subject: {name: A}, task: {title: T, tags: [use-of-force]},
           competence: 5, intention: 5, resources: 5, risk: 1}
    expect: {level: agree, measures: [four-eyes, spot-checks], capped_by: use-of-force}
"""})
    result = run("rules", "test", str(folder))
    assert result.returncode == 1
    assert f"FAIL held at consult  ({folder / 'org.test.yaml'}:2)" in result.stdout
    assert "level: expected agree, got consult (3) (held by use-of-force)" in result.stdout
    assert "measures: missing spot-checks" in result.stdout
    assert "coverage 50% of 2 rules" in result.stdout and "never fired in a test: spending-limit" \
        in result.stdout
    below = run("rules", "test", str(folder), "--min-coverage", "60")
    assert below.returncode == 1 and "below --min-coverage 60" in below.stderr
    for wrong in ("101", "-5", "nan"):  # a percentage, or nothing
        refused = run("rules", "test", str(ORG), "--min-coverage", wrong)
        assert refused.returncode == 2 and "give a number from 0 to 100" in refused.stderr


def test_the_example_overlay_tests_pass():
    result = run("rules", "test", str(ORG), "--min-coverage", "100", "-f", "json")
    data = json.loads(result.stdout)
    assert result.returncode == 0 and data["failed"] == 0 and data["coverage"] == 100.0


def test_a_broken_rule_test_file_names_the_line(overlay):
    folder = overlay({"org.yaml": "disable: [recognition]\n",
                      "org.test.yaml": "tests:\n  - name: x\n    case: {}\n    expct: {}\n"})
    result = run("rules", "test", str(folder))
    assert result.returncode == 2
    assert f"{folder / 'org.test.yaml'}:4:5: unknown field 'expct'" in result.stderr
    assert "did you mean 'expect'?" in result.stderr


def test_a_test_with_an_invalid_case_fails_with_the_reason(overlay):
    folder = overlay({"org.yaml": "disable: [recognition]\n",
                      "org.test.yaml": "tests:\n  - name: bad case\n    case:\n"
                                       "      subject: {name: A}\n      task: {title: T}\n"
                                       "      competence: 9\n      intention: 3\n"
                                       "      resources: 3\n      risk: 3\n"
                                       "    expect: {level: 4}\n"})
    result = run("rules", "test", str(folder))
    assert result.returncode == 1
    assert f"the case is not valid: {folder / 'org.test.yaml'}:6:19: competence" in result.stdout


def test_no_rule_tests_is_a_usage_error(overlay):
    result = run("rules", "test", str(overlay({"org.yaml": "disable: [recognition]\n"})))
    assert result.returncode == 2 and "no rule tests (*.test.yaml)" in result.stderr


@pytest.mark.parametrize("kind", KINDS)
def test_committed_schemas_are_up_to_date(kind):
    committed = (SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8")
    assert committed == text(kind), "run: trustdose rules schema schemas"


def test_schema_writes_files_and_prints_one(tmp_path):
    result = run("rules", "schema", str(tmp_path / "out"))
    assert result.returncode == 0
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == ["board.schema.json", "case.schema.json", "rules-test.schema.json",
                       "rules.schema.json"]
    printed = json.loads(run("rules", "schema", "--print", "case").stdout)
    assert printed["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert "$defs" not in json.dumps(printed)


def _shipped():
    for path in sorted((ROOT / "rules").glob("*.yaml")) + sorted(ORG.glob("*.yaml")):
        yield path, "rules-test" if path.name.endswith(".test.yaml") else "rules"
    for path in sorted(EXAMPLES.glob("*.yaml")):
        yield path, "case"
    for path in sorted((EXAMPLES / "situations").glob("*.yaml")):
        yield path, "case"
    for path in sorted((EXAMPLES / "boards").glob("*.yaml")):
        if not path.name.endswith(".expect.yaml"):  # a board's expectations are a test's
            yield path, "board"


@pytest.mark.parametrize("path,kind", list(_shipped()), ids=lambda v: getattr(v, "name", v))
def test_shipped_files_point_at_and_satisfy_their_schema(path, kind):
    text_ = path.read_text(encoding="utf-8")
    first = text_.splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=") and first.endswith(
        f"schemas/{kind}.schema.json")
    target = (path.parent / first.split("=", 1)[1]).resolve()
    assert target == (SCHEMAS / f"{kind}.schema.json").resolve()
    # a date YAML reads as a date is the ISO text an editor's schema check sees
    data = json.loads(json.dumps(yaml.safe_load(text_), default=str))
    jsonschema.Draft7Validator(schema(kind)).validate(data)


def test_the_schema_flags_a_misspelt_field_as_an_editor_would():
    validator = jsonschema.Draft7Validator(schema("rules"))
    errors = list(validator.iter_errors({"measures": [{"id": "x", "titel": {"en": "X"}}]}))
    assert errors and "titel" in errors[0].message
    # a patch of a few fields is valid, as the loader allows it
    assert not list(validator.iter_errors({"measures": [{"id": "sparring",
                                                         "title": {"da": "Sparring"}}]}))


def test_diff_counts_changed_cases_with_examples(rules):
    # independently: the overlay's only level change is the use-of-force red line (at most
    # consult), so the changed cases are the grid cases in the contexts with that tag that
    # the defaults, with that context's safeguards in place, put above 3
    from trustdose.proofs.grid import contexts
    from trustdose.questionnaire import safeguards
    grid = [x / 2 for x in range(2, 11)]
    org = trustdose.load_rules([ORG], user=False)
    tagged = Counter(ctx.safeguards for ctx in contexts(rules, org, decision=True)
                     if "use-of-force" in ctx.tags)
    assert len(tagged) == len(safeguards(rules)) + 2  # none, each alone, all of them

    # the defaults' level depends on the scores through the weakest precondition, risk,
    # resources (an unclear task) and, with the frame first, the weaker of competence and
    # intention: each combination assessed once
    levels: dict[tuple, int] = {}

    def level(c, i, r, k, safeguards):
        key = (min(c, i), min(c, i, r), r, k, safeguards)
        if key not in levels:
            case = make_case(c, i, r, k, task={"title": "T", "safeguards": list(safeguards)})
            levels[key] = trustdose.assess(case, rules).level.number
        return levels[key]
    above = sum(n * sum(level(c, i, r, k, guards) > 3
                        for c in grid for i in grid for r in grid for k in grid)
                for guards, n in tagged.items())
    cases = len(grid) ** 4 * len(contexts(rules, org, decision=True))
    result = run("rules", "diff", "default", str(ORG))
    assert result.returncode == 0
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"{above:,} of {cases:,} cases (")
    assert f"change level: 0 up, {above:,} down; " in first
    assert "tags use-of-force: 4 → 3  [use-of-force · " in result.stdout
    data = json.loads(run("rules", "diff", "default", str(ORG), "-f", "json").stdout)
    assert sum(t["cases"] for t in data["transitions"]) == data["changed"] == above
    assert all(t["b"] == 3 for t in data["transitions"])
    same = json.loads(run("rules", "diff", "default", "default", "-f", "json").stdout)
    assert same["changed"] == 0
    assert same["cases"] == len(grid) ** 4 * len(contexts(rules, decision=True))


def test_diff_agrees_with_assessing_each_side(rules):
    org = trustdose.load_rules([ORG], user=False)
    result = diff(rules, org)
    for changed in result.examples:
        case = changed["case"]
        task = {"title": "T", "tags": case.get("tags", []), "facts": case.get("facts", {}),
                "safeguards": case.get("safeguards", [])}
        given_case = make_case(case["competence"], case["intention"], case["resources"],
                               case["risk"], task=task)
        assert trustdose.assess(given_case, rules).level.number == changed["a"]
        assert trustdose.assess(given_case, org).level.number == changed["b"]


def test_a_rule_test_file_that_is_not_a_mapping(overlay):
    folder = overlay({"org.yaml": "disable: [recognition]\n", "org.test.yaml": "- x\n"})
    result = run("rules", "test", str(folder))
    assert result.returncode == 2
    assert f"{folder / 'org.test.yaml'}:1:1: a rule test file is a mapping" in result.stderr


def test_the_example_overlay_checks_clean_though_its_cases_leave_task_facts_out():
    # contexts without the overlay's task fact (facts.amount) decide the level all the same
    result = run("rules", "check", str(EXAMPLES / "org-overlay"), "-f", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["ok"] is True


# --- nothing from a rule file acts on the terminal (issue 20) -------------------------------

RAW = ["\x1b", "\u202e", "\u2066", "\u200f", "\x9b", "\x07", "\r"]  # ESC, bidi, RLM, CSI, BEL
# as YAML writes them
EVIL = "\\e[31mRED\\e[0m \\u202eevil\\u2066 \\u200f(x) \\x9b2J \\a two\\nlines\\r"
HOSTILE_RULES = f"""\
red_lines:
  - id: evil-line
    when: {{field: tags, op: contains, value: evil}}
    level: 3
    require: [four-eyes]
    reason: {{en: "reason {EVIL}"}}
measures:
  - id: four-eyes
    title: {{en: "title {EVIL}"}}
    description: {{en: "description {EVIL}"}}
levels:
  - number: 3
    label: {{en: "Consult {EVIL}"}}
rubric:
  dimension: risk
  title: {{en: "Risk {EVIL}"}}
  indicators:
    - id: impact
      question: {{en: "How bad {EVIL}?"}}
"""
HOSTILE_TEST = f"""\
tests:
  - name: "name {EVIL}"
    case: {{subject: {{name: Ali}}, task: {{title: T, tags: [evil]}}, competence: 5,
           intention: 5, resources: 5, risk: 2}}
    expect: {{level: delegate}}
"""


def test_no_control_character_from_a_rule_file_reaches_the_terminal(tmp_path):
    """A rule set full of controls (ESC, bidi, C1, BEL, CR, a line break) in its texts,
    its test names and its folder's name: every command that shows them shows them
    escaped, on stdout and stderr alike, in text and in JSON; the questionnaire too.
    `rules check` and `rules diff` (2 s more each) print through the same `line`: no
    command of `rules` prints any other way."""
    import re

    from trustdose.cli import rules as rules_commands
    assert not re.search(r"(?<![\w.])print\(", Path(rules_commands.__file__).read_text())
    folder = tmp_path / "org\x1b[31m\u202e"
    folder.mkdir()
    (folder / "evil.yaml").write_text(HOSTILE_RULES, encoding="utf-8")
    (folder / "evil.test.yaml").write_text(HOSTILE_TEST, encoding="utf-8")
    case = tmp_path / "case.yaml"
    case.write_text(yaml.safe_dump(make_case(task={"title": "T", "tags": ["evil"]})),
                    encoding="utf-8")
    f, c = str(folder), str(case)
    for args in (["rules", "list", "--rules", f], ["rules", "list", "--rules", f, "-f", "json"],
                 ["rules", "show", "evil-line", "--rules", f], ["rules", "show", "four-eyes",
                                                                 "--rules", f, "-f", "json"],
                 ["rules", "show", "risk.impact", "--rules", f], ["rules", "test", f],
                 ["rules", "test", f, "-f", "json"],
                 ["assess", c, "--rules", f, "--full"], ["assess", c, "--rules", f, "-f", "json"]):
        done = run(*args)
        assert done.returncode in (0, 1), (args, done.stderr)
        shown = done.stdout + done.stderr
        assert not [raw for raw in RAW if raw in shown], (args, shown)
        assert "\\x1b" in shown or "\\u001b" in shown, (args, shown)  # shown, escaped
    import io

    from rich.console import Console

    from trustdose.cli.ask import _show
    from trustdose.questionnaire import steps
    console = Console(file=io.StringIO(), color_system=None, width=100)
    for number, step in enumerate(steps(trustdose.load_rules([folder], user=False)), start=1):
        _show(console, step, number)
    asked = console.file.getvalue()
    assert "How bad \\x1b[31mRED" in asked and not [raw for raw in RAW if raw in asked]
