"""Expand the layout's equipment entries into the repeated parts the scene instances.

:func:`plant_parts` is the entry point: every robot, press, booth, conveyor, rack, car body and
AGV of the plant, as flat arrays (:class:`~viewer.model.parts.PlantParts`).

Examples
--------
>>> from viewer.model.layout import load_plant
>>> parts = plant_parts(load_plant())
>>> len(parts.robots) >= 700
True
"""

from __future__ import annotations

from functools import singledispatch

import numpy as np

from viewer.model import equipment_specs as specs
from viewer.model.car import BODY_IN_WHITE as BIW_COLOR
from viewer.model.car import SU7, SU7_COLORS
from viewer.model.geometry import heading_frame
from viewer.model.layout import Plant
from viewer.model.machines import conveyor_center
from viewer.model.parts import BODY_IN_WHITE, FINISHED_CAR, PAINTED_BODY, PartsBuilder, PlantParts
from viewer.model.structure import add_structures

ROBOT_SIDE_OFFSET = 2.9  # robot base to line centre (m): a 5 m body within a 2.7 m reach
PEDESTAL_HEIGHT = 0.4
_COLORS = list(SU7_COLORS.values())


def _color(index: int) -> tuple[float, float, float]:
    return _COLORS[index % len(_COLORS)]


def _product(
    builder: PartsBuilder, kind: str, at: np.ndarray, yaw: float, z: float, index: int
) -> None:
    """Put one workpiece of ``kind`` at ``at`` (not on a flow line: its products move)."""
    if not builder.products:
        return
    if kind == "body":
        builder.car(at, yaw, BODY_IN_WHITE, BIW_COLOR, z)
    elif kind == "painted_body":
        builder.car(at, yaw, PAINTED_BODY, _color(index), z)
    elif kind == "car":
        builder.car(at, yaw, FINISHED_CAR, _color(index), z)
    elif kind == "pack":
        builder.box(at, (2.3, 1.6, 0.16), yaw, "pack", z)
    elif kind == "underbody":
        builder.box(at, (1.8, 1.6, 0.5), yaw, "die_cast_platen", z)


def station_product_z(spec: specs.StationLine) -> float:
    """Height of the product's underside on a station line: on a skid, a table or hanging."""
    if spec.product == "pack":
        return 0.45  # on the line's conveyor
    if spec.conveyor == "overhead":
        return max(0.0, spec.conveyor_height - SU7.height - 1.9)
    return 0.55


def conveyor_product_z(spec: specs.Conveyor) -> float:
    """Height of the product's underside on a conveyor (hanging below an overhead one)."""
    if spec.kind == "overhead":
        return max(spec.height - SU7.height - 1.2, 0.0)
    return spec.height


PAINT_PRODUCT_Z = 0.45  # bodies ride on the paint line's floor conveyor


def _robot_pair_offsets(count: int) -> list[tuple[int, float]]:
    """(side, along-offset) of each robot of a station: alternate sides, spread along."""
    per_side = (count + 1) // 2
    result = []
    for j in range(count):
        side = 1 if j % 2 == 0 else -1
        slot = j // 2
        result.append((side, (slot - (per_side - 1) / 2) * 2.2))
    return result


@singledispatch
def add_equipment(spec: object, builder: PartsBuilder) -> None:
    """Add the parts of one equipment entry to ``builder``."""
    raise TypeError(f"no expansion for {type(spec).__name__}")


@add_equipment.register
def _(spec: specs.StationLine, builder: PartsBuilder) -> None:
    along, normal, yaw = heading_frame(spec.heading_deg)
    overhead = spec.conveyor == "overhead"
    product_z = station_product_z(spec)
    length = spec.stations * spec.pitch
    middle = spec.start + along * length / 2
    if spec.conveyor == "floor":
        builder.box(middle, (length, 1.2, 0.45), yaw, "conveyor")
    elif overhead:
        builder.box(middle, (length, 0.35, 0.4), yaw, "rail", spec.conveyor_height)
        for k in range(int(length // 12) + 1):
            post = spec.start + along * min(k * 12.0, length) + normal * 1.6
            builder.box(post, (0.3, 0.3, spec.conveyor_height + 0.4), yaw, "support")
    fenced = spec.robot_task in ("spot_weld", "laser_weld", "sealing")
    if fenced and spec.robots_per_station:
        for side in (1, -1):
            builder.box(
                middle + normal * side * (ROBOT_SIDE_OFFSET + 1.9),
                (length, 0.08, 2.2),
                yaw,
                "fence",
            )
    offsets = _robot_pair_offsets(spec.robots_per_station)
    for i in range(spec.stations):
        center = spec.start + along * (i + 0.5) * spec.pitch
        if spec.product in ("body", "painted_body", "car") and not overhead:
            builder.box(center, (4.6, 1.5, 0.55), yaw, "skid")
        if overhead and spec.product != "none" and builder.products:
            builder.box(
                center,
                (0.25, 0.25, spec.conveyor_height - product_z - SU7.height),
                yaw,
                "hanger",
                product_z + SU7.height,
            )
        if spec.robot_task == "spot_weld" and spec.robots_per_station:
            for side in (1, -1):
                builder.box(
                    center + normal * side * 1.25, (spec.pitch * 0.55, 0.35, 1.6), yaw, "fixture"
                )
        _product(builder, spec.product, center, yaw, product_z, i)
        for side, offset in offsets:
            base = center + normal * side * ROBOT_SIDE_OFFSET + along * offset
            builder.box(base, (0.9, 0.9, PEDESTAL_HEIGHT), yaw, "pedestal")
            builder.robot(
                base,
                yaw - side * np.pi / 2,
                spec.robot_task,
                spec.workshop,
                PEDESTAL_HEIGHT,
                station=i,
                target=(center[0], center[1], product_z),
                target_yaw=yaw,
            )


@add_equipment.register
def _(spec: specs.RobotCell, builder: PartsBuilder) -> None:
    builder.box(spec.center, (5.4, 2.4, 0.6), 0.0, "fixture")
    _product(builder, spec.product, spec.center, 0.0, 0.6, 0)
    builder.box(spec.center, (2 * spec.radius + 4, 0.08, 2.2), 0.0, "fence")
    angles = np.linspace(0, 2 * np.pi, spec.robots, endpoint=False) + np.pi / spec.robots
    for index, angle in enumerate(angles):
        # An ellipse around the body: wider along the car than across it.
        offset = np.array([np.cos(angle) * spec.radius * 1.35, np.sin(angle) * spec.radius])
        base = spec.center + offset
        builder.box(base, (0.9, 0.9, PEDESTAL_HEIGHT), 0.0, "pedestal")
        facing = float(np.arctan2(-offset[1], -offset[0]))
        builder.robot(
            base,
            facing,
            spec.robot_task,
            spec.workshop,
            PEDESTAL_HEIGHT,
            station=index,
            target=(spec.center[0], spec.center[1], 0.6),
        )


@add_equipment.register
def _(spec: specs.PressLine, builder: PartsBuilder) -> None:
    along, normal, yaw = heading_frame(spec.heading_deg)
    builder.box(spec.start - along * 8, (5.0, 4.0, 2.2), yaw, "fixture")  # destacker
    builder.box(spec.start - along * 8 + normal * 5, (3.0, 2.5, 1.2), yaw, "panels")
    for index, press in enumerate(spec.presses):
        center = spec.start + along * index * spec.spacing
        depth, width, height = press.size
        builder.box(center, (depth, width, 0.22 * height), yaw, "press")  # bed
        for side in (1, -1):  # uprights
            builder.box(
                center + normal * side * (width / 2 - 0.9), (depth * 0.9, 1.8, height), yaw, "press"
            )
        builder.box(center, (depth, width, 0.24 * height), yaw, "press_crown", 0.76 * height)
        # Transfer robot before this press (the loader in front of the first one).
        robot_at = center - along * spec.spacing / 2
        builder.box(robot_at, (1.0, 1.0, 0.8), yaw, "pedestal")
        builder.robot(robot_at, yaw, "transfer", spec.workshop, 0.8, station=index)
    end = spec.start + along * (len(spec.presses) - 0.5) * spec.spacing
    builder.box(end, (1.0, 1.0, 0.8), yaw, "pedestal")
    builder.robot(end, yaw, "transfer", spec.workshop, 0.8, station=len(spec.presses))
    builder.box(end + along * 14, (16.0, 2.0, 0.9), yaw, "conveyor")  # end of line
    builder.box(end + along * 12, (4.0, 4.0, 3.2), yaw, "scanner")  # blue-light scanning
    for k in range(4):
        builder.box(end + along * (26 + 3.2 * k) + normal * 3.2, (2.6, 2.2, 1.4), yaw, "panels")


@add_equipment.register
def _(spec: specs.DieCastCell, builder: PartsBuilder) -> None:
    along, normal, yaw = heading_frame(spec.heading_deg)
    c = spec.center
    length, width, height = spec.machine_size
    builder.box(c, (length, width, 1.4), yaw, "die_cast")  # machine bed
    builder.box(c + along * 0.05 * length, (1.8, width * 0.95, height), yaw, "die_cast_platen")
    builder.box(c - along * 0.3 * length, (2.4, width * 0.85, height * 0.85), yaw, "die_cast")
    for side in (1, -1):  # tie-bar housings, top and bottom pairs shown as beams
        for z in (1.6, height - 1.4):
            builder.box(
                c - along * 0.13 * length + normal * side * width * 0.36,
                (0.36 * length, 0.7, 0.7),
                yaw,
                "die_cast",
                z,
            )
    builder.box(
        c + along * 0.32 * length, (0.36 * length, width * 0.5, height * 0.55), yaw, "die_cast"
    )  # injection unit
    builder.box(
        c + along * 0.42 * length - normal * (width / 2 + 4), (5.0, 4.0, 3.6), yaw, "furnace"
    )
    cx, cy = spec.cell_size
    for side in (1, -1):
        builder.box(c + normal * side * cy / 2, (cx, 0.08, 2.4), yaw, "fence")
        builder.box(c + along * side * cx / 2, (0.08, cy, 2.4), yaw, "fence")
    picks = [  # the extraction robot first, on the conveyor side (towards the visitors' aisle)
        c - normal * (width / 2 + 2.2) + along * 0.02 * length,
        c + normal * (width / 2 + 2.2) + along * 0.02 * length,
        c - normal * (width / 2 + 2.4) - along * 0.25 * length,
    ]
    for index in range(spec.robots):
        base = picks[index % len(picks)] + along * 4.0 * (index // len(picks))
        facing = yaw - np.pi / 2 if np.dot(base - c, normal) > 0 else yaw + np.pi / 2
        builder.box(base, (1.2, 1.2, 0.8), yaw, "pedestal")
        builder.robot(base, facing, "extraction", spec.workshop, 0.8, station=index)
    builder.box(conveyor_center(spec), (12.0, 1.6, 0.9), yaw, "conveyor")  # cooling conveyor


_SECTION_ROLE = {
    "pretreatment": "tank",
    "sealing": "fixture",
    "booth": "booth",
    "oven": "oven",
    "inspection": "inspection",
}
_SECTION_HEIGHT = {
    "pretreatment": 3.6,
    "sealing": 0.3,
    "booth": 5.5,
    "oven": 4.8,
    "inspection": 4.0,
}


@add_equipment.register
def _(spec: specs.PaintLine, builder: PartsBuilder) -> None:
    along, normal, yaw = heading_frame(spec.heading_deg)
    position = 0.0
    painted = False
    body_index = 0
    for section in spec.sections:
        middle = spec.start + along * (position + section.length / 2)
        role = _SECTION_ROLE[section.kind]
        builder.box(middle, (section.length, spec.width, _SECTION_HEIGHT[section.kind]), yaw, role)
        builder.box(middle, (section.length, 1.2, 0.45), yaw, "conveyor")
        per_side = (section.robots + 1) // 2
        for j in range(section.robots):
            side = 1 if j % 2 == 0 else -1
            slot = j // 2
            offset = (slot + 0.5) / max(per_side, 1) * section.length - section.length / 2
            base = middle + along * offset + normal * side * (spec.width / 2 - 1.1)
            builder.box(base, (0.8, 0.8, 1.0), yaw, "pedestal")
            work = middle + along * offset
            builder.robot(
                base,
                yaw - side * np.pi / 2,
                "paint" if section.kind == "booth" else "sealing",
                spec.workshop,
                1.0,
                target=(work[0], work[1], PAINT_PRODUCT_Z),
                target_yaw=yaw,
            )
        if section.kind == "booth":
            painted = True
        if section.kind != "oven" and section.kind != "pretreatment":
            for k in range(max(1, int(section.length // 7.0))):
                at = spec.start + along * (position + 3.5 + k * 7.0)
                kind = "painted_body" if painted else "body"
                _product(builder, kind, at, yaw, PAINT_PRODUCT_Z, body_index)
                body_index += 1
        position += section.length + specs.PAINT_SECTION_GAP


@add_equipment.register
def _(spec: specs.Conveyor, builder: PartsBuilder) -> None:
    points = spec.points
    overhead = spec.kind == "overhead"
    travelled = 0.0
    next_carrier = spec.carrier_pitch / 2
    index = 0
    for a, b in zip(points[:-1], points[1:], strict=True):
        length = float(np.linalg.norm(b - a))
        if length < 1e-6:
            continue
        direction = (b - a) / length
        yaw = float(np.arctan2(direction[1], direction[0]))
        if overhead:
            builder.box((a + b) / 2, (length, 0.4, 0.45), yaw, "rail", spec.height)
            for k in range(int(length // 10) + 1):
                builder.box(a + direction * k * 10.0, (0.35, 0.35, spec.height), yaw, "support")
        else:
            builder.box((a + b) / 2, (length, 1.4, spec.height), yaw, "conveyor")
        while spec.carries != "none" and builder.products and next_carrier <= travelled + length:
            at = a + direction * (next_carrier - travelled)
            z = conveyor_product_z(spec)
            if overhead:
                builder.box(at, (0.25, 0.25, 1.2), yaw, "hanger", z + SU7.height)
            _product(builder, spec.carries, at, yaw, z, index)
            next_carrier += spec.carrier_pitch
            index += 1
        travelled += length


@add_equipment.register
def _(spec: specs.AgvLane, builder: PartsBuilder) -> None:
    points = np.vstack([spec.points, spec.points[:1]])
    steps = np.linalg.norm(np.diff(points, axis=0), axis=1)
    total = float(steps.sum())
    cumulative = np.concatenate([[0.0], np.cumsum(steps)])
    cargo = {"pack": "pack", "packs": "pack", "cells": "cells"}.get(spec.carries, "parts")
    for k in range(spec.agvs):
        s = (k + 0.5) * total / spec.agvs
        i = int(np.searchsorted(cumulative, s, side="right") - 1)
        i = min(i, len(steps) - 1)
        direction = (points[i + 1] - points[i]) / max(steps[i], 1e-9)
        at = points[i] + direction * (s - cumulative[i])
        builder.agv(at, float(np.arctan2(direction[1], direction[0])), cargo)


_RACK_CONTENT_HEIGHT = {
    "dies": 0.55,
    "panels": 0.75,
    "parts": 0.7,
    "packs": 0.8,
    "cells": 0.7,
    "tables": 0.75,
}


@add_equipment.register
def _(spec: specs.RackArea, builder: PartsBuilder) -> None:
    along, normal, yaw = heading_frame(spec.heading_deg)
    depth, width, height = spec.rack_size
    role = {"packs": "pack"}.get(spec.content, spec.content)
    role = "die" if role == "dies" else role
    for r in range(spec.rows):
        for c in range(spec.cols):
            at = spec.origin + along * c * spec.pitch[0] + normal * r * spec.pitch[1]
            if spec.content == "tables":
                builder.box(at, (depth, width, height), yaw, "table")
                continue
            if spec.content == "dies":  # dies stand on the floor, stacked two high
                builder.box(at, (depth, width, height / 2), yaw, "die")
                builder.box(at, (depth * 0.9, width * 0.9, height / 2), yaw, "die", height / 2)
                continue
            builder.box(at, (depth, width, 0.12), yaw, "rack")
            for level in range(int(height // 1.6) + 1):
                builder.box(
                    at,
                    (depth * 0.9, width * 0.9, _RACK_CONTENT_HEIGHT[spec.content]),
                    yaw,
                    role,
                    0.15 + level * 1.6,
                )
            builder.box(at, (depth, width, 0.1), yaw, "rack", height)


def add_lots(builder: PartsBuilder, plant: Plant) -> None:
    """Finished cars parked in rows in each lot."""
    for lot in plant.lots:
        (x0, y0), (x1, y1) = lot.footprint.min(axis=0), lot.footprint.max(axis=0)
        cols = max(1, int((x1 - x0 - 4) // 2.8))
        placed = 0
        row = 0
        while placed < lot.cars and y0 + 4 + row * 7.5 < y1 - 3:
            for c in range(cols):
                if placed >= lot.cars:
                    break
                at = np.array([x0 + 3.4 + c * 2.8, y0 + 5 + row * 7.5])
                builder.car(
                    at, np.pi / 2 if row % 2 else -np.pi / 2, FINISHED_CAR, _color(placed * 7 + row)
                )
                placed += 1
            row += 1


def plant_parts(plant: Plant) -> PlantParts:
    """Every repeated part of the plant as arrays: structure, equipment, lots."""
    builder = PartsBuilder()
    add_structures(builder, plant)
    flowing = {name for flow in plant.flows for stage in flow.stages for name in stage}
    for spec in plant.equipment:
        builder.equipment = spec.id
        builder.products = spec.id not in flowing
        add_equipment(spec, builder)
    builder.equipment, builder.products = "", True
    add_lots(builder, plant)
    return builder.build()


def robots_by_workshop(parts: PlantParts) -> dict[str, int]:
    """Number of robots in each workshop."""
    names, counts = np.unique(parts.robots.workshop, return_counts=True)
    return {str(name): int(count) for name, count in zip(names, counts, strict=True)}
