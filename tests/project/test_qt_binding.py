"""The Qt binding itself: it must not leak or lose references in calls made every frame.

PySide6 6.12.0 drops a reference to ``None`` on every call of a method returning nothing
(``QWidget.update()``, ``QLabel.setText()``...): a window that runs for minutes then aborts with
"deallocating None". pyproject.toml excludes that release; this test catches any other.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel, QWidget


def test_void_calls_keep_the_references_to_none(qapp):
    widget = QWidget()
    label = QLabel(widget)
    before = sys.getrefcount(None)
    for _ in range(200):
        widget.update()
        label.setText("x")
    assert sys.getrefcount(None) >= before - 10
