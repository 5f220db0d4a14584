"""Docs that cannot drift: the README documents every option and its two commands."""

from __future__ import annotations

import re

from trustdose._render import Format

from conftest import ROOT, run

README = (ROOT / "README.md").read_text()


def test_every_assess_option_is_documented():
    help_text = run("assess", "--help", env={"COLUMNS": "200"}).stdout
    options = set(re.findall(r"(--[a-z][a-z-]+)", help_text)) - {"--help"}
    assert options >= {"--planned", "--format", "--output", "--rules", "--no-input", "--debug"}
    for option in options | {"--version"}:
        assert f"`{option}" in README, f"{option} is not documented in the README"
    for fmt in Format:
        assert fmt.value in README


def test_ci_runs_the_readme_test_command():
    commands = re.findall(r"```sh\n(python3 -m venv .*)\n```", README)
    assert len(commands) == 2, "the README's two set-up commands"
    assert "trustdose assess examples/" in commands[0]
    assert commands[1] in (ROOT / ".ci" / "run").read_text()


def test_every_example_is_described():
    for example in (ROOT / "examples").glob("*.*"):
        assert example.name in README
