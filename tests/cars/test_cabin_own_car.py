"""The test ride in a user's car model (``--car-model``, issue 20): from the passenger seat the
cabin still says "you sit in a car" (dashboard, screen, wheel, pillars, doors), but no SU7
bonnet in Aqua Blue lies ahead of another car's windscreen, and the wing mirrors wear the
model's own paint."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).parent.parent))  # the tests folder: gltf_samples

from gltf_samples import little_car  # noqa: E402

from viewer.app.cli import main  # noqa: E402
from viewer.scene import shapes  # noqa: E402
from viewer.scene.cars.cabin import PARTS, build_cabin, model_paint  # noqa: E402
from viewer.scene.cars.car_model import read_car_model  # noqa: E402

SEAT = ["snapshot", "--camera", "seat", "--stop", "test-ride", "--size", "480x270"]


@pytest.fixture(autouse=True)
def parametric_car_afterwards():
    yield
    shapes.set_car_model(None)


@pytest.fixture(scope="module")
def red_car(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("red") / "red.glb"
    path.write_bytes(little_car().glb())
    return path


def seat_picture(folder: Path, *extra: str) -> np.ndarray:
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / "seat.png"
    assert main([*SEAT, "--quality", "low", "--out", str(out), *extra]) == 0
    from PIL import Image

    return np.asarray(Image.open(out).convert("RGB")).astype(int)


def aqua_ahead(image: np.ndarray) -> float:
    """The share of Aqua Blue paint straight ahead over the dashboard, right of the centre
    screen (where the SU7's bonnet lies from the passenger's seat)."""
    height, width = image.shape[:2]
    ahead = image[int(height * 0.55) : int(height * 0.75), int(width * 0.5) : int(width * 0.75)]
    paint = (ahead[..., 2] > ahead[..., 0] + 60) & (ahead[..., 2] > 170)
    return float(paint.mean())


def test_no_su7_bonnet_ahead_of_another_cars_windscreen(tmp_path, red_car):
    su7 = seat_picture(tmp_path / "su7")
    own = seat_picture(tmp_path / "own", "--car-model", str(red_car))
    assert aqua_ahead(su7) > 0.2  # the SU7's bonnet, as the passenger sees it
    assert aqua_ahead(own) < 0.01  # the road and the dashboard, no blue bonnet
    # still the inside of a car: the dashboard across the bottom, the headliner at the top
    assert np.abs(own[-20:] - su7[-20:]).mean() < 8
    assert np.abs(own[:10] - su7[:10]).mean() < 8


def test_the_cabin_of_a_model_keeps_all_but_the_bonnet_and_wears_its_paint(red_car):
    model = read_car_model(red_car)
    su7, own = build_cabin(), build_cabin(model)
    assert set(np.unique(own.cell_data["part"])) == set(range(len(PARTS))) - {PARTS.index("bonnet")}
    red = model_paint(model)
    assert red[0] > 150 and red[1] < 60 and red[2] < 60  # the body, the model's largest part
    doors = PARTS.index("doors")

    def mirror_colours(mesh: object) -> np.ndarray:
        faces = np.asarray(mesh.faces)
        corners, at = [], 0
        for part in mesh.cell_data["part"]:
            if part == doors:
                corners.extend(faces[at + 1 : at + 1 + faces[at]])
            at += faces[at] + 1
        return np.asarray(mesh.point_data["rgb"])[corners].astype(int)

    reddish = lambda rgb: (rgb[:, 0] > rgb[:, 2] + 60).sum()  # noqa: E731
    assert reddish(mirror_colours(own)) > 20  # the wing mirrors' housings
    assert reddish(mirror_colours(su7)) == 0  # Aqua Blue on the SU7
