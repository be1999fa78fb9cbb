"""The tour in the window, driven as a guide would: play, pause, stops, scrubbing, cameras."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt

from viewer.model.tour.route import default_route_path


def test_play_and_pause_from_the_tour_dock(qtbot, window):
    dock = window.tour.dock
    start = window.tour.time
    qtbot.mouseClick(dock.play_button, Qt.MouseButton.LeftButton)
    assert window.playback.playing and window.playback_bar.play_action.isChecked()
    qtbot.waitUntil(lambda: window.tour.time > start + 0.3, timeout=15000)
    qtbot.mouseClick(dock.play_button, Qt.MouseButton.LeftButton)
    stopped = window.tour.time
    qtbot.wait(300)
    assert not window.playback.playing and window.tour.time == stopped


def test_jump_to_the_third_stop_shows_it_and_its_narration(qtbot, window):
    dock = window.tour.dock
    motion = window.tour.motion
    item = dock.stop_list.item(3)  # die casting, after lobby, showroom, boarding
    rect = dock.stop_list.visualItemRect(item)
    qtbot.mouseClick(dock.stop_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    stop = motion.route.stops[3]
    state = window.tour.shuttle
    assert state.stop == 3 and state.time == pytest.approx(motion.stop_times[3])
    np.testing.assert_allclose(state.position, stop.at, atol=3.0)
    shuttle = window.tour.scene.shuttle.positions[0, :2]
    np.testing.assert_allclose(shuttle, state.position)
    assert dock.stop_title.text() == "Die casting" and "9,100-tonne" in dock.narration.text()
    assert dock.stop_list.currentRow() == 3
    window.set_language("zh")
    assert dock.stop_title.text() == "压铸车间" and "9100 吨" in dock.narration.text()
    qtbot.mouseClick(dock.next_button, Qt.MouseButton.LeftButton)
    assert window.tour.shuttle.stop == 4


def test_scrubbing_backwards_moves_the_shuttle_back(qtbot, window):
    slider = window.tour.dock.slider
    slider.setValue(1500)
    late = window.tour.shuttle
    assert late.time == pytest.approx(1500)
    slider.setValue(700)  # the guide drags the slider back
    early = window.tour.shuttle
    assert early.time == pytest.approx(700) and early.arc < late.arc
    assert window.tour.dock.clock_label.text().startswith("Tour 11:40 of")
    assert window.sim_time == pytest.approx(window.tour.start + 700)


def test_camera_modes_follow_the_shuttle_and_blend(qtbot, window):
    dock = window.tour.dock
    window.tour.seek(1100.0)
    box = dock.camera_box
    box.setCurrentIndex(box.findData("seat"))
    assert window.tour.camera == "seat" and window.tour.blending
    assert window.statusBar().currentMessage() == "View: Seat view"
    qtbot.waitUntil(lambda: not window.tour.blending, timeout=15000)
    eye = np.array(window.scene.camera_pose().position)
    shuttle = window.tour.shuttle.position
    assert np.linalg.norm(eye[:2] - shuttle) < 2.0 and 1.0 < eye[2] < 2.5
    box.setCurrentIndex(box.findData("chase"))
    qtbot.waitUntil(lambda: not window.tour.blending, timeout=15000)
    eye = np.array(window.scene.camera_pose().position)
    assert 10.0 < np.linalg.norm(eye[:2] - shuttle) < 20.0
    qtbot.keyClick(window.plotter, Qt.Key.Key_2)  # a preset view leaves the tour camera
    assert window.tour.camera == "free" and box.currentData() == "free"


def test_clicking_the_plan_jumps_along_the_route(qtbot, window):
    minimap = window.tour.minimap
    motion = window.tour.motion
    arcs = np.arange(0.0, motion.length, 5.0)
    points = motion.point_at(arcs)[0]
    # a place the route passes once (where it passes twice, either pass is a right answer)
    gap = np.linalg.norm(points[:, None] - points[None], axis=2)
    gap[np.abs(arcs[:, None] - arcs[None]) < 100.0] = np.inf
    alone = arcs[(gap.min(axis=1) > 20.0) & (arcs > 1500.0)]
    assert alone.size
    arc = float(alone[0])
    x, y = minimap.to_widget(motion.point_at(np.array([arc]))[0])[0]
    qtbot.mouseClick(minimap, Qt.MouseButton.LeftButton, pos=QPoint(round(x), round(y)))
    assert abs(window.tour.shuttle.arc - arc) < 30.0


def test_a_broken_or_failing_route_shows_why_and_keeps_the_route(window, tmp_path):
    before = window.state.route
    text = default_route_path().read_text(encoding="utf-8")
    broken = tmp_path / "broken.toml"
    broken.write_text(text.replace("dwell_s = 60\n", "dwell_s = -1\n", 1), "utf-8")
    assert window.tour.open_route(broken) is False
    dialog = window.tour.error_dialog
    assert dialog is not None and dialog.isVisible() and "dwell_s" in dialog.text()
    dialog.accept()
    failing = tmp_path / "failing.toml"
    failing.write_text(
        text.replace("[430, 437], [540, 437],", "[430, 437], [500, 437], [500, 460], [540, 460],")
    )
    assert window.tour.open_route(failing) is False
    assert "robot-clearance" in window.tour.error_dialog.text()
    window.tour.error_dialog.accept()
    assert window.state.route is before
    good = tmp_path / "good.toml"
    good.write_text(text.replace("The public tour", "Rehearsal"), "utf-8")
    assert window.tour.open_route(good) is True
    assert window.tour.dock.route_label.text() == "Rehearsal"


def test_export_script_writes_the_pdf_with_progress(qtbot, window, tmp_path):
    from pypdf import PdfReader

    window.set_language("zh")
    out = tmp_path / "script.pdf"
    assert window.files.export_script(out) is True
    assert window.files.progress_dialog.value() in (-1, len(window.tour.motion.route.stops) + 1)
    text = PdfReader(out).pages[4].extract_text()
    assert "压铸车间" in text
    assert window.files.export_script(tmp_path / "no" / "such" / "x.pdf") is False
    assert window.error_dialog is not None and window.error_dialog.isVisible()
    window.error_dialog.accept()
