"""trustdose's folders are where platformdirs would put them (it is skipped on Linux for
start-up time; see `places`)."""

import os
from pathlib import Path

import platformdirs
import pytest

from trustdose.places import user_dir


@pytest.mark.parametrize("kind", ["config", "cache", "data"])
@pytest.mark.parametrize("value", [None, "", "  ", "/srv/xdg", "relative/xdg"])
def test_the_folders_platformdirs_would_choose(kind, value, monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    variable = {"config": "XDG_CONFIG_HOME", "cache": "XDG_CACHE_HOME",
                "data": "XDG_DATA_HOME"}[kind]
    if value is None:
        monkeypatch.delenv(variable, raising=False)
    else:
        monkeypatch.setenv(variable, value)
    expected = getattr(platformdirs, f"user_{kind}_dir")("trustdose", appauthor=False)
    assert str(user_dir(kind)) == expected


def _no_user_entry(monkeypatch):
    import pwd

    def none(uid):
        raise KeyError(uid)
    monkeypatch.setattr(pwd, "getpwuid", none)


@pytest.mark.parametrize("home", ["", "relative/home", "."])
def test_a_home_that_is_empty_or_relative_is_none(home, monkeypatch, tmp_path):
    """`HOME= trustdose assess --save` wrote the journal to /.local and the cache to /.cache;
    a relative HOME put them under the working folder."""
    import pwd

    from trustdose.places import NoHome, home_folder, home_path
    monkeypatch.setenv("HOME", home)
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    entry = pwd.getpwuid(os.getuid()).pw_dir
    assert home_folder() == entry  # the system's user list's entry stands in
    assert user_dir("data") == Path(entry) / ".local/share/trustdose"
    _no_user_entry(monkeypatch)
    assert home_folder() is None
    with pytest.raises(NoHome):
        user_dir("data")
    with pytest.raises(NoHome, match="HOME"):
        home_path("~/j.sqlite3", "--db")


def test_tilde_and_tilde_user(monkeypatch, tmp_path):
    import pwd

    from trustdose.places import NoHome, home_path
    monkeypatch.setenv("HOME", str(tmp_path))
    me = pwd.getpwuid(os.getuid())
    assert home_path("~/j.sqlite3", "--db") == tmp_path / "j.sqlite3"
    assert home_path("~", "--db") == tmp_path
    assert home_path(f"~{me.pw_name}/x", "--db") == Path(me.pw_dir) / "x"
    assert home_path("a/~/x", "--db") == Path("a/~/x")
    for text in ("~no-such-user-td/x", "~no\0user/x"):
        with pytest.raises(NoHome, match="--db: .*no user"):
            home_path(text, "--db")
