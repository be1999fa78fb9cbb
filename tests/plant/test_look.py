"""The pictures a visitor sees: every preset view and the seat view at every stop of the standard
route are drawn (not blank) and each is its own picture (no two alike)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from viewer.model.tour.route import load_route
from viewer.scene.snapshot import OffscreenRenderer

SIZE = (320, 180)
MARK = (1.0, 0.0, 1.0)  # the route's ribbon and stop posts painted in a colour nothing else has


@pytest.fixture(scope="module")
def pictures(plant):
    route = load_route()
    renderer = OffscreenRenderer(plant, size=SIZE, route=route, quality="low")
    for actor in renderer.tour.actors:  # the map's marks: the ribbon and the stop posts
        actor.GetProperty().SetColor(MARK)
    try:
        shots = {f"view {view.name}": renderer.render(view=view.name) for view in plant.views}
        for stop in route.stops:
            shots[f"stop {stop.id}"] = renderer.render_stop(stop.id)
    finally:
        renderer.close()
    return {name: image.astype(float) for name, image in shots.items()}


def test_every_view_and_stop_is_drawn(pictures, plant):
    assert len(pictures) == len(plant.views) + len(load_route().stops)
    for name, image in pictures.items():
        assert image.shape == (SIZE[1], SIZE[0], 3), name
        assert image.std() > 12, f"{name} is nearly blank"
        # not one colour over most of the picture (a wall filling the view, a bare plane)
        colours, counts = np.unique(image.reshape(-1, 3) // 8, axis=0, return_counts=True)
        assert counts.max() < 0.6 * counts.sum(), f"{name}: one colour fills the picture"
        assert len(colours) > 40, name


def test_no_two_pictures_are_alike(pictures):
    for (a, first), (b, second) in itertools.combinations(pictures.items(), 2):
        assert np.abs(first - second).mean() > 6, f"{a} and {b} look alike"


def test_the_seat_view_shows_no_map_marks(pictures):
    """From the seat a visitor sees the aisle's paint, not the route's ribbon or stop posts
    (painted for this test in a colour nothing else in the plant has; the overview shows
    them)."""
    target = np.array(MARK) * 255
    marks = {}
    for name, image in pictures.items():
        marks[name] = (np.abs(image - target).max(axis=2) < 40).mean()
        if name.startswith("stop "):
            assert marks[name] < 0.0001, f"{name} shows the map's marks"
    assert marks["view overview"] > 0.0003  # the test sees them where they are shown
