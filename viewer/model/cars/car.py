"""A parametric Xiaomi SU7 as plain arrays: a smooth loft of many cross-sections.

The car's frame: x forward, y left, z up, origin on the ground under the middle of the
wheelbase. Sizes (m) are the published SU7 figures; the shape between them is drawn from
photographs (estimates). Meshes are returned as ``(points, faces)``: ``points`` (M, 3) floats
and ``faces`` (K, 3) vertex indices of triangles, wound outward.

The body is described by smooth curves along its length (:data:`_TOP`, the roof and bonnet
line; :data:`_BELT`, the foot of the side windows; :data:`_FLOOR`, the underside, which rises at
the tail to just under the ducktail's lip and so draws the tall, nearly upright rear face;
:data:`_SHOULDER`; :data:`_PLAN`, the half width), each interpolated with a shape-keeping
cubic. Every cross-section has the same points: the floor, the wheel house (a notch that opens
only over a wheel, so the arches are cut cleanly), the body side with its shoulder, leaning in
to the belt, the side windows leaning in further (tumblehome) and the rounded roof. ``detail``
picks how many: ``"fine"`` for the showroom car, ``"line"`` for the many cars on the line,
``"far"`` for cars a few pixels long (a few eight-point sections of the same curves).

>>> points, faces = body_mesh(detail="far")
>>> bool(faces.max() < len(points)) and len(faces) < 200
True
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np


@dataclass(frozen=True)
class CarDimensions:
    """Outer size (m) of the SU7: 4,997 x 1,963 x 1,455 mm, wheelbase 3,000 mm."""

    length: float = 4.997
    width: float = 1.963
    height: float = 1.455
    wheelbase: float = 3.000
    front_overhang: float = 0.93  # estimate; the rear overhang is the rest of the length
    wheel_diameter: float = 0.72  # 20-inch rim with its 245/40 tyre
    wheel_width: float = 0.26

    @property
    def front(self) -> float:
        """x of the front bumper's tip."""
        return self.wheelbase / 2 + self.front_overhang

    @property
    def rear(self) -> float:
        """x of the rear bumper's back."""
        return self.front - self.length

    @property
    def track_y(self) -> float:
        """y of the middle of a tyre (the wheels' outer faces just inside the body's side)."""
        return self.width / 2 - self.wheel_width / 2 - 0.035


SU7 = CarDimensions()

# The side view along the length, as (fraction of the length from the rear, height / height).
_TOP = [  # the top centre line: ducktail lip, boot deck, fastback, roof, windscreen, bonnet
    (0.000, 0.676), (0.005, 0.692), (0.014, 0.699), (0.030, 0.690), (0.055, 0.684),
    (0.090, 0.700), (0.180, 0.752), (0.260, 0.830), (0.340, 0.912), (0.420, 0.968),
    (0.500, 0.996), (0.545, 1.000), (0.600, 0.990), (0.650, 0.960), (0.700, 0.890),
    (0.760, 0.760), (0.800, 0.675), (0.830, 0.640), (0.880, 0.610), (0.930, 0.574),
    (0.965, 0.541), (0.988, 0.510), (1.000, 0.480),
]  # fmt: skip
_BELT = [  # the belt line: the foot of the side windows (or of the bonnet's and deck's crown)
    (0.000, 0.655), (0.014, 0.656), (0.060, 0.650), (0.200, 0.638), (0.500, 0.612),
    (0.700, 0.600), (0.790, 0.592), (0.850, 0.580), (0.930, 0.542), (0.970, 0.515),
    (0.990, 0.488), (1.000, 0.465),
]  # fmt: skip
_FLOOR = [  # the underside: up to just under the ducktail's lip (the tail's tall, nearly upright
    # face, a Kamm-like cut rounding under at its foot) and rising a little under the nose
    (0.000, 0.645), (0.004, 0.600), (0.007, 0.500), (0.010, 0.380), (0.014, 0.290),
    (0.020, 0.235), (0.032, 0.195), (0.055, 0.160), (0.090, 0.130), (0.140, 0.100),
    (0.500, 0.090),
    (0.900, 0.100),
    (0.960, 0.112), (0.990, 0.135), (1.000, 0.160),
]  # fmt: skip
_SHOULDER = [  # the height of the widest line of the side
    (0.000, 0.52), (0.100, 0.52), (0.220, 0.50), (0.500, 0.46), (0.800, 0.45), (0.900, 0.44),
    (1.000, 0.42),
]  # fmt: skip
_PLAN = [  # half width / half the overall width: wide rear hips, narrower waist and nose
    (0.000, 0.86), (0.030, 0.935), (0.080, 0.975), (0.170, 1.000), (0.260, 0.995),
    (0.380, 0.955), (0.550, 0.942), (0.700, 0.955), (0.800, 0.972), (0.880, 0.955),
    (0.940, 0.915), (0.980, 0.830), (1.000, 0.700),
]  # fmt: skip
_ROOF_WIDTH = [  # half width of the top's flat / the belt's half width: the side glass leans
    # in about 17 degrees (tumblehome)
    (0.000, 0.86), (0.100, 0.84), (0.200, 0.82), (0.300, 0.82), (0.500, 0.83),
    (0.680, 0.83), (0.780, 0.85), (0.850, 0.86), (1.000, 0.86),
]  # fmt: skip
_END_ROUNDING = ((0.26, 0.80), (0.34, 0.70))  # (m, share of the width left at the very end):
# the plan's rounding at the rear and at the front corners, to a rounded tail and a narrow nose
NOSE_ROUND = (0.13, 0.16, 0.86)  # (m, shares of the section's height and width left at the
# tip): over its last 13 cm the nose rounds over from the bonnet and the underside to a
# rounded face across the front (the plan rounds its corners), not a flat cap with a crease
# round it, nor a point where every line of the section meets
TAIL_REACH = 0.30  # m: sections closer together over the tail's last 30 cm (the rear face)
TAIL_TUCK = (0.50, 0.12, 0.22)  # over the tail's last 50 cm the sill's tuck (a share of the
# width, see _side) grows from 0.12 to 0.22: the rear bumper's lower corners round under
NOSE_TUCK = (0.70, 0.30)  # over the nose's last 70 cm the sill's tuck grows to 0.30: the front
# bumper's lower corners recede under the headlights (no chin bulging out below them)
GLASS_SPAN = (0.048, 0.795)  # fractions from the rear: the rear window's foot, windscreen's foot
SIDE_WINDOWS = (0.185, 0.27)  # fractions from the rear: the side windows' pointed rear end
# (the C pillar) and where their foot reaches the belt line; behind, only the rear window
ROOF_CROWN = 0.12  # m: the roof's rounding over from the side windows' top to its middle
REAR_WINDOW = 0.78  # the rear window's half width, a share of the section's top from the belt

CREASE_ANGLE = 50.0  # degrees: neighbouring faces of the line's body or glasshouse meeting
# at more than this are a real edge (the ducktail's lip, the wheel arches' lips, the sills:
# 55 degrees and more) and shaded sharp; the smooth surfaces' coarse facets (the front bumper's
# rounding, the roof's curve down to the side glass: up to about 40 degrees) are shaded smooth
DETAIL = {  # stations along the body, points up each side, stations across each wheel arch
    "fine": (64, 12, 19),  # an odd count round each arch: a section over each axle
    "line": (24, 5, 5),  # hundreds on the lines: about 2,300 triangles
    "far": (12, 3, 3),
}


def smooth_curve(knots: list[tuple[float, float]], t: np.ndarray) -> np.ndarray:
    """A shape-keeping cubic (Fritsch-Carlson) through ``knots`` (t, value) evaluated at ``t``.

    >>> smooth_curve([(0.0, 0.0), (1.0, 1.0), (2.0, 1.0)], np.array([0.5, 1.5])).round(3)
    array([0.625, 1.   ])
    """
    xs, ys = np.asarray(knots, dtype=float).T
    h = np.diff(xs)
    delta = np.diff(ys) / h
    slopes = np.zeros_like(ys)
    slopes[0], slopes[-1] = delta[0], delta[-1]
    for i in range(1, len(xs) - 1):
        if delta[i - 1] * delta[i] > 0:  # weighted harmonic mean keeps the curve monotone
            w1, w2 = 2 * h[i] + h[i - 1], h[i] + 2 * h[i - 1]
            slopes[i] = (w1 + w2) / (w1 / delta[i - 1] + w2 / delta[i])
    t = np.clip(np.asarray(t, dtype=float), xs[0], xs[-1])
    i = np.clip(np.searchsorted(xs, t) - 1, 0, len(xs) - 2)
    s = (t - xs[i]) / h[i]
    h00, h10 = 2 * s**3 - 3 * s**2 + 1, s**3 - 2 * s**2 + s
    h01, h11 = -2 * s**3 + 3 * s**2, s**3 - s**2
    return h00 * ys[i] + h10 * h[i] * slopes[i] + h01 * ys[i + 1] + h11 * h[i] * slopes[i + 1]


def _stations(dims: CarDimensions, count: int, arch: int) -> np.ndarray:
    """x of the cross-sections: spaced evenly, closer at the ends, evenly round each arch."""
    u = np.linspace(0.0, 1.0, count)
    u = u - 0.12 * np.sin(2 * np.pi * u) / (2 * np.pi)  # a little closer near both ends
    xs = list(dims.rear + dims.length * u)
    radius = _arch_radius(dims)
    for axle in (-dims.wheelbase / 2, dims.wheelbase / 2):
        xs = [x for x in xs if abs(x - axle) > radius + 0.02]
        xs += list(axle - radius * np.cos(np.linspace(0, np.pi, arch)))
        xs += [axle - radius - 0.006, axle + radius + 0.006]  # the arch's straight sides
    # the rounded nose: stations at even steps of the angle round its rounding (see _nose)
    reach = NOSE_ROUND[0]
    xs = [x for x in xs if x < dims.front - reach]
    angles = np.linspace(np.pi / 2, 0.0, max(3, arch // 2))
    xs += list(dims.front - reach * (1.0 - np.cos(angles)))
    # the tail: the lip and the upright rear face under it, closer still towards the lip
    xs = [x for x in xs if x > dims.rear + TAIL_REACH]
    tail = np.linspace(0.0, np.pi / 2, max(5, arch // 2 + 2))  # on the line's too, one
    # at the foot of the lip and one near the rear face's foot: an upright cut, not a slope
    xs += list(dims.rear + TAIL_REACH * (1.0 - np.cos(tail)))
    return np.sort(np.asarray(xs))


def _nose(dims: CarDimensions, x: float, half: np.ndarray) -> np.ndarray:
    """The half section (y, z) drawn in towards its middle height near the nose's tip, and a
    little in width (a rounded bumper, round from the bonnet over to the underside, whose
    front seen from above keeps the plan's width); unchanged further back."""
    reach, tip, tip_width = NOSE_ROUND
    d = np.clip((dims.front - x) / reach, 0.0, 1.0)
    if d >= 1.0:
        return half
    ellipse = np.sqrt(1.0 - (1.0 - d) ** 2)  # a quarter ellipse seen from the side: the
    # section's edge meets the thin end cap nearly square on
    share = tip + (1.0 - tip) * ellipse
    across = tip_width + (1.0 - tip_width) * ellipse
    middle = (half[:, 1].min() + half[:, 1].max()) / 2
    return np.column_stack([half[:, 0] * across, middle + (half[:, 1] - middle) * share])


def section(dims: CarDimensions, x: float, side: int = 15) -> tuple[np.ndarray, int]:
    """The left half of the body's section at ``x`` as (y, z) points from the floor's centre
    round to the roof's centre, and the index of the first glasshouse point."""
    return sections(dims, np.array([x]), side)[0]


def sections(dims: CarDimensions, xs: np.ndarray, side: int = 15) -> list[tuple[np.ndarray, int]]:
    """:func:`section` at each of the stations ``xs`` (the curves evaluated once)."""
    prof = _profiles(dims, xs)
    out = []
    for i, x in enumerate(xs):
        half, glass = _half_section(dims, x, {k: v[i] for k, v in prof.items()}, side)
        out.append((_nose(dims, x, half), int(glass)))
    return out


def _arch_radius(dims: CarDimensions) -> float:
    return dims.wheel_diameter / 2 + 0.045


def _profiles(dims: CarDimensions, xs: np.ndarray) -> dict[str, np.ndarray]:
    """Heights and half widths (m) of the body at stations ``xs``."""
    u = (xs - dims.rear) / dims.length
    h = dims.height
    top, belt = smooth_curve(_TOP, u) * h, smooth_curve(_BELT, u) * h
    floor = smooth_curve(_FLOOR, u) * h
    shoulder = smooth_curve(_SHOULDER, u) * h
    belt = np.minimum(belt, top - 0.02)
    low = np.minimum(floor + 0.05, floor + 0.4 * (belt - floor))  # a short side (the tail's)
    shoulder = np.clip(shoulder, low, np.maximum(belt - 0.12, low))
    half = smooth_curve(_PLAN, u) * dims.width / 2
    (rear_r, rear_end), (front_r, front_end) = _END_ROUNDING
    for distance, r, end in (
        (xs - dims.rear, rear_r, rear_end),
        (dims.front - xs, front_r, front_end),
    ):
        d = np.clip(distance / r, 0.0, 1.0)
        half = half * (end + (1.0 - end) * np.sqrt(np.clip(1.0 - (1.0 - d) ** 2, 0.0, 1.0)))
    reach, tuck, tail_tuck = TAIL_TUCK
    d = np.clip((xs - dims.rear) / reach, 0.0, 1.0)
    nose_reach, nose_tuck = NOSE_TUCK
    e = np.clip((dims.front - xs) / nose_reach, 0.0, 1.0)
    return {
        "tuck": tail_tuck
        + (tuck - tail_tuck) * d * d * (3.0 - 2.0 * d)
        + (nose_tuck - tuck) * (1.0 - e * e * (3.0 - 2.0 * e)),
        "top": top,
        "belt": belt,
        "floor": floor,
        "shoulder": shoulder,
        "half": half,
        "roof": smooth_curve(_ROOF_WIDTH, u),
    }


def _side(
    z: np.ndarray, floor: float, shoulder: float, belt: float, tuck: float = TAIL_TUCK[1]
) -> np.ndarray:
    """The body side's half width at heights ``z`` as a share of the widest: a rounded sill,
    full at the shoulder, then leaning in (tumblehome) and rolling over at the belt towards
    the side windows."""
    below = np.clip((shoulder - z) / max(shoulder - floor, 1e-6), 0, 1)
    above = np.clip((z - shoulder) / max(belt - shoulder, 1e-6), 0, 1)
    return 1.0 - tuck * below**2 - 0.045 * above**1.2 - 0.03 * above**6


def side_outline(xs: np.ndarray, dims: CarDimensions = SU7) -> np.ndarray:
    """The height (m) of the car's outline seen from the side at stations ``xs`` (the top of
    the roof, the windscreen, the bonnet and the boot along the middle)."""
    return _profiles(dims, np.asarray(xs, dtype=float))["top"]


def _half_section(
    dims: CarDimensions, x: float, p: dict[str, float], side: int
) -> tuple[np.ndarray, np.ndarray]:
    """Left half of the section at ``x``: (y, z) from the floor's centre to the roof's centre,
    and the index of the first glasshouse point.

    Every section has the same points in the same roles: the floor, the wheel house (its inner
    wall and roof out to the arch's lip; flat on the floor away from a wheel), the side from
    the sill to the belt at the same heights everywhere, then the glasshouse. Over a wheel the
    side's points below the arch's top lie on the lip itself: the arch's edge is the lip, on a
    circle round the axle, and no facet slants across it into the wheel house."""
    floor, shoulder, belt, top = p["floor"], p["shoulder"], p["belt"], p["top"]
    half = p["half"]
    radius = _arch_radius(dims)
    arch_top = floor
    for axle in (-dims.wheelbase / 2, dims.wheelbase / 2):
        dx = x - axle
        if abs(dx) <= radius + 1e-9:  # the sections at the arch's ends too: its upright sides
            centre = dims.wheel_diameter / 2
            arch_top = max(arch_top, centre + np.sqrt(max(radius**2 - dx**2, 0.0)))
    arch_top = max(min(arch_top, belt - 0.05), floor)  # never under the floor (at the lip,
    # where the floor rises to just under the belt, the wheel house folded down below it)

    def skin(z: np.ndarray) -> np.ndarray:
        return half * _side(z, floor, shoulder, belt, p["tuck"])

    sill = float(skin(np.array([floor]))[0])
    inner = min(dims.track_y - dims.wheel_width / 2 - 0.06, 0.75 * sill)
    lip = float(skin(np.array([arch_top]))[0])
    # the floor, the wheel house's inner wall and its roof out to the arch's lip (away from a
    # wheel, two more points of the floor out to the sill)
    house = (0.0, 0.5) if arch_top > floor else (1 / 3, 2 / 3)
    ys = [0.0, inner / 2, inner, *(inner + (lip - inner) * np.asarray(house))]
    zs = [floor, floor, floor, arch_top, arch_top]
    # the side from the sill up to the belt, closer towards both ends (the same heights in
    # every section, so the flank's rows run on unbroken past the arches); over a wheel the
    # points below the arch's top all lie on its lip
    z_side = floor + (belt - floor) * (1 - np.cos(np.linspace(0, np.pi, side + 2))) / 2
    y_side = skin(z_side)
    cut = z_side < arch_top
    y_side[cut], z_side[cut] = lip, arch_top
    ys += list(y_side)
    zs += list(z_side)
    glass = len(ys) - 1
    # towards the nose the underside rolls round into the side too: the sill's corner would
    # otherwise run to the tip as a crease across the nose's lower half
    start, full = NOSE_BOTTOM
    near = np.clip((x - (dims.front - start)) / (start - full), 0.0, 1.0)
    w = near * near * (3.0 - 2.0 * near)
    if w > 0.0:
        join = 5 + (side + 2) // 3  # the side's point where the rounded underside meets it
        y_low, z_low = _rolled_bottom(np.array(ys), np.array(zs), floor, join)
        ys[:join] = list((1.0 - w) * np.array(ys[:join]) + w * y_low)
        zs[:join] = list((1.0 - w) * np.array(zs[:join]) + w * z_low)
    ys_up, zs_up = _glasshouse(ys[-1], belt, top, p["roof"], side)
    # over the bonnet and the boot deck (a low top over the belt) the side rolls over into
    # the top along one smooth curve: no step at the belt, no crease along the wings
    low = np.clip((GLASSHOUSE_LOW[1] - (top - belt)) / np.diff(GLASSHOUSE_LOW)[0], 0.0, 1.0)
    w = low * low * (3.0 - 2.0 * low)
    if w > 0.0:
        tangent = np.array([ys[-1] - ys[-2], zs[-1] - zs[-2]])
        smooth_y, smooth_z = _rolled_top(ys[-1], belt, top, tangent, side + 1)
        ys_up = (1.0 - w) * ys_up + w * smooth_y
        zs_up = (1.0 - w) * zs_up + w * smooth_z
    ys += list(ys_up)
    zs += list(zs_up)
    ys[-1] = 0.0
    half = np.column_stack([ys, zs])
    # the ducktail's lip: where the floor has risen to just under the top, the upper edge from
    # the widest point to the middle is one curve (the side's lean, the belt and the top
    # squeezed into a few cm would wave along the lip's edge)
    start, full = LIP_HEIGHT
    short = np.clip((start - (top - floor)) / (start - full), 0.0, 1.0)
    w = short * short * (3.0 - 2.0 * short)
    if w > 0.0:
        half = (1.0 - w) * half + w * _lip_edge(half)
    return half, np.asarray(glass)


LIP_HEIGHT = (0.16, 0.06)  # m of section (top over floor): under the first a tail section
# becomes the ducktail's lip, under the second its upper edge is wholly one curve


def _lip_edge(half: np.ndarray) -> np.ndarray:
    """The half section with its points from the widest one to the top's middle laid on a
    quarter superellipse round the lip (leaving the widest point upright, arriving level): an
    upper edge whose slope steepens steadily from the middle out to the lip's end."""
    out = half.copy()
    widest = int(np.argmax(half[:, 0]))
    (y0, z0), top = half[widest], half[-1, 1]
    theta = np.linspace(0.0, np.pi / 2, len(half) - widest)
    c, s = np.cos(theta), np.sin(theta)
    out[widest:, 0] = y0 * c ** (2 / 2.6)
    out[widest:, 1] = z0 + (top - z0) * s ** (2 / 2.6)
    return out


NOSE_BOTTOM = (0.52, 0.34)  # m from the tip: the underside starts rounding into the side, and
# is fully rounded (see _rolled_bottom)
GLASSHOUSE_LOW = (0.08, 0.16)  # m of top over the belt: below the first, a bonnet or a deck
# (the side rolls over into the top); above the second, a glasshouse with a crease at the belt


def _rolled_bottom(
    ys: np.ndarray, zs: np.ndarray, floor: float, join: int
) -> tuple[np.ndarray, np.ndarray]:
    """The ``join`` points before the side's point ``join`` of a half section (``ys``, ``zs``)
    laid on a cubic curve from the floor's centre, leaving it level, to that point, arriving
    along the side: an underside rounding into the side without a corner."""
    p3 = np.array([ys[join], zs[join]])
    tangent = p3 - np.array([ys[join + 1], zs[join + 1]])  # down the side
    tangent /= max(np.linalg.norm(tangent), 1e-9)
    rise = max(p3[1] - floor, 1e-3)
    p0 = np.array([0.0, floor])
    p1 = np.array([0.55 * p3[0], floor])
    p2 = p3 + 0.6 * rise / max(-tangent[1], 0.2) * tangent
    t = 1.0 - (1.0 - np.linspace(0.0, 1.0, join + 1)[:-1, None]) ** 1.5  # closer at the turn
    curve = (1 - t) ** 3 * p0 + 3 * (1 - t) ** 2 * t * p1 + 3 * (1 - t) * t**2 * p2 + t**3 * p3
    return curve[:, 0], curve[:, 1]


def _glasshouse(
    a: float, belt: float, top: float, roof: float, side: int
) -> tuple[np.ndarray, np.ndarray]:
    """The points above the belt point (``a``, ``belt``): the side glass leaning in, then the
    rounded roof to its centre (``side`` + 1 points)."""
    ys, zs = [], []
    roof_half = roof * a
    crown = min(ROOF_CROWN, 0.8 * (top - belt))
    for k in range(1, side // 3 + 1):  # the side glass, leaning in
        f = k / (side // 3 + 1)
        ys.append(a + (roof_half - a) * f)
        zs.append(belt + (top - crown - belt) * f)
    lean = np.arctan2(top - crown - belt, max(a - roof_half, 1e-6))  # the side glass's
    for theta in _even_turns(roof_half, crown, side - side // 3 + 1, lean):  # the rounded roof
        c, s = np.cos(theta), np.sin(theta)
        ys.append(roof_half * np.sign(c) * abs(c) ** (2 / 2.6))
        zs.append(top - crown + crown * s ** (2 / 2.6))
    return np.asarray(ys), np.asarray(zs)


def _even_turns(half: float, crown: float, count: int, lean: float) -> np.ndarray:
    """``count`` parameters (0 to pi/2) of the roof's quarter superellipse (half width
    ``half``, rise ``crown``; see :func:`_glasshouse`) at which its direction has turned in
    even steps from the side glass's ``lean`` (radians above level) at its edge (a little
    above the quarter's upright start) to level at its middle. At even steps of the parameter
    nearly all the turn fell between its first two points: a crease along the roof's glass on
    the line's coarser body, a hard shading line."""
    p = 2 / 2.6
    slope = np.tan(np.linspace(lean, 0.0, count)[:-1])  # rise over run at each point
    theta = np.arctan((crown / (half * slope)) ** (1 / (2 - p)))
    return np.concatenate([theta, [np.pi / 2]])


def _rolled_top(
    a: float, belt: float, top: float, tangent: np.ndarray, count: int
) -> tuple[np.ndarray, np.ndarray]:
    """``count`` points of a cubic curve from the belt point (``a``, ``belt``), leaving it along
    the side's ``tangent`` (y, z), to the top's centre (0, ``top``), arriving level: a bonnet's
    or a deck's section rolling over from the side without a corner."""
    height = max(top - belt, 1e-3)
    direction = tangent / max(np.linalg.norm(tangent), 1e-9)
    if direction[1] < 0.2:  # the side's top should rise; lean it at most about 78 degrees
        direction = np.array([-0.98, 0.2])
    reach = 0.7 * height / direction[1]  # the first handle ends at 0.7 of the rise
    reach = min(reach, 0.35 * a / max(-direction[0], 1e-6))  # and inside the section
    p0 = np.array([a, belt])
    p1 = p0 + reach * direction
    p2 = np.array([0.45 * a, top])
    p3 = np.array([0.0, top])
    t = np.linspace(0.0, 1.0, count + 1)[1:, None] ** 1.4  # closer where it turns over
    curve = (1 - t) ** 3 * p0 + 3 * (1 - t) ** 2 * t * p1 + 3 * (1 - t) * t**2 * p2 + t**3 * p3
    return curve[:, 0], curve[:, 1]


def _loft(sections: np.ndarray, closed: bool = True, caps: bool = True) -> np.ndarray:
    """Triangles joining sections (S, P, 3) point by point; ``closed`` rings, fan ``caps``."""
    count, ring, _ = sections.shape
    s, p = np.meshgrid(np.arange(count - 1), np.arange(ring if closed else ring - 1))
    s, p = s.ravel(), p.ravel()
    a, b = s * ring + p, s * ring + (p + 1) % ring
    c, d = a + ring, b + ring
    faces = [np.column_stack([a, b, d]), np.column_stack([a, d, c])]
    if caps:
        fan = np.arange(1, ring - 1)
        first = np.column_stack([np.zeros_like(fan), fan, fan + 1])
        last = first + (count - 1) * ring
        faces += [first[:, ::-1], last]
    return np.vstack(faces).astype(np.int64)


def _outward(points: np.ndarray, faces: np.ndarray) -> np.ndarray:
    """``faces`` wound so that a closed mesh's volume is positive."""
    t = points[faces]
    volume = np.einsum("ij,ij->i", t[:, 0], np.cross(t[:, 1], t[:, 2])).sum()
    return faces if volume > 0 else faces[:, ::-1].copy()


def _body_grid(dims: CarDimensions, detail: str) -> tuple[np.ndarray, np.ndarray, int]:
    """The body's points as (stations, ring, 3), the stations' x, and the first glass point
    (computed once per size and detail: the body and the glass share them)."""
    grid, xs, glass = _body_grid_cached(dims, detail)
    return grid.copy(), xs.copy(), glass


@cache
def _body_grid_cached(dims: CarDimensions, detail: str) -> tuple[np.ndarray, np.ndarray, int]:
    count, side, arch = DETAIL[detail]
    xs = _stations(dims, count, arch)
    grid, glass = _rings(dims, xs, side)
    return grid, xs, glass


def _rings(dims: CarDimensions, xs: np.ndarray, side: int) -> tuple[np.ndarray, int]:
    """The whole sections (left half, then the right back down) at stations ``xs`` as
    (stations, ring, 3), and the first glass point."""
    prof = _profiles(dims, xs)
    sections = []
    glass = 0
    for i, x in enumerate(xs):
        half, glass = _half_section(dims, x, {k: v[i] for k, v in prof.items()}, side)
        left = np.column_stack([np.full(len(half), x), _nose(dims, x, half)])
        right = left[-2:0:-1] * [1, -1, 1]
        sections.append(np.vstack([left, right]))
    return np.asarray(sections), int(glass)


def body_normals(dims: CarDimensions = SU7, detail: str = "line") -> np.ndarray:
    """Unit normals (M, 3) of the body's own surface at :func:`body_mesh`'s points: across
    each section from its neighbouring points, along the car from the same section drawn a
    millimetre ahead and behind (the curves themselves, not the few stations' facets: round
    the nose the line's body has only three sections). Zero where the surface has no one
    normal: on the ducktail's lip (the last section), and where points of a section lie on
    one another (at the wheel arches' lips).

    >>> normals = body_normals()
    >>> points, _ = body_mesh()
    >>> len(normals) == len(points)
    True
    """
    grid, xs, _ = _body_grid(dims, detail)
    side = DETAIL[detail][1]
    step = 1e-3
    ahead = np.minimum(xs + step, dims.front)
    behind = np.maximum(xs - step, dims.rear)
    along = (_rings(dims, ahead, side)[0] - _rings(dims, behind, side)[0]) / (ahead - behind)[
        :, None, None
    ]
    across = np.roll(grid, -1, axis=1) - np.roll(grid, 1, axis=1)  # the ring is closed
    normal = np.cross(across, along)
    length = np.linalg.norm(normal, axis=2, keepdims=True)
    normal = np.where(length > 1e-9, normal / np.maximum(length, 1e-12), 0.0)
    outward = grid - grid.mean(axis=1, keepdims=True)  # away from each section's middle
    if np.einsum("sij,sij->", normal, outward) < 0:
        normal = -normal
    normal[0] = 0.0  # the ducktail's lip (the last section) is an edge: no one normal there
    return normal.reshape(-1, 3)


FAR_STATIONS = (0.0, 0.03, 0.17, 0.33, 0.545, 0.7, 0.79, 0.9, 0.97, 1.0)
"""Shares of the length from the rear where the far body has a section: the tail, the hips,
the fastback, the roof's peak, the windscreen, the bonnet, the nose."""


def _far_grid(dims: CarDimensions) -> np.ndarray:
    """The body seen from far away: the same curves through ten eight-point sections."""
    xs = dims.rear + dims.length * np.asarray(FAR_STATIONS)
    p = _profiles(dims, xs)
    sections = []
    for i, x in enumerate(xs):
        floor, shoulder, belt, top = p["floor"][i], p["shoulder"][i], p["belt"][i], p["top"][i]
        side = p["half"][i] * _side(
            np.array([floor, shoulder, belt]), floor, shoulder, belt, p["tuck"][i]
        )
        roof = p["roof"][i] * side[2]
        left = [(side[0], floor), (side[1], shoulder), (side[2], belt), (roof, top)]
        ring = left + [(-y, z) for y, z in left[::-1]]
        sections.append([(x, y, z) for y, z in ring])
    return np.asarray(sections)


def body_mesh(dims: CarDimensions = SU7, detail: str = "line") -> tuple[np.ndarray, np.ndarray]:
    """The body shell (no wheels or glass): a closed loft of cross-sections along the car;
    ``detail`` "far" is ten eight-point sections (under 200 triangles)."""
    grid = _far_grid(dims) if detail == "far" else _body_grid(dims, detail)[0]
    points = grid.reshape(-1, 3)
    return points, _outward(points, _loft(grid))


def glass_mesh(dims: CarDimensions = SU7, detail: str = "line") -> tuple[np.ndarray, np.ndarray]:
    """The glasshouse, a thin dark shell just outside the body: the windscreen, the glass roof
    and, down each side to the belt line, the side windows, whose foot rises behind the rear
    doors to a point at the C pillar; behind it only the rear window, down the fastback to
    the boot deck (body-coloured sails beside it). With it the slim drop-shaped head lights,
    the flush door handles, the rear diffuser and the front bumper's air intake (dark, like the
    glass)."""
    grid, xs, glass = _body_grid(dims, detail)
    u = (xs - dims.rear) / dims.length
    keep = np.flatnonzero((u >= GLASS_SPAN[0]) & (u <= GLASS_SPAN[1]))
    ring = grid.shape[1]  # the left half's points, then the right's back down (see _body_grid)
    top = (ring + 2) // 2 - 1  # the roof's centre point
    rows = []
    for i in keep:
        half = grid[i, glass : top + 1, 1:][::-1]  # (y, z) from the roof's centre to the belt
        rows.append(np.column_stack([np.full(len(half), xs[i]), _glass_edge(half, u[i])]))
    left = np.asarray(rows)
    strip = np.concatenate([left[:, :0:-1], left * [1.0, -1.0, 1.0]], axis=1)
    faces = _loft(strip, closed=False, caps=False)
    points = strip.reshape(-1, 3)
    t = points[faces]
    area = np.linalg.norm(np.cross(t[:, 1] - t[:, 0], t[:, 2] - t[:, 0]), axis=1)
    faces = faces[area > 1e-9]  # the side windows' foot gathers the points beyond it
    faces = _face_out(points, faces, 0.45)
    parts = [(points, faces), head_lights_mesh(dims, detail), door_handles_mesh(dims)]
    parts.append(rear_diffuser_mesh(dims))
    if detail != "far":  # far off the intake is a pixel or two: left out at no cost
        parts.append(front_intake_mesh(dims))
    return _join([*parts, arch_liners_mesh(dims, detail)])


LINER_GAP = 0.006  # m the arch liners lie inside the wheel house's painted walls


def arch_liners_mesh(
    dims: CarDimensions = SU7, detail: str = "line"
) -> tuple[np.ndarray, np.ndarray]:
    """The four wheel arches' dark plastic liners: the wheel house's inner wall, its round
    roof out to the arch's lip and its upright ends, laid :data:`LINER_GAP` inside the body's
    own (painted) wheel house of the same ``detail``, facing the wheel. Seen from below or
    from the side, the inside of an arch is dark, not a band of body colour. With the glass
    (:func:`glass_mesh`), so drawn dark with no part or actor more."""
    if detail == "far":
        return np.zeros((0, 3)), np.zeros((0, 3), dtype=np.int64)
    grid, xs, _ = _body_grid(dims, detail)
    radius = _arch_radius(dims)
    centre_z = dims.wheel_diameter / 2
    parts = []
    for axle in (-dims.wheelbase / 2, dims.wheelbase / 2):
        keep = np.flatnonzero(np.abs(xs - axle) <= radius + 0.01)
        # the inner wall's foot and top, the roof's middle and the lip (see _half_section)
        left = grid[keep][:, 2:6].copy()
        left[:, :2, 1] += LINER_GAP  # the inner wall, moved out towards the tyre
        left[:, 1:, 2] -= LINER_GAP  # the roof, moved down
        ends = np.abs(xs[keep] - axle) > radius  # the upright ends, moved in towards the axle
        left[ends, :, 0] -= np.sign(xs[keep][ends] - axle)[:, None] * LINER_GAP
        left[ends, :, 2] = grid[keep][ends][:, 2:6, 2] + LINER_GAP  # their feet in the body
        for grid_side, side in ((left, 1.0), (left * [1.0, -1.0, 1.0], -1.0)):
            points = grid_side.reshape(-1, 3)
            faces = _loft(grid_side, closed=False, caps=False)
            t = points[faces]
            normal = np.cross(t[:, 1] - t[:, 0], t[:, 2] - t[:, 0])
            wheel = np.array([axle, side * dims.track_y, centre_z]) - t.mean(axis=1)
            inward = np.einsum("ij,ij->i", normal, wheel) < 0
            faces[inward] = faces[inward][:, ::-1]
            area = np.linalg.norm(normal, axis=1)
            parts.append((points, faces[area > 1e-10]))
    return _join(parts)


GLASS_LIFT = 0.007  # m the glass lies outside the body's skin
TAPER_LIFT = (0.015, 0.04)  # m more, and the margin (a share of the length) over which it fades
# out: over the side windows' pointed rear end the glass's edge runs slantwise across the
# sections, and its long triangles there cut under the body's rounded skin (the paint showed
# through in teeth along the C pillar)


def _glass_edge(half: np.ndarray, u: float) -> np.ndarray:
    """The glass over the half section ``half`` ((y, z) from the roof's centre down to the
    belt) at ``u`` (a share of the length from the rear): its points moved out by
    :data:`GLASS_LIFT` (and :data:`TAPER_LIFT` round the side windows' rear end), and those
    beyond the glass's edge (the belt under the side windows, the rear window's edge behind
    them) gathered on the edge."""
    steps = np.linalg.norm(np.diff(half, axis=0), axis=1)
    arc = np.concatenate([[0.0], np.cumsum(steps)])
    rear, full = SIDE_WINDOWS
    f = np.clip((u - rear) / (full - rear), 0.0, 1.0)
    reach = arc[-1] * (REAR_WINDOW + (1.0 - REAR_WINDOW) * f * f * (3.0 - 2.0 * f))
    along = np.minimum(arc, reach)
    yz = np.column_stack([np.interp(along, arc, half[:, 0]), np.interp(along, arc, half[:, 1])])
    tangent = np.gradient(half, axis=0)
    normal = np.column_stack([-tangent[:, 1], tangent[:, 0]])  # outward: round from the top
    normal /= np.maximum(np.linalg.norm(normal, axis=1, keepdims=True), 1e-9)
    normal = np.column_stack(
        [np.interp(along, arc, normal[:, 0]), np.interp(along, arc, normal[:, 1])]
    )
    extra, margin = TAPER_LIFT
    inside = np.clip(((full - rear) / 2 + margin - abs(u - (rear + full) / 2)) / margin, 0, 1)
    return yz + (GLASS_LIFT + extra * inside * inside * (3.0 - 2.0 * inside)) * normal


def _join(parts: list[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    """One mesh of several (points, faces) meshes."""
    offsets = np.cumsum([0] + [len(points) for points, _ in parts[:-1]])
    points = np.vstack([points for points, _ in parts])
    faces = np.vstack([faces + offset for (_, faces), offset in zip(parts, offsets, strict=True)])
    return points, faces.astype(np.int64)


def _face_out(points: np.ndarray, faces: np.ndarray, middle_z: float) -> np.ndarray:
    """``faces`` of a patch on the body wound to face away from the car's long axis (the
    line y = 0, z = ``middle_z``)."""
    t = points[faces]
    normal = np.cross(t[:, 1] - t[:, 0], t[:, 2] - t[:, 0])
    away = t.mean(axis=1) * [0.0, 1.0, 1.0] - [0.0, 0.0, middle_z]
    return faces if np.einsum("ij,ij->i", normal, away).sum() > 0 else faces[:, ::-1].copy()


def _on_surface(half: np.ndarray, start: int, along: np.ndarray) -> np.ndarray:
    """Points (y, z) at arc lengths ``along`` round the half section from point ``start``."""
    yz = half[start:]
    arc = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(yz, axis=0), axis=1))])
    return np.column_stack([np.interp(along, arc, yz[:, 0]), np.interp(along, arc, yz[:, 1])])


LIGHT_GRID = {"fine": (16, 5), "line": (8, 3)}  # a head light's points along and across
HEAD_LIGHT = ((0.69, 0.45), (0.36, 0.508), 0.072, 0.012)  # the drop's round head's middle and
# its pointed tip, as seen from ahead (shares of the half width and of the height), the head's
# radius (m) and how far the drop bows up (m): the round head at the nose's outer corner, the
# point inward and a little up along the bonnet's front edge
LIGHT_RAY = (0.25, 0.15)  # the rays that lay a light on the nose start this far (m) inside it
# and climb this much per metre (the nose's face leans back as it rises to the bonnet)
LAMP = (0.55, 0.006)  # the bright lamp inside each light: a share of the light's width and
# how far (m) it lies proud of the light's dark lens


def _drop_outline(dims: CarDimensions, detail: str, width: float) -> np.ndarray:
    """The left head light's outline as seen from ahead: (along, across, 2) points (y, z),
    from the round head at the outer corner to the point inboard. ``width`` under 1: a drop
    inside it, its head ``width`` of the light's, its point half as much shorter (the lamp
    inside the lens, rimmed all round)."""
    along, across = LIGHT_GRID.get(detail, LIGHT_GRID["line"])
    (hy, hz), (ty, tz), radius, bow = HEAD_LIGHT
    head = np.array([hy * dims.width / 2, hz * dims.height])
    tip = np.array([ty * dims.width / 2, tz * dims.height])
    tip = head + (tip - head) * (1.0 - 0.5 * (1.0 - width))
    radius, bow = radius * width, bow * (1.0 - 0.5 * (1.0 - width))
    inward = (tip - head) / np.linalg.norm(tip - head)
    up = np.array([inward[1], -inward[0]])  # square to it, upward (inward points to -y)
    up = up if up[1] > 0 else -up
    start = head - radius * inward  # the head's outer end
    length = float(np.linalg.norm(tip - start))
    cap = radius / length  # the share of the length the round head takes
    u = np.linspace(0.0, 1.0, along) ** 1.4  # closer together round the head
    round_head = np.sqrt(np.clip(1.0 - ((cap - u) / cap) ** 2, 0.0, 1.0))
    taper = np.clip((1.0 - u) / (1.0 - cap), 0.0, 1.0) ** 1.3
    half = radius * np.where(u < cap, round_head, taper) + 0.002
    middle = start + u[:, None] * (tip - start) + (bow * np.sin(np.pi * u))[:, None] * up
    v = np.linspace(-1.0, 1.0, across)
    return middle[:, None, :] + (half[:, None] * v[None, :])[..., None] * up


def _drops(
    dims: CarDimensions, detail: str, width: float, lift: float
) -> tuple[np.ndarray, np.ndarray]:
    """Both head lights' drops (``width``, see :func:`_drop_outline`) laid ``lift`` outside the
    fine and the line bodies' noses by rays cast forward from inside, facing forward."""
    inside, climb = LIGHT_RAY
    outline = _drop_outline(dims, detail, width)
    direction = np.array([1.0, 0.0, climb]) / np.hypot(1.0, climb)
    parts = []
    for side in (1.0, -1.0):
        flat = outline.reshape(-1, 2) * [side, 1.0]
        origins = np.column_stack(
            [np.full(len(flat), dims.front - inside), flat[:, 0], flat[:, 1] - climb * inside]
        )
        hits = _on_bodies(dims, origins, np.broadcast_to(direction, origins.shape), lift)
        parts.append(_band(list(hits.reshape(outline.shape[0], outline.shape[1], 3)), True))
    return _join(parts)


def head_lights_mesh(
    dims: CarDimensions = SU7, detail: str = "fine"
) -> tuple[np.ndarray, np.ndarray]:
    """Two slim drop-shaped head lights' dark lenses on the nose: a round head at the outer
    corner, wrapping a little round it, tapering to a point inboard along the bonnet's front
    edge, a little higher (``detail`` "line": fewer points, for the hundreds of cars on the
    line). :func:`head_lamps_mesh` is the bright lamp inside each."""
    return _drops(dims, detail, 1.0, 0.008)


def head_lamps_mesh(
    dims: CarDimensions = SU7, detail: str = "fine"
) -> tuple[np.ndarray, np.ndarray]:
    """The bright lamp inside each head light (:func:`head_lights_mesh`): the same drop at
    :data:`LAMP`'s share of its width, just proud of the dark lens, which rims it."""
    share, proud = LAMP
    return _drops(dims, detail, share, 0.008 + proud)


DOOR_HANDLES = (0.10, -0.86)  # x (m) of the middle of the front and rear doors' handles
"""Flush handles: the front door's just ahead of the B pillar, the rear door's near its back."""


def door_handles_mesh(dims: CarDimensions = SU7) -> tuple[np.ndarray, np.ndarray]:
    """Four flush door handles: slim dark recesses on the flanks under the belt line."""
    parts = []
    for middle in DOOR_HANDLES:
        xs = middle + np.array([-0.11, 0.0, 0.11])
        rows = []
        for x in xs:
            prof = _profiles(dims, np.array([x]))
            p = {k: v[0] for k, v in prof.items()}
            zs = p["belt"] - np.array([0.13, 0.095])
            ys = p["half"] * _side(zs, p["floor"], p["shoulder"], p["belt"], p["tuck"]) + 0.004
            rows.append(np.column_stack([np.full(2, x), ys, zs]))
        left = np.asarray(rows)
        for grid in (left, left * [1.0, -1.0, 1.0]):
            points = grid.reshape(-1, 3)
            faces = _face_out(points, _loft(grid, closed=False, caps=False), 0.45)
            parts.append((points, faces))
    return _join(parts)


RIM_RADIUS = 0.70  # the rim's radius as a fraction of the tyre's (a 20-inch rim)
DISC_DEPTH = 0.10  # m the dark wheel centre (brake disc and hub) lies inside the tyre's face
SPOKE_PAIRS = 5  # double spokes: a ten-spoke wheel read as five Vs
SPOKE_SPLIT = np.radians(9.0)  # each spoke of a pair this far from the pair's middle


def wheels_mesh(dims: CarDimensions = SU7, segments: int = 18) -> tuple[np.ndarray, np.ndarray]:
    """Four tyres (rounded-edged rings round the y axis, closed over the rim's barrel) at the
    wheelbase and track, each with the dark disc of its brake and hub set :data:`DISC_DEPTH`
    inside its outer face: seen between a rim's spokes (:func:`rims_mesh`), and without rims
    (the line's cars) a dark wheel centre, not the body through a hole."""
    radius = dims.wheel_diameter / 2
    half_w = dims.wheel_width / 2
    inner = RIM_RADIUS * radius
    # the tyre's profile (radius, y offset): inner face, rounded shoulders, tread, outer face,
    # and back along the barrel (the rim's inside) to close the ring
    profile = [
        (inner, -half_w), (0.97 * radius, -half_w), (radius, -0.8 * half_w),
        (radius, 0.8 * half_w), (0.97 * radius, half_w), (inner, half_w), (inner, -half_w),
    ]  # fmt: skip
    angles = np.linspace(0, 2 * np.pi, segments, endpoint=False)
    k = np.arange(segments)
    all_points, all_faces = [], []
    for x in (-dims.wheelbase / 2, dims.wheelbase / 2):
        for y in (-dims.track_y, dims.track_y):
            rings = np.array(
                [
                    [(x + r * np.cos(a), y + dy, radius + r * np.sin(a)) for a in angles]
                    for r, dy in profile
                ]
            )
            # sections round the circle, each the profile: a closed torus-like band
            grid = rings.transpose(1, 0, 2)
            faces = _loft(np.concatenate([grid, grid[:1]]), closed=False, caps=False)
            count = len(grid) * len(profile)
            faces = np.where(faces >= count, faces - count, faces)
            points = grid.reshape(-1, 3)
            faces = _outward_ring(points, faces, (x, y, radius))
            # the disc, facing out of the car: a fan round its centre
            side = np.sign(y)
            y_disc = y + side * (half_w - DISC_DEPTH)
            disc = np.column_stack(
                [
                    x + inner * np.cos(angles),
                    np.full(segments, y_disc),
                    radius + inner * np.sin(angles),
                ]
            )
            centre = len(points)
            fan = centre + np.column_stack([np.zeros(segments, int), 1 + k, 1 + (k + 1) % segments])
            points = np.vstack([points, [(x, y_disc, radius)], disc])
            faces = np.vstack([faces, _facing(points, fan, side)])
            all_faces.append(faces + sum(len(p) for p in all_points))
            all_points.append(points)
    return np.vstack(all_points), np.vstack(all_faces)


def _facing(points: np.ndarray, faces: np.ndarray, side: float) -> np.ndarray:
    """``faces`` each wound so that its normal's y has the sign of ``side`` (out of the car)."""
    t = points[faces]
    normal_y = np.cross(t[:, 1] - t[:, 0], t[:, 2] - t[:, 0])[:, 1]
    wrong = normal_y * side < 0
    faces = faces.copy()
    faces[wrong] = faces[wrong][:, ::-1]
    return faces


def _outward_ring(points: np.ndarray, faces: np.ndarray, centre: tuple) -> np.ndarray:
    """Wind a tyre's faces so that the tread's normals point away from the axle."""
    t = points[faces]
    normal = np.cross(t[:, 1] - t[:, 0], t[:, 2] - t[:, 0])
    middle = t.mean(axis=1) - centre
    middle[:, 1] = 0.0
    return faces if np.einsum("ij,ij->i", normal, middle).sum() > 0 else faces[:, ::-1].copy()


def rims_mesh(dims: CarDimensions = SU7, segments: int = 20) -> tuple[np.ndarray, np.ndarray]:
    """The four rims' outer faces, for the showroom: a ten-spoke wheel (five V-shaped pairs)
    dished inwards from its lip to a recessed hub ring, each spoke ridged along its middle so
    its two halves catch the light differently. The gaps between the spokes and the hub's
    middle are open: the dark disc of :func:`wheels_mesh` shows through them. ``segments``
    round the lip (the hub ring has half as many); 100 triangles a rim at the default."""
    radius = dims.wheel_diameter / 2
    local, faces = _rim(RIM_RADIUS * radius, segments)
    all_points, all_faces = [], []
    for x in (-dims.wheelbase / 2, dims.wheelbase / 2):
        for side in (-1.0, 1.0):
            face_y = side * (dims.track_y + dims.wheel_width / 2)
            points = np.column_stack(
                [x + local[:, 0], face_y - side * local[:, 1], radius + local[:, 2]]
            )
            all_faces.append(_facing(points, faces, side) + sum(len(p) for p in all_points))
            all_points.append(points)
    return np.vstack(all_points), np.vstack(all_faces).astype(np.int64)


def _rim(rim: float, segments: int) -> tuple[np.ndarray, np.ndarray]:
    """One rim of radius ``rim`` as (across, depth inside the tyre's outer face, up) points
    round its centre, and its triangles (not yet wound)."""
    lip_in, hub_out, hub_in = 0.86 * rim, 0.32 * rim, 0.15 * rim
    # depths (m) inside the tyre's outer face: the lip nearly flush, the hub ring recessed
    lip_depth, spoke_depth, hub_depth, ridge = 0.02, 0.025, 0.06, 0.012
    half_hub, half_lip = 0.019, 0.026  # m: a spoke's half width where it meets the hub, the lip

    def at(r: np.ndarray | float, a: np.ndarray | float, depth: np.ndarray | float) -> np.ndarray:
        r, a, depth = np.broadcast_arrays(r, a, depth)
        return np.column_stack([r * np.cos(a), depth, r * np.sin(a)])

    pieces: list[tuple[np.ndarray, np.ndarray]] = []
    for count, (r0, r1), (d0, d1) in (
        (segments, (lip_in, rim), (lip_depth, lip_depth)),
        (segments // 2, (hub_in, hub_out), (hub_depth, hub_depth - 0.01)),
    ):  # the lip and the hub ring: annuli
        a = np.linspace(0, 2 * np.pi, count, endpoint=False)
        k = np.arange(count)
        n = (k + 1) % count
        quads = np.vstack(
            [np.column_stack([k, n, count + n]), np.column_stack([k, count + n, count + k])]
        )
        pieces.append((np.vstack([at(r0, a, d0), at(r1, a, d1)]), quads))
    pairs = np.radians(90.0) + 2 * np.pi * np.arange(SPOKE_PAIRS) / SPOKE_PAIRS
    r = np.array([0.9 * hub_out, 1.03 * lip_in])  # each spoke from the hub ring into the lip
    depth = np.array([hub_depth - 0.01, spoke_depth])
    half = np.array([half_hub, half_lip]) / r
    strip = np.array([[0, 1, 3], [0, 3, 2], [2, 3, 5], [2, 5, 4]])  # edge, ridge, edge
    for a in np.concatenate([pairs - SPOKE_SPLIT, pairs + SPOKE_SPLIT]):
        rows = [at(r, a - half, depth), at(r, a, depth - ridge), at(r, a + half, depth)]
        pieces.append((np.vstack(rows), strip))  # the ridge stands proud
    points, faces = [], []
    for piece_points, piece_faces in pieces:
        faces.append(piece_faces + sum(len(p) for p in points))
        points.append(piece_points)
    return np.vstack(points), np.vstack(faces)


TAIL_LIGHT = (0.600, 0.632)  # the light band's foot and top, shares of the height: under the lip
TAIL_LIGHT_REACH = 0.26  # m: how far forward along the flanks the light wraps


def tail_light_mesh(dims: CarDimensions = SU7) -> tuple[np.ndarray, np.ndarray]:
    """The full-width tail light: a thin band across the rear face just under the
    ducktail's lip, wrapping round the tail's corners on to the flanks. Its points are found
    by casting rays out from inside the tail, at each of the band's two heights, on to the
    fine and the line bodies (the light stays just outside both)."""
    centre_x = dims.rear + 0.45
    hits = []
    for z in np.asarray(TAIL_LIGHT) * dims.height:
        ahead = dims.rear + TAIL_LIGHT_REACH - centre_x  # the last ray meets the flank here
        start = np.arctan2(dims.width / 2, ahead)  # left flank, round the back, right flank
        turn = np.linspace(start, 2 * np.pi - start, 49)
        direction = np.column_stack([np.cos(turn), np.sin(turn), np.zeros_like(turn)])
        origin = np.array([centre_x, 0.0, z])
        hits.append(_on_bodies(dims, np.broadcast_to(origin, direction.shape), direction))
    grid = np.asarray(hits)
    points = grid.reshape(-1, 3)
    faces = _loft(grid, closed=False, caps=False)
    t = points[faces]  # face outward (away from the car's middle)
    normal = np.cross(t[:, 1] - t[:, 0], t[:, 2] - t[:, 0])
    if np.einsum("ij,ij->i", normal, (t.mean(axis=1) - origin) * [1, 1, 0]).sum() < 0:
        faces = faces[:, ::-1].copy()
    return points, faces


def _on_bodies(
    dims: CarDimensions, origins: np.ndarray, directions: np.ndarray, lift: float = 0.012
) -> np.ndarray:
    """Where rays from ``origins`` inside the tail leave the fine and the line bodies (the
    farther of the two), ``lift`` beyond: a part laid on the tail shows on both."""
    reach = np.max(
        [_ray_reach(origins, directions, *body_mesh(dims, d)) for d in ("fine", "line")], axis=0
    )
    return origins + directions * (reach + lift)[:, None]


def _ray_reach(
    origins: np.ndarray, directions: np.ndarray, points: np.ndarray, faces: np.ndarray
) -> np.ndarray:
    """The farthest distance along each ray (``origins``, ``directions``) at which it crosses
    the mesh (Moller-Trumbore against the triangles near the rays' heights)."""
    t = points[faces]
    low, high = origins[:, 2].min() - 0.3, origins[:, 2].max() + 0.3
    near = (t[:, :, 2].max(axis=1) > low) & (t[:, :, 2].min(axis=1) < high)
    near &= t[:, :, 0].min(axis=1) < origins[:, 0].max() + 0.3
    a, e1, e2 = t[near, 0], t[near, 1] - t[near, 0], t[near, 2] - t[near, 0]
    p = np.cross(directions[:, None, :], e2[None])
    det = np.einsum("mj,nmj->nm", e1, p)
    det = np.where(np.abs(det) < 1e-12, 1e-12, det)
    s = origins[:, None, :] - a[None]
    u = np.einsum("nmj,nmj->nm", s, p) / det
    q = np.cross(s, e1[None])
    v = np.einsum("nj,nmj->nm", directions, q) / det
    dist = np.einsum("mj,nmj->nm", e2, q) / det
    inside = (u >= 0) & (v >= 0) & (u + v <= 1) & (dist > 0)
    return np.where(inside, dist, 0.0).max(axis=1)


DIFFUSER = (0.225, 0.33, 0.60)  # the rear diffuser's foot and top (shares of the height) and
# its half width (a share of the half width): a dark band low across the rear bumper


def rear_diffuser_mesh(dims: CarDimensions = SU7) -> tuple[np.ndarray, np.ndarray]:
    """The rear bumper's dark diffuser: a band low across the rear face, laid on the fine and
    line bodies (found by casting rays backwards from inside the tail)."""
    foot, top, half = DIFFUSER
    ys = np.linspace(-1.0, 1.0, 9) * half * dims.width / 2
    rows = []
    for z in np.linspace(foot, top, 3) * dims.height:
        origins = np.column_stack([np.full(len(ys), dims.rear + 0.7), ys, np.full(len(ys), z)])
        directions = np.tile([-1.0, 0.0, 0.0], (len(ys), 1))
        rows.append(_on_bodies(dims, origins, directions, 0.015))
    return _band(rows, forward=False)


def _band(rows: list[np.ndarray], forward: bool) -> tuple[np.ndarray, np.ndarray]:
    """Points and triangles of a band through ``rows`` of points, wound to face forward (+x:
    ``forward``) or backward."""
    grid = np.asarray(rows)
    points = grid.reshape(-1, 3)
    faces = _loft(grid, closed=False, caps=False)
    t = points[faces]
    normal = np.cross(t[:, 1] - t[:, 0], t[:, 2] - t[:, 0])
    return points, faces if (normal[:, 0].sum() > 0) == forward else faces[:, ::-1].copy()


FRONT_INTAKE = (0.165, 0.265, 0.62, 0.50)  # the front bumper's air intake: its foot and top
# (shares of the height) and its half width there (shares of the half width): a dark trapezoid
# low across the nose, under the head lights


def front_intake_mesh(dims: CarDimensions = SU7) -> tuple[np.ndarray, np.ndarray]:
    """The front bumper's dark air intake: a band, wider at its foot, low across the nose's
    face, laid on the fine and line bodies (found by casting rays forwards from inside the
    nose)."""
    foot, top, foot_half, top_half = FRONT_INTAKE
    across = np.linspace(-1.0, 1.0, 9)
    rows = []
    for f in np.linspace(0.0, 1.0, 3):
        z = (foot + (top - foot) * f) * dims.height
        ys = across * (foot_half + (top_half - foot_half) * f) * dims.width / 2
        origins = np.column_stack([np.full(len(ys), dims.front - 0.25), ys, np.full(len(ys), z)])
        directions = np.tile([1.0, 0.0, 0.0], (len(ys), 1))
        rows.append(_on_bodies(dims, origins, directions, 0.012))
    return _band(rows, forward=True)


SU7_COLORS = {
    "aqua_blue": (0.36, 0.74, 0.92),
    "verdant_green": (0.18, 0.36, 0.30),
    "mineral_gray": (0.48, 0.50, 0.52),
    "meteor_blue": (0.13, 0.20, 0.36),
    "pearl_white": (0.90, 0.91, 0.91),
    "obsidian_black": (0.06, 0.06, 0.07),
    "ember_red": (0.62, 0.08, 0.08),
}
"""The SU7 paint colours (approximate sRGB, 0-1); Aqua Blue is a bright, light blue."""

BODY_IN_WHITE = (0.66, 0.68, 0.70)
"""Bare galvanised steel of a body-in-white."""
