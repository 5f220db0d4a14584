"""Which files of a rules folder are read, and which folders are the layers: the defaults,
the folders of the config file and of TRUSTDOSE_RULES, and those a command names. A file's
ending decides in any case (Windows tools save `.YAML`); a file that could hold rules but is
not read is named at load, never skipped unseen: a rule test file holding rule sections is
refused, and a subfolder holding rule files or a note named like one (`red-lines.yaml.txt`,
as Notepad saves it) is named by `rules list` (`left_alone`)."""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..errors import Problem
from ..i18n import N_, _, os_reason
from .ruleset import Layer, default_rules_dir

# Every section a rule file may have, in the order they are listed and explained.
SECTIONS = ("rubric", "levels", "carry", "caps", "red_lines", "review", "measures",
            "warnings", "checklist", "questions", "sources", "levers", "legs", "worthy",
            "stances", "talk")
TEST_SUFFIXES = (".test.yaml", ".test.yml")  # rule tests live next to the rules
RULE_SUFFIXES = (".yaml", ".yml")  # a file's ending read in any case (Windows saves .YAML)
# what a person keeps beside rules and reads, never rules: notes, and an editor's copies
NOTES = (".md", ".txt", ".rst", ".pdf", ".docx", ".odt", "~", ".bak", ".orig", ".swp")
COPIES = ("~", ".bak", ".orig", ".swp")  # an editor's copies: no one meant them as rules


def file_kind(path: Path) -> str | None:
    """What a file in a rules folder is, by its name in any case: "test" (a rule test),
    "rules", "hidden" (a dot file, as every tool leaves them), "notes" (a README, an
    editor's backup: no one takes them for rules), or None: a file that may have been
    meant as rules but is not read, which loading names (never skipped unseen)."""
    name = path.name.lower()
    if name.startswith("."):
        return "hidden"
    return "test" if name.endswith(TEST_SUFFIXES) else \
        "rules" if name.endswith(RULE_SUFFIXES) else \
        "notes" if name.endswith(NOTES) else None


def layers_for(extra: list[Path] | tuple[Path, ...] = (), user: bool = True) -> list[Layer]:
    """The layers in order: defaults, then (with `user`) config and TRUSTDOSE_RULES, then
    `extra` (folders the caller gives: the command line's --rules or DIR)."""
    layers = [Layer("default", "default", default_rules_dir())]
    if user:
        from ..io.config import env_rules, load_config
        layers += [Layer(str(p), "config", p) for p in load_config().rules]
        layers += [Layer(str(p), "TRUSTDOSE_RULES", p) for p in env_rules()]
    return layers + [Layer(str(p), "given", Path(p)) for p in extra]


# where a layer the user did not name just now came from (a folder they gave needs no hint)
_GIVEN_BY = {"config": N_("listed in your config file ({config})"),
             "TRUSTDOSE_RULES": N_("named in TRUSTDOSE_RULES")}


def rule_files(layer: Layer, problems: list[Problem]) -> list[Path]:
    """The rule files of a layer's folder, in name order (not the rule tests)."""
    folder = layer.folder
    if not folder.is_dir():
        hint = _GIVEN_BY.get(layer.origin)
        if hint and "{config}" in hint:
            from ..io.config import config_path
            hint = _(hint).format(config=config_path())
        elif hint:
            hint = _(hint)
        problems.append(Problem(str(folder), None, None,
                                _("rules folder not found") if not folder.exists()
                                else _("is a file; a rules layer is a folder of *.yaml files"),
                                hint))
        return []
    try:  # glob says nothing of a folder it may not read
        os.listdir(folder)
    except OSError as exc:
        problems.append(Problem(str(folder), None, None, _("cannot be read: {reason}").format(
            reason=os_reason(exc))))
        return []
    files = []
    for path in sorted(folder.iterdir()):
        kind = file_kind(path)
        if kind == "rules":
            files.append(path)
        elif kind == "test" and layer.origin != "default":
            problems += _rules_in_test(path)
        elif kind is None and not path.is_dir():  # a subfolder is not part of the layer
            problems.append(Problem(str(path), None, None, _(
                "not read: a rules folder holds rule files (.yaml, .yml) and rule tests "
                "(.test.yaml)"), _("rename it to end in .yaml if it holds rules, or move it "
                                   "out of the folder")))
    if not files:
        problems.append(Problem(str(folder), None, None, _("no *.yaml rule files in this folder")))
    return files


# A key at the start of a line: a top-level key of a YAML mapping (quoted or not)
_TOP_KEY = re.compile(r"""^["']?([A-Za-z_][\w-]*)["']?[ \t]*:(?:[ \t]|$)""", re.MULTILINE)


def _rules_in_test(path: Path) -> list[Problem]:
    """Each rule section (`red_lines:`, `disable:` …) at the top of a rule test file, which
    nothing reads as rules: refused, so that no red line is left out unseen. (Its tests are
    read, and their problems said, by `rules test`.)"""
    from ..io.source import MAX_BYTES
    if not path.is_file():  # a FIFO, a dangling link: `rules test` names it
        return []
    try:
        with path.open("rb") as handle:
            text = handle.read(MAX_BYTES).decode("utf-8", "replace")
    except OSError:
        return []
    return [Problem(str(path), text.count("\n", 0, found.start()) + 1, 1, _(
        "a rule test file holds '{section}:', which is never read as rules: a rule test file "
        "holds only 'tests:'").format(section=found.group(1)), _(
        "move '{section}:' into a rules file of the folder (a name ending in .yaml without "
        ".test), and keep the tests here").format(section=found.group(1)))
        for found in _TOP_KEY.finditer(text)
        if found.group(1) in (*SECTIONS, "disable")]


def left_alone(folder: Path) -> list[tuple[str, str]]:
    """What of a rules folder is left alone but looks meant as rules, each with why: a
    subfolder holding rule files (only the folder itself is a layer), a note named as a
    rule file with a note's ending after it (`red-lines.yaml.txt`, as Notepad saves
    `red-lines.yaml`). Said by `rules list`, never refused."""
    found: list[tuple[str, str]] = []
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return found
    for path in entries:
        name = path.name.lower()
        if path.is_dir() and not name.startswith("."):
            try:
                inner = sorted(p.name for p in path.iterdir() if file_kind(p) == "rules")
            except OSError:
                continue
            if inner:
                found.append((str(path), _(
                    "a subfolder is not read: its rule files ({names}) are not in force; move "
                    "them into {folder}, or give the subfolder as a rules folder of its own"
                ).format(
                    names=", ".join(inner), folder=folder)))
        elif file_kind(path) == "notes" and not name.endswith(COPIES) and \
                name.rpartition(".")[0].endswith(RULE_SUFFIXES):
            found.append((str(path), _(
                "not read, as its name ends in '.{ending}': if it holds rules, rename it to "
                "end in .yaml").format(ending=name.rpartition(".")[2])))
    return found
