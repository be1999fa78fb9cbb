"""Quality-preset benchmark: frames per second of the real window, per preset and view.

Usage: ``xvfb-run -a -s "-screen 0 1600x900x24" python benchmarks/bench_quality.py
[--seconds S] [--size WxH] [--presets low,medium,high] [--views overview,body] [--json]``.

Opens the application's window with its 3D view at exactly ``--size`` (docks hidden), plays
the plant at 1x and counts the frames that reach the screen in ``--seconds`` for each preset
and view: everything a frame costs is in (the model, the scene update, the render, Qt's copy
to the window). Reports frames per second and the median and 90th-percentile frame time
(request to frame shown), with the machine and the OpenGL renderer.

Target (issue 8): on a 2-core CPU-only machine the low preset renders the full plant at
1280x720 at 15 frames per second or more.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("FACTORY_TOUR_DATA", str(Path.home() / ".cache" / "factory-tour-bench"))


def measure(presets: list[str], views: list[str], seconds: float, size: tuple[int, int]) -> dict:
    """Frames per second and frame times of each preset and view."""
    from PySide6.QtWidgets import QApplication, QDockWidget

    from viewer.model.layout import load_plant
    from viewer.ui.fonts import install_app_font
    from viewer.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    install_app_font(app)
    window = MainWindow(load_plant(), lang="en", play=False, quality="low")
    for dock in window.findChildren(QDockWidget):
        dock.hide()
    window.plotter.setFixedSize(*size)
    window.show()
    shown: list[float] = []
    window.plotter.frameSwapped.connect(lambda: shown.append(time.perf_counter()))
    wait(app, lambda: window.renderer_name != "", 30.0)
    results: dict = {
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs",
        "renderer": window.renderer_name,
        "size": f"{size[0]}x{size[1]}",
        "device_pixels": list(window.plotter.device_size()),
        "runs": [],
    }
    for preset in presets:
        window.quality.set_choice(preset)
        for view in views:
            window.animator.stop()
            window.scene.show_view(view)
            window.play()
            wait(app, lambda: False, 1.5)  # settle: shaders compiled, level of detail chosen
            shown.clear()
            start = time.perf_counter()
            wait(app, lambda: False, seconds)
            elapsed = time.perf_counter() - start
            frames = len(shown)
            gaps = [(b - a) * 1000 for a, b in zip(shown, shown[1:], strict=False)]
            window.pause()
            results["runs"].append(
                {
                    "preset": preset,
                    "view": view,
                    "frames": frames,
                    "fps": round(frames / elapsed, 2),
                    "median_frame_ms": round(statistics.median(gaps), 1) if gaps else None,
                    "p90_frame_ms": round(sorted(gaps)[int(0.9 * len(gaps))], 1) if gaps else None,
                }
            )
    window.close()
    return results


def wait(app: object, done: object, seconds: float) -> None:
    """Run the event loop until ``done()`` or ``seconds`` pass."""
    end = time.perf_counter() + seconds
    while time.perf_counter() < end and not done():  # type: ignore[operator]
        app.processEvents()  # type: ignore[attr-defined]
        time.sleep(0.001)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="seconds per preset and view")
    parser.add_argument("--size", default="1280x720", help="3D view size, WIDTHxHEIGHT")
    parser.add_argument("--presets", default="low,medium,high", help="comma-separated presets")
    parser.add_argument("--views", default="overview,body", help="comma-separated preset views")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.lower().split("x"))
    results = measure(args.presets.split(","), args.views.split(","), args.seconds, (width, height))
    if args.json:
        print(json.dumps(results))
        return 0
    print(f"machine: {results['machine']}; renderer: {results['renderer']}; {results['size']}")
    for run in results["runs"]:
        print(
            f"{run['preset']:>6} {run['view']:>10}: {run['fps']:5.1f} fps "
            f"(median {run['median_frame_ms']} ms, p90 {run['p90_frame_ms']} ms, "
            f"{run['frames']} frames)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
