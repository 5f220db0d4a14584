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
