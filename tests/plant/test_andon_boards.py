"""Andon boards and station screens show what a visitor would recognise: on a dark panel a row
of green, yellow and red station cells and white and amber figures (plan, actual, JPH, takt),
drawn through the signs' atlas by the signs' one actor; the figures follow the layout's takt."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
import pyvista as pv

from viewer.model.plant.equipment import plant_parts
from viewer.model.plant.equipment_specs import StationLine
from viewer.model.plant.layout import load_plant
from viewer.model.plant.parts import BOX_ROLES
from viewer.model.plant.plant_signs import plant_signs
from viewer.model.plant.views import CameraPose
from viewer.scene.plant.plant_scene import PlantScene
from viewer.scene.plant.signs import CELL_COLOURS

SIZE = (480, 270)


def _boards(signs: list, kind: str) -> list:
    return [sign for sign in signs if sign.board is not None and sign.board.kind == kind]


def test_every_lit_screen_carries_a_board(plant):
    parts = plant_parts(plant)
    signs = plant_signs(plant, parts)
    screens = int(np.count_nonzero(parts.boxes.role == BOX_ROLES.index("screen")))
    andons, posts = _boards(signs, "andon"), _boards(signs, "screen")
    assert len(andons) >= 10 and len(posts) >= 10
    assert len(andons) + len(posts) == screens
    for sign in andons:
        assert set(sign.board.cells) <= set("gyr") and 4 <= len(sign.board.cells) <= 10
        assert "JPH 47" in sign.board.figures[1] and "Takt 76 s" in sign.board.figures[1]
        assert "Plan 412" in sign.board.figures[0]
    assert {"y", "r"} <= set("".join(sign.board.cells for sign in andons))  # calls, stops
    body = [sign for sign in andons if sign.text.en.startswith("Body shop")]
    assert len(body) >= 10 and len({sign.text for sign in body}) >= 5  # stations under each


def test_the_boards_figures_follow_the_layouts_takt(plant_text, write_plant):
    assert "takt_s = 76 " in plant_text
    plant = load_plant(write_plant(plant_text.replace("takt_s = 76 ", "takt_s = 60 ", 1)))
    andons = _boards(plant_signs(plant, plant_parts(plant)), "andon")
    assert andons and all("JPH 60   节拍 Takt 60 s" == s.board.figures[1] for s in andons)
    assert all("Plan 522" in s.board.figures[0] for s in andons)  # 60 an hour, 8.7 h


def _front_pose(sign: object, distance: float) -> CameraPose:
    """A camera ``distance`` m in front of a board, level with its middle, facing it."""
    normal = np.array([-np.sin(sign.yaw), np.cos(sign.yaw), 0.0])
    middle = sign.bottom_center + np.array([0.0, 0.0, sign.size[2] / 2])
    return CameraPose(tuple(middle + normal * distance), tuple(middle), 40.0)


def _screen_box(plotter: pv.Plotter, sign: object) -> tuple[slice, slice]:
    """Rows and columns of the picture inside the board's face."""
    renderer = plotter.renderer
    along = np.array([np.cos(sign.yaw), np.sin(sign.yaw), 0.0]) * sign.size[0] / 2
    up = np.array([0.0, 0.0, sign.size[2]])
    xs, ys = [], []
    for corner in (-along, along, up - along, up + along):
        renderer.SetWorldPoint(*(sign.bottom_center + corner), 1.0)
        renderer.WorldToDisplay()
        x, y, _ = renderer.GetDisplayPoint()
        xs.append(x)
        ys.append(SIZE[1] - y)
    return slice(int(min(ys)) + 2, int(max(ys)) - 2), slice(int(min(xs)) + 2, int(max(xs)) - 2)


def _near(image: np.ndarray, colour: tuple, tolerance: int = 40) -> np.ndarray:
    return (np.abs(image[..., :3].astype(int) - np.array(colour)).max(axis=-1)) <= tolerance


def _amber(image: np.ndarray) -> np.ndarray:
    """Amber pixels, as :data:`FIGURE_COLOURS`' first or blended with the dark panel."""
    r, g, b = (image[..., k].astype(int) for k in range(3))
    return (r >= 110) & (r - b >= 90) & (g >= 0.45 * r) & (g <= 0.85 * r)


def _white(image: np.ndarray) -> np.ndarray:
    """White or light grey pixels (letters' edges blend with the panel)."""
    rgb = image[..., :3].astype(int)
    return (rgb.min(axis=-1) >= 140) & (rgb.max(axis=-1) - rgb.min(axis=-1) <= 30)


@pytest.fixture(scope="module")
def seen(plant):
    """An andon board over the body shop's lines with a red (stopped) cell, from 7 m in front:
    the picture with the signs' actor and without, and where the board is in it."""
    signs = plant_signs(plant, plant_parts(plant))
    board = next(s for s in _boards(signs, "andon") if "r" in s.board.cells)
    plotter = pv.Plotter(off_screen=True, window_size=list(SIZE))
    scene = PlantScene(plotter, plant)
    scene.apply_pose(_front_pose(board, 7.0))
    plotter.ren_win.Render()
    drawn = plotter.screenshot(return_img=True)
    box = _screen_box(plotter, board)
    scene.signs.actor.SetVisibility(False)  # the board's plain box, as before its figures
    plotter.ren_win.Render()
    plain = plotter.screenshot(return_img=True)
    plotter.close()
    return board, drawn, plain, box


def test_an_andon_board_shows_status_cells_and_figures(seen):
    sign, drawn, plain, (rows, cols) = seen
    cells = sign.board.cells
    assert rows.stop - rows.start > 40 and cols.stop - cols.start > 100  # seen big enough
    face, bare = drawn[rows, cols], plain[rows, cols]
    height = face.shape[0]
    for state in set(cells):  # each kind of cell it has: a block of its colour
        share = _near(face, CELL_COLOURS[state]).mean()
        assert share > 0.01 * cells.count(state), (state, share)
        assert _near(bare, CELL_COLOURS[state]).mean() < 0.002
    green = _near(face, CELL_COLOURS["g"])
    cell_rows = np.flatnonzero(green.mean(axis=1) > 0.2)
    assert height * 0.2 < cell_rows.mean() < height * 0.55  # the cells' row, under the title
    below = face[cell_rows.max() + 2 :]
    amber, white = _amber(below), _white(below)
    assert amber.sum() > 30 and white.sum() > 30  # the figures, amber and white
    assert 0.005 < amber.mean() < 0.4  # letters, not an amber panel
    # the amber line above the white one
    assert np.flatnonzero(amber.any(axis=1)).mean() < np.flatnonzero(white.any(axis=1)).mean()
    assert not _amber(bare).any()
    ground = face[~(green | (face >= 150).any(axis=-1))].astype(float).mean(axis=0)
    assert ground.max() < 60, ground  # a dark panel


def test_more_boards_need_no_more_actors(plant):
    counts, boards = [], []
    doubled = tuple(
        replace(spec, andon_pitch=spec.andon_pitch / 2)
        if isinstance(spec, StationLine) and spec.andon_pitch > 0
        else spec
        for spec in plant.equipment
    )
    for equipment in (plant.equipment, doubled):
        plotter = pv.Plotter(off_screen=True, window_size=[160, 90])
        scene = PlantScene(plotter, replace(plant, equipment=equipment))
        plotter.ren_win.Render()
        counts.append(scene.actor_count)
        boards.append(len(_boards(scene.signs.signs, "andon")))
        plotter.close()
    assert boards[1] >= 2 * boards[0] > 0
    assert counts[0] == counts[1]
