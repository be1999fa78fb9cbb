"""Preset camera poses and the smooth path between them (model layer)."""

from __future__ import annotations

import numpy as np
import pytest

from viewer.model.plant.views import CameraPose, interpolate_pose, view_pose

VIEWS = [
    "overview",
    "die-casting",
    "stamping",
    "body",
    "paint",
    "battery",
    "assembly",
    "showroom",
    "test-track",
]


def test_every_required_view_exists_with_a_key(plant):
    keys = {view.name: view.key for view in plant.views}
    assert set(VIEWS) <= set(keys)
    assert keys["overview"] == 0
    assert sorted(keys.values()) == sorted(set(keys.values()))


@pytest.mark.parametrize("name", [v for v in VIEWS[1:] if v != "showroom"])
def test_views_look_at_their_area_from_above(plant, name):
    pose = view_pose(plant, name)
    view = plant.view(name)
    x0, y0, x1, y1, _ = plant.target_bounds(view.target)
    fx, fy, _ = pose.focal_point
    assert x0 <= fx <= x1 and y0 <= fy <= y1
    assert pose.position[2] > pose.focal_point[2] + 20
    overview = view_pose(plant, "overview")
    assert np.linalg.norm(np.subtract(pose.position, pose.focal_point)) < np.linalg.norm(
        np.subtract(overview.position, overview.focal_point)
    )


def test_transition_is_smooth_and_stays_above_ground(plant):
    a, b = view_pose(plant, "die-casting"), view_pose(plant, "paint")
    path = [interpolate_pose(a, b, s) for s in np.linspace(0, 1, 61)]
    positions = np.array([p.position for p in path])
    assert path[0] == a and path[-1] == b
    assert positions[:, 2].min() >= min(a.position[2], b.position[2]) - 1e-6
    steps = np.linalg.norm(np.diff(positions, axis=0), axis=1)
    # eased: slow at both ends, no jump anywhere
    assert steps[0] < steps[30] and steps[-1] < steps[30]
    assert steps.max() < 0.1 * np.linalg.norm(np.subtract(a.position, b.position)) + 30


def test_camera_pose_orbit_round_trip():
    pose = CameraPose((10.0, -20.0, 30.0), (1.0, 2.0, 0.0))
    focal, distance, azimuth, elevation = pose.orbit()
    again = interpolate_pose(pose, pose, 0.5)
    np.testing.assert_allclose(again.position, pose.position, atol=1e-9)
    assert distance > 0 and 0 < elevation < np.pi / 2


def test_showroom_view_stands_in_the_lobby_looking_up_at_the_sculpture(plant):
    pose = view_pose(plant, "showroom")
    lobby = plant.target_bounds("lobby")
    sculpture = plant.sculpture
    x, y, z = pose.position
    assert lobby[0] < x < lobby[2] and lobby[1] < y < lobby[3]  # inside the lobby
    assert 1.0 < z < 4.0  # at a visitor's (or the stairs') height, below the mirror
    assert pose.focal_point[2] > z + 5  # looking up
    fx, fy, _ = pose.focal_point
    assert np.hypot(fx - sculpture.center[0], fy - sculpture.center[1]) < sculpture.radius
