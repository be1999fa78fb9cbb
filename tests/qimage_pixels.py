"""A QImage's pixels as a NumPy array, for the tests that look at what a window shows, and the
pixels of a colour in a picture however lit."""

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


def pixels_like(image: np.ndarray, rgb: tuple[float, float, float], dark: float = 60) -> np.ndarray:
    """Pixels of the colour ``rgb`` however lit: the same hue and saturation, not darker than
    ``dark``."""
    pixels = image[..., :3].astype(float)
    top = pixels.max(axis=2, keepdims=True)
    target = np.asarray(rgb) / max(rgb)
    return (top[..., 0] > dark) & (np.abs(pixels / np.maximum(top, 1) - target).max(axis=2) < 0.12)


def assert_figures_in_colours(
    shown: np.ndarray,
    hidden: np.ndarray,
    top: tuple[float, float, float],
    skin: tuple[float, float, float],
    trousers: tuple[float, float, float],
) -> None:
    """People in a picture (``shown``; ``hidden``: the same without them) show faces in
    ``skin`` over tops in ``top`` over dark ``trousers``, each over enough pixels."""
    person = np.abs(shown.astype(int) - hidden.astype(int)).sum(axis=2) > 30
    masks = {
        "face": person & pixels_like(shown, skin),
        "top": person & pixels_like(shown, top),
        "trousers": person & (shown[..., :3].max(axis=2) < 90) & pixels_like(shown, trousers, 12),
    }
    assert masks["top"].sum() > 300 and masks["face"].sum() > 40
    assert masks["trousers"].sum() > 150
    rows = np.arange(shown.shape[0])[:, None]
    mean_row = {name: (rows * mask).sum() / mask.sum() for name, mask in masks.items()}
    assert mean_row["face"] < mean_row["top"] < mean_row["trousers"]  # image rows go down
