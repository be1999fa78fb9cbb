"""The plant in motion (model layer): kinematics, programs, line flow, machines, determinism."""

from __future__ import annotations

import numpy as np
import pytest

from viewer.model.motion.robot import (
    JOINT_LIMITS,
    TOOL_LENGTH,
    forward_kinematics,
    inverse_kinematics,
    tool_tip,
)
from viewer.model.motion.simulation import PlantSimulation
from viewer.model.plant.equipment import plant_parts
from viewer.model.plant.parts import FINISHED_CAR, PAINTED_BODY, with_robot_count

TAKT = 76.0


@pytest.fixture(scope="module")
def sim(plant):
    return PlantSimulation(plant)


def _arrays(state) -> dict[str, np.ndarray]:
    """Every array of a state, flattened to names."""
    result = {"joints": state.joints, "moving": state.moving, "agv": state.agv_position}
    for link, value in state.poses.positions.items():
        result[f"position-{link}"] = value
        result[f"quaternion-{link}"] = state.poses.quaternions[link]
    for name, value in vars(state.cars.products).items():
        result[f"cars-{name}"] = value
    result["cars-color"] = state.cars.color
    for name, value in vars(state.boxes).items():
        result[f"boxes-{name}"] = value
    return result


def test_inverse_kinematics_reaches_points_in_the_work_envelope():
    rng = np.random.default_rng(7)
    n = 500
    base = rng.uniform(-50, 50, (n, 3))
    yaw = rng.uniform(-np.pi, np.pi, n)
    angle, radius = rng.uniform(-2.5, 2.5, n), rng.uniform(1.6, 2.4, n)
    tip = base + np.column_stack(
        [radius * np.cos(angle + yaw), radius * np.sin(angle + yaw), rng.uniform(0.3, 1.8, n)]
    )
    pitch = rng.uniform(0.0, 0.6, n)
    joints = inverse_kinematics(base, yaw, tip, pitch)
    reached = tool_tip(forward_kinematics(base, yaw, joints))
    np.testing.assert_allclose(reached, tip, atol=1e-9)
    assert np.all(joints >= JOINT_LIMITS[:, 0]) and np.all(joints <= JOINT_LIMITS[:, 1])


def test_tool_tip_of_the_zero_pose_by_hand():
    poses = forward_kinematics(np.zeros((1, 3)), np.zeros(1), np.zeros((1, 6)))
    np.testing.assert_allclose(tool_tip(poses)[0], [1.765 + TOOL_LENGTH, 0, 1.825])


def test_joint_limits_hold_over_every_cycle(sim):
    # the longest cycles: two takts (parallel paint lines) and the die-casting cycle
    start = sim.start_time
    for t in np.arange(start, start + 2 * 2 * TAKT, 0.7):
        joints = sim.state(t).joints
        assert np.all(joints >= JOINT_LIMITS[:, 0] - 1e-9), t
        assert np.all(joints <= JOINT_LIMITS[:, 1] + 1e-9), t


def test_state_is_a_pure_function_of_time(sim):
    t = sim.start_time + 123.4
    first = _arrays(sim.state(t))
    sim.state(t + 5000.0)  # visit a later time, then an earlier one
    sim.state(17.0)
    again = _arrays(sim.state(t))
    assert first.keys() == again.keys()
    for name in first:
        np.testing.assert_array_equal(first[name], again[name], err_msg=name)
    # and a fresh simulation gives the same picture
    fresh = _arrays(PlantSimulation(sim.plant).state(t))
    for name in first:
        np.testing.assert_array_equal(first[name], fresh[name], err_msg=name)


def test_one_car_is_finished_every_takt_once_the_line_is_full(sim):
    fill = sim.fill_time
    assert 3600 < fill < 24 * 3600  # hours of stations, conveyors and paint
    assert [sim.state(fill + k * TAKT).finished_cars for k in range(6)] == list(range(6))
    assert sim.state(fill - 1.0).finished_cars == 0
    assert sim.state(fill - 1.0).takt is None and sim.state(fill + 1.0).takt == TAKT
    assert sim.state(fill + 100 * TAKT + 30).finished_cars == 100


def test_line_is_empty_at_the_start_and_fills(sim):
    assert sim.state(0.0).cars.products.visible.sum() == 1  # the first body arriving
    counts = [int(sim.state(t).cars.products.visible.sum()) for t in (1000, 10000, sim.fill_time)]
    assert counts[0] < counts[1] < counts[2]


def test_bodies_index_one_station_per_takt_then_dwell(sim, plant):
    t = sim.start_time
    line = sim.car_lines[0]
    timing = line.timings["underbody-line"]
    # a moment in the dwell, and one takt later: every body on the line moved one pitch
    t = t - np.mod(t - timing.phase, TAKT) + timing.index_s + 5.0
    before, after = sim.state(t).cars.products, sim.state(t + TAKT).cars.products
    dwell = sim.state(t + 20.0).cars.products
    first, last = 470.0, 470.0 + 30 * 6.5  # the underbody line's stations
    x = before.position[:, 0]
    on_line = before.visible & (np.abs(before.position[:, 1] - 447.0) < 0.01)
    on_line &= (x > first) & (x < last - 6.5)  # not the one about to leave the line
    assert on_line.sum() >= 20
    moved = np.linalg.norm(after.position[on_line] - before.position[on_line], axis=1)
    np.testing.assert_allclose(moved, 6.5, atol=1e-9)
    np.testing.assert_allclose(dwell.position[on_line], before.position[on_line])  # dwelling


def test_bodies_change_from_grey_to_painted_to_finished(sim, plant):
    products = sim.state(sim.start_time).cars.products
    shown = products.visible
    inside = {}
    for name in ("body", "assembly"):
        x0, y0, x1, y1 = plant.building(name).bounds
        p = products.position
        inside[name] = shown & (p[:, 0] > x0) & (p[:, 0] < x1) & (p[:, 1] > y0) & (p[:, 1] < y1)
    assert np.all(products.variant[inside["body"]] == 0)  # body in white
    assembly = products.variant[inside["assembly"]]
    assert np.all(assembly >= PAINTED_BODY) and np.any(assembly == FINISHED_CAR)
    colors = sim.state(sim.start_time).cars.color
    assert len({tuple(c) for c in colors[inside["assembly"]]}) >= 4  # several SU7 colours


def test_robots_move_and_rest_through_a_cycle(sim):
    t = sim.start_time
    counts = [sim.state(t + dt).robots_in_motion for dt in np.arange(0, TAKT, 4)]
    total = len(sim.parts.robots)
    assert max(counts) > total / 2  # most robots working at the busiest moment
    assert min(counts) < max(counts) / 2  # and resting during the index move
    a, b = sim.state(t + 30.0), sim.state(t + 32.0)
    moved = np.linalg.norm(a.poses.flange - b.poses.flange, axis=1) > 0.01
    assert moved.sum() > total / 4


def test_robot_cells_are_not_in_lockstep(sim):
    robots = sim.parts.robots
    cell = robots.equipment == "closures-cell-doors"
    t = sim.start_time - np.mod(sim.start_time, TAKT) + TAKT + 30.0  # mid-cycle
    joints = sim.state(t).joints[cell]
    assert len({tuple(np.round(q, 3)) for q in joints}) == cell.sum()


def test_welding_guns_touch_the_body(sim):
    robots = sim.parts.robots
    welders = np.flatnonzero((robots.task == "spot_weld") & (robots.equipment == "framing-line"))
    closest = np.full(len(welders), np.inf)
    for dt in np.arange(0.0, TAKT, 0.5):
        tips = tool_tip(sim.state(sim.start_time + dt).poses)[welders]
        lateral = np.abs(tips[:, 1] - robots.target[welders, 1])
        closest = np.minimum(closest, np.abs(lateral - 0.98))
    assert np.median(closest) < 0.05  # the gun reaches the side of the body


def test_presses_stroke_about_15_times_a_minute(sim):
    from viewer.model.motion.machines import PressLineMotion

    motion, index = next(m for m in sim.machines if isinstance(m[0], PressLineMotion))
    assert motion.period == pytest.approx(4.0)
    t = np.arange(0.0, 60.0, 0.05)
    height = np.array([motion.boxes(s, sim.state(s).poses, index).bottom_center[0, 2] for s in t])
    bottoms = np.sum((height[1:-1] < height[:-2]) & (height[1:-1] <= height[2:]))
    assert bottoms == 15


def test_die_casting_cycle_closes_opens_and_moves_the_casting(sim):
    from viewer.model.motion.machines import DieCastMotion

    motion, index = next(m for m in sim.machines if isinstance(m[0], DieCastMotion))
    cycle = motion.cycle
    assert 100 <= cycle <= 120
    base = 20 * cycle

    def platen(t):
        return motion.boxes(t, sim.state(t).poses, index).bottom_center[0]

    open_x, closed_x = platen(base - 1.0), platen(base + 30.0)
    assert np.linalg.norm(closed_x - open_x) > 1.5  # the die closed
    np.testing.assert_allclose(platen(base + cycle - 1.0), open_x, atol=0.05)  # and opened
    castings = [motion.boxes(t, sim.state(t).poses, index) for t in base + np.array([40, 85, 95])]
    shown = [c.size[1:, 0] > 0 for c in castings]
    # two cooling on the conveyor; the new one comes out; it is set down as the oldest leaves
    assert [s.sum() for s in shown] == [2, 3, 2]
    carried = castings[1].bottom_center[1:][shown[1]]
    tip = tool_tip(sim.state(base + 85).poses)[index[0]]
    assert np.min(np.linalg.norm(carried - tip, axis=1)) < 0.6  # the robot holds it


def test_agvs_drive_round_their_lanes(sim):
    a, b = sim.state(100.0), sim.state(110.0)
    np.testing.assert_allclose(np.linalg.norm(b.agv_position - a.agv_position, axis=1), 10.0, 0.2)


@pytest.mark.parametrize("robots", [100, 700, 2000])
def test_simulation_scales_to_any_robot_count(plant, robots):
    parts = with_robot_count(plant_parts(plant), robots)
    state = PlantSimulation(plant, parts).state(30000.0)
    assert state.joints.shape == (robots, 6)
    assert np.isfinite(state.poses.flange).all()
