"""The third level of detail: cars and robots a few pixels big are drawn as one block."""

import numpy as np
import pytest
import pyvista as pv

from viewer.model.cars import car
from viewer.model.quality import PRESETS
from viewer.scene import shapes
from viewer.scene.instancing import InstancedShape, closed_outward
from viewer.scene.level_of_detail import LevelOfDetail


def test_an_instance_is_near_far_or_tiny_by_its_size_on_screen():
    box = pv.Cube().triangulate()
    shape = InstancedShape(box, 4, far=box, tiny=box)
    shape.update(positions=np.array([[10.0, 0, 0], [300.0, 0, 0], [3000.0, 0, 0], [-50.0, 0, 0]]))
    detail = LevelOfDetail(pixels=24.0, tiny=6.0)
    detail.add(shape, size=2.0)
    # 2 m at 720 px and 30 degrees: 24 px within 112 m, 6 px within 448 m
    detail.update((0.0, 0.0, 0.0), 30.0, 720, direction=(1.0, 0.0, 0.0))
    assert shape.shown("near").tolist() == [True, False, False, False]
    assert shape.shown("far").tolist() == [False, True, False, False]
    assert shape.shown("tiny").tolist() == [False, False, True, False]  # behind: none
    detail.set_pixels(24.0, 0.0, tiny=0.5)  # keeps far meshes further: 0.5 px at 5.4 km
    detail.update((0.0, 0.0, 0.0), 30.0, 720, direction=(1.0, 0.0, 0.0))
    assert shape.shown("far").tolist() == [False, True, True, False]
    assert not shape.shown("tiny").any()
    assert len(shape.actors) == 3 and shape.levels == ("near", "far", "tiny")


def test_a_shape_without_a_tiny_mesh_keeps_its_far_mesh_at_any_distance():
    box = pv.Cube().triangulate()
    shape = InstancedShape(box, 1, far=box)
    shape.update(positions=np.array([[3000.0, 0, 0]]))
    detail = LevelOfDetail(pixels=24.0, tiny=6.0)
    detail.add(shape, size=2.0)
    detail.update((0.0, 0.0, 0.0), 30.0, 720)
    assert shape.shown("far").all() and not shape.shown("tiny").any()


@pytest.mark.parametrize("make", [shapes.car_tiny, shapes.robot_tiny])
def test_the_tiny_meshes_are_closed_blocks_of_twelve_triangles(make):
    mesh = make()
    assert mesh.n_cells == 12 and closed_outward(mesh)


def test_the_tiny_car_has_the_su7s_length_and_width_and_stands_on_the_ground():
    x0, x1, y0, y1, z0, z1 = shapes.car_tiny().bounds
    assert x1 - x0 == pytest.approx(car.SU7.length, rel=0.01)
    assert y1 - y0 == pytest.approx(car.SU7.width, rel=0.01)
    assert 0.0 <= z0 < 0.2 and car.SU7.height * 0.9 < z1 <= car.SU7.height


def test_the_overview_on_low_draws_its_cars_and_robots_as_few_triangles(plant):
    from viewer.scene.plant.plant_scene import PlantScene
    from viewer.scene.quality import apply_quality

    plotter = pv.Plotter(off_screen=True, window_size=(960, 540))
    try:
        scene = PlantScene(plotter, plant)
        apply_quality(plotter, scene, PRESETS["low"])
        scene.show_view("overview")
        plotter.ren_win.Render()
        names = ("car-body", "line-car-body", "robot-turret")
        drawn = {name: scene.instanced[name] for name in names}
        tiny = sum(int(shape.shown("tiny").sum()) for shape in drawn.values())
        assert tiny > 500  # most of the site's cars and robots are a few pixels big
        # with the far meshes alone (about 150 and 36 triangles) it was over 150,000
        assert sum(shape.drawn_triangles() for shape in drawn.values()) < 30_000
    finally:
        plotter.close()
