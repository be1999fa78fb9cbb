"""Conversions between NumPy images (H, W, 3) and VTK image data."""

from __future__ import annotations

import numpy as np
from vtkmodules.util.numpy_support import numpy_to_vtk
from vtkmodules.vtkCommonDataModel import vtkImageData


def numpy_to_vtk_image(image: np.ndarray) -> vtkImageData:
    """A vtkImageData of an (H, W, C) uint8 image, top row first (as screenshots are)."""
    height, width, channels = image.shape
    data = vtkImageData()
    data.SetDimensions(width, height, 1)
    flipped = np.ascontiguousarray(image[::-1]).reshape(-1, channels)
    array = numpy_to_vtk(flipped, deep=True)
    array.SetNumberOfComponents(channels)
    data.GetPointData().SetScalars(array)
    return data
