"""`trustdose stool` on the command line: the leader's own file, a team's forms written
blank in each language and combined, every format, the privacy rules end to end (four
forms show nothing in any format; a combination a form apart refused; nothing personal
written), the configured fewest, and the exit codes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from helpers import EXAMPLES, run, terminal

STOOL = EXAMPLES / "stool"


@pytest.fixture
def env(tmp_path):
    """A journal folder of the test's own, where the combinations are kept."""
    return {"TRUSTDOSE_DB": str(tmp_path / "data" / "journal.sqlite3")}


def _forms(tmp_path, env, n, lang="en", team="Weekendteamet", value=None):
    done = run("--lang", lang, "stool", "--form", "--team", team, "--copies", str(n), "-o",
               str(tmp_path / "f.yaml"), env=env)
    assert done.returncode == 0, done.stderr
    files = sorted(tmp_path.glob("f-*.yaml"))
    for k, path in enumerate(files):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"^    ([a-z-]+):$", lambda m, k=k: f"    {m.group(1)}: "
                               f"{value or (k + len(m.group(1))) % 5 + 1}", text, flags=re.M),
                        encoding="utf-8")
    return [str(p) for p in files]


def test_the_leaders_own_file_in_every_format(tmp_path, env):
    done = run("stool", str(STOOL / "leader.yaml"), env=env)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) <= 40 and max(map(len, lines)) <= 100
    assert "The leg that wobbles: The organisation's frame" in done.stdout
    assert "trustdose reflect --lever common-frame --lever trust-and-control" in done.stdout
    data = json.loads(run("stool", str(STOOL / "leader.yaml"), "-f", "json", env=env).stdout)
    assert data["by"] == "leader" and data["wobbles"] == ["structural-organisation"]
    assert data["levers"] == ["common-frame", "trust-and-control"]
    page = tmp_path / "stool.html"
    assert run("stool", str(STOOL / "leader.yaml"), "-o", str(page), env=env).returncode == 0
    html = page.read_text(encoding="utf-8")
    assert "default-src 'none'" in html and "http" not in html.replace("http-equiv", "")
    assert "<script" not in html and "The organisation&#x27;s frame" in html


def test_the_example_team_shows_its_wobbling_leg_and_keeps_no_answer(tmp_path, env):
    done = run("stool", str(STOOL / "team"), "-f", "json", env=env)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["wobbles"] == ["relational-team"]
    folder = Path(env["TRUSTDOSE_DB"]).parent
    assert sorted(p.name for p in folder.iterdir()) == ["stool-combinations.json",
                                                       "stool-combinations.lock"]
    kept = (folder / "stool-combinations.json").read_text(encoding="utf-8")
    for form in (STOOL / "team").iterdir():
        token = re.search(r"^token: (\w+)", form.read_text(encoding="utf-8"), re.M).group(1)
        assert token not in kept
    assert not re.search(r"rely|speak-up|skema|\"[1-5]\"", kept)


@pytest.mark.parametrize("lang", ["en", "da", "nb", "sv"])
def test_forms_written_in_a_language_come_back_combined(tmp_path, env, lang):
    files = _forms(tmp_path, env, 5, lang)
    assert "lang: " + lang in Path(files[0]).read_text(encoding="utf-8")
    done = run("--lang", lang, "stool", *files, "-f", "json", env=env)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["by"] == "team" and data["team"] == "Weekendteamet" and data["answers"] == 5
    assert all(leg["score"] is not None for leg in data["legs"])


def test_four_forms_show_nothing_in_any_format(tmp_path, env):
    files = _forms(tmp_path, env, 4)
    shown = {fmt: run("stool", *files, "-f", fmt, env=env) for fmt in ("text", "json", "html")}
    assert all(done.returncode == 0 for done in shown.values())
    data = json.loads(shown["json"].stdout)
    assert not data["shown"] and data["wobbles"] == [] and data["levers"] == []
    assert all(leg["score"] is None and leg["answers"] is None for leg in data["legs"])
    for done in shown.values():  # no score, and no lever that would say which leg is low
        body = done.stdout.partition("</style>")[2] or done.stdout
        assert not re.search(r"\d\.\d", body)
        assert "reflect" not in body.replace('"reflect": null', "")
    assert not (Path(env["TRUSTDOSE_DB"]).parent / "stool-combinations.json").exists()


def test_a_form_is_combined_with_the_same_forms_only(tmp_path, env):
    files = _forms(tmp_path, env, 6)
    assert run("stool", *files[:5], env=env).returncode == 0
    done = run("stool", *files, env=env)
    assert done.returncode == 2 and done.stdout == ""
    assert "5 of these forms were combined before" in done.stderr
    assert "hand out new forms for a new round" in done.stderr
    assert run("stool", *files[:5], env=env).returncode == 0  # the same again: fine
    assert run("stool", "forget", "Weekendteamet", env=env).returncode == 0
    assert run("stool", *files, env=env).returncode == 0  # erased: the guard starts anew


def test_an_organisation_may_set_three_never_two(tmp_path, env):
    config = tmp_path / "config.yaml"
    files = _forms(tmp_path, env, 3)
    config.write_text("fewest_answers: 3\n", encoding="utf-8")
    done = run("stool", *files, "-f", "json", env={**env, "TRUSTDOSE_CONFIG": str(config)})
    assert done.returncode == 0 and json.loads(done.stdout)["shown"]
    config.write_text("lang: en\nfewest_answers: 2\n", encoding="utf-8")
    done = run("stool", *files, env={**env, "TRUSTDOSE_CONFIG": str(config)})
    assert done.returncode == 2 and f"{config}:2:17" in done.stderr, done.stderr


def test_the_same_form_twice_and_a_form_without_token_are_refused(tmp_path, env):
    files = _forms(tmp_path, env, 5)
    done = run("stool", *files, files[0], env=env)
    assert done.returncode == 2 and "are the same form" in done.stderr
    stripped = Path(files[1])
    stripped.write_text(re.sub(r"^token: .*$", "", stripped.read_text(encoding="utf-8"),
                               flags=re.M), encoding="utf-8")
    done = run("stool", *files, env=env)
    assert done.returncode == 2 and "has no token" in done.stderr
    assert f"{stripped}:" in done.stderr


@pytest.mark.parametrize("args, said", [
    (["stool"], "no terminal to ask the questions in"),
    (["stool", str(STOOL / "leader.yaml"), str(STOOL / "team" / "skema-1.yaml")],
     "rated alone"),
    (["stool", "--form", str(STOOL / "leader.yaml")], "reads no answers"),
    (["stool", "--copies", "3"], "--copies goes with --form"),
    (["stool", "--form", "--copies", "3"], "give -o"),
    (["stool", "forget"], "forget takes one team's name"),
    (["stool", "missing.yaml"], "missing.yaml: file not found"),
    (["stool", "-"], "not standard input"),
])
def test_usage_and_bad_input_exit_2_without_a_traceback(env, args, said):
    done = run(*args, env=env)
    assert done.returncode == 2 and said in done.stderr and "Traceback" not in done.stderr


def test_all_problems_of_all_files_at_once(tmp_path, env):
    one, two = tmp_path / "one.yaml", tmp_path / "two.yaml"
    one.write_text("stool: own\nanswers:\n  relational-person:\n    speak-up: 9\n",
                   encoding="utf-8")
    two.write_text("stool: form\ntoken: x\n", encoding="utf-8")
    done = run("stool", str(one), str(two), env=env)
    assert done.returncode == 2
    assert f"{one}:4:15" in done.stderr and f"{two}:2:8" in done.stderr


def test_forms_are_never_written_over_a_file(tmp_path, env):
    (tmp_path / "f-2.yaml").write_text("a filled-in form", encoding="utf-8")
    done = run("stool", "--form", "--copies", "3", "-o", str(tmp_path / "f.yaml"), env=env)
    assert done.returncode == 2 and "never written over" in done.stderr
    assert (tmp_path / "f-2.yaml").read_text(encoding="utf-8") == "a filled-in form"
    assert not (tmp_path / "f-1.yaml").exists()


def _spawn(tmp_path):
    import os


    env = {**os.environ, "NO_COLOR": "1", "TERM": "xterm", "COLUMNS": "100",
           "TRUSTDOSE_DB": str(tmp_path / "data" / "journal.sqlite3")}
    return terminal("stool", env=env, dimensions=(24, 80), shell=True)


@pytest.mark.process
def test_the_questionnaire_skips_helps_goes_back_and_shows_the_stool(tmp_path):
    import io

    import pexpect
    child = _spawn(tmp_path)
    child.logfile_read = seen = io.StringIO()
    child.expect_exact("> ")
    child.sendline("?")  # help: the leg's summary, then the same question again
    child.expect("What this leg is about")
    for answer in ["2", "", "<", "4", "x", *["3"] * 14]:
        child.expect_exact("> ")
        child.sendline(answer)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    said = seen.getvalue()
    assert "Answer a whole number from 1 to 5" in said  # the "x"
    assert "6 legs wobble equally (3.0)" in said  # 2 and 4, and 3 everywhere else
    assert not (tmp_path / "data").exists()  # the leader's answers: shown, never kept


@pytest.mark.process
def test_ctrl_c_in_the_questionnaire_keeps_nothing_and_says_so(tmp_path):

    child = _spawn(tmp_path)
    child.expect_exact("> ")
    child.sendline("4")
    child.expect_exact("> ")
    child.interrupt("cancelled; nothing was saved")
    assert child.exitstatus == 130 and "Traceback" not in child.before
    assert not (tmp_path / "data").exists()


def test_the_record_is_never_an_output_and_a_folder_in_its_place_is_refused(tmp_path, env):
    team = str(STOOL / "team")
    assert run("stool", team, env=env).returncode == 0
    kept = Path(env["TRUSTDOSE_DB"]).parent / "stool-combinations.json"
    before = kept.read_bytes()
    done = run("stool", team, "-o", str(kept), env=env)
    assert done.returncode == 2 and "the record of team combinations" in done.stderr
    assert kept.read_bytes() == before
    other = {"TRUSTDOSE_DB": str(tmp_path / "other" / "journal.sqlite3")}
    (tmp_path / "other" / "stool-combinations.json").mkdir(parents=True)
    done = run("stool", team, env=other)
    assert done.returncode == 2 and done.stdout == "" and "cannot be read" in done.stderr


@pytest.mark.parametrize("ran_before", [True, False])
def test_the_records_lock_is_never_an_output(tmp_path, env, ran_before):
    team = str(STOOL / "team")
    if ran_before:
        assert run("stool", team, env=env).returncode == 0
    lock = Path(env["TRUSTDOSE_DB"]).parent / "stool-combinations.lock"
    before = lock.read_bytes() if ran_before else None
    done = run("stool", team, "-f", "json", "-o", str(lock), env=env)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert (lock.read_bytes() if lock.exists() else None) == before


def test_an_output_into_the_folder_of_forms_is_refused_before_reading(tmp_path, env):
    import shutil
    folder = tmp_path / "forms"
    shutil.copytree(STOOL / "team", folder)
    done = run("stool", str(folder), "-o", str(folder / "out.json"), env=env)
    assert done.returncode == 2 and "folder of answers files" in done.stderr
    assert not (folder / "out.json").exists()
    assert not (Path(env["TRUSTDOSE_DB"]).parent / "stool-combinations.json").exists()
    assert run("stool", str(folder), env=env).returncode == 0  # the next run still reads


def test_the_terminal_colours_every_bar_the_picture_draws(env):
    from trustdose.cli.stoolpicture import LEG, colour
    done = run("stool", str(STOOL / "leader.yaml"), "-f", "text", env=env)
    found = [m for line in done.stdout.splitlines() for m in LEG.finditer(line)]
    assert len(found) == 6 and sum(1 for m in found if m.group(4)) == 1
    assert [colour(s) for s in (4.0, 3.9, 3.0, 2.9)] == ["green", "yellow", "yellow", "red"]


@pytest.mark.parametrize("args, allowed", [
    (["stool", str(STOOL / "leader.yaml"), "-o", "x.docx"], ".htm, .html, .json, .txt"),
    (["stool", str(STOOL / "leader.yaml"), "-f", "json", "-o", "x.md"],
     ".htm, .html, .json, .txt"),
    (["stool", "--form", "-o", "c.json"], ".yaml, .yml"),
    (["stool", "--form", "--copies", "2", "-o", "c.txt"], ".yaml, .yml"),
    (["self", "--from", str(EXAMPLES / "leader" / "self-check.yaml"), "-o", "s.docx"],
     ".json, .markdown, .md, .txt"),
    (["self", "-o", "s.html"], ".json, .markdown, .md, .txt"),
])
def test_an_output_ending_the_command_cannot_write_is_refused_with_those_it_can(
        tmp_path, env, args, allowed):
    done = run(*args, env=env, cwd=tmp_path)
    assert done.returncode == 2 and f"name a file ending {allowed}" in done.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("ending, start", [(".json", "{"), (".html", "<!doctype"),
                                           (".txt", "")])
def test_the_stools_format_comes_from_an_ending_it_can_write(tmp_path, env, ending, start):
    out = tmp_path / f"stool{ending}"
    assert run("stool", str(STOOL / "leader.yaml"), "-o", str(out), env=env).returncode == 0
    assert out.read_text(encoding="utf-8").lower().startswith(start)


def test_forgetting_a_team_that_is_not_kept_says_so(env):
    assert run("stool", str(STOOL / "team"), env=env).returncode == 0
    done = run("stool", "forget", "t1", env=env)
    assert done.returncode == 2 and "no combinations are kept for a team named 't1'" \
        in done.stderr and "combined again" not in done.stderr
    near = run("stool", "forget", "Hjemmeplejen Nrod", env=env)  # a typo: the name meant
    assert near.returncode == 2 and "Hjemmeplejen Nord" in near.stderr
    kept = run("stool", "forget", "Hjemmeplejen Nord", env=env)
    assert kept.returncode == 0 and "1 combination erased" in kept.stderr


def test_what_is_not_shown_or_not_judged_is_said_as_it_is(tmp_path, env):
    none = tmp_path / "none.yaml"
    none.write_text("stool: own\nanswers: {}\n", encoding="utf-8")
    done = run("stool", str(none), env=env)
    assert "no question was answered" in done.stdout and "from 5 forms" not in done.stdout
    one = tmp_path / "one.yaml"
    one.write_text("stool: own\nanswers:\n  relational-person:\n    speak-up: 5\n",
                   encoding="utf-8")
    done = run("stool", str(one), env=env)
    assert done.returncode == 0, done.stderr
    assert "Only they were judged" in done.stdout and "All legs" not in done.stdout
    blank = _forms(tmp_path, env, 5, value=" ")  # five forms, no question answered
    done = run("stool", *blank, env=env)
    assert "no leg was answered in 5 forms at the least" in done.stdout + done.stderr
    assert "Nothing is shown: 5 forms" not in done.stdout + done.stderr
