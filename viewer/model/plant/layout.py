"""The plant layout: buildings, roads, gates, test track, lots, visitor aisles, equipment, views.

:func:`load_plant` reads the TOML layout file (``assets/plant.toml`` by default, documented in the
README and in the file itself) and returns a :class:`Plant` of plain dataclasses and NumPy arrays.
Any problem raises :class:`~viewer.model.errors.DataFileError`.

Examples
--------
>>> from viewer.model.plant.layout import load_plant
>>> plant = load_plant()
>>> plant.building("stamping").name.en
'Stamping'
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from viewer.model.assets import default_plant_path
from viewer.model.cars.car import SU7_COLORS
from viewer.model.cars.sculpture import Sculpture, read_sculpture
from viewer.model.fields import Fields, Text
from viewer.model.geometry import first_outside, polygon_area, polyline_length, round_corners
from viewer.model.motion.flows import FlowSpec, read_flow
from viewer.model.motion.people import People, read_people
from viewer.model.motion.track_traffic import Traffic, read_traffic
from viewer.model.plant import equipment_specs as specs
from viewer.model.plant.boarding_bay import BoardingBay, read_boarding_bay
from viewer.model.plant.plant_limits import (
    MAX_AISLE_POINTS,
    MAX_AISLES,
    MAX_CREWS,
    MAX_ENTRIES,
    MAX_EQUIPMENT,
    MAX_PARTS,
    MAX_PEOPLE,
    MAX_PEOPLE_AISLE_PAIRS,
    MAX_POINTS,
    MAX_ROBOTS,
    part_estimate,
    robot_count,
)
from viewer.model.plant.signs import SignSpec, read_signs
from viewer.model.plant.surroundings import (
    LOT_BAY,
    LOT_DRIVE,
    Outside,
    check_outside,
    read_lot_grid,
    read_outside,
)
from viewer.model.plant.tech_showroom import Exhibition, read_exhibition
from viewer.model.plant.track_bridge import Bridge, read_bridge
from viewer.model.plant.track_dressing import (
    Dressing,
    SkidPad,
    TrialTrack,
    read_dressing,
    read_skid_pad,
    read_trial,
)

BUILDING_KINDS = ("workshop", "hall", "service")


@dataclass(frozen=True)
class Room:
    """A named room inside a building (the lobby, the technology showroom)."""

    id: str
    name: Text
    footprint: np.ndarray
    storeys: int
    exhibition: Exhibition | None = None  # where a showroom's exhibits stand


@dataclass(frozen=True)
class Building:
    """A building: footprint polygon (m), height (m), and what it is."""

    id: str
    name: Text
    kind: str
    footprint: np.ndarray
    height: float
    storeys: int
    rooms: tuple[Room, ...] = ()
    estimated: tuple[str, ...] = ()
    signs: tuple[SignSpec, ...] = ()  # hanging signs with line or area names

    @property
    def area(self) -> float:
        """Footprint area in m²."""
        return polygon_area(self.footprint)

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        """(x_min, y_min, x_max, y_max) of the footprint."""
        (x0, y0), (x1, y1) = self.footprint.min(axis=0), self.footprint.max(axis=0)
        return float(x0), float(y0), float(x1), float(y1)

    @property
    def center(self) -> np.ndarray:
        """Centre of the footprint's bounding box (x, y)."""
        x0, y0, x1, y1 = self.bounds
        return np.array([(x0 + x1) / 2, (y0 + y1) / 2])


@dataclass(frozen=True)
class Road:
    """A road: centre line and width (m)."""

    id: str
    points: np.ndarray
    width: float


@dataclass(frozen=True)
class Gate:
    """A gate on the site boundary."""

    id: str
    name: Text
    position: np.ndarray
    width: float


@dataclass(frozen=True)
class Track:
    """The test track: a closed centre line with rounded corners."""

    id: str
    name: Text
    centerline: np.ndarray
    width: float
    stated_length: float
    surfaces: int
    estimated: tuple[str, ...] = ()
    bridge: Bridge | None = None  # the glass footbridge over the fast straight
    traffic: Traffic | None = None  # finished cars driving laps
    dressing: Dressing | None = None  # kerbs, tyre walls and guardrails
    trial: TrialTrack | None = None  # the low-speed trial track in the infield
    skid_pad: SkidPad | None = None  # a round paved pad in the infield

    @property
    def length(self) -> float:
        """Length of the centre line (m)."""
        return polyline_length(self.centerline, closed=True)


@dataclass(frozen=True)
class Lot:
    """A finished-car lot: footprint, the number of parked cars drawn and its bays (rows along
    ``heading_deg``, each ``bay`` (width, depth), drive lanes ``drive`` m wide)."""

    id: str
    name: Text
    footprint: np.ndarray
    cars: int
    heading_deg: float = 0.0
    bay: tuple[float, float] = LOT_BAY
    drive: float = LOT_DRIVE


@dataclass(frozen=True)
class Lane:
    """One visitor aisle lane the tour shuttle may drive on."""

    id: str
    points: np.ndarray
    width: float
    indoor: bool


@dataclass(frozen=True)
class View:
    """A preset camera view: name, keyboard key and what it frames."""

    name: str
    key: int
    target: str
    azimuth_deg: float
    elevation_deg: float
    distance: float | None
    focal_height: float | None = None  # metres; default a quarter of the target's height
    view_angle: float = 30.0  # degrees, vertical


@dataclass(frozen=True)
class Plant:
    """The whole Phase I plant as loaded from the layout file."""

    source: Path
    name: Text
    site_area_stated: float
    floor_area_stated: float
    boundary: np.ndarray
    buildings: tuple[Building, ...]
    roads: tuple[Road, ...]
    gates: tuple[Gate, ...]
    track: Track
    lots: tuple[Lot, ...]
    aisles: tuple[Lane, ...]
    equipment: tuple[specs.Equipment, ...]
    views: tuple[View, ...]
    facts: dict = field(default_factory=dict)
    flows: tuple[FlowSpec, ...] = ()
    sculpture: Sculpture | None = None
    people: People = field(default_factory=People)  # crews at work, walkers, forklifts
    outside: Outside | None = None  # streets, car parks, trees, Phase II, neighbours
    boarding: BoardingBay | None = None  # the shuttle boarding bay at the hall's door

    @property
    def takt(self) -> float:
        """Seconds between two finished cars at full rate."""
        return float(self.facts.get("takt_s", 76.0))

    @property
    def site_area(self) -> float:
        """Area of the site boundary polygon (m²)."""
        return polygon_area(self.boundary)

    def building(self, building_id: str) -> Building:
        """The building with ``building_id``; KeyError if there is none."""
        for building in self.buildings:
            if building.id == building_id:
                return building
        raise KeyError(building_id)

    def view(self, name: str) -> View:
        """The preset view called ``name``; KeyError if there is none."""
        for view in self.views:
            if view.name == name:
                return view
        raise KeyError(name)

    def target_bounds(self, target: str) -> tuple[float, float, float, float, float]:
        """(x0, y0, x1, y1, height) of a view target: 'site', the track, a lot, a room or a
        building."""
        if target == "site":
            (x0, y0), (x1, y1) = self.boundary.min(axis=0), self.boundary.max(axis=0)
            return float(x0), float(y0), float(x1), float(y1), 0.0
        if target == self.track.id:
            (x0, y0), (x1, y1) = self.track.centerline.min(0), self.track.centerline.max(0)
            return float(x0), float(y0), float(x1), float(y1), 0.0
        for lot in self.lots:
            if lot.id == target:
                (x0, y0), (x1, y1) = lot.footprint.min(0), lot.footprint.max(0)
                return float(x0), float(y0), float(x1), float(y1), 0.0
        for building in self.buildings:
            for room in building.rooms:
                if room.id == target:
                    (x0, y0), (x1, y1) = room.footprint.min(0), room.footprint.max(0)
                    return float(x0), float(y0), float(x1), float(y1), building.height
        building = self.building(target)
        return (*building.bounds, building.height)


def load_plant(path: str | Path | None = None) -> Plant:
    """Load and check the plant layout file; ``None`` loads the bundled ``assets/plant.toml``.

    Raises :class:`~viewer.model.errors.DataFileError` naming the file, field and line of the
    first problem found.
    """
    path = Path(path) if path is not None else default_plant_path()
    doc = Fields.from_file(path)
    _check_counts(doc)
    plant_info = doc.table("plant")
    site = doc.table("site")
    boundary = site.points("boundary", min_count=3)
    site.estimated()
    if polygon_area(boundary) <= 0:
        raise site.error("boundary", "the boundary polygon has no area")
    span = float(np.ptp(boundary, axis=0).max())
    if span > MAX_SITE_SPAN:
        raise site.error("boundary", f"spans {span:g} m; a plant site spans at most 5 km")
    _check_places(doc, boundary)
    buildings = tuple(_building(item) for item in doc.tables("buildings"))
    _check_unique(doc, "buildings", [b.id for b in buildings])
    building_ids = {b.id for b in buildings}
    track = _track(doc.table("track"))
    lots = tuple(_lot(item) for item in doc.tables("lots", required=False))
    equipment = tuple(specs.read_equipment(item) for item in doc.tables("equipment"))
    _check_unique(doc, "equipment", [e.id for e in equipment])
    for item, spec in zip(doc.tables("equipment"), equipment, strict=True):
        if spec.workshop not in building_ids:
            raise item.error("workshop", f"no building has the id {spec.workshop!r}")
        for key in ("points", "start", "center", "origin"):
            if hasattr(spec, key):
                _check_on_site(item, key, getattr(spec, key), boundary)
        if isinstance(spec, specs.RackArea) and spec.rack_size.max() > 50:
            raise item.error("rack_size_m", "racks are at most 50 m in any direction")
    _check_expansion(doc, equipment)
    takt = plant_info.number("takt_s", 76.0, minimum=10, maximum=3600)
    by_id = {spec.id: spec for spec in equipment}
    flows = tuple(read_flow(item, by_id, takt) for item in doc.tables("flows", required=False))
    for item, flow in zip(doc.tables("flows", required=False), flows, strict=True):
        _check_on_site(item, "exit", flow.exit, boundary)
    _check_unique(doc, "flows", [f.id for f in flows])
    seen: dict[str, str] = {}
    for index, flow in enumerate(flows):
        for name in (name for stage in flow.stages for name in stage):
            if name in seen:
                raise doc.error(
                    f"flows[{index}].stages", f"{name!r} is already in flow {seen[name]!r}"
                )
            seen[name] = flow.id
    aisles = tuple(_lane(item) for item in doc.tables("aisles"))
    _check_unique(doc, "aisles", [lane.id for lane in aisles])
    aisle_points = sum(len(lane.points) for lane in aisles)
    if aisle_points > MAX_AISLE_POINTS:
        raise doc.error("aisles", f"{aisle_points} points in all; at most {MAX_AISLE_POINTS}")
    _check_connected(doc, aisles)
    _check_people_aisle_pairs(doc, len(aisles))
    rooms = {room.id for building in buildings for room in building.rooms}
    targets = building_ids | rooms | {track.id, "site"} | {lot.id for lot in lots}
    sculpture = None
    if doc.has("sculpture"):
        item = doc.table("sculpture")
        sculpture = read_sculpture(item, tuple(SU7_COLORS))
        if sculpture.room not in rooms:
            raise item.error("room", f"no building has a room {sculpture.room!r}")
        _check_on_site(item, "center", sculpture.center, boundary)
    views = tuple(_view(item, targets) for item in doc.tables("views"))
    _check_unique(doc, "views", [v.name for v in views])
    _check_unique(doc, "views", [str(v.key) for v in views])
    outside = read_outside(doc.table("outside"), boundary) if doc.has("outside") else None
    boarding = None
    if doc.has("boarding"):
        boarding = read_boarding_bay(doc.table("boarding"))
        _check_on_site(doc.table("boarding"), "start", boarding.start, boundary)
    plant = Plant(
        source=path,
        name=plant_info.text_pair("name"),
        site_area_stated=plant_info.number("site_area_m2", positive=True),
        floor_area_stated=plant_info.number("floor_area_m2", positive=True),
        boundary=boundary,
        buildings=buildings,
        roads=tuple(_road(item) for item in doc.tables("roads", required=False)),
        gates=tuple(_gate(item) for item in doc.tables("gates", required=False)),
        track=track,
        lots=lots,
        aisles=aisles,
        equipment=equipment,
        views=views,
        flows=flows,
        sculpture=sculpture,
        people=read_people(doc, _places(boundary, buildings), equipment, aisles),
        facts=_facts(plant_info),
        outside=outside,
        boarding=boarding,
    )
    if outside is not None:
        check_outside(doc.table("outside"), plant)
    _check_things(doc, plant)
    doc.check_unknown_keys()
    return plant


# Keys of [plant] the program reads; any other number there is a fact kept in Plant.facts.
_PLANT_KEYS = ("name", "site_area_m2", "floor_area_m2", "takt_s")


def _facts(plant_info: Fields) -> dict:
    """The numbers of ``[plant]``: its figures and any further facts (robots_stated, ...).

    A further fact must be a number, and one spelt nearly like a figure the program reads is
    taken for a typing mistake.
    """
    facts = {}
    for key in plant_info.keys():
        value = plant_info.data[key]
        if key not in _PLANT_KEYS:
            near = difflib.get_close_matches(key, _PLANT_KEYS, n=1, cutoff=0.8)
            if near:
                raise plant_info.error(key, f"unknown field; did you mean `{near[0]}`?")
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise plant_info.error(key, "unknown field; a fact of [plant] must be a number")
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            facts[key] = value
    return facts


_ENTRY_LIMITS = {
    "equipment": MAX_EQUIPMENT,
    "aisles": MAX_AISLES,
    "crews": MAX_CREWS,
    "forklifts": MAX_CREWS,
}


def _check_counts(doc: Fields) -> None:
    """No array of the file longer than its limit, before any entry is read."""
    stack: list[tuple[object, str]] = [(doc.data, "")]
    while stack:
        value, name = stack.pop()
        if isinstance(value, dict):
            stack.extend((v, f"{name}.{k}" if name else str(k)) for k, v in value.items())
            continue
        if not isinstance(value, list):
            continue
        if value and all(isinstance(item, dict) for item in value):
            most = _ENTRY_LIMITS.get(name, MAX_ENTRIES)
            if len(value) > most:
                raise doc.error(name, f"{len(value)} entries; at most {most}")
            stack.extend((item, f"{name}[{index}]") for index, item in enumerate(value))
        elif len(value) > MAX_POINTS:
            raise doc.error(name, f"a list of {len(value)} items; at most {MAX_POINTS}")


def _check_expansion(doc: Fields, equipment: tuple[specs.Equipment, ...]) -> None:
    """The equipment's robots and parts within the limits, before any is built."""
    robots = [robot_count(spec) for spec in equipment]
    if sum(robots) > MAX_ROBOTS:
        index = int(np.argmax(np.cumsum(robots) > MAX_ROBOTS))
        raise doc.error(
            f"equipment[{index}]",
            f"the equipment asks for {sum(robots)} robots in all; at most {MAX_ROBOTS}",
        )
    parts = [part_estimate(spec) for spec in equipment]
    if sum(parts) > MAX_PARTS:
        index = int(np.argmax(np.cumsum(parts) > MAX_PARTS))
        raise doc.error(
            f"equipment[{index}]",
            f"the equipment expands into about {sum(parts)} parts; at most {MAX_PARTS}",
        )


def _check_people_aisle_pairs(doc: Fields, lanes: int) -> None:
    """Each crew and forklift loop is checked against each aisle lane (they keep off it): the
    number of such checks is bounded, so that a file with many of both loads in seconds."""
    entries = sum(len(doc.tables(key, required=False)) for key in ("crews", "forklifts"))
    if entries * lanes > MAX_PEOPLE_AISLE_PAIRS:
        raise doc.error(
            "crews",
            f"{entries} crews and forklift loops and {lanes} aisle lanes make "
            f"{entries * lanes} checks of people keeping off the aisles; at most "
            f"{MAX_PEOPLE_AISLE_PAIRS}",
        )


def _check_things(doc: Fields, plant: Plant) -> None:
    """People, parked cars and equipment parts of the whole plant within the limits."""
    if plant.people.count > MAX_PEOPLE:
        raise doc.error("crews", f"{plant.people.count} people in all; at most {MAX_PEOPLE}")
    cars = sum(lot.cars for lot in plant.lots)
    if plant.outside is not None:
        cars += sum(parking.cars for parking in plant.outside.parking)
    total = sum(part_estimate(spec) for spec in plant.equipment) + cars + plant.people.count
    if total > MAX_PARTS:
        raise doc.error(
            "equipment", f"about {total} parts, parked cars and people in all; at most {MAX_PARTS}"
        )


def _places(boundary: np.ndarray, buildings: tuple[Building, ...]) -> dict[str, np.ndarray]:
    """Outlines people and forklifts may be in: each building's footprint, and the 'site'."""
    return {"site": boundary, **{building.id: building.footprint for building in buildings}}


def _footprint(item: Fields, key: str = "footprint") -> np.ndarray:
    footprint = item.points(key, min_count=3)
    if polygon_area(footprint) <= 1e-6:
        raise item.error(key, "the footprint polygon has no area")
    return footprint


def _room(room: Fields) -> Room:
    footprint = _footprint(room)
    exhibition = None
    if room.has("exhibition"):
        exhibition = read_exhibition(room.table("exhibition"), footprint)
    return Room(
        id=room.string("id"),
        name=room.text_pair("name"),
        footprint=footprint,
        storeys=int(room.number("storeys", 1, minimum=1, maximum=10, integer=True)),
        exhibition=exhibition,
    )


def _building(item: Fields) -> Building:
    rooms = tuple(_room(room) for room in item.tables("rooms", required=False))
    footprint = _footprint(item)
    height = item.number("height_m", positive=True, maximum=200)
    (x0, y0), (x1, y1) = footprint.min(axis=0), footprint.max(axis=0)
    return Building(
        id=item.string("id"),
        name=item.text_pair("name"),
        kind=item.choice("kind", BUILDING_KINDS),
        footprint=footprint,
        height=height,
        storeys=int(item.number("storeys", 1, minimum=1, maximum=50, integer=True)),
        rooms=rooms,
        estimated=item.estimated(),
        signs=read_signs(item, (float(x0), float(y0), float(x1), float(y1)), height),
    )


def _road(item: Fields) -> Road:
    item.estimated()
    return Road(
        id=item.string("id"),
        points=item.points("points"),
        width=item.number("width_m", positive=True, maximum=100),
    )


def _gate(item: Fields) -> Gate:
    item.estimated()
    return Gate(
        id=item.string("id"),
        name=item.text_pair("name"),
        position=item.vector("position", 2),
        width=item.number("width_m", positive=True, maximum=200),
    )


def _track(item: Fields) -> Track:
    corners = item.points("corners", min_count=3)
    radius = item.number("corner_radius_m", positive=True, maximum=1000)
    width = item.number("width_m", positive=True, maximum=100)
    track = Track(
        id=item.string("id"),
        name=item.text_pair("name"),
        centerline=round_corners(corners, radius, closed=True),
        width=width,
        stated_length=item.number("length_m", positive=True),
        surfaces=int(item.number("surfaces", 1, minimum=1, maximum=100, integer=True)),
        estimated=item.estimated(),
        bridge=read_bridge(item.table("bridge"), width) if item.has("bridge") else None,
        traffic=read_traffic(item.table("traffic")) if item.has("traffic") else None,
        dressing=read_dressing(item.table("dressing"), width) if item.has("dressing") else None,
    )
    if item.has("trial"):  # checked against the track it lies in
        track = replace(track, trial=read_trial(item.table("trial"), track))
    if item.has("skid_pad"):  # and against the trial track
        track = replace(track, skid_pad=read_skid_pad(item.table("skid_pad"), track))
    return track


def _lot(item: Fields) -> Lot:
    item.estimated()
    footprint = _footprint(item)
    cars = int(item.number("cars", minimum=0, maximum=5000, integer=True))
    grid = read_lot_grid(item, footprint, cars)
    return Lot(
        id=item.string("id"),
        name=item.text_pair("name"),
        footprint=footprint,
        cars=cars,
        heading_deg=grid.heading_deg,
        bay=grid.bay,
        drive=grid.drive,
    )


def _lane(item: Fields) -> Lane:
    item.estimated()
    return Lane(
        id=item.string("id"),
        points=item.points("points"),
        width=item.number("width_m", positive=True, maximum=50),
        indoor=item.boolean("indoor"),
    )


def _view(item: Fields, targets: set[str]) -> View:
    target = item.string("target")
    if target not in targets:
        raise item.error(
            "target",
            f"unknown target {target!r}; expected a building, room, lot, the track or 'site'",
        )
    distance = item.number("distance_m", 0.0, minimum=0, maximum=20000)
    focal = item.number("focal_height_m", -1.0, minimum=-1, maximum=500)
    return View(
        name=item.string("name"),
        key=int(item.number("key", minimum=0, maximum=9, integer=True)),
        target=target,
        azimuth_deg=item.number("azimuth_deg", -30.0, minimum=-360, maximum=360),
        elevation_deg=item.number("elevation_deg", 45.0, minimum=-60, maximum=90),
        distance=distance or None,
        focal_height=None if focal < 0 else focal,
        view_angle=item.number("view_angle_deg", 30.0, minimum=10, maximum=100),
    )


SITE_MARGIN = 100.0  # m: things may stand this far outside the site's bounding box
MAX_SITE_SPAN = 5000.0  # m
# Where each table keeps its geometry: all of it must be on the site.
_PLACES = {
    "buildings": ("footprint",),
    "roads": ("points",),
    "gates": ("position",),
    "lots": ("footprint",),
    "aisles": ("points",),
}


def _check_places(doc: Fields, boundary: np.ndarray) -> None:
    """Every building, road, gate, lot, aisle and the track stand on the site."""
    tables = [
        (key, item)
        for key in _PLACES
        for item in doc.tables(key, required=key in ("buildings", "aisles"))
    ]
    if doc.has("track"):
        tables.append(("track", doc.table("track")))
    for key, item in tables:
        for name in _PLACES.get(key, ("corners",)):
            value = item.raw(name, None)
            try:
                points = np.asarray(value, dtype=float).reshape(-1, 2)
            except (TypeError, ValueError):
                continue  # not a list of points: its reader reports that
            _check_on_site(item, name, points, boundary)
        for room in item.tables("rooms", required=False) if key == "buildings" else []:
            value = room.raw("footprint", None)
            try:
                points = np.asarray(value, dtype=float).reshape(-1, 2)
            except (TypeError, ValueError):
                continue
            _check_on_site(room, "footprint", points, boundary)


def _check_on_site(item: Fields, key: str, points: np.ndarray, boundary: np.ndarray) -> None:
    """Places must be on the site (a typo of 1e9 m would expand into millions of parts)."""
    low = boundary.min(axis=0) - SITE_MARGIN
    high = boundary.max(axis=0) + SITE_MARGIN
    point = first_outside(points, low, high)
    if point is not None:
        x, y = point
        raise item.error(
            key,
            f"({x:g}, {y:g}) is off the site (x {low[0]:g} to {high[0]:g}, "
            f"y {low[1]:g} to {high[1]:g})",
        )


def _check_unique(doc: Fields, key: str, values: list[str]) -> None:
    seen: set[str] = set()
    for index, value in enumerate(values):
        if value in seen:
            raise doc.error(f"{key}[{index}]", f"duplicate {value!r}")
        seen.add(value)


def _check_connected(doc: Fields, lanes: tuple[Lane, ...]) -> None:
    """Every visitor lane must join the network: lanes meet where the end of one is within
    0.5 m of a point of the other.

    Near-linear: the lanes' points go into a grid of cells so small that two points in one cell
    are always within reach; the lanes in a cell holding a lane end are joined at once, and each
    lane end is measured only against the points of neighbouring cells whose lanes it has not
    joined yet (a union-find keeps the joined lanes).
    """
    if not lanes:
        return
    reach = 0.5
    side = reach / 1.5  # a cell's diagonal, 0.47 m, is within reach; 2 cells away is out of it
    sizes = [len(lane.points) for lane in lanes]
    points = np.concatenate([lane.points for lane in lanes])
    owner = np.repeat(np.arange(len(lanes)), sizes).tolist()
    xy = points.tolist()
    keys = [(x, y) for x, y in np.floor(points / side).astype(np.int64).tolist()]
    cells: dict[tuple[int, int], list[int]] = {}
    for index, key in enumerate(keys):
        cells.setdefault(key, []).append(index)
    ends: dict[tuple[int, int], list[int]] = {}
    first = 0
    for size in sizes:
        for index in (first, first + size - 1):
            ends.setdefault(keys[index], []).append(index)
        first += size
    parent = list(range(len(lanes)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    around = [(dx, dy) for dx in range(-2, 3) for dy in range(-2, 3) if dx or dy]
    for (cx, cy), end_points in ends.items():
        joined = root(owner[end_points[0]])
        for index in cells[(cx, cy)]:  # all within reach of the ends in this cell
            other = root(owner[index])
            if other != joined:
                parent[other] = joined
        at = [xy[index] for index in end_points]
        for dx, dy in around:
            for index in cells.get((cx + dx, cy + dy), ()):
                other, joined = root(owner[index]), root(joined)
                if other == joined:
                    continue
                x, y = xy[index]
                if any((x - ex) ** 2 + (y - ey) ** 2 < reach**2 for ex, ey in at):
                    parent[other] = joined
    network = root(0)
    for index, lane in enumerate(lanes):
        if root(index) != network:
            raise doc.error(
                f"aisles[{index}].points", f"lane {lane.id!r} does not connect to the aisle network"
            )
