"""The main window, driven as a user would: keys, menus, mouse, a broken file."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPoint, Qt, QTimer

from viewer.ui.window.main_window import MainWindow


def _wait_still(qtbot, window):
    qtbot.waitUntil(lambda: not window.animator.running, timeout=10000)


def _distance(a, b) -> float:
    return float(np.linalg.norm(np.subtract(a, b)))


def test_number_keys_fly_to_views(qtbot, window, plant):
    start = window.scene.camera_pose()
    seen = []
    original = window.scene.apply_pose
    window.scene.apply_pose = lambda pose: (seen.append(pose), original(pose))[-1]
    window.animator.duration = 4.0  # long enough for several frames on a software renderer
    qtbot.keyClick(window.plotter, Qt.Key.Key_3)
    _wait_still(qtbot, window)
    body = window.scene.view_pose("body")
    end = window.scene.camera_pose()
    assert window.current_view == "body"
    assert _distance(end.focal_point, body.focal_point) < 1e-6
    assert _distance(end.position, start.position) > 100
    # smooth: several intermediate frames, none of them a jump
    assert len(seen) >= 5
    steps = [_distance(a.position, b.position) for a, b in zip(seen, seen[1:], strict=False)]
    assert max(steps) < 0.6 * _distance(start.position, end.position)
    assert "Body shop" in window.statusBar().currentMessage()

    qtbot.keyClick(window.plotter, Qt.Key.Key_0)
    _wait_still(qtbot, window)
    overview = window.scene.view_pose("overview")
    assert _distance(window.scene.camera_pose().position, overview.position) < 1e-6


def test_view_menu_lists_every_preset(window, plant):
    actions = window.actions.views
    assert set(actions) == {view.name for view in plant.views}
    assert actions["stamping"].shortcut().toString() == "2"
    actions["paint"].trigger()
    assert window.current_view == "paint"


def test_language_switch_relabels_live(qtbot, window):
    assert window.scene.labels.texts()["stamping"] == "Stamping"
    window.actions.languages["zh"].trigger()
    assert window.state.lang == "zh"
    labels = window.scene.labels.texts()
    assert labels["stamping"] == "冲压车间" and labels["north-gate-1"] == "北1门"
    assert window.actions.menus["view"].title() == "视图(&V)"
    assert window.actions.views["body"].text() == "车身车间"
    window.actions.languages["en"].trigger()
    assert window.scene.labels.texts()["body"] == "Body shop (welding)"


def test_mouse_drag_orbits_the_camera(qtbot, window):
    before = window.scene.camera_pose()
    widget = window.plotter
    center = widget.rect().center()
    qtbot.mousePress(widget, Qt.MouseButton.LeftButton, pos=center)
    for step in range(1, 11):
        qtbot.mouseMove(widget, center + QPoint(15 * step, 4 * step))
        qtbot.wait(10)
    qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=center + QPoint(150, 40))
    after = window.scene.camera_pose()
    assert _distance(before.position, after.position) > 1.0


def test_broken_plant_file_shows_a_dialog_and_keeps_the_plant(window, tmp_path, plant, plant_text):
    broken = tmp_path / "broken.toml"
    broken.write_text(plant_text.replace("height_m = 26", "height_m = -26"), "utf-8")
    line = plant_text[: plant_text.index("height_m = 26")].count("\n") + 1
    assert window.open_plant(broken) is False
    dialog = window.error_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.text() == f"{broken}:{line}: buildings[1].height_m: must be positive, got -26"
    assert window.plant is plant
    dialog.accept()
    window.go_to_view("stamping")  # still running, still responsive
    assert window.current_view == "stamping"


def test_opening_a_good_plant_file_replaces_the_scene(window, plant_text, tmp_path):
    edited = tmp_path / "smaller.toml"
    edited.write_text(plant_text.replace('name = "stamping"', 'name = "presses"'), "utf-8")
    assert window.open_plant(edited) is True
    assert "presses" in window.actions.views and "stamping" not in window.actions.views
    assert window.plant.source == edited


def test_opening_a_plant_mid_flight_stops_the_old_flight(qtbot, window, plant_text, tmp_path):
    window.animator.duration = 5.0
    window.go_to_view("paint")
    assert window.animator.running
    edited = tmp_path / "same.toml"
    edited.write_text(plant_text, "utf-8")
    assert window.open_plant(edited) is True
    assert not window.animator.running
    qtbot.wait(200)
    overview = window.scene.view_pose("overview")
    assert _distance(window.scene.camera_pose().position, overview.position) < 1e-6


def test_play_runs_the_clock_and_pause_stops_it(qtbot, window):
    start = window.sim_time
    assert not window.frame_loop.active  # paused and still: no frames at all
    play = window.playback_bar.play_action
    assert play.text() == "Play"
    button = window.playback_bar.widgetForAction(play)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.state.playing
    assert play.text() == "Pause" and window.frame_loop.active
    qtbot.waitUntil(lambda: window.sim_time > start + 0.5, timeout=10000)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert not window.state.playing and play.text() == "Play"
    stopped = window.sim_time
    assert stopped > start
    qtbot.wait(300)
    assert window.sim_time == stopped  # the clock stands still
    assert not window.frame_loop.active


def test_space_key_toggles_play_and_speed_list_sets_the_pace(qtbot, window):
    speeds = window.playback_bar.speed_box
    assert [speeds.itemText(i) for i in range(speeds.count())][0::6] == ["0.25×", "16×"]
    qtbot.keyClick(speeds, Qt.Key.Key_End)  # the list's last speed, as a user picks it
    assert speeds.currentText() == "16×" and window.playback.speed == 16.0
    start = window.sim_time
    qtbot.keyClick(window.plotter, Qt.Key.Key_Space)
    assert window.playback.playing
    qtbot.wait(500)
    qtbot.keyClick(window.plotter, Qt.Key.Key_Space)
    assert not window.playback.playing
    assert window.sim_time - start > 4.0  # at 16x, half a second is several plant seconds
    qtbot.keyClick(window.plotter, Qt.Key.Key_BracketLeft)
    assert window.playback.speed == 8.0 and speeds.currentText() == "8×"


def test_status_bar_shows_live_figures(qtbot, window):
    figures = window.figures
    assert figures.text("takt") == "Takt: 76 s"
    assert figures.text("cars").startswith("Cars completed: 0")
    window.seek(window.clock.run.simulation.fill_time + 3 * 76 + 1)
    assert figures.text("cars") == "Cars completed: 3"
    assert figures.text("time").startswith("Time 7:")
    moving, robots = window.plant_state.robots_in_motion, len(window.clock.run.parts.robots)
    assert figures.text("robots") == f"Robots moving: {moving} of {robots}"
    window.seek(1000.0)
    assert figures.text("takt").startswith("Line filling:")
    window.set_language("zh")
    assert figures.text("takt").startswith("产线填充")


def test_one_timer_drives_the_animation(qtbot, window):
    window.play()
    window.go_to_view("paint")  # a camera flight at the same time
    qtbot.wait(200)
    active = [timer for timer in window.findChildren(QTimer) if timer.isActive()]
    assert active == [window.frame_loop.timer]
    frames = window.frame_loop.frames
    qtbot.wait(400)
    assert window.frame_loop.frames > frames
    window.pause()


def test_each_painted_frame_is_rendered_once(qtbot, window):
    renders, paints = [], []
    window.plotter.renderer.AddObserver("StartEvent", lambda *_: renders.append(1))
    window.plotter.frameSwapped.connect(lambda: paints.append(1))
    window.play()
    qtbot.waitUntil(lambda: len(paints) >= 5, timeout=20000)
    window.pause()
    qtbot.wait(100)
    assert len(paints) >= 5
    assert len(renders) <= len(paints) + 1


def test_window_plays_on_opening_by_default(qtbot, plant):
    window = MainWindow(plant, lang="en")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.playback.playing, timeout=10000)
    start = window.sim_time
    qtbot.waitUntil(lambda: window.sim_time > start, timeout=10000)
    window.close()


def test_the_language_is_remembered_across_a_restart(qtbot, plant, tmp_path, monkeypatch):
    from viewer.ui.window.main_window import MainWindow

    monkeypatch.setenv("FACTORY_TOUR_DATA", str(tmp_path))
    first = MainWindow(plant, play=False)
    qtbot.addWidget(first)
    assert first.lang == "en"  # nothing remembered yet
    first.actions.languages["zh"].trigger()  # View > Language > 中文
    first.close()
    second = MainWindow(plant, play=False)
    qtbot.addWidget(second)
    assert second.lang == "zh" and second.actions.menus["view"].title() == "视图(&V)"
    assert second.scene.labels.texts()["die-casting"] == "压铸车间"
    second.close()


def test_the_first_frame_is_the_overview(qtbot, plant):
    """The window opens on the overview preset (it once framed the whole land ring, a green
    plane with the plant a speck in the middle), whatever the window's shape."""
    from viewer.ui.window.main_window import MainWindow

    window = MainWindow(plant, lang="en", play=False)
    qtbot.addWidget(window)
    window.resize(900, 700)
    with qtbot.waitSignal(window.first_frame, timeout=20000):
        window.show()
    try:
        expected = window.scene.view_pose("overview")
        # within 1 % (the layout may settle by a few pixels after the first frame)
        np.testing.assert_allclose(window.plotter.camera.position, expected.position, rtol=0.01)
        np.testing.assert_allclose(
            window.plotter.camera.focal_point, expected.focal_point, rtol=0.01, atol=1.0
        )
        image = window.plotter.grabFramebuffer()
        width, height = image.width(), image.height()
        middle = [
            image.pixelColor(x, y).getRgb()[:3]
            for x in range(width // 3, 2 * width // 3, 8)
            for y in range(height // 3, 2 * height // 3, 8)
        ]
        colours, counts = np.unique(np.array(middle) // 16, axis=0, return_counts=True)
        assert counts.max() < 0.5 * len(middle)  # buildings, not one flat ground colour
        assert len(colours) > 10
    finally:
        window.close()
