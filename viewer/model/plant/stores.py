"""Stores and racks on a hall's floor, drawn so each reads as what it holds.

A rack area (``rack_area`` in the layout file) is a grid of storage places: open racks and
stillages (corner posts, no lid, their content in its own colour on one or more levels), dies
on the floor in marked rows, steel coils on saddles, or canteen tables. A block area
(``block_area``) is a grid of plain blocks; blocks of stock (blank stacks, ingots, dies, bins)
vary in height, footprint and shade within a small set, and some places are empty.

What varies is fixed by the area's id and the place's index (:func:`slot_draws`): the same
file always gives the same plant, and no two stores repeat the same pattern.

Examples
--------
>>> from viewer.model.plant.parts import BOX_ROLES, PartsBuilder
>>> from viewer.model.plant import equipment_specs as specs
>>> spec = specs.RackArea(id="r", workshop="stamping", origin=np.zeros(2), heading_deg=0.0,
...                       rows=3, cols=6, pitch=np.array([6.0, 5.0]),
...                       rack_size=np.array([4.8, 3.0, 1.5]), content="panels")
>>> builder = PartsBuilder()
>>> add_rack_area(spec, builder)
>>> roles = [BOX_ROLES[i] for i in builder.build().boxes.role]
>>> roles.count("rack") >= 2 * 18, "panels" in roles
(True, True)
"""

from __future__ import annotations

import zlib

import numpy as np

from viewer.model.geometry import heading_frame
from viewer.model.plant import equipment_specs as specs
from viewer.model.plant.parts import PartsBuilder

EMPTY_SHARE = 0.15  # about this share of the storage places (or a rack's levels) stand empty
FILLS = (0.4, 0.6, 0.8, 1.0)  # how full a place is: a share of its height, one of these
FOOTPRINTS = (0.75, 0.9, 1.0)  # a stack's or die's length: a share of the place's, one of these
RACK_POST = 0.12  # m: the side of a rack's square corner posts
RACK_BASE = 0.12  # m: the height of a rack's lowest level above the floor (its base frame)
LEVEL_PITCH = 1.6  # m: a rack has one level for each full 1.6 m of its height (at least one)
LEVEL_GAP = 0.25  # m: between one level's fullest content and the next level
DIE_SHOE = 0.3  # share of a die's height: the dark lower shoe, its painted body above
DIE_HEIGHTS = (0.6, 0.8, 1.0)  # a die's height: a share of the place's, one of these
MARKING = (0.12, 0.03)  # m: width and height of a painted floor line (above a marked zone)
MARKING_MARGIN = 0.4  # m: a die row's floor lines this far beside its largest dies
COIL_USED = (0.85, 0.92, 1.0, 1.0)  # a coil's diameter: a share of the largest, one of these
COIL_SADDLE = (0.5, 0.25)  # a coil saddle's width (share of the coil's) and height (of its size)
STACK_LOWER = 0.35  # this share of stillage stacks stand one lower than the area's ``stack``
STILLAGE_BAND = 0.2  # m: a stillage's frame, seen as a band between its panels and the next
STILLAGE_FRAME = 0.04  # m: how far that band stands out of the panels' sides
ROW_FILLS = (0.45, 0.7, 1.0, 1.0, 1.0)  # how much of a stillage row holds stacks, from its end
ROW_DRAWS = 1 << 20  # a row's draw: slot_draws of this index plus the row (past every place)

# What a rack holds, by content, in the box roles of its colours (one per place, in turn from
# the place's draw: the same role twice makes it twice as likely).
RACK_CONTENT_ROLES = {
    "panels": ("panels", "panels", "steel"),  # stamped panels: bare steel
    "castings": ("aluminium",),  # cast aluminium parts
    "parts": ("parts", "bins"),  # blue and grey parts bins
    "packs": ("pack",),  # battery packs: dark
    "cells": ("cells",),
}
DIE_PAINT = ("die_green", "die_blue", "die_green", "die_blue", "die_yellow")
COIL_ROLES = ("steel", "steel", "panels", "aluminium")  # cold-rolled, galvanised, aluminium
# The blocks of a block area that are stock and vary, with the roles of their shades.
STOCK_ROLES = {
    "panels": ("panels", "panels", "steel"),
    "steel": ("steel", "steel", "panels"),
    "aluminium": ("aluminium",),
    "parts": ("parts", "bins"),
    "bins": ("bins", "parts"),
    "die": ("die", "die_blue", "die_green"),
    "pack": ("pack",),
    "cells": ("cells",),
}

_MASK = (1 << 64) - 1


def slot_draws(name: str, index: int) -> tuple[float, float, float, float]:
    """Four numbers in [0, 1), fixed by a store's ``name`` and a place's ``index`` and
    scattered as if drawn at random (a 64-bit mix of the two, cut into four)."""
    x = ((zlib.crc32(name.encode("utf-8")) << 24) ^ index) & _MASK
    x = (x + 0x9E3779B97F4A7C15) & _MASK
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & _MASK
    x ^= x >> 31
    return tuple(((x >> (16 * k)) & 0xFFFF) / 65536.0 for k in range(4))


def _pick(values: tuple, draw: float) -> object:
    """One of ``values``, by a draw in [0, 1)."""
    return values[min(int(draw * len(values)), len(values) - 1)]


def _aisle(spec: specs.RackArea | specs.BlockArea) -> float:
    """The forklift aisle after every second row of a rack area (0: rows evenly pitched)."""
    return spec.aisle if isinstance(spec, specs.RackArea) else 0.0


def row_offset(spec: specs.RackArea | specs.BlockArea, row: int) -> float:
    """How far row ``row`` lies from the first, across the rows: the pitch, and with an aisle
    the rows back to back in pairs, the aisle between one pair and the next."""
    return row * float(spec.pitch[1]) + (row // 2) * _aisle(spec)


def _zone(
    builder: PartsBuilder,
    spec: specs.RackArea | specs.BlockArea,
    size: np.ndarray,
    along: np.ndarray,
    normal: np.ndarray,
    yaw: float,
) -> None:
    """A marked floor zone under a grid of racks or blocks (its aisles too), 1 m beyond its
    outer edges."""
    span = np.array([(spec.cols - 1) * spec.pitch[0], row_offset(spec, spec.rows - 1)])
    middle = spec.origin + along * span[0] / 2 + normal * span[1] / 2
    extent = (span[0] + size[0] + 2.0, span[1] + size[1] + 2.0, 0.02)
    builder.box(middle, extent, yaw, "platform")


def _places(
    spec: specs.RackArea | specs.BlockArea, along: np.ndarray, normal: np.ndarray
) -> list[tuple[int, np.ndarray]]:
    """The index and floor point of every place of an area's grid, row by row."""
    return [
        (r * spec.cols + c, spec.origin + along * c * spec.pitch[0] + normal * row_offset(spec, r))
        for r in range(spec.rows)
        for c in range(spec.cols)
    ]


def _row_lines(
    builder: PartsBuilder,
    spec: specs.RackArea,
    along: np.ndarray,
    normal: np.ndarray,
    yaw: float,
    offsets: tuple[float, ...],
    size: tuple[float, float],
    role: str,
    z: float = 0.0,
) -> None:
    """One long box per row of places at each of ``offsets`` across the row (floor lines,
    saddles): ``size`` is its width and height, its length the row's and a place's."""
    length = (spec.cols - 1) * spec.pitch[0] + spec.rack_size[0] + 2 * MARKING_MARGIN
    for r in range(spec.rows):
        middle = spec.origin + along * (spec.cols - 1) * spec.pitch[0] / 2
        for offset in offsets:
            at = middle + normal * (row_offset(spec, r) + offset)
            builder.box(at, (length, size[0], size[1]), yaw, role, z)


def add_rack_area(spec: specs.RackArea, builder: PartsBuilder) -> None:
    """Expand a rack area: its marked zone, then each place by its content."""
    along, normal, yaw = heading_frame(spec.heading_deg)
    if spec.zone:
        _zone(builder, spec, spec.rack_size, along, normal, yaw)
    depth, width, height = (float(v) for v in spec.rack_size)
    if spec.content == "dies":  # each row of dies on its own marked strip of floor
        edge = width / 2 + MARKING_MARGIN
        _row_lines(builder, spec, along, normal, yaw, (-edge, edge), MARKING, "floor_marking")
    if spec.content == "coils":  # one long saddle under each row of coils
        saddle = (width * COIL_SADDLE[0], height * COIL_SADDLE[1])
        _row_lines(builder, spec, along, normal, yaw, (0.0,), saddle, "support")
    for index, at in _places(spec, along, normal):
        draws = slot_draws(spec.id, index)
        if spec.content == "tables":
            builder.box(at, (depth, width, height), yaw, "table")
        elif spec.content == "dies":
            _die(builder, at, yaw, (depth, width, height), draws)
        elif spec.content == "coils":
            _coil(builder, at, yaw, (depth, width, height), draws)
        elif spec.stack > 1:
            _stillages(builder, spec, index, at, yaw)
        else:
            _rack(builder, spec, index, at, along, yaw)


def _die(
    builder: PartsBuilder,
    at: np.ndarray,
    yaw: float,
    size: tuple[float, float, float],
    draws: tuple[float, ...],
) -> None:
    """A stamping die on the floor (or none): a dark lower shoe under its painted body, of one
    of a few lengths and heights (a die's width follows its length)."""
    empty, scale, tall, paint = draws
    if empty < EMPTY_SHARE:
        return
    share = _pick(FOOTPRINTS, scale)
    depth, width = size[0] * share, size[1] * (0.85 + 0.15 * share)
    height = size[2] * _pick(DIE_HEIGHTS, tall)
    builder.box(at, (depth, width, height * DIE_SHOE), yaw, "die")
    body = (depth * 0.94, width * 0.94, height * (1.0 - DIE_SHOE))
    builder.box(at, body, yaw, _pick(DIE_PAINT, paint), height * DIE_SHOE)


def _coil(
    builder: PartsBuilder,
    at: np.ndarray,
    yaw: float,
    size: tuple[float, float, float],
    draws: tuple[float, ...],
) -> None:
    """A steel coil lying on its row's saddle (or none), its axis across the row: a round
    profile of two crossed boxes, the coil partly used (smaller) at some places."""
    empty, used, _, kind = draws
    if empty < EMPTY_SHARE:
        return
    diameter = min(size[0], size[2]) * _pick(COIL_USED, used)
    lift = size[2] * COIL_SADDLE[1] * 0.4  # it sits in the saddle's hollow
    role = _pick(COIL_ROLES, kind)
    builder.box(at, (diameter, size[1], diameter * 0.6), yaw, role, lift + diameter * 0.2)
    builder.box(at, (diameter * 0.6, size[1], diameter), yaw, role, lift)


def _rack(
    builder: PartsBuilder,
    spec: specs.RackArea,
    index: int,
    at: np.ndarray,
    along: np.ndarray,
    yaw: float,
) -> None:
    """An open rack or stillage: corner posts, no lid, on each level its content filled to one
    of a few heights (or nothing); an empty lowest level shows the rack's base.

    Two posts stand at opposite corners: from along or across the rack they look like all
    four, and being slender they are culled where a rack is a few pixels big, so that from
    above a store draws about one box per rack (what a lid cost before)."""
    depth, width, height = (float(v) for v in spec.rack_size)
    post = min(RACK_POST, depth / 4, width / 4)
    normal = np.array([-along[1], along[0]])
    for side in (-1.0, 1.0):
        corner = along * (depth - post) / 2 + normal * (width - post) / 2
        builder.box(at + side * corner, (post, post, height), yaw, "rack")
    levels = max(1, int(height // LEVEL_PITCH))
    pitch = (height - RACK_BASE) / levels
    roles = RACK_CONTENT_ROLES[spec.content]
    content = (depth - 2 * post - 0.1, width * 0.9)
    for level in range(levels):
        empty, fill, scale, shade = slot_draws(spec.id, index * 16 + level + 1)
        z = RACK_BASE + level * pitch
        if empty >= EMPTY_SHARE:
            room = max(pitch - LEVEL_GAP, pitch * 0.5) * _pick(FILLS, fill)
            size = (content[0] * _pick(FOOTPRINTS, scale), content[1], room)
            builder.box(at, size, yaw, _pick(roles, shade), z)
        elif level == 0:
            builder.box(at, (depth, width, RACK_BASE), yaw, "rack")


def row_filled(spec: specs.RackArea, row: int) -> int:
    """How many places of a stillage row hold a stack, from its first end (forklifts fill a
    row from one end): every row full or nearly so, some about half."""
    share = _pick(ROW_FILLS, slot_draws(spec.id, ROW_DRAWS + row)[0])
    return round(spec.cols * share)


def _stillages(
    builder: PartsBuilder, spec: specs.RackArea, index: int, at: np.ndarray, yaw: float
) -> None:
    """A stack of open stillages of stamped panels, ``stack`` high or one less (or none, past
    its row's filled part): the panels, the top stillage's filled to one of a few heights, and
    between one stillage and the next its dark steel frame, a band round the stack. From afar
    and above a stack is one box, close by one for each stillage."""
    row, col = divmod(index, spec.cols)
    if col >= row_filled(spec, row):
        return
    depth, width, height = (float(v) for v in spec.rack_size)
    _, tall, fill, shade = slot_draws(spec.id, index)
    count = spec.stack - 1 if tall < STACK_LOWER else spec.stack
    top = (height - STILLAGE_BAND) * _pick(FILLS[1:], fill)  # the top stillage's panels
    roles = RACK_CONTENT_ROLES[spec.content]
    builder.box(at, (depth, width, (count - 1) * height + top), yaw, _pick(roles, shade))
    band = (depth + 2 * STILLAGE_FRAME, width + 2 * STILLAGE_FRAME, STILLAGE_BAND)
    for level in range(1, count):
        builder.box(at, band, yaw, "rack", level * height - STILLAGE_BAND)


def add_block_area(spec: specs.BlockArea, builder: PartsBuilder) -> None:
    """Expand a block area: its marked zone, then one block per place (potted plants in two
    parts; stock varied, see :data:`STOCK_ROLES`)."""
    along, normal, yaw = heading_frame(spec.heading_deg)
    if spec.zone:
        _zone(builder, spec, spec.block_size, along, normal, yaw)
    length, width, height = (float(v) for v in spec.block_size)
    for index, at in _places(spec, along, normal):
        if spec.role == "plant":  # a potted plant: a light grey planter, the leaves above
            builder.box(at, (length * 0.8, width * 0.8, height * 0.35), yaw, "cabinet")
            builder.box(at, (length, width, height * 0.65), yaw, "plant", height * 0.35)
        elif spec.role in STOCK_ROLES:
            empty, fill, scale, shade = slot_draws(spec.id, index)
            if empty < EMPTY_SHARE:
                continue
            size = (length * _pick(FOOTPRINTS, scale), width, height * _pick(FILLS, fill))
            builder.box(at, size, yaw, _pick(STOCK_ROLES[spec.role], shade))
        else:
            builder.box(at, (length, width, height), yaw, spec.role)
