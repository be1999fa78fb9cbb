"""The floors' contact shading (:mod:`viewer.model.plant.floor_shade`) laid on them as a texture,
with the gloss of a polished epoxy floor: the skylight strips mirrored as wide soft bands of
light, fainter streaks under the rows of lamps, and the wear of traffic along the forklifts' and
AGVs' loops and the shuttle's wheel tracks (medium and high presets).

One grey image over the whole plant, modulating the colour of every floor actor (workshop
epoxy, hall stone, service wood) and of the paint on the workshops' floors (the visitor aisles,
their edges, the walkway and AGV lines: :data:`PAINT_LAYERS`): no extra pass, one texture fetch
per floor pixel. It is computed the first time it is switched on (a medium or high preset), so
the low preset neither pays for it at start-up nor in a frame.

Much of the workshops' floor is covered by thin plates lying on it (the robot cells' floor
plates, marked zones: boxes of role ``platform`` a few centimetres high), which would hide the
shade just where the machines stand. While the shading is on, one more actor draws their tops,
a centimetre above them, in their colour under the same texture (:func:`plate_tops`); one actor
however many plates.

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
from vtkmodules.vtkRenderingCore import vtkActor, vtkPolyDataMapper, vtkRenderer, vtkTexture

from viewer.model.geometry import offset_polyline
from viewer.model.plant.floor_shade import GROUND_Z, FloorShade, floor_shade
from viewer.model.plant.layout import Plant
from viewer.model.plant.parts import Boxes
from viewer.model.plant.surroundings import inside_polygon
from viewer.scene import palette
from viewer.scene.plant.ground import painted_lanes

FLOOR_PREFIX = "floors-"  # the ground layers that are floors (viewer.scene.plant.ground)
# the paint lying on the workshops' floors (viewer.scene.plant.ground), shaded with them
PAINT_LAYERS = ("floor-lines", "aisle-edges", "aisles", "agv-lanes")
# The look (see viewer.model.plant.floor_shade.floor_shade), tuned on the seat views so that it
# reads from eye height 5-30 m away: a dark core at the foot of everything standing on the
# floor, a wide faint band round tall things, the daylight's pool under the skylights, the
# polished floor's wide soft bands of light under the skylight strips and fainter streaks under
# the rows of lamps, and darker worn bands where traffic runs (:func:`worn_bands`).
SHADE = {
    "reach": 1.0,
    "strength": 0.75,
    "wide": 0.45,
    "wide_reach": 2.5,
    "pools": 0.05,
    "gloss": 0.35,
    "short": 0.3,
    "wear": 0.16,
}
FORKLIFT_BAND = 1.8  # m: the band a forklift's tyres wear along its loop
AGV_BAND = 1.0  # m: an AGV's, along its guide line
WHEEL_TRACK = 0.8  # m: the shuttle's wheels run this far either side of its aisle's centre line
WHEEL_BAND = 0.8  # m: the band each of its wheels wears


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


PLATE_ROLES = frozenset({"platform"})  # lying on the floor: floor plates, marked zones
PLATE_HEIGHT = 0.1  # m: a plate is no higher than this (a deck on legs stands higher)
PLATE_LIFT = 0.01  # m: the shaded tops are drawn this far above the plates


def plate_tops(boxes: Boxes) -> pv.PolyData:
    """One quad over the top of each plate lying on the floor (:data:`PLATE_ROLES`, bottom on
    the floor, at most :data:`PLATE_HEIGHT` high), :data:`PLATE_LIFT` above it."""
    plates = boxes.roles(PLATE_ROLES)
    bottom = plates.bottom_center[:, 2]
    keep = (bottom < GROUND_Z) & (bottom + plates.size[:, 2] <= PLATE_HEIGHT)
    center, size, yaw = plates.bottom_center[keep], plates.size[keep], plates.yaw[keep]
    signs = np.array([[-1, -1], [1, -1], [1, 1], [-1, 1]], dtype=float) / 2
    u = signs[None, :, 0] * size[:, None, 0]  # (plates, 4)
    v = signs[None, :, 1] * size[:, None, 1]
    cos, sin = np.cos(yaw)[:, None], np.sin(yaw)[:, None]
    x = center[:, None, 0] + u * cos - v * sin
    y = center[:, None, 1] + u * sin + v * cos
    z = np.repeat((center[:, 2] + size[:, 2] + PLATE_LIFT)[:, None], 4, axis=1)
    points = np.stack([x, y, z], axis=-1).reshape(-1, 3)
    faces = np.column_stack([np.full(len(center), 4), np.arange(4 * len(center)).reshape(-1, 4)])
    return pv.PolyData(points, faces.ravel()) if len(center) else pv.PolyData()


def lit_color(color: tuple[float, float, float]) -> tuple[float, float, float]:
    """A floor's colour under the shade: as bright as its hue allows, so that the shade's
    brightness is the floor's (white where a streak of light shines, a mid grey between)."""
    rgb = np.asarray(color, dtype=float)
    return tuple(float(c) for c in rgb / max(float(rgb.max()), 1e-9))


def worn_bands(plant: Plant) -> list[tuple[np.ndarray, float, bool]]:
    """(points, width, closed) of the bands that traffic wears on the workshops' floors: round
    each forklift loop and AGV loop, and the two wheel tracks of the shuttle along each visitor
    aisle painted on a workshop's floor."""
    bands = [(loop.points, FORKLIFT_BAND, True) for loop in plant.people.forklifts]
    bands += [(s.points, AGV_BAND, True) for s in plant.equipment if hasattr(s, "agvs")]
    for points, _ in painted_lanes(plant):
        for side in (1.0, -1.0):
            bands.append((offset_polyline(points, side * WHEEL_TRACK), WHEEL_BAND, False))
    return bands


def paint_color(color: tuple[float, float, float]) -> tuple[float, float, float]:
    """A paint's colour under the shade: lifted by as much as the workshop floor round it (see
    :func:`lit_color`), so that paint and floor keep their ratio."""
    workshop = max(palette.FLOORS["workshop"])
    return tuple(float(c) for c in np.minimum(np.asarray(color, dtype=float) / workshop, 1.0))


class FloorShading:
    """Switches the contact shading of ``actors`` (the floors) on and off."""

    def __init__(self, plant: Plant, boxes: Boxes, actors: dict[str, vtkActor]) -> None:
        self.plant, self.boxes = plant, boxes
        self.actors = {
            n: a for n, a in actors.items() if n.startswith(FLOOR_PREFIX) or n in PAINT_LAYERS
        }
        self.shade: FloorShade | None = None
        self.texture: vtkTexture | None = None
        self.colors = {n: a.GetProperty().GetColor() for n, a in self.actors.items()}
        self.plates: vtkActor | None = None  # the plates' shaded tops, made with the texture
        self.renderer: vtkRenderer | None = None  # where the plates' tops are drawn
        self.enabled = False

    def _build(self) -> None:
        corners = np.vstack([b.footprint for b in self.plant.buildings])
        x0, y0 = corners.min(axis=0)
        x1, y1 = corners.max(axis=0)
        # streaks of light on the workshops' epoxy only: under the pavilions' rows of lamps
        # the polished stone showed them as cloudy blotches
        workshops = [b.footprint for b in self.plant.buildings if b.kind == "workshop"]
        xy = self.boxes.bottom_center[:, :2]
        inside = np.zeros(len(xy), dtype=bool)
        for footprint in workshops:
            inside |= inside_polygon(xy, footprint)
        pick = self.boxes
        lights = Boxes(
            pick.bottom_center[inside], pick.size[inside], pick.yaw[inside], pick.role[inside]
        )
        self.shade = floor_shade(
            self.boxes, (x0, y0, x1, y1), lights=lights, worn=worn_bands(self.plant), **SHADE
        )
        self.texture = shade_texture(self.shade)
        for actor in self.actors.values():
            mesh = pv.wrap(actor.GetMapper().GetInput())
            mesh.active_texture_coordinates = self.shade.texture_coordinates(mesh.points)
        tops = plate_tops(self.boxes)
        if tops.n_points:
            tops.active_texture_coordinates = self.shade.texture_coordinates(tops.points)
            mapper = vtkPolyDataMapper()
            mapper.SetInputData(tops)
            mapper.ScalarVisibilityOff()
            self.plates = vtkActor()
            self.plates.SetMapper(mapper)
            self.plates.SetTexture(self.texture)
            self.plates.PickableOff()
            prop = self.plates.GetProperty()
            prop.LightingOff()
            # as the floor round them: the same ratio
            prop.SetColor(*paint_color(palette.ROLES["platform"]))

    def set_enabled(self, on: bool, renderer: vtkRenderer | None = None) -> None:
        """Shade the floors (on) or leave them one flat colour each; the plates' shaded tops
        are drawn by ``renderer`` (the floors' own; None: the one given before, if any)."""
        if renderer is not None and renderer is not self.renderer:
            if self.renderer is not None and self.plates is not None:
                self.renderer.RemoveActor(self.plates)
            self.renderer = renderer
        if on and self.texture is None and self.actors:
            self._build()
        for name, actor in self.actors.items():
            actor.SetTexture(self.texture if on else None)
            lift = paint_color if name in PAINT_LAYERS else lit_color
            actor.GetProperty().SetColor(*(lift(self.colors[name]) if on else self.colors[name]))
        if self.plates is not None and self.renderer is not None:
            if on and not self.renderer.HasViewProp(self.plates):
                self.renderer.AddActor(self.plates)
            elif not on and self.renderer.HasViewProp(self.plates):
                self.renderer.RemoveActor(self.plates)
        self.enabled = bool(on)
