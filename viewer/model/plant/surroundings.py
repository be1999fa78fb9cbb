"""What lies around the buildings: public streets, car parks, trees, the Phase II site,
neighbouring buildings and the boundary fence.

:func:`read_outside` reads the layout file's ``[outside]`` section into an :class:`Outside`
(broken entries raise :class:`~viewer.model.errors.DataFileError` naming the field);
:func:`outside_layout` places what is repeated (trees, parking bays, parked cars, road
markings) as flat arrays the scene instances, keeping every tree and parking bay off the roads,
buildings, the test track, the finished-car lots and the visitor aisles (read from the plant,
so moved aisles push trees aside).

Examples
--------
>>> from viewer.model.plant.layout import load_plant
>>> plant = load_plant()
>>> layout = outside_layout(plant)
>>> len(layout.trees) > 300, len(layout.cars) > 100
(True, True)
>>> bool(clear_of(plant, layout.trees, 1.0).all())
True
"""

from __future__ import annotations

import math
import zlib
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from viewer.model.fields import Fields
from viewer.model.geometry import first_outside, inside_polygon, offset_polyline, polygon_area


class Plant(Protocol):
    """What the outside's checks and layout read of a plant
    (:class:`~viewer.model.plant.layout.Plant`, which reads this module's entries)."""

    outside: Outside | None
    buildings: Any
    roads: Any
    aisles: Any
    lots: Any
    gates: Any
    track: Any
    boundary: np.ndarray


class BayGrid(Protocol):
    """What laying out bays reads: a car park (:class:`Parking`) or a finished-car lot
    (:class:`~viewer.model.plant.layout.Lot`)."""

    footprint: np.ndarray
    heading_deg: float
    bay: tuple[float, float]
    drive: float


OUTSIDE_MARGIN = 1500.0  # m: outside things may stand this far from the site's bounding box
PARKING_KINDS = ("staff", "visitor")
NEIGHBOUR_KINDS = ("factory", "office", "warehouse")
PHASE2_STATUS = ("finished", "construction")
PHASE2_MAX_HEIGHT = 15.95  # m, the planning limit (plant facts, A)
CAR_COLOR_SHARES = (0.30, 0.18, 0.16, 0.16, 0.08, 0.06, 0.06)  # see the palette's PARKED_CARS
LINE_WIDTH = 0.15  # m, painted road and bay lines
DASH, GAP = 3.0, 6.0  # m, a dashed line's paint and gap
TRACK_RUN_OFF = 10.0  # m of open ground between the test track's edge and a tree
TREE_SCALE = (0.8, 1.2)  # each tree is drawn this many times its nominal size, at random
WALL_GAP = 0.5  # m between the widest crown's edge and a building's wall
# A finished-car lot's bays (width, depth) and drive lanes, unless its entry says: roomier than
# a car park's (new cars are parked by drivers who must not touch them getting out).
LOT_BAY = (2.7, 5.6)
LOT_DRIVE = 7.0
# Shares of the SU7's colours among the finished cars in the lots, in the order of
# :data:`~viewer.model.cars.car.SU7_COLORS` (aqua blue, verdant green, mineral grey, meteor
# blue, pearl white, obsidian black, ember red): an estimate, the light blue and grey most seen.
FINISHED_COLOR_SHARES = (0.22, 0.10, 0.20, 0.12, 0.16, 0.12, 0.08)


@dataclass(frozen=True)
class Street:
    """A public road outside the site: centre line, width, lanes and a pavement each side."""

    id: str
    points: np.ndarray
    width: float
    lanes: int
    pavement: float


@dataclass(frozen=True)
class Parking:
    """A car park: rows of bays (``bay`` = width, depth) facing drive lanes, some cars."""

    id: str
    kind: str
    footprint: np.ndarray
    heading_deg: float
    bay: tuple[float, float]
    drive: float
    cars: int


@dataclass(frozen=True)
class LotGrid:
    """A finished-car lot's bays: footprint, heading of its rows, bay (width, depth), drive."""

    footprint: np.ndarray
    heading_deg: float = 0.0
    bay: tuple[float, float] = LOT_BAY
    drive: float = LOT_DRIVE


@dataclass(frozen=True)
class Trees:
    """Where trees grow: along every road, and in a row inside the site's edge."""

    spacing: float  # along the site's roads
    street_spacing: float  # along the public streets
    setback: float
    edge_spacing: float
    edge_setback: float
    crown: float  # diameter, m
    height: float  # m, ground to the crown's top


@dataclass(frozen=True)
class Mass:
    """A building seen from outside: footprint, height, kind; ``progress`` < 1 while built."""

    id: str
    kind: str
    footprint: np.ndarray
    height: float
    progress: float = 1.0
    solar: bool = False  # rows of solar panels on the roof


@dataclass(frozen=True)
class Phase2:
    """The Phase II site east of Phase I: its plot and its long, low buildings."""

    boundary: np.ndarray
    land_area_stated: float
    buildings: tuple[Mass, ...]


@dataclass(frozen=True)
class Outside:
    """Everything outside the buildings, as read from ``[outside]``."""

    streets: tuple[Street, ...] = ()
    parking: tuple[Parking, ...] = ()
    trees: Trees | None = None
    neighbours: tuple[Mass, ...] = ()
    phase2: Phase2 | None = None
    fence_height: float = 0.0  # 0: no fence
    estimated: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class OutsideLayout:
    """The repeated things outside, placed: what the scene instances and paints."""

    trees: np.ndarray  # (N, 2) trunk positions
    tree_scale: np.ndarray  # (N,) size factor about 1
    cars: np.ndarray  # (M, 2) parked cars' centres
    car_yaw: np.ndarray  # (M,) radians
    car_color: np.ndarray  # (M,) index into the palette's parked-car colours
    bays: np.ndarray  # (K, 4, 2) corners of every parking bay
    lines: np.ndarray  # (L, 2, 2) painted line pieces (start, end), LINE_WIDTH wide
    center_lines: np.ndarray  # (C, 2, 2) yellow centre-line pieces of the roads
    zebras: np.ndarray  # (Z, 4, 2) zebra-crossing bars
    pavements: list[tuple[np.ndarray, float]]  # (polyline, width) strips


# -- reading --------------------------------------------------------------------------------


def read_outside(item: Fields, boundary: np.ndarray) -> Outside:
    """Read the ``[outside]`` table; every place within :data:`OUTSIDE_MARGIN` of the site."""
    item.check_keys(
        ("streets", "parking", "trees", "neighbours", "phase2", "fence_height_m", "estimated")
    )
    low = boundary.min(axis=0) - OUTSIDE_MARGIN
    high = boundary.max(axis=0) + OUTSIDE_MARGIN

    def place(entry: Fields, key: str, points: np.ndarray) -> np.ndarray:
        point = first_outside(points, low, high)
        if point is not None:
            x, y = point
            raise entry.error(
                key,
                f"({x:g}, {y:g}) is too far from the site (x {low[0]:g} to {high[0]:g}, "
                f"y {low[1]:g} to {high[1]:g})",
            )
        return points

    streets = []
    for entry in item.tables("streets", required=False):
        entry.check_keys(("id", "points", "width_m", "lanes", "pavement_m", "estimated"))
        entry.estimated()
        streets.append(
            Street(
                id=entry.string("id"),
                points=place(entry, "points", entry.points("points")),
                width=entry.number("width_m", positive=True, maximum=80),
                lanes=int(entry.number("lanes", 2, minimum=1, maximum=8, integer=True)),
                pavement=entry.number("pavement_m", 0.0, minimum=0, maximum=20),
            )
        )
    parking = tuple(_parking(entry, place) for entry in item.tables("parking", required=False))
    neighbours = tuple(
        _mass(entry, place, NEIGHBOUR_KINDS, 200.0)
        for entry in item.tables("neighbours", required=False)
    )
    phase2 = _phase2(item.table("phase2"), place) if item.has("phase2") else None
    trees = _trees(item.table("trees")) if item.has("trees") else None
    for key, ids in (
        ("streets", [s.id for s in streets]),
        ("parking", [p.id for p in parking]),
        ("neighbours", [n.id for n in neighbours]),
    ):
        for index, value in enumerate(ids):
            if value in ids[:index]:
                raise item.error(f"{key}[{index}].id", f"duplicate {value!r}")
    return Outside(
        streets=tuple(streets),
        parking=parking,
        trees=trees,
        neighbours=neighbours,
        phase2=phase2,
        fence_height=item.number("fence_height_m", 0.0, minimum=0, maximum=6),
        estimated=item.estimated(),
    )


def _footprint(entry: Fields, place: object, key: str = "footprint") -> np.ndarray:
    points = place(entry, key, entry.points(key, min_count=3))  # type: ignore[operator]
    if abs(polygon_area(points)) <= 1e-6:
        raise entry.error(key, "the footprint polygon has no area")
    return points


def _parking(entry: Fields, place: object) -> Parking:
    entry.check_keys(
        ("id", "kind", "footprint", "heading_deg", "bay_m", "drive_m", "cars", "estimated")
    )
    entry.estimated()
    bay = entry.vector("bay_m", 2, positive=True, default=[2.5, 5.0])
    if not (1.8 <= bay[0] <= 6 and 3.5 <= bay[1] <= 12):
        raise entry.error("bay_m", f"a bay is 1.8-6 m wide and 3.5-12 m deep, got {bay.tolist()}")
    footprint = _footprint(entry, place)
    parking = Parking(
        id=entry.string("id"),
        kind=entry.choice("kind", PARKING_KINDS),
        footprint=footprint,
        heading_deg=entry.number("heading_deg", 0.0, minimum=-360, maximum=360),
        bay=(float(bay[0]), float(bay[1])),
        drive=entry.number("drive_m", 6.5, minimum=3, maximum=20),
        cars=int(entry.number("cars", minimum=0, maximum=5000, integer=True)),
    )
    bays = len(parking_bays(parking))
    if parking.cars > bays:
        raise entry.error("cars", f"the car park has {bays} bays, fewer than {parking.cars} cars")
    return parking


def _mass(entry: Fields, place: object, kinds: tuple[str, ...], max_height: float) -> Mass:
    entry.check_keys(
        ("id", "kind", "footprint", "height_m", "status", "progress", "solar", "estimated")
    )
    entry.estimated()
    status = entry.choice("status", PHASE2_STATUS, "finished")
    progress = entry.number("progress", 0.5, minimum=0.05, maximum=0.95)
    return Mass(
        id=entry.string("id"),
        kind=entry.choice("kind", kinds),
        footprint=_footprint(entry, place),
        height=entry.number("height_m", positive=True, maximum=max_height),
        progress=progress if status == "construction" else 1.0,
        solar=entry.boolean("solar", False),
    )


def _phase2(entry: Fields, place: object) -> Phase2:
    entry.check_keys(("boundary", "land_area_m2", "max_height_m", "buildings", "estimated"))
    entry.estimated()
    boundary = _footprint(entry, place, "boundary")
    stated = entry.number("land_area_m2", positive=True, maximum=5e6)
    area = abs(polygon_area(boundary))
    if abs(area - stated) > 0.05 * stated:
        raise entry.error("boundary", f"encloses {area:,.0f} m², not within 5 % of {stated:,.0f}")
    limit = entry.number("max_height_m", PHASE2_MAX_HEIGHT, positive=True, maximum=100)
    buildings = tuple(
        _mass(b, place, ("factory", "office", "warehouse"), limit)
        for b in entry.tables("buildings", required=False)
    )
    for b, spec in zip(entry.tables("buildings", required=False), buildings, strict=True):
        if not inside_polygon(spec.footprint, boundary).all():
            raise b.error("footprint", "must lie inside the Phase II boundary")
    return Phase2(boundary=boundary, land_area_stated=stated, buildings=buildings)


def _trees(entry: Fields) -> Trees:
    entry.check_keys(
        (
            "spacing_m",
            "street_spacing_m",
            "setback_m",
            "edge_spacing_m",
            "edge_setback_m",
            "crown_m",
            "height_m",
            "estimated",
        )
    )
    entry.estimated()
    spacing = entry.number("spacing_m", minimum=2, maximum=500)
    return Trees(
        spacing=spacing,
        street_spacing=entry.number("street_spacing_m", spacing, minimum=2, maximum=500),
        setback=entry.number("setback_m", 3.0, minimum=0, maximum=50),
        edge_spacing=entry.number("edge_spacing_m", 0.0, minimum=0, maximum=500),
        edge_setback=entry.number("edge_setback_m", 5.0, minimum=0, maximum=50),
        crown=entry.number("crown_m", 6.0, minimum=1, maximum=30),
        height=entry.number("height_m", 9.0, minimum=2, maximum=40),
    )


def read_lot_grid(item: Fields, footprint: np.ndarray, cars: int) -> LotGrid:
    """The bay grid of a ``[[lots]]`` entry (``heading_deg``, ``bay_m``, ``drive_m``, each
    optional); the lot must have a bay for each of its ``cars``."""
    bay = item.vector("bay_m", 2, positive=True, default=list(LOT_BAY))
    if not (2.2 <= bay[0] <= 6 and 4.8 <= bay[1] <= 12):
        raise item.error("bay_m", f"a bay is 2.2-6 m wide and 4.8-12 m deep, got {bay.tolist()}")
    heading = item.number("heading_deg", 0.0, minimum=-360, maximum=360)
    drive = item.number("drive_m", LOT_DRIVE, minimum=3, maximum=20)
    grid = LotGrid(footprint, heading, (float(bay[0]), float(bay[1])), drive)
    bays = len(parking_bays(grid))
    if cars > bays:
        raise item.error("cars", f"the lot has {bays} bays, fewer than {cars} cars")
    return grid


def check_outside(item: Fields, plant: Plant) -> None:
    """Car parks must not lie on a building or the test track (error naming the entry)."""
    assert plant.outside is not None
    for entry, lot in zip(
        item.tables("parking", required=False), plant.outside.parking, strict=True
    ):
        corners = lot.footprint
        centre = corners.mean(axis=0, keepdims=True)
        for building in plant.buildings:
            if (
                inside_polygon(corners, building.footprint).any()
                or inside_polygon(building.footprint, corners).any()
                or inside_polygon(centre, building.footprint).any()
            ):
                raise entry.error("footprint", f"overlaps the building {building.id!r}")
        track = plant.track
        if near_polyline(_fill(corners, 4.0), track.centerline, track.width / 2, closed=True).any():
            raise entry.error("footprint", f"overlaps the test track {track.id!r}")


# -- geometry -------------------------------------------------------------------------------


def distance_to_polyline(points: np.ndarray, line: np.ndarray, closed: bool = False) -> np.ndarray:
    """Distance of each of ``points`` (N, 2) to the polyline.

    >>> distance_to_polyline(np.array([[5.0, 3.0], [-4.0, 0.0]]), np.array([[0, 0], [10, 0]]))
    array([3., 4.])
    """
    points = np.asarray(points, dtype=float).reshape(-1, 2)
    line = np.asarray(line, dtype=float)
    a = line if closed else line[:-1]
    b = np.roll(line, -1, axis=0) if closed else line[1:]
    ab = b - a
    length2 = np.maximum(np.einsum("ij,ij->i", ab, ab), 1e-12)
    # x and y apart: (N, M) arrays, no (N, M, 2) temporaries (a tenth of the start-up's
    # placing was spent here)
    px, py = points[:, 0:1], points[:, 1:2]
    t = (px - a[:, 0]) * ab[:, 0] + (py - a[:, 1]) * ab[:, 1]
    t /= length2
    np.clip(t, 0.0, 1.0, out=t)
    dx = px - (a[:, 0] + t * ab[:, 0])
    dy = py - (a[:, 1] + t * ab[:, 1])
    dx *= dx
    dy *= dy
    dx += dy
    return np.sqrt(dx.min(axis=1)) if len(a) else np.full(len(points), np.inf)


def near_polyline(
    points: np.ndarray, line: np.ndarray, reach: float, closed: bool = False, touching: bool = False
) -> np.ndarray:
    """Which ``points`` lie closer than ``reach`` to the polyline (with ``touching``: at most
    ``reach`` away); only points inside the line's box grown by ``reach`` are measured.

    >>> line = np.array([[0, 0], [10, 0]], float)
    >>> near_polyline(np.array([[5.0, 2.0], [5.0, 3.0], [50.0, 0.0]]), line, 3.0).tolist()
    [True, False, False]
    """
    points = np.asarray(points, dtype=float).reshape(-1, 2)
    line = np.asarray(line, dtype=float)
    (x0, y0), (x1, y1) = line.min(axis=0) - reach, line.max(axis=0) + reach
    x, y = points[:, 0], points[:, 1]
    index = np.flatnonzero((x >= x0) & (x <= x1) & (y >= y0) & (y <= y1))
    near = np.zeros(len(points), dtype=bool)
    if len(index):
        distance = distance_to_polyline(points[index], line, closed)
        near[index] = distance <= reach if touching else distance < reach
    return near


def _fill(polygon: np.ndarray, step: float) -> np.ndarray:
    """Points along a polygon's edges (every ``step`` m) and a grid inside it."""
    edges = _sample(np.vstack([polygon, polygon[:1]]), step)
    (x0, y0), (x1, y1) = polygon.min(axis=0), polygon.max(axis=0)
    grid = np.stack(np.meshgrid(np.arange(x0, x1, step), np.arange(y0, y1, step)), axis=-1).reshape(
        -1, 2
    )
    return np.vstack([edges, grid[inside_polygon(grid, polygon)]])


def _sample(line: np.ndarray, step: float, offset: float = 0.0) -> np.ndarray:
    """Points every ``step`` m along a polyline, starting ``offset`` m in."""
    line = np.asarray(line, dtype=float)
    lengths = np.linalg.norm(np.diff(line, axis=0), axis=1)
    along = np.concatenate([[0.0], np.cumsum(lengths)])
    if along[-1] <= 0:
        return line[:1].copy()
    at = np.arange(offset, along[-1] + 1e-9, step)
    return np.column_stack([np.interp(at, along, line[:, 0]), np.interp(at, along, line[:, 1])])


def _all_roads(plant: Plant) -> list[tuple[np.ndarray, float]]:
    roads = [(road.points, road.width) for road in plant.roads]
    if plant.outside is not None:
        roads += [(street.points, street.width) for street in plant.outside.streets]
    return roads


def clear_of(plant: Plant, points: np.ndarray, clearance: float) -> np.ndarray:
    """Which ``points`` are at least ``clearance`` m off every road (and pavement), visitor
    aisle, the test track, and outside every building, finished-car lot and outside mass."""
    points = np.asarray(points, dtype=float).reshape(-1, 2)
    keep = np.ones(len(points), dtype=bool)
    strips = [(points_, width) for points_, width in _all_roads(plant)]
    strips += [(lane.points, lane.width) for lane in plant.aisles]
    if plant.outside is not None:
        strips += [(s.points, s.width + 2 * s.pavement) for s in plant.outside.streets]
    for line, width in strips:
        keep &= ~near_polyline(points, line, width / 2 + clearance)
    track = plant.track
    keep &= ~near_polyline(points, track.centerline, track.width / 2 + clearance, closed=True)
    polygons = [b.footprint for b in plant.buildings] + [lot.footprint for lot in plant.lots]
    if plant.outside is not None:
        polygons += [m.footprint for m in _masses(plant.outside)]
    return keep & _clear_of_polygons(points, polygons, clearance)


def _masses(outside: Outside) -> tuple[Mass, ...]:
    return outside.neighbours + (outside.phase2.buildings if outside.phase2 else ())


# -- placing --------------------------------------------------------------------------------


def parking_bays(lot: BayGrid) -> np.ndarray:
    """Corners (K, 4, 2) of every bay of a car park (or a finished-car lot) inside its
    footprint: modules of a row of bays, a drive lane and a row facing it, side by side across
    the heading."""
    width, depth = lot.bay
    angle = np.radians(lot.heading_deg)
    along = np.array([np.cos(angle), np.sin(angle)])
    across = np.array([-along[1], along[0]])
    local = np.column_stack([lot.footprint @ along, lot.footprint @ across])
    (u0, v0), (u1, v1) = local.min(axis=0) + 0.5, local.max(axis=0) - 0.5
    module = 2 * depth + lot.drive
    rows = []
    v = v0
    while v + depth <= v1 + 1e-9:
        rows.append(v)
        if v + module <= v1 + 1e-9:
            rows.append(v + depth + lot.drive)
        v += module
    us = np.arange(u0, u1 - width + 1e-9, width)
    u, r = (grid.ravel() for grid in np.meshgrid(us, np.array(rows, dtype=float)))
    corners = np.stack(
        [
            np.column_stack(c)
            for c in ((u, r), (u + width, r), (u + width, r + depth), (u, r + depth))
        ],
        axis=1,
    ).reshape(-1, 4, 2)
    world = corners[..., :1] * along + corners[..., 1:] * across
    if len(world) == 0:
        return world
    inside = inside_polygon(world.reshape(-1, 2), lot.footprint).reshape(-1, 4).all(axis=1)
    return world[inside]


@dataclass(frozen=True)
class LotCars:
    """The finished cars parked in one lot: where, which way, which SU7 colour."""

    centres: np.ndarray  # (N, 2)
    yaw: np.ndarray  # (N,) radians, nose towards the drive lane
    color: np.ndarray  # (N,) index into SU7_COLORS (FINISHED_COLOR_SHARES)


def lot_cars(lot: BayGrid, lot_id: str, cars: int) -> LotCars:
    """Place ``cars`` finished cars in bays of the lot at random (the same every time for the
    same ``lot_id``), in the SU7's colours.

    >>> from viewer.model.plant.layout import load_plant
    >>> lot = load_plant().lots[0]
    >>> placed = lot_cars(lot, lot.id, lot.cars)
    >>> len(placed.centres) == lot.cars, bool((placed.color < 7).all())
    (True, True)
    """
    bays = parking_bays(lot)
    rng = np.random.default_rng(zlib.crc32(lot_id.encode()))
    centres, yaw = _park(lot, bays, cars, rng)
    shares = np.cumsum(FINISHED_COLOR_SHARES) / sum(FINISHED_COLOR_SHARES)
    color = np.minimum(np.searchsorted(shares, rng.random(len(centres))), len(shares) - 1)
    return LotCars(centres, yaw, color.astype(int))


def lot_lines(lots: tuple[BayGrid, ...] | list[BayGrid]) -> np.ndarray:
    """The painted bay lines (L, 2, 2) of finished-car lots: each bay's sides and back, a row's
    back line one piece (drawn :data:`LINE_WIDTH` wide, as a car park's)."""
    bays = [parking_bays(lot) for lot in lots]
    bays = [b for b in bays if len(b)]
    return _bay_lines(np.vstack(bays)) if bays else np.zeros((0, 2, 2))


def outside_layout(plant: Plant) -> OutsideLayout:
    """Place the trees, bays, parked cars and road markings of ``plant`` (deterministic)."""
    outside = plant.outside if plant.outside is not None else Outside()
    bays, cars, yaws, colors = _parking_layout(plant, outside)
    trees = _tree_layout(plant, outside)
    rng = np.random.default_rng(len(trees))
    lines, centre = _road_markings(plant, outside)
    bay_lines = _bay_lines(bays)
    return OutsideLayout(
        trees=trees,
        tree_scale=rng.uniform(*TREE_SCALE, len(trees)),
        cars=cars,
        car_yaw=yaws,
        car_color=colors,
        bays=bays,
        lines=np.vstack([lines, bay_lines]).reshape(-1, 2, 2),
        center_lines=centre,
        zebras=_zebras(plant, outside),
        pavements=[
            (offset_polyline(s.points, side * (s.width + s.pavement) / 2), s.pavement)
            for s in outside.streets
            if s.pavement > 0
            for side in (1, -1)
        ],
    )


def _parking_layout(
    plant: Plant, outside: Outside
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    all_bays, cars, yaws, colors = [], [], [], []
    shares = np.cumsum(CAR_COLOR_SHARES) / sum(CAR_COLOR_SHARES)
    for lot in outside.parking:
        bays = parking_bays(lot)
        if len(bays):  # corners and centres in one go
            clear = clear_of(plant, np.vstack([bays.reshape(-1, 2), bays.mean(axis=1)]), 0.3)
            corners_clear = clear[: 4 * len(bays)].reshape(-1, 4).all(axis=1)
            bays = bays[corners_clear & clear[4 * len(bays) :]]
        all_bays.append(bays.reshape(-1, 4, 2))
        rng = np.random.default_rng(zlib.crc32(lot.id.encode()))
        centres, yaw = _park(lot, bays, lot.cars, rng)
        cars.append(centres)
        yaws.append(yaw)
        colors.append(np.searchsorted(shares, rng.random(len(centres))))
    if not all_bays:
        return np.zeros((0, 4, 2)), np.zeros((0, 2)), np.zeros(0), np.zeros(0, int)
    return (
        np.vstack(all_bays),
        np.vstack(cars),
        np.concatenate(yaws),
        np.concatenate(colors).astype(int),
    )


def _park(
    lot: BayGrid, bays: np.ndarray, cars: int, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Centres (N, 2) and headings (N,) of ``cars`` cars in bays of ``lot`` picked at random,
    each nose towards its bay's open side (the drive lane)."""
    taken = rng.permutation(len(bays))[: min(cars, len(bays))]
    chosen = bays[np.sort(taken)]
    back = (chosen[:, 0] + chosen[:, 1]) / 2  # from the back edge to the front
    facing = (chosen[:, 2] + chosen[:, 3]) / 2 - back
    row_v = chosen[:, 0] @ np.array(
        [-np.sin(np.radians(lot.heading_deg)), np.cos(np.radians(lot.heading_deg))]
    )
    facing[_faces_back(lot, row_v)] *= -1
    return chosen.mean(axis=1).reshape(-1, 2), np.arctan2(facing[:, 1], facing[:, 0])


def _faces_back(lot: BayGrid, row_v: np.ndarray) -> np.ndarray:
    """Whether a bay row's cars face the row's back edge (the second row of each module
    faces the drive lane before it)."""
    width, depth = lot.bay
    angle = np.radians(lot.heading_deg)
    across = np.array([-np.sin(angle), np.cos(angle)])
    v0 = (lot.footprint @ across).min() + 0.5
    module = 2 * depth + lot.drive
    return np.mod(row_v - v0 + 1e-6, module) > depth


def _bay_lines(bays: np.ndarray) -> np.ndarray:
    """The painted sides and backs of the bays, shared and collinear pieces joined (a row's
    back line is one piece)."""
    if len(bays) == 0:
        return np.zeros((0, 2, 2))
    pieces = np.concatenate(
        [
            np.stack([bays[:, 0], bays[:, 3]], axis=1),
            np.stack([bays[:, 1], bays[:, 2]], axis=1),
            np.stack([bays[:, 0], bays[:, 1]], axis=1),
        ]
    )
    return join_collinear(pieces)


def join_collinear(pieces: np.ndarray, tolerance: float = 0.01) -> np.ndarray:
    """Straight pieces ((N, 2, 2) start, end) with those on one line that touch or overlap
    joined into one, and duplicates dropped.

    >>> join_collinear(np.array([[[0, 0], [1, 0]], [[1, 0], [2, 0]], [[0, 0], [1, 0]]], float))
    array([[[0., 0.],
            [2., 0.]]])
    """
    direction = pieces[:, 1] - pieces[:, 0]
    direction /= np.maximum(np.linalg.norm(direction, axis=1, keepdims=True), 1e-12)
    flip = (direction[:, 0] < -1e-9) | ((np.abs(direction[:, 0]) <= 1e-9) & (direction[:, 1] < 0))
    direction[flip] *= -1
    normal = np.column_stack([-direction[:, 1], direction[:, 0]])
    offset = np.einsum("ij,ij->i", pieces[:, 0], normal)
    keys = np.column_stack([np.round(direction / 1e-4), np.round(offset / tolerance)]).astype(
        np.int64
    )
    if len(pieces) == 0:
        return np.zeros((0, 2, 2))
    # sorted by line (the keys), then along each line by where a piece starts; a piece starts
    # a new joined one unless it begins within ``tolerance`` of the furthest end so far
    order = np.lexsort(keys.T[::-1])
    keys = keys[order]
    first = np.ones(len(order), dtype=bool)
    first[1:] = (keys[1:] != keys[:-1]).any(axis=1)
    group = np.cumsum(first) - 1
    leader = order[np.flatnonzero(first)]  # each line's first piece (its lowest index)
    axis = direction[leader]
    ends = pieces[order]
    spans = np.sort(ends[..., 0] * axis[group, 0:1] + ends[..., 1] * axis[group, 1:2], axis=1)
    along = np.lexsort((spans[:, 0], group))
    spans, group = spans[along], group[along]
    high_rank = np.empty(len(spans), dtype=np.int64)  # exact running maxima, line by line
    by_high = np.argsort(spans[:, 1], kind="stable")
    high_rank[by_high] = np.arange(len(spans))
    furthest = np.maximum.accumulate(group * len(spans) + high_rank) % len(spans)
    furthest_high = spans[by_high[furthest], 1]
    starts = np.ones(len(spans), dtype=bool)
    starts[1:] = (group[1:] != group[:-1]) | (spans[1:, 0] > furthest_high[:-1] + tolerance)
    begin = np.flatnonzero(starts)
    finish = np.r_[begin[1:], len(spans)] - 1
    origin = pieces[leader, 0]
    base = origin - np.einsum("ij,ij->i", origin, axis)[:, None] * axis
    line_of = group[begin]
    low, high = spans[begin, 0], furthest_high[finish]
    return np.stack(
        [
            base[line_of] + low[:, None] * axis[line_of],
            base[line_of] + high[:, None] * axis[line_of],
        ],
        axis=1,
    )


def _tree_layout(plant: Plant, outside: Outside) -> np.ndarray:
    trees = outside.trees
    if trees is None:
        return np.zeros((0, 2))
    candidates = []
    radius = trees.crown / 2
    rows = [(road.points, road.width, trees.spacing) for road in plant.roads]
    rows += [(s.points, s.width + 2 * s.pavement, trees.street_spacing) for s in outside.streets]
    for line, width, spacing in rows:
        for side in (1, -1):
            offset = side * (width / 2 + trees.setback)
            candidates.append(_sample(offset_polyline(line, offset), spacing, spacing / 2))
    if trees.edge_spacing > 0:
        boundary = plant.boundary
        inner = _inset(boundary, trees.edge_setback)
        candidates.append(_sample(np.vstack([inner, inner[:1]]), trees.edge_spacing))
    points = np.vstack(candidates) if candidates else np.zeros((0, 2))
    keep = clear_of(plant, points, max(1.0, 0.6 * radius))
    # no crown through a wall: the widest crown (the crown's radius at the largest scale) and a
    # gap clear of every building's footprint, the plant's and those around it
    keep &= _clear_of_buildings(plant, outside, points, radius * TREE_SCALE[1] + WALL_GAP)
    for gate in plant.gates:
        keep &= np.linalg.norm(points - gate.position, axis=1) > gate.width / 2 + radius + 2
    track = plant.track  # a run-off beside the test track, and the view of its bridge clear
    run_off = distance_to_polyline(points, track.centerline, closed=True)
    keep &= run_off >= track.width / 2 + TRACK_RUN_OFF
    bridge = getattr(track, "bridge", None)
    if bridge is not None:
        keep &= np.linalg.norm(points - bridge.at, axis=1) > bridge.span / 2 + 4 * radius
    for lot in outside.parking:  # no crown over a parked car
        keep &= ~inside_polygon(points, lot.footprint)
        keep &= distance_to_polyline(points, lot.footprint, closed=True) >= radius
    points = points[keep]
    return _dedupe(points, 0.6 * trees.spacing)


def _clear_of_buildings(
    plant: Plant, outside: Outside, points: np.ndarray, clearance: float
) -> np.ndarray:
    """Which ``points`` are outside every building's footprint (the plant's, the neighbours'
    and Phase II's) by at least ``clearance`` m."""
    footprints = [b.footprint for b in plant.buildings] + [m.footprint for m in _masses(outside)]
    return _clear_of_polygons(points, footprints, clearance)


def _clear_of_polygons(
    points: np.ndarray, polygons: list[np.ndarray], clearance: float
) -> np.ndarray:
    """Which ``points`` lie outside every polygon by at least ``clearance`` m (each polygon
    tested only against the points near its bounds)."""
    keep = np.ones(len(points), dtype=bool)
    for polygon in polygons:
        (x0, y0), (x1, y1) = polygon.min(axis=0) - clearance, polygon.max(axis=0) + clearance
        near = (points[:, 0] > x0) & (points[:, 0] < x1) & (points[:, 1] > y0) & (points[:, 1] < y1)
        if near.any():
            hit = inside_polygon(points[near], polygon)
            hit |= distance_to_polyline(points[near], polygon, closed=True) < clearance
            keep[np.flatnonzero(near)[hit]] = False
    return keep


def _inset(polygon: np.ndarray, distance: float) -> np.ndarray:
    x, y = polygon.T
    counter_clockwise = np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)) > 0
    return offset_polyline(polygon, distance if counter_clockwise else -distance, closed=True)


def _dedupe(points: np.ndarray, distance: float) -> np.ndarray:
    """Drop points closer than ``distance`` to one kept before (where two rows meet)."""
    if len(points) == 0:
        return points
    cell = np.floor(points / distance).astype(int)
    kept: dict[tuple[int, int], list[int]] = {}
    out = []
    for index, (cx, cy) in enumerate(cell):
        near = [
            j for dx in (-1, 0, 1) for dy in (-1, 0, 1) for j in kept.get((cx + dx, cy + dy), [])
        ]
        x, y = points[index]
        if any(math.hypot(points[j][0] - x, points[j][1] - y) < distance for j in near):
            continue
        kept.setdefault((cx, cy), []).append(index)
        out.append(index)
    return points[out]


def _runs(line: np.ndarray, keep_mask: object, step: float = 1.0) -> list[np.ndarray]:
    """Pieces of a straight-segment polyline where ``keep_mask(points)`` holds, as (start,
    end) pairs of each segment (found at ``step`` m)."""
    return _runs_of([line], keep_mask, step)[0]


def _runs_of(lines: list[np.ndarray], keep_mask: object, step: float = 1.0) -> list[list]:
    """:func:`_runs` of each of ``lines``, the mask asked once for all of them."""
    segments, owner = [], []
    for index, line in enumerate(lines):
        for a, b in zip(line[:-1], line[1:], strict=True):
            length = float(np.linalg.norm(b - a))
            if length > 0:
                t = np.linspace(0.0, 1.0, max(2, int(length / step) + 1))
                segments.append(a + t[:, None] * (b - a))
                owner.append(index)
    pieces: list[list] = [[] for _ in lines]
    if not segments:
        return pieces
    ok = keep_mask(np.vstack(segments))  # type: ignore[operator]
    at = 0
    for index, points in zip(owner, segments, strict=True):
        flags = np.concatenate([[False], ok[at : at + len(points)], [False]])
        at += len(points)
        edges = np.flatnonzero(flags[1:] != flags[:-1])  # each run's first, and one past last
        for start, stop in zip(edges[0::2], edges[1::2], strict=True):
            if stop - 1 > start:
                pieces[index].append(np.array([points[start], points[stop - 1]]))
    return pieces


def _dashes(piece: np.ndarray) -> list[np.ndarray]:
    a, b = piece
    length = float(np.linalg.norm(b - a))
    direction = (b - a) / max(length, 1e-9)
    return [
        np.array([a + s * direction, a + min(s + DASH, length) * direction])
        for s in np.arange(GAP / 2, length - 0.5, DASH + GAP)
    ]


def _road_markings(plant: Plant, outside: Outside) -> tuple[np.ndarray, np.ndarray]:
    """White pieces (edge lines, lane lines) and yellow centre-line pieces of every road,
    broken where another road crosses."""
    roads = [(r.points, r.width, 2) for r in plant.roads]
    roads += [(s.points, s.width, s.lanes) for s in outside.streets]
    white: list[np.ndarray] = []
    yellow: list[np.ndarray] = []
    for index, (line, width, lanes) in enumerate(roads):
        others = [(p, w) for j, (p, w, _) in enumerate(roads) if j != index]

        def off_others(points: np.ndarray, others: list = others) -> np.ndarray:
            keep = np.ones(len(points), dtype=bool)
            for other, other_width in others:
                keep &= ~near_polyline(points, other, other_width / 2 + 0.5, touching=True)
            return keep

        lane = width / max(lanes, 1)
        lines: list[tuple[np.ndarray, list, bool]] = []  # (line, paint, dashed)
        for side in (1, -1):
            lines.append((offset_polyline(line, side * (width / 2 - 0.4)), white, False))
            for k in range(1, lanes // 2 + (lanes % 2)):
                offset = side * (width / 2 - k * lane)
                if abs(offset) > 0.3:
                    lines.append((offset_polyline(line, offset), white, True))
        if lanes >= 4:
            for side in (1, -1):
                lines.append((offset_polyline(line, side * 0.2), yellow, False))
        elif lanes >= 2 and lanes % 2 == 0:
            lines.append((line, yellow, True))
        runs = _runs_of([points for points, _, _ in lines], off_others)
        for (_, paint, dashed), pieces in zip(lines, runs, strict=True):
            for piece in pieces:
                paint += _dashes(piece) if dashed else [piece]
    as_array = lambda pieces: np.array(pieces).reshape(-1, 2, 2)  # noqa: E731
    return as_array(white), as_array(yellow)


def _zebras(plant: Plant, outside: Outside) -> np.ndarray:
    """Zebra crossings at each gate: across the drive that ends there, just outside the gate,
    and across the nearest street beside the drive's mouth."""
    bars: list[np.ndarray] = []
    for gate in plant.gates:
        near = [
            (float(distance_to_polyline(gate.position[None], street.points)[0]), street)
            for street in outside.streets
        ]
        drives = [street for distance, street in near if distance < 1.0]
        others = sorted(((d, s) for d, s in near if 1.0 <= d < 80.0), key=lambda pair: pair[0])
        crossings = [(street, 3.0) for street in drives]
        crossings += [(others[0][1], gate.width / 2 + 6.0)] if others else []
        for street, shift in crossings:
            a, b = _nearest_segment(street.points, gate.position)
            direction = (b - a) / np.linalg.norm(b - a)
            foot = a + np.dot(gate.position - a, direction) * direction
            bars += _zebra(foot + direction * shift, direction, street.width)
    return np.array(bars).reshape(-1, 4, 2)


def _zebra(centre: np.ndarray, direction: np.ndarray, width: float) -> list[np.ndarray]:
    """Bars 0.5 m wide and 4 m long, along the road, every metre across its ``width``."""
    normal = np.array([-direction[1], direction[0]])
    bars = []
    for s in np.arange(-width / 2 + 0.6, width / 2 - 0.5, 1.0):
        mid = centre + normal * s
        along, side = direction * 2.0, normal * 0.25
        bars.append(
            np.array(
                [mid - along - side, mid + along - side, mid + along + side, mid - along + side]
            )
        )
    return bars


def _nearest_segment(line: np.ndarray, point: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    best, distance = (line[0], line[1]), np.inf
    for a, b in zip(line[:-1], line[1:], strict=True):
        d = float(distance_to_polyline(point[None], np.array([a, b]))[0])
        if d < distance:
            best, distance = (a, b), d
    return best
