"""The SU7's cabin as the test ride's passenger sees it: a low dashboard, slim pillars, the bonnet.

One mesh, one actor, drawn only while the tour's seat camera rides in the car
(:class:`~viewer.scene.tour_scene.TourScene` shows it). It is built in the car's frame (x
forward from the middle of the wheelbase, y left, z up; see :mod:`viewer.model.car`), the
windscreen's edges taken from the SU7's body (:func:`viewer.model.car.body_mesh`):

* the dashboard: a low, slim surface swept across the car from the windscreen's foot over a
  soft, rounded lip to the fascia, with the light strip along the lip and a slot of air vent
  under it; the wide centre screen floating above it (a map on it) and the driver's small
  display;
* the A-pillars along the windscreen's rake, bowed as the glass is; a slim header with the
  rear-view mirror and the headliner above;
* the doors' tops under the side windows, the wing mirrors outside them;
* the bonnet ahead of the windscreen in the car's paint, its wings rising either side.

Every piece keeps further than :data:`NEAR_M` from the passenger's eyes, clear of the camera's
near plane. Placing the cabin is one matrix: :meth:`Cabin.place`. It is drawn unlit, each face
shaded once when built as the sky would light it (:data:`LIGHT`): it frames a third of the
passenger's picture, and lighting every one of those pixels would cost a software renderer
more than the rest of the frame.

Examples
--------
>>> cabin = Cabin()
>>> cabin.mesh.n_cells < 1500, cabin.actor.GetVisibility()
(True, 0)
>>> bool(min_distance_to_eye(cabin.mesh) > NEAR_M)
True
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pyvista as pv
from vtkmodules.vtkCommonMath import vtkMatrix4x4
from vtkmodules.vtkRenderingCore import vtkActor2D, vtkCoordinate, vtkPolyDataMapper2D

from viewer.model import car
from viewer.model.track_ride import PASSENGER_EYE

Color = tuple[int, int, int]
FADE_S = 0.6  # s either side of the cut from the shuttle's seat into the car: a dip to black
NEAR_M = 0.4  # every piece at least this far from the eyes (the near plane is nearer)
DASH_TOP = (50, 51, 56)  # the dashboard's soft-touch top
DASH_FACE = (104, 106, 114)  # the fascia's lighter trim below the strip
STRIP = (226, 240, 250)  # the light strip along the dashboard's lip
VENT = (38, 39, 43)
TRIM = (70, 71, 76)  # pillars, door tops
DOOR = (92, 94, 101)
HEADLINER = (178, 176, 170)  # light grey cloth
BEZEL = (40, 40, 44)  # near black: still not below 20 where shaded
SCREEN = (18, 28, 42)  # the centre screen's dark page
MAP = (36, 56, 74)
ROAD = (92, 112, 128)
ROUTE = (84, 190, 236)
CARD = (44, 46, 54)
MIRROR_GLASS = (84, 96, 110)  # the road and sky behind, darkened
LIGHT = np.array([0.25, -0.15, 1.0]) / np.linalg.norm([0.25, -0.15, 1.0])  # the sky, above
AMBIENT = 0.55  # a face turned away from the light keeps this share of its colour
GLASS_X = (1.38, 0.50)  # x of the windscreen's foot and top edge, as the passenger sees them
PILLAR_Y = (0.74, 0.63)  # half width between the pillars at the foot and at the header
PILLAR_WIDTH = 0.07  # m: the pillar's face, seen from the seat
DASH_Y = 0.82  # half width of the dashboard (it runs into the doors)
BONNET_END = 2.34  # m: x of the bonnet's front edge
BONNET_Y = 0.92
WING_RISE = 0.09  # m: the front wings above the bonnet's middle, at its edges
BONNET_LIFT = 0.015  # m: the bonnet over the body's own, so its crown shows over the dashboard
HEADLINER_BACK = 0.455  # m: x where the headliner (and the picture's top) ends


def _tone(color: Color, share: float) -> Color:
    """``color`` lighter (share > 1) or darker."""
    return tuple(int(min(255, c * share)) for c in color)  # type: ignore[return-value]


def _paint() -> Color:
    r, g, b = car.SU7_COLORS["aqua_blue"]
    return int(r * 255), int(g * 255), int(b * 255)


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


class _Builder:
    """Quads with one colour each, gathered into one mesh."""

    def __init__(self) -> None:
        self.points: list[np.ndarray] = []
        self.colors: list[Color] = []
        self.upward: list[bool] = []

    def quad(self, corners: np.ndarray, color: Color, upward: bool = False) -> None:
        """One quad; ``upward``: shaded as its upper side (the car's paint, seen from above),
        else as the side turned towards the passenger."""
        self.points.append(np.asarray(corners, dtype=float))
        self.colors.append(color)
        self.upward.append(upward)

    def grid(self, points: np.ndarray, colors: list[Color] | Color, upward: bool = False) -> None:
        """A surface through ``points`` (rows, columns, 3); ``colors``: one per row of quads,
        or one for all."""
        rows, cols = points.shape[:2]
        for i in range(rows - 1):
            color = colors if isinstance(colors[0], int) else colors[i]  # type: ignore[index]
            for j in range(cols - 1):
                a, b = points[i, j], points[i, j + 1]
                corners = np.array([a, b, points[i + 1, j + 1], points[i + 1, j]])
                self.quad(corners, color, upward)  # type: ignore[arg-type]

    def octagon(self, centre: np.ndarray, half_y: float, half_z: float, color: Color) -> np.ndarray:
        """An upright octagon facing back at ``centre`` (three quads); returns its corners."""
        angles = np.radians(22.5 + 45.0 * np.arange(8))
        corners = np.column_stack(
            [
                np.zeros(8),
                half_y * np.cos(angles) / np.cos(np.radians(22.5)),
                half_z * np.sin(angles),
            ]
        )
        corners = np.clip(corners, [-1, -half_y, -half_z], [1, half_y, half_z]) + centre
        for k in ((0, 1, 2, 3), (0, 3, 4, 7), (4, 5, 6, 7)):
            self.quad(corners[list(k)], color)
        return corners

    def tube(self, line: np.ndarray, across: np.ndarray, inward: np.ndarray, color: Color) -> None:
        """A beam along ``line`` (N, 3) whose cross-section spans ``across`` and ``inward``
        (half sizes, one pair or one per point), ends closed."""
        across = np.broadcast_to(across, line.shape)
        inward = np.broadcast_to(inward, line.shape)
        signs = ((1, 1), (-1, 1), (-1, -1), (1, -1))
        ring = np.stack([line + a * across + b * inward for a, b in signs], axis=1)
        for k in range(4):
            side = ring[:, [k, (k + 1) % 4]]
            self.grid(side, color)
        self.quad(ring[0], color)
        self.quad(ring[-1][::-1], color)

    def box(self, low: tuple, high: tuple, color: Color) -> None:
        low, high = np.asarray(low, dtype=float), np.asarray(high, dtype=float)
        middle, half = (low + high) / 2, (high - low) / 2
        line = np.array([middle - [half[0], 0, 0], middle + [half[0], 0, 0]])
        self.tube(line, np.array([0, half[1], 0]), np.array([0, 0, half[2]]), color)

    def panel(self, x: float, y: tuple[float, float], z: tuple[float, float], color: Color) -> None:
        """An upright rectangle facing back (towards the seats) at ``x``."""
        (y0, y1), (z0, z1) = y, z
        self.quad(np.array([[x, y0, z0], [x, y1, z0], [x, y1, z1], [x, y0, z1]]), color)

    def mesh(self) -> pv.PolyData:
        """The quads as one mesh, each in its colour shaded once here: the face turned towards
        the passenger, lit by :data:`LIGHT` (the actor is drawn unlit, see :class:`Cabin`)."""
        corners = np.array(self.points)
        count = len(corners)
        faces = np.column_stack([np.full(count, 4), np.arange(4 * count).reshape(count, 4)])
        mesh = pv.PolyData(corners.reshape(-1, 3), faces.ravel())
        normal = np.cross(corners[:, 2] - corners[:, 0], corners[:, 3] - corners[:, 1])
        normal /= np.maximum(np.linalg.norm(normal, axis=1, keepdims=True), 1e-12)
        towards = np.asarray(PASSENGER_EYE) - corners.mean(axis=1)
        towards[np.array(self.upward)] = [0.0, 0.0, 1.0]
        normal *= np.where((normal * towards).sum(axis=1) < 0, -1.0, 1.0)[:, None]
        shade = AMBIENT + (1.0 - AMBIENT) * np.clip(normal @ LIGHT, 0.0, 1.0)
        colors = np.array(self.colors, dtype=float) * shade[:, None]
        mesh.cell_data["rgb"] = np.clip(colors, 0, 255).astype(np.uint8)
        return mesh


def _dashboard(builder: _Builder) -> None:
    """The dashboard: a profile from the windscreen's foot over a soft lip down the fascia,
    swept across the car, a little lower towards the doors."""
    foot_x = GLASS_X[0]
    foot_z = float(body_top(foot_x)) - 0.05  # tucked under the glass's foot
    # the top, lighter towards the glass where the sky falls on it, in gentle steps
    top = [(foot_x, foot_z), (1.16, 0.962), (1.00, 0.955), (0.92, 0.946)]
    share = np.linspace(0.0, 1.0, 10)
    xs = np.interp(share, np.linspace(0.0, 1.0, len(top)), [x for x, _ in top])
    zs = np.interp(xs[::-1], [x for x, _ in top[::-1]], [z for _, z in top[::-1]])[::-1]
    profile = [  # (x, z, colour of the piece that follows)
        *(
            (x, z, _tone(DASH_TOP, 1.25 - 0.25 * f))
            for x, z, f in zip(xs[:-1], zs[:-1], share[:-1], strict=True)
        ),
        (0.92, 0.946, DASH_TOP),
        (0.875, 0.938, DASH_TOP),
        (0.850, 0.928, STRIP),  # the light strip where the top rounds over
        (0.836, 0.918, _tone(DASH_TOP, 0.9)),
        (0.812, 0.896, DASH_FACE),
        (0.800, 0.872, DASH_FACE),
        (0.790, 0.835, VENT),
        (0.795, 0.815, DASH_FACE),
        (0.76, 0.72, DASH_FACE),
        (0.66, 0.60, DASH_FACE),
    ]
    ys = np.linspace(-DASH_Y, DASH_Y, 13)
    side = (ys / DASH_Y) ** 2
    rows = []
    for x, z, _ in profile:
        # towards the doors the top falls a little and the lip comes back: it wraps round
        rows.append(np.column_stack([np.full_like(ys, x) - 0.03 * side, ys, z - 0.025 * side]))
    builder.grid(np.array(rows), [color for *_, color in profile[:-1]])


def _screens(builder: _Builder) -> None:
    """The wide centre screen floating above the dashboard, a map on it; the driver's display."""
    bottom, top = np.array([0.905, 0.0, 0.955]), np.array([0.885, 0.0, 1.085])
    up = (top - bottom) / np.linalg.norm(top - bottom)
    back = np.cross(up, [0.0, 1.0, 0.0])  # towards the seats
    half_width, half_height = 0.155, np.linalg.norm(top - bottom) / 2
    middle = (bottom + top) / 2
    across = np.array([0.0, 1.0, 0.0])
    builder.tube(
        np.array([middle - back * 0.008, middle + back * 0.008]),
        across * (half_width + 0.008),
        up * (half_height + 0.008),
        BEZEL,
    )

    def face(u0: float, u1: float, v0: float, v1: float, color: Color, lift: float) -> None:
        """A rectangle on the screen's face, ``u`` across (left +) and ``v`` up, in [-1, 1]."""
        at = middle + back * (0.009 + lift)
        corners = [(u0, v0), (u1, v0), (u1, v1), (u0, v1)]
        points = [at + across * u * half_width + up * v * half_height for u, v in corners]
        builder.quad(np.array(points), color)

    face(-1.0, 1.0, -1.0, 1.0, SCREEN, 0.0)
    face(-0.05, 0.96, -0.88, 0.78, MAP, 0.002)  # the map, on the driver's half
    face(-0.05, 0.96, -0.28, -0.20, ROAD, 0.004)
    face(0.40, 0.48, -0.88, 0.78, ROAD, 0.004)
    face(0.18, 0.44, -0.24, -0.14, ROUTE, 0.006)  # the route along the roads
    face(0.40, 0.48, -0.24, 0.50, ROUTE, 0.006)
    face(-0.96, -0.14, -0.05, 0.78, CARD, 0.002)  # cards: media, the car
    face(-0.96, -0.14, -0.88, -0.18, CARD, 0.002)
    face(-0.90, -0.40, 0.50, 0.62, ROUTE, 0.004)
    face(-0.96, 0.96, 0.84, 0.96, CARD, 0.002)  # the status line
    # the driver's small display on the steering column
    builder.tube(
        np.array([[0.86, 0.38, 0.985], [0.845, 0.38, 1.035]]),
        np.array([0.0, 0.10, 0.0]),
        np.array([0.012, 0.0, 0.0]),
        BEZEL,
    )
    for y0, y1, z0, z1, color in (
        (0.30, 0.46, 0.992, 1.028, SCREEN),
        (0.32, 0.40, 1.0, 1.01, ROUTE),
    ):
        low, high = (0.8465 - (z - 0.985) * 0.3 for z in (z0, z1))  # on the display's tilt
        corners = [[low, y0, z0], [low, y1, z0], [high, y1, z1], [high, y0, z1]]
        builder.quad(np.array(corners) - [0.001 * (color == ROUTE), 0, 0], color)


def _pillar_line(side: int, count: int = 6) -> np.ndarray:
    """The inner edge of the windscreen's side on ``side`` (+1 left, -1 right), foot to top:
    along the glass's rake, bowed as the body's top, a little lower at the sides."""
    xs = np.linspace(GLASS_X[0] - 0.01, GLASS_X[1], count)
    t = np.linspace(0.0, 1.0, count)
    ys = side * (PILLAR_Y[0] + (PILLAR_Y[1] - PILLAR_Y[0]) * t)
    zs = body_top(xs) - 0.03 - 0.035 * t
    return np.column_stack([xs, ys, zs])


def _pillars_and_roof(builder: _Builder) -> None:
    """A-pillars, the header with the rear-view mirror and the headliner."""
    for side in (1, -1):
        edge = _pillar_line(side)
        along = np.gradient(edge, axis=0)
        along /= np.linalg.norm(along, axis=1, keepdims=True)
        out = np.array([0.0, float(side), 0.0])
        face = np.cross(along, out)  # across the pillar's face, roughly up and back
        face *= np.sign(face[:, 2:3])
        # the face spans PILLAR_WIDTH outward from the glass's edge, its depth behind it
        middle = edge + out * (PILLAR_WIDTH / 2) - face * 0.02
        builder.tube(middle, out * (PILLAR_WIDTH / 2), face * 0.02, TRIM)
    # the header: a slim band along the glass's top, curving down to the pillars
    top_x = GLASS_X[1]
    top_z = float(body_top(top_x)) - 0.03
    ys = np.linspace(-PILLAR_Y[1] - PILLAR_WIDTH, PILLAR_Y[1] + PILLAR_WIDTH, 11)
    drop = 0.035 * (ys / PILLAR_Y[1]) ** 2
    rows = [
        np.column_stack([np.full_like(ys, x), ys, z - drop])
        for x, z in (
            (top_x, top_z),
            (top_x - 0.02, top_z + 0.012),
            (top_x - 0.03, top_z + 0.018),
            (HEADLINER_BACK, top_z + 0.025),
            (HEADLINER_BACK - 0.005, top_z + 0.08),
        )
    ]
    builder.grid(np.array(rows), [TRIM, HEADLINER, HEADLINER, HEADLINER])
    # the rear-view mirror below the glass's top, in the middle, on a short stalk
    centre = np.array([top_x + 0.08, 0.0, top_z - 0.085])
    builder.box((top_x + 0.115, -0.008, centre[2]), (top_x + 0.13, 0.008, top_z - 0.01), BEZEL)
    back = builder.octagon(centre + [0.03, 0.0, 0.0], 0.10, 0.032, BEZEL)
    for k in range(8):  # its rim, seen edge-on from the seat
        p, q = back[k], back[(k + 1) % 8]
        builder.quad(np.array([p, q, q - [0.03, 0, 0], p - [0.03, 0, 0]]), BEZEL)
    builder.octagon(centre - [0.001, 0.0, 0.0], 0.092, 0.026, MIRROR_GLASS)


def _doors(builder: _Builder) -> None:
    """The doors' tops under the side windows, their panels, the wing mirrors outside."""
    paint = _paint()
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
        # the wing mirror: a rounded housing in the paint, its glass facing back
        centre = np.array([1.10, side * 1.07, 1.01])
        back = builder.octagon(centre, 0.11, 0.06, paint)
        front = back + [0.09, 0.0, 0.0]
        for k in range(8):
            p, q = back[k], back[(k + 1) % 8]
            builder.quad(np.array([p, q, front[(k + 1) % 8], front[k]]), paint, upward=True)
        builder.octagon(centre - [0.002, 0.0, 0.0], 0.095, 0.048, MIRROR_GLASS)


def _bonnet(builder: _Builder) -> None:
    """The bonnet from the windscreen's foot to the nose: a crowned surface in the paint, the
    wings rising either side."""
    xs = np.linspace(GLASS_X[0] + 0.03, BONNET_END, 8)
    crown = body_top(xs) + BONNET_LIFT
    ys = np.linspace(-BONNET_Y, BONNET_Y, 13)
    side = np.abs(ys) / BONNET_Y
    rows = [
        np.column_stack([np.full_like(ys, x), ys, z - 0.035 * side**2 + WING_RISE * side**4])
        for x, z in zip(xs, crown, strict=True)
    ]
    builder.grid(np.array(rows), _paint(), upward=True)


def build_cabin() -> pv.PolyData:
    """The cabin's mesh in the car's frame, cell colours in ``rgb``."""
    builder = _Builder()
    _dashboard(builder)
    _screens(builder)
    _pillars_and_roof(builder)
    _doors(builder)
    _bonnet(builder)
    return builder.mesh()


def min_distance_to_eye(mesh: pv.PolyData) -> float:
    """The nearest point of ``mesh`` to the passenger's eyes (m): a quad's corner."""
    eye = np.array(PASSENGER_EYE)
    return float(np.linalg.norm(np.asarray(mesh.points) - eye, axis=1).min())


class Cabin:
    """The cabin's one actor (hidden until shown), placed with the car."""

    def __init__(self) -> None:
        self.mesh = build_cabin()
        mapper = pv.DataSetMapper(self.mesh)
        mapper.SetScalarModeToUseCellData()
        mapper.SetColorModeToDirectScalars()
        mapper.ScalarVisibilityOn()
        mapper.SelectColorArray("rgb")
        mapper.SetScalarModeToUseCellFieldData()
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
