"""The test ride's cabin seen from the passenger seat (issue 20): it reads as the inside of a
modern EV: a dashboard that is not a dark band, a wide centre screen, the steering wheel on the
driver's side (the left: China drives on the right), round mirrors and the bonnet ahead; cheap
enough to draw every frame of the ride."""

from __future__ import annotations

import numpy as np
import pytest
from cabin_views import BEND, SIZE, STRAIGHT, cell_corners, part_points, seat_view

from viewer.model.tour.route import load_route
from viewer.model.tour.track_ride import PASSENGER_EYE
from viewer.scene.cars.cabin import NEAR_M, PARTS, build_cabin, min_distance_to_eye
from viewer.scene.snapshot import OffscreenRenderer


@pytest.fixture(scope="module")
def renderer(plant):
    renderer = OffscreenRenderer(plant, SIZE, route=load_route(), quality="low")
    yield renderer
    renderer.close()


@pytest.fixture(scope="module")
def mesh():
    return build_cabin()


def test_the_cabin_is_cheap_and_clear_of_the_passengers_eyes(mesh):
    assert mesh.triangulate().n_cells < 1000  # drawn every frame of the ride
    assert min_distance_to_eye(mesh) > NEAR_M
    assert set(np.unique(mesh.cell_data["part"])) == set(range(len(PARTS)))


def test_the_steering_wheel_is_on_the_drivers_side(mesh, renderer):
    """Left-hand drive: the wheel in front of the left seat, round, seen at the picture's left
    edge when the passenger looks into a left bend; never on the passenger's side."""
    wheel = part_points(mesh, "steering wheel")
    eye = np.array(PASSENGER_EYE)
    middle = (wheel.min(axis=0) + wheel.max(axis=0)) / 2
    assert middle[1] == pytest.approx(-eye[1], abs=0.05)  # the driver's seat, mirrored
    assert 0.45 < middle[0] - eye[0] < 0.8  # within the driver's reach
    assert 0.34 < np.ptp(wheel[:, 1]) < 0.42  # about 38 cm across
    seen = seat_view(renderer, BEND, "steering wheel")
    height, width = seen.shape
    assert seen[:, : width // 4].mean() > 0.02
    assert not seen[:, width // 2 :].any()


def test_a_wide_centre_screen_and_a_small_drivers_display(mesh, renderer):
    screen = part_points(mesh, "centre screen")
    assert abs(screen[:, 1].mean()) < 0.03  # in the middle of the dashboard
    across, up = np.ptp(screen[:, 1]), np.ptp(screen[:, 2])
    assert across > 0.32 and across > 1.7 * up  # wide
    shown = seat_view(renderer, STRAIGHT, "centre screen")
    assert shown.mean() > 0.03
    assert shown[:, : SIZE[0] // 2].mean() > 10 * shown[:, SIZE[0] // 2 :].mean()  # to the left


def test_the_mirrors_are_round(mesh):
    corners = cell_corners(mesh)
    round_faces = [
        PARTS[part]
        for part, face in zip(mesh.cell_data["part"], corners, strict=True)
        if len(face) >= 12
    ]
    # the rear-view mirror's glass and back, each wing mirror's glass
    assert sorted(round_faces) == ["doors", "doors", "pillars and roof", "pillars and roof"]


def test_the_bonnet_is_seen_ahead_in_aqua_blue(renderer):
    """Straight ahead, over the dashboard, the bonnet spans a clear band of the picture."""
    bonnet = seat_view(renderer, STRAIGHT, "bonnet")
    image = seat_view(renderer, STRAIGHT)
    height, width = bonnet.shape
    ahead = bonnet[:, int(width * 0.4) : int(width * 0.6)]
    rows = np.flatnonzero(ahead.any(axis=1))
    assert len(rows) > 0.09 * height, len(rows) / height  # the old, thin one: 0.05
    assert 0.55 * height < rows.mean() < 0.8 * height
    paint = image[bonnet]
    assert (paint[:, 2] > paint[:, 0] + 60).mean() > 0.9  # Aqua Blue
    assert paint[:, 2].mean() > 170


def test_the_dashboard_is_not_a_dark_band(renderer):
    """The bottom of the picture is the dashboard, in stone greys with the light strip: not
    the dark band it was (its bottom left had a mean brightness of 60)."""
    dash = seat_view(renderer, STRAIGHT, "dashboard")
    image = seat_view(renderer, STRAIGHT)
    height = dash.shape[0]
    assert dash[int(height * 0.85) :].mean() > 0.75  # (the door at the right)
    brightness = image[dash].mean(axis=1)
    assert brightness.mean() > 85, brightness.mean()
    assert (brightness > 180).mean() > 0.02  # the light strip along the lip
