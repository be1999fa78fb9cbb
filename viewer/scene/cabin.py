"""The SU7's cabin as the test ride's passenger sees it: dashboard, A-pillars, windscreen frame.

One mesh, one actor, drawn only while the tour's seat camera rides in the car
(:class:`~viewer.scene.tour_scene.TourScene` shows it). It is built in the car's frame (x
forward from the middle of the wheelbase, y left, z up; see :mod:`viewer.model.car`) from a few
dozen pieces, each with its own colour (cell colours, so still one draw call):

* the dashboard: a profile from the windscreen's foot back to a rounded lip, swept across the
  car, with the light strip along its lip, the centre screen and the driver's small display;
* the A-pillars along the windscreen's sides, the roof header and a strip of headliner above,
  the rear-view mirror;
* the top of the passenger's door under the side glass;
* the bonnet ahead of the windscreen in the car's paint, its crown taken from the SU7's body
  (:func:`viewer.model.car.body_mesh`), so the visitor sees its edge against the road.

Every piece keeps further than :data:`NEAR_M` from the passenger's eyes, clear of the camera's
near plane. Placing the cabin is one matrix: :meth:`Cabin.place`. It is drawn unlit, each face
shaded once when built: it covers about half of the passenger's picture, and lighting every
one of those pixels would cost a software renderer more than the rest of the frame.

Examples
--------
>>> cabin = Cabin()
>>> cabin.mesh.n_cells < 1000, cabin.actor.GetVisibility()
(True, 0)
>>> bool(min_distance_to_eye(cabin.mesh) > NEAR_M)
True
"""

from __future__ import annotations

import numpy as np
import pyvista as pv
from vtkmodules.vtkCommonMath import vtkMatrix4x4

from viewer.model import car
from viewer.model.track_ride import PASSENGER_EYE

NEAR_M = 0.4  # every piece at least this far from the eyes (the near plane is nearer)
DASH = (70, 70, 74)
DASH_TOP = (56, 56, 60)
TRIM = (98, 98, 104)  # pillars, header, door tops
HEADLINER = (168, 166, 160)  # light grey cloth
STRIP = (200, 214, 226)  # the light strip along the dashboard's lip
BEZEL = (34, 34, 38)
SCREEN = (34, 78, 118)  # the lit centre screen (a map)
MIRROR_GLASS = (130, 140, 150)
WINDSCREEN_FOOT = (1.33, 0.99)  # x, z of the glass's lower edge
HEADER = (0.56, 1.41)  # x, z of its upper edge
PILLAR_Y = (0.80, 0.68)  # half width between the pillars at the foot and at the header
BONNET_END = 2.30  # m: x of the bonnet's front edge
SHADE_SIDE = 0.8  # an upright face's share of its colour (a level one keeps all of it)


def _paint() -> tuple[int, int, int]:
    r, g, b = car.SU7_COLORS["aqua_blue"]
    return int(r * 255), int(g * 255), int(b * 255)


class _Builder:
    """Quads with one colour each, gathered into one mesh."""

    def __init__(self) -> None:
        self.points: list[np.ndarray] = []
        self.faces: list[list[int]] = []
        self.colors: list[tuple[int, int, int]] = []

    def quad(self, corners: np.ndarray, color: tuple[int, int, int]) -> None:
        base = sum(len(p) for p in self.points)
        self.points.append(np.asarray(corners, dtype=float))
        self.faces.append([4, base, base + 1, base + 2, base + 3])
        self.colors.append(color)

    def prism(
        self, a: np.ndarray, b: np.ndarray, u: np.ndarray, v: np.ndarray, color: tuple
    ) -> None:
        """A beam from ``a`` to ``b`` whose cross-section spans ``u`` and ``v`` (half sizes)."""
        a, b, u, v = (np.asarray(x, dtype=float) for x in (a, b, u, v))
        ring = [u + v, -u + v, -u - v, u - v]
        for k in range(4):
            p, q = ring[k], ring[(k + 1) % 4]
            self.quad(np.array([a + p, b + p, b + q, a + q]), color)
        self.quad(np.array([a + r for r in ring]), color)
        self.quad(np.array([b + r for r in ring[::-1]]), color)

    def box(self, low: tuple, high: tuple, color: tuple) -> None:
        low, high = np.asarray(low, dtype=float), np.asarray(high, dtype=float)
        middle, half = (low + high) / 2, (high - low) / 2
        a, b = middle - [half[0], 0, 0], middle + [half[0], 0, 0]
        self.prism(a, b, [0, half[1], 0], [0, 0, half[2]], color)

    def sweep(self, profile: list[tuple[float, float]], y0: float, y1: float, colors: list) -> None:
        """The (x, z) ``profile`` swept across the car from ``y0`` to ``y1``: one quad per
        piece of the profile, each in its colour."""
        for (xa, za), (xb, zb), color in zip(profile[:-1], profile[1:], colors, strict=True):
            self.quad(np.array([[xa, y0, za], [xb, y0, zb], [xb, y1, zb], [xa, y1, za]]), color)

    def mesh(self) -> pv.PolyData:
        """The quads as one mesh, each in its colour shaded once here: faces turned up or
        down lighter than the upright ones (the actor is drawn unlit, see :class:`Cabin`)."""
        mesh = pv.PolyData(np.vstack(self.points), np.concatenate(self.faces))
        corners = np.array([quad[:3] for quad in self.points])
        normal = np.cross(corners[:, 1] - corners[:, 0], corners[:, 2] - corners[:, 0])
        normal /= np.maximum(np.linalg.norm(normal, axis=1, keepdims=True), 1e-12)
        shade = SHADE_SIDE + (1.0 - SHADE_SIDE) * np.abs(normal[:, 2])
        colors = np.array(self.colors, dtype=float) * shade[:, None]
        mesh.cell_data["rgb"] = np.clip(colors, 0, 255).astype(np.uint8)
        return mesh


def _bonnet_top(xs: np.ndarray) -> np.ndarray:
    """The height of the SU7's body along its middle at ``xs`` (from the body mesh)."""
    points, _ = car.body_mesh(detail="line")
    middle = points[np.abs(points[:, 1]) < 0.35]
    heights = []
    for x in xs:
        near = middle[np.abs(middle[:, 0] - x) < 0.12]
        heights.append(near[:, 2].max() if len(near) else 0.8)
    return np.array(heights)


def _bonnet(builder: _Builder) -> None:
    """The bonnet from the windscreen's foot to the nose: a crowned surface in the paint."""
    xs = np.linspace(WINDSCREEN_FOOT[0] + 0.02, BONNET_END, 7)
    crown = np.minimum(_bonnet_top(xs), WINDSCREEN_FOOT[1] - 0.01)
    ys = np.linspace(-0.88, 0.88, 7)
    paint = _paint()
    for i in range(len(xs) - 1):
        for j in range(len(ys) - 1):
            corners = []
            for x, z0 in ((xs[i], crown[i]), (xs[i + 1], crown[i + 1])):
                for y in (ys[j], ys[j + 1]):
                    # the wings rise a little either side, the middle falls off to the edges
                    side = (abs(y) / 0.88) ** 2
                    corners.append([x, y, z0 - 0.04 * side + 0.10 * side**4])
            a, b, c, d = corners
            shade = 0.92 + 0.08 * (j % 2)  # faint panel lines read the bonnet's curve
            color = tuple(int(v * shade) for v in paint)
            builder.quad(np.array([a, b, d, c]), color)


def build_cabin() -> pv.PolyData:
    """The cabin's mesh in the car's frame, cell colours in ``rgb``."""
    builder = _Builder()
    foot_x, foot_z = WINDSCREEN_FOOT
    # the dashboard: from the windscreen's foot over its top to the lip, down the fascia
    profile = [
        (foot_x + 0.02, foot_z - 0.08),
        (0.95, 0.945),
        (0.76, 0.945),
        (0.72, 0.925),
        (0.70, 0.90),
        (0.72, 0.76),
        (0.80, 0.60),
    ]
    colors = [DASH_TOP, DASH_TOP, DASH, STRIP, DASH, DASH]
    builder.sweep(profile, 0.86, -0.86, colors)
    # the centre screen standing on the dashboard, the driver's small display
    builder.prism(
        np.array([0.78, 0.0, 0.94]), np.array([0.75, 0.0, 1.12]), [0, 0.18, 0], [0.02, 0, 0], BEZEL
    )
    builder.quad(
        np.array(
            [
                [0.755, 0.165, 0.955],
                [0.755, -0.165, 0.955],
                [0.729, -0.165, 1.108],
                [0.729, 0.165, 1.108],
            ]
        ),
        SCREEN,
    )
    builder.prism([0.86, 0.37, 0.95], [0.85, 0.37, 1.03], [0, 0.11, 0], [0.015, 0, 0], BEZEL)
    # A-pillars along the glass's sides, the header and the headliner above
    header_x, header_z = HEADER
    for side in (1, -1):
        low = np.array([foot_x - 0.02, side * PILLAR_Y[0], foot_z - 0.01])
        high = np.array([header_x, side * PILLAR_Y[1], header_z])
        along = (high - low) / np.linalg.norm(high - low)
        across = np.cross(along, [0.0, 0.0, 1.0])
        across = across / np.linalg.norm(across)
        inward = np.cross(across, along) * -side
        offset = -across * side * 0.05  # the pillar's inner edge lines the glass
        builder.prism(low + offset, high + offset, across * 0.045, inward * 0.04, TRIM)
    builder.box(
        (header_x - 0.10, -0.72, header_z - 0.035), (header_x + 0.02, 0.72, header_z + 0.03), TRIM
    )
    builder.box(
        (-0.55, -0.74, header_z + 0.03), (header_x - 0.10, 0.74, header_z + 0.06), HEADLINER
    )
    for side in (1, -1):  # the roof's side rails above the side windows
        builder.box(
            (-0.55, side * 0.80 - 0.05, header_z - 0.06),
            (header_x + 0.02, side * 0.80 + 0.05, header_z + 0.04),
            TRIM,
        )
    # the rear-view mirror below the header, in the middle
    builder.box((header_x - 0.02, -0.01, 1.35), (header_x + 0.01, 0.01, header_z - 0.035), BEZEL)
    builder.box((header_x - 0.05, -0.11, 1.30), (header_x - 0.01, 0.11, 1.355), BEZEL)
    builder.quad(
        np.array(
            [
                [header_x - 0.055, 0.10, 1.307],
                [header_x - 0.055, -0.10, 1.307],
                [header_x - 0.055, -0.10, 1.348],
                [header_x - 0.055, 0.10, 1.348],
            ]
        ),
        MIRROR_GLASS,
    )
    # the passenger's door top under the side glass
    builder.box((-0.30, -0.90, 0.80), (foot_x - 0.05, -0.80, 0.93), TRIM)
    _bonnet(builder)
    return builder.mesh()


def min_distance_to_eye(mesh: pv.PolyData) -> float:
    """The nearest point of ``mesh`` to the passenger's eyes (m): a quad's corner or middle."""
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
        # Unlit, its shading baked into the colours: the cabin covers half the picture, and
        # lighting every one of its pixels cost a software renderer 60 ms a frame at 720p.
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
