"""A user-supplied car model (glTF or GLB) in place of the parametric SU7.

:func:`load_car_model` reads the file with VTK's glTF reader, joins its meshes, turns it from
glTF's y-up to the project's z-up with the car's length along x, scales it to the SU7's length
and stands it on the ground centred like the parametric car. A file that cannot be used raises
:class:`CarModelError` with the file and the reason; the callers then keep the parametric car.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pyvista as pv

from viewer.model.car import SU7


class CarModelError(ValueError):
    """A car model file that cannot be used; the message names the file and the reason."""


def load_car_model(path: str | Path) -> pv.PolyData:
    """The model in ``path`` as one triangle mesh, SU7-sized, x forward, z up, on z = 0."""
    path = Path(path)
    if path.suffix.lower() not in (".gltf", ".glb"):
        raise CarModelError(f"{path}: a car model must be a .gltf or .glb file")
    if not path.is_file():
        raise CarModelError(f"{path}: file not found")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # pyvista reports VTK reader errors as warnings
            data = pv.read(path)
    except Exception as exc:  # noqa: BLE001 - VTK reports many kinds of failure
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise CarModelError(f"{path}: cannot read it as glTF ({reason})") from None
    if isinstance(data, pv.MultiBlock):
        data = data.combine() if data.n_blocks else None
    meshes = [data.extract_surface(algorithm=None)] if data is not None and data.n_points else []
    if not meshes:
        raise CarModelError(f"{path}: the file holds no mesh")
    mesh = meshes[0].triangulate()
    if mesh.n_cells == 0:
        raise CarModelError(f"{path}: the file holds no triangles")
    points = np.asarray(mesh.points, dtype=float)
    points = points[:, [2, 0, 1]]  # glTF: y up, z forward -> ours: z up, x forward
    extent = points.max(axis=0) - points.min(axis=0)
    if extent[1] > extent[0]:  # the long side along x
        points = points[:, [1, 0, 2]]
        extent = extent[[1, 0, 2]]
    if extent[0] <= 0:
        raise CarModelError(f"{path}: the model has no length")
    points = points * (SU7.length / extent[0])
    low, high = points.min(axis=0), points.max(axis=0)
    points -= [(low[0] + high[0]) / 2, (low[1] + high[1]) / 2, low[2]]
    result = pv.PolyData(points, mesh.faces)
    return result.clean()
