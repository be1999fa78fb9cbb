"""People and forklifts drawn instanced: workers, walkers, visitors in the lobby and on the shuttle.

A person is four instanced shapes: legs (trousers; standing, or bent on a chair), torso with
arms (the uniform's colour), head (skin) and cap (a cap or helmet, or hair). From some way off
(a few dozen pixels tall) the legs, the torso and the head each have a far mesh, one block in
their own colour, so that a distant figure still reads as dark trousers, a coloured top and a
face, lit like a body, not as a cut-out of one colour; a few pixels tall, each has a tiny mesh
of a few triangles, still in its own colour, so that a far crowd shows trousers, shirts and
faces. Diners sit on chairs, one more instanced shape. A forklift is three: the yellow
body, the dark mast, forks and overhead guard, and the load on its forks. However many people,
chairs and forklifts the layout holds, the number of actors stays the same.

:class:`PeopleScene` draws the plant's crews, their chairs and forklifts
(:mod:`viewer.model.motion.people`) and moves them to any time; :class:`ShuttleVisitors` seats
visitors and the driver on the tour shuttle.

Examples
--------
>>> import pyvista as pv
>>> from viewer.model.plant.layout import load_plant
>>> from viewer.scene.plant.plant_scene import PlantScene
>>> plotter = pv.Plotter(off_screen=True, window_size=(160, 90))
>>> scene = PlantScene(plotter, load_plant())
>>> scene.people.torso.count == len(scene.people.motion)
True
>>> plotter.close()
"""

from __future__ import annotations

from functools import cache
from typing import Protocol

import numpy as np
import pyvista as pv

from viewer.model.geometry import yaw_quaternion
from viewer.model.motion.people import SEAT_HEIGHT, SITTING, THIGH_HEIGHT, PeopleMotion
from viewer.model.plant.layout import Plant
from viewer.scene.instancing import InstancedShape

PERSON_HEIGHT = 1.72  # m, the figure's height (cap included)
# The level of detail takes a person as this big: the detailed figure (about 200 triangles in
# four shapes) is kept a little further than its height alone would say; beyond, the far
# silhouette (three boxes, one shape) stands in.
PERSON_SIZE = 1.2 * PERSON_HEIGHT
FORKLIFT_SIZE = 3.0  # m, for the level of detail
CHAIR_SIZE = 1.2  # m: a chair (0.9 m tall), taken a little bigger for the level of detail
CHAIR = (0.88, 0.46, 0.14)  # the cafeteria's chairs: orange moulded plastic seats (estimate)

SKIN = (0.86, 0.69, 0.56)
HAIR = (0.12, 0.09, 0.08)
TROUSERS = (0.14, 0.16, 0.22)  # a worker's dark navy trousers
TOPS = {  # the uniform's colour (jacket or polo)
    "navy": (0.17, 0.24, 0.42),
    "grey": (0.46, 0.49, 0.53),
    "blue": (0.16, 0.40, 0.74),
    "sky": (0.48, 0.68, 0.88),
    "orange": (0.95, 0.45, 0.10),
    "green": (0.18, 0.55, 0.34),
    "white": (0.93, 0.94, 0.95),
    "red": (0.76, 0.15, 0.15),
}
CAPS = {
    "white": (0.95, 0.95, 0.96),
    "yellow": (0.98, 0.80, 0.10),
    "blue": (0.15, 0.35, 0.75),
    "red": (0.80, 0.12, 0.12),
    "orange": (0.98, 0.50, 0.08),
    "none": HAIR,
}
VISITOR_TOPS = (  # everyday clothes
    (0.92, 0.92, 0.90),
    (0.12, 0.12, 0.13),
    (0.70, 0.16, 0.18),
    (0.20, 0.30, 0.52),
    (0.80, 0.72, 0.56),
    (0.50, 0.70, 0.86),
    (0.30, 0.50, 0.32),
    (0.95, 0.78, 0.25),
    (0.55, 0.55, 0.58),
    (0.85, 0.50, 0.62),
)
VISITOR_TROUSERS = (
    (0.18, 0.25, 0.42),  # jeans
    (0.10, 0.10, 0.11),
    (0.62, 0.56, 0.44),  # khaki
    (0.35, 0.36, 0.38),
    (0.24, 0.32, 0.50),
)
VISITOR_HAIR = (HAIR, (0.20, 0.14, 0.10), (0.06, 0.06, 0.06), (0.30, 0.28, 0.27))
FORKLIFT_BODY = (0.98, 0.70, 0.06)  # safety yellow-orange
FORKLIFT_DARK = (0.16, 0.17, 0.19)
LOADS = ((0.66, 0.50, 0.32), (0.20, 0.42, 0.70), (0.55, 0.57, 0.60))  # cartons, blue crates, steel


# -- meshes -------------------------------------------------------------------------------------
_CORNERS = np.array([[i & 1, (i >> 1) & 1, (i >> 2) & 1] for i in range(8)]) == 1
_TRIANGLES = np.array(
    [[0, 4, 2], [4, 6, 2], [5, 1, 7], [1, 3, 7], [0, 1, 4], [1, 5, 4],
     [6, 7, 2], [7, 3, 2], [1, 0, 3], [0, 2, 3], [4, 5, 6], [5, 7, 6]]
)  # fmt: skip
_CELLS = np.column_stack([np.full(len(_TRIANGLES), 3), _TRIANGLES]).ravel()


def _box(x: tuple[float, float], y: tuple[float, float], z: tuple[float, float]) -> pv.PolyData:
    """The box ``pv.Box(bounds=(*x, *y, *z)).triangulate()`` gives, point for point, built
    from arrays (VTK's box source costs a millisecond a box).

    >>> bounds = (-0.08, 0.16), (0.02, 0.16), (0.0, 0.88)
    >>> vtk_box = pv.Box(bounds=sum(bounds, ())).triangulate()
    >>> mine = _box(*bounds)
    >>> bool((mine.points == vtk_box.points).all() and (mine.faces == vtk_box.faces).all())
    True
    """
    points = np.column_stack(
        [np.where(_CORNERS[:, k], side[1], side[0]) for k, side in enumerate((x, y, z))]
    )
    return pv.PolyData(points.astype(np.float32), _CELLS.copy())


def _merge(*meshes: pv.PolyData) -> pv.PolyData:
    merged = meshes[0].merge(list(meshes[1:])) if len(meshes) > 1 else meshes[0]
    return merged.extract_surface(algorithm=None).triangulate().clean()


@cache
def figure_legs() -> pv.PolyData:
    """A standing person's legs and shoes (x forward, feet at z = 0)."""
    return _merge(
        _box((-0.08, 0.08), (0.02, 0.16), (0.0, 0.88)),
        _box((-0.08, 0.08), (-0.16, -0.02), (0.0, 0.88)),
        _box((-0.08, 0.16), (0.02, 0.16), (0.0, 0.08)),  # shoes
        _box((-0.08, 0.16), (-0.16, -0.02), (0.0, 0.08)),
    )


@cache
def figure_seated_legs(floor: float = 0.55) -> pv.PolyData:
    """A seated person's legs: thighs forward on a seat (their underside at
    :data:`~viewer.model.motion.people.THIGH_HEIGHT`), knees bent, shins and shoes down to a
    floor ``floor`` m above the figure's origin (0.55: the shuttle's; on a chair, the room's)."""
    top = THIGH_HEIGHT + 0.14
    return _merge(
        _box((-0.05, 0.50), (0.02, 0.16), (THIGH_HEIGHT, top)),
        _box((-0.05, 0.50), (-0.16, -0.02), (THIGH_HEIGHT, top)),
        _box((0.40, 0.52), (0.03, 0.15), (floor + 0.07, 0.90)),
        _box((0.40, 0.52), (-0.15, -0.03), (floor + 0.07, 0.90)),
        _box((0.38, 0.64), (0.03, 0.15), (floor, floor + 0.07)),  # shoes
        _box((0.38, 0.64), (-0.15, -0.03), (floor, floor + 0.07)),
    )


@cache
def figure_torso() -> pv.PolyData:
    """Torso and arms in the uniform's colour (hips at 0.86 m, shoulders at 1.44 m)."""
    return _merge(
        _box((-0.11, 0.11), (-0.19, 0.19), (0.86, 1.44)),
        _box((-0.06, 0.06), (0.19, 0.27), (0.82, 1.42)),
        _box((-0.06, 0.06), (-0.27, -0.19), (0.82, 1.42)),
    )


@cache
def figure_head() -> pv.PolyData:
    """Neck and head (skin)."""
    head = pv.Sphere(radius=0.11, center=(0.01, 0, 1.59), theta_resolution=8, phi_resolution=5)
    return _merge(_box((-0.05, 0.05), (-0.05, 0.05), (1.43, 1.52)), head.triangulate())


@cache
def figure_cap() -> pv.PolyData:
    """A cap, a helmet or hair: the top half of the head, a little larger, to 1.72 m."""
    top = pv.Sphere(
        radius=0.12, center=(0.0, 0, 1.60), theta_resolution=8, phi_resolution=4, end_phi=90
    )
    return top.triangulate()


# A person seen from some way off (a few dozen pixels tall) is three blocks, each the far mesh
# of its own shape and so in its own colour: legs in the trousers' colour, the shoulders in the
# uniform's, the head in skin (36 triangles against the near figure's hundreds). Lit from the
# sun's side, the dark legs under a lighter top read as a body, not as one flat cut-out.
@cache
def figure_far() -> pv.PolyData:
    """The torso's far mesh: shoulders and arms as one block, in the uniform's colour."""
    return _box((-0.12, 0.12), (-0.23, 0.23), (0.86, 1.46))


@cache
def figure_far_legs() -> pv.PolyData:
    """The standing legs' far mesh: one block to the hips, in the trousers' colour."""
    return _box((-0.09, 0.09), (-0.15, 0.15), (0.0, 0.86))


@cache
def figure_far_seated_legs() -> pv.PolyData:
    """The seated legs' far mesh: the thighs as one block on the seat (the shins are under the
    table)."""
    return _box((-0.05, 0.50), (-0.16, 0.16), (THIGH_HEIGHT, THIGH_HEIGHT + 0.14))


@cache
def figure_far_head() -> pv.PolyData:
    """The head's far mesh: one block, skin-coloured."""
    return _box((-0.09, 0.11), (-0.10, 0.10), (1.49, PERSON_HEIGHT))


# A person a few pixels tall is three small solids, the tiny meshes of the legs, the torso and
# the head, again each in its own colour: a far crowd shows trousers, shirts and faces, not
# blocks of the uniform's colour (28 triangles a person, against the far meshes' 36).
@cache
def figure_tiny() -> pv.PolyData:
    """The torso's tiny mesh: the shoulders as one block (12 triangles), in the uniform's
    colour, from the hips to the neck."""
    return _box((-0.11, 0.11), (-0.24, 0.24), (0.86, 1.48))


def _wedge(x: tuple[float, float], y: tuple[float, float], z: tuple[float, float]) -> pv.PolyData:
    """A closed upright prism (8 triangles) on a triangle with its point forward: as deep as
    ``x``, as wide as ``y``, from ``z[0]`` to ``z[1]``; faces wound outward."""
    (back, front), (right, left), (bottom, top) = x, y, z
    corners = np.array([[front, 0.5 * (right + left)], [back, left], [back, right]])
    points = np.vstack([np.column_stack([corners, np.full(3, h)]) for h in (bottom, top)])
    triangles = np.array(
        [[0, 2, 1], [3, 4, 5], [0, 1, 4], [0, 4, 3], [1, 2, 5], [1, 5, 4], [2, 0, 3], [2, 3, 5]]
    )
    cells = np.column_stack([np.full(len(triangles), 3), triangles]).ravel()
    return pv.PolyData(points.astype(np.float32), cells)


@cache
def figure_tiny_legs() -> pv.PolyData:
    """The standing legs' tiny mesh: a wedge to the hips (8 triangles), in the trousers'
    colour."""
    return _wedge((-0.10, 0.12), (-0.16, 0.16), (0.0, 0.86))


@cache
def figure_tiny_seated_legs() -> pv.PolyData:
    """The seated legs' tiny mesh: the thighs on the seat as a wedge (8 triangles)."""
    return _wedge((-0.05, 0.50), (-0.16, 0.16), (THIGH_HEIGHT, THIGH_HEIGHT + 0.14))


@cache
def figure_tiny_head() -> pv.PolyData:
    """The head's tiny mesh: a wedge from the neck to the top of the figure (8 triangles),
    skin-coloured."""
    return _wedge((-0.10, 0.12), (-0.11, 0.11), (1.48, PERSON_HEIGHT))


@cache
def chair() -> pv.PolyData:
    """A canteen chair (x: towards the table; origin on the floor under the seat's middle):
    seat, backrest and four legs."""
    seat = SEAT_HEIGHT
    parts = [
        _box((-0.21, 0.21), (-0.21, 0.21), (seat - 0.04, seat)),
        _box((-0.25, -0.21), (-0.20, 0.20), (seat + 0.04, seat + 0.45)),  # backrest
        _box((-0.25, -0.21), (-0.20, -0.16), (seat, seat + 0.05)),  # its two posts
        _box((-0.25, -0.21), (0.16, 0.20), (seat, seat + 0.05)),
    ]
    for x in (-0.19, 0.16):
        for y in (-0.19, 0.16):
            parts.append(_box((x, x + 0.03), (y, y + 0.03), (0.0, seat - 0.04)))
    return _merge(*parts)


@cache
def chair_far() -> pv.PolyData:
    """A chair from some way off: the seat, the backrest and two side frames for the legs."""
    seat = SEAT_HEIGHT
    return _merge(
        _box((-0.21, 0.21), (-0.21, 0.21), (seat - 0.04, seat)),
        _box((-0.25, -0.21), (-0.20, 0.20), (seat, seat + 0.45)),
        _box((-0.19, 0.19), (-0.19, -0.16), (0.0, seat - 0.04)),
        _box((-0.19, 0.19), (0.16, 0.19), (0.0, seat - 0.04)),
    )


@cache
def chair_tiny() -> pv.PolyData:
    """A chair a few pixels big: one block, its seat's footprint, to the seat."""
    return _box((-0.25, 0.21), (-0.21, 0.21), (0.0, SEAT_HEIGHT))


@cache
def forklift_body() -> pv.PolyData:
    """A counterbalance forklift's body, counterweight and seat (x: towards the forks)."""
    return _merge(
        _box((-1.05, 0.55), (-0.55, 0.55), (0.18, 0.95)),
        _box((-1.25, -0.70), (-0.58, 0.58), (0.18, 1.20)),  # counterweight
        _box((-0.65, -0.25), (-0.25, 0.25), (0.95, 1.05)),  # seat
        _box((-0.70, -0.62), (-0.25, 0.25), (1.05, 1.45)),  # backrest
        _box((0.10, 0.50), (-0.35, 0.35), (0.95, 1.25)),  # dashboard
    )


@cache
def forklift_frame() -> pv.PolyData:
    """The dark parts: wheels, overhead guard, mast, carriage, forks and the seated driver."""
    parts = []
    for x, radius in ((0.35, 0.30), (-0.85, 0.25)):
        for y in (-0.46, 0.46):
            wheel = pv.Cylinder(
                center=(x, y, radius),
                direction=(0, 1, 0),
                radius=radius,
                height=0.22,
                resolution=10,
            )
            parts.append(wheel.triangulate())
    for x in (-0.75, 0.40):  # overhead guard posts and roof
        for y in (-0.50, 0.50):
            parts.append(_box((x - 0.04, x + 0.04), (y - 0.04, y + 0.04), (0.95, 2.10)))
    parts.append(_box((-0.80, 0.45), (-0.55, 0.55), (2.10, 2.16)))
    for y in (-0.40, 0.40):  # mast uprights
        parts.append(_box((0.62, 0.74), (y - 0.06, y + 0.06), (0.10, 2.30)))
    parts.append(_box((0.62, 0.74), (-0.40, 0.40), (2.18, 2.30)))
    parts.append(_box((0.76, 0.82), (-0.48, 0.48), (0.10, 1.00)))  # carriage
    for y in (-0.25, 0.25):  # forks
        parts.append(_box((0.82, 1.95), (y - 0.06, y + 0.06), (0.10, 0.16)))
    # the driver, seated, in a dark uniform
    parts.append(_box((-0.55, -0.33), (-0.19, 0.19), (1.05, 1.62)))  # body
    parts.append(_box((-0.33, 0.05), (-0.17, 0.17), (1.05, 1.19)))  # thighs
    parts.append(_box((-0.52, -0.32), (-0.10, 0.10), (1.66, 1.88)))  # head
    return _merge(*parts)


@cache
def forklift_load() -> pv.PolyData:
    """A pallet and its load on the forks."""
    return _merge(
        _box((0.85, 2.00), (-0.55, 0.55), (0.16, 0.30)),
        _box((0.88, 1.97), (-0.52, 0.52), (0.30, 1.15)),
    )


@cache
def forklift_far() -> pv.PolyData:
    """A forklift seen from far away: the body and the mast as two boxes."""
    return _merge(
        _box((-1.25, 0.55), (-0.58, 0.58), (0.0, 2.16)),
        _box((0.60, 2.0), (-0.55, 0.55), (0.0, 1.15)),
    )


# -- colours ------------------------------------------------------------------------------------
def _pick(table: tuple, index: np.ndarray, salt: int) -> np.ndarray:
    return np.array(table)[(index * (7 + 2 * salt) + salt) % len(table)]


def figure_colors(uniform: np.ndarray, cap: np.ndarray) -> dict[str, np.ndarray]:
    """Per-person colours (N, 3) of the ``legs``, ``torso`` and ``cap`` shapes: uniforms for
    workers, a mix of everyday clothes for visitors."""
    count = len(uniform)
    index = np.arange(count)
    visitor = uniform == "visitor"
    torso = np.array([TOPS.get(name, TOPS["grey"]) for name in uniform]).reshape(count, 3)
    legs = np.tile(TROUSERS, (count, 1))
    caps = np.array([CAPS[name] for name in cap]).reshape(count, 3)
    torso[visitor] = _pick(VISITOR_TOPS, index, 0)[visitor]
    legs[visitor] = _pick(VISITOR_TROUSERS, index, 1)[visitor]
    hair = visitor & (cap == "none")
    caps[hair] = _pick(VISITOR_HAIR, index, 2)[hair]
    return {"legs": legs, "torso": torso, "cap": caps}


# -- the plant's people -------------------------------------------------------------------------
class AddShape(Protocol):
    """How a scene adds an instanced shape (:meth:`PlantScene._instance`)."""

    def __call__(
        self,
        name: str,
        source: pv.PolyData,
        count: int,
        size: float | None = None,
        anchor: str | None = None,
        **kwargs: object,
    ) -> InstancedShape: ...


class PeopleScene:
    """The plant's people, their chairs and forklifts on a scene's instanced shapes (see the
    module docstring); :meth:`set_time` moves them, writing in place.

    :attr:`legs` are the standing people's (the first of :attr:`standing`), :attr:`seated_legs`
    the seated people's; the torso, head and cap shapes hold everyone.
    """

    def __init__(self, add: AddShape, plant: Plant) -> None:
        self.motion = PeopleMotion(plant.people)
        count = len(self.motion)
        size = PERSON_SIZE
        seated = self.motion.seated
        self.standing = np.flatnonzero(~seated)
        self.sitting = np.flatnonzero(seated)
        self.torso = add(
            "people-torso", figure_torso(), count, size=size, far=figure_far(), tiny=figure_tiny()
        )
        self.legs = add(
            "people-legs",
            figure_legs(),
            len(self.standing),
            size=size,
            far=figure_far_legs(),
            tiny=figure_tiny_legs(),
        )
        self.seated_legs = add(
            "people-seated-legs",
            figure_seated_legs(-SITTING),
            len(self.sitting),
            size=size,
            far=figure_far_seated_legs(),
            tiny=figure_tiny_seated_legs(),
        )
        self.head = add(
            "people-head",
            figure_head(),
            count,
            size=size,
            anchor="people-torso",
            color=SKIN,
            far=figure_far_head(),
            tiny=figure_tiny_head(),
        )
        self.cap = add("people-cap", figure_cap(), count, size=size, anchor="people-torso")
        colors = figure_colors(self.motion.uniform, self.motion.cap)
        self.torso.update(colors=colors["torso"])
        self.cap.update(colors=colors["cap"])
        self.legs.update(colors=colors["legs"][self.standing])
        self.seated_legs.update(colors=colors["legs"][self.sitting])
        self.figures = (self.torso, self.legs, self.seated_legs, self.head, self.cap)

        chairs = self.motion.chairs
        self.chairs = add(
            "chairs",
            chair(),
            len(chairs),
            size=CHAIR_SIZE,
            far=chair_far(),
            tiny=chair_tiny(),
            color=CHAIR,
        )
        self.chairs.update(
            positions=np.column_stack([chairs, np.zeros(len(chairs))]),
            orientations=yaw_quaternion(self.motion.chair_facing),
        )

        lifts = plant.people.forklift_count
        self.forklift = add(
            "forklift-body",
            forklift_body(),
            lifts,
            size=FORKLIFT_SIZE,
            far=forklift_far(),
            color=FORKLIFT_BODY,
        )
        frame = add(
            "forklift-frame",
            forklift_frame(),
            lifts,
            size=FORKLIFT_SIZE,
            anchor="forklift-body",
            color=FORKLIFT_DARK,
        )
        load = add(
            "forklift-load", forklift_load(), lifts, size=FORKLIFT_SIZE, anchor="forklift-body"
        )
        load.update(colors=_pick(LOADS, np.arange(lifts), 0))
        self.forklifts = (self.forklift, frame, load)

    def set_time(self, t: float) -> None:
        """Put every person and forklift where they are at time ``t`` (seconds)."""
        position, yaw = self.motion.people_at(t)
        rotation = yaw_quaternion(yaw)
        for shape in (self.torso, self.head, self.cap):
            shape.update(positions=position, orientations=rotation)
        for shape, index in ((self.legs, self.standing), (self.seated_legs, self.sitting)):
            shape.update(positions=position[index], orientations=rotation[index])
        position, yaw = self.motion.forklifts_at(t)
        rotation = yaw_quaternion(yaw)
        for shape in self.forklifts:
            shape.update(positions=position, orientations=rotation)


# -- the shuttle's passengers -------------------------------------------------------------------
# (x, y) of each seat in the shuttle's frame (x forward, y left; see shapes.shuttle_body): the
# driver on the front bench's left, then the visitors, two beside the driver's... three a bench.
SHUTTLE_SEATS = (
    (0.75, 0.36),  # the driver
    (0.75, -0.36),
    (-0.35, 0.43),
    (-0.35, 0.0),
    (-0.35, -0.43),
    (-1.45, 0.43),
    (-1.45, 0.0),
    (-1.45, -0.43),
)
SEAT_BACK = 0.15  # m from a bench's middle back to where a seated figure's origin is


class ShuttleVisitors:
    """The driver (in uniform) and the visitors seated on the shuttle: instanced figures
    placed from the shuttle's pose."""

    def __init__(self, seats: tuple[tuple[float, float], ...] = SHUTTLE_SEATS) -> None:
        self.seats = np.array(seats, dtype=float) - [SEAT_BACK, 0.0]
        count = len(self.seats)
        self.shapes = (
            InstancedShape(figure_seated_legs(), count),
            InstancedShape(figure_torso(), count),
            InstancedShape(figure_head(), count, color=SKIN),
            InstancedShape(figure_cap(), count),
        )
        uniform = np.array(["navy"] + ["visitor"] * (count - 1))
        cap = np.array(["white"] + ["none"] * (count - 1))
        colors = figure_colors(uniform, cap)
        for shape, key in zip(self.shapes, ("legs", "torso", None, "cap"), strict=True):
            if key is not None:
                shape.update(colors=colors[key])

    @property
    def actors(self) -> list:
        """The actors of the four shapes."""
        return [actor for shape in self.shapes for actor in shape.actors]

    def place(self, position: np.ndarray, heading: float) -> None:
        """Seat everyone on a shuttle standing at ``position`` (x, y) facing ``heading`` (rad)."""
        c, s = np.cos(heading), np.sin(heading)
        x = position[0] + c * self.seats[:, 0] - s * self.seats[:, 1]
        y = position[1] + s * self.seats[:, 0] + c * self.seats[:, 1]
        points = np.column_stack([x, y, np.zeros(len(x))])
        rotation = yaw_quaternion(np.full(len(x), heading))
        for shape in self.shapes:
            shape.update(positions=points, orientations=rotation)
