"""The first window fits the screen's free area (also at QT_SCALE_FACTOR=1.5, where the
screen is smaller in Qt's pixels), and its docks lie on the screen."""

from __future__ import annotations

import doctest
import json
import os
import subprocess
import sys

import pytest
from PySide6.QtCore import QMargins, QPoint, QRect
from PySide6.QtWidgets import QDockWidget

import viewer.ui.window.window_size
from viewer.ui.window.window_size import FIRST_SIZE, fit_window, keep_on_screen

# A window at QT_SCALE_FACTOR=1.5, after its first frame: the screen's free area, the window
# with its frame, its least size, its visible docks and its 3D view, in Qt's pixels.
SCALED_WINDOW = """
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDockWidget
app = QApplication(sys.argv)
from viewer.model.plant.layout import load_plant
from viewer.ui.window.main_window import MainWindow
window = MainWindow(load_plant(), lang="en", play=False)
def rect(widget):
    top_left = widget.mapToGlobal(widget.rect().topLeft())
    return [top_left.x(), top_left.y(), widget.width(), widget.height()]
def report():
    QApplication.processEvents()
    frame, area = window.frameGeometry(), window.screen().availableGeometry()
    print(json.dumps({
        "available": [area.x(), area.y(), area.width(), area.height()],
        "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
        "least": [window.minimumSizeHint().width(), window.minimumSizeHint().height()],
        "docks": {dock.objectName(): rect(dock)
                  for dock in window.findChildren(QDockWidget) if dock.isVisible()},
        "view": rect(window.plotter),
    }))
    window.close()
    app.quit()
window.first_frame.connect(lambda: QTimer.singleShot(200, report))
window.show()
app.exec()
"""


def _inside(outer: list[int], inner: list[int]) -> bool:
    ox, oy, ow, oh = outer
    x, y, w, h = inner
    return ox <= x and oy <= y and x + w <= ox + ow and y + h <= oy + oh


def test_the_examples_in_the_docstrings_hold():
    result = doctest.testmod(viewer.ui.window.window_size)
    assert result.attempted > 0 and result.failed == 0


@pytest.mark.parametrize(
    "area",
    [
        QRect(0, 0, 1920, 1080),  # room: the window is 1280x800, centred
        QRect(0, 0, 1366, 728),  # a laptop with a taskbar at the bottom
        QRect(0, 0, 1024, 600),  # a netbook
        QRect(0, 0, 853, 533),  # 1280x800 at QT_SCALE_FACTOR=1.5
        QRect(1920, 27, 800, 453),  # a small second monitor to the right, a panel on top
    ],
)
def test_the_first_window_fits_any_free_screen_area(area):
    frame = QMargins(6, 30, 6, 6)
    inner = fit_window(area, frame)
    outer = inner.marginsAdded(frame)
    assert area.contains(outer)
    assert inner.width() == min(FIRST_SIZE.width(), area.width() - 12)
    assert inner.height() == min(FIRST_SIZE.height(), area.height() - 36)
    # centred
    assert abs((outer.left() - area.left()) - (area.right() - outer.right())) <= 1
    assert abs((outer.top() - area.top()) - (area.bottom() - outer.bottom())) <= 1


def test_the_window_and_its_docks_are_on_the_screen(window):
    area = window.screen().availableGeometry()
    assert area.contains(window.frameGeometry())
    for dock in window.findChildren(QDockWidget):
        if dock.isVisible():
            top_left = dock.mapToGlobal(QPoint(0, 0))
            assert area.contains(QRect(top_left, dock.size())), dock.objectName()


def test_a_window_placed_off_the_screen_is_brought_back(window):
    # as a window manager might place it: half off a screen, larger than its free area
    area = window.screen().availableGeometry()
    window.setGeometry(area.x() + 600, area.y() + 400, area.width() + 100, area.height())
    keep_on_screen(window)
    assert area.contains(window.frameGeometry())


def test_at_scale_one_and_a_half_the_window_and_docks_fit_the_screen(tmp_path):
    env = dict(os.environ, QT_SCALE_FACTOR="1.5", FACTORY_TOUR_DATA=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "-c", SCALED_WINDOW],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    area = seen["available"]
    assert area[2] < FIRST_SIZE.width() and area[3] < FIRST_SIZE.height()  # a small screen
    assert _inside(area, seen["frame"]), seen
    assert seen["least"][0] <= area[2] and seen["least"][1] <= area[3]
    assert {"tour", "plan"} <= set(seen["docks"])
    for name, rect in seen["docks"].items():
        assert _inside(area, rect), (name, seen)
    view = seen["view"]
    assert _inside(area, view) and view[2] >= area[2] // 2 and view[3] >= area[3] // 2
