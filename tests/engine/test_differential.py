"""The differential test (issue 19): every way into the engine gives, case by case and
byte for byte, what the same engine gives remembering nothing (`Compiled(rules, lang,
memo=False)`): the API, `trustdose batch` in one process and with two workers, and the
CSV fast path. The grid repeats a few subjects and tasks with task facts that Python's
equality mixes up (true, 1, 1.0, -0.0, 0), so a part remembered under too coarse a key
shows as a difference; it runs under the defaults and under an overlay with a new
indicator, a true/false and a number fact, and a red line on a tag AND a fact."""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import json
import re
import sys

import pytest

import trustdose
from trustdose.engine.compiled import Compiled
from trustdose.intake import assess_document
from trustdose.io.readers import rows_of
from trustdose.io.source import Document

from helpers import run, run_process

DAY = "2026-03-02"
FORGETFUL: dict = {}  # per rule set: an engine that remembers nothing (it may be reused)
OVERLAY = {
    "medication.yaml": """
rubric:
  dimension: competence
  indicators:
    - id: medication
      question: {en: Can they handle medication safely?}
      anchors: {1: {en: Not yet}, 3: {en: With support}, 5: {en: Safely}}
""",
    "lines.yaml": """
red_lines:
  - id: large-budget
    when: {all: [{field: tags, op: contains, value: budget},
                 {field: facts.amount, op: ">=", value: 50000}]}
    level: 3
    require: [four-eyes]
    reason: {en: "large budgets stay close"}
warnings:
  - id: night-shift
    kind: night-shift
    when: {field: facts.night, op: "==", value: true}
    message: {en: "{subject} works nights on {task}"}
""",
}
NIGHT = [True, False, 1, 1.0, -0.0, 0, None]  # None: the fact is not given
AMOUNT = [49999, 50000, 60000.5, None]
SUBJECTS = [{"name": "Åsa"}, {"name": "Team Nord", "kind": "team"}]
TASKS = [("Plan the rota", []), ("Order supplies", ["budget"])]


def grid(medication: bool) -> list[dict]:
    """Cases as a coach's file gives them: few subjects and tasks, many facts."""
    cases = []
    for n, (night, amount, subject, (title, tags), c) in enumerate(itertools.product(
            NIGHT, AMOUNT, SUBJECTS, TASKS, (2, 4.5))):
        echo = None
        if medication and night is not None and type(night) is not bool:
            # the overlay compares night with true/false, so a case gives it as one; the
            # values equality mixes up go to a fact no rule compares
            night, echo = n % 2 == 0, night
        facts = {k: v for k, v in (("night", night), ("amount", amount), ("echo", echo))
                 if v is not None}
        competence = {"professional": 4, "medication": int(c)} if medication and n % 3 == 0 \
            else c
        cases.append({"id": f"c{n}", "subject": subject,
                      "task": {"title": title, "tags": tags, "facts": facts},
                      "competence": competence, "intention": 4, "resources": 3.5,
                      "risk": 2 + n % 3, "date": DAY})
    return cases


@pytest.fixture(scope="module")
def rule_sets(tmp_path_factory):
    folder = tmp_path_factory.mktemp("overlay")
    for name, text in OVERLAY.items():
        (folder / name).write_text(text, encoding="utf-8")
    return {"defaults": (None, trustdose.load_rules(user=False), grid(False)),
            "overlay": (folder, trustdose.load_rules([folder], user=False), grid(True))}


def forgetful(rules, doc: Document) -> bytes:
    """The JSON line of the engine that remembers nothing."""
    fresh = FORGETFUL.get(id(rules))
    if fresh is None or fresh.rules is not rules:
        fresh = FORGETFUL[id(rules)] = Compiled(rules, "en", memo=False)
    return assess_document(doc, rules, today=dt.date.fromisoformat(DAY), compiled=fresh,
                           case_id=doc.path).json_line()


def own_lines(stdout: str) -> list[bytes]:
    """A batch's JSON lines without what a batch adds (source, version, rules digest):
    each as the assessment's own `json_line()`."""
    return [re.sub(r', "source": "[^"]*", "trustdose": "[^"]*", "rules_digest": "[^"]*"}$',
                   "}\n", line).encode() for line in stdout.splitlines()]


def batch_lines(stdout: str) -> dict[str, bytes]:
    """A batch's own JSON lines by case id."""
    return {json.loads(line)["case_id"]: line for line in own_lines(stdout)}


def write_jsonl(path, cases: list[dict]) -> None:
    path.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in cases),
                    encoding="utf-8")


def rules_args(folder) -> list[str]:
    return ["--rules", str(folder)] if folder else []


@pytest.mark.parametrize("name", ["defaults", "overlay"])
def test_the_api_and_a_batch_give_what_an_engine_remembering_nothing_gives(
        name, rule_sets, tmp_path):
    folder, rules, cases = rule_sets[name]
    want = {c["id"]: forgetful(rules, Document(c["id"], json.loads(json.dumps(c))))
            for c in cases}
    assert len(set(want.values())) == len(cases)  # every case says something of its own
    api = {c["id"]: trustdose.assess(json.loads(json.dumps(c)), rules).json_line()
           for c in cases}
    assert api == want
    path = tmp_path / "cases.jsonl"
    write_jsonl(path, cases)
    done = run("batch", str(path), "-f", "jsonl", *rules_args(folder),
               env={"TRUSTDOSE_WORKERS": "0"})
    assert done.returncode == 0, done.stderr
    assert batch_lines(done.stdout) == want


@pytest.mark.process
@pytest.mark.skipif(sys.platform != "linux", reason="workers are forked on Linux")
def test_a_batch_with_two_workers_gives_what_an_engine_remembering_nothing_gives(
        rule_sets, tmp_path):
    folder, rules, cases = rule_sets["overlay"]
    want = {c["id"]: forgetful(rules, Document(c["id"], json.loads(json.dumps(c))))
            for c in cases}
    path = tmp_path / "cases.jsonl"
    write_jsonl(path, cases * 3)  # each case three times, the copies in other chunks
    done = run_process("batch", str(path), "-f", "jsonl", *rules_args(folder),
                       env={"TRUSTDOSE_WORKERS": "2"})
    assert done.returncode == 0, done.stderr
    lines = own_lines(done.stdout)
    assert lines == [want[c["id"]] for c in cases] * 3


def write_csv(path, cases: list[dict]) -> None:
    """The cases as a CSV file's rows (scores as numbers, facts as cells)."""
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter=";")
        writer.writerow(["id", "subject", "kind", "task", "tags", "facts.night",
                         "facts.amount", "facts.echo", "competence", "intention", "resources",
                         "risk",
                         "date"])
        for c in cases:
            facts = c["task"]["facts"]
            competence = c["competence"]
            writer.writerow([c["id"], c["subject"]["name"], c["subject"].get("kind", ""),
                             c["task"]["title"], "|".join(c["task"]["tags"]),
                             _cell(facts.get("night")), _cell(facts.get("amount")),
                             _cell(facts.get("echo")),
                             str(competence if not isinstance(competence, dict) else 3),
                             c["intention"], c["resources"], c["risk"], c["date"]])


def _cell(value) -> str:
    return "" if value is None else json.dumps(value)  # true, 1, 1.0, -0.0, 60000.5


@pytest.mark.parametrize("name", ["defaults", "overlay"])
def test_the_csv_fast_path_gives_what_an_engine_remembering_nothing_gives(
        name, rule_sets, tmp_path):
    folder, rules, cases = rule_sets[name]
    path = tmp_path / "cases.csv"
    write_csv(path, cases)
    # each row read the whole way (its case mapping, as a case file would give it)
    want = {}
    for row in rows_of(str(path)):
        doc = row.document()
        want[doc.data["id"]] = forgetful(rules, doc)
    done = run("batch", str(path), "-f", "jsonl", *rules_args(folder))
    assert done.returncode == 0, done.stderr
    assert batch_lines(done.stdout) == want


def test_a_true_false_fact_means_the_same_from_csv_as_from_jsonl(rule_sets, tmp_path):
    folder, _rules, cases = rule_sets["overlay"]
    # a CSV row gives a score, not indicator answers: the cases both can say alike
    cases = [c for c in cases if not isinstance(c["competence"], dict)]
    write_csv(tmp_path / "cases.csv", cases)
    write_jsonl(tmp_path / "cases.jsonl", cases)

    def said(fmt: str) -> dict:
        done = run("batch", str(tmp_path / f"cases.{fmt}"), "-f", "jsonl", *rules_args(folder))
        assert done.returncode == 0, done.stderr
        return {case["case_id"]: (case["level"], [w["kind"] for w in case["warnings"]])
                for case in map(json.loads, done.stdout.splitlines())}
    assert said("csv") == said("jsonl")
