"""The glass bridge over the test track is a glazed footbridge, not scaffolding, and the track
under it is dressed as a test track: kerbs, run-off, guardrails, lane and timing marks.

A blind review read the old bridge as scaffolding: open frames round see-through glass, towers of
posts and landing bands. Now, seen from the side, its walls between the deck and the roof are
glazing (the ``window`` role) with slim frames over at most a sixth of them; the deck and the
roof are solid slabs over the whole walkway; nothing is a truss or see-through.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from viewer.model.errors import DataFileError
from viewer.model.geometry import heading_frame
from viewer.model.motion.track_traffic import TrafficMotion
from viewer.model.plant.layout import load_plant
from viewer.model.plant.parts import BOX_ROLES, TRANSLUCENT_ROLES, PartsBuilder, PlantParts
from viewer.model.plant.track_bridge import GLASS_HEIGHT, Bridge, add_bridge, tower_centres

STEP = 0.05  # m between the sampled points of an elevation or a plan


def _parts(bridge: Bridge) -> PlantParts:
    builder = PartsBuilder()
    add_bridge(builder, bridge)
    return builder.build()


def _local(bridge: Bridge, parts: PlantParts) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Boxes in the bridge's frame: low corners (u along the span, v across it, z), high
    corners and role names. Every box of the bridge is square to its span."""
    boxes = parts.boxes
    along, left, yaw = heading_frame(bridge.heading_deg)
    turn = (boxes.yaw - yaw) % np.pi
    assert np.allclose(np.minimum(turn, np.pi - turn), 0.0, atol=1e-9)  # no diagonals
    rel = boxes.bottom_center[:, :2] - bridge.at
    middle = np.column_stack([rel @ along, rel @ left, boxes.bottom_center[:, 2]])
    low, high = middle - boxes.size / 2, middle + boxes.size / 2
    low[:, 2], high[:, 2] = middle[:, 2], middle[:, 2] + boxes.size[:, 2]  # from the bottom up
    return low, high, np.array(BOX_ROLES)[boxes.role]


def _covered(low: np.ndarray, high: np.ndarray, axes: tuple[int, int], points: np.ndarray):
    """Which of ``points`` (two coordinates on ``axes``) lie inside one of the boxes."""
    a, b = axes
    inside = (
        (low[None, :, a] <= points[:, None, 0])
        & (points[:, None, 0] <= high[None, :, a])
        & (low[None, :, b] <= points[:, None, 1])
        & (points[:, None, 1] <= high[None, :, b])
    )
    return inside.any(axis=1)


def _grid(a: tuple[float, float], b: tuple[float, float]) -> np.ndarray:
    ga, gb = np.meshgrid(np.arange(*a, STEP), np.arange(*b, STEP), indexing="ij")
    return np.column_stack([ga.ravel(), gb.ravel()])


@pytest.fixture(scope="module")
def bridge(plant) -> Bridge:
    """The layout's bridge without the dressed track (only the bridge's own parts)."""
    return dataclasses.replace(plant.track.bridge, trackside=0.0)


def test_the_bridge_walls_are_glazing_between_slim_frames(bridge):
    low, high, roles = _local(bridge, _parts(bridge))
    assert "truss" not in roles
    assert not set(roles) & TRANSLUCENT_ROLES  # see-through glass read as an empty frame
    top = bridge.deck_height + 0.4  # above the deck slab's top
    wall = _grid((-bridge.span / 2 + STEP, bridge.span / 2), (top + 0.6, top + GLASS_HEIGHT - 0.1))
    for side in (1, -1):  # each side seen square on: u along the span, z up
        near = (low[:, 1] * side > 0) | (high[:, 1] * side > 0)
        near &= np.maximum(np.abs(low[:, 0]), np.abs(high[:, 0])) <= bridge.span / 2 + 0.01
        opaque = _covered(low[near], high[near], (0, 2), wall)
        glass = _covered(
            low[near & (roles == "window")], high[near & (roles == "window")], (0, 2), wall
        )
        assert opaque.all(), f"side {side}: {1 - opaque.mean():.0%} of the wall is open"
        assert glass.mean() >= 0.99  # glazed from end to end, deck to roof
        frames = near & (roles != "window") & (low[:, 0] > -bridge.span / 2)
        seen = _covered(low[frames], high[frames], (0, 2), wall)
        assert seen.mean() <= 1 / 6, f"frames hide {seen.mean():.0%} of the glass"


def test_the_deck_and_the_roof_are_solid_slabs(bridge):
    low, high, roles = _local(bridge, _parts(bridge))
    walkway = _grid((-bridge.span / 2, bridge.span / 2), (-bridge.width / 2, bridge.width / 2))
    for z, what in ((bridge.deck_height + 0.1, "deck"), (None, "roof")):
        if z is None:
            z = high[roles == "window"][:, 2].max() + 0.1  # just above the glazing
        at = (low[:, 2] <= z) & (z <= high[:, 2]) & ~np.isin(roles, list(TRANSLUCENT_ROLES))
        assert _covered(low[at], high[at], (0, 1), walkway).all(), what


def test_the_stair_towers_stand_clear_of_the_track_and_are_glazed(plant, bridge):
    parts = _parts(bridge)
    low, high, roles = _local(bridge, parts)
    for tower in tower_centres(bridge):
        reach = np.abs((tower - bridge.at) @ heading_frame(bridge.heading_deg)[0])
        assert reach - 2.0 >= plant.track.width / 2  # beyond the track's edges
        own = np.abs(np.abs((low[:, 0] + high[:, 0]) / 2) - reach) < 2.6
        assert "window" in roles[own] and "door" in roles[own]
    extent = parts.extents[bridge.id]
    assert extent[5] > bridge.deck_height + GLASS_HEIGHT


def test_the_track_under_the_bridge_has_kerbs_run_off_barriers_and_marks(plant):
    bridge = plant.track.bridge
    assert bridge.trackside >= 60.0
    parts = _parts(bridge)
    low, high, roles = _local(bridge, parts)
    assert bridge.trackside_id in parts.extents
    half = plant.track.width / 2
    length = bridge.trackside
    for side in (1, -1):
        edge = np.abs((low[:, 0] + high[:, 0]) / 2 - side * (half + 0.4)) < 0.45
        yellow = edge & (roles == "guard")
        white = edge & (roles == "plinth") & (high[:, 1] - low[:, 1] >= length - 1e-6)
        assert yellow.sum() >= length / 3 and white.any()  # blocks in turn along a white kerb
        gaps = np.diff(np.sort(low[yellow, 1]))
        assert np.allclose(gaps, gaps[0])  # evenly, yellow and white
        beyond = side * (low[:, 0] + high[:, 0]) / 2 > half + 0.8
        assert (beyond & (roles == "platform")).any()  # paved run-off beyond the kerb
        rail = beyond & (roles == "panels") & (high[:, 1] - low[:, 1] >= length - 1e-6)
        assert rail.sum() == 1 and low[rail, 2] > 0.2  # a guardrail, on posts
        posts = beyond & (roles == "support")
        assert posts.sum() >= length / 5
        # the rail runs between the towers: clear of them, under the deck
        assert np.abs(low[rail | posts, 0]).max() < bridge.span / 2
    # dashed lines between the lanes: the ride's line and the lane the finished cars keep
    middle = (low[:, 0] + high[:, 0]) / 2
    marks = (roles == "plinth") & (high[:, 2] < 0.1) & (np.abs(middle) < half - 0.5)
    lanes = np.unique(np.round(middle[marks], 2))
    lane = plant.track.traffic.lane_offset_m
    assert any(0 < abs(x) < lane for x in lanes)
    timing = marks & (high[:, 0] - low[:, 0] > plant.track.width - 1)
    assert timing.sum() == 1  # the timing line across the track under the bridge
    # the finished cars drive inside the kerbs
    motion = TrafficMotion(plant.track)
    near = motion.points[np.linalg.norm(motion.points - bridge.at, axis=1) < length / 2]
    across = (near - bridge.at) @ heading_frame(bridge.heading_deg)[0]
    assert len(near) and np.abs(across).max() + 1.0 < half


def test_the_bridge_entry_checks_its_track_fields(write_plant, plant_text):
    assert "span_m = 16.5" in plant_text and "trackside_m = 120" in plant_text
    with pytest.raises(DataFileError, match="span_m") as error:
        load_plant(write_plant(plant_text.replace("span_m = 16.5", "span_m = 15")))
    assert "guardrails" in str(error.value)
    with pytest.raises(DataFileError, match="trackside_m"):
        load_plant(write_plant(plant_text.replace("trackside_m = 120", "trackside_m = -5")))
    with pytest.raises(DataFileError, match="runoff_m"):
        load_plant(write_plant(plant_text.replace("runoff_m = 0.8", 'runoff_m = "wide"')))
    # without a dressed stretch the shorter span is fine
    text = plant_text.replace("span_m = 16.5", "span_m = 15").replace(
        "trackside_m = 120", "trackside_m = 0"
    )
    assert load_plant(write_plant(text)).track.bridge.trackside == 0.0


def test_each_stair_tower_stands_on_a_paved_apron_clear_of_the_track(plant, bridge):
    """A tower's foot is paved all round (it stood on the lawn), the paving off the track."""
    from viewer.model.plant.track_bridge import APRON, APRON_ROLE, TOWER_SIDE

    parts = _parts(bridge)
    low, high, roles = _local(bridge, parts)
    for tower in tower_centres(bridge):
        reach = (tower - bridge.at) @ heading_frame(bridge.heading_deg)[0]
        middle = (low[:, 0] + high[:, 0]) / 2
        apron = (roles == APRON_ROLE) & (np.abs(middle - reach) < 0.5) & (low[:, 2] < 0.01)
        assert apron.sum() == 1
        width = (high - low)[apron][0]
        assert width[0] == pytest.approx(TOWER_SIDE + 2 * APRON[0])
        assert width[1] == pytest.approx(TOWER_SIDE + 2 * APRON[0]) and width[2] < 0.1
        inner = min(abs(low[apron][0, 0]), abs(high[apron][0, 0]))
        assert inner > plant.track.width / 2  # off the track's asphalt
