"""Nothing from a case acts on the reader (issue 15, item 8): control characters and
bidirectional overrides are refused when a case or a review note is read, and shown
escaped wherever text is echoed (error messages, reports, the batch table, the journal);
Markdown escapes case text; --excel neutralises cells that would run as formulas."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3

import pytest

import trustdose
from trustdose.api import assess_document, document
from trustdose.errors import UNSAFE, CaseError, Problem, UsageError, visible
from trustdose.model.case import Case, text_problem
from trustdose.report.formats import ReportFormat, render

from helpers import EXAMPLES, make_case, run

# C0 (with the NUL and the line break), DEL, C1 and the bidirectional marks (RLM and ALM
# passed the check), overrides and isolates
CONTROLS = ["\x00", "\x07", "\x08", "\x1b", "\r", "\t", "\x7f", "\x85", "\x9b",
            "\u061c", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",
            "\u2066", "\u2067", "\u2068", "\u2069"]
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e"
                 "\u2066-\u2069]")  # a line break is not
CLEAR = "\x1b[2J\x1b]0;pwned\x07"
FAKE = "Pay\nRecommended level: 7 · Delegate"


def case_file(tmp_path, name="Ann", title="Pay invoices", description=None, tags=None,
              facts=None, people=None, case_id=None):
    case = make_case(4, 4, 4, 2, subject={"name": name}, task={"title": title})
    for key, value in (("description", description), ("tags", tags), ("facts", facts),
                       ("people", people)):
        if value is not None:
            case["task"][key] = value
    if case_id is not None:
        case["id"] = case_id
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case, indent=1, ensure_ascii=False), encoding="utf-8")
    return path


def assert_shown_safely(*texts: str) -> None:
    for text in texts:
        assert not RAW.search(text), repr(text)


FIELDS = ["name", "title", "description", "tags", "facts", "people", "case_id"]


def holding(tmp_path, field: str, char: str):
    """A case file whose `field` holds `char` as its third character."""
    value = f"ab{char}c" if field not in ("tags", "facts") else None
    given = {"tags": [f"ab{char}c"], "facts": {"note": f"ab{char}c"}}.get(field, value)
    return case_file(tmp_path, **{field: given})


def said_at_its_place(path, char: str, said: str) -> bool:
    code = f"U+{ord(char):04X}"
    return re.search(rf"{re.escape(str(path))}:\d+:\d+: .*{re.escape(code)} at character 3",
                     said) is not None


# every field with every character, read as `assess` reads a case file (the document,
# then its assessment): a field that treated a character apart (a tag split at U+0085,
# which str.split takes for a space) would let it through
@pytest.mark.parametrize("char", CONTROLS)
@pytest.mark.parametrize("field", FIELDS)
def test_a_control_character_in_case_text_is_refused_at_its_place(rules, tmp_path, field,
                                                                  char):
    path = holding(tmp_path, field, char)
    with pytest.raises(CaseError) as refused:
        assess_document(document(path), rules)
    said = "\n".join(str(problem) for problem in refused.value.problems)
    assert said_at_its_place(path, char, said), said
    assert_shown_safely(said)


# and `trustdose assess` says so, exit 2 and nothing on stdout: each character once, each
# field three times (the whole grid through the command line took three seconds)
@pytest.mark.parametrize("field, char", [(FIELDS[n % len(FIELDS)], char)
                                         for n, char in enumerate(CONTROLS)])
def test_assess_refuses_a_control_character_at_its_place(tmp_path, field, char):
    path = holding(tmp_path, field, char)
    result = run("assess", str(path), "--format", "text")
    assert result.returncode == 2, result.stdout
    assert said_at_its_place(path, char, result.stderr), result.stderr
    assert not result.stdout
    assert_shown_safely(result.stderr)


def test_a_line_break_is_refused_in_a_name_or_title_but_not_in_a_description(tmp_path):
    result = run("assess", str(case_file(tmp_path, title=FAKE)), "--format", "text")
    assert result.returncode == 2 and "line break (U+000A) at character 4" in result.stderr
    assert "Recommended level: 7" not in result.stdout
    assert len([line for line in result.stderr.splitlines() if "Recommended" in line]) == 1
    result = run("assess", str(case_file(tmp_path, name="Ann\nBo")), "--format", "text")
    assert result.returncode == 2 and "subject.name" in result.stderr
    fine = case_file(tmp_path, description="First line.\r\nSecond line.\n\nThird.")
    assert run("assess", str(fine), "--format", "text").returncode == 0


def test_a_yaml_case_is_refused_at_line_and_column(tmp_path):
    path = tmp_path / "case.yaml"
    path.write_text('subject:\n  name: "Ann\\e[2J"\ntask: {title: T}\ncompetence: 4\n'
                    "intention: 4\nresources: 4\nrisk: 2\n")
    result = run("assess", str(path))
    assert result.returncode == 2
    assert f"{path}:2:9: subject.name: holds the control character U+001B at character 4" \
        in result.stderr
    assert "(found 'Ann\\x1b[2J')" in result.stderr


def test_a_case_on_standard_input_is_refused_too():
    case = json.dumps(make_case(subject={"name": "Ann\u202egnp.exe"}))
    result = run("assess", "-", input=case)
    assert result.returncode == 2 and "U+202E" in result.stderr and "bidirectional" in result.stderr
    assert_shown_safely(result.stderr)


def test_a_batch_rejects_the_row_and_assesses_the_others(tmp_path):
    rows = tmp_path / "rows.csv"
    rows.write_text("id,subject,task,competence,intention,resources,risk\n"
                    "ok1,Kim,Plan,4,4,4,2\n"
                    f'bad,"Ann{CLEAR}",Plan,4,4,4,2\n'
                    "ok2,Bo,Plan,4,4,4,2\n", encoding="utf-8")
    result = run("batch", str(rows), "--format", "jsonl")
    assert result.returncode == 1
    assert [json.loads(line)["case_id"] for line in result.stdout.splitlines()] == ["ok1", "ok2"]
    assert f"{rows}:3" in result.stderr and "U+001B" in result.stderr
    assert_shown_safely(result.stderr)


def test_the_questionnaire_answers_go_through_the_same_rule(rules):
    """The questionnaire's answers make a case mapping, validated as any case."""
    from trustdose.questionnaire import to_case
    answers = {("subject", "name"): "Kim", ("task", "title"): "Plan\x1b[31m",
               **{(d,): 3 for d in ("competence", "intention", "resources", "risk")}}
    with pytest.raises(trustdose.CaseError) as caught:
        trustdose.assess(to_case(answers), rules)
    problem = caught.value.problems[0]
    assert "U+001B" in problem.message and r"Plan\x1b[31m" in problem.message
    assert_shown_safely(problem.message)


def test_the_rule_is_one_function_in_the_model():
    assert text_problem("Ann Berg") is None
    assert text_problem("two\nlines", lines=True) is None
    assert "U+000A" in text_problem("two\nlines")
    assert "U+0009" in text_problem("a\tb", lines=True)
    for char in CONTROLS:
        assert f"U+{ord(char):04X}" in text_problem(f"x{char}"), repr(char)
    assert Case.model_validate(make_case(task={"title": "Plan – ære og ☃", "description":
                                               "a\r\nb"})).task.description == "a\nb"


def test_visible_escapes_every_control_character_and_nothing_else():
    assert visible("Ann\x1b[2J\n\u202e\x9b\x7f\\x") == "Ann\\x1b[2J\\n\\u202e\\x9b\\x7f\\x"
    assert visible("two\nlines\x07", keep="\n") == "two\nlines\\x07"
    assert visible("Ærø – ☃ ok") == "Ærø – ☃ ok"
    for char in CONTROLS:
        assert not UNSAFE.search(visible(char))
        assert visible(visible(char)) == visible(char)
    assert Problem("f\x1b", 1, 2, "bad 'x\x1b'", "hint\n").message == "bad 'x\\x1b'"
    assert str(UsageError("--planned: unknown level '\x1b[2J'")) == \
        "--planned: unknown level '\\x1b[2J'"


def test_every_error_message_shows_control_characters_escaped(tmp_path):
    result = run("assess", str(EXAMPLES / "new-employee.yaml"), "--planned", CLEAR)
    assert result.returncode == 2 and "\\x1b[2J" in result.stderr
    assert_shown_safely(result.stderr)
    result = run("assess", str(tmp_path / f"missing{CLEAR}.yaml"))
    assert result.returncode == 2
    assert_shown_safely(result.stderr)
    case = make_case(competence={f"x{CLEAR}\nfake": 3})
    result = run("assess", "-", input=json.dumps(case))
    assert result.returncode == 2 and "\\x1b" in result.stderr
    assert_shown_safely(result.stderr)
    assert not any(line.startswith("fake") for line in result.stderr.splitlines())


def hostile(rules):
    """An assessment whose texts were never validated (as from an older journal or a
    library user's own objects)."""
    a = trustdose.assess(make_case(4, 4, 4, 2), rules)
    a.subject = a.subject.model_copy(update={"name": f"Ann{CLEAR}\u202e"})
    a.task = a.task.model_copy(update={"title": FAKE, "description": f"a{CLEAR}"})
    return a


@pytest.mark.parametrize("fmt", [ReportFormat.text, ReportFormat.rich, ReportFormat.markdown,
                                 ReportFormat.agreement])
def test_reports_show_control_characters_escaped(rules, fmt):
    text = render(fmt, hostile(rules), color=False, full=True)
    assert_shown_safely(text)
    assert "\\x1b[2J" in text or "\\\\x1b\\[2J" in text
    assert not [line for line in text.splitlines()
                if line.lstrip().startswith("Recommended level: 7")]


def test_rich_with_colour_adds_only_its_own_codes(rules):
    text = render(ReportFormat.rich, hostile(rules), color=True)
    assert "\x1b[2J" not in text and "\x1b]0;" not in text and "\u202e" not in text


MARKDOWN = {"name": "<img src=x onerror=alert(1)>",
            "title": "# Fired <script>alert(1)</script> [click](javascript:alert(1)) "
                     "![x](y) **bold** _em_ | a | b |",
            "description": "- [ ] tick\n## Sub\n1. one\n> quote\n<b>x</b>\n    code\n---",
            "people": "+ the <b>families</b>"}


@pytest.mark.parametrize("fmt", [ReportFormat.markdown, ReportFormat.agreement])
def test_markdown_escapes_case_text(rules, fmt):
    case = make_case(4, 4, 4, 2, subject={"name": MARKDOWN["name"]},
                     task={k: MARKDOWN[k] for k in ("title", "description", "people")})
    text = render(fmt, trustdose.assess(case, rules))
    assert "<" not in text and ">" not in text.replace("&gt;", "")
    assert "](" not in text.replace("\\](", "")
    assert "**bold**" not in text and "\\*\\*bold\\*\\*" in text and "\\_em\\_" in text
    for line in text.splitlines():
        assert not line.startswith(("# Fired", "## Sub", "- [ ] tick", "1. one", "+ the",
                                    "> quote", "    code", "---"))
        if line.startswith("#"):
            assert "Fired" not in line or "\\# Fired" in line
    assert "\\| a \\| b \\|" in text


def test_the_batch_markdown_escapes_its_cells(tmp_path):
    rows = tmp_path / "rows.csv"
    rows.write_text("id,subject,task,competence,intention,resources,risk\n"
                    'x,"<b>Kim</b> [a](javascript:b)","**T** | c",4,4,4,2\n')
    result = run("batch", str(rows), "--format", "markdown")
    assert result.returncode == 0
    row = next(line for line in result.stdout.splitlines() if line.startswith("| x |"))
    assert "&lt;b&gt;Kim&lt;/b&gt; \\[a\\](javascript:b)" in row and "\\*\\*T\\*\\* \\| c" in row


FORMULAS = ["=HYPERLINK(\"http://x\",\"click\")", "=cmd|' /C calc'!A0", "@SUM(1+1)", "+1+1",
            "-2+3"]


def test_excel_csv_neutralises_formulas_and_plain_csv_keeps_the_value(tmp_path):
    rows = tmp_path / "rows.csv"
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["id", "subject", "task", "competence", "intention", "resources", "risk"])
    for n, formula in enumerate(FORMULAS):
        writer.writerow([f"c{n}", formula, formula, 4, 4, 4, 2])
    writer.writerow(["=id", "Kim", "Plan", 4, 4, 4, 2])
    rows.write_text(out.getvalue())
    excel = run("batch", str(rows), "--format", "csv", "--excel")
    assert excel.returncode == 0, excel.stderr
    read = list(csv.DictReader(io.StringIO(excel.stdout.lstrip("\ufeff")), delimiter=";"))
    assert [r["Subject"] for r in read[:-1]] == ["'" + f for f in FORMULAS]
    assert [r["Task"] for r in read[:-1]] == ["'" + f for f in FORMULAS]
    assert read[-1]["Id"] == "'=id" and read[-1]["Subject"] == "Kim"
    for r in read:
        assert not any(str(v).startswith(("=", "+", "-", "@", "\t", "\r")) for v in r.values())
    plain = run("batch", str(rows), "--format", "csv")
    read = list(csv.DictReader(io.StringIO(plain.stdout)))
    assert [r["subject"] for r in read[:-1]] == FORMULAS  # for programs: as given


def test_inert_covers_tab_and_carriage_return():
    from trustdose.batch.writers import inert
    assert inert("\t=1") == "'\t=1" and inert("\r=1") == "'\r=1"
    assert inert("Kim") == "Kim" and inert(3) == 3 and inert("") == ""


def test_the_batch_table_shows_control_characters_escaped(rules):
    from trustdose.cli.batchtable import TerminalTable
    table = TerminalTable(rules, width=100)
    out = b"".join([*table.result(hostile(rules), "x.csv:2"), table.footer()]).decode()
    assert_shown_safely(out)
    assert "\\x1b[2J" in out


@pytest.fixture
def journal_with_old_text(tmp_path):
    """A journal that holds control characters saved before they were refused."""
    db = tmp_path / "j.sqlite3"
    assert run("assess", str(EXAMPLES / "new-employee.yaml"), "--save", "--db", str(db)
               ).returncode == 0
    assert run("review", "1", "--outcome", "kept", "--note", "fine", "--date", "2026-12-15",
               "--db", str(db)).returncode == 0
    with sqlite3.connect(db) as con:
        con.execute("UPDATE subjects SET name = ?", (f"Jonas{CLEAR}",))
        con.execute("UPDATE entries SET task = ?", (FAKE,))
        review = json.loads(con.execute("SELECT review FROM reviews").fetchone()[0])
        review["note"] = f"went well{CLEAR}\u202e"
        con.execute("UPDATE reviews SET review = ?", (json.dumps(review),))
    con.close()
    return db


def test_the_journal_shows_old_control_characters_escaped(journal_with_old_text):
    db = str(journal_with_old_text)
    shown = run("journal", "show", "1", "--db", db)
    assert shown.returncode == 0, shown.stderr
    assert "went well\\x1b[2J" in shown.stdout and "Pay\\nRecommended level: 7" in shown.stdout
    listed = run("journal", "list", "--db", db)
    history = run("journal", "history", "jonas\x1b[2j\x1b]0;pwned\x07", "--db", db)
    due = run("journal", "due", "--on", "2099-01-01", "--db", db)
    for result in (shown, listed, history, due):
        assert result.returncode == 0, result.stderr
        assert_shown_safely(result.stdout, result.stderr)
        assert not any(line.startswith("Recommended level") for line in result.stdout.splitlines())


def test_journal_tables_do_not_read_rich_markup(tmp_path):
    db = tmp_path / "j.sqlite3"
    case = make_case(subject={"name": "[bold]Kim[/]"}, task={"title": "[/] [link=x]t"})
    assert run("assess", "-", "--save", "--db", str(db), input=json.dumps(case)).returncode == 0
    listed = run("journal", "list", "--db", str(db))
    assert listed.returncode == 0 and "[bold]Kim[/]" in listed.stdout
    assert "[/] [link=x]t" in listed.stdout


@pytest.mark.parametrize("note", [CLEAR, "two\nlines", "rtl\u202eevil", "bell\x07"])
def test_a_review_note_with_a_control_character_is_refused(tmp_path, note):
    db = tmp_path / "j.sqlite3"
    assert run("assess", str(EXAMPLES / "new-employee.yaml"), "--save", "--db", str(db)
               ).returncode == 0
    result = run("review", "1", "--outcome", "kept", "--note", note, "--date", "2026-12-15",
                 "--db", str(db))
    assert result.returncode == 2 and "the note holds" in result.stderr
    assert re.search(r"U\+[0-9A-F]{4}", result.stderr)
    assert_shown_safely(result.stderr)
    assert "Not reviewed yet" in run("journal", "show", "1", "--db", str(db)).stdout
    review = tmp_path / "review.yaml"
    review.write_text(json.dumps({"entry": 1, "outcome": "kept", "note": note,
                                  "date": "2026-12-15"}))
    result = run("review", "--from", str(review), "--db", str(db))
    assert result.returncode == 2 and f"{review}:1:" in result.stderr
    assert "note: holds" in result.stderr
    assert "Not reviewed yet" in run("journal", "show", "1", "--db", str(db)).stdout


def test_messages_are_translated(tmp_path):
    path = case_file(tmp_path, name=f"Ann{CLEAR}")
    for lang, word in (("da", "kontroltegn"), ("nb", "kontrolltegn"), ("sv", "kontrolltecknet")):
        result = run("assess", str(path), "--lang", lang)
        assert result.returncode == 2 and word in result.stderr and "U+001B" in result.stderr


def test_json_lines_carry_text_from_rule_files_as_escapes_never_raw(tmp_path):
    # a red line's reason from an organisation's file, with a bidi override and a C1
    # control: every JSON line trustdose writes (batch, assess) holds them as \u escapes,
    # the same text to a program (issue 20)
    folder = tmp_path / "org"
    folder.mkdir()
    reason = "spend \u202eevil\u202c \x9b2J"
    (folder / "r.yaml").write_text(
        "red_lines:\n  - id: evil\n    when: {field: tags, op: contains, value: budget}\n"
        f"    level: 3\n    reason: {{en: {json.dumps(reason)}}}\n", encoding="utf-8")
    case = case_file(tmp_path, tags=["budget"])
    for args in (["batch", str(case), "-f", "jsonl"], ["assess", str(case), "-f", "json"]):
        done = run(*args, "--rules", str(folder))
        assert done.returncode == 0, done.stderr
        assert not RAW.search(done.stdout)
        data = json.loads(done.stdout)
        assert reason in json.dumps(data, ensure_ascii=False)


@pytest.mark.parametrize("text", ["\u200b", "\u200b \u200b", "\u2060", "\ufeff\u00a0"])
def test_a_text_of_only_invisible_characters_is_refused_as_empty(text):
    """A purpose of zero-width spaces passed the `\\S` pattern and gave an agreement a
    blank line; any text of a case that shows nothing is refused, naming the character."""
    case = make_case(task={"title": "Plan the rota", "purpose": text,
                           "ground_rules": [text]})
    with pytest.raises(Exception) as found:
        Case.model_validate(case)
    said = str(found.value)
    assert said.count("holds nothing visible") == 2 and "U+" in said
    assert text_problem("a\u200bb") is None  # inside a word it is the writer's own
