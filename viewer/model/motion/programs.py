"""Cyclic robot motion programs: joint-space keyframes evaluated for all robots at once.

A :class:`Programs` holds, for N robots, K keyframes each (times within the cycle and joint
angles), a cycle period, a phase (when the cycle starts) and a start time (before it the robot
stands still in its first pose). :meth:`Programs.at` is a pure function of simulation time:
no state is carried from one call to the next.

Examples
--------
>>> home = np.zeros((1, 6))
>>> reach = np.full((1, 6), 0.5)
>>> programs = Programs.from_durations(
...     np.array([[1.0, 2.0, 1.0]]), np.stack([home, reach, reach, home], axis=1),
...     period=np.array([4.0]))
>>> joints, moving = programs.at(0.5)
>>> bool(0 < joints[0, 0] < 0.5), bool(moving[0])
(True, True)
>>> programs.at(2.0)[1].tolist()  # holding the reach pose
[False]
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


def smoothstep(f: np.ndarray) -> np.ndarray:
    """Ease in and out on [0, 1] (zero velocity at both ends).

    >>> smoothstep(np.array([0.0, 0.5, 1.0])).tolist()
    [0.0, 0.5, 1.0]
    """
    return f * f * (3.0 - 2.0 * f)


@dataclass
class Programs:
    """Keyframe programs of N robots (see the module docstring)."""

    times: np.ndarray  # (N, K) seconds within the cycle; first 0, last = period
    joints: np.ndarray  # (N, K, 6)
    period: np.ndarray  # (N,)
    phase: np.ndarray  # (N,) time at which a cycle starts (mod period)
    start: np.ndarray  # (N,) the robot stands still in its first pose before this time

    def __len__(self) -> int:
        return len(self.period)

    @classmethod
    def from_durations(
        cls,
        durations: np.ndarray,
        joints: np.ndarray,
        period: np.ndarray,
        phase: np.ndarray | None = None,
        start: np.ndarray | None = None,
    ) -> Programs:
        """Programs whose keyframe ``k + 1`` comes ``durations[:, k]`` seconds after keyframe k.

        ``joints`` has one keyframe more than ``durations`` has columns. A last keyframe equal to
        the first is added at the period, so every cycle closes; the durations must fit in it.
        """
        durations = np.asarray(durations, dtype=float)
        period = np.asarray(period, dtype=float)
        times = np.concatenate([np.zeros((len(durations), 1)), np.cumsum(durations, axis=1)], 1)
        if np.any(times[:, -1] > period + 1e-9):
            raise ValueError("a program is longer than its cycle")
        times = np.concatenate([times, period[:, None]], axis=1)
        joints = np.concatenate([joints, joints[:, :1]], axis=1)
        count = len(period)
        return cls(
            times=times,
            joints=joints,
            period=period,
            phase=np.zeros(count) if phase is None else np.asarray(phase, dtype=float),
            start=np.full(count, -np.inf) if start is None else np.asarray(start, dtype=float),
        )

    @classmethod
    def concatenate(cls, parts: list[Programs]) -> Programs:
        """One set of programs from several, padded to the largest keyframe count."""
        width = max((p.times.shape[1] for p in parts), default=2)

        def pad(p: Programs) -> tuple[np.ndarray, np.ndarray]:
            extra = width - p.times.shape[1]
            times = np.concatenate([p.times, np.repeat(p.times[:, -1:], extra, axis=1)], 1)
            joints = np.concatenate([p.joints, np.repeat(p.joints[:, -1:], extra, axis=1)], 1)
            return times, joints

        padded = [pad(p) for p in parts]
        return cls(
            times=np.concatenate([t for t, _ in padded]).reshape(-1, width),
            joints=np.concatenate([j for _, j in padded]).reshape(-1, width, 6),
            period=np.concatenate([p.period for p in parts]),
            phase=np.concatenate([p.phase for p in parts]),
            start=np.concatenate([p.start for p in parts]),
        )

    def take(self, index: np.ndarray) -> Programs:
        """The programs of some robots, in ``index`` order."""
        return Programs(
            self.times[index],
            self.joints[index],
            self.period[index],
            self.phase[index],
            self.start[index],
        )

    def at(self, t: float) -> tuple[np.ndarray, np.ndarray]:
        """Joint angles (N, 6) at simulation time ``t`` and whether each robot is moving."""
        count, width = self.times.shape
        tau = np.mod(t - self.phase, self.period)
        segment = np.minimum((self.times[:, 1:] <= tau[:, None]).sum(axis=1), width - 2)
        rows = np.arange(count)
        t0 = self.times[rows, segment]
        t1 = self.times[rows, segment + 1]
        q0 = self.joints[rows, segment]
        q1 = self.joints[rows, segment + 1]
        f = np.clip((tau - t0) / np.maximum(t1 - t0, 1e-9), 0.0, 1.0)
        joints = q0 + (q1 - q0) * smoothstep(f)[:, None]
        started = t >= self.start
        joints[~started] = self.joints[~started, 0]
        moving = started & (f < 1.0) & (np.abs(q1 - q0).max(axis=1) > 1e-6)
        return joints, moving
