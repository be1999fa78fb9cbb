"""The lobby sculpture: a Möbius strip hanging from the mirrored ceiling, an SU7 riding on it.

:class:`Sculpture` is the ``[sculpture]`` table of the layout file. :func:`mobius_mesh` builds
the strip as a thick band (a rounded cross-section swept once round the circle while turning half
a turn, so the band closes on itself with its faces swapped; the turn is gathered into one arc
beside the ring as seen from the lobby, :func:`twist`), :func:`edge_mesh` its single edge, and
:func:`car_pose` puts the car on the flat crest of the band, where the strip is level and faces
up. With a turn period the strip turns slowly about its axis on the shared clock.

Examples
--------
>>> from viewer.model.plant.layout import load_plant
>>> sculpture = load_plant().sculpture
>>> points, faces = mobius_mesh(sculpture)
>>> position, yaw = car_pose(sculpture, 0.0)
>>> bool(abs(position[2] - (sculpture.height + sculpture.thickness / 2)) < 1e-9)
True
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from viewer.model.fields import Fields


@dataclass(frozen=True)
class Sculpture:
    """Where the strip hangs, its size, the car's colour, the mirror above it."""

    room: str
    center: np.ndarray  # (x, y)
    height: float  # of the strip's centre line above the floor
    radius: float
    half_width: float
    thickness: float
    car_color: str
    turn_period: float  # seconds per turn; 0 = still
    mirror_height: float  # the mirrored ceiling above the floor


def read_sculpture(item: Fields, colors: tuple[str, ...]) -> Sculpture:
    """Check the ``[sculpture]`` table."""
    sculpture = Sculpture(
        room=item.string("room"),
        center=item.vector("center", 2),
        height=item.number("height_m", minimum=1, maximum=100),
        radius=item.number("radius_m", minimum=2, maximum=50),
        half_width=item.number("half_width_m", minimum=1.1, maximum=10),
        thickness=item.number("thickness_m", minimum=0.02, maximum=2),
        car_color=item.choice("car_color", colors),
        turn_period=item.number("turn_period_s", 0.0, minimum=0, maximum=1e6),
        mirror_height=item.number("mirror_height_m", minimum=2, maximum=200),
    )
    item.estimated()
    top = sculpture.height + sculpture.half_width + 2.0  # the strip's top edge, the car's roof
    if sculpture.mirror_height < top:
        raise item.error(
            "mirror_height_m",
            f"the ceiling must be above the sculpture and car (at least {top:g} m)",
        )
    return sculpture


TWIST_AT = np.radians(100.0)  # where the band stands on edge: beside the ring as seen from the
# lobby stop and the showroom view (both look at the car from about 12 degrees round the ring),
# so there the band is seen side-on, upright, while the rest of the ring lies flat
TWIST_SPAN = np.radians(130.0)  # the arc over which the band turns its half turn; outside it the
# band lies level (face up round the car's crest, face down on the far side)


def twist(u: np.ndarray) -> np.ndarray:
    """The band's tilt (radians, 0 = level) at angles ``u`` round the ring (0 = the car).

    It turns half a turn in all, smoothly (no kink at the ends of the turn), within
    :data:`TWIST_SPAN` centred on :data:`TWIST_AT`, and is level elsewhere. Past one turn it
    goes on where it left off (a half turn more), so the band's two edges join into one loop.
    """
    u = np.asarray(u, dtype=float)
    laps, rest = np.divmod(u, 2 * np.pi)
    x = np.clip((rest - (TWIST_AT - TWIST_SPAN / 2)) / TWIST_SPAN, 0.0, 1.0)
    return np.pi * (laps + 0.5 - 0.5 * np.cos(np.pi * x))


def _frames(u: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Radial, band-across and band-normal unit vectors at angles ``u`` (N, 3 each)."""
    radial = np.column_stack([np.cos(u), np.sin(u), np.zeros_like(u)])
    up = np.array([0.0, 0.0, 1.0])
    tilt = twist(u)
    across = np.cos(tilt)[:, None] * radial + np.sin(tilt)[:, None] * up
    normal = -np.sin(tilt)[:, None] * radial + np.cos(tilt)[:, None] * up
    return radial, across, normal


def band_frame(sculpture: Sculpture, u: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(centre-line point, across, normal) of the unturned band at angle ``u``, around (0, 0, 0)
    in plan and at its height above the floor."""
    radial, across, normal = _frames(np.array([float(u)]))
    centre = sculpture.radius * radial[0] + np.array([0.0, 0.0, sculpture.height])
    return centre, across[0], normal[0]


def hanging_point(sculpture: Sculpture, u: float) -> np.ndarray:
    """Where a cable meets the band's upper side at angle ``u`` (unturned, around (0, 0)): on
    the centre line where the band lies level, at its upper edge where it stands on edge."""
    centre, across, normal = band_frame(sculpture, u)
    tilt = float(twist(np.array([float(u)]))[0])
    side = 1.0 if np.cos(tilt) >= 0 else -1.0  # the normal that points up
    return (
        centre
        + sculpture.half_width * np.sin(tilt) * across
        + sculpture.thickness / 2 * side * normal
    )


def edge_mesh(
    sculpture: Sculpture, segments: int = 240, sides: int = 8, margin: float = 0.03
) -> tuple[np.ndarray, np.ndarray]:
    """The band's edge as a tube ``(points, triangles)`` round its rounded rim, ``margin``
    proud of it: one closed loop twice round the ring (a Möbius strip has a single edge),
    drawn in a darker shade so the eye can follow the edge through the twist."""
    w, t = sculpture.half_width, sculpture.thickness / 2
    v = np.linspace(0.0, 4 * np.pi, 2 * segments, endpoint=False)
    radial, across, normal = _frames(v)
    rim = sculpture.radius * radial + (w - t) * across + np.array([0.0, 0.0, sculpture.height])
    phi = np.linspace(0.0, 2 * np.pi, sides, endpoint=False)
    r = t + margin
    points = (
        rim[:, None, :]
        + r * np.cos(phi)[None, :, None] * across[:, None, :]
        + r * np.sin(phi)[None, :, None] * normal[:, None, :]
    )
    faces = []
    rings = len(v)
    for k in range(rings):
        nxt = (k + 1) % rings
        for p in range(sides):
            a, b = k * sides + p, k * sides + (p + 1) % sides
            c, d = nxt * sides + p, nxt * sides + (p + 1) % sides
            faces += [[a, c, d], [a, d, b]]
    return points.reshape(-1, 3), np.asarray(faces, dtype=np.int64)


def mobius_mesh(
    sculpture: Sculpture, segments: int = 120, corner: int = 3
) -> tuple[np.ndarray, np.ndarray]:
    """The strip as ``(points (M, 3), triangles (K, 3))`` around (0, 0, 0), unturned.

    The cross-section is a rectangle of the band's width and thickness with rounded edges
    (``corner`` points per rounded end); after one turn round the circle it has turned half a
    turn, so the last ring joins the first with its points shifted by half a ring.
    """
    w, t = sculpture.half_width, sculpture.thickness / 2
    angles = np.linspace(-np.pi / 2, np.pi / 2, corner + 2)
    right = [(w - t + t * np.cos(a), t * np.sin(a)) for a in angles]  # across, normal
    ring = np.array(right + [(-a, -b) for a, b in right])  # point-symmetric: half-turn closes
    u = np.linspace(0.0, 2 * np.pi, segments, endpoint=False)
    radial, across, normal = _frames(u)
    centre = sculpture.radius * radial + np.array([0.0, 0.0, sculpture.height])
    points = (
        centre[:, None, :]
        + ring[None, :, 0, None] * across[:, None, :]
        + ring[None, :, 1, None] * normal[:, None, :]
    )
    n = len(ring)
    faces = []
    for s in range(segments):
        nxt, shift = (s + 1, 0) if s + 1 < segments else (0, n // 2)
        for p in range(n):
            a, b = s * n + p, s * n + (p + 1) % n
            c, d = nxt * n + (p + shift) % n, nxt * n + (p + 1 + shift) % n
            faces += [[a, c, d], [a, d, b]]
    return points.reshape(-1, 3), np.asarray(faces, dtype=np.int64)


def turn_angle(sculpture: Sculpture, time: float) -> float:
    """How far the sculpture has turned at ``time`` (radians)."""
    if sculpture.turn_period <= 0:
        return 0.0
    return float(2 * np.pi * np.mod(time / sculpture.turn_period, 1.0))


def car_pose(sculpture: Sculpture, time: float) -> tuple[np.ndarray, float]:
    """The car's ground point (x, y, z) in the room and heading, on the strip's level crest."""
    angle = turn_angle(sculpture, time)
    radial = np.array([np.cos(angle), np.sin(angle)])
    top = sculpture.height + sculpture.thickness / 2
    position = np.array([*(sculpture.center + sculpture.radius * radial), top])
    return position, angle + np.pi / 2
