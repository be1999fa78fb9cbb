"""The paint stop shows the paint shop (issue 19): from the seat the visitor looks square through
the gallery's glass into line 1's last booth, lit white, with the white paint robots on their
rails on both sides of a body in the picture's middle (viewer.model.plant.paint_booth,
routes/standard.toml)."""

from __future__ import annotations

import numpy as np
import pytest
from scene_pictures import picture_without

from viewer.model.motion.plant_run import PlantRun
from viewer.model.plant.equipment import plant_parts
from viewer.model.plant.paint_booth import WINDOW, paint_booth
from viewer.model.plant.parts import BOX_ROLES, PartsBuilder
from viewer.model.tour.route import load_route
from viewer.model.tour.shuttle import TourMotion
from viewer.model.tour.stop_view import (
    ASPECT,
    _project,
    boxes_crossed,
    in_picture,
    role_boxes,
    subject_box,
)
from viewer.model.tour.tour_camera import tour_pose
from viewer.scene.snapshot import OffscreenRenderer, middle_of_stop

LINE = "paint-line-1"
# What hides a robot or a body from the seat: walls, booth and oven panels, the tunnel's wall.
SOLID = ("wall", "door", "enclosure", "oven", "tunnel_wall", "machine")
SIZE = (640, 360)


@pytest.fixture(scope="module")
def parts(plant):
    return plant_parts(plant)


@pytest.fixture(scope="module")
def seat(plant, parts):
    """The seat camera (eye, focal point, view angle) in the middle of the paint stop, the stop's
    subject box and the plant's state at that moment."""
    route = load_route()
    tour = TourMotion(route, plant)
    pose = tour_pose(tour, plant, "seat", middle_of_stop(tour, "paint"))
    stop = next(stop for stop in route.stops if stop.id == "paint")
    run = PlantRun(plant, parts)
    state = run.simulation.state(run.start_time + middle_of_stop(tour, "paint"))
    box = subject_box(plant, parts, stop.subject)
    return np.array(pose.position), np.array(pose.focal_point), pose.view_angle, box, state


def _inside(points: np.ndarray, box: np.ndarray) -> np.ndarray:
    return np.all((points[:, :2] >= box[:2] - 0.1) & (points[:, :2] <= box[3:5] + 0.1), axis=1)


def _seen(eye: np.ndarray, points: np.ndarray, solid: np.ndarray) -> np.ndarray:
    """Which points no solid box stands in front of."""
    return np.array([not boxes_crossed(eye, p, solid).any() for p in points], dtype=bool)


def test_the_subject_is_a_lit_booth_of_line_1(parts, seat):
    _, _, _, box, _ = seat
    ceilings = role_boxes(parts, ("skylight",))  # drawn as a ceiling: lit from below only
    ceilings = ceilings[_inside(ceilings, box) & (ceilings[:, 3] > 20) & (ceilings[:, 2] > 4.0)]
    assert len(ceilings) == 1, "the booth's glowing filter ceiling spans the subject"
    robots = parts.robots
    mine = (robots.equipment == LINE) & (robots.task == "paint") & _inside(robots.base, box)
    assert mine.sum() == 10


def test_paint_robots_on_both_sides_are_seen_through_the_glass(parts, seat):
    eye, focal, angle, box, state = seat
    robots = parts.robots
    mine = np.flatnonzero(
        (robots.equipment == LINE) & (robots.task == "paint") & _inside(robots.base, box)
    )
    solid = role_boxes(parts, SOLID)
    middle_y = (box[1] + box[4]) / 2
    for side in (robots.base[mine, 1] < middle_y, robots.base[mine, 1] > middle_y):
        index = mine[side]
        elbow = state.poses.positions["upper_arm"][index]
        flange = state.poses.flange[index]
        whole = in_picture(eye, focal, angle, ASPECT, elbow)
        whole &= in_picture(eye, focal, angle, ASPECT, flange)
        whole &= _seen(eye, elbow, solid) & _seen(eye, flange, solid)
        assert whole.sum() >= 3, "at least three robots of each side in the picture, not hidden"
    # the sight line to the booth's middle passes the gallery's and the booth's glass
    middle = (box[:3] + box[3:]) / 2
    assert boxes_crossed(eye, middle, role_boxes(parts, ("glass",))).sum() == 2
    assert not boxes_crossed(eye, middle, solid).any()


def test_a_body_is_in_the_booth_in_the_pictures_middle(parts, seat):
    eye, focal, angle, box, state = seat
    products = state.cars.products
    centre = products.position + [0.0, 0.0, 0.7]
    there = products.visible & _inside(centre, box)
    x, y, _ = _project(eye, focal, angle, ASPECT, centre[there])
    middle = (np.abs(x) < 1 / 3) & (np.abs(y) < 1 / 3)
    assert middle.any(), "a body between the robots in the middle third of the picture"
    assert _seen(eye, centre[there][middle], role_boxes(parts, SOLID)).all()


def test_the_bodies_in_the_booth_are_seen_whole_down_to_their_sills(parts, seat):
    """Through the booth's glass the bodies show whole: their sills (a hand's breadth over the
    conveyor) are not hidden by the booth's wall under its window."""
    eye, _, _, box, state = seat
    products = state.cars.products
    sills = products.position + [0.0, 0.0, 0.15]
    there = products.visible & _inside(sills, box)
    assert there.sum() >= 2
    seen = _seen(eye, sills[there], role_boxes(parts, SOLID))
    assert seen.mean() >= 0.5, f"{seen.sum()} of {there.sum()} bodies seen down to their sills"


def test_the_far_wall_glows_and_the_visitors_side_is_glazed_high():
    builder = PartsBuilder()
    along, normal = np.array([1.0, 0.0]), np.array([0.0, 1.0])
    paint_booth(builder, np.zeros(2), along, normal, 0.0, (26.0, 7.0, 5.5), far=1)
    boxes = builder.build().boxes
    roles = np.array(BOX_ROLES)[boxes.role]
    y = boxes.bottom_center[:, 1]
    glass = boxes.size[roles == "glass"]
    assert len(glass) == 1 and y[roles == "glass"][0] < 0  # the near side (-normal) only
    assert glass[0, 2] == pytest.approx(WINDOW[1] - WINDOW[0]) and glass[0, 2] > 4.0
    panels = (roles == "light_tunnel") & (y > 3.0)
    assert panels.sum() == 5 and np.all(y[panels] < 3.5)  # inside the far wall


def test_the_seat_picture_shows_white_robots_and_a_body_in_its_middle(plant):
    renderer = OffscreenRenderer(plant, SIZE, route=load_route(), quality="low")
    try:
        image = renderer.render_stop("paint")
        robot_names = tuple(n for n in renderer.scene.instanced if n.startswith("robot-"))
        without_robots = picture_without(renderer, robot_names)
        without_bodies = picture_without(renderer, ("line-car-body",))
    finally:
        renderer.close()
    h, w = SIZE[1], SIZE[0]
    middle = (slice(h // 4, 3 * h // 4), slice(w // 6, 5 * w // 6))
    full = image[middle].astype(float)
    robots = np.abs(full - without_robots[middle]).max(axis=2) > 12
    assert robots.mean() > 0.03, "paint robots cover part of the picture's middle"
    colour = full[robots]
    # white robots, not orange ones: without colour, their lit faces light (the sides turned
    # from the sun grey)
    assert np.median(colour.max(axis=1) - colour.min(axis=1)) < 20
    assert np.percentile(colour.min(axis=1), 90) > 150
    bodies = np.abs(full - without_bodies[middle]).max(axis=2) > 12
    centre = bodies[:, w // 6 : w // 2]  # the middle third of the picture's width
    assert centre.mean() > 0.02, "a body in the picture's middle"
    # the booth is lit: its far wall and ceiling glow behind the robots
    band = image[h // 4 : h // 2, w // 6 : 5 * w // 6].min(axis=2)
    assert np.percentile(band, 75) >= 225
