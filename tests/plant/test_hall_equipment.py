"""The halls' equipment: the new station types expand into their parts, broken entries give a
clean DataFileError naming the field, and every workshop is as full as a working one."""

from __future__ import annotations

import numpy as np
import pytest

from viewer.model.errors import DataFileError
from viewer.model.fields import Fields
from viewer.model.plant import equipment_specs as specs
from viewer.model.plant.equipment import add_equipment, plant_parts
from viewer.model.plant.layout import Plant, load_plant
from viewer.model.plant.parts import BOX_ROLES, STRUCTURE_ROLES, Boxes, PartsBuilder
from viewer.model.tour.shuttle import distance_to_polyline

FLOOR_LEVEL_M = 3.0  # boxes starting above this (platform decks, screens) do not take floor
AISLE_CORRIDOR_M = 8.0  # the clear corridor along every indoor aisle


def _read(text: str) -> specs.Equipment:
    doc = Fields.from_text(text, "plant.toml")
    return specs.read_equipment(doc.tables("equipment")[0])


def _expand(text: str) -> tuple[specs.Equipment, object]:
    spec = _read(text)
    builder = PartsBuilder()
    builder.equipment = spec.id
    add_equipment(spec, builder)
    return spec, builder.build()


def _roles(boxes: Boxes) -> list[str]:
    return [BOX_ROLES[i] for i in boxes.role]


def _inside(points: np.ndarray, polygon: np.ndarray) -> np.ndarray:
    """Whether each point lies inside ``polygon`` (even-odd ray casting)."""
    x, y = points[:, 0], points[:, 1]
    inside = np.zeros(len(points), dtype=bool)
    for (xa, ya), (xb, yb) in zip(polygon, np.roll(polygon, -1, axis=0), strict=True):
        crosses = (ya > y) != (yb > y)
        at = xa + (y - ya) * (xb - xa) / np.where(yb == ya, 1e-12, yb - ya)
        inside ^= crosses & (x < at)
    return inside


def occupancy(plant: Plant, boxes: Boxes, building_id: str, cell: float = 1.0) -> float:
    """Share of a workshop's floor (less its aisle corridors) under equipment footprints.

    The floor is sampled on a ``cell`` m grid inside the building's footprint; a sample is in
    use when it lies inside the footprint of a box that stands on the floor (bottom below
    FLOOR_LEVEL_M) and is not part of the building's structure.
    """
    building = plant.building(building_id)
    x0, y0, x1, y1 = building.bounds
    xs, ys = np.meshgrid(np.arange(x0 + cell / 2, x1, cell), np.arange(y0 + cell / 2, y1, cell))
    samples = np.column_stack([xs.ravel(), ys.ravel()])
    inside = _inside(samples, np.asarray(building.footprint, dtype=float))
    for lane in plant.aisles:
        inside &= distance_to_polyline(samples, lane.points) > AISLE_CORRIDOR_M / 2
    samples = samples[inside]
    roles = np.array(BOX_ROLES)[boxes.role]
    keep = (boxes.bottom_center[:, 2] < FLOOR_LEVEL_M) & ~np.isin(roles, list(STRUCTURE_ROLES))
    centers, sizes, yaws = boxes.bottom_center[keep, :2], boxes.size[keep, :2], boxes.yaw[keep]
    near = np.all((centers >= [x0 - 60, y0 - 60]) & (centers <= [x1 + 60, y1 + 60]), axis=1)
    centers, sizes, yaws = centers[near], sizes[near], yaws[near]
    used = np.zeros(len(samples), dtype=bool)
    c, s = np.cos(yaws), np.sin(yaws)
    for start in range(0, len(centers), 256):
        sl = slice(start, start + 256)
        rel = samples[:, None, :] - centers[None, sl]
        u = rel[..., 0] * c[None, sl] + rel[..., 1] * s[None, sl]
        v = -rel[..., 0] * s[None, sl] + rel[..., 1] * c[None, sl]
        hit = (np.abs(u) <= sizes[None, sl, 0] / 2) & (np.abs(v) <= sizes[None, sl, 1] / 2)
        used |= hit.any(axis=1)
    return float(used.mean())


# -- the bundled layout ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def bundled():
    plant = load_plant()
    return plant, plant_parts(plant)


WORKSHOPS = ("die-casting", "stamping", "body", "paint", "battery", "assembly")


@pytest.mark.parametrize("workshop", WORKSHOPS)
def test_every_workshop_is_as_full_as_a_working_one(bundled, workshop):
    plant, parts = bundled
    share = occupancy(plant, parts.boxes, workshop, cell=2.0)
    assert 0.60 <= share <= 0.90, f"{workshop}: {share:.0%} of the floor in use"


def test_occupancy_measures_footprints():
    """The measure itself: a box covering a quarter of a hall reads about 25 %."""
    plant = load_plant()
    building = plant.building("battery")
    x0, y0, x1, y1 = building.bounds
    builder = PartsBuilder()
    builder.box(
        np.array([x0 + (x1 - x0) / 4, y1 - (y1 - y0) / 4]),
        ((x1 - x0) / 2, (y1 - y0) / 2, 2.0),
        0.0,
        "machine",
    )
    builder.box(np.array([x0 + 20, y0 + 20]), (10.0, 10.0, 2.0), 0.0, "roof", 5.0)  # structure
    share = occupancy(plant, builder.build().boxes, "battery")
    assert share == pytest.approx(0.25, abs=0.02)


def test_the_halls_hold_what_the_look_book_shows(bundled):
    plant, parts = bundled
    roles = set(_roles(parts.boxes))
    for role in (
        "mesh_fence",
        "platform",
        "railing",
        "cabinet",
        "screen",
        "enclosure",
        "machine",
        "light_tunnel",
        "marriage",
        "trolley",
        "rack",
        "parts",
    ):
        assert role in roles, role
    kinds = {type(spec).__name__ for spec in plant.equipment}
    assert {"FencedCell", "Platform", "LineSide", "Booth", "BlockArea"} <= kinds


def test_counts_stay_within_the_budget(bundled):
    """Robots under 1,100; the equipment's boxes (not the buildings') under 10,000, so that
    the whole plant stays near 15,000 instanced boxes (those out of the picture or a few pixels
    big are not drawn: the count costs the level of detail's choice, not the renderer)."""
    _, parts = bundled
    assert len(parts.robots) <= 1100
    equipment = parts.boxes.roles(STRUCTURE_ROLES, keep=False)
    assert len(equipment) <= 10_000


def test_transfer_robots_stand_between_the_presses(bundled):
    plant, parts = bundled
    for line in (e for e in plant.equipment if isinstance(e, specs.PressLine)):
        robots = parts.robots.base[parts.robots.equipment == line.id, :2]
        for index, press in enumerate(line.presses[1:], start=1):
            center = (
                line.start
                + np.array(
                    [np.cos(np.radians(line.heading_deg)), np.sin(np.radians(line.heading_deg))]
                )
                * index
                * line.spacing
            )
            gap = line.spacing - press.size[0] / 2 - line.presses[index - 1].size[0] / 2
            nearest = np.linalg.norm(robots - center, axis=1).min()
            assert gap < 7.0 and nearest <= line.spacing / 2 + 0.01


# -- the new station types ------------------------------------------------------------------------
FENCED = """
[[equipment]]
id = "cells"
type = "fenced_cell"
workshop = "body"
center = [0, 0]
size_m = [16, 12]
count = 3
pitch_m = 18
robots = 6
robot_task = "spot_weld"
product = "body"
framing = true
"""

PLATFORM = """
[[equipment]]
id = "deck"
type = "platform"
workshop = "body"
start = [0, 0]
length_m = 48
width_m = 8
height_m = 4.5
cabinet_pitch_m = 4
"""

LINE_SIDE = """
[[equipment]]
id = "racks"
type = "line_side"
workshop = "assembly"
start = [0, 0]
length_m = 30
offset_m = 4.5
pitch_m = 3
items = ["rack", "trolley", "bins"]
"""

BOOTH = """
[[equipment]]
id = "booths"
type = "booth"
workshop = "assembly"
center = [0, 0]
size_m = [8, 5, 4]
kind = "{kind}"
count = 2
screens = 2
"""

BLOCKS = """
[[equipment]]
id = "units"
type = "block_area"
workshop = "paint"
origin = [0, 0]
rows = 2
cols = 5
pitch_m = [6, 5]
block_size_m = [5, 3, 4]
role = "machine"
"""


def test_fenced_cell_expands_into_cells_with_fences_robots_and_framing():
    spec, parts = _expand(FENCED)
    assert isinstance(spec, specs.FencedCell) and spec.walls == "mesh" and spec.riser == 0.6
    roles = _roles(parts.boxes)
    assert len(parts.robots) == 18 and set(parts.robots.station) == {0, 1, 2}
    assert roles.count("platform") == 3  # one floor plate per cell
    assert roles.count("fence") == 3 * 5  # four sides, the gate side in two runs
    assert roles.count("mesh_fence") > 3 * 4 * 2
    assert roles.count("cabinet") == 3  # the controllers outside each cell
    assert roles.count("fixture") == 3 * (1 + 8)  # the body's fixture and the framing gate
    assert len(parts.cars) == 3
    # robots on risers, on both sides of the body, within reach of it
    np.testing.assert_allclose(parts.robots.base[:, 2], 0.6)
    lateral = parts.robots.base[:, 1]
    assert (lateral > 0).sum() == (lateral < 0).sum() == 9
    assert np.abs(lateral).max() <= 3.0
    # cells repeat at the pitch
    plates = parts.boxes.bottom_center[np.array(roles) == "platform", 0]
    np.testing.assert_allclose(np.sort(plates), [0, 18, 36])


def test_enclosed_cell_has_walls_with_windows():
    _, parts = _expand(FENCED.replace("framing = true", 'walls = "enclosure"'))
    roles = _roles(parts.boxes)
    assert "fence" not in roles and roles.count("glass") == 3 * 4
    assert roles.count("enclosure") == 3 * 4 * 2


def test_platform_has_deck_posts_railings_cabinets_and_stairs():
    spec, parts = _expand(PLATFORM)
    assert isinstance(spec, specs.Platform)
    boxes = parts.boxes
    roles = np.array(_roles(boxes))
    deck = boxes.bottom_center[roles == "platform"]
    assert np.isclose(deck[:, 2], 4.25).sum() == 1  # the deck, below its top at 4.5 m
    assert (roles == "cabinet").sum() == 12
    assert np.all(boxes.bottom_center[roles == "cabinet", 2] == pytest.approx(4.5))
    assert (roles == "railing").sum() >= 2 * 3
    assert (roles == "support").sum() == 2 * 5  # posts every 12 m on both edges
    stairs = (roles == "platform") & (boxes.bottom_center[:, 2] == 0)
    assert stairs.sum() >= 4 and boxes.size[stairs, 2].max() == pytest.approx(4.5)


def test_line_side_puts_racks_trolleys_and_bins_on_both_sides():
    spec, parts = _expand(LINE_SIDE)
    assert isinstance(spec, specs.LineSide) and spec.items == ("rack", "trolley", "bins")
    roles = np.array(_roles(parts.boxes))
    assert (roles == "trolley").sum() == 2 * 3  # 10 slots per side, one in three
    assert (roles == "rack").sum() == 2 * (4 + 3)  # racks' frames and bins' tables
    frames = parts.boxes.bottom_center[np.isin(roles, ["rack", "trolley"]), 1]
    assert set(np.round(frames, 3)) == {4.5, -4.5}
    one_side = _expand(LINE_SIDE + 'sides = "left"\n')[1]
    assert len(one_side.boxes) * 2 == len(parts.boxes)


@pytest.mark.parametrize("kind", specs.BOOTH_KINDS)
def test_every_booth_kind_expands(kind):
    spec, parts = _expand(BOOTH.format(kind=kind))
    assert isinstance(spec, specs.Booth) and spec.count == 2
    roles = _roles(parts.boxes)
    assert roles.count("screen") >= 2 * 2  # the screens on posts beside each booth
    expected = {
        "light_tunnel": "light_tunnel",
        "rain_test": "glass",
        "xray": "enclosure",
        "alignment": "machine",
        "dyno": "machine",
        "scanner": "scanner",
        "test": "cabinet",
        "marriage": "marriage",
    }[kind]
    assert roles.count(expected) >= 2
    # the second booth stands one pitch (length + 2 m) further along
    assert parts.boxes.bottom_center[:, 0].max() > 10.0


def test_block_area_is_a_grid_of_one_role():
    spec, parts = _expand(BLOCKS)
    assert isinstance(spec, specs.BlockArea)
    assert _roles(parts.boxes) == ["machine"] * 10
    np.testing.assert_allclose(parts.boxes.size, [[5, 3, 4]] * 10)


def test_optional_fields_of_existing_types_default_to_todays_behaviour():
    line = """
[[equipment]]
id = "line"
type = "station_line"
workshop = "body"
start = [0, 0]
stations = 10
pitch_m = 6.5
robots_per_station = 4
robot_task = "spot_weld"
product = "body"
"""
    plain, parts = _expand(line)
    assert plain.andon_pitch == 0 and plain.framing_stations == ()
    assert "screen" not in _roles(parts.boxes)
    richer, more = _expand(line + "andon_pitch_m = 20\nframing_stations = [2, 3]\n")
    assert richer.framing_stations == (2, 3)
    assert _roles(more.boxes).count("screen") == 3
    assert _roles(more.boxes).count("fixture") == _roles(parts.boxes).count("fixture") + 16


def test_zones_and_skillets_are_floor_plates_under_what_stands_there():
    _, plain = _expand(BLOCKS)
    _, zoned = _expand(BLOCKS + "zone = true\n")
    assert len(zoned.boxes) == len(plain.boxes) + 1
    plate = zoned.boxes.size[np.array(_roles(zoned.boxes)) == "platform"][0]
    np.testing.assert_allclose(plate, [4 * 6 + 5 + 2, 5 + 3 + 2, 0.02])  # the grid and 1 m round
    _, strip = _expand(LINE_SIDE + "zone = true\n")
    assert _roles(strip.boxes).count("platform") == 2  # one strip per side
    line = """
[[equipment]]
id = "final"
type = "station_line"
workshop = "assembly"
start = [0, 0]
stations = 4
pitch_m = 6.5
robots_per_station = 0
product = "car"
conveyor_width_m = 6
"""
    _, skillets = _expand(line)
    conveyor = skillets.boxes.size[np.array(_roles(skillets.boxes)) == "conveyor"]
    np.testing.assert_allclose(conveyor, [[26, 6, 0.45]])


# -- broken entries -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "old", "new", "field", "problem"),
    [
        (FENCED, "size_m = [16, 12]\n", "", "size_m", "missing required field"),
        (FENCED, "robots = 6", 'robots = "six"', "robots", "must be a number"),
        (FENCED, "robots = 6", "robots = 40", "robots", "must be at most 12"),
        (FENCED, "count = 3", "count = 0", "count", "must be at least 1"),
        (FENCED, "framing = true", 'walls = "glass"', "walls", "unknown value 'glass'"),
        (FENCED, "size_m = [16, 12]", "size_m = [16, -12]", "size_m", "must be positive"),
        (PLATFORM, "height_m = 4.5", "height_m = 0.2", "height_m", "must be at least 1"),
        (PLATFORM, "width_m = 8\n", "", "width_m", "missing required field"),
        (PLATFORM, "length_m = 48", "length_m = [48]", "length_m", "must be a number"),
        (LINE_SIDE, '"bins"]', '"crates"]', "items", "unknown item 'crates'"),
        (LINE_SIDE, "offset_m = 4.5", "offset_m = 0", "offset_m", "must be at least 0.5"),
        (LINE_SIDE, "pitch_m = 3", 'pitch_m = "3"', "pitch_m", "must be a number"),
        (BOOTH.format(kind="rain_test"), '"rain_test"', '"car_wash"', "kind", "unknown value"),
        (BOOTH.format(kind="test"), "size_m = [8, 5, 4]", "size_m = [8, 5]", "size_m", "list of 3"),
        (BOOTH.format(kind="test"), "screens = 2", "screens = 9", "screens", "at most 8"),
        (BLOCKS, 'role = "machine"', 'role = "wall"', "role", "unknown value 'wall'"),
        (BLOCKS, "rows = 2\n", "", "rows", "missing required field"),
        (
            BLOCKS,
            "block_size_m = [5, 3, 4]",
            "block_size_m = [500, 3, 4]",
            "block_size_m",
            "at most",
        ),
    ],
)
def test_broken_entries_name_the_field(text, old, new, field, problem):
    assert old in text
    broken = text.replace(old, new, 1)
    with pytest.raises(DataFileError) as info:
        _read(broken)
    assert info.value.field == f"equipment[0].{field}"
    assert problem in info.value.problem
    if old.strip() and new.strip():
        assert info.value.line == broken[: broken.index(new)].count("\n") + 1


@pytest.mark.parametrize(
    ("key", "value", "problem"),
    [
        ("framing_stations", "[3, 99]", "station numbers 0 to 29"),
        ("framing_stations", '"all"', "must be a list"),
        ("andon_pitch_m", "-5", "must be at least 0"),
    ],
)
def test_broken_optional_fields_of_station_lines(plant_text, write_plant, key, value, problem):
    broken = _with_line(plant_text, 'id = "framing-line"\n', f"{key} = {value}\n")
    with pytest.raises(DataFileError) as info:
        load_plant(write_plant(broken))
    assert info.value.field.endswith(f".{key}") and problem in info.value.problem


def _with_line(text: str, anchor: str, line: str) -> str:
    """The layout text with ``line`` in the entry that starts at ``anchor`` (replacing the
    entry's own value of that field, if it has one)."""
    key = line.split(" =")[0]
    start = text.index(anchor)
    end = text.find("[[", start)
    block = "\n".join(row for row in text[start:end].split("\n") if not row.startswith(f"{key} ="))
    return text[:start] + block.replace(anchor, anchor + line, 1) + text[end:]


@pytest.mark.parametrize(
    ("anchor", "line", "field", "problem"),
    [
        ('id = "tandem-press-line"\n', "pits = 1\n", "pits", "must be true or false"),
        ('id = "tandem-press-line"\n', "enclosure_m = -2\n", "enclosure_m", "at least 0"),
        ('id = "giga-press-9100"\n', "platform_height_m = 40\n", "platform_height_m", "at most"),
        ('id = "paint-line-1"\n', 'enclosed = "yes"\n', "enclosed", "must be true or false"),
    ],
)
def test_broken_optional_fields_of_machines(plant_text, write_plant, anchor, line, field, problem):
    broken = _with_line(plant_text, anchor, line)
    with pytest.raises(DataFileError) as info:
        load_plant(write_plant(broken))
    assert info.value.field.endswith(f".{field}") and problem in info.value.problem
