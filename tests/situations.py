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
PENDING = {
    "ydelsesteam-enkeltydelser": "review-point takes the decision back at inquire, though a "
                                 "written guideline and a system check are in place (item 1)",
    "barnehagetur-vannet": "a review before the team acts in danger, at advise under a "
                           "written routine (item 1)",
    "ny-behovsvurderer": "the cap of three drops the experienced colleague for a new assessor "
                         "with experience at 1 (item 2)",
    "skolkok-specialkost": "review-point before each allergy meal at advise under a written "
                           "routine (item 1)",
    "teacher-parent-messages": "review-point before each message to parents at advise "
                               "(item 1)",
}
# situations with task.due whose review does not follow the event yet (issue 21, item 6)
REVIEW_PENDING: dict[str, str] = {}


def situation(name: str) -> str:
    """The example file a rule test is about: the first word of its name."""
    return name.split(" ")[0]
