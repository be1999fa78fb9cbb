"""The showroom: the parametric SU7, the Möbius sculpture, the mirror, a user's car model."""

from __future__ import annotations

import numpy as np
import pytest
import pyvista as pv
from vtkmodules.vtkIOExport import vtkGLTFExporter

from viewer.app.cli import main
from viewer.model.cars import car
from viewer.model.cars.sculpture import car_pose, mobius_mesh, turn_angle
from viewer.model.motion.plant_run import PlantRun
from viewer.model.plant.views import CameraPose
from viewer.scene import shapes
from viewer.scene.cars.car_model import CarModelError, load_car_model
from viewer.scene.plant.plant_scene import PlantScene

SIZE = (480, 270)


def _bounds(points: np.ndarray) -> np.ndarray:
    return points.max(axis=0) - points.min(axis=0)


def test_parametric_su7_is_to_scale():
    body, _ = car.body_mesh()
    glass, _ = car.glass_mesh()
    wheels, _ = car.wheels_mesh()
    whole = np.vstack([body, glass, wheels])
    length, width, height = _bounds(whole)
    assert length == pytest.approx(4.997, rel=0.01)
    assert width == pytest.approx(1.963, rel=0.01)
    assert height == pytest.approx(1.455, rel=0.01)
    axles = np.unique(np.round(wheels[:, 0].reshape(4, -1).mean(axis=1), 3))
    assert axles[-1] - axles[0] == pytest.approx(3.0, rel=0.01)  # wheelbase
    inches = car.SU7.wheel_diameter / 0.0254
    assert 26 <= inches <= 29  # a 19-20 inch rim with its tyre
    light, _ = car.tail_light_mesh()
    assert _bounds(light)[1] > 0.85 * car.SU7.width  # the full-width tail light
    assert light[:, 0].max() < -0.45 * car.SU7.length  # at the rear


def test_the_three_line_variants_differ(plant):
    plotter = pv.Plotter(off_screen=True, window_size=list(SIZE))
    run = PlantRun(plant)
    scene = PlantScene(plotter, plant, parts=run.parts, state=run.state)
    plotter.ren_win.Render()
    products = run.state.cars.products
    colors = run.state.cars.color
    shown = products.visible
    glass = scene.instanced["line-car-glass"]
    drawn_glass = next(e.visible for e in scene.detail.entries if e.shape is glass)
    for variant, has_glass in ((0, False), (1, False), (2, True)):
        pick = shown & (products.variant == variant)
        assert pick.any()
        assert np.all(drawn_glass[pick] == has_glass)
    grey = np.asarray(car.BODY_IN_WHITE)
    assert np.allclose(colors[shown & (products.variant == 0)], grey)
    painted = colors[shown & (products.variant == 1)]
    assert not np.any(np.all(np.isclose(painted, grey), axis=1))
    plotter.close()


def test_sculpture_carries_the_car_on_its_level_crest(plant):
    sculpture = plant.sculpture
    points, faces = mobius_mesh(sculpture)
    assert faces.max() < len(points)
    position, yaw = car_pose(sculpture, 0.0)
    crest = sculpture.center + [sculpture.radius, 0.0]
    assert np.allclose(position[:2], crest)
    assert position[2] == pytest.approx(sculpture.height + sculpture.thickness / 2)
    assert 2 * sculpture.half_width > car.SU7.width  # the band is wider than the car
    # the strip is level under the car: its points at the crest span just its thickness
    crest_points = (np.abs(points[:, 1]) < 0.4) & (points[:, 0] > 0)
    assert crest_points.sum() > 10
    assert np.ptp(points[crest_points, 2]) <= sculpture.thickness + 0.15
    assert turn_angle(sculpture, 12345.0) == 0.0  # still unless a turn period is set


def _display_point(plotter: pv.Plotter, point) -> np.ndarray:
    renderer = plotter.renderer
    renderer.SetWorldPoint(*point, 1.0)
    renderer.WorldToDisplay()
    x, y, _ = renderer.GetDisplayPoint()
    return np.array([x, SIZE[1] - y])  # image rows run down


def _blue(image: np.ndarray) -> np.ndarray:
    """Pixels of the car's Aqua Blue, lit or in the mirror (not the sky, glass or grey)."""
    rgb = image[..., :3].astype(int)
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    top, low = rgb.max(axis=-1), rgb.min(axis=-1)
    return (b >= top) & (g > r + 10) & (top > 40) & (top - low > 0.4 * top)


def test_lobby_floor_sees_the_blue_car_and_its_reflection(plant):
    plotter = pv.Plotter(off_screen=True, window_size=list(SIZE), lighting="none")
    run = PlantRun(plant)
    scene = PlantScene(plotter, plant, parts=run.parts, state=run.state)
    # from the lobby floor, looking up at the sculpture and the mirror (the showroom view
    # frames the car: tests/test_showroom_look.py)
    scene.apply_pose(CameraPose((520.0, 600.0, 1.7), (508.0, 617.0, 14.0), 70.0))
    image = np.asarray(plotter.screenshot(return_img=True))
    blue = _blue(image)
    assert blue.mean() > 0.003  # a clear share of the picture is the car's blue
    sculpture = plant.sculpture
    position, _ = car_pose(sculpture, run.state.time)
    car_middle = position + [0.0, 0.0, 0.7]
    mirrored = car_middle * [1, 1, -1] + [0, 0, 2 * sculpture.mirror_height]
    for point in (car_middle, mirrored):
        x, y = _display_point(plotter, point).astype(int)
        window = blue[max(y - 20, 0) : y + 20, max(x - 30, 0) : x + 30]
        assert window.mean() > 0.05, point
    ceiling = _display_point(plotter, [*sculpture.center, sculpture.mirror_height])[1]
    assert _display_point(plotter, mirrored)[1] < ceiling  # the reflection is above the ceiling
    plotter.close()


@pytest.fixture
def tiny_gltf(tmp_path):
    plotter = pv.Plotter(off_screen=True)
    plotter.add_mesh(pv.Box(bounds=(-1.0, 1.0, 0.0, 0.7, -2.5, 2.5)))  # y up, z forward
    exporter = vtkGLTFExporter()
    exporter.SetRenderWindow(plotter.ren_win)
    exporter.SetFileName(str(tmp_path / "car.gltf"))
    exporter.InlineDataOn()
    exporter.Write()
    plotter.close()
    yield tmp_path / "car.gltf"
    shapes.set_car_model(None)


def test_a_gltf_car_model_replaces_the_car_everywhere(plant, tiny_gltf):
    model = load_car_model(tiny_gltf)
    length, width, height = _bounds(np.asarray(model.points))
    assert length == pytest.approx(car.SU7.length, rel=1e-6)  # scaled to the SU7's length
    assert width == pytest.approx(2.0 * length / 5.0, rel=1e-3) and height < width
    shapes.set_car_model(model)
    plotter = pv.Plotter(off_screen=True, window_size=list(SIZE))
    scene = PlantScene(plotter, plant)
    body = scene.instanced["line-car-body"].mapper.GetSource(0)
    assert body.GetNumberOfCells() == model.n_cells  # the line cars
    assert scene.instanced["car-body"].mapper.GetSource(0).GetNumberOfCells() == model.n_cells
    assert scene.instanced["line-car-wheels"].mapper.GetSource(0).GetNumberOfCells() == 0
    far = scene.showroom.far_actors  # the coarse car drawn far off: the model's far mesh
    assert far[1].GetMapper().GetInput().GetNumberOfCells() == shapes.car_far().n_cells
    cheap = scene.showroom.cheap_copies  # Low's coarse copy in the mirror: the far mesh too
    assert cheap[1].GetMapper().GetInput().GetNumberOfCells() == shapes.car_far().n_cells
    showroom_cars = [
        a for a, is_car in scene.showroom.turning if is_car and a not in far and a not in cheap
    ]
    assert len(showroom_cars) == 2  # the model and its reflection, nothing else
    assert showroom_cars[0].GetMapper().GetInput().GetNumberOfCells() == model.n_cells
    plotter.close()


def test_a_broken_car_model_falls_back_with_a_message(tmp_path, capsys):
    broken = tmp_path / "car.glb"
    broken.write_bytes(b"not a glb")
    with pytest.raises(CarModelError, match="car.glb: cannot read it as glTF"):
        load_car_model(broken)
    with pytest.raises(CarModelError, match="must be a .gltf or .glb"):
        load_car_model(tmp_path / "car.obj")
    out = tmp_path / "shot.png"
    args = ["snapshot", "--out", str(out), "--view", "showroom", "--size", "160x90"]
    assert main([*args, "--car-model", str(broken)]) == 0
    err = capsys.readouterr().err
    assert "warning:" in err and "the parametric SU7 is drawn instead" in err
    assert not shapes.car_model_in_use() and out.is_file()


def test_the_sculpture_turns_slowly_on_the_shared_clock(plant):
    from dataclasses import replace

    turning = replace(plant.sculpture, turn_period=720.0)
    (a, yaw_a), (b, yaw_b) = car_pose(turning, 0.0), car_pose(turning, 180.0)
    assert yaw_b - yaw_a == pytest.approx(np.pi / 2)  # a quarter turn in three minutes
    assert np.linalg.norm(b[:2] - turning.center) == pytest.approx(turning.radius)
    assert car_pose(turning, 720.0)[0] == pytest.approx(a)


def test_gpu_quality_gives_metallic_paint_and_a_spotlight(plant):
    plotter = pv.Plotter(off_screen=True, window_size=list(SIZE))
    scene = PlantScene(plotter, plant)
    showroom = scene.showroom
    lights = plotter.renderer.GetLights().GetNumberOfItems()
    assert all(a.GetProperty().GetInterpolation() != 3 for a in showroom.paint_actors)
    showroom.set_quality(high=True)
    car, copy = showroom.paint_actors  # the car, and its copy in the mirror
    assert car.GetProperty().GetInterpolation() == 3  # physically based (PBR)
    assert copy in showroom.reflected and copy.GetProperty().GetInterpolation() == 2  # Phong
    paint = showroom.paint_actors[0].GetProperty()
    assert paint.GetMetallic() > 0.1 and paint.GetCoatStrength() > 0.5  # metallic, clear coat
    assert plotter.renderer.GetUseImageBasedLighting()  # lit by the environment made in code
    # the spotlight is drawn in the sculpture's own shaders: the plant's lights stay the same
    assert showroom.light is not None
    assert plotter.renderer.GetLights().GetNumberOfItems() == lights
    uniforms = car.GetShaderProperty().GetFragmentCustomUniforms()
    assert uniforms.GetUniform3f("spotDiffuse", [0.0] * 3)  # the spot in the car's shader
    showroom.set_quality(high=False)
    assert all(a.GetProperty().GetInterpolation() != 3 for a in showroom.paint_actors)
    assert not plotter.renderer.GetUseImageBasedLighting()
    plotter.close()
