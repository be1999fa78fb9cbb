"""The cafeteria's serving line (``type = "serving_line"``): a stainless counter with a sneeze
guard over dishes of food, heat lamps, lit menu screens on a bright wall behind the servers,
drink fridges and a tray return; from the tour's seat at the cafeteria stop it reads as a
canteen's servery, not a plain grey slab. Broken entries give a clean DataFileError."""

from __future__ import annotations

import numpy as np
import pytest
from qimage_pixels import pixels_like

from viewer.model.errors import DataFileError
from viewer.model.fields import Fields
from viewer.model.geometry import heading_frame
from viewer.model.plant import equipment_specs as specs
from viewer.model.plant.equipment import COUNTER, GUARD, add_equipment, plant_parts
from viewer.model.plant.layout import load_plant
from viewer.model.plant.parts import BOX_ROLES, PartsBuilder
from viewer.model.tour.route import load_route
from viewer.scene import palette
from viewer.scene.snapshot import OffscreenRenderer

LINE = "cafeteria-serving-counter"
SIZE = (960, 540)

ENTRY = """
[[equipment]]
id = "servery"
type = "serving_line"
workshop = "cafeteria"
start = [10, 20]
heading_deg = 90
length_m = 12
sections = 3
customers = "right"
back_wall_m = 3.5
fridges = 2
tray_return = true
"""


def _read(text: str) -> specs.Equipment:
    doc = Fields.from_text(text, "plant.toml")
    return specs.read_equipment(doc.tables("equipment")[0])


def _roles(boxes) -> np.ndarray:
    return np.array(BOX_ROLES)[boxes.role]


@pytest.fixture(scope="module")
def parts(plant):
    return plant_parts(plant)


def test_the_cafeteria_has_a_servery_with_its_parts(plant, parts):
    """Inside the cafeteria's footprint: the counter, a sneeze guard and heat lamps over every
    section, a menu screen per section, dishes in three colours, the orange wall, the fridges,
    the tray return and plants (counted by role)."""
    x0, y0, x1, y1 = plant.building("cafeteria").bounds
    boxes = parts.boxes
    xy = boxes.bottom_center[:, :2]
    inside = (xy[:, 0] > x0) & (xy[:, 0] < x1) & (xy[:, 1] > y0) & (xy[:, 1] < y1)
    counts = dict(zip(*np.unique(_roles(boxes)[inside], return_counts=True), strict=True))
    spec = next(e for e in plant.equipment if e.id == LINE)
    assert isinstance(spec, specs.ServingLine) and spec.sections >= 3
    expected = {
        "counter": 3,
        "sneeze_guard": 2 * spec.sections,
        "heat_lamp": spec.sections,
        "menu_screen": spec.sections,
        "menu_picture": 3 * spec.sections,
        "food": 6,
        "food_red": 4,
        "food_green": 6,
        "accent_wall": 1,
        "fridge": spec.fridges,
        "tray_return": 1,
        "plant": 6,
    }
    for role, least in expected.items():
        assert counts.get(role, 0) >= least, role
    assert spec.fridges >= 2 and spec.tray_return


def test_the_servery_stands_as_a_servery():
    """Where each part is: the guard over the counter's dishes on the customers' side, the menu
    screens on the wall behind the servers above head height, facing the customers, the
    fridges and the tray return past the counter's end, everything within the entry's extent."""
    spec = _read(ENTRY)
    builder = PartsBuilder()
    builder.equipment = spec.id
    add_equipment(spec, builder)
    built = builder.build()
    boxes, roles = built.boxes, _roles(built.boxes)
    along, normal, _ = heading_frame(spec.heading_deg)
    out = normal * spec.customers  # towards the queue: east, for a line heading north
    rel = boxes.bottom_center[:, :2] - spec.start
    u, v = rel @ along, rel @ out
    top = boxes.bottom_center[:, 2] + boxes.size[:, 2]

    guard = roles == "sneeze_guard"
    assert (boxes.bottom_center[guard, 2] >= COUNTER[1]).all()
    assert (v[guard] > 0).all() and (v[guard] < COUNTER[0] / 2 + 0.01).all()
    dishes = np.isin(roles, ["food", "food_red", "food_green"]) & (u < spec.length)
    assert dishes.sum() >= 3 * spec.sections
    assert np.allclose(top[dishes], COUNTER[1] + 0.03)  # set in the counter's top
    screens = roles == "menu_screen"
    assert screens.sum() == spec.sections
    assert (boxes.bottom_center[screens, 2] > 1.8).all()  # above the servers' heads
    assert np.allclose(v[screens], -spec.back_wall + 0.14 + 0.04)  # on the back wall
    pictures = roles == "menu_picture"
    assert (v[pictures] > v[screens].max()).all()  # in front of the screens' faces
    wall = roles == "accent_wall"
    assert np.allclose(v[wall], -spec.back_wall) and (top[wall] >= 3.0).all()
    beyond = np.isin(roles, ["fridge", "tray_return"])
    assert (u[beyond] > spec.length).all() and (v[beyond] > 0.3).all()  # facing the queue
    assert (roles == "fridge").sum() == spec.fridges and (roles == "tray_return").sum() == 1
    x0, y0, _, x1, y1, _ = built.extents["servery"]
    assert (boxes.bottom_center[:, 0] >= x0 - 1e-9).all() and (
        boxes.bottom_center[:, 0] <= x1
    ).all()
    assert (boxes.bottom_center[:, 1] >= y0 - 1e-9).all() and (
        boxes.bottom_center[:, 1] <= y1
    ).all()


def test_a_block_of_plants_is_planters_with_leaves_on_top():
    text = ENTRY.replace('type = "serving_line"', 'type = "block_area"').split("start =")[0]
    text += "origin = [0, 0]\nrows = 1\ncols = 3\npitch_m = [4, 1]\n"
    spec = _read(text + 'block_size_m = [1, 1, 1.6]\nrole = "plant"\n')
    builder = PartsBuilder()
    add_equipment(spec, builder)
    boxes = builder.build().boxes
    roles = _roles(boxes)
    assert list(roles) == ["cabinet", "plant"] * 3
    leaves, pots = roles == "plant", roles == "cabinet"
    assert np.allclose(boxes.bottom_center[leaves, 2], boxes.size[pots, 2])  # on the planter
    assert np.allclose(boxes.bottom_center[leaves, 2] + boxes.size[leaves, 2], 1.6)
    assert (boxes.size[leaves, 0] > boxes.size[pots, 0]).all()  # leaves spread over its rim


def test_optional_parts_can_be_left_out():
    """No back wall: no wall, cupboards or menu screens; no fridges, no tray return; a cold
    salad bar: no heat lamps, and its posts only as high as the guard."""
    bare = ENTRY.replace("back_wall_m = 3.5", "back_wall_m = 0").replace("fridges = 2", "")
    bare = bare.replace("tray_return = true", "")
    spec = _read(bare)
    builder = PartsBuilder()
    add_equipment(spec, builder)
    roles = set(_roles(builder.build().boxes))
    assert {"counter", "sneeze_guard", "heat_lamp", "food"} <= roles
    assert not roles & {"accent_wall", "menu_screen", "fridge", "tray_return"}
    cold = PartsBuilder()
    add_equipment(_read(bare + "heat_lamps = false\n"), cold)
    boxes = cold.build().boxes
    assert "heat_lamp" not in set(_roles(boxes)) and "food_green" in set(_roles(boxes))
    assert (boxes.bottom_center[:, 2] + boxes.size[:, 2]).max() <= GUARD[1] + 0.03


@pytest.mark.parametrize(
    ("old", "new", "field", "problem"),
    [
        ("length_m = 12\n", "", "length_m", "missing required field"),
        ("length_m = 12", "length_m = -4", "length_m", "must be positive"),
        ("sections = 3", "sections = 9", "sections", "12 m holds at most 8"),
        ("sections = 3", "sections = 1.5", "sections", "whole number"),
        ('customers = "right"', 'customers = "front"', "customers", "expected one of left, right"),
        ("back_wall_m = 3.5", "back_wall_m = 1", "back_wall_m", "at least 2"),
        ("fridges = 2", "fridges = -1", "fridges", "at least 0"),
        ("tray_return = true", 'tray_return = "yes"', "tray_return", "must be true or false"),
        ("fridges = 2", "heat_lamps = 0", "heat_lamps", "must be true or false"),
    ],
)
def test_broken_serving_lines_name_the_field(old, new, field, problem):
    assert old in ENTRY
    broken = ENTRY.replace(old, new, 1)
    with pytest.raises(DataFileError) as info:
        _read(broken)
    assert info.value.field == f"equipment[0].{field}"
    assert problem in info.value.problem
    if new.strip():
        assert info.value.line == broken[: broken.index(new)].count("\n") + 1


def test_a_broken_serving_line_in_the_layout_names_file_and_line(plant_text, write_plant):
    anchor = f'id = "{LINE}"\n'
    start = plant_text.index(anchor)
    broken = plant_text[:start] + plant_text[start:].replace("sections = 4", "sections = 40", 1)
    with pytest.raises(DataFileError) as info:
        load_plant(write_plant(broken))
    assert info.value.field.endswith(".sections") and "at most" in info.value.problem
    assert info.value.line == broken[: broken.index("sections = 40")].count("\n") + 1


@pytest.fixture(scope="module")
def seat(plant):
    """The seat picture in the middle of the cafeteria stop, and a projection to its pixels."""
    renderer = OffscreenRenderer(plant, SIZE, route=load_route(), quality="low")
    try:
        image = renderer.render_stop("cafeteria")
        view = renderer.plotter.renderer

        def project(point: tuple[float, float, float]) -> tuple[float, float]:
            view.SetWorldPoint(*point, 1.0)
            view.WorldToDisplay()
            x, y, _ = view.GetDisplayPoint()
            return x, SIZE[1] - 1 - y

        yield image, project
    finally:
        renderer.close()


def _servery_region(plant, project) -> tuple[slice, slice]:
    """The picture's rows and columns of the servery from 5 to 20 m along the counter, from
    the floor to the top of its back wall, from the counter to the wall."""
    spec = next(e for e in plant.equipment if e.id == LINE)
    along, normal, _ = heading_frame(spec.heading_deg)
    back = -normal * spec.customers * spec.back_wall
    corners = np.array(
        [
            project((*(spec.start + along * s + back * t), z))
            for s in (5.0, 20.0)
            for t in (0.0, 1.0)
            for z in (0.0, 3.4)
        ]
    )
    (c0, r0), (c1, r1) = np.clip(corners.min(0), 0, None), corners.max(0)
    return slice(int(r0), int(r1) + 1), slice(int(c0), int(c1) + 1)


def test_from_the_seat_the_servery_is_warm_and_colourful(plant, seat):
    """Where the counter stands in the seat picture: warm colours (the orange wall, the dishes,
    the menu's pictures) on a fifth or so of it, greens among the dishes (a plain grey counter
    in front of a grey wall had none of either)."""
    image, project = seat
    rows, cols = _servery_region(plant, project)
    region = image[rows, cols].astype(float) / 255
    assert region.shape[0] > 100 and region.shape[1] > 200  # the servery is big in the picture
    top, low = region.max(axis=2), region.min(axis=2)
    saturation = (top - low) / np.maximum(top, 1e-6)
    warm = (saturation > 0.5) & (top > 0.45) & (region[..., 0] == top) & (region[..., 2] == low)
    assert warm.mean() > 0.08
    assert pixels_like(image[rows, cols], palette.ROLES["food_green"]).sum() > 50


def test_from_the_seat_the_menu_screens_glow_above_the_counter(plant, parts, seat):
    """The menu screens' faces, drawn in their own bright colour, show in the seat picture above
    the counter's top, at least three of the four where their boxes stand (the band over
    their pictures)."""
    image, project = seat
    glow = np.array(palette.ROLES["menu_screen"]) * 255
    lit = np.all(np.abs(image.astype(int) - glow) <= 6, axis=2)
    assert lit.sum() > 500
    boxes = parts.boxes
    mine = (_roles(boxes) == "menu_screen") & _in_extent(boxes, parts.extents[LINE])
    # the band of each face above its pictures
    bands = boxes.bottom_center[mine] + np.outer(boxes.size[mine, 2] * 0.93, [0, 0, 1])
    shown = 0
    for middle in bands:
        x, y = project(tuple(middle))
        counter_top = project((*middle[:2], 0.85))[1]
        if 0 <= x < SIZE[0] and 0 <= y < SIZE[1]:
            near = lit[max(0, int(y) - 3) : int(y) + 4, max(0, int(x) - 3) : int(x) + 4]
            shown += bool(near.any()) and y < counter_top
    assert shown >= 3
    rows = np.nonzero(lit[:, : SIZE[0] // 2])[0]  # in the left half, where the counter is
    spec = next(e for e in plant.equipment if e.id == LINE)
    along, _, _ = heading_frame(spec.heading_deg)
    middle = spec.start + along * spec.length / 2
    assert np.median(rows) < project((*middle, COUNTER[1]))[1]


def _in_extent(boxes, extent) -> np.ndarray:
    x0, y0, _, x1, y1, _ = extent
    xy = boxes.bottom_center[:, :2]
    return (xy[:, 0] >= x0) & (xy[:, 0] <= x1) & (xy[:, 1] >= y0) & (xy[:, 1] <= y1)
