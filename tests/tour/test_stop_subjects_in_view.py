"""Two stops of the standard tour frame what their narration talks about, from the seat, through
the whole dwell (from arrival until the head turns back to the road).

* boarding ("take your seat in the shuttle, phones go in pouches"): the boarding bay's waiting
  carts fill at least a quarter of the picture's height (check-route's subject rule), none hidden
  behind a wall. Before, the seat looked west along the road at a hall's wall and the carts were
  nowhere.
* test-track: at every moment a finished car on the track is in the picture and big enough to
  see (at least 3 % of the picture's height, about 16 px of 540). The traffic repeats every
  ``period`` seconds (the next car where the one before was), so sampling one period checks
  every time of day, however a guide holds the stop. Before, cars came past every 6 s at 90
  km/h and the lane in view was often empty (up to about 2.5 s).
"""

from __future__ import annotations

import numpy as np
import pytest

from viewer.model.cars.car import CarDimensions
from viewer.model.motion.track_traffic import TrafficMotion
from viewer.model.plant.boarding_bay import cart_boxes, people
from viewer.model.plant.equipment import plant_parts
from viewer.model.plant.views import CameraPose
from viewer.model.tour.stop_view import (
    ASPECT,
    MIN_SHARE,
    in_picture,
    opaque_walls,
    subject_box,
    subject_share,
)
from viewer.model.tour.tour_camera import TURN_S, tour_pose

CAR_SHARE = 0.03  # of the picture's height: about 16 px of 540
STEP_S = 0.1


@pytest.fixture(scope="module")
def parts(plant):
    return plant_parts(plant)


def _poses(tour, plant, stop_id: str) -> dict[str, CameraPose]:
    """The seat's poses at the start, middle and end of the stop (the end: the last moment
    facing the subject, before the head turns back to the road)."""
    index = [stop.id for stop in tour.route.stops].index(stop_id)
    begin, end = tour.stop_spans[index]
    times = {"start": begin, "middle": (begin + end) / 2, "end": end - TURN_S}
    return {name: tour_pose(tour, plant, "seat", time) for name, time in times.items()}


def _share(pose: CameraPose, box: np.ndarray, walls: np.ndarray | None = None) -> float:
    eye, focal = np.array(pose.position), np.array(pose.focal_point)
    return subject_share(eye, focal, pose.view_angle, ASPECT, box, walls)


def _union(boxes: np.ndarray) -> np.ndarray:
    return np.concatenate([boxes[:, :3].min(axis=0), boxes[:, 3:].max(axis=0)])


def test_the_boarding_stop_looks_at_the_waiting_carts(plant, parts, tour, route):
    bay = plant.boarding
    assert bay is not None and bay.carts >= 2
    carts = cart_boxes(bay)
    walls = opaque_walls(parts)
    stop = next(stop for stop in route.stops if stop.id == "boarding")
    subject = subject_box(plant, parts, stop.subject)
    assert subject is not None  # the stop's subject is the bay, and it holds the carts
    assert np.all(subject[:3] <= carts[:, :3].min(axis=0) + 1e-6)
    assert np.all(subject[3:] >= carts[:, 3:].max(axis=0) - 1e-6)
    for moment, pose in _poses(tour, plant, "boarding").items():
        share = _share(pose, _union(carts), walls)
        assert share >= MIN_SHARE, f"{moment}: the carts fill {share:.2f} of the height"
        eye, focal = np.array(pose.position), np.array(pose.focal_point)
        middles = (carts[:, :3] + carts[:, 3:]) / 2
        seen = in_picture(eye, focal, pose.view_angle, ASPECT, middles)
        assert seen.sum() >= 2, f"{moment}: {seen.sum()} carts in the picture"
        who = people(bay)  # the queue and the staff at the pouch desk are in view too
        assert (
            in_picture(eye, focal, pose.view_angle, ASPECT, who.position + [0, 0, 1.0]).mean() > 0.5
        )


def _car_box(position: np.ndarray, yaw: float) -> np.ndarray:
    size = CarDimensions()
    c, s = abs(np.cos(yaw)), abs(np.sin(yaw))
    half = np.array([c * size.length + s * size.width, s * size.length + c * size.width]) / 2
    return np.concatenate([position[:2] - half, [0.0], position[:2] + half, [size.height]])


def _biggest_car(pose: CameraPose, positions: np.ndarray, yaws: np.ndarray) -> float:
    """The share of the picture's height the biggest car in the picture spans (0: none in it)."""
    eye, focal = np.array(pose.position), np.array(pose.focal_point)
    best = 0.0
    for position, yaw in zip(positions, yaws, strict=True):
        middle = position + [0.0, 0.0, 0.7]
        if in_picture(eye, focal, pose.view_angle, ASPECT, middle[None])[0]:
            best = max(best, _share(pose, _car_box(position, yaw)))
    return best


def test_a_track_car_is_passing_in_view_at_every_moment_of_the_test_track_stop(plant, tour):
    motion = TrafficMotion(plant.track)
    assert motion.count and motion.period > 0
    # the traffic repeats after one period: car i + 1 is where car i was
    np.testing.assert_allclose(
        motion.at(3.0 + motion.period).position[1:], motion.at(3.0).position[:-1], atol=1e-6
    )
    for moment, pose in _poses(tour, plant, "test-track").items():
        worst = min(
            _biggest_car(pose, cars.position, cars.yaw)
            for cars in (motion.at(t) for t in np.arange(0.0, motion.period, STEP_S))
        )
        assert worst >= CAR_SHARE, f"{moment}: at worst the nearest car spans {worst:.3f}"


def test_the_cars_pass_the_stop_slowly_and_at_speed_elsewhere(plant):
    motion = TrafficMotion(plant.track)
    slow = plant.track.traffic.slow
    assert slow is not None
    zone = motion.in_zone(slow)
    assert motion.speed[zone].max() <= slow.kmh / 3.6 + 1e-9
    assert motion.speed[~zone].max() == pytest.approx(plant.track.traffic.cruise_kmh / 3.6)
    # the zone lies in front of the glass bridge
    middle = motion.points[zone].mean(axis=0)
    assert np.linalg.norm(middle - plant.track.bridge.at) < 30.0
