"""trustdose's folders are where platformdirs would put them (it is skipped on Linux for
start-up time; see `places`)."""

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
