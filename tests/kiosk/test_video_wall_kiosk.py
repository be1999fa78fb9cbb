"""A kiosk screen as one tile of a video wall: it draws its part of the wall's picture, and the
captions span the wall or sit on the chosen tile."""

from __future__ import annotations

import numpy as np
import pytest
from qimage_pixels import rgb_pixels

from viewer.model.kiosk.wall_tiles import WallTile

SIZE = (200, 120)  # a tiny window: the kiosk is not made full screen here


def grab(qtbot, window) -> np.ndarray:
    """The view as drawn, at every device pixel (the low quality draws at 3/4 and scales the
    picture up): RGB, one row per pixel."""
    window.plotter.set_render_scale(1.0)
    size = window.plotter.device_size()
    qtbot.waitUntil(lambda: tuple(window.plotter.renderer.GetSize()) == size, timeout=5000)
    window.plotter.render()
    return rgb_pixels(window.plotter.grabFramebuffer())


@pytest.fixture
def make_kiosk(qtbot, plant, tmp_path, monkeypatch):
    """A paused kiosk window of :data:`SIZE` drawing ``tile`` of a wall."""
    monkeypatch.setenv("FACTORY_TOUR_DATA", str(tmp_path / "data"))
    from viewer.ui.kiosk.kiosk_mode import KioskMode
    from viewer.ui.kiosk.kiosk_wall import attach_wall
    from viewer.ui.window.main_window import MainWindow

    made = []

    def make(tile: WallTile, caption_tile: int | None = None) -> KioskMode:
        window = MainWindow(plant, lang="en", play=False, quality="low")
        qtbot.addWidget(window)
        kiosk = KioskMode(window.tour, window.links, lang_mode="en", idle_s=60.0)
        attach_wall(kiosk, tile, caption_tile=caption_tile)
        kiosk.start()
        window.pause()
        window.resize(*SIZE)
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: window.plotter.width() == SIZE[0], timeout=5000)
        qtbot.wait(1200)  # the camera's blend into the loop is over
        made.append(kiosk)
        return kiosk

    yield make
    for kiosk in made:
        if not kiosk.exiting:
            kiosk.exit()


def test_a_kiosk_tile_draws_its_part_of_the_wall(qtbot, make_kiosk):
    kiosk = make_kiosk(WallTile(2, 1, 1))
    window = kiosk.parent()
    seen = {}

    def during(*_: object) -> None:
        camera = window.plotter.renderer.GetActiveCamera()
        seen["centre"], seen["angle"] = camera.GetWindowCenter(), camera.GetViewAngle()

    window.plotter.renderer.AddObserver("EndEvent", during)  # before the tiling puts it back
    tile = grab(qtbot, window)
    wall_angle = window.scene.camera_pose().view_angle  # between frames: the wall's camera
    assert seen["centre"] == pytest.approx((1.0, 0.0))
    assert seen["angle"] == pytest.approx(kiosk.wall.view.view_angle(wall_angle))
    assert seen["angle"] == pytest.approx(wall_angle)  # one row: the wall's height

    # the same kiosk drawing the whole wall in a window twice as wide: its right half is the tile
    kiosk.wall.detach()
    window.resize(2 * SIZE[0], SIZE[1])
    qtbot.waitUntil(lambda: window.plotter.width() == 2 * SIZE[0], timeout=5000)
    whole = grab(qtbot, window)
    assert whole.shape[1] == 2 * tile.shape[1]
    differ = np.abs(whole[:, SIZE[0] :].astype(int) - tile.astype(int)).max(axis=2) > 24
    assert differ.mean() < 0.005, f"{differ.sum()} pixels differ"
    other = np.abs(whole[:, : SIZE[0]].astype(int) - tile.astype(int)).max(axis=2) > 24
    assert other.mean() > 0.2  # not the left screen's part


def test_captions_span_the_wall_or_sit_on_the_chosen_tile(qtbot, make_kiosk):
    spanning = make_kiosk(WallTile(2, 1, 1))
    title = spanning.captions.title
    assert spanning.captions.visible and spanning.captions.title_text()
    assert title.GetPosition()[0] < 0  # laid out from the wall's left edge, on the left tile
    elsewhere = make_kiosk(WallTile(2, 1, 1), caption_tile=0)
    assert not elsewhere.captions.visible  # the caption is on screen 0
    assert elsewhere.captions.title_text() == spanning.captions.title_text()
    here = make_kiosk(WallTile(2, 1, 0), caption_tile=0)
    assert here.captions.visible and here.captions.title.GetPosition()[0] > 0
