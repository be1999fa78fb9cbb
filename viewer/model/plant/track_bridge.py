"""The glass bridge over the test track's fast straight, and the dressed stretch of track under it.

:class:`Bridge` is the optional ``bridge`` table of the layout's ``[track]``; :func:`add_bridge`
adds its parts as boxes under the equipment id of the bridge, so a tour stop can name it as its
subject. It is a glazed footbridge, not a lattice:

* a solid white deck slab;
* glazed walls on both sides (the opaque ``window`` role: pale blue glass, as the halls' window
  bands) divided by slim white mullions, with a white handrail line across them at balustrade
  height;
* a flat white roof slab with eaves over the glass;
* at both ends a solid stair tower clad in white panels, a tall stair window on each face with
  the slabs of its landing and of the deck running across it, a roof slab and a door at its foot.

The white steel is drawn lit by the sky and the sun (the ``white_steel`` role; see
:data:`WHITE_ROLE`): its faces towards the sun are lighter than those away from it and the
deck's underside is darker, as a real white bridge in daylight, but never charcoal.

With ``trackside_m`` the stretch of track round the bridge is dressed for the drive-by check the
finished cars make there (:mod:`viewer.model.motion.track_traffic`'s slow zone), under the
equipment id ``<bridge id>-trackside``: yellow and white kerbs along both edges, a paved run-off
beyond each, a steel guardrail on posts beyond that, dashed white lines between the three lanes
and a white timing line under the bridge. The track runs square to the span under it.

Examples
--------
>>> from viewer.model.plant.layout import load_plant
>>> from viewer.model.plant.parts import PartsBuilder
>>> bridge = load_plant().track.bridge
>>> builder = PartsBuilder()
>>> add_bridge(builder, bridge)
>>> parts = builder.build()
>>> extent = parts.extents[bridge.id]
>>> bool(extent[5] > bridge.deck_height)
True
>>> f"{bridge.id}-trackside" in parts.extents
True
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from viewer.model.fields import Fields
from viewer.model.geometry import heading_frame
from viewer.model.plant.parts import PartsBuilder

# The bridge.
DECK_DEPTH = 0.9  # m: a solid concrete slab
WHITE_ROLE = "white_steel"  # white-painted steel, drawn sky-lit: lit on every side by the sky
# and shaded by the sun, so its faces differ and its underside is darker, never charcoal (lit as
# the other boxes, by the sun alone, its sides away from it were; drawn unlit, a paper cut-out)
DECK_ROLE = WHITE_ROLE  # the slab, a white band across the view
GLASS_HEIGHT = 2.8  # m: the glazed walls, deck to roof
GLASS_ROLE = "window"  # opaque pale blue glass
PANE = 0.05  # m: the glazing's thickness
MULLION_PITCH = 1.5  # m between the slim frames that hold the glass
MULLION = (0.10, 0.16)  # m: a mullion's width along the wall and depth out from the glass
RAIL_HEIGHT = 1.1  # m: the balustrade's handrail line across the glass
FRAME_ROLE = WHITE_ROLE  # white-painted steel
ROOF_DEPTH = 0.4  # m: the roof slab
EAVES = 0.4  # m the roof reaches beyond the glass
ROOF_ROLE = WHITE_ROLE
# The stair towers.
TOWER_SIDE = 4.0  # m
TOWER_ROLE = WHITE_ROLE  # solid, clad in white-painted steel panels
TOWER_WINDOW = (2.4, 0.5)  # m: the stair window's width on each face (a mullion up its
# middle), and the cladding kept above the door and under the roof
TOWER_BASE = 0.4  # m: the plinth it stands on
TOWER_BASE_ROLE = WHITE_ROLE  # painted as the tower (lit as the other boxes it was a dark band)
DOOR = (1.8, 2.4)  # m: width and height of the door at its foot
APRON = (1.5, 0.05)  # m: the paved apron round a tower's foot (beyond its walls) and its height
APRON_ROLE = "platform"  # concrete paving, not the lawn
# The dressed stretch of track.
KERB_WIDTH = 0.8  # m: kerbs along both edges of the track
KERB_HEIGHT = 0.06  # m
KERB_BLOCK = 1.0  # m: yellow and white blocks in turn
KERB_ROLES = ("guard", "plinth")  # yellow (safety paint) and white
RUNOFF_ROLE = "platform"  # paved run-off, lighter than the track
RUNOFF_HEIGHT = 0.03  # m: just above the track's ribbon
BARRIER_GAP = 0.3  # m from the run-off's outer edge to the guardrail
BARRIER = (0.1, 0.2, 0.55)  # m: the rail's thickness, height and height above the ground (low
# kerbs stay in view under it from a seat behind)
BARRIER_ROLE = "panels"  # a galvanised W-beam: sheet steel
POST_PITCH = 4.0  # m between the guardrail's posts
POST = (0.12, 0.75)  # m: a post's side and height
POST_ROLE = "support"
LANE_MARKS = (-1.8, 1.8)  # m from the centre line: the dashed lines between three lanes
DASH = (3.0, 6.0, 0.15)  # m: a dash's length, the gap after it, its width
MARK_HEIGHT = 0.04  # m: paint just above the track's edge lines
MARK_ROLE = "plinth"  # white
TIMING_LINE = 0.5  # m: the white line across the track under the bridge


@dataclass(frozen=True)
class Bridge:
    """A footbridge across the track: middle, heading of its span, span, width, deck height,
    and the dressed stretch of track under it (``trackside`` m long, 0: none)."""

    id: str
    at: np.ndarray  # (x, y) of its middle
    heading_deg: float  # direction of the span
    span: float  # m between the towers' inner faces
    width: float
    deck_height: float  # underside of the deck above the track
    track_width: float = 12.0  # m: the track under it
    trackside: float = 0.0  # m along the track: kerbs, run-off, barriers and marks round it
    runoff: float = 2.0  # m of paved run-off beyond each kerb

    @property
    def trackside_id(self) -> str:
        """The equipment id of the dressed stretch of track."""
        return f"{self.id}-trackside"

    @property
    def barrier_offset(self) -> float:
        """Metres from the track's centre line to each guardrail."""
        return self.track_width / 2 + KERB_WIDTH + self.runoff + BARRIER_GAP


def read_bridge(item: Fields, track_width: float = 12.0) -> Bridge:
    """Check the track's ``bridge`` table (over a track ``track_width`` m wide)."""
    item.estimated()
    bridge = Bridge(
        id=item.string("id"),
        at=item.vector("at", 2),
        heading_deg=item.number("heading_deg", 90.0, minimum=-360, maximum=360),
        span=item.number("span_m", minimum=4, maximum=200),
        width=item.number("width_m", minimum=1.5, maximum=20),
        deck_height=item.number("deck_height_m", minimum=3, maximum=30),
        track_width=track_width,
        trackside=item.number("trackside_m", 0.0, minimum=0, maximum=1000),
        runoff=item.number("runoff_m", 2.0, minimum=0, maximum=30),
    )
    if bridge.span < track_width:
        raise item.error("span_m", f"{bridge.span:g} m does not cross the {track_width:g} m track")
    if bridge.trackside and bridge.span / 2 < bridge.barrier_offset + POST[0]:
        raise item.error(
            "span_m",
            f"{bridge.span:g} m leaves no room between its towers for the kerbs, "
            f"{bridge.runoff:g} m of run-off and the guardrails "
            f"(at least {2 * (bridge.barrier_offset + POST[0]):.1f} m)",
        )
    return bridge


def tower_centres(bridge: Bridge) -> np.ndarray:
    """(2, 2): the middles of the two stair towers, just beyond the ends of the span."""
    along, _, _ = heading_frame(bridge.heading_deg)
    reach = bridge.span / 2 + TOWER_SIDE / 2
    return np.array([bridge.at + along * reach, bridge.at - along * reach])


def bridge_corners(bridge: Bridge) -> np.ndarray:
    """(8, 3): the corners of the box that holds the bridge, its towers and their eaves, from
    the ground to the top of its roof (what a label must stay clear of to be seen whole).

    >>> from viewer.model.plant.layout import load_plant
    >>> bridge = load_plant().track.bridge
    >>> corners = bridge_corners(bridge)
    >>> float(corners[:, 2].max()) == bridge.deck_height + DECK_DEPTH + GLASS_HEIGHT + ROOF_DEPTH
    True
    """
    along, normal, _ = heading_frame(bridge.heading_deg)
    reach = bridge.span / 2 + TOWER_SIDE + EAVES
    half = max(bridge.width / 2, TOWER_SIDE / 2) + EAVES
    roof = bridge.deck_height + DECK_DEPTH + GLASS_HEIGHT + ROOF_DEPTH
    corners = [
        (*(bridge.at + along * a * reach + normal * b * half), z)
        for a in (1, -1)
        for b in (1, -1)
        for z in (0.0, roof)
    ]
    return np.array(corners, dtype=float)


def add_bridge(builder: PartsBuilder, bridge: Bridge) -> None:
    """The glazed footbridge of ``bridge`` (deck, glass walls, roof, stair towers) and, with a
    ``trackside`` stretch, the kerbs, run-off, guardrails and marks of the track under it."""
    along, normal, yaw = heading_frame(bridge.heading_deg)
    builder.equipment = bridge.id
    span, width = bridge.span, bridge.width
    top = bridge.deck_height + DECK_DEPTH  # the walkway
    roof = top + GLASS_HEIGHT
    for end, tower in zip((1, -1), tower_centres(bridge), strict=True):
        _add_tower(builder, tower, yaw, bridge, along * end)
    builder.box(bridge.at, (span, width, DECK_DEPTH), yaw, DECK_ROLE, bridge.deck_height)
    glass_offset = width / 2 - PANE / 2 - MULLION[1] / 2
    bays = max(int(round(span / MULLION_PITCH)), 1)
    for side in (1, -1):  # the glazed walls, each with its handrail line and mullions
        wall = bridge.at + normal * side * glass_offset
        builder.box(wall, (span, PANE, GLASS_HEIGHT), yaw, GLASS_ROLE, top)
        frame = bridge.at + normal * side * (width / 2 - MULLION[1] / 2)
        builder.box(frame, (span, MULLION[1], 0.08), yaw, FRAME_ROLE, top + RAIL_HEIGHT)
        for k in range(1, bays):
            post = frame + along * (k * span / bays - span / 2)
            builder.box(post, (MULLION[0], MULLION[1], GLASS_HEIGHT), yaw, FRAME_ROLE, top)
    eaves = (span, width + 2 * EAVES, ROOF_DEPTH)
    builder.box(bridge.at, eaves, yaw, ROOF_ROLE, roof)
    builder.equipment = ""
    if bridge.trackside > 0:
        builder.equipment = bridge.trackside_id
        _add_trackside(builder, bridge)
        builder.equipment = ""


def _add_tower(
    builder: PartsBuilder, at: np.ndarray, yaw: float, bridge: Bridge, outward: np.ndarray
) -> None:
    """A stair tower at ``at``: a solid white-clad block on a plinth on a paved apron, a tall
    stair window on every face crossed by the slabs of its landing and of the deck, a roof slab
    with eaves and a door at its foot on the ``outward`` face."""
    along, normal, _ = heading_frame(np.degrees(yaw))
    side = TOWER_SIDE
    top = bridge.deck_height + DECK_DEPTH
    height = top + GLASS_HEIGHT  # its roof level with the bridge's
    apron = side + 2 * APRON[0]  # the tower stands on paving, its door opening onto it
    builder.box(at, (apron, apron, APRON[1]), yaw, APRON_ROLE)
    builder.box(at, (side + 0.1, side + 0.1, TOWER_BASE), yaw, TOWER_BASE_ROLE)
    builder.box(at, (side, side, height - TOWER_BASE), yaw, TOWER_ROLE, TOWER_BASE)
    sill = TOWER_BASE + DOOR[1] + TOWER_WINDOW[1]  # the stair window starts above the door
    tall = height - TOWER_WINDOW[1] - sill
    face = side / 2 + PANE / 2  # the glass stands just proud of the cladding
    post = side / 2 + MULLION[1] / 2  # the mullion stands on the glass
    for a in (1, -1):
        builder.box(at + along * a * face, (PANE, TOWER_WINDOW[0], tall), yaw, GLASS_ROLE, sill)
        builder.box(at + normal * a * face, (TOWER_WINDOW[0], PANE, tall), yaw, GLASS_ROLE, sill)
        builder.box(at + along * a * post, (MULLION[1], MULLION[0], tall), yaw, FRAME_ROLE, sill)
        builder.box(at + normal * a * post, (MULLION[0], MULLION[1], tall), yaw, FRAME_ROLE, sill)
    slab = (side + 0.2, side + 0.2)
    builder.box(at, (*slab, DECK_DEPTH), yaw, DECK_ROLE, bridge.deck_height)  # the deck's level
    builder.box(at, (*slab, 0.35), yaw, DECK_ROLE, bridge.deck_height / 2)  # the half landing
    builder.box(at, (side + 2 * EAVES, side + 2 * EAVES, ROOF_DEPTH), yaw, ROOF_ROLE, height)
    door = at + outward * (side / 2 + PANE)
    builder.box(door, (0.1, DOOR[0], DOOR[1]), yaw, "door", TOWER_BASE)


def _add_trackside(builder: PartsBuilder, bridge: Bridge) -> None:
    """Kerbs, run-off, guardrails and lane and timing marks along ``bridge.trackside`` metres
    of the track under the bridge (boxes sized across, along the track)."""
    across, down, yaw = heading_frame(bridge.heading_deg)  # down: along the track
    length = bridge.trackside
    half = bridge.track_width / 2
    blocks = int(length // (2 * KERB_BLOCK))
    for side in (1, -1):
        kerb = bridge.at + across * side * (half + KERB_WIDTH / 2)
        builder.box(kerb, (KERB_WIDTH, length, KERB_HEIGHT), yaw, KERB_ROLES[1])
        for k in range(blocks):  # the yellow blocks over the white kerb
            at = kerb + down * ((2 * k + 0.5) * KERB_BLOCK - blocks * KERB_BLOCK)
            size = (KERB_WIDTH, KERB_BLOCK, KERB_HEIGHT + 0.005)
            builder.box(at, size, yaw, KERB_ROLES[0])
        if bridge.runoff > 0:
            runoff = bridge.at + across * side * (half + KERB_WIDTH + bridge.runoff / 2)
            builder.box(runoff, (bridge.runoff, length, RUNOFF_HEIGHT), yaw, RUNOFF_ROLE)
        rail = bridge.at + across * side * bridge.barrier_offset
        thick, tall, above = BARRIER
        builder.box(rail, (thick, length, tall), yaw, BARRIER_ROLE, above)
        posts = int(length // POST_PITCH) + 1
        for k in range(posts):
            at = rail + across * side * (thick / 2 + POST[0] / 2)
            at = at + down * (k * POST_PITCH - (posts - 1) * POST_PITCH / 2)
            builder.box(at, (POST[0], POST[0], POST[1]), yaw, POST_ROLE)
    dash, gap, line = DASH
    dashes = int(length // (dash + gap))
    for offset in LANE_MARKS:
        for k in range(dashes):
            along = (k + 0.5) * (dash + gap) - dashes * (dash + gap) / 2
            at = bridge.at + across * offset + down * along
            builder.box(at, (line, dash, MARK_HEIGHT), yaw, MARK_ROLE)
    timing = (bridge.track_width - 0.6, TIMING_LINE, MARK_HEIGHT)
    builder.box(bridge.at, timing, yaw, MARK_ROLE)
