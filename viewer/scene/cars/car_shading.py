"""How the parametric SU7's instanced meshes are shaded: smooth over the body's curves, sharp
only at its real edges.

The cars on the line, on the test track and in the car parks are drawn with the body of
:func:`viewer.model.cars.car.body_mesh` and the glasshouse of
:func:`viewer.model.cars.car.glass_mesh` in their ``"line"`` detail: a few thousand triangles,
whose neighbours over smooth surfaces (the rear hips, the windscreen's corners, the nose) meet
at up to about 45 degrees. VTK's default feature angle (30 degrees) split the normals there,
and each split drew a hard shading line across a smooth surface. Those meshes are shaded with
:data:`viewer.model.cars.car.CREASE_ANGLE` instead, which keeps the real edges (the ducktail's
lip, the wheel arches' lips, the sills) sharp; and the body takes the normals of the
generator's own surface (:func:`viewer.model.cars.car.body_normals`) wherever it is smooth, so
that round the nose, which the line's body draws with three sections, the shade turns as the
surface does and not in the facets' steps. Every other mesh keeps VTK's default.

Examples
--------
>>> import pyvista as pv
>>> from viewer.scene import shapes
>>> feature_angle(shapes.car_body()) == car.CREASE_ANGLE
True
>>> feature_angle(pv.Cube().triangulate())
30.0
>>> shaded(shapes.car_body()).n_cells == shapes.car_body().n_cells  # no triangle more
True
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pyvista as pv

from viewer.model.cars import car

DEFAULT_FEATURE_ANGLE = 30.0
"""VTK's feature angle (degrees), for every mesh but the parametric car's."""
SURFACE_AGREES = 35.0
"""Degrees: a vertex of the line's body takes the normal of the generator's own surface
(:func:`viewer.model.cars.car.body_normals`) where that is within this of its faces' average;
elsewhere (one side of a real edge, where the vertices are split) it keeps the faces'."""


@cache
def _line_car_meshes() -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """The parametric SU7's instanced body and glasshouse (points, faces)."""
    return {"body": car.body_mesh(detail="line"), "glass": car.glass_mesh(detail="line")}


def line_car_part(mesh: pv.PolyData) -> str | None:
    """``'body'`` or ``'glass'`` where ``mesh`` is the parametric SU7's line body or glasshouse
    (the same points, as many triangles), else None (a user's car model, any other shape)."""
    for part, (points, faces) in _line_car_meshes().items():
        if mesh.n_points == len(points) and mesh.n_cells == len(faces):
            if np.array_equal(np.asarray(mesh.points), points):
                return part
    return None


def feature_angle(mesh: pv.PolyData) -> float:
    """The feature angle (degrees) for ``mesh``'s normals: edges sharper than it are drawn
    sharp (the vertices split), the rest smooth."""
    return DEFAULT_FEATURE_ANGLE if line_car_part(mesh) is None else car.CREASE_ANGLE


def shaded(mesh: pv.PolyData) -> pv.PolyData:
    """``mesh`` with point normals, split at edges sharper than :func:`feature_angle`; the
    line's car body with its own surface's normals wherever it is smooth (round the nose its
    three sections' facets, averaged, drew a line across the bumper)."""
    part = line_car_part(mesh)
    work = mesh
    if part == "body":
        work = mesh.copy(deep=False)
        work.point_data["surface"] = car.body_normals(detail="line")
    out = work.compute_normals(
        auto_orient_normals=False,
        split_vertices=True,
        feature_angle=DEFAULT_FEATURE_ANGLE if part is None else car.CREASE_ANGLE,
    )
    if part == "body":
        facets = np.asarray(out.point_data["Normals"], dtype=float)
        surface = np.asarray(out.point_data.pop("surface"), dtype=float)
        agree = np.einsum("ij,ij->i", facets, surface) > np.cos(np.radians(SURFACE_AGREES))
        facets[agree] = surface[agree]
        out.point_data["Normals"] = facets.astype(np.float32)
        out.point_data.active_normals_name = "Normals"
    return out
