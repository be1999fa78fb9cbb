"""What the plant's signs say: every sign box carries a text (the halls' names from the layout,
the layout's line signs, the boarding bay's and the tray return's), and a broken
``[[buildings.signs]]`` entry is one clean error naming its field."""

from __future__ import annotations

import numpy as np
import pytest

from viewer.model.errors import DataFileError
from viewer.model.plant.equipment import plant_parts
from viewer.model.plant.layout import load_plant
from viewer.model.plant.parts import BOX_ROLES
from viewer.model.plant.plant_signs import plant_signs
from viewer.model.plant.signs import BAY_TEXTS, HALL_SIGNS, TRAY_RETURN


@pytest.fixture(scope="module")
def parts(plant):
    return plant_parts(plant)


def test_every_sign_box_carries_a_text(plant, parts):
    signs = [sign for sign in plant_signs(plant, parts) if sign.board is None]  # not screens
    boxes = parts.boxes
    pick = boxes.role == BOX_ROLES.index("sign")
    assert len(signs) == int(pick.sum()) > 0
    placed = np.array([sign.bottom_center for sign in signs])
    for center, size in zip(boxes.bottom_center[pick], boxes.size[pick], strict=True):
        nearest = np.linalg.norm(placed - center, axis=1).argmin()
        assert np.linalg.norm(placed[nearest] - center) < 1e-6  # one text on every sign box
        assert np.allclose(signs[nearest].size, size)
    for sign in signs:
        assert sign.text.en and sign.text.zh


def test_halls_carry_their_names_and_line_names_from_the_layout(plant, parts):
    signs = [sign for sign in plant_signs(plant, parts) if sign.board is None]
    texts = [sign.text for sign in signs]
    for building in plant.buildings:
        named = sum(spec.text == building.name for spec in building.signs)
        if building.kind == "workshop":
            assert texts.count(building.name) == HALL_SIGNS + named, building.id
    stamping = plant.building("stamping")
    assert stamping.signs, "the layout hangs a line sign in the press shop"
    line = stamping.signs[0]
    sign = next(s for s in signs if s.text == line.text)
    assert np.allclose(sign.bottom_center, [*line.at, line.bottom])
    assert sign.hang_to is not None and sign.hang_to > sign.bottom_center[2] + sign.size[2]
    # its front faces the layout's heading
    front = np.degrees(sign.yaw) + 90.0
    assert abs((front - line.heading_deg + 180) % 360 - 180) < 1e-6
    assert texts.count(BAY_TEXTS["boarding"]) == 2  # the fascia and the hanging sign
    assert BAY_TEXTS["pouches"] in texts and TRAY_RETURN in texts


def test_a_hanging_sign_hangs_on_rods_from_the_trusses(plant, parts):
    line = plant.building("body").signs[0]
    boxes = parts.boxes
    rods = (boxes.role == BOX_ROLES.index("support")) & (
        np.linalg.norm(boxes.bottom_center[:, :2] - line.at, axis=1) < line.size[0] / 2
    )
    tops = boxes.bottom_center[rods, 2]
    assert np.count_nonzero(np.isclose(tops, line.bottom + line.size[1])) == 2


def _with_sign(plant_text: str, entry: str) -> str:
    anchor = 'id = "body"\n'
    block = plant_text[plant_text.index(anchor) :]
    block = block[: block.index("\n\n")]
    return plant_text.replace(block, block + "\n\n[[buildings.signs]]\n" + entry)


GOOD = (
    "at = [600, 500]\nheading_deg = 90\nsize_m = [6, 1.5]\nbottom_m = 6\n"
    'text = { en = "Side frame line", zh = "侧围线" }'
)


def test_a_new_sign_in_the_layout_is_hung(plant_text, write_plant):
    plant = load_plant(write_plant(_with_sign(plant_text, GOOD)))
    signs = plant_signs(plant, plant_parts(plant))
    assert any(sign.text.zh == "侧围线" for sign in signs)


def test_a_layout_sign_without_a_text_carries_its_buildings_name(plant_text, write_plant):
    entry = GOOD[: GOOD.index("text = ")]
    plant = load_plant(write_plant(_with_sign(plant_text, entry)))
    body = plant.building("body")
    spec = next(spec for spec in body.signs if np.allclose(spec.at, [600, 500]))
    assert spec.text == body.name
    signs = plant_signs(plant, plant_parts(plant))
    assert any(np.allclose(sign.bottom_center, [600, 500, 6]) for sign in signs)


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("at = [600, 500]", "at = [900, 500]", "at"),  # outside the body shop
        ("bottom_m = 6", "bottom_m = 15", "bottom_m"),  # through the roof
        ("size_m = [6, 1.5]", "size_m = [60, 1.5]", "size_m"),
        ("size_m = [6, 1.5]", "size_m = [6]", "size_m"),
        ('en = "Side frame line"', 'en = "' + "x" * 40 + '"', "text"),
        ('zh = "侧围线"', "zh = 3", "zh"),
        ("heading_deg = 90", "heading = 90", "heading_deg"),  # misspelt
        ("bottom_m = 6", "bottom_m = 6\nbotom = 2", "botom"),  # an unknown field
    ],
)
def test_a_broken_sign_entry_names_its_field(plant_text, write_plant, old, new, field):
    assert old in GOOD
    text = _with_sign(plant_text, GOOD.replace(old, new))
    with pytest.raises(DataFileError, match=field) as error:
        load_plant(write_plant(text))
    assert "signs" in str(error.value)
