"""benchmarks/architecture_figures.py measures a tree's architecture from its source (ast)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _script():
    path = ROOT / "benchmarks" / "architecture_figures.py"
    spec = importlib.util.spec_from_file_location("architecture_figures", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


WINDOW = """
from PySide6.QtWidgets import QMainWindow
from viewer.ui.panel import Panel
from viewer.ui.dock import Dock

class MainWindow(QMainWindow):
    shown = Signal()

    def __init__(self):
        self.panel, self.dock = Panel(self), Dock()
        self.count: int = 0

    @property
    def plant(self):
        return self.panel

    def _show_time(self, t):
        self.panel.show_time(t)
        self.dock.place(t)
        self.state.time = t
        self.shown.emit()
"""
PANEL = """
class Panel:
    def __init__(self, window):
        self.window = window
        window.setWindowTitle("x")

    def show_time(self, t):
        self.window.dock.place(t)
        self.window.count += 1
"""
DOCK = """
from typing import TYPE_CHECKING
if TYPE_CHECKING:
    from viewer.ui.main_window import MainWindow

class Dock:
    def attach(self, window: QMainWindow):
        window.addDockWidget(1, self)

    def follow(self, main_window: "MainWindow"):
        return main_window.close()
"""


def test_the_figures_of_a_small_tree():
    figures = _script().figures(
        {
            "viewer/__init__.py": "",
            "viewer/ui/__init__.py": "",
            "viewer/ui/main_window.py": WINDOW,
            "viewer/ui/panel.py": PANEL,
            "viewer/ui/dock.py": DOCK,
        }
    )
    assert (figures["methods"], figures["properties"]) == (3, 1)
    assert figures["attributes"] == 3  # panel, dock, count: self.state.time is not the window's
    assert figures["lines"] == len(WINDOW.splitlines())
    assert figures["project_imports"] == 2
    # the panel reaches into the window (dock, count); the dock's typed parameter is one, its
    # parameter used only for Qt's call is not
    assert figures["back_reference_modules"] == ["viewer.ui.dock", "viewer.ui.panel"]
    assert figures["back_reference_accesses"] == 2 + 1  # self.window.dock, .count; .close
    assert figures["run_cycles"] == []
    assert figures["typing_cycles"] == [["viewer.ui.dock", "viewer.ui.main_window"]]
    assert figures["fan_out_sites"] == 2  # panel.show_time and dock.place, not the state's
    assert figures["time_listeners"] == 0


def test_a_revision_and_the_working_tree_are_read(capsys):
    script = _script()
    assert script.main(["HEAD", "."]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split() == ["figure", "HEAD", "working", "tree"]
    assert "viewer/ui/window/main_window.py" in out
