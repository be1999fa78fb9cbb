"""What a click hits: the plant's pickable things at one moment, and a ray cast against them.

Robots, car bodies and machines are drawn instanced (one mapper per shape), so VTK's picker
cannot tell one instance from another. Picking is done here instead: every pickable thing is a
bounding sphere at its place at the current time, and the nearest sphere the click's ray enters
is the one hit.

Examples
--------
>>> centers = np.array([[0.0, 10.0, 0.0], [0.0, 20.0, 0.0]])
>>> nearest_hit(np.zeros(3), np.array([0.0, 1.0, 0.0]), centers, np.array([1.0, 1.0]))
0
>>> nearest_hit(np.zeros(3), np.array([1.0, 0.0, 0.0]), centers, np.array([1.0, 1.0])) is None
True
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from viewer.model.motion.simulation import PlantState
from viewer.model.plant.layout import Plant
from viewer.model.plant.parts import BOX_ROLES, PlantParts

ROBOT_MIN_RADIUS = 1.2  # m
CAR_RADIUS = 2.6  # m: half an SU7's length, roughly
CAR_CENTER_HEIGHT = 0.7


@dataclass(frozen=True)
class Targets:
    """N pickable things: explanation kind, index in its own array, equipment, sphere."""

    kind: np.ndarray  # (N,) str: a robot task, 'press', 'die_cast', 'car_body', 'su7'
    index: np.ndarray  # (N,) robot index, box index or product slot
    equipment: np.ndarray  # (N,) str
    center: np.ndarray  # (N, 3)
    radius: np.ndarray  # (N,)

    def __len__(self) -> int:
        return len(self.radius)


def nearest_hit(
    origin: np.ndarray, direction: np.ndarray, centers: np.ndarray, radii: np.ndarray
) -> int | None:
    """Index of the nearest sphere a ray enters (in front of its origin); None if it misses."""
    direction = np.asarray(direction, dtype=float)
    direction = direction / max(float(np.linalg.norm(direction)), 1e-12)
    to_center = np.asarray(centers, dtype=float) - np.asarray(origin, dtype=float)
    along = to_center @ direction
    miss2 = (to_center * to_center).sum(axis=1) - along * along
    inside = miss2 <= radii * radii
    entry = along - np.sqrt(np.maximum(radii * radii - miss2, 0.0))
    entry = np.where(entry < 0, along, entry)  # from inside a sphere: count its centre
    valid = inside & (along > 0)
    if not valid.any():
        return None
    return int(np.argmin(np.where(valid, entry, np.inf)))


def pick_targets(plant: Plant, parts: PlantParts, state: PlantState) -> Targets:
    """Every pickable thing where it is in ``state``."""
    kinds, indices, equipment, centers, radii = [], [], [], [], []
    robots = parts.robots
    if len(robots):
        base = robots.base
        flange = state.poses.flange if state.poses.flange.shape == base.shape else base
        reach = np.linalg.norm(flange - base, axis=1)
        kinds.append(robots.task.astype(str))
        indices.append(np.arange(len(robots)))
        equipment.append(robots.equipment.astype(str))
        centers.append((base + flange) / 2 + [0.0, 0.0, 0.4])
        radii.append(np.maximum(reach / 2 + 0.4, ROBOT_MIN_RADIUS))
    boxes = parts.boxes
    for role, kind in (("press", "press"), ("die_cast", "die_cast")):
        which = np.flatnonzero(boxes.role == BOX_ROLES.index(role))
        if len(which):
            size = boxes.size[which]
            kinds.append(np.full(len(which), kind))
            indices.append(which)
            equipment.append(np.full(len(which), role))
            centers.append(boxes.bottom_center[which] + np.c_[0 * size[:, :2], size[:, 2] / 2])
            radii.append(np.linalg.norm(size, axis=1) / 2 * 0.8)
    products = state.cars.products
    shown = np.flatnonzero(products.visible & (products.serial >= 0))
    if len(shown):
        kinds.append(np.full(len(shown), "car_body"))
        indices.append(shown)
        equipment.append(np.full(len(shown), "line"))
        centers.append(products.position[shown] + [0.0, 0.0, CAR_CENTER_HEIGHT])
        radii.append(np.full(len(shown), CAR_RADIUS))
    if plant.sculpture is not None:
        sculpture = plant.sculpture
        kinds.append(np.array(["su7"]))
        indices.append(np.array([0]))
        equipment.append(np.array(["sculpture"]))
        top = sculpture.height + CAR_CENTER_HEIGHT  # the car on the crest
        centers.append(np.array([[*sculpture.center, top]]))
        radii.append(np.array([CAR_RADIUS]))
    return Targets(
        kind=np.concatenate(kinds),
        index=np.concatenate(indices),
        equipment=np.concatenate(equipment),
        center=np.concatenate(centers).astype(float),
        radius=np.concatenate(radii).astype(float),
    )


def pick(targets: Targets, origin: np.ndarray, direction: np.ndarray) -> int | None:
    """The target a ray from ``origin`` along ``direction`` hits first (its row), or None."""
    if not len(targets):
        return None
    return nearest_hit(origin, direction, targets.center, targets.radius)
