"""``--car-model``: a real car model keeps its looks (issue 20).

The models are written by the tests (:mod:`gltf_samples`): a little car of boxes with a red
body, a green cabin on top and black wheels, y up like every glTF file; one with a texture; one
Draco-compressed (decoded; a corrupted one refused in one line); one of a million triangles.
"""

from __future__ import annotations

import base64
import logging
import re
import sys
import time
from pathlib import Path

import numpy as np
import pytest
import pyvista as pv

sys.path.insert(0, str(Path(__file__).parent.parent))  # the tests folder: gltf_samples

from car_mesh_helpers import front_view  # noqa: E402
from gltf_samples import BLACK, CABIN, RED, Model, grid, little_car, png  # noqa: E402

from viewer.app.cli import main  # noqa: E402
from viewer.model.cars import car  # noqa: E402
from viewer.model.cars.gltf_check import check_gltf  # noqa: E402
from viewer.scene import shapes  # noqa: E402
from viewer.scene.cars import car_model_reader  # noqa: E402
from viewer.scene.cars.car_model import CarModelError, read_car_model  # noqa: E402
from viewer.scene.cars.car_model_look import add_car_model, palette_texture  # noqa: E402
from viewer.scene.cars.environment import use_environment  # noqa: E402

SHOT = ["snapshot", "--view", "showroom", "--size", "480x270", "--quality", "low"]


@pytest.fixture(autouse=True)
def parametric_car_afterwards():
    yield
    shapes.set_car_model(None)


def write(folder: Path, model: Model, name: str = "car.glb") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if name.endswith(".glb"):
        path.write_bytes(model.glb())
    else:
        path.write_text(model.gltf(), encoding="utf-8")
    return path


def srgb(color: tuple) -> np.ndarray:
    return np.asarray(color) ** (1 / 2.2)


def shot(tmp_path: Path, model: Path | None, name: str = "shot.png", *extra: str) -> np.ndarray:
    out = tmp_path / name
    args = [*SHOT, "--out", str(out), *extra]
    if model is not None:
        args += ["--car-model", str(model)]
    assert main(args) == 0
    from PIL import Image

    return np.asarray(Image.open(out).convert("RGB")).astype(float) / 255.0


def mask(image: np.ndarray, color: tuple, tolerance: float = 0.12) -> np.ndarray:
    """Pixels whose hue matches ``color``: the channel ratios within ``tolerance``."""
    target = srgb(color)
    target = target / target.max()
    scaled = image / np.maximum(image.max(axis=2, keepdims=True), 1e-6)
    bright = image.max(axis=2) > 0.15
    return bright & (np.abs(scaled - target).max(axis=2) < tolerance)


# -- the little car: its colours, upright, SU7-sized ----------------------------------------------
def test_a_red_model_comes_out_red_upright_and_su7_sized(tmp_path):
    model = read_car_model(write(tmp_path, little_car()))
    colors = [part.color for part in model.parts]
    assert np.allclose(colors, [srgb(RED), srgb(CABIN), srgb(BLACK)], atol=1e-3)
    factors = [(part.metallic, part.roughness) for part in model.parts]
    assert np.allclose(factors, [(0.3, 0.4), (0.0, 0.2), (0.0, 0.9)], atol=1e-3)
    body, cabin, wheels = (np.asarray(part.mesh.points) for part in model.parts)
    whole = np.vstack([body, cabin, wheels])
    low, high = whole.min(axis=0), whole.max(axis=0)
    assert high[0] - low[0] == pytest.approx(car.SU7.length, rel=1e-6)  # 4 m long -> 4,997 mm
    assert (low[0], high[0]) == pytest.approx((car.SU7.rear, car.SU7.front))  # like the SU7
    assert low[2] == pytest.approx(0.0, abs=1e-9) and wheels[:, 2].min() == low[2]  # on wheels
    scale = car.SU7.length / 4.0
    assert high[2] == pytest.approx(1.35 * scale, rel=1e-6)  # upright: y up became z up
    assert high[1] - low[1] == pytest.approx(1.9 * scale, rel=1e-6)  # the width across
    assert cabin[:, 2].min() == pytest.approx(body[:, 2].max())  # the cabin on top
    # the front (glTF +z) is at +x: the cabin stands towards the rear, as modelled
    assert cabin[:, 0].mean() < body[:, 0].mean()


def turned_along_x(model: Model) -> Model:
    """The same car facing glTF's +x (turned a quarter round about y: x -> -z, z -> x)."""
    for accessor in model.doc["accessors"]:
        if accessor["type"] == "VEC3":
            view = model.doc["bufferViews"][accessor["bufferView"]]
            start, length = view["byteOffset"], view["byteLength"]
            values = np.frombuffer(bytes(model.data[start : start + length]), "<f4").reshape(-1, 3)
            turned = np.column_stack([values[:, 2], values[:, 1], -values[:, 0]]).astype("<f4")
            model.data[start : start + length] = turned.tobytes()
            accessor["min"], accessor["max"] = turned.min(0).tolist(), turned.max(0).tolist()
    return model


@pytest.mark.parametrize("along_x", [False, True], ids=["along-z", "along-x"])
def test_the_model_is_turned_never_mirrored(tmp_path, along_x):
    """glTF's front (+z) becomes the plant's +x and its left (+x) the plant's +y; a model lying
    along glTF's x is turned a quarter round. Either way a turn, never a mirror image: the
    closed boxes stay wound outward and the left-hand wheel stays on the left of the front."""
    from viewer.scene.instancing import closed_outward

    model = little_car()
    marker = model.material((0.0, 0.0, 1.0))
    model.box((0.9, 0.4, 1.5), (1.0, 0.6, 1.9), marker)  # on the left, towards the front
    if along_x:
        model = turned_along_x(model)
    loaded = read_car_model(write(tmp_path, model))
    body = loaded.parts[0].mesh
    assert closed_outward(body.clean())
    extent = np.ptp(np.asarray(loaded.mesh.points), axis=0)
    assert extent[0] == pytest.approx(car.SU7.length) and extent[0] > extent[1] > extent[2]
    center = np.asarray(loaded.parts[3].mesh.points).mean(axis=0)
    if not along_x:
        assert center[0] > 0 and center[1] > 0  # front left
    else:  # which end is the front is not known; left of it all the same
        assert np.sign(center[0]) == np.sign(center[1])


def test_a_see_through_part_keeps_its_opacity(tmp_path):
    model = little_car()
    model.doc["materials"][1]["alphaMode"] = "BLEND"
    model.doc["materials"][1]["pbrMetallicRoughness"]["baseColorFactor"][3] = 0.3
    shapes.set_car_model(read_car_model(write(tmp_path, model)))
    plotter = pv.Plotter(off_screen=True, window_size=(160, 90))
    look = add_car_model(
        lambda mesh, color, is_car, **kw: [plotter.add_mesh(mesh, color=color, **kw)],
        plotter.renderer,
    )
    opacities = [actor.GetProperty().GetOpacity() for actor, _part in look.parts]
    assert opacities == pytest.approx([1.0, 0.3, 1.0])
    plotter.close()


def test_the_showroom_shows_the_model_red_with_its_cabin_on_top(tmp_path):
    """``factory-tour snapshot --car-model`` in the lobby: the body's red covers a clear share
    of the picture, the green cabin sits above it; the parametric car shows no such red."""
    path = write(tmp_path, little_car())
    image = shot(tmp_path, path)
    red, green = mask(image, RED), mask(image, CABIN)
    assert red.mean() > 0.02, red.mean()
    assert green.mean() > 0.005, green.mean()
    rows = np.arange(image.shape[0])[:, None]
    assert (rows * green).sum() / green.sum() < (rows * red).sum() / red.sum()  # cabin above
    shapes.set_car_model(None)
    assert mask(shot(tmp_path, None, "plain.png"), RED).mean() < red.mean() / 10


def test_the_lobby_car_is_physically_based_while_the_environment_lights_it(tmp_path):
    shapes.set_car_model(read_car_model(write(tmp_path, little_car())))
    plotter = pv.Plotter(off_screen=True, window_size=(160, 90))
    look = add_car_model(
        lambda mesh, color, is_car, **kw: [plotter.add_mesh(mesh, color=color, **kw)],
        plotter.renderer,
    )
    paint = look.parts[0][0].GetProperty()
    plotter.ren_win.Render()
    assert paint.GetInterpolationAsString() == "Phong"
    assert paint.GetColor() == pytest.approx(tuple(srgb(RED)))
    use_environment(plotter.renderer, True)  # what Medium and High do
    plotter.ren_win.Render()
    assert paint.GetInterpolationAsString() == "Physically based rendering"
    assert paint.GetColor() == pytest.approx(RED, abs=1e-3)  # linear
    assert (paint.GetMetallic(), paint.GetRoughness()) == pytest.approx((0.3, 0.4))
    use_environment(plotter.renderer, False)
    plotter.ren_win.Render()
    assert paint.GetInterpolationAsString() == "Phong"
    plotter.close()


# -- textures -------------------------------------------------------------------------------------
def test_a_textured_model_shows_its_texture_the_right_way_up(tmp_path):
    texture = np.zeros((8, 8, 3), np.uint8)
    texture[:4] = [255, 220, 0]  # the image's top half yellow
    texture[4:] = [0, 40, 255]  # its bottom half blue
    model = Model()
    model.box((-0.9, 0.0, -2.5), (0.9, 1.4, 2.5), model.material((1, 1, 1), texture=texture))
    path = write(tmp_path, model)
    part = read_car_model(path).parts[0]
    assert part.texture is not None and part.texture.shape == (8, 8, 3)
    assert np.array_equal(part.texture, texture)  # rows from the top, as in the file
    image = front_view(path)[:, 150]  # a column down the middle of the car's front
    yellow = np.flatnonzero(mask(image[:, None], (1.0, 0.72, 0.0), 0.2)[:, 0])
    blue = np.flatnonzero(mask(image[:, None], (0.0, 0.02, 1.0), 0.2)[:, 0])
    assert len(yellow) > 10 and len(blue) > 10
    assert yellow.max() < blue.min()  # the image's top at the top of the car


def test_a_texture_in_a_file_beside_the_model_is_read_the_guarded_way(tmp_path):
    texture = np.zeros((4, 4, 3), np.uint8)
    texture[:2] = [255, 220, 0]
    texture[2:] = [0, 40, 255]
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "paint.png").write_bytes(png(texture))
    model = Model()
    model.box(
        (-0.9, 0.0, -2.5),
        (0.9, 1.4, 2.5),
        model.material((1, 1, 1), image={"uri": "maps/paint.png"}),
    )
    path = write(tmp_path, model, "car.gltf")
    checked = check_gltf(path)
    again = tmp_path / "again.glb"
    again.write_bytes(checked.glb())
    assert check_gltf(again).document == checked.document  # the image now inside the GLB
    assert np.array_equal(read_car_model(path).parts[0].texture, texture)


def test_a_texture_that_crashes_the_reader_is_left_out_and_the_colours_stay(tmp_path, caplog):
    """A PNG whose header is sound but whose data is not crashes VTK's reader (in the child);
    the model is read again without textures."""
    good = png(np.full((64, 64, 3), 100, np.uint8))
    broken = good[:33] + bytes(range(256)) * 4
    model = little_car()
    uri = "data:image/png;base64," + base64.b64encode(broken).decode()
    model.box((-0.2, 1.35, -0.2), (0.2, 1.5, 0.2), model.material((1, 1, 1), image={"uri": uri}))
    with caplog.at_level(logging.WARNING, "factory-tour.car-model"):
        loaded = read_car_model(write(tmp_path, model))
    assert all(part.texture is None for part in loaded.parts)
    assert np.allclose(loaded.parts[0].color, srgb(RED), atol=1e-3)
    assert "read again without its textures" in caplog.text


def test_a_huge_or_unknown_texture_image_is_left_out(tmp_path):
    header = bytearray(png(np.zeros((2, 2, 3), np.uint8)))
    header[16:24] = (20000).to_bytes(4, "big") * 2  # 20,000 x 20,000 pixels declared
    model = little_car()
    for data in (bytes(header), b"RIFF\0\0\0\0WEBPVP8 "):
        uri = "data:image/png;base64," + base64.b64encode(data).decode()
        model.box(
            (-0.2, 1.35, -0.2), (0.2, 1.5, 0.2), model.material((1, 1, 1), image={"uri": uri})
        )
    path = write(tmp_path, model)
    notes = check_gltf(path).notes
    assert any("20000 x 20000 pixels" in note for note in notes)
    assert any("is not a PNG, JPEG or WebP image" in note for note in notes)
    assert all(part.texture is None for part in read_car_model(path).parts)


# -- the line ----------------------------------------------------------------------------------
def test_the_cars_on_the_line_wear_the_models_colours(plant, tmp_path):
    from viewer.scene.plant.plant_scene import PlantScene

    model = read_car_model(write(tmp_path, little_car()))
    shapes.set_car_model(model)
    plotter = pv.Plotter(off_screen=True, window_size=(160, 90))
    scene = PlantScene(plotter, plant)
    palette = model.palette[0] / 255.0
    assert np.allclose(palette, [srgb(RED), srgb(CABIN), srgb(BLACK)], atol=0.01)
    for name in ("line-car-body", "car-body"):
        shape = scene.instanced[name]
        for actor in shape.actors:
            assert actor.GetTexture() is palette_texture(model)
            assert not actor.GetMapper().GetScalarVisibility()  # not the per-instance paint
    source = scene.instanced["line-car-body"].mapper.GetSource(0)
    texel = source.GetPointData().GetTCoords()
    assert texel is not None and source.GetNumberOfCells() == model.line.n_cells
    plotter.close()


def test_the_test_ride_car_wears_the_models_colours(plant, tmp_path):
    from viewer.model.tour.route import load_route
    from viewer.model.tour.shuttle import TourMotion
    from viewer.scene.tour.tour_scene import TourScene

    model = read_car_model(write(tmp_path, little_car()))
    shapes.set_car_model(model)
    plotter = pv.Plotter(off_screen=True, window_size=(160, 90))
    scene = TourScene(plotter, TourMotion(load_route(), plant), plant)
    body = scene.ride_car[0]
    assert body.mapper.GetSource(0).GetNumberOfCells() == model.line.n_cells
    assert body.actor.GetTexture() is palette_texture(model)
    assert body.actor.GetProperty().GetColor() == (1.0, 1.0, 1.0)  # the palette's colours as is
    assert all(shape.mapper.GetSource(0).GetNumberOfCells() == 0 for shape in scene.ride_car[1:])
    plotter.close()


def test_a_heavy_model_is_simplified_for_the_line_and_far_away(tmp_path):
    """A million triangles: the lobby's copy stays fine, the line's and the far cars' copies
    are about as light as the parametric car's."""
    model = little_car()
    points, triangles = grid(500, 500, (-0.9, 0.3, -2.0), (0.9, 1.0, 2.0))
    model.mesh(points, triangles, model.material((0.2, 0.3, 0.9), 0.5, 0.3))
    assert len(triangles) == 1_000_000
    started = time.perf_counter()
    loaded = read_car_model(write(tmp_path, model))
    assert time.perf_counter() - started < car_model_reader.CHILD_WALL_S
    shapes.set_car_model(loaded)
    assert 20_000 < loaded.triangles <= car_model_reader.NEAR_TRIANGLES
    assert shapes.car_body().n_cells <= 1.5 * car_model_reader.LINE_TRIANGLES
    assert shapes.car_far().n_cells <= 1.5 * car_model_reader.FAR_TRIANGLES
    assert shapes.car_far().n_cells < shapes.car_body().n_cells < loaded.triangles
    assert len(loaded.parts) == 4  # every material kept apart (the wheels' too)


# -- Draco-compressed models ------------------------------------------------------------------
DRACO = "KHR_draco_mesh_compression"


@pytest.mark.parametrize("name", ["car.glb", "car.gltf"])
def test_a_draco_compressed_model_is_decoded_red_upright_and_su7_sized(tmp_path, name):
    """Every mesh of the little car only as Draco data (its accessors have no buffer view):
    decoded, it keeps its materials, stands upright on its wheels and is as long as the SU7."""
    sample = little_car(draco=True)
    assert sample.doc["extensionsRequired"] == [DRACO]
    assert all("bufferView" not in accessor for accessor in sample.doc["accessors"])
    model = read_car_model(write(tmp_path, sample, name))
    colors = [part.color for part in model.parts]
    assert np.allclose(colors, [srgb(RED), srgb(CABIN), srgb(BLACK)], atol=1e-3)
    body, cabin, wheels = (np.asarray(part.mesh.points) for part in model.parts)
    assert body.shape[0] > 0 and model.triangles == 6 * 12  # six boxes of 12 triangles
    whole = np.vstack([body, cabin, wheels])
    low, high = whole.min(axis=0), whole.max(axis=0)
    assert high[0] - low[0] == pytest.approx(car.SU7.length, rel=1e-6)
    assert low[2] == pytest.approx(0.0, abs=1e-9) and wheels[:, 2].min() == low[2]
    scale = car.SU7.length / 4.0
    assert high[2] == pytest.approx(1.35 * scale, rel=1e-3)  # upright (16-bit quantized)
    assert cabin[:, 2].min() == pytest.approx(body[:, 2].max(), abs=2e-3)  # the cabin on top
    normals = np.asarray(model.parts[0].mesh.point_data["Normals"])
    assert np.allclose(np.linalg.norm(normals, axis=1), 1.0, atol=0.02)  # decoded normals kept


def test_a_draco_model_shows_red_in_the_lobby_without_a_warning(tmp_path, capfd):
    path = write(tmp_path, little_car(draco=True))
    capfd.readouterr()
    image = shot(tmp_path, path)
    assert not [line for line in capfd.readouterr().err.splitlines() if line.strip()]
    assert mask(image, RED).mean() > 0.02


def corrupted_draco(folder: Path) -> Path:
    """The body's Draco data overwritten after its first bytes."""
    model = little_car(draco=True)
    extension = model.doc["meshes"][0]["primitives"][0]["extensions"][DRACO]
    view = model.doc["bufferViews"][extension["bufferView"]]
    start, length = view["byteOffset"] + 8, view["byteLength"] - 8
    model.data[start : start + length] = bytes((7 * index) % 256 for index in range(length))
    return write(folder, model)


def draco_without_positions(folder: Path) -> Path:
    model = little_car(draco=True)
    del model.doc["meshes"][1]["primitives"][0]["extensions"][DRACO]["attributes"]["POSITION"]
    return write(folder, model)


# -- models that cannot be read ---------------------------------------------------------------
def material_extension(folder: Path) -> Path:
    model = little_car()
    model.doc["extensionsRequired"] = ["KHR_materials_volume"]
    return write(folder, model)


def meshopt(folder: Path) -> Path:
    model = little_car()
    model.doc["extensionsRequired"] = ["EXT_meshopt_compression", DRACO]
    return write(folder, model)


UNREADABLE = {
    corrupted_draco: "meshes[0].primitives[0]: its Draco-compressed mesh cannot be decoded "
    "(Input mesh is not draco encoded)",
    draco_without_positions: f"meshes[1].primitives[0].extensions.{DRACO}.attributes: "
    "must name the Draco POSITION attribute",
    material_extension: "extensionsRequired: requires the material extension "
    "KHR_materials_volume, which cannot be read",
    meshopt: "extensionsRequired: uses meshoptimizer compression (EXT_meshopt_compression), "
    "which cannot be read",
}


@pytest.mark.parametrize("make", list(UNREADABLE), ids=[make.__name__ for make in UNREADABLE])
def test_an_unreadable_model_gets_one_warning_naming_the_reason(tmp_path, capfd, make):
    path = make(tmp_path / make.__name__)
    with pytest.raises(CarModelError, match=re.escape(UNREADABLE[make])):
        read_car_model(path)
    capfd.readouterr()
    out = tmp_path / "shot.png"
    assert main([*SHOT, "--out", str(out), "--car-model", str(path)]) == 0
    captured = capfd.readouterr()
    lines = [line for line in captured.err.splitlines() if line.strip()]
    assert lines == [f"warning: {path}: {UNREADABLE[make]}; the parametric SU7 is drawn instead"]
    assert not shapes.car_model_in_use() and out.stat().st_size > 0
