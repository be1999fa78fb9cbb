"""A user-supplied car model (glTF or GLB) in place of the parametric SU7, with its own looks.

:func:`read_car_model` first checks the file in plain Python
(:func:`viewer.model.cars.gltf_check.check_gltf`: structure, sizes, URIs inside the model's folder,
finite positions, PNG or JPEG textures of a bounded size), then has VTK's glTF reader read the
checked model in a child process (:mod:`viewer.scene.cars.car_model_reader`; Draco-compressed
meshes are decoded there and checked again), so that a file the native reader chokes on cannot
take the application down. What comes back is turned from glTF's
y-up (front towards +z) to the plant's z-up with the car's length along x (a model lying along
glTF's x is turned a quarter round), scaled to the SU7's length, stood on the ground (its lowest
point, the wheels, at z = 0) and placed along x like the parametric car (from ``SU7.rear`` to
``SU7.front``, centred across).

The :class:`CarModel` keeps, per material, a :class:`CarPart`: its triangles (with normals and
texture coordinates), base colour, opacity, metallic and roughness factors and base colour
texture, for the lobby's car (:mod:`viewer.scene.cars.car_model_look` draws them). For the many cars
on the line and the far ones it keeps two simplified copies (see the reader's levels of
detail) whose texture coordinates point into a *palette*, an image of one texel per part
holding the part's colour (its texture's average where it has one), so one instanced mapper
draws them in their colours.

If the reader fails on a textured model, it is read again without its textures (its colours
kept), unless its geometry is what failed (a Draco mesh that does not decode). A file that
cannot be used raises :class:`CarModelError` with the file and the reason (one line); the
callers then keep the parametric car.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyvista as pv

from viewer.model.cars.car import SU7, SU7_COLORS
from viewer.model.cars.gltf_check import GltfError, check_gltf, one_line
from viewer.scene.cars.car_model_reader import Level, ModelArrays, ModelReadError, read_model_arrays

LOG = logging.getLogger("factory-tour.car-model")
GAMMA = 2.2  # glTF's colour factors are linear; the plain (Phong) colours are display values


class CarModelError(ValueError):
    """A car model file that cannot be used; the message names the file and the reason."""


@dataclass(frozen=True)
class CarPart:
    """The triangles of one material, placed like the parametric car (x forward, z up).

    ``color`` is the base colour as shown on the screen (sRGB), ``linear`` the same for
    physically based shading; ``texture`` an RGB(A) image, rows from the top, whose texture
    coordinates are the mesh's (VTK's: t up the image)."""

    mesh: pv.PolyData
    color: tuple[float, float, float]
    opacity: float
    metallic: float
    roughness: float
    texture: np.ndarray | None = None

    @property
    def linear(self) -> tuple[float, float, float]:
        """The base colour for physically based shading (linear)."""
        return tuple(float(value) ** GAMMA for value in self.color)  # type: ignore[return-value]


@dataclass(frozen=True)
class CarModel:
    """A user's car model: its parts in full detail for the lobby, and two simpler copies
    (``line``, ``far``) coloured through ``palette`` (1 x parts x 3 uint8) for the many cars."""

    parts: tuple[CarPart, ...]
    line: pv.PolyData
    far: pv.PolyData
    palette: np.ndarray
    name: str = ""

    @property
    def mesh(self) -> pv.PolyData:
        """All parts as one mesh (the lobby's detail)."""
        meshes = [part.mesh for part in self.parts]
        return meshes[0].merge(meshes[1:]) if len(meshes) > 1 else meshes[0]

    @property
    def triangles(self) -> int:
        """Triangles of the lobby's copy."""
        return sum(part.mesh.n_cells for part in self.parts)

    @classmethod
    def from_mesh(
        cls, mesh: pv.PolyData, color: tuple[float, float, float] | None = None
    ) -> CarModel:
        """A bare mesh (placed like the parametric car) as a model of one part, in ``color``
        (default: the SU7's Aqua Blue), the same mesh on the line and far away."""
        color = SU7_COLORS["aqua_blue"] if color is None else color
        part = CarPart(mesh, tuple(color), 1.0, 0.2, 0.3)  # type: ignore[arg-type]
        palette = _palette([part])
        line = _with_palette_coordinates(mesh, np.zeros(mesh.n_cells, int), 1)
        return cls((part,), line, line, palette)


def load_car_model(path: str | Path) -> pv.PolyData:
    """The model in ``path`` as one triangle mesh, SU7-sized, x forward, z up, on z = 0 (its
    geometry only: :func:`read_car_model` keeps its looks)."""
    return read_car_model(path).mesh


def read_car_model(path: str | Path) -> CarModel:
    """The model in ``path`` with its looks (see the module docstring)."""
    path = Path(path)
    try:
        checked = check_gltf(path)
    except GltfError as exc:
        raise CarModelError(str(exc)) from None
    for note in checked.notes:  # a texture left out shows; normals left out do not
        level = logging.WARNING if "texture" in note else logging.INFO
        LOG.log(level, "car model %s: %s", one_line(str(path)), note)
    try:
        arrays = read_model_arrays(checked.glb())
    except ModelReadError as exc:
        if not checked.textures or exc.geometry or "took longer" in str(exc):
            raise CarModelError(f"{one_line(str(path))}: {exc}") from None
        LOG.warning("car model %s: %s; read again without its textures", path, exc)
        try:
            arrays = read_model_arrays(checked.glb(textures=False))
        except ModelReadError as again:
            raise CarModelError(f"{one_line(str(path))}: {again}") from None
    return _model(arrays, one_line(str(path)), path.name)


def _model(arrays: ModelArrays, where: str, name: str) -> CarModel:
    """The arrays the reader handed back, turned, scaled and placed, as a :class:`CarModel`."""
    turn = _turn(arrays.points)
    points = arrays.points @ turn.T
    low, high = points.min(axis=0), points.max(axis=0)
    length = high[0] - low[0]
    if not length > 0:
        raise CarModelError(f"{where}: the model has no length")
    scale = SU7.length / length
    shift = np.array([SU7.rear - low[0] * scale, -(low[1] + high[1]) / 2 * scale, -low[2] * scale])

    def place(values: np.ndarray) -> np.ndarray:
        return values @ turn.T * scale + shift

    looks = arrays.looks
    part = np.zeros(len(arrays.triangles), int) if arrays.part is None else arrays.part
    normals = None if arrays.normals is None else arrays.normals @ turn.T
    parts = []
    for number, look in enumerate(looks):
        chosen = arrays.triangles[part == number]
        if not len(chosen):
            continue
        corners, local = np.unique(chosen.ravel(), return_inverse=True)
        mesh = _mesh(place(arrays.points[corners]), local.reshape(-1, 3))
        if normals is not None:
            mesh.point_data["Normals"] = normals[corners]
            mesh.point_data.active_normals_name = "Normals"
        texture = None
        texture_number = int(look[6])
        if texture_number >= 0 and arrays.uv is not None:
            texture = arrays.textures[texture_number]
            uv = arrays.uv[corners].astype(np.float64)
            mesh.active_texture_coordinates = np.column_stack([uv[:, 0], 1.0 - uv[:, 1]])
        color = tuple(float(value) ** (1.0 / GAMMA) for value in look[:3])
        parts.append(CarPart(mesh, color, float(look[3]), float(look[4]), float(look[5]), texture))  # type: ignore[arg-type]
    if not parts:
        raise CarModelError(f"{where}: the model has no triangles")
    palette = _palette(parts)
    renumber = np.zeros(len(looks), int)  # part numbers without the empty parts
    renumber[np.isin(np.arange(len(looks)), part)] = np.arange(len(parts))
    levels = []
    for level in (arrays.line, arrays.far):
        if level is None:
            level = Level(arrays.points, arrays.triangles, part)
        mesh = _mesh(place(level.points), level.triangles)
        levels.append(_with_palette_coordinates(mesh, renumber[level.part], len(parts)))
    return CarModel(tuple(parts), levels[0], levels[1], palette, name)


def _turn(points: np.ndarray) -> np.ndarray:
    """3 x 3: glTF's axes to the plant's (a rotation, never a mirror): up y -> z, front
    z -> x; a model lying along glTF's x is turned a quarter round about the vertical."""
    turn = np.array([[0.0, 0.0, 1.0], [1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])
    extent = np.ptp(points @ turn.T, axis=0)
    if extent[1] > extent[0]:  # the long side across: turn it along x
        turn = np.array([[0.0, 1.0, 0.0], [-1.0, 0.0, 0.0], [0.0, 0.0, 1.0]]) @ turn
    return turn


def _mesh(points: np.ndarray, triangles: np.ndarray) -> pv.PolyData:
    faces = np.column_stack([np.full(len(triangles), 3), triangles]).ravel()
    return pv.PolyData(np.asarray(points, dtype=np.float64), faces)


def _palette(parts: list[CarPart]) -> np.ndarray:
    """1 x parts x 3 uint8: each part's colour as seen from afar (sRGB): its base colour
    times the average colour of its texture where the part's triangles show it."""
    colors = []
    for part in parts:
        color = np.asarray(part.color, dtype=np.float64)
        if part.texture is not None:
            color = color * _texture_average(part)
        colors.append(color)
    return np.round(np.clip(np.array(colors), 0.0, 1.0) * 255.0).astype(np.uint8)[None]


def _texture_average(part: CarPart) -> np.ndarray:
    """The average colour (sRGB, 0-1) of ``part``'s texture over its surface: the texel
    under each triangle's middle, weighted by the triangle's area. A texture atlas shared by
    the body and the tyres thus gives white for the one and black for the other, not the
    atlas's average (which also counts the unused background)."""
    texels = part.texture[..., :3].astype(np.float64) / 255.0  # type: ignore[index]
    height, width = texels.shape[:2]
    coordinates = part.mesh.active_texture_coordinates
    triangles = part.mesh.regular_faces if part.mesh.n_cells else np.zeros((0, 3), int)
    if coordinates is None or not len(triangles):
        return np.mean(texels.reshape(-1, 3) ** GAMMA, axis=0) ** (1.0 / GAMMA)
    middle = np.asarray(coordinates, dtype=np.float64)[triangles].mean(axis=1)
    corners = part.mesh.points[triangles]
    area = np.linalg.norm(
        np.cross(corners[:, 1] - corners[:, 0], corners[:, 2] - corners[:, 0]), axis=1
    )
    if not area.sum() > 0:
        area = np.ones(len(triangles))
    # VTK's t runs up the image, the texture's rows from the top; the texture repeats
    column = np.floor(np.mod(middle[:, 0], 1.0) * width).astype(int).clip(0, width - 1)
    row = np.floor(np.mod(1.0 - middle[:, 1], 1.0) * height).astype(int).clip(0, height - 1)
    linear = texels[row, column] ** GAMMA
    return (np.sum(linear * area[:, None], axis=0) / area.sum()) ** (1.0 / GAMMA)


def _with_palette_coordinates(mesh: pv.PolyData, part: np.ndarray, parts: int) -> pv.PolyData:
    """``mesh`` with each point's texture coordinates on its part's texel of the palette
    (a point shared by two parts becomes two)."""
    triangles = mesh.regular_faces if mesh.n_cells else np.zeros((0, 3), int)
    keys = np.column_stack([triangles.ravel(), np.repeat(part, 3)])
    unique, inverse = np.unique(keys, axis=0, return_inverse=True)
    out = _mesh(mesh.points[unique[:, 0]], inverse.reshape(-1, 3))
    texel = (unique[:, 1] + 0.5) / parts
    out.active_texture_coordinates = np.column_stack([texel, np.full(len(texel), 0.5)])
    return out
