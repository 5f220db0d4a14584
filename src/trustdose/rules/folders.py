"""Which files of a rules folder are read, and which folders are the layers: the defaults,
the folders of the config file and of TRUSTDOSE_RULES, and those a command names. A file's
ending decides in any case (Windows tools save `.YAML`); a file that could hold rules but is
not read is named at load, never skipped unseen."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import Problem
from ..i18n import N_, _, os_reason
from .ruleset import Layer, default_rules_dir

TEST_SUFFIXES = (".test.yaml", ".test.yml")  # rule tests live next to the rules
RULE_SUFFIXES = (".yaml", ".yml")  # a file's ending read in any case (Windows saves .YAML)
# what a person keeps beside rules and reads, never rules: notes, and an editor's copies
NOTES = (".md", ".txt", ".rst", ".pdf", ".docx", ".odt", "~", ".bak", ".orig", ".swp")


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
        elif kind is None and not path.is_dir():  # a subfolder is not part of the layer
            problems.append(Problem(str(path), None, None, _(
                "not read: a rules folder holds rule files (.yaml, .yml) and rule tests "
                "(.test.yaml)"), _("rename it to end in .yaml if it holds rules, or move it "
                                   "out of the folder")))
    if not files:
        problems.append(Problem(str(folder), None, None, _("no *.yaml rule files in this folder")))
    return files
