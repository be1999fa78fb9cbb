"""Contact shading baked into the floors: the darkening round the foot of every machine, wall
and rack, where the light from the roof cannot reach.

A real hall's floor is darker in a soft band round everything that stands on it; without it a
machine looks pasted onto the floor. This module computes that band once, as a brightness
image over the plant (1 = open floor), from the footprints of the boxes that stand on the
floor: their coverage is rasterised on a grid of ``texel`` metres and blurred by ``reach`` (and,
optionally, a wider, fainter band round tall things, so that it reads from eye height). The same
image can carry the look of a polished epoxy floor: the skylight strips mirrored in it as wide,
soft bands of light (a bright core right under each strip in a broad sheen that runs on past its
ends), the rows of lamps as fainter streaks (:func:`light_streaks`), darker between; and the
wear of traffic: slightly darker bands where forklifts, AGVs and the shuttle's wheels run
(:func:`worn_paths`). Pure NumPy; :mod:`viewer.scene.plant.floor_shading` lays it on the floors
as a texture.

Examples
--------
>>> import numpy as np
>>> from viewer.model.plant.parts import BOX_ROLES, Boxes
>>> machine = Boxes(np.array([[10.0, 10.0, 0.0]]), np.array([[4.0, 2.0, 3.0]]), np.zeros(1),
...                 np.array([BOX_ROLES.index("machine")]))
>>> shade = floor_shade(machine, (0.0, 0.0, 20.0, 20.0), texel=0.5)
>>> shade.brightness.shape  # 20 m and a margin of 2.4 m each side, at 0.5 m
(48, 48)
>>> open_floor, foot = shade.at(np.array([[1.0, 1.0], [12.4, 10.0]]))
>>> float(open_floor), bool(foot < 0.85)
(1.0, True)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from viewer.model.plant.parts import BOX_ROLES, Boxes

GROUND_Z = 0.4  # a box whose bottom is lower than this (m) stands on the floor
LOW_Z = 0.3  # a box lower than this (floor plates, lane paint, skids) casts no contact shade
NOT_SHADING = frozenset({"glass", "window", "skylight", "door"})  # light passes or no foot
POOL_SPREAD = 2.5  # m: the daylight's pool spreads about this far each side of a skylight
TALL_Z = 1.5  # m: a box at least this tall also casts the wide, faint band (``wide``)
ROBOT_FOOT = 1.8  # m: a riser ("pedestal") carries a robot arm, which shades this wide a square
COLUMN_FOOT = 1.4  # m: a tall slender thing (a column) shades at least this wide a square
LAMP_ROW = 12.0  # m: a lamp's streak runs this far along its row (the lamps' spacing)
LAMP_COLUMN = 8.0  # m: and this far across the hall, to the next row (the rows' spacing)
LAMP_SPOT = 1.6  # m: the bright spot right under a lamp
SHEEN_RUN = 4.0  # m: a skylight's reflection runs on this far past each end of its strip
# Each kind of streak: (width of its core, softness of its edges in m, brightness 0-1): under
# the skylight strips a bright core and the broad sheen round it (the daylight mirrored by the
# epoxy, blurred: the brightest thing on the floor), the spot under each lamp, the streak along
# a row of lamps, and the fainter one across the hall through each lamp.
STREAKS = {
    "skylight": (2.4, 1.2, 1.0),
    "sheen": (10.0, 3.0, 0.6),
    "spot": (LAMP_SPOT, 0.6, 0.85),
    "row": (1.4, 0.7, 0.8),
    "column": (1.0, 0.6, 0.35),
}
WEAR_SOFT = 0.4  # m: the soft edge of a worn band
LAMP_REACH = 20.0  # m: a lamp takes the heading of a skylight strip this near (its hall's)
MAX_TEXELS = 8_000_000  # the image is coarsened to stay within this many texels


@dataclass(frozen=True)
class FloorShade:
    """Brightness of the floor (1 = open floor) on a grid: row ``i``, column ``j`` is the
    square of side ``texel`` whose lower corner is ``origin + (j, i) * texel``."""

    brightness: np.ndarray  # (rows, cols) float32 in [1 - strength, 1]
    origin: tuple[float, float]
    texel: float

    @property
    def size(self) -> tuple[float, float]:
        """Width and height (m) the image covers."""
        rows, cols = self.brightness.shape
        return cols * self.texel, rows * self.texel

    def texture_coordinates(self, points: np.ndarray) -> np.ndarray:
        """(u, v) in 0-1 of ground points (N, 2 or 3) on the image."""
        width, height = self.size
        xy = np.asarray(points, dtype=float)[:, :2]
        return np.column_stack(
            [(xy[:, 0] - self.origin[0]) / width, (xy[:, 1] - self.origin[1]) / height]
        )

    def at(self, points: np.ndarray) -> np.ndarray:
        """The brightness under ground points (N, 2): 1 outside the image."""
        xy = np.asarray(points, dtype=float)[:, :2]
        j = np.floor((xy[:, 0] - self.origin[0]) / self.texel).astype(int)
        i = np.floor((xy[:, 1] - self.origin[1]) / self.texel).astype(int)
        rows, cols = self.brightness.shape
        inside = (i >= 0) & (i < rows) & (j >= 0) & (j < cols)
        out = np.ones(len(xy), dtype=float)
        out[inside] = self.brightness[i[inside], j[inside]]
        return out


def standing(boxes: Boxes) -> Boxes:
    """The boxes that stand on the floor and are tall enough to shade its foot."""
    bottom = boxes.bottom_center[:, 2]
    keep = (bottom < GROUND_Z) & (boxes.size[:, 2] >= LOW_Z)
    keep &= ~np.isin(boxes.role, [BOX_ROLES.index(r) for r in NOT_SHADING])
    return Boxes(boxes.bottom_center[keep], boxes.size[keep], boxes.yaw[keep], boxes.role[keep])


def coverage(
    boxes: Boxes,
    origin: tuple[float, float],
    shape: tuple[int, int],
    texel: float,
    weights: np.ndarray | None = None,
) -> np.ndarray:
    """The share (0-1) of each texel covered by the footprints of ``boxes``, each box sampled
    on points ``texel / 2`` apart (no loop over boxes); ``weights``: how much each box counts
    (1 by default)."""
    rows, cols = shape
    step = texel / 2.0
    along = np.maximum(np.ceil(boxes.size[:, 0] / step).astype(np.int64), 1)
    across = np.maximum(np.ceil(boxes.size[:, 1] / step).astype(np.int64), 1)
    counts = along * across
    if counts.sum() == 0:
        return np.zeros(shape)
    owner = np.repeat(np.arange(len(counts)), counts)
    first = np.repeat(np.cumsum(counts) - counts, counts)
    k = np.arange(counts.sum()) - first
    a, c = k // across[owner], k % across[owner]
    u = ((a + 0.5) / along[owner] - 0.5) * boxes.size[owner, 0]
    v = ((c + 0.5) / across[owner] - 0.5) * boxes.size[owner, 1]
    cos, sin = np.cos(boxes.yaw[owner]), np.sin(boxes.yaw[owner])
    x = boxes.bottom_center[owner, 0] + u * cos - v * sin
    y = boxes.bottom_center[owner, 1] + u * sin + v * cos
    j = np.floor((x - origin[0]) / texel).astype(np.int64)
    i = np.floor((y - origin[1]) / texel).astype(np.int64)
    inside = (i >= 0) & (i < rows) & (j >= 0) & (j < cols)
    # each sample stands for its share of its box's footprint, in texels
    weight = (boxes.size[owner, 0] * boxes.size[owner, 1] / counts[owner]) / texel**2
    if weights is not None:
        weight = weight * np.asarray(weights, dtype=float)[owner]
    grid = np.bincount(i[inside] * cols + j[inside], weight[inside], minlength=rows * cols)
    return np.minimum(grid, 1.0).reshape(rows, cols)


def blur(image: np.ndarray, radius: int, passes: int = 3) -> np.ndarray:
    """A soft blur of about Gaussian shape: ``passes`` box blurs of half width ``radius``
    texels along each axis (edges held at zero)."""
    out = image.astype(np.float64)
    if radius <= 0:
        return out
    for axis in (0, 1):
        for _ in range(passes):
            pad = [(0, 0), (0, 0)]
            pad[axis] = (radius + 1, radius)
            total = np.cumsum(np.pad(out, pad), axis=axis)
            n = out.shape[axis]
            high = np.take(total, np.arange(2 * radius + 1, n + 2 * radius + 1), axis=axis)
            low = np.take(total, np.arange(0, n), axis=axis)
            out = (high - low) / (2 * radius + 1)
    return out


def robot_feet(boxes: Boxes) -> Boxes:
    """The tall things standing on the floor, for the wide band: boxes at least
    :data:`TALL_Z` high (a slender one, a column, as a square of :data:`COLUMN_FOOT`), and each
    robot riser ("pedestal") as the square of :data:`ROBOT_FOOT` that the arm on it shades."""
    feet = standing(boxes)
    riser = feet.role == BOX_ROLES.index("pedestal")
    size = feet.size.copy()
    size[riser, :2] = np.maximum(size[riser, :2], ROBOT_FOOT)
    size[riser, 2] = np.maximum(size[riser, 2], TALL_Z)
    slender = (size[:, :2].max(axis=1) < COLUMN_FOOT) & (size[:, 2] >= TALL_Z)
    size[slender, :2] = COLUMN_FOOT
    keep = size[:, 2] >= TALL_Z
    return Boxes(feet.bottom_center[keep], size[keep], feet.yaw[keep], feet.role[keep])


def row_headings(lamps: Boxes, strips: Boxes) -> np.ndarray:
    """The heading of each lamp's row: that of the nearest skylight strip within
    :data:`LAMP_REACH` (the strips run along their hall, and so do its rows of lamps); NaN
    where there is none."""
    headings = np.full(len(lamps), np.nan)
    if not len(lamps) or not len(strips):
        return headings
    d = lamps.bottom_center[:, None, :2] - strips.bottom_center[None, :, :2]  # (lamps, strips)
    cos, sin = np.cos(strips.yaw), np.sin(strips.yaw)
    u = d[..., 0] * cos + d[..., 1] * sin
    v = -d[..., 0] * sin + d[..., 1] * cos
    du = np.maximum(np.abs(u) - strips.size[:, 0] / 2, 0.0)
    dv = np.maximum(np.abs(v) - strips.size[:, 1] / 2, 0.0)
    distance = np.hypot(du, dv)
    nearest = np.argmin(distance, axis=1)
    near = distance[np.arange(len(lamps)), nearest] <= LAMP_REACH
    headings[near] = strips.yaw[nearest[near]]
    return headings


def light_streaks(
    boxes: Boxes, origin: tuple[float, float], shape: tuple[int, int], texel: float
) -> np.ndarray:
    """Where a polished floor shows the lights overhead (0-1): under each skylight strip a
    bright core in a broad soft sheen (:data:`STREAKS` "skylight", "sheen"), both running
    :data:`SHEEN_RUN` past the strip's ends; a long soft streak along each row of lamps (a
    lamp's streak runs :data:`LAMP_ROW` along the heading of its hall's skylights, so the
    streaks of a row join up; a lamp with no skylight near is a soft spot), and a fainter one
    across the hall through each lamp (:data:`LAMP_COLUMN`), brightest in a spot under each
    lamp. View-independent: what a glossy floor's reflections look like from along the rows or
    across them (a real reflection runs towards the eye)."""
    strips = boxes.roles({"skylight"})
    lamps = boxes.roles({"lamp"})
    headings = row_headings(lamps, strips)
    in_row = ~np.isnan(headings)
    in_rows = lamps.bottom_center[in_row]
    run = strips.size[:, 0] + 2 * SHEEN_RUN
    streaks = {  # centre, length and heading of each streak
        "skylight": (strips.bottom_center, run, strips.yaw),
        "sheen": (strips.bottom_center, run, strips.yaw),
        "spot": (lamps.bottom_center, np.full(len(lamps), LAMP_SPOT), lamps.yaw),
        "row": (in_rows, np.full(len(in_rows), LAMP_ROW), headings[in_row]),
        "column": (in_rows, np.full(len(in_rows), LAMP_COLUMN), headings[in_row] + np.pi / 2),
    }
    light = np.zeros(shape)
    for kind, (center, length, yaw) in streaks.items():
        if not len(yaw):
            continue
        width, soft_edge, share = STREAKS[kind]
        size = np.column_stack([length, np.full(len(yaw), width), np.ones(len(yaw))])
        cover = coverage(Boxes(center, size, yaw, np.zeros(len(yaw), int)), origin, shape, texel)
        soft = blur(cover, max(int(round(soft_edge / texel)), 1))
        soft *= share / max(float(soft.max()), 1e-9)  # every streak of a kind the same peak
        light = 1.0 - (1.0 - light) * (1.0 - np.clip(soft, 0.0, 1.0))
    return light


def worn_paths(
    paths: Sequence[tuple[np.ndarray, float, bool]],
    origin: tuple[float, float],
    shape: tuple[int, int],
    texel: float,
) -> np.ndarray:
    """How worn (0-1) the floor is along ``paths``: (points (N, 2), width m, closed) of each
    band where traffic runs (a forklift's loop, an AGV's, a wheel track of the shuttle), 1 in
    the middle of a band, fading over :data:`WEAR_SOFT` at its edges.

    >>> worn = worn_paths([(np.array([[0.0, 5.0], [20.0, 5.0]]), 1.5, False)], (0.0, 0.0),
    ...                   (25, 50), 0.4)
    >>> round(float(worn[12, 25]), 1), float(worn[2, 25])  # on the band, 4 m off it
    (0.9, 0.0)
    """
    centers, lengths, widths, yaws = [], [], [], []
    for points, width, closed in paths:
        points = np.asarray(points, dtype=float)[:, :2]
        ends = np.vstack([points, points[:1]]) if closed else points
        a, b = ends[:-1], ends[1:]
        step = b - a
        length = np.hypot(step[:, 0], step[:, 1])
        keep = length > 1e-6
        centers.append((a[keep] + b[keep]) / 2)
        lengths.append(length[keep] + width)  # the corners filled
        widths.append(np.full(keep.sum(), float(width)))
        yaws.append(np.arctan2(step[keep, 1], step[keep, 0]))
    if not centers or not sum(len(c) for c in centers):
        return np.zeros(shape)
    center = np.vstack(centers)
    size = np.column_stack([np.concatenate(lengths), np.concatenate(widths), np.ones(len(center))])
    center = np.column_stack([center, np.zeros(len(center))])
    bands = Boxes(center, size, np.concatenate(yaws), np.zeros(len(center), dtype=int))
    cover = coverage(bands, origin, shape, texel)
    return np.clip(blur(cover, max(int(round(WEAR_SOFT / texel)), 1), passes=1), 0.0, 1.0)


def floor_shade(
    boxes: Boxes,
    bounds: tuple[float, float, float, float],
    texel: float = 0.4,
    reach: float = 1.0,
    strength: float = 0.5,
    pools: float = 0.0,
    wide: float = 0.0,
    wide_reach: float = 2.5,
    gloss: float = 0.0,
    short: float = 1.0,
    lights: Boxes | None = None,
    wear: float = 0.0,
    worn: Sequence[tuple[np.ndarray, float, bool]] = (),
) -> FloorShade:
    """The contact shading of the floor inside ``bounds`` (x0, y0, x1, y1) from ``boxes``.

    ``reach``: how far (m) the soft shade spreads out from a foot; ``strength``: how much of
    the light it takes at most (right at the foot of a long wall or a big machine);
    ``pools``: how much darker (a share) the floor is away from the skylight strips than
    under them, where a polished floor shines with the daylight; ``wide``: how much a second,
    fainter band ``wide_reach`` (m) wide round tall things (:func:`robot_feet`) takes at most,
    so that a machine's foot reads from eye height tens of metres away; ``gloss``: how much
    darker the floor is between the streaks of light (:func:`light_streaks`) than on them;
    ``short``: how much a box lower than :data:`TALL_Z` counts at least (it counts as its height
    over :data:`TALL_Z`; a robot's riser as tall): a conveyor or skid shades less than a
    machine; ``lights``: the boxes whose skylights and lamps make the streaks (None: ``boxes``);
    ``wear``: how much darker (a share) the floor is along the ``worn`` bands (:func:`worn_paths`).
    """
    x0, y0, x1, y1 = (float(b) for b in bounds)
    texel = max(float(texel), np.sqrt((x1 - x0) * (y1 - y0) / MAX_TEXELS))
    margin = 2.0 * max(reach, wide_reach if wide > 0 else 0.0)
    origin = (x0 - margin, y0 - margin)
    cols = max(int(np.ceil((x1 - x0 + 2 * margin) / texel)), 1)
    rows = max(int(np.ceil((y1 - y0 + 2 * margin) / texel)), 1)
    feet = standing(boxes)
    height = np.where(feet.role == BOX_ROLES.index("pedestal"), TALL_Z, feet.size[:, 2])
    weights = np.clip(height / TALL_Z, min(short, 1.0), 1.0)
    covered = coverage(feet, origin, (rows, cols), texel, weights)
    radius = max(int(round(reach / texel / 1.5)), 1)  # three box passes: about reach wide
    soft = blur(covered, radius)
    occlusion = np.clip(2.2 * soft, 0.0, 1.0) ** 0.7  # dark close to the foot, fading out
    shade = 1.0 - strength * occlusion
    if wide > 0:
        tall = coverage(robot_feet(boxes), origin, (rows, cols), texel)
        spread = blur(tall, max(int(round(wide_reach / texel / 1.5)), 1))
        shade = shade * (1.0 - wide * np.clip(3.5 * spread, 0.0, 1.0) ** 0.7)
    if pools > 0:
        skylights = boxes.roles({"skylight"})
        light = blur(coverage(skylights, origin, (rows, cols), texel), int(POOL_SPREAD / texel))
        lit = np.clip(light / max(float(light.max()), 1e-9), 0.0, 1.0) if light.size else light
        shade = shade * (1.0 - pools + pools * lit)
    if gloss > 0:
        lit = light_streaks(boxes if lights is None else lights, origin, (rows, cols), texel)
        shade = shade * (1.0 - gloss + gloss * lit)
    if wear > 0 and len(worn):
        shade = shade * (1.0 - wear * worn_paths(worn, origin, (rows, cols), texel))
    return FloorShade(shade.astype(np.float32), origin, texel)
