"""`trustdose frame` (issue 24, item 4): the parts of the frame set above the leader,
sorted into challenge, shape and live with (a part without a stance stays "to sort"),
from a file, from the upward items of a case or a board, or asked in the terminal; and
the note to one's own manager in each format, valid as that format."""

from __future__ import annotations

import io
import os
from html.parser import HTMLParser

import pexpect
import pytest

from trustdose.io.source import parse_text
from trustdose.leading.frame import parts_in, sorted_parts, stance_named, upward_parts

from helpers import EXAMPLES, run, terminal

FRAME = str(EXAMPLES / "leader" / "frame.yaml")
BOARD = str(EXAMPLES / "boards" / "boernehus-planlaegningstid.yaml")


def test_each_part_goes_under_its_stance_and_one_without_stays_to_sort(rules):
    doc = parse_text("- {text: A, stance: live-with}\n- B\n- {text: C, stance: challenge}\n"
                     "- {text: D, stance: shape, note: our way}\n", "f.yaml")
    groups = sorted_parts(parts_in(doc, rules.stances), rules.stances)
    assert [(s, [p.text for p in ps]) for s, ps in groups] == [
        ("challenge", ["C"]), ("shape", ["D"]), ("live-with", ["A"]), (None, ["B"])]


def test_a_stance_is_named_by_its_id_or_its_title_in_the_language(rules):
    from trustdose.i18n import set_language
    assert stance_named("live-with", rules.stances) == "live-with"
    set_language("da")
    try:
        assert stance_named("Udfordr", rules.stances) == "challenge"
        assert stance_named("lev med", rules.stances) == "live-with"
    finally:
        set_language("en")
    assert stance_named("ignore", rules.stances) is None


def test_a_shipped_board_gives_what_lies_above_the_leader(rules):
    from trustdose.intake import document
    parts = upward_parts(document(BOARD), rules)
    assert [p.text for p in parts] == [
        "The hours (planning time or staffing) that dropping other work cannot free"]
    assert parts[0].stance is None and parts[0].source.count(";") == 2  # its three areas


def test_from_a_board_the_note_lists_the_hours_to_sort():
    done = run("frame", "--from", BOARD, "-f", "markdown")
    assert done.returncode == 0, done.stderr
    assert "## Still to sort" in done.stdout and "planning time or staffing" in done.stdout
    assert "Tasks waiting for it: Forberede og holde forældresamtaler" in done.stdout


def test_a_case_whose_frame_is_the_leaders_own_gives_nothing_upward(rules):
    from trustdose.intake import document
    assert upward_parts(document(str(EXAMPLES / "boards" / "skolkok.yaml")), rules) == []


def test_the_markdown_note_has_the_stances_in_order_with_their_reasons():
    done = run("frame", FRAME, "-f", "markdown")
    text = done.stdout
    heads = [line for line in text.splitlines() if line.startswith("## ")]
    assert heads == ["## What I would like us to challenge, and why", "## What we shape locally",
                     "## What we live with, and how we make sense of it", "## Still to sort"]
    assert "they can be changed higher up" in text  # the stance's reason, from the rules
    assert "a short form would do there" in text  # the leader's own note


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.open, self.seen = [], []

    def handle_starttag(self, tag, attrs):
        self.seen.append(tag)
        if tag not in ("meta", "br"):
            self.open.append(tag)

    def handle_endtag(self, tag):
        assert self.open.pop() == tag


def test_the_html_note_is_one_page_that_loads_nothing(tmp_path):
    out = tmp_path / "note.html"
    assert run("frame", FRAME, "-o", str(out)).returncode == 0
    page = out.read_text(encoding="utf-8")
    tags = _Tags()
    tags.feed(page)
    assert tags.open == [] and "script" not in tags.seen and "link" not in tags.seen
    assert "default-src 'none'" in page and page.count("<h2>") == 4


def test_the_word_note_opens_with_its_headings_and_parts(tmp_path):
    import docx
    out = tmp_path / "notat.docx"
    done = run("--lang", "da", "frame", FRAME, "-o", str(out))
    assert done.returncode == 0, done.stderr
    document = docx.Document(io.BytesIO(out.read_bytes()))
    styles = [(p.style.name, p.text) for p in document.paragraphs]
    assert styles[0] == ("Title", "De rammer, vi arbejder inden for: et notat til min chef")
    assert ("Heading 1", "Det, vi tilpasser lokalt") in styles
    bullets = [t for s, t in styles if s == "List Bullet"]
    assert len(bullets) == 4 and document.core_properties.language == "da-DK"


def test_the_text_note_in_each_language(tmp_path):
    for lang, word in (("en", "Still to sort"), ("da", "Endnu ikke sorteret"),
                       ("nb", "Ennå ikke sortert"), ("sv", "Ännu inte sorterat")):
        done = run("--lang", lang, "frame", FRAME)
        assert done.returncode == 0 and word in done.stdout, done.stderr


@pytest.mark.parametrize("text, where, message", [
    ("- {text: A, stance: ignore}\n", "1:21", "unknown stance 'ignore'"),
    ("- {stance: shape}\n", "1:3", "text: missing"),
    ("- {text: A, why: B}\n", "1:13", "unknown key 'why'"),
    ("text: A\n", "1:1", "a frame file is a list"),
])
def test_bad_input_is_named_by_file_line_and_column(tmp_path, text, where, message):
    path = tmp_path / "frame.yaml"
    path.write_text(text, encoding="utf-8")
    done = run("frame", str(path))
    assert done.returncode == 2 and f"{path}:{where}:" in done.stderr, done.stderr
    assert message in done.stderr and "Traceback" not in done.stderr


def test_with_nothing_given_and_no_terminal_it_says_what_to_give():
    done = run("frame")
    assert done.returncode == 2 and "--from CASE|BOARD" in done.stderr


def test_a_part_is_sorted_in_the_terminal(tmp_path):
    path = tmp_path / "frame.yaml"
    path.write_text("- The weekly report to the department\n- {text: Fixed hours, stance: "
                    "live-with}\n", encoding="utf-8")
    child = terminal("frame", str(path), "-f", "markdown", timeout=30,
                     env={**os.environ, "NO_COLOR": "1"}, dimensions=(24, 80), shell=True)
    child.expect("The weekly report to the department")
    child.expect("Which fits")
    child.sendline("1")  # challenge
    child.expect("why or how")
    child.sendline("Nobody reads it")
    child.expect("## What I would like us to challenge, and why")
    child.expect("Nobody reads it")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_a_note_typed_with_a_control_character_is_asked_again(tmp_path):
    """The note line refuses control characters as the part line and frame files do."""
    path = tmp_path / "frame.yaml"
    path.write_text("- The weekly report to the department\n", encoding="utf-8")
    child = terminal("frame", str(path), "-f", "markdown", timeout=30,
                     env={**os.environ, "NO_COLOR": "1"}, dimensions=(24, 80), shell=True)
    child.expect("Which fits")
    child.sendline("1")
    child.expect("why or how")
    child.sendline("Nobody\x07 reads it")
    child.expect("cannot be used: .*U\\+0007")
    child.expect("why or how")
    child.sendline("Nobody reads it")
    child.expect("Nobody reads it")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0 and "\x07" not in child.before


def test_a_frame_file_and_self_answers_are_read_from_standard_input():
    frame = (EXAMPLES / "leader" / "frame.yaml").read_text(encoding="utf-8")
    done = run("frame", "-", "-f", "markdown", input=frame)
    assert done.returncode == 0 and done.stdout.startswith("# "), done.stderr
    answers = (EXAMPLES / "leader" / "self-check.yaml").read_text(encoding="utf-8")
    done = run("self", "--from", "-", input=answers)
    assert done.returncode == 0 and "practise" in done.stdout, done.stderr


@pytest.mark.parametrize("args, said", [
    (["frame", "--from", "-", "--from", "-"], "given 2 times; it can be read once"),
    (["frame", "-", "--from", "-"], "given 2 times; it can be read once"),
    (["frame", "--from", str(EXAMPLES / "new-employee.yaml")],
     "no part of the frame set above you is in it"),
])
def test_what_frame_cannot_use_is_said_as_it_is(args, said):
    done = run(*args, input="")
    assert done.returncode == 2 and said in done.stderr, done.stderr
    assert "no parts of the frame given" not in done.stderr


@pytest.mark.parametrize("args, hint", [
    (["frame", "{}"], "see examples/leader/frame.yaml"),
    (["self", "--from", "{}"], "see examples/leader/self-check.yaml"),
    (["stool", "{}"], "the files written by trustdose stool --form"),
])
def test_an_empty_file_is_told_with_what_belongs_in_it(tmp_path, args, hint):
    empty = tmp_path / "empty.yaml"
    empty.write_text("# nothing yet\n", encoding="utf-8")
    done = run(*[str(empty) if a == "{}" else a for a in args],
               env={"TRUSTDOSE_DB": str(tmp_path / "j.sqlite3")})
    assert done.returncode == 2 and "the file is empty" in done.stderr
    assert hint in done.stderr and "case or rule file" not in done.stderr
