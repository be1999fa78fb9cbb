"""View > Show frame rate, the About box's frame rate, and a software renderer starting on Low
whatever heavier preset was remembered."""

from __future__ import annotations

import doctest
import re

import viewer.ui.window.frame_loop
import viewer.ui.window.render_quality
from viewer.model.quality import PRESETS
from viewer.ui.settings import remember, remembered_quality
from viewer.ui.window.main_window import MainWindow

READOUT = re.compile(r"^\d+\.\d frames/s, \d+ ms a frame$")


def test_the_examples_in_the_docstrings_hold():
    for module in (viewer.ui.window.frame_loop, viewer.ui.window.render_quality):
        result = doctest.testmod(module)
        assert result.attempted > 0 and result.failed == 0, module.__name__


def test_show_frame_rate_is_off_by_default_and_reads_the_frames_drawn(qtbot, window, monkeypatch):
    action = window.quality.rate_action
    label = window.figures.rate_label
    assert action in window.actions.menus["view"].actions() and action.text() == "Show &frame rate"
    assert action.isCheckable() and not action.isChecked() and not label.isVisible()
    action.trigger()  # View > Show frame rate
    assert label.isVisible()
    window.play()
    qtbot.waitUntil(lambda: READOUT.match(label.text()) is not None, timeout=8000)
    fps = float(label.text().split()[0])
    assert 0.5 < fps < 120.0
    window.pause()
    later = window.quality.meter.last_shown + 10.0  # ten seconds without a frame
    monkeypatch.setattr("viewer.ui.window.render_quality.time.monotonic", lambda: later)
    qtbot.waitUntil(lambda: label.text() == "Frame rate: idle", timeout=3000)
    window.actions.languages["zh"].trigger()
    qtbot.waitUntil(lambda: label.text() == "帧率：静止", timeout=3000)
    action.trigger()  # off again
    assert not label.isVisible()


def test_the_about_box_shows_the_frame_rate(qtbot, window):
    window.play()
    qtbot.waitUntil(lambda: window.quality.meter.rate() is not None, timeout=8000)
    window.pause()
    window.actions["about"].trigger()  # Help > About
    text = window.help.about_box.text()
    assert re.search(r"Frame rate: \d+\.\d frames/s, \d+ ms a frame", text), text


def test_show_frame_rate_is_remembered(qtbot, plant):
    first = MainWindow(plant, play=False)
    qtbot.addWidget(first)
    assert not first.quality.rate_action.isChecked()
    first.quality.rate_action.trigger()
    first.close()
    second = MainWindow(plant, play=False)
    qtbot.addWidget(second)
    assert second.quality.rate_action.isChecked()
    second.close()


def _shown(qtbot, window) -> MainWindow:
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.first_frame, timeout=15000):
        window.show()
    return window


def test_a_software_renderer_starts_on_low_not_the_remembered_high(qtbot, plant):
    remember("quality", "high")
    window = _shown(qtbot, MainWindow(plant, lang="en", play=False))
    quality = window.quality
    assert "llvmpipe" in window.renderer_name.lower() or "softpipe" in window.renderer_name
    assert quality.choice == "low" and quality.preset == "low"
    assert quality.actions["low"].isChecked() and not quality.actions["high"].isChecked()
    assert window.scene.detail.pixels == PRESETS["low"].detail_pixels
    assert not window.scene.showroom.reflections
    message = window.statusBar().currentMessage()
    assert "Software renderer" in message and "started on Low, not the remembered High" in message
    assert remembered_quality() == "high"  # kept for a machine with a GPU
    window.close()


def test_a_preset_asked_for_on_the_command_line_is_used_on_a_software_renderer(qtbot, plant):
    remember("quality", "low")
    window = _shown(qtbot, MainWindow(plant, lang="en", play=False, quality="medium"))
    assert window.quality.choice == "medium" and window.quality.preset == "medium"
    assert "Software renderer" not in window.statusBar().currentMessage()
    window.close()


def test_the_readout_leaves_out_the_frame_time_when_no_frame_was_timed(window):
    quality = window.quality
    start = (quality.meter.last_shown or 0.0) + 100.0
    for k in range(5):  # repaints Qt asked for (an expose, a resize): counted, not timed
        quality.meter.add(start + k * 0.25)
    assert quality.rate_text("en", start + 1.0) == "4.0 frames/s"
    assert quality.rate_text("zh", start + 1.0) == "4.0 帧/秒"
    quality.meter.add(start + 1.25, frame_ms=180.0)
    assert quality.rate_text("en", start + 1.25) == "4.0 frames/s, 180 ms a frame"
