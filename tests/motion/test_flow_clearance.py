"""Products on their way through a flow never pass through a fence, a wall or a machine.

Every route of every ``[[flows]]`` entry is sampled every 0.25 m along its whole path (along
the lines, the transfers between them and the drive off at the end). At each sample the
product (a car body's or a pack's box, turned to its heading) must not overlap any box that
blocks it: the halls' walls, windows and columns (a door is a gap in a wall, so a path through
a door passes), mesh fences and their posts, and the machines, fixtures, racks, platforms and
enclosures of every piece of equipment. While the product rides on a line, that line's own
parts (its fences along the sides, fixtures, booths and ovens) are left out: it is inside them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytest

from viewer.model.cars.car import SU7
from viewer.model.motion.production import ProductionLine, RoutePath
from viewer.model.plant.enclosures import mesh_fence
from viewer.model.plant.equipment import add_equipment
from viewer.model.plant.parts import BOX_ROLES, PartsBuilder
from viewer.model.plant.structure import add_structures

STEP = 0.25  # m between samples along a path
# What a product must not pass through (the floor plates and conveyors under it are no
# obstacle: a box only blocks where its height range meets the product's). The marriage
# station's lifting table ("marriage") meets the hanging body from below: that is its work.
BLOCKING = frozenset(
    {"wall", "glass", "window", "door", "column", "mezzanine"}
    | {"fence", "mesh_fence", "guard", "railing", "platform", "cabinet", "enclosure"}
    | {"press", "press_crown", "press_slide", "die_cast", "die_cast_platen", "furnace"}
    | {"booth", "oven", "tank", "machine", "fixture", "pedestal", "rack"}
    | {"light_tunnel", "inspection", "scanner", "screen", "support", "die", "parts", "cells"}
    | {"steel", "aluminium", "bins", "die_green", "die_blue", "die_yellow"}  # stores' contents
)
STRUCTURE = "the building"
CAR = (SU7.length, SU7.width, SU7.height, (SU7.front + SU7.rear) / 2)  # size and centre offset
PACK = (2.3, 1.6, 0.16, 0.0)


@dataclass
class Obstacles:
    """Blocking boxes, each with the equipment it belongs to (or the building)."""

    center: np.ndarray  # (N, 2) middle of the footprint
    half: np.ndarray  # (N, 2) half length and half width
    yaw: np.ndarray  # (N,)
    z: np.ndarray  # (N, 2) bottom and top
    role: np.ndarray  # (N,) str
    owner: np.ndarray  # (N,) str


def obstacles_of(builders: dict[str, PartsBuilder]) -> Obstacles:
    """The blocking boxes of several builders, tagged with their builder's key."""
    parts = []
    for owner, builder in builders.items():
        boxes = builder.build().boxes.roles(BLOCKING)
        parts.append((boxes, np.full(len(boxes), owner)))
    bottom = np.vstack([b.bottom_center for b, _ in parts])
    size = np.vstack([b.size for b, _ in parts])
    return Obstacles(
        center=bottom[:, :2],
        half=size[:, :2] / 2,
        yaw=np.concatenate([b.yaw for b, _ in parts]),
        z=np.column_stack([bottom[:, 2], bottom[:, 2] + size[:, 2]]),
        role=np.array([BOX_ROLES[i] for b, _ in parts for i in b.role]),
        owner=np.concatenate([o for _, o in parts]),
    )


def plant_obstacles(plant: object) -> Obstacles:
    """Every blocking box of the plant: the buildings' and each equipment's own."""
    builders = {STRUCTURE: PartsBuilder()}
    add_structures(builders[STRUCTURE], plant)
    for spec in plant.equipment:
        builder = PartsBuilder()
        builder.equipment, builder.products = spec.id, False
        add_equipment(spec, builder)
        builders[spec.id] = builder
    return obstacles_of(builders)


def _axes(yaw: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return np.stack([np.cos(yaw), np.sin(yaw)], -1), np.stack([-np.sin(yaw), np.cos(yaw)], -1)


def overlaps(
    center: np.ndarray, yaw: np.ndarray, half: tuple[float, float], boxes: Obstacles
) -> np.ndarray:
    """(S, N): whether the footprint (half sides ``half``) at each sample overlaps each box's
    footprint (separating axis test of two rectangles)."""
    u1, v1 = _axes(yaw)  # (S, 2)
    u2, v2 = _axes(boxes.yaw)  # (N, 2)
    d = boxes.center[None, :, :] - center[:, None, :]  # (S, N, 2)
    separated = np.zeros(d.shape[:2], dtype=bool)
    for axis in (u1[:, None, :], v1[:, None, :], u2[None, :, :], v2[None, :, :]):
        reach_a = half[0] * np.abs(np.sum(u1[:, None, :] * axis, -1)) + half[1] * np.abs(
            np.sum(v1[:, None, :] * axis, -1)
        )
        reach_b = boxes.half[None, :, 0] * np.abs(np.sum(u2[None] * axis, -1)) + boxes.half[
            None, :, 1
        ] * np.abs(np.sum(v2[None] * axis, -1))
        separated |= np.abs(np.sum(d * axis, -1)) >= reach_a + reach_b
    return ~separated


def _select(boxes: Obstacles, pick: np.ndarray) -> Obstacles:
    return Obstacles(*(getattr(boxes, name)[pick] for name in vars(boxes)))


def segment_name(route: RoutePath, k: int) -> str:
    """What the segment from vertex ``k`` to ``k + 1`` of a route is: on a line, a transfer
    from one line to the next (through via points, labelled "") or the drive off."""
    owner = [str(name) for name in route.owner]
    if owner[k] == owner[k + 1] and owner[k]:
        return f"on {owner[k]}"
    before = next((name for name in owner[k::-1] if name), "")
    after = next((name for name in owner[k + 1 :] if name), "")
    return f"transfer {before} -> {after}" if after else f"driving off after {before}"


def crossings(
    route: RoutePath, product: tuple[float, float, float, float], boxes: Obstacles
) -> list[str]:
    """One line for each segment of ``route`` where the product passes through a box: the
    segment, the first point where it does and what it meets there."""
    length, width, height, offset = product
    half = (length / 2 - 0.05, width / 2 - 0.05)  # a 5 cm allowance: touching is no crossing
    radius = float(np.hypot(*half)) + abs(offset)
    reach = radius + np.hypot(boxes.half[:, 0], boxes.half[:, 1])
    found = []
    for k in range(len(route.points) - 1):
        p, q = route.points[k], route.points[k + 1]
        count = max(2, int(np.ceil(np.linalg.norm(q - p) / STEP)) + 1)
        f = np.linspace(0.0, 1.0, count)
        at = p[None, :] + (q - p)[None, :] * f[:, None]
        yaw = route.yaw[k] + (route.yaw[k + 1] - route.yaw[k]) * f
        center = at[:, :2] + offset * np.column_stack([np.cos(yaw), np.sin(yaw)])
        low, high = center.min(axis=0), center.max(axis=0)
        owner = route.owner[k] if route.owner[k] == route.owner[k + 1] else None
        near = (
            np.all(boxes.center + reach[:, None] >= low, axis=1)
            & np.all(boxes.center - reach[:, None] <= high, axis=1)
            & (boxes.z[:, 1] > min(p[2], q[2]) + 0.02)
            & (boxes.z[:, 0] < max(p[2], q[2]) + height)
            & (boxes.owner != owner)
        )
        if not near.any():
            continue
        nearby = _select(boxes, near)
        hit = overlaps(center, yaw, half, nearby)
        hit &= (nearby.z[None, :, 1] > at[:, None, 2] + 0.02) & (
            nearby.z[None, :, 0] < at[:, None, 2] + height
        )
        if hit.any():
            s, n = np.argwhere(hit)[0]
            x, y, z = at[s]
            found.append(
                f"{segment_name(route, k)}: at ({x:.1f}, {y:.1f}, {z:.1f}) through a "
                f"{nearby.role[n]} of {nearby.owner[n]}"
            )
    return found


@pytest.fixture(scope="module")
def obstacles(plant) -> Obstacles:
    return plant_obstacles(plant)


def test_a_path_through_a_fence_is_found_and_one_through_its_gate_is_not() -> None:
    builder = PartsBuilder()
    mesh_fence(builder, np.array([0.0, 0.0]), np.array([20.0, 0.0]), gate=3.0)
    boxes = obstacles_of({"a cell": builder})
    across = RoutePath(
        points=np.array([[4.0, -6.0, 0.5], [4.0, 6.0, 0.5]]),
        yaw=np.full(2, np.pi / 2),
        owner=np.array(["line-a", "line-b"]),
    )
    [found] = crossings(across, PACK, boxes)
    assert found.startswith("transfer line-a -> line-b: at (4.0, ") and "fence of a cell" in found
    through_gate = RoutePath(across.points + [6.0, 0.0, 0.0], across.yaw, across.owner)
    assert crossings(through_gate, PACK, boxes) == []
    overhead = RoutePath(across.points + [0.0, 0.0, 2.4], across.yaw, across.owner)
    assert crossings(overhead, PACK, boxes) == []  # lifted above the fence


WALLS = ("wall", "glass", "window", "door")  # a hall's walls: passed only through openings
FLOWS = ["car-bodies", "battery-packs"]


def _found(plant, obstacles: Obstacles, flow_id: str, walls: bool) -> list[str]:
    """The crossings of every route of the flow ``flow_id`` through the hall's walls (``walls``)
    or through everything else."""
    flow = next(flow for flow in plant.flows if flow.id == flow_id)
    line = ProductionLine(flow, {e.id: e for e in plant.equipment})
    product = PACK if flow.product == "pack" else CAR
    wall = (obstacles.owner == STRUCTURE) & np.isin(obstacles.role, WALLS)
    boxes = _select(obstacles, wall if walls else ~wall)
    return sorted({f for route in line.routes() for f in crossings(route, product, boxes)})


@pytest.mark.parametrize("flow_id", FLOWS)
def test_no_product_passes_through_a_fence_a_machine_or_a_column(plant, obstacles, flow_id):
    found = _found(plant, obstacles, flow_id, walls=False)
    assert not found, f"flow {flow_id}: {len(found)} crossings:\n" + "\n".join(found)


@pytest.mark.parametrize("flow_id", FLOWS)
def test_products_pass_the_halls_walls_only_through_openings(plant, obstacles, flow_id):
    found = _found(plant, obstacles, flow_id, walls=True)
    assert not found, f"flow {flow_id}: {len(found)} crossings:\n" + "\n".join(found)
