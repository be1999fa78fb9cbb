"""``--car-model``: WebP textures (``EXT_texture_webp``) are decoded and shown (issue 20).

The models are written by the tests (:mod:`gltf_samples`), their WebP images made by Pillow:
the checker reads the image's size from its header and holds it to the usual limits, the
reader's child turns it into PNG before VTK sees it, and the model's colours come through in the
lobby, on the line and in the showroom picture. A meshopt-compressed model that also uses WebP
still gets the one warning about meshopt.
"""

from __future__ import annotations

import io
import logging
import re
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).parent.parent))  # the tests folder: gltf_samples

from car_mesh_helpers import front_view  # noqa: E402
from gltf_samples import RED, Model, little_car, png, webp  # noqa: E402

from viewer.app.cli import main  # noqa: E402
from viewer.model.cars.gltf_check import GltfError, check_gltf, image_size  # noqa: E402
from viewer.scene import shapes  # noqa: E402
from viewer.scene.cars.car_model import CarModelError, read_car_model  # noqa: E402

ORANGE = (255, 120, 0)
SHOT = ["snapshot", "--view", "showroom", "--size", "480x270", "--quality", "low"]


@pytest.fixture(autouse=True)
def parametric_car_afterwards():
    yield
    shapes.set_car_model(None)


def two_tone() -> np.ndarray:
    """8 x 8: the top half orange, the bottom half blue (to see which way up it lies)."""
    texture = np.zeros((8, 8, 3), np.uint8)
    texture[:4] = ORANGE
    texture[4:] = [0, 40, 255]
    return texture


def webp_car(texture: bytes, fallback: bytes | None = None) -> Model:
    """A white box of a car, 5 m long, wearing the WebP ``texture``."""
    model = Model()
    model.box((-0.9, 0.0, -2.5), (0.9, 1.4, 2.5), model.webp_material((1, 1, 1), texture, fallback))
    return model


def write(folder: Path, model: Model, name: str = "car.glb") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(model.glb())
    return path


def hue(image: np.ndarray, rgb: tuple, tolerance: float = 0.2) -> np.ndarray:
    """Pixels whose channel ratios match ``rgb`` (0-255) within ``tolerance``."""
    target = np.asarray(rgb, float) / max(rgb)
    scaled = image / np.maximum(image.max(axis=2, keepdims=True), 1e-6)
    return (image.max(axis=2) > 0.15) & (np.abs(scaled - target).max(axis=2) < tolerance)


@pytest.mark.parametrize("lossless", [True, False], ids=["lossless", "lossy"])
def test_the_header_gives_the_size_pillow_finds(lossless):
    from PIL import Image

    for size in ((37, 21), (1, 1), (300, 17)):
        data = webp(np.full((size[1], size[0], 4), 200, np.uint8), lossless)
        assert image_size(data) == ("webp", *size)
        assert Image.open(io.BytesIO(data)).size == size
    assert image_size(b"RIFF\0\0\0\0WEBPVP8 ") is None  # cut short


def test_a_webp_textured_model_shows_its_colours_the_right_way_up(tmp_path):
    texture = two_tone()
    path = write(tmp_path, webp_car(webp(texture)))
    checked = check_gltf(path)
    assert checked.textures == 1 and not checked.notes
    part = read_car_model(path).parts[0]
    assert part.texture is not None and np.array_equal(part.texture, texture)
    image = front_view(path)[:, 150]  # a column down the middle of the car's front
    orange = np.flatnonzero(hue(image[:, None], ORANGE)[:, 0])
    blue = np.flatnonzero(hue(image[:, None], (0, 40, 255))[:, 0])
    assert len(orange) > 10 and len(blue) > 10
    assert orange.max() < blue.min()  # the image's top at the top of the car


def test_the_showroom_and_the_line_wear_the_webp_colour(tmp_path):
    path = write(tmp_path, webp_car(webp(np.full((4, 4, 3), ORANGE, np.uint8), lossless=False)))
    model = read_car_model(path)
    assert np.abs(model.palette[0, 0].astype(int) - ORANGE).max() <= 12  # the line's colour
    out = tmp_path / "shot.png"
    assert main([*SHOT, "--out", str(out), "--car-model", str(path)]) == 0
    from PIL import Image

    image = np.asarray(Image.open(out).convert("RGB")).astype(float) / 255.0
    assert hue(image, ORANGE, 0.15).mean() > 0.003  # the lobby's car is orange


def test_a_png_beside_the_webp_is_taken_as_it_is(tmp_path):
    path = write(tmp_path, webp_car(webp(two_tone()), fallback=png(two_tone()[::-1].copy())))
    assert check_gltf(path).document["images"][0]["mimeType"] == "image/png"
    assert np.array_equal(read_car_model(path).parts[0].texture, two_tone()[::-1])


def test_a_webp_too_large_is_left_out_and_the_colours_stay(tmp_path):
    data = bytearray(webp(np.zeros((2, 2, 3), np.uint8)))  # lossless: VP8L
    data[21:25] = (11999 | 11999 << 14).to_bytes(4, "little")  # 12,000 pixels a side declared
    model = little_car()
    model.box((-0.2, 1.35, -0.2), (0.2, 1.5, 0.2), model.webp_material((1, 1, 1), bytes(data)))
    path = write(tmp_path, model)
    assert any(
        "12000 x 12000 pixels; at most 8192 a side" in note for note in check_gltf(path).notes
    )
    loaded = read_car_model(path)
    assert all(part.texture is None for part in loaded.parts)
    assert np.allclose(loaded.parts[0].color, np.asarray(RED) ** (1 / 2.2), atol=1e-3)


def test_a_webp_that_does_not_decode_is_read_again_without_textures(tmp_path, caplog):
    good = webp(np.full((64, 64, 3), 100, np.uint8), lossless=False)
    broken = good[:30] + bytes(range(256)) * 4  # a sound header, then noise
    model = little_car()
    model.box((-0.2, 1.35, -0.2), (0.2, 1.5, 0.2), model.webp_material((1, 1, 1), broken))
    with caplog.at_level(logging.WARNING, "factory-tour.car-model"):
        loaded = read_car_model(write(tmp_path, model))
    assert all(part.texture is None for part in loaded.parts)
    assert np.allclose(loaded.parts[0].color, np.asarray(RED) ** (1 / 2.2), atol=1e-3)
    assert "images[0]: its WebP image cannot be decoded" in caplog.text
    assert "read again without its textures" in caplog.text


def test_webp_with_meshopt_still_gets_the_one_meshopt_warning(tmp_path, capfd):
    model = webp_car(webp(two_tone()))
    model.doc["extensionsRequired"] = ["EXT_texture_webp", "EXT_meshopt_compression"]
    path = write(tmp_path, model)
    reason = (
        "extensionsRequired: uses meshoptimizer compression (EXT_meshopt_compression), "
        "which cannot be read"
    )
    with pytest.raises(GltfError, match=re.escape(reason)):
        check_gltf(path)
    with pytest.raises(CarModelError, match="meshoptimizer"):
        read_car_model(path)
    capfd.readouterr()
    assert main([*SHOT, "--out", str(tmp_path / "shot.png"), "--car-model", str(path)]) == 0
    lines = [line for line in capfd.readouterr().err.splitlines() if line.strip()]
    assert lines == [f"warning: {path}: {reason}; the parametric SU7 is drawn instead"]
    assert "WebP" not in lines[0]
