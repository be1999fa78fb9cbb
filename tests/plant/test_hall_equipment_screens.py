"""Andon boards and test-station screens read as lit screens: a blue face (not a black slab) with
a bright band across it, seen on both faces, made of boxes (no textures)."""

from __future__ import annotations

import numpy as np

from viewer.model.plant.enclosures import SCREEN_BAND, hanging_screen, screen_on_post
from viewer.model.plant.equipment import plant_parts
from viewer.model.plant.parts import BOX_ROLES, PartsBuilder
from viewer.scene.palette import ROLES


def _luminance(rgb: tuple[float, float, float]) -> float:
    r, g, b = rgb
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_the_screen_face_is_a_lit_blue_and_its_band_is_bright():
    face, band = ROLES["screen"], ROLES[SCREEN_BAND]
    assert face[2] >= 0.6 and face[2] > face[0] + 0.3  # a clear blue, lit
    assert _luminance(face) >= 0.3
    assert _luminance(band) >= 0.9
    assert _luminance(band) - _luminance(face) >= 0.5  # the band stands out on the face


def _bands_on_screens(boxes, bounds: tuple | None = None) -> tuple[int, int]:
    roles = np.array(BOX_ROLES)[boxes.role]
    screens = np.where(roles == "screen")[0]
    if bounds is not None:  # only those in a building's bounds (x0, y0, x1, y1)
        x, y = boxes.bottom_center[screens, 0], boxes.bottom_center[screens, 1]
        inside = (x > bounds[0]) & (x < bounds[2]) & (y > bounds[1]) & (y < bounds[3])
        screens = screens[inside]
    bands = np.where(roles == SCREEN_BAND)[0]
    covered = 0
    for s in screens:
        bottom, top = boxes.bottom_center[s, 2], boxes.bottom_center[s, 2] + boxes.size[s, 2]
        for b in bands:
            same_place = np.linalg.norm(boxes.bottom_center[b, :2] - boxes.bottom_center[s, :2])
            z = boxes.bottom_center[b, 2]
            if (
                same_place < 0.05
                and bottom < z < top
                and boxes.size[b, 1] > boxes.size[s, 1]  # it shows on both faces
                and boxes.size[b, 0] < boxes.size[s, 0]  # inside the face's frame
            ):
                covered += 1
                break
    return covered, len(screens)


def test_every_screen_shows_a_bright_band():
    builder = PartsBuilder()
    hanging_screen(builder, np.array([0.0, 0.0]), 0.3)
    screen_on_post(builder, np.array([5.0, 0.0]), 1.2)
    assert _bands_on_screens(builder.build().boxes) == (2, 2)


def test_the_body_shops_andon_boards_are_lit(plant):
    boxes = plant_parts(plant).boxes
    body = next(b for b in plant.buildings if b.id == "body")
    covered, screens = _bands_on_screens(boxes, body.bounds)
    assert screens >= 10
    assert covered == screens
