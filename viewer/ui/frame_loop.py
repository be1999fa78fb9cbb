"""The one timer that animates a window: each tick advances what moves, then renders once."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer


class FrameLoop(QObject):
    """Calls ``tick(now)`` every ``interval_ms`` while there is something to animate.

    ``tick`` returns whether it wants more frames; when it returns False the timer stops (an
    idle window uses no CPU). :meth:`wake` starts it again.
    """

    def __init__(
        self, tick: Callable[[float], bool], interval_ms: int = 16, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._tick = tick
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._on_timeout)
        self.frames = 0
        self.last_tick = 0.0
        self.on_error: Callable[[BaseException], None] | None = None  # else errors propagate

    @property
    def active(self) -> bool:
        """Whether the timer is running."""
        return self.timer.isActive()

    def wake(self) -> None:
        """Make sure frames are coming."""
        if not self.timer.isActive():
            self.timer.start()

    def stop(self) -> None:
        """Stop the timer."""
        self.timer.stop()

    def frame_done(self) -> None:
        """The frame asked for is on screen: when it took longer than the interval, tick now
        rather than at the timer's next beat (a slow renderer gets its frames back to back)."""
        if not self.timer.isActive():
            return
        late = time.monotonic() - self.last_tick >= self.timer.interval() / 1000.0
        if late:
            QTimer.singleShot(0, self._on_timeout)

    def _on_timeout(self) -> None:
        if not self.timer.isActive():
            return
        self.last_tick = time.monotonic()
        self.frames += 1
        try:
            more = self._tick(time.monotonic())
        except Exception as exc:
            if self.on_error is None:
                raise
            self.on_error(exc)
            return
        if not more:
            self.timer.stop()
