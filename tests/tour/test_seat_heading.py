"""The seat view faces each stop's subject from the moment the shuttle stands there: at the
tour's start, on arrival, and after a jump (the camera is a pure function of tour time)."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from viewer.model.plant.equipment import plant_parts
from viewer.model.tour.route import load_route
from viewer.model.tour.shuttle import TourMotion
from viewer.model.tour.stop_view import face_samples, subject_box
from viewer.model.tour.tour_camera import tour_pose

TOLERANCE_DEG = 5.0  # the view's centre within this angle of some point of the subject


@pytest.fixture(scope="module")
def tour(plant):
    return TourMotion(load_route(), plant)


@pytest.fixture(scope="module")
def parts(plant):
    return plant_parts(plant)


def _view(pose) -> tuple[np.ndarray, np.ndarray]:
    eye = np.asarray(pose.position, dtype=float)
    return eye, np.asarray(pose.focal_point, dtype=float) - eye


def angle_to_box(eye: np.ndarray, direction: np.ndarray, box: np.ndarray) -> float:
    """Degrees between a view direction and the nearest point of a box (0: the ray hits it)."""
    low, high = box[:3], box[3:]
    with np.errstate(divide="ignore", invalid="ignore"):
        t0, t1 = (low - eye) / direction, (high - eye) / direction
    near = np.where(np.isnan(t0), -np.inf, np.minimum(t0, t1))
    far = np.where(np.isnan(t1), np.inf, np.maximum(t0, t1))
    if near.max() <= far.min() and far.min() > 0:
        return 0.0  # the centre of the picture is on the subject
    # else the nearest point, sampled every half metre on the box's faces
    rel = face_samples(box, spacing=0.5, most=400) - eye
    cosines = rel @ direction / np.linalg.norm(rel, axis=1) / np.linalg.norm(direction)
    return float(np.degrees(np.arccos(np.clip(cosines.max(), -1.0, 1.0))))


def test_the_tour_starts_facing_the_lobby_sculpture(tour, plant, parts):
    eye, direction = _view(tour_pose(tour, plant, "seat", 0.0))
    box = subject_box(plant, parts, tour.route.stops[0].subject_name)
    assert angle_to_box(eye, direction, box) < TOLERANCE_DEG
    # and it does not swing round in the first seconds: the same view 2 s later
    later = _view(tour_pose(tour, plant, "seat", 2.0))[1]
    assert direction @ later / np.linalg.norm(direction) / np.linalg.norm(later) > 0.999


def test_every_stop_faces_its_subject_on_arrival(tour, plant, parts):
    for stop, (arrive, depart) in zip(tour.route.stops, tour.stop_spans, strict=True):
        if stop.ride is not None:
            continue  # the seat rides in the car there (tests/test_test_ride.py)
        eye, direction = _view(tour_pose(tour, plant, "seat", arrive))
        box = subject_box(plant, parts, stop.subject_name)
        assert angle_to_box(eye, direction, box) < TOLERANCE_DEG, stop.id
        middle = _view(tour_pose(tour, plant, "seat", (arrive + depart) / 2))[1]
        cosine = direction @ middle / np.linalg.norm(direction) / np.linalg.norm(middle)
        assert cosine > 0.999, stop.id  # already the view of the whole stop


def test_the_seat_view_still_turns_without_jumps_over_the_whole_tour(tour, plant):
    # up to the test ride, which cuts to the car on the track (tests/test_test_ride.py)
    end = tour.stop_spans[tour.route.ride_index][0] if tour.route.ride_index else tour.total_time
    times = np.arange(0.0, end, 0.5)
    focal = np.array([tour_pose(tour, plant, "seat", t).focal_point for t in times])
    assert np.linalg.norm(np.diff(focal, axis=0), axis=1).max() < 12.0
    # while driving between stops, well before the next arrival, it looks down the road
    arrive, _ = tour.stop_spans[3]
    state = tour.at(arrive - 10.0)
    eye, direction = _view(tour_pose(tour, plant, "seat", arrive - 10.0))
    forward = np.array([np.cos(state.heading), np.sin(state.heading)])
    assert direction[:2] @ forward / np.linalg.norm(direction[:2]) > 0.99


def test_next_in_the_seat_view_lands_facing_the_next_subject(qtbot, window, plant, parts):
    dock = window.tour.dock
    dock.camera_box.setCurrentIndex(dock.camera_box.findData("seat"))  # the user's choice
    qtbot.waitUntil(lambda: not window.tour.blending, timeout=5000)
    for stop in (1, 2, 3):
        qtbot.keyClick(window.plotter, Qt.Key.Key_Right)
        assert window.tour.shuttle.stop == stop
        eye, direction = _view(window.scene.camera_pose())
        box = subject_box(plant, parts, window.tour.motion.route.stops[stop].subject_name)
        assert angle_to_box(eye, direction, box) < TOLERANCE_DEG, stop
