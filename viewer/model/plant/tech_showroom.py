"""The technology showroom's exhibits as plain arrays: what the tour's second stop shows.

Beside the display cars (the ``showroom-displays`` line of the layout) the room shows the SU7's
technology, as in the real plant's showroom, gathered on a low dark stage in front of the
visitors' place so that the stop's seat view is filled with it: the bare "skateboard" chassis on
a round plinth in the middle (battery pack with a corner opened on its cells, front and rear
motors, subframes, suspension arms, the orange high-voltage cables, the wheels), three electric
drive units on plinths to the right (the nearest motor cut away on a quarter to show its copper
stator and rotor), cut-away parts on plinths to the left (the rear underbody's one-piece casting
stood up on an easel, a section of the battery pack opened layer by layer down to its cells), a
white wall of paint sample panels in the seven SU7 colours behind the motors, and screens (a
video wall across the back and a smaller screen behind the chassis, both showing the car's side
view). The plinths carry dark label plates. Every piece is a :class:`Piece`: points, triangles
wound outward, one colour, and whether it is lit (a screen's picture glows: not lit).

Where the exhibits stand is data, the room's ``exhibition`` table in the layout
(:class:`Exhibition`, estimates: no plan of the room is public): metres ahead of and to the
right of the visitors' place in the room, looking along their view, so the room can move in
the layout and the exhibition stays composed round the visitors' view.

Examples
--------
>>> import numpy as np
>>> room = np.array([[538.0, 590.0], [600.0, 590.0], [600.0, 640.0], [538.0, 640.0]])
>>> places = {name: (6.0, float(k) - 4.0) for k, name in enumerate(EXHIBITS)}
>>> exhibition = Exhibition(
...     (12.0, 8.0), 45.0, places, (10.0, 16.0, 0.1), (1.0, 1.8), 30.0, (12, 4, 0.8), (5, 3)
... )
>>> pieces = exhibit_pieces(room, exhibition)
>>> {piece.name for piece in pieces} >= {"battery", "motor", "paint", "screen", "casting"}
True
>>> all(piece.faces.max() < len(piece.points) for piece in pieces)
True
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from viewer.model.cars import car
from viewer.model.fields import Fields
from viewer.model.geometry import inside_polygon

EXHIBITS = (  # the exhibits' places, each (ahead, right) of the visitors along their view (m)
    "chassis",  # the skateboard on its round plinth, in the middle of the view
    "casting",  # the rear underbody's casting on its easel, front left
    "pack",  # the battery pack's section, front, left of the middle
    "chassis_screen",  # a screen behind the chassis, showing the car
    "stage",  # the near left corner of the low stage the exhibits stand on
    "motors",  # the first (cut-away) motor plinth, front right
    "paint_wall",  # the middle of the paint sample wall, right
    "video_wall",  # the middle of the video wall across the back
)


@dataclass(frozen=True)
class Exhibition:
    """Where the technology showroom's exhibits stand (the layout's ``exhibition`` table of
    the room; every figure an estimate: no plan of the room is public).

    ``visitors``: the tour's place, m from the room's south-west corner; ``view_bearing_deg``:
    the way the visitors look there (anticlockwise from east); ``places``: each of
    :data:`EXHIBITS` as (ahead, right) of the visitors along that view; ``stage_size``: the
    stage's depth, width and height; ``motor_step``: (ahead, right) from one motor plinth to
    the next; ``chassis_turn_deg``: the chassis's nose turned from the visitors;
    ``video_wall``: its width, height and bottom edge over the floor; ``paint_wall``: its
    width and height (all m).
    """

    visitors: tuple[float, float]
    view_bearing_deg: float
    places: dict[str, tuple[float, float]]
    stage_size: tuple[float, float, float]
    motor_step: tuple[float, float]
    chassis_turn_deg: float
    video_wall: tuple[float, float, float]
    paint_wall: tuple[float, float]


def read_exhibition(item: Fields, footprint: np.ndarray) -> Exhibition:
    """Check a room's ``exhibition`` table: every exhibit's place, and the visitors', on the
    floor of the room whose outline is ``footprint``; sizes within a room's."""

    def pair(key: str) -> tuple[float, float]:
        x, y = item.vector(key, 2)
        return (float(x), float(y))

    def sizes(key: str, count: int, most: float) -> tuple[float, ...]:
        values = item.vector(key, count, positive=True)
        if values.max() > most:
            raise item.error(key, f"sizes of at most {most:g} m, got {values.max():g}")
        return tuple(float(v) for v in values)

    exhibition = Exhibition(
        visitors=pair("visitors"),
        view_bearing_deg=float(item.number("view_bearing_deg", minimum=-360, maximum=360)),
        places={name: pair(name) for name in EXHIBITS},
        stage_size=sizes("stage_size_m", 3, 60.0),  # type: ignore[arg-type]
        motor_step=pair("motor_step"),
        chassis_turn_deg=float(item.number("chassis_turn_deg", minimum=-180, maximum=180)),
        video_wall=sizes("video_wall_size_m", 3, 60.0),  # type: ignore[arg-type]
        paint_wall=sizes("paint_wall_size_m", 2, 60.0),  # type: ignore[arg-type]
    )
    item.estimated()
    eye, ahead, right = stage(footprint, exhibition)
    if not inside_polygon(eye[None, :], footprint)[0]:
        raise item.error("visitors", "the visitors' place must be inside the room")
    for name, (a, r) in exhibition.places.items():
        if not inside_polygon((eye + a * ahead + r * right)[None, :], footprint)[0]:
            raise item.error(name, "the exhibit must stand inside the room")
    return exhibition


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
CAST = (0.56, 0.57, 0.59)  # die-cast aluminium, duller than the machined motor housings
GLASS_PICTURE = (0.05, 0.08, 0.14)  # the car's windows in a screen's picture
STAGE_FLOOR = (0.30, 0.31, 0.33)  # the stage's dark grey top, the exhibits' white on it
LIGHT_LINE = (1.0, 0.98, 0.92)  # a strip of light along a display wall or a plinth's label
BODY_FLOOR = (0.66, 0.68, 0.70)  # the car's floor, the pack's lid (cell-to-body)


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


def plinth(
    position: tuple[float, float], yaw: float, half: tuple[float, float], height: float
) -> list[Piece]:
    """A white plinth of half sides ``half`` (across, deep) and ``height``, its front (own -y)
    carrying a dark label plate with a light line, as exhibits have."""
    at = (*position, 0.0)
    across, deep = half
    plate_z = (0.55 * height, 0.85 * height)
    plate = box((-0.3, 0.3), (-deep - 0.015, -deep), plate_z)
    line = box((-0.24, 0.24), (-deep - 0.02, -deep - 0.015), (plate_z[1] - 0.06, plate_z[1] - 0.04))
    glow = moved(line, at, yaw)
    return [
        _piece(
            "plinth", moved(box((-across, across), (-deep, deep), (0.0, height)), at, yaw), WHITE
        ),
        _piece("stand", moved(plate, at, yaw), DARK),
        _piece("stand", glow, LIGHT_LINE),
    ]


def motor_display(position: tuple[float, float], yaw: float, cut_away: bool) -> list[Piece]:
    """An electric motor on a white plinth, its axis across the visitor's view (its own x).
    ``cut_away`` opens a quarter of it on the copper stator and the rotor; otherwise it is a
    whole drive unit: the motor, its reduction gearbox at one end and the inverter on top."""
    x, y = position
    pieces = plinth(position, yaw, (0.65, 0.4), 0.95)
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
        gearbox = box((0.25, 0.58), (-0.3, 0.2), (0.97, 1.52))
        inverter = box((-0.25, 0.2), (-0.2, 0.2), (1.48, 1.62))
        pieces.append(_piece("motor", moved(gearbox, (x, y, 0.0), yaw), ALUMINIUM))
        pieces.append(_piece("motor", moved(inverter, (x, y, 0.0), yaw), DARK))
        pieces.append(
            _piece(
                "cable",
                moved(box((-0.1, 0.1), (-0.22, -0.2), (1.3, 1.5)), (x, y, 0.0), yaw),
                HIGH_VOLTAGE,
            )
        )
    for radii, long, color, turn in layers:
        part = ring_sector(radii, long, 28, turn, start if turn < 2 * np.pi else 0.0)
        pieces.append(_piece("motor", moved(part, centre, yaw), color))
    feet = box((-0.2, 0.2), (-0.22, 0.22), (0.95, 1.02))
    pieces.append(_piece("motor", moved(feet, (x, y, 0.0), yaw), DARK))
    return pieces


def paint_wall(
    position: tuple[float, float], yaw: float, colors: list[tuple], size: tuple[float, float]
) -> list[Piece]:
    """A free-standing white display wall (``size``: width, height) facing along ``yaw`` + 90
    degrees (its own -y side), a glowing light line along its top, with one curved paint
    sample (a wing's shape, 0.62 x 1.0 m) per colour of ``colors`` in a row at eye height."""
    width, height = size
    xy = (*position, 0.0)
    pieces = [
        _piece(
            "stand", moved(box((-width / 2, width / 2), (0.0, 0.25), (0.0, height)), xy, yaw), WHITE
        ),
        _piece(
            "stand", moved(box((-width / 2, width / 2), (-0.06, 0.0), (0.0, 0.12)), xy, yaw), DARK
        ),
    ]
    line = box((-width / 2 + 0.1, width / 2 - 0.1), (-0.03, 0.0), (height - 0.3, height - 0.2))
    light = moved(line, xy, yaw)
    pieces.append(_piece("stand", light, LIGHT_LINE))
    across = np.linspace(-0.31, 0.31, 7)
    bulge = 0.06 * (1.0 - (across / 0.31) ** 2)
    grid = np.array(
        [
            np.column_stack([across, -0.02 - bulge, np.full(7, z)])
            for z in np.linspace(1.15, 2.15, 4)
        ]
    )
    front = car._loft(grid, closed=False, caps=False)
    front = front if _faces_minus_y(grid, front) else front[:, ::-1]
    points = grid.reshape(-1, 3)
    back = points + [0.0, 0.015, 0.0]
    sheet = np.vstack([points, back]), np.vstack([front, front[:, ::-1] + len(points)])
    pitch = (width - 0.8) / max(len(colors) - 1, 1)
    for k, color in enumerate(colors):
        dx = -width / 2 + 0.4 + k * pitch
        pieces.append(_piece("paint", moved(moved(sheet, (dx, 0.0, 0.0)), xy, yaw), color))
    return pieces


def tilted(mesh: tuple[np.ndarray, np.ndarray], angle: float) -> tuple[np.ndarray, np.ndarray]:
    """``mesh`` turned ``angle`` radians about its own x axis (its top towards -y)."""
    points, faces = mesh
    c, s = np.cos(angle), np.sin(angle)
    turn = np.array([[1.0, 0.0, 0.0], [0.0, c, -s], [0.0, s, c]])
    return points @ turn.T, faces


def casting_display(position: tuple[float, float], yaw: float) -> list[Piece]:
    """The rear underbody's one-piece aluminium casting (1.6 x 1.3 m: it replaces 72 stamped
    and welded parts) stood up on a white plinth, leaning back 55 degrees so that the visitor
    sees its ribbed inside: a floor plate, side rails, cross members, a grid of ribs and the two
    shock towers."""
    parts = [  # the casting lying flat: x across the car, y along it, z up
        box((-0.8, 0.8), (-0.65, 0.65), (0.0, 0.05)),
        box((-0.8, -0.65), (-0.65, 0.65), (0.0, 0.32)),
        box((0.65, 0.8), (-0.65, 0.65), (0.0, 0.32)),
        box((-0.65, 0.65), (-0.65, -0.52), (0.0, 0.26)),
        box((-0.65, 0.65), (0.52, 0.65), (0.0, 0.26)),
        box((-0.62, -0.36), (0.12, 0.52), (0.0, 0.45)),
        box((0.36, 0.62), (0.12, 0.52), (0.0, 0.45)),
    ]
    parts += [box((-0.65, 0.65), (y - 0.015, y + 0.015), (0.0, 0.17)) for y in (-0.25, 0.1)]
    parts += [box((x - 0.015, x + 0.015), (-0.52, 0.52), (0.0, 0.17)) for x in (-0.3, 0.0, 0.3)]
    lean = np.radians(55.0)
    x, y = position
    pieces = plinth(position, yaw, (0.9, 0.6), 0.6)
    for part in parts:  # stood on its front edge on the plinth, leaning back onto a prop
        up = moved(tilted(moved(part, (0.0, 0.65, 0.0)), lean), (0.0, -0.35, 0.62))
        pieces.append(_piece("casting", moved(up, (x, y, 0.0), yaw), CAST))
    prop = box((-0.5, 0.5), (0.1, 0.4), (0.6, 1.2))
    pieces.append(_piece("stand", moved(prop, (x, y, 0.0), yaw), DARK))
    return pieces


def pack_cutaway(position: tuple[float, float], yaw: float) -> list[Piece]:
    """A section of the battery pack (1.8 x 1.1 m) on a white plinth, opened in steps from the
    front: the car's floor over the back third (the pack's lid is the floor: cell to body),
    the pack's cover over the middle, the cells in the front third, with the cooling plate and
    the underbody guard showing at the cut edge and the orange high-voltage connector."""
    x, y = position
    at = (x, y, 0.0)
    top = 0.75
    pieces = plinth(position, yaw, (1.0, 0.65), top)
    layers = [
        (box((-0.9, 0.9), (-0.55, 0.55), (top, top + 0.03)), DARK),  # underbody guard
        (box((-0.9, 0.9), (-0.55, 0.55), (top + 0.03, top + 0.05)), ALUMINIUM),  # cooling plate
        (box((-0.9, 0.9), (-0.55, 0.55), (top + 0.05, top + 0.08)), DARK),  # tray
        (box((-0.9, 0.9), (-0.2, 0.55), (top + 0.2, top + 0.22)), ALUMINIUM),  # cover
        (box((-0.9, 0.9), (0.2, 0.55), (top + 0.22, top + 0.26)), BODY_FLOOR),  # the floor
        (box((-0.9, 0.9), (0.5, 0.55), (top + 0.08, top + 0.2)), DARK),  # the back wall
        (box((-0.35, -0.1), (-0.58, -0.5), (top + 0.08, top + 0.18)), HIGH_VOLTAGE),
    ]
    for k in range(12):  # blade cells standing across the pack, the front row in view
        cx = -0.85 + 0.15 * k
        layers.append((box((cx, cx + 0.12), (-0.53, 0.48), (top + 0.08, top + 0.19)), CELLS))
    for mesh, color in layers:
        pieces.append(_piece("battery", moved(mesh, at, yaw), color))
    return pieces


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
    layers = [(points, faces, backdrop), (car_points, car_faces, blue)]
    # the side windows: a dark band from the waist to under the roof line, over the cabin
    d = car.SU7
    waist = 0.66 * d.height
    cabin = top - 0.08 > waist + 0.1
    glass_z = [np.full(cabin.sum(), waist), top[cabin] - 0.08]
    glass_grid = np.array(
        [np.column_stack([outline_x[cabin], np.zeros(cabin.sum()), z]) for z in glass_z]
    )
    glass_grid = glass_grid * [scale, 1.0, scale] + [0.0, -0.03, 0.18 * height]
    glass_faces = car._loft(glass_grid, closed=False, caps=False)
    glass_faces = glass_faces if _faces_minus_y(glass_grid, glass_faces) else glass_faces[:, ::-1]
    layers.append((glass_grid.reshape(-1, 3), glass_faces, _colors(GLASS_PICTURE, cabin.sum() * 2)))
    for axle in (-d.wheelbase / 2, d.wheelbase / 2):  # the wheels: tyres and rims
        for radius, y, color in ((d.wheel_diameter / 2, -0.03, TYRE), (0.22, -0.04, ALUMINIUM)):
            centre = (axle * scale, y, 0.18 * height + d.wheel_diameter / 2 * scale)
            disc = _disc(centre, radius * scale, 16)
            layers.append((*disc, _colors(color, len(disc[0]))))
    offsets = np.cumsum([0] + [len(p) for p, _, _ in layers[:-1]])
    picture = Piece(
        "screen",
        np.vstack([p for p, _, _ in layers]),
        np.vstack([f + k for (_, f, _), k in zip(layers, offsets, strict=True)]),
        np.vstack([c for _, _, c in layers]),
        lit=False,
    )
    base = (*center[:2], center[2])
    placed = moved((picture.points, picture.faces), base, yaw)
    return [
        _piece("screen", moved(bezel, base, yaw), DARK),
        Piece("screen", placed[0], placed[1], picture.colors, lit=False),
    ]


def _colors(color: tuple, count: int) -> np.ndarray:
    return np.tile(np.asarray(color, float), (count, 1))


def _disc(centre: tuple, radius: float, segments: int) -> tuple[np.ndarray, np.ndarray]:
    """A flat disc in the x-z plane round ``centre``, facing -y (a fan of triangles)."""
    angles = 2 * np.pi * np.arange(segments) / segments
    rim = np.column_stack([radius * np.cos(angles), np.zeros(segments), radius * np.sin(angles)])
    points = np.vstack([[0.0, 0.0, 0.0], rim]) + np.asarray(centre, float)
    k = np.arange(segments)
    faces = np.column_stack([np.zeros(segments, int), 1 + (k + 1) % segments, 1 + k])
    grid = points  # wound so that its normal points along -y
    t = grid[faces]
    if np.cross(t[:, 1] - t[:, 0], t[:, 2] - t[:, 0])[:, 1].sum() > 0:
        faces = faces[:, ::-1]
    return points, faces.astype(np.int64)


def _faces_minus_y(grid: np.ndarray, faces: np.ndarray) -> bool:
    t = grid.reshape(-1, 3)[faces]
    return bool(np.cross(t[:, 1] - t[:, 0], t[:, 2] - t[:, 0])[:, 1].sum() < 0)


def _side_outline(count: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The SU7 seen from the side: x along the car and the outline's top and bottom."""
    xs = np.linspace(car.SU7.rear, car.SU7.front, count)
    return xs, car.side_outline(xs), np.zeros_like(xs)  # down to the wheels' feet


def stage(
    footprint: np.ndarray, exhibition: Exhibition
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The visitors' place (x, y) in the room whose floor is ``footprint`` (N, 2), and the unit
    vectors ahead and to their right."""
    corner = np.asarray(footprint, dtype=float).min(axis=0)
    bearing = np.radians(exhibition.view_bearing_deg)
    ahead = np.array([np.cos(bearing), np.sin(bearing)])
    return corner + exhibition.visitors, ahead, np.array([ahead[1], -ahead[0]])


def exhibit_pieces(footprint: np.ndarray, exhibition: Exhibition) -> list[Piece]:
    """Every exhibit of the technology showroom whose floor is ``footprint`` (N, 2), placed as
    ``exhibition`` says."""
    eye, ahead, right = stage(footprint, exhibition)

    def at(name: str, steps: int = 0) -> tuple[float, float]:
        a, r = exhibition.places[name]
        if steps:
            a += steps * exhibition.motor_step[0]
            r += steps * exhibition.motor_step[1]
        x, y = eye + a * ahead + r * right
        return (float(x), float(y))

    def looking(place: tuple[float, float]) -> float:
        return facing(place, tuple(eye))

    depth, width, high = exhibition.stage_size
    corner = (*at("stage"), 0.0)
    across = float(np.arctan2(right[1], right[0]))  # the stage's own x along ``right``
    pieces = [
        _piece(
            "stage",
            moved(box((0.0, width), (0.0, depth), (0.0, high)), corner, across),
            STAGE_FLOOR,
        )
    ]
    edge = moved(box((0.0, width), (-0.01, 0.0), (0.03, high - 0.03)), corner, across)
    pieces.append(_piece("stage", edge, LIGHT_LINE))
    plinth_h = 0.30
    cx, cy = at("chassis")
    disc = ring_sector((0.0, 3.0), plinth_h, 48)
    pieces.append(_piece("plinth", moved(disc, (cx, cy, plinth_h / 2), 0.0, "z"), WHITE))
    towards = np.arctan2(eye[1] - cy, eye[0] - cx)  # the chassis's nose (+x) to the visitors
    turn = np.radians(exhibition.chassis_turn_deg)
    pieces += chassis((cx, cy), float(towards - turn), plinth_h)
    shown = at("chassis_screen")
    pieces += screen((*shown, 1.0), looking(shown), (1.8, 1.0))
    post = box((-0.05, 0.05), (0.02, 0.08), (0.0, 1.0))
    pieces.append(_piece("stand", moved(post, (*shown, 0.0), looking(shown)), ALUMINIUM))
    for k in range(3):
        place = at("motors", k)
        pieces += motor_display(place, looking(place), k == 0)
    pieces += casting_display(at("casting"), looking(at("casting")))
    pieces += pack_cutaway(at("pack"), looking(at("pack")))
    wall = at("paint_wall")
    colors = list(car.SU7_COLORS.values())
    pieces += paint_wall(wall, looking(wall), colors, exhibition.paint_wall)
    back = at("video_wall")
    width, height, bottom = exhibition.video_wall
    pieces += screen((*back, bottom), looking(back), (width, height))
    base = box((-width / 2 - 0.1, width / 2 + 0.1), (0.0, 0.4), (0.0, bottom - 0.08))
    pieces.append(_piece("stand", moved(base, (*back, 0.0), looking(back)), DARK))
    return pieces
