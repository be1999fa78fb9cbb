"""The end of the tour: the clock stops, both Play buttons offer to play the tour again, the
tour dock says it is over, and Play starts the tour from the beginning."""

from __future__ import annotations

from PySide6.QtCore import Qt


def _play_to_the_end(qtbot, window) -> None:
    """Seek two seconds before the end, play at 4x and let the frames tick to the end."""
    window.tour.seek(window.tour.motion.total_time - 2.0)
    window.set_speed(4.0)
    assert window.playback_bar.speed == 4.0  # the bar shows the state's speed
    window.playback_bar.play_action.trigger()  # the toolbar's Play
    assert window.playback.playing
    qtbot.waitUntil(lambda: not window.playback.playing, timeout=8000)


def test_the_tour_stops_at_its_end_and_says_so(qtbot, window):
    bar, dock = window.playback_bar, window.tour.dock
    _play_to_the_end(qtbot, window)
    assert window.tour.time == window.tour.motion.total_time
    assert bar.play_action.text() == "Play again" and not bar.play_action.isChecked()
    assert dock.play_button.text() == "Play again" and not dock.play_button.isChecked()
    assert dock.stop_title.text() == "End of the tour"
    assert not window.frame_loop.active  # nothing moves: no frames
    window.actions.languages["zh"].trigger()
    assert dock.stop_title.text() == "参观结束"
    assert bar.play_action.text() == dock.play_button.text() == "重新播放"


def test_play_at_the_end_plays_the_tour_from_its_start(qtbot, window):
    dock = window.tour.dock
    _play_to_the_end(qtbot, window)
    qtbot.mouseClick(dock.play_button, Qt.MouseButton.LeftButton)  # the dock's Play again
    assert window.playback.playing
    qtbot.waitUntil(lambda: 0.0 < window.tour.time < 10.0, timeout=5000)
    assert dock.play_button.text() == window.playback_bar.play_action.text() == "Pause"
    assert dock.stop_title.text() != "End of the tour"
    window.pause()
    assert window.playback_bar.play_action.text() == "Play"  # not at the end: plain Play
    _play_to_the_end(qtbot, window)
    qtbot.keyClick(window.plotter, Qt.Key.Key_Space)  # Space, as the toolbar's Play
    assert window.playback.playing and window.tour.time < 10.0


def test_seeking_back_from_the_end_offers_plain_play(qtbot, window):
    _play_to_the_end(qtbot, window)
    window.tour.previous_stop()  # the dock's Previous
    assert window.tour.time < window.tour.motion.total_time
    assert window.playback_bar.play_action.text() == "Play"
    assert window.tour.dock.play_button.text() == "Play"
    assert window.tour.dock.stop_title.text() != "End of the tour"
