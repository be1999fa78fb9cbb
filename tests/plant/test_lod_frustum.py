"""The level of detail leaves out what lies outside the picture's four sides, and the camera's
clipping range comes from the scene's cached bounds."""

import numpy as np
import pytest
import pyvista as pv

from viewer.model.plant.views import CameraPose
from viewer.scene.instancing import InstancedShape
from viewer.scene.level_of_detail import LevelOfDetail
from viewer.scene.plant.plant_scene import PlantScene


def test_instances_above_or_beside_the_picture_are_left_out_inside_its_cone():
    shape = InstancedShape(pv.Cube().triangulate(), 4)
    # looking along +y with z up, a 30 degree tall, 16:9 picture, 100 m away: straight ahead,
    # 50 m up (26.6 degrees: above the picture's 15, inside the cone round its corners, 28.6),
    # 45 m aside (inside the picture's 25.5 degree half width), 80 m aside (outside it); each
    # allowing for the slack a camera may move and turn before the masks are chosen again
    # (5 m, about 3 degrees at this distance, and 4 degrees)
    shape.update(positions=np.array([[0.0, 100, 0], [0.0, 100, 50], [45.0, 100, 0], [80, 100, 0]]))
    detail = LevelOfDetail()
    detail.add(shape, size=1.0, seen=20.0)  # 1 m across (its reach), big enough to be near
    detail.update((0.0, 0.0, 0.0), 30.0, 720, direction=(0.0, 1.0, 0.0), aspect=16 / 9)
    assert shape.shown("near").tolist() == [True, True, True, False]  # the cone alone
    detail.update((0.0, 0.0, 0.0), 30.0, 720, (0.0, 1.0, 0.0), 16 / 9, up=(0.0, 0.0, 1.0))
    assert shape.shown("near").tolist() == [True, False, True, False]
    detail.update((0.0, 0.0, 0.0), 30.0, 720, (0.0, 1.0, 0.0), 16 / 9, up=(1.0, 0.0, 0.0))
    assert shape.shown("near").tolist() == [True, True, False, False]  # the camera rolled


@pytest.fixture
def plotter():
    plotter = pv.Plotter(off_screen=True, window_size=[320, 180])
    yield plotter
    plotter.close()


def test_the_clipping_range_holds_the_scene_and_follows_added_props(plant, plotter):
    scene = PlantScene(plotter, plant)
    pose = CameraPose((520.0, 437.0, 1.6), (540.0, 500.0, 2.0), 70.0)
    scene.apply_pose(pose)
    cached = plotter.camera.GetClippingRange()
    plotter.renderer.ResetCameraClippingRange()  # VTK's own walk over every prop
    near, far = plotter.camera.GetClippingRange()
    assert cached[1] >= far - 1.0 and cached[0] <= 0.3 * 1.6 + 1e-9
    # something added far away (a tour's marker, a kiosk's sign) is inside the range next time
    plotter.add_mesh(pv.Sphere(center=(520.0, 437.0 + 3.0 * far, 1.0), radius=5.0))
    scene.apply_pose(pose)
    assert plotter.camera.GetClippingRange()[1] > 2.5 * far


def test_moving_parts_and_hall_surfaces_behind_the_camera_are_left_out(plant, plotter):
    """The press line's parts, the hangers and the packs (boxes whose sizes change as they
    move), and the halls' walls, windows and lamps, are left out behind the camera and drawn
    ahead of it."""
    from viewer.model.motion.plant_run import PlantRun

    run = PlantRun(plant)
    scene = PlantScene(plotter, plant, parts=run.parts, state=run.state)
    state = run.at(run.start_time + 600.0)
    scene.draw(state)
    scene.apply_pose(CameraPose((300.0, 485.0, 3.0), (180.0, 485.0, 2.0), 60.0))  # west
    plotter.ren_win.Render()
    moving = scene.instanced["moving-boxes"]
    shown, x = moving.shown("near"), moving.positions[:, 0]
    exists = state.boxes.size[:, 0] > 0
    assert exists.any() and not shown[exists & (x > 320.0)].any()
    assert shown[exists & (x < 290.0)].any()
    for name in ("hall-glow", "hall-shell"):  # windows, skylights, lamps and walls likewise
        surface = scene.instanced[name]
        drawn, x = surface.shown("near"), surface.positions[:, 0]
        behind = x - 1.5 * surface.scales.max(axis=1) > 330.0  # wholly (a skylight is long)
        assert drawn[x < 290.0].any() and behind.any() and not drawn[behind].any(), name
