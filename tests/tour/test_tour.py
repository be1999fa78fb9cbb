"""The tour (model layer): route files, the shuttle's motion and the route checks."""

from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mutations import mutate

from viewer.model.errors import DataFileError
from viewer.model.tour.route import default_route_path, load_route
from viewer.model.tour.route_check import ROBOT_ENVELOPE, check_route
from viewer.model.tour.shuttle import ACCEL, TourMotion
from viewer.model.tour.tour_camera import TOUR_CAMERAS, TURN_S, subject_point, tour_pose


@pytest.fixture(scope="module")
def route_text() -> str:
    return default_route_path().read_text(encoding="utf-8")


def _replace_once(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def test_standard_route_follows_the_reported_order(route):
    ids = [stop.id for stop in route.stops]
    assert ids == [
        "lobby",
        "showroom",
        "boarding",
        "die-casting",
        "stamping",
        "body-shop",
        "paint",
        "test-track",
        "final-assembly",
        "cafeteria",
        "test-ride",  # the test ride after the shuttle drive (its lap: test_test_ride.py)
    ]
    for stop in route.stops:
        assert stop.name.en and stop.name.zh and len(stop.narration.en) > 80
        assert re.search(r"[\u4e00-\u9fff]", stop.narration.zh)


def test_drive_time_is_fifteen_minutes(tour, route):
    assert abs(tour.drive_time - 900.0) <= 30.0
    dwell = sum(stop.dwell for stop in route.stops)
    assert tour.total_time == pytest.approx(tour.drive_time + dwell)


def test_position_is_continuous_and_heading_smooth(tour):
    times = np.arange(0.0, tour.total_time, 0.1)
    arc, speed = tour.arc_at(times)
    points, headings = tour.point_at(arc)
    steps = np.linalg.norm(np.diff(points, axis=0), axis=1)
    assert steps.max() <= 30 / 3.6 * 0.1 + 1e-6  # never faster than 30 km/h, never a jump
    assert np.all(np.diff(arc) >= -1e-9)  # never backwards
    turn = np.abs(np.diff(np.unwrap(headings)))
    assert turn.max() < np.radians(8)  # no more than 8° in a tenth of a second


def test_acceleration_stays_gentle(tour):
    times = np.arange(0.0, tour.total_time, 0.05)
    _, speed = tour.arc_at(times)
    accel = np.abs(np.diff(speed)) / 0.05
    assert accel.max() <= ACCEL + 1e-6 <= 1.0 + 1e-6


def test_dwell_is_honoured(tour, route):
    for k, stop in enumerate(route.stops):
        begin = tour.stop_times[k]
        for t in np.linspace(begin + 0.01, begin + stop.dwell - 0.01, 5):
            state = tour.at(t)
            assert state.stop == k and state.speed == 0.0
        np.testing.assert_allclose(
            tour.at(begin + 0.5).position, tour.at(begin + stop.dwell - 0.5).position
        )
        np.testing.assert_allclose(tour.at(begin).position, stop.at, atol=3.0)
    assert tour.at(tour.stop_times[4] + route.stops[4].dwell + 20).speed > 0  # and leaves


def test_speed_limits_hold_indoors(tour, plant):
    times = np.arange(0.0, tour.total_time, 0.25)
    arc, speed = tour.arc_at(times)
    points, _ = tour.point_at(arc)
    aisle = next(lane for lane in plant.aisles if lane.id == "press-line-aisle")
    # along the press line in stamping, clear of the corners at both ends
    inside = (np.abs(points[:, 1] - 485) < 1) & (points[:, 0] > 190) & (points[:, 0] < 290)
    assert inside.sum() > 100 and aisle.indoor
    assert speed[inside].max() <= 5 / 3.6 + 1e-6


def test_jumping_gives_the_same_state(tour):
    a = tour.at(1234.5)
    tour.at(10.0)
    tour.at(1800.0)
    b = tour.at(1234.5)
    assert np.array_equal(a.position, b.position)
    assert (a.heading, a.speed, a.arc, a.stop) == (b.heading, b.speed, b.arc, b.stop)


def test_time_at_arc_is_the_inverse_of_arc_at(tour):
    for arc in (100.0, 900.0, 1700.0, tour.length - 50.0):
        assert tour.at(tour.time_at_arc(arc)).arc == pytest.approx(arc, abs=0.01)


@pytest.mark.parametrize("mode", TOUR_CAMERAS)
def test_tour_cameras_follow_the_shuttle_without_jumps(tour, plant, mode):
    times = np.arange(600.0, 1500.0, 0.5)
    poses = [tour_pose(tour, plant, mode, t) for t in times]
    shuttle = np.array([tour.at(t).position for t in times])
    eyes = np.array([pose.position for pose in poses])
    focal = np.array([pose.focal_point for pose in poses])
    assert np.linalg.norm(eyes[:, :2] - shuttle, axis=1).max() < 200
    assert np.linalg.norm(np.diff(eyes, axis=0), axis=1).max() < 5.0
    assert np.linalg.norm(np.diff(focal, axis=0), axis=1).max() < 12.0


def test_seat_view_turns_to_the_stop_subject(tour, plant, route):
    k = 3  # die casting: looks at the cell, north-west of the aisle
    begin, end = tour.stop_spans[k]
    middle = tour_pose(tour, plant, "seat", (begin + end) / 2)
    before = begin - TURN_S - 2.0  # before the head turns
    arriving = tour_pose(tour, plant, "seat", before)
    look = np.subtract(middle.focal_point, middle.position)
    ahead = np.subtract(arriving.focal_point, arriving.position)
    machine = np.subtract(subject_point(plant, route.stops[k].look_at), middle.position)
    cosine = look @ machine / np.linalg.norm(look) / np.linalg.norm(machine)
    assert cosine > 0.999  # facing the machine
    heading = tour.at(before).heading
    travel = np.array([np.cos(heading), np.sin(heading)])
    assert ahead[:2] @ travel / np.linalg.norm(ahead[:2]) > 0.99  # while driving: down the aisle
    turned = look[:2] @ ahead[:2] / np.linalg.norm(look[:2]) / np.linalg.norm(ahead[:2])
    assert look[1] > 0 and turned < np.cos(np.radians(30))  # the head turns to the cell


def test_standard_route_passes_the_checks(route, plant):
    report = check_route(route, plant)
    assert report.ok, [p.message for p in report.problems]
    data = report.as_dict()
    assert {"ok", "drive_time_s", "total_time_s", "stops", "problems"} <= data.keys()
    assert len(data["stops"]) == 11


def _check_text(text: str, write_plant, plant):
    return check_route(load_route(write_plant(text, "route.toml")), plant)


def test_a_route_cut_through_a_robot_cell_is_caught(route_text, write_plant, plant):
    # a shortcut through the body shop's welding lines
    text = _replace_once(
        route_text, "[430, 437], [540, 437],", "[430, 437], [500, 437], [500, 460], [540, 460],"
    )
    report = _check_text(text, write_plant, plant)
    kinds = {p.kind for p in report.problems}
    assert {"robot-clearance", "off-aisle"} <= kinds
    robot = next(p for p in report.problems if p.kind == "robot-clearance")
    assert f"{ROBOT_ENVELOPE:.2f} m" in robot.message and robot.xy is not None


def test_a_route_off_the_aisles_is_caught(route_text, write_plant, plant):
    text = _replace_once(route_text, "  [600, 258],", "  [700, 200], [600, 258],")  # a shortcut
    report = _check_text(text, write_plant, plant)
    off = [p for p in report.problems if p.kind == "off-aisle"]
    assert off and off[0].xy is not None


def test_an_unknown_stop_and_a_missing_translation_are_caught(route_text, write_plant, plant):
    text = _replace_once(route_text, 'from = "test-track"', 'from = "test-trak"')
    text = _replace_once(
        text, 'name = { en = "Paint shop", zh = "涂装车间" }', 'name = { en = "Paint shop" }'
    )
    report = _check_text(text, write_plant, plant)
    messages = [p.message for p in report.problems]
    assert any("unknown stop 'test-trak'" in m for m in messages)
    assert any("stop 'paint' has no name in zh" in m for m in messages)
    assert not report.ok


def test_a_broken_route_file_is_a_clean_error(route_text, write_plant):
    path = write_plant(_replace_once(route_text, "dwell_s = 60\n", "dwell_s = -5\n"), "r.toml")
    with pytest.raises(DataFileError) as caught:
        load_route(path)
    assert caught.value.field == "stops[2].dwell_s" and caught.value.line
    syntax = write_plant(route_text.replace("\n[route]\n", "\n[route\n", 1), "s.toml")
    with pytest.raises(DataFileError, match="not valid TOML"):
        load_route(syntax)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_mutated_routes_load_and_check_or_raise_the_clean_error(
    route_text, write_plant, plant, data
):
    text = route_text
    text = mutate(text, data, ["-1", "0", "1e9", "0.5", "3", "99999"])
    path = write_plant(text, "route.toml")
    try:
        route = load_route(path)
    except DataFileError as err:
        assert err.file == str(path) and err.field and err.problem
        return
    report = check_route(route, plant)
    assert isinstance(report.ok, bool)
    assert all(p.kind and p.message for p in report.problems)


def test_two_stops_side_by_side_take_seconds_not_ages(route_text, write_plant, plant):
    # the paint stop moved to within half a metre of the next stop's place
    text = _replace_once(route_text, "at = [660.4, 297]", "at = [588.3, 251.8]")
    tour = TourMotion(load_route(write_plant(text, "r.toml")), plant)
    assert tour.drive_time < 1500  # a metre at walking pace, not 10^9 s
