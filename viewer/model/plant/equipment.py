"""Expand the layout's equipment entries into the repeated parts the scene instances.

:func:`plant_parts` is the entry point: every robot, press, booth, conveyor, rack, car body and
AGV of the plant, as flat arrays (:class:`~viewer.model.plant.parts.PlantParts`).

Examples
--------
>>> from viewer.model.plant.layout import load_plant
>>> parts = plant_parts(load_plant())
>>> len(parts.robots) >= 700
True
"""

from __future__ import annotations

from functools import singledispatch

import numpy as np

from viewer.model.cars.car import BODY_IN_WHITE as BIW_COLOR
from viewer.model.cars.car import SU7, SU7_COLORS
from viewer.model.geometry import heading_frame
from viewer.model.plant import equipment_specs as specs
from viewer.model.plant.boarding_bay import add_boarding_bay
from viewer.model.plant.cell_contents import add_cell_contents, fixture_place
from viewer.model.plant.conveyor_bridges import add_conveyor_bridges
from viewer.model.plant.die_casting import add_die_cast_cell
from viewer.model.plant.enclosures import (
    fenced_rectangle,
    gallery,
    glazed_wall,
    hanging_screen,
    mesh_fence,
    railing,
    rectangle,
    screen_on_post,
    stairs,
)
from viewer.model.plant.final_assembly import add_kitting_lane, dress_station_line
from viewer.model.plant.layout import Plant
from viewer.model.plant.paint_booth import air_supply_house, paint_booth
from viewer.model.plant.parts import (
    BODY_IN_WHITE,
    FINISHED_CAR,
    PAINTED_BODY,
    PartsBuilder,
    PlantParts,
)
from viewer.model.plant.press_frame import BOLSTER, PANEL, press_heights
from viewer.model.plant.stores import add_block_area, add_rack_area
from viewer.model.plant.structure import add_structures
from viewer.model.plant.surroundings import lot_cars
from viewer.model.plant.track_bridge import add_bridge
from viewer.model.plant.track_dressing import add_track_dressing

ROBOT_SIDE_OFFSET = 2.9  # robot base to line centre (m): a 5 m body within a 2.7 m reach
PEDESTAL_HEIGHT = 0.4
PRESS_WINDOWS = (0.2, 3.9)  # m: a press line's sound fence is glass from a kerb to a slim rail
PRESS_MULLION_PITCH = 4.0  # m between the slim posts of its glass
_COLORS = list(SU7_COLORS.values())
TUNNEL_BODY = "enclosure"  # a light tunnel's skirts, wall and roof: light grey panels
TUNNEL_FLOOR = "die"  # its floor: dark grey steel plate under the car


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


OVERHEAD_POST_OFFSET = 1.8  # m: an overhead conveyor's posts beside its rail, past a body's side
PAINT_PRODUCT_Z = 0.45  # bodies ride on the paint line's floor conveyor
PAINT_ZONE_MARGIN = 4.0  # m: an enclosed paint line's marked floor zone beyond its sides


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
        builder.box(middle, (length, spec.conveyor_width, 0.45), yaw, "conveyor")
    elif overhead:
        builder.box(middle, (length, 0.35, 0.4), yaw, "rail", spec.conveyor_height)
        for k in range(int(length // 12) + 1):
            post = spec.start + along * min(k * 12.0, length) + normal * 1.6
            builder.box(post, (0.3, 0.3, spec.conveyor_height + 0.4), yaw, "support")
    fenced = spec.robot_task in ("spot_weld", "laser_weld", "sealing", "gluing")
    if fenced and spec.robots_per_station:
        builder.box(middle, (length, 2 * (ROBOT_SIDE_OFFSET + 1.9), 0.03), yaw, "platform")
        for side in (1, -1):
            offset = normal * side * (ROBOT_SIDE_OFFSET + 1.9)
            mesh_fence(builder, spec.start + offset, spec.start + along * length + offset)
    for index in spec.framing_stations:
        _framing_gate(builder, spec.start + along * (index + 0.5) * spec.pitch, along, normal, yaw)
    if spec.andon_pitch > 0:
        for k in range(int(length // spec.andon_pitch)):
            hanging_screen(builder, spec.start + along * (k + 0.5) * spec.andon_pitch, yaw)
    dress_station_line(spec, builder)
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
            _welding_jig(builder, center, along, normal, yaw, product_z, spec.pitch)
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


JIG_CLEARANCE = 0.05  # m between a welding jig's rails and clamps and the body's sides


def _welding_jig(
    builder: PartsBuilder,
    center: np.ndarray,
    along: np.ndarray,
    normal: np.ndarray,
    yaw: float,
    product_z: float,
    pitch: float,
) -> None:
    """A welding station's jig: it holds the body from below and from the sides and leaves its
    volume clear, so that the body stands in it whole, seen above the jig's low rails.

    Two base rails along the sills, just outside the body's width and below its underside; four
    clamp units rising beside the sills to a little above the body's underside (locating pins
    and side clamps), all at least ``JIG_CLEARANCE`` from the body's sides.
    """
    rail_width = 0.3
    lateral = SU7.width / 2 + JIG_CLEARANCE + rail_width / 2
    rail_height = max(product_z - 0.05, 0.2)
    for side in (1, -1):
        builder.box(
            center + normal * side * lateral,
            (min(pitch * 0.6, SU7.length * 0.8), rail_width, rail_height),
            yaw,
            "fixture",
        )
        for end in (1, -1):  # clamp units at the front and rear of the sills
            clamp = center + along * end * SU7.length * 0.3 + normal * side * lateral
            builder.box(clamp, (0.25, 0.22, product_z + 0.3), yaw, "fixture")


def _framing_gate(
    builder: PartsBuilder, center: np.ndarray, along: np.ndarray, normal: np.ndarray, yaw: float
) -> None:
    """A framing station: four towers round the body, beams over it, clamp arms at its sides."""
    for a in (1, -1):
        for n in (1, -1):
            builder.box(
                center + along * a * 1.8 + normal * n * 1.7, (0.6, 0.6, 3.4), yaw, "fixture"
            )
        builder.box(center + along * a * 1.8, (0.6, 4.0, 0.6), yaw, "fixture", 3.4)
        builder.box(center + normal * a * 1.7, (4.2, 0.5, 0.5), yaw, "fixture", 3.4)
        builder.box(center + normal * a * 1.45, (2.6, 0.3, 0.5), yaw, "machine", 1.3)


@add_equipment.register
def _(spec: specs.RobotCell, builder: PartsBuilder) -> None:
    builder.box(spec.center, (5.4, 2.4, 0.6), 0.0, "fixture")
    _product(builder, spec.product, spec.center, 0.0, 0.6, 0)
    # The cell's floor plate inside a mesh fence round the ring of robots.
    size = (2 * spec.radius * 1.35 + 5.0, 2 * spec.radius + 5.0)
    builder.box(spec.center, (*size, 0.03), 0.0, "platform")
    fenced_rectangle(builder, spec.center, np.array([1.0, 0.0]), np.array([0.0, 1.0]), size)
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
        _press(builder, spec, center, press.size, along, normal, yaw)
        depth, width, _ = press.size
        # Its control cabinet end-on beside the outlet upright: the bed and bolster stay in view
        cabinet = center + along * (depth / 2 - 0.8) - normal * (width / 2 + 1.4)
        builder.box(cabinet, (0.8, 2.0, 2.1), yaw, "cabinet")
        if index == 0:  # the die-change cart on its rails, beside the draw press
            cart = center + normal * (width / 2 + 6)
            for rail in (1, -1):
                builder.box(
                    center + normal * (width / 2 + 5) + along * rail * depth * 0.3,
                    (0.25, 10.0, 0.12),
                    yaw,
                    "rail",
                )
            builder.box(cart, (depth * 0.8, 4.5, 1.1), yaw, "machine")
            builder.box(cart, (depth * 0.7, 3.6, 0.9), yaw, "die", 1.1)
        else:  # the press's hydraulic and lubrication unit
            builder.box(center + normal * (width / 2 + 2.6), (3.2, 2.4, 2.4), yaw, "machine")
            previous = spec.presses[index - 1]
            _crossbar(builder, spec, center, press.size, previous.size, along, yaw)
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
    if spec.enclosure > 0:  # sound fence with windows, from the destacker to the last press
        first = spec.start - along * 12
        last = end + along * 1.5
        floor = (
            (first + last) / 2,
            (float(np.linalg.norm(last - first)), 2 * spec.enclosure, 0.03),
        )
        builder.box(floor[0], floor[1], yaw, "platform")
        for side in (1, -1):
            offset = normal * side * spec.enclosure
            glazed_wall(
                builder,
                first + offset,
                last + offset,
                4.0,
                window=PRESS_WINDOWS,
                mullion_pitch=PRESS_MULLION_PITCH,
            )
        end_wall = (first + normal * spec.enclosure, first - normal * spec.enclosure)
        glazed_wall(
            builder, *end_wall, 4.0, window=PRESS_WINDOWS, mullion_pitch=PRESS_MULLION_PITCH
        )


UPRIGHT = (1.6, 1.8)  # m: a press upright's size along and across the line
BOLSTER_RAIL_RUN = 4.5  # m: the moving bolster's rails reach this far out of each side
CURTAIN_POST = (0.12, 2.2)  # m: a light curtain post's side and height, at each side opening
PIT_MARGIN = 2.0  # m: the pit's cover round the press, beyond its bed


def _press(
    builder: PartsBuilder,
    spec: specs.PressLine,
    center: np.ndarray,
    size: np.ndarray,
    along: np.ndarray,
    normal: np.ndarray,
    yaw: float,
) -> None:
    """One transfer press, in the maker's scheme (light grey frame, blue crown): bed, four
    uprights open along the line, the crown with its drive housing and flywheel cover on top;
    in its window the moving bolster (on rails out of both sides), the lower die and a stamped
    panel, which the slide and upper die (moving: viewer.model.motion.machines) come down to;
    light curtain posts at the side openings; the pit's cover and rail."""
    depth, width, height = (float(v) for v in size)
    z = press_heights(height, spec.stroke, spec.die_height)
    window = width - 2 * UPRIGHT[1]  # between the uprights, across the line
    builder.box(center, (depth, width, z.bed_top), yaw, "press")  # bed
    for a in (1, -1):
        for n in (1, -1):
            at = center + along * a * (depth - UPRIGHT[0]) / 2
            at = at + normal * n * (width - UPRIGHT[1]) / 2
            # Up through the crown: its top a tie rod's cap at the crown's corner, the press's
            # full height (the crown itself ends lower, the drive housing over it).
            builder.box(at, (*UPRIGHT, height), yaw, "press")
    crown = height - z.crown_bottom
    builder.box(center, (depth + 0.4, width + 0.4, crown * 0.8), yaw, "press_crown", z.crown_bottom)
    top = z.crown_bottom + crown * 0.8  # drive housing, then the flywheel cover at one side
    builder.box(center, (depth * 0.55, width * 0.45, crown * 0.2), yaw, "press", top)
    flywheel = center + normal * width * 0.18
    builder.box(flywheel, (depth * 0.5, width * 0.22, crown * 0.35), yaw, "press_crown", height)
    # The moving bolster on the bed and its two rails across the line, out of both sides.
    builder.box(
        center, (depth - 2 * UPRIGHT[0] + 0.6, window, BOLSTER), yaw, "press_slide", z.bed_top
    )
    for a in (1, -1):
        rail = center + along * a * depth * 0.25
        builder.box(rail, (0.3, width + 2 * BOLSTER_RAIL_RUN, 0.1), yaw, "rail")
    builder.box(
        center, (depth * 0.55, window * 0.75, spec.die_height), yaw, "die_green", z.bolster_top
    )
    builder.box(center, (depth * 0.45, window * 0.6, PANEL), yaw, "panels", z.die_top)
    for n in (1, -1):  # light curtain posts either side of each side opening
        for a in (1, -1):
            at = (
                center + normal * n * (width / 2 + 0.6) + along * a * (depth / 2 - UPRIGHT[0] - 0.2)
            )
            builder.box(at, (CURTAIN_POST[0], CURTAIN_POST[0], CURTAIN_POST[1]), yaw, "guard")
    if spec.pits:  # the press stands in a pit: cover plates and a rail along its open sides
        pit = (depth + 2 * PIT_MARGIN, width + 2 * PIT_MARGIN)
        builder.box(center, (*pit, 0.04), yaw, "platform")
        for a, b in rectangle(center, along, normal, pit)[:2]:
            railing(builder, a, b, 0.0, post_pitch=max(pit))


def _crossbar(
    builder: PartsBuilder,
    spec: specs.PressLine,
    center: np.ndarray,
    size: np.ndarray,
    previous: np.ndarray,
    along: np.ndarray,
    yaw: float,
) -> None:
    """The crossbar transfer between a press and the one before it: a feeder beam on each side
    from upright to upright at the dies' height, the crossbar across them with its tooling
    holding a panel."""
    low = min(float(size[2]), float(previous[2]))
    z = press_heights(low, spec.stroke, spec.die_height)
    gap_start = spec.spacing - float(previous[0]) / 2  # from this press's centre, back along
    gap_end = float(size[0]) / 2
    middle = center - along * (gap_start + gap_end) / 2
    length = gap_start - gap_end + 2 * UPRIGHT[0]
    width = min(float(size[1]), float(previous[1])) - 2 * UPRIGHT[1]
    normal = np.array([-along[1], along[0]])
    beam_z = z.upper_die_high + 0.6
    for n in (1, -1):
        builder.box(
            middle + normal * n * (width / 2 - 0.3), (length, 0.5, 0.6), yaw, "press_crown", beam_z
        )
    builder.box(middle, (0.4, width, 0.35), yaw, "press_slide", beam_z + 0.1)
    builder.box(middle, (1.8, width * 0.6, PANEL), yaw, "panels", beam_z - 0.1)


@add_equipment.register
def _(spec: specs.DieCastCell, builder: PartsBuilder) -> None:
    add_die_cast_cell(spec, builder)  # the machine and its cell (viewer.model.plant.die_casting)


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
    body_index = booths = 0
    if spec.enclosed:  # the line's clean zone: a marked floor round its tanks, booths and ovens
        zone = (spec.length, spec.width + 2 * PAINT_ZONE_MARGIN, 0.02)
        builder.box(spec.start + along * spec.length / 2, zone, yaw, "platform")
    for section in spec.sections:
        middle = spec.start + along * (position + section.length / 2)
        if spec.enclosed:
            _enclosed_section(builder, spec, section, middle, along, normal, yaw)
        else:
            role = _SECTION_ROLE[section.kind]
            size = (section.length, spec.width, _SECTION_HEIGHT[section.kind])
            builder.box(middle, size, yaw, role)
        builder.box(middle, (section.length, 1.2, 0.45), yaw, "conveyor")
        per_side = (section.robots + 1) // 2
        on_rails = spec.enclosed and section.kind == "booth"
        if on_rails and section.robots:
            for side in (1, -1):  # the robots' rails along both walls
                rail = middle + normal * side * (spec.width / 2 - 1.1)
                builder.box(rail, (section.length - 1.0, 0.9, 0.3), yaw, "rail")
        for j in range(section.robots):
            side = 1 if j % 2 == 0 else -1
            slot = j // 2
            offset = (slot + 0.5) / max(per_side, 1) * section.length - section.length / 2
            base = middle + along * offset + normal * side * (spec.width / 2 - 1.1)
            if not on_rails:  # on rails, the carriage moves with the robot (rail_travel)
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
            if spec.enclosed and spec.air_supply:
                size = (section.length, spec.width, _SECTION_HEIGHT["booth"])
                outward = normal * spec.air_supply
                air_supply_house(builder, middle, along, outward, yaw, size, booths)
            booths += 1
        if section.kind != "oven":  # (in the dip tanks: their tops above the bath)
            for k in range(max(1, int(section.length // 7.0))):
                at = spec.start + along * (position + 3.5 + k * 7.0)
                kind = "painted_body" if painted else "body"
                _product(builder, kind, at, yaw, PAINT_PRODUCT_Z, body_index)
                body_index += 1
        position += section.length + specs.PAINT_SECTION_GAP


def _enclosed_section(
    builder: PartsBuilder,
    spec: specs.PaintLine,
    section: specs.PaintSection,
    middle: np.ndarray,
    along: np.ndarray,
    normal: np.ndarray,
    yaw: float,
) -> None:
    """A paint line section as a visitor sees it: walls with a window band, tanks, ovens."""
    length, width = section.length, spec.width
    half = along * length / 2
    height = _SECTION_HEIGHT[section.kind]
    if section.kind == "pretreatment":  # dip tanks one after another, the carrier rail above
        tanks = max(1, int(length // 7.0))
        run = length / tanks
        for k in range(tanks):
            at = middle - half + along * (k + 0.5) * run
            bath = "ed_bath" if k == tanks - 1 and tanks > 1 else "pt_bath"  # the last: e-coat
            builder.box(at, (run - 2 * TANK_WALL, width - 1.0, BATH), yaw, bath)
        _tank_walls(builder, middle, along, normal, yaw, (length, width - 1.0))
        builder.box(middle, (length, 0.5, 0.5), yaw, "rail", 5.2)
        for k in sorted({0, tanks // 2, tanks}):  # the carrier rail's portals
            for n in (1, -1):
                post = middle - half + along * k * run + normal * n * (width / 2 - 0.2)
                builder.box(post, (0.35, 0.35, 5.7), yaw, "support")
    elif section.kind == "oven":
        _oven(builder, middle, along, normal, yaw, (length, width, height))
    elif section.kind == "inspection":  # the light tunnel
        _light_tunnel(builder, middle, along, normal, yaw, (length, width, 3.6), spec.tunnel_wall)
    elif section.kind == "booth":  # white booth: tall windows, lit ceiling (and far wall)
        paint_booth(builder, middle, along, normal, yaw, (length, width, height), spec.tunnel_wall)
    else:  # sealing: a low deck
        builder.box(middle, (length, width, 0.3), yaw, "fixture")


TANK_RIM = 1.6  # m: a dip tank's rim above the floor
BATH = 1.3  # m: its bath's surface: a body on the line's conveyor dips in to its windows
TANK_WALL = 0.25  # m: a tank's wall thickness
OVEN_MODULE = 12.0  # m: an oven's insulated panel modules, a seam band between two
STACK_PITCH = 12.0  # m between an oven's exhaust stacks on its roof


def _tank_walls(
    builder: PartsBuilder,
    middle: np.ndarray,
    along: np.ndarray,
    normal: np.ndarray,
    yaw: float,
    size: tuple[float, float],
) -> None:
    """The walls round a row of open dip tanks of ``size`` (length, width) in all, centred on
    ``middle``, up to :data:`TANK_RIM`: two long side walls and the two ends (between two tanks
    the floor shows in the gap between their baths). The baths (up to :data:`BATH`) are the
    line's; bodies pass through them with their tops out of the bath."""
    length, width = size
    for n in (1, -1):
        side = middle + normal * n * (width / 2 + TANK_WALL / 2)
        builder.box(side, (length, TANK_WALL, TANK_RIM), yaw, "tank")
    for end in (1, -1):
        at = middle + along * end * (length / 2 - TANK_WALL / 2)
        builder.box(at, (TANK_WALL, width, TANK_RIM), yaw, "tank")


def _oven(
    builder: PartsBuilder,
    middle: np.ndarray,
    along: np.ndarray,
    normal: np.ndarray,
    yaw: float,
    size: tuple[float, float, float],
) -> None:
    """A curing oven of ``size``: a long insulated tunnel of light panels, a seam band round it
    every :data:`OVEN_MODULE` m, a taller air-seal hood over each mouth, exhaust stacks on its
    roof every :data:`STACK_PITCH` m (ceiling gear: seen from the floor, not from above)."""
    length, width, height = size
    builder.box(middle, (length, width, height), yaw, "oven")
    modules = max(1, round(length / OVEN_MODULE))
    for k in range(1, modules):
        at = middle + along * (k * length / modules - length / 2)
        builder.box(at, (0.2, width + 0.12, height + 0.06), yaw, "support")
    for end in (1, -1):
        mouth = middle + along * end * (length / 2 - 1.0)
        builder.box(mouth, (2.0, width + 0.5, height + 0.8), yaw, "air_house")
    stacks = max(1, int(length // STACK_PITCH))
    for k in range(stacks):
        at = middle + along * ((k + 0.5) * length / stacks - length / 2)
        builder.box(at - normal * width * 0.25, (1.0, 1.0, 3.0), yaw, "duct", height)


def _light_tunnel(
    builder: PartsBuilder,
    center: np.ndarray,
    along: np.ndarray,
    normal: np.ndarray,
    yaw: float,
    size: tuple[float, float, float],
    wall: int = 0,
) -> None:
    """Arches of white light strips (drawn glowing) over a dark grey floor, with low light
    grey skirts along the sides; ``wall`` 1 or -1: a dark wall along the left or right side,
    behind the strips, and a roof over them (the white arches read against them)."""
    length, width, height = size
    builder.box(center, (length, width, 0.03), yaw, TUNNEL_FLOOR)
    if wall:  # a dark wall and roof behind the glowing strips
        back = center + normal * wall * (width / 2 + 0.3)
        builder.box(back, (length, 0.1, height), yaw, "tunnel_wall")
        builder.box(center, (length, width + 0.7, 0.1), yaw, "tunnel_wall", height + 0.25)
        for t in (-0.3, 0.0, 0.3):  # strips of light along the roof's underside, over the car
            at = center + normal * t * width
            builder.box(at, (length, 0.2, 0.1), yaw, "light_tunnel", height + 0.15)
    for n in (1, -1):  # low skirts: the striped arches stay in view from outside
        builder.box(center + normal * n * (width / 2 + 0.3), (length, 0.1, 1.0), yaw, TUNNEL_BODY)
    arches = max(2, int(length // 1.4))
    for k in range(arches):
        at = center + along * ((k + 0.5) * length / arches - length / 2)
        for n in (1, -1):
            builder.box(at + normal * n * width / 2, (0.25, 0.25, height), yaw, "light_tunnel")
        builder.box(at, (0.25, width, 0.25), yaw, "light_tunnel", height)


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
            beside = np.array([-direction[1], direction[0]]) * OVERHEAD_POST_OFFSET
            for k in range(int(length // 10) + 1):  # posts beside the rail, clear of the bodies
                post = a + direction * k * 10.0
                builder.box(post + beside, (0.35, 0.35, spec.height), yaw, "support")
                builder.box(
                    post + beside / 2,
                    (0.3, OVERHEAD_POST_OFFSET + 0.2, 0.3),
                    yaw,
                    "support",
                    spec.height + 0.1,
                )  # the bracket over to the rail
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


@add_equipment.register
def _(spec: specs.RackArea, builder: PartsBuilder) -> None:
    add_rack_area(spec, builder)


@add_equipment.register
def _(spec: specs.FencedCell, builder: PartsBuilder) -> None:
    along, normal, yaw = heading_frame(spec.heading_deg)
    length, width = spec.size
    per_side = (spec.robots + 1) // 2
    for k in range(spec.count):
        c = spec.center + along * k * spec.pitch
        builder.box(c, (length, width, 0.03), yaw, "platform")  # floor plate
        shared = k > 0 and spec.pitch <= length + 0.5  # side by side: one wall between two
        if spec.walls == "mesh":
            fenced_rectangle(builder, c, along, normal, (length, width), open_end=shared)
        else:  # a closed enclosure with a window band all round
            for a, b in rectangle(c, along, normal, (length, width))[: 3 if shared else 4]:
                glazed_wall(builder, a, b, 3.2)
        if spec.contents:  # machines and the flow of parts round one robot in the middle
            add_cell_contents(
                builder, c, spec.heading_deg, spec.contents, spec.product, (length / 2, width / 2)
            )
            if spec.robots:
                fa, fn = fixture_place()
                builder.box(c, (0.9, 0.9, spec.riser), yaw, "pedestal")
                builder.robot(
                    c,
                    yaw + np.arctan2(fn, fa),
                    spec.robot_task,
                    spec.workshop,
                    spec.riser,
                    station=k,
                    target=(*(c + along * fa + normal * fn), 0.55),
                    target_yaw=yaw,
                )
        elif spec.robots or spec.product != "none":  # the fixture holding the workpiece
            fixture = (min(length * 0.45, 5.4), min(width * 0.3, 2.4), 0.55)
            builder.box(c, fixture, yaw, "fixture")
            _product(builder, spec.product, c, yaw, 0.55, k)
        if spec.framing:
            _framing_gate(builder, c, along, normal, yaw)
        for j in range(0 if spec.contents else spec.robots):
            side = 1 if j % 2 == 0 else -1
            slot = j // 2
            count = per_side if side == 1 else spec.robots // 2
            offset = (slot - (count - 1) / 2) * min(2.4, (length - 2.0) / max(count, 1))
            base = c + normal * side * min(ROBOT_SIDE_OFFSET, width / 2 - 0.8) + along * offset
            builder.box(base, (0.9, 0.9, spec.riser), yaw, "pedestal")
            builder.robot(
                base,
                yaw - side * np.pi / 2,
                spec.robot_task,
                spec.workshop,
                spec.riser,
                station=k,
                target=(c[0], c[1], 0.55),
                target_yaw=yaw,
            )
        if spec.controllers and spec.robots:
            cabinets = (min(length - 2.0, 0.9 * spec.robots), 0.7, 1.9)
            builder.box(c + normal * (width / 2 + 0.7), cabinets, yaw, "cabinet")


@add_equipment.register
def _(spec: specs.Platform, builder: PartsBuilder) -> None:
    along, normal, yaw = heading_frame(spec.heading_deg)
    length, width, h = spec.length, spec.width, spec.height
    middle = spec.start + along * length / 2
    builder.box(middle, (length, width, 0.25), yaw, "platform", h - 0.25)
    posts = max(1, int(np.ceil(length / 12.0)))
    for k in range(posts + 1):
        for n in (1, -1):
            at = spec.start + along * k * length / posts + normal * n * (width / 2 - 0.2)
            builder.box(at, (0.35, 0.35, h - 0.25), yaw, "support")
    for n in (1, -1):
        edge = spec.start + normal * n * width / 2
        railing(builder, edge, edge + along * length, h)
    if spec.cabinet_pitch > 0:  # controllers and weld cabinets in a row on the deck
        for k in range(int(length // spec.cabinet_pitch)):
            at = spec.start + along * (k + 0.5) * spec.cabinet_pitch + normal * (width / 2 - 1.0)
            builder.box(at, (spec.cabinet_pitch * 0.7, 0.8, 2.1), yaw, "cabinet", h)
        builder.box(
            middle - normal * (width / 2 - 1.2), (length, 0.6, 0.12), yaw, "cable_tray", h + 2.4
        )
    if spec.stairs:
        stairs(builder, spec.start - along * 0.1 - normal * (width / 2 - 0.8), -along, h)


_LINE_SIDE_SIZE = {"rack": (2.4, 1.0), "trolley": (1.6, 0.8), "bins": (1.6, 0.8)}


@add_equipment.register
def _(spec: specs.LineSide, builder: PartsBuilder) -> None:
    along, normal, yaw = heading_frame(spec.heading_deg)
    sides = {"both": (1, -1), "left": (1,), "right": (-1,)}[spec.sides]
    count = max(1, int(spec.length // spec.pitch))
    for side in sides:
        if spec.zone:  # the marked strip the row stands on
            strip = spec.start + along * spec.length / 2 + normal * side * spec.offset
            depth = max(_LINE_SIDE_SIZE[item][1] for item in spec.items) + 2.0  # and the walk
            builder.box(strip, (spec.length, depth, 0.02), yaw, "platform")
        for k in range(count):
            at = spec.start + along * (k + 0.5) * spec.pitch + normal * side * spec.offset
            item = spec.items[k % len(spec.items)]
            depth, width = _LINE_SIDE_SIZE[item]
            depth = min(depth, spec.pitch * 0.9)
            if item == "rack":  # a flow rack: its frame, the parts boxes on its shelves
                builder.box(at, (depth, width, 1.8), yaw, "rack")
                builder.box(at - normal * side * 0.1, (depth * 0.92, width, 1.5), yaw, "parts", 0.2)
            elif item == "trolley":
                builder.box(at, (depth, width, 0.35), yaw, "trolley", 0.15)
                builder.box(at, (depth * 0.9, width * 0.9, 0.7), yaw, "parts", 0.5)
            else:  # bins on a low table
                builder.box(at, (depth, width, 0.8), yaw, "rack")
                builder.box(at, (depth * 0.9, width * 0.9, 0.3), yaw, "parts", 0.8)


@add_equipment.register
def _(spec: specs.Booth, builder: PartsBuilder) -> None:
    along, normal, yaw = heading_frame(spec.heading_deg)
    width = spec.size[1]
    for k in range(spec.count):
        c = spec.center + along * k * spec.pitch
        _booth(builder, spec.kind, c, along, normal, yaw, spec.size, k)
        for i in range(spec.screens):
            at = c - normal * (width / 2 + 0.8) + along * (i - (spec.screens - 1) / 2) * 1.4
            screen_on_post(builder, at, yaw)


def _booth(
    builder: PartsBuilder,
    kind: str,
    c: np.ndarray,
    along: np.ndarray,
    normal: np.ndarray,
    yaw: float,
    size: np.ndarray,
    index: int,
) -> None:
    """One booth of ``kind`` (see :data:`~viewer.model.plant.equipment_specs.BOOTH_KINDS`)."""
    length, width, height = (float(v) for v in size)
    sides = rectangle(c, along, normal, (length, width))
    if kind not in ("light_tunnel", "alignment", "dyno"):  # those have their own dark floor
        builder.box(c, (length, width, 0.03), yaw, "platform")
    if kind == "light_tunnel":
        _light_tunnel(builder, c, along, normal, yaw, (length, width, height))
        _product(builder, "car", c, yaw, 0.0, index)
    elif kind in ("rain_test", "xray"):  # closed: walls (with windows for the rain test), roof
        for a, b in sides[:2]:
            if kind == "rain_test":
                glazed_wall(builder, a, b, height)
            else:
                builder.box((a + b) / 2, (length, 0.3, height), yaw, "enclosure")
        for a, b in sides[2:]:
            builder.box((a + b) / 2, (0.3, width, height), yaw, "enclosure")
        builder.box(c, (length, width, 0.3), yaw, "enclosure", height)
        _product(builder, "car" if kind == "rain_test" else "underbody", c, yaw, 0.0, index)
    elif kind in ("alignment", "dyno"):  # a stand over a pit, its cabinet and its car
        builder.box(c, (length, width, 0.04), yaw, "die")
        for n in (1, -1):
            builder.box(c + normal * n * 0.8, (length * 0.8, 0.7, 0.35), yaw, "machine")
        if kind == "dyno":
            builder.box(c + along * (length / 2 - 0.8), (1.2, 1.6, 1.8), yaw, "machine")
        builder.box(c + normal * (width / 2 - 0.5), (1.6, 0.7, 2.0), yaw, "cabinet")
        _product(builder, "car", c, yaw, 0.35, index)
    elif kind == "scanner":  # a blue gantry of scanners over a conveyor, glazed on three sides
        builder.box(c, (length, 1.6, 0.8), yaw, "conveyor")
        for a in (1, -1):
            for n in (1, -1):
                builder.box(
                    c + along * a * length * 0.2 + normal * n * 1.6, (0.5, 0.5, 3.0), yaw, "scanner"
                )
        builder.box(c, (length * 0.45, 3.7, 0.5), yaw, "scanner", 3.0)
        for a, b in sides[:3]:
            glazed_wall(builder, a, b, height)
    elif kind == "marriage":  # columns and a lifting table under the hanging body
        for a in (1, -1):
            for n in (1, -1):
                builder.box(
                    c + along * a * (length / 2 - 0.4) + normal * n * (width / 2 - 0.4),
                    (0.8, 0.8, height),
                    yaw,
                    "marriage",
                )
        builder.box(c, (length * 0.6, width * 0.5, 1.1), yaw, "marriage")
        builder.box(c, (length, 0.8, 0.6), yaw, "marriage", height)
        _product(builder, "pack", c, yaw, 1.1, index)
    else:  # test station: a bench with cabinets
        builder.box(c, (length * 0.6, width * 0.5, 0.9), yaw, "fixture")
        builder.box(c + normal * (width / 2 - 0.4), (length * 0.8, 0.7, 2.0), yaw, "cabinet")
        _product(builder, "pack", c, yaw, 0.9, index)


@add_equipment.register
def _(spec: specs.Gallery, builder: PartsBuilder) -> None:
    band = (spec.sill, spec.head, spec.height)
    gallery(builder, spec.start, spec.end, band, spec.mullion_pitch, spec.side)


@add_equipment.register
def _(spec: specs.BlockArea, builder: PartsBuilder) -> None:
    add_block_area(spec, builder)


COUNTER = (0.9, 0.85)  # m: a serving counter's depth and height
GUARD = (0.45, 1.35)  # m: its sneeze guard's top shelf depth and height above the floor
LAMP_BAR = 1.75  # m: the underside of the heat-lamp bar over the dishes
BACK_WALL = 3.4  # m: the height of the wall behind the servers
CUPBOARDS = (0.7, 1.6)  # m: the hot cupboards' depth and height against that wall
MENU = (3.6, 1.0, 1.95)  # m: a menu screen's most width, its height and its bottom's height
_DISHES = ("food", "food_green", "food_red", "food", "food_green")  # in turn along a section
_DRINKS = ("food_red", "food_green", "food")  # the bottles on a fridge's shelves


@add_equipment.register
def _(spec: specs.KittingLane, builder: PartsBuilder) -> None:
    add_kitting_lane(spec, builder)


@add_equipment.register
def _(spec: specs.ServingLine, builder: PartsBuilder) -> None:
    along, normal, yaw = heading_frame(spec.heading_deg)
    out = normal * spec.customers  # towards the customers
    length = spec.length
    middle = spec.start + along * length / 2
    depth, top = COUNTER
    builder.box(middle, (length, depth, top), yaw, "counter")
    builder.box(middle + out * (depth / 2 + 0.15), (length, 0.3, 0.04), yaw, "counter", top - 0.1)
    section = length / spec.sections
    wall = spec.back_wall
    for k in range(spec.sections):
        first = spec.start + along * k * section
        _serving_section(builder, first, along, out, yaw, section, spec.heat_lamps)
        if wall > 0:  # its menu screen on the wall behind the servers, over the cupboards
            screen = first + along * section / 2 - out * (wall - 0.14)
            _menu_screen(builder, screen, along, out, yaw, section)
    if wall > 0:
        builder.box(middle - out * wall, (length + 1.0, 0.2, BACK_WALL), yaw, "accent_wall")
        cupboards = middle - out * (wall - 0.1 - CUPBOARDS[0] / 2)
        builder.box(cupboards, (length, *CUPBOARDS), yaw, "counter")
    end = spec.start + along * length
    for k in range(spec.fridges):  # glass doors lit from inside, bottles on the shelves
        at = end + along * (0.5 + k * 0.95)
        builder.box(at, (0.9, 0.8, 2.0), yaw, "counter")
        door = at + out * 0.41
        builder.box(door, (0.78, 0.03, 1.7), yaw, "fridge", 0.15)
        for shelf, role in enumerate(_DRINKS):
            builder.box(door + out * 0.02, (0.7, 0.02, 0.14), yaw, role, 0.35 + shelf * 0.5)
    if spec.tray_return:  # a stainless front with a dark hatch, the belt in it, a sign above
        at = end + along * (0.5 + spec.fridges * 0.95 + 1.4)
        builder.box(at, (2.4, 0.9, 2.2), yaw, "counter")
        builder.box(at + out * 0.46, (1.9, 0.04, 0.65), yaw, "tray_return", 0.85)
        builder.box(at + out * 0.3, (1.9, 0.4, 0.06), yaw, "conveyor", 0.85)
        builder.box(at + out * 0.47, (1.6, 0.04, 0.3), yaw, "sign", 1.75)


def _serving_section(
    builder: PartsBuilder,
    first: np.ndarray,
    along: np.ndarray,
    out: np.ndarray,
    yaw: float,
    section: float,
    lamps: bool,
) -> None:
    """One section of a serving line from ``first`` along its axis: dishes of food in the
    counter under a heat-lamp bar (if ``lamps``), the glass sneeze guard on posts."""
    depth, top = COUNTER
    middle = first + along * section / 2
    dishes = max(2, int((section - 0.4) // 0.7))
    pitch = (section - 0.4) / dishes
    for j in range(dishes):
        at = first + along * (0.2 + (j + 0.5) * pitch)
        builder.box(at, (pitch - 0.08, 0.55, 0.05), yaw, _DISHES[j % len(_DISHES)], top - 0.02)
    guard = middle + out * (depth / 2 - GUARD[0] / 2)
    builder.box(guard, (section - 0.3, GUARD[0], 0.02), yaw, "sneeze_guard", GUARD[1])
    front = (section - 0.3, 0.02, GUARD[1] - top - 0.15)  # its front pane, down to the dishes
    builder.box(middle + out * (depth / 2 - 0.02), front, yaw, "sneeze_guard", top + 0.15)
    post = (LAMP_BAR + 0.1 if lamps else GUARD[1]) - top
    for end in (0.12, section - 0.12):  # posts carrying the guard and the lamp bar
        builder.box(first + along * end, (0.05, 0.05, post), yaw, "counter", top)
    if lamps:
        builder.box(middle, (section - 0.2, 0.3, 0.1), yaw, "counter", LAMP_BAR)
        builder.box(middle, (section - 0.3, 0.22, 0.02), yaw, "heat_lamp", LAMP_BAR - 0.02)


def _menu_screen(
    builder: PartsBuilder,
    at: np.ndarray,
    along: np.ndarray,
    out: np.ndarray,
    yaw: float,
    section: float,
) -> None:
    """A lit menu screen on the wall at ``at``, facing ``out``, with pictures of three dishes."""
    width, height, bottom = min(MENU[0], section * 0.8), MENU[1], MENU[2]
    builder.box(at, (width + 0.1, 0.06, height + 0.1), yaw, "support", bottom - 0.05)  # frame
    builder.box(at + out * 0.04, (width, 0.03, height), yaw, "menu_screen", bottom)
    for side in (-1, 0, 1):
        picture = at + out * 0.065 + along * side * width / 3
        size = (width * 0.27, 0.02, height * 0.5)
        builder.box(picture, size, yaw, "menu_picture", bottom + height * 0.35)


def add_lots(builder: PartsBuilder, plant: Plant) -> None:
    """Finished cars parked in the bays of each lot, in the SU7's colours
    (:func:`~viewer.model.plant.surroundings.lot_cars`)."""
    for lot in plant.lots:
        placed = lot_cars(lot, lot.id, lot.cars)
        for at, yaw, color in zip(placed.centres, placed.yaw, placed.color, strict=True):
            builder.car(at, float(yaw), FINISHED_CAR, _COLORS[color])


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
    add_conveyor_bridges(builder, plant)
    add_lots(builder, plant)
    if plant.track.bridge is not None:
        add_bridge(builder, plant.track.bridge)
    add_track_dressing(builder, plant.track)
    if plant.boarding is not None:
        add_boarding_bay(builder, plant.boarding)
    return builder.build()


def robots_by_workshop(parts: PlantParts) -> dict[str, int]:
    """Number of robots in each workshop."""
    names, counts = np.unique(parts.robots.workshop, return_counts=True)
    return {str(name): int(count) for name, count in zip(names, counts, strict=True)}
