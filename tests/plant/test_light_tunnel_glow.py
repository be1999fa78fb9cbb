"""The paint shop's light tunnel reads as a bright inspection tunnel: from the gallery its LED
strips glow white (drawn unlit, the brightest thing there) in a light grey body, not a dark shed
(viewer.model.plant.equipment, viewer.scene.plant.halls)."""

from __future__ import annotations

import numpy as np
import pytest
from paint_tunnel_view import tunnel_view

from viewer.model.plant.equipment import plant_parts
from viewer.model.plant.parts import BOX_ROLES, PartsBuilder
from viewer.model.plant.views import CameraPose
from viewer.model.tour.stop_view import role_boxes
from viewer.scene import palette
from viewer.scene.snapshot import OffscreenRenderer

SIZE = (640, 360)


@pytest.fixture(scope="module")
def paint_stop(plant):
    """The picture (Low) from a seat on the paint gallery's aisle square to line 1's light
    tunnel, the tunnel's strips in it as pixel positions, and the tunnel's box."""
    eye, focal, angle, box = tunnel_view(plant)
    parts = plant_parts(plant)
    strips = role_boxes(parts, ("light_tunnel",))
    strips = strips[np.all((strips[:, :2] >= box[:2]) & (strips[:, :2] <= box[3:5]), axis=1)]
    renderer = OffscreenRenderer(plant, SIZE, quality="low")
    try:
        image = renderer.render(pose=CameraPose(tuple(eye), tuple(focal), angle))
        vtk_renderer = renderer.plotter.renderer
        pixels = []
        for x, y, z, _, _, height, _ in strips:
            vtk_renderer.SetWorldPoint(x, y, z + height / 2, 1.0)  # each strip's middle
            vtk_renderer.WorldToDisplay()
            u, v, depth = vtk_renderer.GetDisplayPoint()
            pixels.append((round(u), SIZE[1] - 1 - round(v), depth))
        glow = renderer.scene.instanced["glow-boxes"]
        lit = [actor.GetProperty().GetLighting() for actor in glow.actors]
    finally:
        renderer.close()
    return image, np.array(pixels), lit, parts, box


def test_the_tunnels_strips_glow_white_from_the_seat(paint_stop):
    image, pixels, lit, _, _ = paint_stop
    assert not any(lit), "the strips are drawn unlit: they give light"
    u, v, depth = pixels.T
    seen = (u >= 0) & (u < SIZE[0]) & (v >= 0) & (v < SIZE[1]) & (depth > 0) & (depth < 1)
    assert seen.sum() >= 10, "the tunnel's arches are in the seat's picture"
    brightness = image[v[seen].astype(int), u[seen].astype(int)].astype(float).min(axis=1)
    # near white behind the gallery's faintly tinted glass; lit from one side they were mid grey
    assert np.median(brightness) >= 225
    # and among the brightest things in the picture: brighter than 90 % of it
    assert np.median(brightness) >= np.percentile(image.min(axis=2), 90)


def test_the_tunnels_skirts_are_light_its_back_wall_roof_and_floor_dark(paint_stop):
    _, _, _, parts, box = paint_stop
    boxes = parts.boxes
    xy = boxes.bottom_center[:, :2]
    inside = np.all((xy >= box[:2] - 0.5) & (xy <= box[3:5] + 0.5), axis=1)  # skirts just out
    roles = np.array(BOX_ROLES)[boxes.role[inside]]
    sizes = boxes.size[inside]
    top = boxes.bottom_center[inside, 2] + sizes[:, 2]
    long = (sizes[:, 0] >= box[3] - box[0] - 0.1) & (roles != "light_tunnel")
    # the skirts (a metre tall, towards the gallery too): light grey, not a dark shed; the
    # wall behind the strips and the roof over them: dark, the white arches read against them
    skirts = [palette.ROLES[r] for r in roles[long & (np.abs(top - 1.0) < 0.05)]]
    behind = [palette.ROLES[r] for r in roles[long & (top > 1.5)]]
    assert len(skirts) == 2 and np.mean(skirts, axis=1).min() >= 0.6
    assert len(behind) == 2 and np.mean(behind, axis=1).max() < 0.3
    floor = [palette.ROLES[r] for r in roles[long & (sizes[:, 2] < 0.05)]]
    assert len(floor) == 1 and np.mean(floor) < 0.5  # dark plate: the car's reflections read


def test_a_free_standing_tunnel_has_glowing_arches_over_a_dark_floor_before_a_dark_wall():
    from viewer.model.plant.equipment import _light_tunnel

    builder = PartsBuilder()
    along, normal = np.array([1.0, 0.0]), np.array([0.0, 1.0])
    _light_tunnel(builder, np.zeros(2), along, normal, 0.0, (10.0, 5.0, 3.0), wall=1)
    boxes = builder.build().boxes
    roles = np.array(BOX_ROLES)[boxes.role]
    strips = boxes.size[roles == "light_tunnel"]
    assert len(strips) >= 3 * 7  # two posts and a top bar every 1.4 m at least
    shade = {r: np.mean(palette.ROLES[r]) for r in set(roles)}
    floor = roles[np.argmin(boxes.size[:, 2])]
    body = [shade[r] for r in roles if r not in (floor, "light_tunnel", "tunnel_wall")]
    assert shade[floor] < 0.5 < min(body) and shade["tunnel_wall"] < 0.3
    assert shade["light_tunnel"] > 0.95
