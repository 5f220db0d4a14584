"""The situations of issue 21 (rules/situations.test.yaml, and each as a case file
under examples/situations/), and which of their expectations the rules do not meet yet:
tests/rules/test_situations.py runs them, and the run of every default rule test allows
those failures alone."""

from __future__ import annotations

import datetime as dt

import yaml

import trustdose
from trustdose import i18n
from trustdose.report.formats import ReportFormat, render
from trustdose.rules.ruleset import default_rules_dir

from helpers import EXAMPLES

SITUATIONS = default_rules_dir() / "situations.test.yaml"
FILES = sorted((EXAMPLES / "situations").glob("*.yaml"))
# a one-off event is followed up after it: a debrief within three weeks (issue 21, item 6)
DEBRIEF = dt.timedelta(days=21)

# situation → why the rules fail it today (issue 21's item, and the part that builds it)
PENDING: dict[str, str] = {}
# situations with task.due whose review does not follow the event yet (issue 21, item 6)
REVIEW_PENDING: dict[str, str] = {}


def situation(name: str) -> str:
    """The example file a rule test is about: the first word of its name."""
    return name.split(" ")[0]


def situation_case(name: str, **changed) -> dict:
    """The example situation `name` as a case, with `changed` top-level keys replaced."""
    case = yaml.safe_load((EXAMPLES / "situations" / f"{name}.yaml").read_text(
        encoding="utf-8"))
    return {**case, **changed}


def situation_text(rules, name: str, lang: str, kind: ReportFormat = ReportFormat.agreement,
                   **changed) -> str:
    """A situation's document in `lang` (the language stays set), its white space folded
    to single spaces, so a phrase is found whatever the line it wraps on."""
    i18n.set_language(lang)
    return " ".join(render(kind, trustdose.assess(situation_case(name, **changed),
                                                  rules)).split())
