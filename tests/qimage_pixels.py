"""A QImage's pixels as a NumPy array, for the tests that look at what a window shows."""

from __future__ import annotations

import numpy as np


def rgb_pixels(image) -> np.ndarray:  # noqa: ANN001 - a QImage
    """The image's RGB pixels, (H, W, 3) uint8, one row per pixel row (a copy: the QImage's
    memory goes with it)."""
    from PySide6.QtGui import QImage

    image = image.convertToFormat(QImage.Format.Format_RGB888)
    width, height = image.width(), image.height()
    data = np.frombuffer(image.constBits(), np.uint8, image.bytesPerLine() * height)
    rows = data.reshape(height, image.bytesPerLine())[:, : width * 3]
    return rows.reshape(height, width, 3).copy()
