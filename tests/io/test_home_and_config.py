"""A `~` that stands for no home folder, and the config file's values said as written
(issue 20): a clear error, never exit 70 nor a folder literally named `~`."""

from __future__ import annotations

import pwd

import pytest

from trustdose.errors import ConfigError, JournalError
from trustdose.io.config import env_rules, journal_path, load_config
from trustdose.places import NoHome, home_path, user_dir
from trustdose.rules import cache

NOBODY = "~no-such-user-td20"


@pytest.fixture
def homeless(monkeypatch):
    """HOME unset and no entry for the user in the system's user list."""
    monkeypatch.delenv("HOME", raising=False)
    for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "TRUSTDOSE_DB",
                     "TRUSTDOSE_CONFIG", "TRUSTDOSE_CACHE_DIR"):
        monkeypatch.delenv(variable, raising=False)

    def unknown(uid):
        raise KeyError(uid)
    monkeypatch.setattr(pwd, "getpwuid", unknown)


def test_a_tilde_for_an_unknown_user_is_named(monkeypatch):
    with pytest.raises(NoHome) as err:
        home_path(f"{NOBODY}/rules", "TRUSTDOSE_RULES")
    assert str(err.value) == (f"TRUSTDOSE_RULES: '{NOBODY}/rules': there is no user "
                              f"'{NOBODY[1:]}' for {NOBODY} to stand for")
    monkeypatch.setenv("TRUSTDOSE_RULES", f"/srv/a:{NOBODY}/b")
    with pytest.raises(NoHome):
        env_rules()
    monkeypatch.setenv("TRUSTDOSE_DB", f"{NOBODY}/j.sqlite3")
    with pytest.raises(JournalError, match="TRUSTDOSE_DB: "):
        journal_path()
    monkeypatch.setenv("TRUSTDOSE_CONFIG", f"{NOBODY}/c.yaml")
    with pytest.raises(NoHome, match="TRUSTDOSE_CONFIG: "):
        load_config()


def test_a_path_without_tilde_or_with_a_home_is_as_written(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    assert home_path("~/r", "x") == tmp_path / "r"
    assert home_path("a/~b", "x").as_posix() == "a/~b"


def test_without_a_home_the_journal_is_refused_not_made_in_a_folder_named_tilde(homeless):
    with pytest.raises(JournalError) as err:
        journal_path()
    assert "HOME is not set" in str(err.value) and "TRUSTDOSE_DB" in err.value.hint
    with pytest.raises(NoHome):
        user_dir("config")
    assert load_config().rules == () and cache.folder() is None  # none to read, none kept


def test_without_a_home_a_batch_and_an_assessment_write_their_output(homeless, tmp_path):
    # the outputs are checked against the inputs in force; with no home there is no
    # journal and no config file to protect, and a batch goes on without history
    from helpers import EXAMPLES, run
    done = run("batch", str(EXAMPLES / "batch" / "workshop.csv"), "-o", str(tmp_path / "o.jsonl"))
    assert done.returncode == 1 and "no history from a journal was used" in done.stderr
    assert len((tmp_path / "o.jsonl").read_text().splitlines()) == 28
    done = run("assess", str(EXAMPLES / "routine-ordering.yaml"), "-o", str(tmp_path / "r.txt"))
    assert done.returncode == 0 and (tmp_path / "r.txt").stat().st_size > 0


def test_a_tilde_in_the_config_rules_is_an_error_at_its_place(monkeypatch, tmp_path):
    config = tmp_path / "config.yaml"
    config.write_text(f"lang: da\nrules:\n  - org\n  - {NOBODY}/org\n", encoding="utf-8")
    monkeypatch.setenv("TRUSTDOSE_CONFIG", str(config))
    with pytest.raises(ConfigError) as err:
        load_config()
    problem = err.value.problems[0]
    assert (problem.line, problem.col) == (4, 5) and f"no user '{NOBODY[1:]}'" in problem.message


@pytest.mark.parametrize("written, result", [
    ("no", "nb"), ("nb", "nb"), ("'no'", "nb"), ("da", "da"), ("off", "'off'"), ("yes", "'yes'"),
    ("on", "'on'"), ("false", "false"), ("true", "true"), ("3", "3"), ("null", None)])
def test_lang_is_read_as_written(monkeypatch, tmp_path, written, result):
    config = tmp_path / "config.yaml"
    config.write_text(f"lang: {written}\n", encoding="utf-8")
    monkeypatch.setenv("TRUSTDOSE_CONFIG", str(config))
    if result is None or result in ("nb", "da"):
        assert load_config().lang == result
        return
    with pytest.raises(ConfigError) as err:
        load_config()
    assert err.value.problems[0].message == f"lang: unknown language {result}"
