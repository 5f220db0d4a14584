"""The twelve situations of issue 21 (rules/situations.test.yaml, and each as a case file
under examples/situations/), and which of their expectations the rules do not meet yet:
tests/rules/test_situations.py runs them, and the run of every default rule test allows
those failures alone."""

from __future__ import annotations

import datetime as dt

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
