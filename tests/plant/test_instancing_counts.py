"""Repeated things are instanced: doubling them adds instances, never actors."""

from __future__ import annotations

import dataclasses

import numpy as np
import pyvista as pv

from viewer.model.plant.equipment import plant_parts
from viewer.model.plant.parts import Boxes, Cars, PlantParts
from viewer.scene.plant.plant_scene import PlantScene

SIZE = (320, 180)
PLACE_FIELDS = ("start", "center", "origin", "points", "at", "position", "positions")
SHIFT = np.array([0.0, 2.5])  # metres: copies stand beside the originals


def _shifted_copy(spec: object) -> object:
    """The same equipment entry under a new id, moved by :data:`SHIFT`."""
    changes: dict[str, object] = {"id": f"{spec.id}-copy"}
    for field in dataclasses.fields(spec):
        value = getattr(spec, field.name)
        if field.name in PLACE_FIELDS and isinstance(value, np.ndarray) and value.shape[-1] == 2:
            changes[field.name] = value + SHIFT
    return dataclasses.replace(spec, **changes)


def _doubled_parts(parts: PlantParts) -> PlantParts:
    """Every static box and parked car twice, the copies shifted (robots and AGVs, which the
    simulation moves from the equipment entries, stay as they are)."""
    shift = np.array([*SHIFT, 0.0])
    b, c = parts.boxes, parts.cars
    return PlantParts(
        robots=parts.robots,
        boxes=Boxes(
            np.vstack([b.bottom_center, b.bottom_center + shift]),
            np.vstack([b.size, b.size]),
            np.concatenate([b.yaw, b.yaw]),
            np.concatenate([b.role, b.role]),
        ),
        cars=Cars(
            np.vstack([c.position, c.position + shift]),
            np.concatenate([c.yaw, c.yaw]),
            np.concatenate([c.variant, c.variant]),
            np.vstack([c.color, c.color]),
        ),
        agvs=parts.agvs,
    )


def _scene_counts(plant: object, parts: PlantParts | None = None) -> tuple[int, int, int]:
    """Actors, instances drawn in all, and static boxes of a scene built on ``plant``."""
    plotter = pv.Plotter(off_screen=True, window_size=list(SIZE))
    try:
        parts = parts if parts is not None else plant_parts(plant)
        scene = PlantScene(plotter, plant, parts=parts)
        plotter.render()
        instances = sum(shape.count for shape in scene.instanced.values())
        return scene.actor_count, instances, len(parts.boxes)
    finally:
        plotter.close()


def test_doubling_every_equipment_entry_adds_no_actor(plant):
    doubled = dataclasses.replace(
        plant, equipment=plant.equipment + tuple(_shifted_copy(s) for s in plant.equipment)
    )
    actors, instances, boxes = _scene_counts(plant)
    actors2, instances2, boxes2 = _scene_counts(doubled)
    assert actors2 == actors
    assert instances2 > instances * 1.2  # the copies are drawn: racks, stations, robots...
    equipment_boxes = boxes - len(plant_parts(dataclasses.replace(plant, equipment=())).boxes)
    # each entry's boxes twice (copies outside the flows also hold their products, standing)
    assert boxes2 - boxes >= equipment_boxes > 0


def test_doubling_every_static_box_and_parked_car_adds_no_actor(plant):
    parts = plant_parts(plant)
    actors, instances, boxes = _scene_counts(plant, parts)
    actors2, instances2, boxes2 = _scene_counts(plant, _doubled_parts(parts))
    assert boxes2 == 2 * boxes
    assert instances2 - instances >= len(parts.boxes) + len(parts.cars)
    assert actors2 == actors
