"""The SU7's cabin as the test ride's passenger sees it: a low dashboard with a wide centre
screen, the steering wheel on the left, slim pillars framing the windscreen, the bonnet ahead.

One mesh, one actor, drawn only while the tour's seat camera rides in the car
(:class:`~viewer.scene.tour.tour_scene.TourScene` shows it). It is built in the car's frame (x
forward from the middle of the wheelbase, y left, z up; see :mod:`viewer.model.cars.car`), the
windscreen's edges taken from the SU7's body (:func:`viewer.model.cars.car.body_mesh`). China drives
on the right, so the driver sits on the left (+y) and the passenger (:data:`PASSENGER_EYE`) on
the right:

* the dashboard: low and slim, swept across the car from under the windscreen's foot along a
  dark top (no glare in the glass) that rolls over a soft, rounded lip, stone grey where the
  passenger sees it, to the ambient light strip and the fascia with an air vent slot;
* the wide centre screen floating over the dashboard's middle (a map and cards on it), the
  driver's small display behind the steering wheel, the round, flat-bottomed wheel with two
  spokes on its column in front of the driver's seat;
* the slim, rounded A-pillars along the windscreen's rake, bowed as the glass is, with the
  glass's dark frit band along their inner edge; a slim header, the frameless rear-view mirror
  and the headliner;
* the doors' tops under the side windows, rounded wing mirrors in the paint outside them;
* the bonnet ahead of the windscreen in the car's paint (:func:`bonnet_grid`): one smooth
  surface from under the dashboard's foot to its crest, whose edge the passenger sees as a clean
  line just below the horizon, crowned, with two soft ridges, rounding over the wings'
  shoulders, shaded by its smooth normals with the sky's sheen (fuller than the body's own
  bonnet, which from the seat would show only its edge).

With a user's car model (``--car-model``) the ride is in that car, not an SU7: the cabin keeps
what says "you sit in the passenger seat" (dashboard, screen, wheel, pillars, doors) but draws
no SU7 bonnet ahead of the glass, and the wing mirrors take the model's main colour (its
largest part's, as the line's cars show it) instead of Aqua Blue (:func:`model_paint`).

Every piece keeps further than :data:`NEAR_M` from the passenger's eyes, clear of the camera's
near plane. Placing the cabin is one matrix: :meth:`Cabin.place`. It is drawn unlit, each
corner shaded once when built as the sky would light it (:data:`LIGHT`, and a sheen of the sky
on the paint), its colours blended across each face: it frames half of the passenger's
picture, and lighting every one of those pixels would cost a software renderer more than the
rest of the frame. Under 1,000 triangles.

Examples
--------
>>> cabin = Cabin()
>>> cabin.mesh.triangulate().n_cells < 1000, cabin.actor.GetVisibility()
(True, 0)
>>> bool(min_distance_to_eye(cabin.mesh) > NEAR_M)
True
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

import numpy as np
import pyvista as pv
from vtkmodules.vtkCommonMath import vtkMatrix4x4
from vtkmodules.vtkRenderingCore import vtkActor2D, vtkCoordinate, vtkPolyDataMapper2D

from viewer.model.cars import car
from viewer.model.tour.track_ride import PASSENGER_EYE
from viewer.scene import shapes

if TYPE_CHECKING:
    from viewer.scene.cars.car_model import CarModel

Color = tuple[int, int, int]
FADE_S = 0.6  # s either side of the cut from the shuttle's seat into the car: a dip to black
NEAR_M = 0.4  # every piece at least this far from the eyes (the near plane is nearer)
DASH_TOP = (86, 88, 94)  # the dashboard's darker top under the glass
DASH_UPPER = (150, 147, 141)  # its stone grey soft-touch lip, where the passenger sees it
DASH_FACE = (128, 124, 118)  # the fascia below the light strip
STRIP = (232, 242, 250)  # the ambient light strip along the lip
VENT = (52, 53, 58)
TRIM = (74, 75, 80)  # pillars, header, door tops
FRIT = (46, 46, 50)  # the windscreen's dark ceramic band round its edge
DOOR = (112, 110, 106)
HEADLINER = (182, 180, 174)  # light grey cloth
HEADER = (150, 148, 143)  # the headliner's edge along the glass's top
BEZEL = (44, 44, 48)  # near black: still not below 20 where shaded
LEATHER = (58, 58, 62)  # the steering wheel
SCREEN = (20, 30, 44)  # the centre screen's dark page
MAP = (40, 62, 80)
ROAD = (96, 116, 132)
ROUTE = (84, 190, 236)
CARD = (46, 50, 60)
MIRROR_SKY, MIRROR_ROAD = (150, 170, 190), (84, 92, 100)  # what the mirrors show, darkened
SKY_SHEEN = np.array([214.0, 228.0, 240.0])  # the sky as the paint reflects it
LIGHT = np.array([0.25, -0.15, 1.0]) / np.linalg.norm([0.25, -0.15, 1.0])  # the sky, above
AMBIENT = 0.6  # a face turned away from the light keeps this share of its colour
GLASS_X = (1.38, 0.50)  # x of the windscreen's foot and top edge, as the passenger sees them
PILLAR_Y = (0.74, 0.63)  # half width between the pillars at the foot and at the header
PILLAR_WIDTH = 0.042  # m: the pillar's face, seen from the seat
DASH_Y = 0.82  # half width of the dashboard (it runs into the doors)
DASH_FOOT = (1.42, 0.93)  # x, z where the dashboard's top meets the glass: below the bonnet
DASH_LIP = (0.95, 0.905, 0.045)  # x, z of the middle of its rounded lip, the lip's radius
WHEEL_CENTRE = (0.70, 0.37, 0.975)  # the steering wheel, in front of the driver's seat (+y)
WHEEL_RADIUS = 0.185  # m
WHEEL_TILT = np.radians(24.0)  # its face turned up from upright, towards the driver
WHEEL_SEGMENTS = 24  # pieces round the rim
WHEEL_FLAT = 0.8  # the flat bottom's depth below the centre, in radii
# The bonnet as the passenger sees it (see :func:`bonnet_grid`): built for the seat camera only
# (the body is not drawn while riding in it), a little fuller than the body's own, whose bonnet
# falls away faster than the passenger's line of sight and would show only its back edge.
BONNET_FOOT = (1.36, 0.915)  # x, z of its back edge, under the dashboard's foot
BONNET_CREST = (2.16, 1.0)  # x, z of its crest in the middle: the edge seen over the dashboard
BONNET_SWEEP = 0.30  # m: how much nearer the crest lies at the sides (round in plan)
BONNET_Y = 0.97  # m: half its width, over the wings' shoulders
BONNET_CROWN = 0.02  # m: how much lower the crest is at the sides than in the middle
RIDGE_RISE, RIDGE_Y, RIDGE_WIDTH = 0.018, 0.40, 0.17  # m: the two soft ridges along it
SHOULDER_Y, SHOULDER_DROP = 0.80, 0.10  # m: the wings round down outside this
BONNET_COLUMNS = 15  # points across
BONNET_ROWS = (0.0, 0.12, 0.3, 0.5, 0.7, 0.86, 1.0, 1.12)  # back to front (over 1: past the crest)
HEADLINER_BACK = 0.455  # m: x where the headliner (and the picture's top) ends
PARTS = ("dashboard", "centre screen", "steering wheel", "pillars and roof", "doors", "bonnet")


def _tone(color: Color, share: float) -> Color:
    """``color`` lighter (share > 1) or darker."""
    return tuple(int(min(255, c * share)) for c in color)  # type: ignore[return-value]


def _paint() -> Color:
    r, g, b = car.SU7_COLORS["aqua_blue"]
    return int(r * 255), int(g * 255), int(b * 255)


def model_paint(model: CarModel) -> Color:
    """The main colour of a user's car ``model``: that of its part with the largest surface,
    as seen from afar (its texture averaged in)."""
    areas = [float(part.mesh.area) if part.mesh.n_cells else 0.0 for part in model.parts]
    r, g, b = model.palette[0, int(np.argmax(areas))]
    return int(r), int(g), int(b)


@cache
def _body_top() -> tuple[np.ndarray, np.ndarray]:
    """The SU7 body's top along its middle: x samples and heights (from the body mesh)."""
    points, _ = car.body_mesh(detail="fine")
    middle = points[np.abs(points[:, 1]) < 0.30]
    xs = np.linspace(0.3, car.SU7.front - 0.05, 60)
    heights = [middle[np.abs(middle[:, 0] - x) < 0.10][:, 2].max() for x in xs]
    return xs, np.array(heights)


def body_top(xs: np.ndarray) -> np.ndarray:
    """The height (m) of the SU7's body along its middle at ``xs``: the bonnet, the glass."""
    sample_x, heights = _body_top()
    return np.interp(np.asarray(xs, dtype=float), sample_x, heights)


def _smoothstep(low: float, high: float, values: np.ndarray) -> np.ndarray:
    t = np.clip((np.asarray(values, dtype=float) - low) / (high - low), 0.0, 1.0)
    return t * t * (3.0 - 2.0 * t)


class _Builder:
    """Flat polygons gathered into one mesh, each with a colour (or one per corner) and, for
    smooth surfaces, a normal per corner."""

    def __init__(self) -> None:
        self.faces: list[np.ndarray] = []
        self.colors: list[np.ndarray] = []
        self.normals: list[np.ndarray | None] = []
        self.upward: list[bool] = []
        self.gloss: list[float] = []
        self.glowing: set[int] = set()  # faces that are lights: not shaded
        self.part = 0  # the number (in :data:`PARTS`) of the part being built
        self.paint = _paint()  # the car's paint (the wing mirrors, the bonnet)
        self.parts: list[int] = []

    def face(
        self,
        corners: np.ndarray,
        color: Color | np.ndarray,
        upward: bool = False,
        normals: np.ndarray | None = None,
        gloss: float = 0.0,
    ) -> None:
        """One convex polygon; ``color`` one or one per corner; ``upward``: shaded as its
        upper side (the car's paint, seen from above), else as the side turned towards the
        passenger; ``normals`` per corner for a smooth surface; ``gloss`` the share of the
        sky's sheen on paint."""
        corners = np.asarray(corners, dtype=float)
        colors = np.broadcast_to(np.asarray(color, dtype=float), corners.shape)
        self.faces.append(corners)
        self.colors.append(np.array(colors))
        self.normals.append(None if normals is None else np.asarray(normals, dtype=float))
        self.upward.append(upward)
        self.gloss.append(gloss)
        self.parts.append(self.part)

    quad = face

    def grid(
        self,
        points: np.ndarray,
        colors: list[Color] | Color | np.ndarray,
        upward: bool = False,
        smooth: bool = False,
        gloss: float = 0.0,
        glow_rows: tuple[int, ...] = (),
    ) -> None:
        """A surface through ``points`` (rows, columns, 3); ``colors``: one per row of quads,
        one for all, or an array of one per point; ``smooth``: shaded by the surface's normal
        at each point; ``glow_rows``: rows of quads that are lights, not shaded."""
        rows, cols = points.shape[:2]
        normals = None
        if smooth:
            normals = np.cross(np.gradient(points, axis=1), np.gradient(points, axis=0))
            normals /= np.maximum(np.linalg.norm(normals, axis=2, keepdims=True), 1e-12)
        for i in range(rows - 1):
            color = colors if isinstance(colors[0], int) else colors[i]  # type: ignore[index]
            for j in range(cols - 1):
                index = ([i, i, i + 1, i + 1], [j, j + 1, j + 1, j])
                corner_normals = None if normals is None else normals[index]
                if isinstance(colors, np.ndarray):  # one per point: blended across each face
                    color = colors[index]
                if i in glow_rows:
                    self.glowing.add(len(self.faces))
                self.face(points[index], color, upward, corner_normals, gloss)  # type: ignore[arg-type]

    def tube(
        self,
        line: np.ndarray,
        across: np.ndarray,
        inward: np.ndarray,
        color: Color,
        closed: bool = False,
    ) -> None:
        """A beam along ``line`` (N, 3) whose cross-section spans ``across`` and ``inward``
        (half sizes, one pair or one per point); ends closed, or ``closed`` into a ring."""
        across = np.broadcast_to(across, line.shape)
        inward = np.broadcast_to(inward, line.shape)
        signs = ((1, 1), (-1, 1), (-1, -1), (1, -1))
        ring = np.stack([line + a * across + b * inward for a, b in signs], axis=1)
        if closed:
            ring = np.concatenate([ring, ring[:1]])
        for k in range(4):
            self.grid(ring[:, [k, (k + 1) % 4]], color)
        if not closed:
            self.face(ring[0], color)
            self.face(ring[-1][::-1], color)

    def round_tube(
        self,
        line: np.ndarray,
        across: np.ndarray,
        inward: np.ndarray,
        color: Color,
        closed: bool = False,
        sides: int = 3,
    ) -> None:
        """A rounded beam along ``line`` (N, 3): an elliptic cross-section of half sizes
        ``across`` and ``inward`` (one pair or one per point) drawn with ``sides`` faces and
        shaded smooth by the ellipse's normals (few faces, read as round); ends closed, or
        ``closed`` into a ring."""
        across = np.broadcast_to(across, line.shape)
        inward = np.broadcast_to(inward, line.shape)
        angles = 2.0 * np.pi * (np.arange(sides) + 0.5) / sides
        ring = np.stack([line + np.cos(a) * across + np.sin(a) * inward for a in angles], axis=1)
        a_len = np.maximum(np.linalg.norm(across, axis=1, keepdims=True), 1e-12)
        i_len = np.maximum(np.linalg.norm(inward, axis=1, keepdims=True), 1e-12)
        normals = np.stack(
            [np.cos(a) * across / a_len**2 + np.sin(a) * inward / i_len**2 for a in angles], axis=1
        )
        normals /= np.linalg.norm(normals, axis=2, keepdims=True)
        if closed:
            ring = np.concatenate([ring, ring[:1]])
            normals = np.concatenate([normals, normals[:1]])
        for i in range(len(ring) - 1):
            for k in range(sides):
                index = ([i, i, i + 1, i + 1], [k, (k + 1) % sides, (k + 1) % sides, k])
                self.face(ring[index], color, normals=normals[index])
        if not closed:
            self.face(ring[0], color)
            self.face(ring[-1][::-1], color)

    def box(self, low: tuple, high: tuple, color: Color) -> None:
        low, high = np.asarray(low, dtype=float), np.asarray(high, dtype=float)
        middle, half = (low + high) / 2, (high - low) / 2
        line = np.array([middle - [half[0], 0, 0], middle + [half[0], 0, 0]])
        self.tube(line, np.array([0, half[1], 0]), np.array([0, 0, half[2]]), color)

    def mesh(self) -> pv.PolyData:
        """The polygons as one mesh, each corner's colour shaded once here: the side turned
        towards the passenger, lit by :data:`LIGHT`, the paint with the sky's sheen (the actor
        is drawn unlit, see :class:`Cabin`)."""
        eye = np.asarray(PASSENGER_EYE, dtype=float)
        points, cells, colors = [], [], []
        start = 0
        for number, (corners, color, normals, upward, gloss) in enumerate(
            zip(self.faces, self.colors, self.normals, self.upward, self.gloss, strict=True)
        ):
            count = len(corners)
            face_normal = np.cross(corners[1] - corners[0], corners[2] - corners[0])
            if count > 3:
                face_normal = np.cross(corners[2] - corners[0], corners[3] - corners[1])
            face_normal /= max(float(np.linalg.norm(face_normal)), 1e-12)
            towards = np.array([0.0, 0.0, 1.0]) if upward else eye - corners.mean(axis=0)
            reference = face_normal if normals is None else normals.mean(axis=0)
            sign = -1.0 if reference @ towards < 0 else 1.0
            normal = face_normal * sign if normals is None else normals * sign
            normal = np.broadcast_to(normal, corners.shape)
            normal = normal / np.maximum(np.linalg.norm(normal, axis=1, keepdims=True), 1e-12)
            shade = AMBIENT + (1.0 - AMBIENT) * np.clip(normal @ LIGHT, 0.0, 1.0)
            if number in self.glowing:
                shade = np.ones(count)
            shaded = color * shade[:, None]
            if gloss:
                view = corners - eye
                view /= np.linalg.norm(view, axis=1, keepdims=True)
                facing = np.abs((view * normal).sum(axis=1))
                bounce = view - 2.0 * (view * normal).sum(axis=1, keepdims=True) * normal
                sky = np.clip(bounce[:, 2] * 4.0, 0.0, 1.0)  # the reflection shows the sky
                sheen = gloss * sky * (0.1 + 0.9 * (1.0 - facing) ** 5)
                shaded = shaded * (1.0 - sheen[:, None]) + SKY_SHEEN * sheen[:, None]
            points.append(corners)
            cells.append([count, *range(start, start + count)])
            colors.append(shaded)
            start += count
        mesh = pv.PolyData(np.vstack(points), np.concatenate(cells))
        mesh.point_data["rgb"] = np.clip(np.round(np.vstack(colors)), 0, 255).astype(np.uint8)
        mesh.cell_data["part"] = np.array(self.parts, dtype=np.uint8)
        return mesh


def _dashboard(builder: _Builder) -> None:
    """The dashboard: a profile from under the windscreen's foot along a low, dark top that
    rolls over a soft, rounded lip (stone grey where the passenger sees it) to the light strip
    and the fascia, swept across the car, a little lower and further back towards the doors;
    its colours blended from point to point, its shading smooth."""
    foot_x, foot_z = DASH_FOOT
    lip_x, lip_z, lip_r = DASH_LIP
    lip = [  # the rounded lip: a quarter circle from the top down to the fascia
        (lip_x + lip_r * np.cos(a), lip_z + lip_r * np.sin(a))
        for a in np.radians([100.0, 125.0, 150.0, 172.0])
    ]
    profile = [  # (x, z, colour at that line)
        (foot_x, foot_z, DASH_TOP),
        (1.20, 0.944, DASH_TOP),
        (1.02, 0.950, _tone(DASH_TOP, 1.12)),
        (*lip[0], _tone(DASH_UPPER, 0.9)),
        (*lip[1], DASH_UPPER),
        (*lip[2], DASH_UPPER),
        (*lip[3], STRIP),  # the light strip under the lip
        (lip[3][0] - 0.003, lip[3][1] - 0.012, STRIP),
        (lip[3][0] - 0.006, lip[3][1] - 0.022, DASH_FACE),
        (lip[3][0] - 0.009, lip[3][1] - 0.04, VENT),  # the air vent's slot
        (lip[3][0] - 0.011, lip[3][1] - 0.056, VENT),
        (0.84, 0.72, DASH_FACE),  # below the picture's bottom edge
    ]
    ys = np.linspace(-DASH_Y, DASH_Y, 9)
    side = (ys / DASH_Y) ** 2
    rows = [  # towards the doors the top falls a little and the lip comes back: it wraps round
        np.column_stack([np.full_like(ys, x) - 0.04 * side, ys, z - 0.02 * side])
        for x, z, _ in profile
    ]
    colors = np.array([[color] * len(ys) for *_, color in profile], dtype=float)
    strip = [n for n, (*_, color) in enumerate(profile[:-1]) if color == STRIP][0]
    builder.grid(np.array(rows), colors, smooth=True, glow_rows=(strip,))


def _centre_screen(builder: _Builder) -> None:
    """The wide centre screen floating over the dashboard's middle, a map and cards on it."""
    bottom, top = np.array([0.915, 0.0, 0.962]), np.array([0.89, 0.0, 1.128])
    up = (top - bottom) / np.linalg.norm(top - bottom)
    back = np.cross(up, [0.0, 1.0, 0.0])  # towards the seats
    half_width, half_height = 0.178, np.linalg.norm(top - bottom) / 2
    middle = (bottom + top) / 2
    across = np.array([0.0, 1.0, 0.0])
    builder.tube(
        np.array([middle - back * 0.008, middle + back * 0.008]),
        across * (half_width + 0.007),
        up * (half_height + 0.007),
        BEZEL,
    )
    builder.box((0.93, -0.03, 0.935), (0.96, 0.03, 0.965), BEZEL)  # its foot on the dashboard

    def face(u0: float, u1: float, v0: float, v1: float, color: Color, lift: float) -> None:
        """A rectangle on the screen's face, ``u`` across (left +) and ``v`` up, in [-1, 1]."""
        at = middle + back * (0.009 + lift)
        corners = [(u0, v0), (u1, v0), (u1, v1), (u0, v1)]
        points = [at + across * u * half_width + up * v * half_height for u, v in corners]
        builder.face(np.array(points), color)

    face(-1.0, 1.0, -1.0, 1.0, SCREEN, 0.0)
    face(-0.1, 0.96, -0.9, 0.8, MAP, 0.002)  # the map, on the driver's side
    face(-0.1, 0.96, -0.3, -0.22, ROAD, 0.004)
    face(0.38, 0.46, -0.9, 0.8, ROAD, 0.004)
    face(0.16, 0.42, -0.26, -0.16, ROUTE, 0.006)  # the route along the roads
    face(0.38, 0.46, -0.26, 0.5, ROUTE, 0.006)
    face(-0.96, -0.18, 0.0, 0.8, CARD, 0.002)  # cards: media, the car
    face(-0.96, -0.18, -0.9, -0.08, CARD, 0.002)
    face(-0.9, -0.45, 0.52, 0.64, ROUTE, 0.004)
    face(-0.96, 0.96, 0.86, 0.96, CARD, 0.002)  # the status line


def _steering_wheel(builder: _Builder) -> None:
    """The driver's flat-bottomed wheel with two spokes and a wide hub, on its column, and the
    small display behind it."""
    centre = np.array(WHEEL_CENTRE)
    across = np.array([0.0, 1.0, 0.0])
    up = np.array([np.sin(WHEEL_TILT), 0.0, np.cos(WHEEL_TILT)])  # its top leans forward
    face = np.cross(across, up)  # towards the driver: back and up
    angles = np.linspace(0.0, 2.0 * np.pi, WHEEL_SEGMENTS + 1)[:-1]
    # round, its bottom flattened with rounded corners (a smooth maximum of the two)
    below = np.sin(angles) + WHEEL_FLAT
    lift = -WHEEL_FLAT + (below + np.sqrt(below**2 + 0.1**2)) / 2
    rim = centre + WHEEL_RADIUS * (np.cos(angles)[:, None] * across + lift[:, None] * up)
    outward = rim - centre
    outward /= np.linalg.norm(outward, axis=1, keepdims=True)
    builder.round_tube(rim, outward * 0.016, face * 0.015, LEATHER, closed=True)
    hub = centre + face * 0.01
    builder.tube(
        np.array([hub - face * 0.02, hub + face * 0.02]), across * 0.065, up * 0.045, LEATHER
    )
    for side in (1.0, -1.0):  # the spokes, level with the hub
        line = np.array([hub + across * side * 0.06, hub + across * side * 0.17]) - up * 0.01
        builder.tube(line, up * 0.02, face * 0.01, BEZEL)
    column = np.array([centre - face * 0.01, centre - face * 0.2 - up * 0.03])
    builder.tube(column, across * 0.04, up * 0.035, BEZEL)
    # the driver's small display above the column, seen over the wheel's top
    builder.tube(
        np.array([[0.88, 0.37, 1.02], [0.87, 0.37, 1.07]]),
        np.array([0.0, 0.095, 0.0]),
        np.array([0.012, 0.0, 0.0]),
        BEZEL,
    )
    builder.face(
        np.array(
            [
                [0.866, 0.285, 1.025],
                [0.866, 0.455, 1.025],
                [0.857, 0.455, 1.064],
                [0.857, 0.285, 1.064],
            ]
        ),
        SCREEN,
    )
    builder.face(
        np.array(
            [[0.864, 0.33, 1.04], [0.864, 0.41, 1.04], [0.861, 0.41, 1.05], [0.861, 0.33, 1.05]]
        ),
        ROUTE,
    )


def _pillar_line(side: int, count: int = 7) -> np.ndarray:
    """The inner edge of the windscreen's side on ``side`` (+1 left, -1 right), foot to top:
    along the glass's rake, bowed as the body's top, a little lower at the sides; one smooth
    curve (a parabola through the glass's profile) on down to the dashboard, no kink."""
    xs = np.linspace(GLASS_X[0] - 0.01, GLASS_X[1], 8)
    t = np.linspace(0.0, 1.0, len(xs))
    curve = np.polynomial.Polynomial.fit(xs, body_top(xs) - 0.03 - 0.035 * t, 2)
    foot_z = DASH_FOOT[1] - 0.02
    roots = (curve - foot_z).roots()
    foot_x = float(min(r.real for r in roots if abs(r.imag) < 1e-9 and r.real > xs[0]))
    along = np.linspace(foot_x, GLASS_X[1], count)
    share = (foot_x - along) / (foot_x - GLASS_X[1])  # 0 at the foot, 1 at the top
    ys = side * (PILLAR_Y[0] + 0.01 + (PILLAR_Y[1] - PILLAR_Y[0] - 0.01) * share)
    return np.column_stack([along, ys, curve(along)])


def _rounded(centre: np.ndarray, half_y: float, half_z: float, count: int = 14) -> np.ndarray:
    """Corners of an upright rounded shape (a superellipse) facing back at ``centre``."""
    angles = np.linspace(0.0, 2.0 * np.pi, count + 1)[:-1]
    c, s = np.cos(angles), np.sin(angles)
    y = half_y * np.sign(c) * np.abs(c) ** 0.5
    z = half_z * np.sign(s) * np.abs(s) ** 0.5
    return centre + np.column_stack([np.zeros(count), y, z])


def _pillars_and_roof(builder: _Builder) -> None:
    """A-pillars with the glass's frit band, the header, the rear-view mirror, the headliner."""
    for side in (1, -1):
        edge = _pillar_line(side)
        along = np.gradient(edge, axis=0)
        along /= np.linalg.norm(along, axis=1, keepdims=True)
        out = np.array([0.0, float(side), 0.0])
        face = np.cross(along, out)  # across the pillar's face, roughly up and back
        face *= np.sign(face[:, 2:3])
        # a rounded trim PILLAR_WIDTH wide outward from the glass's edge, its depth behind it
        # (four faces at 45 degrees, shaded smooth: a slim rounded trim, flat against the glass)
        middle = edge + out * (PILLAR_WIDTH / 2) - face * 0.012
        corner = np.sqrt(2.0)
        builder.round_tube(
            middle, out * (PILLAR_WIDTH / 2 * corner), face * (0.016 * corner), TRIM, sides=4
        )
        frit = np.stack([edge - out * 0.025 + face * 0.003, edge + out * 0.012 + face * 0.003], 1)
        builder.grid(frit, FRIT)  # the glass's dark band along the pillar
    # the header: a slim band along the glass's top, curving down to the pillars
    top_x = GLASS_X[1]
    top_z = float(body_top(top_x)) - 0.03
    ys = np.linspace(-PILLAR_Y[1] - PILLAR_WIDTH, PILLAR_Y[1] + PILLAR_WIDTH, 6)
    drop = 0.035 * (ys / PILLAR_Y[1]) ** 2
    rows = [
        np.column_stack([np.full_like(ys, x), ys, z - drop])
        for x, z in (
            (top_x + 0.006, top_z - 0.004),
            (top_x, top_z),
            (top_x - 0.02, top_z + 0.012),
            (top_x - 0.03, top_z + 0.018),
            (HEADLINER_BACK, top_z + 0.025),
            (HEADLINER_BACK - 0.005, top_z + 0.08),
        )
    ]
    builder.grid(np.array(rows), [FRIT, HEADER, HEADLINER, HEADLINER, HEADLINER])
    # the frameless rear-view mirror below the glass's top, on a short stalk
    centre = np.array([top_x + 0.1, 0.0, top_z - 0.085])
    builder.box((top_x + 0.115, -0.01, centre[2]), (top_x + 0.14, 0.01, top_z - 0.015), BEZEL)
    back = _rounded(centre + [0.025, 0.0, 0.0], 0.105, 0.031)
    builder.face(back, BEZEL)  # its back: a dark border round the glass
    for k in range(len(back)):  # its rim, seen edge-on from the seat
        p, q = back[k], back[(k + 1) % len(back)]
        builder.face(np.array([p, q, q - [0.025, 0, 0], p - [0.025, 0, 0]]), BEZEL)
    glass = _rounded(centre - [0.001, 0.0, 0.0], 0.101, 0.027)
    builder.face(glass, _mirror_colors(glass, centre))


def _mirror_colors(glass: np.ndarray, centre: np.ndarray) -> np.ndarray:
    """What a mirror shows: the sky above its middle, the road below, blended between."""
    height = glass[:, 2] - centre[2]
    share = _smoothstep(-np.ptp(height) / 2, np.ptp(height) / 2, height)[:, None]
    return np.array(MIRROR_ROAD) * (1.0 - share) + np.array(MIRROR_SKY) * share


def _doors(builder: _Builder) -> None:
    """The doors' tops under the side windows, their panels, the wing mirrors outside."""
    paint = builder.paint
    for side in (1, -1):
        sill = [(-0.20, 0.925), (0.60, 0.915), (1.05, 0.905), (GLASS_X[0] - 0.10, 0.895)]
        top = np.array([[x, side * 0.80, z] for x, z in sill])
        rows = [
            top + [0.0, side * 0.10, 0.02],  # against the glass
            top,
            top + [0.0, -side * 0.01, -0.05],
            top + [0.0, -side * 0.07, -0.40],  # down into the dashboard's end
        ]
        builder.grid(np.array(rows), [TRIM, TRIM, DOOR])
        # the wing mirror: a rounded housing in the paint on a slim black arm, its glass back
        centre = np.array([1.12, side * 1.02, 0.995])
        back = _rounded(centre, 0.105, 0.058, 12)
        front = centre + (back - centre) * [1.0, 0.72, 0.66] + [0.085, side * 0.01, 0.0]
        for k in range(len(back)):
            n = (k + 1) % len(back)
            builder.face(
                np.array([back[k], back[n], front[n], front[k]]), paint, upward=True, gloss=0.5
            )
        arm = np.array([[1.13, side * 0.86, 0.93], [1.15, side * 0.94, 0.965]])
        builder.tube(arm, np.array([0.0, 0.0, 0.011]), np.array([0.03, 0.0, 0.0]), BEZEL)
        glass = _rounded(centre - [0.002, 0.0, 0.0], 0.092, 0.046, 12)
        builder.face(glass, _mirror_colors(glass, centre))


def bonnet_grid() -> np.ndarray:
    """The bonnet's surface as a grid of points (rows from the dashboard's foot forward to the
    crest and over it, columns across the car), in the car's frame: see :func:`_bonnet`."""
    t = np.linspace(-1.0, 1.0, BONNET_COLUMNS)
    ys = BONNET_Y * (0.4 * t + 0.6 * np.sin(np.pi / 2 * t))  # a little finer outboard
    across = np.abs(ys) / BONNET_Y
    foot_x, foot_z = BONNET_FOOT
    crest_x = BONNET_CREST[0] - BONNET_SWEEP * across**2  # the nose is round in plan
    ridges = RIDGE_RISE * np.exp(-(((np.abs(ys) - RIDGE_Y) / RIDGE_WIDTH) ** 2))
    shoulders = -SHOULDER_DROP * _smoothstep(SHOULDER_Y, BONNET_Y, np.abs(ys)) ** 1.5
    crown = -BONNET_CROWN * across**2  # the middle a little fuller than the sides
    rows = []
    for u in BONNET_ROWS:
        if u <= 1.0:  # from the foot up to the crest, levelling out there
            x = foot_x + u * (crest_x - foot_x)
            rise = 1.0 - (1.0 - u) ** 2
            z = foot_z + (BONNET_CREST[1] - foot_z) * rise + (crown + ridges) * rise
        else:  # over the crest, rounding down towards the nose (hidden behind the crest)
            over = u - 1.0
            x = crest_x + over
            z = BONNET_CREST[1] + crown + ridges - 0.8 * over**2
        rows.append(np.column_stack([x, ys, z + shoulders]))
    return np.array(rows)


def _bonnet(builder: _Builder) -> None:
    """The bonnet from under the dashboard's foot to its crest, in the car's paint: one smooth
    surface, rising gently and levelling out to the crest (the clean edge the passenger sees
    just below the horizon, swept back at the sides as the nose is round), crowned across, two
    soft ridges along it, rounding over the wings' shoulders at the sides; shaded by its
    smooth normals with the sky's sheen."""
    builder.grid(bonnet_grid(), builder.paint, upward=True, smooth=True, gloss=0.5)


def build_cabin(model: CarModel | None = None) -> pv.PolyData:
    """The cabin's mesh in the car's frame, corner colours in ``rgb``, each face's part (its
    number in :data:`PARTS`) in ``part``; in a user's car ``model``, without the SU7's bonnet
    and with the model's paint (see the module docstring)."""
    builder = _Builder()
    if model is not None:
        builder.paint = model_paint(model)
    for number, build in enumerate(
        (_dashboard, _centre_screen, _steering_wheel, _pillars_and_roof, _doors, _bonnet)
    ):
        if build is _bonnet and model is not None:
            continue
        builder.part = number
        build(builder)
    return builder.mesh()


def min_distance_to_eye(mesh: pv.PolyData) -> float:
    """The nearest point of ``mesh`` to the passenger's eyes (m): a quad's corner."""
    eye = np.array(PASSENGER_EYE)
    return float(np.linalg.norm(np.asarray(mesh.points) - eye, axis=1).min())


class Cabin:
    """The cabin's one actor (hidden until shown), placed with the car: the SU7's, or the
    user's car model's when one is in use (:func:`build_cabin`)."""

    def __init__(self) -> None:
        self.mesh = build_cabin(shapes.car_model())
        mapper = pv.DataSetMapper(self.mesh)
        mapper.SetColorModeToDirectScalars()
        mapper.ScalarVisibilityOn()
        mapper.SelectColorArray("rgb")
        mapper.SetScalarModeToUsePointFieldData()
        self.actor = pv.Actor(mapper=mapper)
        # Unlit, its shading baked into the colours: the cabin frames a third of the picture,
        # and lighting every one of its pixels cost a software renderer 60 ms a frame at 720p.
        self.actor.GetProperty().SetLighting(False)
        self.actor.SetPickable(False)
        self.actor.SetVisibility(False)
        self._matrix = vtkMatrix4x4()
        self.actor.SetUserMatrix(self._matrix)

    def place(self, position: np.ndarray, heading: float) -> None:
        """Put the cabin where the car is: ground point (x, y), heading (radians)."""
        c, s = np.cos(heading), np.sin(heading)
        values = [[c, -s, 0, position[0]], [s, c, 0, position[1]], [0, 0, 1, 0], [0, 0, 0, 1]]
        for i in range(4):
            for j in range(4):
                self._matrix.SetElement(i, j, float(values[i][j]))
        self._matrix.Modified()
        self.actor.Modified()

    def set_visible(self, visible: bool) -> None:
        """Show or hide the cabin."""
        self.actor.SetVisibility(bool(visible))


class CutFade:
    """A dip to black over the whole view, either side of the cut from the shuttle's seat into
    the car's (a film's cut between two shots, not a jump): :meth:`show` at each moment."""

    def __init__(self) -> None:
        square = pv.PolyData(
            np.array([[0.0, 0.0, 0.0], [1.0, 0.0, 0.0], [1.0, 1.0, 0.0], [0.0, 1.0, 0.0]]),
            np.array([4, 0, 1, 2, 3]),
        )
        corners = vtkCoordinate()
        corners.SetCoordinateSystemToNormalizedViewport()
        mapper = vtkPolyDataMapper2D()
        mapper.SetInputData(square)
        mapper.SetTransformCoordinate(corners)
        self.actor = vtkActor2D()
        self.actor.SetMapper(mapper)
        self.actor.GetProperty().SetColor(0.0, 0.0, 0.0)
        self.actor.SetVisibility(False)

    @staticmethod
    def opacity(since_cut: float) -> float:
        """How dark the view is ``since_cut`` seconds after the cut (before it: negative).

        >>> CutFade.opacity(0.0), CutFade.opacity(-FADE_S / 2), CutFade.opacity(FADE_S)
        (1.0, 0.5, 0.0)
        """
        return float(max(0.0, 1.0 - abs(since_cut) / FADE_S))

    def show(self, since_cut: float | None) -> None:
        """Darken the view for a moment ``since_cut`` seconds from the cut (None: no cut)."""
        opacity = 0.0 if since_cut is None else self.opacity(since_cut)
        self.actor.GetProperty().SetOpacity(opacity)
        self.actor.SetVisibility(opacity > 0.0)
