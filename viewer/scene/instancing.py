"""GPU instancing: one ``vtkGlyph3DMapper`` (and one actor) per shape, any number of instances.

:class:`InstancedShape` draws a source mesh at N positions with per-instance orientation
(quaternions w, x, y, z), per-instance scale (x, y, z) and per-instance RGB colour. The arrays
are NumPy views on the VTK arrays: :meth:`InstancedShape.update` writes into them in place and
marks them modified; nothing is rebuilt per frame.

Level of detail: a shape may have a second, simpler ``far`` mesh drawn by a second mapper on
the same arrays, and a third, ``tiny`` one (a box or two) for instances a few pixels big.
:meth:`InstancedShape.show` says which instances each mapper draws (the mappers' masks): near
ones in detail, far ones simply, tiny ones as blocks, hidden ones not at all. Masked instances
cost nothing to draw; on a software renderer every triangle of a drawn instance costs its
vertex work even when it covers no pixel, which is what the tiny mesh saves.

A closed mesh facing outward is drawn with back-face culling: its far side is never rasterised
(half its triangles, and the pixels they would have shaded, on a software renderer). A
see-through one (a glass wall: a thin box) then tints what is behind it once, as a pane does,
not twice.

Examples
--------
>>> import numpy as np, pyvista as pv
>>> shape = InstancedShape(pv.Cube().triangulate(), count=3)
>>> shape.update(positions=np.arange(9.0).reshape(3, 3))
>>> shape.count
3
"""

from __future__ import annotations

import weakref
from functools import cache

import numpy as np
import pyvista as pv
from vtkmodules.util.numpy_support import numpy_to_vtk
from vtkmodules.vtkCommonCore import vtkBitArray, vtkPoints
from vtkmodules.vtkCommonDataModel import vtkPolyData
from vtkmodules.vtkRenderingCore import vtkActor, vtkGlyph3DMapper

from viewer.model.cars import car

ORIENTATION = "orientation"
SCALE = "scale"
COLOR = "color"
AMBIENT, DIFFUSE = 0.35, 0.75
"""How instanced things take the light: in a hall the light comes from every side (rows of
lamps, skylights, a pale floor), outdoors from the whole sky, so a face turned from the sun and
the fill light keeps about a third of its colour (a press's blue frame, a robot's side) instead
of going near black; the lights' share is cut to match, so a face turned to the sun is as light
as before."""
NEAR, FAR, TINY = "near", "far", "tiny"


class _Mask:
    """A ``vtkBitArray`` on a NumPy byte buffer: which instances one mapper draws."""

    def __init__(self, name: str, count: int, value: bool) -> None:
        self.count = count
        self.bits = np.full((count + 7) // 8, 255 if value else 0, dtype=np.uint8)
        self.array = vtkBitArray()
        self.array.SetName(name)
        self.array.SetVoidArray(self.bits, count, 1)

    def set(self, values: np.ndarray) -> bool:
        """Set the mask; whether it changed (an unchanged mask leaves the mapper's buffers)."""
        bits = np.packbits(np.asarray(values, dtype=bool), bitorder="big")
        if np.array_equal(bits, self.bits):
            return False
        self.bits[:] = bits
        self.array.Modified()
        return True


def closed_outward(mesh: pv.PolyData) -> bool:
    """Whether a triangle mesh is closed (no open edge) with its faces wound outward, so its
    back faces can never be seen from outside.

    >>> closed_outward(pv.Cube().triangulate()), closed_outward(pv.Plane().triangulate())
    (True, False)
    >>> closed_outward(pv.Cube().triangulate().flip_faces())
    False
    """
    if mesh.n_cells == 0 or not mesh.is_all_triangles or mesh.n_open_edges > 0:
        return False
    triangles = mesh.points[mesh.regular_faces]
    volume = np.einsum("ij,ij->i", triangles[:, 0], np.cross(triangles[:, 1], triangles[:, 2]))
    return bool(volume.sum() > 0.0)


_PREPARED: dict[tuple[int, bool], tuple[weakref.ref, pv.PolyData, bool]] = {}


def _prepared(source: pv.PolyData, tiny: bool = False) -> tuple[pv.PolyData, bool]:
    """``source`` with its normals, and whether it is closed facing outward: worked out once per
    mesh while it lives (the scene's shapes are made once and shared by many mappers, and a
    plant opened again draws the same ones).

    A ``tiny`` mesh (drawn a few pixels big) keeps its corners shared, with normals averaged
    round them: a box is then 8 vertices for the renderer to transform, not 24 (its faces'
    own normals need a copy of each corner per face), and at that size no edge is seen.
    """
    key = (id(source), tiny)
    entry = _PREPARED.get(key)
    if entry is None or entry[0]() is not source:
        for stale in [k for k, (ref, _, _) in _PREPARED.items() if ref() is None]:
            del _PREPARED[stale]  # meshes gone (a car model replaced): their entries go too
        cull = closed_outward(source)
        shaded = source
        if source.n_cells and tiny:
            shaded = source.compute_normals(auto_orient_normals=False, split_vertices=False)
        elif source.n_cells:  # the parametric car's smooth body shaded smooth
            shaded = shaded_normals(source)
        entry = _PREPARED[key] = (weakref.ref(source), shaded, cull)
    return entry[1], entry[2]


DEFAULT_FEATURE_ANGLE = 30.0
"""VTK's feature angle (degrees): edges sharper than it are drawn sharp (the vertices split)."""
SURFACE_AGREES = 35.0
"""Degrees: a vertex of the line's car body takes the normal of the generator's own surface
(:func:`viewer.model.cars.car.body_normals`) where that is within this of its faces' average;
elsewhere (one side of a real edge, where the vertices are split) it keeps the faces'."""


@cache
def _line_car_meshes() -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """The parametric SU7's instanced body and glasshouse (points, faces)."""
    return {"body": car.body_mesh(detail="line"), "glass": car.glass_mesh(detail="line")}


def line_car_part(mesh: pv.PolyData) -> str | None:
    """``'body'`` or ``'glass'`` where ``mesh`` is the parametric SU7's line body or glasshouse
    (the same points, as many triangles), else None (a user's car model, any other shape).

    >>> from viewer.scene import shapes
    >>> line_car_part(shapes.car_body()), line_car_part(pv.Cube().triangulate())
    ('body', None)
    """
    for part, (points, faces) in _line_car_meshes().items():
        if mesh.n_points == len(points) and mesh.n_cells == len(faces):
            if np.array_equal(np.asarray(mesh.points), points):
                return part
    return None


def shaded_normals(mesh: pv.PolyData) -> pv.PolyData:
    """``mesh`` with point normals, split at edges sharper than VTK's default feature angle.

    The parametric SU7 of the line, the test track and the car parks (:func:`line_car_part`)
    is shaded smooth where it is smooth: its few thousand triangles meet at up to about 45
    degrees over smooth surfaces (the rear hips, the windscreen's corners, the nose), and at
    the default angle each split drew a hard line across them. Its body and glasshouse split
    only at :data:`viewer.model.cars.car.CREASE_ANGLE` (the ducktail's lip, the arches' lips,
    the sills stay sharp), and the body takes its own surface's normals wherever smooth: round
    the nose, drawn with three sections, the shade turns as the surface does, not in steps.

    >>> from viewer.scene import shapes
    >>> shaded_normals(shapes.car_body()).n_cells == shapes.car_body().n_cells  # none more
    True
    """
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


class InstancedShape:
    """A mesh drawn at many places with one mapper and one actor."""

    def __init__(
        self,
        source: pv.PolyData,
        count: int,
        color: tuple[float, float, float] | None = None,
        opacity: float = 1.0,
        far: pv.PolyData | None = None,
        tiny: pv.PolyData | None = None,
    ) -> None:
        self.count = int(count)
        self.positions = np.zeros((self.count, 3))
        self.moves = 0  # how many times the positions were written (the level of detail's cue)
        self.orientations = np.zeros((self.count, 4))
        self.orientations[:, 0] = 1.0
        self.scales = np.ones((self.count, 3))
        self.colors = np.full((self.count, 3), 200, dtype=np.uint8)

        self._points = vtkPoints()
        self._points.SetData(numpy_to_vtk(self.positions, deep=False))
        self._vtk_arrays = []
        self.polydata = vtkPolyData()
        self.polydata.SetPoints(self._points)
        for name, array in (
            (ORIENTATION, self.orientations),
            (SCALE, self.scales),
            (COLOR, self.colors),
        ):
            vtk_array = numpy_to_vtk(array, deep=False)
            vtk_array.SetName(name)
            self.polydata.GetPointData().AddArray(vtk_array)
            self._vtk_arrays.append(vtk_array)
        self._masks = {NEAR: _Mask(NEAR, self.count, True)}
        if far is not None:
            self._masks[FAR] = _Mask(FAR, self.count, False)
        if tiny is not None:
            self._masks[TINY] = _Mask(TINY, self.count, False)
        for mask in self._masks.values():
            self.polydata.GetPointData().AddArray(mask.array)

        self.mapper, self.actor = self._mapper_and_actor(source, NEAR, color, opacity)
        self.far_actor: vtkActor | None = None
        if far is not None:
            self.far_mapper, self.far_actor = self._mapper_and_actor(far, FAR, color, opacity)
        self.tiny_actor: vtkActor | None = None
        if tiny is not None:
            self.tiny_mapper, self.tiny_actor = self._mapper_and_actor(tiny, TINY, color, opacity)

    @property
    def actors(self) -> list[vtkActor]:
        """The actor of the detailed mesh, then those of the far and tiny meshes if any."""
        return [self.actor] + [a for a in (self.far_actor, self.tiny_actor) if a is not None]

    @property
    def levels(self) -> tuple[str, ...]:
        """The meshes this shape has: ``('near',)``, ``('near', 'far')``, ... ``'tiny'``."""
        return tuple(self._masks)

    def _mapper_and_actor(
        self,
        source: pv.PolyData,
        mask: str,
        color: tuple[float, float, float] | None,
        opacity: float,
    ) -> tuple[vtkGlyph3DMapper, vtkActor]:
        source, cull = _prepared(source, tiny=mask == TINY)
        mapper = vtkGlyph3DMapper()
        mapper.SetInputData(self.polydata)
        mapper.SetSourceData(source)
        mapper.SetOrientationArray(ORIENTATION)
        mapper.SetOrientationModeToQuaternion()
        mapper.SetScaleArray(SCALE)
        mapper.SetScaleModeToScaleByVectorComponents()
        mapper.SetScalarModeToUsePointFieldData()
        mapper.SelectColorArray(COLOR)
        mapper.SetColorModeToDirectScalars()
        mapper.SetScalarVisibility(color is None)
        mapper.SetMasking(True)
        mapper.SetMaskArray(mask)
        actor = vtkActor()
        actor.SetMapper(mapper)
        prop = actor.GetProperty()
        prop.SetInterpolationToPhong()
        prop.SetAmbient(AMBIENT)
        prop.SetDiffuse(DIFFUSE)
        prop.SetSpecular(0.25)
        prop.SetSpecularPower(30)
        prop.SetBackfaceCulling(cull)
        if color is not None:
            prop.SetColor(color)
        if opacity < 1.0:
            prop.SetOpacity(opacity)
        return mapper, actor

    def show(
        self, near: np.ndarray, far: np.ndarray | None = None, tiny: np.ndarray | None = None
    ) -> None:
        """Draw instances ``near`` in detail, ``far`` with the far mesh and ``tiny`` with the
        tiny one (boolean arrays).

        A level the shape has no mesh for is ignored: its instances are not drawn.
        """
        changed = self._masks[NEAR].set(near)
        for name, values in ((FAR, far), (TINY, tiny)):
            if name in self._masks:
                none = values is None
                changed |= self._masks[name].set(np.zeros(self.count, bool) if none else values)
        if changed:
            self.polydata.Modified()

    def shown(self, which: str = NEAR) -> np.ndarray:
        """Which instances the ``'near'``, ``'far'`` or ``'tiny'`` mapper draws."""
        mask = self._masks.get(which)
        if mask is None:
            return np.zeros(self.count, dtype=bool)
        return np.unpackbits(mask.bits, count=self.count, bitorder="big").astype(bool)

    def drawn_triangles(self) -> int:
        """How many triangles the shape's mappers draw now: each level's shown instances times
        its mesh's cells (back faces included: a software renderer transforms them too)."""
        mappers = {NEAR: self.mapper}
        if self.far_actor is not None:
            mappers[FAR] = self.far_mapper
        if self.tiny_actor is not None:
            mappers[TINY] = self.tiny_mapper
        total = 0
        for level, mapper in mappers.items():
            total += int(self.shown(level).sum()) * mapper.GetSource().GetNumberOfCells()
        return total

    def update(
        self,
        positions: np.ndarray | None = None,
        orientations: np.ndarray | None = None,
        scales: np.ndarray | None = None,
        colors: np.ndarray | None = None,
    ) -> None:
        """Write new per-instance values in place (any subset) and mark them modified; values
        the same as before are left alone (the mapper keeps its buffers, the level of detail its
        choice)."""
        changed = False
        for target, values, vtk_array in (
            (self.positions, positions, None),
            (self.orientations, orientations, self._vtk_arrays[0]),
            (self.scales, scales, self._vtk_arrays[1]),
            (self.colors, colors, self._vtk_arrays[2]),
        ):
            if values is None:
                continue
            if target.dtype == np.uint8 and np.asarray(values).dtype != np.uint8:
                values = np.clip(np.asarray(values) * 255.0, 0, 255).astype(np.uint8)
            if np.array_equal(target, values):  # (a value for all, broadcast, is written)
                continue
            target[...] = values
            (vtk_array or self._points).Modified()
            changed = True
            if target is self.positions:
                self.moves += 1
        if changed:
            self.polydata.Modified()
