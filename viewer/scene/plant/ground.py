"""Flat things on the ground: the site, roads, the test track and its kerbs, lots with their
bays, floors, painted lanes.

Each material is one merged mesh and one actor, whatever the number of roads or lanes. The base
layer (the land around the site, the site, the workshop floors) does not overlap: the site has
holes where the floors are and the land around it a hole where the site is, so each pixel of
it is drawn once (a software renderer pays for every layer drawn over another).
"""

from __future__ import annotations

import numpy as np
import pyvista as pv
from vtkmodules.vtkFiltersGeneral import vtkContourTriangulator

from viewer.model.geometry import (
    inset_polygon,
    offset_polyline,
    polygon_area,
    ribbon,
    runs_inside,
)
from viewer.model.plant.layout import Plant
from viewer.model.plant.surroundings import (
    LINE_WIDTH,
    OutsideLayout,
    lot_lines,
    outside_layout,
)
from viewer.model.plant.track_dressing import (
    kerb_blocks,
    pad_outline,
    skid_pad_rings,
    trial_patches,
)
from viewer.scene import palette
from viewer.scene.shapes import mesh_from_arrays

BASE_Z = -0.05  # the height of the land, the site and the floors (they don't overlap)


def polygon_mesh(points: np.ndarray, z: float) -> pv.PolyData:
    """A flat polygon at height ``z``, triangulated."""
    verts = np.column_stack([points, np.full(len(points), z)])
    return pv.PolyData(verts, np.r_[len(points), np.arange(len(points))]).triangulate()


def polygon_with_holes(outer: np.ndarray, holes: list[np.ndarray], z: float) -> pv.PolyData | None:
    """A flat polygon at height ``z`` with ``holes`` cut out, triangulated; None when the holes
    are not disjoint and inside ``outer`` (the triangulation's area tells).

    >>> square = np.array([[0, 0], [10, 0], [10, 10], [0, 10]], float)
    >>> polygon_with_holes(square, [square / 5 + 2], 0.0).area
    96.0
    >>> polygon_with_holes(square, [square + 5], 0.0) is None
    True
    """
    loops = [np.asarray(outer, float)] + [np.asarray(h, float) for h in holes]
    points = np.vstack([np.column_stack([loop, np.full(len(loop), z)]) for loop in loops])
    lines, start = [], 0
    for loop in loops:
        lines += [len(loop) + 1, *range(start, start + len(loop)), start]
        start += len(loop)
    triangulator = vtkContourTriangulator()
    triangulator.SetInputData(pv.PolyData(points, lines=np.array(lines)))
    triangulator.Update()
    mesh = pv.wrap(triangulator.GetOutput())
    expected = abs(polygon_area(loops[0])) - sum(abs(polygon_area(h)) for h in loops[1:])
    if mesh.n_cells == 0 or not np.isclose(mesh.area, expected, rtol=1e-6, atol=1e-3):
        return None
    return mesh


def ribbons(strips: list[tuple[np.ndarray, float, bool]], z: float) -> pv.PolyData:
    """Merge ribbons (points, width, closed) into one mesh at height ``z``."""
    points, quads, count = [], [], 0
    for line, width, closed in strips:  # one mesh from the arrays (a mesh each and a merge
        verts, faces = ribbon(line, width, closed, z)  # cost ten times as much)
        points.append(verts)
        quads.append(faces + count)
        count += len(verts)
    return mesh_from_arrays(np.vstack(points), np.vstack(quads))


def _merge(meshes: list[pv.PolyData]) -> pv.PolyData:
    return meshes[0].merge(meshes[1:]) if len(meshes) > 1 else meshes[0]


def _cut(outer: np.ndarray, holes: list[np.ndarray], z: float) -> pv.PolyData:
    """``outer`` with ``holes``, or whole at ``z`` if they can't be cut (it's drawn first)."""
    cut = polygon_with_holes(outer, holes, BASE_Z)
    return cut if cut is not None else polygon_mesh(outer, z)


def _site_and_floors(plant: Plant) -> list[tuple[str, pv.PolyData, tuple[float, float, float]]]:
    """The site with a hole under each floor, then the floors by kind: one flat layer at
    :data:`BASE_Z`; if the buildings overlap or leave the site, the floors are drawn over it."""
    floored = [b for b in plant.buildings if b.kind in palette.FLOORS]
    site = polygon_with_holes(plant.boundary, [b.footprint for b in floored], BASE_Z)
    floor_z = BASE_Z if site is not None else 0.04
    layers = [
        ("site", site if site is not None else polygon_mesh(plant.boundary, BASE_Z), palette.GRASS)
    ]
    for kind, color in palette.FLOORS.items():
        floors = [polygon_mesh(b.footprint, floor_z) for b in floored if b.kind == kind]
        if floors:
            layers.append((f"floors-{kind}", _merge(floors), color))
    return layers


def line_pieces(pieces: np.ndarray, width: float, z: float) -> pv.PolyData:
    """Straight painted pieces ((N, 2, 2) start and end points) as thin quads at ``z``."""
    start, end = pieces[:, 0], pieces[:, 1]
    along = end - start
    side = np.column_stack([-along[:, 1], along[:, 0]])
    side *= (width / 2) / np.maximum(np.linalg.norm(side, axis=1, keepdims=True), 1e-9)
    return quads(np.stack([start - side, end - side, end + side, start + side], axis=1), z)


def quads(corners: np.ndarray, z: float) -> pv.PolyData:
    """Flat four-cornered pieces ((N, 4, 2) corners) at ``z`` as one mesh."""
    points = np.column_stack([corners.reshape(-1, 2), np.full(4 * len(corners), z)])
    return mesh_from_arrays(points, np.arange(4 * len(corners)).reshape(-1, 4)).triangulate()


def _outside_layers(
    layout: OutsideLayout, lots: tuple = ()
) -> list[tuple[str, pv.PolyData, tuple[float, float, float]]]:
    """Pavements under the roads' level; paint (road lines, bays of the car parks and of the
    finished-car ``lots``, zebras) just above it."""
    layers = []
    if layout.pavements:
        layers.append(
            (
                "pavements",
                ribbons([(p, w, False) for p, w in layout.pavements], -0.02),
                palette.PAVEMENT,
            )
        )
    white = [line_pieces(layout.lines, LINE_WIDTH, 0.04)] if len(layout.lines) else []
    bays = lot_lines(lots)  # the finished-car lots' bays
    white += [line_pieces(bays, LINE_WIDTH, 0.04)] if len(bays) else []
    white += [quads(layout.zebras, 0.04)] if len(layout.zebras) else []
    if white:
        layers.append(("road-lines", _merge(white), palette.ROAD_LINE))
    if len(layout.center_lines):
        layers.append(
            (
                "road-center-lines",
                line_pieces(layout.center_lines, LINE_WIDTH, 0.04),
                palette.ROAD_CENTER,
            )
        )
    return layers


def ground_layers(
    plant: Plant, layout: OutsideLayout | None = None
) -> list[tuple[str, pv.PolyData, tuple[float, float, float]]]:
    """(name, mesh, colour) of every ground layer, lowest first; ``layout`` is the plant's
    :func:`~viewer.model.plant.surroundings.outside_layout` (placed here if not given)."""
    layout = layout if layout is not None else outside_layout(plant)
    streets = plant.outside.streets if plant.outside is not None else ()
    parking = plant.outside.parking if plant.outside is not None else ()
    (x0, y0), (x1, y1) = plant.boundary.min(axis=0), plant.boundary.max(axis=0)
    margin = 3.0 * max(x1 - x0, y1 - y0)  # the land around the site, to the horizon
    corners = [[x0, y0], [x1, y0], [x1, y1], [x0, y1]]
    around = inset_polygon(np.array(corners, dtype=float), -margin)
    layers = [
        ("surroundings", _cut(around, [plant.boundary], -0.3), palette.SURROUNDINGS),
        *_site_and_floors(plant),
    ]
    roads = [(r.points, r.width, False) for r in plant.roads]
    roads += [(s.points, s.width, False) for s in streets]
    pavements = _outside_layers(layout, plant.lots)
    layers += [layer for layer in pavements if layer[0] == "pavements"]
    if roads:
        layers.append(("roads", ribbons(roads, 0.0), palette.ASPHALT))
    track = plant.track
    loops = [(track.centerline, track.width)]  # the test track and its infield's trial track
    trial = getattr(track, "trial", None)
    loops += [(trial.centerline, trial.width)] if trial is not None else []
    paved = [ribbons([(c, w, True) for c, w in loops], 0.01)]
    pad = getattr(track, "skid_pad", None)
    paved += [polygon_mesh(pad_outline(pad), 0.01)] if pad is not None else []
    layers.append(("track", _merge(paved), palette.TRACK))
    edges = [
        (offset_polyline(centre, side * (width - 0.6) / 2, True), 0.25, True)
        for centre, width in loops
        for side in (1, -1)
    ]
    edges += [(ring, 0.3, True) for ring in skid_pad_rings(pad)]  # the pad's painted circles
    edges += [(inset_polygon(pad_outline(pad), 0.6), 0.25, True)] if pad is not None else []
    layers.append(("track-lines", ribbons(edges, 0.03), palette.TRACK_LINE))
    for kind, patches in trial_patches(trial).items():
        if len(patches):  # its patches of test road
            layers.append((f"trial-{kind}", quads(patches, 0.02), palette.TRIAL_SURFACES[kind]))
    red, white = kerb_blocks(track, getattr(track, "dressing", None))
    for name, blocks, color in (
        ("kerbs-red", red, palette.KERB_RED),
        ("kerbs-white", white, palette.KERB_WHITE),
    ):
        if len(blocks):  # the bends' kerbs, just outside both edges
            layers.append((name, quads(blocks, 0.035), color))
    lots = [lot.footprint for lot in plant.lots] + [lot.footprint for lot in parking]
    if lots:  # finished-car lots and car parks
        layers.append(("lots", _merge([polygon_mesh(f, 0.02) for f in lots]), palette.LOT))
    layers += [layer for layer in pavements if layer[0] != "pavements"]
    lines = [  # a walkway band painted along the walls of each workshop
        (inset_polygon(b.footprint, inset), 0.25, True)
        for b in plant.buildings
        if b.kind == "workshop"
        for inset in (3.0, 7.0)
    ]
    if lines:
        layers.append(("floor-lines", ribbons(lines, 0.05), palette.FLOOR_LINE))
    painted = painted_lanes(plant)
    if painted:
        lanes = [(points, width, False) for points, width in painted]
        edge_lines = [(points, width + 0.5, False) for points, width in painted]
        layers.append(("aisle-edges", ribbons(edge_lines, 0.06), palette.AISLE_EDGE))
        layers.append(("aisles", ribbons(lanes, 0.08), palette.VISITOR_AISLE))
    agv_lanes = [(spec.points, 0.3, True) for spec in plant.equipment if hasattr(spec, "agvs")]
    if agv_lanes:
        layers.append(("agv-lanes", ribbons(agv_lanes, 0.07), palette.AGV_LANE))
    return layers


def painted_lanes(plant: Plant) -> list[tuple[np.ndarray, float]]:
    """The stretches of the visitor aisles painted on the floor: (points, width) of each run
    inside a workshop, cut at its walls. Outdoors the shuttle drives on the plant's roads, and
    the halls' floors (the lobby's polished stone, the cafeteria's tiles) carry no walkway
    paint."""
    workshops = [b.footprint for b in plant.buildings if b.kind == "workshop"]
    return [
        (run, lane.width)
        for lane in plant.aisles
        for run in runs_inside(lane.points, workshops)
        if len(run) > 1
    ]
