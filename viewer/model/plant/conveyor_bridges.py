"""Covered bridges over the stretches of an overhead conveyor between two halls.

An overhead conveyor that carries bodies from one hall to the next (the body shop's to paint,
over the central road) leaves one building and enters another. In the open a plant runs it in
a closed bridge of cladding on a steel frame, so that weather and dust stay out of the paint
shop: drawn bare, its rail with bodies hanging from it crossed the road and the lawn in the
open. Each stretch of an overhead conveyor outside every building's footprint gets one such
bridge, a box round the rail and the bodies under it, from wall to wall.

Examples
--------
>>> square = np.array([[0.0, 0.0], [10.0, 0.0], [10.0, 10.0], [0.0, 10.0]])
>>> runs = outside_runs(np.array([[5.0, 5.0], [30.0, 5.0]]), [square])
>>> [(a.round(1).tolist(), b.round(1).tolist()) for a, b in runs]
[([10.0, 5.0], [30.0, 5.0])]
"""

from __future__ import annotations

import numpy as np

from viewer.model.geometry import inside_polygon
from viewer.model.plant import equipment_specs as specs
from viewer.model.plant.layout import Plant
from viewer.model.plant.parts import PartsBuilder

BRIDGE_WIDTH = 5.0  # m: the rail, the bodies hanging from it and the posts beside them
BRIDGE_BELOW = 3.2  # m below the rail: under the hanging bodies
BRIDGE_ABOVE = 1.0  # m above the rail: its roof
STEP = 0.25  # m: how finely a stretch is walked to find where it leaves a building
SHORTEST = 1.0  # m: a shorter stretch outside (a corner of a wall) gets no bridge


def outside_runs(
    points: np.ndarray, footprints: list[np.ndarray]
) -> list[tuple[np.ndarray, np.ndarray]]:
    """The stretches (start, end) of the polyline ``points`` that lie outside every one of the
    ``footprints`` (polygons), to within :data:`STEP`."""
    runs: list[tuple[np.ndarray, np.ndarray]] = []
    for a, b in zip(points[:-1], points[1:], strict=True):
        length = float(np.linalg.norm(b - a))
        if length < 1e-9:
            continue
        steps = max(int(np.ceil(length / STEP)), 1)
        along = a + np.outer(np.linspace(0.0, 1.0, steps + 1), b - a)
        outside = np.ones(len(along), dtype=bool)
        for footprint in footprints:
            outside &= ~inside_polygon(along, footprint)
        edges = np.flatnonzero(np.diff(np.r_[False, outside, False].astype(int)))
        for start, end in zip(edges[::2], edges[1::2], strict=True):
            runs.append((along[start], along[end - 1]))
    return runs


def add_conveyor_bridges(builder: PartsBuilder, plant: Plant) -> None:
    """A covered bridge (an enclosure box) over every stretch of an overhead conveyor outside
    the buildings."""
    footprints = [building.footprint for building in plant.buildings]
    for spec in plant.equipment:
        if not isinstance(spec, specs.Conveyor) or spec.kind != "overhead":
            continue
        builder.equipment = spec.id
        for a, b in outside_runs(spec.points, footprints):
            length = float(np.linalg.norm(b - a))
            if length < SHORTEST:
                continue
            yaw = float(np.arctan2(b[1] - a[1], b[0] - a[0]))
            base = max(spec.height - BRIDGE_BELOW, 0.0)
            size = (length + STEP, BRIDGE_WIDTH, spec.height + BRIDGE_ABOVE - base)
            builder.box((a + b) / 2, size, yaw, "enclosure", base)
    builder.equipment = ""
