"""The test ride: a lap of the test track in an SU7 with the car's own speed profile, loaded and
checked from the route file, seen from the passenger seat; the kiosk, the video's indicator
and the guide's script play or show it."""

from __future__ import annotations

import numpy as np
import pytest

from viewer.model.errors import DataFileError
from viewer.model.kiosk.kiosk_program import caption_at, kiosk_camera, loop_time
from viewer.model.tour.route import default_route_path, load_route
from viewer.model.tour.route_check import check_route
from viewer.model.tour.shuttle import distance_to_polyline
from viewer.model.tour.tour_camera import tour_pose
from viewer.model.tour.track_ride import PASSENGER_EYE, RideMotion
from viewer.model.tour.video_plan import indicator_text


@pytest.fixture(scope="module")
def ride(tour) -> RideMotion:
    assert tour.ride is not None
    return tour.ride


def _route_text(old: str, new: str) -> str:
    text = default_route_path().read_text(encoding="utf-8")
    assert old in text, old
    return text.replace(old, new, 1)


# -- the speed profile ---------------------------------------------------------------------------
def test_the_standard_tour_ends_with_the_ride_after_the_shuttle_drive(route, tour):
    assert route.ride_index == len(route.stops) - 1 and route.stops[-1].id == "test-ride"
    assert route.stops[-2].id == "cafeteria"  # the shuttle drive's last stop comes first
    assert abs(tour.drive_time - route.plan_drive_s) <= 30.0  # the drive's plan unchanged
    begin, end = tour.stop_spans[-1]
    assert end == pytest.approx(tour.total_time)
    assert tour.launch_time == pytest.approx(begin + route.stops[-1].ride.board_s)
    narration = route.stops[-1].narration
    assert "lap" in narration.en and "试车跑道" in narration.zh


def test_the_lap_is_the_tracks_two_and_a_half_kilometres(ride, plant):
    assert ride.length == pytest.approx(2500.0, rel=0.02)
    assert ride.length == pytest.approx(plant.track.length, rel=1e-3)
    arc = np.linspace(0.0, ride.length, 2000)
    points, _ = ride.point_at(arc)
    ring = np.vstack([plant.track.centerline, plant.track.centerline[:1]])
    assert distance_to_polyline(points, ring).max() < 0.5  # on the centre line all round
    np.testing.assert_allclose(points[0], points[-1], atol=1e-6)  # back on the start line
    np.testing.assert_allclose(points[0], ride.ride.start, atol=plant.track.width / 2)


def test_a_strong_launch_on_the_straight(ride):
    launch = ride.ride.launch_ms2
    assert ride.at(0.0).speed == 0.0 and ride.at(-3.0).speed == 0.0  # on the line, boarding
    assert ride.at(1.0).speed == pytest.approx(launch, rel=0.02)  # grip-limited at first
    times = np.arange(0.0, 10.0, 0.01)
    _, speed = ride.arc_at(times)
    to_100 = times[np.argmax(speed >= 100 / 3.6)]
    assert 2.5 < to_100 < 4.5  # seconds: an SU7 Max launching with passengers
    assert speed.max() * 3.6 == pytest.approx(ride.ride.top_kmh, abs=0.5)
    # a straight: the heading does not change while it launches
    _, heading = ride.point_at(ride.arc_at(np.array([0.0, 8.0]))[0])
    assert abs(heading[1] - heading[0]) < 1e-6


def test_bends_at_a_plausible_sideways_acceleration(ride):
    lateral = ride.lateral()
    limit = ride.ride.lateral_ms2
    assert lateral.max() <= limit + 0.05
    bends = ride.curvature > 0.5 / 50.0  # the 50 m bends
    assert bends.sum() * 0.5 > 4 * 60  # four bends of some 78 m each
    assert np.median(lateral[bends]) > 0.9 * limit  # taken at the limit, not crawling
    assert np.median(ride.speed[bends]) * 3.6 == pytest.approx(np.sqrt(limit * 50) * 3.6, rel=0.05)
    # braking and accelerating within the car's limits (forward-backward pass)
    accel = ride.longitudinal()
    assert accel.max() <= ride.ride.launch_ms2 + 1e-6
    assert accel.min() >= -ride.ride.brake_ms2 - 1e-6
    # and the speed at any moment, sampled finely, agrees with the timetable
    times = np.arange(0.0, ride.lap_time, 0.05)
    arc, speed = ride.arc_at(times)
    mean = (speed[1:] + speed[:-1]) / 2  # (within a kink from accelerating to braking)
    np.testing.assert_allclose(np.diff(arc) / 0.05, mean, atol=0.15)


def test_slower_on_the_rough_surfaces(ride):
    assert len(ride.ride.rough) >= 1
    for stretch in ride.ride.rough:
        inside = (ride.s >= stretch.start_m) & (ride.s <= stretch.end_m)
        assert inside.any() and ride.speed[inside].max() <= stretch.kmh / 3.6 + 1e-9


def test_lap_time_is_plausible_and_the_state_a_function_of_time(ride, tour):
    assert 80.0 < ride.lap_time < 180.0  # 2.5 km at an average of 50 to 110 km/h
    assert ride.at(ride.lap_time + 5.0).speed == 0.0  # stopped on the line again
    times = np.arange(-2.0, ride.lap_time + 2.0, 0.1)
    points = np.array([ride.at(t).position for t in times])
    steps = np.linalg.norm(np.diff(points, axis=0), axis=1)
    assert steps.max() <= ride.ride.top_kmh / 3.6 * 0.1 + 1e-6  # never a jump
    first = tour.at(tour.launch_time + 42.0)
    tour.at(10.0)
    tour.at(tour.launch_time + 90.0)
    again = tour.at(tour.launch_time + 42.0)
    np.testing.assert_array_equal(first.ride.position, again.ride.position)
    assert first.stop == len(tour.route.stops) - 1 and first.speed == 0.0  # the shuttle waits


# -- the route file and its check ----------------------------------------------------------------
def test_the_route_file_holds_the_ride(route):
    ride = route.stops[-1].ride
    assert ride.direction == "counterclockwise" and ride.plan_lap_s > 0
    assert ride.top_kmh == 160 and ride.lateral_ms2 == 6.0
    np.testing.assert_allclose(route.stops[-1].at, route.waypoints[-1])  # the shuttle waits


@pytest.mark.parametrize(
    ("old", "new", "field", "message"),
    [
        ("ride.lateral_ms2 = 6.0", 'ride.lateral_ms2 = "fast"', "ride.lateral_ms2", "number"),
        ("ride.lateral_ms2 = 6.0", "ride.lateral_ms2 = 60", "ride.lateral_ms2", "at most 12"),
        (
            'ride.direction = "counterclockwise"',
            'ride.direction = "sideways"',
            "ride.direction",
            "unknown value",
        ),
        ("ride.top_kmh = 160", "ride.top_khm = 160", "ride.top_khm", "unknown field"),
        (
            "{ from_m = 1450, to_m = 1600, kmh = 30 }",
            "{ from_m = 1450, to_m = 1400, kmh = 30 }",
            "ride.rough[0].to_m",
            "must come after from_m",
        ),
        ("ride.plan_lap_s = 105\n", "", "ride.plan_lap_s", "missing required field"),
    ],
)
def test_a_broken_ride_field_is_named(tmp_path, old, new, field, message):
    path = tmp_path / "route.toml"
    path.write_text(_route_text(old, new), encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_route(path)
    line = str(caught.value)
    assert str(path) in line and f"stops[10].{field}" in line and message in line
    assert "\n" not in line  # the usual one clean line


def test_a_ride_stop_must_end_the_route(tmp_path):
    text = _route_text('id = "cafeteria"\n', 'id = "cafeteria"\nride.plan_lap_s = 100\n')
    path = tmp_path / "route.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError, match=r"stops\[9\]\.ride: a ride stop must be the route"):
        load_route(path)


def test_check_route_reports_the_ride_against_its_own_plan(route, plant):
    report = check_route(route, plant)
    assert report.ok, [p.message for p in report.problems]
    ride = report.as_dict()["ride"]
    assert ride["stop"] == "test-ride" and abs(ride["lap_s"] - ride["plan_lap_s"]) <= 15.0
    assert ride["length_m"] == pytest.approx(2500, rel=0.02) and ride["top_kmh"] == 160.0
    assert ride["max_lateral_ms2"] <= 6.0 + 0.05
    assert abs(report.drive_time_s - route.plan_drive_s) <= 30.0


def test_check_routes_plain_text_names_the_ride(capsys):
    from viewer.app.cli import main

    assert main(["check-route"]) == 0
    lines = capsys.readouterr().out.splitlines()
    ride = [line for line in lines if line.startswith("test ride")]
    assert ride == [
        "test ride [stop test-ride]: one lap of 2.50 km, 1:46 (plan 1:45), top speed 160 km/h"
    ]
    assert lines[-1] == "ok"


@pytest.mark.parametrize(
    ("old", "new", "kind", "words"),
    [
        ("dwell_s = 135\n", "dwell_s = 90\n", "ride", "dwell_s is 90 s"),
        ("ride.plan_lap_s = 105", "ride.plan_lap_s = 200", "timing", "the plan is 3:20"),
        ("ride.start = [1000, 240]", "ride.start = [1000, 300]", "ride", "from the test track"),
        ("to_m = 1850", "to_m = 2600", "ride", "the lap is 2504 m"),
    ],
)
def test_check_route_names_what_is_wrong_with_a_ride(tmp_path, plant, old, new, kind, words):
    path = tmp_path / "route.toml"
    path.write_text(_route_text(old, new), encoding="utf-8")
    report = check_route(load_route(path), plant)
    found = [p for p in report.problems if p.kind == kind and p.stop == "test-ride"]
    assert found and words in found[0].message, [p.message for p in report.problems]


# -- cameras, kiosk, video -----------------------------------------------------------------------
def _eye_in_car(pose, state) -> np.ndarray:
    """The camera's eye in the car's frame (x forward, y left, z up)."""
    c, s = np.cos(state.heading), np.sin(state.heading)
    rel = np.array(pose.position) - [state.position[0], state.position[1], 0.0]
    return np.array([c * rel[0] + s * rel[1], -s * rel[0] + c * rel[1], rel[2]])


def test_the_seat_rides_in_the_passenger_seat_and_looks_down_the_road(tour, plant):
    for dt in (-5.0, 1.0, 27.0, 60.0):
        state = tour.at(tour.launch_time + dt)
        assert state.ride is not None
        pose = tour_pose(tour, plant, "seat", state.time)
        np.testing.assert_allclose(_eye_in_car(pose, state.ride), PASSENGER_EYE, atol=1e-6)
        look = np.subtract(pose.focal_point, pose.position)
        forward = np.array([np.cos(state.ride.heading), np.sin(state.ride.heading)])
        assert look[:2] @ forward / np.linalg.norm(look[:2]) > np.cos(np.radians(15))
        chase = tour_pose(tour, plant, "chase", state.time)
        behind = np.subtract(state.ride.position, chase.position[:2]) @ forward
        assert 5.0 < behind < 15.0  # the chase camera follows the car, not the shuttle
    before = tour_pose(tour, plant, "seat", tour.stop_spans[-1][0] - 1.0)
    assert np.linalg.norm(np.subtract(before.position[:2], tour.route.waypoints[-1])) < 3.0


def test_the_kiosk_loop_and_the_video_play_through_the_ride(tour):
    t = tour.launch_time + 20.0
    assert kiosk_camera(tour, t) == "seat"
    assert caption_at(tour, t, "en").title == "Test ride"
    assert caption_at(tour, t, "zh").title == "试驾体验"
    count = len(tour.route.stops)
    assert indicator_text(tour, t, "en").startswith(f"Stop {count}/{count}")
    kmh = tour.at(t).ride.speed * 3.6  # the video shows the ride's speed
    assert indicator_text(tour, t, "zh").endswith(f" · {kmh:.0f} km/h") and kmh > 100
    assert "km/h" not in indicator_text(tour, tour.launch_time - 2.0, "en")  # still on the line
    assert loop_time(tour, tour.total_time + 3.0) == pytest.approx(3.0)  # then starts again
    # the ride is the climax: the kiosk stays with the car, mostly in it, never from above
    begin, end = tour.stop_spans[-1]
    cameras = [kiosk_camera(tour, t) for t in np.arange(begin + 0.25, end, 0.5)]
    assert "overview" not in cameras and "chase" in cameras
    assert cameras.count("seat") / len(cameras) > 0.6
    assert kiosk_camera(tour, tour.launch_time + 0.5) == "seat"  # the launch from the seat
    assert kiosk_camera(tour, tour.total_time - 1.0) == "chase"  # back on the line


def test_the_guides_notes_save_into_the_ride_stop(tmp_path):
    from viewer.model.tour.route_notes import route_text_with_notes

    text = default_route_path().read_text(encoding="utf-8")
    saved = route_text_with_notes(text, "route.toml", {"test-ride": {"en": "Belts first."}})
    path = tmp_path / "route.toml"
    path.write_text(saved, encoding="utf-8")
    route = load_route(path)
    ride, before = route.stops[-1].ride, load_route().stops[-1].ride
    assert route.stops[-1].notes.en == "Belts first."  # and the ride as it was
    assert ride.rough == before.rough and ride.plan_lap_s == before.plan_lap_s
    np.testing.assert_array_equal(ride.start, before.start)


def test_at_the_rides_first_moment_the_visitor_is_at_the_ride(route, tour):
    """The ride begins where the last shuttle stop ends (no drive between): at that moment the
    tour is at the ride, as Next from the last stop lands there."""
    ride = route.ride_index
    begin = tour.stop_spans[ride][0]
    assert tour.stop_spans[ride - 1][1] == pytest.approx(begin)  # the spans touch
    assert tour.at(begin).stop == ride
    assert tour.at(begin - 1.0).stop == ride - 1
