"""Equipment entries of the layout file (``[[equipment]]``), one dataclass per station type.

Each entry has an ``id``, a ``type`` (one of :data:`STATION_TYPES`) and the ``workshop`` (building
id) it stands in. :func:`read_equipment` checks one entry; :mod:`viewer.model.equipment` expands
the entries into arrays of robots, boxes, car bodies and AGVs for the scene.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from viewer.model.fields import Fields

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
RACK_CONTENTS = ("dies", "panels", "parts", "packs", "cells", "tables")

# Guards against absurd values (and a file edited into something that would exhaust memory).
MAX_STATIONS = 400
MAX_ROBOTS_PER_STATION = 12
PAINT_SECTION_GAP = 4.0  # m between two sections of a paint line


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
    """A grid of racks (dies, panels, parts, packs)."""

    id: str
    workshop: str
    origin: np.ndarray
    heading_deg: float
    rows: int
    cols: int
    pitch: np.ndarray
    rack_size: np.ndarray
    content: str


Equipment = (
    StationLine | RobotCell | PressLine | DieCastCell | PaintLine | Conveyor | AgvLane | RackArea
)


def _station_line(item: Fields) -> StationLine:
    conveyor = item.choice("conveyor", ("floor", "overhead", "none"), "floor")
    return StationLine(
        id=item.string("id"),
        workshop=item.string("workshop"),
        start=item.vector("start", 2),
        heading_deg=item.number("heading_deg", 0.0),
        stations=int(item.number("stations", minimum=1, maximum=MAX_STATIONS, integer=True)),
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
    )


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
    return PressLine(
        id=item.string("id"),
        workshop=item.string("workshop"),
        start=item.vector("start", 2),
        heading_deg=item.number("heading_deg", 0.0),
        spacing=item.number("spacing_m", positive=True, maximum=100),
        strokes_per_min=item.number("strokes_per_min", positive=True, maximum=100),
        presses=tuple(presses),
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
    )


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


def _rack_area(item: Fields) -> RackArea:
    return RackArea(
        id=item.string("id"),
        workshop=item.string("workshop"),
        origin=item.vector("origin", 2),
        heading_deg=item.number("heading_deg", 0.0),
        rows=int(item.number("rows", minimum=1, maximum=100, integer=True)),
        cols=int(item.number("cols", minimum=1, maximum=100, integer=True)),
        pitch=item.vector("pitch_m", 2, positive=True),
        rack_size=item.vector("rack_size_m", 3, positive=True),
        content=item.choice("content", RACK_CONTENTS),
    )


READERS = {
    "station_line": _station_line,
    "robot_cell": _robot_cell,
    "press_line": _press_line,
    "die_cast_cell": _die_cast_cell,
    "paint_line": _paint_line,
    "conveyor": _conveyor,
    "agv_lane": _agv_lane,
    "rack_area": _rack_area,
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
