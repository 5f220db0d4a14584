"""The situations of issue 21 (rules/situations.test.yaml, each also a case file under
examples/situations/ in the leader's language): what a seasoned leader expects of each,
judged before running it. Each file is the case its rule test runs. The expectations the
rules do not meet yet are PENDING, with why: they are the acceptance tests of issue 21's
other parts, marked strict, so that one that starts passing must come off the list."""

from __future__ import annotations

import pytest
import yaml

import trustdose
from trustdose.proofs.tests import run_tests

from helpers import EXAMPLES
from situations import (DEBRIEF, FILES, PENDING, REVIEW_PENDING, SITUATIONS,
                        situation)


def read(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def pending(table: dict[str, str], files=FILES) -> list:
    return [pytest.param(p.stem, marks=pytest.mark.xfail(
        reason=table[p.stem], strict=True) if p.stem in table else ()) for p in files]


EVENTS = [p for p in FILES if "due" in read(p)["task"]]  # one-off events with a date


@pytest.fixture(scope="module")
def results(rules):
    return {situation(r.name): r for r in run_tests(rules, [SITUATIONS], []).results}


def test_there_are_twelve_and_each_file_is_the_case_its_rule_test_runs():
    tests = read(SITUATIONS)["tests"]
    cases = {situation(t["name"]): t["case"] for t in tests}
    assert len(FILES) == len(cases) >= 12
    for path in FILES:
        assert read(path) == cases[path.stem], path.name
    assert set(PENDING) | set(REVIEW_PENDING) <= set(cases)


@pytest.mark.parametrize("name", pending(PENDING))
def test_the_plan_is_what_a_seasoned_leader_expects(name, results):
    assert results[name].passed, results[name].differences


@pytest.mark.parametrize("name", pending(REVIEW_PENDING, EVENTS))
def test_the_review_of_a_one_off_event_follows_it(name, rules):
    case = read(EXAMPLES / "situations" / f"{name}.yaml")
    due = case["task"]["due"]
    review = trustdose.assess(case, rules).review_date
    assert due < review <= due + DEBRIEF, (due, review)
