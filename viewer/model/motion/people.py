"""People and forklifts in the plant: where they are, and how they move as a function of time.

The layout file says where people work and walk (``[[crews]]``) and where forklifts drive
(``[[forklifts]]``); :func:`read_people` checks those entries and :class:`PeopleMotion` answers,
for any time, where every person and every forklift is and which way it faces. Nothing is
carried from one call to the next: the same time always gives the same arrays.

A crew is one of four kinds:

* ``station``: people standing at ``points``, or ``count`` of them round ``center`` within
  ``spread_m`` (keeping ``clear_m`` free in the middle), facing ``look_at`` or ``heading_deg``:
  a control desk, an inspection stand, visitors round the lobby's sculpture. They work: step
  sideways over ``step_m`` and turn a little, each at their own pace.
* ``line``: ``per_side`` workers on each side of every ``every``-th station of a station line
  (``line``, an equipment id; stations listed in ``skip`` left out), ``offset_m`` from its
  centre line, facing it: final assembly. Within a floor conveyor's width they stand on it (on
  the skillets of an assembly line, :data:`CONVEYOR_DECK` high).
* ``walk``: ``count`` people walking round the closed path ``points`` at :data:`WALK_SPEED`,
  every other one the other way round, each keeping to the right; they face where they go.
* ``seated``: chairs along the tables of ``tables`` (rack areas of tables), ``per_side`` along
  each long side (``side``: ``left`` or ``right`` of the tables' heading, or ``both``), and
  ``count`` people sitting on some of them, facing the table: lunch in the cafeteria. Which
  chairs are taken is fixed (a hash of where they are): some tables full, some empty. The
  chairs themselves are :attr:`People.chairs`, drawn whether taken or not.

Examples
--------
>>> import numpy as np
>>> crew = Crew("desk", "body", "station", "grey", "white",
...             places=np.array([[10.0, 5.0]]), facing=np.array([0.0]))
>>> walkers = Crew("aisle", "body", "walk", "grey", "white",
...                path=np.array([[0.0, 0.0], [40.0, 0.0], [40.0, 4.0], [0.0, 4.0]]), count=2)
>>> motion = PeopleMotion(People(crews=(crew, walkers)))
>>> position, yaw = motion.people_at(100.0)
>>> position.shape, bool(np.array_equal(position, motion.people_at(100.0)[0]))
((3, 3), True)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from viewer.model.fields import Fields
from viewer.model.geometry import heading_frame, inside_polygon, round_corners
from viewer.model.plant import equipment_specs as specs

CREW_KINDS = ("station", "line", "walk", "seated")
SIDES = {"left": (1,), "right": (-1,), "both": (1, -1)}  # of a table's heading: chairs' sides
UNIFORMS = ("navy", "grey", "blue", "sky", "orange", "green", "white", "red", "visitor")
CAPS = ("white", "yellow", "blue", "red", "orange", "none")
SITE = "site"  # a forklift loop's workshop outdoors

WALK_SPEED = 1.3  # m/s, an unhurried walk (estimate)
FORKLIFT_SPEED = 2.0  # m/s, about 7 km/h: a forklift indoors (estimate)
STEP_RATE = 1.8  # steps per second while walking: one bob of the body per step
BOB = 0.03  # m: how far a walker's body rises at each step
WORK_TURN = 0.45  # rad: how far a worker turns either way while working
WORK_PERIOD = (7.0, 13.0)  # s: slowest and fastest-to-slowest cycle of stepping and turning
KEEP_RIGHT = 0.4  # m: walkers keep this far right of their path (two can pass)
PERSON_RADIUS = 0.3  # m: half a person's shoulder width, for clearances
FORKLIFT_HALF_WIDTH = 0.6  # m
AISLE_MARGIN = 0.5  # m kept beyond the edge of a visitor aisle
CORNER_RADIUS = {"walk": 1.0, "forklift": 2.5}  # m: how paths are rounded at their corners
MAX_PEOPLE = 5000  # per entry: a guard against a typo that would exhaust memory
MAX_CHAIRS = 20000  # of all seated crews together (and at most MAX_PEOPLE of one crew)
MAX_STATIONS_GAP = 100  # a line crew's largest `every`
CONVEYOR_DECK = 0.45  # m: the top of a station line's floor conveyor (as equipment.py draws it)
SEAT_HEIGHT = 0.45  # m: a canteen chair's seat above the floor (estimate)
THIGH_HEIGHT = 0.84  # m: the underside of a seated figure's thighs above its origin (the drawing's)
SITTING = SEAT_HEIGHT - THIGH_HEIGHT  # m: a seated figure's origin, below the floor
CHAIR_SETBACK = 0.35  # m from a table's long edge to a chair's middle (its sitter's) (estimate)
CHAIR_WIDTH = 0.45  # m: the room one chair takes along a table
SEATED_TURN = 0.15  # rad: how far a diner turns either way (talking, reaching)
_GOLDEN = np.pi * (3.0 - np.sqrt(5.0))  # the golden angle: evenly spread places in a disc


class _Lane(Protocol):
    """A visitor aisle: centre line and width (see :class:`viewer.model.plant.layout.Lane`)."""

    id: str
    points: np.ndarray
    width: float


@dataclass(frozen=True)
class Crew:
    """The people of one ``[[crews]]`` entry.

    Standing crews (``station``, ``line``) have one row of ``places`` and ``facing`` (radians)
    per person and sway by ``step`` m; walking crews have a closed ``path`` and a ``count``.
    Seated crews have their ``chairs`` and ``chair_facing``, taken or not, and sit at
    ``places``, a subset of them (``step`` 0); their ``floor`` is :data:`SITTING`.
    """

    id: str
    workshop: str
    kind: str
    uniform: str
    cap: str
    places: np.ndarray = field(default_factory=lambda: np.zeros((0, 2)))
    facing: np.ndarray = field(default_factory=lambda: np.zeros(0))
    floor: float = 0.0  # m: the height of the figures' origin (a conveyor's deck; below 0: seated)
    step: float = 0.4
    path: np.ndarray = field(default_factory=lambda: np.zeros((0, 2)))
    count: int = 0
    estimated: tuple[str, ...] = ()
    chairs: np.ndarray = field(default_factory=lambda: np.zeros((0, 2)))
    chair_facing: np.ndarray = field(default_factory=lambda: np.zeros(0))

    @property
    def seated(self) -> bool:
        """Whether the crew sits (on its chairs)."""
        return self.kind == "seated"

    @property
    def size(self) -> int:
        """Number of people in the crew."""
        return self.count if self.kind == "walk" else len(self.places)


@dataclass(frozen=True)
class ForkliftLoop:
    """Forklifts driving round a closed loop ``points`` (``workshop``: a building id or 'site')."""

    id: str
    workshop: str
    points: np.ndarray
    count: int
    estimated: tuple[str, ...] = ()


@dataclass(frozen=True)
class People:
    """Every crew and forklift loop of a plant."""

    crews: tuple[Crew, ...] = ()
    forklifts: tuple[ForkliftLoop, ...] = ()

    @property
    def count(self) -> int:
        """Number of people."""
        return sum(crew.size for crew in self.crews)

    @property
    def chairs(self) -> np.ndarray:
        """Every seated crew's chairs (M, 2), crew by crew."""
        return np.vstack([np.zeros((0, 2))] + [crew.chairs for crew in self.crews])

    @property
    def chair_facing(self) -> np.ndarray:
        """Which way each chair faces (M,), radians: towards its table."""
        return np.concatenate([np.zeros(0)] + [crew.chair_facing for crew in self.crews])

    @property
    def forklift_count(self) -> int:
        """Number of forklifts."""
        return sum(loop.count for loop in self.forklifts)

    def by_workshop(self) -> dict[str, int]:
        """Number of people in each workshop."""
        counts: dict[str, int] = {}
        for crew in self.crews:
            counts[crew.workshop] = counts.get(crew.workshop, 0) + crew.size
        return counts


# -- reading ------------------------------------------------------------------------------------
_COMMON = ("id", "workshop", "kind", "uniform", "cap", "estimated")
_CREW_KEYS = {
    "station": (
        *_COMMON,
        "points",
        "center",
        "count",
        "spread_m",
        "clear_m",
        "look_at",
        "heading_deg",
        "step_m",
    ),
    "line": (*_COMMON, "line", "per_side", "offset_m", "every", "skip", "step_m"),
    "walk": (*_COMMON, "points", "count"),
    "seated": (*_COMMON, "tables", "side", "per_side", "count"),
}
_FORKLIFT_KEYS = ("id", "workshop", "points", "count", "estimated")


def read_people(
    doc: Fields,
    footprints: Mapping[str, np.ndarray],
    equipment: Sequence[object],
    aisles: Sequence[_Lane],
) -> People:
    """Read and check the layout's ``[[crews]]`` and ``[[forklifts]]`` (both optional).

    ``footprints`` maps building ids to their footprints, and 'site' to the site's boundary:
    every person stands and every forklift drives inside its workshop (a forklift loop may say
    ``workshop = "site"``: outdoors, anywhere on the site).
    Nobody stands or walks on a visitor aisle, where the tour shuttle drives: each keeps
    :data:`AISLE_MARGIN` beyond its edge. Raises :class:`~viewer.model.errors.DataFileError`.
    """
    lines = {spec.id: spec for spec in equipment if isinstance(spec, specs.StationLine)}
    tables = {
        spec.id: spec
        for spec in equipment
        if isinstance(spec, specs.RackArea) and spec.content == "tables"
    }
    crews = []
    sides_taken: dict[tuple[str, int], str] = {}  # (tables, side): the crew sitting there
    for item in doc.tables("crews", required=False):
        crew = _crew(item, lines, tables)
        _check_workshop(item, crew.workshop, footprints, allow_site=False)
        key = {"walk": "points", "station": "center", "line": "line", "seated": "tables"}
        key = "points" if item.has("points") else key[crew.kind]
        points = {"walk": crew.path, "seated": crew.chairs}.get(crew.kind, crew.places)
        _check_inside(item, key, points, footprints[crew.workshop])
        reach = PERSON_RADIUS + (KEEP_RIGHT if crew.kind == "walk" else crew.step)
        _check_off_aisles(item, key, points, crew.kind == "walk", reach, aisles)
        if crew.seated:
            _check_sides_free(item, crew.id, sides_taken)
        crews.append(crew)
    _check_unique(doc, "crews", [crew.id for crew in crews])
    chairs = sum(len(crew.chairs) for crew in crews)
    if chairs > MAX_CHAIRS:
        raise doc.error("crews", f"{chairs} chairs in all; at most {MAX_CHAIRS}")
    forklifts = []
    for item in doc.tables("forklifts", required=False):
        item.check_keys(_FORKLIFT_KEYS)
        loop = ForkliftLoop(
            id=item.string("id"),
            workshop=item.string("workshop"),
            points=_loop_points(item),
            count=int(item.number("count", minimum=1, maximum=200, integer=True)),
            estimated=item.estimated(),
        )
        _check_workshop(item, loop.workshop, footprints, allow_site=True)
        _check_inside(item, "points", loop.points, footprints[loop.workshop])
        _check_off_aisles(item, "points", loop.points, True, FORKLIFT_HALF_WIDTH, aisles)
        forklifts.append(loop)
    _check_unique(doc, "forklifts", [loop.id for loop in forklifts])
    return People(crews=tuple(crews), forklifts=tuple(forklifts))


def _crew(
    item: Fields, lines: Mapping[str, specs.StationLine], tables: Mapping[str, specs.RackArea]
) -> Crew:
    kind = item.choice("kind", CREW_KINDS)
    item.check_keys(_CREW_KEYS[kind])
    uniform = item.choice("uniform", UNIFORMS)
    common = {
        "id": item.string("id"),
        "workshop": item.string("workshop"),
        "kind": kind,
        "uniform": uniform,
        "cap": item.choice("cap", CAPS, "none" if uniform == "visitor" else "white"),
        "estimated": item.estimated(),
    }
    if kind == "walk":
        count = item.number("count", minimum=1, maximum=MAX_PEOPLE, integer=True)
        return Crew(**common, path=_loop_points(item), count=int(count))
    if kind == "seated":
        chairs, facing, taken = _seated_places(item, tables)
        return Crew(
            **common,
            places=chairs[taken],
            facing=facing[taken],
            floor=SITTING,
            step=0.0,
            chairs=chairs,
            chair_facing=facing,
        )
    step = item.number("step_m", 0.4, minimum=0, maximum=3)
    floor = 0.0
    if kind == "line":
        places, facing, floor = _line_places(item, lines)
    else:
        places, facing = _station_places(item)
    return Crew(**common, places=places, facing=facing, floor=floor, step=step)


def _station_places(item: Fields) -> tuple[np.ndarray, np.ndarray]:
    """People at the given ``points``, or spread evenly over a disc (or a ring) like seeds in
    a sunflower head."""
    if item.has("look_at") and item.has("heading_deg"):
        raise item.error("look_at", "give either look_at or heading_deg, not both")
    if item.has("points"):
        for key in ("center", "count", "spread_m", "clear_m"):
            if item.has(key):
                raise item.error(key, "give either points or center, count and spread_m")
        places = item.points("points", min_count=1)
        if len(places) > MAX_PEOPLE:
            raise item.error("points", f"at most {MAX_PEOPLE} people in one crew")
    else:
        places = _sunflower(item)
    if item.has("look_at"):
        target = item.vector("look_at", 2)
        facing = np.arctan2(target[1] - places[:, 1], target[0] - places[:, 0])
    else:
        facing = np.full(len(places), np.radians(item.number("heading_deg", 90.0)))
    return places, facing


def _sunflower(item: Fields) -> np.ndarray:
    center = item.vector("center", 2)
    count = int(item.number("count", minimum=1, maximum=MAX_PEOPLE, integer=True))
    spread = item.number("spread_m", minimum=0, maximum=200)
    clear = item.number("clear_m", 0.0, minimum=0, maximum=200)
    if clear and clear >= spread:
        raise item.error("clear_m", f"must be less than spread_m ({spread:g}), got {clear:g}")
    index = np.arange(count) + 0.5
    radius = np.sqrt(clear**2 + (spread**2 - clear**2) * index / count)
    angle = index * _GOLDEN
    return center + radius[:, None] * np.column_stack([np.cos(angle), np.sin(angle)])


def _line_places(
    item: Fields, lines: Mapping[str, specs.StationLine]
) -> tuple[np.ndarray, np.ndarray, float]:
    """Workers on both sides of a station line's stations, facing the line; the height they
    stand at (on the conveyor if within its width)."""
    name = item.string("line")
    if name not in lines:
        raise item.error("line", f"no station_line has the id {name!r}")
    line = lines[name]
    per_side = int(item.number("per_side", minimum=1, maximum=6, integer=True))
    offset = item.number("offset_m", 1.8, minimum=0.8, maximum=20)
    every = int(item.number("every", 1, minimum=1, maximum=MAX_STATIONS_GAP, integer=True))
    skip = item.raw("skip", [])
    if not isinstance(skip, list) or not all(
        isinstance(k, int) and not isinstance(k, bool) and 0 <= k < line.stations for k in skip
    ):
        raise item.error("skip", f"must be a list of station numbers 0 to {line.stations - 1}")
    along, normal, yaw = heading_frame(line.heading_deg)
    spacing = min(2.2, line.pitch / per_side)
    places, facing = [], []
    for station in range(0, line.stations, every):
        if station in skip:
            continue
        center = line.start + along * (station + 0.5) * line.pitch
        for side in (1, -1):
            for k in range(per_side):
                slot = (k - (per_side - 1) / 2) * spacing
                places.append(center + normal * side * offset + along * slot)
                facing.append(yaw - side * np.pi / 2)
    if not places:
        raise item.error("skip", "leaves no station with workers")
    width = getattr(line, "conveyor_width", 1.2)
    on_deck = line.conveyor == "floor" and offset < width / 2
    return np.array(places), np.array(facing), CONVEYOR_DECK if on_deck else 0.0


def _table_names(item: Fields) -> list[str]:
    value = item.raw("tables")
    names = [value] if isinstance(value, str) else item.string_list("tables")
    if not names:
        raise item.error("tables", "names no rack area of tables")
    return names


def _seated_places(
    item: Fields, tables: Mapping[str, specs.RackArea]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The chairs (K, 2) along the tables' long sides, which way each faces (towards its
    table), and which ``count`` of them are taken (a boolean (K,), fixed by where they are)."""
    sides = SIDES[item.choice("side", tuple(SIDES), "both")]
    per_side = int(item.number("per_side", minimum=1, maximum=12, integer=True))
    names = _table_names(item)
    for name in names:
        if name not in tables:
            raise item.error("tables", f"no rack_area of tables has the id {name!r}")
    asked = sum(tables[name].rows * tables[name].cols for name in names) * per_side * len(sides)
    if asked > MAX_PEOPLE:
        raise item.error("tables", f"{asked} chairs at these tables; at most {MAX_PEOPLE}")
    chairs, facing, table_of = [], [], []
    for name in names:
        spec = tables[name]
        length, width = float(spec.rack_size[0]), float(spec.rack_size[1])
        if per_side * CHAIR_WIDTH > length:
            most = int(length // CHAIR_WIDTH)
            raise item.error(
                "per_side",
                f"{per_side} chairs do not fit along a {length:g} m table of {name!r} "
                f"(at most {most})",
            )
        along, normal, yaw = heading_frame(spec.heading_deg)
        spacing = length / per_side
        slots = (np.arange(per_side) - (per_side - 1) / 2) * spacing
        for r in range(spec.rows):
            for c in range(spec.cols):
                middle = spec.origin + along * c * spec.pitch[0] + normal * r * spec.pitch[1]
                for side in sides:
                    back = normal * side * (width / 2 + CHAIR_SETBACK)
                    chairs += [middle + back + along * slot for slot in slots]
                    facing += [yaw - side * np.pi / 2] * per_side
                    table_of += [middle] * per_side
    chairs_xy, table_xy = np.array(chairs), np.array(table_of)
    count = int(item.number("count", minimum=1, maximum=MAX_PEOPLE, integer=True))
    if count > len(chairs_xy):
        raise item.error("count", f"{count} people but only {len(chairs_xy)} chairs")
    # Some tables fill up and some stay empty: a table's draw counts more than a chair's.
    score = _place_hash(table_xy, 6.0) + 0.8 * _place_hash(chairs_xy, 7.0)
    taken = np.zeros(len(chairs_xy), dtype=bool)
    taken[np.argsort(score, kind="stable")[:count]] = True
    return chairs_xy, np.array(facing), taken


def _check_sides_free(item: Fields, crew: str, taken: dict[tuple[str, int], str]) -> None:
    """Two seated crews never share the chairs of one side of the same tables."""
    for name in _table_names(item):
        for side in SIDES[item.choice("side", tuple(SIDES), "both")]:
            other = taken.setdefault((name, side), crew)
            if other != crew:
                where = "left" if side > 0 else "right"
                raise item.error(
                    "side", f"the {where} side of {name!r} already seats crew {other!r}"
                )


def _loop_points(item: Fields) -> np.ndarray:
    points = item.points("points")
    lengths = np.linalg.norm(np.diff(np.vstack([points, points[:1]]), axis=0), axis=1)
    if lengths.sum() < 2.0:
        raise item.error("points", "the path must be at least 2 m round")
    if (lengths < 1e-6).any():
        raise item.error("points", f"point {int(np.argmax(lengths < 1e-6))} repeats the one before")
    return points


def _check_workshop(
    item: Fields, workshop: str, footprints: Mapping[str, np.ndarray], allow_site: bool
) -> None:
    if workshop in footprints and (allow_site or workshop != SITE):
        return
    extra = " or 'site'" if allow_site else ""
    raise item.error(
        "workshop", f"no building has the id {workshop!r} (expected a building{extra})"
    )


def _check_inside(item: Fields, key: str, points: np.ndarray, footprint: np.ndarray) -> None:
    inside = inside_polygon(points, footprint)
    if not inside.all():
        x, y = points[int(np.argmin(inside))]
        where = "the site" if item.raw("workshop", "") == SITE else "its workshop's footprint"
        raise item.error(key, f"({x:g}, {y:g}) is outside {where}")


def _check_off_aisles(
    item: Fields, key: str, points: np.ndarray, closed: bool, reach: float, aisles: Sequence[_Lane]
) -> None:
    samples = sample_path(points, 0.5) if closed else points
    for lane in aisles:
        needed = lane.width / 2 + AISLE_MARGIN + reach
        distance = distance_to_polyline(samples, lane.points)
        if (distance < needed).any():
            x, y = samples[int(np.argmin(distance))]
            raise item.error(
                key,
                f"({x:g}, {y:g}) is {distance.min():.1f} m from the centre of visitor aisle "
                f"{lane.id!r}; people and forklifts keep {needed:.1f} m from it (the shuttle "
                "drives there)",
            )


def _check_unique(doc: Fields, key: str, values: list[str]) -> None:
    seen: set[str] = set()
    for index, value in enumerate(values):
        if value in seen:
            raise doc.error(f"{key}[{index}].id", f"duplicate {value!r}")
        seen.add(value)


# -- geometry -----------------------------------------------------------------------------------
def distance_to_polyline(points: np.ndarray, polyline: np.ndarray) -> np.ndarray:
    """Distance from each of ``points`` (N, 2) to an open polyline (M, 2).

    >>> distance_to_polyline(np.array([[5.0, 3.0], [-4.0, 0.0]]), np.array([[0, 0], [10, 0]]))
    array([3., 4.])
    """
    p = np.asarray(points, dtype=float).reshape(-1, 1, 2)
    a, b = polyline[:-1][None], polyline[1:][None]
    ab = b - a
    length2 = np.maximum((ab * ab).sum(axis=2), 1e-12)
    f = np.clip(((p - a) * ab).sum(axis=2) / length2, 0.0, 1.0)
    nearest = a + ab * f[..., None]
    return np.linalg.norm(p - nearest, axis=2).min(axis=1)


def sample_path(points: np.ndarray, step: float) -> np.ndarray:
    """Points every ``step`` m or less round a closed path (its corners included)."""
    closed = np.vstack([points, points[:1]])
    pieces = []
    for a, b in zip(closed[:-1], closed[1:], strict=True):
        n = max(1, int(np.ceil(np.linalg.norm(b - a) / step)))
        pieces.append(a + (b - a) * (np.arange(n) / n)[:, None])
    return np.vstack(pieces)


class Loop:
    """A closed path with rounded corners, walked at constant speed.

    >>> loop = Loop(np.array([[0.0, 0.0], [10.0, 0.0]]), corner=0.0)
    >>> loop.length
    20.0
    >>> xy, heading = loop.at(np.array([5.0, 15.0]))
    >>> xy.tolist(), np.degrees(heading).round().tolist()
    ([[5.0, 0.0], [5.0, 0.0]], [0.0, 180.0])
    """

    def __init__(self, points: np.ndarray, corner: float) -> None:
        points = np.asarray(points, dtype=float)
        if len(points) >= 3 and corner > 0:
            points = round_corners(points, corner, closed=True, segments=4)
        self.points = np.vstack([points, points[:1]])
        steps = np.diff(self.points, axis=0)
        self.arc = np.concatenate([[0.0], np.cumsum(np.linalg.norm(steps, axis=1))])
        self.heading = np.arctan2(steps[:, 1], steps[:, 0])
        self.length = float(self.arc[-1])

    def at(self, s: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Points (N, 2) and headings (N,) at arc lengths ``s`` (any, taken round the loop)."""
        s = np.mod(s, self.length)
        segment = np.clip(np.searchsorted(self.arc, s, side="right") - 1, 0, len(self.heading) - 1)
        x = np.interp(s, self.arc, self.points[:, 0])
        y = np.interp(s, self.arc, self.points[:, 1])
        return np.column_stack([x, y]), self.heading[segment]


# -- motion -------------------------------------------------------------------------------------
def _unit_hash(index: np.ndarray, salt: float) -> np.ndarray:
    """A fixed pseudo-random number in [0, 1) per index (the same for every call)."""
    return np.mod(np.sin(index * 12.9898 + salt * 78.233) * 43758.5453, 1.0)


def _place_hash(points: np.ndarray, salt: float) -> np.ndarray:
    """A fixed pseudo-random number in [0, 1) per place (N, 2), from where it is."""
    key = np.round(points[:, 0], 2) * 0.3183 + np.round(points[:, 1], 2) * 0.7071
    return _unit_hash(key, salt)


class PeopleMotion:
    """Every person and forklift of :class:`People` at any time (see the module docstring).

    People come crew by crew, in the order of the layout file; :attr:`uniform`, :attr:`cap`,
    :attr:`crew` and :attr:`workshop` say, per person, what they wear and where they belong;
    :attr:`walking` and :attr:`seated` how they are. :attr:`chairs` and :attr:`chair_facing`:
    where every chair stands (taken or not) and which way it faces.
    """

    def __init__(self, people: People) -> None:
        self.people = people
        standing = [crew for crew in people.crews if crew.kind != "walk"]
        self.crews = list(people.crews)
        self.uniform = np.array([c.uniform for c in self.crews for _ in range(c.size)], dtype=str)
        self.cap = np.array([c.cap for c in self.crews for _ in range(c.size)], dtype=str)
        self.crew = np.array([c.id for c in self.crews for _ in range(c.size)], dtype=str)
        self.workshop = np.array([c.workshop for c in self.crews for _ in range(c.size)], dtype=str)
        self.walking = np.array([c.kind == "walk" for c in self.crews for _ in range(c.size)], bool)
        self.seated = np.array([c.seated for c in self.crews for _ in range(c.size)], dtype=bool)
        self.chairs, self.chair_facing = people.chairs, people.chair_facing
        count = len(self.uniform)
        order = np.arange(count)
        self._standing_index = order[~self.walking]
        if standing:
            self._home = np.vstack([crew.places for crew in standing])
            self._floor = np.concatenate([np.full(crew.size, crew.floor) for crew in standing])
            self._facing = np.concatenate([crew.facing for crew in standing])
            self._step = np.concatenate([np.full(crew.size, crew.step) for crew in standing])
        else:
            self._home, self._facing, self._step = np.zeros((0, 2)), np.zeros(0), np.zeros(0)
            self._floor = np.zeros(0)
        slow, fast = WORK_PERIOD
        index = self._standing_index.astype(float)
        self._step_period = slow + (fast - slow) * _unit_hash(index, 1.0)
        self._turn_period = slow + (fast - slow) * _unit_hash(index, 2.0)
        self._step_phase = 2 * np.pi * _unit_hash(index, 3.0)
        self._turn_phase = 2 * np.pi * _unit_hash(index, 4.0)
        self._turn = np.where(self.seated[self._standing_index], SEATED_TURN, WORK_TURN)
        self._side = np.column_stack([-np.sin(self._facing), np.cos(self._facing)])
        self._walks = []
        start = 0
        for crew in self.crews:
            if crew.kind == "walk":
                loop = Loop(crew.path, CORNER_RADIUS["walk"])
                k = np.arange(crew.count)
                offset = (k + _unit_hash(np.array([float(start)]), 5.0)) * loop.length / crew.count
                reverse = (k % 2) == 1
                self._walks.append((np.arange(start, start + crew.count), loop, offset, reverse))
            start += crew.size
        self._forklifts = []
        for loop_spec in people.forklifts:
            loop = Loop(loop_spec.points, CORNER_RADIUS["forklift"])
            offset = (np.arange(loop_spec.count) + 0.5) * loop.length / loop_spec.count
            self._forklifts.append((loop, offset))

    def __len__(self) -> int:
        return len(self.uniform)

    def people_at(self, t: float) -> tuple[np.ndarray, np.ndarray]:
        """Positions (N, 3) and headings (N,) (radians, 0 = east) of everyone at ``t``: the
        figure's origin, at the feet (on the floor, on a conveyor's deck, or a walker's few
        centimetres of bob), or for one seated :data:`SITTING` below the floor, so that the
        figure's thighs rest on the chair's seat."""
        count = len(self)
        position = np.zeros((count, 3))
        yaw = np.zeros(count)
        if len(self._standing_index):
            sway = np.sin(2 * np.pi * t / self._step_period + self._step_phase)
            turn = np.sin(2 * np.pi * t / self._turn_period + self._turn_phase)
            xy = self._home + self._side * (self._step * sway)[:, None]
            position[self._standing_index, :2] = xy
            position[self._standing_index, 2] = self._floor
            yaw[self._standing_index] = self._facing + self._turn * turn
        for index, loop, offset, reverse in self._walks:
            s = offset + WALK_SPEED * t
            s = np.where(reverse, -s, s)
            xy, heading = loop.at(s)
            heading = np.where(reverse, heading + np.pi, heading)
            right = np.column_stack([np.sin(heading), -np.cos(heading)])
            position[index, :2] = xy + right * KEEP_RIGHT
            position[index, 2] = BOB * np.abs(np.sin(np.pi * (STEP_RATE * t + offset)))
            yaw[index] = heading
        return position, yaw

    def forklifts_at(self, t: float) -> tuple[np.ndarray, np.ndarray]:
        """Positions (M, 3) and headings (M,) of every forklift at ``t``."""
        if not self._forklifts:
            return np.zeros((0, 3)), np.zeros(0)
        points, headings = [], []
        for loop, offset in self._forklifts:
            xy, heading = loop.at(offset + FORKLIFT_SPEED * t)
            points.append(xy)
            headings.append(heading)
        xy = np.vstack(points)
        return np.column_stack([xy, np.zeros(len(xy))]), np.concatenate(headings)
