"""The SU7's nose and tail: a low, rounded-square nose under a gently sloping bonnet (no point,
no dent, no chin hanging below it) and a short, high tail cut off square under the ducktail's
lip (Kamm-like, not a spear), with rounded corners seen from above; on the showroom's fine
body and on the line's."""

from __future__ import annotations

import numpy as np
import pytest

from viewer.model.cars import car
from viewer.scene import shapes

DIMS = car.SU7
DETAILS = ["fine", "line"]


def _stations(points: np.ndarray) -> np.ndarray:
    return np.unique(np.round(points[:, 0], 6))


def _section(points: np.ndarray, x: float) -> np.ndarray:
    return points[np.abs(points[:, 0] - x) < 1e-6]


def _half_width(section: np.ndarray, share: float) -> float:
    """A section's half width at ``share`` of the way up from its foot to its top."""
    low, high = section[:, 2].min(), section[:, 2].max()
    z = low + share * (high - low)
    band = section[np.abs(section[:, 2] - z) < 0.05 * (high - low)]
    return float(np.abs(band[:, 1]).max())


def _rear_face(detail: str, share: float) -> float:
    """How far (m) ahead of the car's rearmost point the body's outline is at ``share`` of the
    height (cut across at that height)."""
    mesh = shapes.mesh_from_arrays(*car.body_mesh(detail=detail))
    cut = np.asarray(mesh.slice(normal="z", origin=(0.0, 0.0, share * DIMS.height)).points)
    return float(cut[:, 0].min() - DIMS.rear)


@pytest.mark.parametrize("detail", DETAILS)
def test_the_tail_ends_in_a_tall_cut_not_a_point(detail):
    """Seen from the side, the rear face under the lip is tall and nearly upright: from the
    lip down to a third of the height it lies within 10 cm of the rearmost point (a cut), and
    the body at its very back (the last 10 cm) spans at least 0.45 m of height."""
    faces = {share: _rear_face(detail, share) for share in (0.6, 0.5, 0.4, 0.33)}
    assert max(faces.values()) < 0.10, faces
    assert faces[0.33] - faces[0.6] < 0.08, faces  # under 13 degrees from upright on average
    points, _ = car.body_mesh(detail=detail)
    back = points[points[:, 0] < DIMS.rear + 0.10]
    assert np.ptp(back[:, 2]) > 0.45


@pytest.mark.parametrize("detail", DETAILS)
def test_the_nose_is_a_rounded_face_not_a_point(detail):
    """The nose's front is a rounded face of some height, not a thin edge where the bonnet and
    the underside meet: within 4 cm of the tip the body spans at least 0.22 m of height, its
    middle at bumper height (0.35-0.55 m)."""
    points, _ = car.body_mesh(detail=detail)
    tip = points[points[:, 0] > DIMS.front - 0.04]
    assert np.ptp(tip[:, 2]) > 0.22
    assert 0.35 < (tip[:, 2].max() + tip[:, 2].min()) / 2 < 0.55


@pytest.mark.parametrize("detail", DETAILS)
def test_no_chin_hangs_below_the_nose(detail):
    """Across the nose's last 10-30 cm the bumper tucks in below the head lights: a quarter of
    the way up each section it is at least 6 cm narrower (each side) than three quarters of the
    way up; and the underside only rises towards the tip (the nose's lowest point is not
    below the bumper's line behind it)."""
    points, _ = car.body_mesh(detail=detail)
    stations = _stations(points)
    nose = stations[(stations > DIMS.front - 0.30) & (stations < DIMS.front - 0.10)]
    assert len(nose) >= 1
    for x in nose:
        section = _section(points, x)
        low, high = _half_width(section, 0.25), _half_width(section, 0.75)
        assert high - low > 0.06, (x, low, high)
    ahead = stations[stations > DIMS.wheelbase / 2 + car._arch_radius(DIMS) + 0.02]
    underside = np.array([_section(points, x)[:, 2].min() for x in ahead])
    assert np.all(np.diff(underside) > -0.002), underside


def test_the_bonnet_slopes_gently_to_the_nose():
    """From 25 cm ahead of the front axle (the bonnet's flattest, past the windscreen's foot)
    to 15 cm short of the tip the bonnet's centre line falls at under 27 degrees, and ever
    more steeply (no dent, no bump) towards the nose's rounding."""
    points, _ = car.body_mesh(detail="fine")
    stations = _stations(points)
    bonnet = stations[(stations >= DIMS.wheelbase / 2 + 0.25) & (stations <= DIMS.front - 0.15)]
    tops = np.array([_section(points, x)[:, 2].max() for x in bonnet])
    slopes = np.diff(tops) / np.diff(bonnet)
    assert len(slopes) > 6
    assert slopes.max() < 0.0 and slopes.min() > -0.5, slopes
    assert np.all(np.diff(slopes) < 0.02), slopes


@pytest.mark.parametrize("detail", DETAILS)
def test_the_plan_has_rounded_corners_not_points(detail):
    """Seen from above both ends are rounded squares: the body's end (nose tip, tail lip) is
    still 40-80 % of the car's widest, and 15 cm in from it at least 75 %; the outline's
    corner turns in a few steps, not at one point."""
    points, _ = car.body_mesh(detail=detail)
    stations = _stations(points)
    widest = np.abs(points[:, 1]).max()

    def half(x: float) -> float:
        return float(np.abs(_section(points, x)[:, 1]).max())

    for end, inward in ((stations[0], 1.0), (stations[-1], -1.0)):
        assert 0.4 * widest < half(end) < 0.8 * widest
        near = stations[np.argmin(np.abs(stations - (end + inward * 0.15)))]
        assert half(near) > 0.75 * widest
        corner = stations[np.abs(stations - end) < 0.15]
        assert len(corner) >= 3  # the rounding drawn through several sections


def test_the_front_intake_lies_on_the_nose_under_the_head_lights():
    """The dark air intake lies just outside the nose's face (on the fine and the line body),
    low across it: under the head lights and above the underside."""
    points, faces = car.front_intake_mesh()
    t = points[faces]
    normal = np.cross(t[:, 1] - t[:, 0], t[:, 2] - t[:, 0])
    assert np.all(normal[:, 0] > 0)  # facing forwards
    lights, _ = car.head_lights_mesh()
    assert points[:, 2].max() < lights[:, 2].min()
    assert np.ptp(points[:, 1]) > 0.5 * DIMS.width
    for detail in DETAILS:
        body = shapes.mesh_from_arrays(*car.body_mesh(detail=detail))
        for point in points:
            start = point - [0.5, 0.0, 0.0]  # inside the nose, straight behind the point
            hits, _ = body.ray_trace(start, point + [0.5, 0.0, 0.0])
            skin = hits[:, 0].max()  # where the ray leaves the body forwards
            gap = 0.03 if abs(point[1]) < 0.2 else 0.045  # laid on the farther body: at
            # the corners the fine one reaches a little further forward than the line's
            assert 0.0 < point[0] - skin < gap, (detail, point)
