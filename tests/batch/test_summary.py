"""The summary and the other messages of a batch, as a person reads them in a terminal:
wrapped at its width only between words (a line the terminal wraps itself breaks inside
one: "symbo"/"lsk"), and as they are when stderr is not a terminal."""

from __future__ import annotations

import os
from collections import Counter
import subprocess
import sys

import pytest
from hypothesis import given, strategies as st

from trustdose.cli.batch import wrapped

from helpers import EXAMPLES, ROOT, run

WORKSHOP = str(EXAMPLES / "batch" / "workshop.csv")

words = st.lists(st.text(st.characters(whitelist_categories=("L", "N", "P")), min_size=1,
                         max_size=30), min_size=1, max_size=40)


@given(words, st.integers(0, 4), st.integers(10, 120))
def test_a_message_wraps_only_between_words(pieces, indent, width):
    message = " " * indent + " ".join(pieces)
    lines = wrapped(message, width).split("\n")
    assert " ".join(lines).split() == pieces  # every word, whole and in order
    for line in lines:
        assert len(line) <= width or len(line.split()) == 1, (line, width)
    assert lines[0].startswith(" " * indent)
    assert all(line.startswith(" " * (indent + 2)) for line in lines[1:])


@pytest.mark.parametrize("lang", ["en", "da", "nb", "sv"])
def test_the_summary_splits_no_word_at_60_80_and_100_columns(lang):
    said = run("batch", WORKSHOP, "--summary-only", "--lang", lang).stdout
    summary = said.splitlines()
    # labels, not ids; no line on a journal none was used from
    assert len(summary) == 7 and "(symbolic-involvement)" not in said and "journal" not in said
    for width in (60, 80, 100):
        for line in summary:
            lines = wrapped(line, width).split("\n")
            assert all(len(piece) <= width for piece in lines), (lang, width)
            assert " ".join(lines).split() == line.split(), (lang, width)


def test_piped_the_messages_are_as_they_were():
    said = run("batch", WORKSHOP, "--lang", "nb").stderr.splitlines()
    assert any(len(line) > 200 for line in said)  # one line a message: for a log


@pytest.mark.process
@pytest.mark.skipif(sys.platform != "linux", reason="a pseudo-terminal")
def test_in_a_terminal_the_summary_wraps_at_its_width():
    import pty
    parent, child = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    # the file by a short relative name: a path is never broken, and a clone's may be long
    with subprocess.Popen([sys.executable, "-m", "trustdose", "--lang", "nb", "batch",
                           os.path.relpath(WORKSHOP, ROOT)], stdout=subprocess.DEVNULL,
                          stderr=child, cwd=ROOT, env={**env, "COLUMNS": "60"}) as process:
        os.close(child)
        said = b""
        while True:
            try:
                chunk = os.read(parent, 4096)
            except OSError:  # the other end closed: all of it is read
                break
            if not chunk:
                break
            said += chunk
    os.close(parent)
    assert process.returncode == 1
    lines = said.decode().replace("\r\n", "\n").splitlines()
    assert lines and all(len(line) <= 60 for line in lines)
    assert any("symbolsk" in line.split() or "symbolsk" in line for line in lines)


# The summary's figures: one structure, counted as the rows come, the same however the
# run is split between workers, and said where the coach asked for it.

levels = st.one_of(st.none(), st.integers(1, 7))
scores = st.integers(1, 5)
cases = st.lists(st.tuples(scores, scores, scores, scores, levels), min_size=1, max_size=12)


def _assessed(answers):
    import trustdose
    from helpers import make_case
    rules = _rules()
    return [trustdose.assess(make_case(c, i, r, risk, **({} if p is None else
                                                          {"planned_level": p})), rules)
            for c, i, r, risk, p in answers]


def _rules():
    import trustdose
    global _RULES
    if "_RULES" not in globals():
        _RULES = trustdose.load_rules(user=False)
    return _RULES


@given(cases, st.integers(0, 3), st.integers(0, 12))
def test_the_figures_add_up_and_do_not_depend_on_how_the_run_is_split(answers, rejected, cut):
    from trustdose.batch.summary import Summary, figures_of
    results = _assessed(answers) + [None] * rejected
    f = figures_of(results, {})
    n = len(answers)
    assert (f.assessed, f.rejected, f.cases) == (n, rejected, n + rejected)
    assert [c.id for c in f.levels] == ["tell", "sell", "consult", "agree", "advise",
                                        "inquire", "delegate"]
    for spread in (f.levels, f.plans, f.weakest):
        assert sum(c.count for c in spread) == n
    assert sorted((c.id, c.count) for c in f.weakest) == sorted(
        Counter(a.limiting for a in results if a).items())
    gaps = [None if p is None else p - a.level.number
            for (*_s, p), a in zip(answers, results)]
    plans = {c.id: c.count for c in f.plans}
    assert plans == {"above": sum(1 for g in gaps if g is not None and g > 0),
                     "below": sum(1 for g in gaps if g is not None and g < 0),
                     "matched": gaps.count(0), "unplanned": gaps.count(None)}
    for mean in f.means:
        assert mean.mean == round(sum(a.scores[mean.id] for a in results if a) / n, 2)
    assert f.framed == sum(1 for a in results if a and a.frame_first and a.frame_first.measures)
    # split as workers split a file: counted apart, made plain, added up in the main process
    first, second = Summary(), Summary()
    for at, result in enumerate(results):
        (first if at < cut else second).add(result)
    whole = Summary()
    whole.merge(first.plain())
    whole.merge(second.plain())
    assert whole.figures({}) == f


def test_frame_first_homework_is_counted_by_its_title_and_rejected_rows_apart():
    from trustdose.batch.summary import figures_of
    results = _assessed([(4, 4, 2, 2, None), (4, 4, 2, 2, 7), (3, 3, 3, 3, 3)])
    f = figures_of(results + [None], {"overdose-stretch": "One step more"})
    homework = {m for a in results if a.frame_first for m in a.frame_first.measures}
    assert homework and {c.id for c in f.homework} == homework and f.framed == 2
    assert all(c.label != c.id and c.count == 2 for c in f.homework)
    assert f.warnings == (("overdose-stretch", "One step more", 1),)
    assert f.rejected == 1 and f.assessed == 3


@pytest.mark.parametrize("ending, starts", [
    (".txt", "32 sager: 28 vurderet, 4 afvist\nniveauer: 1 Fortælle: "),
    (".md", "# Opsummering\n\n**32 sager: 28 vurderet, 4 afvist**\n\n## Niveauer\n"),
    (".json", '{\n  "cases": 32,\n  "assessed": 28,\n  "rejected": 4,'),
    (".html", '<!DOCTYPE html>\n<html lang="da">')])
def test_summary_only_writes_the_summary_to_the_file_in_its_format(tmp_path, ending, starts):
    out = tmp_path / ("opsummering" + ending)
    said = run("--lang", "da", "batch", WORKSHOP, "--summary-only", "-o", str(out))
    assert said.returncode == 1 and said.stdout == ""  # rows were rejected: exit 1 as before
    text = out.read_text(encoding="utf-8")
    assert text.startswith(starts)
    # stderr: the rejected rows and the short lines; the summary itself is in the file
    assert said.stderr.count("afvist: ") == 4 and "niveauer" not in said.stderr
    assert said.stderr.splitlines()[-2] == "32 sager: 28 vurderet, 4 afvist"
    if ending == ".json":
        import json
        figures = json.loads(text)
        assert sum(c["cases"] for c in figures["planned"]) == 28
        assert {c["id"] for c in figures["planned"]} == {"above", "below", "matched",
                                                         "unplanned"}
    if ending == ".html":
        assert '<table id="cases">' not in text and "<svg" in text  # the charts alone


def test_summary_only_to_stdout_is_the_text_and_a_pipe_gets_it():
    said = run("batch", WORKSHOP, "--summary-only")
    lines = said.stdout.splitlines()
    assert lines[0] == "32 cases: 28 assessed, 4 rejected" and len(lines) == 7
    assert lines[2].startswith("planned against recommended: planned higher (more trust): ")
    assert lines[3].startswith("weakest preconditions: Resources: 16; Competence: 10; ")
    assert lines[5].startswith("mean scores: Competence: ")
    assert "levels:" not in said.stderr  # on stderr only the rows rejected and the short lines


def test_with_results_the_full_summary_stays_on_stderr_and_markdown_starts_with_it():
    jsonl = run("batch", WORKSHOP)
    assert jsonl.stdout.startswith('{"case_id"') and "weakest preconditions: " in jsonl.stderr
    md = run("batch", WORKSHOP, "-f", "markdown")
    assert md.stdout.startswith("# Summary\n") and "weakest preconditions: " not in md.stderr
    top, cases = md.stdout.split("\n## The cases\n")
    assert "| 4 Agree | 9 |" in top and cases.count("\n| ws-") == 28
