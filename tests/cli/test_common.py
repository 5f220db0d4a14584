"""What every command shares: path options read as the shell would have read them."""

from __future__ import annotations

import pytest

from helpers import EXAMPLES, run

CASE = str(EXAMPLES / "new-employee.yaml")


def test_a_tilde_after_equals_is_the_home_folder(tmp_path):
    """`--db=~/j.sqlite3` (the shell leaves that `~`) made a folder named `~` in the working
    folder, and `journal list` then looked in the real journal."""
    home, work = tmp_path / "home", tmp_path / "work"
    home.mkdir(), work.mkdir()
    env = {"HOME": str(home), "TRUSTDOSE_DB": None}
    saved = run("assess", CASE, "--save", "--db=~/j.sqlite3", "-o", "~/r.txt",
                env=env, cwd=work)
    assert saved.returncode == 0, saved.stderr
    assert (home / "j.sqlite3").is_file() and (home / "r.txt").is_file()
    listed = run("journal", "list", "--db", "~/j.sqlite3", "-f", "json", env=env, cwd=work)
    assert listed.returncode == 0 and '"id": 1' in listed.stdout
    assert run("rules", "schema", "~/s", env=env, cwd=work).returncode == 0
    assert (home / "s" / "case.schema.json").is_file()
    assert list(work.iterdir()) == []


@pytest.mark.parametrize("args, option", [
    (["assess", CASE, "--save", "--db=~no-such-user-td/j.sqlite3"], "--db"),
    (["assess", CASE, "--output=~no-such-user-td/r.txt"], "--output"),
    (["assess", CASE, "--rules=~no-such-user-td/r"], "--rules"),
    (["batch", CASE, "--errors=~no-such-user-td/e.jsonl"], "--errors"),
    (["rules", "schema", "~no-such-user-td/s"], "DIR"),
    (["review", "--from=~no-such-user-td/r.yaml"], "--from"),
])
def test_a_tilde_for_no_user_is_refused(args, option, tmp_path):
    out = run(*args, cwd=tmp_path)
    assert out.returncode == 2, out.stderr
    assert f"{option}: '~no-such-user-td/" in out.stderr
    assert "no user 'no-such-user-td'" in out.stderr and "Traceback" not in out.stderr
    assert list(tmp_path.iterdir()) == []


def test_an_output_into_a_rules_folder_in_force_is_refused(tmp_path):
    """`rules schema myrules` and `batch … -o myrules/results.jsonl` wrote a file into a
    rules folder the config file names, and every later run stopped at it; only an output
    onto a rule file there was refused."""
    rules = tmp_path / "myrules"
    rules.mkdir()
    (rules / "m.yaml").write_text("measures: []\n")
    (tmp_path / "config.yaml").write_text(f"rules: [{rules}]\n")
    env = {"TRUSTDOSE_CONFIG": str(tmp_path / "config.yaml")}
    for args in (["rules", "schema", str(rules)],
                 ["batch", CASE, "-o", str(rules / "results.jsonl")],
                 ["assess", CASE, "--rules", str(rules), "-o", f"{rules}/../myrules/r.txt"],
                 ["journal", "export", "-o", str(rules / "j.json")]):
        out = run(*args, env=env)
        assert out.returncode == 2 and "into a rules folder in force" in out.stderr, args
        assert str(rules) in out.stderr
    assert [p.name for p in rules.iterdir()] == ["m.yaml"]
    assert run("rules", "schema", str(rules / "schemas"), env=env).returncode == 0
    assert run("assess", CASE, env=env).returncode == 0  # the subfolder is left alone
