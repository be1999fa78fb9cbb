"""Smooth camera flights between preset views, stepped by the window's frame timer.

A flight's target may be a function giving the pose (a preset view framed for the view's
size): it is asked again at every step, so a flight that starts just as a dock opens (Explain
the plant flies to a workshop as its dock appears) ends framed for the 3D area it lands in.
"""

from __future__ import annotations

from collections.abc import Callable

from viewer.model.plant.views import CameraPose, interpolate_pose

Target = CameraPose | Callable[[], CameraPose]


class CameraAnimator:
    """Flies the camera from its pose to a target pose over ``duration`` seconds.

    ``current`` reads the camera's pose. :meth:`fly_to` starts a flight; the owner calls
    :meth:`step` once per frame with the wall-clock time and applies the pose it returns.
    """

    def __init__(
        self,
        current: Callable[[], CameraPose],
        duration: float = 0.9,
        on_start: Callable[[], None] | None = None,
    ) -> None:
        self._current = current
        self._on_start = on_start
        self.duration = duration
        self._start: CameraPose | None = None
        self._target: Target | None = None
        self._started: float | None = None

    @property
    def running(self) -> bool:
        """Whether a flight is under way."""
        return self._target is not None

    def fly_to(self, target: Target) -> None:
        """Start a flight from wherever the camera is now (also mid-flight) to ``target``: a
        pose, or a function giving it (asked at every step)."""
        self._start, self._target = self._current(), target
        self._started = None  # the first step fixes the start time
        if self._on_start is not None:
            self._on_start()

    def stop(self) -> None:
        """Stop a flight where it is (the camera stays at its last pose)."""
        self._target = None

    def step(self, now: float) -> CameraPose | None:
        """The pose at wall-clock time ``now``, or None when no flight is under way."""
        if self._target is None or self._start is None:
            return None
        if self._started is None:
            self._started = now
        s = (now - self._started) / self.duration if self.duration > 0 else 1.0
        target = self._target() if callable(self._target) else self._target
        if s >= 1.0:
            self._target = None
        return target if s >= 1.0 else interpolate_pose(self._start, target, s)
