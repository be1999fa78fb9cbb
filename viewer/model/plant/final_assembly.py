"""Final assembly's dressing as boxes with roles: what makes a line read as a final line.

A final assembly line is mostly people: workers stand on the skillets beside each car with their
tools, and over them hang the tools' balancers and the stations' lights. Along the visitors' lane
a railed walkway edge keeps them off the floor, and behind it kitting carts with blue-grey bins
and a tugger train with its trolleys wait to be pulled to the line.

* :func:`dress_station_line`: over the first ``dress_stations`` stations of a
  :class:`~viewer.model.plant.equipment_specs.StationLine`, a balancer rail over each side,
  ``balancers`` tool balancers per side and station (a cord down from the rail to the tool at a
  worker's hand height), a lamp bar over the car, and on a floor conveyor the skillets' seams (a
  dark gap at each station's end) between two yellow edge lines.
* :func:`add_kitting_lane`: a :class:`~viewer.model.plant.equipment_specs.KittingLane`.

All sizes here are estimates of typical equipment (balancers, carts, tuggers), in metres.
"""

from __future__ import annotations

from typing import Protocol

import numpy as np

from viewer.model.geometry import heading_frame
from viewer.model.plant.enclosures import railing
from viewer.model.plant.parts import PartsBuilder


class StationLine(Protocol):
    """What the dressing reads of a :class:`~viewer.model.plant.equipment_specs.StationLine`
    (the specs read a kitting lane's box count from here: no import back)."""

    start: np.ndarray
    heading_deg: float
    pitch: float
    stations: int
    dress_stations: int
    balancers: int
    conveyor: str
    conveyor_width: float


class KittingLane(Protocol):
    """What the lane reads of a :class:`~viewer.model.plant.equipment_specs.KittingLane`."""

    start: np.ndarray
    end: np.ndarray
    side: int
    offset: float
    cart_pitch: float
    tugger_trolleys: int


BALANCER_RAIL_Z = 4.1  # m: the underside of the balancer rails over the workers
BALANCER_OFFSET = 2.1  # m from the line's axis: over the workers on the skillets
TOOL_Z = 1.55  # m: a hanging tool's underside, about a worker's hand height on a skillet
TOOL_SIZE = (0.22, 0.14, 0.34)  # a nutrunner or screwdriver hanging from its balancer
LAMP_Z = 3.7  # m: the underside of a station's lamp bar over the car
LAMP_SIZE = (3.2, 0.3, 0.08)
SEAM = 0.12  # m: the dark gap between two skillets
SKILLET_TOP = 0.45  # m: the floor conveyor's deck (as equipment.py draws it)
EDGE_WIDTH = 0.12  # m: a yellow edge line

RAIL_POST_PITCH = 2.5  # m between the walkway railing's posts
CART_SIZE = (1.2, 0.8)  # m: a kitting cart's deck, along and across the lane
TUGGER_SIZE = (2.2, 1.1, 1.3)  # m: the tugger (the tractor), along, across, height
TROLLEY_LENGTH = 2.4  # m: one of the tugger train's trolleys, with its drawbar
TRAIN_GAP = 1.0  # m between the train's end and the first cart
CART_BOXES = 6  # a cart's deck, handle and four bins


def dress_station_line(spec: StationLine, builder: PartsBuilder) -> None:
    """Balancers, tools, lamps and skillet seams over the line's first ``dress_stations``."""
    stations = min(spec.dress_stations, spec.stations)
    if stations <= 0:
        return
    along, normal, yaw = heading_frame(spec.heading_deg)
    length = stations * spec.pitch
    middle = spec.start + along * length / 2
    if spec.balancers:
        for side in (1, -1):
            rail = middle + normal * side * BALANCER_OFFSET
            builder.box(rail, (length, 0.16, 0.16), yaw, "rail", BALANCER_RAIL_Z)
    if spec.conveyor == "floor":
        for side in (1, -1):
            edge = middle + normal * side * (spec.conveyor_width / 2 - EDGE_WIDTH)
            builder.box(edge, (length, EDGE_WIDTH, SKILLET_TOP + 0.01), yaw, "guard")
    cord = BALANCER_RAIL_Z - TOOL_Z - TOOL_SIZE[2]
    for i in range(stations):
        center = spec.start + along * (i + 0.5) * spec.pitch
        builder.box(center, LAMP_SIZE, yaw, "lamp", LAMP_Z)
        if spec.conveyor == "floor":
            seam = spec.start + along * (i + 1) * spec.pitch
            builder.box(seam, (SEAM, spec.conveyor_width, SKILLET_TOP + 0.01), yaw, "pack")
        for side in (1, -1):
            for k in range(spec.balancers):
                shift = (k - (spec.balancers - 1) / 2) * 1.6
                at = center + along * shift + normal * side * BALANCER_OFFSET
                builder.box(at, (0.03, 0.03, cord), yaw, "hanger", TOOL_Z + TOOL_SIZE[2])
                builder.box(at, TOOL_SIZE, yaw, "machine", TOOL_Z)


def add_kitting_lane(spec: KittingLane, builder: PartsBuilder) -> None:
    """The railed walkway edge from ``start`` to ``end``, a yellow line along its foot, and a row
    ``offset`` behind it (on ``side``): the tugger train at the start, then kitting carts."""
    vector = spec.end - spec.start
    length = float(np.hypot(*vector))
    heading = float(np.degrees(np.arctan2(vector[1], vector[0])))
    along, normal, yaw = heading_frame(heading)
    behind = normal * spec.side
    railing(builder, spec.start, spec.end, 0.0, RAIL_POST_PITCH)
    line = (spec.start + spec.end) / 2 - behind * 0.2
    builder.box(line, (length, 0.15, 0.01), yaw, "guard")
    row = spec.start + behind * spec.offset
    builder.box(row + along * length / 2, (length, CART_SIZE[1] + 1.0, 0.012), yaw, "platform")
    if spec.tugger_trolleys:
        _tugger_train(builder, row, along, yaw, spec.tugger_trolleys)
    for index, position in enumerate(cart_positions(length, spec.cart_pitch, spec.tugger_trolleys)):
        _kitting_cart(builder, row + along * position, yaw, index)


def train_length(trolleys: int) -> float:
    """Length of a tugger train with ``trolleys`` trolleys (0: no train, 0 m)."""
    return TUGGER_SIZE[0] + 0.3 + trolleys * TROLLEY_LENGTH if trolleys else 0.0


def cart_positions(length: float, pitch: float, trolleys: int) -> np.ndarray:
    """Distances of the kitting carts' middles from a lane's start: past the train, every
    ``pitch`` m while a whole cart fits in ``length``."""
    first = train_length(trolleys) + (TRAIN_GAP if trolleys else 0.0)
    count = max(0, int(np.floor((length - first - CART_SIZE[0]) / pitch + 1e-9)) + 1)
    return first + CART_SIZE[0] / 2 + pitch * np.arange(count)


def kitting_lane_boxes(length: float, pitch: float, trolleys: int) -> int:
    """How many boxes a kitting lane of ``length`` m expands into (the layout's reader bounds
    it)."""
    posts = max(1, int(np.ceil(length / RAIL_POST_PITCH))) + 1
    train = 2 + 2 * trolleys if trolleys else 0
    return 3 + posts + 2 + train + CART_BOXES * len(cart_positions(length, pitch, trolleys))


def _tugger_train(
    builder: PartsBuilder, row: np.ndarray, along: np.ndarray, yaw: float, trolleys: int
) -> None:
    """A tugger facing the row's start with its trolleys behind."""
    tugger = row + along * TUGGER_SIZE[0] / 2
    builder.box(tugger, (TUGGER_SIZE[0], TUGGER_SIZE[1], 0.7), yaw, "guard", 0.1)
    seat = tugger - along * (TUGGER_SIZE[0] / 2 - 0.45)  # the driver's cab at its back
    builder.box(seat, (0.9, TUGGER_SIZE[1], TUGGER_SIZE[2] - 0.8), yaw, "cabinet", 0.8)
    position = TUGGER_SIZE[0] + 0.3
    for k in range(trolleys):
        at = row + along * (position + TROLLEY_LENGTH / 2)
        builder.box(at, (TROLLEY_LENGTH - 0.3, 1.0, 0.25), yaw, "trolley", 0.15)
        role = "parts" if k % 2 == 0 else "cabinet"  # blue-grey and light grey bins
        builder.box(at, (TROLLEY_LENGTH - 0.5, 0.9, 0.55), yaw, role, 0.4)
        position += TROLLEY_LENGTH


def _kitting_cart(builder: PartsBuilder, at: np.ndarray, yaw: float, index: int) -> None:
    """A low cart: its deck on castors, its push handle, two blue-grey bins on the deck and two
    stacked on them (light grey on every other cart)."""
    along = np.array([np.cos(yaw), np.sin(yaw)])
    builder.box(at, (CART_SIZE[0], CART_SIZE[1], 0.2), yaw, "trolley", 0.12)
    handle = at - along * (CART_SIZE[0] / 2 - 0.03)
    builder.box(handle, (0.05, CART_SIZE[1], 0.75), yaw, "trolley", 0.32)
    upper = "cabinet" if index % 2 == 0 else "parts"  # blue-grey bins below, then grey or blue
    bin_length = CART_SIZE[0] * 0.42
    for k in (-1, 1):
        spot = at + along * k * CART_SIZE[0] * 0.24
        builder.box(spot, (bin_length, CART_SIZE[1] * 0.9, 0.3), yaw, "parts", 0.34)
        builder.box(spot, (bin_length, CART_SIZE[1] * 0.8, 0.24), yaw, upper, 0.64)
