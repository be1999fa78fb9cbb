"""The seventh axis of the paint robots: each rides a carriage along a rail beside the booth.

A paint robot's six joints move its arm; its carriage slides it along the body on the rail
by the booth wall, so the bell can reach the whole side. Here the carriage travels to and fro
by :data:`TRAVEL` metres each side of the robot's place, a pure function of time (a slow sine,
each robot on its own phase), and is drawn as a box under the robot on top of the rail.

Examples
--------
>>> import numpy as np
>>> rails = RailTravel(np.array([[0.0, 0.0, 1.0]]), np.array([0.0]))
>>> [round(float(rails.offsets(t)[0, 0]), 2) for t in (0.0, rails.period / 4)]
[0.0, 0.8]
>>> carriage = rails.carriages(rails.offsets(0.0))
>>> carriage.bottom_center.tolist(), carriage.size[0].tolist()
([[0.0, 0.0, 0.3]], [1.0, 0.9, 0.7])
"""

from __future__ import annotations

import numpy as np

from viewer.model.motion.machines import MovingBoxes

TRAVEL = 0.8  # m each side of the robot's place on its rail
PERIOD = 16.0  # s for one journey there and back
RAIL_TOP = 0.3  # m: the carriage runs on the rail's top (the booth builds rails this high)
CARRIAGE = (1.0, 0.9)  # along and across the rail (m)
CARRIAGE_COLOR = (0.90, 0.91, 0.92)  # the white of the paint robots' covers


class RailTravel:
    """Carriages of N robots based at ``base`` (N, 3) whose rails run along ``heading``."""

    def __init__(self, base: np.ndarray, heading: np.ndarray, period: float = PERIOD) -> None:
        self.base = np.asarray(base, dtype=float).reshape(-1, 3)
        heading = np.asarray(heading, dtype=float).reshape(-1)
        self.heading = heading
        self.along = np.column_stack([np.cos(heading), np.sin(heading), np.zeros(len(heading))])
        self.period = float(period)
        self.phase = (np.arange(len(heading)) * 0.37) % 1.0  # robots out of step

    def offsets(self, t: float) -> np.ndarray:
        """How far (N, 3) each robot stands from its place at time ``t``."""
        travel = TRAVEL * np.sin(2 * np.pi * (t / self.period + self.phase))
        return self.along * travel[:, None]

    def carriages(self, offsets: np.ndarray) -> MovingBoxes:
        """The carriages under the robots moved by ``offsets`` (from :meth:`offsets`)."""
        n = len(self.base)
        bottom = self.base + offsets
        bottom[:, 2] = RAIL_TOP
        height = np.maximum(self.base[:, 2] - RAIL_TOP, 0.05)
        size = np.column_stack([np.full(n, CARRIAGE[0]), np.full(n, CARRIAGE[1]), height])
        return MovingBoxes(bottom, size, self.heading.copy(), np.tile(CARRIAGE_COLOR, (n, 1)))
