"""Smooth camera flights between preset views, driven by one QTimer."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from viewer.model.views import CameraPose, interpolate_pose


class CameraAnimator(QObject):
    """Flies the camera from its pose to a target pose over ``duration`` seconds.

    ``apply`` puts a pose on the camera and renders; ``current`` reads the camera's pose.
    """

    finished = Signal()

    def __init__(
        self,
        current: Callable[[], CameraPose],
        apply: Callable[[CameraPose], None],
        duration: float = 0.9,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._current, self._apply = current, apply
        self.duration = duration
        self._timer = QTimer(self)
        self._timer.setInterval(16)
        self._timer.timeout.connect(self._tick)
        self._start: CameraPose | None = None
        self._target: CameraPose | None = None
        self._started = 0.0

    @property
    def running(self) -> bool:
        """Whether a flight is under way."""
        return self._timer.isActive()

    def fly_to(self, target: CameraPose) -> None:
        """Start a flight from wherever the camera is now (also mid-flight) to ``target``."""
        self._start, self._target = self._current(), target
        self._started = time.perf_counter()
        if self.duration <= 0:
            self._finish()
            return
        self._timer.start()

    def stop(self) -> None:
        """Stop a flight where it is (the camera stays at its last pose)."""
        self._timer.stop()
        self._target = None

    def _tick(self) -> None:
        s = (time.perf_counter() - self._started) / self.duration
        if s >= 1.0:
            self._finish()
            return
        assert self._start is not None and self._target is not None
        self._apply(interpolate_pose(self._start, self._target, s))

    def _finish(self) -> None:
        self._timer.stop()
        if self._target is not None:
            self._apply(self._target)
        self.finished.emit()
