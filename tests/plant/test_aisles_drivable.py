"""Every visitor aisle of the bundled layout can be driven end to end, and a route that cannot
names what stands in its way."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from viewer.model.fields import Text
from viewer.model.plant.equipment import plant_parts
from viewer.model.plant.layout import load_plant
from viewer.model.tour.route import Route, Stop, load_route
from viewer.model.tour.route_check import check_route

CLEARANCE_KINDS = {"off-aisle", "clearance", "robot-clearance"}
OLD_CONVEYOR = "points = [[733.25, 507], [760, 507], [760, 550], [892, 550], [892, 380]]"


@pytest.fixture(scope="module")
def parts(plant):
    """The bundled plant's parts (built once for all aisles)."""
    return plant_parts(plant)


def route_along(points: np.ndarray) -> Route:
    """The standard route's settings, driven along ``points`` with one stop at the start."""
    start = np.asarray(points[0], dtype=float)
    stop = Stop(
        id="start",
        name=Text("Start", "起点"),
        at=start,
        dwell=5.0,
        narration=Text("Along the aisle.", "沿通道行驶。"),
        look_at=np.array([*points[-1], 1.5]),
    )
    return dataclasses.replace(
        load_route(), waypoints=np.asarray(points, dtype=float), stops=(stop,), limits=()
    )


def clearance_problems(route: Route, plant, parts=None) -> list:
    """The route check's aisle and clearance problems."""
    report = check_route(route, plant, parts)
    return [p for p in report.problems if p.kind in CLEARANCE_KINDS]


def test_every_aisle_of_the_bundled_layout_can_be_driven_end_to_end(plant, parts):
    assert len(plant.aisles) > 20
    blocked = {}
    for lane in plant.aisles:
        problems = clearance_problems(route_along(lane.points), plant, parts)
        if problems:
            blocked[lane.id] = [p.message for p in problems]
    assert not blocked


def test_east_link_is_driven_both_ways(plant, parts):
    lane = next(lane for lane in plant.aisles if lane.id == "east-link")
    assert clearance_problems(route_along(lane.points[::-1]), plant, parts) == []


def test_a_clearance_message_names_the_obstacle_by_its_id(plant_text, write_plant):
    # The layout as it was: a post of the body-to-paint conveyor stood in the east-link aisle.
    fixed = next(line for line in plant_text.splitlines() if line.startswith("points = [[733.25"))
    old = load_plant(write_plant(plant_text.replace(fixed, OLD_CONVEYOR, 1)))
    lane = next(lane for lane in old.aisles if lane.id == "east-link")
    problems = clearance_problems(route_along(lane.points), old)
    assert [p.kind for p in problems] == ["clearance"]
    assert "'body-to-paint-overhead'" in problems[0].message
    assert "support" in problems[0].message
    assert abs(problems[0].xy[0] - 892) < 3 and abs(problems[0].xy[1] - 430) < 1


def test_a_route_along_a_wall_names_the_building(plant, parts):
    # Along the outside of the body shop's south wall, hugging it.
    x0, y0, _, _ = plant.building("body").bounds
    route = route_along(np.array([[x0 + 200, y0 - 0.8], [x0 + 260, y0 - 0.8]]))
    problems = [p for p in clearance_problems(route, plant, parts) if p.kind == "clearance"]
    assert problems and all("'body'" in p.message for p in problems)
