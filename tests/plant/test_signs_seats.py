"""Signs seen from the shuttle's seat: the paint stop's gallery sign is in the seat's picture with
its letters drawn; at every workshop stop the hall's name hangs in view, near, turned to the
seat and not hidden behind equipment."""

from __future__ import annotations

import numpy as np
import pytest

from viewer.model.plant.equipment import plant_parts
from viewer.model.plant.parts import BOX_ROLES
from viewer.model.plant.structure import building_signs
from viewer.model.tour.tour_camera import tour_pose
from viewer.scene.snapshot import OffscreenRenderer, middle_of_stop

SIZE = (640, 360)
HALL_STOPS = {
    "die-casting": "die-casting",
    "stamping": "stamping",
    "body-shop": "body",
    "final-assembly": "assembly",
    "paint": "paint",
}
# what may stand between the seat and a sign without hiding it: the signs and their rods
SEE_THROUGH = {"sign", "support", "hanger", "glass", "window"}


def _seat(tour: object, plant: object, stop: str) -> tuple[np.ndarray, np.ndarray, float]:
    """The seat's eye, its unit view direction and vertical view angle in the stop's middle."""
    pose = tour_pose(tour, plant, "seat", middle_of_stop(tour, stop))
    eye = np.array(pose.position)
    ahead = np.array(pose.focal_point) - eye
    return eye, ahead / np.linalg.norm(ahead), float(pose.view_angle)


def _corners(sign: object) -> np.ndarray:
    """The middle and the four corners of a sign's front face, pulled 5 cm in."""
    along = np.array([np.cos(sign.yaw), np.sin(sign.yaw), 0.0]) * (sign.size[0] / 2 - 0.05)
    middle = sign.bottom_center + np.array([0.0, 0.0, sign.size[2] / 2])
    up = np.array([0.0, 0.0, sign.size[2] / 2 - 0.05])
    return np.array([middle, middle - along - up, middle + along - up, middle - along + up,
                     middle + along + up])  # fmt: skip


def _hidden(boxes: object, eye: np.ndarray, point: np.ndarray) -> bool:
    """Whether an opaque box stands on the segment from ``eye`` to ``point`` (short of it)."""
    roles = np.array(BOX_ROLES)[boxes.role]
    solid = ~np.isin(roles, list(SEE_THROUGH))
    c, size, yaw = boxes.bottom_center[solid], boxes.size[solid], boxes.yaw[solid]
    cos, sin = np.cos(yaw), np.sin(yaw)
    for t in np.linspace(0.02, 0.97, 160):
        q = eye + t * (point - eye)
        d = q[:2] - c[:, :2]
        u, v = d[:, 0] * cos + d[:, 1] * sin, -d[:, 0] * sin + d[:, 1] * cos
        inside = (np.abs(u) <= size[:, 0] / 2) & (np.abs(v) <= size[:, 1] / 2)
        if (inside & (q[2] >= c[:, 2]) & (q[2] <= c[:, 2] + size[:, 2])).any():
            return True
    return False


@pytest.fixture(scope="module")
def boxes(plant):
    return plant_parts(plant).boxes


@pytest.mark.parametrize("stop", sorted(HALL_STOPS))
def test_the_halls_name_faces_the_seat_in_view(plant, tour, boxes, stop):
    building = plant.building(HALL_STOPS[stop])
    eye, ahead, view_angle = _seat(tour, plant, stop)
    half_v = np.radians(view_angle / 2)
    half_h = np.arctan(np.tan(half_v) * SIZE[0] / SIZE[1])
    readable, seen = [], []
    for sign in building_signs(building):
        if sign.text.zh not in (building.name.zh,) and not sign.text.zh.startswith(
            building.name.zh
        ):
            continue
        corners = _corners(sign)
        to = corners[0] - eye
        distance = float(np.linalg.norm(to))
        normal = np.array([-np.sin(sign.yaw), np.cos(sign.yaw), 0.0])
        facing = np.degrees(np.arccos(abs(normal @ to) / distance))
        side = np.cross([0.0, 0.0, 1.0], ahead)
        side /= np.linalg.norm(side)
        up = np.cross(ahead, side)
        in_view = all(
            abs(np.arctan2((c - eye) @ side, (c - eye) @ ahead)) < half_h
            and abs(np.arctan2((c - eye) @ up, (c - eye) @ ahead)) < half_v
            for c in corners
        )
        # near enough: its face at least 1/25 of the picture's height (29 px of 720)
        share = sign.size[2] / (distance * 2 * np.tan(half_v))
        hidden = [_hidden(boxes, eye, c) for c in corners]
        seen.append((sign.text.en, in_view, round(share, 3), round(facing), hidden))
        if in_view and share >= 0.04 and facing < 35 and not any(hidden):
            readable.append(sign.text.en)
    assert readable, f"{stop}: no sign with {building.name.en!r} readable from the seat: {seen}"


def test_the_paint_stops_picture_shows_the_gallery_signs_letters(plant, route):
    sign = next(s for s in plant.building("paint").signs if s.text.zh.startswith("涂装车间"))
    renderer = OffscreenRenderer(plant, SIZE, route=route, quality="low")
    try:
        image = renderer.render_stop("paint")
        ren = renderer.plotter.renderer
        heading = np.radians(sign.heading_deg)
        along = np.array([np.sin(heading), -np.cos(heading), 0.0]) * sign.size[0] / 2
        base = np.array([*sign.at, sign.bottom])
        xs, ys = [], []
        for corner in (base - along, base + along, base + [0, 0, sign.size[1]] + along):
            ren.SetWorldPoint(*corner, 1.0)
            ren.WorldToDisplay()
            x, y, _ = ren.GetDisplayPoint()
            xs.append(x)
            ys.append(SIZE[1] - y)
        renderer.scene.signs.actor.SetVisibility(False)
        renderer.plotter.render()
        plain = np.asarray(renderer.plotter.screenshot(return_img=True))
    finally:
        renderer.close()
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    assert 0 <= x0 and x1 <= SIZE[0] and 0 <= y0 and y1 <= SIZE[1]  # the whole sign in view
    # over the booth's windows, between two of the gallery's mullions: read whole, a fifth of
    # the picture wide, below its top sixth (on the gallery's fascia it filled the top 15 %)
    assert y1 - y0 > 12 and x1 - x0 > SIZE[0] / 5 and y0 > SIZE[1] / 6
    rows, cols = slice(int(y0) + 2, int(y1) - 2), slice(int(x0) + 3, int(x1) - 3)
    face = image[rows, cols, :3].astype(int)
    letters = (face >= 150).all(axis=-1)
    assert 0.02 < letters.mean() < 0.5  # white letters (small: the sign is 8 m away)
    ground = face[~letters].mean(axis=0)
    assert ground[2] > ground[0] + 25 and ground.max() < 140, ground  # on dark blue
    assert (plain[rows, cols, :3] >= 150).all(axis=-1).mean() < 0.01  # no letters without them
