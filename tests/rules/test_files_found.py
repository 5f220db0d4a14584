"""Which files a rules folder and a batch folder take (issue 20): a file's ending is read
in any case (`red-lines.YAML`, as Windows tools save it), and a file that is not read is
said aloud, never skipped unseen."""

from __future__ import annotations

import json
import shutil

import pytest

import trustdose
from trustdose import RulesError
from trustdose.io.readers import rows_of
from trustdose.proofs.tests import test_files as rule_test_files

from helpers import EXAMPLES, run

ORG = EXAMPLES / "org-overlay"
FORCE = {"subject": {"name": "Ali"}, "competence": 5, "intention": 5, "resources": 5,
         "risk": 2, "task": {"title": "Decide on a restraint", "tags": ["use-of-force"]}}


@pytest.mark.parametrize("name", ["red-lines.YAML", "red-lines.Yml", "RED-LINES.yaml"])
def test_a_rule_file_is_read_whatever_the_case_of_its_ending(tmp_path, name):
    folder = tmp_path / "org"
    folder.mkdir()
    shutil.copy(ORG / "red-lines.yaml", folder / name)
    shutil.copy(ORG / "sources.yaml", folder / "sources.yaml")  # what the red lines cite
    shutil.copy(ORG / "org.test.yaml", folder / "ORG.TEST.YAML")  # a test, not rules
    (folder / ".DS_Store").write_bytes(b"\0\x01")  # a dot file, as every tool leaves it
    (folder / "sub").mkdir()  # a subfolder is not part of the layer
    rules = trustdose.load_rules([folder], user=False)
    assert trustdose.assess(FORCE, rules).level.number == 3  # 6 when the file was skipped
    assert rule_test_files([folder]) == [folder / "ORG.TEST.YAML"]


@pytest.mark.parametrize("name", ["red-lines.json", "red-lines.yml.txt.gz", "rules", "RED.YAM"])
def test_a_file_a_rules_folder_does_not_read_is_named(tmp_path, name):
    folder = tmp_path / "org"
    folder.mkdir()
    shutil.copy(ORG / "sources.yaml", folder / "sources.yaml")
    (folder / name).write_text("red_lines: []\n", encoding="utf-8")
    with pytest.raises(RulesError) as err:
        trustdose.load_rules([folder], user=False)
    problem = err.value.problems[0]
    assert problem.path == str(folder / name)
    assert problem.message.startswith("not read: a rules folder holds rule files")


@pytest.mark.parametrize("name", ["README.md", "Notes.TXT", "red-lines.yaml.bak",
                                  "red-lines.yaml~", "red-lines.yaml.orig"])
def test_notes_and_an_editors_copies_beside_the_rules_are_not_rules(tmp_path, name):
    # no one takes a README or a backup for rules; refusing them would stop every run
    folder = tmp_path / "org"
    shutil.copytree(ORG, folder)
    (folder / name).write_text("red_lines: [{id: x}]\n", encoding="utf-8")
    rules, shipped = (trustdose.load_rules([f], user=False) for f in (folder, ORG))
    assert [r.key for r in rules.red_lines] == [r.key for r in shipped.red_lines]


def test_a_batch_folder_reads_case_files_in_any_case_and_names_the_others(tmp_path):
    case = (EXAMPLES / "routine-ordering.yaml").read_text(encoding="utf-8")
    for name in ("a.YAML", "b.Yml", "c.yml"):
        (tmp_path / name).write_text(case, encoding="utf-8")
    (tmp_path / "d.JSON").write_text(
        '{"subject": {"name": "K"}, "task": {"title": "T", "facts": {"amount": 60.000}}, '
        '"competence": 3, "intention": 3, "resources": 3, "risk": 3}', encoding="utf-8")
    (tmp_path / "e.CSV").write_text("id,subject\n", encoding="utf-8")
    (tmp_path / "f.TEST.yaml").write_text("tests: []\n", encoding="utf-8")  # a rule test
    (tmp_path / ".hidden.yaml").write_text("x", encoding="utf-8")
    rows = {row.source: row for row in rows_of(tmp_path)}
    assert sorted(rows) == sorted([f"{tmp_path / n}:1" for n in ("a.YAML", "b.Yml", "c.yml",
                                                                 "d.JSON")]
                                  + [str(tmp_path / "e.CSV")])
    assert rows[f"{tmp_path / 'd.JSON'}:1"].doc.data["task"]["facts"]["amount"] == 60.0  # JSON
    assert rows[str(tmp_path / "e.CSV")].problems[0].message.startswith(
        "not read: a folder's case files end in .yaml, .yml or .json")


@pytest.mark.parametrize("section", ["red_lines", "caps", "measures", "disable", "'carry'"])
def test_a_rule_test_file_holding_rule_sections_is_refused_at_load(tmp_path, section):
    """Red lines put in `*.test.yaml` were skipped by assess, rules list and rules check
    (hostile pass of issue 20, item 7): refused where the section stands, with where to
    move it."""
    folder = tmp_path / "org"
    folder.mkdir()
    shutil.copy(ORG / "sources.yaml", folder / "sources.yaml")
    (folder / "red-lines.test.yaml").write_text(
        f"# tests and rules\ntests:\n  - name: x\n    case: {{}}\n{section}: []\n",
        encoding="utf-8")
    with pytest.raises(RulesError) as raised:
        trustdose.load_rules([folder], user=False)
    [problem] = raised.value.problems
    assert (problem.path, problem.line, problem.col) == (str(folder / "red-lines.test.yaml"),
                                                         5, 1)
    assert section.strip("'") in problem.message and "rules file" in problem.hint


def test_a_subfolder_or_a_note_named_as_rules_is_named_by_rules_list(tmp_path):
    folder = tmp_path / "org"
    (folder / "care").mkdir(parents=True)
    (folder / "empty").mkdir()  # holds no rules: nothing to say
    for name in ("red-lines.yaml", "sources.yaml"):
        shutil.copy(ORG / name, folder / name)
    shutil.copy(ORG / "red-lines.yaml", folder / "care" / "red-lines.yaml")
    shutil.copy(ORG / "red-lines.yaml", folder / "night.yaml.txt")
    shutil.copy(ORG / "red-lines.yaml", folder / "red-lines.yaml.bak")  # a copy: silent
    (folder / "README.md").write_text("notes\n", encoding="utf-8")
    result = run("rules", "list", "--rules", str(folder))
    assert result.returncode == 0
    notes = [ln for ln in result.stdout.splitlines() if ln.startswith("note:")]
    assert len(notes) == 2 and "care" in notes[0] and "red-lines.yaml" in notes[0]
    assert "night.yaml.txt" in notes[1] and "rename it" in notes[1]
    listed = json.loads(run("rules", "list", "--rules", str(folder), "-f", "json").stdout)
    assert [p["path"] for p in listed["left_alone"]] == [str(folder / "care"),
                                                          str(folder / "night.yaml.txt")]
