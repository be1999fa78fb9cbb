"""Stores and racks read as what they hold (issue 19): open racks without a lid, their content
in its own colour, fill levels varying from place to place and some places empty; dies of
several sizes and paints on marked rows; steel coils on saddles; stock blocks that vary. The
bundled stores cost no more boxes than before, and from a workshop view a rack draws one box
per level (its slender posts are culled there)."""

from __future__ import annotations

import numpy as np
import pytest

from viewer.model.errors import DataFileError
from viewer.model.fields import Fields
from viewer.model.plant import equipment_specs as specs
from viewer.model.plant.equipment import add_equipment
from viewer.model.plant.parts import BOX_ROLES, PartsBuilder, PlantParts
from viewer.model.plant.stores import RACK_BASE

RACKS = """
[[equipment]]
id = "stillages"
type = "rack_area"
workshop = "stamping"
origin = [0, 0]
rows = 4
cols = 10
pitch_m = [6, 5]
rack_size_m = [4.8, 3.0, 1.5]
content = "{content}"
"""

DIES = """
[[equipment]]
id = "dies"
type = "rack_area"
workshop = "stamping"
origin = [0, 0]
rows = 3
cols = 12
pitch_m = [5.5, 5.5]
rack_size_m = [4.0, 3.0, 1.8]
content = "dies"
zone = true
"""

COILS = """
[[equipment]]
id = "coils"
type = "rack_area"
workshop = "stamping"
origin = [0, 0]
rows = 2
cols = 20
pitch_m = [3.5, 4.5]
rack_size_m = [2.0, 1.8, 2.0]
content = "coils"
"""

STACKS = """
[[equipment]]
id = "blanks"
type = "block_area"
workshop = "stamping"
origin = [0, 0]
rows = 4
cols = 10
pitch_m = [6, 4.5]
block_size_m = [5, 3, 1.2]
role = "panels"
"""

CONTENT = {"panels", "steel", "aluminium", "parts", "bins", "pack", "cells"}


def _expand(text: str) -> PlantParts:
    doc = Fields.from_text(text, "plant.toml")
    spec = specs.read_equipment(doc.tables("equipment")[0])
    builder = PartsBuilder()
    builder.equipment = spec.id
    add_equipment(spec, builder)
    return builder.build()


def _roles(parts: PlantParts) -> np.ndarray:
    return np.array(BOX_ROLES)[parts.boxes.role]


def _places(rows: int, cols: int, pitch: tuple[float, float]) -> np.ndarray:
    """The floor points of a grid's places, row by row (heading 0: along x)."""
    c, r = np.meshgrid(np.arange(cols), np.arange(rows))
    return np.column_stack([c.ravel() * pitch[0], r.ravel() * pitch[1]])


def _over(parts: PlantParts, point: np.ndarray) -> np.ndarray:
    """Which boxes' footprints (heading 0) hold ``point``."""
    boxes = parts.boxes
    half = boxes.size[:, :2] / 2
    return np.all(np.abs(boxes.bottom_center[:, :2] - point) <= half + 1e-9, axis=1)


def _content_heights(parts: PlantParts, places: np.ndarray) -> np.ndarray:
    """The height of the content at each place (0: none)."""
    roles = _roles(parts)
    heights = np.zeros(len(places))
    for k, point in enumerate(places):
        held = _over(parts, point) & np.isin(roles, list(CONTENT))
        heights[k] = parts.boxes.size[held, 2].sum()
    return heights


def test_a_rack_has_no_lid_and_its_content_is_what_shows_from_above():
    parts = _expand(RACKS.format(content="panels"))
    roles = _roles(parts)
    tops = parts.boxes.bottom_center[:, 2] + parts.boxes.size[:, 2]
    for point in _places(4, 10, (6, 5)):
        over = np.flatnonzero(_over(parts, point))
        top = over[np.argmax(tops[over])]  # what a camera above the rack's middle sees
        assert roles[top] in {"panels", "steel"} or (
            roles[top] == "rack" and tops[top] <= RACK_BASE + 1e-9  # an empty rack's base
        ), f"{roles[top]} at {tops[top]:.2f} m over {point}"
    posts = roles == "rack"
    assert (parts.boxes.size[posts][:, :2].max(axis=1) <= 0.15).sum() == 2 * 40  # slender


@pytest.mark.parametrize(
    ("content", "colours"),
    [
        ("panels", {"panels", "steel"}),  # stamped panels: bare steel, two shades
        ("castings", {"aluminium"}),
        ("parts", {"parts", "bins"}),  # blue and grey bins
        ("packs", {"pack"}),
    ],
)
def test_a_rack_holds_its_content_in_its_real_colour(content, colours):
    roles = set(_roles(_expand(RACKS.format(content=content))))
    assert roles & CONTENT == colours


def test_fill_levels_vary_from_place_to_place_and_some_places_are_empty():
    parts = _expand(RACKS.format(content="parts"))
    heights = _content_heights(parts, _places(4, 10, (6, 5))).reshape(4, 10)
    assert len(np.unique(heights[heights > 0].round(3))) >= 3
    empty = int((heights == 0).sum())
    assert 1 <= empty <= 0.4 * heights.size
    # no row repeats itself every place or every other place (not a checkerboard)
    assert all((row[1:] != row[:-1]).any() and (row[2:] != row[:-2]).any() for row in heights)


def test_the_pattern_is_fixed_by_the_file_and_differs_between_stores():
    text = RACKS.format(content="panels")
    one, again = _expand(text), _expand(text)
    np.testing.assert_array_equal(one.boxes.size, again.boxes.size)
    np.testing.assert_array_equal(one.boxes.role, again.boxes.role)
    other = _expand(text.replace('id = "stillages"', 'id = "stillages-2"'))
    assert not np.array_equal(one.boxes.size, other.boxes.size)


def test_dies_stand_in_marked_rows_in_several_sizes_and_paints():
    parts = _expand(DIES)
    roles = _roles(parts)
    shoes = parts.boxes.size[roles == "die"]
    assert len(np.unique(shoes[:, 0].round(3))) >= 3  # lengths
    assert len(np.unique(shoes[:, 2].round(3))) >= 3  # heights
    paints = set(roles) & {"die_green", "die_blue", "die_yellow"}
    assert len(paints) >= 2
    assert (roles == "die").sum() == sum(roles == paint for paint in paints).sum()
    assert 1 <= 36 - (roles == "die").sum() <= 0.4 * 36  # some bays empty, most full
    lines = parts.boxes.size[roles == "floor_marking"]
    assert len(lines) == 2 * 3 and (lines[:, 0] > 11 * 5.5 + 4.0).all()  # both sides, each row
    # the painted lines run along the aisles between the rows, clear of the dies
    line_y = np.sort(parts.boxes.bottom_center[roles == "floor_marking", 1])
    die_y = parts.boxes.bottom_center[roles == "die", 1]
    die_half = shoes[:, 1] / 2
    assert all(np.abs(y - die_y).min() > die_half.max() for y in line_y)
    assert len(parts.boxes) <= 2 * 36 + 1  # no more than the two boxes a place of before


def test_coils_lie_on_saddles_with_a_round_profile():
    parts = _expand(COILS)
    roles = _roles(parts)
    saddles = parts.boxes.size[roles == "support"]
    assert len(saddles) == 2 and (saddles[:, 0] > 19 * 3.5).all()  # one along each row
    coil = np.isin(roles, ["steel", "panels", "aluminium"])
    centers, sizes = parts.boxes.bottom_center[coil], parts.boxes.size[coil]
    assert 1 <= 40 - len(sizes) // 2 <= 0.4 * 40 and len(sizes) % 2 == 0
    for k in range(0, len(sizes), 2):  # each coil: a wide and a tall box, crossed
        wide, tall = sizes[k], sizes[k + 1]
        np.testing.assert_allclose(centers[k, :2], centers[k + 1, :2])
        assert wide[0] > wide[2] and tall[2] > tall[0] and wide[0] == pytest.approx(tall[2])
        middle = (centers[k, 2] + wide[2] / 2, centers[k + 1, 2] + tall[2] / 2)
        assert middle[0] == pytest.approx(middle[1])  # one axis: the profile is symmetric
        assert wide[1] == pytest.approx(1.8) and tall[2] <= 2.0
    assert len({tuple(s.round(3)) for s in sizes}) >= 4  # some coils partly used


def test_a_stock_block_area_is_no_grid_of_identical_blocks():
    parts = _expand(STACKS)
    roles = _roles(parts)
    assert set(roles) == {"panels", "steel"}
    assert len({tuple(s.round(3)) for s in parts.boxes.size}) >= 4
    assert 1 <= 40 - len(parts.boxes) <= 0.4 * 40
    machines = _expand(STACKS.replace('role = "panels"', 'role = "machine"'))
    assert len({tuple(s) for s in machines.boxes.size}) == 1  # machines are one model


@pytest.mark.parametrize(
    ("text", "old", "new", "problem"),
    [
        (COILS, "rack_size_m = [2.0, 1.8, 2.0]", "rack_size_m = [4, 1.8, 4]", "a coil is at most"),
        (DIES, "rack_size_m = [4.0, 3.0, 1.8]", "rack_size_m = [400, 3, 1.8]", "at most 100 m"),
        (DIES, 'content = "dies"', 'content = "crates"', "dies, panels, parts, packs, cells"),
    ],
)
def test_broken_stores_name_the_field_and_line(text, old, new, problem):
    assert old in text
    broken = text.replace(old, new)
    with pytest.raises(DataFileError) as info:
        _expand(broken)
    field = new.split(" =")[0]
    assert info.value.field == f"equipment[0].{field}"
    assert problem in info.value.problem
    assert info.value.line == broken[: broken.index(new)].count("\n") + 1
    if field == "content":
        assert "castings" in info.value.problem and "coils" in info.value.problem


def test_the_bundled_stores_cost_no_more_boxes_than_before(plant):
    """Before: a rack its base, content per level and lid; a die two boxes; a block one."""
    for spec in plant.equipment:
        builder = PartsBuilder()
        add_equipment(spec, builder)
        count = len(builder.build().boxes)
        if isinstance(spec, specs.RackArea) and spec.content not in ("coils", "tables"):
            levels = 2 if spec.content == "dies" else int(spec.rack_size[2] // 1.6) + 3
            assert count <= spec.rows * spec.cols * levels + spec.zone, spec.id
        elif isinstance(spec, specs.BlockArea) and spec.role != "plant":
            assert count <= spec.rows * spec.cols + spec.zone, spec.id


def test_from_the_stamping_view_a_rack_draws_one_box(plant):
    import pyvista as pv

    from viewer.model.quality import PRESETS
    from viewer.scene.plant.plant_scene import PlantScene
    from viewer.scene.quality import apply_quality

    plotter = pv.Plotter(off_screen=True, window_size=(1280, 720))
    try:
        scene = PlantScene(plotter, plant)
        apply_quality(plotter, scene, PRESETS["low"])
        scene.show_view("stamping")
        plotter.ren_win.Render()
        boxes = scene.instanced["boxes"]
        shown = boxes.positions[boxes.shown("near")]
        racks = [
            s
            for s in plant.equipment
            if isinstance(s, specs.RackArea) and s.content == "panels" and s.workshop == "stamping"
        ]
        assert racks
        for spec in racks:
            x0, y0, _, x1, y1, _ = scene.parts.extents[spec.id]
            inside = (shown[:, 0] >= x0) & (shown[:, 0] <= x1)
            inside &= (shown[:, 1] >= y0) & (shown[:, 1] <= y1)
            # the content (or an empty rack's base) and the marked zone; before: three a rack
            # (a stack of stillages: its panels and the frame's band between two stillages)
            assert 0 < inside.sum() <= spec.rows * spec.cols * spec.stack + 1, spec.id
    finally:
        plotter.close()


def test_from_above_the_die_store_shows_painted_dies_on_yellow_lines(plant):
    from viewer.model.plant.views import CameraPose
    from viewer.scene.snapshot import OffscreenRenderer

    store = next(s for s in plant.equipment if s.id == "main-die-store")
    middle = store.origin + np.array(
        [(store.cols - 1) * store.pitch[0] / 2, (store.rows - 1) * store.pitch[1] / 2]
    )
    renderer = OffscreenRenderer(plant, (480, 270), quality="low")
    try:
        pose = CameraPose((middle[0], middle[1] - 12.0, 45.0), (middle[0], middle[1], 0.0), 20.0)
        image = renderer.render(None, pose=pose).astype(float) / 255
    finally:
        renderer.close()
    red, green, blue = image[..., 0], image[..., 1], image[..., 2]
    greens = (green > red + 0.06) & (green > blue + 0.03)
    blues = (blue > red + 0.12) & (blue > green + 0.04)
    yellows = (red > blue + 0.3) & (green > blue + 0.2)
    # before: dark grey dies on a grey floor, no colour at all
    assert greens.mean() > 0.03 and blues.mean() > 0.02 and yellows.mean() > 0.01
