"""The technology showroom's exhibits as plain arrays: what the tour's second stop shows.

Beside the three display cars (the ``showroom-displays`` line of the layout) the room shows the
SU7's technology, as in the real plant's showroom: the bare "skateboard" chassis on a round
plinth (battery pack with a corner opened on its cells, front and rear motors, subframes,
suspension arms, the orange high-voltage cables, the wheels), three electric motors on plinths
(the last cut away on a quarter to show its copper stator and rotor), paint sample panels in the
seven SU7 colours, and screens (a video wall showing the car's side view, a screen by each
display). Every piece is a :class:`Piece`: points, triangles wound outward, one colour, and
whether it is lit (a screen's picture glows: not lit).

Where the exhibits stand is given in the room's own metres from its south-west corner
(:data:`PLACES`, estimates: no plan of the room is public), so the room can move in the layout.

Examples
--------
>>> import numpy as np
>>> room = np.array([[538.0, 590.0], [600.0, 590.0], [600.0, 640.0], [538.0, 640.0]])
>>> pieces = exhibit_pieces(room)
>>> {piece.name for piece in pieces} >= {"battery", "motor", "paint", "screen"}
True
>>> all(piece.faces.max() < len(piece.points) for piece in pieces)
True
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from viewer.model.cars import car

PLACES = {  # (x, y) from the room's south-west corner (m), estimates
    "chassis": (40.0, 30.0),  # the skateboard on its round plinth, behind two display cars
    "motors": (20.0, 9.5),  # the first of three motor plinths, in a row eastwards
    "paint": (29.6, 10.5),  # the first paint panel, in a row south-eastwards
    "video_wall": (61.6, 24.0),  # the middle of the video wall on the east wall
    "visitors": (12.0, 8.0),  # where the tour stops: the panels, motors and screens face it
}
MOTOR_PITCH = 2.6  # m between the motor plinths
PAINT_PITCH = (0.8, -0.83)  # m from one paint panel to the next (across the visitors' view)
CHASSIS_YAW = np.radians(200.0)  # the chassis turned to show its front three-quarter view

WHITE = (0.94, 0.94, 0.95)  # plinths
ALUMINIUM = (0.72, 0.74, 0.78)
DARK = (0.16, 0.17, 0.19)  # the battery pack's case, subframes, bezels
STEEL = (0.45, 0.47, 0.50)
COPPER = (0.80, 0.45, 0.20)
CELLS = (0.20, 0.42, 0.70)  # the pack's cells, seen where its cover is cut away
HIGH_VOLTAGE = (0.95, 0.45, 0.05)  # orange cables
TYRE = (0.06, 0.06, 0.07)
SCREEN_TOP = (0.10, 0.20, 0.42)  # a screen's picture: a deep-blue studio backdrop ...
SCREEN_BOTTOM = (0.75, 0.86, 0.95)  # ... lightening to a pale floor under the car


@dataclass(frozen=True)
class Piece:
    """One exhibit part: ``points`` (M, 3), ``faces`` (K, 3) triangles, an sRGB ``color``
    (0-1) for every point (M, 3), and whether the renderer's lights shade it."""

    name: str
    points: np.ndarray
    faces: np.ndarray
    colors: np.ndarray
    lit: bool = True


def _piece(name: str, mesh: tuple[np.ndarray, np.ndarray], color: tuple) -> Piece:
    points, faces = mesh
    return Piece(name, points, faces, np.tile(np.asarray(color, float), (len(points), 1)))


def box(x: tuple, y: tuple, z: tuple) -> tuple[np.ndarray, np.ndarray]:
    """An axis-aligned box as (8 points, 12 triangles wound outward)."""
    points = np.array([(x[i & 1], y[(i >> 1) & 1], z[i >> 2]) for i in range(8)], dtype=float)
    quads = [(0, 2, 3, 1), (4, 5, 7, 6), (0, 1, 5, 4), (2, 6, 7, 3), (0, 4, 6, 2), (1, 3, 7, 5)]
    faces = [(a, b, c) for a, b, c, d in quads] + [(a, c, d) for a, b, c, d in quads]
    return points, np.asarray(faces, dtype=np.int64)


def ring_sector(
    radii: tuple[float, float],
    length: float,
    segments: int = 24,
    sweep: float = 2 * np.pi,
    start: float = 0.0,
) -> tuple[np.ndarray, np.ndarray]:
    """A thick tube round the x axis (from x = -length/2 to +length/2) between radii
    ``(inner, outer)`` (inner 0: a solid cylinder), going ``sweep`` radians round from angle
    ``start`` (less than a full turn: a cut-away, closed by flat cut faces), wound outward."""
    inner, outer = radii
    full = sweep >= 2 * np.pi - 1e-9
    count = segments if full else segments + 1
    angles = start + sweep * np.arange(count) / segments
    # each section round the tube: outer front, outer back, inner back, inner front
    profile = [(outer, -length / 2), (outer, length / 2), (inner, length / 2), (inner, -length / 2)]
    sections = np.array(
        [[(x, r * np.cos(a), r * np.sin(a)) for r, x in profile] for a in angles], dtype=float
    )
    n = len(profile)
    s, p = np.meshgrid(np.arange(count if full else count - 1), np.arange(n))
    s, p = s.ravel(), p.ravel()
    a, b = s * n + p, s * n + (p + 1) % n
    c, d = ((s + 1) % count) * n + p, ((s + 1) % count) * n + (p + 1) % n
    faces = [np.column_stack([a, b, d]), np.column_stack([a, d, c])]
    if not full:  # the two cut faces
        last = (count - 1) * n
        faces += [np.array([[0, 2, 1], [0, 3, 2]]), np.array([[0, 1, 2], [0, 2, 3]]) + last]
    points = sections.reshape(-1, 3)
    return points, _outward(points, np.vstack(faces).astype(np.int64))


def _outward(points: np.ndarray, faces: np.ndarray) -> np.ndarray:
    """Closed ``faces`` wound so that the enclosed volume is positive (normals outward)."""
    t = points[faces] - points.mean(axis=0)
    volume = np.einsum("ij,ij->i", t[:, 0], np.cross(t[:, 1], t[:, 2])).sum()
    return faces if volume > 0 else faces[:, ::-1].copy()


_AXES = {  # proper rotations taking a mesh's x axis to the named axis
    "x": np.eye(3),
    "y": np.array([[0.0, -1.0, 0.0], [1.0, 0.0, 0.0], [0.0, 0.0, 1.0]]),
    "z": np.array([[0.0, 0.0, -1.0], [0.0, 1.0, 0.0], [1.0, 0.0, 0.0]]),
}


def moved(
    mesh: tuple[np.ndarray, np.ndarray], offset: tuple, yaw: float = 0.0, axis: str = "x"
) -> tuple[np.ndarray, np.ndarray]:
    """``mesh`` with its x axis turned to ``axis`` ('x', 'y' or 'z'), then turned by ``yaw``
    about z and moved by ``offset`` (rotations only: the winding stays outward)."""
    points, faces = mesh
    c, s = np.cos(yaw), np.sin(yaw)
    turn = np.array([[c, -s, 0.0], [s, c, 0.0], [0.0, 0.0, 1.0]]) @ _AXES[axis]
    return points @ turn.T + np.asarray(offset, float), faces


def facing(position: tuple[float, float], target: tuple[float, float]) -> float:
    """The yaw that turns a piece's front (its own -y side) towards ``target``."""
    return float(np.arctan2(target[1] - position[1], target[0] - position[0]) + np.pi / 2)


def chassis(center: tuple[float, float], yaw: float, ground: float) -> list[Piece]:
    """The bare skateboard platform: pack, motors, subframes, arms, cables and wheels, its
    wheels standing at height ``ground``, the middle of its wheelbase at ``center``."""
    d = car.SU7
    at = (*center, ground)
    axle_z = d.wheel_diameter / 2
    half_track = d.track_y - d.wheel_width / 2 - 0.02
    pieces = [
        _piece("battery", moved(box((-1.30, 1.30), (-0.78, 0.78), (0.16, 0.28)), at, yaw), DARK),
        # the cover over the rear two thirds; the front third opened on its cells
        _piece(
            "battery", moved(box((-1.26, 0.45), (-0.74, 0.74), (0.28, 0.30)), at, yaw), ALUMINIUM
        ),
    ]
    for i in range(4):
        for j in range(6):
            x, y = 0.50 + 0.19 * i, -0.66 + 0.225 * j
            cell = box((x, x + 0.16), (y, y + 0.2), (0.28, 0.335))
            pieces.append(_piece("battery", moved(cell, at, yaw), CELLS))
    for axle, radius, length in ((-d.wheelbase / 2, 0.17, 0.52), (d.wheelbase / 2, 0.14, 0.42)):
        centre = (axle, 0.0, axle_z)
        frame = box((axle - 0.32, axle + 0.32), (-0.62, 0.62), (0.22, 0.30))
        pieces.append(_piece("subframe", moved(frame, at, yaw), DARK))
        motor = moved(ring_sector((0.0, radius), length, 20), centre, 0.0, "y")
        pieces.append(_piece("motor", moved(motor, at, yaw), ALUMINIUM))
        gearbox = box((axle - 0.16, axle + 0.14), (-0.05 - length / 2, -length / 2), (0.22, 0.5))
        pieces.append(_piece("motor", moved(gearbox, at, yaw), ALUMINIUM))
        span = half_track - length / 2
        for sign in (-1.0, 1.0):  # half shafts and the lower arms out to the wheels
            mid = sign * (length / 2 + span / 2)
            shaft = moved(ring_sector((0.0, 0.03), span, 8), (axle, mid, axle_z), 0.0, "y")
            pieces.append(_piece("subframe", moved(shaft, at, yaw), STEEL))
            arm = box((axle - 0.18, axle + 0.05), (mid - span / 2, mid + span / 2), (0.2, 0.24))
            pieces.append(_piece("subframe", moved(arm, at, yaw), STEEL))
        lo, hi = sorted((axle - 0.15 * np.sign(axle), 0.9 * np.sign(axle)))
        cable = box((lo, hi), (0.30, 0.34), (0.3, 0.335))
        pieces.append(_piece("cable", moved(cable, at, yaw), HIGH_VOLTAGE))
    pieces.append(_piece("wheel", moved(car.wheels_mesh(d, 24), at, yaw), TYRE))
    pieces.append(_piece("wheel", moved(car.rims_mesh(d, 24), at, yaw), ALUMINIUM))
    return pieces


def motor_display(position: tuple[float, float], yaw: float, cut_away: bool) -> list[Piece]:
    """An electric motor on a white plinth, its axis across the visitor's view (its own x);
    ``cut_away``
    opens a quarter of it on the copper stator and the rotor."""
    x, y = position
    plinth = box((-0.5, 0.5), (-0.4, 0.4), (0.0, 0.95))
    pieces = [_piece("plinth", moved(plinth, (x, y, 0.0), yaw), WHITE)]
    centre = (x, y, 1.25)
    length = 0.50
    if cut_away:  # a quarter cut off the top front: housing, stator, rotor, shaft
        sweep, start = 1.5 * np.pi, np.pi
        layers = [
            ((0.19, 0.24), length, ALUMINIUM, sweep),
            ((0.12, 0.19), length - 0.08, COPPER, sweep),
            ((0.025, 0.115), length - 0.12, STEEL, sweep),
            ((0.0, 0.025), length + 0.16, STEEL, 2 * np.pi),
        ]
    else:
        sweep, start = 2 * np.pi, 0.0
        layers = [
            ((0.0, 0.24), length, ALUMINIUM, sweep),
            ((0.0, 0.03), length + 0.16, STEEL, sweep),
        ]
    for radii, long, color, turn in layers:
        part = ring_sector(radii, long, 28, turn, start if turn < 2 * np.pi else 0.0)
        pieces.append(_piece("motor", moved(part, centre, yaw), color))
    feet = box((-0.2, 0.2), (-0.22, 0.22), (0.95, 1.02))
    pieces.append(_piece("motor", moved(feet, (x, y, 0.0), yaw), DARK))
    return pieces


def paint_panel(position: tuple[float, float], yaw: float, color: tuple) -> list[Piece]:
    """A curved paint sample (a wing's shape, 0.9 x 0.6 m) on a slim stand."""
    across = np.linspace(-0.45, 0.45, 9)
    bulge = 0.08 * (1.0 - (across / 0.45) ** 2)
    rows = []
    for z in np.linspace(1.0, 1.6, 4):
        lean = 0.35 * (z - 1.0)  # tipped back towards the light, like a lectern
        rows.append(np.column_stack([across, -bulge + lean, np.full_like(across, z)]))
    grid = np.asarray(rows)
    front = car._loft(grid, closed=False, caps=False)
    points = grid.reshape(-1, 3)
    back = points + [0.0, 0.015, 0.0]
    faces = np.vstack([front, front[:, ::-1] + len(points)])
    sheet = np.vstack([points, back]), faces
    xy = (*position, 0.0)
    return [
        _piece("paint", moved(sheet, xy, yaw), color),
        _piece("stand", moved(box((-0.03, 0.03), (0.0, 0.06), (0.04, 1.05)), xy, yaw), ALUMINIUM),
        _piece("stand", moved(box((-0.25, 0.25), (-0.15, 0.2), (0.0, 0.04)), xy, yaw), ALUMINIUM),
    ]


def screen(center: tuple, yaw: float, size: tuple[float, float]) -> list[Piece]:
    """A screen facing along ``yaw`` + 90 degrees (its picture on the -y side of its own
    frame): a dark bezel and a glowing picture of the SU7's side view on a studio backdrop."""
    width, height = size
    bezel = box((-width / 2 - 0.08, width / 2 + 0.08), (0.0, 0.1), (-0.08, height + 0.08))
    # the picture: a backdrop of rows darkening upwards, the car's side outline in Aqua Blue
    zs = np.linspace(0.0, height, 6)
    xs = np.linspace(-width / 2, width / 2, 2)
    grid = np.array([[(x, -0.01, z) for x in xs] for z in zs])
    shade = (zs / height)[:, None]
    backdrop = np.repeat(SCREEN_BOTTOM + (np.subtract(SCREEN_TOP, SCREEN_BOTTOM)) * shade, 2, 0)
    faces = car._loft(grid, closed=False, caps=False)
    faces = faces if _faces_minus_y(grid, faces) else faces[:, ::-1]
    points = grid.reshape(-1, 3)
    outline_x, top, bottom = _side_outline(24)
    scale = 0.7 * width / car.SU7.length
    cx = outline_x * scale
    lower = 0.18 * height + bottom * scale
    upper = 0.18 * height + top * scale
    car_grid = np.array([np.column_stack([cx, np.full_like(cx, -0.02), z]) for z in (lower, upper)])
    car_faces = car._loft(car_grid, closed=False, caps=False)
    car_faces = car_faces if _faces_minus_y(car_grid, car_faces) else car_faces[:, ::-1]
    car_points = car_grid.reshape(-1, 3)
    blue = np.tile(car.SU7_COLORS["aqua_blue"], (len(car_points), 1))
    picture = Piece(
        "screen",
        np.vstack([points, car_points]),
        np.vstack([faces, car_faces + len(points)]),
        np.vstack([backdrop, blue]),
        lit=False,
    )
    base = (*center[:2], center[2])
    placed = moved((picture.points, picture.faces), base, yaw)
    return [
        _piece("screen", moved(bezel, base, yaw), DARK),
        Piece("screen", placed[0], placed[1], picture.colors, lit=False),
    ]


def _faces_minus_y(grid: np.ndarray, faces: np.ndarray) -> bool:
    t = grid.reshape(-1, 3)[faces]
    return bool(np.cross(t[:, 1] - t[:, 0], t[:, 2] - t[:, 0])[:, 1].sum() < 0)


def _side_outline(count: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The SU7 seen from the side: x along the car and the outline's top and bottom."""
    xs = np.linspace(car.SU7.rear, car.SU7.front, count)
    return xs, car.side_outline(xs), np.zeros_like(xs)  # down to the wheels' feet


def exhibit_pieces(footprint: np.ndarray) -> list[Piece]:
    """Every exhibit of the technology showroom whose floor is ``footprint`` (N, 2)."""
    (x0, y0), (x1, y1) = footprint.min(axis=0), footprint.max(axis=0)

    def at(name: str, dx: float = 0.0, dy: float = 0.0) -> tuple[float, float]:
        px, py = PLACES[name]
        return (min(x0 + px + dx, x1 - 0.5), min(y0 + py + dy, y1 - 0.5))

    plinth_h = 0.30
    eye = at("visitors")
    cx, cy = at("chassis")
    disc = ring_sector((0.0, 4.2), plinth_h, 48)
    pieces = [_piece("plinth", moved(disc, (cx, cy, plinth_h / 2), 0.0, "z"), WHITE)]
    pieces += chassis((cx, cy), CHASSIS_YAW, plinth_h)
    beside = (cx + 3.0, cy + 3.2)
    pieces += screen((*beside, 1.0), facing(beside, eye), (1.8, 1.0))
    post = box((-0.05, 0.05), (0.02, 0.08), (0.0, 1.0))
    pieces.append(_piece("stand", moved(post, (*beside, 0.0), facing(beside, eye)), ALUMINIUM))
    for k in range(3):
        place = at("motors", k * MOTOR_PITCH)
        pieces += motor_display(place, facing(place, eye), k == 2)
    for k, color in enumerate(car.SU7_COLORS.values()):
        place = at("paint", k * PAINT_PITCH[0], k * PAINT_PITCH[1])
        pieces += paint_panel(place, facing(place, eye), color)
    wall = at("video_wall")
    pieces += screen((wall[0] - 0.2, wall[1], 1.6), facing(wall, (x0, wall[1])), (12.0, 3.6))
    return pieces
