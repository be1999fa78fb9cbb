"""The lobby's mirrored ceiling on Low and High: on Low it shows the coarse strip and car upside
down for almost nothing (and nothing of them from above the roof); on High the mirror's world
neither takes a shadow from the real sun (a blurred grey slab lay on the ceiling behind the car)
nor casts one (its floor, 26 m up, shaded the whole lobby)."""

from __future__ import annotations

import numpy as np
import pytest
from mirror_views import ceiling_mask

from viewer.model.cars.car import SU7
from viewer.model.cars.sculpture import car_pose
from viewer.model.plant.views import CameraPose, view_pose
from viewer.scene.snapshot import OffscreenRenderer

SIZE = (480, 270)
LOBBY_FLOOR = CameraPose((520.0, 600.0, 1.7), (508.0, 617.0, 14.0), 70.0)  # looking up at it
ABOVE_ROOF = CameraPose((506.0, 560.0, 60.0), (506.0, 617.0, 10.0), 40.0)
ALONG_LOBBY = CameraPose((527.2, 622.1, 1.7), (504.0, 615.0, 2.0), 22.0)  # at the visitors


def _blue(image: np.ndarray) -> np.ndarray:
    """Pixels of the car's Aqua Blue, lit or in the mirror (not the sky, glass or grey)."""
    rgb = image[..., :3].astype(int)
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    top, low = rgb.max(axis=-1), rgb.min(axis=-1)
    return (b >= top) & (g > r + 10) & (top > 40) & (top - low > 0.4 * top)


def _on_screen(renderer: OffscreenRenderer, point: np.ndarray) -> np.ndarray:
    """(column, row) of a world point in the last picture."""
    vtk_renderer = renderer.plotter.renderer
    vtk_renderer.SetWorldPoint(*point, 1.0)
    vtk_renderer.WorldToDisplay()
    x, y, _ = vtk_renderer.GetDisplayPoint()
    return np.array([x, SIZE[1] - y])


def _mirrored(plant, point: np.ndarray) -> np.ndarray:
    return np.asarray(point) * [1, 1, -1] + [0, 0, 2 * plant.sculpture.mirror_height]


def _blue_near(blue: np.ndarray, where: np.ndarray, half: tuple[int, int] = (30, 20)) -> float:
    x, y = where.astype(int)
    window = blue[max(y - half[1], 0) : y + half[1], max(x - half[0], 0) : x + half[0]]
    return float(window.mean()) if window.size else 0.0


def test_low_mirror_shows_the_car_upside_down_from_the_lobby_floor(plant):
    renderer = OffscreenRenderer(plant, SIZE, quality="low")
    try:
        showroom = renderer.scene.showroom
        assert not showroom.reflections  # Low: not the fine copies
        image = renderer.render(pose=LOBBY_FLOOR)
        cheap = showroom.cheap_copies
        assert cheap and all(a.GetVisibility() for a in cheap)
        assert not any(a.GetVisibility() for a in showroom.copies)
        # the coarse strip, the line's car body and glass and the far wheels: a fifth of the fine
        assert sum(a.GetMapper().GetInput().GetNumberOfCells() for a in cheap) < 5000
        position, _ = car_pose(plant.sculpture, renderer.run.state.time)
        wheels, roof = position + [0, 0, 0.3], position + [0, 0, 0.9 * SU7.height]
        copy_wheels, copy_roof = (_on_screen(renderer, _mirrored(plant, p)) for p in (wheels, roof))
        ceiling = _on_screen(renderer, [*plant.sculpture.center, plant.sculpture.mirror_height])
        middle = (copy_wheels + copy_roof) / 2
        blue = _blue(image)
        assert _blue_near(blue, middle) > 0.06  # the car's blue round its dark glass roof
        assert middle[1] < ceiling[1]  # above the ceiling's middle on screen
        assert copy_roof[1] > copy_wheels[1]  # upside down: its roof nearer the ceiling
        # that blue is the copy's: without it the ceiling there is plain
        showroom.release()  # stops following the camera: the visibility set here stays
        for actor in cheap:
            actor.SetVisibility(False)
        without = _blue(renderer.render(pose=LOBBY_FLOOR))
        assert _blue_near(without, middle) < 0.02
    finally:
        renderer.close()


def test_low_mirror_shows_nothing_from_above_the_roof_and_is_left_out_of_view(plant):
    renderer = OffscreenRenderer(plant, SIZE, quality="low")
    try:
        showroom = renderer.scene.showroom
        image = renderer.render(pose=ABOVE_ROOF)
        assert not any(a.GetVisibility() for a in showroom.reflected)  # no copies over the roof
        assert showroom.mirror.GetVisibility()  # an opaque ceiling
        position, _ = car_pose(plant.sculpture, renderer.run.state.time)
        copy = _on_screen(renderer, _mirrored(plant, position + [0, 0, SU7.height / 2]))
        assert _blue_near(_blue(image), copy) < 0.01
        # from the lobby floor looking along the lobby at the visitors, the copies are above the
        # picture: not drawn
        renderer.render(pose=ALONG_LOBBY)
        assert not any(a.GetVisibility() for a in showroom.cheap_copies)
    finally:
        renderer.close()


@pytest.mark.parametrize("view", ["showroom"])
def test_high_mirror_takes_no_shadow_from_the_real_sun(plant, view):
    """The mirror's world (its floor and glazing) looks on High as on Medium, where it has no
    shadows: not darkened in patches by the sun's map."""
    pose = view_pose(plant, view)
    pictures, sheets = {}, {}
    for quality in ("medium", "high"):
        renderer = OffscreenRenderer(plant, SIZE, quality=quality)
        try:
            pictures[quality] = renderer.render(view=view).astype(int)
            showroom = renderer.scene.showroom
            assert showroom.inside(np.asarray(pose.position))
            sheets[quality] = [tuple(a.GetProperty().GetColor()) for a, _ in showroom._room_copy]
            if quality == "high":
                assert showroom.shadowed()  # the sun's shadows are on
        finally:
            renderer.close()
    medium, high = pictures["medium"], pictures["high"]
    # where Medium shows the mirror's floor or glazing (in the sheen's colours), not the joints,
    # the cables, the strip or the car in front of it
    world = np.zeros(medium.shape[:2], dtype=bool)
    for color in sheets["medium"]:
        world |= np.abs(medium - np.asarray(color) * 255).max(axis=-1) <= 6
    world &= ceiling_mask(plant, pose, SIZE, 1.0)
    assert world.mean() > 0.05  # a good part of the picture
    darker = (medium - high).sum(axis=-1) > 45  # 15 levels a channel
    assert darker[world].mean() < 0.02


def test_high_mirror_casts_no_shadow_on_the_lobby(plant):
    """Looking across the lobby's floor at the glass wall, on High: the same picture as with the
    mirror's world and the copies in it left out (their shadow darkened the whole floor)."""
    pose = CameraPose((480.0, 630.0, 1.7), (440.0, 640.0, 0.0), 70.0)
    renderer = OffscreenRenderer(plant, SIZE, quality="high")
    try:
        showroom = renderer.scene.showroom
        shown = renderer.render(pose=pose).astype(int)
        drawn = [a for a in showroom.reflected if a.GetVisibility()]
        assert drawn  # the mirror's world is drawn: the camera is in the lobby
        showroom.release()
        for actor in drawn:
            actor.SetVisibility(False)
        left_out = renderer.render(pose=pose).astype(int)
    finally:
        renderer.close()
    floor = np.zeros(shown.shape[:2], dtype=bool)
    floor[SIZE[1] // 2 :] = True  # the floor: the picture's lower half
    changed = np.abs(shown - left_out).sum(axis=-1) > 30
    assert changed[floor].mean() < 0.01
