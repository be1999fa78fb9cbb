"""Free-standing glass (the test track's glazed footbridge) reads as glass on Low: a light
blue-grey sky reflection on every side, not dark slate where it faces away from the sun, and
drawn opaque (no blending: it costs no more fill than before)."""

from __future__ import annotations

import numpy as np

from viewer.model.tour.route import load_route
from viewer.scene.snapshot import OffscreenRenderer

SIZE = (960, 540)


def _pane_points(positions: np.ndarray, scales: np.ndarray, yaws: np.ndarray) -> np.ndarray:
    """Points spread over each pane (a thin box: its width along its yaw, its height)."""
    points = []
    for (x, y, z), (width, _, height), yaw in zip(positions, scales, yaws, strict=True):
        along = np.array([np.cos(yaw), np.sin(yaw)])
        for u in np.linspace(-0.45, 0.45, 15):
            for v in np.linspace(0.1, 0.9, 7):
                px, py = np.array([x, y]) + along * u * width
                points.append((px, py, z + v * height))
    return np.array(points)


def _pixels(renderer: OffscreenRenderer, image: np.ndarray, points: np.ndarray) -> np.ndarray:
    """The picture's colours at the world points in view."""
    camera = renderer.plotter.renderer.GetActiveCamera()
    width, height = SIZE
    matrix = camera.GetCompositeProjectionTransformMatrix(width / height, -1.0, 1.0)
    m = np.array([[matrix.GetElement(i, j) for j in range(4)] for i in range(4)])
    clip = np.hstack([points, np.ones((len(points), 1))]) @ m.T
    ahead = clip[:, 3] > 1e-6
    col = ((clip[ahead, 0] / clip[ahead, 3] + 1.0) / 2.0 * width).round().astype(int)
    row = ((1.0 - (clip[ahead, 1] / clip[ahead, 3] + 1.0) / 2.0) * height).round().astype(int)
    inside = (col >= 0) & (col < width) & (row >= 0) & (row < height)
    return image[row[inside], col[inside]].astype(int)


def test_on_low_the_footbridge_glass_is_a_light_blue_grey(plant):
    renderer = OffscreenRenderer(plant, SIZE, route=load_route(), quality="low")
    try:
        panes = renderer.scene.halls.panes
        assert panes.count >= 2  # the bridge's glazed walls and its towers' glass
        assert panes.actor.GetProperty().GetOpacity() == 1.0  # opaque: no blending pass
        image = renderer.render_stop("test-track")
        # the panes' yaw from their orientation quaternions (about z: w, 0, 0, z)
        w, z = panes.orientations[:, 0], panes.orientations[:, 3]
        yaws = 2.0 * np.arctan2(z, w)
        colours = _pixels(renderer, image, _pane_points(panes.positions, panes.scales, yaws))
    finally:
        renderer.close()
    assert len(colours) > 200  # the glass is in the picture
    r, g, b = np.median(colours, axis=0)
    assert (r + g + b) / 3 > 110, (r, g, b)  # was (55, 62, 67): dark slate
    assert b > r + 15 and g > r  # bluish: the sky in it
    assert max(r, g, b) < 235  # glass, not the white frame round it
