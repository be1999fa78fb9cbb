"""No tree crown sticks through a wall: every crown, as drawn (its mesh, at its tree's scale),
stays outside every building's footprint, the plant's and those around it."""

from __future__ import annotations

import numpy as np

from viewer.model.geometry import inside_polygon
from viewer.model.plant.surroundings import distance_to_polyline, outside_layout
from viewer.scene.plant.surroundings import tree_crown, tree_crown_far


def crown_radius(plant) -> float:
    """How far the drawn crown (near or far shape) reaches sideways from its trunk, at scale 1."""
    trees = plant.outside.trees
    return max(
        float(np.linalg.norm(shape.points[:, :2], axis=1).max())
        for shape in (
            tree_crown(trees.crown, trees.height),
            tree_crown_far(trees.crown, trees.height),
        )
    )


def test_no_crown_overlaps_a_buildings_footprint(plant):
    layout = outside_layout(plant)
    assert len(layout.trees) > 500  # the roads are still lined
    reach = crown_radius(plant) * layout.tree_scale  # each tree's crown at its own size
    assert reach.max() >= 1.15 * plant.outside.trees.crown / 2  # the largest trees are larger
    footprints = [(b.id, b.footprint) for b in plant.buildings]
    masses = plant.outside.neighbours + (
        plant.outside.phase2.buildings if plant.outside.phase2 else ()
    )
    footprints += [(m.id, m.footprint) for m in masses]
    for name, footprint in footprints:
        gap = distance_to_polyline(layout.trees, footprint, closed=True)
        inside = inside_polygon(layout.trees, footprint)
        through = inside | (gap < reach)
        assert not through.any(), (
            f"{through.sum()} crowns reach into {name}, e.g. a tree at "
            f"{layout.trees[through][0].round(1).tolist()}"
        )
