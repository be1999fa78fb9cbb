"""The floors' contact shading (:mod:`viewer.model.plant.floor_shade`) laid on them as a texture,
with the sheen of the daylight from the skylight strips on the polished floor.

One grey image over the whole plant, modulating the colour of every floor actor (workshop
epoxy, hall stone, service wood): no extra actor and no extra pass, one texture fetch per floor
pixel. It is computed the first time it is switched on (a medium or high preset), so the low
preset neither pays for it at start-up nor in a frame.

Examples
--------
>>> import pyvista as pv
>>> from viewer.model.plant.layout import load_plant
>>> from viewer.scene.plant.plant_scene import PlantScene
>>> plotter = pv.Plotter(off_screen=True, window_size=[160, 90], lighting="none")
>>> scene = PlantScene(plotter, load_plant())
>>> scene.floor_shading.enabled, scene.ground_actors["floors-workshop"].GetTexture() is None
(False, True)
>>> scene.floor_shading.set_enabled(True)
>>> scene.ground_actors["floors-workshop"].GetTexture() is not None
True
>>> plotter.close()
"""

from __future__ import annotations

import numpy as np
import pyvista as pv
from vtkmodules.util.numpy_support import numpy_to_vtk
from vtkmodules.vtkCommonDataModel import vtkImageData
from vtkmodules.vtkRenderingCore import vtkActor, vtkTexture

from viewer.model.plant.floor_shade import FloorShade, floor_shade
from viewer.model.plant.layout import Plant
from viewer.model.plant.parts import Boxes

FLOOR_PREFIX = "floors-"  # the ground layers that are floors (viewer.scene.plant.ground)
POOLS = 0.16  # the floor away from the skylights is this much darker than under them
LIFT = 1.0 - POOLS / 2  # the floors' colours are lifted by this while shaded: the same mean


def shade_texture(shade: FloorShade) -> vtkTexture:
    """A one-channel, smoothly sampled, mipmapped texture of ``shade``'s brightness."""
    rows, cols = shade.brightness.shape
    image = vtkImageData()
    image.SetDimensions(cols, rows, 1)
    values = np.round(np.clip(shade.brightness, 0.0, 1.0) * 255).astype(np.uint8).ravel()
    scalars = numpy_to_vtk(values, deep=True)
    scalars.SetName("brightness")
    image.GetPointData().SetScalars(scalars)
    texture = vtkTexture()
    texture.SetInputData(image)
    texture.InterpolateOn()
    texture.MipmapOn()
    # VTK asks for 4x anisotropic filtering by default: on a software renderer that tripled
    # the frame wherever the floor runs away from the eye (the seat view); a soft shade
    # needs none
    texture.SetMaximumAnisotropicFiltering(1.0)
    texture.RepeatOff()
    texture.EdgeClampOn()
    return texture


class FloorShading:
    """Switches the contact shading of ``actors`` (the floors) on and off."""

    def __init__(self, plant: Plant, boxes: Boxes, actors: dict[str, vtkActor]) -> None:
        self.plant, self.boxes = plant, boxes
        self.actors = {n: a for n, a in actors.items() if n.startswith(FLOOR_PREFIX)}
        self.shade: FloorShade | None = None
        self.texture: vtkTexture | None = None
        self.colors = {n: a.GetProperty().GetColor() for n, a in self.actors.items()}
        self.enabled = False

    def _build(self) -> None:
        corners = np.vstack([b.footprint for b in self.plant.buildings])
        x0, y0 = corners.min(axis=0)
        x1, y1 = corners.max(axis=0)
        self.shade = floor_shade(self.boxes, (x0, y0, x1, y1), pools=POOLS)
        self.texture = shade_texture(self.shade)
        for actor in self.actors.values():
            mesh = pv.wrap(actor.GetMapper().GetInput())
            mesh.active_texture_coordinates = self.shade.texture_coordinates(mesh.points)

    def set_enabled(self, on: bool) -> None:
        """Shade the floors (on) or leave them one flat colour each."""
        if on and self.texture is None and self.actors:
            self._build()
        for name, actor in self.actors.items():
            actor.SetTexture(self.texture if on else None)
            color = (
                np.minimum(np.asarray(self.colors[name]) / LIFT, 1.0) if on else self.colors[name]
            )
            actor.GetProperty().SetColor(*color)
        self.enabled = bool(on)
