"""Shared fixtures. GUI tests run on Qt's xcb platform under Xvfb (pytest-xvfb starts one when
there is no display); off-screen VTK rendering needs no display at all."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
# The tests' settings, logs and kiosk state stay out of the user's own folder.
os.environ["FACTORY_TOUR_DATA"] = tempfile.mkdtemp(prefix="factory-tour-tests-")
atexit.register(shutil.rmtree, os.environ["FACTORY_TOUR_DATA"], ignore_errors=True)  # each run

from viewer.model.assets import default_plant_path  # noqa: E402
from viewer.model.plant.layout import load_plant  # noqa: E402


@pytest.fixture(autouse=True)
def user_data(tmp_path_factory, monkeypatch) -> Path:
    """Each test its own settings, logs and kiosk state (a setting one test chooses, such as
    the quality or the text size, must not reach the next)."""
    folder = tmp_path_factory.mktemp("user-data")
    monkeypatch.setenv("FACTORY_TOUR_DATA", str(folder))
    return folder


@pytest.fixture(scope="session")
def plant():
    """The bundled plant layout."""
    return load_plant()


@pytest.fixture(scope="module")
def route():
    """The standard tour route (one per test module)."""
    from viewer.model.tour.route import load_route

    return load_route()


@pytest.fixture(scope="module")
def tour(route, plant):
    """The shuttle's motion along the standard route."""
    from viewer.model.tour.shuttle import TourMotion

    return TourMotion(route, plant)


@pytest.fixture(scope="session")
def plant_text() -> str:
    """The bundled plant layout file's text."""
    return default_plant_path().read_text(encoding="utf-8")


@pytest.fixture
def write_plant(tmp_path: Path):
    """Write layout text to a file in a temporary folder; returns its path."""

    def write(text: str, name: str = "plant.toml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def window(qtbot, plant):
    """The main window on the bundled plant, shown, paused, after its first frame."""
    from viewer.ui.window.main_window import MainWindow

    window = MainWindow(plant, lang="en", play=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitActive(window)
    window.plotter.setFocus()
    from PySide6.QtWidgets import QApplication

    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    qtbot.waitSignal(window.first_frame, timeout=10000, raising=False)
    yield window
    window.tour.rehearsal.panel.drafts.clear()  # no "save your notes?" question at teardown
    window.close()
