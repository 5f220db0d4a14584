"""Docs that cannot drift: README.md and docs/ document every command, option and example,
their links lead somewhere, and their example commands name files that exist."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from trustdose.report.formats import ReportFormat as Format

from helpers import EXAMPLES, ROOT, run

README_FILE = ROOT / "README.md"
README = README_FILE.read_text()
PAGES = sorted((ROOT / "docs").glob("*.md"))
EXPECTED_PAGES = {"cases.md", "rules.md", "batch.md", "journal.md", "languages.md", "api.md",
                  "performance.md", "privacy.md"}
DOCS = "\n".join([README] + [page.read_text() for page in PAGES])


def options_of(*command: str) -> set[str]:
    help_text = run(*command, "--help", env={"COLUMNS": "200"}).stdout
    return set(re.findall(r"(--[a-z][a-z-]+)", help_text)) - {"--help"}


def test_the_readme_is_a_front_door_of_at_most_300_lines():
    assert len(README.splitlines()) <= 300
    assert {page.name for page in PAGES} >= EXPECTED_PAGES
    for page in PAGES:
        assert f"](docs/{page.name}" in README, f"the README does not link docs/{page.name}"


def test_every_assess_option_is_documented():
    options = options_of("assess")
    assert options >= {"--planned", "--format", "--output", "--rules", "--no-input", "--debug",
                       "--full"}
    for option in options | {"--version"}:
        assert f"`{option}" in DOCS, f"{option} is not documented in docs/"
    for fmt in Format:
        assert fmt.value in DOCS


def test_ci_runs_the_readme_test_command():
    commands = re.findall(r"```sh\n(python3 -m venv .*)\n```", README)
    assert len(commands) == 2, "the README's two set-up commands"
    assert "trustdose assess examples/" in commands[0]
    assert commands[1] in (ROOT / ".ci" / "run").read_text()


def test_every_example_is_described():
    for example in EXAMPLES.rglob("*.*"):
        assert example.name in DOCS, f"{example.relative_to(ROOT)} is not mentioned in docs/"


@pytest.mark.parametrize("group, expected", [
    ("rules", {"list", "show", "check", "test", "schema", "diff"}),
    ("journal", {"list", "show", "due", "history", "export", "forget"}),
])
def test_every_command_of_a_group_and_its_options_are_documented(group, expected):
    listing = run(group, "--help", env={"COLUMNS": "200"}).stdout
    commands = re.findall(r"^│ (\w+) ", listing, flags=re.M)
    assert set(commands) == expected
    for command in commands:
        assert f"`{group} {command}" in DOCS, f"{group} {command} is not documented"
        for option in options_of(group, command):
            assert re.search(r"[\s`\[]" + re.escape(option) + r"\b", DOCS), \
                f"{group} {command} {option} is not documented in docs/"


def test_environment_variables_are_documented():
    source = "\n".join(p.read_text() for p in (ROOT / "src" / "trustdose").rglob("*.py"))
    for name in set(re.findall(r"TRUSTDOSE_[A-Z_]+", source)):
        assert f"`{name}" in DOCS, f"{name} is not documented in docs/"


@pytest.mark.parametrize("command, required", [
    ("batch", {"--format", "--output", "--excel", "--errors", "--summary-only", "--fail-fast",
               "--rules"}),
    ("review", {"--outcome", "--cause", "--from", "--note", "--date", "--db"}),
    ("", {"--version", "--lang"}),
])
def test_every_option_of_batch_review_and_the_app_is_documented(command, required):
    options = options_of(*filter(None, [command]))
    assert options >= required
    for option in options:
        assert f"`{option}" in DOCS, f"{command} {option} is not documented in docs/"


def test_every_global_option_is_documented():
    help_text = run("--help", env={"COLUMNS": "200"}).stdout
    options = set(re.findall(r"(--[a-z][a-z-]+)", help_text)) - {"--help"}
    assert options >= {"--version", "--lang", "--install-completion", "--show-completion"}
    for option in options:
        assert f"`{option}" in DOCS, f"{option} is not documented in docs/"


def anchor(heading: str) -> str:
    """The fragment GitHub gives a Markdown heading."""
    text = re.sub(r"[`*_]|\[|\]\([^)]*\)", "", heading.strip().lower())
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def anchors(page: Path) -> set[str]:
    text = re.sub(r"```.*?```", "", page.read_text(), flags=re.S)
    return {anchor(h) for h in re.findall(r"^#+ (.+)$", text, flags=re.M)}


@pytest.mark.parametrize("page", [README_FILE, *PAGES], ids=lambda p: p.name)
def test_every_relative_link_leads_to_a_file_and_heading_that_exist(page):
    text = re.sub(r"```.*?```", "", page.read_text(), flags=re.S)
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"[a-z]+:", target):
            continue
        path, _, fragment = target.partition("#")
        linked = (page.parent / path).resolve() if path else page
        assert linked.exists(), f"{page.name}: {target} leads nowhere"
        assert linked.is_relative_to(ROOT), f"{page.name}: {target} is outside the repository"
        if fragment and linked.suffix == ".md":
            assert fragment in anchors(linked), f"{page.name}: no heading for {target}"


def example_commands(page: Path) -> list[list[str]]:
    """The `trustdose …` command lines in a page's sh and console blocks, as words."""
    lines = []
    for block in re.findall(r"```(?:sh|console)\n(.*?)```", page.read_text(), flags=re.S):
        for line in block.splitlines():
            line = re.sub(r"^\$ ", "", line).split(" #")[0]
            line = re.sub(r"^\S*/?\.venv/bin/", "", line)
            if re.match(r"(?:[A-Z_]+=\S+ )*trustdose\b", line) or " | trustdose" in line:
                lines.append(shlex.split(line.replace(" < ", " ").replace(" | ", " ")))
    return lines


CASE_FILE = re.compile(r"\.(ya?ml|json|jsonl|csv)$")
WRITTEN = {"-o", "--output", "--errors", "--db", "--from"}


@pytest.mark.parametrize("page", [README_FILE, *PAGES], ids=lambda p: p.name)
def test_example_commands_name_files_that_exist(page):
    for words in example_commands(page):
        for before, word in zip([""] + words, words):
            if before in WRITTEN:
                continue
            if word.startswith("examples/") or CASE_FILE.search(word):
                assert (ROOT / word).exists(), f"{page.name}: `{' '.join(words)}` names {word}"


def test_the_commands_checked_include_the_tour():
    names = [w for words in example_commands(README_FILE) for w in words]
    assert "examples/vagtplan-da.yaml" in names and "examples/new-employee.yaml" in names


def test_the_readmes_tour_is_what_the_tool_says_today():
    # the examples carry a fixed date, so the shown review dates never go stale
    # (tools/readme_tour.py writes the blocks again after a text changes)
    blocks = re.findall(r"```console\n\$ \.venv/bin/(trustdose [^\n]+)\n(.*?)```", README,
                        flags=re.S)
    assert len(blocks) >= 2
    for command, shown in blocks:
        said = run(*shlex.split(command)[1:], env={"COLUMNS": "100"}).stdout
        assert said == shown, f"{command}: run python tools/readme_tour.py"


def test_the_readmes_commands_run_as_written_right_after_its_set_up_command():
    # the set-up command makes .venv/bin/trustdose and activates nothing: a bare
    # `trustdose` was "command not found" for a newcomer who pasted the tour (issue 21)
    blocks = re.findall(r"```(?:sh|console)\n(.*?)```", README, flags=re.S)
    for block in blocks:
        active = False
        for line in block.splitlines():
            line = re.sub(r"^\$ ", "", line)
            active = active or line.startswith(". .venv/bin/activate")
            if re.match(r"(?:[A-Z_]+=\S+ )*trustdose\b", line):
                assert active, f"README: `{line}` runs only with the environment active"
    assert any(line.startswith("$ .venv/bin/trustdose") for b in blocks
               for line in b.splitlines())


def test_the_readme_test_command_is_what_ci_runs():
    ci = (ROOT / ".ci" / "run").read_text()
    command = next(line for line in ci.splitlines() if line.startswith("python3 -m venv"))
    assert f"```sh\n{command}\n```" in README
