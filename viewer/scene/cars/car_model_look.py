"""A user's car model (:mod:`viewer.scene.cars.car_model`) on screen, in its own colours and
textures.

The lobby's car is drawn part by part (one actor a material, and its mirror copy): base colour,
opacity and texture; on Low plain (Phong) colours, with a shine that follows the part's
roughness; while the renderer lights physically based materials with its environment (Medium
and High, see :mod:`viewer.scene.cars.environment`) each part is physically based, with its own
metallic and roughness factors and its texture as the base colour. The many cars on the line
and far away are instanced (:class:`viewer.scene.instancing.InstancedShape`): their simplified
meshes carry texture coordinates into the model's palette (one texel a part), so one texture
gives every instance the model's colours instead of the per-instance paint.

Examples
--------
>>> import pyvista as pv
>>> from viewer.scene.cars.car_model import CarModel
>>> model = CarModel.from_mesh(pv.Cube().triangulate(), color=(1.0, 0.0, 0.0))
>>> image = palette_texture(model).GetInput()
>>> image.GetDimensions(), tuple(image.GetPointData().GetScalars().GetTuple3(0))
((1, 1, 1), (255.0, 0.0, 0.0))
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pyvista as pv
from vtkmodules.util.numpy_support import numpy_to_vtk
from vtkmodules.vtkCommonDataModel import vtkImageData
from vtkmodules.vtkRenderingCore import vtkRenderer, vtkTexture

from viewer.scene import shapes
from viewer.scene.cars.car_model import CarModel, CarPart
from viewer.scene.instancing import InstancedShape

# (id of an image, interpolated, sRGB) -> (the image, its texture)
_TEXTURES: dict[tuple[int, bool, bool], tuple[np.ndarray, vtkTexture]] = {}


def texture_of(image: np.ndarray, interpolate: bool = True, srgb: bool = False) -> vtkTexture:
    """A VTK texture of an RGB(A) uint8 ``image`` whose rows run from the top (cached)."""
    key = (id(image), interpolate, srgb)
    cached = _TEXTURES.get(key)
    if cached is not None and cached[0] is image:
        return cached[1]
    height, width, channels = image.shape
    data = vtkImageData()
    data.SetDimensions(width, height, 1)
    rows = np.ascontiguousarray(image[::-1]).reshape(-1, channels)  # VTK: rows from the bottom
    data.GetPointData().SetScalars(numpy_to_vtk(rows, deep=True))
    texture = vtkTexture()
    texture.SetInputData(data)
    texture.SetInterpolate(interpolate)
    texture.SetMipmap(interpolate)
    texture.SetRepeat(interpolate)  # the palette is sampled at texel centres: no wrapping
    texture.SetEdgeClamp(not interpolate)
    texture.SetUseSRGBColorSpace(srgb)
    _TEXTURES[key] = (image, texture)
    return texture


def palette_texture(model: CarModel) -> vtkTexture:
    """The model's palette (one texel per part) as a texture, sampled without blending."""
    return texture_of(model.palette, interpolate=False)


def dress_instanced(shape: InstancedShape) -> None:
    """Give an instanced car body the user's model's colours (its palette) instead of the
    per-instance paint; nothing while the parametric SU7 is drawn."""
    model = shapes.car_model()
    if model is None:
        return
    texture = palette_texture(model)
    for actor in shape.actors:
        actor.GetMapper().SetScalarVisibility(False)
        actor.GetProperty().SetColor(1.0, 1.0, 1.0)
        actor.SetTexture(texture)


class ModelLook:
    """The lobby car's parts on screen: Phong or physically based as the renderer lights."""

    def __init__(self, renderer: vtkRenderer, parts: list[tuple[pv.Actor, CarPart]]) -> None:
        self.renderer = renderer
        self.parts = parts
        self.pbr: bool | None = None
        self.set_pbr(False)
        self._observer = renderer.AddObserver("StartEvent", self._before_render)

    def _before_render(self, *_: object) -> None:
        lit = bool(self.renderer.GetUseImageBasedLighting())
        if lit != self.pbr:
            self.set_pbr(lit)

    def set_pbr(self, on: bool) -> None:
        """Physically based (``on``) or plain colours with a shine."""
        self.pbr = on
        for actor, part in self.parts:
            prop = actor.GetProperty()
            if part.opacity < 1.0:
                prop.SetOpacity(part.opacity)
            if on:
                prop.SetInterpolationToPBR()
                prop.SetColor(*part.linear)
                prop.SetMetallic(part.metallic)
                prop.SetRoughness(max(part.roughness, 0.05))
                if part.texture is not None:
                    actor.SetTexture(None)
                    prop.SetBaseColorTexture(texture_of(part.texture, srgb=True))
            else:
                prop.SetInterpolationToPhong()
                prop.SetColor(*part.color)
                prop.SetSpecular(0.15 + 0.75 * (1.0 - part.roughness))
                prop.SetSpecularPower(10.0 + 90.0 * (1.0 - part.roughness))
                if part.texture is not None:
                    prop.RemoveTexture("albedoTex")
                    actor.SetTexture(texture_of(part.texture))


def add_car_model(add: Callable[..., list[pv.Actor]], renderer: vtkRenderer) -> ModelLook | None:
    """Draw the user's car model (if one is in use) with ``add(mesh, color, is_car,
    **material)``, the lobby's way of adding a part of its car (and the part's mirror copy);
    the parts' looks (see :class:`ModelLook`), or ``None`` with the parametric SU7."""
    model = shapes.car_model()
    if model is None:
        return None
    parts = []
    for part in model.parts:
        for actor in add(part.mesh, part.color, True, diffuse=0.75, ambient=0.45):
            parts.append((actor, part))
    return ModelLook(renderer, parts)
