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


@cache
def robot_link(name: str) -> pv.PolyData:
    """The mesh of one moving link: 'turret', 'upper_arm', 'forearm', 'wrist' or 'tool'."""
    d = KR210
    if name == "turret":  # base ring and rotating column up to the shoulder axis
        return _merge(
            _cylinder((0, 0, 0.12), (0, 0, 1), 0.45, 0.24, 14),
            _box((-0.40, d.shoulder_offset + 0.25), (-0.36, 0.36), (0.24, d.shoulder_height)),
            _cylinder((d.shoulder_offset, 0, d.shoulder_height), (0, 1, 0), 0.32, 0.78),
            _box((-0.55, -0.25), (-0.3, 0.3), (0.30, 0.75)),  # counterbalance housing
        )
    if name == "upper_arm":  # from the shoulder axis up to the elbow
        return _merge(
            _box((-0.17, 0.17), (-0.20, 0.20), (0.0, d.upper_arm)),
            _cylinder((0, 0, d.upper_arm), (0, 1, 0), 0.24, 0.50),
        )
    if name == "forearm":  # elbow housing with its motors, then the arm to the wrist
        return _merge(
            _box((-0.55, 0.25), (-0.26, 0.26), (-0.22, 0.30)),
            _cylinder((0.65, 0, 0.04), (1, 0, 0), 0.15, 0.85),
        )
    if name == "wrist":
        return _merge(
            _cylinder((-0.05, 0, 0), (1, 0, 0), 0.12, 0.22),
            _box((-0.02, 0.12), (-0.11, 0.11), (-0.11, 0.11)),
        )
    if name == "tool":  # flange and a compact spot-welding gun / gripper
        flange = d.wrist
        return _merge(
            _cylinder((flange - 0.02, 0, 0), (1, 0, 0), 0.09, 0.05),
            _box((flange, flange + 0.22), (-0.14, 0.14), (-0.12, 0.12)),
            _box((flange + 0.22, flange + 0.55), (-0.04, 0.04), (0.05, 0.13)),
            _box((flange + 0.22, flange + 0.55), (-0.04, 0.04), (-0.13, -0.05)),
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
        car_wheels,
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
