"""Architecture figures of the viewer's source (issue 21), measured with ``ast``, for git
revisions or the working tree.

Usage: ``python benchmarks/architecture_figures.py [REV ...] [--json]``. Each ``REV`` is a git
revision (``0435b7c``, ``HEAD``) whose ``viewer/`` tree is read with ``git ls-tree`` and
``git show`` (nothing is checked out); ``.`` or no argument at all is the working tree (the
files on disk, committed or not). It prints one table, a column per revision; ``--json`` prints
the figures as JSON instead. Nothing is imported from the revisions measured, so any revision
can be measured, whatever its layout (``viewer/ui/main_window.py`` before the folders by
feature, ``viewer/ui/window/main_window.py`` after).

The figures:

- **MainWindow's methods**: the functions defined in the class's body (properties included;
  how many of them are properties is shown beside), and its **attributes**: the distinct
  names ``x`` of every ``self.x`` assigned in its methods (``self.a, self.b = ...`` counts two).
- **main_window.py lines**, and its **project imports**: the distinct ``viewer`` modules it
  imports (any kind: at module level, inside a function, under ``if TYPE_CHECKING``).
- **Back-references to the window**: modules other than ``main_window.py`` where a function's
  parameter named ``window``/``main_window`` (with or without a leading ``_``), or an attribute
  ``self.window``/``self.main_window`` (likewise), is the MainWindow: typed with a hint naming
  ``MainWindow``, or used for a member that MainWindow itself defines (a method, property,
  class attribute or ``self.x`` of its own, not one of Qt's ``QMainWindow``). A window handed
  in only for Qt's own calls (the parent of a dock, ``setCentralWidget``) is not one. The
  accesses counted are every ``ref.member`` read through such a reference.
- **Import cycles** among the project's modules (Tarjan's strongly connected parts of the
  import graph, more than one module each), once with the imports that run (module level and
  inside functions) and once with type-hint-only imports (``if TYPE_CHECKING``) added. A
  package's own ``__init__`` is not counted as a target of its modules (Python imports it
  first anyway), as in ``tests/project/test_import_cycles.py``.
- **Hand fan-out of a frame's time**: in ``viewer/ui`` and ``viewer/app``, a *time handler* is
  a function named ``show_time``, ``_show_time``, ``set_time`` or ``_set_time``; one that calls
  another part's time handler (``self.part.show_time(...)``) hands the frame's time on by
  hand, and each call it makes on another part (``self.part.method(...)``, ``self.a.b.m(...)``;
  not the state, whose fields are the one evented way, and not a signal's ``emit``) is one
  fan-out site. Beside it: the listeners connected to the state's time
  (``events.time.connect``), the evented way.

Example (the table's lines)::

    figure                                    0435b7c   working tree
    MainWindow methods (properties)           ...
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORKING_TREE = "."
WINDOW_NAMES = {"window", "main_window", "_window", "_main_window"}
TIME_HANDLERS = {"show_time", "_show_time", "set_time", "_set_time"}
# QMainWindow's own names where PySide6 cannot be imported: enough for the window's calls
QT_FALLBACK = {
    "addDockWidget",
    "addToolBar",
    "centralWidget",
    "close",
    "menuBar",
    "resizeDocks",
    "setCentralWidget",
    "setWindowTitle",
    "show",
    "statusBar",
    "windowTitle",
}


# -- reading a tree ---------------------------------------------------------------------------
def read_sources(rev: str, root: Path = ROOT) -> dict[str, str]:
    """The ``viewer/**/*.py`` files of ``rev`` (``.``: the working tree), path -> text."""
    if rev == WORKING_TREE:
        return {
            path.relative_to(root).as_posix(): path.read_text(encoding="utf-8")
            for path in sorted((root / "viewer").rglob("*.py"))
            if "__pycache__" not in path.parts
        }
    listing = subprocess.run(
        ["git", "ls-tree", "-r", "--name-only", rev, "--", "viewer"],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    paths = [path for path in listing if path.endswith(".py")]
    batch = subprocess.run(  # one git process for all the files
        ["git", "cat-file", "--batch"],
        cwd=root,
        input="".join(f"{rev}:{path}\n" for path in paths).encode(),
        capture_output=True,
        check=True,
    ).stdout
    sources, at = {}, 0
    for path in paths:
        header_end = batch.index(b"\n", at)
        size = int(batch[at:header_end].split()[2])
        sources[path] = batch[header_end + 1 : header_end + 1 + size].decode("utf-8")
        at = header_end + 1 + size + 1  # the object and its newline
    return sources


def module_name(path: str) -> str:
    """The dotted name of a source file: ``viewer/ui/clock.py`` -> ``viewer.ui.clock``."""
    parts = path.removesuffix(".py").split("/")
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


# -- imports and cycles -------------------------------------------------------------------------
def imports(tree: ast.Module, package: str) -> dict[str, set[str]]:
    """The dotted names a module imports, by kind: 'module', 'function' or 'typing'."""
    found: dict[str, set[str]] = {"module": set(), "function": set(), "typing": set()}

    def visit(node: ast.AST, kind: str) -> None:
        for child in ast.iter_child_nodes(node):
            here = kind
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                here = "typing"
            elif isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                here = "function" if kind == "module" else kind
            if isinstance(child, ast.Import):
                found[here] |= {alias.name for alias in child.names}
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    parent = package.rsplit(".", child.level - 1)[0] if child.level > 1 else package
                    base = f"{parent}.{base}" if base else parent
                found[here].add(base)
                found[here] |= {f"{base}.{alias.name}" for alias in child.names}
            visit(child, here)

    visit(tree, "module")
    return found


def import_graph(
    trees: dict[str, ast.Module], paths: dict[str, str], kinds: Iterable[str]
) -> dict[str, set[str]]:
    """Module -> the project's modules it imports by ``kinds`` (not its own packages)."""
    kinds = tuple(kinds)
    graph = {}
    for name, tree in trees.items():
        package = name if paths[name].endswith("__init__.py") else name.rpartition(".")[0]
        found = imports(tree, package)
        targets = set()
        for target in set().union(*(found[kind] for kind in kinds)):
            while target and target not in trees:
                target = target.rpartition(".")[0]
            if target and target != name and not name.startswith(target + "."):
                targets.add(target)
        graph[name] = targets
    return graph


def cycles(graph: dict[str, set[str]]) -> list[set[str]]:
    """The strongly connected parts of ``graph`` with more than one module (Tarjan; it recurses
    at most as deep as there are modules, a few hundred, within Python's limit).

    >>> sorted(map(sorted, cycles({"a": {"b"}, "b": {"a"}, "c": {"a"}})))
    [['a', 'b']]
    """
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


# -- the main window --------------------------------------------------------------------------
def find_class(tree: ast.Module, name: str) -> ast.ClassDef | None:
    """The top-level class ``name`` of ``tree``, if there is one."""
    return next(
        (node for node in tree.body if isinstance(node, ast.ClassDef) and node.name == name), None
    )


def self_attributes(cls: ast.ClassDef) -> set[str]:
    """The names ``x`` of every ``self.x`` assigned in ``cls``'s methods."""
    names = set()
    for node in ast.walk(cls):
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = list(node.targets)
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
            targets = [node.target]
        while targets:
            target = targets.pop()
            if isinstance(target, (ast.Tuple, ast.List)):
                targets.extend(target.elts)
            elif isinstance(target, ast.Starred):
                targets.append(target.value)
            elif (
                isinstance(target, ast.Attribute)
                and isinstance(target.value, ast.Name)
                and target.value.id == "self"
            ):
                names.add(target.attr)
    return names


def methods(cls: ast.ClassDef) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    """The functions defined in ``cls``'s body."""
    return [node for node in cls.body if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))]


def is_property(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether ``function`` is decorated as a property."""
    return any(ast.unparse(d).split(".")[0] == "property" for d in function.decorator_list)


def own_members(cls: ast.ClassDef) -> set[str]:
    """What MainWindow defines itself: methods, class attributes and ``self.x``, less the
    names Qt's QMainWindow has (a window reached for those is reached for Qt's calls)."""
    names = {f.name for f in methods(cls)} | self_attributes(cls)
    for node in cls.body:
        if isinstance(node, ast.Assign):
            names |= {t.id for t in node.targets if isinstance(t, ast.Name)}
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return names - qt_window_names()


def qt_window_names() -> set[str]:
    """The names of QMainWindow's API (PySide6's, else a short list of those used)."""
    try:
        from PySide6.QtWidgets import QMainWindow
    except ImportError:
        return set(QT_FALLBACK)
    return set(dir(QMainWindow))


# -- back-references --------------------------------------------------------------------------
def _window_ref(node: ast.AST) -> str | None:
    """``window`` for a name or ``self.window`` for an attribute that may hold the window."""
    if isinstance(node, ast.Name) and node.id in WINDOW_NAMES:
        return node.id
    if (
        isinstance(node, ast.Attribute)
        and node.attr in WINDOW_NAMES
        and isinstance(node.value, ast.Name)
        and node.value.id == "self"
    ):
        return f"self.{node.attr}"
    return None


def names_window(annotation: ast.expr) -> bool:
    """Whether a type hint names the MainWindow (not Qt's ``QMainWindow``)."""
    return re.search(r"(?<!\w)MainWindow\b", ast.unparse(annotation)) is not None


def back_references(tree: ast.Module, members: set[str]) -> int:
    """The accesses made through references to the MainWindow in ``tree`` (0: none held)."""
    accesses = 0
    scopes: list[tuple[ast.AST, str, bool]] = []  # (where it is used, the reference, typed)
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            args = node.args
            for arg in [*args.posonlyargs, *args.args, *args.kwonlyargs]:
                if arg.arg in WINDOW_NAMES:
                    typed = arg.annotation is not None and names_window(arg.annotation)
                    scopes.append((node, arg.arg, typed))
        elif isinstance(node, ast.ClassDef):
            typed = any(
                isinstance(n, ast.AnnAssign)
                and _window_ref(n.target) is not None
                and names_window(n.annotation)
                for n in ast.walk(node)
            )
            scopes.extend((node, f"self.{name}", typed) for name in WINDOW_NAMES)
    for scope, ref, typed in scopes:
        reads = [
            n
            for n in ast.walk(scope)
            if isinstance(n, ast.Attribute) and _window_ref(n.value) == ref
        ]
        if typed or any(n.attr in members for n in reads):
            accesses += len(reads)
    return accesses


# -- the frame's time -------------------------------------------------------------------------
def _part_call(call: ast.Call) -> tuple[str, str] | None:
    """(part, method) for a call ``self.part[.sub...].method(...)`` on another part."""
    func = call.func
    if not isinstance(func, ast.Attribute):
        return None
    chain, value = [], func.value
    while isinstance(value, ast.Attribute):
        chain.append(value.attr)
        value = value.value
    if not (isinstance(value, ast.Name) and value.id == "self") or not chain:
        return None
    return chain[-1], func.attr


def time_fan_out(trees: dict[str, ast.Module]) -> tuple[int, int]:
    """(hand fan-out sites, listeners of the state's time) in the ui and the command line."""
    sites = listeners = 0
    for name, tree in trees.items():
        if not name.startswith(("viewer.ui", "viewer.app")):
            continue
        listeners += len(re.findall(r"events\.time\.connect\(", ast.unparse(tree)))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.FunctionDef) and node.name in TIME_HANDLERS):
                continue
            calls = [
                found
                for n in ast.walk(node)
                if isinstance(n, ast.Call) and (found := _part_call(n)) is not None
            ]
            calls = [(part, method) for part, method in calls if part != "state"]
            if any(method in TIME_HANDLERS for _, method in calls):
                sites += sum(1 for _, method in calls if method != "emit")
    return sites, listeners


# -- the figures ------------------------------------------------------------------------------
def figures(sources: dict[str, str]) -> dict[str, object]:
    """The architecture figures of one tree's sources (see the module docstring)."""
    paths = {module_name(path): path for path in sources}
    trees = {name: ast.parse(sources[path]) for name, path in paths.items()}
    window_module = next(name for name in trees if name.endswith(".main_window"))
    cls = find_class(trees[window_module], "MainWindow")
    if cls is None:
        raise SystemExit(f"{paths[window_module]}: no class MainWindow")
    members = own_members(cls)
    funcs = methods(cls)
    every_import = import_graph(trees, paths, ("module", "function", "typing"))
    window_imports = every_import[window_module]
    refs = {
        name: n
        for name, tree in trees.items()
        if name != window_module and (n := back_references(tree, members))
    }
    run_cycles = cycles(import_graph(trees, paths, ("module", "function")))
    all_cycles = cycles(every_import)
    sites, listeners = time_fan_out(trees)
    return {
        "main_window": paths[window_module],
        "methods": len(funcs),
        "properties": sum(map(is_property, funcs)),
        "attributes": len(self_attributes(cls)),
        "lines": len(sources[paths[window_module]].splitlines()),
        "project_imports": len(window_imports),
        "back_reference_modules": sorted(refs),
        "back_reference_accesses": sum(refs.values()),
        "run_cycles": sorted(sorted(part) for part in run_cycles),
        "typing_cycles": sorted(sorted(part) for part in all_cycles),
        "fan_out_sites": sites,
        "time_listeners": listeners,
        "modules": len(trees),
    }


def _cycle_text(parts: list[list[str]]) -> str:
    if not parts:
        return "0"
    return f"{len(parts)} ({', '.join(str(len(part)) for part in parts)} modules)"


def table(columns: dict[str, dict[str, object]]) -> str:
    """The figures of each revision as a text table, a column per revision."""
    rows = [
        ("main_window.py", lambda f: f["main_window"]),
        ("MainWindow methods (properties)", lambda f: f"{f['methods']} ({f['properties']})"),
        ("MainWindow attributes (self.x)", lambda f: f["attributes"]),
        ("main_window.py lines", lambda f: f["lines"]),
        ("main_window.py project imports", lambda f: f["project_imports"]),
        ("modules with a window back-ref", lambda f: len(f["back_reference_modules"])),
        ("accesses through back-refs", lambda f: f["back_reference_accesses"]),
        ("import cycles (run-time)", lambda f: _cycle_text(f["run_cycles"])),
        ("import cycles (with type hints)", lambda f: _cycle_text(f["typing_cycles"])),
        ("hand fan-out sites of the time", lambda f: f["fan_out_sites"]),
        ("listeners of state's time", lambda f: f["time_listeners"]),
        ("project modules", lambda f: f["modules"]),
    ]
    cells = [["figure", *columns]] + [
        [label, *(str(value(f)) for f in columns.values())] for label, value in rows
    ]
    widths = [max(len(row[k]) for row in cells) for k in range(len(cells[0]))]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in cells
    ]
    for name, f in columns.items():
        for module in f["back_reference_modules"]:
            lines.append(f"{name}: back-reference in {module}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Print the figures of each revision given (the working tree when none is)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("revisions", nargs="*", help="git revisions; '.': the working tree")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    revisions = args.revisions or [WORKING_TREE]
    columns = {
        ("working tree" if rev == WORKING_TREE else rev): figures(read_sources(rev))
        for rev in revisions
    }
    print(json.dumps(columns, indent=1) if args.json else table(columns))
    return 0


if __name__ == "__main__":
    sys.exit(main())
