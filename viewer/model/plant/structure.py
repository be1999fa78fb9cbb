"""Building structure as boxes: walls with doors and a window band, columns, roofs, ceilings.

Every building gets walls along its footprint, a roof and columns on its grid; production halls
(kind ``workshop``) also get what a visitor sees overhead: skylight strips along the hall, steel
trusses at the column grid, rows of high-bay lamps, ducts and cable trays, and in stamping and
die casting yellow gantry cranes on rails along the long walls. Walls are boxes whose local +y
side faces into the building (the scene draws their inner face always and their outer face only
from below the roof, see :mod:`viewer.scene.plant.halls`); a door is a gap in the wall where a
visitor
aisle or a road crosses the footprint, with the roller door's coil above it; where a visitor
aisle runs alongside a production hall's wall, the wall is glazed at eye height (viewing
windows). The exhibition hall (kind ``hall``) keeps a low plinth and glazing up to its roof; a
service building has a plain ceiling and a band of ordinary windows.

Examples
--------
>>> from viewer.model.plant.layout import load_plant
>>> from viewer.model.plant.parts import BOX_ROLES, PartsBuilder
>>> plant = load_plant()
>>> builder = PartsBuilder()
>>> add_structures(builder, plant)
>>> roles = {BOX_ROLES[i] for i in builder.build().boxes.role}
>>> {"roof", "skylight", "truss", "lamp", "crane", "door", "window"} <= roles
True
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from viewer.model.plant import equipment_specs as specs
from viewer.model.plant.layout import Building, Plant
from viewer.model.plant.parts import PartsBuilder
from viewer.model.plant.signs import Sign, add_sign, hall_signs, layout_signs

GRID = 24.0  # column grid of the workshop halls (m, estimate); the trusses stand on it
WALL_THICKNESS = 0.3  # m: insulated metal panels on girts
ROOF_THICKNESS = 0.3  # m: the roof deck; its underside is what the visitor sees
TRUSS_DEPTH = 2.5  # m: from the top chord to the bottom chord
TRUSS_PANEL = 4.0  # m: nominal length of one truss panel (a vertical and a diagonal)
TRUSS_WIDTH = 0.35  # m
SKYLIGHT_WIDTH = 3.0  # m: one ridge-light strip
SKYLIGHT_SPACING = 24.0  # m between skylight strips across the hall
PAVILION_STRIPS = 12.0  # m between the light strips across a hall (lobby, cafeteria)
PAVILION_LAMPS = 6.0  # m between a hall's pendant lamps
PAVILION_DROP = 2.2  # m the pendant lamps hang below a hall's ceiling
# a pendant lamp: a flat, level panel along the hall (length, width, thickness in m)
PAVILION_LAMP_SIZE = (2.4, 0.6, 0.08)
LAMP_SPACING = 8.0  # m between high-bay lamps along a truss
LAMP_DROP = 0.6  # m a lamp hangs below the bottom chord
DOOR_HEIGHT = 4.5  # m: a roller door's opening
DOOR_MARGIN = 1.5  # m of opening beyond each side of the lane or road
DOOR_MIN_WIDTH = 5.0  # m
CONVEYOR_WIDTH = 3.0  # m: an overhead conveyor's opening in a wall, besides the margins of a door
CONVEYOR_DROP = 3.0  # m from the rail down to the opening's bottom (hanger, body, margin)
CONVEYOR_HEAD = 0.8  # m from the rail up to the opening's top
WINDOW_BAND = 2.5  # m: height of the clerestory band
WINDOW_BELOW_ROOF = 4.0  # m from the top of the window band to the roof
VIEW_BOTTOM, VIEW_TOP = 0.9, 3.5  # m: viewing windows where a visitor aisle runs alongside
MULLION_PITCH = 3.0  # m between the slim frames that divide a glazed wall into panes
MULLION_WIDTH = 0.15  # m
VIEW_REACH = 8.0  # m from an aisle's edge to a wall that gets viewing windows
VIEW_STEP = 2.0  # m between the points of a wall tested for a passing aisle
COLUMN_AISLE_CLEARANCE = 2.5  # m from an aisle's edge within which no column stands
CRANE_HALLS = frozenset({"die-casting", "stamping"})  # halls with overhead gantry cranes
CRANE_RAIL_BELOW_ROOF = 6.0  # m from the roof to the crane rail's underside


def _edges(footprint: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """The footprint's edges, wound anticlockwise so the inside is on each edge's left."""
    x, y = np.asarray(footprint, dtype=float).T
    clockwise = np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)) < 0.0
    points = footprint[::-1] if clockwise else footprint
    return [(points[i], points[(i + 1) % len(points)]) for i in range(len(points))]


def _crossing(
    a: np.ndarray, b: np.ndarray, p: np.ndarray, q: np.ndarray
) -> tuple[float, float] | None:
    """Where segment p-q crosses edge a-b: (distance along the edge from a, |sin| of the angle
    between them), or None."""
    edge, segment = b - a, q - p
    denominator = edge[0] * segment[1] - edge[1] * segment[0]
    if abs(denominator) < 1e-9:
        return None
    offset = p - a
    t = (offset[0] * segment[1] - offset[1] * segment[0]) / denominator
    u = (offset[0] * edge[1] - offset[1] * edge[0]) / denominator
    if not (0.0 <= t <= 1.0 and 0.0 <= u <= 1.0):
        return None
    sine = abs(denominator) / (np.linalg.norm(edge) * np.linalg.norm(segment))
    return float(t * np.linalg.norm(edge)), float(sine)


def door_openings(
    a: np.ndarray, b: np.ndarray, crossings: Iterable[tuple[np.ndarray, float]]
) -> list[tuple[float, float]]:
    """Door openings (start, end) in metres along the wall a-b, one where each polyline of
    ``crossings`` (points, width in m: a visitor aisle or a road) crosses it; overlapping
    openings merge.

    >>> door_openings(np.array([0.0, 0]), np.array([40.0, 0]),
    ...               [(np.array([[20.0, -5], [20.0, 5]]), 3.0)])
    [(17.0, 23.0)]
    """
    length = float(np.linalg.norm(b - a))
    spans = []
    for points, width in crossings:
        for p, q in zip(points[:-1], points[1:], strict=True):
            hit = _crossing(a, b, p, q)
            if hit is None:
                continue
            along, sine = hit
            half = max(DOOR_MIN_WIDTH, width + 2.0 * DOOR_MARGIN) / 2.0 / max(sine, 0.5)
            start, end = max(0.5, along - half), min(length - 0.5, along + half)
            if end > start:
                spans.append((start, end))
    merged: list[tuple[float, float]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _window_band(building: Building) -> tuple[float, float]:
    """Bottom and top of the wall's window band (m)."""
    if building.kind == "workshop":  # a clerestory high up, above the roller doors
        top = building.height - WINDOW_BELOW_ROOF
        return max(DOOR_HEIGHT + 1.0, top - WINDOW_BAND), max(top, DOOR_HEIGHT + 1.5)
    return 1.0, min(3.0, building.height - 1.5)  # ordinary windows of a service building


def _door_height(building: Building) -> float:
    return min(DOOR_HEIGHT, 0.6 * building.height)


def viewing_windows(
    a: np.ndarray, b: np.ndarray, lanes: Iterable[tuple[np.ndarray, float]]
) -> list[tuple[float, float]]:
    """Stretches (start, end) in metres along the wall a-b (the inside on its left) that a
    visitor aisle runs alongside outside (parallel, within :data:`VIEW_REACH` m of its edge):
    there the wall is glazed at eye height, so visitors see into the hall as they pass.

    >>> viewing_windows(np.array([0.0, 0]), np.array([40.0, 0]),
    ...                 [(np.array([[10.0, -4], [30.0, -4]]), 3.0)])
    [(9.0, 31.0)]
    """
    length = float(np.linalg.norm(b - a))
    direction = (b - a) / length
    inward = np.array([-direction[1], direction[0]])  # the inside is on the wall's left
    along = np.arange(0.0, length + 1e-9, VIEW_STEP)
    points = a + along[:, None] * direction
    # every lane segment at once, (segments, points) arrays
    lanes = list(lanes)
    starts = np.vstack([lane[:-1] for lane, _ in lanes]) if lanes else np.zeros((0, 2))
    segments = np.vstack([np.diff(lane, axis=0) for lane, _ in lanes]) if lanes else starts
    widths = np.concatenate([np.full(len(lane) - 1, width) for lane, width in lanes] or [[]])
    sizes = np.hypot(segments[:, 0], segments[:, 1])
    parallel = sizes >= 1e-9
    parallel[parallel] = np.abs(segments[parallel] @ direction) / sizes[parallel] >= 0.94
    p, segment, size = starts[parallel], segments[parallel], sizes[parallel]
    reach = widths[parallel] / 2 + VIEW_REACH
    t = (points[None, :, 0] - p[:, 0:1]) * segment[:, 0:1]
    t += (points[None, :, 1] - p[:, 1:2]) * segment[:, 1:2]
    t /= (size**2)[:, None]
    dx = p[:, 0:1] + t * segment[:, 0:1] - points[None, :, 0]
    dy = p[:, 1:2] + t * segment[:, 1:2] - points[None, :, 1]
    outside = dx * inward[0] + dy * inward[1] < 0.0  # a lane inside the hall looks at the wall
    near = np.hypot(dx, dy) <= reach[:, None]
    seen = ((t >= 0.0) & (t <= 1.0) & outside & near).any(axis=0)
    spans: list[tuple[float, float]] = []
    for index in np.flatnonzero(seen):
        start = max(0.5, float(along[index]) - 1.0)
        end = min(length - 0.5, float(along[index]) + 1.0)
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return [span for span in spans if span[1] - span[0] >= 4.0]


def _add_wall(
    builder: PartsBuilder,
    building: Building,
    a: np.ndarray,
    b: np.ndarray,
    openings: Sequence[tuple[float, float]],
    views: Sequence[tuple[float, float]] = (),
    holes: Sequence[tuple[float, float, float, float]] = (),
) -> None:
    """One wall a-b: panels, the window band, viewing windows along the ``views`` stretches,
    door gaps at the ``openings`` with their coils above, and ``holes`` (from, to, bottom,
    top) where an overhead conveyor passes through."""
    direction = (b - a) / np.linalg.norm(b - a)
    inward = np.array([-direction[1], direction[0]])
    yaw = float(np.arctan2(direction[1], direction[0]))
    height = building.height
    low, high = _window_band(building)
    door = _door_height(building)
    length = float(np.linalg.norm(b - a))
    spans = (*openings, *views, *[(h[0], h[1]) for h in holes])
    cuts = sorted({0.0, length, *[x for span in spans for x in span]})
    for start, end in zip(cuts[:-1], cuts[1:], strict=True):
        if end - start < 1e-6:
            continue
        s = (start + end) / 2.0
        middle = a + direction * s
        is_door = any(s0 < s < s1 for s0, s1 in openings)
        bottom = door if is_door else 0.0
        if not is_door and any(s0 < s < s1 for s0, s1 in views):
            top = min(VIEW_TOP, low)
            rows = [(0.0, VIEW_BOTTOM, "wall"), (VIEW_BOTTOM, top, "glass"), (top, low, "wall")]
        else:
            rows = [(bottom, low, "wall")]
        rows += [(low, high, "window"), (high, height, "wall")]
        hole = next(((h[2], h[3]) for h in holes if h[0] < s < h[1]), None)
        if not is_door and any(s0 < s < s1 for s0, s1 in views):  # framed panes
            _mullions(builder, a, direction, (start, end), (VIEW_BOTTOM, top), yaw)
        for z0, z1, role in rows:
            z0 = max(z0, bottom)
            pieces = (
                [(z0, z1)] if hole is None else [(z0, min(z1, hole[0])), (max(z0, hole[1]), z1)]
            )
            for p0, p1 in pieces:
                if p1 - p0 > 1e-6:
                    builder.box(middle, (end - start, WALL_THICKNESS, p1 - p0), yaw, role, z=p0)
        if is_door:  # the roller door, rolled up in its coil just inside
            coil = middle + inward * (WALL_THICKNESS / 2 + 0.45)
            builder.box(coil, (end - start, 0.8, 0.8), yaw, "door", z=door)


def _add_hall_walls(builder: PartsBuilder, building: Building) -> None:
    """The exhibition hall: a low plinth, then glazing up to the roof, in framed panes."""
    for a, b in _edges(building.footprint):
        middle, length = (a + b) / 2, float(np.linalg.norm(b - a))
        yaw = float(np.arctan2(*(b - a)[::-1]))
        builder.box(middle, (length, 0.5, 0.6), yaw, "wall")
        builder.box(middle, (length, 0.1, building.height - 0.6), yaw, "glass", z=0.6)
        direction = (b - a) / max(length, 1e-9)
        _mullions(builder, a, direction, (0.0, length), (0.6, building.height), yaw)


def _mullions(
    builder: PartsBuilder,
    a: np.ndarray,
    direction: np.ndarray,
    span: tuple[float, float],
    heights: tuple[float, float],
    yaw: float,
) -> None:
    """Slim frames every :data:`MULLION_PITCH` m along a glazed stretch ``span`` (m from the
    wall's corner ``a``) of a wall, from ``heights[0]`` to ``heights[1]``: without them a pale
    pane reads as no wall at all."""
    start, end = span
    count = int((end - start) // MULLION_PITCH)
    for k in range(1, count + 1):
        at = start + (end - start) * k / (count + 1)
        builder.box(
            a + direction * at,
            (MULLION_WIDTH, WALL_THICKNESS + 0.06, heights[1] - heights[0]),
            yaw,
            "wall",
            z=heights[0],
        )


def _grid(low: float, high: float, spacing: float) -> np.ndarray:
    return np.linspace(low, high, max(2, round((high - low) / spacing) + 1))


def _distance_to_lanes(points: np.ndarray, lanes: Sequence[tuple[np.ndarray, float]]) -> np.ndarray:
    """Distance (m) from each of ``points`` (N, 2) to the nearest lane's edge (negative on
    the lane)."""
    nearest = np.full(len(points), np.inf)
    for line, width in lanes:
        a, b = line[:-1], line[1:]
        ab = b - a
        length2 = np.maximum(np.einsum("ij,ij->i", ab, ab), 1e-9)
        ap = points[:, None, :] - a[None]
        t = np.clip(np.einsum("nij,ij->ni", ap, ab) / length2, 0.0, 1.0)
        gap = np.linalg.norm(ap - t[..., None] * ab[None], axis=2).min(axis=1) - width / 2
        nearest = np.minimum(nearest, gap)
    return nearest


def _add_columns(
    builder: PartsBuilder, building: Building, lanes: Sequence[tuple[np.ndarray, float]] = ()
) -> None:
    """Grey steel columns on the grid, yellow guard paint at the base of those inside. A column
    that would stand within :data:`COLUMN_AISLE_CLEARANCE` m of a visitor aisle's edge is left
    out (the hall spans further there; in a wall, the aisle's door is there)."""
    hall = building.kind == "hall"
    x0, y0, x1, y1 = building.bounds
    grid = GRID if building.kind == "workshop" else 12.0
    top = building.height - ROOF_THICKNESS
    xs, ys = np.meshgrid(_grid(x0, x1, grid), _grid(y0, y1, grid), indexing="ij")
    points = np.column_stack([xs.ravel(), ys.ravel()])
    clear = _distance_to_lanes(points, lanes) >= COLUMN_AISLE_CLEARANCE
    for point in points[clear]:
        x, y = float(point[0]), float(point[1])
        inside = x0 < x < x1 and y0 < y < y1
        if hall and inside:
            continue  # a hall's roof spans free: no columns in the lobby or showroom
        builder.box(point, (0.6, 0.6, top), 0.0, "column")
        if inside and building.kind == "workshop":
            builder.box(point, (0.62, 0.62, 1.2), 0.0, "guard")


def _add_roof(
    builder: PartsBuilder,
    building: Building,
    open_over: tuple[float, float, float, float] | None = None,
) -> None:
    """The roof over the building's bounds, left open over ``open_over`` (x0, y0, x1, y1: a
    room with a ceiling of its own, such as the lobby's mirror) if given."""
    x0, y0, x1, y1 = building.bounds
    z = building.height - ROOF_THICKNESS
    pieces = [(x0, y0, x1, y1)]
    if open_over is not None:
        hx0, hy0, hx1, hy1 = open_over
        pieces = [
            (x0, y0, hx0, y1),  # left of the opening
            (hx1, y0, x1, y1),  # right of it
            (max(x0, hx0), y0, min(x1, hx1), hy0),  # in front
            (max(x0, hx0), hy1, min(x1, hx1), y1),  # behind
        ]
    for px0, py0, px1, py1 in pieces:
        if px1 - px0 > 0.1 and py1 - py0 > 0.1:
            center = np.array([(px0 + px1) / 2, (py0 + py1) / 2])
            builder.box(center, (px1 - px0, py1 - py0, ROOF_THICKNESS), 0.0, "roof", z=z)


def _hall_frame(building: Building) -> tuple[np.ndarray, np.ndarray, np.ndarray, float, float]:
    """(centre, long axis, short axis, length, span) of a building's bounds."""
    x0, y0, x1, y1 = building.bounds
    center = np.array([(x0 + x1) / 2, (y0 + y1) / 2])
    if x1 - x0 >= y1 - y0:
        return center, np.array([1.0, 0.0]), np.array([0.0, 1.0]), x1 - x0, y1 - y0
    return center, np.array([0.0, 1.0]), np.array([-1.0, 0.0]), y1 - y0, x1 - x0


def _add_ceiling(builder: PartsBuilder, building: Building) -> None:
    """Skylights, trusses, lamps, ducts, cable trays and signs of a production hall."""
    center, along, across, length, span = _hall_frame(building)
    along_yaw = float(np.arctan2(along[1], along[0]))
    across_yaw = float(np.arctan2(across[1], across[0]))
    roof = building.height - ROOF_THICKNESS
    chord = roof - TRUSS_DEPTH  # underside of the trusses

    (cx, cy), (ax, ay), (bx, by) = center.tolist(), along.tolist(), across.tolist()

    def at(s: float, t: float) -> np.ndarray:  # plain floats: thousands of calls
        return np.array([cx + ax * s + bx * t, cy + ay * s + by * t])

    for t in np.arange(-span / 2 + SKYLIGHT_SPACING / 2, span / 2, SKYLIGHT_SPACING):
        builder.box(
            at(0.0, t), (length - 6.0, SKYLIGHT_WIDTH, 0.05), along_yaw, "skylight", z=roof - 0.05
        )
    panels = max(1, round(span / TRUSS_PANEL))
    panel = span / panels
    trusses = _grid(-length / 2, length / 2, GRID)
    lamp_rows = np.arange(-span / 2 + LAMP_SPACING / 2, span / 2, LAMP_SPACING)
    for s in trusses[1:-1]:  # the end trusses sit in the walls
        for k in range(panels):
            t = -span / 2 + (k + 0.5) * panel
            builder.box(at(s, t), (panel, TRUSS_WIDTH, TRUSS_DEPTH), across_yaw, "truss", z=chord)
    for s in (trusses[:-1] + trusses[1:]) / 2:  # lamps hang midway between trusses too
        for s_lamp in (s - GRID / 2, s):
            if abs(s_lamp) >= length / 2 - 1.0:
                continue
            for t in lamp_rows:
                builder.box(at(s_lamp, t), (0.7, 0.7, 0.25), 0.0, "lamp", z=chord - LAMP_DROP)
    duct_z = chord - 0.9
    for t in (-span / 6, span / 6):
        builder.box(at(0.0, t + 2.0), (length - 4.0, 1.0, 0.9), along_yaw, "duct", z=duct_z)
    for t in (-span / 3, 0.0, span / 3):
        builder.box(
            at(0.0, t - 2.0), (length - 4.0, 0.6, 0.12), along_yaw, "cable_tray", z=chord - 0.4
        )


def building_signs(building: Building) -> list[Sign]:
    """The signs hanging in a building with their texts: a production hall's name signs from
    its trusses and the layout's signs (from the trusses, or a hall's ceiling)."""
    if building.kind == "workshop":
        center, along, _, length, _ = _hall_frame(building)
        chord = building.height - ROOF_THICKNESS - TRUSS_DEPTH
        return hall_signs(building.name, building.signs, center, along, length, chord)
    return layout_signs(building.signs, building.height - ROOF_THICKNESS)


def _add_pavilion_ceiling(
    builder: PartsBuilder, building: Building, hole: tuple[float, float, float, float] | None
) -> None:
    """Light strips along a hall's ceiling and pendant lamps on a grid below them (flat, level
    panels turned along the hall, so they line up in rows), leaving out the room open to the
    roof (``hole``: x0, y0, x1, y1; the lobby's mirrored ceiling)."""
    center, along, across, length, span = _hall_frame(building)
    along_yaw = float(np.arctan2(along[1], along[0]))
    ceiling = building.height - ROOF_THICKNESS

    def outside_hole(point: np.ndarray, margin: float) -> bool:
        if hole is None:
            return True
        x0, y0, x1, y1 = hole
        return not (
            x0 - margin <= point[0] <= x1 + margin and y0 - margin <= point[1] <= y1 + margin
        )

    for t in np.arange(-span / 2 + PAVILION_STRIPS / 2, span / 2, PAVILION_STRIPS):
        for s in _grid(-length / 2 + 2.0, length / 2 - 2.0, PAVILION_LAMPS)[:-1]:
            middle = center + along * (s + PAVILION_LAMPS / 2) + across * t
            if outside_hole(middle, PAVILION_LAMPS / 2):
                builder.box(
                    middle,
                    (PAVILION_LAMPS - 0.4, 0.8, 0.05),
                    along_yaw,
                    "skylight",
                    z=ceiling - 0.05,
                )
    for t in np.arange(-span / 2 + PAVILION_LAMPS / 2, span / 2, PAVILION_LAMPS):
        for s in np.arange(-length / 2 + PAVILION_LAMPS / 2, length / 2, PAVILION_LAMPS):
            point = center + along * s + across * t
            if outside_hole(point, 1.0):
                builder.box(point, PAVILION_LAMP_SIZE, along_yaw, "lamp", z=ceiling - PAVILION_DROP)


def _add_cranes(builder: PartsBuilder, building: Building) -> None:
    """Crane rails along both long walls and yellow gantry cranes spanning the hall."""
    center, along, across, length, span = _hall_frame(building)
    along_yaw = float(np.arctan2(along[1], along[0]))
    across_yaw = float(np.arctan2(across[1], across[0]))
    rail_z = building.height - CRANE_RAIL_BELOW_ROOF
    inset = span / 2 - 1.2
    for side in (-1.0, 1.0):
        builder.box(
            center + across * side * inset,
            (length - 1.0, 0.6, 0.6),
            along_yaw,
            "crane_rail",
            z=rail_z,
        )
    bridge_z = rail_z + 0.6
    cranes = (-length / 5, length / 4) if length > 150.0 else (0.0,)
    for s in cranes:
        mid = center + along * s
        for offset in (-1.2, 1.2):  # two box girders
            builder.box(
                mid + along * offset, (2 * inset, 0.8, 1.4), across_yaw, "crane", z=bridge_z
            )
        for side in (-1.0, 1.0):  # the end carriages over the rails
            builder.box(
                mid + across * side * inset, (6.0, 1.2, 1.0), along_yaw, "crane", z=bridge_z - 0.3
            )
        trolley = mid + across * inset * 0.3
        builder.box(trolley, (3.6, 3.2, 1.4), along_yaw, "crane", z=bridge_z + 1.4)
        builder.box(trolley, (0.12, 0.12, 5.0), 0.0, "crane_rail", z=bridge_z - 5.0)
        builder.box(trolley, (0.8, 0.6, 1.0), 0.0, "crane", z=bridge_z - 6.0)


def add_building(
    builder: PartsBuilder,
    building: Building,
    crossings: Iterable[tuple[np.ndarray, float]] = (),
    lanes: Iterable[tuple[np.ndarray, float]] = (),
    own_ceiling: str | None = None,
    passages: Iterable[tuple[np.ndarray, float]] = (),
) -> None:
    """Walls, columns, roof and (for production halls) ceiling of one building.

    ``crossings``: polylines (points, width in m) of the aisles and roads: a door opens in a
    wall where one crosses it. ``lanes``: the visitor aisles: a workshop's wall is glazed at
    eye height where one runs alongside. ``own_ceiling``: the id of a room with a ceiling of
    its own (the lobby's mirror): the roof is left open over it. ``passages``: overhead
    conveyors (points, rail height): a wall opens round the bodies hanging from one where it
    passes through.
    """
    crossings, lanes, passages = list(crossings), list(lanes), list(passages)
    if building.kind == "hall":
        _add_hall_walls(builder, building)
    else:
        for a, b in _edges(building.footprint):
            openings = door_openings(a, b, crossings)
            views = viewing_windows(a, b, lanes) if building.kind == "workshop" else []
            holes = [
                (s0, s1, height - CONVEYOR_DROP, height + CONVEYOR_HEAD)
                for points, height in passages
                for s0, s1 in door_openings(a, b, [(points, CONVEYOR_WIDTH)])
            ]
            _add_wall(builder, building, a, b, openings, views, holes)
    _add_columns(builder, building, lanes)
    room = next((r for r in building.rooms if r.id == own_ceiling), None)
    hole = None
    if room is not None:
        (hx0, hy0), (hx1, hy1) = room.footprint.min(axis=0), room.footprint.max(axis=0)
        hole = (float(hx0), float(hy0), float(hx1), float(hy1))
    _add_roof(builder, building, hole)
    for sign in building_signs(building):  # hall and line names, hanging (viewer...signs)
        add_sign(builder, sign)
    if building.kind == "hall":
        _add_pavilion_ceiling(builder, building, hole)
    if building.kind == "workshop":
        _add_ceiling(builder, building)
        if building.id in CRANE_HALLS:
            _add_cranes(builder, building)
    for room in building.rooms:
        if room.storeys > 1 and room.id != own_ceiling:  # a gallery round a double-height room
            # (not under the mirrored ceiling: there the sculpture hangs in the open height)
            rx0, ry0 = room.footprint.min(axis=0)
            rx1, ry1 = room.footprint.max(axis=0)
            storey = building.height / max(building.storeys, 1)
            builder.box(
                np.array([(rx0 + rx1) / 2, ry1 - 2.5]),
                (rx1 - rx0, 5.0, 0.4),
                0.0,
                "mezzanine",
                z=storey,
            )


def add_structures(builder: PartsBuilder, plant: Plant) -> None:
    """Structure of every building in the plant; doors where aisles and roads cross walls."""
    crossings = [(lane.points, lane.width) for lane in plant.aisles]
    crossings += [(road.points, road.width) for road in plant.roads]
    lanes = [(lane.points, lane.width) for lane in plant.aisles]
    passages = [
        (spec.points, spec.height)
        for spec in plant.equipment
        if isinstance(spec, specs.Conveyor) and spec.kind == "overhead"
    ]
    for building in plant.buildings:
        mirror = plant.sculpture.room if plant.sculpture is not None else None
        add_building(builder, building, crossings, lanes, mirror, passages)
