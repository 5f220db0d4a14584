"""Shared fixtures: the default rules (loaded once), case builders, a CLI runner."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import tempfile

import pytest

# Tests never touch the real user cache or configuration: every run starts with an empty
# cache, no config file and no TRUSTDOSE_RULES, whatever the machine has.
os.environ["TRUSTDOSE_CACHE_DIR"] = tempfile.mkdtemp(prefix="trustdose-test-cache-")
os.environ["TRUSTDOSE_CONFIG"] = os.path.join(os.environ["TRUSTDOSE_CACHE_DIR"], "none.yaml")
os.environ.pop("TRUSTDOSE_RULES", None)
# English unless a test asks for another language, whatever the machine's locale says.
os.environ["TRUSTDOSE_LANG"] = "en"

import trustdose  # noqa: E402
from trustdose._rules import default_rules_dir  # noqa: E402

ROOT = Path(__file__).parents[1]
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def rules():
    return trustdose.load_rules()


def make_case(c=3, i=3, r=3, risk=3, **extra):
    case = {"subject": {"name": "Kim"}, "task": {"title": "Plan the rota"},
            "competence": c, "intention": i, "resources": r, "risk": risk}
    case.update(extra)
    return case


@pytest.fixture
def overlay(tmp_path):
    """Write rule files into a fresh overlay folder: overlay({"x.yaml": text})."""
    def write(files: dict[str, str]) -> Path:
        folder = tmp_path / "org-rules"
        folder.mkdir(exist_ok=True)
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8")
        return folder
    return write


@pytest.fixture
def rules_copy(tmp_path):
    """A full copy of the default rules that a test may break (for --rules tests)."""
    folder = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), folder)
    return folder


def run(*args: str, input: str | None = None, env: dict | None = None, cwd: Path | None = None):
    """Run the installed `trustdose` command as a user would, without a terminal."""
    full_env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "trustdose", *args], input=input,
                          capture_output=True, text=True, env=full_env, cwd=cwd or ROOT,
                          timeout=60)
