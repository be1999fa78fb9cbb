"""How the lobby looks: Aqua Blue that reads as Aqua Blue on every preset, High no darker than
Low, and the mirrored ceiling's copy seen only from inside the lobby."""

from __future__ import annotations

import numpy as np
import pytest

from viewer.model.plant.views import CameraPose
from viewer.scene.snapshot import OffscreenRenderer

SIZE = (480, 270)


def aqua(image: np.ndarray) -> np.ndarray:
    """Pixels of the car's Aqua Blue, lit or shaded: a saturated blue-cyan (not the pale sky,
    the grey strip or the dark glass)."""
    rgb = image[..., :3].astype(int)
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    top, low = rgb.max(axis=-1), rgb.min(axis=-1)
    return (b >= top) & (g > r + 10) & (top > 40) & (top - low > 0.4 * top)


@pytest.fixture(scope="module")
def pictures(plant):
    shots = {}
    for quality in ("low", "medium", "high"):
        renderer = OffscreenRenderer(plant, SIZE, quality=quality)
        shots[quality] = renderer.render(view="showroom")
        renderer.close()
    return shots


@pytest.mark.parametrize("quality", ["low", "medium"])
def test_the_showroom_view_is_full_of_aqua_blue(pictures, quality):
    assert aqua(pictures[quality]).mean() >= 0.03


def test_the_brushed_strip_shows_no_blown_out_spots_on_medium(pictures):
    """The lights on the strip's curved metal spread into soft sheens: hardly a pixel burns
    out white (at the old roughness of 0.3, two hot spots made 1.2 % of the picture)."""
    white = pictures["medium"][..., :3].min(axis=-1) >= 248
    assert white.mean() < 0.008, white.mean()


def test_high_is_not_darker_than_low(pictures):
    """High's physically based looks do not darken the lobby (they once rendered the car and
    the strip nearly black, tens of grey levels below Low)."""
    assert pictures["high"].mean() >= pictures["low"].mean()
    assert aqua(pictures["high"]).mean() >= 0.03  # the physically based paint stays blue


def _render(renderer: OffscreenRenderer, pose: CameraPose, reflections: bool) -> np.ndarray:
    renderer.scene.showroom.set_quality(high=True, reflections=reflections)
    return renderer.render(pose=pose)


@pytest.mark.parametrize(
    "pose",
    [
        CameraPose((440.0, 610.0, 2.0), (506.0, 617.0, 14.0), 40.0),  # outside, from the west
        CameraPose((506.0, 545.0, 30.0), (506.0, 617.0, 12.0), 40.0),  # above the roof
    ],
    ids=["outside", "above"],
)
def test_the_mirror_copy_is_never_seen_from_outside_the_lobby(plant, pose):
    renderer = OffscreenRenderer(plant, SIZE, quality="medium")
    with_copy = _render(renderer, pose, True)
    without = _render(renderer, pose, False)
    renderer.close()
    assert np.array_equal(with_copy, without)


def test_the_mirror_shows_the_sculpture_to_the_lobby_floor(plant):
    renderer = OffscreenRenderer(plant, SIZE, quality="medium")
    pose = CameraPose((520.0, 600.0, 1.7), (508.0, 617.0, 14.0), 70.0)  # looking up
    with_copy = _render(renderer, pose, True)
    showroom = renderer.scene.showroom
    showroom.release()  # the copies stay as set here: none (the mirror's world still shown)
    for actor in [*showroom.copies, *showroom.cheap_copies]:
        actor.SetVisibility(False)
    without = renderer.render(pose=pose)
    renderer.close()
    changed = np.abs(with_copy.astype(int) - without.astype(int)).sum(axis=-1) > 30
    assert changed.mean() > 0.01
    assert aqua(with_copy).mean() > aqua(without).mean()  # the car upside down, in blue
