"""The signs' letters as drawn: white text on a sign seen from in front of it, Chinese glyphs that
are real glyphs (not blank, not tofu boxes), one actor however many signs, hall signs drawn only
from inside their hall."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
import pyvista as pv

from viewer.model.fields import Text
from viewer.model.plant.views import CameraPose
from viewer.scene.plant.plant_scene import PlantScene
from viewer.scene.plant.signs import BACKGROUND, text_tile

SIZE = (480, 270)


def _white(image: np.ndarray, least: int = 150) -> np.ndarray:
    """Pixels of the letters' colour: white, or light grey where a letter's edge blends with
    the dark blue (every channel at least ``least``; the sign's ground has blue at 84)."""
    return (image[..., :3] >= least).all(axis=-1)


def _front_pose(sign: object, distance: float) -> CameraPose:
    """A camera ``distance`` m in front of a layout sign, level with its middle, facing it."""
    heading = np.radians(sign.heading_deg)
    middle = np.array([*sign.at, sign.bottom + sign.size[1] / 2])
    eye = middle + distance * np.array([np.cos(heading), np.sin(heading), 0.0])
    return CameraPose(tuple(eye), tuple(middle), 40.0)


def _screen_box(plotter: pv.Plotter, sign: object) -> tuple[slice, slice, slice, slice]:
    """Rows and columns of the picture inside the sign's face: whole, and its upper half."""
    renderer = plotter.renderer
    heading = np.radians(sign.heading_deg)
    along = np.array([np.sin(heading), -np.cos(heading), 0.0]) * sign.size[0] / 2
    base = np.array([*sign.at, sign.bottom])
    up = np.array([0.0, 0.0, sign.size[1]])
    xs, ys = [], []
    for corner in (base - along, base + along, base - along + up, base + along + up):
        renderer.SetWorldPoint(*corner, 1.0)
        renderer.WorldToDisplay()
        x, y, _ = renderer.GetDisplayPoint()
        xs.append(x)
        ys.append(SIZE[1] - y)  # picture rows run top down
    x0, x1 = int(min(xs)) + 3, int(max(xs)) - 3
    y0, y1 = int(min(ys)) + 3, int(max(ys)) - 3
    middle = (y0 + y1) // 2
    return slice(y0, y1), slice(x0, x1), slice(y0, middle), slice(middle, y1)


@pytest.fixture(scope="module")
def seen(plant):
    """The body shop's line sign from 14 m in front: the picture with its letters and without,
    and where the sign is in it."""
    sign = plant.building("body").signs[0]
    plotter = pv.Plotter(off_screen=True, window_size=list(SIZE))
    scene = PlantScene(plotter, plant)
    scene.apply_pose(_front_pose(sign, 14.0))
    lettered = plotter.screenshot(return_img=True)
    box = _screen_box(plotter, sign)
    plotter.renderer.RemoveActor(scene.signs.actor)  # the plain sign box, as before letters
    plotter.render()
    plain = plotter.screenshot(return_img=True)
    plotter.close()
    return lettered, plain, box


def test_the_sign_text_is_drawn_white_on_the_sign(seen):
    lettered, plain, (rows, cols, upper, lower) = seen
    assert rows.stop - rows.start > 20 and cols.stop - cols.start > 60  # seen big enough
    face = lettered[rows, cols]
    letters = _white(face).mean()
    assert 0.03 < letters < 0.5  # letters, not a white panel
    assert _white(plain[rows, cols]).mean() < 0.005  # a plain sign box carries no letters
    # the rest of the face is the signs' dark blue
    ground = face[~_white(face)].astype(float).mean(axis=0)
    assert ground[2] > ground[0] + 20 and ground.max() < 140, ground
    assert abs(ground - np.array(BACKGROUND)).max() < 40, ground


def test_the_chinese_line_is_drawn_above_the_english(seen):
    lettered, plain, (_, cols, upper, lower) = seen
    # the Chinese glyphs, in the sign's upper half: drawn (an empty render shows none)
    assert _white(lettered[upper, cols]).sum() > 40
    assert _white(plain[upper, cols]).sum() == 0
    assert _white(lettered[lower, cols]).sum() > 20  # the English line below


def test_chinese_glyphs_are_glyphs_not_blank_or_tofu():
    empty = text_tile(Text("", ""), 256, 96)
    assert not _white(empty, 200).any()
    tiles = [text_tile(Text("", zh), 256, 96) for zh in ("冲压", "焊装", "总装")]
    for tile in tiles:
        assert _white(tile, 200).sum() > 100  # drawn
    # different characters, different shapes: a missing glyph's box would be the same each time
    masks = [_white(tile, 200) for tile in tiles]
    for a in range(3):
        for b in range(a + 1, 3):
            differ = (masks[a] != masks[b]).sum() / (masks[a] | masks[b]).sum()
            assert differ > 0.3


def _shifted(spec: object, dx: float) -> object:
    return replace(spec, at=spec.at + np.array([dx, 0.0]))


def test_more_signs_need_no_more_actors(plant):
    counts, letters = [], []
    doubled = tuple(
        replace(b, signs=b.signs + tuple(_shifted(s, 2.0) for s in b.signs))
        for b in plant.buildings
    )
    for buildings in (plant.buildings, doubled):
        plotter = pv.Plotter(off_screen=True, window_size=[160, 90])
        scene = PlantScene(plotter, replace(plant, buildings=buildings))
        plotter.ren_win.Render()
        counts.append(scene.actor_count)
        letters.append(len(scene.signs.signs))
        texture = scene.signs.texture
        assert texture.GetMipmap() and texture.GetInterpolate()  # far signs do not shimmer
        plotter.close()
    extra = sum(len(b.signs) for b in plant.buildings)
    assert extra > 0 and letters[1] == letters[0] + extra
    assert counts[0] == counts[1]


def test_hall_signs_are_drawn_from_inside_their_hall_only(plant):
    plotter = pv.Plotter(off_screen=True, window_size=[160, 90])
    scene = PlantScene(plotter, plant)
    signs = scene.signs
    outdoors = signs.owner < 0
    assert outdoors.any() and (~outdoors).any()
    scene.show_view("overview")
    plotter.ren_win.Render()  # (pyvista's render() waits for a first show)
    assert np.array_equal(signs.shown(), outdoors)  # from above: only the boarding bay's
    sign = plant.building("stamping").signs[0]
    scene.apply_pose(_front_pose(sign, 14.0))
    plotter.ren_win.Render()
    stamping = [b.id for b in plant.buildings].index("stamping")
    assert np.array_equal(signs.shown(), outdoors | (signs.owner == stamping))
    plotter.close()
