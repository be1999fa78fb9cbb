"""``factory-tour video``: a tour video rendered off-screen, frame by frame, with a progress
bar on the terminal (into a file or a pipe, a plain line at every 10 % instead); Ctrl+C stops it
and leaves a playable file of what was rendered.

No display is needed, and no Qt: the options are declared in :mod:`viewer.model.options`, the
file check is :func:`viewer.model.tour.video_plan.check_out`, shared with File > Export video. Bad
arguments print one ``error:`` line and exit with status 2; a video stopped with Ctrl+C exits
with 130.
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import TextIO

from viewer.app.arguments import UsageError
from viewer.model.tour.video_plan import check_out, clock_text, plan_video

EXIT_INTERRUPTED = 130


class TerminalProgress:
    """Progress on standard error: on a terminal one line rewritten in place (a bar, frames
    done, frames a second, time left); into a file or a pipe a plain line at every 10 %."""

    def __init__(
        self, stream: TextIO = sys.stderr, width: int = 30, tty: bool | None = None
    ) -> None:
        self.stream = stream
        self.width = width
        self.started = time.perf_counter()
        self.tty = _is_tty(stream) if tty is None else tty
        self._tenths = 0  # the last tenth of the frames reported (not on a terminal)

    def line(self, done: int, total: int, now: float | None = None) -> str:
        """The progress line after ``done`` of ``total`` frames.

        >>> TerminalProgress().line(50, 200, now=TerminalProgress().started + 10.0)[:20]
        '[#######.............'
        """
        elapsed = max((now if now is not None else time.perf_counter()) - self.started, 1e-6)
        rate = done / elapsed
        left = (total - done) / rate if rate > 0 else 0.0
        filled = round(self.width * done / max(total, 1))
        bar = "#" * filled + "." * (self.width - filled)
        return f"[{bar}] {done}/{total} frames  {rate:.1f} fps  {clock_text(left)} left"

    def __call__(self, done: int, total: int) -> None:
        if not self.tty:
            tenths = 10 * done // max(total, 1)
            if tenths > self._tenths or (done == total and self._tenths < 10):
                self._tenths = tenths
                self.stream.write(f"{100 * done // max(total, 1)}% {self.line(done, total)}\n")
                self.stream.flush()
            return
        self.stream.write("\r" + self.line(done, total))
        if done == total:
            self.stream.write("\n")
        self.stream.flush()


def _is_tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no such method, or a closed stream
        return False


def run_video(args: argparse.Namespace, plant: object) -> int:
    """Render the video the arguments describe; returns the exit status."""
    from viewer.model.tour.route import load_route
    from viewer.model.tour.shuttle import TourMotion

    problem = check_out(args.out, args.size)
    if problem:
        raise UsageError(problem)
    route = load_route(args.route)
    try:
        plan = plan_video(TourMotion(route, plant), args.start, args.end, args.fps, args.speed)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    from viewer.scene.tour.video import VideoFrames, write_video

    frames = VideoFrames(
        plant, route, plan, args.size, args.lang, args.camera, args.quality or "auto"
    )
    progress = TerminalProgress()
    written = 0

    def counted(done: int, total: int) -> None:
        nonlocal written
        written = done
        progress(done, total)

    print(
        f"{args.out}: {plan.frame_count} frames ({clock_text(plan.duration)} at {plan.fps:g} fps), "
        f"tour {clock_text(plan.start)} to {clock_text(plan.end)}, quality {frames.quality}",
        file=sys.stderr,
    )
    try:
        write_video(frames, args.out, counted)
    except KeyboardInterrupt:
        after_bar = "\n" if progress.tty and 0 < written < plan.frame_count else ""
        print(
            f"{after_bar}stopped: {written} of {plan.frame_count} frames written to "
            f"{args.out} (the file plays)",
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED
    except OSError as exc:
        raise UsageError(f"{args.out}: --out: {exc}") from None
    finally:
        frames.close()
    print(args.out)
    return 0
