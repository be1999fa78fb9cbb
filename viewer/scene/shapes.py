"""Source meshes for the instanced parts: robot links, the unit box, car bodies, AGVs.

Each link mesh is modelled in its joint's frame (see :mod:`viewer.model.motion.robot`) at the KR 210
sizes, so the forward-kinematics frames place it directly.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

import numpy as np
import pyvista as pv

from viewer.model.cars import car
from viewer.model.motion.robot import KR210

if TYPE_CHECKING:
    from viewer.scene.cars.car_model import CarModel


def mesh_from_arrays(points: np.ndarray, faces: np.ndarray) -> pv.PolyData:
    """A PolyData from (M, 3) points and (K, n) polygon vertex indices."""
    faces = np.asarray(faces, dtype=np.int64)
    cells = np.hstack([np.full((len(faces), 1), faces.shape[1]), faces]).ravel()
    return pv.PolyData(np.asarray(points, dtype=float), cells)


def _box(x: tuple[float, float], y: tuple[float, float], z: tuple[float, float]) -> pv.PolyData:
    return pv.Box(bounds=(*x, *y, *z)).triangulate()


def _cylinder(
    center: tuple[float, float, float],
    direction: tuple[float, float, float],
    radius: float,
    height: float,
    resolution: int = 10,
) -> pv.PolyData:
    return pv.Cylinder(
        center=center, direction=direction, radius=radius, height=height, resolution=resolution
    ).triangulate()


def _merge(*meshes: pv.PolyData) -> pv.PolyData:
    merged = meshes[0].merge(list(meshes[1:])) if len(meshes) > 1 else meshes[0]
    return merged.extract_surface(algorithm=None).triangulate().clean()


@cache
def unit_box() -> pv.PolyData:
    """A 1 x 1 x 1 box with its bottom face centred on the origin (scaled per instance)."""
    return _box((-0.5, 0.5), (-0.5, 0.5), (0.0, 1.0))


_AXES = {"x": (0, 1, 2), "y": (1, 0, 2), "z": (2, 0, 1)}  # along, then the section's u and v


def _round_section(sides: int) -> np.ndarray:
    """A regular polygon of ``sides`` corners round the unit circle, a flat side at the top."""
    angles = 2.0 * np.pi * (np.arange(sides) + 0.5) / sides
    return np.column_stack([np.cos(angles), np.sin(angles)]) / np.cos(np.pi / sides)


def _chamfered_section(chamfer: float) -> np.ndarray:
    """A unit square (half side 1) with its corners cut ``chamfer`` deep: a rounded box's
    octagon."""
    c = 1.0 - chamfer
    return np.array([[1, -c], [1, c], [c, 1], [-c, 1], [-1, c], [-1, -c], [-c, -1], [c, -1]])


def _loft(
    axis: str,
    section: np.ndarray,
    stations: list[tuple[float, float, float, float, float]],
) -> pv.PolyData:
    """A closed solid swept along ``axis`` ('x', 'y' or 'z') through convex cross-sections:
    ``section`` (K, 2), a unit outline, is scaled and moved at each station ``(t, u, v, half_u,
    half_v)`` (the position along the axis, the section's centre and half sizes in the other two
    coordinates in x, y, z order); capped at both ends, faces wound outward."""
    along, first, second = _AXES[axis]
    count = len(section)
    points = np.zeros((len(stations) * count, 3))
    for k, (t, u, v, half_u, half_v) in enumerate(stations):
        rows = slice(k * count, (k + 1) * count)
        points[rows, along] = t
        points[rows, first] = u + half_u * section[:, 0]
        points[rows, second] = v + half_v * section[:, 1]
    triangles = []
    for k in range(len(stations) - 1):
        for i in range(count):
            a, b = k * count + i, k * count + (i + 1) % count
            triangles += [[a, b, b + count], [a, b + count, a + count]]
    last = (len(stations) - 1) * count
    for i in range(1, count - 1):  # the two caps as fans (the sections are convex)
        triangles += [[0, i + 1, i], [last, last + i, last + i + 1]]
    faces = np.array(triangles)
    corners = points[faces]
    volume = np.einsum("ij,ij->i", corners[:, 0], np.cross(corners[:, 1], corners[:, 2])).sum()
    if volume < 0:  # wound inward for this axis's handedness: turn every face over
        faces = faces[:, ::-1]
    return mesh_from_arrays(points, faces)


def _rod(
    axis: str, ends: tuple[float, float], centre: tuple[float, float], radius: float, sides: int
) -> pv.PolyData:
    """A round bar (a motor, a joint's hub) along ``axis`` from ``ends[0]`` to ``ends[1]``,
    its axis at ``centre`` in the other two coordinates."""
    u, v = centre
    return _loft(axis, _round_section(sides), [(t, u, v, radius, radius) for t in ends])


@cache
def robot_link(name: str) -> pv.PolyData:
    """The mesh of one moving link: 'turret', 'upper_arm', 'forearm', 'wrist' or 'tool'.

    A KR 210-class arm as a visitor knows it, bulky from every side: a rounded foot and
    carousel with the axis 1 motor at its back, the broad shoulder hub with the axis 2 motor
    on its side; a thick upper arm tapering to the elbow's hub; the elbow housing with the wrist
    motors at its back and a forearm tube (at least 0.28 m across) to the wrist's fork and hub.
    Every part is a closed loft of 8- or 10-sided sections (rounded, and cheap: about 400
    triangles for the whole arm with its tool).
    """
    d = KR210
    box = _chamfered_section(0.35)  # a rounded box's section
    shoulder, height = d.shoulder_offset, d.shoulder_height
    if name == "turret":  # foot, carousel, shoulder hub, motors of axes 1 and 2
        return _merge(
            _loft(
                "z", _chamfered_section(0.4), [(0.0, 0.0, 0, 0.50, 0.50), (0.16, 0, 0, 0.50, 0.50)]
            ),
            _loft("z", box, [(0.16, 0.02, 0, 0.44, 0.42), (0.58, 0.12, 0, 0.40, 0.36)]),
            _rod("y", (-0.40, 0.40), (shoulder, height), 0.33, 10),
            _rod("y", (-0.62, -0.40), (shoulder, height), 0.16, 8),  # axis 2 motor
            _rod("z", (0.58, 0.92), (-0.20, 0.16), 0.12, 8),  # axis 1 motor
        )
    if name == "upper_arm":  # from the shoulder axis up to the elbow
        return _merge(
            _loft(
                "z",
                box,
                [
                    (-0.10, 0, 0, 0.29, 0.30),
                    (0.30, 0, 0, 0.27, 0.26),
                    (d.upper_arm, 0, 0, 0.21, 0.22),
                ],
            ),
            _rod("y", (-0.30, 0.30), (0.0, d.upper_arm), 0.26, 8),
        )
    if name == "forearm":  # elbow housing with the wrist motors at its back, the arm to the wrist
        return _merge(
            _loft("x", box, [(-0.48, 0, 0.05, 0.27, 0.28), (0.30, 0, 0.04, 0.25, 0.25)]),
            _rod("x", (-0.74, -0.48), (0.0, 0.08), 0.20, 8),  # the motors of axes 4 to 6
            _loft(
                "x",
                _round_section(8),
                [(0.28, 0, 0, 0.20, 0.20), (d.forearm - 0.16, 0, 0, 0.145, 0.145)],
            ),
        )
    if name == "wrist":  # the fork round the bending axis (axis 5) and its hub
        return _merge(
            _loft("x", box, [(-0.20, 0, 0, 0.15, 0.14), (0.02, 0, 0, 0.13, 0.13)]),
            _rod("y", (-0.16, 0.16), (0.0, 0.0), 0.12, 8),
        )
    if name == "tool":  # flange and a compact spot-welding gun / gripper
        flange = d.wrist
        return _merge(
            _rod("x", (flange - 0.045, flange + 0.005), (0.0, 0.0), 0.09, 6),
            _box((flange, flange + 0.22), (-0.14, 0.14), (-0.12, 0.12)),
            _box((flange + 0.22, flange + 0.55), (-0.04, 0.04), (0.05, 0.13)),
            _box((flange + 0.22, flange + 0.55), (-0.04, 0.04), (-0.13, -0.05)),
        )
    raise KeyError(name)


PAINT_LINKS = ("forearm", "wrist", "tool")  # the links a paint robot draws with its own meshes
PAINT_WRIST_RADIUS = 0.12  # m: the paint arm's hollow wrist; nothing of its head is wider


@cache
def paint_robot_link(name: str) -> pv.PolyData:
    """The mesh of a paint robot's own link: 'forearm', 'wrist' or 'tool' (its turret and
    upper arm are the industrial arm's, drawn white).

    A paint arm's head is slim: a compact elbow housing that stays within the elbow's hub (no
    motor pack standing out behind it, which from behind read as a top hat), a slender forearm
    tapering to the hollow wrist, and the bell atomiser pointing forward from the flange, no
    part of the head wider than the wrist. Closed lofts of 8-sided sections, like the
    industrial arm's.
    """
    d = KR210
    r = PAINT_WRIST_RADIUS
    if name == "forearm":  # elbow joint, a short housing behind it, the slim arm to the wrist
        return _merge(
            _rod("y", (-0.22, 0.22), (0.0, 0.0), 0.21, 8),  # the elbow joint
            _loft(
                "x",
                _chamfered_section(0.4),
                [(-0.26, 0, 0.0, 0.17, 0.17), (0.16, 0, 0.0, 0.17, 0.17)],
            ),
            _loft(
                "x",
                _round_section(8),
                [(0.16, 0, 0, 0.15, 0.15), (d.forearm - 0.14, 0, 0, r * 0.95, r * 0.95)],
            ),
        )
    if name == "wrist":  # the hollow wrist's barrel and its bending joint (axis 5)
        return _merge(
            _loft("x", _round_section(8), [(-0.16, 0, 0, r, r), (-0.02, 0, 0, r, r)]),
            _rod("y", (-r, r), (0.0, 0.0), r * 0.9, 8),
        )
    if name == "tool":  # flange, the atomiser's body and its bell cup, pointing forward
        flange = d.wrist
        return _merge(
            _rod("x", (0.06, flange), (0.0, 0.0), r * 0.8, 8),
            _loft(
                "x",
                _round_section(8),
                [(flange, 0, 0, 0.085, 0.085), (flange + 0.20, 0, 0, 0.075, 0.075)],
            ),
            _loft(
                "x",
                _round_section(8),
                [(flange + 0.20, 0, 0, 0.03, 0.03), (flange + 0.27, 0, 0, 0.065, 0.065)],
            ),
        )
    raise KeyError(name)


@cache
def robot_link_far(name: str) -> pv.PolyData | None:
    """The robot seen from far away, on its turret: the base, the upper arm raised and the
    forearm reaching forward, three boxes (a few pixels tall; one instance where the near robot
    takes eight). None for the other links: not drawn from far away."""
    d = KR210
    if name == "turret":
        shoulder = d.shoulder_offset
        return _merge(
            _box((-0.45, shoulder + 0.3), (-0.4, 0.4), (0.0, d.shoulder_height + 0.2)),
            _box((shoulder - 0.2, shoulder + 0.2), (-0.22, 0.22), (0.8, 2.3)),
            _box((shoulder - 0.3, shoulder + d.forearm), (-0.2, 0.2), (1.9, 2.35)),
        )
    return None


@cache
def robot_tiny() -> pv.PolyData:
    """A robot a few pixels tall: one block as tall and deep as the raised arm (12 triangles,
    against the far mesh's 36: a hall of robots seen from across the site is mostly these)."""
    d = KR210
    return _box((-0.45, d.shoulder_offset + 0.6), (-0.4, 0.4), (0.0, 2.3))


def _hexahedron(bottom: np.ndarray, top: np.ndarray) -> pv.PolyData:
    """A closed six-sided solid from its bottom and top quads (corners anticlockwise seen from
    above), triangulated, faces outward."""
    points = np.vstack([bottom, top])
    quads = [[0, 3, 2, 1], [4, 5, 6, 7], [0, 1, 5, 4], [1, 2, 6, 5], [2, 3, 7, 6], [3, 0, 4, 7]]
    return mesh_from_arrays(points, np.array(quads)).triangulate()


@cache
def car_tiny() -> pv.PolyData:
    """An SU7 a few pixels long: a block with the cabin's slopes (its top shorter and narrower
    than its floor), 12 triangles against the far mesh's 150-odd (or the user's model's)."""
    dims = car.SU7
    half, roof = dims.width / 2, 0.36 * dims.width
    bottom = [(dims.rear, -half, 0.12), (dims.front, -half, 0.12)]
    bottom += [(dims.front, half, 0.12), (dims.rear, half, 0.12)]
    top = [(-1.55, -roof, 0.97 * dims.height), (0.45, -roof, 0.97 * dims.height)]
    top += [(0.45, roof, 0.97 * dims.height), (-1.55, roof, 0.97 * dims.height)]
    return _hexahedron(np.array(bottom), np.array(top))


@cache
def car_far() -> pv.PolyData:
    """The SU7 seen from far away: the same body with few cross-sections (or the user's car
    model, simplified)."""
    if _CAR_MODEL:
        return _CAR_MODEL[0].far
    return mesh_from_arrays(*car.body_mesh(detail="far"))


@cache
def agv_far() -> pv.PolyData:
    """An AGV seen from far away: one box."""
    return _box((-1.2, 1.2), (-0.7, 0.7), (0.05, 0.42))


_CAR_MODEL: list[CarModel] = []  # a user's model in place of the parametric car


def set_car_model(model: CarModel | pv.PolyData | None) -> None:
    """Draw every car as ``model`` (a :class:`~viewer.scene.cars.car_model.CarModel`, or a bare
    mesh: SU7-sized, x forward, ground at z = 0), or ``None`` for the parametric SU7. A model
    replaces the body; its own glass, wheels and lights are in it."""
    if isinstance(model, pv.PolyData):
        from viewer.scene.cars.car_model import CarModel

        model = CarModel.from_mesh(model)
    _CAR_MODEL[:] = [] if model is None else [model]
    for function in (
        car_body,
        car_glass,
        car_glass_fine,
        car_glass_far,
        car_wheels,
        car_wheels_far,
        car_tail_light,
        car_body_fine,
        car_rims,
        car_far,
    ):
        function.cache_clear()


def car_model_in_use() -> bool:
    """Whether a user's car model replaces the parametric SU7."""
    return bool(_CAR_MODEL)


def car_model() -> CarModel | None:
    """The user's car model in use, or ``None`` (the parametric SU7)."""
    return _CAR_MODEL[0] if _CAR_MODEL else None


@cache
def car_body() -> pv.PolyData:
    """The SU7 body shell for the many cars on the line (ground at z = 0, x forward), or the
    user's car model simplified (coloured by :mod:`viewer.scene.cars.car_model_look`)."""
    if _CAR_MODEL:
        return _CAR_MODEL[0].line
    return mesh_from_arrays(*car.body_mesh(detail="line"))


@cache
def car_body_fine() -> pv.PolyData:
    """The SU7 body shell in fine detail, for the showroom's car; empty with a user's car
    model, which :func:`viewer.scene.cars.car_model_look.add_car_model` draws part by part."""
    if _CAR_MODEL:
        return pv.PolyData()
    return mesh_from_arrays(*car.body_mesh(detail="fine"))


@cache
def car_rims() -> pv.PolyData:
    """The SU7's four rims' outer faces (empty with a user's car model)."""
    if _CAR_MODEL:
        return pv.PolyData()
    return mesh_from_arrays(*car.rims_mesh())


@cache
def car_glass() -> pv.PolyData:
    """The SU7's glasshouse (windscreen, side windows down to the belt line, glass roof, rear
    window) with its head lights, door handles and rear diffuser, for the line's finished cars
    (empty with a user's car model)."""
    if _CAR_MODEL:
        return pv.PolyData()
    return mesh_from_arrays(*car.glass_mesh()).triangulate()


@cache
def car_glass_fine() -> pv.PolyData:
    """The SU7's glasshouse in the showroom car's fine detail, head lights, door handles and
    rear diffuser with it (empty with a user's car model): the line's coarser glasshouse, seen
    close, shows its facets as spots of light."""
    if _CAR_MODEL:
        return pv.PolyData()
    return mesh_from_arrays(*car.glass_mesh(detail="fine")).triangulate()


@cache
def car_glass_far() -> pv.PolyData:
    """The SU7's glasshouse seen from far away, on the far body's few cross-sections (empty
    with a user's car model)."""
    if _CAR_MODEL:
        return pv.PolyData()
    return mesh_from_arrays(*car.glass_mesh(detail="far")).triangulate()


@cache
def car_tail_light() -> pv.PolyData:
    """The SU7's full-width tail light (empty with a user's car model)."""
    if _CAR_MODEL:
        return pv.PolyData()
    return mesh_from_arrays(*car.tail_light_mesh()).triangulate()


@cache
def car_wheels() -> pv.PolyData:
    """The SU7's four wheels (empty with a user's car model)."""
    if _CAR_MODEL:
        return pv.PolyData()
    return mesh_from_arrays(*car.wheels_mesh()).triangulate()


@cache
def car_wheels_far() -> pv.PolyData:
    """The SU7's four wheels seen from far away: six sides round each (empty with a user's
    car model)."""
    if _CAR_MODEL:
        return pv.PolyData()
    return mesh_from_arrays(*car.wheels_mesh(segments=6)).triangulate()


@cache
def agv() -> pv.PolyData:
    """A low automated guided vehicle, 2.4 x 1.4 x 0.35 m, with a lifting deck."""
    return _merge(
        _box((-1.2, 1.2), (-0.7, 0.7), (0.05, 0.35)),
        _box((-0.9, 0.9), (-0.55, 0.55), (0.35, 0.42)),
        _box((1.0, 1.2), (-0.5, 0.5), (0.35, 0.55)),  # scanner head
    )


SHUTTLE_LENGTH, SHUTTLE_WIDTH = 4.2, 1.5  # an electric sightseeing cart, three benches


@cache
def shuttle_body() -> pv.PolyData:
    """A golf-cart-like shuttle (x forward): chassis, bonnet, three benches, roof on posts."""
    half_l, half_w = SHUTTLE_LENGTH / 2, SHUTTLE_WIDTH / 2
    parts = [
        _box((-half_l, half_l), (-half_w, half_w), (0.25, 0.55)),  # chassis
        _box((half_l - 0.7, half_l), (-half_w + 0.1, half_w - 0.1), (0.55, 0.95)),  # bonnet
        _box((-half_l + 0.1, half_l - 0.1), (-half_w, half_w), (2.05, 2.12)),  # roof
    ]
    for x in (-half_l + 0.15, half_l - 0.85):  # roof posts
        for y in (-half_w + 0.08, half_w - 0.08):
            parts.append(_box((x - 0.04, x + 0.04), (y - 0.04, y + 0.04), (0.55, 2.05)))
    for x in (-1.45, -0.35, 0.75):  # benches with backrests
        parts.append(_box((x - 0.3, x + 0.3), (-half_w + 0.1, half_w - 0.1), (0.55, 0.85)))
        parts.append(_box((x - 0.38, x - 0.3), (-half_w + 0.1, half_w - 0.1), (0.85, 1.35)))
    for x in (-half_l + 0.6, half_l - 0.6):  # wheels
        parts.append(_cylinder((x, 0, 0.25), (0, 1, 0), 0.25, SHUTTLE_WIDTH + 0.05, 8))
    return _merge(*parts)
