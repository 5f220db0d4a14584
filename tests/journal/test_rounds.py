"""A board's rounds in the journal: `board --save` keeps each round with its areas as
entries, `board history` shows the areas' levels round by round (twenty on one screen),
`journal due` names a round once and a breach-reviewed area on its own, no team
member's own answer is ever kept, and `forget` erases rounds with their subject."""

from __future__ import annotations

import json
import sqlite3

from helpers import EXAMPLES, run

BOARD = str(EXAMPLES / "boards" / "teacher-parent-messages.yaml")
TEAM = str(EXAMPLES / "boards" / "hjemmepleje-weekendteam.yaml")
HANNAH = str(EXAMPLES / "self-views" / "hannah.yaml")


def test_rounds_are_saved_and_shown_round_by_round(tmp_path):
    db = str(tmp_path / "j.sqlite3")
    first = run("board", BOARD, "--self", HANNAH, "--save", "--db", db)
    assert first.returncode == 0, first.stderr
    assert "Saved as board round #1" in first.stderr and "#1, #2, #3" in first.stderr
    assert run("board", BOARD, "--save", "--db", db).returncode == 0
    shown = run("board", "history", "Hannah", "--db", db)
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert lines[0] == "Delegation board for Hannah: 2 rounds"
    assert "  2 Messages to parents about a named pupil" in lines
    rows = [line.split() for line in lines if line.startswith("  2027-")]
    # the first round with the levels Hannah's own answers carried (^), the second without
    assert rows[0] == ["2027-01-11", "7/7", "^5", "5/4", "^5", "3/3", "^3", "2027-02-08"]
    assert rows[1] == ["2027-01-11", "7/7", "5/4", "3/3", "2027-02-08"]
    made = json.loads(run("board", "history", "Hannah", "--db", db, "-f", "json").stdout)
    assert [r["round"] for r in made] == [1, 2]
    assert made[0]["self_view"]["levels"][0]["number"] == 5
    assert [a["level"] for a in made[1]["levels"]] == [7, 5, 3]


def test_twenty_rounds_fit_one_screen(tmp_path):
    db = str(tmp_path / "j.sqlite3")
    for _ in range(20):
        assert run("board", TEAM, "--save", "--db", db).returncode == 0
    shown = run("board", "history", "Weekendteamet i distrikt Nord", "--db", db)
    lines = shown.stdout.splitlines()
    assert len(lines) <= 40 and max(map(len, lines)) <= 100
    assert sum(line.startswith("  2027-01-11") for line in lines) == 20


def test_due_names_a_round_once_and_a_reviewed_area_on_its_own(tmp_path):
    db = str(tmp_path / "j.sqlite3")
    assert run("board", BOARD, "--save", "--db", db).returncode == 0
    due = run("journal", "due", "--on", "2027-03-01", "--db", db).stdout
    assert due.splitlines() == ["Round #1  Hannah — delegation board, 3 areas: review 8 "
                                "February 2027 (21 days overdue); see trustdose board history "
                                "Hannah"]
    broken = run("review", "2", "--outcome", "broken", "--cause", "competence", "--date",
                 "2027-02-09", "--db", db)
    assert broken.returncode == 0, broken.stderr
    until = json.loads(run("journal", "show", "2", "-f", "json", "--db", db).stdout)[
        "reviews"][0]["until"]
    due = run("journal", "due", "--on", until, "--db", db).stdout.splitlines()
    assert due[0].startswith("Round #1  Hannah — delegation board, 2 areas")
    assert due[1].startswith("#2  Hannah — Messages to parents about a named pupil")
    listed = run("journal", "list", "--db", db).stdout
    assert "2 (R1)" in listed and "broken" in listed


def test_no_team_members_own_answer_is_kept(tmp_path):
    folder = tmp_path / "answers"
    folder.mkdir()
    # three members; the first's answers are each unlike any median
    for n, (time, tools) in enumerate([(1, 1), (3, 4), (4, 5)], start=1):
        (folder / f"member-{n}.yaml").write_text(
            f"view: self\ncompetence: 4\nintention: 4\nresources: {{time: {time}, tools: "
            f"{tools}, clarity: 4, support: 4}}\n", encoding="utf-8")
    db = tmp_path / "j.sqlite3"
    assert run("board", TEAM, "--self", str(folder), "--save", "--db", str(db)).returncode == 0
    with sqlite3.connect(db) as raw:
        kept = raw.execute("SELECT self_view FROM rounds").fetchone()[0]
        everything = "\n".join(str(v) for table in ("rounds", "entries", "subjects")
                               for row in raw.execute(f"SELECT * FROM {table}") for v in row)
    seen = json.loads(kept)
    assert seen["answers"] == 3 and seen["team"]
    values = {d["self"] for d in seen["differences"]} | {d["median"] for d in seen["divided"]}
    assert 1.0 not in values and 5.0 not in values  # the medians 3 and 4, never an answer
    assert "member-" not in everything and "view: self" not in everything


def test_forget_erases_the_rounds_and_history_says_what_is_wrong(tmp_path):
    db = str(tmp_path / "j.sqlite3")
    assert run("board", BOARD, "--save", "--db", db).returncode == 0
    assert run("journal", "forget", "Hannah", "--yes", "--db", db).returncode == 0
    with sqlite3.connect(tmp_path / "j.sqlite3") as raw:
        assert raw.execute("SELECT count(*) FROM rounds").fetchone()[0] == 0
    gone = run("board", "history", "Hannah", "--db", db)
    assert gone.returncode == 2 and "Traceback" not in gone.stderr
    wrong = run("board", BOARD, "extra")
    assert wrong.returncode == 2 and "trustdose board history NAME" in wrong.stderr


def test_history_as_a_spreadsheet_has_a_row_per_area_and_round(tmp_path):
    import csv
    import io

    from openpyxl import load_workbook
    db = str(tmp_path / "j.sqlite3")
    for _ in range(2):
        assert run("board", BOARD, "--save", "--db", db).returncode == 0
    out = tmp_path / "rounds.csv"
    assert run("board", "history", "Hannah", "--db", db, "-o", str(out)).returncode == 0
    table = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig")), delimiter=";"))
    assert table[0][:4] == ["Subject", "Date", "Id", "Decision area"]
    assert len(table) == 1 + 2 * 3
    assert [row[4] for row in table[1:4]] == ["7", "5", "3"]  # the steps, as numbers
    book = tmp_path / "rounds.xlsx"
    assert run("--lang", "da", "board", "history", "Hannah", "--db", db, "-o",
               str(book)).returncode == 0
    rows = list(load_workbook(book).active.iter_rows(values_only=True))
    assert len(rows) == 7 and rows[1][5] == "Uddelegere"


def test_a_breach_of_one_area_holds_that_area_alone(tmp_path):
    db = str(tmp_path / "j.sqlite3")
    assert run("board", BOARD, "--save", "--db", db).returncode == 0
    assert run("review", "2", "--outcome", "broken", "--cause", "competence", "--date",
               "2027-01-20", "--db", db).returncode == 0
    board = run("board", BOARD, "--db", db, "-f", "json")
    levels = [a["level"]["number"] for a in json.loads(board.stdout)["areas"]]
    assert levels[0] == 7 and levels[1] == 4  # the breached area held, the others not
    other = tmp_path / "other.yaml"
    other.write_text('subject: {name: Hannah}\ndate: "2027-01-21"\ntask: {title: Order the '
                     'class books}\ncompetence: 5\nintention: 5\nresources: 5\nrisk: 1\n',
                     encoding="utf-8")
    result = json.loads(run("assess", str(other), "--db", db, "-f", "json").stdout)
    assert result["level"]["number"] == 7 and result["capped_by"] is None


def test_an_older_journal_that_cannot_be_written_is_read_as_it_is(tmp_path, monkeypatch):
    from trustdose.errors import JournalError
    from trustdose.journal import schema
    from trustdose.journal.store import Journal
    path = tmp_path / "j.sqlite3"
    with sqlite3.connect(path) as raw:  # schema 2, as the release before rounds wrote it
        for statements in schema.MIGRATIONS[:2]:
            for statement in statements:
                raw.execute(statement)
        raw.execute("INSERT INTO subjects (name, kind) VALUES ('Kim', 'person')")
        raw.execute("INSERT INTO entries (subject_id, saved_at, day, task, level, scores, "
                    "review_date, rules_digest, trustdose, \"case\", assessment) VALUES "
                    "(1, 'x', '2026-10-01', 'Rota', 4, '{}', '2026-10-29', 'd', '0.1.0', '{}', "
                    "'{}')")
        raw.execute("PRAGMA user_version = 2")
        raw.execute(f"PRAGMA application_id = {schema.APP_ID}")
    path.chmod(0o600)

    def read_only(*_args):
        raise JournalError("attempt to write a readonly database")
    monkeypatch.setattr(schema, "_migrate", read_only)
    with Journal(path) as journal:
        from trustdose.journal.rounds import rounds
        assert [e.task for e in journal.entries()] == ["Rota"]
        assert journal.entries()[0].round_id is None and rounds(journal, "Kim") == []


def test_areas_alike_but_for_case_are_both_kept_and_history_is_complete(tmp_path):
    board = tmp_path / "b.yaml"
    board.write_text("subject: {name: Kim}\ndate: '2027-01-11'\ncompetence: 4\nintention: 4\n"
                     "resources: 4\nareas:\n  - {title: Rota, risk: 2}\n"
                     "  - {title: ROTA, risk: 3}\n", encoding="utf-8")
    db = str(tmp_path / "j.sqlite3")
    assert run("board", str(board), "--save", "--db", db).returncode == 0
    shown = run("board", "history", "Kim", "--db", db).stdout.splitlines()
    assert "  1 Rota" in shown and "  2 ROTA" in shown
    assert len([line for line in shown if line.startswith("  2027-")][0].split()) == 4
    made = json.loads(run("journal", "export", "--db", db).stdout)
    assert made["rounds"][0]["areas"] == [1, 2]
    wrong = run("board", "history", "Kim", "--db", db, "-f", "html")
    assert wrong.returncode == 2 and "board history is shown as" in wrong.stderr


def test_history_as_a_spreadsheet_carries_what_the_self_view_carried(tmp_path):
    import csv
    import io
    db = str(tmp_path / "j.sqlite3")
    assert run("board", BOARD, "--self", HANNAH, "--save", "--db", db).returncode == 0
    out = tmp_path / "rounds.csv"
    assert run("board", "history", "Hannah", "--db", db, "-o", str(out)).returncode == 0
    table = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig")), delimiter=";"))
    assert table[0][-2:] == ["Own view's step", "Own view"]
    assert [row[-2] for row in table[1:]] == ["5", "5", "3"]


def test_a_round_damaged_in_its_shape_is_named_and_the_rest_still_read(tmp_path):
    db = tmp_path / "j.sqlite3"
    for _ in range(2):
        assert run("board", BOARD, "--save", "--db", str(db)).returncode == 0
    with sqlite3.connect(db) as raw:  # as another program might write them
        raw.execute("PRAGMA foreign_keys = OFF")
        raw.execute("UPDATE rounds SET self_view = '[1, 2]' WHERE id = 1")
        raw.execute("UPDATE entries SET round_id = 99 WHERE id = 4")
    shown = run("board", "history", "Hannah", "--db", str(db))
    assert shown.returncode == 0, shown.stderr
    assert "board round 1 is damaged: self_view: not the JSON" in shown.stderr
    assert "entry 4 is damaged: round_id: round 99 is not in the journal" in shown.stderr
    assert "Delegation board for Hannah: 1 round" in shown.stdout


def test_an_area_out_of_its_place_is_named_and_not_shown_under_another_title(tmp_path):
    db = tmp_path / "j.sqlite3"
    assert run("board", BOARD, "--save", "--db", str(db)).returncode == 0
    with sqlite3.connect(db) as raw:  # as another program might write them
        raw.execute("UPDATE entries SET area = 7 WHERE id = 2")
        raw.execute("UPDATE entries SET area = 0 WHERE id = 3")
    shown = run("board", "history", "Hannah", "--db", str(db), "--format", "json")
    assert shown.returncode == 0, shown.stderr
    # past the round's areas; two areas in one place (which one is the first, no one can say)
    for entry in (1, 2, 3):
        assert f"entry {entry} is damaged: area: " in shown.stderr
    assert "is not a place on its board (0 to 2, each once)" in shown.stderr
    assert json.loads(shown.stdout)[0]["areas"] == []


def test_a_new_round_is_due_a_few_months_after_the_last(tmp_path):
    """Issue 23: a board is revisited every few months (three without `round_months:`
    in the config), beside its areas' own reviews; a newer round puts it off."""
    db = str(tmp_path / "j.sqlite3")
    assert run("board", BOARD, "--save", "--db", db).returncode == 0  # round of 2027-01-11
    early = run("journal", "due", "--on", "2027-04-10", "--db", db)
    assert "a new round is due" not in early.stdout
    due = run("journal", "due", "--on", "2027-04-11", "--db", db)
    assert "Delegation board  Hannah — a new round is due since 11 April 2027, 3 months " \
           "after round #1 of 11 January 2027" in due.stdout
    made = json.loads(run("journal", "due", "--on", "2027-04-11", "--db", db, "-f",
                          "json").stdout)
    assert {"subject": "Hannah", "round": 1, "last_round": "2027-01-11",
            "next_round": "2027-04-11"} in made
    config = tmp_path / "config.yaml"
    config.write_text("round_months: 6\n", encoding="utf-8")
    six = run("journal", "due", "--on", "2027-04-11", "--db", db,
              env={"TRUSTDOSE_CONFIG": str(config)})
    assert "a new round is due" not in six.stdout
    config.write_text("round_months: 13\n", encoding="utf-8")
    bad = run("journal", "due", "--db", db, env={"TRUSTDOSE_CONFIG": str(config)})
    assert bad.returncode == 2 and f"{config}:1:15" in bad.stderr
