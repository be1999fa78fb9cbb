"""Modes of the window: the plain window, a kiosk, a rehearsal, Explain the plant.

A mode is an object that the window attaches (:meth:`ModeSlot.set_mode`) and detaches again;
while attached, the window and the tour ask it, instead of testing flags, how tour time runs,
whether the tour ends, what Next and Home do, whether a click picks a thing, where a problem
goes and whether the window may close. :class:`Mode` is the plain window's answers; a mode
overrides those it changes. The state's ``mode`` field names the mode attached.

>>> plain = Mode()
>>> plain.name, plain.ends, plain.picks, plain.tour_time(10.0, 15.0, 100.0)
('plain', True, True, 5.0)
>>> plain.tour_time(10.0, 150.0, 100.0), plain.sim_time(10.0, 42.0)
(100.0, 52.0)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from viewer.model.viewer_state import ViewerState


class Mode:
    """The plain window's way (see the module docstring); modes subclass it."""

    name = "plain"
    ends = True  # the tour stops at its end (Play then plays it again)
    picks = True  # a click on the view picks a thing

    def attached(self) -> None:
        """The window has just attached this mode."""

    def detached(self) -> None:
        """The window has just detached this mode (another one, or the plain window, follows)."""

    def tour_time(self, start: float, sim_time: float, total: float) -> float:
        """The tour's time at simulation time ``sim_time`` (the tour started at ``start`` and
        lasts ``total``): clipped to the tour."""
        return min(max(sim_time - start, 0.0), total)

    def sim_time(self, start: float, tour_time: float) -> float:
        """The simulation time that shows tour time ``tour_time``."""
        return start + tour_time

    def next_stop(self) -> bool:
        """Next was pressed: True if the mode took care of it (else the tour jumps on)."""
        return False

    def restart(self) -> bool:
        """Home was pressed: True if the mode took care of it (else back to the start)."""
        return False

    def problem(self, message: str) -> bool:
        """A problem to tell the user: True if the mode told it (else a dialog does)."""
        return False

    def allow_close(self) -> bool:
        """Whether the window may close now."""
        return True


PLAIN = Mode()


class ModeSlot:
    """The mode attached to one window showing ``state`` (:data:`PLAIN` at first);
    ``picking(picks)`` is told whether a click on the view picks a thing under the mode
    attached."""

    def __init__(self, state: ViewerState, picking: Callable[[bool], None]) -> None:
        self.state, self._picking = state, picking
        self.mode: Mode = PLAIN

    def set_mode(self, mode: Mode) -> None:
        """Detach the mode attached (a kiosk, a rehearsal, Explain the plant) and attach
        ``mode`` (:data:`PLAIN`: the plain window); the state's ``mode`` names it."""
        if mode is self.mode:
            return
        previous, self.mode = self.mode, mode
        previous.detached()
        self._picking(mode.picks)
        self.state.mode = mode.name
        mode.attached()


class ModeHost(Protocol):
    """What attaches modes (a window's :class:`ModeSlot`)."""

    def set_mode(self, mode: Mode) -> None:
        """Detach the mode attached and attach ``mode``."""
