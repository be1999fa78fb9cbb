"""What stands outside the buildings, as actors: trees, parked cars, Phase II, the neighbours
and the boundary fence (the flat things, car park bays and road markings, are ground layers
in :mod:`viewer.scene.plant.ground`).

Trees and parked cars are instanced (one trunk, one crown and one far crown shape; one car body
with its far mesh, glass and wheels) and handed to the scene's level of detail: from far away
a tree is a three-sided pyramid and a car one box. The buildings around (Phase
II and the neighbours) and the fence are one merged mesh, coloured per cell: the number of
actors does not grow with the number of trees, cars or buildings.

Examples
--------
>>> import pyvista as pv
>>> from viewer.model.plant.layout import load_plant
>>> from viewer.scene.level_of_detail import LevelOfDetail
>>> plotter = pv.Plotter(off_screen=True, window_size=(160, 90))
>>> outside = OutsideScene(plotter, load_plant(), LevelOfDetail())
>>> outside.trees.count > 300, len(outside.actors)
(True, 12)
>>> plotter.close()
"""

from __future__ import annotations

import zlib
from functools import cache

import numpy as np
import pyvista as pv

from viewer.model.cars import car
from viewer.model.geometry import polygon_area, yaw_quaternion
from viewer.model.plant.layout import Plant
from viewer.model.plant.surroundings import (
    Mass,
    OutsideLayout,
    distance_to_polyline,
    outside_layout,
)
from viewer.scene import palette, shapes
from viewer.scene.instancing import InstancedShape
from viewer.scene.level_of_detail import LevelOfDetail

CAR_SIZE = 5.0
PARKED_FINE = 2.0  # a parked car keeps its full detail (3,500 corners) only while this many
# times bigger on screen than other things do theirs (about 50 px long), then the far body,
# glass and wheels (800), and under about 16 px one box
PARKED_CAR_RIMS = (0.66, 0.68, 0.72)  # silver ten-spoke rims, as the line's finished cars'
# A tree keeps its round crown until it is half the level of detail's far size on screen: the
# far shape's facets show at the sizes other shapes switch at.
TREE_DETAIL = 2.0
CRANE_HEIGHT = 18.0
# The scene's sun and fill light (see PlantScene._add_lights) and the ambient share, for
# baking the light into the outside buildings' colours.
LIGHTS = (((0.4, -0.6, 1.0), 0.55), ((-0.6, 0.5, 0.6), 0.2))
AMBIENT = 0.4  # a tower crane's mast above the building it builds


@cache
def tree_trunk(height: float = 9.0) -> pv.PolyData:
    """A five-sided trunk up into the crown (a nominal tree ``height`` m tall)."""
    return pv.Cylinder(
        center=(0, 0, 0.2 * height),
        direction=(0, 0, 1),
        radius=0.2,
        height=0.4 * height,
        resolution=5,
        capping=False,
    ).triangulate()


@cache
def tree_crown(crown: float = 6.0, height: float = 9.0) -> pv.PolyData:
    """A rounded crown, ``crown`` m wide, its top ``height`` m above the ground."""
    sphere = pv.Sphere(radius=0.5, theta_resolution=8, phi_resolution=6).triangulate()
    sphere.points *= [crown, crown, 0.72 * height]
    sphere.points[:, 2] += height - 0.36 * height
    return sphere.clean()


@cache
def tree_crown_far(crown: float = 6.0, height: float = 9.0) -> pv.PolyData:
    """A tree seen from far away (under half the far size on screen): a three-sided pyramid
    as wide as the crown standing on the ground, four triangles (trees are the most numerous
    shape outside, and a software renderer pays per triangle and instance)."""
    r = crown / 2
    angles = np.radians([90.0, 210.0, 330.0])
    base = np.column_stack([r * np.cos(angles), r * np.sin(angles), np.zeros(3)])
    points = np.vstack([base, [[0.0, 0.0, height]]])
    faces = [[0, 1, 3], [1, 2, 3], [2, 0, 3], [0, 2, 1]]
    return shapes.mesh_from_arrays(points, np.array(faces))


@cache
def parked_car_far() -> pv.PolyData:
    """A parked car seen from far away: one box a little smaller than an SU7 (so cars in
    neighbouring bays stay apart), without its floor (10 triangles)."""
    length, width, height = 0.94 * car.SU7.length, 0.96 * car.SU7.width, car.SU7.height
    box = pv.Box(bounds=(-length / 2, length / 2, -width / 2, width / 2, 0.15, 0.85 * height))
    return (
        box.extract_cells(np.flatnonzero(box.cell_centers().points[:, 2] > 0.16))
        .extract_surface(algorithm=None)
        .triangulate()
    )


class OutsideScene:
    """The actors outside the buildings on one plotter, with their level of detail."""

    def __init__(
        self,
        plotter: pv.BasePlotter,
        plant: Plant,
        detail: LevelOfDetail,
        layout: OutsideLayout | None = None,
    ) -> None:
        self.layout = layout if layout is not None else outside_layout(plant)
        self.instanced: dict[str, InstancedShape] = {}
        self.actors: list = []
        self._plotter = plotter
        self._add_trees(plant, detail)
        self._add_cars(detail)
        for name in ("tree-crowns", "parked-car-body"):  # a pixel or two: not drawn on Low
            detail.vanish(self.instanced[name])
        outside = plant.outside
        masses = () if outside is None else outside.neighbours
        masses += () if outside is None or outside.phase2 is None else outside.phase2.buildings
        around = [m for m in (buildings_mesh(masses), fence_mesh(plant)) if m.n_cells]
        if around:  # the buildings around and the fence: one actor
            mesh = around[0].merge(around[1:]) if len(around) > 1 else around[0]
            self.actors.append(
                plotter.add_mesh(
                    bake_light(mesh),
                    scalars="color",
                    rgb=True,
                    lighting=False,  # lit once here: a lit pixel costs more every frame
                    name="outside-buildings",
                    reset_camera=False,
                    pickable=False,
                    show_scalar_bar=False,
                )
            )

    @property
    def trees(self) -> InstancedShape:
        """The tree crowns (one instance per tree)."""
        return self.instanced["tree-crowns"]

    def _instance(
        self,
        name: str,
        source: pv.PolyData,
        count: int,
        detail: LevelOfDetail,
        size: float,
        anchor: InstancedShape | None = None,
        fine: float = 1.0,
        **kwargs: object,
    ) -> InstancedShape:
        shape = InstancedShape(source, count, **kwargs)  # type: ignore[arg-type]
        self.instanced[name] = shape
        for actor in shape.actors:
            self._plotter.renderer.AddActor(actor)
            self.actors.append(actor)
        detail.add(shape, size, anchor, fine=fine)
        return shape

    def _add_trees(self, plant: Plant, detail: LevelOfDetail) -> None:
        layout = self.layout
        trees = plant.outside.trees if plant.outside is not None else None
        crown_m, height = (trees.crown, trees.height) if trees is not None else (6.0, 9.0)
        count = len(layout.trees)
        positions = np.column_stack([layout.trees, np.zeros(count)])
        scale = np.repeat(layout.tree_scale[:, None], 3, axis=1)
        turn = yaw_quaternion(np.arange(count) * 2.4)  # no two crowns' facets line up
        crowns = self._instance(
            "tree-crowns",
            tree_crown(crown_m, height),
            count,
            detail,
            TREE_DETAIL * height,
            far=tree_crown_far(crown_m, height),
        )
        greens = np.array(palette.TREE_CROWNS)
        crowns.update(
            positions=positions,
            orientations=turn,
            scales=scale,
            colors=greens[np.arange(count) * 7 % len(greens)],
        )
        for actor in crowns.actors:
            actor.GetProperty().SetSpecular(0.0)
        trunks = self._instance(
            "tree-trunks",
            tree_trunk(height),
            count,
            detail,
            TREE_DETAIL * height,
            anchor=crowns,
            color=palette.TREE_TRUNK,
        )
        trunks.update(positions=positions, orientations=turn, scales=scale)

    def _add_cars(self, detail: LevelOfDetail) -> None:
        layout = self.layout
        count = len(layout.cars)
        positions = np.column_stack([layout.cars, np.zeros(count)])
        turn = yaw_quaternion(layout.car_yaw)
        colors = np.array(palette.PARKED_CARS)[layout.car_color] if count else None
        body = self._instance(
            "parked-car-body",
            shapes.car_body(),
            count,
            detail,
            CAR_SIZE,
            fine=PARKED_FINE,
            far=shapes.car_far(),
            tiny=parked_car_far(),
        )
        body.update(positions=positions, orientations=turn, colors=colors)
        body.actor.GetProperty().SetSpecular(0.5)
        glass, wheels = shapes.car_glass_far(), shapes.car_wheels_far()
        for name, source, far, color in (
            ("parked-car-glass", shapes.car_glass(), glass, palette.PARKED_CAR_GLASS),
            ("parked-car-wheels", shapes.car_wheels(), wheels, palette.PARKED_CAR_TYRES),
            ("parked-car-rims", shapes.car_rims(), None, PARKED_CAR_RIMS),  # near only
        ):
            shape = self._instance(
                name, source, count, detail, CAR_SIZE, body, PARKED_FINE, color=color, far=far
            )
            shape.update(positions=positions, orientations=turn)


# -- merged meshes ----------------------------------------------------------------------------


def bake_light(mesh: pv.PolyData) -> pv.PolyData:
    """``mesh`` with its cells' colours shaded once by the scene's sun and fill light (static
    buildings need no per-frame lighting); faces are lit from either side, like VTK's."""
    normals = mesh.compute_normals(cell_normals=True, point_normals=False)["Normals"]
    light = np.full(len(normals), AMBIENT)
    for direction, strength in LIGHTS:
        towards = np.asarray(direction, dtype=float) / np.linalg.norm(direction)
        light += strength * np.abs(normals @ towards)
    shaded = mesh.copy()
    colors = shaded.cell_data["color"].astype(float) * np.clip(light, 0.0, 1.0)[:, None]
    shaded.cell_data["color"] = np.clip(colors, 0, 255).astype(np.uint8)
    return shaded


class _Soup:
    """Faces collected as plain arrays and made into one mesh at the end (a PolyData per
    piece and VTK's merge cost most of the outside's start-up)."""

    def __init__(self) -> None:
        self.points: list[np.ndarray] = []
        self.cells: list[np.ndarray] = []  # VTK's flat layout: n, ids..., n, ids...
        self.colors: list[np.ndarray] = []
        self.count = 0  # points so far

    def add(self, points: np.ndarray, faces: np.ndarray, color: np.ndarray) -> None:
        """Faces ((K, n) indices into ``points``) coloured ``color`` (RGB 0-1, or (K, 3))."""
        faces = np.asarray(faces, dtype=np.int64)
        sizes = np.full((len(faces), 1), faces.shape[1])
        self.cells.append(np.hstack([sizes, faces + self.count]).ravel())
        self.points.append(np.asarray(points, dtype=float))
        self.count += len(points)
        color = np.broadcast_to(np.asarray(color, dtype=float), (len(faces), 3))
        self.colors.append(np.clip(color * 255, 0, 255).astype(np.uint8))

    def prism(
        self, polygon: np.ndarray, z0: float, z1: float, walls: object, roof: object = None
    ) -> None:
        """The walls (coloured ``walls``) and, with ``roof``, the roof of ``polygon`` extruded
        from ``z0`` to ``z1``."""
        polygon = np.asarray(polygon, dtype=float)
        count = len(polygon)
        bottom = np.column_stack([polygon, np.full(count, z0)])
        top = np.column_stack([polygon, np.full(count, z1)])
        i = np.arange(count)
        j = (i + 1) % count
        self.add(np.vstack([bottom, top]), np.stack([i, j, j + count, i + count], axis=1), walls)
        if roof is not None:
            self.add(top, i[None], roof)

    def box(
        self, center: np.ndarray, size: tuple[float, float, float], z0: float, color: object
    ) -> None:
        """An axis-aligned box standing at ``center`` from height ``z0``."""
        (x, y), (dx, dy, dz) = center, size
        self.add(_BOX_CORNERS * [dx, dy, dz] + [x - dx / 2, y - dy / 2, z0], _BOX_FACES, color)

    def mesh(self) -> pv.PolyData:
        """One triangle mesh of everything added, its colours in the cell array 'color'."""
        if not self.cells:
            return pv.PolyData()
        mesh = pv.PolyData(np.vstack(self.points), np.concatenate(self.cells))
        mesh.cell_data["color"] = np.vstack(self.colors)
        return mesh.triangulate()


_BOX_CORNERS = np.array([[x, y, z] for z in (0, 1) for y in (0, 1) for x in (0, 1)], float)
_BOX_FACES = np.array(  # two triangles a face, wound outward
    [
        [0, 2, 3], [0, 3, 1], [4, 5, 7], [4, 7, 6], [0, 1, 5], [0, 5, 4],
        [2, 6, 7], [2, 7, 3], [0, 4, 6], [0, 6, 2], [1, 3, 7], [1, 7, 5],
    ]
)  # fmt: skip


def _shade(color: tuple[float, float, float], key: str) -> tuple[float, float, float]:
    """``color`` a little lighter or darker, always the same for ``key``."""
    factor = 0.92 + 0.16 * (zlib.crc32(key.encode()) % 100) / 100
    return tuple(float(min(1.0, c * factor)) for c in color)  # type: ignore[return-value]


def buildings_mesh(masses: tuple[Mass, ...]) -> pv.PolyData:
    """Every outside building as one mesh coloured per cell: walls and roof by kind; a
    building under construction has walls up to its progress, bare steel columns and roof
    edge beams to its full height, and a tower crane."""
    soup = _Soup()
    for mass in masses:
        walls_color, roof_color = palette.OUTSIDE_BUILDINGS[mass.kind]
        if mass.progress >= 1.0:
            solar = mass.solar and _solar_roof(soup, mass, roof_color, walls_color)
            if not solar:
                soup.prism(
                    mass.footprint, 0.0, mass.height, _shade(walls_color, mass.id), roof_color
                )
            continue
        soup.prism(mass.footprint, 0.0, mass.progress * mass.height, palette.CONCRETE)
        soup.add(  # the floor slab's top
            np.column_stack([mass.footprint, np.full(len(mass.footprint), 0.03)]),
            np.arange(len(mass.footprint))[None],
            palette.CONCRETE,
        )
        corners = np.asarray(mass.footprint, dtype=float)
        for a, b in zip(corners, np.roll(corners, -1, axis=0), strict=True):
            length = float(np.linalg.norm(b - a))
            for t in np.linspace(0.0, 1.0, max(2, int(length / 12) + 1))[:-1]:
                soup.box(a + t * (b - a), (0.6, 0.6, mass.height), 0.0, palette.STEEL)
            beam = np.array([a, b, b + 0.01, a + 0.01])
            soup.prism(beam, mass.height - 0.8, mass.height, palette.STEEL)
        centre = corners.mean(axis=0)
        top = mass.height + CRANE_HEIGHT
        soup.box(centre, (1.8, 1.8, top), 0.0, palette.CRANE_YELLOW)
        soup.box(centre + [14.0, 0.0], (52.0, 1.4, 1.6), top, palette.CRANE_YELLOW)
        soup.box(centre - [14.0, 0.0], (6.0, 3.0, 2.6), top - 1.0, palette.CONCRETE)
    return soup.mesh()


def _solar_roof(
    soup: _Soup,
    mass: Mass,
    roof_color: tuple[float, float, float],
    walls_color: tuple[float, float, float],
) -> bool:
    """A rectangular building whose flat roof is laid as bands along its longer side, every
    other band of dark solar panels, 6 m clear of the edges: panels in the roof itself, not
    over it (a software renderer pays for each layer drawn over another). False (nothing
    added) when the footprint is not an upright rectangle."""
    (x0, y0), (x1, y1) = mass.footprint.min(axis=0), mass.footprint.max(axis=0)
    if (
        len(mass.footprint) != 4
        or abs(abs(polygon_area(mass.footprint)) - (x1 - x0) * (y1 - y0)) > 1
    ):
        return False
    soup.prism(mass.footprint, 0.0, mass.height, _shade(walls_color, mass.id))
    flip = (x1 - x0) < (y1 - y0)  # bands run along x; swap axes for a building long in y
    (u0, u1), (v0, v1) = ((y0, y1), (x0, x1)) if flip else ((x0, x1), (y0, y1))
    edges_v = [v0, v0 + 6.0]
    while edges_v[-1] + 3.5 <= v1 - 6.0:
        edges_v.append(edges_v[-1] + 3.5)
    edges_v.append(v1)
    edges_u = [u0, u0 + 6.0, u1 - 6.0, u1]
    quads, colors = [], []
    for row, (a, b) in enumerate(zip(edges_v[:-1], edges_v[1:], strict=True)):
        panels = row % 2 == 1 and b <= v1 - 6.0 + 1e-9
        for col, (c, d) in enumerate(zip(edges_u[:-1], edges_u[1:], strict=True)):
            corners = np.array([[c, a], [d, a], [d, b], [c, b]])
            quads.append(corners[:, ::-1] if flip else corners)
            colors.append(palette.SOLAR if panels and col == 1 else roof_color)
    points = np.column_stack([np.vstack(quads), np.full(4 * len(quads), mass.height)])
    soup.add(points, np.arange(len(points)).reshape(-1, 4), np.array(colors))
    return True


def fence_mesh(plant: Plant) -> pv.PolyData:
    """A fence along the site's boundary (and Phase II's), open at the gates and where a
    street goes through, as one mesh."""
    outside = plant.outside
    if outside is None or outside.fence_height <= 0:
        return pv.PolyData()
    loops = [plant.boundary] + ([outside.phase2.boundary] if outside.phase2 else [])
    height = outside.fence_height
    quads: list[np.ndarray] = []
    for loop in loops:
        loop = np.asarray(loop, dtype=float)
        for a, b in zip(loop, np.roll(loop, -1, axis=0), strict=True):
            length = float(np.linalg.norm(b - a))
            t = np.linspace(0.0, 1.0, max(2, int(length / 2.0) + 1))
            points = a + t[:, None] * (b - a)
            open_ = np.zeros(len(points), dtype=bool)
            for gate in plant.gates:
                open_ |= np.linalg.norm(points - gate.position, axis=1) < gate.width / 2
            for street in outside.streets:
                open_ |= distance_to_polyline(points, street.points) < street.width / 2 + 1.0
            start = None
            for index, closed in enumerate(~open_):
                if closed and start is None:
                    start = index
                if start is not None and (not closed or index == len(points) - 1):
                    end = index if closed else index - 1
                    if end > start:
                        p, q = points[start], points[end]
                        quads.append(np.array([[*p, 0], [*q, 0], [*q, height], [*p, height]]))
                    start = None
    if not quads:
        return pv.PolyData()
    soup = _Soup()
    points = np.vstack(quads)
    soup.add(points, np.arange(len(points)).reshape(-1, 4), palette.FENCE)
    return soup.mesh()
