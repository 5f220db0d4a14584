"""The task in the leader's words (issue 21 items 5 and 8): the questionnaire asks the
five fields the agreement states, each skipped with Enter, lists one item per line or
separated by ';', the due date as the review reads dates or as the language writes them,
never before the day; the tags shown by their labels and kept by their ids. In-process:
the questionnaire's steps, and its terminal side on a fake console."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console

from trustdose import i18n
from trustdose.cli.ask import answer_steps, ask
from trustdose.cli.keep import case_file
from trustdose.intake import assess_document, document
from trustdose.questionnaire import Walk, mentioned, steps
from trustdose.task_words import TAG_WORDS, due, own_text, points, read_day, tag_label

TODAY = dt.date(2026, 11, 23)
OWN = [("task", "purpose"), ("task", "success"), ("task", "ground_rules"),
       ("task", "escalate"), ("task", "due")]


@pytest.fixture
def lang():
    """Set the language for one test; English again afterwards."""
    yield i18n.set_language
    i18n.set_language("en")


def test_the_five_come_after_the_task_and_before_the_person_each_skippable(rules):
    todo = steps(rules, TODAY)
    keys = [s.key for s in todo]
    at = keys.index(OWN[0])
    assert keys[at:at + 5] == OWN
    assert keys.index(("task", "tags")) < at < keys.index(("competence", "professional"))
    assert all(s.optional and s.when is None and s.parse("") is None for s in todo[at:at + 5])
    assert todo[at].heading and "Enter" in todo[at].intro  # a part of its own, said once
    assert [s.lines for s in todo[at:at + 5]] == [False, False, True, True, False]


def test_own_words_are_kept_as_written_and_a_question_mark_is_left_to_the_first_talk():
    assert own_text("  The families know the plan, a week ahead ") == \
        "The families know the plan, a week ahead"
    assert own_text("?") is None and own_text("  ") is None
    with pytest.raises(ValueError, match="at most 2000"):
        own_text("x" * 2001)


@given(st.lists(st.text(st.characters(blacklist_characters=";", blacklist_categories=("Cs",)),
                        min_size=1, max_size=40).filter(lambda t: t.strip() not in ("", "?")
                                                       and set(t.strip()) != {"?"}),
                min_size=1, max_size=6))
def test_a_list_typed_on_one_line_reads_back_item_by_item(items):
    assert points(" ; ".join(items)) == [item.strip() for item in items]


def test_a_list_keeps_its_commas_and_refuses_a_point_too_long_by_its_number():
    assert points("Ask the parents first, always; ;  No child alone by the water ") == [
        "Ask the parents first, always", "No child alone by the water"]
    assert points(" ; ") is None
    with pytest.raises(ValueError, match="Point 2 is 201 characters; at most 200"):
        points("short; " + "y" * 201)


@given(st.dates(dt.date(1900, 1, 1), dt.date(2999, 12, 31)), st.sampled_from(i18n.LANGUAGES))
def test_a_day_reads_back_as_the_review_writes_it_and_as_the_language_does(day, language):
    try:
        i18n.set_language(language)
        assert read_day(day.isoformat(), TODAY) == day
        assert read_day(i18n.format_date(day), TODAY) == day
        # as a Nordic leader (and a batch cell) writes it: the day first, always; a
        # leader typed 15-01-2027 at the due date and was told it is no day in the calendar
        for sign in "-./":
            assert read_day(f"{day.day}{sign}{day.month:02d}{sign}{day.year}", TODAY) == day
    finally:
        i18n.set_language("en")


def test_the_due_date_is_today_or_later_and_a_wrong_one_says_what_is_allowed(lang):
    assert due("", TODAY) is None
    assert due("2026-11-23", TODAY) == TODAY and due("15 jan 2027", TODAY) == dt.date(2027, 1, 15)
    with pytest.raises(ValueError, match=r"22 November 2026 is before today \(23 November"):
        due("2026-11-22", TODAY)
    assert due("15/1/2027", TODAY) == due("15-01-2027", TODAY) == dt.date(2027, 1, 15)
    for wrong in ("2026-02-30", "next friday", "30-02-2027", "2027"):
        with pytest.raises(ValueError, match="2026-11-23 or 23 November 2026"):
            due(wrong, TODAY)
    lang("da")
    assert due("15. januar 2027", TODAY) == dt.date(2027, 1, 15)
    with pytest.raises(ValueError, match="ligger før i dag"):
        due("1. marts 2026", TODAY)
    lang("sv")
    assert due("15 januari 2027", TODAY) == dt.date(2027, 1, 15)


def test_every_tag_the_default_rules_test_has_words_in_every_language(rules, lang):
    tags, _facts = mentioned(rules)
    assert tags and set(tags) <= set(TAG_WORDS)
    for language in i18n.LANGUAGES:
        lang(language)
        assert all("-" not in tag_label(tag) for tag in tags)
    assert tag_label("use-of-force") == "use of force"  # an organisation's own, as written


def test_the_answers_reach_the_case_file_and_the_agreement(rules, tmp_path):
    walk = Walk(steps(rules))
    words = {OWN[0]: "So every child comes home safe", OWN[1]: "",
             OWN[2]: "No child alone by the water; Life jackets on the jetty",
             OWN[3]: "", OWN[4]: (dt.date.today() + dt.timedelta(days=30)).isoformat()}
    while (step := walk.current()) is not None:
        score = len(step.key) == 2 and step.key[0] in ("competence", "intention", "resources",
                                                         "risk")
        walk.answer({("subject", "name"): "Freja", ("subject", "kind"): "p",
                     ("subject", "new_in_role"): "n", ("task", "title"): "The lake trip",
                     **words}.get(step.key, "4" if score else ""))
    assert walk.refused() is None
    task = walk.case()["task"]
    assert task["ground_rules"] == ["No child alone by the water", "Life jackets on the jetty"]
    assert "success" not in task and "escalate" not in task  # skipped: not in the case
    result = assess_document(document(walk.case()), rules)
    kept = tmp_path / "kept.yaml"
    kept.write_text(case_file(walk.case(), result, kept.name), encoding="utf-8")
    again = assess_document(document(kept), rules)
    assert again.to_json()["task"] == result.to_json()["task"]
    assert result.task.purpose == "So every child comes home safe"
    assert result.task.due == dt.date.fromisoformat(words[OWN[4]])


class Typed:
    """A console reading `lines` in order, and what was shown."""

    def __init__(self, lines):
        self.lines = list(lines)
        self.console = Console(file=io.StringIO(), width=100, color_system=None)
        self.console.input = self.read

    def read(self, prompt=""):
        self.console.print(prompt, end="")
        line = self.lines.pop(0)
        self.console.print(line)
        return line

    @property
    def shown(self):
        return self.console.file.getvalue()


def test_a_list_is_typed_one_per_line_until_an_empty_line(rules):
    todo = [s for s in steps(rules) if s.key in OWN[2:4]]
    screen = Typed(["No phones at the table", "Ask before you promise, always", "",
                    "b", "", "A parent is angry; A child is hurt", "", "x"])
    walk = Walk(todo)
    screen.lines.pop()  # the last is never read: the walk is done
    answer_steps(screen.console, walk)
    assert walk.answers[OWN[2]] == ["No phones at the table", "Ask before you promise, always"]
    assert walk.answers[OWN[3]] == ["A parent is angry", "A child is hurt"]
    assert "One per line, an empty line ends" in screen.shown and "+ " in screen.shown
    assert "Your answer before: No phones at the table ; Ask before" in screen.shown


def test_the_intro_counts_the_questions_that_enter_skips(rules, monkeypatch):
    screen = Typed([])
    monkeypatch.setattr("trustdose.cli.ask.answer_steps", lambda console, walk: None)
    walk = ask(rules, screen.console)
    always, most, optional = walk.count()
    skipped = sum(1 for s in walk.todo if s.optional and s.when is None)
    assert optional == skipped >= 5 + 4  # the five, the kind, people, tags, the plan
    assert f"{always} to {most} questions" in screen.shown
    assert f"you may skip {optional} of them with Enter" in " ".join(screen.shown.split())
