"""Level of detail for instanced shapes, chosen per instance before every render.

An instance is drawn with its detailed mesh while it would look bigger than
:data:`DETAIL_PIXELS` on screen, with its shape's far mesh beyond that, with its tiny mesh (a
block) once smaller than :data:`TINY_PIXELS` if the shape has one, and not at all while hidden
(a car body not on the line yet) or out of the picture (wholly outside the camera's view
frustum, by its size: from the shuttle's seat most of a hall is beside or behind the visitor,
and a workshop view seen from above leaves out the halls beyond its top edge). On a software
renderer this divides the cost of a frame of the whole plant several times; on a GPU it is what
lets thousands of robots stay cheap.

Examples
--------
>>> import numpy as np, pyvista as pv
>>> from viewer.scene.instancing import TINY, InstancedShape
>>> shape = InstancedShape(pv.Cube().triangulate(), 2, far=pv.Cube().triangulate())
>>> shape.update(positions=np.array([[0.0, 0, 0], [5000.0, 0, 0]]))
>>> detail = LevelOfDetail()
>>> detail.add(shape, size=3.0)
>>> detail.update((0.0, 0.0, 10.0), view_angle=30.0, height=720)
>>> shape.shown("near").tolist(), shape.shown("far").tolist()
([True, False], [False, True])
>>> detail.update((0.0, 0.0, 10.0), 30.0, 720, direction=(0.0, 0.0, 1.0))  # looking up
>>> shape.shown("near").tolist(), shape.shown("far").tolist()
([False, False], [False, False])
>>> detail.vanish(shape)  # 3 m at 5 km: under a pixel, not drawn at all
>>> detail.set_pixels(24, 2)
>>> detail.update((0.0, 0.0, 10.0), view_angle=30.0, height=720)
>>> shape.shown("near").tolist(), shape.shown("far").tolist()
([True, False], [False, False])
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from viewer.scene.instancing import TINY, InstancedShape

DETAIL_PIXELS = 24  # an instance smaller than this on screen is drawn with its far mesh
TINY_PIXELS = 8  # ... and smaller than this with its tiny mesh (if it has one)
REACH = 1.5  # an instance lies within this many times its size of its position (a bottom centre)
SLACK_M = 5.0  # masks are chosen for a camera anywhere within this many metres of the eye ...
SLACK_DEG = 4.0  # ... and looking within this many degrees: kept while the camera stays so


@dataclass
class _Entry:
    shape: InstancedShape
    size: float | np.ndarray | None  # metres (one, or per instance); None: always in detail
    cull: bool  # smaller than cull_pixels on screen: not drawn at all (no far mesh)
    anchor: InstancedShape  # whose positions decide (the robot base for every arm link)
    visible: np.ndarray
    vanish: bool = False  # far instances smaller than cull_pixels are not drawn either
    vanish_pixels: float = np.inf  # ... nor than this, whichever is smaller
    seen: float | np.ndarray | None = None  # the size that counts on screen (None: ``size``)
    fine: float = 1.0  # times the far and tiny meshes' sizes on screen: where they change
    chosen: tuple | None = None  # the camera, the anchor's moves and its positions the masks
    # were chosen for


class LevelOfDetail:
    """Keeps the near/far/hidden masks of registered shapes up to date."""

    def __init__(
        self, pixels: float = DETAIL_PIXELS, cull_pixels: float = 0.0, tiny: float = TINY_PIXELS
    ) -> None:
        self.pixels = pixels  # smaller than this on screen: the far mesh
        self.tiny_pixels = tiny  # smaller than this: the tiny mesh, where a shape has one
        self.cull_pixels = cull_pixels  # culled entries smaller than this: not drawn (0: off)
        self.entries: list[_Entry] = []
        self.frustum = True  # leave out what is outside the picture (off while casting shadows)
        self._camera: tuple | None = None
        self._dirty = True  # everything is chosen again (a setting changed)
        self._moved = True  # some instances may have moved

    def add(
        self,
        shape: InstancedShape,
        size: float | np.ndarray | None,
        anchor: InstancedShape | None = None,
        cull: bool = False,
        seen: float | np.ndarray | None = None,
        fine: float = 1.0,
    ) -> None:
        """Manage ``shape``: ``size`` is its size in metres, one or per instance (None: no far
        mesh switching). With ``cull``, instances smaller than :attr:`cull_pixels` on screen
        are not drawn at all instead of being drawn with a far mesh. ``seen``: the size that
        decides how big an instance looks, when not ``size`` (which then only bounds where it
        lies: a thin pole is tall but looks as thin as it is). ``fine``: this shape changes to
        its far and tiny meshes at ``fine`` times the sizes on screen the others do (a mesh
        whose detail only shows big, such as a parked car's 3,500 corners)."""
        visible = np.ones(shape.count, dtype=bool)
        entry = _Entry(shape, size, cull, anchor or shape, visible, seen=seen, fine=fine)
        self.entries.append(entry)
        self._dirty = True

    def vanish(self, shape: InstancedShape, pixels: float = np.inf) -> None:
        """Let ``shape``'s far instances vanish when smaller than :attr:`cull_pixels` (a person
        or a tree a pixel or two tall), as culled boxes do, or than ``pixels`` if smaller (a
        canteen's chairs: specks that count only together)."""
        for entry in self.entries:
            if entry.shape is shape:
                entry.vanish, entry.vanish_pixels = True, float(pixels)
        self._dirty = True

    def set_pixels(self, pixels: float, cull_pixels: float, tiny: float | None = None) -> None:
        """Change the far-mesh, culling and (if given) tiny-mesh sizes on screen (a quality
        preset's)."""
        self.pixels, self.cull_pixels = pixels, cull_pixels
        if tiny is not None:
            self.tiny_pixels = tiny
        self._dirty = True

    def set_visible(
        self, shape: InstancedShape, visible: np.ndarray, size: np.ndarray | None = None
    ) -> None:
        """Which instances of ``shape`` exist at all right now (and, for things whose size
        changes, ``size``: their sizes in metres now)."""
        for entry in self.entries:
            if entry.shape is shape:
                visible = np.asarray(visible, dtype=bool)
                same = np.array_equal(visible, entry.visible)
                entry.visible = visible
                if size is not None:
                    size = np.asarray(size, dtype=float)
                    same = same and np.array_equal(size, entry.size)
                    entry.size = size
                if not same:  # the same again (each frame of a running plant) keeps the masks
                    entry.chosen = None
                    self._moved = True

    def moved(self) -> None:
        """Instances moved: choose again before the next render (each shape whose anchor's
        positions were written since; the others keep their masks while the camera stays)."""
        self._moved = True

    @staticmethod
    def near_distance(
        size: float | np.ndarray, view_angle: float, height: int, pixels: float = DETAIL_PIXELS
    ) -> float | np.ndarray:
        """Distance within which an object of ``size`` m looks at least ``pixels`` tall."""
        span = 2.0 * np.tan(np.radians(view_angle) / 2.0)
        return size * max(height, 1) / (span * max(pixels, 1e-6))

    def set_frustum(self, on: bool) -> None:
        """Leave out instances outside the picture (on), or draw them (off: the sun's shadow
        map sees what the camera does not)."""
        self.frustum = on
        self._dirty = True

    def update(
        self,
        camera_position: tuple,
        view_angle: float,
        height: int,
        direction: tuple | None = None,
        aspect: float = 16 / 9,
        up: tuple | None = None,
    ) -> None:
        """Choose near, far or hidden for every instance (skipped if nothing changed).

        ``direction``: where the camera looks (None: everywhere); with :attr:`frustum` on,
        instances wholly outside the picture (the width ``aspect`` times the height) are
        hidden: outside the view frustum's four sides when the camera's ``up`` is given, else
        outside the cone round them.
        """
        look = None if direction is None or not self.frustum else tuple(direction)
        if look is None or up is None:
            up = None
        camera = (tuple(camera_position), float(view_angle), int(height), look, float(aspect))
        camera = (*camera, None if up is None else tuple(up))
        if not self._dirty and not self._moved and camera == self._camera:
            return
        if self._dirty:
            for entry in self.entries:
                entry.chosen = None
        self._camera, self._dirty, self._moved = camera, False, False
        eye = np.asarray(camera_position, dtype=float)
        slack = np.radians(SLACK_DEG)
        cone = view_cone(view_angle, aspect) + slack
        forward = None if look is None else np.asarray(look, dtype=float)
        sides = None
        if forward is not None:
            forward = forward / max(float(np.linalg.norm(forward)), 1e-12)
            if up is not None:
                up_vector = np.asarray(up, dtype=float)
                sides = frustum_sides(forward, up_vector, view_angle, aspect, widen=slack)
        worked: dict[tuple, np.ndarray] = {}  # per anchor (and size): the parts of a robot
        shifts: dict[tuple, float] = {}  # per camera masks were chosen for: how far from it now
        drifts: dict[tuple, float] = {}  # per anchor and its positions then: how far they went
        for entry in self.entries:
            if entry.chosen is not None:
                old, moves, positions = entry.chosen
                if old not in shifts:
                    shifts[old] = camera_shift(old, camera)
                drift = 0.0
                if moves != entry.anchor.moves:  # its instances moved: how far, at most
                    key = (id(entry.anchor), id(positions))
                    if key not in drifts:
                        drifts[key] = _largest_move(positions, entry.anchor.positions)
                    drift = drifts[key]
                if shifts[old] + drift <= SLACK_M:  # within what the masks allowed for
                    continue
            anchor = id(entry.anchor)
            if ("at", anchor) not in worked:  # one copy of where they are, for all its parts
                worked[("at", anchor)] = entry.anchor.positions.copy()
            entry.chosen = (camera, entry.anchor.moves, worked[("at", anchor)])
            if entry.size is None:
                entry.shape.show(entry.visible)
                continue
            anchor = id(entry.anchor)
            if anchor not in worked:
                offset = entry.anchor.positions - eye
                worked[anchor] = np.einsum("ij,ij->i", offset, offset)
            distance2 = worked[anchor]
            shown = entry.visible
            if forward is not None:
                key = (anchor, id(entry.size) if isinstance(entry.size, np.ndarray) else entry.size)
                if key not in worked:
                    offset = entry.anchor.positions - eye
                    radius = REACH * entry.size + SLACK_M
                    if sides is None:
                        worked[key] = _in_cone(offset, distance2, forward, cone, radius)
                    else:
                        worked[key] = in_frustum(offset, sides, radius)
                shown = shown & worked[key]
            if entry.cull and self.cull_pixels <= 0:
                entry.shape.show(shown)
                continue
            size = entry.size if entry.seen is None else entry.seen
            pixels = self.cull_pixels if entry.cull else self.pixels * entry.fine
            reach = self.near_distance(size, view_angle, height, pixels) + SLACK_M
            near = shown & (distance2 < reach * reach)
            if entry.vanish and self.cull_pixels > 0:
                least = min(self.cull_pixels, entry.vanish_pixels)
                seen = self.near_distance(size, view_angle, height, least) + SLACK_M
                shown = shown & (distance2 < seen * seen)
            rest = shown & ~near
            if TINY in entry.anchor.levels and not entry.cull:
                tiny = self.tiny_pixels * entry.fine
                reach = self.near_distance(size, view_angle, height, tiny) + SLACK_M
                far = rest & (distance2 < reach * reach)
                if TINY in entry.shape.levels:
                    entry.shape.show(near, far, rest & ~far)
                else:  # a part of a thing whose tiny block stands for all of it
                    entry.shape.show(near, far)
            else:
                entry.shape.show(near, rest)


def view_cone(view_angle: float, aspect: float) -> float:
    """Half the angle (radians) of the cone round the view's axis that holds the picture's
    corners (``view_angle``: the vertical angle in degrees; ``aspect``: width / height)."""
    half = np.tan(np.radians(view_angle) / 2.0)
    return float(np.arctan(half * np.hypot(1.0, aspect)))


def camera_shift(chosen: tuple, camera: tuple) -> float:
    """How far (m) the eye of ``camera`` is from that of ``chosen``, the camera some masks were
    chosen for (both tuples of position, view angle, height, direction, aspect and up); infinite
    unless the lens and picture are the same and the direction and up within :data:`SLACK_DEG`.
    Masks allow for :data:`SLACK_M` of it (with how far their instances moved since), so
    nothing in view is missed.

    >>> a = ((0.0, 0.0, 1.5), 60.0, 720, (1.0, 0.0, 0.0), 16 / 9, (0.0, 0.0, 1.0))
    >>> b = ((3.0, 0.0, 1.5), 60.0, 720, (0.999, 0.04, 0.0), 16 / 9, (0.0, 0.0, 1.0))
    >>> camera_shift(a, b), camera_shift(a, (b[0], b[1], b[2], (0.0, 1.0, 0.0), *b[4:]))
    (3.0, inf)
    """
    if chosen[1:3] != camera[1:3] or chosen[4] != camera[4]:
        return np.inf
    for old, new in ((chosen[3], camera[3]), (chosen[5], camera[5])):
        if (old is None) != (new is None):
            return np.inf
        if old is not None:
            cosine = np.dot(old, new) / max(float(np.linalg.norm(old) * np.linalg.norm(new)), 1e-12)
            if cosine < np.cos(np.radians(SLACK_DEG)):
                return np.inf
    return float(np.linalg.norm(np.subtract(chosen[0], camera[0])))


def _largest_move(before: np.ndarray, after: np.ndarray) -> float:
    """The farthest any instance went from ``before`` to ``after`` (positions, metres)."""
    if before.shape != after.shape:
        return np.inf
    step = after - before
    return float(np.sqrt(np.einsum("ij,ij->i", step, step).max(initial=0.0)))


def frustum_sides(
    forward: np.ndarray, up: np.ndarray, view_angle: float, aspect: float, widen: float = 0.0
) -> np.ndarray:
    """The inward unit normals (4, 3) of a perspective view's four sides (top, bottom, right,
    left), through the eye: a point ``p`` (from the eye) is in the picture where ``p`` dotted
    with every one of them is at least 0. ``widen``: radians added to each half angle (the
    sides of any view turned that little from this one lie within).

    >>> sides = frustum_sides(np.array([0.0, 1, 0]), np.array([0.0, 0, 1]), 90.0, 1.0)
    >>> (sides @ np.array([0.0, 10, 0]) >= 0).all(), (sides @ np.array([0.0, 10, 11]) >= 0).all()
    (np.True_, np.False_)
    """
    up = up - forward * float(up @ forward)  # square to the view axis
    up = up / max(float(np.linalg.norm(up)), 1e-12)
    right = np.cross(forward, up)
    half_v = np.radians(view_angle) / 2.0
    half_h = np.arctan(np.tan(half_v) * aspect) + widen
    half_v = half_v + widen
    sin_v, cos_v, sin_h, cos_h = np.sin(half_v), np.cos(half_v), np.sin(half_h), np.cos(half_h)
    return np.array(
        [
            forward * sin_v - up * cos_v,
            forward * sin_v + up * cos_v,
            forward * sin_h - right * cos_h,
            forward * sin_h + right * cos_h,
        ]
    )


def in_frustum(offset: np.ndarray, sides: np.ndarray, radius: float | np.ndarray) -> np.ndarray:
    """Which spheres (centre ``offset`` from the eye, ``radius``) reach inside all the view's
    sides (:func:`frustum_sides`)."""
    reach = -np.reshape(np.asarray(radius, dtype=float), (-1, 1))
    return (offset @ sides.T >= reach).all(axis=1)


def sphere_in_view(camera: object, aspect: float, centre: np.ndarray, radius: float) -> bool:
    """Whether a sphere reaches into a VTK camera's picture (the cone round its axis).

    >>> from vtkmodules.vtkRenderingCore import vtkCamera
    >>> camera = vtkCamera()  # at (0, 0, 1), looking down -z
    >>> sphere_in_view(camera, 16 / 9, np.array([0.0, 0.0, -50.0]), 2.0)
    True
    >>> sphere_in_view(camera, 16 / 9, np.array([0.0, 0.0, 50.0]), 2.0)  # behind
    False
    """
    eye = np.asarray(camera.GetPosition(), dtype=float)  # type: ignore[attr-defined]
    forward = np.asarray(camera.GetDirectionOfProjection(), dtype=float)  # type: ignore[attr-defined]
    offset = (np.asarray(centre, dtype=float) - eye)[None, :]
    cone = view_cone(camera.GetViewAngle(), aspect)  # type: ignore[attr-defined]
    distance2 = np.einsum("ij,ij->i", offset, offset)
    return bool(_in_cone(offset, distance2, forward, cone, radius)[0])


def _in_cone(
    offset: np.ndarray,
    distance2: np.ndarray,
    forward: np.ndarray,
    cone: float,
    radius: float | np.ndarray,
) -> np.ndarray:
    """Which spheres (centre ``offset`` from the eye, ``radius``) reach into the cone of half
    angle ``cone`` round ``forward``."""
    distance = np.sqrt(distance2)
    along = offset @ forward
    cosine = along / np.maximum(distance, 1e-9)
    spread = np.arcsin(np.clip(radius / np.maximum(distance, 1e-9), 0.0, 1.0))
    inside = np.arccos(np.clip(cosine, -1.0, 1.0)) <= cone + spread
    return inside | (distance <= radius)
