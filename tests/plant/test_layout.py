"""The bundled layout: figures from the plant facts, counts and scale."""

from __future__ import annotations

import numpy as np
import pytest

from viewer.model.plant.equipment import plant_parts, robots_by_workshop
from viewer.model.plant.equipment_specs import DieCastCell, PressLine
from viewer.model.plant.parts import BOX_ROLES

REQUIRED_BUILDINGS = {
    "die-casting",
    "stamping",
    "body",
    "paint",
    "battery",
    "assembly",
    "exhibition-hall",
    "cafeteria",
}


def test_site_area_matches_the_filing(plant):
    assert plant.site_area_stated == 718046
    assert plant.site_area == pytest.approx(718046, rel=0.01)


def test_every_area_of_the_plant_is_there(plant):
    assert REQUIRED_BUILDINGS <= {b.id for b in plant.buildings}
    hall = plant.building("exhibition-hall")
    rooms = {room.id: room for room in hall.rooms}
    assert rooms["lobby"].storeys == 2 and "technology-showroom" in rooms
    assert len(plant.lots) >= 1 and plant.track.id == "test-track"
    assert "north-gate-1" in {g.id for g in plant.gates}
    assert plant.roads and plant.aisles


def test_test_track_is_two_and_a_half_kilometres(plant):
    assert plant.track.stated_length == 2500
    assert plant.track.length == pytest.approx(2500, rel=0.02)


def test_buildings_stay_inside_the_site_and_do_not_overlap(plant):
    (sx0, sy0), (sx1, sy1) = plant.boundary.min(0), plant.boundary.max(0)
    boxes = [b.bounds for b in plant.buildings]
    for x0, y0, x1, y1 in boxes:
        assert sx0 <= x0 < x1 <= sx1 and sy0 <= y0 < y1 <= sy1
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            overlap_x = min(a[2], b[2]) - max(a[0], b[0])
            overlap_y = min(a[3], b[3]) - max(a[1], b[1])
            assert overlap_x <= 0 or overlap_y <= 0


def test_estimates_are_marked(plant):
    for building in plant.buildings:
        assert {"footprint", "height_m"} <= set(building.estimated), building.id
    assert "corners" in plant.track.estimated


def test_robot_counts_follow_the_facts(plant):
    parts = plant_parts(plant)
    by_shop = robots_by_workshop(parts)
    assert len(parts.robots) >= 700
    assert by_shop["body"] >= 400
    assert set(by_shop) >= {"die-casting", "stamping", "body", "paint", "battery", "assembly"}


def test_press_line_and_die_casting_machine(plant):
    presses = [e for e in plant.equipment if isinstance(e, PressLine)]
    assert presses and all(4 <= len(line.presses) <= 5 for line in presses)
    assert presses[0].presses[0].tonnage_t == 2000
    cell = next(e for e in plant.equipment if isinstance(e, DieCastCell))
    np.testing.assert_allclose(cell.machine_size, [22, 8, 6.5])
    assert cell.cell_size.prod() == pytest.approx(840, rel=0.05)
    assert 100 <= cell.cycle_s <= 120


def test_equipment_stands_inside_its_workshop(plant):
    parts = plant_parts(plant)
    for robot_index in range(0, len(parts.robots), 7):
        building = plant.building(parts.robots.workshop[robot_index])
        x0, y0, x1, y1 = building.bounds
        x, y, _ = parts.robots.base[robot_index]
        assert x0 < x < x1 and y0 < y < y1, (building.id, x, y)


def test_parts_have_sane_sizes(plant):
    parts = plant_parts(plant)
    assert np.all(parts.boxes.size > 0)
    assert parts.boxes.role.max() < len(BOX_ROLES)
    assert len(parts.cars) > 100 and len(parts.agvs) > 10
    # the machine's bed and presses are at real size: the tallest press is 12.5 m
    press = parts.boxes.roles({"press"})
    assert press.size[:, 2].max() == pytest.approx(12.5)
