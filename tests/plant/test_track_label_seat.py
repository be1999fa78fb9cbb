"""The test track's label is read whole from the seat at the test-track stop and from above:
its panel lies wholly on the picture and nothing covers it (every part of it shows the label's
light panel, drawn over what is behind it).

From the seat its far straight, where the label stood, lay right behind the glass bridge: in a
640 x 360 picture a stair tower hid the start of its name ("st track (2.5 km)"), and a far
hall's label was cut by the trees along the road.
"""

from __future__ import annotations

import numpy as np
import pytest

from viewer.model.tour.route import load_route
from viewer.scene.snapshot import OffscreenRenderer

SLICES = 8  # the panel is checked in this many vertical slices, left to right


def _label_is_whole_and_uncovered(renderer: OffscreenRenderer, image: np.ndarray, key: str):
    """Assert the label ``key`` is placed, its panel wholly on ``image`` and every slice of it
    showing the panel: light pixels that differ from the same picture without the label."""
    scene_renderer = renderer.plotter.renderer
    labels = renderer.scene.labels
    index = next(i for i, item in enumerate(labels.items) if item.key == key)
    item = labels.items[index]
    assert item.placed, f"{key} not shown"
    height, width = image.shape[:2]
    x0, x1, y0, y1 = labels.screen_boxes(scene_renderer)[index]
    assert x0 >= 0 and x1 <= width and y0 >= 0 and y1 <= height, (x0, x1, y0, y1)
    item.actor.SetVisibility(False)
    renderer.plotter.render()
    without = np.asarray(renderer.plotter.screenshot(return_img=True)).astype(int)
    item.actor.SetVisibility(True)
    rows = slice(height - int(y1) + 3, height - int(y0) - 3)  # y up on the window, down here
    cols = np.linspace(int(x0) + 3, int(x1) - 3, SLICES + 1).astype(int)
    panel = image[rows].astype(int)
    for left, right in zip(cols[:-1], cols[1:], strict=True):
        shown, behind = panel[:, left:right], without[rows, left:right]
        light = shown.min(axis=2) >= 200  # the panel: white at 0.82 over what is behind
        changed = np.abs(shown - behind).max(axis=2) > 8
        share = float((light & changed).mean())
        assert share >= 0.4, f"{key}: columns {left}-{right} covered ({share:.0%} panel)"


@pytest.mark.parametrize(("size", "quality"), [((640, 360), "low"), ((960, 540), "medium")])
def test_the_track_label_is_whole_and_uncovered_from_the_test_track_seat(plant, size, quality):
    renderer = OffscreenRenderer(plant, size, route=load_route(), quality=quality)
    try:
        image = renderer.render_stop("test-track")
        _label_is_whole_and_uncovered(renderer, image, plant.track.id)
        # a far hall's label is not left half hidden behind the trees along the road
        shown = renderer.scene.labels.shown()
        assert [key for key in shown if key != plant.track.id] == []
    finally:
        renderer.close()


@pytest.mark.parametrize("view", ["overview", "test-track"])
def test_the_track_label_is_whole_and_uncovered_from_above(plant, view):
    renderer = OffscreenRenderer(plant, (640, 360), quality="low")
    try:
        image = renderer.render(view=view)
        _label_is_whole_and_uncovered(renderer, image, plant.track.id)
    finally:
        renderer.close()
