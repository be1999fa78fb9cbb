"""The body shop's welding stations as a visitor sees them at the tour's body-shop stop.

A framing jig holds the body from below and from the sides: the body stands in it whole (no
fixture block through it, none hiding its sides), and the robots of each station stand turned
towards it and reach towards it, their arms not leaning back towards the aisle.
"""

from __future__ import annotations

import numpy as np
import pytest

from viewer.model.cars.car import SU7
from viewer.model.motion.simulation import PlantSimulation
from viewer.model.plant import equipment_specs as specs
from viewer.model.plant.parts import BOX_ROLES
from viewer.scene.snapshot import middle_of_stop

CONTACT = 0.03  # m: boxes may touch by this much


@pytest.fixture(scope="module")
def stop_state(plant, tour):
    """The plant's simulation and the stations seen in the middle of the body-shop stop."""
    simulation = PlantSimulation(plant)
    t = simulation.start_time + middle_of_stop(tour, "body-shop")
    return simulation, t


def _weld_lines(plant) -> list[specs.StationLine]:
    return [
        spec
        for spec in plant.equipment
        if isinstance(spec, specs.StationLine)
        and spec.workshop == "body"
        and spec.robot_task == "spot_weld"
        and spec.robots_per_station
        and spec.product == "body"
    ]


def _station_bodies(plant, simulation, t) -> list[tuple[np.ndarray, float]]:
    """(ground point, heading) of every body standing at a body-shop welding station."""
    products = simulation.state(t).cars.products
    points = np.vstack([products.position[products.visible], simulation.parts.cars.position])
    yaws = np.concatenate([products.yaw[products.visible], simulation.parts.cars.yaw])
    bodies = []
    for spec in _weld_lines(plant):
        along = np.array(
            [np.cos(np.radians(spec.heading_deg)), np.sin(np.radians(spec.heading_deg))]
        )
        for i in range(spec.stations):
            center = spec.start + along * (i + 0.5) * spec.pitch
            near = np.linalg.norm(points[:, :2] - center, axis=1) < 0.2
            bodies += [(points[k], float(yaws[k])) for k in np.where(near)[0]]
    return bodies


def _fixtures(simulation) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    boxes = simulation.parts.boxes
    pick = boxes.role == BOX_ROLES.index("fixture")
    return boxes.bottom_center[pick], boxes.size[pick], boxes.yaw[pick]


def _in_body_frame(point: np.ndarray, body: np.ndarray, yaw: float) -> np.ndarray:
    d = point[..., :2] - body[:2]
    c, s = np.cos(yaw), np.sin(yaw)
    return np.stack([d[..., 0] * c + d[..., 1] * s, -d[..., 0] * s + d[..., 1] * c], axis=-1)


def _plan_corners(center: np.ndarray, size: np.ndarray, yaw: float) -> np.ndarray:
    c, s = np.cos(yaw), np.sin(yaw)
    half = np.array([[1, 1], [1, -1], [-1, -1], [-1, 1]]) * size[:2] / 2
    return center[:2] + half @ np.array([[c, s], [-s, c]])


def test_the_stop_shows_bodies_at_welding_stations(plant, stop_state):
    simulation, t = stop_state
    assert len(_station_bodies(plant, simulation, t)) >= 40


def test_no_fixture_cuts_through_a_body_at_a_station(plant, stop_state):
    simulation, t = stop_state
    centers, sizes, yaws = _fixtures(simulation)
    cut = []
    for body, yaw in _station_bodies(plant, simulation, t):
        z0, z1 = body[2], body[2] + SU7.height
        for center, size, fixture_yaw in zip(centers, sizes, yaws, strict=True):
            if np.linalg.norm(center[:2] - body[:2]) > 6.0:
                continue
            if min(z1, center[2] + size[2]) - max(z0, center[2]) <= CONTACT:
                continue
            corners = _in_body_frame(_plan_corners(center, size, fixture_yaw), body, yaw)
            # Separating axes: the body's two and the fixture's two.
            depth = min(
                min(corners[:, 0].max(), SU7.length / 2)
                - max(corners[:, 0].min(), -SU7.length / 2),
                min(corners[:, 1].max(), SU7.width / 2) - max(corners[:, 1].min(), -SU7.width / 2),
            )
            axes = [fixture_yaw - yaw, fixture_yaw - yaw + np.pi / 2]
            body_corners = _plan_corners(np.zeros(3), np.array([SU7.length, SU7.width]), 0.0)
            for a in axes:
                axis = np.array([np.cos(a), np.sin(a)])
                p, q = corners @ axis, body_corners @ axis
                depth = min(depth, min(p.max(), q.max()) - max(p.min(), q.min()))
            if depth > CONTACT:
                cut.append((tuple(np.round(body[:2], 1)), tuple(np.round(size, 2))))
    assert not cut, f"fixtures through bodies (body, fixture size): {cut[:5]}"


def test_the_jigs_leave_the_bodies_sides_in_view(plant, stop_state):
    """Fixture blocks standing beside a body (within 0.6 m of its sides) hide at most 30 % of
    its side from the aisle: the body is seen whole above a low jig, not its ends sticking out
    of a grey block."""
    simulation, t = stop_state
    centers, sizes, yaws = _fixtures(simulation)
    worst = 0.0
    for body, yaw in _station_bodies(plant, simulation, t):
        z0, z1 = body[2], body[2] + SU7.height
        hidden = {1: 0.0, -1: 0.0}
        for center, size, fixture_yaw in zip(centers, sizes, yaws, strict=True):
            if np.linalg.norm(center[:2] - body[:2]) > 6.0:
                continue
            corners = _in_body_frame(_plan_corners(center, size, fixture_yaw), body, yaw)
            height = min(z1, center[2] + size[2]) - max(z0, center[2])
            for side in (1, -1):
                across = corners[:, 1] * side
                if across.max() < SU7.width / 2 - CONTACT or across.min() > SU7.width / 2 + 0.6:
                    continue
                span = min(corners[:, 0].max(), SU7.length / 2) - max(
                    corners[:, 0].min(), -SU7.length / 2
                )
                hidden[side] += max(span, 0.0) * max(height, 0.0)
        worst = max(worst, *hidden.values())
    assert worst / (SU7.length * SU7.height) <= 0.30


def _weld_robots(simulation) -> np.ndarray:
    robots = simulation.parts.robots
    return np.where((robots.workshop == "body") & (robots.task == "spot_weld"))[0]


def test_welding_robots_face_their_station(stop_state):
    simulation, t = stop_state
    robots = simulation.parts.robots
    index = _weld_robots(simulation)
    assert len(index) >= 400
    to_station = robots.target[index, :2] - robots.base[index, :2]
    bearing = np.arctan2(to_station[:, 1], to_station[:, 0])
    off = np.degrees(np.abs(np.angle(np.exp(1j * (bearing - robots.yaw[index])))))
    assert off.max() <= 60.0
    for time in t + np.arange(0.0, 60.0, 6.0):  # the turret too, while they work
        turret = robots.yaw[index] + simulation.state(time).joints[index, 0]
        off = np.degrees(np.abs(np.angle(np.exp(1j * (bearing - turret)))))
        assert off.max() <= 60.0


def test_welding_robots_reach_towards_the_body(stop_state):
    """Through the stop, the upper arms stand upright or lean towards the body (never back
    towards the aisle by more than 10 degrees, as a waiting robot leaning back did), and the
    forearms reach out over the gap (pointing down by at most 45 degrees, most of the time:
    a forearm pointing down into the gap puts the elbow's housing up towards the aisle)."""
    simulation, t = stop_state
    index = _weld_robots(simulation)
    lean, down = [], []
    for time in t + np.arange(0.0, 90.0, 3.0):
        joints = simulation.state(time).joints[index]
        lean.append(np.degrees(joints[:, 1]))
        down.append(np.degrees(joints[:, 1] + joints[:, 2]))
    lean, down = np.concatenate(lean), np.concatenate(down)
    assert np.median(lean) >= -5.0
    assert np.mean(lean < -10.0) <= 0.15
    assert np.percentile(down, 90) <= 45.0
