"""The shared moment of synchronised kiosks: every screen computes the tour from the wall clock.

Kiosks started with the same route(s), speed and origin show the same tour moment at the same
wall-clock time, on one PC or many, without talking to each other: the tour's elapsed time is
``(now - origin) * speed``, and the loop's time is that modulo the loop's length. The PCs'
clocks are kept together by the operating system (NTP, chrony); the screens are then as close
as the clocks are. The wall clock is injected, so tests can fake it.

>>> clock = SyncClock(origin=1000.0, speed=2.0, wall=lambda: 1010.0)
>>> clock.elapsed()
20.0
>>> clock.loop_time(15.0), clock.loops(15.0)
(5.0, 1)
>>> offset(4.0, 5.0, 100.0), offset(99.0, 1.0, 100.0)
(-1.0, -2.0)
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone

DEFAULT_ORIGIN = "2026-01-01T00:00:00+00:00"


@dataclass(frozen=True)
class SyncClock:
    """The shared clock: ``origin`` in seconds since the Unix epoch, the tour's ``speed``, and
    ``wall`` (the wall clock, :func:`time.time` unless a test fakes it)."""

    origin: float
    speed: float = 1.0
    wall: Callable[[], float] = field(default=time.time, compare=False)

    def elapsed(self, now: float | None = None) -> float:
        """Tour seconds played since the origin at wall time ``now`` (default: the wall clock's
        now); negative before the origin."""
        now = self.wall() if now is None else now
        return (now - self.origin) * self.speed

    def loop_time(self, length: float, now: float | None = None) -> float:
        """The time within a loop of ``length`` seconds at wall time ``now``."""
        if length <= 0:
            return 0.0
        return self.elapsed(now) % length  # Python's modulo: in [0, length) also before origin

    def loops(self, length: float, now: float | None = None) -> int:
        """Whole loops of ``length`` seconds played since the origin at wall time ``now``."""
        if length <= 0:
            return 0
        return math.floor(self.elapsed(now) / length)


def offset(shown: float, shared: float, length: float) -> float:
    """How far the time ``shown`` is ahead of the ``shared`` moment (negative: behind), the short
    way round a loop of ``length`` seconds."""
    if length <= 0:
        return shown - shared
    diff = (shown - shared) % length
    return diff - length if diff > length / 2 else diff


def parse_origin(text: str) -> float:
    """An origin as written on the command line, in seconds since the Unix epoch: an ISO 8601
    date and time (without a zone: UTC), or seconds. ``ValueError`` saying what is wrong.

    >>> parse_origin("2026-01-01T00:00:00Z") == parse_origin("2026-01-01 00:00")
    True
    >>> parse_origin("1767225600")
    1767225600.0
    """
    text = text.strip()
    try:
        value = float(text)
    except ValueError:
        pass
    else:
        if not math.isfinite(value):
            raise ValueError(f"expected a date and time like 2026-01-01T09:00, got {text!r}")
        return value
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"expected a date and time like 2026-01-01T09:00, got {text!r}") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.timestamp()
