"""The final-assembly stop's seat picture reads as final assembly (issue 19; a blind review scored
it 5/10: orange robots in single file among the workers, the picture's bottom half empty floor):
cars on the line and the workers at them in the picture's middle, blue-grey bins of kitting carts
below them behind the walkway's railing, and no robot in the picture but in the wheel cells at its
right edge (viewer.model.plant.final_assembly, assets/plant.toml)."""

from __future__ import annotations

import numpy as np
from qimage_pixels import pixels_like
from scene_pictures import picture_without

from viewer.model.tour.route import load_route
from viewer.scene import palette
from viewer.scene.snapshot import OffscreenRenderer

SIZE = (640, 360)


def _drawn(image: np.ndarray, without: np.ndarray) -> np.ndarray:
    """Pixels that change when a shape is left out: where it is drawn."""
    return np.abs(image.astype(float) - without).max(axis=2) > 12


def test_the_seat_picture_shows_cars_people_and_bins_and_no_robots_on_the_line(plant):
    renderer = OffscreenRenderer(plant, SIZE, route=load_route(), quality="low")
    try:
        image = renderer.render_stop("final-assembly")
        names = tuple(renderer.scene.instanced)
        robots = _drawn(image, picture_without(renderer, tuple(n for n in names if "robot-" in n)))
        people = _drawn(image, picture_without(renderer, tuple(n for n in names if "people-" in n)))
        cars = _drawn(image, picture_without(renderer, ("line-car-body",)))
    finally:
        renderer.close()
    h, w = SIZE[1], SIZE[0]
    middle = (slice(h // 4, 3 * h // 4), slice(w // 6, 5 * w // 6))
    assert cars[middle].mean() > 0.03, "cars on the line in the picture's middle"
    assert people[middle].mean() > 0.015, "workers at the cars"
    # the kitting carts' blue-grey bins (and racks) below the cars, above the lane's floor
    bins = pixels_like(image[h // 2 : 3 * h // 4, w // 6 : 5 * w // 6], palette.ROLES["parts"])
    assert bins.mean() > 0.012, bins.mean()
    # robots only at the right edge: the wheel-fitting cells east of the line's head (before:
    # an orange robot at every station, across the whole picture)
    assert robots[:, : 3 * w // 4].mean() < 0.001
