"""Video benchmark: how fast ``factory-tour video`` renders and encodes, per size and preset.

Usage: ``python benchmarks/bench_video.py [--frames N] [--sizes 1280x720,1920x1080]
[--presets low,high] [--json]``. Off-screen, no display needed. For each size and preset it
writes N frames of the tour from its die-casting stop onwards (auto camera, captions in both
languages) to a temporary MP4 and reports frames per second (render and encode together) and
the time per frame.

Reported in issue 9's closing note: 1280x720 and 1920x1080, low and high, on a 2-core CPU-only
machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from viewer.model.plant.layout import load_plant  # noqa: E402
from viewer.model.tour.route import load_route  # noqa: E402
from viewer.model.tour.video_plan import VideoPlan  # noqa: E402
from viewer.scene.renderer_info import renderer_name  # noqa: E402
from viewer.scene.tour.video import VideoFrames, write_video  # noqa: E402


def measure(frames: int, size: tuple[int, int], preset: str) -> dict:
    """Frames per second of one video of ``frames`` frames."""
    plant, route = load_plant(), load_route()
    plan = VideoPlan(start=770.0, end=770.0 + frames * 2.0 / 30.0, fps=30.0, speed=2.0)
    video = VideoFrames(plant, route, plan, size, "both", "auto", preset)
    with tempfile.TemporaryDirectory() as folder:
        video.frame(0)  # shaders compiled, level of detail chosen
        start = time.perf_counter()
        written = write_video(video, Path(folder) / "bench.mp4")
        seconds = time.perf_counter() - start
    name = renderer_name(video.view.plotter.ren_win)
    video.close()
    return {
        "size": f"{size[0]}x{size[1]}",
        "preset": preset,
        "frames": written,
        "fps": round(written / seconds, 2),
        "ms_per_frame": round(1000 * seconds / written, 1),
        "renderer": name,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=60, help="frames per video")
    parser.add_argument("--sizes", default="1280x720,1920x1080", help="comma-separated sizes")
    parser.add_argument("--presets", default="low,high", help="comma-separated presets")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    runs = []
    for text in args.sizes.split(","):
        width, height = (int(v) for v in text.lower().split("x"))
        for preset in args.presets.split(","):
            runs.append(measure(args.frames, (width, height), preset))
    machine = f"{platform.machine()}, {os.cpu_count()} CPUs"
    if args.json:
        print(json.dumps({"machine": machine, "runs": runs}))
        return 0
    print(f"machine: {machine}; renderer: {runs[0]['renderer']}")
    for run in runs:
        print(
            f"{run['size']:>10} {run['preset']:>6}: {run['fps']:6.2f} fps "
            f"({run['ms_per_frame']} ms a frame, {run['frames']} frames)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
