"""No import cycles among the project's modules, found from the source (ast), and the layers
import only downward: texts < model < scene < ui < app.

Three kinds of import are told apart: at module level (run on import), inside a function (run
when called) and under ``if TYPE_CHECKING:`` (never run; type hints only).
"""

from __future__ import annotations

import ast
import functools
import subprocess
import sys
from pathlib import Path

import pytest

import viewer

ROOT = Path(viewer.__file__).parent
LAYERS = ("viewer.texts", "viewer.model", "viewer.scene", "viewer.ui", "viewer.app")
# The modules that make a main window (the command line's); nothing else names it.
WINDOW_MAKERS = {"viewer.app.cli", "viewer.app.kiosk_command"}


def module_files(root: Path = ROOT) -> dict[str, Path]:
    """The project's modules by dotted name (a package by its ``__init__.py``)."""
    found = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _is_type_checking(node: ast.If) -> bool:
    return "TYPE_CHECKING" in ast.unparse(node.test)


@functools.cache
def imports(path: Path, package: str) -> dict[str, set[str]]:
    """The names ``path`` imports, by kind: 'module', 'function' and 'typing'."""
    found: dict[str, set[str]] = {"module": set(), "function": set(), "typing": set()}

    def visit(node: ast.AST, kind: str) -> None:
        for child in ast.iter_child_nodes(node):
            here = kind
            if isinstance(child, ast.If) and _is_type_checking(child):
                here = "typing"
            elif isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                here = "function" if kind == "module" else kind
            if isinstance(child, ast.Import):
                found[here] |= {alias.name for alias in child.names}
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:  # relative: from the package, level - 1 packages up
                    parent = package.rsplit(".", child.level - 1)[0] if child.level > 1 else package
                    base = f"{parent}.{base}" if base else parent
                found[here].add(base)
                found[here] |= {f"{base}.{alias.name}" for alias in child.names}
            visit(child, here)

    visit(ast.parse(path.read_text(encoding="utf-8")), "module")
    return found


def import_graph(kinds: tuple[str, ...]) -> dict[str, set[str]]:
    """Module -> the project's modules it imports by the given kinds (not its own packages,
    which Python imports first anyway)."""
    files = module_files()
    graph = {}
    for name, path in files.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        names = set().union(*(imports(path, package)[kind] for kind in kinds))
        targets = set()
        for target in names:
            while target and target not in files:
                target = target.rpartition(".")[0]
            if target and target != name and not name.startswith(target + "."):
                targets.add(target)
        graph[name] = targets
    return graph


def cycles(graph: dict[str, set[str]]) -> list[set[str]]:
    """The strongly connected parts of ``graph`` with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[set[str]] = []

    def strong(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph[node]):
            if other not in index:
                strong(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            part = set()
            while True:
                other = stack.pop()
                on_stack.discard(other)
                part.add(other)
                if other == node:
                    break
            if len(part) > 1:
                found.append(part)

    for node in sorted(graph):
        if node not in index:
            strong(node)
    return found


def a_loop(graph: dict[str, set[str]], part: set[str]) -> list[str]:
    """One closed path through ``part``, to name in a failure."""
    start = min(part)
    path, seen = [start], {start}
    while True:
        step = min(other for other in graph[path[-1]] if other in part)
        path.append(step)
        if step in seen:
            return path[path.index(step) :]
        seen.add(step)


def test_the_finder_finds_a_cycle_and_its_kind(tmp_path):
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "a.py").write_text("import pkg.b\n")
    (package / "b.py").write_text("def f():\n    from pkg import a\n")
    (package / "c.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import pkg.a\n"
    )
    found = imports(package / "b.py", "pkg")
    assert found["function"] == {"pkg", "pkg.a"} and not found["module"]
    assert imports(package / "c.py", "pkg")["typing"] == {"pkg.a"}
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [{"a", "b", "c"}]
    assert a_loop(graph, {"a", "b", "c"}) == ["a", "b", "c", "a"]


@pytest.mark.parametrize("kinds", [("module",), ("module", "function")], ids=["module", "run"])
def test_no_import_cycles(kinds):
    graph = import_graph(kinds)
    assert len(graph) > 100
    loops = [" -> ".join(a_loop(graph, part)) for part in cycles(graph)]
    assert loops == []


def test_no_cycles_through_type_hints_either():
    """Not even through ``if TYPE_CHECKING`` imports: a part that needs some of its owner
    (the halls, the sun's shadows, the outside's checks) names what it needs as a Protocol."""
    graph = import_graph(("module", "function", "typing"))
    loops = [" -> ".join(a_loop(graph, part)) for part in cycles(graph)]
    assert loops == []


def test_no_type_hint_cycles_in_the_ui():
    graph = import_graph(("module", "function", "typing"))
    loops = [
        " -> ".join(a_loop(graph, part))
        for part in cycles(graph)
        if any(name.startswith(("viewer.ui", "viewer.app")) for name in part)
    ]
    assert loops == []


def test_only_the_command_line_names_the_main_window():
    graph = import_graph(("module", "function", "typing"))
    naming = {name for name, targets in graph.items() if "viewer.ui.window.main_window" in targets}
    assert naming <= WINDOW_MAKERS, sorted(naming - WINDOW_MAKERS)


def _layer(name: str) -> int:
    return next((k for k, layer in enumerate(LAYERS) if name.startswith(layer)), -1)


def test_each_layer_imports_only_downward():
    graph = import_graph(("module", "function", "typing"))
    upward = [
        f"{name} imports {target}"
        for name, targets in graph.items()
        for target in targets
        if _layer(target) > _layer(name) >= 0
    ]
    assert upward == []
    texts = imports(ROOT / "texts" / "__init__.py", "viewer.texts")
    assert not any(name.startswith("viewer") for kind in texts.values() for name in kind)


COMMANDS = {
    "check-route": ["check-route", "--json"],
    "snapshot": ["snapshot", "--out", "{tmp}/s.png", "--size", "64x36", "--quality", "low"],
    "video": [
        "video",
        "--out",
        "{tmp}/v.gif",
        "--size",
        "32x18",
        "--start",
        "0",
        "--end",
        "1",
        "--fps",
        "1",
        "--quality",
        "low",
    ],
    "script": ["script", "--out", "{tmp}/s.pdf"],
}


def test_the_off_screen_commands_import_no_widgets(tmp_path):
    runs = {name: [arg.format(tmp=tmp_path) for arg in args] for name, args in COMMANDS.items()}
    code = (  # one interpreter: after each command, whether a widget module was loaded
        "import sys\n"
        "from viewer.app.cli import main\n"
        f"for name, args in {runs!r}.items():\n"
        "    status = main(args)\n"
        "    print(name, status, 'PySide6.QtWidgets' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=300
    )
    lines = [line for line in result.stdout.splitlines() if line.split(" ")[0] in COMMANDS]
    assert lines == [f"{name} 0 False" for name in COMMANDS], result.stderr
