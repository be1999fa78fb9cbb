"""Halls seen from inside, cut away from above: walls, roofs and ceiling gear of the buildings.

The structure boxes of :mod:`viewer.model.plant.structure` that make a building's shell are not
drawn
as boxes but as one-sided faces, each kind by one instanced mapper with back-face culling:

* a wall's or window's **inner face** (its box's local +y side, which the model turns into the
  building), its ends and its underside: seen from inside, never from outside, so from above
  the near walls vanish while the far ones stay as a backdrop;
* its **outer face**: drawn only while the camera is below that building's roof (from the road
  the building is closed; from above it opens);
* a roof's and a skylight's **underside**, facing down: a ceiling from the floor, nothing from
  the sky. Both kinds share one glyph (inner face, ends, underside): walls are drawn lit by one
  mapper; windows, skylights, high-bay lamps and the roof's underside (which faces away from
  every light) by a second, unlit one in their own colours (the skylights and lamps glow: the
  brightest things under the roof).

White-painted steel standing free outdoors (the ``white_steel`` role: the test track's
footbridge) is drawn whole by a mapper of its own, lit by the sky on every side and shaded by
the sun, as is the free-standing glass by another.

Boxes that give light (:data:`LIGHT_ROLES`: a light tunnel's LED strips, a paint booth's filter
ceiling) are drawn whole, unlit in their own colour, by one more mapper, wherever they stand.

The ceiling gear (trusses, lamps, ducts, cable trays, cranes, door coils, hanging signs and the
rods they hang from) is drawn only while the camera is inside that building, below its roof:
from above or from outside it would hide the hall or cost frames for nothing. The columns stand
full height while the camera is below their building's roof; from above it they end at
:data:`COLUMN_CUT` m, as in an architectural cutaway (two instanced shapes, one shown at a time:
full height from above they read as a field of needles). :meth:`HallShells.update` (before
every render) switches the per-instance masks; nothing is rebuilt, and the number of actors
does not depend on the number of buildings, walls or trusses.

Examples
--------
>>> import pyvista as pv
>>> from viewer.model.plant.layout import load_plant
>>> from viewer.scene.plant.plant_scene import PlantScene
>>> plotter = pv.Plotter(off_screen=True, window_size=(320, 180))
>>> scene = PlantScene(plotter, load_plant())
>>> scene.show_view("stamping")
>>> _ = plotter.screenshot(return_img=True)  # renders (render() waits for a first show)
>>> bool(scene.halls.gear_shown().any()), bool(scene.halls.outside_shown().any())
(False, False)
>>> plotter.close()
"""

from __future__ import annotations

from typing import Protocol

import numpy as np
import pyvista as pv
from vtkmodules.vtkRenderingCore import vtkActor

from viewer.model.geometry import yaw_quaternion
from viewer.model.plant.layout import Plant
from viewer.model.plant.parts import BOX_ROLES, Boxes
from viewer.model.plant.structure import (
    ROOF_THICKNESS,
    TRUSS_DEPTH,
    TRUSS_PANEL,
    TRUSS_WIDTH,
)
from viewer.scene import palette, shapes
from viewer.scene.instancing import InstancedShape
from viewer.scene.level_of_detail import LevelOfDetail


class ShapeMaker(Protocol):
    """What the halls need of the scene they are built in
    (:class:`~viewer.scene.plant.plant_scene.PlantScene`): its plant, its level of detail and a
    way to add an instanced shape."""

    plant: Plant
    detail: LevelOfDetail

    def _instance(
        self, name: str, source: pv.PolyData, count: int, **kwargs: object
    ) -> InstancedShape: ...


SHELL_ROLES = frozenset({"wall", "window"})  # drawn as inner and outer faces
CEILING_ROLES = frozenset({"roof", "skylight"})  # drawn as undersides
GEAR_ROLES = frozenset(
    {"truss", "lamp", "duct", "cable_tray", "crane", "crane_rail", "door", "sign"}
)
# boxes that give light wherever they stand (a light tunnel's LED strips, a booth's filter
# ceiling; a canteen's menu screens, heat lamps, lit fridge doors and its flood-lit feature
# wall): drawn whole and unlit in their own colour, the brightest things in their hall
LIGHT_ROLES = frozenset(
    {"light_tunnel", "menu_screen", "menu_picture", "heat_lamp", "fridge", "accent_wall"}
)
EDGE_TOLERANCE = 0.6  # m: a shell box this close to its building's footprint is a wall of it
COLUMN_CUT = 4.0  # m: from above a building's roof its columns end here, as in a cutaway drawing
ROD_ROLES = frozenset({"support", "hanger"})  # a thin one hanging from the ceiling is a rod
ROD_THICKNESS = 0.2  # m: the most a hanging rod measures across
ROD_REACH = 1.0  # m: a rod whose top comes this close to the trusses' underside hangs from them
SURFACE_SEEN = 8.0  # m: the least size a wall, window or lamp counts as on screen (see update)

_ROLE_COLORS = np.array([palette.ROLES[name] for name in BOX_ROLES])


def _quads(corners: list[list[tuple[float, float, float]]]) -> pv.PolyData:
    """Quads (corners anticlockwise seen from the front), as triangles."""
    points = np.array([p for quad in corners for p in quad], dtype=float)
    faces = np.hstack([[4, 4 * i, 4 * i + 1, 4 * i + 2, 4 * i + 3] for i in range(len(corners))])
    return pv.PolyData(points, faces).triangulate()


def inner_face() -> pv.PolyData:
    """The unit box's +y face (facing +y) and its two ends (facing out along x)."""
    return _quads(
        [
            [(0.5, 0.5, 0.0), (-0.5, 0.5, 0.0), (-0.5, 0.5, 1.0), (0.5, 0.5, 1.0)],
            [(0.5, -0.5, 0.0), (0.5, 0.5, 0.0), (0.5, 0.5, 1.0), (0.5, -0.5, 1.0)],
            [(-0.5, 0.5, 0.0), (-0.5, -0.5, 0.0), (-0.5, -0.5, 1.0), (-0.5, 0.5, 1.0)],
        ]
    )


def shell_faces() -> pv.PolyData:
    """What is drawn of a shell box from inside: its inner face with its ends (a wall, a
    window) and its underside (a roof, a skylight, a lintel over a door)."""
    return pv.merge([inner_face(), underside()])


def outer_face() -> pv.PolyData:
    """The unit box's -y face, facing -y."""
    return _quads([[(-0.5, -0.5, 0.0), (0.5, -0.5, 0.0), (0.5, -0.5, 1.0), (-0.5, -0.5, 1.0)]])


def underside() -> pv.PolyData:
    """The unit box's bottom face, facing down."""
    return _quads([[(-0.5, -0.5, 0.0), (-0.5, 0.5, 0.0), (0.5, 0.5, 0.0), (0.5, -0.5, 0.0)]])


def truss_panel(far: bool = False) -> pv.PolyData:
    """One panel of a steel truss in the unit box: top and bottom chords, a vertical at one end
    and a diagonal, sized for a :data:`TRUSS_PANEL` x :data:`TRUSS_DEPTH` m panel. The ``far``
    mesh (the truss across a hall) keeps the chords and the diagonal that make it read as a
    truss, as open tubes (their ends meet the next panel's): half the vertices.

    >>> truss_panel().n_cells, truss_panel(far=True).n_cells
    (48, 24)
    """
    length, width, depth = TRUSS_PANEL, TRUSS_WIDTH, TRUSS_DEPTH
    thin = 0.6 * width
    diagonal = float(np.hypot(length, depth))
    members = [
        pv.Box(bounds=(-length / 2, length / 2, -width / 2, width / 2, depth - 0.3, depth)),
        pv.Box(bounds=(-length / 2, length / 2, -width / 2, width / 2, 0.0, 0.25)),
        pv.Box(bounds=(-diagonal / 2, diagonal / 2, -thin / 2, thin / 2, -0.08, 0.08)),
    ]
    if far:
        members = [_without_ends(member.triangulate()) for member in members]
    else:
        vertical = (-length / 2, -length / 2 + 0.2, -thin / 2, thin / 2, 0.25, depth - 0.3)
        members.append(pv.Box(bounds=vertical))
    angle = -float(np.degrees(np.arctan2(depth, length)))
    members[2] = members[2].rotate_y(angle, inplace=False).translate((0, 0, depth / 2))
    return _unit(members, length, width, depth)


def _without_ends(box: pv.PolyData) -> pv.PolyData:
    """A triangulated box along x without its two end faces: an open tube."""
    normals = box.compute_normals(cell_normals=True, point_normals=False)["Normals"]
    faces = box.regular_faces[np.abs(normals[:, 0]) < 0.5]
    return pv.PolyData.from_regular_faces(box.points, faces).clean()


def _unit(members: list[pv.PolyData], length: float, width: float, depth: float) -> pv.PolyData:
    """Boxes merged into one mesh and scaled into the unit box."""
    mesh = pv.merge([m.triangulate() for m in members]).clean()
    mesh.points = mesh.points / np.array([length, width, depth])
    return mesh


def building_of(boxes: Boxes, plant: Plant, tolerance: float = EDGE_TOLERANCE) -> np.ndarray:
    """Index of the building whose bounds (grown by ``tolerance`` m) hold each box's bottom
    centre, -1 for none."""
    index = np.full(len(boxes), -1)
    xy = boxes.bottom_center[:, :2]
    for number, building in enumerate(plant.buildings):
        x0, y0, x1, y1 = building.bounds
        inside = (
            (xy[:, 0] >= x0 - tolerance)
            & (xy[:, 0] <= x1 + tolerance)
            & (xy[:, 1] >= y0 - tolerance)
            & (xy[:, 1] <= y1 + tolerance)
        )
        index[(index < 0) & inside] = number
    return index


def _on_footprint(xy: np.ndarray, footprint: np.ndarray, tolerance: float) -> np.ndarray:
    """Whether each point lies within ``tolerance`` m of the footprint's outline."""
    near = np.zeros(len(xy), dtype=bool)
    for a, b in zip(footprint, np.roll(footprint, -1, axis=0), strict=True):
        edge = b - a
        t = np.clip(((xy - a) @ edge) / max(float(edge @ edge), 1e-9), 0.0, 1.0)
        near |= np.linalg.norm(xy - (a + t[:, None] * edge), axis=1) <= tolerance
    return near


def hanging_rods(boxes: Boxes, owner: np.ndarray, heights: np.ndarray) -> np.ndarray:
    """Which boxes are rods hanging from a building's ceiling (a sign's, a screen's): thin
    :data:`ROD_ROLES` boxes off the floor whose top reaches within :data:`ROD_REACH` m of the
    trusses' underside of their building (``owner``: its index, -1 none; ``heights``: the
    buildings' heights)."""
    roles = np.array(BOX_ROLES)[boxes.role]
    chord = np.append(heights, np.inf)[owner] - ROOF_THICKNESS - TRUSS_DEPTH
    bottom = boxes.bottom_center[:, 2]
    return (
        np.isin(roles, list(ROD_ROLES))
        & (boxes.size[:, :2].max(axis=1) <= ROD_THICKNESS)
        & (bottom > 0.5)
        & (bottom + boxes.size[:, 2] >= chord - ROD_REACH)
    )


def _take(boxes: Boxes, pick: np.ndarray) -> Boxes:
    return Boxes(boxes.bottom_center[pick], boxes.size[pick], boxes.yaw[pick], boxes.role[pick])


class HallShells:
    """The buildings' walls, roofs and ceiling gear of a plant scene (see the module's text).

    :attr:`rest` holds the boxes it does not draw, for the scene's ordinary box mappers.
    """

    def __init__(self, scene: ShapeMaker, boxes: Boxes) -> None:
        plant = scene.plant
        self.heights = np.array([b.height for b in plant.buildings])
        self.bounds = np.array([b.bounds for b in plant.buildings]).reshape(-1, 4)
        owner = building_of(boxes, plant)
        roles = np.array(BOX_ROLES)[boxes.role]
        shell = np.isin(roles, list(SHELL_ROLES)) & (owner >= 0)
        for number, building in enumerate(plant.buildings):  # walls, not equipment inside
            mine = np.flatnonzero(shell & (owner == number))
            xy = boxes.bottom_center[mine, :2]
            shell[mine] = _on_footprint(xy, building.footprint, EDGE_TOLERANCE)
        ceiling = np.isin(roles, list(CEILING_ROLES)) & (owner >= 0)
        gear = np.isin(roles, list(GEAR_ROLES)) & (owner >= 0)
        gear |= hanging_rods(boxes, owner, self.heights)  # a sign's rods go with the trusses
        lights = np.isin(roles, list(LIGHT_ROLES))
        column = (roles == "column") & (owner >= 0)
        panes = (roles == "window") & ~shell  # a glazed bridge's, a cabin's windows
        steel = roles == "white_steel"  # white-painted steel outdoors (the footbridge)
        self.rest = _take(boxes, ~(shell | ceiling | gear | lights | column | panes | steel))

        def add(
            name: str,
            source: pv.PolyData,
            pick: np.ndarray,
            lit: bool | None,
            height: float = np.inf,
            **kwargs: object,
        ) -> InstancedShape:
            subset = _take(boxes, pick)
            shape = scene._instance(name, source, len(subset), **kwargs)
            scales = subset.size.copy()
            scales[:, 2] = np.minimum(scales[:, 2], height)
            shape.update(
                positions=subset.bottom_center,
                orientations=yaw_quaternion(subset.yaw),
                scales=scales,
                colors=_ROLE_COLORS[subset.role],
            )
            if lit is not None:  # None: drawn as the scene's other boxes are
                for actor in shape.actors:
                    _material(actor, lit)
            return shape

        # the columns full height from below the roof, cut at COLUMN_CUT from above it
        self.columns = add("hall-columns", shapes.unit_box(), column, lit=None)
        self.column_stubs = add(
            "hall-column-stubs", shapes.unit_box(), column, lit=None, height=COLUMN_CUT
        )
        self._column_owner = owner[column]
        for shape, height in ((self.columns, np.inf), (self.column_stubs, COLUMN_CUT)):
            sides = np.sort(np.minimum(boxes.size[column], height), axis=1)
            seen = np.sqrt(sides[:, 2] * sides[:, 1])  # as the other boxes: a column is thin
            scene.detail.add(shape, sides[:, 2], cull=True, seen=seen)

        window, lamp, truss = roles == "window", roles == "lamp", roles == "truss"
        # the roof's underside faces away from every light: lit only by the hall's ambient
        # light, it is drawn in its own colour like the skylights (and costs no lighting)
        glow = (shell & window) | ceiling | (gear & lamp)
        self.shell = add("hall-shell", shell_faces(), shell & ~window, lit=True)
        self.shell.actor.GetProperty().SetAmbient(0.5)
        self.shell.actor.GetProperty().SetDiffuse(0.55)
        self.glow = add("hall-glow", shell_faces(), glow, lit=False)
        self._glow_owner = np.where(lamp[glow], owner[glow], -1)  # windows, skylights: always
        self.outside = add("hall-outside", outer_face(), shell, lit=True)
        self._outside_owner = owner[shell]
        # walls, windows, skylights and lamps out of the picture are not drawn (the level of
        # detail's frustum); seen as at least SURFACE_SEEN m, a lamp's glow stays drawn however
        # far across a hall
        surfaces = ((self.shell, shell & ~window), (self.glow, glow), (self.outside, shell))
        for shape, pick in surfaces:
            size = boxes.size[pick].max(axis=1)
            scene.detail.add(shape, size, cull=True, seen=np.maximum(size, SURFACE_SEEN))
        self.gear = [
            add("hall-gear", shapes.unit_box(), gear & ~lamp & ~truss, lit=True),
            add("hall-trusses", truss_panel(), gear & truss, lit=True, far=truss_panel(far=True)),
        ]
        self._gear_owner = []
        for shape, pick in zip(self.gear, (gear & ~lamp & ~truss, gear & truss), strict=True):
            self._gear_owner.append(owner[pick])
            # the trusses: their chords alone once small (the far mesh), none once a few pixels
            far = shape is self.gear[1]
            scene.detail.add(shape, boxes.size[pick].max(axis=1), cull=not far)
            if far:
                scene.detail.vanish(shape)
        # glass panes standing free: lit mostly by the sky they reflect, light blue-grey on
        # every side (by the sun alone, a pane facing away from it was dark slate on Low)
        self.panes = add("glass-panes", shapes.unit_box(), panes, lit=True)
        self.panes.actor.GetProperty().SetAmbient(palette.GLASS_AMBIENT)
        self.panes.actor.GetProperty().SetDiffuse(palette.GLASS_DIFFUSE)
        sides = np.sort(boxes.size[panes], axis=1)
        seen = np.sqrt(sides[:, 2] * sides[:, 1])
        scene.detail.add(self.panes, sides[:, 2], cull=True, seen=seen)
        # white-painted steel standing free: lit by the sky on every side and shaded by the sun
        # (by the sun alone, as the other boxes, its sides away from it were charcoal)
        self.steel = add("white-steel", shapes.unit_box(), steel, lit=True)
        self.steel.actor.GetProperty().SetAmbient(palette.WHITE_STEEL_AMBIENT)
        self.steel.actor.GetProperty().SetDiffuse(palette.WHITE_STEEL_DIFFUSE)
        sides = np.sort(boxes.size[steel], axis=1)
        seen = np.sqrt(sides[:, 2] * sides[:, 1])
        scene.detail.add(self.steel, sides[:, 2], cull=True, seen=seen)
        self.lights = add("glow-boxes", shapes.unit_box(), lights, lit=False)
        sides = np.sort(boxes.size[lights], axis=1)  # culled when too small, as the boxes are
        scene.detail.add(
            self.lights,
            boxes.size[lights].max(axis=1),
            cull=True,
            seen=np.sqrt(sides[:, 2] * sides[:, 1]),
        )
        self.detail = scene.detail
        self._state: tuple | None = None

    def update(self, eye: tuple[float, float, float]) -> None:
        """Show the outer walls and the full columns of the buildings whose roof is above the
        camera (the columns' cut stubs of the others) and the ceiling gear of the building the
        camera is in."""
        x, y, z = eye
        below = z < self.heights
        x0, y0, x1, y1 = self.bounds.T
        inside = below & (x > x0) & (x < x1) & (y > y0) & (y < y1)
        state = (tuple(below), tuple(inside))
        if state == self._state:
            return
        self._state = state
        self.detail.set_visible(self.outside, below[self._outside_owner])
        self.detail.set_visible(self.columns, below[self._column_owner])
        self.detail.set_visible(self.column_stubs, ~below[self._column_owner])
        lamps = np.append(inside, False)[self._glow_owner]  # (windows and skylights: -1)
        self.detail.set_visible(self.glow, (self._glow_owner < 0) | lamps)
        for shape, owner in zip(self.gear, self._gear_owner, strict=True):
            self.detail.set_visible(shape, inside[owner])

    def gear_shown(self) -> np.ndarray:
        """Which ceiling-gear instances (trusses and the rest, in one array) are drawn."""
        return np.concatenate([shape.shown() for shape in self.gear])

    def outside_shown(self) -> np.ndarray:
        """Which outer wall faces are drawn."""
        return self.outside.shown()


def _material(actor: vtkActor, lit: bool) -> None:
    """One-sided (back faces culled); unlit ones glow in their own colour."""
    prop = actor.GetProperty()
    prop.SetBackfaceCulling(True)
    prop.SetSpecular(0.0)
    if lit:
        prop.SetAmbient(0.45)  # the light under a roof comes from everywhere
        prop.SetDiffuse(0.65)
    else:  # unlit VTK draws ambient + diffuse times the colour: exactly the colour
        prop.LightingOff()
        prop.SetAmbient(0.0)
        prop.SetDiffuse(1.0)
