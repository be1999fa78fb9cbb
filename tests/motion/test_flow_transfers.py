"""A flow's transfers between lines: via points, hangers, the drive off, and their errors."""

from __future__ import annotations

import numpy as np
import pytest

from viewer.model.errors import DataFileError
from viewer.model.motion.production import ProductionLine
from viewer.model.plant.layout import load_plant

TAKT = 76.0
FRAMING_VIA = "via = [[668.25, 447, 3.9], [668.25, 477, 3.9]]"


def _line(plant) -> ProductionLine:
    return ProductionLine(plant.flows[0], {e.id: e for e in plant.equipment})


def _replace_once(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def test_a_body_is_hoisted_over_the_fences_between_body_shop_lines(plant):
    """Between the underbody and the framing line a body rises off the line's end, rides the
    rail lengthwise 30 m above the cells' fences on its hanger, and is set down at the head of
    the framing line: one body per takt, every one the same way."""
    line = _line(plant)
    route = line.routes()[0]
    owner = list(route.owner)
    leave = max(i for i, name in enumerate(owner) if name == "underbody-line")
    way = route.points[leave : leave + 4]
    np.testing.assert_allclose(
        way[:, :2], [[668.25, 447], [668.25, 447], [668.25, 477]] + [[668.25, 477]]
    )
    assert way[0, 2] < 1.0 and np.all(way[1:3, 2] == 3.9) and way[3, 2] < 1.0
    np.testing.assert_allclose(route.yaw[leave + 1 : leave + 3] % (2 * np.pi), np.pi / 2)
    # on its way: over the fences (2.2 m) on a 1.2 m hanger; one takt on, the next body there
    for t in np.arange(0.0, 20_000.0, 2.0):
        products = line.products(t)
        up = products.visible & np.isclose(products.position[:, 2], 3.9)
        up &= np.isclose(products.position[:, 0], 668.25) & (products.position[:, 1] > 450)
        if up.any():
            break
    assert up.sum() == 1 and products.position[up, 1] < 477 and products.hanger[up] == 1.2
    later = line.products(t + TAKT)
    following = later.serial == products.serial[up][0] + 1
    np.testing.assert_allclose(later.position[following], products.position[up])


def test_finished_cars_drive_off_forwards_down_to_the_floor(plant):
    route = _line(plant).routes()[0]
    off = np.array([name == "" for name in route.owner])
    last_line = int(np.nonzero(~off)[0][-1])
    tail = route.points[last_line + 1 :]
    assert np.all(tail[:, 2] == 0.0)
    steps = np.diff(route.points[last_line:, :2], axis=0)
    heading = np.arctan2(steps[:, 1], steps[:, 0])
    turn = np.angle(np.exp(1j * (route.yaw[last_line + 1 :] - heading)))
    np.testing.assert_allclose(turn, 0.0, atol=1e-9)


def test_transfers_keep_the_takt_and_the_simulation_a_function_of_time(plant):
    line = _line(plant)
    t = line.fill_time + 3 * TAKT + 20.0
    first = line.products(t)
    again = _line(plant).products(t)
    np.testing.assert_array_equal(first.position, again.position)
    assert [line.finished(line.fill_time + k * TAKT) for k in range(4)] == [0, 1, 2, 3]


@pytest.mark.parametrize(
    "old, new, field, message",
    [
        ('to = "framing-line"', 'to = "underbody-line"', "[0].to", "is the first stage's line"),
        ('to = "framing-line"', 'to = "closures-cell-doors"', "[0].to", "is no line of the flow"),
        ('to = "respot-line"', 'to = "framing-line"', "[1].to", "a second transfer into"),
        (FRAMING_VIA, "via = [[668.25, 447, -1]]", "[0].via", "must not be below the floor"),
        (FRAMING_VIA, "via = [[668.25, 447]]", "[0].via", "point 0 must be"),
        ("hanger_m = 1.2\n", "hanger_m = -1\n", "[0].hanger_m", "must be at least 0"),
    ],
)
def test_broken_transfers_name_the_field_and_line(
    plant_text, write_plant, old, new, field, message
) -> None:
    text = _replace_once(plant_text, old, new)
    path = write_plant(text)
    with pytest.raises(DataFileError, match=message) as caught:
        load_plant(path)
    assert caught.value.field == f"flows[0].transfers{field}"
    line = text[: text.rindex(new)].count("\n") + 1  # (the second "to" where two)
    assert str(caught.value).startswith(f"{path}:{line}: ")
