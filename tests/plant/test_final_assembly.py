"""Final assembly reads as final assembly (issue 19): the final line is people, not robots (robots
only in the glazing and wheel cells); tool balancers and lamps hang over its stations and its
skillets show their seams; along the visitors' lane a railed walkway edge with kitting carts and
a tugger train behind it; the layout's new fields and their clean errors
(viewer.model.plant.final_assembly)."""

from __future__ import annotations

import numpy as np
import pytest

from viewer.model.errors import DataFileError
from viewer.model.fields import Fields
from viewer.model.plant import equipment_specs as specs
from viewer.model.plant import final_assembly as fa
from viewer.model.plant.equipment import add_equipment, plant_parts
from viewer.model.plant.parts import BOX_ROLES, PartsBuilder

LINE = """
[[equipment]]
id = "line"
type = "station_line"
workshop = "assembly"
start = [100, 50]
heading_deg = 180
stations = 10
pitch_m = 6.5
robots_per_station = 0
product = "car"
conveyor = "floor"
conveyor_width_m = 6
"""
LANE = """
[[equipment]]
id = "lane"
type = "kitting_lane"
workshop = "assembly"
start = [0, 0]
end = [25, 0]
side = "left"
"""


def _read(text: str) -> specs.Equipment:
    doc = Fields.from_text(text, "plant.toml")
    return specs.read_equipment(doc.tables("equipment")[0])


def _build(spec: specs.Equipment) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    builder = PartsBuilder()
    add_equipment(spec, builder)
    boxes = builder.build().boxes
    return np.array(BOX_ROLES)[boxes.role], boxes.bottom_center, boxes.size


def test_no_robot_stands_on_the_final_line_outside_the_glazing_and_wheel_cells(plant):
    parts = plant_parts(plant)
    line = next(e for e in plant.equipment if e.id == "final-line")
    along = np.array([np.cos(np.radians(line.heading_deg)), np.sin(np.radians(line.heading_deg))])
    normal = np.array([-along[1], along[0]])
    base = parts.robots.base[:, :2] - line.start
    a, n = base @ along, base @ normal
    on_line = (a > -2) & (a < line.stations * line.pitch + 2) & (np.abs(n) < 8)
    cells = {"glazing-cell", "wheel-fitting-cells"}
    owners = set(parts.robots.equipment[on_line]) - cells
    assert not owners, f"robots along the final line from {owners}"
    robots = dict(zip(*np.unique(parts.robots.equipment, return_counts=True), strict=True))
    assert robots["glazing-cell"] > 0 and robots["wheel-fitting-cells"] > 0
    assert robots.get("final-line", 0) == 0 and robots.get("chassis-line", 0) == 0


def test_the_dressed_stations_get_lamps_balancers_and_seams():
    spec = _read(LINE + "dress_stations = 4\nbalancers = 2\n")
    assert (spec.dress_stations, spec.balancers) == (4, 2)
    roles, at, size = _build(spec)
    plain = _build(_read(LINE))[0]
    lamps = roles == "lamp"
    assert lamps.sum() == 4 and "lamp" not in plain
    assert np.all(at[lamps, 2] > 3.0)  # over the cars, not on them
    tools = (roles == "machine") & (size[:, 2] < 0.5)
    assert tools.sum() == 4 * 2 * 2  # two per side of each dressed station
    # at a worker's hand height on the skillets, over the workers beside the car
    assert np.all((at[tools, 2] > 1.2) & (at[tools, 2] < 2.0))
    assert np.allclose(np.abs(at[tools, 1] - 50), fa.BALANCER_OFFSET)
    cords = (roles == "hanger") & (size[:, 0] < 0.05)
    assert np.allclose(at[cords, 2] + size[cords, 2], fa.BALANCER_RAIL_Z)
    seams = (roles == "pack") & (size[:, 0] < 0.2)
    assert seams.sum() == 4 and np.all(size[seams, 2] > 0.45)  # just above the skillets' deck
    # only the first four stations, counted from the line's start (heading west from x 100)
    assert at[lamps, 0].min() > 100 - 4 * 6.5


def test_the_kitting_lane_railing_carts_and_tugger_train():
    spec = _read(LANE + "tugger_trolleys = 2\ncart_pitch_m = 2.5\noffset_m = 3\n")
    roles, at, size = _build(spec)
    rails = roles == "railing"
    assert rails.any() and np.allclose(at[rails, 1], 0.0)
    assert np.isclose((at[rails, 2] + size[rails, 2]).max(), 1.11, atol=0.02)
    carts = (roles == "trolley") & (size[:, 2] < 0.3) & (size[:, 0] < 1.3)
    # the train takes its length from the row's start, then carts every 2.5 m to the end
    train = fa.TUGGER_SIZE[0] + 0.3 + 2 * fa.TROLLEY_LENGTH + fa.TRAIN_GAP
    assert carts.sum() == int((25 - train - fa.CART_SIZE[0]) // 2.5) + 1
    assert len(roles) == fa.kitting_lane_boxes(25, 2.5, 2)  # the count the reader bounds
    assert np.allclose(at[carts, 1], 3.0) and at[carts, 0].min() > train
    tops = at[:, 2] + size[:, 2]  # all but the railing low: from the seat the line is seen over
    assert tops[roles != "railing"].max() < 1.35
    bins = np.isin(roles, ["parts", "cabinet"])
    assert np.all(at[bins, 1] > 2.0)  # all behind the railing, on its left
    right = _read(LANE.replace('"left"', '"right"'))
    assert np.all(_build(right)[1][_build(right)[0] == "parts", 1] < 0)


@pytest.mark.parametrize(
    ("entry", "extra", "field", "problem"),
    [
        (LINE, "dress_stations = 11\n", "dress_stations", "has 10 stations"),
        (LINE, "dress_stations = 2.5\n", "dress_stations", "whole number"),
        (LINE, "balancers = 3\n", "balancers", "at most 2"),
        (LINE, 'balancers = "two"\n', "balancers", "must be a number"),
        (LANE.replace("[25, 0]", "[300, 0]"), "", "end", "4 to 50 m"),
        (LANE.replace("[25, 0]", "[1, 0]"), "", "end", "4 to 50 m"),
        (LANE.replace('"left"', '"up"'), "", "side", "left"),
        (LANE, "offset_m = 0.2\n", "offset_m", "at least 1"),
        (LANE, "cart_pitch_m = 1\n", "cart_pitch_m", "at least 1.5"),
        (LANE, "tugger_trolleys = 9\n", "tugger_trolleys", "at most 6"),
        (LANE.replace("[25, 0]", "[0, 45]"), "", "cart_pitch_m", "boxes, at most 100"),
    ],
)
def test_broken_entries_are_refused_naming_the_field(entry, extra, field, problem):
    with pytest.raises(DataFileError) as info:
        _read(entry + extra)
    message = str(info.value)
    assert "plant.toml" in message and field in message and problem in message, message


def test_the_bundled_final_line_is_dressed_where_visitors_look_on(plant):
    line = next(e for e in plant.equipment if e.id == "final-line")
    assert line.dress_stations >= 10 and line.balancers >= 1
    lane = next(e for e in plant.equipment if isinstance(e, specs.KittingLane))
    assert lane.workshop == "assembly" and lane.tugger_trolleys > 0
    # between the visitors' lane (y 291-295) and the skillets' south edge (y 302)
    row = lane.start[1] + lane.side * lane.offset
    assert 295 < lane.start[1] < row < 305 - 3 - 1
