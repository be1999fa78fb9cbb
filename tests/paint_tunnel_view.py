"""A seat on the paint shop's gallery aisle, square to line 1's light tunnel: where a visitor sees
the tunnel through the gallery's glass (the paint stop itself faces line 1's last booth)."""

from __future__ import annotations

import numpy as np

from viewer.model.geometry import heading_frame
from viewer.model.plant.layout import Plant

LINE = "paint-line-1"
AISLE = "paint-gallery"


def tunnel_view(plant: Plant) -> tuple[np.ndarray, np.ndarray, float, np.ndarray]:
    """Eye, focal point and view angle of a seat on the gallery's aisle looking square at line
    1's light tunnel (its last section), and the tunnel's box (x0, y0, z0, x1, y1, z1)."""
    line = next(spec for spec in plant.equipment if spec.id == LINE)
    along, normal, _ = heading_frame(line.heading_deg)
    end = line.start + along * line.length
    start = end - along * line.sections[-1].length
    corners = np.array([start + normal * line.width / 2, end - normal * line.width / 2])
    box = np.array([*corners.min(axis=0), 0.0, *corners.max(axis=0), 3.9])
    aisle = next(lane for lane in plant.aisles if lane.id == AISLE)
    x = (box[0] + box[3]) / 2
    eye = np.array([x, aisle.points[0][1], 1.55])
    return eye, np.array([x, (box[1] + box[4]) / 2, 1.6]), 70.0, box
