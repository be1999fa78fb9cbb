"""Still frames in the window: while the camera holds still, what stands still is drawn once and
only what moves is drawn each frame, the picture the same as drawn in full."""

from __future__ import annotations

import dataclasses

import numpy as np
from qimage_pixels import rgb_pixels

from viewer.model.quality import PRESETS


def _picture_at(window, t: float) -> np.ndarray:
    window.clock.seek(t)
    return rgb_pixels(window.plotter.grabFramebuffer())


def _body_view_on_low(window) -> float:
    window.quality.actions["low"].trigger()  # View > Quality > Low, as a user chooses it
    window.animator.stop()
    window.scene.show_view("body")
    return window.clock.run.start_time + 3600.0


def test_a_still_view_redraws_only_what_moves_and_looks_as_drawn_in_full(window):
    t = _body_view_on_low(window)
    still = window.view.still
    assert PRESETS["low"].still_frames and still.enabled
    robots = window.scene.instanced["robot-forearm"].actors
    assert all(actor in still.layer_props() for actor in robots)  # drawn each frame
    window.view.set_still_frames(False)
    full = _picture_at(window, t)
    window.quality.apply()
    for step in (1.0, 2.0, 3.0, 4.0):  # what else moves (the tour's shuttle): found in a few
        _picture_at(window, t + step)
    cached = still.cached_frames
    for step in (5.0, 10.0, 15.0):  # the plant runs, the camera holds still
        moved = _picture_at(window, t + step)
    again = _picture_at(window, t)
    assert still.cached_frames >= cached + 3
    # the robots moved between the pictures, and came back: the copy holds no moving part
    assert (np.abs(moved.astype(int) - full.astype(int)).max(axis=2) > 8).sum() > 200
    differ = np.abs(again.astype(int) - full.astype(int)).max(axis=2) > 8
    assert differ.sum() <= 20, differ.sum()


def test_a_change_to_what_stands_still_shows_in_the_next_frame(window):
    t = _body_view_on_low(window)
    still = window.view.still
    for step in (0.0, 0.25, 0.5, 0.75, 1.0):  # learnt what moves (the tour's shuttle)
        _picture_at(window, t + step)
    cached, drawn = still.cached_frames, still.drawn_frames
    shell = window.scene.halls.shell  # the halls' walls and roofs: they stand still
    colours = shell.colors.copy()
    shell.update(colors=np.array([1.0, 0.0, 1.0]))  # repainted while the camera holds still
    magenta = _picture_at(window, t + 2.0)
    shell.update(colors=colours)
    assert still.drawn_frames > drawn
    purple = (magenta[..., 0] > 150) & (magenta[..., 1] < 80) & (magenta[..., 2] > 150)
    assert purple.mean() > 0.01
    _picture_at(window, t + 3.0)  # painted back: drawn again
    _picture_at(window, t + 4.0)  # and the frames after it come from the copy again
    assert still.cached_frames > cached


def test_a_moving_camera_draws_in_full_and_high_draws_every_actor_itself(window):
    t = _body_view_on_low(window)
    still = window.view.still
    _picture_at(window, t)
    drawn, cached = still.drawn_frames, still.cached_frames
    camera = window.plotter.renderer.GetActiveCamera()
    for _ in range(3):  # the camera turns each frame
        camera.Azimuth(2.0)
        _picture_at(window, t)
    assert still.drawn_frames == drawn + 3 and still.cached_frames == cached
    props = window.plotter.renderer.GetViewProps().GetNumberOfItems() + len(still.layer_props())
    layer = still.layer
    window.quality.actions["high"].trigger()  # shadows: the sun's map sees every actor
    assert not still.enabled
    assert window.plotter.renderer.GetViewProps().GetNumberOfItems() == props
    renderers = window.plotter.ren_win.GetRenderers()
    assert not renderers.IsItemPresent(layer)


def test_the_still_sculpture_stays_in_the_still_frame_and_a_turning_one_moves(window):
    window.quality.actions["low"].trigger()
    window.animator.stop()
    window.scene.show_view("showroom")
    still, showroom = window.view.still, window.scene.showroom
    start = window.clock.run.start_time
    for step in range(6):  # the plant runs; the bundled sculpture stands still
        _picture_at(window, start + 60.0 + step)
    sculpture = [actor for actor, _ in showroom.turning]
    layer = still.layer_props()
    assert showroom.sculpture.turn_period == 0
    assert not any(actor in layer for actor in sculpture)
    cached = still.cached_frames
    _picture_at(window, start + 70.0)
    assert still.cached_frames == cached + 1  # the lobby's whole picture from the copy
    # a sculpture that turns is drawn each frame
    showroom.sculpture = dataclasses.replace(showroom.sculpture, turn_period=120.0)
    for step in range(5):
        _picture_at(window, start + 80.0 + step)
    shown = [actor for actor in sculpture if actor.GetVisibility()]  # (not its hidden copies)
    assert shown and all(actor in still.layer_props() for actor in shown)


def test_a_hidden_still_actor_changes_unseen_and_shows_as_it_is_now(window):
    """A hidden actor's changes cannot show: frames keep coming from the copy until it is shown
    again, and then it shows as it is now."""
    t = _body_view_on_low(window)
    still = window.view.still
    for step in (0.0, 0.25, 0.5, 0.75, 1.0):  # learnt what moves (the tour's shuttle)
        _picture_at(window, t + step)
    shell = window.scene.halls.shell
    colours = shell.colors.copy()
    for actor in shell.actors:
        actor.SetVisibility(False)
    _picture_at(window, t + 1.5)  # hidden: drawn in full once
    _picture_at(window, t + 1.75)
    cached, drawn = still.cached_frames, still.drawn_frames
    shell.update(colors=np.array([1.0, 0.0, 1.0]))  # repainted while hidden
    _picture_at(window, t + 2.0)
    assert still.cached_frames == cached + 1 and still.drawn_frames == drawn
    for actor in shell.actors:
        actor.SetVisibility(True)
    magenta = _picture_at(window, t + 2.5)
    shell.update(colors=colours)
    assert still.drawn_frames == drawn + 1
    purple = (magenta[..., 0] > 150) & (magenta[..., 1] < 80) & (magenta[..., 2] > 150)
    assert purple.mean() > 0.01
