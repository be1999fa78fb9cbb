"""Building structure as boxes: walls (a solid dado and glazing above), columns, roof beams.

Roofs are left open (a cutaway) so the workshops can be seen from above; the roof beams show
where the roof is.
"""

from __future__ import annotations

import numpy as np

from viewer.model.layout import Building, Plant
from viewer.model.parts import PartsBuilder

DADO_HEIGHT = 3.0  # solid lower wall (m)
GRID = 24.0  # column grid of the workshop halls (m, estimate)


def _edges(footprint: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    return [(footprint[i], footprint[(i + 1) % len(footprint)]) for i in range(len(footprint))]


def add_building(builder: PartsBuilder, building: Building) -> None:
    """Walls, columns and roof beams of one building."""
    hall = building.kind == "hall"
    for a, b in _edges(building.footprint):
        middle, length = (a + b) / 2, float(np.linalg.norm(b - a))
        yaw = float(np.arctan2(*(b - a)[::-1]))
        if hall:  # the exhibition hall: a low plinth, then glazing up to the roof
            builder.box(middle, (length, 0.5, 0.6), yaw, "wall")
            builder.box(middle, (length, 0.1, building.height - 0.6), yaw, "glass", z=0.6)
            continue
        builder.box(middle, (length, 0.4, DADO_HEIGHT), yaw, "wall")
        builder.box(
            middle, (length, 0.2, building.height - DADO_HEIGHT), yaw, "glass", z=DADO_HEIGHT
        )
    x0, y0, x1, y1 = building.bounds
    grid = GRID if building.kind == "workshop" else 12.0
    xs = np.linspace(x0, x1, max(2, round((x1 - x0) / grid) + 1))
    ys = np.linspace(y0, y1, max(2, round((y1 - y0) / grid) + 1))
    for x in xs:
        for y in ys:
            inside = x0 < x < x1 and y0 < y < y1
            if hall and inside:
                continue  # a hall's roof spans free: no columns in the lobby or showroom
            builder.box(np.array([x, y]), (0.6, 0.6, building.height), 0.0, "column")
    span_is_x = (x1 - x0) < (y1 - y0)
    beam_h = 1.2 if building.kind == "workshop" else 0.6
    for x in xs if not span_is_x else []:
        builder.box(
            np.array([x, (y0 + y1) / 2]),
            (0.5, y1 - y0, beam_h),
            0.0,
            "beam",
            z=building.height - beam_h,
        )
    for y in ys if span_is_x else []:
        builder.box(
            np.array([(x0 + x1) / 2, y]),
            (x1 - x0, 0.5, beam_h),
            0.0,
            "beam",
            z=building.height - beam_h,
        )
    for room in building.rooms:
        if room.storeys > 1:  # a gallery around a double-height room: its upper floor's edge
            rx0, ry0 = room.footprint.min(axis=0)
            rx1, ry1 = room.footprint.max(axis=0)
            storey = building.height / max(building.storeys, 1)
            builder.box(
                np.array([(rx0 + rx1) / 2, ry1 - 2.5]),
                (rx1 - rx0, 5.0, 0.4),
                0.0,
                "mezzanine",
                z=storey,
            )


def add_structures(builder: PartsBuilder, plant: Plant) -> None:
    """Structure of every building in the plant."""
    for building in plant.buildings:
        add_building(builder, building)
