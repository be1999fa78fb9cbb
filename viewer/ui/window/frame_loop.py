"""The one timer that animates a window: each tick advances what moves, then renders once."""

from __future__ import annotations

import statistics
import time
from collections import deque
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


class FrameRateMeter:
    """Frames shown per second, from the times the frames reached the screen.

    :meth:`rate` counts the frames of the last ``window_s`` seconds: with ``now`` it says
    None when fewer than two frames were shown in that time (nothing moves); without, it is
    the rate of the last frames shown (what the About box reports after the window went still).
    :meth:`frame_ms` is the median time those frames took from asked for to shown.

    >>> meter = FrameRateMeter(window_s=2.0)
    >>> meter.add(1.0, frame_ms=900.0)  # a slow first frame, long ago
    >>> for k in range(11):
    ...     meter.add(10.0 + k * 0.1, frame_ms=40.0)
    >>> round(meter.rate(now=11.0), 1), meter.frame_ms(now=11.0)
    (10.0, 40.0)
    >>> meter.rate(now=20.0) is None, round(meter.rate(), 1), meter.frame_ms()
    (True, 10.0, 40.0)
    """

    def __init__(self, window_s: float = 2.0, keep: int = 240) -> None:
        self.window_s = window_s
        self._frames: deque[tuple[float, float | None]] = deque(maxlen=keep)

    def add(self, shown_at: float, frame_ms: float | None = None) -> None:
        """A frame reached the screen at ``shown_at`` (time.monotonic); ``frame_ms``: how long
        it took from being asked for (None: not asked for, such as a repaint)."""
        self._frames.append((shown_at, frame_ms))

    @property
    def last_shown(self) -> float | None:
        """When the last frame reached the screen (None: none yet)."""
        return self._frames[-1][0] if self._frames else None

    def _recent(self, now: float | None) -> list[tuple[float, float | None]]:
        if not self._frames:
            return []
        end = self._frames[-1][0] if now is None else now
        return [frame for frame in self._frames if end - self.window_s <= frame[0] <= end]

    def rate(self, now: float | None = None) -> float | None:
        """Frames a second over the ``window_s`` seconds before ``now`` (None: before the last
        frame shown); None when fewer than two frames fall in that time."""
        recent = [t for t, _ in self._recent(now)]
        if len(recent) < 2 or recent[-1] <= recent[0]:
            return None
        return (len(recent) - 1) / (recent[-1] - recent[0])

    def frame_ms(self, now: float | None = None) -> float | None:
        """The median time, in ms, from asked for to shown of the frames :meth:`rate` counts
        (None: none of them was timed)."""
        times = [ms for _, ms in self._recent(now) if ms is not None]
        return statistics.median(times) if times else None
