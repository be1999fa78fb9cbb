"""What Play, Pause, the speed and a jump in time do to one window's clock.

They write the state's ``playing`` and ``speed``, which the
:class:`~viewer.ui.window.clock.Clock` follows; a jump goes through the clock, which shows the new
time at once. At the tour's end, Play plays the tour again from its start.
"""

from __future__ import annotations

from collections.abc import Callable

from viewer.model.viewer_state import ViewerState
from viewer.ui.window.clock import Clock


class Transport:
    """Play, pause, speed and seek on ``clock`` for ``state``; ``ended()`` tells whether the
    tour has played to its end and ``restart()`` takes it back to its start."""

    def __init__(
        self,
        state: ViewerState,
        clock: Clock,
        ended: Callable[[], bool],
        restart: Callable[[], None],
    ) -> None:
        self.state, self.clock = state, clock
        self._ended, self._restart = ended, restart

    def play(self) -> None:
        """Run the plant's clock."""
        self.set_playing(True)

    def pause(self) -> None:
        """Stop the plant's clock."""
        self.set_playing(False)

    def set_playing(self, playing: bool) -> None:
        """Run or stop the clock (what the play/pause button and Space do); at the tour's end,
        Play plays the tour again from its start."""
        if playing and not self.state.playing and self._ended():
            self._restart()
        self.state.playing = playing

    def set_speed(self, speed: float) -> None:
        """Set the clock's speed, 0.25 to 16 times real time."""
        self.state.speed = speed

    def seek(self, t: float) -> None:
        """Show simulation time ``t`` (seconds since the lines started)."""
        self.clock.seek(t)

    def clock_time(self) -> float:
        """The simulation time on the clock now (ahead of the one shown by up to a frame)."""
        return self.clock.now()
