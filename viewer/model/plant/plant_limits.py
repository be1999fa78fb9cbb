"""Limits on what a plant layout file may ask for, checked before anything is expanded.

A small file can ask for a great deal: a hundred station lines of 400 stations with 12 robots
each is 15 kB of TOML and 480,000 robots (gigabytes once expanded and simulated). The layout
reader checks the counts here right after reading the entries and before any part is built, so
that any file that loads is expanded and drawn in a few seconds and a few hundred MB. The bundled
plant uses a small share of each (1,074 robots, about 14,000 boxes).

Examples
--------
>>> from viewer.model.plant.layout import load_plant
>>> plant = load_plant()
>>> sum(robot_count(spec) for spec in plant.equipment)
970
>>> sum(part_estimate(spec) for spec in plant.equipment) < MAX_PARTS // 5
True
"""

from __future__ import annotations

from functools import singledispatch

import numpy as np

from viewer.model.geometry import polyline_length
from viewer.model.plant import equipment_specs as specs

MAX_EQUIPMENT = 1000  # [[equipment]] entries
MAX_ENTRIES = 1000  # entries of any other array of tables ([[buildings]], [[views]], ...)
MAX_AISLES = 5000  # visitor aisle lanes
MAX_POINTS = 10000  # points of one outline or path
MAX_AISLE_POINTS = 50000  # points of all aisle lanes together
MAX_ROBOTS = 5000  # robots of all equipment together
MAX_PARTS = 300000  # boxes, cars and people of the whole plant (an upper estimate)
MAX_CREWS = 200  # [[crews]] and [[forklifts]] entries, each
MAX_PEOPLE = 20000  # people of all crews together
# Crews and forklift loops times aisle lanes: each pair is checked (people keep off the aisles),
# a tenth of a millisecond each. The bundled plant: 25 x 24.
MAX_PEOPLE_AISLE_PAIRS = 40000


@singledispatch
def robot_count(spec: object) -> int:
    """Number of robots one equipment entry expands into."""
    return 0


@robot_count.register
def _(spec: specs.StationLine) -> int:
    return spec.stations * spec.robots_per_station


@robot_count.register
def _(spec: specs.RobotCell) -> int:
    return spec.robots


@robot_count.register
def _(spec: specs.PressLine) -> int:
    return len(spec.presses) + 1  # transfer robots between and after the presses


@robot_count.register
def _(spec: specs.DieCastCell) -> int:
    return spec.robots


@robot_count.register
def _(spec: specs.PaintLine) -> int:
    return sum(section.robots for section in spec.sections)


@robot_count.register
def _(spec: specs.FencedCell) -> int:
    return spec.count * spec.robots


@singledispatch
def part_estimate(spec: object) -> int:
    """An upper estimate of the boxes, cars and AGVs one equipment entry expands into."""
    return 100


@part_estimate.register
def _(spec: specs.StationLine) -> int:
    length = spec.stations * spec.pitch
    andons = int(length // spec.andon_pitch) * 4 if spec.andon_pitch > 0 else 0
    return spec.stations * (spec.robots_per_station + 6) + int(length) + andons + 20


@part_estimate.register
def _(spec: specs.RobotCell) -> int:
    return spec.robots * 2 + 20


@part_estimate.register
def _(spec: specs.PressLine) -> int:
    return len(spec.presses) * 60 + 60


@part_estimate.register
def _(spec: specs.DieCastCell) -> int:
    fence = float(spec.cell_size[0] + spec.cell_size[1]) * 2  # posts and panels along it
    return spec.robots * 2 + int(fence) + 100


@part_estimate.register
def _(spec: specs.PaintLine) -> int:
    return sum(s.robots * 2 + int(s.length) + 20 for s in spec.sections) + int(spec.length) + 20


@part_estimate.register
def _(spec: specs.Conveyor) -> int:
    return int(polyline_length(spec.points)) + 20


@part_estimate.register
def _(spec: specs.AgvLane) -> int:
    return spec.agvs + int(polyline_length(spec.points, closed=True)) + 20


@part_estimate.register
def _(spec: specs.RackArea) -> int:
    levels = max(int(spec.rack_size[2] // 1.6) + 3, spec.stack)  # a stack: panels and bands
    return spec.rows * spec.cols * levels + 20


@part_estimate.register
def _(spec: specs.FencedCell) -> int:
    cell = float(spec.size[0] + spec.size[1]) * 2
    return spec.count * (spec.robots * 3 + int(cell) + 40)


@part_estimate.register
def _(spec: specs.Platform) -> int:
    cabinets = int(spec.length // spec.cabinet_pitch) * 3 if spec.cabinet_pitch > 0 else 0
    return int(spec.length) * 2 + cabinets + 40


@part_estimate.register
def _(spec: specs.LineSide) -> int:
    return (int(spec.length // spec.pitch) + 1) * 2 * 6 + 20


@part_estimate.register
def _(spec: specs.Booth) -> int:
    return spec.count * (spec.screens * 3 + int(np.sum(spec.size[:2])) + 60)


@part_estimate.register
def _(spec: specs.BlockArea) -> int:
    return spec.rows * spec.cols + 20
