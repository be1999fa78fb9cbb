"""The SU7's head lights are slim drops, not slits (issue 20): each a dark lens on the nose with
a bright lamp inside it, the round head at the outer corner, tapering to a point inboard along
the bonnet's front edge; from ahead the lamp is tall at its outer end and pointed at its inner
one, and from three-quarter front it shows as a light drop on the nose."""

from __future__ import annotations

import numpy as np
import pytest

from viewer.model.cars import car
from viewer.model.cars.sculpture import car_pose
from viewer.model.plant.views import CameraPose
from viewer.scene.snapshot import OffscreenRenderer

DIMS = car.SU7
SIZE = (480, 270)


def _left(points: np.ndarray, detail: str = "fine") -> np.ndarray:
    """The left light's points as (along, across, 3), from its outer end to its inner one."""
    along, across = car.LIGHT_GRID[detail]
    grid = points.reshape(2, along, across, 3)
    return grid[0] if grid[0, :, :, 1].mean() > 0 else grid[1]


@pytest.mark.parametrize("detail", ["fine", "line"])
def test_each_light_is_a_drop_across_the_nose_with_a_lamp_inside(detail):
    lens = _left(car.head_lights_mesh(detail=detail)[0], detail)
    lamp = _left(car.head_lamps_mesh(detail=detail)[0], detail)
    for drop in (lens, lamp):
        widths = np.linalg.norm(drop[:, -1] - drop[:, 0], axis=1)
        outer, inner = drop[0].mean(axis=0), drop[-1].mean(axis=0)
        assert outer[1] - inner[1] > 0.25  # across the nose, from the corner inboard
        assert inner[2] > outer[2]  # rising along the bonnet's front edge
        assert int(np.argmax(widths)) < len(widths) / 3  # widest at the outer end
        assert widths[-1] < 0.2 * widths.max() and widths.max() < 0.16  # pointed, slim
    assert lens[:, :, 0].min() > DIMS.front - 0.15  # on the nose, not along the flank
    # the lamp lies inside the lens as seen from ahead: narrower, shorter, nearer the middle
    lens_width = np.linalg.norm(lens[:, -1] - lens[:, 0], axis=1).max()
    assert np.linalg.norm(lamp[:, -1] - lamp[:, 0], axis=1).max() < 0.7 * lens_width
    assert lamp[:, :, 1].max() < lens[:, :, 1].max() and lamp[:, :, 1].min() > lens[:, :, 1].min()


def _changed_by_lamps(plant, pose: CameraPose) -> np.ndarray:
    """The pixels the showroom car's bright lamps draw (Low), seen from ``pose``."""
    renderer = OffscreenRenderer(plant, SIZE, quality="low")
    try:
        shown = renderer.render(pose=pose).astype(int)
        view = renderer.plotter.renderer
        for actor in renderer.scene.showroom.lamp_actors:
            view.RemoveActor(actor)
        hidden = renderer.render(pose=pose).astype(int)
    finally:
        renderer.close()
    return np.abs(shown - hidden).max(axis=-1) > 40


def _nose_pose(plant, side: float, ahead: float, view_angle: float) -> CameraPose:
    """A camera ``ahead`` m in front of the lobby car's nose and ``side`` m to its right."""
    position, yaw = car_pose(plant.sculpture, 0.0)
    along = np.array([np.cos(yaw), np.sin(yaw), 0.0])
    right = np.array([along[1], -along[0], 0.0])
    nose = position + along * DIMS.front + [0.0, 0.0, 0.65]
    eye = nose + along * ahead + right * side + [0.0, 0.0, 0.3]
    return CameraPose(tuple(eye), tuple(nose - along * 0.4), view_angle)


def test_from_ahead_the_lamps_are_tall_outboard_and_pointed_inboard(plant):
    lit = _changed_by_lamps(plant, _nose_pose(plant, 0.0, 5.0, 24.0))
    columns = np.flatnonzero(lit.any(axis=0))
    assert len(columns) > 40  # both lamps, each some 35 cm across
    left = columns[columns < SIZE[0] / 2]  # the car's right light, on the picture's left
    assert len(left) > 15
    heights = np.array([lit[:, c].sum() for c in left])
    third = len(heights) // 3
    # the picture's left is the car's outer corner
    assert heights[:third].max() > 2 * heights[-third:].max()


def test_from_three_quarter_front_the_lamp_shows_as_a_light_drop(plant):
    lit = _changed_by_lamps(plant, _nose_pose(plant, 4.0, 5.5, 35.0))
    assert lit.sum() > 40  # the near lamp, a drop some 25 pixels across
