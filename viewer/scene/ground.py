"""Flat things on the ground: the site, roads, the test track, lots, floors, painted lanes.

Each material is one merged mesh and one actor, whatever the number of roads or lanes.
"""

from __future__ import annotations

import numpy as np
import pyvista as pv

from viewer.model.geometry import inset_polygon, offset_polyline, ribbon
from viewer.model.layout import Plant
from viewer.scene import palette
from viewer.scene.shapes import mesh_from_arrays


def polygon_mesh(points: np.ndarray, z: float) -> pv.PolyData:
    """A flat polygon at height ``z``, triangulated."""
    verts = np.column_stack([points, np.full(len(points), z)])
    return pv.PolyData(verts, np.r_[len(points), np.arange(len(points))]).triangulate()


def ribbons(strips: list[tuple[np.ndarray, float, bool]], z: float) -> pv.PolyData:
    """Merge ribbons (points, width, closed) into one mesh at height ``z``."""
    meshes = [mesh_from_arrays(*ribbon(p, w, closed, z)) for p, w, closed in strips]
    return meshes[0].merge(meshes[1:]) if len(meshes) > 1 else meshes[0]


def _merge(meshes: list[pv.PolyData]) -> pv.PolyData:
    return meshes[0].merge(meshes[1:]) if len(meshes) > 1 else meshes[0]


def ground_layers(plant: Plant) -> list[tuple[str, pv.PolyData, tuple[float, float, float]]]:
    """(name, mesh, colour) of every ground layer, lowest first."""
    (x0, y0), (x1, y1) = plant.boundary.min(axis=0), plant.boundary.max(axis=0)
    margin = 3.0 * max(x1 - x0, y1 - y0)  # the land around the site, to the horizon
    corners = [[x0, y0], [x1, y0], [x1, y1], [x0, y1]]
    around = inset_polygon(np.array(corners, dtype=float), -margin)
    layers = [
        ("surroundings", polygon_mesh(around, -0.3), palette.SURROUNDINGS),
        ("site", polygon_mesh(plant.boundary, -0.05), palette.GRASS),
    ]
    if plant.roads:
        layers.append(
            (
                "roads",
                ribbons([(r.points, r.width, False) for r in plant.roads], 0.0),
                palette.ASPHALT,
            )
        )
    track = plant.track
    layers.append(("track", ribbons([(track.centerline, track.width, True)], 0.01), palette.TRACK))
    edge = (track.width - 0.6) / 2
    edges = [(offset_polyline(track.centerline, side * edge, True), 0.25, True) for side in (1, -1)]
    layers.append(("track-lines", ribbons(edges, 0.03), palette.TRACK_LINE))
    if plant.lots:
        layers.append(
            ("lots", _merge([polygon_mesh(lot.footprint, 0.02) for lot in plant.lots]), palette.LOT)
        )
    for kind, color in palette.FLOORS.items():
        floors = [polygon_mesh(b.footprint, 0.04) for b in plant.buildings if b.kind == kind]
        if floors:
            layers.append((f"floors-{kind}", _merge(floors), color))
    lines = [  # a walkway band painted along the walls of each workshop
        (inset_polygon(b.footprint, inset), 0.25, True)
        for b in plant.buildings
        if b.kind == "workshop"
        for inset in (3.0, 7.0)
    ]
    if lines:
        layers.append(("floor-lines", ribbons(lines, 0.05), palette.FLOOR_LINE))
    if plant.aisles:
        lanes = [(lane.points, lane.width, False) for lane in plant.aisles]
        edge_lines = [(lane.points, lane.width + 0.5, False) for lane in plant.aisles]
        layers.append(("aisle-edges", ribbons(edge_lines, 0.06), palette.AISLE_EDGE))
        layers.append(("aisles", ribbons(lanes, 0.08), palette.VISITOR_AISLE))
    agv_lanes = [(spec.points, 0.3, True) for spec in plant.equipment if hasattr(spec, "agvs")]
    if agv_lanes:
        layers.append(("agv-lanes", ribbons(agv_lanes, 0.07), palette.AGV_LANE))
    return layers
