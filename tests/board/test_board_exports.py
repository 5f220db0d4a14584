"""A board's exports (issue 23, item 5): every example board written as CSV, as a workbook
and as a page, each chosen by the file's ending or by --format, read back with the
values `board --format json` gives, in the board's own language; the outputs refused as
every output is (the board itself, a folder, a read-only folder, a workbook on a
terminal); and whatever a title holds (a control character is refused when the board is
read), the spreadsheet never runs it and the page shows it as text."""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import json
import os
import pty
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from trustdose import i18n
from trustdose.board.assess import assess_board
from trustdose.i18n import pick
from trustdose.io.source import Document
from trustdose.report import board_page, board_sheet

from helpers import EXAMPLES, ROOT, browser_drawn, run

# each example board in the language it is written in
BOARDS = {"teacher-parent-messages": "en", "hjemmepleje-weekendteam": "da",
          "ytelsesteam-nav": "nb", "skolkok": "sv"}
KEYS = list(board_sheet.COLUMNS)


@pytest.fixture(autouse=True)
def english_after():
    yield
    i18n.set_language("en")


def _board(name: str) -> str:
    return str(EXAMPLES / "boards" / f"{name}.yaml")


def _json(name: str, lang: str) -> dict:
    said = run("--lang", lang, "board", _board(name), "--format", "json")
    assert said.returncode == 0, said.stderr
    return json.loads(said.stdout)


def _written(name: str, lang: str, out: Path) -> tuple[dict, Path]:
    """The board's JSON, and the board written to `out` (its format by the ending)."""
    said = run("--lang", lang, "board", _board(name), "-o", str(out))
    assert said.returncode == 0, said.stderr
    return _json(name, lang), out


def _expected(board: dict, lang: str, rules) -> list[list]:
    """Each area's row as the JSON says it, the weakest precondition by its title in the
    language (the JSON gives its id)."""
    i18n.set_language(lang)
    titles = {d: pick(rules.rubrics[d].item["title"]) for d in rules.rubrics}
    day, review = (dt.date.fromisoformat(board[k]) for k in ("date", "review_date"))
    rows = []
    for n, a in enumerate(board["areas"], start=1):
        agreed = a["planned"]
        rows.append([board["subject"]["name"], day, a["case_id"] or n, a["task"]["title"],
                     a["level"]["number"], a["level"]["label"],
                     agreed["number"] if agreed else None, agreed["label"] if agreed else "",
                     agreed["number"] - a["level"]["number"] if agreed else None,
                     titles[a["limiting"]], None, review])
    i18n.set_language("en")
    return rows


def _frame_given(board: dict) -> list[bool]:
    """Per area, whether the JSON has something to put in place first."""
    return [bool(a["frame_first"] and a["frame_first"]["measures"]) for a in board["areas"]]


def _match(rows: list[list], board: dict, lang: str, rules, as_read) -> None:
    """Each row read back is the JSON's area, each value as the format reads it back
    (`as_read`); what to put in place first is there where the JSON has measures for it."""
    frame = KEYS.index("frame")
    for row, want, framed in zip(rows, _expected(board, lang, rules), _frame_given(board)):
        assert bool(row[frame]) == framed
        want[frame] = row[frame]
        assert row == [as_read(v) for v in want]


def _read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith("\ufeff".encode()) and b"\r\n" in data
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def _as_csv(value) -> str:
    return "" if value is None else str(value)


@pytest.mark.parametrize("name,lang", BOARDS.items())
def test_each_example_board_as_csv_reads_back_as_its_json(tmp_path, name, lang, rules):
    board, out = _written(name, lang, tmp_path / "board.csv")
    head, *rows = _read_csv(out.read_bytes())
    i18n.set_language(lang)
    assert head == board_sheet.headings() and len(rows) == len(board["areas"])
    i18n.set_language("en")
    _match(rows, board, lang, rules, _as_csv)


@pytest.mark.parametrize("name,lang", BOARDS.items())
def test_each_example_board_as_a_workbook_reads_back_as_its_json(tmp_path, name, lang, rules):
    board, out = _written(name, lang, tmp_path / "tavle.xlsx")
    sheet = load_workbook(out).active
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref
    head, *rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert all(cell.font.bold for cell in sheet[1]) and len(rows) == len(board["areas"])
    widths = [sheet.column_dimensions[c].width for c in "ABCDEFGHIJKL"]
    assert all(len(h) < w <= 62 for h, w in zip(head, widths))
    for row in rows:  # a date cell reads as a datetime
        row[1], row[-1] = row[1].date(), row[-1].date()
    _match(rows, board, lang, rules, lambda v: None if v == "" else v)  # empty: None


@pytest.mark.parametrize("name,lang", BOARDS.items())
def test_each_example_board_as_a_page_marks_the_levels_the_json_gives(tmp_path, name, lang):
    board, out = _written(name, lang, tmp_path / "board.html")
    page = out.read_text(encoding="utf-8")
    assert page.startswith(f'<!DOCTYPE html>\n<html lang="{lang}">')
    _self_contained(page)
    body = page[page.index("<tbody>"):page.index("</tbody>")]
    rows = re.findall(r"<tr>(.*?)</tr>", body, re.S)
    assert len(rows) == len(board["areas"])
    for row, a in zip(rows, board["areas"]):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)[:7]
        assert [n for n, c in enumerate(cells, 1) if 'class="mark rec"' in c] == \
            [a["level"]["number"]]
        agreed = [n for n, c in enumerate(cells, 1) if 'class="mark agreed"' in c]
        assert agreed == ([a["planned"]["number"]] if a["planned"] else [])
        assert 'class="mark own"' not in row  # no own view given: none shown
    i18n.set_language(lang)
    assert i18n._("Recommended") in page and i18n._("Decision area") in page


def _self_contained(page: str) -> None:
    """Nothing fetched, nothing run: no script, no address in a tag (a title's is text),
    no link, source or import."""
    tags = re.findall(r"<[^>]+>", page)
    assert "<script" not in page and not any(re.search(r"https?://", t) for t in tags)
    assert not re.search(r"<[^>]*\b(src|href)=|@import|url\(|@font-face", page)
    assert "Content-Security-Policy" in page


HOSTILE = {"subject": {"name": "<script>alert('x')</script> & \"Kim\""},
           "date": "2027-01-11", "competence": 4, "intention": 4, "resources": 4,
           "areas": [{"title": "</th></tr><img src=x onerror=alert(1)> Budget & \"q\" 'x'",
                      "risk": 2, "agreed_level": 2},
                     {"title": '=HYPERLINK("http://evil","x")', "risk": 4, "agreed_level": 7},
                     {"title": "W" * 150 + " and then words", "risk": 3}]}


def _hostile(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(HOSTILE), encoding="utf-8")
    return path


def test_a_hostile_board_gives_a_safe_page(tmp_path):
    out = tmp_path / "board.html"
    said = run("--lang", "da", "board", str(_hostile(tmp_path)), "-o", str(out))
    assert said.returncode == 0, said.stderr
    page = out.read_text(encoding="utf-8")
    _self_contained(page)
    assert "<img" not in page and "&lt;/th&gt;&lt;/tr&gt;&lt;img src=x" in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;Kim&quot;" in page
    assert page.count("<tr>") == 4  # the heading and three areas: no row came from a title
    # the gaps of four steps below and three above are asked about, in Danish
    assert page.count('<p class="ask">') == 2 and "Det aftalte niveau" in page


def test_a_hostile_board_gives_spreadsheets_that_run_nothing(tmp_path):
    path = _hostile(tmp_path)
    for name in ("board.csv", "board.xlsx"):
        said = run("board", str(path), "-o", str(tmp_path / name))
        assert said.returncode == 0, said.stderr
    rows = _read_csv((tmp_path / "board.csv").read_bytes())
    assert rows[2][3] == "'" + HOSTILE["areas"][1]["title"]
    sheet = load_workbook(tmp_path / "board.xlsx").active
    title = sheet.cell(row=3, column=4)
    assert title.data_type == "s" and title.value == HOSTILE["areas"][1]["title"]
    assert sheet.column_dimensions["D"].width <= 62  # a long title wraps, no wider


@pytest.mark.parametrize("fmt,start", [("csv", b"\xef\xbb\xbf"), ("xlsx", b"PK"),
                                       ("html", b"<!DOCTYPE html>")])
def test_the_format_flag_chooses_over_the_ending(tmp_path, fmt, start):
    out = tmp_path / "board.txt"
    said = run("board", _board("skolkok"), "--format", fmt, "-o", str(out))
    assert said.returncode == 0, said.stderr
    assert out.read_bytes().startswith(start)


def test_the_agreement_as_html_is_still_asked_for_by_name(tmp_path):
    out = tmp_path / "agreement.html"
    said = run("board", _board("skolkok"), "--format", "agreement", "-o", str(out))
    assert said.returncode == 0 and "The agreement is in" in said.stderr
    assert "Our agreement" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["board.csv", "board.xlsx", "board.html"])
def test_an_export_never_replaces_the_board_nor_lands_on_a_folder(tmp_path, name):
    board = tmp_path / "board.yaml"
    board.write_bytes(Path(_board("skolkok")).read_bytes())
    before = board.read_bytes()
    said = run("board", str(board), "--format", name.split(".")[1], "-o", str(board))
    assert said.returncode == 2 and board.read_bytes() == before
    assert "is also an input" in said.stderr and "Traceback" not in said.stderr
    (tmp_path / name).mkdir()
    said = run("board", str(board), "-o", str(tmp_path / name))
    assert said.returncode == 2 and "it is a folder" in said.stderr
    said = run("board", str(board), "-o", str(tmp_path / "no" / name))
    assert said.returncode == 2 and "check that the folder exists" in said.stderr


# Root writes into any folder: the run drops every capability to meet a read-only one
NO_PRIVILEGE = ["setpriv", "--bounding-set=-all", "--inh-caps=-all"] \
    if os.geteuid() == 0 else []


@pytest.mark.process
def test_a_read_only_folder_is_said_with_exit_2(tmp_path):
    if NO_PRIVILEGE and not shutil.which("setpriv"):
        pytest.skip("root, and no setpriv to drop the capability to write anywhere")
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    ran = subprocess.run([*NO_PRIVILEGE, sys.executable, "-m", "trustdose", "board",
                          _board("skolkok"), "-o", str(folder / "board.xlsx")],
                         capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert ran.returncode == 2 and "Traceback" not in ran.stderr
    assert "permission denied" in ran.stderr.lower() and os.listdir(folder) == []


@pytest.mark.process
def test_a_workbook_is_never_poured_onto_a_terminal():
    master, slave = pty.openpty()
    try:
        ran = subprocess.run([sys.executable, "-m", "trustdose", "board", _board("skolkok"),
                              "-f", "xlsx"], stdout=slave, stderr=subprocess.PIPE,
                             stdin=subprocess.DEVNULL, cwd=ROOT, timeout=60)
    finally:
        os.close(slave)
    os.set_blocking(master, False)
    try:
        shown = os.read(master, 65536)
    except (BlockingIOError, OSError):
        shown = b""
    os.close(master)
    assert ran.returncode == 2 and b"-o board.xlsx" in ran.stderr and b"PK" not in shown


def test_rounds_stand_one_under_the_other_in_one_table(rules):
    """The shape a board's history will write: each round's rows with its own day."""
    data = json.loads(json.dumps(HOSTILE))
    later = copy.deepcopy(data) | {"date": "2027-04-12"}
    first, second = (assess_board(Document("<b>", d), rules) for d in (data, later))
    head, *rows = _read_csv(board_sheet.csv_bytes([first, second]))
    assert [r[1] for r in rows] == ["2027-01-11"] * 3 + ["2027-04-12"] * 3
    assert [r[2] for r in rows] == ["1", "2", "3"] * 2


def test_the_page_marks_an_own_view_where_one_is_given(rules):
    made = assess_board(Document("<b>", json.loads(json.dumps(HOSTILE))), rules)
    page = board_page.render(made, [3, None, 7])
    rows = re.findall(r"<tr>(.*?)</tr>", page[page.index("<tbody>"):], re.S)
    own = [[n for n, c in enumerate(re.findall(r"<td[^>]*>(.*?)</td>", r, re.S)[:7], 1)
            if 'class="mark own"' in c] for r in rows]
    assert own == [[3], [], [7]]
    assert 'class="legend"><li><span class="mark rec"' in page and "Own view" in page
    assert "Own view" not in board_page.render(made)  # the legend says only what is shown


@pytest.mark.process
def test_a_headless_browser_draws_the_hostile_board_with_every_title_as_text(tmp_path):
    out = tmp_path / "board.html"
    assert run("--lang", "sv", "board", str(_hostile(tmp_path)), "-o", str(out)).returncode == 0
    shot = tmp_path / "shot.png"
    dom = browser_drawn(out, shot, size="1024,768")  # a projector's
    body = dom[dom.index("<tbody>"):dom.index("</tbody>")]
    assert "<img" not in dom and body.count("<tr>") == 3 and "<script" not in dom
    assert "&lt;/th&gt;&lt;/tr&gt;&lt;img src=x" in body
    png = shot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", png[16:24]) == (1024, 768)
    assert len(png) > 20_000  # the grid and its type drawn, not a blank page
