"""Run in a subprocess by test_click_to_learn: pick at the view's centre, print what was hit.

The parent sets QT_SCALE_FACTOR to give the window a device-pixel ratio of 2.
"""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from viewer.model.plant.layout import load_plant
from viewer.ui.window.main_window import MainWindow

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from click_helpers import look_at_robot  # noqa: E402

app = QApplication([])
window = MainWindow(load_plant(), play=False)
window.resize(900, 600)
window.show()
QTest.qWaitForWindowExposed(window)
robot = int(sys.argv[1])
look_at_robot(window, robot)
center = QPoint(window.plotter.width() // 2, window.plotter.height() // 2)
QTest.mouseClick(window.plotter, Qt.MouseButton.LeftButton, pos=center)
print(json.dumps({"ratio": window.plotter.devicePixelRatioF(), "picked": window.learn.picked}))
window.close()
