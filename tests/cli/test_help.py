"""Help and shell completion as a typer user expects them (issue 14, item 4): no Python
types, plain usage lines, the commands in the order a leader needs them, `--lang` and the
exit codes on every command's page, paragraphs that wrap at the terminal's width; and
completion scripts for bash, zsh and fish that complete commands and options."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import run

GROUPS = {"journal": ["list", "show", "due", "history", "export", "forget"],
          "rules": ["list", "show", "check", "test", "schema", "diff"]}
COMMANDS = [[], ["assess"], ["board"], ["ask"], ["talk"], ["stool"], ["reflect"], ["self"],
            ["frame"], ["batch"], ["review"],
            *([group] for group in GROUPS),
            *([group, command] for group, commands in GROUPS.items() for command in commands)]
OWN_EXITS = {"batch": {1}, "rules check": {1}, "rules test": {1}}
PYTHON_TYPES = re.compile(r"<(bool|str|int|float|path|list\[.*?\])>|list\[|Path\]", re.I)


def help_page(*words: str, lang: str = "en", columns: int = 80) -> str:
    done = run("--lang", lang, *words, "--help", env={"COLUMNS": str(columns)})
    assert done.returncode == 0, done.stderr
    return done.stdout


def usage(page: str) -> str:
    return re.search(r"Usage: (.*)", page).group(1).strip()


@pytest.mark.parametrize("words", COMMANDS, ids=lambda w: " ".join(w) or "trustdose")
def test_no_python_types_and_plain_usage(words):
    for columns in (80, 200):
        page = help_page(*words, columns=columns)
        assert not PYTHON_TYPES.search(page), PYTHON_TYPES.search(page).group(0)
        line = usage(page)
        assert not re.search(r"\[\[|\]\]|[{}]", line), line


@pytest.mark.parametrize("words, expected", [
    (["assess"], "trustdose assess [OPTIONS] [CASE | -]"),
    (["batch"], "trustdose batch [OPTIONS] [INPUT]..."),  # none with --template
    (["review"], "trustdose review [OPTIONS] [ENTRY]"),
    (["journal", "show"], "trustdose journal show [OPTIONS] [ID|SUBJECT]"),
    (["rules", "check"], "trustdose rules check [OPTIONS] [DIR]..."),
    (["rules", "schema"], "trustdose rules schema [OPTIONS] [DIR]"),
    (["rules", "diff"], "trustdose rules diff [OPTIONS] A B"),
])
def test_usage_lines(words, expected):
    assert usage(help_page(*words, columns=200)) == expected


def test_flags_show_no_value_and_choices_show_their_values():
    page = help_page("assess", columns=200)
    assert re.search(r"│ --save +Save the assessment", page)
    assert re.search(r"│ --help +Show this message", page)
    assert "jsonl|csv|markdown|table" in help_page("batch", columns=200)  # choices: a|b|c
    # assess lists its formats in words: as a|b|c they would be cut mid-word at 80 columns
    narrow = help_page("assess", columns=80)
    assert re.search(r"--format +-f +FORMAT", narrow) and "agreement" in narrow
    assert not re.search(r"\|a\s", narrow)
    assert re.search(r"--note +TEXT", help_page("review", columns=200))


@pytest.mark.parametrize("lang", ["en", "da"])
def test_commands_in_the_order_a_leader_needs_them(lang):
    page = help_page(lang=lang, columns=200)
    panel = page[page.index("─ Commands") if lang == "en" else page.rindex("╭"):]
    assert re.findall(r"^│ (\w+) ", panel, flags=re.M) == [
        "assess", "board", "ask", "talk", "stool", "reflect", "self", "frame", "batch",
        "journal", "review", "rules"]


@pytest.mark.parametrize("words", COMMANDS, ids=lambda w: " ".join(w) or "trustdose")
def test_every_command_names_lang_and_its_exit_codes(words):
    page = help_page(*words, columns=200)
    assert re.search(r"│ --lang +LANG +Language of everything", page)
    codes = re.search(r"Exit codes: (.*?)\.\s*$", " ".join(page.split()))
    assert codes, page
    found = {int(code) for code in re.findall(r"(?:^|, )(\d+) ", codes.group(1))}
    assert found == {0, 2, 70, 130, 141, 143} | OWN_EXITS.get(" ".join(words), set())
    assert "70 internal error" in codes.group(1) and "130 interrupted" in codes.group(1)


@pytest.mark.parametrize("lang, heading", [("da", "Slutkoder"), ("nb", "Avslutningskoder"),
                                           ("sv", "Slutkoder")])
def test_exit_codes_in_the_language(lang, heading):
    page = " ".join(help_page("batch", lang=lang, columns=200).split())
    assert re.search(heading + r": 0 \w.*, 1 \w.*, 2 \w.*, 70 \w.*, 130 \w.*, 141 \w", page)
    assert "Exit codes" not in page and "internal error" not in page


@pytest.mark.parametrize("lang", ["en", "da"])
def test_paragraphs_wrap_at_the_terminal_width_only(lang):
    """The source and the catalogues wrap their text at 90 columns; help shows whole
    paragraphs, which rich wraps at the terminal's width."""
    from trustdose import i18n
    import typer
    from trustdose.cli.app import build
    from trustdose.cli.helppages import localise, shape_help

    i18n.set_language(lang)
    try:
        command = typer.main.get_command(build())
        localise(command)
        shape_help(command)
    finally:
        i18n.set_language("en")
    stack = [command]
    while stack:
        current = stack.pop()
        assert not re.search(r"[^\n]\n[^\n]", current.help or ""), current.name
        stack.extend(getattr(current, "commands", {}).values())
    wide = help_page("review", columns=200)
    assert "diagnose the breach by the same preconditions" in wide
    listing = help_page(columns=80)
    row = listing[listing.index("│ review"):listing.index("│ rules")]
    lines = [line.strip("│ ") for line in row.splitlines()]
    assert all(len(line) > 60 for line in lines[:-1]), lines  # no line ends early


# --- shell completion --------------------------------------------------------------------

def script_folder() -> Path:
    """The folder of the installed `trustdose` console script, as a user's PATH has it."""
    found = Path(sys.executable).parent / "trustdose"
    if not found.exists():
        found = Path(shutil.which("trustdose") or "")
    assert found.is_file(), "the trustdose console script is installed (pip install -e .)"
    return found.parent


def shell_env(home: Path, **extra: str) -> dict:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("_TRUSTDOSE", "_TYPER", "COMP_"))}
    env.update(HOME=str(home), PATH=f"{script_folder()}{os.pathsep}{env.get('PATH', '')}",
               TRUSTDOSE_LANG="en", **extra)
    return env


# Completes each line (given on stdin) the way bash does at <TAB>, with the function the
# completion script registered for trustdose.
COMPLETE_LINES = r'''
while IFS= read -r line; do
  read -ra COMP_WORDS <<< "$line"
  [[ "$line" == *" " ]] && COMP_WORDS+=("")
  COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); COMP_LINE="$line"; COMP_POINT=${#line}
  COMPREPLY=()
  complete -p trustdose > /dev/null || exit 3
  "$(complete -p trustdose | sed -E 's/.*-F ([^ ]+) .*/\1/')" trustdose
  echo "${COMPREPLY[*]}"
done
'''
LINES = {"trustdose as": "assess ask", "trustdose assess --fo": "--format",
         "trustdose jo": "journal", "trustdose journal d": "due",
         "trustdose review --la": "--lang", "trustdose --lang da batch --fail": "--fail-fast",
         "trustdose assess --format js": "json"}


def complete_in_bash(setup: str, home: Path) -> dict:
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("no bash")
    done = subprocess.run([bash, "--norc", "--noprofile", "-c", setup + COMPLETE_LINES],
                          input="\n".join(LINES) + "\n", capture_output=True, text=True,
                          env=shell_env(home), timeout=120)
    assert done.returncode == 0, done.stderr
    return dict(zip(LINES, done.stdout.splitlines()))


@pytest.mark.process
def test_bash_completes_commands_and_options_from_the_shown_script(tmp_path):
    # the script is asked for from within bash, which typer recognises as the shell
    completed = complete_in_bash('eval "$(trustdose --show-completion)"\n', tmp_path)
    assert completed == LINES


@pytest.mark.process
def test_install_completion_for_bash(tmp_path):
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("no bash")
    done = subprocess.run([bash, "--norc", "-c", "trustdose --install-completion; exit $?"],
                          capture_output=True, text=True, env=shell_env(tmp_path), timeout=60)
    assert done.returncode == 0, done.stderr
    script = tmp_path / ".bash_completions" / "trustdose.sh"
    assert str(script) in done.stdout
    assert f"source '{script}'" in (tmp_path / ".bashrc").read_text()
    assert complete_in_bash(f"source '{tmp_path / '.bashrc'}'\n", tmp_path) == LINES


@pytest.mark.process
@pytest.mark.parametrize("shell, installed, registers", [
    ("zsh", ".zfunc/_trustdose", "compdef _trustdose_completion trustdose"),
    ("fish", ".config/fish/completions/trustdose.fish", "complete --command trustdose"),
])
def test_zsh_and_fish_scripts(shell, installed, registers, tmp_path):
    """No zsh or fish to run here: the scripts, and what trustdose answers them. (typer
    detects the shell it runs in; its own test switch lets the shell be named.)"""
    env = shell_env(tmp_path, _TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION="1")
    shown = subprocess.run(["trustdose", "--show-completion", shell], capture_output=True,
                           text=True, env=env, timeout=60)
    assert shown.returncode == 0 and registers in shown.stdout, shown.stderr
    done = subprocess.run(["trustdose", "--install-completion", shell], capture_output=True,
                          text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / installed).read_text().strip() == shown.stdout.strip()

    def answer(line: str, **extra: str) -> str:
        asked = {"_TRUSTDOSE_COMPLETE": f"complete_{shell}", "_TYPER_COMPLETE_ARGS": line}
        return subprocess.run(["trustdose"], capture_output=True, text=True, timeout=60,
                              env={**shell_env(tmp_path), **asked, **extra}).stdout

    fish = {"_TYPER_COMPLETE_FISH_ACTION": "get-args"} if shell == "fish" else {}
    assert "assess" in answer("trustdose as", **fish)
    options = answer("trustdose assess --", **fish)
    assert "--format" in options and "--lang" in options
    if shell == "fish":  # one completion a line: a help text never wraps onto a line of its own
        assert all(line.startswith("--") for line in options.splitlines()), options
