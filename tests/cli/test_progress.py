"""`rules check` and `rules diff` count their contexts on stderr in a terminal once they
have taken more than a second (issue 20), and never elsewhere."""

from __future__ import annotations

import io

from trustdose.cli.progress import AFTER, counting


LABEL = "checking the rules: {done} of {total} contexts"


class Terminal(io.StringIO):
    def __init__(self, tty: bool = True) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def test_the_count_shows_after_a_second_in_a_terminal_and_is_wiped_at_the_end():
    now = [0.0]
    out = Terminal()
    with counting(LABEL, out, clock=lambda: now[0]) as tick:
        tick(1, 21)
        assert out.getvalue() == ""  # a quick check prints nothing more
        now[0] = AFTER + 0.1
        tick(2, 21)
        tick(10, 21)
    shown = out.getvalue()
    assert shown.startswith("\rchecking the rules: 2 of 21 contexts\r")
    assert "10 of 21" in shown
    assert shown.endswith("\r" + " " * len(LABEL.format(done=10, total=21)) + "\r")


def test_no_count_where_stderr_is_no_terminal():
    out = Terminal(tty=False)
    with counting(LABEL, out, clock=iter([0.0, 5.0, 6.0]).__next__) as tick:
        tick(1, 2)
        tick(2, 2)
    assert out.getvalue() == ""


def test_the_count_is_translated():
    from trustdose import i18n
    i18n.set_language("sv")
    try:
        label = i18n._(LABEL)
    finally:
        i18n.set_language("en")
    assert label == "kontrollerar reglerna: {done} av {total} sammanhang"


def note(total: int, minutes: int) -> str:
    return f"note: {total} contexts, {minutes} min"


def test_a_proof_that_will_take_long_says_so_once_with_its_estimate_in_a_pipe_too():
    """Issue 20, hostile item 10: 300 rules on distinct task facts ran minutes without a
    word in a pipe. The first contexts' pace gives the estimate."""
    now = [0.0]
    out = Terminal(tty=False)
    with counting(LABEL, out, clock=lambda: now[0], long=note) as tick:
        now[0] = 2.0
        tick(1, 120)  # 2 s a context, 120 of them: some 4 minutes
        now[0] = 4.0
        tick(2, 120)
    assert out.getvalue() == "note: 120 contexts, 4 min\n"


def test_a_proof_that_ends_soon_says_nothing_more():
    now = [0.0]
    out = Terminal(tty=False)
    with counting(LABEL, out, clock=lambda: now[0], long=note) as tick:
        now[0] = AFTER + 0.5
        tick(10, 20)
    assert out.getvalue() == ""


def test_the_note_is_translated_and_counts_its_minutes():
    from trustdose import i18n
    from trustdose.cli.progress import taking
    assert taking(2250, 1).startswith("note: this takes about 1 minute: the rules make 2,250 ")
    i18n.set_language("da")
    try:
        text = taking(2250, 3)
    finally:
        i18n.set_language("en")
    assert text.startswith("note: det tager omkring 3 minutter: reglerne giver 2.250 ")


def test_the_time_left_is_said_so_in_the_language():
    """The coach saw '0:02:37' and could not tell time left from time taken."""
    from types import SimpleNamespace

    from trustdose import i18n
    from trustdose.cli.batchbar import TimeLeft

    task = SimpleNamespace(finished=False, total=100, time_remaining=157.0, elapsed=10.0)
    said = {}
    for lang in ("da", "nb", "sv", "en"):
        i18n.set_language(lang)
        try:
            said[lang] = TimeLeft().render(task).plain
        finally:
            i18n.set_language("en")
    assert said == {"da": "0:02:37 tilbage", "nb": "0:02:37 igjen", "sv": "0:02:37 kvar",
                    "en": "0:02:37 left"}


def test_a_workbooks_progress_knows_its_total_from_the_sheet(tmp_path):
    # a coach pass: a workbook's progress had no total, percentage or time left
    import openpyxl

    from trustdose.cli.batchprogress import expected
    path = tmp_path / "værksted.xlsx"
    made = openpyxl.Workbook()
    made.active.title = "Vejledning"
    sheet = made.create_sheet("Deltagere")
    sheet.append(["Workshop, 7. december"])
    sheet.append(["Navn", "Opgave", "Kompetence", "Intention", "Ressourcer", "Risiko"])
    for n in range(30):
        sheet.append([f"P{n}", "Vagtplan", 4, 4, 4, 2])
    made.save(path)
    assert expected([str(path)]) == 30 and expected([str(path)], "Deltagere") == 30
    assert expected([str(path), str(path)]) == 60
