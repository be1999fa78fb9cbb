"""AGVs driving round their closed lanes, as a function of time.

Every AGV of a lane keeps the same spacing and drives at :data:`AGV_SPEED`; corners are
rounded so that headings turn smoothly.

Examples
--------
>>> import numpy as np
>>> from viewer.model.plant.equipment_specs import AgvLane
>>> lane = AgvLane("loop", "battery", np.array([[0, 0], [40, 0], [40, 10], [0, 10]]), 2, "packs")
>>> motion = AgvMotion([lane])
>>> position, yaw = motion.at(0.0)
>>> position.shape, bool(np.allclose(motion.at(motion.periods[0])[0], position))
((2, 3), True)
"""

from __future__ import annotations

import numpy as np

from viewer.model.geometry import round_corners
from viewer.model.plant import equipment_specs as specs

AGV_SPEED = 1.0  # m/s, a typical factory AGV speed (estimate)


class AgvMotion:
    """All AGVs of the given lanes, in lane order, then AGV order within a lane."""

    def __init__(self, lanes: list[specs.AgvLane]) -> None:
        self.lanes = [lane for lane in lanes if lane.agvs > 0]
        self.paths = []
        self.periods = []
        for lane in self.lanes:
            points = round_corners(lane.points, 3.0, closed=True, segments=6)
            points = np.vstack([points, points[:1]])
            steps = np.diff(points, axis=0)
            arc = np.concatenate([[0.0], np.cumsum(np.linalg.norm(steps, axis=1))])
            heading = np.unwrap(np.arctan2(steps[:, 1], steps[:, 0]))
            self.paths.append((points, arc, heading))
            self.periods.append(float(arc[-1]) / AGV_SPEED)

    def __len__(self) -> int:
        return sum(lane.agvs for lane in self.lanes)

    def at(self, t: float) -> tuple[np.ndarray, np.ndarray]:
        """Positions (N, 3) and headings (N,) of every AGV at time ``t``."""
        positions, headings = [], []
        for lane, (points, arc, heading) in zip(self.lanes, self.paths, strict=True):
            length = arc[-1]
            s = np.mod((np.arange(lane.agvs) + 0.5) * length / lane.agvs + AGV_SPEED * t, length)
            segment = np.clip(np.searchsorted(arc, s, side="right") - 1, 0, len(heading) - 1)
            x = np.interp(s, arc, points[:, 0])
            y = np.interp(s, arc, points[:, 1])
            positions.append(np.column_stack([x, y, np.zeros_like(x)]))
            headings.append(heading[segment])
        if not positions:
            return np.zeros((0, 3)), np.zeros(0)
        return np.concatenate(positions), np.concatenate(headings)
