"""The cutaway from above: the halls' columns end at a common cut height and the rods hanging
from their ceilings are not drawn; from the seat, inside, the columns reach the roof.

The columns are painted magenta (instanced colours, after the scene is built) and their pixels
looked for in the rendered picture where the upper part of a column projects."""

from __future__ import annotations

import numpy as np
import pytest

from viewer.model.plant.parts import BOX_ROLES
from viewer.model.plant.views import CameraPose
from viewer.model.tour.route import load_route
from viewer.scene.plant.halls import COLUMN_CUT, building_of, hanging_rods
from viewer.scene.snapshot import OffscreenRenderer

SIZE = (1280, 720)  # the size of the pictures: the columns there are ~2 px wide
MAGENTA = (1.0, 0.0, 1.0)


def _paint_columns(renderer: OffscreenRenderer) -> np.ndarray:
    """Paint both column shapes magenta; the columns' boxes (bottom centre, size) as rows of
    x, y, z, width, depth, height."""
    halls = renderer.scene.halls
    for shape in (halls.columns, halls.column_stubs):
        shape.update(colors=np.tile(MAGENTA, (shape.count, 1)))
    return np.hstack([halls.columns.positions, halls.columns.scales])


def _magenta(image: np.ndarray) -> np.ndarray:
    r, g, b = (image[..., i].astype(int) for i in range(3))
    return (r > 40) & (b > 40) & (g < 0.35 * np.minimum(r, b)) & (abs(r - b) < 0.3 * r)


def _project(renderer: OffscreenRenderer, points: np.ndarray) -> np.ndarray:
    """Pixel (column, row) of world points in the last picture, rows from the top; NaN behind
    the camera."""
    camera = renderer.plotter.renderer.GetActiveCamera()
    width, height = SIZE
    matrix = camera.GetCompositeProjectionTransformMatrix(width / height, -1.0, 1.0)
    m = np.array([[matrix.GetElement(i, j) for j in range(4)] for i in range(4)])
    clip = np.hstack([points, np.ones((len(points), 1))]) @ m.T
    w = np.where(clip[:, 3] > 1e-6, clip[:, 3], np.nan)
    x = (clip[:, 0] / w + 1.0) / 2.0 * width
    y = (1.0 - (clip[:, 1] / w + 1.0) / 2.0) * height
    return np.column_stack([x, y])


def _mask(renderer: OffscreenRenderer, columns: np.ndarray, z0: float, z1: np.ndarray, grow: int):
    """Pixels within ``grow`` px of the columns' axes from height ``z0`` up to ``z1`` (each)."""
    mask = np.zeros(SIZE[::-1], dtype=bool)
    for fraction in np.linspace(0.0, 1.0, 60):
        z = z0 + fraction * (z1 - z0)
        keep = z1 > z0
        points = np.column_stack([columns[keep, 0], columns[keep, 1], z[keep]])
        pixels = _project(renderer, points)
        pixels = pixels[np.isfinite(pixels).all(axis=1)].round().astype(int)
        for dx in range(-grow, grow + 1):
            for dy in range(-grow, grow + 1):
                x, y = pixels[:, 0] + dx, pixels[:, 1] + dy
                inside = (x >= 0) & (x < SIZE[0]) & (y >= 0) & (y < SIZE[1])
                mask[y[inside], x[inside]] = True
    return mask


@pytest.fixture(scope="module")
def low(plant):
    renderer = OffscreenRenderer(plant, SIZE, route=load_route(), quality="low")
    yield renderer
    renderer.close()


def _above_the_cut(renderer: OffscreenRenderer, **where: object) -> tuple[int, int, int]:
    """(magenta pixels on the columns' stubs, pixels where the columns' upper parts would
    project, magenta pixels there) in the picture rendered from ``where``."""
    columns = _paint_columns(renderer)
    image = renderer.render(**where)
    tops = columns[:, 2] + columns[:, 5]
    stubs = _mask(renderer, columns, 0.0, np.minimum(tops, COLUMN_CUT), grow=3)
    upper = _mask(renderer, columns, COLUMN_CUT + 1.0, tops, grow=1) & ~stubs
    painted = _magenta(image)
    return int((painted & stubs).sum()), int(upper.sum()), int((painted & upper).sum())


@pytest.mark.parametrize("view", ["assembly", "body", "stamping", "paint"])
def test_from_above_no_column_shows_above_the_cut(low, view):
    _, upper, painted = _above_the_cut(low, view=view)
    assert upper > 500  # where a full-height column would show is in the picture
    assert painted == 0


def test_close_above_a_hall_its_columns_are_cut_stubs(low, plant):
    body = next(b for b in plant.buildings if b.id == "body")
    x0, y0, x1, y1 = body.bounds
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    pose = CameraPose((cx, cy - 40.0, body.height + 30.0), (cx, cy, 0.0), 60.0)
    stubs, upper, painted = _above_the_cut(low, pose=pose)
    assert stubs > 30  # the cut columns are drawn, and found by their colour
    assert upper > 500
    assert painted == 0


def test_from_the_seat_in_the_body_shop_the_columns_reach_the_roof(low):
    columns = _paint_columns(low)
    image = low.render_stop("body-shop")
    tops = columns[:, 2] + columns[:, 5]
    high = _mask(low, columns, tops - 4.0, tops, grow=1)  # the top 4 m of each column
    assert (_magenta(image) & high).sum() > 100


def test_from_above_hanging_rods_are_not_drawn_and_from_inside_they_are(low, plant):
    boxes = low.scene.parts.boxes
    owner = building_of(boxes, plant)
    heights = np.array([b.height for b in plant.buildings])
    rods = hanging_rods(boxes, owner, heights)
    assert rods.sum() >= 4  # the hall-name signs' rods
    assert set(np.array(BOX_ROLES)[boxes.role[rods]]) <= {"support", "hanger"}
    # none of them is among the boxes drawn whatever the camera (the scene's plain boxes)
    rest = low.scene.halls.rest
    at = {tuple(np.round(p, 3)) for p in rest.bottom_center}
    assert not any(tuple(np.round(p, 3)) in at for p in boxes.bottom_center[rods])
    gear = np.vstack([shape.positions for shape in low.scene.halls.gear])
    low.render(view="stamping")
    shown = low.scene.halls.gear_shown()
    rod_at = np.round(boxes.bottom_center[rods], 3)
    is_rod = (np.round(gear, 3)[:, None, :] == rod_at[None]).all(axis=2).any(axis=1)
    assert is_rod.sum() == rods.sum() and not shown[is_rod].any()
    low.render_stop("stamping")  # from the seat inside the stamping hall: its rods are wanted
    wanted = np.concatenate(
        [e.visible for s in low.scene.halls.gear for e in low.scene.detail.entries if e.shape is s]
    )
    x0, y0, x1, y1 = next(b for b in plant.buildings if b.id == "stamping").bounds
    in_stamping = (gear[:, 0] > x0) & (gear[:, 0] < x1) & (gear[:, 1] > y0) & (gear[:, 1] < y1)
    assert (is_rod & in_stamping).any() and (is_rod & ~in_stamping).any()
    assert wanted[is_rod & in_stamping].all() and not wanted[is_rod & ~in_stamping].any()
