"""No import cycles among the project's modules, found from the source (ast), and the layers
import only downward: texts < model < scene < ui < app.

Three kinds of import are told apart: at module level (run on import), inside a function (run
when called) and under ``if TYPE_CHECKING:`` (never run; type hints only).
"""

from __future__ import annotations

import ast
import functools
import importlib.util
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


def _figures():
    """``benchmarks/architecture_figures.py``, which finds imports and cycles from the source
    (of a git revision or, here, of the files)."""
    path = Path(__file__).resolve().parents[2] / "benchmarks" / "architecture_figures.py"
    spec = importlib.util.spec_from_file_location("architecture_figures", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


FIGURES = _figures()
cycles = FIGURES.cycles


@functools.cache
def imports(path: Path, package: str) -> dict[str, set[str]]:
    """The names ``path`` imports, by kind: 'module', 'function' and 'typing'."""
    return FIGURES.imports(ast.parse(path.read_text(encoding="utf-8")), package)


def import_graph(kinds: tuple[str, ...]) -> dict[str, set[str]]:
    """Module -> the project's modules it imports by the given kinds (not its own packages,
    which Python imports first anyway)."""
    files = module_files()
    trees = {name: ast.parse(path.read_text(encoding="utf-8")) for name, path in files.items()}
    paths = {name: str(path) for name, path in files.items()}
    return FIGURES.import_graph(trees, paths, kinds)


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
