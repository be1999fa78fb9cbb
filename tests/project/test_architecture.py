"""The layers: viewer/model imports neither Qt nor VTK."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import viewer.model

FORBIDDEN = (
    "PySide6",
    "PyQt5",
    "PyQt6",
    "pyvista",
    "pyvistaqt",
    "vtk",
    "vtkmodules",
    "viewer.scene",
    "viewer.ui",
)


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_model_sources_import_no_qt_or_vtk():
    folder = Path(viewer.model.__file__).parent
    files = sorted(folder.rglob("*.py"))
    assert len(files) >= 5
    for path in files:
        for name in _imports(path):
            assert not name.startswith(FORBIDDEN), f"{path.name} imports {name}"


def test_importing_the_model_loads_no_qt_or_vtk():
    code = (
        "import sys, viewer.model.plant.layout, viewer.model.plant.equipment, "
        "viewer.model.plant.views\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'vtkmodules', 'vtk', 'pyvista', 'pyvistaqt')]\n"
        "print(','.join(bad))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_scene_does_not_import_the_ui():
    folder = Path(viewer.model.__file__).parent.parent / "scene"
    for path in folder.rglob("*.py"):
        for name in _imports(path):
            assert not name.startswith(("PySide6", "viewer.ui")), f"{path.name} imports {name}"


def test_bundled_assets_are_found_next_to_the_imported_package():
    import viewer
    from viewer.model.assets import assets_dir, chinese_font_path, default_plant_path

    assert default_plant_path().is_file() and chinese_font_path().is_file()
    package = Path(viewer.__file__).parent
    if "site-packages" in package.parts:  # an installed copy must use its own data
        assert assets_dir() == package / "assets"
    else:  # a source checkout uses the top-level assets/ folder
        assert assets_dir() == package.parent / "assets"
