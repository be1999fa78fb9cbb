"""Free-standing glass (the test track's glazed footbridge) reads as glass on Low: a light
blue-grey sky reflection on every side, not dark slate where it faces away from the sun, and
drawn opaque (no blending: it costs no more fill than before)."""

from __future__ import annotations

import numpy as np
from world_pixels import colors_at

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
        colours = colors_at(renderer, image, _pane_points(panes.positions, panes.scales, yaws))
    finally:
        renderer.close()
    assert len(colours) > 200  # the glass is in the picture
    r, g, b = np.median(colours, axis=0)
    assert (r + g + b) / 3 > 110, (r, g, b)  # was (55, 62, 67): dark slate
    assert b > r + 15 and g > r  # bluish: the sky in it
    assert max(r, g, b) < 235  # glass, not the white frame round it
