"""Where world points fall in an off-screen renderer's picture: a test's way to read the colour
of a known surface (a bridge's deck, a machine's band) from the picture the seat sees."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


def colors_at(renderer: object, image: np.ndarray, points: np.ndarray) -> np.ndarray:
    """The colours (N, 3) of ``image`` (the renderer's last picture, (H, W, 3)) at the world
    ``points`` (N, 3) in front of its camera and inside the picture."""
    height, width = image.shape[:2]
    camera = renderer.plotter.renderer.GetActiveCamera()  # type: ignore[attr-defined]
    matrix = camera.GetCompositeProjectionTransformMatrix(width / height, -1.0, 1.0)
    m = np.array([[matrix.GetElement(i, j) for j in range(4)] for i in range(4)])
    clip = np.hstack([points, np.ones((len(points), 1))]) @ m.T
    ahead = clip[:, 3] > 1e-6
    col = ((clip[ahead, 0] / clip[ahead, 3] + 1.0) / 2.0 * width).round().astype(int)
    row = ((1.0 - (clip[ahead, 1] / clip[ahead, 3] + 1.0) / 2.0) * height).round().astype(int)
    inside = (col >= 0) & (col < width) & (row >= 0) & (row < height)
    return image[row[inside], col[inside]].astype(int)


def projector(renderer: object, height: int) -> Callable[[np.ndarray], tuple[int, int]]:
    """A function from a world point to its (column, row) in the renderer's picture of
    ``height`` rows (row 0 at the top)."""
    view = renderer.plotter.renderer  # type: ignore[attr-defined]

    def project(point: np.ndarray) -> tuple[int, int]:
        view.SetWorldPoint(*point, 1.0)
        view.WorldToDisplay()
        x, y, _ = view.GetDisplayPoint()
        return int(round(x)), int(round(height - 1 - y))

    return project
