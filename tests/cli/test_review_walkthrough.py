"""The review walkthrough takes the outcome and the causes as --outcome and --cause do:
by number, id or the leader's own word in the language (issue 21, the hostile pass: the
walkthrough refused `ressourcer` while --cause took it)."""

from __future__ import annotations

import pytest

from trustdose import i18n
from trustdose.cli.review import _choose
from trustdose.model.track import CAUSE_LABELS, CAUSES, OUTCOME_LABELS, OUTCOMES


class Console:
    def __init__(self, typed):
        self.typed, self.said = list(typed), []

    def print(self, text="", **_kw):
        self.said.append(str(text))

    def input(self, _prompt=""):
        return self.typed.pop(0)


@pytest.fixture(autouse=True)
def danish():
    i18n.set_language("da")
    yield
    i18n.set_language("en")


def test_causes_in_the_leaders_words_are_taken_and_nonsense_asked_again():
    causes = [(c, i18n._(CAUSE_LABELS[c])) for c in CAUSES]
    console = Console(["ressourcer, nonsens", "ressourcer kompetence"])
    assert _choose(console, "?", causes, single=False) == ["resources", "competence"]
    assert any("1 til" in line for line in console.said)  # the first answer asked again


def test_an_outcome_in_the_leaders_word_is_taken():
    outcomes = [(o, i18n._(OUTCOME_LABELS[o])) for o in OUTCOMES]
    assert _choose(Console(["presset"]), "?", outcomes, single=True) == ["strained"]


def test_a_cause_given_with_kept_is_refused_not_dropped(tmp_path):
    from helpers import run
    done = run("review", "1", "--outcome", "kept", "--cause", "competence",
               "--db", str(tmp_path / "j.sqlite3"))
    assert done.returncode == 2 and "--cause" in done.stderr, done.stderr
