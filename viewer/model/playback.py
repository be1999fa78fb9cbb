"""The playback clock: simulation time as a function of wall-clock time, with pause and speed.

The clock keeps an anchor (a simulation time and the wall-clock time it was reached) and the
speed; :meth:`Playback.time_at` is computed from them, so frame timing never accumulates
drift. Wall-clock times are any monotonic seconds (``time.monotonic()``).

Examples
--------
>>> clock = Playback(time=100.0)
>>> clock.play(now=0.0)
>>> clock.time_at(2.0)
102.0
>>> clock.set_speed(16, now=2.0)
>>> clock.time_at(3.0)
118.0
>>> clock.pause(now=3.0)
>>> clock.time_at(60.0)
118.0
"""

from __future__ import annotations

SPEEDS = (0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0)


class Playback:
    """Simulation time that runs at ``speed`` times wall-clock time while playing."""

    def __init__(self, time: float = 0.0, speed: float = 1.0) -> None:
        self._anchor_time = float(time)
        self._anchor_wall = 0.0
        self.speed = self._checked(speed)
        self.playing = False

    @staticmethod
    def _checked(speed: float) -> float:
        if not SPEEDS[0] <= speed <= SPEEDS[-1]:
            raise ValueError(f"speed must be {SPEEDS[0]:g} to {SPEEDS[-1]:g}, got {speed!r}")
        return float(speed)

    def time_at(self, now: float) -> float:
        """Simulation time at wall-clock time ``now``."""
        if not self.playing:
            return self._anchor_time
        return self._anchor_time + (now - self._anchor_wall) * self.speed

    def _reanchor(self, now: float) -> None:
        self._anchor_time = self.time_at(now)
        self._anchor_wall = now

    def play(self, now: float) -> None:
        """Start (or keep) the clock running from where it stands."""
        self._reanchor(now)
        self.playing = True

    def pause(self, now: float) -> None:
        """Stop the clock where it stands."""
        self._reanchor(now)
        self.playing = False

    def set_speed(self, speed: float, now: float) -> None:
        """Change the speed (0.25 to 16) without a jump in time."""
        speed = self._checked(speed)
        self._reanchor(now)
        self.speed = speed

    def seek(self, time: float, now: float) -> None:
        """Jump to simulation time ``time`` (never below 0)."""
        self._anchor_time = max(float(time), 0.0)
        self._anchor_wall = now

    def faster(self, now: float) -> None:
        """The next speed up in :data:`SPEEDS`."""
        self.set_speed(next((s for s in SPEEDS if s > self.speed), SPEEDS[-1]), now)

    def slower(self, now: float) -> None:
        """The next speed down in :data:`SPEEDS`."""
        self.set_speed(next((s for s in reversed(SPEEDS) if s < self.speed), SPEEDS[0]), now)


def format_clock(seconds: float) -> str:
    """Simulation time as H:MM:SS.

    >>> format_clock(27184.6)
    '7:33:04'
    """
    whole = int(seconds)
    return f"{whole // 3600}:{whole // 60 % 60:02d}:{whole % 60:02d}"
