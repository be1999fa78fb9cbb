"""The paint shop's visitors' gallery: from the seat at the paint stop, the gallery's window band
and mullions frame the view in (line 1's last booth: tests/plant/test_paint_stop_booth.py); from
the gallery's aisle beside line 1's light tunnel, its arches, car and inspectors are seen
beyond the glass."""

from __future__ import annotations

import numpy as np
import pytest
from paint_tunnel_view import tunnel_view

from viewer.model.errors import DataFileError
from viewer.model.plant.equipment import plant_parts
from viewer.model.plant.layout import load_plant
from viewer.model.plant.parts import BOX_ROLES
from viewer.model.tour.route import load_route
from viewer.model.tour.route_check import check_route
from viewer.model.tour.shuttle import TourMotion
from viewer.model.tour.stop_view import (
    ASPECT,
    MIN_SHARE,
    boxes_crossed,
    in_picture,
    opaque_walls,
    role_boxes,
    subject_share,
)
from viewer.model.tour.tour_camera import tour_pose

GALLERY = "paint-visitor-gallery"


@pytest.fixture(scope="module")
def parts(plant):
    return plant_parts(plant)


@pytest.fixture(scope="module")
def seat(plant):
    """The seat camera (eye, focal point, view angle) in the middle of the paint stop, and the
    stop's subject."""
    tour = TourMotion(load_route(), plant)
    k = next(i for i, stop in enumerate(tour.route.stops) if stop.id == "paint")
    begin, end = tour.stop_spans[k]
    pose = tour_pose(tour, plant, "seat", (begin + end) / 2)
    eye, focal = np.array(pose.position), np.array(pose.focal_point)
    return eye, focal, pose.view_angle, tour.route.stops[k].subject


def _inside(rows: np.ndarray, extent: np.ndarray) -> np.ndarray:
    """Which boxes (rows x, y, z, ...) stand inside an extent (x0, y0, z0, x1, y1, z1)."""
    xy = rows[:, :2]
    return np.all((xy >= extent[:2] - 0.01) & (xy <= extent[3:5] + 0.01), axis=1)


def _crossing(eye: np.ndarray, target: np.ndarray, row: np.ndarray) -> np.ndarray:
    """Where the line from ``eye`` to ``target`` crosses the middle plane of a wall's box."""
    normal = np.array([-np.sin(row[6]), np.cos(row[6]), 0.0])
    t = (row[:3] - eye) @ normal / ((target - eye) @ normal)
    return eye + (target - eye) * t


def _centres(rows: np.ndarray) -> np.ndarray:
    return rows[:, :3] + np.column_stack([np.zeros((len(rows), 2)), rows[:, 5] / 2])


def test_the_light_tunnel_is_seen_through_the_gallery_glass(plant, parts):
    eye, focal, angle, box = tunnel_view(plant)
    tunnel = role_boxes(parts, ("light_tunnel",))
    tunnel = tunnel[_inside(tunnel, box)]
    assert len(tunnel) >= 10, "line 1's light tunnel: its arches of light"
    # its arches are in the picture, and so are the inspectors standing in it
    assert in_picture(eye, focal, angle, ASPECT, _centres(tunnel)).sum() >= 10
    places = np.vstack([crew.places for crew in plant.people.crews if crew.workshop == "paint"])
    inspectors = places[np.all((places >= box[:2]) & (places <= box[3:5]), axis=1)]
    assert len(inspectors) >= 2
    heads = np.column_stack([inspectors, np.full(len(inspectors), 1.6)])
    assert in_picture(eye, focal, angle, ASPECT, heads).all()
    # the sight line to the tunnel's middle passes through the gallery's glass, a few metres off,
    # and through no opaque wall
    middle = (box[:3] + box[3:]) / 2
    glass = role_boxes(parts, ("glass",))
    crossed = glass[boxes_crossed(eye, middle, glass) & _inside(glass, parts.extents[GALLERY])]
    assert len(crossed) == 1
    assert np.linalg.norm(_crossing(eye, middle, crossed[0]) - eye) < 6.0
    assert not boxes_crossed(eye, middle, opaque_walls(parts)).any()
    assert subject_share(eye, focal, angle, ASPECT, box, opaque_walls(parts)) >= MIN_SHARE


def test_the_gallery_frames_the_view(parts, seat):
    eye, focal, angle, _ = seat
    boxes = parts.boxes
    rows = np.column_stack([boxes.bottom_center, boxes.size, boxes.yaw])
    mine = _inside(rows, parts.extents[GALLERY])
    mullions = rows[mine & (boxes.role == BOX_ROLES.index("support"))]
    # the mullions stand across the picture, the window's head runs across its upper part
    seen = in_picture(eye, focal, angle, ASPECT, _centres(mullions))
    assert seen.sum() >= 3
    heads = rows[mine & (boxes.role == BOX_ROLES.index("wall")) & (rows[:, 2] > 2.0)]
    assert len(heads) == 1 and heads[0, 2] > eye[2]
    above = _crossing(eye, focal, heads[0])  # the head straight ahead, in the upper part
    above[2] = heads[0, 2] + 0.1
    assert in_picture(eye, focal, angle, ASPECT, above[None]).all()
    assert in_picture(eye, focal, angle / 2, ASPECT, above[None]).sum() == 0


def test_the_paint_stop_passes_the_route_check(plant, parts):
    report = check_route(load_route(), plant, parts)
    paint = next(s for s in report.stops if s["id"] == "paint")
    assert paint["subject_share"] >= MIN_SHARE
    assert not [p for p in report.problems if p.stop == "paint"]


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("end = [672, 300.2]", "end = [611.5, 300.2]", "end"),
        ("head_m = 3.6", "head_m = 0.5", "head_m"),
        ('visitors = "right"', 'visitors = "south"', "visitors"),
        ("mullion_pitch_m = 2.4", "mullion_pitch_m = 0.2", "mullion_pitch_m"),
        ('tunnel_wall = "right"', 'tunnel_wall = "north"', "tunnel_wall"),
    ],
)
def test_a_broken_gallery_entry_names_its_field(write_plant, plant_text, old, new, field):
    assert plant_text.count(old) == 1, old
    with pytest.raises(DataFileError, match=field):
        load_plant(write_plant(plant_text.replace(old, new)))
