"""A tour video's frames: which moment of the tour each frame shows, and what it shows.

Frame ``k`` shows tour time ``start + k * speed / fps``, whatever the machine's speed: the video
is rendered frame by frame on the tour's clock, not recorded. The camera and the captions
follow the same rules as the exhibition-hall loop (:mod:`viewer.model.kiosk.kiosk_program`), or a
fixed tour camera.

Examples
--------
>>> plan = VideoPlan(start=10.0, end=12.0, fps=30.0, speed=1.0)
>>> plan.frame_count, plan.tour_time(0), plan.tour_time(30)
(60, 10.0, 11.0)
>>> VideoPlan(start=0.0, end=60.0, fps=10.0, speed=4.0).frame_count  # a minute at 4x: 15 s
150
>>> clock_text(754.4)
'12:34'
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path

from viewer.model.kiosk.kiosk_program import kiosk_camera
from viewer.model.tour.shuttle import TourMotion
from viewer.texts import tr

CAMERAS = ("seat", "chase", "overview", "auto")
SUFFIXES = (".mp4", ".gif")


@dataclass(frozen=True)
class VideoPlan:
    """The tour seconds from ``start`` to ``end``, at ``fps`` frames a second of video, the
    tour running ``speed`` times faster than real time."""

    start: float
    end: float
    fps: float
    speed: float

    @property
    def frame_count(self) -> int:
        """Frames in the video (at least one)."""
        return max(1, math.floor((self.end - self.start) / self.speed * self.fps + 1e-9))

    @property
    def duration(self) -> float:
        """The video's length in seconds."""
        return self.frame_count / self.fps

    def tour_time(self, frame: int) -> float:
        """The tour time frame ``frame`` shows."""
        return self.start + frame * self.speed / self.fps


def plan_video(
    tour: TourMotion, start: float, end: float | None, fps: float, speed: float
) -> VideoPlan:
    """The plan for a video of ``tour``; ValueError naming the option when it can't be made
    (``end`` None: the tour's end)."""
    total = tour.total_time
    end = total if end is None else end
    if start >= total:
        raise ValueError(f"--start: {start:g} s is at or after the tour's end ({total:.0f} s)")
    if end <= start:
        raise ValueError(f"--end: {end:g} s is not after --start ({start:g} s)")
    return VideoPlan(start, min(end, total), fps, speed)


def frame_camera(tour: TourMotion, camera: str, time: float) -> str:
    """The tour camera of a frame: ``camera``, or with 'auto' the kiosk's choice (chase while
    driving, the seat view then the overview at a stop)."""
    return kiosk_camera(tour, time) if camera == "auto" else camera


def clock_text(seconds: float) -> str:
    """Minutes and seconds, as a clock shows them."""
    whole = int(max(seconds, 0.0))
    return f"{whole // 60}:{whole % 60:02d}"


def indicator_text(tour: TourMotion, time: float, lang: str) -> str:
    """The small time and stop indicator: 'Stop 4/10 · 13:24 / 30:56' (the clock alone while
    driving); during a test ride's lap the car's speed too: 'Stop 11/11 · 31:30 / 33:22 ·
    160 km/h'."""
    state = tour.at(time)
    values = {"time": clock_text(time), "total": clock_text(tour.total_time)}
    if state.stop is None:
        return tr("indicator_driving", lang, **values)
    count = len(tour.route.stops)
    text = tr("indicator_stop", lang, number=state.stop + 1, count=count, **values)
    if state.ride is not None and state.ride.speed > 0:
        text += f" · {state.ride.speed * 3.6:.0f} km/h"  # the ride's speedometer
    return text


def check_out(out: Path, size: tuple[int, int]) -> str | None:
    """What is wrong with a video's file ``out`` and ``size`` (None: nothing), as the command
    line says it: the same check for ``factory-tour video`` and File > Export video.

    >>> check_out(Path("tour.avi"), (1920, 1080))
    'tour.avi: --out: expected a .mp4 or .gif file name'
    >>> check_out(Path("tour.mp4"), (1919, 1080))
    "--size: an MP4's width and height must be even, got 1919x1080"
    """
    if out.suffix.lower() not in SUFFIXES:
        return f"{out}: --out: expected a .mp4 or .gif file name"
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        return f"{out}: --out: folder {folder} does not exist"
    if not os.access(folder, os.W_OK) or (out.exists() and not os.access(out, os.W_OK)):
        return f"{out}: --out: cannot write there"
    if out.suffix.lower() == ".mp4" and (size[0] % 2 or size[1] % 2):
        return f"--size: an MP4's width and height must be even, got {size[0]}x{size[1]}"
    return None
