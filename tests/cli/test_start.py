"""The console script's entry point: a Ctrl-C while the command line is still being
imported ends with exit 130 and no traceback (a hang test saw one in 22 of 220 stops)."""

import importlib.abc
import sys

import pytest

from trustdose.cli import start


class _Interrupted(importlib.abc.MetaPathFinder):
    """Ctrl-C arriving while `trustdose.cli.app` is being imported."""

    def find_spec(self, name, path=None, target=None):
        if name == "trustdose.cli.app":
            raise KeyboardInterrupt
        return None


def test_ctrl_c_while_importing_exits_130_without_a_traceback(monkeypatch, capsys):
    monkeypatch.delitem(sys.modules, "trustdose.cli.app", raising=False)
    monkeypatch.setattr(sys, "meta_path", [_Interrupted(), *sys.meta_path])
    with pytest.raises(SystemExit) as stopped:
        start.main()
    assert stopped.value.code == 130
    assert "Traceback" not in capsys.readouterr().err
