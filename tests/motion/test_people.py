"""People and forklifts: the layout's crews, their motion as a function of time, the drawing."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
import pyvista as pv
from qimage_pixels import assert_figures_in_colours, pixels_like

from viewer.model.errors import DataFileError
from viewer.model.motion.people import (
    CONVEYOR_DECK,
    CORNER_RADIUS,
    KEEP_RIGHT,
    PERSON_RADIUS,
    SEAT_HEIGHT,
    SITTING,
    THIGH_HEIGHT,
    WALK_SPEED,
    Crew,
    ForkliftLoop,
    Loop,
    People,
    PeopleMotion,
    distance_to_polyline,
    sample_path,
)
from viewer.model.motion.plant_run import PlantRun
from viewer.model.plant import equipment_specs as specs
from viewer.model.plant.equipment import ROBOT_SIDE_OFFSET, plant_parts
from viewer.model.plant.layout import load_plant
from viewer.model.plant.parts import BOX_ROLES, STRUCTURE_ROLES
from viewer.model.plant.views import CameraPose
from viewer.model.quality import PRESETS
from viewer.model.tour.route import load_route
from viewer.model.tour.route_check import SHUTTLE_HALF_WIDTH
from viewer.model.tour.shuttle import TourMotion
from viewer.scene.plant.people import (
    PERSON_HEIGHT,
    SHUTTLE_SEATS,
    SKIN,
    TOPS,
    TROUSERS,
    figure_far,
    figure_far_head,
    figure_far_legs,
    figure_tiny,
    figure_torso,
)
from viewer.scene.plant.plant_scene import PlantScene
from viewer.scene.quality import apply_quality
from viewer.scene.tour.tour_scene import TourScene

T0 = 30000.0  # seconds: a time when the plant runs
# Not things a person stands in: overhead and structural parts, floor paint, the building shell.
NOT_OBSTACLES = (STRUCTURE_ROLES - {"column", "guard"}) | {"hanger", "rail"}

CREW = """
[[crews]]
id = "extra"
workshop = "assembly"
kind = "station"
uniform = "orange"
center = [400, 330]
count = 3
spread_m = 2
"""
WALK = """
[[crews]]
id = "extra-walk"
workshop = "assembly"
kind = "walk"
uniform = "navy"
points = [[300, 312], [320, 312], [320, 315], [300, 315]]
count = 2
"""
LINE = """
[[crews]]
id = "extra-line"
workshop = "assembly"
kind = "line"
uniform = "orange"
line = "trim-line"
per_side = 1
"""
SEATED = """
[[equipment]]
id = "extra-tables"
type = "rack_area"
workshop = "cafeteria"
origin = [735.5, 608]
rows = 2
cols = 1
pitch_m = [6.5, 6]
rack_size_m = [3.2, 1.2, 0.75]
content = "tables"

[[crews]]
id = "extra-diners"
workshop = "cafeteria"
kind = "seated"
uniform = "visitor"
tables = "extra-tables"
side = "left"
per_side = 2
count = 3
"""
FORKLIFT = """
[[forklifts]]
id = "extra-forklift"
workshop = "assembly"
points = [[300, 355], [340, 355], [340, 360], [300, 360]]
count = 2
"""


@pytest.fixture(scope="module")
def motion(plant):
    return PeopleMotion(plant.people)


def _index(plant, key: str) -> int:
    return len(plant.people.crews if key == "crews" else plant.people.forklifts)


# -- reading ------------------------------------------------------------------------------------
def test_the_bundled_layout_has_crews_of_every_kind_and_forklifts(plant):
    people = plant.people
    kinds = {crew.kind for crew in people.crews}
    assert kinds == {"station", "line", "walk", "seated"}
    assert people.count == sum(crew.size for crew in people.crews) > 100
    assert people.forklift_count >= 4
    workshops = {loop.workshop for loop in people.forklifts}
    assert {"stamping", "assembly", "battery"} <= workshops
    assert all(crew.estimated for crew in people.crews)


def test_valid_extra_entries_load(plant, plant_text, write_plant):
    extended = load_plant(write_plant(plant_text + CREW + WALK + LINE + SEATED + FORKLIFT))
    added = {crew.id: crew for crew in extended.people.crews[-4:]}
    assert added["extra"].size == 3
    assert np.linalg.norm(added["extra"].places - [400, 330], axis=1).max() <= 2.0
    assert added["extra-walk"].size == 2 and added["extra-walk"].path.shape == (4, 2)
    trim = next(e for e in plant.equipment if e.id == "trim-line")
    assert added["extra-line"].size == 2 * trim.stations
    assert extended.people.forklifts[-1] == ForkliftLoop(
        "extra-forklift",
        "assembly",
        extended.people.forklifts[-1].points,
        2,
    )
    assert extended.people.count == plant.people.count + 3 + 2 + 2 * trim.stations + 3
    diners = added["extra-diners"]  # 2 chairs on the left (north) of each of 2 tables, 3 taken
    assert diners.seated and diners.size == 3 and len(diners.chairs) == 4
    assert np.allclose(np.sort(diners.chairs[:, 1]), [608.95, 608.95, 614.95, 614.95])
    assert np.allclose(np.sort(np.unique(diners.chairs[:, 0])), [734.7, 736.3])
    assert np.allclose(diners.chair_facing, -np.pi / 2)  # facing south, at their table
    assert len(extended.people.chairs) == len(plant.people.chairs) + 4
    outdoors = FORKLIFT.replace('workshop = "assembly"', 'workshop = "site"')  # anywhere on site
    assert load_plant(write_plant(plant_text + outdoors)).people.forklifts[-1].workshop == "site"
    with pytest.raises(DataFileError, match=r"crews\[\d+\]\.workshop: .*'site'"):
        load_plant(write_plant(plant_text + CREW.replace('"assembly"', '"site"')))  # not people


def test_line_workers_face_their_line_from_both_sides(plant):
    crew = next(c for c in plant.people.crews if c.id == "trim-line-crew")
    line = next(e for e in plant.equipment if e.id == "trim-line")
    along = np.array([np.cos(np.radians(line.heading_deg)), np.sin(np.radians(line.heading_deg))])
    normal = np.array([-along[1], along[0]])
    side = (crew.places - line.start) @ normal
    assert (side > 0).any() and (side < 0).any()
    facing = np.column_stack([np.cos(crew.facing), np.sin(crew.facing)])
    assert np.all(np.sign(facing @ normal) == -np.sign(side))  # turned towards the line


@pytest.mark.parametrize(
    ("section", "old", "new", "field", "message"),
    [
        (CREW, 'kind = "station"', 'kind = "dance"', "kind", "unknown value"),
        (CREW, 'uniform = "orange"', 'uniform = "tartan"', "uniform", "unknown value"),
        (CREW, 'workshop = "assembly"', 'workshop = "moon"', "workshop", "no building"),
        (CREW, "count = 3", "count = -3", "count", "at least 1"),
        (CREW, "count = 3", "count = 2.5", "count", "whole number"),
        (CREW, "spread_m = 2", "spred_m = 2", "spred_m", "unknown field"),
        (CREW, "center = [400, 330]", "center = [400]", "center", "list of 2 numbers"),
        (CREW, "center = [400, 330]", "center = [100, 330]", "center", "outside its workshop"),
        (CREW, "center = [400, 330]", "center = [400, 287]", "center", "visitor aisle"),
        (CREW, "spread_m = 2", "spread_m = 2\nclear_m = 3", "clear_m", "less than spread_m"),
        (CREW, "spread_m = 2", "spread_m = 2\nlook_at = [0, 0]\nheading_deg = 3", "look_at", ""),
        (CREW, 'id = "extra"', 'id = "trim-line-crew"', "id", "duplicate"),
        (WALK, "count = 2", "count = 0", "count", "at least 1"),
        (
            WALK,
            "points = [[300, 312], [320, 312], [320, 315], [300, 315]]",
            "points = [[300, 312]]",
            "points",
            "at least 2 points",
        ),
        (WALK, "[320, 315], [300, 315]]", "[320, 287], [300, 287]]", "points", "visitor aisle"),
        (LINE, 'line = "trim-line"', 'line = "no-such-line"', "line", "no station_line"),
        (LINE, 'line = "trim-line"', 'line = "panel-racks"', "line", "no station_line"),
        (LINE, "per_side = 1", "per_side = 9", "per_side", "at most 6"),
        (LINE, "per_side = 1", "per_side = 1\ncenter = [1, 2]", "center", "unknown field"),
        (SEATED, 'tables = "extra-tables"', 'tables = "chairs"', "tables", "no rack_area of"),
        (SEATED, 'tables = "extra-tables"', 'tables = "panel-racks"', "tables", "no rack_area"),
        (SEATED, 'tables = "extra-tables"', "tables = [3]", "tables", "list of strings"),
        (SEATED, 'tables = "extra-tables"', "tables = []", "tables", "names no rack area"),
        (SEATED, "per_side = 2", "per_side = 8", "per_side", "do not fit along a 3.2 m table"),
        (SEATED, "count = 3", "count = 500", "count", "500 people but only 4 chairs"),
        (SEATED, 'side = "left"', 'side = "north"', "side", "unknown value"),
        (SEATED, "[735.5, 608]", "[735.5, 638]", "tables", "outside its workshop"),
        (
            SEATED,
            'tables = "extra-tables"',
            'tables = ["extra-tables", "cafeteria-tables"]',
            "side",
            "the left side of 'cafeteria-tables' already seats crew 'cafeteria-diners-north'",
        ),
        (SEATED, "per_side = 2", "per_side = 2\nstep_m = 1", "step_m", "unknown field"),
        (SEATED, "rows = 2\ncols = 1", "rows = 99\ncols = 99", "tables", "at most 5000"),
        (FORKLIFT, "count = 2", "count = 0", "count", "at least 1"),
        (FORKLIFT, 'workshop = "assembly"', 'workshop = "nowhere"', "workshop", "or 'site'"),
        (
            FORKLIFT,
            "[340, 360], [300, 360]]",
            "[340, 360], [300, 360], [300, 360]]",
            "points",
            "repeats",
        ),
    ],
)
def test_broken_entries_name_their_field(
    plant, plant_text, write_plant, section, old, new, field, message
):
    assert old in section
    key = "forklifts" if section is FORKLIFT else "crews"
    path = write_plant(plant_text + section.replace(old, new))
    with pytest.raises(DataFileError) as error:
        load_plant(path)
    text = str(error.value)
    if field == "id":
        assert f"{key}[" in text and ".id" in text and message in text
        return
    assert f"{key}[{_index(plant, key)}].{field}" in text
    assert message in text
    assert ":" in text.split(f"{key}[")[0]  # the file (and line) come first


def test_a_layout_without_people_loads_and_draws(plant):
    bare = dataclasses.replace(plant, people=People())
    plotter = pv.Plotter(off_screen=True, window_size=[160, 90])
    scene = PlantScene(plotter, bare)
    scene.draw(PlantRun(bare).at(T0))
    plotter.render()
    assert scene.people.torso.count == 0 and scene.people.forklift.count == 0
    plotter.close()


# -- motion ------------------------------------------------------------------------------------
def test_positions_are_a_pure_function_of_time(plant, motion):
    first = motion.people_at(T0)
    again = PeopleMotion(plant.people).people_at(T0)  # a fresh model: nothing carried over
    motion.people_at(T0 + 500.0)
    for a, b, c in zip(first, again, motion.people_at(T0), strict=True):
        assert np.array_equal(a, b) and np.array_equal(a, c)
    lifts = motion.forklifts_at(T0)
    assert np.array_equal(lifts[0], PeopleMotion(plant.people).forklifts_at(T0)[0])


def test_walkers_move_at_walking_pace_and_face_where_they_go(motion):
    walking = motion.walking
    assert walking.sum() >= 10
    (before, _), (after, yaw) = motion.people_at(T0), motion.people_at(T0 + 0.2)
    step = np.linalg.norm(after[walking, :2] - before[walking, :2], axis=1)
    straight = step > 0.9 * WALK_SPEED * 0.2  # not rounding a corner just now
    assert straight.mean() > 0.8
    assert np.allclose(step[straight], WALK_SPEED * 0.2, atol=0.02)
    heading = np.column_stack([np.cos(yaw[walking]), np.sin(yaw[walking])])
    moved = (after[walking, :2] - before[walking, :2]) / np.maximum(step, 1e-9)[:, None]
    assert (np.einsum("ij,ij->i", heading, moved)[straight] > 0.95).all()
    standing = ~walking
    stood = np.linalg.norm(after[standing, :2] - before[standing, :2], axis=1)
    assert stood.max() < 0.2  # workers at their stations only step about
    assert np.ptp(motion.people_at(T0 + 3.0)[1][standing] - yaw[standing]) > 0.01  # and turn


def test_walkers_stay_on_their_paths(plant, motion):
    start = 0
    for crew in plant.people.crews:
        if crew.kind == "walk":
            rounded = Loop(crew.path, CORNER_RADIUS["walk"]).points  # corners cut by < 0.42 m
            corner = CORNER_RADIUS["walk"] * (np.sqrt(2) - 1)
            drawn = np.vstack([crew.path, crew.path[:1]])
            assert distance_to_polyline(rounded, drawn).max() <= corner + 1e-6
            for t in np.linspace(T0, T0 + 300, 61):
                position = motion.people_at(t)[0][start : start + crew.count, :2]
                distance = distance_to_polyline(position, rounded)
                assert distance.max() <= KEEP_RIGHT + 0.01, crew.id
        start += crew.size


def test_forklifts_drive_round_their_loops(plant, motion):
    (before, _), (after, yaw) = motion.forklifts_at(T0), motion.forklifts_at(T0 + 0.5)
    assert len(before) == plant.people.forklift_count
    step = after[:, :2] - before[:, :2]
    assert (np.linalg.norm(step, axis=1) > 0.5).all()
    facing = np.column_stack([np.cos(yaw), np.sin(yaw)])
    assert (np.einsum("ij,ij->i", facing, step) > 0.3).all()  # forks first, the way they go
    start = 0
    for loop in plant.people.forklifts:
        path = np.vstack([loop.points, loop.points[:1]])
        distance = distance_to_polyline(after[start : start + loop.count, :2], path)
        assert distance.max() < 1.0, loop.id  # corners are rounded
        start += loop.count


def test_a_loop_goes_round_and_round():
    loop = Loop(np.array([[0.0, 0.0], [30.0, 0.0], [30.0, 10.0], [0.0, 10.0]]), corner=1.0)
    s = np.linspace(0, loop.length, 7)
    assert np.allclose(loop.at(s)[0], loop.at(s + 3 * loop.length)[0])
    assert 75.0 < loop.length < 80.0


def _aisle_distance(plant, points: np.ndarray) -> np.ndarray:
    distance = np.full(len(points), np.inf)
    for lane in plant.aisles:
        distance = np.minimum(distance, distance_to_polyline(points, lane.points) - lane.width / 2)
    return distance


def test_no_person_or_forklift_in_the_shuttles_way(plant, motion):
    """Nobody within the shuttle's clearance of the visitor aisles' centre lines (and off the
    aisle's paint altogether), at any time."""
    shuttle = SHUTTLE_HALF_WIDTH + load_route().clearance_m
    for t in np.linspace(T0, T0 + 600, 41):
        people = motion.people_at(t)[0][:, :2]
        lifts = motion.forklifts_at(t)[0][:, :2]
        for points, radius in ((people, PERSON_RADIUS), (lifts, 0.6)):
            off_paint = _aisle_distance(plant, points) - radius
            assert off_paint.min() > 0.0
            centre = np.full(len(points), np.inf)
            for lane in plant.aisles:
                centre = np.minimum(centre, distance_to_polyline(points, lane.points))
            assert (centre - radius).min() > shuttle


def _zones(plant) -> list[tuple[np.ndarray, float, float, float]]:
    """Robot cells and fenced lines as rectangles (centre, half along, half across, heading)."""
    zones = []
    for spec in plant.equipment:
        if isinstance(spec, specs.StationLine):
            fenced = spec.robot_task in ("spot_weld", "laser_weld", "sealing")
            if fenced and spec.robots_per_station:
                heading = np.radians(spec.heading_deg)
                length = spec.stations * spec.pitch
                middle = spec.start + length / 2 * np.array([np.cos(heading), np.sin(heading)])
                zones.append((middle, length / 2, ROBOT_SIDE_OFFSET + 1.9, heading))
        elif isinstance(spec, specs.RobotCell):
            zones.append((spec.center, spec.radius * 1.35 + 1.0, spec.radius + 1.0, 0.0))
        elif isinstance(spec, specs.DieCastCell):
            heading = np.radians(spec.heading_deg)
            zones.append((spec.center, spec.cell_size[0] / 2, spec.cell_size[1] / 2, heading))
        elif type(spec).__name__ == "FencedCell":  # cells behind fences, where they exist
            heading = np.radians(spec.heading_deg)
            along = np.array([np.cos(heading), np.sin(heading)])
            for k in range(spec.count):
                center = spec.center + along * k * spec.pitch
                zones.append((center, spec.size[0] / 2, spec.size[1] / 2, heading))
    return zones


def _standing_and_walking_places(plant) -> tuple[np.ndarray, np.ndarray]:
    """Every place a person can be (each worker's spot and its sway, each path's both lanes)
    and the height of the floor there."""
    places, floors = [], []
    for crew in plant.people.crews:
        if crew.kind == "walk":
            path = sample_path(crew.path, 0.25)
            spots = [path] + [
                path + side * KEEP_RIGHT * np.array([axis])
                for side in (-1, 1)
                for axis in ([1.0, 0.0], [0.0, 1.0])
            ]
        else:
            sideways = np.column_stack([-np.sin(crew.facing), np.cos(crew.facing)])
            spots = [crew.places + sideways * crew.step * f for f in (-1.0, 0.0, 1.0)]
        places += spots
        floors += [np.full(len(spot), crew.floor) for spot in spots]
    return np.vstack(places), np.concatenate(floors)


def test_nobody_stands_inside_a_robot_cell_or_fence(plant):
    places, _ = _standing_and_walking_places(plant)
    zones = _zones(plant)
    assert zones
    for center, half_along, half_across, heading in zones:
        rel = places - center
        along = rel @ [np.cos(heading), np.sin(heading)]
        across = rel @ [-np.sin(heading), np.cos(heading)]
        inside = (np.abs(along) < half_along) & (np.abs(across) < half_across)
        assert not inside.any(), f"{places[np.argmax(inside)]} is inside a robot cell"


def _boxes_under(plant, places: np.ndarray, margin: float):
    """For each place, which solid boxes (not overhead or structural) its footprint is in:
    (boolean (N, M) in blocks of 500, the boxes' bottoms, tops and roles)."""
    boxes = plant_parts(plant).boxes
    roles = np.array(BOX_ROLES)[boxes.role]
    keep = ~np.isin(roles, list(NOT_OBSTACLES)) & (boxes.bottom_center[:, 2] < 2.5)
    centers, half = boxes.bottom_center[keep, :2], boxes.size[keep, :2] / 2 + margin
    bottom = boxes.bottom_center[keep, 2]
    top = bottom + boxes.size[keep, 2]
    c, s = np.cos(boxes.yaw[keep]), np.sin(boxes.yaw[keep])
    for start in range(0, len(places), 500):
        block = places[start : start + 500, None, :] - centers[None]
        along = block[..., 0] * c + block[..., 1] * s
        across = -block[..., 0] * s + block[..., 1] * c
        inside = (np.abs(along) < half[:, 0]) & (np.abs(across) < half[:, 1])
        yield start, inside, bottom, top, roles[keep]


def test_nobody_stands_or_walks_inside_equipment(plant):
    """People's places and paths keep clear of every solid box at body height (machines,
    racks, conveyors, columns, fences); one they stand on (a skillet) is their floor."""
    places, floors = _standing_and_walking_places(plant)
    for start, inside, bottom, top, roles in _boxes_under(plant, places, 0.12):
        floor = floors[start : start + len(inside), None]
        hit = inside & (bottom[None] < floor + 1.5) & (top[None] > floor + 0.05)
        if hit.any():
            i, j = np.argwhere(hit)[0]
            where = places[start + i].round(1).tolist()
            pytest.fail(f"a person at {where} stands in a {roles[j]} box")


def test_people_stand_on_what_is_under_them(plant, motion):
    """Feet on the floor, or on the deck of the conveyor they stand on: never floating. Diners
    sit: their figures lowered so that the thighs rest on the chairs' seats."""
    position = motion.people_at(T0)[0]
    seated = motion.seated
    assert seated.sum() >= 60
    assert np.allclose(position[seated, 2], SITTING)
    assert np.allclose(position[seated, 2] + THIGH_HEIGHT, SEAT_HEIGHT)
    standing = ~motion.walking & ~seated
    assert set(np.unique(position[standing, 2]).round(3)) <= {0.0, CONVEYOR_DECK}
    assert (position[motion.walking, 2] >= 0).all() and (position[:, 2] <= 0.5).all()
    assert (position[~seated, 2] >= 0).all()
    places = position[standing, :2]
    for start, inside, _bottom, top, _roles in _boxes_under(plant, places, -0.05):
        feet = position[standing][start : start + len(inside), 2]
        support = np.where(inside & (top[None] <= feet[:, None] + 0.01), top[None], 0.0)
        assert np.allclose(support.max(axis=1), feet, atol=0.01)


def test_final_assembly_has_the_most_workers(plant):
    counts = plant.people.by_workshop()
    assert counts["assembly"] > 10 * counts["body"] > 0
    for shop in ("die-casting", "stamping", "body", "paint"):
        assert 2 <= counts[shop] <= 12, shop  # a handful in the automated shops
    assert counts["battery"] >= 5 and counts["exhibition-hall"] >= 10


# -- drawing -----------------------------------------------------------------------------------
def test_a_person_is_a_person_high(plant):
    assert figure_torso().n_cells + figure_far().n_cells < 300
    plotter = pv.Plotter(off_screen=True, window_size=[160, 90])
    scene = PlantScene(plotter, plant, state=PlantRun(plant, time=T0).state)
    for shape in scene.people.figures:
        bounds = np.array(shape.mapper.GetSource(0).GetBounds())
        assert bounds[4] >= 0.0 and bounds[5] <= PERSON_HEIGHT + 1e-6
    legs = np.array(scene.people.legs.mapper.GetSource(0).GetBounds())
    cap = np.array(scene.people.cap.mapper.GetSource(0).GetBounds())
    assert legs[4] == 0.0 and cap[5] == pytest.approx(PERSON_HEIGHT, abs=0.01)
    seated = np.array(scene.people.seated_legs.mapper.GetSource(0).GetBounds())
    assert seated[4] + SITTING == pytest.approx(0.0, abs=1e-6)  # a diner's shoes on the floor
    assert seated[5] + SITTING < 0.75  # and the knees under a table
    plotter.close()


def test_a_far_person_is_three_blocks_in_their_own_colours():
    """Far away, legs, shoulders and head are each their own shape's far mesh, stacked into a
    figure, together no more triangles than the one mesh of one colour they replace."""
    legs, torso, head = (
        np.array(m.bounds) for m in (figure_far_legs(), figure_far(), figure_far_head())
    )
    assert legs[4] == 0.0 and legs[5] == torso[4] and torso[5] < head[4]
    assert head[5] == pytest.approx(PERSON_HEIGHT)
    assert figure_far_legs().n_cells + figure_far().n_cells + figure_far_head().n_cells <= 36
    assert figure_tiny().n_cells == 12


def test_far_people_on_low_show_trousers_top_and_face(plant):
    """On the low preset, workers drawn with their far meshes show a skin-coloured head over
    a uniform-coloured top over dark trousers, not one flat block of the uniform's colour."""
    crew = next(c for c in plant.people.crews if c.id == "final-line-crew")
    line = next(e for e in plant.equipment if e.id == "final-line")
    target = line.start + np.array([-30.0, 0.0])
    plotter = pv.Plotter(off_screen=True, window_size=[480, 270], lighting="none")
    scene = PlantScene(plotter, plant, state=PlantRun(plant, time=T0).state)
    apply_quality(plotter, scene, PRESETS["low"])
    scene.detail.set_pixels(1.0e4, 0.0, 0.01)  # everyone with the far mesh, however near
    eye = (float(target[0]) + 4.0, float(target[1]) - 12.0, 6.0)
    scene.apply_pose(CameraPose(eye, (float(target[0]) - 8.0, float(target[1]), 1.0), 45.0))
    plotter.render()
    shown = plotter.screenshot(return_img=True)
    assert scene.people.torso.shown("near").sum() == 0
    assert scene.people.torso.shown("far").sum() >= 20
    for shape in scene.people.figures:
        for actor in shape.actors:
            actor.SetVisibility(False)
    plotter.render()
    hidden = plotter.screenshot(return_img=True)
    plotter.close()
    assert_figures_in_colours(shown, hidden, TOPS[crew.uniform], SKIN, TROUSERS)


def _doubled(people: People) -> People:
    twins = [dataclasses.replace(crew, id=crew.id + "-2") for crew in people.crews]
    lifts = [dataclasses.replace(loop, id=loop.id + "-2") for loop in people.forklifts]
    return People(crews=people.crews + tuple(twins), forklifts=people.forklifts + tuple(lifts))


def test_actor_count_does_not_grow_with_people(plant):
    counts, people, lifts = [], [], []
    for layout in (plant, dataclasses.replace(plant, people=_doubled(plant.people))):
        plotter = pv.Plotter(off_screen=True, window_size=[160, 90])
        scene = PlantScene(plotter, layout, state=PlantRun(layout, time=T0).state)
        plotter.render()
        counts.append(scene.actor_count)
        people.append(scene.people.torso.count)
        lifts.append(scene.people.forklift.count)
        plotter.close()
    assert people == [plant.people.count, 2 * plant.people.count]
    assert lifts == [plant.people.forklift_count, 2 * plant.people.forklift_count]
    assert counts[0] == counts[1]


def test_workers_show_in_a_picture_of_final_assembly(plant):
    """Looking along the final line from beside it: uniform-coloured pixels where the workers
    stand, and none of them with the people hidden."""
    crew = next(c for c in plant.people.crews if c.id == "final-line-crew")
    line = next(e for e in plant.equipment if e.id == "final-line")
    target = line.start + np.array([-30.0, 0.0])
    plotter = pv.Plotter(off_screen=True, window_size=[480, 270])
    scene = PlantScene(plotter, plant, state=PlantRun(plant, time=T0).state)
    eye = (float(target[0]) + 4.0, float(target[1]) - 12.0, 6.0)
    scene.apply_pose(CameraPose(eye, (float(target[0]) - 8.0, float(target[1]), 1.0), 45.0))
    plotter.render()
    shown = plotter.screenshot(return_img=True)
    for shape in scene.people.figures:
        for actor in shape.actors:
            actor.SetVisibility(False)
    plotter.render()
    hidden = plotter.screenshot(return_img=True)
    plotter.close()
    uniform = TOPS[crew.uniform]
    workers = pixels_like(shown, uniform) & ~pixels_like(hidden, uniform)
    assert workers.sum() > 300  # dozens of uniforms in view
    changed = np.abs(shown.astype(int) - hidden.astype(int)).sum(axis=2) > 30
    assert changed.sum() > workers.sum()  # heads, caps and legs too
    rows = np.nonzero(workers.any(axis=1))[0]
    assert rows.min() > shown.shape[0] // 8  # on the floor below the horizon, not in the air


def test_the_shuttle_carries_seated_visitors(plant):
    plotter = pv.Plotter(off_screen=True, window_size=[160, 90])
    motion = TourMotion(load_route(), plant)
    tour = TourScene(plotter, motion, plant)
    assert 4 <= len(SHUTTLE_SEATS) - 1 <= 8  # visitors, besides the driver
    for time in (100.0, motion.stop_times[3] + 5.0, 1300.0):
        state = motion.at(time)
        tour.draw(state)
        torso = tour.visitors.shapes[1]
        rel = torso.positions[:, :2] - state.position
        forward = rel @ [np.cos(state.heading), np.sin(state.heading)]
        sideways = rel @ [-np.sin(state.heading), np.cos(state.heading)]
        assert np.abs(forward).max() < 2.1 and np.abs(sideways).max() < 0.75
        assert torso.count == len(SHUTTLE_SEATS)
    count = plotter.renderer.GetViewProps().GetNumberOfItems()
    tour.show_shuttle(False)
    assert not any(actor.GetVisibility() for actor in tour.visitors.actors)
    assert plotter.renderer.GetViewProps().GetNumberOfItems() == count
    plotter.close()


def test_people_move_when_the_scene_time_changes(plant):
    plotter = pv.Plotter(off_screen=True, window_size=[160, 90])
    run = PlantRun(plant, time=T0)
    scene = PlantScene(plotter, plant, parts=run.parts, state=run.state)
    before = scene.people.torso.positions.copy()
    lifts = scene.people.forklift.positions.copy()
    scene.draw(run.at(T0 + 10.0))
    moved = np.linalg.norm(scene.people.torso.positions - before, axis=1)
    walked = moved[scene.people.motion.walking]  # 13 m along a path, less where it turns
    assert walked.min() > 0.3 and np.median(walked) > 10.0
    assert (np.linalg.norm(scene.people.forklift.positions - lifts, axis=1) > 5.0).all()
    scene.draw(run.at(T0))
    assert np.array_equal(scene.people.torso.positions, before)
    plotter.close()


def test_crew_sizes(plant):
    station = Crew("a", "body", "station", "grey", "white", places=np.zeros((4, 2)))
    walk = Crew("b", "body", "walk", "grey", "white", path=np.zeros((3, 2)), count=5)
    assert (station.size, walk.size) == (4, 5)
    assert People(crews=(station, walk)).by_workshop() == {"body": 9}


def test_a_layout_with_too_many_chairs_is_refused(monkeypatch):
    import viewer.model.motion.people as people_module

    monkeypatch.setattr(people_module, "MAX_CHAIRS", 100)
    with pytest.raises(DataFileError, match=r"crews: 672 chairs in all; at most 100"):
        load_plant()
