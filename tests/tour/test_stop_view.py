"""Every stop frames its subject: the seat-view rule of check-route, the subject field of a route
file, the glass bridge over the test track."""

from __future__ import annotations

import numpy as np
import pytest

from viewer.model.errors import DataFileError
from viewer.model.plant.equipment import plant_parts
from viewer.model.plant.layout import load_plant
from viewer.model.plant.parts import BOX_ROLES
from viewer.model.tour.route import default_route_path, load_route, routes_dir
from viewer.model.tour.route_check import check_route
from viewer.model.tour.shuttle import TourMotion
from viewer.model.tour.stop_view import (
    ASPECT,
    MIN_SHARE,
    _hidden,
    boxes_crossed,
    in_picture,
    opaque_walls,
    subject_box,
    subject_share,
)
from viewer.model.tour.tour_camera import tour_pose


@pytest.fixture(scope="module")
def parts(plant):
    return plant_parts(plant)


def _route_with(tmp_path, text: str, old: str, new: str):
    assert old in text, old
    path = tmp_path / "route.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return load_route(path)


def test_a_box_ahead_fills_its_angular_share():
    box = np.array([-1.0, 10.0, 0.0, 1.0, 12.0, 4.0])
    eye, focal = np.array([0.0, 0.0, 1.5]), np.array([0.0, 10.0, 1.5])
    share = subject_share(eye, focal, 70.0, 16 / 9, box)
    # 4 m tall at 10 m: 0.4 of a tangent span of 2 tan 35 deg
    assert share == pytest.approx(0.4 / (2 * np.tan(np.radians(35))), abs=0.01)
    # twice as far, half the share; behind the camera, nothing
    assert subject_share(eye, focal, 70.0, 16 / 9, box + [0, 10, 0, 0, 10, 0]) < share * 0.6
    assert subject_share(eye, eye - [0, 10, 0], 70.0, 16 / 9, box) == 0.0


def test_an_opaque_wall_hides_the_subject_and_glass_does_not(parts):
    box = np.array([-1.0, 10.0, 0.0, 1.0, 12.0, 4.0])
    eye, focal = np.array([0.0, 0.0, 1.5]), np.array([0.0, 10.0, 1.5])
    low_wall = np.array([[0.0, 5.0, 0.0, 20.0, 0.4, 1.0, 0.0]])  # a 1 m parapet hides the foot
    full_wall = np.array([[0.0, 5.0, 0.0, 20.0, 0.4, 8.0, 0.0]])
    share = subject_share(eye, focal, 70.0, 16 / 9, box)
    assert 0 < subject_share(eye, focal, 70.0, 16 / 9, box, low_wall) < share
    assert subject_share(eye, focal, 70.0, 16 / 9, box, full_wall) == 0.0
    assert len(opaque_walls(parts)) > 0


def test_walls_far_from_the_sight_lines_are_skipped_without_changing_what_is_hidden():
    # a wall 100 m long whose centre is 45 m off the sight lines still crosses them all;
    # 500 walls far off change nothing
    eye = np.array([-10.0, 0.0, 1.5])
    points = np.column_stack([np.full(9, 10.0), np.linspace(-1, 1, 9), np.full(9, 1.5)])
    far = np.column_stack([np.linspace(200, 900, 500), np.zeros((500, 2)), np.ones((500, 4))])
    long_wall = np.array([[0.0, 45.0, 0.0, 100.0, 0.3, 4.0, np.pi / 2]])
    assert _hidden(eye, points, np.vstack([far, long_wall])).all()
    assert not _hidden(eye, points, np.vstack([far, long_wall + [0, 60, 0, 0, 0, 0, 0]])).any()
    # random walls round random sight lines: what is hidden agrees with stepping along each
    # line and asking whether a step is inside a wall
    rng = np.random.default_rng(7)
    walls = np.column_stack(
        [
            rng.uniform(-60, 60, (20, 2)),
            rng.uniform(0, 1, 20),
            rng.uniform(1, 40, 20),
            rng.uniform(0.2, 3, 20),
            rng.uniform(1, 8, 20),
            rng.uniform(0, np.pi, 20),
        ]
    )
    eye = np.array([-50.0, 0.0, 1.5])
    points = np.column_stack(
        [rng.uniform(25, 45, 300), rng.uniform(-8, 8, 300), rng.uniform(0, 6, 300)]
    )
    hidden = _hidden(eye, points, walls)
    steps = np.linspace(0.002, 0.998, 2000)
    stepped = np.zeros(len(points), dtype=bool)
    for row, point in enumerate(points):
        line = eye + steps[:, None] * (point - eye)
        for x, y, z, along, across, height, yaw in walls:
            c, s = np.cos(yaw), np.sin(yaw)
            dx, dy = line[:, 0] - x, line[:, 1] - y
            stepped[row] |= np.any(
                (np.abs(dx * c + dy * s) < along / 2)
                & (np.abs(-dx * s + dy * c) < across / 2)
                & (line[:, 2] > z)
                & (line[:, 2] < z + height)
            )
    assert (hidden != stepped).sum() <= 2  # a line grazing a corner between two steps
    assert 20 < hidden.sum() < 280  # some hidden, some not
    assert boxes_crossed(eye, points[0], walls).any() == hidden[0]


@pytest.mark.parametrize("route_path", sorted(routes_dir().glob("*.toml")), ids=lambda p: p.name)
def test_every_stop_of_every_bundled_route_frames_its_subject(route_path, plant, parts):
    route = load_route(route_path)
    report = check_route(route, plant, parts)
    assert [p.message for p in report.problems if p.kind == "subject"] == []
    for stop, info in zip(route.stops, report.stops, strict=True):
        if stop.ride is not None:  # the test ride: the seat is in the car, looking ahead
            assert info["subject_share"] is None
            continue
        assert stop.subject is not None, f"{stop.id} names no subject"
        assert info["subject_share"] >= MIN_SHARE, stop.id


def test_a_subject_behind_a_wall_or_too_small_is_named(tmp_path, plant, parts):
    text = default_route_path().read_text(encoding="utf-8")
    # from the body shop the paint line is behind its south wall
    route = _route_with(tmp_path, text, 'subject = "underbody-line"', 'subject = "paint-line-1"')
    problems = [p for p in check_route(route, plant, parts).problems if p.kind == "subject"]
    assert [p.stop for p in problems] == ["body-shop"]
    assert "body-shop" in problems[0].message and "picture's height" in problems[0].message
    # the die-casting stop looking at a far rack of castings instead of the machine
    route = _route_with(tmp_path, text, 'subject = "giga-press-9100"', 'subject = "casting-buffer"')
    problems = [p for p in check_route(route, plant, parts).problems if p.kind == "subject"]
    assert [p.stop for p in problems] == ["die-casting"]


def test_an_unknown_subject_is_a_problem(tmp_path, plant, parts):
    text = default_route_path().read_text(encoding="utf-8")
    route = _route_with(tmp_path, text, 'subject = "glass-bridge"', 'subject = "glass-brige"')
    messages = [p.message for p in check_route(route, plant, parts).problems]
    assert any("'glass-brige'" in m and "no equipment" in m for m in messages)


def test_a_subject_box_in_the_route_file(tmp_path, plant, parts):
    text = default_route_path().read_text(encoding="utf-8")
    route = _route_with(
        tmp_path, text, 'subject = "glass-bridge"', "subject = [560, 230, 0, 580, 250, 9]"
    )
    stop = next(s for s in route.stops if s.id == "test-track")
    assert subject_box(plant, parts, stop.subject).tolist() == [560, 230, 0, 580, 250, 9]
    with pytest.raises(DataFileError, match="subject"):
        _route_with(tmp_path, text, 'subject = "glass-bridge"', "subject = [1, 2, 3]")


def test_subject_names_resolve(plant, parts):
    press = subject_box(plant, parts, "giga-press-9100")
    assert press[5] >= 6.5  # the 6.5 m machine (and what stands round it)
    assert press[3] - press[0] >= 22.0  # the 22 m machine in its cell
    lobby = subject_box(plant, parts, "sculpture")
    assert lobby[2] > 0 and lobby[5] > plant.sculpture.height
    hall = subject_box(plant, parts, "exhibition-hall")
    assert hall[5] == plant.building("exhibition-hall").height
    assert subject_box(plant, parts, "nothing-of-that-name") is None


def test_the_glass_bridge_spans_the_track(plant, parts):
    bridge = plant.track.bridge
    extent = parts.extents[bridge.id]
    y0, y1 = extent[1], extent[4]
    track_y = plant.track.centerline[:, 1].max()  # the north straight
    assert y0 < track_y - plant.track.width / 2 and y1 > track_y + plant.track.width / 2
    assert extent[5] > bridge.deck_height + 2.0


def test_a_broken_bridge_entry_names_its_field(write_plant, plant_text):
    text = plant_text.replace("deck_height_m = 5.5", "deck_height_m = 0.5")
    with pytest.raises(DataFileError, match="deck_height_m"):
        load_plant(write_plant(text))


def _seat_in_the_middle_of(plant, route, stop_id: str) -> tuple[np.ndarray, np.ndarray, float]:
    """Eye, focal point and view angle of the seat in the middle of stop ``stop_id``."""
    tour = TourMotion(route, plant)
    k = [stop.id for stop in route.stops].index(stop_id)
    begin, end = tour.stop_spans[k]
    pose = tour_pose(tour, plant, "seat", (begin + end) / 2)
    return np.array(pose.position), np.array(pose.focal_point), pose.view_angle


def _seen(eye, focal, angle, points: np.ndarray, walls: np.ndarray) -> np.ndarray:
    """Which of ``points`` are in the seat's picture and not behind an opaque wall."""
    shown = in_picture(eye, focal, angle, ASPECT, points)
    hidden = [boxes_crossed(eye, point, walls).any() for point in points]
    return shown & ~np.array(hidden, dtype=bool)


def test_the_giga_press_fills_the_die_casting_seat_view(plant, parts, route):
    """From the seat the 9,100 t machine itself is large (not the speck of a whole hall away),
    with the furnace, the extraction robot, the trim press and the conveyor round it in view."""
    eye, focal, angle = _seat_in_the_middle_of(plant, route, "die-casting")
    spec = next(item for item in plant.equipment if item.id == "giga-press-9100")
    along = np.array([np.cos(np.radians(spec.heading_deg)), np.sin(np.radians(spec.heading_deg))])
    across = np.array([-along[1], along[0]])
    length, width, height = spec.machine_size
    ends, sides = np.meshgrid([-length / 2, length / 2], [-width / 2, width / 2])
    corners = spec.center + np.outer(ends.ravel(), along) + np.outer(sides.ravel(), across)
    machine = np.array([*corners.min(axis=0), 0.0, *corners.max(axis=0), height])
    walls = opaque_walls(parts)
    assert np.linalg.norm(spec.center - eye[:2]) < 25.0
    assert subject_share(eye, focal, angle, ASPECT, machine, walls) >= 0.4
    x0, y0, _, x1, y1, _ = parts.extents["giga-press-9100"]
    boxes = parts.boxes
    roles = np.array(BOX_ROLES)[boxes.role]
    xy = boxes.bottom_center[:, :2]
    in_cell = (xy[:, 0] > x0) & (xy[:, 0] < x1) & (xy[:, 1] > y0) & (xy[:, 1] < y1)
    for role in ("furnace", "press", "conveyor"):  # glowing furnace, trim press, cooling conveyor
        mine = in_cell & (roles == role)
        middles = boxes.bottom_center[mine].copy()
        middles[:, 2] += boxes.size[mine, 2] / 2
        assert _seen(eye, focal, angle, middles, walls).any(), role
    robots = parts.robots
    extraction = (robots.equipment == "giga-press-9100") & (robots.task == "extraction")
    assert _seen(eye, focal, angle, robots.base[extraction] + [0.0, 0.0, 1.0], walls).any()


def test_the_cafeteria_stop_is_inside_at_the_serving_line(plant, parts, route):
    """The last stop looks at lunch from inside the cafeteria, past its glass front: the serving
    counter with servers and a queue, tables with people eating."""
    eye, focal, angle = _seat_in_the_middle_of(plant, route, "cafeteria")
    x0, y0, x1, y1 = plant.building("cafeteria").bounds
    assert x0 < eye[0] < x1 and y0 < eye[1] < y1
    walls = opaque_walls(parts)
    for name in ("cafeteria-serving-counter", "cafeteria-tables"):
        assert subject_share(eye, focal, angle, ASPECT, parts.extents[name], walls) >= 0.15, name
    crews = {crew.id: crew for crew in plant.people.crews if crew.workshop == "cafeteria"}
    diners = np.vstack([crews[f"cafeteria-diners-{side}"].places for side in ("north", "south")])
    for name, least in (("cafeteria-servers", 3), ("cafeteria-queue", 5), ("diners", 20)):
        places = diners if name == "diners" else crews[name].places
        heads = np.column_stack([places[:, :2], np.full(len(places), 1.6)])
        assert _seen(eye, focal, angle, heads, walls).sum() >= least, name
