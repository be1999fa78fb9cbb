"""Paint robots are 7-axis: each rides a carriage along the rail beside its booth."""

import numpy as np
import pytest

from viewer.model.motion.rail_travel import TRAVEL
from viewer.model.motion.simulation import PlantSimulation
from viewer.model.plant.equipment import plant_parts
from viewer.model.plant.layout import load_plant
from viewer.model.plant.parts import BOX_ROLES


@pytest.fixture(scope="module")
def simulation() -> PlantSimulation:
    return PlantSimulation(load_plant())


def test_the_booth_robots_slide_along_the_line_and_stay_on_their_rails(simulation) -> None:
    index, rails = simulation.rails
    robots = simulation.parts.robots
    assert len(index) >= 20 and set(robots.task[index].tolist()) == {"paint"}
    turrets = np.array(
        [simulation.state(t).poses.positions["turret"][index] for t in np.arange(0, 20, 0.5)]
    )
    offset = turrets - robots.base[index][None]
    # along the line only (its heading), never further than the travel, and really moving
    across = offset[..., 0] * -np.sin(rails.heading) + offset[..., 1] * np.cos(rails.heading)
    assert np.abs(across).max() < 1e-9 and np.abs(offset[..., 2]).max() < 1e-9
    reach = np.linalg.norm(offset, axis=2)
    assert reach.max() <= TRAVEL + 1e-9 and np.all(np.ptp(reach, axis=0) > 0.5)


def test_the_carriage_moves_under_its_robot(simulation) -> None:
    index, rails = simulation.rails
    for t in (3.0, 11.0):
        state = simulation.state(t)
        turret = state.poses.positions["turret"][index]
        carriages = rails.carriages(rails.offsets(t))
        assert np.allclose(carriages.bottom_center[:, :2], turret[:, :2])
        top = carriages.bottom_center[:, 2] + carriages.size[:, 2]
        assert np.allclose(top, turret[:, 2])  # the robot stands on it
        # the carriages are among the moving boxes drawn
        drawn = state.boxes.bottom_center
        assert all(np.any(np.all(np.isclose(drawn, c), axis=1)) for c in carriages.bottom_center)


def test_the_same_moment_gives_the_same_robots(simulation) -> None:
    a, b = simulation.state(123.4), simulation.state(123.4)
    assert np.array_equal(a.poses.positions["turret"], b.poses.positions["turret"])


def test_no_fixed_pedestal_stays_under_a_robot_that_rides_a_rail(simulation) -> None:
    parts = plant_parts(load_plant())
    index, _ = simulation.rails
    pedestals = parts.boxes.bottom_center[parts.boxes.role == BOX_ROLES.index("pedestal")]
    for base in parts.robots.base[index]:
        assert not np.any(np.linalg.norm(pedestals[:, :2] - base[:2], axis=1) < 0.1)
