"""Equipment entries of the layout file (``[[equipment]]``), one dataclass per station type.

Each entry has an ``id``, a ``type`` (one of :data:`STATION_TYPES`) and the ``workshop`` (building
id) it stands in. :func:`read_equipment` checks one entry; :mod:`viewer.model.plant.equipment`
expands
the entries into arrays of robots, boxes, car bodies and AGVs for the scene.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from viewer.model.fields import Fields
from viewer.model.plant.final_assembly import kitting_lane_boxes
from viewer.model.plant.press_frame import CLEARANCE, press_heights

ROBOT_TASKS = (
    "spot_weld",
    "handling",
    "sealing",
    "laser_weld",
    "gluing",
    "assembly",
    "paint",
    "extraction",
)
PRODUCTS = ("none", "body", "painted_body", "car", "pack", "underbody")
PAINT_SECTIONS = ("pretreatment", "sealing", "booth", "oven", "inspection")
RACK_CONTENTS = ("dies", "panels", "parts", "packs", "cells", "tables", "castings", "coils")
CELL_WALLS = ("mesh", "enclosure")  # a fenced cell's walls: mesh fence, or a closed enclosure
# What a machining or finishing cell holds round its one robot (viewer.model.plant.cell_contents).
CELL_CONTENTS = (
    "machining_centre",  # a CNC machining centre loaded through its door, its chip conveyor
    "trim_press",  # a trim/deburr press: bolster, side frames, slide and crown
    "fixtures",  # part fixtures (a turnover table) holding the workpiece
    "rack",  # a part rack of finished castings
    "conveyor_in",  # a conveyor bringing parts in through the wall
    "conveyor_out",  # a conveyor taking parts out through the wall
)
CONTENTS_MIN_CELL = 12.0  # m: a cell that holds contents is at least this long and wide
BOOTH_KINDS = (
    "rain_test",  # closed booth with a window band: cars are sprayed to find leaks
    "light_tunnel",  # arches of striped white light for paint and surface inspection
    "alignment",  # end-of-line wheel alignment stand over a pit
    "dyno",  # roller dynamometer
    "xray",  # closed, shielded inspection cell (castings)
    "scanner",  # blue-light scanning cell (panels)
    "test",  # test station: a table with cabinets and screens
    "marriage",  # lifting table bringing battery and chassis up into the hanging body
)
LINE_SIDE_ITEMS = ("rack", "trolley", "bins")
BLOCK_ROLES = (
    "machine",
    "cabinet",
    "tank",
    "enclosure",
    "die",
    "trolley",
    "rack",
    "conveyor",
    "platform",
    "oven",
    "furnace",
    "press",
    "panels",
    "parts",
    "cells",
    "pack",
    "skid",
    "plant",
    "steel",
    "aluminium",
    "bins",
)
SERVING_SIDES = {"left": 1, "right": -1}  # a serving line's customers' side of its heading
MIN_SECTION_M = 1.5  # m of counter one section of a serving line needs at least

# Guards against absurd values (and a file edited into something that would exhaust memory).
MAX_STATIONS = 400
MAX_ROBOTS_PER_STATION = 12
PAINT_SECTION_GAP = 4.0  # m between two sections of a paint line
TUNNEL_WALLS = {
    "none": 0,
    "left": 1,
    "right": -1,
}  # a light tunnel's dark wall, seen along the line


@dataclass(frozen=True)
class StationLine:
    """A line of stations along a conveyor, robots on both sides (welding, battery, assembly)."""

    id: str
    workshop: str
    start: np.ndarray
    heading_deg: float
    stations: int
    pitch: float
    robots_per_station: int
    robot_task: str
    product: str
    conveyor: str
    conveyor_height: float
    andon_pitch: float = 0.0  # m between andon screens hung over the line; 0: none
    conveyor_width: float = 1.2  # m: a floor conveyor's width (skillets of an assembly line: 6)
    framing_stations: tuple[int, ...] = ()  # stations with a framing gate of clamps
    dress_stations: int = 0  # stations from the start with lamps, balancers, skillet seams
    balancers: int = 0  # tool balancers per side of each dressed station


@dataclass(frozen=True)
class RobotCell:
    """Robots in a ring around one fixture (e.g. the closures cell fitting doors and lids)."""

    id: str
    workshop: str
    center: np.ndarray
    radius: float
    robots: int
    robot_task: str
    product: str


@dataclass(frozen=True)
class Press:
    """One press of a tandem line: tonnage and outer size [along, across, height] (m)."""

    tonnage_t: float
    size: np.ndarray


@dataclass(frozen=True)
class PressLine:
    """A tandem press line with transfer robots between the presses."""

    id: str
    workshop: str
    start: np.ndarray
    heading_deg: float
    spacing: float
    strokes_per_min: float
    presses: tuple[Press, ...]
    enclosure: float = 0.0  # m from the line's axis to its sound fence with windows; 0: none
    pits: bool = False  # pit covers and railings round each press
    stroke: float = 0.9  # m the slide opens above the panel on the lower die
    die_height: float = 1.0  # m: each press's lower and upper die (viewer.model.plant.press_frame)


@dataclass(frozen=True)
class DieCastCell:
    """The giant die-casting cell around one machine, with extraction robots."""

    id: str
    workshop: str
    center: np.ndarray
    heading_deg: float
    cell_size: np.ndarray
    machine_size: np.ndarray
    clamp_force_t: float
    machine_mass_t: float
    robots: int
    cycle_s: float
    platform_height: float = 0.0  # m: raised platform along the cell for visitors; 0: none
    finishing: bool = False  # quench tank, trim press and X-ray cell after the conveyor
    tie_bar: float = 0.9  # m: thickness of the clamping unit's four tie bars
    accumulators: int = 4  # the injection unit's accumulator bottles
    furnace_size: tuple[float, float, float] = (3.0, 2.6, 1.8)  # m: the dosing furnace
    shot_sleeve: tuple[float, float] = (1.8, 0.8)  # m: the shot sleeve's length and side


@dataclass(frozen=True)
class PaintSection:
    """One section of a paint line: pretreatment tank, booth with robots, oven, ..."""

    kind: str
    length: float
    robots: int


@dataclass(frozen=True)
class PaintLine:
    """A paint line: sections one after another, bodies carried through on a conveyor."""

    id: str
    workshop: str
    start: np.ndarray
    heading_deg: float
    width: float
    sections: tuple[PaintSection, ...]
    carrier_pitch: float = 7.0
    enclosed: bool = False  # booths walled with a window band, dip tanks, oven stacks
    tunnel_wall: int = 0  # the light tunnel's dark wall: 1 on the left, -1 on the right, 0 none
    air_supply: int = 0  # each booth's air supply house on a deck beside it: 1 left, -1 right

    @property
    def length(self) -> float:
        """Length from the start to the end of the last section (m)."""
        return sum(s.length for s in self.sections) + PAINT_SECTION_GAP * (len(self.sections) - 1)


@dataclass(frozen=True)
class Conveyor:
    """A floor or overhead conveyor along a polyline, optionally carrying car bodies."""

    id: str
    workshop: str
    points: np.ndarray
    kind: str
    height: float
    carries: str
    carrier_pitch: float


@dataclass(frozen=True)
class AgvLane:
    """A closed AGV lane with AGVs on it."""

    id: str
    workshop: str
    points: np.ndarray
    agvs: int
    carries: str


@dataclass(frozen=True)
class RackArea:
    """A grid of storage places of one ``content`` (:data:`RACK_CONTENTS`): open racks of
    panels, castings, parts bins, packs or cells; dies on the floor; coils on saddles; tables.

    ``rack_size`` is one place's (along, across, height): a rack's outline, a die's largest, or
    a coil's saddle length, width (along its axis) and largest diameter.
    """

    id: str
    workshop: str
    origin: np.ndarray
    heading_deg: float
    rows: int
    cols: int
    pitch: np.ndarray
    rack_size: np.ndarray
    content: str
    zone: bool = False  # a marked floor zone under the whole grid
    stack: int = 1  # open stillages of panels stacked up to this many high (2-3 drawn per place)
    aisle: float = 0.0  # m: a forklift aisle after every second row (rows back to back in pairs)


@dataclass(frozen=True)
class FencedCell:
    """A row of ``count`` rectangular robot cells behind mesh fences or in closed enclosures.

    Each cell: a floor plate, its walls with a gate, a fixture with the workpiece in the middle,
    robots on risers along both long sides, and the robots' controllers outside the wall.
    """

    id: str
    workshop: str
    center: np.ndarray  # the first cell's centre
    heading_deg: float
    size: np.ndarray  # [along, across] of one cell (m)
    count: int
    pitch: float  # m between cell centres along the heading
    robots: int  # per cell
    robot_task: str
    product: str
    riser: float
    walls: str
    framing: bool
    controllers: bool
    contents: tuple[str, ...] = ()  # CELL_CONTENTS round one robot in the cell's middle


@dataclass(frozen=True)
class Platform:
    """A steel platform on posts above or beside a line, carrying controllers and cabinets."""

    id: str
    workshop: str
    start: np.ndarray  # middle of the platform's start edge
    heading_deg: float
    length: float
    width: float
    height: float  # of the deck above the floor
    cabinet_pitch: float  # m between cabinets along the deck; 0: none
    stairs: bool


@dataclass(frozen=True)
class LineSide:
    """Parts racks, kitting trolleys and bins along one or both sides of a line."""

    id: str
    workshop: str
    start: np.ndarray  # on the line's axis
    heading_deg: float
    length: float
    offset: float  # m from the line's axis to the items' centres
    pitch: float  # m between items
    items: tuple[str, ...]  # repeated in order along the line
    sides: str  # both, left, right
    zone: bool = False  # a marked floor strip under each row


@dataclass(frozen=True)
class Booth:
    """A row of ``count`` test or inspection booths of one ``kind`` (see :data:`BOOTH_KINDS`)."""

    id: str
    workshop: str
    center: np.ndarray  # the first booth's centre
    heading_deg: float
    size: np.ndarray  # [along, across, height]
    kind: str
    count: int
    pitch: float
    screens: int  # screens on posts beside each booth


@dataclass(frozen=True)
class Gallery:
    """A visitors' gallery: a glazed wall from ``start`` to ``end`` (a parapet, a window band
    divided by mullions, a solid band above) with a handrail on the visitors' side."""

    id: str
    workshop: str
    start: np.ndarray
    end: np.ndarray
    height: float  # m: the wall's top and the gallery's ceiling
    sill: float  # m: top of the parapet, bottom of the glass
    head: float  # m: top of the glass
    mullion_pitch: float  # m between mullions
    side: int  # the visitors' side of start -> end: 1 left, -1 right


@dataclass(frozen=True)
class BlockArea:
    """A grid of plain blocks of one role: hydraulic units, cabinets, tanks, utilities; blocks
    of stock (blank stacks, ingots, dies, bins) vary in size and shade, some places empty."""

    id: str
    workshop: str
    origin: np.ndarray
    heading_deg: float
    rows: int
    cols: int
    pitch: np.ndarray
    block_size: np.ndarray
    role: str
    zone: bool = False  # a marked floor zone under the whole grid


@dataclass(frozen=True)
class ServingLine:
    """A canteen's serving line: a stainless counter with a glass sneeze guard over dishes of
    food under heat lamps, a bulkhead over it with a menu screen above each section, a bright
    wall with hot cupboards behind the servers, and drink fridges and a tray return beyond its
    end, all facing the customers' side."""

    id: str
    workshop: str
    start: np.ndarray  # on the counter's axis, at its start
    heading_deg: float
    length: float  # m of counter
    sections: int  # each with its menu screen and its heat lamps
    customers: int  # the customers' side of the heading: 1 left, -1 right
    back_wall: float  # m from the counter's axis to the wall behind the servers; 0: none
    fridges: int  # drink fridges in a row past the counter's end
    tray_return: bool  # a tray return past the fridges
    heat_lamps: bool = True  # a heat-lamp bar over each section (a cold salad bar: none)


@dataclass(frozen=True)
class KittingLane:
    """A railed walkway edge along a visitors' lane from ``start`` to ``end``, with a row of
    kitting carts (blue-grey and grey bins) behind it and a tugger train at the row's start."""

    id: str
    workshop: str
    start: np.ndarray
    end: np.ndarray
    side: int  # the row's side of start -> end: 1 left, -1 right
    offset: float  # m from the railing to the row's axis
    cart_pitch: float  # m between carts
    tugger_trolleys: int  # trolleys behind the tugger; 0: no train


Equipment = (
    StationLine
    | RobotCell
    | PressLine
    | DieCastCell
    | PaintLine
    | Conveyor
    | AgvLane
    | RackArea
    | FencedCell
    | Platform
    | LineSide
    | Booth
    | Gallery
    | BlockArea
    | ServingLine
    | KittingLane
)


def _station_line(item: Fields) -> StationLine:
    conveyor = item.choice("conveyor", ("floor", "overhead", "none"), "floor")
    stations = int(item.number("stations", minimum=1, maximum=MAX_STATIONS, integer=True))
    return StationLine(
        id=item.string("id"),
        workshop=item.string("workshop"),
        start=item.vector("start", 2),
        heading_deg=item.number("heading_deg", 0.0),
        stations=stations,
        pitch=item.number("pitch_m", positive=True, maximum=100),
        robots_per_station=int(
            item.number(
                "robots_per_station", minimum=0, maximum=MAX_ROBOTS_PER_STATION, integer=True
            )
        ),
        robot_task=item.choice("robot_task", ROBOT_TASKS, "handling"),
        product=item.choice("product", PRODUCTS, "none"),
        conveyor=conveyor,
        conveyor_height=item.number(
            "conveyor_height_m", 4.5 if conveyor == "overhead" else 0.6, minimum=0, maximum=30
        ),
        andon_pitch=item.number("andon_pitch_m", 0.0, minimum=0, maximum=1000),
        conveyor_width=item.number("conveyor_width_m", 1.2, minimum=0.3, maximum=12),
        framing_stations=_indices(item, "framing_stations", stations),
        dress_stations=_dress_stations(item, stations),
        balancers=int(item.number("balancers", 0, minimum=0, maximum=2, integer=True)),
    )


def _dress_stations(item: Fields, stations: int) -> int:
    """How many stations from the line's start get lamps, balancers and skillet seams."""
    count = int(item.number("dress_stations", 0, minimum=0, integer=True))
    if count > stations:
        raise item.error("dress_stations", f"the line has {stations} stations, not {count}")
    return count


def _indices(item: Fields, key: str, stations: int) -> tuple[int, ...]:
    """A list of station indices (0-based), each below ``stations``."""
    value = item.raw(key, [])
    if not isinstance(value, list):
        raise item.error(key, "must be a list of station numbers")
    for index in value:
        if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < stations:
            raise item.error(key, f"must hold station numbers 0 to {stations - 1}, got {index!r}")
    return tuple(value)


def _robot_cell(item: Fields) -> RobotCell:
    return RobotCell(
        id=item.string("id"),
        workshop=item.string("workshop"),
        center=item.vector("center", 2),
        radius=item.number("radius_m", positive=True, maximum=50),
        robots=int(item.number("robots", minimum=1, maximum=64, integer=True)),
        robot_task=item.choice("robot_task", ROBOT_TASKS, "handling"),
        product=item.choice("product", PRODUCTS, "none"),
    )


def _press_line(item: Fields) -> PressLine:
    presses = []
    for press in item.tables("presses"):
        presses.append(
            Press(
                tonnage_t=press.number("tonnage_t", positive=True, maximum=1e5),
                size=press.vector("size_m", 3, positive=True),
            )
        )
    if not 1 <= len(presses) <= 12:
        raise item.error("presses", f"a press line has 1 to 12 presses, got {len(presses)}")
    stroke = item.number("stroke_m", 0.9, minimum=0.2, maximum=2.0)
    die_height = item.number("die_height_m", 1.0, minimum=0.3, maximum=2.5)
    for press in presses:  # bed, bolster, both dies, the open stroke and a slide under the crown
        z = press_heights(float(press.size[2]), stroke, die_height)
        if z.upper_die_high + die_height + MIN_SLIDE_M + CLEARANCE > z.crown_bottom:
            raise item.error(
                "die_height_m",
                f"dies {die_height:g} m tall and a {stroke:g} m stroke leave no room for the "
                f"slide in a press {press.size[2]:g} m tall",
            )
    return PressLine(
        id=item.string("id"),
        workshop=item.string("workshop"),
        start=item.vector("start", 2),
        heading_deg=item.number("heading_deg", 0.0),
        spacing=item.number("spacing_m", positive=True, maximum=100),
        strokes_per_min=item.number("strokes_per_min", positive=True, maximum=100),
        presses=tuple(presses),
        enclosure=item.number("enclosure_m", 0.0, minimum=0, maximum=50),
        pits=item.boolean("pits", False),
        stroke=stroke,
        die_height=die_height,
    )


def _die_cast_cell(item: Fields) -> DieCastCell:
    return DieCastCell(
        id=item.string("id"),
        workshop=item.string("workshop"),
        center=item.vector("center", 2),
        heading_deg=item.number("heading_deg", 0.0),
        cell_size=item.vector("cell_size_m", 2, positive=True),
        machine_size=item.vector("machine_size_m", 3, positive=True),
        clamp_force_t=item.number("clamp_force_t", positive=True),
        machine_mass_t=item.number("machine_mass_t", positive=True),
        robots=int(item.number("robots", minimum=0, maximum=32, integer=True)),
        cycle_s=item.number("cycle_s", positive=True, maximum=3600),
        platform_height=item.number("platform_height_m", 0.0, minimum=0, maximum=12),
        finishing=item.boolean("finishing", False),
        tie_bar=item.number("tie_bar_m", 0.9, positive=True, maximum=2.0),
        accumulators=int(item.number("accumulators", 4, minimum=0, maximum=12, integer=True)),
        furnace_size=_furnace_size(item),
        shot_sleeve=_shot_sleeve(item),
    )


def _furnace_size(item: Fields) -> tuple[float, float, float]:
    """A die-casting cell's dosing furnace: (along, across, height) in metres."""
    size = item.vector("furnace_size_m", 3, positive=True, default=[3.0, 2.6, 1.8])
    if size.max() > 10.0:
        raise item.error("furnace_size_m", "a dosing furnace is at most 10 m in any direction")
    return (float(size[0]), float(size[1]), float(size[2]))


def _shot_sleeve(item: Fields) -> tuple[float, float]:
    """A die-casting machine's shot sleeve behind its fixed platen: (length, side) in metres."""
    size = item.vector("shot_sleeve_m", 2, positive=True, default=[1.8, 0.8])
    if size[0] > 6.0 or size[1] > 2.0:
        raise item.error("shot_sleeve_m", "a shot sleeve is at most 6 m long and 2 m across")
    return (float(size[0]), float(size[1]))


def _paint_line(item: Fields) -> PaintLine:
    sections = tuple(
        PaintSection(
            kind=section.choice("kind", PAINT_SECTIONS),
            length=section.number("length_m", positive=True, maximum=500),
            robots=int(section.number("robots", 0, minimum=0, maximum=64, integer=True)),
        )
        for section in item.tables("sections")
    )
    if not sections:
        raise item.error("sections", "a paint line needs at least one section")
    return PaintLine(
        id=item.string("id"),
        workshop=item.string("workshop"),
        start=item.vector("start", 2),
        heading_deg=item.number("heading_deg", 0.0),
        width=item.number("width_m", positive=True, maximum=50),
        sections=sections,
        carrier_pitch=item.number("carrier_pitch_m", 7.0, minimum=5.5, maximum=200),
        enclosed=item.boolean("enclosed", False),
        tunnel_wall=TUNNEL_WALLS[item.choice("tunnel_wall", tuple(TUNNEL_WALLS), "none")],
        air_supply=TUNNEL_WALLS[item.choice("air_supply", tuple(TUNNEL_WALLS), "none")],
    )


def _conveyor(item: Fields) -> Conveyor:
    kind = item.choice("kind", ("floor", "overhead"))
    return Conveyor(
        id=item.string("id"),
        workshop=item.string("workshop"),
        points=item.points("points"),
        kind=kind,
        height=item.number("height_m", 5.0 if kind == "overhead" else 0.6, minimum=0, maximum=30),
        carries=item.choice("carries", PRODUCTS, "none"),
        carrier_pitch=item.number("carrier_pitch_m", 8.0, minimum=5.5, maximum=200),
    )


def _agv_lane(item: Fields) -> AgvLane:
    return AgvLane(
        id=item.string("id"),
        workshop=item.string("workshop"),
        points=item.points("points", min_count=3),
        agvs=int(item.number("agvs", minimum=0, maximum=200, integer=True)),
        carries=item.choice("carries", PRODUCTS + RACK_CONTENTS, "parts"),
    )


MAX_COIL_M = 3.0  # m: the largest steel coil's diameter (real ones: about 1-2.2 m)
MAX_STACK = 4  # stillages stacked at most this many high
MAX_STACK_M = 6.0  # m: and at most this high in all
MIN_SLIDE_M = 0.5  # m: a press's slide at least this tall between its upper die and crown


def _rack_area(item: Fields) -> RackArea:
    content = item.choice("content", RACK_CONTENTS)
    size = item.vector("rack_size_m", 3, positive=True)
    if size.max() > 100:
        raise item.error("rack_size_m", "a rack is at most 100 m in any direction")
    if content == "coils" and min(size[0], size[2]) > MAX_COIL_M:
        raise item.error("rack_size_m", f"a coil is at most {MAX_COIL_M:g} m across")
    stack = int(item.number("stack", 1, minimum=1, maximum=MAX_STACK, integer=True))
    if stack > 1 and content != "panels":
        raise item.error("stack", "only stillages of panels are stacked")
    if stack > 1 and size[2] * stack > MAX_STACK_M:
        raise item.error("stack", f"a stack of stillages is at most {MAX_STACK_M:g} m high")
    return RackArea(
        id=item.string("id"),
        workshop=item.string("workshop"),
        origin=item.vector("origin", 2),
        heading_deg=item.number("heading_deg", 0.0),
        rows=int(item.number("rows", minimum=1, maximum=100, integer=True)),
        cols=int(item.number("cols", minimum=1, maximum=100, integer=True)),
        pitch=item.vector("pitch_m", 2, positive=True),
        rack_size=size,
        content=content,
        zone=item.boolean("zone", False),
        stack=stack,
        aisle=item.number("aisle_m", 0.0, minimum=0, maximum=20),
    )


def _fenced_cell(item: Fields) -> FencedCell:
    size = item.vector("size_m", 2, positive=True)
    if size.max() > 200:
        raise item.error("size_m", "a cell is at most 200 m in any direction")
    contents = _cell_contents(item, size)
    return FencedCell(
        id=item.string("id"),
        workshop=item.string("workshop"),
        center=item.vector("center", 2),
        heading_deg=item.number("heading_deg", 0.0),
        size=size,
        count=int(item.number("count", 1, minimum=1, maximum=100, integer=True)),
        pitch=item.number("pitch_m", float(size[0]) + 2.0, positive=True, maximum=200),
        robots=int(item.number("robots", minimum=0, maximum=MAX_ROBOTS_PER_STATION, integer=True)),
        robot_task=item.choice("robot_task", ROBOT_TASKS, "handling"),
        product=item.choice("product", PRODUCTS, "none"),
        riser=item.number("riser_m", 0.6, minimum=0, maximum=5),
        walls=item.choice("walls", CELL_WALLS, "mesh"),
        framing=item.boolean("framing", False),
        controllers=item.boolean("controllers", True),
        contents=contents,
    )


def _cell_contents(item: Fields, size: np.ndarray) -> tuple[str, ...]:
    """A fenced cell's optional ``contents``: known names, each once, in a cell big enough,
    round at most one robot."""
    contents = item.string_list("contents", [])
    for name in contents:
        if name not in CELL_CONTENTS:
            raise item.error(
                "contents", f"unknown content {name!r}; expected one of {', '.join(CELL_CONTENTS)}"
            )
    if len(set(contents)) < len(contents):
        raise item.error("contents", "names each content at most once")
    if contents and size.min() < CONTENTS_MIN_CELL:
        raise item.error(
            "contents", f"needs a cell at least {CONTENTS_MIN_CELL:g} m long and wide (size_m)"
        )
    if contents and item.number("robots", minimum=0, integer=True) > 1:
        raise item.error("contents", "a cell with contents has at most one robot, in its middle")
    return tuple(contents)


def _platform(item: Fields) -> Platform:
    return Platform(
        id=item.string("id"),
        workshop=item.string("workshop"),
        start=item.vector("start", 2),
        heading_deg=item.number("heading_deg", 0.0),
        length=item.number("length_m", positive=True, maximum=500),
        width=item.number("width_m", positive=True, maximum=60),
        height=item.number("height_m", minimum=1.0, maximum=15),
        cabinet_pitch=item.number("cabinet_pitch_m", 4.0, minimum=0, maximum=100),
        stairs=item.boolean("stairs", True),
    )


def _line_side(item: Fields) -> LineSide:
    items = item.string_list("items", ["rack"])
    for name in items:
        if name not in LINE_SIDE_ITEMS:
            raise item.error(
                "items", f"unknown item {name!r}; expected one of {', '.join(LINE_SIDE_ITEMS)}"
            )
    if not items:
        raise item.error("items", "needs at least one item")
    return LineSide(
        id=item.string("id"),
        workshop=item.string("workshop"),
        start=item.vector("start", 2),
        heading_deg=item.number("heading_deg", 0.0),
        length=item.number("length_m", positive=True, maximum=1000),
        offset=item.number("offset_m", minimum=0.5, maximum=50),
        pitch=item.number("pitch_m", 3.0, minimum=0.8, maximum=100),
        items=tuple(items),
        sides=item.choice("sides", ("both", "left", "right"), "both"),
        zone=item.boolean("zone", False),
    )


def _booth(item: Fields) -> Booth:
    size = item.vector("size_m", 3, positive=True)
    if size.max() > 200:
        raise item.error("size_m", "a booth is at most 200 m in any direction")
    return Booth(
        id=item.string("id"),
        workshop=item.string("workshop"),
        center=item.vector("center", 2),
        heading_deg=item.number("heading_deg", 0.0),
        size=size,
        kind=item.choice("kind", BOOTH_KINDS),
        count=int(item.number("count", 1, minimum=1, maximum=50, integer=True)),
        pitch=item.number("pitch_m", float(size[0]) + 2.0, positive=True, maximum=300),
        screens=int(item.number("screens", 0, minimum=0, maximum=8, integer=True)),
    )


MAX_GALLERY_M = (
    120.0  # one straight glazed wall: with mullions 1.5 m apart or more, under 100 boxes
)


def _gallery(item: Fields) -> Gallery:
    start, end = item.vector("start", 2), item.vector("end", 2)
    length = float(np.hypot(*(end - start)))
    if not 1.0 <= length <= MAX_GALLERY_M:
        raise item.error("end", f"the gallery's wall must be 1 to {MAX_GALLERY_M:g} m long")
    height = item.number("height_m", 3.6, minimum=2.2, maximum=12)
    sill = item.number("sill_m", 0.9, minimum=0.0, maximum=2.0)
    head = item.number("head_m", min(3.0, height), minimum=sill + 0.5, maximum=height)
    return Gallery(
        id=item.string("id"),
        workshop=item.string("workshop"),
        start=start,
        end=end,
        height=height,
        sill=sill,
        head=head,
        mullion_pitch=item.number("mullion_pitch_m", 1.8, minimum=1.5, maximum=20),
        side=1 if item.choice("visitors", ("left", "right"), "right") == "left" else -1,
    )


def _block_area(item: Fields) -> BlockArea:
    size = item.vector("block_size_m", 3, positive=True)
    if size.max() > 100:
        raise item.error("block_size_m", "a block is at most 100 m in any direction")
    return BlockArea(
        id=item.string("id"),
        workshop=item.string("workshop"),
        origin=item.vector("origin", 2),
        heading_deg=item.number("heading_deg", 0.0),
        rows=int(item.number("rows", minimum=1, maximum=100, integer=True)),
        cols=int(item.number("cols", minimum=1, maximum=100, integer=True)),
        pitch=item.vector("pitch_m", 2, positive=True),
        block_size=size,
        role=item.choice("role", BLOCK_ROLES),
        zone=item.boolean("zone", False),
    )


def _serving_line(item: Fields) -> ServingLine:
    length = item.number("length_m", positive=True, maximum=100)
    sections = int(item.number("sections", minimum=1, maximum=20, integer=True))
    if length / sections < MIN_SECTION_M:
        most = int(length // MIN_SECTION_M)
        raise item.error(
            "sections",
            f"{sections} sections need {sections * MIN_SECTION_M:g} m of counter; "
            f"{length:g} m holds at most {most}",
        )
    back_wall = item.number("back_wall_m", 0.0, minimum=0, maximum=20)
    if 0 < back_wall < 2.0:
        raise item.error("back_wall_m", "must be 0 (no wall) or at least 2 (room for the servers)")
    return ServingLine(
        id=item.string("id"),
        workshop=item.string("workshop"),
        start=item.vector("start", 2),
        heading_deg=item.number("heading_deg", 0.0),
        length=length,
        sections=sections,
        customers=SERVING_SIDES[item.choice("customers", tuple(SERVING_SIDES))],
        back_wall=back_wall,
        fridges=int(item.number("fridges", 0, minimum=0, maximum=20, integer=True)),
        tray_return=item.boolean("tray_return", False),
        heat_lamps=item.boolean("heat_lamps", True),
    )


MAX_KITTING_LANE_M = 50.0  # one straight lane edge
MAX_KITTING_BOXES = 100  # a lane's railing, carts and train (the layout's part estimate)


def _kitting_lane(item: Fields) -> KittingLane:
    start, end = item.vector("start", 2), item.vector("end", 2)
    length = float(np.hypot(*(end - start)))
    if not 4.0 <= length <= MAX_KITTING_LANE_M:
        raise item.error("end", f"the lane's edge must be 4 to {MAX_KITTING_LANE_M:g} m long")
    lane = KittingLane(
        id=item.string("id"),
        workshop=item.string("workshop"),
        start=start,
        end=end,
        side=1 if item.choice("side", ("left", "right")) == "left" else -1,
        offset=item.number("offset_m", 2.5, minimum=1.0, maximum=10),
        cart_pitch=item.number("cart_pitch_m", 2.2, minimum=1.5, maximum=20),
        tugger_trolleys=int(item.number("tugger_trolleys", 0, minimum=0, maximum=6, integer=True)),
    )
    boxes = kitting_lane_boxes(length, lane.cart_pitch, lane.tugger_trolleys)
    if boxes > MAX_KITTING_BOXES:
        raise item.error(
            "cart_pitch_m",
            f"the lane expands into {boxes} boxes, at most {MAX_KITTING_BOXES}: "
            "carts further apart or a shorter lane",
        )
    return lane


READERS = {
    "station_line": _station_line,
    "robot_cell": _robot_cell,
    "press_line": _press_line,
    "die_cast_cell": _die_cast_cell,
    "paint_line": _paint_line,
    "conveyor": _conveyor,
    "agv_lane": _agv_lane,
    "rack_area": _rack_area,
    "fenced_cell": _fenced_cell,
    "platform": _platform,
    "line_side": _line_side,
    "booth": _booth,
    "gallery": _gallery,
    "block_area": _block_area,
    "serving_line": _serving_line,
    "kitting_lane": _kitting_lane,
}
STATION_TYPES = tuple(READERS)


def read_equipment(item: Fields) -> Equipment:
    """Check one ``[[equipment]]`` entry and return its dataclass."""
    kind = item.string("type")
    if kind not in READERS:
        raise item.error(
            "type", f"unknown station type {kind!r}; expected one of " + ", ".join(STATION_TYPES)
        )
    item.estimated()
    return READERS[kind](item)
