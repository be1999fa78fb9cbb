"""A user-supplied car model (glTF or GLB) in place of the parametric SU7.

:func:`load_car_model` first checks the file in plain Python
(:func:`viewer.model.gltf_check.check_gltf`: structure, sizes, URIs inside the model's folder,
finite positions), then has VTK's glTF reader read only the checked geometry in a child process
(:mod:`viewer.scene.car_model_reader`), so that a file the native reader chokes on cannot take the
application down. It joins the meshes, turns them from glTF's y-up to the project's z-up with the
car's length along x, scales the result to the SU7's length and stands it on the ground centred
like the parametric car. A file that cannot be used raises :class:`CarModelError` with the file
and the reason (one line); the callers then keep the parametric car.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyvista as pv

from viewer.model.car import SU7
from viewer.model.gltf_check import GltfError, check_gltf, one_line
from viewer.scene.car_model_reader import ModelReadError, read_model_arrays


class CarModelError(ValueError):
    """A car model file that cannot be used; the message names the file and the reason."""


def load_car_model(path: str | Path) -> pv.PolyData:
    """The model in ``path`` as one triangle mesh, SU7-sized, x forward, z up, on z = 0."""
    path = Path(path)
    try:
        checked = check_gltf(path)
    except GltfError as exc:
        raise CarModelError(str(exc)) from None
    try:
        arrays = read_model_arrays(checked.glb())
    except ModelReadError as exc:
        raise CarModelError(f"{one_line(str(path))}: {exc}") from None
    points = arrays.points[:, [2, 0, 1]]  # glTF: y up, z forward -> ours: z up, x forward
    extent = points.max(axis=0) - points.min(axis=0)
    if extent[1] > extent[0]:  # the long side along x
        points = points[:, [1, 0, 2]]
        extent = extent[[1, 0, 2]]
    if not extent[0] > 0:
        raise CarModelError(f"{one_line(str(path))}: the model has no length")
    points = points * (SU7.length / extent[0])
    low, high = points.min(axis=0), points.max(axis=0)
    points -= [(low[0] + high[0]) / 2, (low[1] + high[1]) / 2, low[2]]
    faces = np.column_stack([np.full(len(arrays.triangles), 3), arrays.triangles]).ravel()
    return pv.PolyData(points, faces).clean()
