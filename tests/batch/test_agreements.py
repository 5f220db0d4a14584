"""`batch --agreements DIR` and the agreement's forms in `assess`: one file per assessed
case, named so a coach finds each participant's, safe whatever the names hold, never
over a file already there unless asked; a folder that cannot take them is refused
before anything is read."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest

from helpers import EXAMPLES, run

HEADER = ["subject", "task", "competence", "intention", "resources", "risk"]


def workshop(folder: Path, rows: list[list], name: str = "workshop.csv") -> Path:
    out = io.StringIO()
    csv.writer(out).writerows([HEADER, *rows])
    path = folder / name
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def listing(folder: Path) -> list[str]:
    return sorted(os.listdir(folder))


def test_one_agreement_per_assessed_case_beside_the_rows(tmp_path):
    given = workshop(tmp_path, [["Anne", "Plan the rota", 4, 4, 3, 2],
                                ["Bo", "Order supplies", 9, 4, 3, 2],  # rejected: a 9
                                ["anne", "Plan the rota", 3, 3, 3, 3],  # the same name again
                                ["Anne", "Plan the rota 2", 3, 3, 3, 3]])
    folder = tmp_path / "new" / "aftaler"
    done = run("--lang", "da", "batch", str(given), "--agreements", str(folder), "-o",
               str(tmp_path / "rows.jsonl"))
    assert done.returncode == 1, done.stderr  # the rejected row
    assert listing(folder) == ["anne-plan-the-rota-2-2.md", "anne-plan-the-rota-2.md",
                               "anne-plan-the-rota.md"]
    first = (folder / "anne-plan-the-rota.md").read_text(encoding="utf-8")
    assert first.startswith("# Vores aftale: Plan the rota") and "Til Anne," in first
    assert "Til anne," in (folder / "anne-plan-the-rota-2.md").read_text(encoding="utf-8")
    assert len((tmp_path / "rows.jsonl").read_text().splitlines()) == 3
    assert "3 aftaler skrevet i" in done.stderr
    assert oct(folder.stat().st_mode & 0o777) == "0o700"
    assert {oct((folder / n).stat().st_mode & 0o777) for n in listing(folder)} == {"0o600"}


def test_names_from_any_text_stay_in_the_folder(tmp_path):
    names = ["../../etc/passwd", "CON", "ж" * 200, "🙂🙂", "שרה כהן", "..", "nul", "a/b\\c:d*"]
    given = workshop(tmp_path, [[name, "🙂" if name == "CON" else "Plan", 3, 3, 3, 3]
                                for name in names])
    folder = tmp_path / "out"
    done = run("batch", str(given), "--agreements", str(folder), "--agreement-as", "html")
    assert done.returncode == 0, done.stderr
    made = listing(folder)
    assert len(made) == len(names) and all(n.endswith(".html") for n in made)
    assert listing(tmp_path) == ["out", "workshop.csv"]  # nothing written beside it
    for name in made:
        stem = name.removesuffix(".html")
        assert "/" not in name and "\\" not in name and not stem.startswith(".")
        assert stem.split(".")[0] not in {"con", "nul"} and len(name.encode()) < 255
        assert stem.isprintable() and ":" not in stem and "*" not in stem
    assert "con-case.html" in made and "שרה-כהן-plan.html" in made


def test_agreements_already_there_are_kept_unless_force(tmp_path):
    given = workshop(tmp_path, [["Anne", "Plan the rota", 4, 4, 3, 2]])
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "anne-plan-the-rota.txt").write_text("mine")
    (folder / "notes.md").write_text("other ending: not ours")
    refused = run("batch", str(given), "--agreements", str(folder), "--agreement-as", "text")
    assert refused.returncode == 2 and "holds agreements already" in refused.stderr
    assert "--force" in refused.stderr and refused.stdout == ""
    assert (folder / "anne-plan-the-rota.txt").read_text() == "mine"
    forced = run("batch", str(given), "--agreements", str(folder), "--agreement-as", "text",
                 "--force")
    assert forced.returncode == 0 and forced.stdout  # the rows still go to stdout
    assert (folder / "anne-plan-the-rota.txt").read_text().startswith("Our agreement: ")
    assert listing(folder) == ["anne-plan-the-rota.txt", "notes.md"]


def test_force_never_writes_through_a_link(tmp_path):
    given = workshop(tmp_path, [["Anne", "Plan the rota", 4, 4, 3, 2]])
    folder, elsewhere = tmp_path / "out", tmp_path / "precious.md"
    folder.mkdir()
    elsewhere.write_text("keep me")
    (folder / "anne-plan-the-rota.md").symlink_to(elsewhere)
    done = run("batch", str(given), "--agreements", str(folder), "--force")
    assert done.returncode == 0 and elsewhere.read_text() == "keep me"
    assert (folder / "anne-plan-the-rota-2.md").read_text().startswith("# Our agreement")


@pytest.mark.parametrize("where, said", [
    ("file", "it is not a folder"), ("input", "the cases are read from this folder"),
    ("rules", "rules folder in force")])
def test_a_folder_that_cannot_take_them_is_refused_before_reading(tmp_path, where, said):
    cases = tmp_path / "cases"
    cases.mkdir()
    (cases / "one.yaml").write_text((EXAMPLES / "new-employee.yaml").read_text())
    rules = tmp_path / "rules"
    rules.mkdir()
    folder = {"file": cases / "one.yaml", "input": cases, "rules": rules}[where]
    done = run("batch", str(cases), "--rules", str(rules), "--agreements", str(folder))
    assert done.returncode == 2 and said in done.stderr and done.stdout == "", done.stderr
    assert listing(cases) == ["one.yaml"] and listing(rules) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into any folder")
def test_a_read_only_folder_is_refused(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o500)
    given = workshop(tmp_path, [["Anne", "Plan", 3, 3, 3, 3]])
    done = run("batch", str(given), "--agreements", str(folder / "sub"))
    assert done.returncode == 2 and "cannot write there" in done.stderr


def test_an_output_in_the_folder_keeps_its_name(tmp_path):
    given = workshop(tmp_path, [["Results", "", 3, 3, 3, 3]])
    given.write_text(given.read_text().replace(",,", ",x,"))
    folder = tmp_path / "out"
    folder.mkdir()
    done = run("batch", str(given), "--agreements", str(folder), "-o", str(folder / "results-x.md"))
    assert done.returncode == 0, done.stderr
    assert listing(folder) == ["results-x-2.md", "results-x.md"]
    rows = (folder / "results-x.md").read_text()  # the rows' Markdown, under the summary
    assert rows.startswith("# Summary") and "\n| id | subject | task |" in rows


@pytest.mark.parametrize("args, said", [
    (["--agreement-as", "docx"], "--agreement-as only applies with --agreements DIR"),
    (["--force"], "--force only applies with --agreements DIR")])
def test_the_agreements_options_need_the_folder(tmp_path, args, said):
    done = run("batch", str(EXAMPLES / "batch" / "workshop.csv"), *args)
    assert done.returncode == 2 and said in done.stderr


@pytest.mark.parametrize("name, starts", [("a.docx", b"PK\x03\x04"), ("a.html", b"<!DOCTYPE"),
                                          ("a.txt", b"Our agreement: "),
                                          ("a.htm", b"<!DOCTYPE")])
def test_assess_writes_the_agreement_by_the_file_ending(tmp_path, name, starts):
    target = tmp_path / name
    extra = ["--format", "agreement"] if name.endswith(".txt") else []
    done = run("assess", str(EXAMPLES / "new-employee.yaml"), "-o", str(target), *extra)
    assert done.returncode == 0 and target.read_bytes().startswith(starts), done.stderr
    assert "The agreement is in" in done.stderr


def test_assess_takes_the_form_as_an_option_and_only_for_the_agreement():
    case = str(EXAMPLES / "new-employee.yaml")
    assert run("assess", case, "--agreement-as", "text").stdout.startswith("Our agreement: ")
    assert run("assess", case, "--format", "agreement").stdout.startswith("# Our agreement")
    wrong = run("assess", case, "--format", "json", "--agreement-as", "html")
    assert wrong.returncode == 2 and "applies only to the agreement" in wrong.stderr


def test_a_word_document_is_never_shown_in_a_terminal(monkeypatch):
    import sys

    from trustdose.cli.assess import _agreement_as
    from trustdose.errors import UsageError
    from trustdose.report.formats import AgreementForm, ReportFormat
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    with pytest.raises(UsageError, match="cannot be shown in the terminal"):
        _agreement_as(None, AgreementForm.docx, None)
    assert _agreement_as(None, AgreementForm.docx, Path("a.docx")) is ReportFormat.agreement
