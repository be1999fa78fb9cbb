"""The glass bridge over the test track's fast straight: a glazed footbridge on two stair towers.

:class:`Bridge` is the optional ``bridge`` table of the layout's ``[track]``; :func:`add_bridge`
adds its parts (towers, deck, glass sides and roof) as boxes under the equipment id of the
bridge, so a tour stop can name it as its subject.

Examples
--------
>>> from viewer.model.layout import load_plant
>>> from viewer.model.parts import PartsBuilder
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
from viewer.model.parts import PartsBuilder

TOWER_SIDE = 4.5  # m: the stair towers at both ends
GLASS_HEIGHT = 2.6  # m: the glazed sides and roof above the deck
DECK_DEPTH = 0.9  # m
RIB_PITCH = 3.0  # m between the white frames that hold the glass
LANDING_PITCH = 3.2  # m: one storey of the stair towers


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


def add_bridge(builder: PartsBuilder, bridge: Bridge) -> None:
    """Towers, deck, glass sides and roof of ``bridge``."""
    along, normal, yaw = heading_frame(bridge.heading_deg)
    builder.equipment = bridge.id
    top = bridge.deck_height + DECK_DEPTH
    for side in (1, -1):
        tower = bridge.at + along * side * (bridge.span / 2 + TOWER_SIDE / 2)
        _add_tower(builder, tower, yaw, top + GLASS_HEIGHT + 0.4)
    deck = (bridge.span, bridge.width, DECK_DEPTH)
    builder.box(bridge.at, deck, yaw, "plinth", bridge.deck_height)
    for side in (1, -1):
        edge = bridge.at + normal * side * (bridge.width / 2 - 0.05)
        builder.box(edge, (bridge.span, 0.1, GLASS_HEIGHT), yaw, "window", top)
        builder.box(edge, (bridge.span, 0.25, 0.25), yaw, "light_tunnel", top + GLASS_HEIGHT)
    builder.box(bridge.at, (bridge.span, bridge.width, 0.08), yaw, "window", top + GLASS_HEIGHT)
    ribs = int(bridge.span // RIB_PITCH)
    for k in range(1, ribs):  # the white frames round the glass tube
        at = bridge.at + along * (k * bridge.span / ribs - bridge.span / 2)
        for side in (1, -1):
            post = at + normal * side * (bridge.width / 2 - 0.1)
            builder.box(post, (0.2, 0.2, GLASS_HEIGHT), yaw, "light_tunnel", top)
        builder.box(at, (0.2, bridge.width, 0.2), yaw, "light_tunnel", top + GLASS_HEIGHT)
    builder.equipment = ""


def _add_tower(builder: PartsBuilder, at: np.ndarray, bridge_yaw: float, height: float) -> None:
    """A glazed stair tower: white corner posts, landing bands and roof round a tinted glass skin
    (drawn as the opaque window tint: see-through glass vanishes against the sky)."""
    along, normal, yaw = heading_frame(np.degrees(bridge_yaw))
    side, post = TOWER_SIDE, 0.3
    inner = side - 2 * post
    builder.box(at, (inner, inner, height - 0.3), yaw, "window")
    half = (side - post) / 2
    for a in (1, -1):
        for b in (1, -1):
            corner = at + along * a * half + normal * b * half
            builder.box(corner, (post, post, height), yaw, "light_tunnel")
    for level in np.arange(0.0, height - 1.0, LANDING_PITCH):  # a landing at every storey
        builder.box(at, (side, side, 0.3), yaw, "light_tunnel", float(level))
    builder.box(at, (side + 0.2, side + 0.2, 0.5), yaw, "light_tunnel", height - 0.5)
