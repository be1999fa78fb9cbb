"""The cafeteria's and the exhibition hall's ceiling lights: rows of flat, level, rectangular
panels turned along the hall, not scattered slanted cubes (viewer.model.plant.structure)."""

from __future__ import annotations

import numpy as np
import pytest

from viewer.model.plant.layout import Building, Text
from viewer.model.plant.parts import BOX_ROLES, PartsBuilder
from viewer.model.plant.structure import add_building
from viewer.model.tour.route import load_route
from viewer.scene import palette
from viewer.scene.snapshot import OffscreenRenderer

SIZE = (960, 540)


def _lamps(footprint: list[tuple[float, float]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A 9 m pavilion hall on ``footprint``: its lamps' bottom centres, sizes and yaws."""
    building = Building("canteen", Text("c", "c"), "hall", np.array(footprint, float), 9.0, 1)
    builder = PartsBuilder()
    add_building(builder, building)
    boxes = builder.build().boxes
    lamp = boxes.role == BOX_ROLES.index("lamp")
    return boxes.bottom_center[lamp], boxes.size[lamp], boxes.yaw[lamp]


@pytest.mark.parametrize(
    ("footprint", "along"),
    [
        ([(0, 0), (100, 0), (100, 50), (0, 50)], np.array([1.0, 0.0])),  # long west-east
        ([(0, 0), (50, 0), (50, 100), (0, 100)], np.array([0.0, 1.0])),  # long south-north
    ],
)
def test_the_lamps_are_flat_level_panels_in_rows_along_the_hall(footprint, along):
    centres, sizes, yaws = _lamps(footprint)
    assert len(centres) >= 50
    # flat rectangles: thin, longer than wide, all hanging at one height
    assert (sizes[:, 2] <= 0.1).all()
    assert (sizes[:, 0] >= 2 * sizes[:, 1]).all()
    assert np.ptp(centres[:, 2]) == pytest.approx(0.0)
    # each one turned along the hall (its long side), as the ceiling's light strips are
    turned = np.column_stack([np.cos(yaws), np.sin(yaws)])
    assert np.abs(turned @ along) == pytest.approx(np.ones(len(yaws)))
    # in rows: few distinct lines across the hall, many lamps on each
    across = np.round(centres[:, :2] @ np.array([-along[1], along[0]]), 3)
    lines, counts = np.unique(across, return_counts=True)
    assert len(lines) >= 4 and counts.min() >= 8


def _runs(mask: np.ndarray) -> np.ndarray:
    """The lengths of the runs of True along each row of ``mask``."""
    edges = np.diff(np.pad(mask.astype(np.int8), ((0, 0), (1, 1))), axis=1)
    return np.nonzero(edges == -1)[1] - np.nonzero(edges == 1)[1]


def test_from_the_seat_the_cafeterias_lamps_read_as_level_bars(plant):
    renderer = OffscreenRenderer(plant, SIZE, route=load_route(), quality="low")
    try:
        image = renderer.render_stop("cafeteria").astype(int)
    finally:
        renderer.close()
    lamp = np.array(palette.ROLES["lamp"]) * 255  # drawn unlit: its own colour
    mask = np.all(np.abs(image - lamp) <= 6, axis=2)
    assert mask[: SIZE[1] // 2].sum() > 1000, "the lamps are in view, in the upper half"
    across, down = _runs(mask).mean(), _runs(mask.T).mean()
    # level bars seen from below: long runs across the picture, short ones down it (slanted
    # cubes drawn as chevrons gave runs of about 7 pixels across and 4 down)
    assert across >= 4 * down
