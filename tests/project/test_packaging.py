"""What an installed copy gets: every package, the texts' data file, the command's entry point."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys
from pathlib import Path

import viewer

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"  # the checkout the tests are in


def _project() -> dict:
    return tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))


def test_every_source_package_is_installed_with_its_data():
    setup = _project()["tool"]["setuptools"]
    listed = set(setup["packages"])
    found = {"viewer"} | {
        info.name for info in pkgutil.walk_packages(viewer.__path__, "viewer.") if info.ispkg
    }
    assert found <= listed
    assert "*.toml" in setup["package-data"]["viewer.texts"]


def test_the_factory_tour_command_is_the_app_s_main():
    module, _, name = _project()["project"]["scripts"]["factory-tour"].partition(":")
    assert module == "viewer.app.cli"
    assert getattr(importlib.import_module(module), name)(["check-route", "--json"]) == 0


def test_python_m_viewer_runs_the_command_line():
    result = subprocess.run(
        [sys.executable, "-m", "viewer", "--help"], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0
    assert "{snapshot,check-route,script,video}" in result.stdout
