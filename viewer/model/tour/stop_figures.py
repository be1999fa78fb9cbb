"""A stop's key figures for the guide: what the visitors look at, its size, its robots.

The figures come from the plant layout and the parts built from it, so they follow the data:
the building (or room, lot, track) the stop looks at, its floor area and height, the robots
working in it, and the line's takt where cars are built.

Examples
--------
>>> from viewer.model.plant.layout import load_plant
>>> from viewer.model.tour.route import load_route
>>> plant = load_plant()
>>> figures = stop_figures(load_route().stop("stamping"), plant)
>>> figures.place_id, figures.name.en
('stamping', 'Stamping')
>>> round(figures.area_m2)
38400
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from viewer.model.fields import Text
from viewer.model.geometry import inside_polygon, polygon_area
from viewer.model.plant.equipment import plant_parts
from viewer.model.plant.layout import Plant
from viewer.model.plant.parts import PlantParts
from viewer.model.tour.route import Stop

PRODUCTION = frozenset({"stamping", "body", "paint", "assembly", "battery", "die-casting"})


@dataclass(frozen=True)
class StopFigures:
    """What a stop shows, in figures (None: does not apply)."""

    place_id: str | None
    name: Text | None
    area_m2: float | None
    height_m: float | None
    robots: int | None  # robot arms at work in the place
    length_m: float | None  # the test track's length
    takt_s: float | None  # the line's takt, in workshops that build cars
    estimated: bool  # the size is an estimate (see the layout file)


def _place(stop: Stop, plant: Plant) -> str | None:
    """The id of what the stop looks at: its named target, or the building around its point."""
    if isinstance(stop.look_at, str):
        return stop.look_at
    for point in (np.asarray(stop.look_at)[:2], stop.at):
        for building in plant.buildings:
            if inside_polygon(point, building.footprint)[0]:
                return building.id
    return None


def place_at_point(plant: Plant, point: np.ndarray) -> str | None:
    """The id of the building (or lot, or the test track) at ground point (x, y); None."""
    point = np.asarray(point, dtype=float)[:2]
    for building in plant.buildings:
        if inside_polygon(point, building.footprint)[0]:
            return building.id
    for lot in plant.lots:
        if inside_polygon(point, lot.footprint)[0]:
            return lot.id
    track = plant.track
    centre = track.centerline
    a, b = centre, np.roll(centre, -1, axis=0)
    ab = b - a
    f = np.clip(((point - a) * ab).sum(axis=1) / np.maximum((ab * ab).sum(axis=1), 1e-12), 0, 1)
    if np.min(np.linalg.norm(a + ab * f[:, None] - point, axis=1)) <= track.width / 2 + 2.0:
        return track.id
    return None


def stop_figures(stop: Stop, plant: Plant, parts: PlantParts | None = None) -> StopFigures:
    """The key figures of ``stop`` (robots counted in ``parts`` when given, else built)."""
    return place_figures(_place(stop, plant), plant, parts)


def place_figures(place: str | None, plant: Plant, parts: PlantParts | None = None) -> StopFigures:
    """The key figures of a building, room, lot or the track, by id."""
    none = StopFigures(place, None, None, None, None, None, None, False)
    if place is None:
        return none
    if place == plant.track.id:
        track = plant.track
        return StopFigures(
            place, track.name, None, None, None, track.length, None, bool(track.estimated)
        )
    for lot in plant.lots:
        if lot.id == place:
            area = polygon_area(lot.footprint)
            return StopFigures(place, lot.name, area, None, None, None, None, True)
    for building in plant.buildings:
        for room in building.rooms:
            if room.id == place:
                area = polygon_area(room.footprint)
                return StopFigures(place, room.name, area, building.height, None, None, None, True)
        if building.id == place:
            if parts is None:
                parts = plant_parts(plant)
            robots = int(np.count_nonzero(parts.robots.workshop == building.id))
            return StopFigures(
                place,
                building.name,
                building.area,
                building.height,
                robots or None,
                None,
                plant.takt if building.id in PRODUCTION else None,
                "footprint" in building.estimated,
            )
    return none
