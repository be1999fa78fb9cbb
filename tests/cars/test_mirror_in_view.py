"""The lobby's mirrored ceiling shows the car upside down to someone on the lobby floor (issue 20):
in the showroom view the car's Aqua Blue is at the car on the strip's crest and, above it, in
the ceiling, where the mirror shows the car's copy; from the lobby stop's seat (looking up at
the car) the copy shows whole above it. With the ceiling at 13 m the copy stood 14 m above the
car, out of both pictures."""

from __future__ import annotations

import numpy as np
import pytest
from mirror_views import ceiling_mask
from test_showroom_look import aqua

from viewer.model.cars.car import SU7
from viewer.model.cars.sculpture import car_pose
from viewer.model.plant.views import view_pose
from viewer.scene.snapshot import OffscreenRenderer

SIZE = (480, 270)


def _car_boxes(renderer: OffscreenRenderer) -> tuple[np.ndarray, np.ndarray]:
    """The screen boxes (column0, row0, column1, row1) round the car and round its copy in the
    mirror, in the last picture (clipped to it)."""
    s = renderer.plant.sculpture
    position, yaw = car_pose(s, renderer.run.state.time)
    along = np.array([np.cos(yaw), np.sin(yaw), 0.0])
    side = np.array([-along[1], along[0], 0.0])
    corners = np.array(
        [
            position + along * dx + side * dy + [0.0, 0.0, z]
            for dx in (SU7.rear, SU7.front)
            for dy in (-SU7.width / 2, SU7.width / 2)
            for z in (0.0, SU7.height)
        ]
    )
    view = renderer.plotter.renderer
    boxes = []
    for points in (corners, corners * [1, 1, -1] + [0, 0, 2 * s.mirror_height]):
        screen = []
        for point in points:
            view.SetWorldPoint(*point, 1.0)
            view.WorldToDisplay()
            x, y, _ = view.GetDisplayPoint()
            screen.append((x, SIZE[1] - y))
        low, high = np.min(screen, axis=0), np.max(screen, axis=0)
        boxes.append(np.clip(np.round([*low, *high]), 0, [*SIZE, *SIZE]).astype(int))
    return boxes[0], boxes[1]


def _blue_in(image: np.ndarray, box: np.ndarray) -> float:
    """The share of the whole picture that is the car's blue inside ``box``."""
    c0, r0, c1, r1 = box
    return float(aqua(image)[r0:r1, c0:c1].sum()) / (SIZE[0] * SIZE[1])


@pytest.mark.parametrize("quality", ["low", "medium", "high"])
def test_the_showroom_view_shows_the_car_and_its_copy_in_the_ceiling(plant, quality):
    renderer = OffscreenRenderer(plant, SIZE, quality=quality)
    try:
        pose = view_pose(plant, "showroom")
        image = renderer.render(pose=pose)
        car, copy = _car_boxes(renderer)
        assert _blue_in(image, car) > 0.008  # the car on the crest
        assert _blue_in(image, copy) > 0.008  # ... and upside down in the mirror
        assert copy[3] < car[1]  # above the car
        middle = ((copy[:2] + copy[2:]) / 2).astype(int)
        assert middle[1] < SIZE[1] / 2  # in the upper half of the picture
        assert ceiling_mask(plant, pose, SIZE, 0.5)[middle[1], middle[0]]  # on the ceiling
        # that blue is the mirror's: without the copies the ceiling there is plain
        showroom = renderer.scene.showroom
        showroom.release()  # stops following the camera: the visibility set here stays
        for actor in [*showroom.copies, *showroom.cheap_copies]:
            actor.SetVisibility(False)
        assert _blue_in(renderer.render(pose=pose), copy) < 0.001
    finally:
        renderer.close()


def test_from_the_lobby_seat_the_car_s_copy_shows_at_the_top(plant, route):
    renderer = OffscreenRenderer(plant, SIZE, quality="low", route=route)
    try:
        image = renderer.render_stop("lobby")
        car, copy = _car_boxes(renderer)
        assert _blue_in(image, car) > 0.003
        assert copy[1] > 0 and copy[3] < car[1]  # wholly in the picture, above the car
        assert _blue_in(image, copy) > 0.003  # as much of its blue as the car's own, nearly
    finally:
        renderer.close()
