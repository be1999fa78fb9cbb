"""The exhibition-hall kiosk, driven as visitors and staff would: touch, idle, keys, problems."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDockWidget

from viewer.model.kiosk.kiosk_program import ALTERNATE_S, caption_lang, kiosk_camera
from viewer.model.tour.route import default_route_path

DIE_CASTING = 3


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The kiosk's log and state go to a temporary folder."""
    folder = tmp_path / "data"
    monkeypatch.setenv("FACTORY_TOUR_DATA", str(folder))
    return folder


@pytest.fixture
def kiosk(qtbot, plant, data_dir):
    """A kiosk on the bundled plant and route, shown full screen, looping at 1x."""
    from viewer.ui.kiosk import kiosk_mode as kiosk_module
    from viewer.ui.window.main_window import MainWindow

    window = MainWindow(plant, lang="zh", play=False)
    qtbot.addWidget(window)
    mode = kiosk_module.KioskMode(window.tour, window.links, lang_mode="both", idle_s=0.5)
    mode.start()
    mode.show()
    qtbot.waitExposed(window)
    qtbot.waitSignal(window.first_frame, timeout=10000, raising=False)
    yield mode
    if not mode.exiting:
        mode.exit()


def log_text(data_dir: Path) -> str:
    return (data_dir / "kiosk.log").read_text(encoding="utf-8")


def test_kiosk_is_full_screen_frameless_without_menus_or_docks(kiosk):
    window = kiosk.parent()
    assert window.isFullScreen()
    assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert not window.menuBar().isVisible() and not window.statusBar().isVisible()
    assert not window.playback_bar.isVisible()
    assert not any(dock.isVisible() for dock in window.findChildren(QDockWidget))
    assert window.playback.playing
    assert window.state.mode == "kiosk" and window.tour.camera == "seat"  # at the lobby


def test_the_loop_follows_the_camera_program_and_captions(qtbot, kiosk):
    window, tour = kiosk.parent(), kiosk.tour
    arrive = tour.motion.stop_times[DIE_CASTING]
    # both languages, in turns of ALTERNATE_S of tour time: the first Chinese second of the stop
    chinese = next(t for t in arrive + np.arange(1.0, 32.0) if caption_lang("both", t) == "zh")
    window.seek(tour.start + chinese)
    assert tour.camera == "seat" and kiosk.captions.title_text() == "压铸车间"
    assert "9100 吨" in kiosk.captions.body_text()
    window.seek(tour.start + chinese + ALTERNATE_S)  # English now
    assert tour.camera == "seat" and kiosk.captions.title_text() == "Die casting"
    window.seek(tour.start + arrive + 50.0)
    assert tour.camera == "overview"
    driving = next(t for t in arrive - np.arange(20.0, 51.0) if caption_lang("both", t) == "zh")
    window.seek(tour.start + driving)
    assert tour.camera == "chase" and kiosk.captions.title_text().startswith("前往")


def test_the_tour_starts_again_after_its_end(qtbot, kiosk, data_dir):
    window, tour = kiosk.parent(), kiosk.tour
    total = tour.motion.total_time
    window.seek(tour.start + 2 * total + 10.0)
    assert tour.time == pytest.approx(10.0)
    assert kiosk.loops == 2
    assert "loop 2 done" in log_text(data_dir)
    assert tour.camera == kiosk_camera(tour.motion, 10.0)


def test_a_touch_pauses_and_idle_returns_to_the_loop_where_it_left(qtbot, kiosk):
    window, tour = kiosk.parent(), kiosk.tour
    touched = time.monotonic()
    qtbot.mousePress(window.plotter, Qt.MouseButton.LeftButton, pos=QPoint(400, 300))
    assert kiosk.interrupted and not window.playback.playing
    assert tour.camera == "free"
    assert kiosk.captions.title_text() == "点击车间了解详情"
    qtbot.mouseRelease(window.plotter, Qt.MouseButton.LeftButton, pos=QPoint(400, 300))
    paused_at = tour.time
    times = []  # the tour's time while the visitor looks (no fixed wait: a busy machine is late)
    qtbot.waitUntil(lambda: times.append(tour.time) or not kiosk.interrupted, timeout=5000)
    assert time.monotonic() - touched >= 0.45  # not before 0.5 s (Qt's coarse timer: -5 %)
    assert set(times[:-1]) <= {paused_at}  # paused until then
    assert window.playback.playing
    assert tour.time == pytest.approx(paused_at, abs=0.3)
    assert tour.camera == kiosk_camera(tour.motion, tour.time)
    assert tour.blending  # back smoothly, not with a jump


def test_tapping_a_workshop_tells_about_it(qtbot, kiosk):
    window = kiosk.parent()
    kiosk.interrupt()
    window.scene.apply_pose(window.scene.view_pose("die-casting"))
    window.plotter.render()
    renderer = window.plotter.renderer
    renderer.SetWorldPoint(105.0, 470.0, 0.0, 1.0)  # the die-casting hall's floor
    renderer.WorldToDisplay()
    x, y, _ = renderer.GetDisplayPoint()
    ratio = window.plotter.render_ratio()  # render-window pixels a widget pixel (scaled view)
    point = QPoint(round(x / ratio), round(window.plotter.height() - y / ratio))
    qtbot.mouseClick(window.plotter, Qt.MouseButton.LeftButton, pos=point)
    assert kiosk.captions.title_text() in ("压铸车间", "Die casting")
    body = kiosk.captions.body_text()
    assert "20,800" in body and ("m²" in body or "平方米" in body)  # its figures
    assert "9,100" in body or "9100" in body  # and the tour's narration of die casting


def test_escape_and_closing_do_not_leave_but_the_chord_does(qtbot, kiosk):
    window = kiosk.parent()
    qtbot.keyClick(window.plotter, Qt.Key.Key_Escape)
    assert window.isVisible() and kiosk.interrupted
    window.close()  # what Alt+F4 asks the window manager to do
    assert window.isVisible()
    qtbot.keyClick(window.plotter, Qt.Key.Key_Q)  # VTK's quit key: nothing either
    qtbot.keyClick(window.plotter, Qt.Key.Key_Space)  # nor play/pause
    assert window.isVisible() and not window.playback.playing
    chord = (
        Qt.KeyboardModifier.ControlModifier
        | Qt.KeyboardModifier.AltModifier
        | Qt.KeyboardModifier.ShiftModifier
    )
    qtbot.keyClick(window.plotter, Qt.Key.Key_Q, chord)
    assert kiosk.exiting and not window.isVisible()


def test_the_cursor_hides_when_still_and_comes_back_on_move(qtbot, kiosk):
    kiosk.cursor_timer.setInterval(100)
    kiosk.cursor_timer.start()
    qtbot.waitUntil(lambda: kiosk.cursor_hidden, timeout=3000)
    cursor = QGuiApplication.overrideCursor()
    assert cursor is not None and cursor.shape() == Qt.CursorShape.BlankCursor
    qtbot.mouseMove(kiosk.parent().plotter, QPoint(200, 200))
    qtbot.mouseMove(kiosk.parent().plotter, QPoint(220, 210))
    qtbot.waitUntil(lambda: not kiosk.cursor_hidden, timeout=3000)


def test_a_frame_that_raises_is_logged_and_the_next_frame_renders(
    qtbot, kiosk, data_dir, monkeypatch
):
    window = kiosk.parent()
    scene = window.scene
    real = scene.draw
    calls = {"n": 0}

    def fails_once(state):
        calls["n"] += 1
        if calls["n"] == 1:
            raise RuntimeError("injected frame failure")
        return real(state)

    monkeypatch.setattr(scene, "draw", fails_once)
    before = window.sim_time
    qtbot.waitUntil(lambda: calls["n"] >= 3 and window.sim_time > before, timeout=10000)
    assert kiosk.frame_errors == 1
    text = log_text(data_dir)
    assert "a frame failed" in text and "injected frame failure" in text
    assert window.isVisible() and kiosk.parent().error_dialog is None


def test_a_broken_route_is_logged_and_the_bundled_route_plays(qtbot, kiosk, data_dir, tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_text("[route]\nname = 3\n", encoding="utf-8")
    assert not kiosk.tour.open_route(broken)
    assert kiosk.tour.error_dialog is None  # no dialog in a kiosk
    assert kiosk.tour.motion.route.source == default_route_path()
    assert "broken.toml" in log_text(data_dir)


def test_kiosk_command_with_a_broken_route_falls_back(qapp, data_dir, tmp_path, monkeypatch):
    from viewer.app.cli import main
    from viewer.ui.kiosk import kiosk_mode as kiosk_module

    broken = tmp_path / "broken.toml"
    broken.write_text("[route]\nname = 3\n", encoding="utf-8")
    show = kiosk_module.KioskMode.show

    def show_then_exit(self) -> None:
        show(self)
        from PySide6.QtCore import QTimer

        QTimer.singleShot(1500, self.exit)

    monkeypatch.setattr(kiosk_module.KioskMode, "show", show_then_exit)
    assert main(["--kiosk", "--route", str(broken), "--speed", "4"]) == 0
    text = log_text(data_dir)
    assert f"the route {broken} cannot be used; playing the bundled route" in text
    assert f"kiosk started at stop 0 (lobby), route {default_route_path()}, speed 4x" in text


def test_the_supervisor_restarts_a_killed_viewer_at_the_saved_stop(data_dir, tmp_path):
    data_dir.mkdir(parents=True, exist_ok=True)
    route = tmp_path / "hall-tour.toml"
    shutil.copyfile(default_route_path(), route)
    state = data_dir / "kiosk-state.json"
    state.write_text(json.dumps({"route": str(route), "stop": 4}))
    log = data_dir / "kiosk.log"
    command = [sys.executable, "-m", "viewer", "--kiosk", "--supervise", "--speed", "0.25"]
    supervisor = subprocess.Popen(
        [*command, "--route", str(route)],
        env={**os.environ, "FACTORY_TOUR_DATA": str(data_dir)},
    )
    try:
        first = _wait_for_line(log, "kiosk started at stop 4 (stamping)")
        pid = int(first.split("[pid ")[1].split("]")[0])
        saved = json.loads(state.read_text())["stop"]
        os.kill(pid, signal.SIGKILL)
        _wait_for_line(log, "restarting in")
        again = _wait_for_line(log, "kiosk started at stop", after=first)
        assert f"[pid {pid}]" not in again
        assert f"kiosk started at stop {saved} " in again
    finally:
        supervisor.send_signal(signal.SIGTERM)
        assert supervisor.wait(timeout=30) == 0


def _wait_for_line(log: Path, text: str, after: str | None = None, timeout: float = 60.0) -> str:
    """The first log line containing ``text`` (after the line ``after``)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        lines = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
        if after is not None:
            lines = lines[lines.index(after) + 1 :] if after in lines else []
        for line in lines:
            if text in line:
                return line
        time.sleep(0.2)
    raise AssertionError(f"no {text!r} in {log} after {timeout} s")
