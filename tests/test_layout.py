"""The layers hold: the core (everything but `cli/` and the rich renderer) imports neither
typer nor rich, never reads stdin and never names a command-line option; modules and
functions stay small enough to read whole."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "trustdose"
TERMINAL = {"cli", "report.rich"}  # the only modules allowed to know about terminals


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(p for p in parts if p != "__init__")


MODULES = {_module(p): p for p in sorted(PACKAGE.rglob("*.py"))}
CORE = {name: path for name, path in MODULES.items()
        if not any(name == t or name.startswith(t + ".") for t in TERMINAL)
        and name != "__main__"}


def test_the_core_imports_neither_typer_nor_rich():
    names = " ".join(f"trustdose.{name}" if name else "trustdose" for name in CORE)
    code = (f"import importlib, sys\nfor n in {names!r}.split(): importlib.import_module(n)\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('typer', 'rich', "
            "'click')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("name", sorted(CORE))
def test_the_core_never_reads_stdin_nor_names_an_option(name):
    tree = ast.parse(CORE[name].read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        assert not (isinstance(node, ast.Attribute) and node.attr == "stdin"), node.lineno
        if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and not _is_docstring(node, tree):
            assert not re.search(r"(?<![\w-])--[a-z]", node.value), (node.lineno, node.value)


def _is_docstring(node: ast.Constant, tree: ast.AST) -> bool:
    return any(isinstance(parent, (ast.Module, ast.FunctionDef, ast.ClassDef))
               and parent.body and isinstance(parent.body[0], ast.Expr)
               and parent.body[0].value is node for parent in ast.walk(tree))


@pytest.mark.parametrize("name", sorted(MODULES))
def test_modules_and_functions_are_small(name):
    text = MODULES[name].read_text(encoding="utf-8")
    assert text.count("\n") <= 400
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            assert node.end_lineno - node.lineno < 60, node.name


@pytest.mark.parametrize("script", sorted((PACKAGE.parents[1] / "benchmarks").glob("*.py")),
                         ids=lambda p: p.name)
def test_the_benchmarks_import_what_exists(script):
    import importlib.util
    spec = importlib.util.spec_from_file_location(f"benchmark_{script.stem}", script)
    spec.loader.exec_module(importlib.util.module_from_spec(spec))  # runs their imports only
