"""At the standard tour's test-track stop, the seat view shows finished cars driving past: through
the stop, at most moments at least one test-track car is in the picture and near enough to
see (projected with the seat camera: its middle inside the picture, at least 6 px tall and 16 px
long in a 960 x 540 picture, about 90 m away at most). With the six cars of before, a car was
that near in under a third of the stop; the straight mostly looked empty."""

from __future__ import annotations

import numpy as np
import pytest

from viewer.model.cars.car import CarDimensions
from viewer.model.motion.simulation import PlantSimulation
from viewer.model.plant.views import CameraPose
from viewer.model.tour.route import load_route
from viewer.model.tour.shuttle import TourMotion
from viewer.model.tour.tour_camera import TURN_S, tour_pose

WIDTH, HEIGHT = 960, 540
MIN_TALL_PX, MIN_LONG_PX = 6.0, 16.0
MOST = 0.75  # of the moments through the stop


def car_corners(position: np.ndarray, yaw: float) -> np.ndarray:
    """The eight corners of a car's box standing at ``position`` heading ``yaw``."""
    size = CarDimensions()
    ahead = np.array([np.cos(yaw), np.sin(yaw), 0.0])
    side = np.array([-ahead[1], ahead[0], 0.0])
    return np.array(
        [
            position + a * size.length / 2 * ahead + b * size.width / 2 * side + [0, 0, c]
            for a in (-1, 1)
            for b in (-1, 1)
            for c in (0.0, size.height)
        ]
    )


def on_picture(pose: CameraPose, corners: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """Pixel x, y (y down) of ``corners`` on the picture of ``pose``; None if any is behind."""
    eye, focal = np.array(pose.position), np.array(pose.focal_point)
    look = (focal - eye) / np.linalg.norm(focal - eye)
    right = np.cross(look, [0.0, 0.0, 1.0])
    right /= np.linalg.norm(right)
    up = np.cross(right, look)
    pixels = HEIGHT / 2 / np.tan(np.radians(pose.view_angle / 2))
    rel = corners - eye
    depth = rel @ look
    if (depth <= 0.1).any():
        return None
    return WIDTH / 2 + pixels * (rel @ right) / depth, HEIGHT / 2 - pixels * (rel @ up) / depth


def a_car_in_view(pose: CameraPose, positions: np.ndarray, yaws: np.ndarray) -> bool:
    """Whether one of the cars is in the picture of ``pose``, large enough to see."""
    for position, yaw in zip(positions, yaws, strict=True):
        projected = on_picture(pose, car_corners(position, yaw))
        if projected is None:
            continue
        x, y = projected
        inside = 0 <= x.mean() <= WIDTH and 0 <= y.mean() <= HEIGHT
        if inside and np.ptp(y) >= MIN_TALL_PX and np.ptp(x) >= MIN_LONG_PX:
            return True
    return False


@pytest.fixture(scope="module")
def stop_moments(plant):
    """The seat's poses and the track's cars every half second of the test-track stop, from
    arrival until the head turns back to the road."""
    tour = TourMotion(load_route(), plant)
    sim = PlantSimulation(plant)
    index = [stop.id for stop in tour.route.stops].index("test-track")
    begin, end = tour.stop_spans[index]
    moments = []
    for time in np.arange(begin, end - TURN_S, 0.5):
        cars = sim.state(sim.start_time + time).track_cars
        moments.append((tour_pose(tour, plant, "seat", time), cars.position, cars.yaw))
    return moments


def test_a_track_car_is_in_the_seat_view_most_of_the_test_track_stop(stop_moments):
    seen = [a_car_in_view(pose, positions, yaws) for pose, positions, yaws in stop_moments]
    assert len(seen) >= 20
    assert np.mean(seen) >= MOST, f"a car near in view at {np.mean(seen):.0%} of the moments"
    # and never for long without one: a car comes past every few seconds
    gaps = np.diff(np.flatnonzero(np.r_[True, seen, True])) - 1
    assert gaps.max() * 0.5 <= 3.0, f"{gaps.max() * 0.5:.1f} s without a car in view"


def test_the_check_counts_only_cars_near_enough_to_see(stop_moments):
    pose, positions, yaws = stop_moments[len(stop_moments) // 2]
    assert not a_car_in_view(pose, positions[:0], yaws[:0])  # no cars: nothing seen
    eye, focal = np.array(pose.position), np.array(pose.focal_point)
    ahead = (focal - eye) * [1.0, 1.0, 0.0]
    ahead /= np.linalg.norm(ahead)
    side_on = np.arctan2(ahead[0], -ahead[1])  # driving across the view
    near, far = eye * [1, 1, 0] + 30 * ahead, eye * [1, 1, 0] + 400 * ahead
    assert a_car_in_view(pose, near[None], np.array([side_on]))
    assert not a_car_in_view(pose, far[None], np.array([side_on]))  # a speck: not counted
    behind = eye * [1, 1, 0] - 30 * ahead
    assert not a_car_in_view(pose, behind[None], np.array([side_on]))
