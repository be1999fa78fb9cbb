"""The glass bridge over the test track's fast straight: a glazed footbridge on two stair towers.

:class:`Bridge` is the optional ``bridge`` table of the layout's ``[track]``; :func:`add_bridge`
adds its parts (towers, deck, glass sides and roof) as boxes under the equipment id of the
bridge, so a tour stop can name it as its subject. The glazing is pale tinted glass (the
translucent ``glass`` role in a few layers, so the tint shows against the sky) divided by slim
white-painted frames, the towers' landings and roofs are light edge beams, not slabs, and the
slim deck has a pale underside: from the road the bridge reads as a glazed tube on two glazed
stair towers, not as dark slabs. The towers
stand beyond the ends of the span, clear of the track under it.

Examples
--------
>>> from viewer.model.plant.layout import load_plant
>>> from viewer.model.plant.parts import PartsBuilder
>>> bridge = load_plant().track.bridge
>>> builder = PartsBuilder()
>>> add_bridge(builder, bridge)
>>> extent = builder.build().extents[bridge.id]
>>> bool(extent[5] > bridge.deck_height)
True
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from viewer.model.fields import Fields
from viewer.model.geometry import heading_frame
from viewer.model.plant.parts import PartsBuilder

TOWER_SIDE = 4.0  # m: the stair towers at both ends
GLASS_HEIGHT = 2.6  # m: the glazed sides and roof above the deck
DECK_DEPTH = 0.6  # m: a slim deck (a deep one read as a dark slab)
SOFFIT_ROLE = "light_tunnel"  # the deck's pale underside, drawn in its own colour (facing
# down, away from every light, a lit underside is black)
MULLION_PITCH = 2.0  # m between the slim light frames that hold the glass
FRAME = 0.12  # m: a mullion's or a transom's section
POST = 0.22  # m: a tower's corner posts
LANDING_PITCH = 3.2  # m: one storey of the stair towers
GLASS_ROLE = "glass"  # see-through (a translucent role), pale blue
PANE = 0.03  # m: a pane's thickness
PANE_GAP = 0.08  # m between the layers of the glazing
PANES = 3  # layers to a side: their tints add up, so the glass shows against the sky
RAIL_HEIGHT = 1.05  # m: the handrails inside, seen through the glass
FRAME_ROLE = "plinth"  # white-painted steel: light frames (dark ones read as slabs)
DECK_ROLE = "plinth"  # the deck's white fascia


@dataclass(frozen=True)
class Bridge:
    """A footbridge across the track: middle, heading of its span, span, width, deck height."""

    id: str
    at: np.ndarray  # (x, y) of its middle
    heading_deg: float  # direction of the span
    span: float  # m between the towers' inner faces
    width: float
    deck_height: float  # underside of the deck above the track


def read_bridge(item: Fields) -> Bridge:
    """Check the track's ``bridge`` table."""
    item.estimated()
    return Bridge(
        id=item.string("id"),
        at=item.vector("at", 2),
        heading_deg=item.number("heading_deg", 90.0, minimum=-360, maximum=360),
        span=item.number("span_m", minimum=4, maximum=200),
        width=item.number("width_m", minimum=1.5, maximum=20),
        deck_height=item.number("deck_height_m", minimum=3, maximum=30),
    )


def tower_centres(bridge: Bridge) -> np.ndarray:
    """(2, 2): the middles of the two stair towers, just beyond the ends of the span."""
    along, _, _ = heading_frame(bridge.heading_deg)
    reach = bridge.span / 2 + TOWER_SIDE / 2
    return np.array([bridge.at + along * reach, bridge.at - along * reach])


def add_bridge(builder: PartsBuilder, bridge: Bridge) -> None:
    """Towers, deck and the glass tube of ``bridge``: pale glass between slim light frames."""
    along, normal, yaw = heading_frame(bridge.heading_deg)
    builder.equipment = bridge.id
    top = bridge.deck_height + DECK_DEPTH
    for tower in tower_centres(bridge):
        _add_tower(builder, tower, yaw, top + GLASS_HEIGHT + 0.4)
    span, width = bridge.span, bridge.width
    builder.box(bridge.at, (span, width, DECK_DEPTH), yaw, DECK_ROLE, bridge.deck_height)
    soffit = (span - 0.1, width - 0.1, 0.02)
    builder.box(bridge.at, soffit, yaw, SOFFIT_ROLE, bridge.deck_height - 0.02)
    for side in (1, -1):  # the glazed sides, a top chord above each and a sill at the foot
        edge = bridge.at + normal * side * (width / 2 - FRAME / 2)
        for pane in range(PANES):
            glass = edge - normal * side * pane * PANE_GAP
            builder.box(glass, (span, PANE, GLASS_HEIGHT), yaw, GLASS_ROLE, top)
        rail = edge - normal * side * 0.35
        builder.box(rail, (span, 0.06, 0.06), yaw, FRAME_ROLE, top + RAIL_HEIGHT)
        builder.box(edge, (span, FRAME, 0.18), yaw, FRAME_ROLE, top + GLASS_HEIGHT - 0.18)
        builder.box(edge, (span, FRAME, FRAME), yaw, FRAME_ROLE, top)
    for pane in range(PANES):
        z = top + GLASS_HEIGHT - pane * PANE_GAP
        builder.box(bridge.at, (span, width, PANE), yaw, GLASS_ROLE, z)
    bays = max(int(round(span / MULLION_PITCH)), 1)
    for k in range(bays + 1):  # mullions both sides, joined by a frame over the roof
        at = bridge.at + along * (k * span / bays - span / 2)
        for side in (1, -1):
            post = at + normal * side * (width / 2 - FRAME / 2)
            builder.box(post, (FRAME, FRAME, GLASS_HEIGHT), yaw, FRAME_ROLE, top)
        builder.box(at, (FRAME, width, FRAME), yaw, FRAME_ROLE, top + GLASS_HEIGHT)
    builder.equipment = ""


def _add_tower(builder: PartsBuilder, at: np.ndarray, bridge_yaw: float, height: float) -> None:
    """A glazed stair tower: light corner posts and a light band at every landing round a
    skin of pale glass, and a light frame round its glass roof."""
    along, normal, yaw = heading_frame(np.degrees(bridge_yaw))
    side = TOWER_SIDE
    for pane in range(PANES):
        inset = 0.1 + 2 * pane * PANE_GAP
        builder.box(at, (side - inset, side - inset, height - 0.3), yaw, GLASS_ROLE)
    half = (side - POST) / 2
    for a in (1, -1):
        for b in (1, -1):
            corner = at + along * a * half + normal * b * half
            builder.box(corner, (POST, POST, height), yaw, FRAME_ROLE)
    for level in np.arange(LANDING_PITCH, height - 1.0, LANDING_PITCH):  # a band a storey
        for a in (1, -1):
            builder.box(at + along * a * half, (POST, side, 0.25), yaw, FRAME_ROLE, float(level))
            builder.box(at + normal * a * half, (side, POST, 0.25), yaw, FRAME_ROLE, float(level))
    for a in (1, -1):  # the roof: a light frame round a glass pane
        builder.box(at + along * a * half, (POST, side, 0.3), yaw, FRAME_ROLE, height - 0.3)
        builder.box(at + normal * a * half, (side, POST, 0.3), yaw, FRAME_ROLE, height - 0.3)
    builder.box(at, (side - 0.1, side - 0.1, 0.03), yaw, GLASS_ROLE, height - 0.1)
