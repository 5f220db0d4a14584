"""On a terminal, text is broken only between words and no table cell is cut with "…":
the journal's tables and texts and the messages on stderr, at 60, 80 and 100 columns in
all four languages (issue 19, item 9: "RESSOURC…", "2026-12…", "inte"/"ntion",
"Kon"/"trollen", "17. j"/"anuar")."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import trustdose
from trustdose.cli import terminal

from helpers import EXAMPLES, run

LANGS = ["en", "da", "nb", "sv"]
WIDTHS = [60, 80, 100]
SAVED = ["aide-as-needed-medication.yaml", "aide-without-ordination.yaml",
         "capable-but-anxious.yaml", "school-team-stretch.yaml"]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    # a long folder name, so that the save message is longer than the narrowest terminal
    path = tmp_path_factory.mktemp("a-journal-folder-with-a-rather-long-name") / "j.sqlite3"
    for name in SAVED:
        assert run("assess", str(EXAMPLES / name), "--save", "--db", str(path),
                   "-f", "json").returncode == 0
    return path


def as_terminal(monkeypatch, width):
    """Every stream a terminal `width` columns wide (the CLI runner's are none)."""
    monkeypatch.setattr(terminal, "columns", lambda stream=None: width)


def words(text):
    return set(text.split())


COMMANDS = [("journal", "list"), ("journal", "history", "Hanne"), ("journal", "show", "2"),
            ("journal", "show", "Hanne"), ("journal", "due", "--on", "2030-01-01")]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_the_journal_wraps_between_words_and_cuts_nothing(db, monkeypatch, command, width,
                                                          lang):
    args = [*command, "--db", str(db), "--lang", lang]
    piped = run(*args)
    assert piped.returncode == 0, piped.stderr
    as_terminal(monkeypatch, width)
    shown = run(*args)
    assert shown.returncode == 0, shown.stderr
    assert "…" not in shown.stdout
    assert all(len(line) <= width for line in shown.stdout.splitlines()), shown.stdout
    assert words(shown.stdout) <= words(piped.stdout), words(shown.stdout) - words(piped.stdout)
    # nothing left out (a column's heading is, in a record without a value for it)
    assert words(shown.stdout) >= {w for w in words(piped.stdout) if not w.isupper()}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", WIDTHS)
def test_the_save_message_wraps_between_words(db, monkeypatch, tmp_path, width, lang):
    args = ["assess", str(EXAMPLES / "new-employee.yaml"), "--save", "--db", str(db),
            "--review-date", "2027-01-17", "-f", "json", "--lang", lang]
    piped = run(*args)
    as_terminal(monkeypatch, width)
    shown = run(*args)
    assert piped.returncode == shown.returncode == 0
    said = [line for line in shown.stderr.splitlines() if line.strip()]
    assert len(said) > 1, shown.stderr
    # longer than the line only where one word is (the journal's path)
    assert all(len(line) <= width or len(line.split()) == 1 for line in said), shown.stderr
    # the same words (the entry's number aside), none of them split at the edge
    assert {w for w in words(shown.stderr) if "#" not in w} == \
        {w for w in words(piped.stderr) if "#" not in w}


@given(st.lists(st.text("abcæøå-", min_size=1, max_size=14), min_size=1, max_size=30),
       st.integers(10, 100), st.sampled_from(["", "  "]))
def test_wrap_breaks_lines_only_at_spaces(words_given, width, indent):
    text = indent + " ".join(words_given)
    wrapped = _wrap_at(text, width)
    assert wrapped.split() == text.split()
    for line in wrapped.splitlines():
        assert len(line) <= width or " " not in line.strip()
        assert line.startswith(indent)


def _wrap_at(text, width):
    import io

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(terminal, "columns", lambda stream=None: width)
        return terminal.wrap(text, Terminal())


@given(st.lists(st.tuples(st.integers(1, 40), st.integers(1, 40)), min_size=1, max_size=9),
       st.integers(20, 120))
def test_columns_are_never_narrower_than_their_longest_word(sizes, room):
    longest = [max(a, b) for a, b in sizes]
    shortest = [min(a, b) for a, b in sizes]
    widths = terminal._widths(longest, shortest, room)
    if sum(shortest) > room:
        assert widths is None
    else:
        assert sum(widths) <= room
        assert all(short <= w <= long for w, short, long in zip(widths, shortest, longest))


@pytest.mark.parametrize("width", [20, 40, 60])
def test_a_name_longer_than_the_line_is_shown_whole(tmp_path, monkeypatch, width):
    """A hyphenated name longer than the terminal breaks after its hyphen, and is folded
    only where a part is still longer than the line: never cut with "…"."""
    name = "Supercalifragilisticexpialidocious-Vandværksbestyrelsesformand"
    case = {"subject": {"name": name}, "task": {"title": "Tjekke dokumentationen"},
            "competence": 3, "intention": 4, "resources": 3, "risk": 2, "date": "2026-12-01"}
    db = tmp_path / "j.sqlite3"
    import json
    assert run("assess", "-", "--save", "--db", str(db), input=json.dumps(case)).returncode == 0
    as_terminal(monkeypatch, width)
    shown = run("journal", "list", "--db", str(db), "--lang", "da")
    assert shown.returncode == 0 and "…" not in shown.stdout
    assert all(len(line) <= width for line in shown.stdout.splitlines()), shown.stdout
    assert name in "".join(shown.stdout.replace("- ", "-").split())


@pytest.mark.parametrize("width", [100, 30])
def test_a_folder_named_like_markup_is_shown_as_it_is(tmp_path, monkeypatch, width):
    # rich reads '[red]' in a string as markup: a cell quoting a folder is plain text
    # (in the table, and in the records a narrow terminal gets)
    import shutil
    folder = tmp_path / "[red]x[/red]"
    shutil.copytree(EXAMPLES / "org-overlay", folder)
    as_terminal(monkeypatch, width)
    shown = run("rules", "list", "--rules", str(folder))
    assert shown.returncode == 0
    # the layers line, and each of the overlay's rules in the table
    assert "".join(shown.stdout.split()).count("[red]x[/red]") > 5


@pytest.mark.parametrize("given, held", [
    ("10000000", "200"), ("1" + "0" * 20, "200"), ("150", "150"), ("40", "40"),
    ("0", None), ("-5", None), ("abc", None), ("²", None), ("٣٠", None), (None, None)])
def test_columns_is_held_to_what_a_terminal_can_be(monkeypatch, given, held):
    """COLUMNS beyond 200 is held there (the runner's streams are no terminal that could
    be wider); what is no width at all is dropped, and each reader asks the terminal."""
    if given is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", given)
    monkeypatch.setattr(terminal.os, "get_terminal_size", _no_terminal)
    terminal.bound_columns()
    assert terminal.os.environ.get("COLUMNS") == held


def _no_terminal(fd):
    raise OSError("not a terminal")



@pytest.mark.parametrize("lang", LANGS)
def test_every_line_of_the_short_report_fits_40_50_and_60_columns(monkeypatch, lang):
    """Issue 20: the last line (More: --full …) and a long heading in Swedish ran past the
    terminal's edge; every line fits, broken only between words."""
    from trustdose import i18n
    from trustdose.report.formats import ReportFormat, render
    rules = trustdose.load_rules(user=False)
    case = trustdose.load_case(EXAMPLES / "new-employee.yaml")[0]
    saved = i18n.current()
    try:
        i18n.set_language(lang)
        shown = trustdose.assess(case.model_dump(exclude_defaults=True), rules)
        for width in (40, 50, 60):
            as_terminal(monkeypatch, width)
            said = run("assess", str(EXAMPLES / "new-employee.yaml"), "-f", "text",
                       "--lang", lang).stdout  # the report at 100 (no terminal), then More
            more = said[said.rindex("\n", 0, said.index("--full")) + 1:]
            for line in render(ReportFormat.text, shown, width).splitlines() + \
                    more.splitlines():
                assert len(line) <= width or " " not in line.strip(), (width, line)
            assert "--full" in more
    finally:
        i18n.set_language(saved)


class _Tty:
    def isatty(self):
        return True

    def fileno(self):
        return 1


@pytest.mark.parametrize("reported, given, seen", [
    (0, None, 80), (3, None, 80), (9, None, 80), (10, None, 10), (120, None, 120),
    (0, "5", 80), (0, "60", 60)])
def test_a_terminal_of_no_width_is_taken_as_80(monkeypatch, reported, given, seen):
    """`stty cols 0` (and some CI ptys, `docker exec -t`) report 0 columns: journal list
    showed nothing, rules list only its layers, journal history a word a line."""
    import os
    monkeypatch.setattr(terminal.os, "get_terminal_size",
                        lambda fd=1: os.terminal_size((reported, 24)))
    if given is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", given)
    assert terminal.columns(_Tty()) == seen
    assert terminal.line_width() == seen  # the batch's table and messages
    assert terminal.width() == min(seen, 110)


def test_the_journal_on_a_terminal_of_no_width(monkeypatch, db):
    import os
    monkeypatch.setattr(terminal.os, "get_terminal_size",
                        lambda fd=1: os.terminal_size((0, 0)))
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.setattr(terminal, "columns",
                        lambda stream=None, real=terminal.columns: real(_Tty()))
    listed = run("journal", "list", "--db", str(db))
    assert listed.returncode == 0 and "SUBJECT" in listed.stdout
    assert max(map(len, listed.stdout.splitlines())) > 40
    shown = run("rules", "list")
    assert shown.returncode == 0 and len(shown.stdout.splitlines()) > 5
