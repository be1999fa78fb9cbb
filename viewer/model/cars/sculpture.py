"""The lobby sculpture: a Möbius strip hanging from the mirrored ceiling, an SU7 riding on it.

:class:`Sculpture` is the ``[sculpture]`` table of the layout file. :func:`mobius_mesh` builds
the strip as a thick band (a rounded cross-section swept once round the circle while turning half
a turn, so the band closes on itself with its faces swapped): level and at its full width under
the car's crest, narrower round the rest of the loop (:func:`band_half_width`), standing on edge
past the ring's side as seen from the lobby floor (:func:`twist`), along a centre line that dips
beside the ring (:func:`lift`). :func:`mobius_normals` gives its surface's normals,
:func:`edge_mesh` its single edge, :func:`band_shade` the lobby's light on it (following its
normal, so the half twist reads along the band from the lobby floor), and :func:`car_pose`
puts the car on the flat crest of the band, where the strip is level and faces up. With a turn
period the strip turns slowly about its axis on the shared clock.

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
    rise: float  # how far the band dips beside the ring below its crest and far side
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
        rise=item.number("rise_m", 0.0, minimum=0, maximum=20),
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
    points, _ = mobius_mesh(sculpture, segments=72, corner=1)
    lowest = float(points[:, 2].min())
    if lowest < HEADROOM:
        raise item.error(
            "rise_m",
            f"the band would come down to {lowest:.2f} m above the floor; it must stay over "
            f"the visitors' heads (at least {HEADROOM:g} m): a smaller rise_m, a narrower "
            "band or a higher height_m",
        )
    return sculpture


HEADROOM = 2.2  # m: the band's lowest point over the lobby floor (over the visitors' heads)
CREST = np.radians(20.0)  # the band lies level within this angle either side of the car: 4.2 m
# of the 6 m ring, the car's wheelbase (3 m) and more
UPRIGHT = np.radians(230.0)  # where the band stands on edge, round the ring from the car. The
# lobby stop's seat and the showroom view look at the car from the east, across the ring: the
# band has tilted about 35 degrees by the ring's north side, where it is seen edge-on, and stands up
# on the far side's south-west (far left), where it reads as a ribbon on edge, not (opposite the
# car) as a wall facing the eye like the far side of a flat ring
RATES = (0.8, 0.8, 0.6)  # how fast the band turns (radians per radian round the ring) as it
# leaves the crest, where it stands on edge and as it comes back to the crest
NARROW = 0.5  # the band's width away from the car, a share of its width under the car
TAPER = np.radians(35.0)  # past the crest the band narrows over this angle


def _hermite(
    x: np.ndarray, h: float, ends: tuple[float, float], slopes: tuple[float, float]
) -> np.ndarray:
    """The cubic from ``ends[0]`` at x = 0 to ``ends[1]`` at x = h with ``slopes`` there."""
    t = x / h
    (y0, y1), (m0, m1) = ends, slopes
    return (
        (2 * t**3 - 3 * t**2 + 1) * y0
        + (t**3 - 2 * t**2 + t) * h * m0
        + (-2 * t**3 + 3 * t**2) * y1
        + (t**3 - t**2) * h * m1
    )


def twist(u: np.ndarray) -> np.ndarray:
    """The band's tilt (radians, 0 = level, face up) at angles ``u`` round the ring (0 = the car).

    Level on the car's crest (within :data:`CREST` of it), then turning all round the rest of
    the loop: a quarter turn by :data:`UPRIGHT` (where it stands on edge, its outer edge up)
    and the other quarter on the way back, smoothly (a cubic each way, turning at
    :data:`RATES`; never more than twice the mean rate, never backwards). From the lobby floor
    the band is seen tilting up from its broad face to its edge beside the ring, standing on
    edge beyond it and lying over, face down, as it comes back. Past one turn it goes on where
    it left off (a half turn more), so the band's two edges join into one loop.
    """
    u = np.asarray(u, dtype=float)
    laps, rest = np.divmod(u, 2 * np.pi)
    x = np.clip(rest, CREST, 2 * np.pi - CREST)
    start, up, back = RATES
    rising = _hermite(x - CREST, UPRIGHT - CREST, (0.0, np.pi / 2), (start, up))
    lying = _hermite(x - UPRIGHT, 2 * np.pi - CREST - UPRIGHT, (np.pi / 2, np.pi), (up, back))
    return np.pi * laps + np.where(x < UPRIGHT, rising, lying)


def band_half_width(sculpture: Sculpture, u: np.ndarray) -> np.ndarray:
    """Half the band's width at angles ``u``: :attr:`Sculpture.half_width` under the car
    (within :data:`CREST` of it), narrowing smoothly over :data:`TAPER` to :data:`NARROW` of
    it round the rest of the loop: a ribbon with a wide crest, not a washer of even width."""
    u = np.asarray(u, dtype=float)
    off = np.abs(np.mod(u + np.pi, 2 * np.pi) - np.pi)  # angle from the car, 0 to pi
    x = np.clip((off - CREST) / TAPER, 0.0, 1.0)
    return sculpture.half_width * (1.0 - (1.0 - NARROW) * x * x * (3.0 - 2.0 * x))


def lift(sculpture: Sculpture, u: np.ndarray) -> np.ndarray:
    """The centre line's height over :attr:`Sculpture.height` at angles ``u``: a saddle that
    dips by ``rise`` beside the ring and comes back up on the far side, level round the car's
    crest (``sin^4``: a millimetre under the wheels)."""
    return -sculpture.rise * np.sin(np.asarray(u, dtype=float)) ** 4


def _slope(sculpture: Sculpture, u: np.ndarray) -> np.ndarray:
    """d(lift)/du."""
    u = np.asarray(u, dtype=float)
    return -4.0 * sculpture.rise * np.sin(u) ** 3 * np.cos(u)


def centre_line(sculpture: Sculpture, u: np.ndarray) -> np.ndarray:
    """Points (N, 3) of the band's centre line at angles ``u``, around (0, 0) in plan."""
    u = np.asarray(u, dtype=float)
    return np.column_stack(
        [
            sculpture.radius * np.cos(u),
            sculpture.radius * np.sin(u),
            sculpture.height + lift(sculpture, u),
        ]
    )


def _frames(sculpture: Sculpture, u: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Radial, band-across and band-normal unit vectors at angles ``u`` (N, 3 each); across
    and normal are square to the centre line, which climbs and falls (:func:`lift`)."""
    u = np.asarray(u, dtype=float)
    radial = np.column_stack([np.cos(u), np.sin(u), np.zeros_like(u)])
    tangent = np.column_stack([-np.sin(u), np.cos(u), _slope(sculpture, u) / sculpture.radius])
    up = np.cross(radial, tangent)
    up /= np.linalg.norm(up, axis=1, keepdims=True)
    tilt = twist(u)
    across = np.cos(tilt)[:, None] * radial + np.sin(tilt)[:, None] * up
    normal = -np.sin(tilt)[:, None] * radial + np.cos(tilt)[:, None] * up
    return radial, across, normal


def band_frame(sculpture: Sculpture, u: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(centre-line point, across, normal) of the unturned band at angle ``u``, around (0, 0, 0)
    in plan and at its height above the floor."""
    _, across, normal = _frames(sculpture, np.array([float(u)]))
    return centre_line(sculpture, np.array([float(u)]))[0], across[0], normal[0]


def hanging_point(sculpture: Sculpture, u: float) -> np.ndarray:
    """Where a cable meets the band's upper side at angle ``u`` (unturned, around (0, 0)): on
    the centre line where the band lies level, towards its upper edge as it tilts."""
    centre, across, normal = band_frame(sculpture, u)
    tilt = float(twist(np.array([float(u)]))[0])
    side = 1.0 if np.cos(tilt) >= 0 else -1.0  # the normal that points up
    w = float(band_half_width(sculpture, np.array([float(u)]))[0])
    return centre + w * np.sin(tilt) * across + sculpture.thickness / 2 * side * normal


def edge_mesh(
    sculpture: Sculpture, segments: int = 240, sides: int = 8, margin: float = 0.02
) -> tuple[np.ndarray, np.ndarray]:
    """The band's edge as a tube ``(points, triangles)`` round its rounded rim, ``margin``
    proud of it: one closed loop twice round the ring (a Möbius strip has a single edge),
    a rolled bead in the band's own metal (drawn dark, it outlined the band like a saucer's
    rim)."""
    t = sculpture.thickness / 2
    v = np.linspace(0.0, 4 * np.pi, 2 * segments, endpoint=False)
    _, across, normal = _frames(sculpture, v)
    rim = centre_line(sculpture, v) + (band_half_width(sculpture, v) - t)[:, None] * across
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


def _section(sculpture: Sculpture, corner: int) -> tuple[np.ndarray, np.ndarray]:
    """The band's cross-section: for each point (n of them) the side of the band it lies on
    (+1 or -1 across) and its outward normal (n, 2) as (across, normal). A rectangle of the
    band's width (:func:`band_half_width`, which varies round the loop) and thickness with
    rounded edges (``corner`` points between the two ends of each rounded edge),
    point-symmetric so that after a half turn it lands on itself (:func:`_offsets`)."""
    angles = np.linspace(-np.pi / 2, np.pi / 2, corner + 2)
    outward = np.column_stack([np.cos(angles), np.sin(angles)])
    sides = np.ones(len(angles))
    return np.concatenate([sides, -sides]), np.vstack([outward, -outward])


def _offsets(
    sculpture: Sculpture, u: np.ndarray, sides: np.ndarray, outward: np.ndarray
) -> np.ndarray:
    """(len(u), n, 2): the section's points as (across, normal) offsets at angles ``u``."""
    t = sculpture.thickness / 2
    core = band_half_width(sculpture, u)[:, None] - t  # the rounded edges' centres
    return np.stack(
        [
            core * sides[None, :] + t * outward[None, :, 0],
            np.broadcast_to(t * outward[:, 1], (len(u), len(sides))),
        ],
        axis=-1,
    )


def _sweep(sculpture: Sculpture, u: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """Points (len(u), n, 3): the section's ``offsets`` (len(u), n, 2) carried round the
    centre line."""
    _, across, normal = _frames(sculpture, u)
    return (
        centre_line(sculpture, u)[:, None, :]
        + offsets[..., 0, None] * across[:, None, :]
        + offsets[..., 1, None] * normal[:, None, :]
    )


def _band(sculpture: Sculpture, u: np.ndarray, corner: int) -> np.ndarray:
    """Points (len(u), n, 3) of the band's surface at angles ``u``."""
    sides, outward = _section(sculpture, corner)
    return _sweep(sculpture, u, _offsets(sculpture, u, sides, outward))


def mobius_mesh(
    sculpture: Sculpture, segments: int = 120, corner: int = 3
) -> tuple[np.ndarray, np.ndarray]:
    """The strip as ``(points (M, 3), triangles (K, 3))`` around (0, 0, 0), unturned.

    The cross-section is a rectangle of the band's width and thickness with rounded edges
    (``corner`` points per rounded end); after one turn round the circle it has turned half a
    turn, so the last ring joins the first with its points shifted by half a ring.
    """
    u = np.linspace(0.0, 2 * np.pi, segments, endpoint=False)
    points = _band(sculpture, u, corner)
    n = points.shape[1]
    faces = []
    for s in range(segments):
        nxt, shift = (s + 1, 0) if s + 1 < segments else (0, n // 2)
        for p in range(n):
            a, b = s * n + p, s * n + (p + 1) % n
            c, d = nxt * n + (p + shift) % n, nxt * n + (p + 1 + shift) % n
            faces += [[a, c, d], [a, d, b]]
    return points.reshape(-1, 3), np.asarray(faces, dtype=np.int64)


def mobius_normals(sculpture: Sculpture, segments: int = 120, corner: int = 3) -> np.ndarray:
    """Unit normals (M, 3), outward, of the strip's surface at :func:`mobius_mesh`'s points.

    Worked out from the surface itself (square to the section's edge and to the way the point
    travels round the loop), not averaged over the triangles round each point: averaged, the
    rounded rims' slopes bled across the band's flat faces, whose shading then bent from rim
    to rim over the band's whole width (and more with fewer points round each rim)."""
    _, outward = _section(sculpture, corner)
    u = np.linspace(0.0, 2 * np.pi, segments, endpoint=False)
    step = 1e-4
    along = (_band(sculpture, u + step, corner) - _band(sculpture, u - step, corner)) / (2 * step)
    edge = np.column_stack([-outward[:, 1], outward[:, 0]])  # along the section's outline
    _, across, normal = _frames(sculpture, u)

    def lifted(flat: np.ndarray) -> np.ndarray:  # (n, 2) in the section -> (S, n, 3)
        return (
            flat[None, :, 0, None] * across[:, None, :]
            + flat[None, :, 1, None] * normal[:, None, :]
        )

    normals = np.cross(lifted(edge), along)
    normals /= np.linalg.norm(normals, axis=-1, keepdims=True)
    normals *= np.sign(np.einsum("ijk,ijk->ij", normals, lifted(outward)))[..., None]
    return normals.reshape(-1, 3)


LOBBY_LIGHT = (0.66, 0.9, 0.78)  # the light a face of the band gets (a share of the most) facing
# down at the stone floor, sideways at the lobby's glazing and up at the smoked mirror
OUTWARD = 0.15  # more light on a face turned out towards the near glazing, less turned in


def band_shade(points: np.ndarray, normals: np.ndarray) -> np.ndarray:
    """The lobby's light (0 to 1) on the band's surface at ``points`` (M, 3, round (0, 0) in
    plan) facing ``normals`` (M, 3): a polished band is lit all round by what it faces, the
    most by the glazing round the lobby, less by the ceiling above and least by the floor
    below (:data:`LOBBY_LIGHT`, a smooth curve in the normal's height), a little more where it
    faces out towards the near glazing than in across the ring (:data:`OUTWARD`). Both faces
    alike, turned by the sculpture's turn with it (it depends only on the normal's height and
    how far it turns out from the sculpture's axis). As the band turns from lying level to
    standing on edge its shade goes from the floor's to the glazing's: the half twist reads
    along it, and the flat crest's underside, seen from the lobby floor, is its darkest."""
    below, side, above = LOBBY_LIGHT
    up = normals[:, 2]
    radial = points[:, :2] / np.maximum(np.linalg.norm(points[:, :2], axis=1), 1e-9)[:, None]
    out = np.einsum("ij,ij->i", normals[:, :2], radial)
    shade = side + up * (above - below) / 2 + up**2 * ((above + below) / 2 - side)
    return np.clip(shade + OUTWARD * out, 0.0, 1.0)


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
