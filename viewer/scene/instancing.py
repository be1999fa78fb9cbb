"""GPU instancing: one ``vtkGlyph3DMapper`` (and one actor) per shape, any number of instances.

:class:`InstancedShape` draws a source mesh at N positions with per-instance orientation
(quaternions w, x, y, z), per-instance scale (x, y, z) and per-instance RGB colour. The arrays
are NumPy views on the VTK arrays: :meth:`InstancedShape.update` writes into them in place and
marks them modified; nothing is rebuilt per frame.

Examples
--------
>>> import numpy as np, pyvista as pv
>>> shape = InstancedShape(pv.Cube().triangulate(), count=3)
>>> shape.update(positions=np.arange(9.0).reshape(3, 3))
>>> shape.count
3
"""

from __future__ import annotations

import numpy as np
import pyvista as pv
from vtkmodules.util.numpy_support import numpy_to_vtk
from vtkmodules.vtkCommonCore import vtkPoints
from vtkmodules.vtkCommonDataModel import vtkPolyData
from vtkmodules.vtkRenderingCore import vtkActor, vtkGlyph3DMapper

ORIENTATION = "orientation"
SCALE = "scale"
COLOR = "color"


class InstancedShape:
    """A mesh drawn at many places with one mapper and one actor."""

    def __init__(
        self,
        source: pv.PolyData,
        count: int,
        color: tuple[float, float, float] | None = None,
        opacity: float = 1.0,
    ) -> None:
        self.count = int(count)
        self.positions = np.zeros((self.count, 3))
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

        source = source.compute_normals(auto_orient_normals=False, split_vertices=True)
        self.mapper = vtkGlyph3DMapper()
        self.mapper.SetInputData(self.polydata)
        self.mapper.SetSourceData(source)
        self.mapper.SetOrientationArray(ORIENTATION)
        self.mapper.SetOrientationModeToQuaternion()
        self.mapper.SetScaleArray(SCALE)
        self.mapper.SetScaleModeToScaleByVectorComponents()
        self.mapper.SetScalarModeToUsePointFieldData()
        self.mapper.SelectColorArray(COLOR)
        self.mapper.SetColorModeToDirectScalars()
        self.mapper.SetScalarVisibility(color is None)
        self.actor = vtkActor()
        self.actor.SetMapper(self.mapper)
        prop = self.actor.GetProperty()
        prop.SetInterpolationToPhong()
        prop.SetSpecular(0.25)
        prop.SetSpecularPower(30)
        if color is not None:
            prop.SetColor(color)
        if opacity < 1.0:
            prop.SetOpacity(opacity)

    def update(
        self,
        positions: np.ndarray | None = None,
        orientations: np.ndarray | None = None,
        scales: np.ndarray | None = None,
        colors: np.ndarray | None = None,
    ) -> None:
        """Write new per-instance values in place (any subset) and mark them modified."""
        for target, values, vtk_array in (
            (self.positions, positions, None),
            (self.orientations, orientations, self._vtk_arrays[0]),
            (self.scales, scales, self._vtk_arrays[1]),
            (self.colors, colors, self._vtk_arrays[2]),
        ):
            if values is None:
                continue
            if target.dtype == np.uint8 and np.asarray(values).dtype != np.uint8:
                values = np.clip(np.asarray(values) * 255.0, 0, 255)
            target[...] = values
            (vtk_array or self._points).Modified()
        self.polydata.Modified()
