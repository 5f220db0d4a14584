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
    for row in rows:  # without an id of its own: a row's number, or a file's name
        given = row["case_id"]
        place = given.rsplit("/", 1)[-1]
        table = ":" in place and not place.split(":")[0].endswith((".yaml", ".json"))
        row["table_id"] = (place.rsplit(":", 1)[-1] if table else place) \
            if given == row["source"] else given
    return rows


RECOMMENDED = {"RECOMMENDED", "ANBEFALET", "ANBEFALT", "REKOMMENDERAD"}


def join(pieces: list[str]) -> str:
    """A cell's text from its lines: a line that ends at a separator goes on unspaced."""
    text = ""
    for piece in (p for p in pieces if p):
        text += piece if not text or text[-1] in "-_./:" else " " + piece
    return text


def parse(lines: list[str]) -> tuple[list[str], list[list[str]]]:
    """The header cells and each row's cells, read back from the rendered table: the
    heading ends with the line that names the recommended level (always shown, one word;
    a heading over two lines sits on the last), a column starts where a heading starts
    after two spaces or more, and a row starts where its recommended level's number
    does."""
    end = next(i for i, line in enumerate(lines) if set(line.split()) & RECOMMENDED)
    header_lines, body = lines[:end + 1], lines[end + 1:]
    starts = sorted({m.start() for line in header_lines
                     for m in re.finditer(r"(?:^|(?<=  ))\S", line)})
    cut = lambda line: [line[a:b].strip() for a, b in zip(starts, starts[1:] + [None])]  # noqa
    heads = cut(header_lines[-1])
    level = next(i for i, h in enumerate(heads) if h in RECOMMENDED)
    rows: list[list[list[str]]] = []
    for line in body:
        if re.fullmatch(r"\d( .*)?", cut(line)[level]):
            rows.append([])
        rows[-1].append(cut(line))
    header = [join(list(col)) for col in zip(*map(cut, header_lines))]
    return header, [[join(list(col)) for col in zip(*row)] for row in rows]


def gap_text(row: dict) -> str:
    """The gap as the table shows it at a glance: its signed steps (a true minus), the
    words being in Markdown, the workbook and the page (a second coach: at 100 columns the
    words took three lines a row and pushed the extra columns out)."""
    if row["planned"] is None:
        return ""
    steps = row["planned"]["number"] - row["level"]["number"]
    return f"{steps:+d}".replace("-", "\u2212") if steps else "0"


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
        uncertain = _("uncertain")
        set_language("en")
        assert set(header) <= set(heads), (lang, width, header)
        # what a coach needs longest: the task and the plan; the id goes first
        assert {heads[i] for i in (2, 3, 4)} <= set(header), (lang, width, header)
        assert header[0] == "ID" or "ID" in hidden or not hidden, (lang, width, header)
        # a column left out is said on stderr, with how to see it
        assert (said in result.stderr) == bool(hidden), (lang, width, hidden)
        if width >= 80:  # only a narrow terminal leaves these out
            assert {heads[i] for i in (1, 5)} <= set(header), (lang, width)
        if width >= 200:
            assert header == heads, (lang, width)
        assert len(cells) == len(rows)
        for row, shown, gap in zip(rows, cells, gaps):
            cell = dict(zip(header, shown))
            assert cell.get("ID", row["table_id"]) == row["table_id"]
            assert cell.get(heads[1], row["subject"]["name"]) == row["subject"]["name"]
            assert cell.get(heads[2], row["task"]["title"]) == row["task"]["title"]
            assert cell[heads[4]] == f"{row['level']['number']} {row['level']['label']}"
            if heads[3] in cell:
                planned = row["planned"]
                assert cell[heads[3]] == (f"{planned['number']} {planned['label']}"
                                          if planned else "")
            assert cell.get(heads[5], gap) == gap
            if heads[6] in cell:  # an answer of ? says so: it read as a real 3
                weakest, unsure = cell[heads[6]], f" ({uncertain})"
                assert weakest.endswith(unsure) == (row["limiting"] in row["uncertain"])
                name, score = weakest.removesuffix(unsure).rsplit(" ", 1)
                assert name == titles[row["limiting"]]
                assert float(score.replace(",", ".")) == row["scores"][row["limiting"]]
                assert "." not in score if lang != "en" else "," not in score
            # every warning by its title, never its id
            titled = "; ".join(w["title"] for w in row["warnings"])
            assert cell.get(heads[8], titled) == titled
            assert not {w["kind"] for w in row["warnings"]} & set(cell.get(heads[8], "").split())


TASKS = ("Planlægge forældremødet", "Svare borgere om parkeringstilladelser",
         "Lede personalemødet", "Koordinere medicinhåndtering")


def drawn_workshop(rules, width: int) -> tuple[list[str], TerminalTable]:
    """A Danish workshop's rows from a workbook (no ids: each known by its row), drawn
    `width` columns wide."""
    from trustdose import assess

    set_language("da")
    try:
        table = TerminalTable(rules, width)
        for n, task in enumerate(TASKS * 3, start=2):
            found = assess({"subject": {"name": f"Medarbejder {n}"}, "task": {"title": task},
                            "competence": 1 + n % 5, "intention": 4, "resources": 3,
                            "risk": 2, "planned_level": 1 + n % 7}, rules)
            table.result(found, f"/home/coach/workshop-da.xlsx:Workshop:{n}",
                         {"Leder": "Dorte Møller", "Afdeling": "Hjemmeplejen Nord"})
        return table.footer().decode().splitlines(), table
    finally:
        set_language("en")


@pytest.mark.parametrize("width", [60, 80, 100, 200])
def test_a_workbook_row_is_its_number_the_id_goes_first_and_no_word_is_split(rules, width):
    """A coach reads the task and the plan; the id (a workbook row's number) is the first
    left out, and a word is never split in the middle, however narrow."""
    lines, table = drawn_workshop(rules, width)
    assert max(len(line) for line in lines) <= width
    header, cells = parse(lines)
    words = {w for line in lines for w in line.split()}
    assert {w for task in TASKS for w in task.split()} <= words, (width, lines)
    assert {"OPGAVE", "PLANLAGT", "ANBEFALET"} <= set(header)
    if width >= 200:
        assert not table.hidden and [row[0] for row in cells] == \
            [str(n) for n in range(2, 2 + 3 * len(TASKS))]
    else:
        assert table.hidden[0] == "id", table.hidden
    if width >= 100:
        assert "MEDARBEJDER/TEAM" in header and "FORSKEL" in header


def test_rows_after_the_measured_ones_keep_the_widths_and_wrap_at_separators(tmp_path):
    path = tmp_path / "many.csv"
    body = "".join(f"c{n},Kim,Plan,4,4,4,2,\n" for n in range(TerminalTable.MEASURE + 5))
    long_id = "a-very-long-case-identifier-from-another-system.2026"
    path.write_text("id,subject,task,competence,intention,resources,risk,planned_level\n"
                    + body + f"{long_id},Kim,Plan,2,4,4,2,delegate\n")
    out = run("batch", str(path), "-f", "table", "--lang", "da",
              env={"COLUMNS": "200"}).stdout.splitlines()
    assert max(len(line) for line in out) <= 200
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
    assert "| 4 Blive enige | 6 Blive orienteret | \\-2 mere kontrol end anbefalet |" in ws02
    assert ws02.endswith("| Mindre frihed, end der er grundlag for |")


@pytest.mark.parametrize("width", [110, 130])
def test_a_participants_column_is_shown_cut_short_before_the_frame_and_warnings(rules, width):
    # a second coach pass: the extra columns were the second thing left out, before the
    # frame and the warnings, which every other format shows in full
    lines, table = drawn_workshop(rules, width)
    assert max(len(line) for line in lines) <= width
    assert "LEDER" in lines[0] + lines[1] and "extra:Leder" not in table.hidden
    drawn = "\n".join(lines)
    assert re.search(r"\bDorte M\w*…", drawn) and "\nMøller" not in drawn  # cut, not folded
    assert {"frame", "warnings"} <= set(table.hidden)
    assert ("extra:Afdeling" in table.hidden) == (width < 130)  # the last extra goes first
