"""The batch table as a coach reads it in a terminal: the workshop's columns, as wide as
the terminal, nothing cut (a cell wraps at its separators), the least needed columns left
out first and said so, the words and decimal signs of the language; one id for each
warning kind in every output for programs, its title in every output for people."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from trustdose.cli.batchtable import TerminalTable
from trustdose.i18n import _, set_language

from helpers import EXAMPLES, run

INPUTS = (str(EXAMPLES / "batch" / "workshop.csv"), str(EXAMPLES))
OLD_NAMES = {"new-employee", "uncertain", "unclear-task", "warn-unclear-task"}
HEAD = ("id", "subject", "task", "planned", "recommended", "gap", "weakest precondition",
        "frame first", "warnings")


def expected_rows(lang: str) -> list[dict]:
    rows = [json.loads(line) for line in run("batch", *INPUTS, "-f", "jsonl", "--lang", lang)
            .stdout.splitlines()]
    for row in rows:
        given = row["case_id"]
        row["table_id"] = given.rsplit("/", 1)[-1] if given == row["source"] else given
    return rows


def join(pieces: list[str]) -> str:
    """A cell's text from its lines: a line that ends at a separator goes on unspaced."""
    text = ""
    for piece in (p for p in pieces if p):
        text += piece if not text or text[-1] in "-_./:" else " " + piece
    return text


def parse(lines: list[str]) -> tuple[list[str], list[list[str]]]:
    """The header cells and each row's cells, read back from the rendered table: the
    heading ends with the line that names the id column (a heading over two lines sits
    on the last), a column starts where a heading starts after two spaces or more, and
    a row starts where its recommended level's number does."""
    end = next(i for i, line in enumerate(lines) if line.startswith("ID"))
    header_lines, body = lines[:end + 1], lines[end + 1:]
    starts = sorted({m.start() for line in header_lines
                     for m in re.finditer(r"(?:^|(?<=  ))\S", line)})
    cut = lambda line: [line[a:b].strip() for a, b in zip(starts, starts[1:] + [None])]  # noqa
    heads = cut(header_lines[-1])
    level = next(i for i, h in enumerate(heads) if h in ("RECOMMENDED", "ANBEFALET", "ANBEFALT",
                                                        "REKOMMENDERAD"))
    rows: list[list[list[str]]] = []
    for line in body:
        if re.fullmatch(r"\d( .*)?", cut(line)[level]):
            rows.append([])
        rows[-1].append(cut(line))
    header = [join(list(col)) for col in zip(*map(cut, header_lines))]
    return header, [[join(list(col)) for col in zip(*row)] for row in rows]


def gap_text(row: dict) -> str:
    if row["planned"] is None:
        return ""
    steps = row["planned"]["number"] - row["level"]["number"]
    sense = _("overdose") if steps > 0 else _("overcontrol") if steps < 0 else _("matched")
    return f"{steps:+d} {sense}" if steps else f"0 {sense}"


@pytest.mark.parametrize("lang", ["en", "da", "nb", "sv"])
def test_the_table_fits_the_terminal_and_cuts_nothing(lang, rules):
    rows = expected_rows(lang)
    titles = {d: rules.rubrics[d].item["title"][lang].lower() for d in rules.rubrics}
    for width in (60, 80, 120, 200):
        result = run("batch", *INPUTS, "-f", "table", "--lang", lang,
                     env={"COLUMNS": str(width)})
        out = result.stdout.splitlines()
        assert out and max(len(line) for line in out) <= width, (lang, width)
        header, cells = parse(out)
        set_language(lang)
        heads = [_(h).upper() for h in HEAD]
        gaps = [gap_text(row) for row in rows]
        hidden = [h for h in heads if h not in header]
        said = _("left out for the terminal's width: {columns}; see every column with a "
                 "wider terminal, -o results.xlsx or -f markdown").split("{columns}")[0]
        set_language("en")
        assert set(header) <= set(heads) and header[:1] == ["ID"], (lang, width, header)
        # a column left out is said on stderr, with how to see it
        assert (said in result.stderr) == bool(hidden), (lang, width, hidden)
        if width >= 80:  # only a narrow terminal leaves these out
            assert {heads[i] for i in (0, 1, 4, 5, 8)} <= set(header), (lang, width)
        if width >= 200:
            assert header == heads, (lang, width)
        assert len(cells) == len(rows)
        for row, shown, gap in zip(rows, cells, gaps):
            cell = dict(zip(header, shown))
            assert cell["ID"] == row["table_id"]
            assert cell.get(heads[1], row["subject"]["name"]) == row["subject"]["name"]
            assert cell.get(heads[2], row["task"]["title"]) == row["task"]["title"]
            assert cell[heads[4]] == f"{row['level']['number']} {row['level']['label']}"
            if heads[3] in cell:
                planned = row["planned"]
                assert cell[heads[3]] == (f"{planned['number']} {planned['label']}"
                                          if planned else "")
            assert cell.get(heads[5], gap) == gap
            if heads[6] in cell:
                name, score = cell[heads[6]].rsplit(" ", 1)
                assert name == titles[row["limiting"]]
                assert float(score.replace(",", ".")) == row["scores"][row["limiting"]]
                assert "." not in score if lang != "en" else "," not in score
            # every warning by its title, never its id
            titled = "; ".join(w["title"] for w in row["warnings"])
            assert cell.get(heads[8], titled) == titled
            assert not {w["kind"] for w in row["warnings"]} & set(cell.get(heads[8], "").split())


def test_at_80_columns_the_gap_and_the_warnings_share_their_row(rules):
    """The gap and the warnings stay in their column, beside the case, not on a line of
    their own below it (as when a terminal wrapped a table wider than itself)."""
    out = run("batch", INPUTS[0], "-f", "table", env={"COLUMNS": "80"}).stdout.splitlines()
    first = [line for line in out[1:] if line[:1].strip()]
    # Jonas planned Agree; his time is the leader's to fix, so the case carries Inquire
    warned = [line for line in first if line.startswith("ws-02")]
    # agree: less freedom than the case carries, not detailed control
    assert warned and "-2 overcontrol  Less freedom" in warned[0]


def test_extra_columns_follow_the_subject_and_go_first_when_narrow(rules):
    """The extra columns a row carried (a participant's name) stand after the subject, in
    the table and in Markdown, and are the first left out of a narrow terminal."""
    from trustdose import assess

    found = assess({"subject": {"name": "Kim"}, "task": {"title": "Plan the rota"},
                    "competence": 4, "intention": 4, "resources": 4, "risk": 2}, rules)
    extra = {"Leder": "Mette Holm"}  # as the row carried it
    wide, narrow = TerminalTable(rules, 200), TerminalTable(rules, 60)
    for table in (wide, narrow):
        table.result(found, "x.csv:2", extra)
    drawn = wide.footer().decode().splitlines()
    assert drawn[0].split()[:4] == ["ID", "SUBJECT", "LEDER", "TASK"]
    assert drawn[1].split()[:4] == ["x.csv:2", "Kim", "Mette", "Holm"]
    assert narrow.footer() and narrow.hidden[0] == "extra:Leder" and not wide.hidden
    from trustdose.batch.writers import Markdown
    markdown = Markdown("digest")
    lines = b"".join(markdown.result(found, "x.csv:2", extra)).decode().splitlines()
    assert lines[0].startswith("| id | subject | Leder | task |")
    assert "| Kim | Mette Holm | Plan the rota |" in lines[2]


def test_rows_after_the_measured_ones_keep_the_widths_and_wrap_at_separators(tmp_path):
    path = tmp_path / "many.csv"
    body = "".join(f"c{n},Kim,Plan,4,4,4,2,\n" for n in range(TerminalTable.MEASURE + 5))
    long_id = "a-very-long-case-identifier-from-another-system.2026"
    path.write_text("id,subject,task,competence,intention,resources,risk,planned_level\n"
                    + body + f"{long_id},Kim,Plan,2,4,4,2,delegate\n")
    out = run("batch", str(path), "-f", "table", "--lang", "da",
              env={"COLUMNS": "80"}).stdout.splitlines()
    assert max(len(line) for line in out) <= 80
    header, cells = parse(out)
    # an id longer than every one measured: wrapped at its hyphens, a piece longer than
    # the column split there, and nothing lost
    assert cells[-1][0].replace(" ", "") == long_id and len(cells) == TerminalTable.MEASURE + 6
    assert cells[-1][-1].startswith("Mere tillid, end der er grundlag for")


def test_one_id_for_each_warning_kind_in_every_output(rules, tmp_path):
    ids = [w.id for w in rules.warnings]
    assert [w.item["kind"] for w in rules.warnings] == ids and not OLD_NAMES & set(ids)
    result = run("batch", *INPUTS, "-f", "jsonl")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    kinds = [[w["kind"] for w in row["warnings"]] for row in rows]
    assert all(w["kind"] == w["rule"] for row in rows for w in row["warnings"])
    assert {k for ks in kinds for k in ks} <= set(ids) and any(len(ks) > 1 for ks in kinds)
    table = [row for row in csv.DictReader(io.StringIO(run("batch", *INPUTS, "-f", "csv")
                                                       .stdout))]
    assert [row["warnings"].split() for row in table] == kinds
    # for people, the warnings by title: the rule's, in the language
    markdown = run("batch", *INPUTS, "-f", "markdown").stdout.splitlines()
    start = markdown.index(next(line for line in markdown if line.startswith("| id |"))) + 2
    by_kind = {w.item["kind"]: w.item["title"]["en"] for w in rules.warnings}
    assert [line.split("|")[-2].strip() for line in markdown[start:start + len(rows)]] == \
        ["; ".join(by_kind[k] for k in ks) for ks in kinds]
    # the summary says each kind by its title (a person reads it); its JSON by its id
    titles = {w.id: w.item["title"]["en"] for w in rules.warnings}
    for kind in {k for ks in kinds for k in ks}:
        assert f"{titles[kind]}: " in result.stderr
    figures = json.loads(run("batch", *INPUTS, "--summary-only", "-f", "jsonl").stdout)
    assert {w["id"] for w in figures["warnings"]} == {k for ks in kinds for k in ks}
    single = json.loads(run("assess", str(EXAMPLES / "new-employee.yaml"), "-f",
                            "json").stdout)
    assert [w["kind"] for w in single["warnings"]] == \
        [w["rule"] for w in single["warnings"]] == ["overdose", "new-in-role", "uncertain-answers"]
    named = {k for ks in kinds for k in ks} | {w["rule"] for r in rows for w in r["warnings"]}
    assert named == {w["id"] for w in figures["warnings"]}
    assert not OLD_NAMES & named
    teams = [row for row in rows if row["subject"]["kind"] == "team"]
    assert teams and all("new-employee" not in json.dumps(row["warnings"]) for row in teams)


def test_markdown_speaks_the_language():
    out = run("batch", INPUTS[0], "-f", "markdown", "--lang", "da").stdout.splitlines()
    assert out[0] == "# Opsummering"  # the summary first, then the cases
    head = next(line for line in out if line.startswith("| id |"))
    assert head == ("| id | medarbejder/team | opgave | planlagt | anbefalet | forskel | "
                      "svageste forudsætning | rammen først | advarsler |")
    ws04 = next(line for line in out if line.startswith("| ws-04"))
    assert "| 7 Uddelegere |" in ws04 and "| ressourcer 2,5 |" in ws04
    assert "resources" not in ws04 and "delegate" not in ws04
    ws02 = next(line for line in out if line.startswith("| ws-02"))
    assert "| 4 Blive enige | 6 Blive orienteret | \\-2 for meget kontrol |" in ws02
    assert ws02.endswith("| Mindre frihed, end der er grundlag for |")
