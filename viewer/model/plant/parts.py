"""Arrays of the plant's repeated parts: robots, boxes, cars, AGVs (what the scene instances).

:class:`PartsBuilder` collects parts one call at a time and :meth:`PartsBuilder.build` returns
:class:`PlantParts`, a set of flat NumPy arrays with one row per instance.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

# Box roles: what a box is, so the scene can colour it. Order is fixed (the arrays hold indices).
BOX_ROLES = (
    "wall",
    "glass",
    "column",
    "beam",
    "mezzanine",
    "press",
    "press_crown",
    "press_slide",
    "die_cast",
    "die_cast_platen",
    "furnace",
    "fence",
    "conveyor",
    "rail",
    "support",
    "fixture",
    "pedestal",
    "booth",
    "oven",
    "tank",
    "inspection",
    "rack",
    "die",
    "panels",
    "parts",
    "pack",
    "cells",
    # What the stores hold (viewer.model.plant.stores): metals, bins, painted dies, floor lines.
    "steel",
    "aluminium",
    "bins",
    "die_green",
    "die_blue",
    "die_yellow",
    "floor_marking",
    "skid",
    "plinth",
    "table",
    "scanner",
    "hanger",
    # Inside the halls (structure): roofs and ceilings seen from the floor.
    "roof",
    "skylight",
    "truss",
    "lamp",
    "duct",
    "cable_tray",
    "crane",
    "crane_rail",
    "window",
    "door",
    "guard",
    "sign",
    # Equipment that fills the halls.
    "platform",
    "railing",
    "cabinet",
    "screen",
    "enclosure",
    "machine",
    "light_tunnel",
    "marriage",
    "trolley",
    "mesh_fence",
    "white_steel",  # white-painted steel outdoors: the test track's footbridge
    # The cafeteria: its serving line and its plants.
    "counter",
    "sneeze_guard",
    "food",
    "food_red",
    "food_green",
    "heat_lamp",
    "menu_screen",
    "menu_picture",
    "accent_wall",
    "fridge",
    "tray_return",
    "plant",
    "tunnel_wall",
    # The die-casting machine's paint and its polished tie bars' shine.
    "die_cast_body",
    "chrome",
    # The paint shop: its dip tanks' baths, its booths' air supply houses and their ducts.
    "pt_bath",
    "ed_bath",
    "air_house",
    "supply_duct",
)
TRANSLUCENT_ROLES = frozenset({"glass", "booth", "fence", "sneeze_guard"})
# The buildings' own parts (viewer.model.plant.structure): the shell, its frame and the ceiling
# gear.
STRUCTURE_ROLES = frozenset(
    {"wall", "glass", "column", "beam", "mezzanine", "roof", "skylight", "truss", "lamp", "duct"}
    | {"cable_tray", "crane", "crane_rail", "window", "door", "guard", "sign"}
)

# Half width and height (m) of the room a robot arm at work fills, and a car (for extents).
ROBOT_EXTENT = (1.2, 3.2)
CAR_EXTENT = (2.5, 1.45)

# Car variants along the line.
BODY_IN_WHITE, PAINTED_BODY, FINISHED_CAR = 0, 1, 2
# Robot models.
INDUSTRIAL_ARM, PAINT_ARM = 0, 1


@dataclass
class Robots:
    """N robot arms: where they stand, what they do and on what.

    ``equipment`` and ``station`` name the line (or cell, or machine) and station each robot
    works at; ``target`` and ``target_yaw`` are the ground point and heading of the workpiece
    it works on (the car body in front of it), for its motion program.
    """

    base: np.ndarray  # (N, 3)
    yaw: np.ndarray  # (N,)
    model: np.ndarray  # (N,) INDUSTRIAL_ARM or PAINT_ARM
    task: np.ndarray  # (N,) str
    workshop: np.ndarray  # (N,) str
    equipment: np.ndarray  # (N,) str
    station: np.ndarray  # (N,) int
    target: np.ndarray  # (N, 3)
    target_yaw: np.ndarray  # (N,)

    def __len__(self) -> int:
        return len(self.yaw)

    def take(self, index: np.ndarray) -> Robots:
        """A subset (or repetition) of the robots by index."""
        return Robots(**{name: value[index] for name, value in vars(self).items()})


@dataclass
class Boxes:
    """N boxes: centre of the bottom face, size (along, across, height), heading and role."""

    bottom_center: np.ndarray  # (N, 3)
    size: np.ndarray  # (N, 3)
    yaw: np.ndarray  # (N,)
    role: np.ndarray  # (N,) index into BOX_ROLES

    def __len__(self) -> int:
        return len(self.yaw)

    def roles(self, names: set[str] | frozenset[str], keep: bool = True) -> Boxes:
        """Only the boxes whose role is (``keep``) or is not (not ``keep``) in ``names``."""
        wanted = np.isin(self.role, [BOX_ROLES.index(n) for n in names])
        pick = wanted if keep else ~wanted
        return Boxes(self.bottom_center[pick], self.size[pick], self.yaw[pick], self.role[pick])


@dataclass
class Cars:
    """N car bodies: ground point, heading, variant and RGB colour (0-1)."""

    position: np.ndarray  # (N, 3)
    yaw: np.ndarray  # (N,)
    variant: np.ndarray  # (N,)
    color: np.ndarray  # (N, 3)

    def __len__(self) -> int:
        return len(self.yaw)


@dataclass
class Agvs:
    """N automated guided vehicles: ground point, heading and cargo role index."""

    position: np.ndarray
    yaw: np.ndarray
    cargo: np.ndarray

    def __len__(self) -> int:
        return len(self.yaw)


@dataclass
class PlantParts:
    """Everything repeated in the plant, as arrays.

    ``extents`` maps each equipment id to the box (x0, y0, z0, x1, y1, z1) its parts fill: what
    a tour stop that names the equipment as its subject looks at.
    """

    robots: Robots
    boxes: Boxes
    cars: Cars
    agvs: Agvs
    extents: dict[str, np.ndarray] = field(default_factory=dict)


class PartsBuilder:
    """Collects parts; positions are world metres, headings radians."""

    def __init__(self) -> None:
        self.equipment = ""  # id of the equipment being added
        self.products = True  # False while adding a line whose products move (a flow line)
        self._robots: list[tuple] = []
        self._boxes: list[tuple] = []
        self._cars: list[tuple] = []
        self._agvs: list[tuple] = []
        self._extents: dict[str, tuple[float, ...]] = {}

    def box(
        self,
        center: np.ndarray,
        size: tuple[float, float, float],
        yaw: float,
        role: str,
        z: float = 0.0,
    ) -> None:
        """A box standing at ``center`` (x, y), bottom at height ``z``."""
        self._boxes.append((center[0], center[1], z, *size, yaw, BOX_ROLES.index(role)))
        c, s = abs(np.cos(yaw)), abs(np.sin(yaw))
        half = (0.5 * (c * size[0] + s * size[1]), 0.5 * (s * size[0] + c * size[1]))
        self._extend(center, half, z, z + size[2])

    def robot(
        self,
        base: np.ndarray,
        yaw: float,
        task: str,
        workshop: str,
        z: float = 0.0,
        station: int = 0,
        target: tuple[float, float, float] | None = None,
        target_yaw: float = 0.0,
    ) -> None:
        """A robot arm on the floor point ``base`` (x, y) at height ``z``, facing ``yaw``.

        It works at ``station`` of the current equipment on a workpiece standing at ``target``
        (x, y, z; default 2.9 m in front of it) with heading ``target_yaw``.
        """
        model = PAINT_ARM if task == "paint" else INDUSTRIAL_ARM
        self._extend(base, (ROBOT_EXTENT[0],) * 2, z, z + ROBOT_EXTENT[1])
        if target is None:
            target = (base[0] + 2.9 * np.cos(yaw), base[1] + 2.9 * np.sin(yaw), 0.55)
        self._robots.append(
            (base[0], base[1], z, yaw, model, task, workshop, self.equipment, station)
            + (*target, target_yaw)
        )

    def car(
        self,
        center: np.ndarray,
        yaw: float,
        variant: int,
        color: tuple[float, float, float],
        z: float = 0.0,
    ) -> None:
        """A car body standing at ``center`` (x, y) with its wheels' ground at height ``z``."""
        self._cars.append((center[0], center[1], z, yaw, variant, *color))
        self._extend(center, (CAR_EXTENT[0],) * 2, z, z + CAR_EXTENT[1])

    def _extend(self, center: np.ndarray, half: tuple[float, float], z0: float, z1: float) -> None:
        """Grow the current equipment's extent by a box of half sides ``half`` (x, y)."""
        if not self.equipment:
            return
        x, y = float(center[0]), float(center[1])
        box = (x - half[0], y - half[1], z0, x + half[0], y + half[1], z1)
        old = self._extents.get(self.equipment)
        if old is not None:  # plain floats: NumPy on six numbers costs more than it saves
            box = (*map(min, old[:3], box[:3]), *map(max, old[3:], box[3:]))
        self._extents[self.equipment] = box

    def agv(self, center: np.ndarray, yaw: float, cargo: str) -> None:
        """An AGV at ``center`` carrying a box of role ``cargo``."""
        self._agvs.append((center[0], center[1], 0.0, yaw, BOX_ROLES.index(cargo)))

    def build(self) -> PlantParts:
        """The collected parts as arrays."""
        robots = np.array(self._robots, dtype=object).reshape(-1, 13)
        model = robots[:, 4].astype(int)
        boxes = np.array(self._boxes, dtype=float).reshape(-1, 8)
        cars = np.array(self._cars, dtype=float).reshape(-1, 8)
        agvs = np.array(self._agvs, dtype=float).reshape(-1, 5)
        return PlantParts(
            robots=Robots(
                base=robots[:, 0:3].astype(float),
                yaw=robots[:, 3].astype(float),
                model=model,
                task=robots[:, 5].astype(str),
                workshop=robots[:, 6].astype(str),
                equipment=robots[:, 7].astype(str),
                station=robots[:, 8].astype(int),
                target=robots[:, 9:12].astype(float),
                target_yaw=robots[:, 12].astype(float),
            ),
            boxes=Boxes(boxes[:, 0:3], boxes[:, 3:6], boxes[:, 6], boxes[:, 7].astype(int)),
            cars=Cars(cars[:, 0:3], cars[:, 3], cars[:, 4].astype(int), cars[:, 5:8]),
            agvs=Agvs(agvs[:, 0:3], agvs[:, 3], agvs[:, 4].astype(int)),
            extents={name: np.array(box, dtype=float) for name, box in self._extents.items()},
        )


def with_robot_count(parts: PlantParts, count: int) -> PlantParts:
    """The same plant with ``count`` robots: the arms repeated (or cut) in order.

    Repeated arms stand 3 m further along y per repetition, so copies do not overlap. Used to
    scale the scene for tests and benchmarks.
    """
    original = len(parts.robots)
    index = np.arange(count) % max(original, 1)
    robots = parts.robots.take(index)
    shift = np.outer(np.arange(count) // max(original, 1), [0.0, 3.0, 0.0])
    robots.base = robots.base + shift
    robots.target = robots.target + shift
    return PlantParts(
        robots=robots, boxes=parts.boxes, cars=parts.cars, agvs=parts.agvs, extents=parts.extents
    )
