"""Where the passenger looks on the test ride (viewer.model.tour.tour_camera.ride_pose): on a
straight the head is turned a little towards the car's centre line, so the driver's steering
wheel (its right half), the centre screen and the road ahead share the picture, the horizon
level; in a bend the head turns with the road, no further than the bend turns it."""

from __future__ import annotations

import numpy as np
import pytest
from cabin_views import BEND, SIZE, STRAIGHT, seat_view

from viewer.model.tour.route import load_route
from viewer.model.tour.tour_camera import RIDE_GAZE_IN, tour_pose
from viewer.model.tour.track_ride import LOOK_TURN_MAX
from viewer.scene.snapshot import OffscreenRenderer


@pytest.fixture(scope="module")
def renderer(plant):
    renderer = OffscreenRenderer(plant, SIZE, route=load_route(), quality="low")
    yield renderer
    renderer.close()


def _turn(renderer, after_launch: float) -> tuple[float, float]:
    """(head turn from the car's heading, pitch of the gaze), radians, left +."""
    motion = renderer.tour_motion
    t = motion.launch_time + after_launch
    ride = motion.at(t).ride
    pose = tour_pose(motion, renderer.plant, "seat", t)
    look = np.subtract(pose.focal_point, pose.position)
    yaw = np.arctan2(look[1], look[0])
    turn = (yaw - ride.heading + np.pi) % (2 * np.pi) - np.pi
    return float(turn), float(np.arctan2(look[2], np.hypot(look[0], look[1])))


def test_on_the_straight_the_wheel_the_screen_and_the_road_share_the_picture(renderer):
    turn, pitch = _turn(renderer, STRAIGHT)
    assert turn == pytest.approx(RIDE_GAZE_IN, abs=0.01)  # towards the centre line (left)
    assert -np.radians(3.0) < pitch < 0.0  # a little down at the road: the horizon in view
    wheel = seat_view(renderer, STRAIGHT, "steering wheel")
    height, width = wheel.shape
    assert wheel[:, : width // 6].mean() > 0.1  # its right half at the left edge (was 0.003)
    assert not wheel[:, width // 3 :].any()
    screen = seat_view(renderer, STRAIGHT, "centre screen")
    assert screen[:, width // 6 : width // 2].mean() > 0.05
    bonnet = seat_view(renderer, STRAIGHT, "bonnet")
    assert bonnet[:, int(width * 0.4) : int(width * 0.6)].any(axis=1).sum() > 0.09 * height


def test_in_a_bend_the_head_turns_no_further_than_the_road(renderer):
    turn, _ = _turn(renderer, BEND)
    assert RIDE_GAZE_IN < turn <= LOOK_TURN_MAX + 1e-9  # a left bend: further left, bounded
