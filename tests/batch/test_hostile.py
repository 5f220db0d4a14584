"""A batch keeps every good row: whatever one row or one file holds, it is rejected at its
place and every other row is assessed (exit 1), never exit 70 and never an empty output.
The inputs are made here; each run has a deadline."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from helpers import ROOT, make_case, run, run_process

HEADER = "id,subject,task,competence,intention,resources,risk,date,facts.amount\n"
GOOD = "g{n},Ann,Plan,4,4,4,2,2026-01-01,10\n"
YAML_CASE = ("subject: {{name: {name}}}\ntask: {{title: T}}\ncompetence: 4\nintention: 4\n"
             "resources: 4\nrisk: 2\n")


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def sane(result) -> None:
    assert result.returncode in (0, 1, 2), result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr


def hostile_csv() -> tuple[bytes, dict[int, str]]:
    """Good rows with one bad row of each kind between them: the line of each bad row and
    what its message says."""
    # a UTF-8 letter in a good row: the file is UTF-8 (the Latin-1 row, mixed in, is
    # rejected); a file with no UTF-8 letter at all would be read as Windows-1252
    rows = [HEADER.encode(), GOOD.format(n=1).replace("Ann", "Åse").encode(),
            f"b1,Bo,Plan,{'7' * 5000},4,4,2,2026-01-01,10\n".encode(),
            GOOD.format(n=2).encode(),
            b"b2,Bo,Plan,4,4,4,2,9999-12-31,10\n",
            GOOD.format(n=3).encode(),
            f"b3,{'x' * 140_000},Plan,4,4,4,2,2026-01-01,10\n".encode(),
            GOOD.format(n=4).encode(),
            "b4,Jørgen,Plan,4,4,4,2,2026-01-01,10\n".encode("latin-1"),
            GOOD.format(n=5).encode(),
            f"b5,Bo,Plan,4,4,4,2,2026-01-01,{'9' * 5000}\n".encode(),
            GOOD.format(n=6).encode()]
    bad = {3: "competence: a number of more than 40 digits",
           5: "9999-12-31 is outside the years 1900 to 2999",
           7: "a cell longer than 131,072 characters",
           9: "9:5: not UTF-8 text (byte 0xf8",
           11: "facts.amount: a number of more than 40 digits"}
    return b"".join(rows), bad


def test_one_bad_row_of_each_kind_is_rejected_at_its_line_and_the_rest_assessed(tmp_path):
    data, bad = hostile_csv()
    path = tmp_path / "hostile.csv"
    path.write_bytes(data)
    errors = tmp_path / "errors.jsonl"
    result = run("batch", str(path), "--errors", str(errors))
    sane(result)
    assert result.returncode == 1
    assert [r["case_id"] for r in jsonl(result.stdout)] == [f"g{n}" for n in range(1, 7)]
    for line, message in bad.items():
        assert f"rejected: {path}:{line}" in result.stderr and message in result.stderr, message
    assert "11 cases: 6 assessed, 5 rejected" in result.stderr
    written = jsonl(errors.read_text(encoding="utf-8"))
    assert [int(e["source"].rsplit(":", 1)[1]) for e in written] == sorted(bad)
    assert "J\ufffdrgen" in json.dumps(written[3]["row"], ensure_ascii=False)


@pytest.mark.process
@pytest.mark.skipif(sys.platform != "linux", reason="workers are forked on Linux")
def test_worker_processes_keep_every_good_row_too(tmp_path):
    data, bad = hostile_csv()
    path = tmp_path / "hostile.csv"
    path.write_bytes(data)
    outputs = []
    for workers in ("0", "2"):
        done = run_process("batch", str(path), "-f", "jsonl",
                           env={"TRUSTDOSE_WORKERS": workers}, timeout=120)
        sane(done)
        assert done.returncode == 1 and len(jsonl(done.stdout)) == 6
        outputs.append((done.stdout, done.stderr))
    assert outputs[0] == outputs[1]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs")
@pytest.mark.parametrize("writer", ["waiting", "wrote and went"])
def test_a_named_pipe_a_program_writes_to_is_read(tmp_path, writer):
    """`batch p.csv` waited for ever for a writer; it now reads a pipe only when a program
    writes to it (the hostile corpus's batch-fifo-no-writer): one that waits to write, or
    one that wrote and closed its end (what the check read of it is put back)."""
    import threading
    pipe = tmp_path / "p.jsonl"
    os.mkfifo(pipe)
    rows = "".join(json.dumps(make_case(subject={"name": f"P{n}"})) + "\n" for n in range(3))

    def write():
        with open(pipe, "w") as out:  # waits for the reader (a writer counted by then)
            out.write(rows)
    thread = threading.Thread(target=write, daemon=True)
    thread.start()
    if writer == "wrote and went":  # a writer that is done before the pipe is read
        reader = os.open(pipe, os.O_RDONLY | os.O_NONBLOCK)
        thread.join(10)
        from trustdose.io.text import open_text
        with open_text(pipe) as handle:
            assert handle.read() == rows
        os.close(reader)
        return
    result = run("batch", str(pipe), "-f", "jsonl")
    thread.join(10)
    sane(result)
    assert result.returncode == 0 and [r["subject"]["name"] for r in jsonl(result.stdout)] == [
        "P0", "P1", "P2"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs")
def test_a_folder_with_bad_files_of_every_kind_keeps_the_good_ones(tmp_path):
    folder = tmp_path / "cases"
    folder.mkdir()
    for name in ("a", "c", "e"):
        (folder / f"{name}.yaml").write_text(YAML_CASE.format(name=name.upper()))
    (folder / "b.yaml").write_bytes(YAML_CASE.format(name="Jørgen").encode("latin-1"))
    (folder / "d.yaml").symlink_to(folder / "nowhere.yaml")
    os.mkfifo(folder / "f.yaml")  # never opened to wait for a writer
    (folder / "x.yaml").mkdir()
    (folder / "g.yaml").write_text("subject: [\n")
    (folder / "h.json").write_text('{"subject": ' + "9" * 5000 + "}")
    result = run("batch", str(folder), "-f", "jsonl")
    sane(result)
    assert result.returncode == 1
    assert sorted(r["subject"]["name"] for r in jsonl(result.stdout)) == ["A", "C", "E"]
    for expected in (f"{folder}/b.yaml:1:18: not UTF-8 text",
                     f"{folder}/d.yaml: a link to {folder}/nowhere.yaml, which does not exist",
                     f"{folder}/f.yaml: not a regular file", f"{folder}/x.yaml: is a folder",
                     f"{folder}/g.yaml:2:1: malformed YAML/JSON",
                     f"{folder}/h.json:1:13: a number of more than 40 digits"):
        assert expected in result.stderr, expected
    assert "9 cases: 3 assessed, 6 rejected" in result.stderr
    assert "save the file as UTF-8" not in result.stderr.split("d.yaml")[1].split("\n")[1]


def test_duplicate_columns_are_exit_2_before_anything_is_assessed(tmp_path):
    path = tmp_path / "dup.csv"
    path.write_text("id,subject,task,competence,intention,resources,risk,Subject,competence\n"
                    "g1,Ann,Plan,1,4,4,2,Eve,5\n")
    out = tmp_path / "out.jsonl"
    result = run("batch", str(path), "-o", str(out))
    sane(result)
    assert result.returncode == 2 and result.stdout == "" and not out.exists()
    assert f"{path}:1: the columns 'subject' and 'Subject' both give subject.name" in \
        result.stderr


def test_an_unclosed_quote_is_reported_where_it_opened_with_the_lines_it_took(tmp_path):
    path = tmp_path / "quote.csv"
    path.write_text("id,subject,task,competence,intention,resources,risk\n"
                    'g1,"Ann,Plan,4,4,4,2\ng2,Eve,Plan,3,3,3,3\ng3,"Bob",Plan,4,4,4,2\n'
                    "g4,Cy,Plan,4,4,4,2\n"
                    'g5,"Di,Plan,4,4,4,2\n')  # the last line: open to the end
    errors = tmp_path / "errors.jsonl"
    result = run("batch", str(path), "--errors", str(errors))
    sane(result)
    assert result.returncode == 1 and [r["case_id"] for r in jsonl(result.stdout)] == ["g4"]
    assert (f"{path}:2: a quote opened in this row is not closed where its cell ends; lines 2 "
            "to 4 were read as this one row and not assessed") in result.stderr
    assert f"{path}:6: a quote opened in this row is not closed" in result.stderr
    swallowed = jsonl(errors.read_text(encoding="utf-8"))[0]["row"]
    assert "g2,Eve,Plan,3,3,3,3" in swallowed and "g3," in swallowed  # nothing silently lost
    # a quoted cell over two lines, properly closed, is a cell like any other
    path.write_text("id,subject,task,description,competence,intention,resources,risk\n"
                    'g1,Ann,Plan,"two\nlines, ""quoted""",4,4,4,2\ng2,Bo,Plan,,4,4,4,2\n')
    assert run("batch", str(path)).returncode == 0


def test_an_open_quote_over_the_cell_limit_names_the_lines_and_reads_on(tmp_path):
    path = tmp_path / "long.csv"
    rows = "".join(GOOD.format(n=n) for n in range(3, 12_003))
    path.write_text(HEADER + GOOD.format(n=1) + 'g2,"Ann,Plan,4,4,4,2,2026-01-01,10\n' + rows)
    result = run("batch", str(path), "--summary-only")
    sane(result)
    assert result.returncode == 1
    message = next(line for line in result.stderr.splitlines() if "rejected:" in line)
    assert message.startswith(f"trustdose: rejected: {path}:3: a cell longer than 131,072 "
                              "characters (lines 3 to ") and "not assessed" in message


def test_yaml_documents_are_split_by_the_yaml_parser(tmp_path):
    path = tmp_path / "stream.yaml"
    path.write_bytes((YAML_CASE.format(name="A") + "--- # the second\n" +
                      YAML_CASE.format(name="B") + "---\n").encode() +
                     YAML_CASE.format(name="Jørgen").encode("latin-1") +
                     ("--- !!map # third\n" + YAML_CASE.format(name="C")).encode())
    result = run("batch", str(path), "-f", "jsonl")
    sane(result)
    assert result.returncode == 1
    assert [r["subject"]["name"] for r in jsonl(result.stdout)] == ["A", "B", "C"]
    assert f"rejected: {path}:15:18: not UTF-8 text" in result.stderr


def test_standard_input_is_strict_utf8_in_any_locale():
    data = ("id,subject,task,competence,intention,resources,risk\n"
            "g1,Jørgen,Plan,4,4,4,2\n").encode("latin-1") + "g2,Åsa,Plan,4,4,4,2\n".encode()
    result = run("batch", "-", "-f", "jsonl", input=data)
    sane(result)
    assert result.returncode == 1 and "<stdin>:2:5: not UTF-8 text (byte 0xf8" in result.stderr
    assert [r["subject"]["name"] for r in jsonl(result.stdout)] == ["Åsa"]
    # a Latin-1 locale reads Latin-1 no better: no 'JÃ¸rgen', no raw bytes passed on
    done = subprocess.run([sys.executable, "-m", "trustdose", "batch", "-", "-f", "jsonl"],
                          input=data, capture_output=True, cwd=ROOT, timeout=60,
                          env={**os.environ, "PYTHONIOENCODING": "latin-1", "LC_ALL": "C"})
    assert done.returncode == 1 and b"<stdin>:2:5: not UTF-8 text" in done.stderr
    assert b"\xf8" not in done.stdout and "Ã".encode() not in done.stdout
    assert json.loads(done.stdout)["subject"]["name"] == "Åsa"


@pytest.mark.process
def test_a_closed_standard_input_is_a_clear_error():
    done = subprocess.run(f'"{sys.executable}" -m trustdose batch - <&-', shell=True,
                          capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 2 and "no standard input to read the cases from" in done.stderr
    assert "Traceback" not in done.stderr


def test_duplicate_case_ids_are_a_warning_naming_both_rows(tmp_path):
    path = tmp_path / "ids.csv"
    path.write_text("id,subject,task,competence,intention,resources,risk\n"
                    "g1,Ann,Plan,4,4,4,2\ng2,Bo,Plan,4,4,4,2\ng1,Eve,Plan,4,4,4,2\n")
    lines = tmp_path / "more.jsonl"
    lines.write_text(json.dumps(make_case(4, 4, 4, 2, id="g2")) + "\n")
    result = run("batch", str(path), str(lines), "-f", "jsonl")
    sane(result)
    assert result.returncode == 0 and len(jsonl(result.stdout)) == 4
    assert (f"warning: {path}:4: the case id 'g1' is already the id of {path}:2; both are "
            "assessed") in result.stderr
    assert f"warning: {lines}:1: the case id 'g2' is already the id of {path}:3" in result.stderr


def test_header_messages_say_what_is_wrong(tmp_path):
    path = tmp_path / "h.csv"
    # blank lines before the header: read, and the rows keep their own line numbers
    path.write_text("\n\nid,subject,task,competence,intention,resources,risk\n"
                    "g1,Ann,Plan,4,4,4,2\ng2,Bo,Plan,9,4,4,2\n")
    result = run("batch", str(path), "-f", "jsonl")
    assert result.returncode == 1 and f"{path}:5: competence: 9" in result.stderr
    assert jsonl(result.stdout)[0]["source"] == f"{path}:4"
    path.write_text("\n \n")
    result = run("batch", str(path))
    assert result.returncode == 2 and "the CSV file is empty" in result.stderr
    # a separator at the end of the header: a column without a name, which must stay empty
    path.write_text("id,subject,task,competence,intention,resources,risk,\n"
                    "g1,Ann,Plan,4,4,4,2,\ng2,Bo,Plan,4,4,4,2,oops\n")
    result = run("batch", str(path), "-f", "jsonl")
    assert result.returncode == 1 and len(jsonl(result.stdout)) == 1
    assert f"{path}:3: a value in column 8, which the header gives no name" in result.stderr
    assert "unknown column ''" not in result.stderr
    # every unknown column at once, each with a did-you-mean
    path.write_text("\nsubject,task,competance,intention,resources,risk,fact.amount\n")
    result = run("batch", str(path))
    assert result.returncode == 2
    assert f"{path}:2: unknown columns: 'competance', 'fact.amount'" in result.stderr
    assert "did you mean 'competence'?" in result.stderr
    assert "did you mean 'facts.amount'?" in result.stderr


def test_a_broken_json_line_gets_the_json_parsers_words(tmp_path):
    path = tmp_path / "b.jsonl"
    path.write_text(json.dumps(make_case(4, 4, 4, 2)) + '\n{"subject": {"name": "B", "task": \n'
                    + json.dumps(make_case(3, 3, 3, 3)) + "\n")
    result = run("batch", str(path), "-f", "jsonl")
    sane(result)
    assert result.returncode == 1 and len(jsonl(result.stdout)) == 2
    assert f"{path}:2:35: malformed JSON: Expecting value" in result.stderr
    assert "YAML" not in result.stderr


def test_danish_messages_for_the_batch_problems(tmp_path):
    path = tmp_path / "quote.csv"
    path.write_text("id,subject,task,competence,intention,resources,risk\n"
                    'g1,"Ann,Plan,4,4,4,2\ng2,Eve,Plan,3,3,3,3\n')
    result = run("--lang", "da", "batch", str(path), "--summary-only")
    assert result.returncode == 1 and "not closed" not in result.stderr
