"""Glazed walls are divided into framed panes: a pale pane alone read as no wall at all (a
review saw the body shop's viewing windows as a wall floating over an open gap, and the lobby's
and the cafeteria's glazing as open to the lawn)."""

from __future__ import annotations

import numpy as np

from viewer.model.plant.equipment import plant_parts
from viewer.model.plant.parts import BOX_ROLES
from viewer.model.plant.structure import MULLION_PITCH, MULLION_WIDTH, VIEW_BOTTOM, VIEW_TOP


def _mullions(boxes, building, bottom: float, top: float) -> np.ndarray:
    """Bottom centres of the slim upright wall frames from ``bottom`` to ``top`` on the
    building's outline."""
    roles = np.array(BOX_ROLES)[boxes.role]
    x0, y0, x1, y1 = building.bounds
    at = boxes.bottom_center
    pick = (
        (roles == "wall")
        & np.isclose(boxes.size[:, 0], MULLION_WIDTH)
        & np.isclose(at[:, 2], bottom)
        & np.isclose(at[:, 2] + boxes.size[:, 2], top)
        & (at[:, 0] >= x0 - 1)
        & (at[:, 0] <= x1 + 1)
        & (at[:, 1] >= y0 - 1)
        & (at[:, 1] <= y1 + 1)
    )
    return at[pick]


def test_the_glazed_halls_and_the_viewing_windows_are_framed_in_panes(plant):
    boxes = plant_parts(plant).boxes
    for building in plant.buildings:
        if building.kind == "hall":  # glazed from a plinth to the roof, all round
            frames = _mullions(boxes, building, 0.6, building.height)
            outline = 2 * sum(np.subtract(building.bounds[2:], building.bounds[:2]))
            assert len(frames) >= outline / MULLION_PITCH - 8, building.id
    body = next(b for b in plant.buildings if b.id == "body")
    frames = _mullions(boxes, body, VIEW_BOTTOM, VIEW_TOP)  # along the visitors' aisle
    assert len(frames) > 50
    south = np.sort(frames[np.abs(frames[:, 1] - body.bounds[1]) < 1.0, 0])
    gaps = np.diff(south)
    assert len(south) > 20 and np.median(gaps) <= MULLION_PITCH  # panes all along,
    assert (gaps > 2 * MULLION_PITCH).sum() <= 4  # but where a door opens
