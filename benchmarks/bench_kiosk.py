"""Kiosk soak benchmark: the exhibition-hall loop for N whole tours, watching errors and memory.

Usage: ``python benchmarks/bench_kiosk.py --loops N --speed S [--fps F] [--size WxH] [--json]``.
Needs a display (run it under ``xvfb-run`` on a headless machine). It runs the real kiosk (the
window, its one frame timer, the camera program, the captions, the state file) with the
window's clock driven by the frames: each frame shown advances the loop by ``S / F`` seconds,
so the run takes as long as drawing the frames does, whatever the speed. ``--fps`` sets how
finely the tour is sampled (30: every frame a real 30 fps screen would show).

Reports frames rendered, frame errors (frames that raised and were logged), and the resident
memory (RSS) at the start, after the first loop and at the end. Target: 50 loops at 16x with
no errors, and RSS at the end within 5% of RSS after the first loop.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def rss_mb() -> float:
    """Resident memory of this process now (MB); the peak where /proc is missing."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loops", type=int, default=3)
    parser.add_argument("--speed", type=float, default=16.0)
    parser.add_argument("--fps", type=float, default=30.0)
    parser.add_argument("--size", default="640x360")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.lower().split("x"))
    os.environ.setdefault("FACTORY_TOUR_DATA", tempfile.mkdtemp(prefix="bench-kiosk-"))
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from viewer.model.plant.layout import load_plant
    from viewer.ui.fonts import install_app_font
    from viewer.ui.kiosk.kiosk_mode import KioskMode
    from viewer.ui.window import clock as window_clock
    from viewer.ui.window import frame_loop, main_window

    clock = SimpleNamespace(now=time.monotonic())
    fake_time = SimpleNamespace(monotonic=lambda: clock.now, perf_counter=time.perf_counter)
    frame_loop.time = fake_time  # the window's clock advances with the frames drawn
    window_clock.time = fake_time
    main_window.time = fake_time

    app = QApplication.instance() or QApplication([])
    install_app_font(app)
    window = main_window.MainWindow(load_plant(), lang="zh", play=False)
    kiosk = KioskMode(window, lang_mode="both", speed=args.speed, idle_s=3600)
    window.frame_loop.timer.setInterval(0)
    kiosk.start()
    window.resize(width, height)
    window.show()
    step = 1.0 / args.fps  # wall seconds per frame, as the clock sees them
    result = {
        "loops": args.loops,
        "speed": args.speed,
        "fps": args.fps,
        "size": f"{width}x{height}",
        "frames": 0,
        "errors": 0,
        "rss_start_mb": 0.0,
        "rss_first_loop_mb": None,
        "rss_end_mb": 0.0,
    }
    started = time.perf_counter()

    def frame_shown() -> None:
        result["frames"] += 1
        if result["frames"] == 1:
            result["rss_start_mb"] = rss_mb()
        clock.now += step
        if kiosk.loops >= 1 and result["rss_first_loop_mb"] is None:
            result["rss_first_loop_mb"] = rss_mb()
        if kiosk.loops >= args.loops and not kiosk.exiting:
            QTimer.singleShot(0, finish)

    def finish() -> None:
        result["errors"] = kiosk.frame_errors
        result["rss_end_mb"] = rss_mb()
        kiosk.exit()  # the kiosk refuses any other close; closing its window ends app.exec()

    window.plotter.frameSwapped.connect(frame_shown)
    app.exec()
    result["seconds"] = round(time.perf_counter() - started, 1)
    result["ms_per_frame"] = round(1000 * result["seconds"] / max(result["frames"], 1), 1)
    first = result["rss_first_loop_mb"] or result["rss_end_mb"]
    result["rss_growth_after_first_loop_pct"] = round(100 * (result["rss_end_mb"] / first - 1), 2)
    result["machine"] = f"{platform.machine()}, {os.cpu_count()} CPUs, {window.renderer_name}"
    for key in ("rss_start_mb", "rss_first_loop_mb", "rss_end_mb"):
        result[key] = round(result[key], 1)
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:32} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
