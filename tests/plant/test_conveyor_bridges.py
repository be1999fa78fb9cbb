"""An overhead conveyor between two halls runs in a covered bridge where it is outside: no rail
with bodies hanging from it crosses the road or the lawn in the open."""

from __future__ import annotations

import numpy as np

from viewer.model.geometry import inside_polygon
from viewer.model.plant import equipment_specs as specs
from viewer.model.plant.conveyor_bridges import BRIDGE_WIDTH, outside_runs
from viewer.model.plant.equipment import plant_parts
from viewer.model.plant.parts import BOX_ROLES


def _within(points: np.ndarray, boxes, z: float) -> np.ndarray:
    """Which points (x, y) at height ``z`` lie inside one of ``boxes`` (bottom centre, size,
    yaw)."""
    inside = np.zeros(len(points), dtype=bool)
    for centre, size, yaw in zip(boxes.bottom_center, boxes.size, boxes.yaw, strict=True):
        c, s = np.cos(yaw), np.sin(yaw)
        d = points - centre[:2]
        along, across = d[:, 0] * c + d[:, 1] * s, -d[:, 0] * s + d[:, 1] * c
        inside |= (
            (np.abs(along) <= size[0] / 2 + 1e-6)
            & (np.abs(across) <= size[1] / 2 + 1e-6)
            & (centre[2] <= z <= centre[2] + size[2])
        )
    return inside


def test_every_stretch_of_an_overhead_conveyor_outside_the_halls_is_covered(plant):
    boxes = plant_parts(plant).boxes
    enclosure = boxes.role == BOX_ROLES.index("enclosure")
    covers = boxes.roles({"enclosure"})
    footprints = [building.footprint for building in plant.buildings]
    conveyors = [s for s in plant.equipment if isinstance(s, specs.Conveyor)]
    overhead = [s for s in conveyors if s.kind == "overhead"]
    crossing = 0
    for spec in overhead:
        for a, b in zip(spec.points[:-1], spec.points[1:], strict=True):
            steps = np.linspace(0.0, 1.0, 200)[1:-1]
            points = a + np.outer(steps, b - a)
            outside = np.ones(len(points), dtype=bool)
            for footprint in footprints:
                outside &= ~inside_polygon(points, footprint)
            if not outside.any():
                continue
            crossing += 1
            for z in (spec.height + 0.3, spec.height - 2.5):  # the rail, the bodies under it
                covered = _within(points[outside], covers, z)
                assert covered.all(), (spec.id, points[outside][~covered][:3])
    assert crossing >= 2  # the body shop's conveyor to paint crosses the central road
    # inside a hall, no bridge: the bridges' length is what lies outside, nothing more
    bridges = enclosure & np.isclose(boxes.size[:, 1], BRIDGE_WIDTH)
    outside = sum(
        float(np.linalg.norm(b - a))
        for spec in overhead
        for a, b in outside_runs(spec.points, footprints)
    )
    assert abs(boxes.size[bridges, 0].sum() - outside) < 0.5 * bridges.sum() + 1e-6


def test_a_conveyor_inside_one_hall_has_no_stretch_outside():
    hall = np.array([[0.0, 0.0], [100.0, 0.0], [100.0, 50.0], [0.0, 50.0]])
    other = hall + [120.0, 0.0]
    inside = np.array([[10.0, 10.0], [90.0, 10.0], [90.0, 40.0]])
    assert outside_runs(inside, [hall]) == []
    between = np.array([[50.0, 25.0], [170.0, 25.0]])  # from one hall into the next
    (start, end), *rest = outside_runs(between, [hall, other])
    assert rest == [] and abs(start[0] - 100.0) <= 0.25 and abs(end[0] - 120.0) <= 0.25
