"""A paint booth of an enclosed paint line, as a visitor sees it through its windows.

The booth is a long white room over the line's conveyor: a glowing filter ceiling (the bright
white light of a real booth) and along each side a wall. Where visitors may look in, a side is
glazed from a low sill up to the ceiling (:data:`WINDOW`), so that the painting robots on their
rails on both sides of the body and the lit ceiling are seen from a gallery; the side turned
away from the visitors (``far``) is a closed white wall lined with glowing light panels, against
which the white robots and the coloured body read. The robots and their rails are added by the
paint line itself (:mod:`viewer.model.plant.equipment`). A booth is a few boxes (seven, or ten
with a lit wall of :data:`PANEL_PITCH` panels): the plant has many.

Examples
--------
>>> import numpy as np
>>> from viewer.model.plant.parts import BOX_ROLES, PartsBuilder
>>> builder = PartsBuilder()
>>> along, normal = np.array([1.0, 0.0]), np.array([0.0, 1.0])
>>> paint_booth(builder, np.zeros(2), along, normal, 0.0, (26.0, 7.0, 5.5), far=1)
>>> roles = [BOX_ROLES[i] for i in builder.build().boxes.role]
>>> roles.count("glass"), roles.count("light_tunnel")  # one glazed side; ceiling and 5 panels
(1, 6)
"""

from __future__ import annotations

import numpy as np

from viewer.model.plant.enclosures import glazed_wall
from viewer.model.plant.parts import PartsBuilder

WINDOW = (0.3, 5.0)  # m: a booth's window band, sill to head: bodies whole, to the ceiling
CEILING = 0.5  # m: the glowing filter ceiling's depth, under the booth's top
PANEL_PITCH = 5.2  # m: the far wall's light panels, one per bay
WALL = 0.12  # m: wall thickness


def paint_booth(
    builder: PartsBuilder,
    middle: np.ndarray,
    along: np.ndarray,
    normal: np.ndarray,
    yaw: float,
    size: tuple[float, float, float],
    far: int = 0,
) -> None:
    """A booth of ``size`` (length, width, height) centred on ``middle``, its length along
    ``along``; ``far`` (1 or -1: the side ``normal * far``, 0: none) is the side visitors do
    not look in from: a closed wall with light panels instead of windows."""
    length, width, height = size
    half = along * length / 2
    builder.box(middle, (length, width, CEILING), yaw, "light_tunnel", height - CEILING)
    for side in (1, -1):
        edge = middle + normal * side * width / 2
        if side == far:
            _lit_wall(builder, edge, along, normal * side, yaw, length, height)
        else:
            glazed_wall(builder, edge - half, edge + half, height, window=WINDOW)


def _lit_wall(
    builder: PartsBuilder,
    edge: np.ndarray,
    along: np.ndarray,
    outward: np.ndarray,
    yaw: float,
    length: float,
    height: float,
) -> None:
    """A closed white wall along ``edge`` with a glowing light panel in each bay on its inner
    face (``outward`` points away from the booth's middle)."""
    builder.box(edge, (length, WALL, height), yaw, "enclosure")
    bays = max(1, round(length / PANEL_PITCH))
    bay = length / bays
    inner = edge - outward * (WALL / 2 + 0.03)
    for k in range(bays):
        at = inner + along * ((k + 0.5) * bay - length / 2)
        builder.box(at, (bay - 0.35, 0.04, WINDOW[1] - WINDOW[0]), yaw, "light_tunnel", WINDOW[0])
