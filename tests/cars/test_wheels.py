"""The parametric SU7's wheels (viewer.model.cars.car wheels_mesh, rims_mesh): a ten-spoke rim,
five V-shaped pairs of spokes, over a dark recessed wheel centre, not a flat disc; cheap."""

from __future__ import annotations

import numpy as np

from viewer.model.cars import car
from viewer.scene import shapes

DIMS = car.SU7
RIM = car.RIM_RADIUS * DIMS.wheel_diameter / 2


def _one(points: np.ndarray, faces: np.ndarray, index: int) -> tuple[np.ndarray, np.ndarray]:
    """The ``index``-th of the four wheels' (or rims') points and faces (equal shares)."""
    share, per_face = len(points) // 4, len(faces) // 4
    chosen = faces[index * per_face : (index + 1) * per_face] - index * share
    return points[index * share : (index + 1) * share], chosen


def _covered(points: np.ndarray, faces: np.ndarray, samples: np.ndarray) -> np.ndarray:
    """Which of ``samples`` (N, 2: x, z) some triangle covers, seen along y."""
    t = points[faces][:, :, [0, 2]]
    covered = np.zeros(len(samples), dtype=bool)
    for a, b, c in t:
        d = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
        if abs(d) < 1e-12:
            continue
        u = ((samples[:, 0] - a[0]) * (c[1] - a[1]) - (samples[:, 1] - a[1]) * (c[0] - a[0])) / d
        v = ((b[0] - a[0]) * (samples[:, 1] - a[1]) - (b[1] - a[1]) * (samples[:, 0] - a[0])) / d
        covered |= (u >= 0) & (v >= 0) & (u + v <= 1)
    return covered


def _circle(centre: np.ndarray, radius: float, count: int = 720) -> np.ndarray:
    angles = np.linspace(0, 2 * np.pi, count, endpoint=False)
    return centre + radius * np.column_stack([np.cos(angles), np.sin(angles)])


def test_a_rim_has_ten_spokes_in_five_pairs_round_an_open_hub():
    all_points, all_faces = car.rims_mesh()
    for index in range(4):
        points, faces = _one(all_points, all_faces, index)
        centre = np.array([points[:, 0].mean(), DIMS.wheel_diameter / 2])
        ring = _covered(points, faces, _circle(centre, 0.6 * RIM))
        starts = np.flatnonzero(ring & ~np.roll(ring, 1))  # where a spoke begins, going round
        assert len(starts) == 10
        gaps = np.diff(np.concatenate([starts, starts[:1] + len(ring)]))
        assert len(np.unique(np.round(gaps / len(ring), 2))) == 2  # pairs: a narrow, a wide gap
        assert 0.2 < ring.mean() < 0.55  # spokes and open gaps, not a disc
        assert _covered(points, faces, _circle(centre, 0.93 * RIM)).all()  # the lip
        assert not _covered(
            points, faces, _circle(centre, 0.05 * RIM, 36)
        ).any()  # the hub's middle


def test_behind_the_spokes_a_dark_disc_closes_the_wheel():
    """Through the rim's gaps (and on the line, where no rims are drawn) the wheel shows its
    own dark centre, set back behind the rim: not the body through a hole."""
    rim_points, _ = car.rims_mesh()
    all_points, all_faces = car.wheels_mesh()
    for index in range(4):
        points, faces = _one(all_points, all_faces, index)
        side = np.sign(points[:, 1].mean())
        t = points[faces]
        normal_y = np.cross(t[:, 1] - t[:, 0], t[:, 2] - t[:, 0])[:, 1]
        facing_out = faces[normal_y * side > 0]
        centre = np.array([points[:, 0].mean(), DIMS.wheel_diameter / 2])
        for radius in (0.05, 0.4, 0.8):
            assert _covered(points, facing_out, _circle(centre, radius * RIM, 90)).all()
        disc = points[np.abs(points[:, 0] - centre[0]) + np.abs(points[:, 2] - centre[1]) < 1e-9]
        rims = rim_points[np.sign(rim_points[:, 1]) == side]
        depth = np.abs(rims[:, 1]).min() - np.abs(disc[:, 1]).max()  # behind the deepest rim
        assert 0.02 < depth < 0.06


def test_the_wheels_stay_cheap():
    rims, wheels = car.rims_mesh()[1], shapes.car_wheels()
    assert len(rims) <= 4 * 120  # the showroom's car
    assert wheels.n_cells <= 1000  # every finished car near the camera on the line
