"""What a case says is echoed as it was given (issue 19, items 1, 2 and 6): the subject
and the task are remembered under the validated models' own JSON, so true, 1 and 1.0
(and -0.0 and 0) never share an echo, and a field added to a model is echoed without a
word more; `to_json()` is `json_line()` read back; a number JSON cannot carry (NaN,
Infinity) is refused where the case is validated; and a batch writes the same bytes for
each case whatever the order of the cases and the number of workers."""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import sys

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import trustdose
from trustdose.engine.assess import assess_case
from trustdose.engine.compiled import Compiled
from trustdose.intake import assess_document
from trustdose.io.source import Document
from trustdose.model.case import Answer, Subject, Task

from helpers import run, run_process

DAY = dt.date(2026, 3, 2)
FACTS = [True, 1, 1.0, -0.0, 0, 0.0, False]  # equal or alike to Python, not in JSON
ANSWERS = (Answer(3.0), Answer(4.0), Answer(4.0), Answer(2.0))


def case(facts: dict, n: int = 0) -> dict:
    return {"id": f"c{n}", "subject": {"name": "Kim"},
            "task": {"title": "Rota", "facts": facts},
            "competence": 3, "intention": 4, "resources": 4, "risk": 2, "date": DAY.isoformat()}


def test_a_what_if_grid_echoes_each_row_its_own_task(rules):
    compiled, fresh = Compiled(rules, "en"), Compiled(rules, "en", memo=False)
    for x in FACTS:
        for y in FACTS:
            doc = Document("<case>", case({"x": x, "y": y}))
            result = assess_document(doc, rules, compiled=compiled)
            assert result.json_line() == assess_document(doc, rules, compiled=fresh).json_line()
            assert result.to_json()["task"]["facts"] == result.task.model_dump(mode="json")[
                "facts"]
            assert json.dumps(result.to_json()["task"]["facts"]) == json.dumps(
                result.task.facts)  # true stays true, 1.0 stays 1.0, -0.0 stays -0.0


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(subject=st.builds(Subject, name=st.sampled_from(["Kim", "Åsa", "Team Nord"]),
                         kind=st.sampled_from(["person", "team"]), new_in_role=st.booleans()),
       task=st.builds(Task, title=st.sampled_from(["Rota", "Budget"]),
                      description=st.sampled_from([None, "Twice a year", "two\nlines"]),
                      tags=st.lists(st.sampled_from(["budget", "citizen-data"]), max_size=2,
                                    unique=True).map(tuple),
                      facts=st.dictionaries(st.sampled_from(["x", "amount"]),
                                            st.sampled_from([*FACTS, "yes", 2.5])),
                      kind=st.sampled_from([None, "routine", "project"]),
                      people=st.sampled_from([None, "residents"]),
                      safeguards=st.sampled_from([(), ("four-eyes",)])))
def test_every_field_of_the_subject_and_the_task_is_echoed_as_given(subject, task, rules):
    compiled = ECHOING.setdefault("compiled", Compiled(rules, "en"))  # warm, as in a batch
    result = assess_case(compiled, subject, task, ANSWERS, None, DAY)
    said = json.loads(result.json_line())
    assert said["subject"] == subject.model_dump(mode="json")
    assert said["task"] == task.model_dump(mode="json")
    assert json.dumps(said["task"]) == json.dumps(task.model_dump(mode="json"))


ECHOING: dict = {}


class DueTask(Task):
    """A task with a field `Task` does not have yet: the engine's keys must know it."""

    due: dt.date | None = None


def test_a_field_added_to_the_task_is_remembered_for_free(rules):
    compiled = Compiled(rules, "en")
    echoed = []
    for due in (None, dt.date(2026, 4, 1), dt.date(2026, 5, 1), None, dt.date(2026, 4, 1)):
        task = DueTask(title="Rota", due=due)
        said = json.loads(assess_case(compiled, Subject(name="Kim"), task, ANSWERS, None,
                                      DAY).json_line())
        echoed.append(said["task"]["due"])
    assert echoed == [None, "2026-04-01", "2026-05-01", None, "2026-04-01"]


# -- NaN and Infinity: JSON has neither --------------------------------------------------

@pytest.mark.parametrize("text", [".nan", ".inf", "-.Inf"])
def test_a_fact_json_cannot_carry_is_refused_at_its_place(tmp_path, text):
    path = tmp_path / "case.yaml"
    path.write_text("subject: {name: Kim}\ntask: {title: Rota, facts: {x: %s}}\n"
                    "competence: 3\nintention: 4\nresources: 4\nrisk: 2\n" % text,
                    encoding="utf-8")
    done = run("assess", str(path), "-f", "json")
    assert done.returncode == 2 and done.stdout == "" and "Traceback" not in done.stderr
    assert f"{path}:2:32: task.facts.x: must be a finite number" in done.stderr
    assert "allowed: a number, true or false, or text" in done.stderr


def test_a_number_fact_that_is_nan_is_one_problem_with_every_other(tmp_path):
    overlay = tmp_path / "rules"
    overlay.mkdir()
    (overlay / "lines.yaml").write_text(
        "red_lines:\n  - id: large\n    when: {field: facts.amount, op: '>=', value: 50000}\n"
        "    require: [four-eyes]\n    reason: {en: large amounts}\n", encoding="utf-8")
    path = tmp_path / "case.yaml"
    path.write_text("subject: {name: Kim}\ntask: {title: Rota, facts: {amount: .nan, x: .inf}}"
                    "\ncompetence: 9\nintention: 4\nresources: 4\nrisk: 2\n", encoding="utf-8")
    done = run("assess", str(path), "--rules", str(overlay))
    assert done.returncode == 2
    problems = [line for line in done.stderr.splitlines() if "error:" in line]
    assert len(problems) == 3, done.stderr  # the amount once, x, the competence
    assert sum(f"{path}:2:" in line for line in problems) == 2


def test_a_batch_rejects_only_the_row_with_nan_or_infinity(tmp_path):
    path = tmp_path / "cases.jsonl"
    path.write_text("".join(json.dumps(case({"x": value}, n)) + "\n" for n, value in
                            enumerate([1, math.nan, math.inf, -math.inf, 1.0])),
                    encoding="utf-8")
    assert "NaN" in path.read_text()  # as Python's json writes it, and reads it back
    done = run("batch", str(path), "-f", "jsonl")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert [json.loads(line)["case_id"] for line in done.stdout.splitlines()] == ["c0", "c4"]
    for line in (2, 3, 4):
        assert f"rejected: {path}:{line}:" in done.stderr
    assert "NaN" not in done.stdout and "Infinity" not in done.stdout


# -- a batch: the same bytes per case, whatever the order and the number of workers ------

def own(stdout: str) -> dict[str, str]:
    """A batch's lines by case id, without where the case was in the file."""
    return {json.loads(line)["case_id"]: re.sub(r', "source": "[^"]*"', "", line)
            for line in stdout.splitlines()}


def batch(path, cases: list[dict], workers: str = "0", process: bool = False):
    path.write_text("".join(json.dumps(c) + "\n" for c in cases), encoding="utf-8")
    args = ("batch", str(path), "-f", "jsonl")
    env = {"TRUSTDOSE_WORKERS": workers}
    return run_process(*args, env=env) if process else run(*args, env=env)


fact = st.sampled_from([True, 1, 1.0, -0.0, 0, False, "1", math.nan])
rows = st.lists(st.tuples(st.sampled_from(["Kim", "Åsa"]), st.dictionaries(
    st.sampled_from(["x", "y"]), fact, max_size=2)), min_size=1, max_size=12)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(given_rows=rows, order=st.randoms(use_true_random=False))
def test_a_batch_writes_each_case_the_same_in_any_order(given_rows, order, tmp_path):
    cases = [{**case(facts, n), "subject": {"name": name}}
             for n, (name, facts) in enumerate(given_rows)]
    shuffled = list(cases)
    order.shuffle(shuffled)
    first, second = batch(tmp_path / "a.jsonl", cases), batch(tmp_path / "b.jsonl", shuffled)
    assert own(first.stdout) == own(second.stdout)
    refused = {c["id"] for c in cases if any(isinstance(v, float) and math.isnan(v)
                                             for v in c["task"]["facts"].values())}
    assert set(own(first.stdout)) == {c["id"] for c in cases} - refused
    for result in map(json.loads, first.stdout.splitlines()):
        assert json.dumps(result["task"]["facts"]) == json.dumps(
            Task.model_validate(cases[int(result["case_id"][1:])]["task"]).model_dump(
                mode="json")["facts"])


@pytest.mark.process
@pytest.mark.skipif(sys.platform != "linux", reason="workers are forked on Linux")
def test_two_workers_write_each_case_as_one_process_does_in_any_order(tmp_path):
    import random
    rng = random.Random(19)
    cases = [{**case({"x": rng.choice(FACTS + [math.nan]), "y": rng.choice(FACTS)}, n),
              "subject": {"name": rng.choice(["Kim", "Åsa", "Team Nord"])}}
             for n in range(600)]
    one = batch(tmp_path / "one.jsonl", cases)
    rng.shuffle(cases)
    two = batch(tmp_path / "two.jsonl", cases, workers="2", process=True)
    assert one.returncode == two.returncode == 1
    assert own(one.stdout) == own(two.stdout) and len(own(one.stdout)) > 400


def test_to_json_is_json_line_read_back(rules):
    trustdose.set_language("da")
    try:
        compiled = Compiled(rules, "da")
        for n, x in enumerate(FACTS):
            result = assess_document(Document("<case>", case({"x": x}, n)), rules,
                                     compiled=compiled)
            assert json.dumps(result.to_json(), ensure_ascii=False) + "\n" == \
                result.json_line().decode()
    finally:
        trustdose.set_language("en")
