"""The kiosk fills the whole screen with or without a window manager, on the monitor chosen
with --screen (issue 17, item 11). Signage PCs often run X with this one program and no window
manager, where a plain request for full screen is honoured by nobody."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# Runs the real command line (factory-tour --kiosk ...) and, once the kiosk is on screen,
# prints the screens' and the window's geometry as JSON, then leaves through the exit chord.
PROBE = """
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from viewer.ui.kiosk import kiosk_mode as kiosk_module
from viewer.app.cli import main

show = kiosk_module.KioskMode.show

def rect(r):
    return [r.x(), r.y(), r.width(), r.height()]

def show_then_report(self):
    show(self)
    def report():
        app = QApplication.instance()
        view = self.parent().plotter
        print(json.dumps({
            "screens": [rect(s.geometry()) for s in app.screens()],
            "window": rect(self.parent().geometry()),
            "frame": rect(self.parent().frameGeometry()),
            "view": [view.width(), view.height()],
            "on": app.screens().index(self.parent().screen()),
            "full": self.parent().isFullScreen(),
        }), flush=True)
        self.exit()
    QTimer.singleShot(2500, report)

kiosk_module.KioskMode.show = show_then_report
sys.exit(main(["--kiosk", "--lang", "en", *sys.argv[1:]]))
"""


def run_probe(env: dict, tmp_path: Path, *args: str) -> dict:
    env = {**os.environ, **env, "FACTORY_TOUR_DATA": str(tmp_path / "data")}
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=240,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(next(line for line in result.stdout.splitlines() if line.startswith("{")))


@pytest.fixture
def bare_x_server():
    """An X server with a 1600x900 screen and no window manager (larger than the window's
    1280x800, so that a window left at its normal size shows)."""
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", "1", "-screen", "0", "1600x900x24", "-nolisten", "tcp"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        number = server.stdout.readline().strip()
        assert number.isdigit(), "Xvfb did not start"
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_the_kiosk_covers_the_whole_screen_without_a_window_manager(bare_x_server, tmp_path):
    seen = run_probe({"DISPLAY": bare_x_server, "QT_QPA_PLATFORM": "xcb"}, tmp_path)
    assert seen["screens"] == [[0, 0, 1600, 900]]
    assert seen["window"] == [0, 0, 1600, 900]
    assert seen["frame"] == [0, 0, 1600, 900]  # frameless
    assert seen["view"] == [1600, 900]  # the 3D view fills it all
    assert seen["full"]


def test_screen_n_picks_the_monitor(tmp_path):
    config = tmp_path / "screens.json"
    screens = [
        {"name": "left", "x": 0, "y": 0, "width": 1280, "height": 720},
        {"name": "right", "x": 1280, "y": 0, "width": 1600, "height": 900},
    ]
    for screen in screens:
        screen.update(logicalDpi=96, logicalBaseDpi=96, dpr=1)
    config.write_text(json.dumps({"screens": screens}))
    platform = {"QT_QPA_PLATFORM": f"offscreen:configfile={config}"}  # two monitors side by side
    seen = run_probe(platform, tmp_path, "--screen", "1")
    assert seen["screens"] == [[0, 0, 1280, 720], [1280, 0, 1600, 900]]
    assert seen["on"] == 1 and seen["window"] == [1280, 0, 1600, 900]
    first = run_probe(platform, tmp_path, "--screen", "0")
    assert first["on"] == 0 and first["window"] == [0, 0, 1280, 720]
    log = (tmp_path / "data" / "kiosk.log").read_text(encoding="utf-8")
    assert "kiosk: on screen 1 of 2 (right, 1600x900 at (1280, 0))" in log


def test_an_unknown_screen_is_one_error_line_and_status_2(qapp, tmp_path, capsys, monkeypatch):
    from viewer.app.cli import main

    monkeypatch.setenv("FACTORY_TOUR_DATA", str(tmp_path / "data"))
    assert main(["--kiosk", "--screen", "7"]) == 2
    err = capsys.readouterr().err.splitlines()
    errors = [line for line in err if line.startswith("error:")]
    assert len(errors) == 1
    assert errors[0].startswith("error: --screen: no screen 7; this display has 1 (0: ")
    assert main(["--kiosk", "--screen", "-1"]) == 2
    assert main(["--screen", "1"]) == 2
    assert "error: --screen: only with --kiosk" in capsys.readouterr().err


def test_a_supervised_kiosk_with_an_unknown_screen_still_runs(qapp, tmp_path, monkeypatch):
    from PySide6.QtCore import QTimer

    from viewer.app.cli import main
    from viewer.ui.kiosk import kiosk_mode as kiosk_module

    monkeypatch.setenv("FACTORY_TOUR_DATA", str(tmp_path / "data"))
    show = kiosk_module.KioskMode.show
    shown = []

    def show_then_exit(self) -> None:
        show(self)
        shown.append(self.parent().geometry() == qapp.primaryScreen().geometry())
        QTimer.singleShot(500, self.exit)

    monkeypatch.setattr(kiosk_module.KioskMode, "show", show_then_exit)
    assert main(["--kiosk", "--screen", "7", "--resume"]) == 0  # as the supervisor runs it
    assert shown == [True]
    log = (tmp_path / "data" / "kiosk.log").read_text(encoding="utf-8")
    assert "kiosk: --screen: no screen 7; this display has 1" in log
    assert "using the primary screen" in log
