"""The lobby stop of the standard tour shows the SU7 on the Möbius strip: from the seat the car
is in the middle of the picture, seen from the side more than end on, and large: about 200 px
long in a 960-px picture (from the lobby walk's old place, 17 m away, it was 90 px)."""

from __future__ import annotations

import json

import numpy as np

from viewer.app.cli import main
from viewer.model.cars.car import CarDimensions
from viewer.model.cars.sculpture import car_pose
from viewer.model.tour.route import load_route
from viewer.model.tour.shuttle import TourMotion
from viewer.model.tour.tour_camera import tour_pose
from viewer.scene.snapshot import middle_of_stop

WIDTH, HEIGHT = 960, 540  # the reviewer's picture


def car_on_picture(plant, route) -> tuple[np.ndarray, np.ndarray, float]:
    """The SU7's box corners on the seat view's picture in the middle of the lobby stop (x, y
    pixels, y down), and the angle (degrees) between the line of sight and the car's length."""
    tour = TourMotion(route, plant)
    time = middle_of_stop(tour, "lobby")
    pose = tour_pose(tour, plant, "seat", time)
    eye, focal = np.array(pose.position), np.array(pose.focal_point)
    ground, yaw = car_pose(plant.sculpture, time)
    size = CarDimensions()
    ahead = np.array([np.cos(yaw), np.sin(yaw), 0.0])
    side = np.array([-ahead[1], ahead[0], 0.0])
    corners = np.array(
        [
            ground + a * size.length / 2 * ahead + b * size.width / 2 * side + [0, 0, c]
            for a in (-1, 1)
            for b in (-1, 1)
            for c in (0.0, size.height)
        ]
    )
    look = (focal - eye) / np.linalg.norm(focal - eye)
    right = np.cross(look, [0.0, 0.0, 1.0])
    right /= np.linalg.norm(right)
    up = np.cross(right, look)
    pixels = HEIGHT / 2 / np.tan(np.radians(pose.view_angle / 2))
    rel = corners - eye
    depth = rel @ look
    assert (depth > 0).all()  # in front of the camera
    x = WIDTH / 2 + pixels * (rel @ right) / depth
    y = HEIGHT / 2 - pixels * (rel @ up) / depth
    sight = (ground - eye)[:2] / np.linalg.norm((ground - eye)[:2])
    angle = float(np.degrees(np.arccos(min(abs(sight @ ahead[:2]), 1.0))))
    return x, y, angle


def test_the_lobby_seat_view_shows_the_car_from_the_side_in_the_middle(plant):
    x, y, angle = car_on_picture(plant, load_route())
    assert angle >= 20.0, f"the car is seen {angle:.0f} degrees off end on: its tail alone"
    assert np.ptp(x) >= 200.0, f"the car is {np.ptp(x):.0f} px wide on a {WIDTH}-px picture"
    # whole on the picture, in its middle third across
    assert WIDTH / 3 <= x.min() and x.max() <= 2 * WIDTH / 3, (x.min(), x.max())
    assert 0 <= y.min() and y.max() <= HEIGHT


def test_the_standard_route_still_checks_and_drives_in_fifteen_minutes(capsys):
    assert main(["check-route", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] and not report["problems"]
    assert abs(report["drive_time_s"] - report["plan_drive_s"]) <= 30
    lobby = next(stop for stop in report["stops"] if stop["id"] == "lobby")
    assert lobby["subject_share"] >= 0.25
