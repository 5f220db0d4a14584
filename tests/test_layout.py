"""The layers hold: imports run one way, from the command line down to the vocabulary,
with no cycle (lazy imports included); the core (everything but `cli/` and the rich
renderer) imports neither typer nor rich, never reads stdin and never names a
command-line option; modules, functions and lines stay small enough to read whole."""

from __future__ import annotations

import ast
import functools
import re
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "trustdose"
TERMINAL = {"cli", "report.rich"}  # the only modules allowed to know about terminals

# The layers, from the bottom; a module may import from its own layer or one below. A
# name is a module or a package (the longest that matches a module places it); "" is the
# package's own __init__, the public API. docs/api.md draws the same.
LAYERS = [
    # the vocabulary, the words for it in four languages, and the errors that say where
    ("model", ["model", "i18n", "errors", "version", "memo"]),
    # files as they are read and written: YAML/JSON with positions, the config file, the
    # one atomic writer; the rule loader and the case intake stand on them
    ("files", ["places", "io.source", "io.aliases", "io.scalars", "io.validation", "io.text",
               "io.config", "io.atomic", "io.output"]),
    ("rules", ["rules"]),  # rule data: files, conditions, loader, cache
    ("engine", ["engine"]),
    # a case as given (a document, the questionnaire's answers, a board's area, a
    # self-view beside them) → the engine
    ("intake", ["intake", "questionnaire", "task_words", "board", "selfview", "leading"]),
    # an assessment drawn in each format: batch and the command line both draw with it
    ("report", ["report"]),
    ("proofs, rows, journal, batch", ["proofs", "io.readers", "io.columns", "io.cells", "journal",
                                      "io.headers", "io.encodings", "io.layout", "io.workbook",
                                      "io.template", "io.dropdowns", "io.merged",
                                        "batch"]),
    ("api", ["api", ""]),
    ("cli", ["cli", "__main__"]),
]
# Imports that still run the wrong way, each owned by another part of issue 19; the
# test below fails when one is gone, so that its line here is deleted with it.
KNOWN: dict = {}
# Modules with lines over 100 characters, each being reworked by another part of issue 19
# (the same rule: the test below fails when a module is clean, to delete its line here).
KNOWN_LONG: dict = {}


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(p for p in parts if p != "__init__")


MODULES = {_module(p): p for p in sorted(PACKAGE.rglob("*.py"))}
CORE = {name: path for name, path in MODULES.items()
        if not any(name == t or name.startswith(t + ".") for t in TERMINAL)
        and name != "__main__"}


def _imported(name: str, node: ast.AST, is_package: bool) -> list[str]:
    """The package's modules an import statement names (a name imported from a package is
    its submodule when there is one)."""
    if isinstance(node, ast.Import):
        return [alias.name.removeprefix("trustdose").lstrip(".") for alias in node.names
                if alias.name.split(".")[0] == "trustdose"]
    if not isinstance(node, ast.ImportFrom):
        return []
    if node.level:
        base = name.split(".") if name else []
        base = base if is_package else base[:-1]
        base = base[:len(base) - node.level + 1]
        source = ".".join([*base, *([node.module] if node.module else [])])
    elif node.module and node.module.split(".")[0] == "trustdose":
        source = node.module.removeprefix("trustdose").lstrip(".")
    else:
        return []
    found = []
    for alias in node.names:
        sub = f"{source}.{alias.name}".strip(".")
        found.append(sub if sub in MODULES else source)
    return found


def _lazy_api(tree: ast.Module) -> list[str]:
    """The modules the public API imports when a name is first used (its `_API` table)."""
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "_API":
            return [value.value for value in node.value.values]
    return []


@functools.cache
def _graph() -> dict[str, set[str]]:
    """Each module and the package's modules it imports (parsed when a test first asks: at
    import, both test workers parsed every module while collecting)."""
    graph = {}
    for name, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found = {target for node in ast.walk(tree)  # module level and inside functions
                 for target in _imported(name, node, path.name == "__init__.py")}
        if name == "":
            found |= set(_lazy_api(tree))
        graph[name] = found - {name}
    return graph


def _layer(name: str) -> int:
    matches = [(len(prefix), rank) for rank, (_, prefixes) in enumerate(LAYERS)
               for prefix in prefixes
               if name == prefix or (prefix and name.startswith(prefix + "."))]
    assert matches, f"trustdose.{name} is in no layer: place it in LAYERS"
    return max(matches)[1]


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle (its modules in order, the first again at the end), or None."""
    done: set[str] = set()
    for start in sorted(graph):
        path, on_path, stack = [], set(), [(start, iter(sorted(graph[start])))]
        if start in done:
            continue
        path.append(start), on_path.add(start)
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop(), path.pop(), on_path.discard(node), done.add(node)
            elif child in on_path:
                return path[path.index(child):] + [child]
            elif child not in done:
                stack.append((child, iter(sorted(graph.get(child, ()))))), path.append(child)
                on_path.add(child)
    return None


def test_every_import_names_a_module_that_exists():
    for name, targets in _graph().items():
        assert targets <= set(MODULES), (name, targets - set(MODULES))


def test_no_import_cycle_lazy_imports_included():
    graph = {name: targets - {b for a, b in KNOWN if a == name}
             for name, targets in _graph().items()}
    assert _cycle(graph) is None, " → ".join(_cycle(graph) or [])


def test_the_cycle_finder_finds_one():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None


def test_imports_run_down_the_layers():
    upward = sorted(f"{name} ({LAYERS[_layer(name)][0]}) imports {target} "
                    f"({LAYERS[_layer(target)][0]})"
                    for name, targets in _graph().items() for target in targets
                    if _layer(target) > _layer(name) and (name, target) not in KNOWN)
    assert not upward, "\n".join(upward)


def test_every_known_exception_is_still_needed():
    for (name, target), owner in KNOWN.items():
        assert target in _graph().get(name, ()), f"{name} → {target} is gone ({owner}): " \
            "delete it from KNOWN"


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
    docstrings = _docstrings(tree)
    for node in ast.walk(tree):
        assert not (isinstance(node, ast.Attribute) and node.attr == "stdin"), node.lineno
        if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and id(node) not in docstrings:
            assert not re.search(r"(?<![\w-])--[a-z]", node.value), (node.lineno, node.value)


def _docstrings(tree: ast.AST) -> set[int]:
    """The ids of the nodes that are a module's, class's or function's docstring (found in
    one walk: asking per constant made the test quadratic in the module's size)."""
    return {id(parent.body[0].value) for parent in ast.walk(tree)
            if isinstance(parent, (ast.Module, ast.FunctionDef, ast.ClassDef))
            and parent.body and isinstance(parent.body[0], ast.Expr)}


@pytest.mark.parametrize("name", sorted(MODULES))
def test_modules_and_functions_are_small(name):
    text = MODULES[name].read_text(encoding="utf-8")
    assert text.count("\n") <= 400
    long = [number for number, line in enumerate(text.splitlines(), start=1) if len(line) > 100]
    if name in KNOWN_LONG:
        assert long, f"{name} is clean now ({KNOWN_LONG[name]}): delete it from KNOWN_LONG"
    else:
        assert not long, f"lines over 100 characters: {long}"
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            assert node.end_lineno - node.lineno < 60, node.name


@pytest.mark.parametrize("script", sorted((PACKAGE.parents[1] / "benchmarks").glob("*.py")),
                         ids=lambda p: p.name)
def test_the_benchmarks_import_what_exists(script):
    import importlib.util
    spec = importlib.util.spec_from_file_location(f"benchmark_{script.stem}", script)
    spec.loader.exec_module(importlib.util.module_from_spec(spec))  # runs their imports only
