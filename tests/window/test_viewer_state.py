"""The window's one state: the widgets show it, the clock writes its time, modes attach to it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from viewer.model.playback import format_clock
from viewer.model.viewer_state import ViewerState


def test_the_state_tells_only_real_changes():
    state = ViewerState(plant=None, route=None)
    seen: list[tuple[str, object]] = []
    state.events.connect(lambda info: seen.append((info.signal.name, info.args[0])))
    state.lang = "zh"
    state.lang = "zh"
    state.playing = True
    state.picked = ("robot", 3)
    assert seen == [("lang", "zh"), ("playing", True), ("picked", ("robot", 3))]


def test_the_clock_the_bar_and_the_dock_show_the_state(qtbot, window):
    bar, dock = window.playback_bar, window.tour.dock
    window.state.speed = 8.0  # e.g. a kiosk's speed: no widget asked for it
    assert window.playback.speed == 8.0
    assert bar.speed_box.currentText() == "8×" and dock.speed_box.currentText() == "8×"
    window.state.playing = True
    assert window.playback.playing and window.frame_loop.active
    assert bar.play_action.isChecked() and bar.play_action.text() == "Pause"
    assert dock.play_button.isChecked()
    window.state.playing = False
    assert not window.playback.playing and bar.play_action.text() == "Play"
    bar.faster_action.trigger()  # the user's request reaches the state
    assert window.state.speed == 16.0 and window.playback.speed == 16.0


def test_the_time_written_moves_everything_shown(qtbot, window):
    start = window.tour.start
    window.state.time = start + 300.0
    assert window.sim_time == start + 300.0
    assert window.state.tour_time == window.tour.time == 300.0
    assert format_clock(start + 300.0) in window.figures.text("time")
    assert window.tour.dock.slider.value() > 0


def test_modes_attach_and_detach(qtbot, window):
    assert window.state.mode == "plain"
    window.actions["explain"].trigger()  # View > Explain the plant
    assert window.state.mode == "explain"
    qtbot.mouseClick(window.learning.close_button, Qt.MouseButton.LeftButton)
    assert window.state.mode == "plain"
    window.actions["rehearsal"].trigger()  # Ctrl+R
    assert window.state.mode == "rehearsal" and window.tour.rehearsal.active
    window.actions["explain"].trigger()  # opened while rehearsing: the rehearsal stays
    assert window.state.mode == "rehearsal" and window.learning.isVisible()
    window.actions["rehearsal"].trigger()
    assert window.state.mode == "plain" and not window.tour.rehearsal.active


def test_a_picture_is_drawn_from_the_state(qtbot, window, tmp_path):
    from viewer.scene.picture import render_image

    window.scene.show_view("body")
    assert window.files.save_picture(tmp_path / "a.png", (160, 90))
    assert window.state.pose == window.scene.camera_pose()
    image = render_image(window.state, (160, 90))
    assert image.shape == (90, 160, 3) and image.std() > 5
