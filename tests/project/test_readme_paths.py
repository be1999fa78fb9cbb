"""Every path and module name the README gives exists, and its "Inside" section names every
module and test folder, so the map of the source cannot go stale unnoticed when files move."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"

# viewer/model/plant/layout.py, viewer/texts/texts.toml, viewer/scene/plant/ (a folder)
SOURCE_PATH = re.compile(r"\bviewer(?:/\w+)+(?:\.\w+)?")
# tests/project/test_texts.py, benchmarks/bench_quality.py
OTHER_PY = re.compile(r"\b(?:tests|benchmarks)(?:/\w+)+\.py\b")
# viewer.texts.tr, viewer.scene.instancing.InstancedShape
DOTTED = re.compile(r"\bviewer(?:\.[A-Za-z_]\w*)+")


def _readme() -> str:
    return README.read_text(encoding="utf-8")


def _inside() -> str:
    text = _readme()
    start = text.index("\n## Inside\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


def _module_file(parts: list[str]) -> Path | None:
    """The file of module ``parts`` (``['viewer', 'texts']``), or None."""
    base = ROOT.joinpath(*parts)
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _defines(body: list[ast.stmt], name: str) -> ast.stmt | None:
    """The statement of ``body`` that gives ``name`` a value (def, class, assignment, import)."""
    for node in body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            if node.name == name:
                return node
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id == name for t in targets):
                return node
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            if any((alias.asname or alias.name.split(".")[0]) == name for alias in node.names):
                return node
    return None


def _dotted_name_exists(dotted: str) -> bool:
    """Whether ``dotted`` is a module of the project, or a name a module (or its class) defines."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        module = _module_file(parts[:cut])
        if module is None:
            continue
        if cut < len(parts) and (ROOT.joinpath(*parts[:cut], parts[cut]).exists()):
            return False  # a folder or file of that name, but not a module
        body: list[ast.stmt] = ast.parse(module.read_text(encoding="utf-8")).body
        for name in parts[cut:]:
            node = _defines(body, name)
            if node is None:
                return False
            body = node.body if isinstance(node, ast.ClassDef) else []
        return True
    return False


def test_every_path_in_the_readme_exists():
    text = _readme()
    paths = {m.rstrip(".") for m in SOURCE_PATH.findall(text)} | set(OTHER_PY.findall(text))
    missing = sorted(path for path in paths if not (ROOT / path).exists())
    assert missing == []
    assert len(paths) > 100  # the Inside section gives every module's path


def test_every_dotted_name_in_the_readme_is_a_module_or_what_it_defines():
    names = set(DOTTED.findall(_readme()))
    assert sorted(name for name in names if not _dotted_name_exists(name)) == []
    assert names


def test_the_inside_section_names_every_module_and_every_test_folder():
    inside = set(SOURCE_PATH.findall(_inside())) | set(OTHER_PY.findall(_inside()))
    modules = {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "viewer").rglob("*.py")
        if path.name not in ("__init__.py", "__main__.py")
    }
    assert sorted(modules - inside) == []
    folders = {
        path.parent.relative_to(ROOT).as_posix() for path in (ROOT / "tests").glob("*/test_*.py")
    }
    assert sorted(folder for folder in folders if f"`{folder}/`" not in _inside()) == []


def test_a_moved_module_or_a_misspelt_name_is_caught():
    assert not (ROOT / "viewer/model/tour.py").exists()  # now viewer/model/tour/shuttle.py
    assert _dotted_name_exists("viewer.model.tour.shuttle.TourMotion")
    assert _dotted_name_exists("viewer.scene.plant")
    assert not _dotted_name_exists("viewer.ui.kiosk.kiosk_mode.KioskMode.no_such_method")
    assert not _dotted_name_exists("viewer.ui.kiosk.TouchHint")
    assert not _dotted_name_exists("viewer.model.tour.stop")
