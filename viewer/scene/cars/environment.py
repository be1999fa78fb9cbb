"""An environment made in code for physically based materials: a bright hall under a sky.

Physically based metal and glossy paint show what surrounds them; with nothing around, VTK
lights them with black, and the lobby's brushed-metal strip and the SU7's paint went dark. This
cube map is computed with NumPy (nothing is downloaded): a pale sky brightening overhead with
rows of light panels, a light horizon band (the glass walls) and a light grey floor. The
renderer's image-based lighting then gives metals their sheen and the paint its reflections.

Examples
--------
>>> faces = cube_faces(8)
>>> len(faces), faces[0].shape
(6, (8, 8, 3))
>>> bool(faces[2].mean() > faces[3].mean())  # +y (up, in the cube map's frame) is the sky
True
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pyvista as pv
from vtkmodules.util.numpy_support import numpy_to_vtk
from vtkmodules.vtkCommonDataModel import vtkImageData
from vtkmodules.vtkRenderingCore import vtkTexture

ZENITH = np.array([0.80, 0.88, 0.98])
HORIZON = np.array([0.96, 0.96, 0.95])
FLOOR = np.array([0.62, 0.62, 0.64])
PANEL = np.array([1.0, 1.0, 1.0])

# the six faces' directions for pixel coordinates (s right, t down) in the cube map's own
# y-up frame, in OpenGL's order: +x, -x, +y, -y, +z, -z
_FACES = (
    lambda s, t: (np.ones_like(s), -t, -s),
    lambda s, t: (-np.ones_like(s), -t, s),
    lambda s, t: (s, np.ones_like(s), t),
    lambda s, t: (s, -np.ones_like(s), -t),
    lambda s, t: (s, -t, np.ones_like(s)),
    lambda s, t: (-s, -t, -np.ones_like(s)),
)


def radiance(direction: np.ndarray) -> np.ndarray:
    """The colour (…, 3) seen along unit ``direction`` (…, 3) in the y-up frame."""
    up = direction[..., 1]
    sky = np.clip(up, 0.0, 1.0)[..., None]
    color = HORIZON + (ZENITH - HORIZON) * np.sqrt(sky)
    # long light panels overhead (the lobby's lights and skylights): stripes across x
    along = np.arctan2(direction[..., 0], np.maximum(up, 1e-6))
    panels = (np.cos(along * 9.0) > 0.7) & (up > 0.45)
    color = np.where(panels[..., None], PANEL, color)
    ground = np.clip(-up, 0.0, 1.0)[..., None]
    floor = HORIZON + (FLOOR - HORIZON) * np.minimum(ground * 4.0, 1.0)
    return np.where((up < 0.0)[..., None], floor, color)


def cube_faces(size: int = 64) -> list[np.ndarray]:
    """The six faces (size, size, 3) of the environment, floats 0-1, rows from the top."""
    centres = (np.arange(size) + 0.5) / size * 2.0 - 1.0
    s, t = np.meshgrid(centres, centres)
    faces = []
    for face in _FACES:
        d = np.stack(face(s, t), axis=-1)
        d /= np.linalg.norm(d, axis=-1, keepdims=True)
        faces.append(radiance(d))
    return faces


@cache
def environment_texture(size: int = 32) -> vtkTexture:
    """The environment as a VTK cube-map texture (give it to the renderer with its up +z)."""
    texture = vtkTexture()
    texture.CubeMapOn()
    texture.MipmapOn()
    texture.InterpolateOn()
    for index, face in enumerate(cube_faces(size)):
        pixels = (np.clip(face, 0, 1) * 255).astype(np.uint8)[::-1]  # VTK rows run up
        image = vtkImageData()
        image.SetDimensions(size, size, 1)
        array = numpy_to_vtk(pixels.reshape(-1, 3), deep=True)
        array.SetName("colors")
        image.GetPointData().SetScalars(array)
        texture.SetInputDataObject(index, image)
    return texture


def use_environment(renderer: pv.Renderer, on: bool) -> None:
    """Light physically based materials on ``renderer`` with the environment (or stop)."""
    if on:
        # small precomputed maps: the environment is smooth, and on a software renderer VTK's
        # defaults (about 10^8 samples) took minutes before the first frame
        irradiance = renderer.GetEnvMapIrradiance()
        irradiance.SetIrradianceSize(8)
        irradiance.SetIrradianceStep(0.2)
        renderer.GetEnvMapPrefiltered().SetPrefilterMaxSamples(24)
        table = renderer.GetEnvMapLookupTable()
        table.SetLUTSize(32)
        table.SetLUTSamples(64)
        renderer.UseSphericalHarmonicsOff()  # VTK computes them from image files only
        renderer.SetEnvironmentUp(0.0, 0.0, 1.0)
        renderer.SetEnvironmentRight(1.0, 0.0, 0.0)
        renderer.SetEnvironmentTexture(environment_texture(), True)
        renderer.UseImageBasedLightingOn()
    else:
        renderer.UseImageBasedLightingOff()
