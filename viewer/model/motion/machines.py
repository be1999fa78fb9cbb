"""Machine cycles as functions of time: the tandem press line and the die-casting cell.

* Press line: every press strokes ``strokes_per_min`` times a minute, each a little later than
  the one before; the transfer robot in front of each press picks a panel from upstream after
  that press has opened and places it downstream before the next press closes.
* Die casting (cycle ``cycle_s``): the die closes, the shot is made, the casting cools, the die
  opens, the extraction robot lifts the hot one-piece rear underbody out and sets it down on the
  cooling conveyor, which carries it away while it cools from glowing orange to aluminium grey.

Each machine gives its robots' :class:`~viewer.model.motion.programs.Programs` and its moving boxes
(press slides, the moving platen, panels and castings) at any time ``t``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from viewer.model.geometry import heading_frame
from viewer.model.motion.programs import Programs, smoothstep
from viewer.model.motion.robot import ArmPoses, inverse_kinematics, tool_tip
from viewer.model.plant import equipment_specs as specs
from viewer.model.plant.press_frame import press_heights

HOT = np.array([0.96, 0.52, 0.16])  # glowing as the furnace's melt (palette role "furnace")
ALUMINIUM = np.array([0.72, 0.74, 0.77])
PANEL = np.array([0.80, 0.82, 0.85])
CASTING_CONVEYOR_Z = 0.75  # m: the die-casting cell's cooling conveyor, low beside the machine
SLIDE = np.array([0.46, 0.50, 0.55])  # a press slide: machined steel, darker than the frame
UPPER_DIE = np.array([0.30, 0.47, 0.38])  # its upper die, painted as the lower (die_green)
PLATEN = np.array([0.22, 0.40, 0.68])  # the machine's blue (palette role "die_cast")


@dataclass
class MovingBoxes:
    """B boxes at one moment: bottom-centre, size (zero when hidden), heading, RGB colour."""

    bottom_center: np.ndarray
    size: np.ndarray
    yaw: np.ndarray
    color: np.ndarray

    @classmethod
    def empty(cls, count: int) -> MovingBoxes:
        """``count`` hidden boxes."""
        return cls(np.zeros((count, 3)), np.zeros((count, 3)), np.zeros(count), np.ones((count, 3)))

    @classmethod
    def concatenate(cls, groups: list[MovingBoxes]) -> MovingBoxes:
        """All groups' boxes in one set, in order."""
        if not groups:
            return cls.empty(0)
        return cls(
            np.concatenate([g.bottom_center for g in groups]).reshape(-1, 3),
            np.concatenate([g.size for g in groups]).reshape(-1, 3),
            np.concatenate([g.yaw for g in groups]),
            np.concatenate([g.color for g in groups]).reshape(-1, 3),
        )

    def __len__(self) -> int:
        return len(self.yaw)


def _wrap(phase: np.ndarray) -> np.ndarray:
    """Phase difference wrapped to [-0.5, 0.5)."""
    return np.mod(phase + 0.5, 1.0) - 0.5


def _carried(poses: ArmPoses, index: np.ndarray, drop: float) -> np.ndarray:
    """Bottom-centre of a part hanging ``drop`` m below the tool tip of robots ``index``."""
    tips = tool_tip(poses, index)
    return tips - np.array([0.0, 0.0, drop])


class PressLineMotion:
    """The tandem press line: slides stroking and transfer robots carrying panels."""

    STROKE_WIDTH = 0.4  # fraction of a cycle the slide is down from its top position
    STROKE_LAG = 0.8  # each press strokes this fraction of a cycle after the one before

    def __init__(self, spec: specs.PressLine, base: np.ndarray, yaw: np.ndarray) -> None:
        self.spec = spec
        self.period = 60.0 / spec.strokes_per_min
        self.along, self.normal, self.yaw = heading_frame(spec.heading_deg, dim=3)
        count = len(spec.presses)
        start = np.array([*spec.start, 0.0])
        self.centers = start + np.outer(np.arange(count) * spec.spacing, self.along)
        self.bottom_phase = np.mod(0.5 + self.STROKE_LAG * np.arange(count + 1), 1.0)
        self.robot_base, self.robot_yaw = base, yaw
        sizes = np.array([press.size for press in spec.presses]).reshape(-1, 3)
        heights = [press_heights(h, spec.stroke, spec.die_height) for h in sizes[:, 2]]
        self.sizes = sizes  # each press's depth, width, height (fixed: worked out once)
        self.die_low = np.array([p.upper_die_low for p in heights])  # its upper die's travel
        self.die_high = np.array([p.upper_die_high for p in heights])
        self.slide_height = np.array([p.slide_height for p in heights])

    def programs(self) -> Programs:
        """Transfer robots: pick upstream, lift, swing, place downstream, swing back."""
        base, yaw = self.robot_base, self.robot_yaw
        n = len(base)
        lift = np.array([0.0, 0.0, 0.6])
        pick = base - self.along * 2.2 + np.array([0.0, 0.0, 1.1])
        place = base + self.along * 2.2 + np.array([0.0, 0.0, 1.1])
        points = np.stack([pick + lift, pick, place + lift, place], axis=1)
        q = inverse_kinematics(np.repeat(base, 4, 0), np.repeat(yaw, 4), points.reshape(-1, 3), 0.7)
        q = q.reshape(n, 4, 6)
        # The upstream turn goes the long way round on one side only: keep q1 continuous.
        q[:, :2, 0] = np.where(q[:, :2, 0] < 0, q[:, :2, 0] + 2 * np.pi, q[:, :2, 0])
        q[:, :, 0] = np.clip(q[:, :, 0], -np.radians(185), np.radians(185))
        above_pick, at_pick, above_place, at_place = (q[:, i] for i in range(4))
        joints = np.stack([above_pick, at_pick, above_pick, above_place, at_place, above_place], 1)
        durations = np.tile(np.array([0.1, 0.06, 0.26, 0.08, 0.06]) * self.period, (n, 1))
        return Programs.from_durations(
            durations, joints, np.full(n, self.period), phase=self.programs_phase(n) * self.period
        )

    def boxes(self, t: float, poses: ArmPoses, robots: np.ndarray) -> MovingBoxes:
        """Press slides, their upper dies and the panels the transfer robots carry at time ``t``."""
        count = len(self.spec.presses)
        phase = np.mod(t / self.period, 1.0)
        depth, width, _ = self.sizes.T
        offset = _wrap(phase - self.bottom_phase[:count])
        down = np.where(
            np.abs(offset) < self.STROKE_WIDTH / 2,
            0.5 * (1 + np.cos(2 * np.pi * offset / self.STROKE_WIDTH)),
            0.0,
        )
        low = self.die_low
        die_bottom = low + (self.die_high - low) * (1.0 - down)
        die_height = self.spec.die_height
        upper_dies = MovingBoxes(  # the upper die under each slide, down to the panel
            bottom_center=self.centers + np.outer(die_bottom, [0, 0, 1]),
            size=np.column_stack([depth * 0.55, (width - 3.6) * 0.75, np.full(count, die_height)]),
            yaw=np.full(count, self.yaw),
            color=np.tile(UPPER_DIE, (count, 1)),
        )
        slides = MovingBoxes(
            bottom_center=self.centers + np.outer(die_bottom + die_height, [0, 0, 1]),
            size=np.column_stack([depth - 3.0, width - 3.6, self.slide_height]),
            yaw=np.full(count, self.yaw),
            color=np.tile(SLIDE, (count, 1)),
        )
        n = len(robots)
        local = np.mod(t / self.period - self.programs_phase(n), 1.0)
        carrying = (local >= 0.1) & (local <= 0.5)
        panels = MovingBoxes.empty(n)
        panels.bottom_center[:] = _carried(poses, robots, 0.08)
        panels.size[carrying] = [1.9, 1.5, 0.05]
        panels.yaw[:] = self.robot_yaw
        panels.color[:] = PANEL
        return MovingBoxes.concatenate([slides, upper_dies, panels])

    def programs_phase(self, n: int) -> np.ndarray:
        """Each transfer robot's cycle start as a fraction of the press period."""
        station = np.minimum(np.arange(n), len(self.bottom_phase) - 1)
        return np.mod(self.bottom_phase[station] - 0.7, 1.0)


class DieCastMotion:
    """The giant die-casting cell: platen, shot, extraction, cooling conveyor."""

    CLOSE, SHOT, OPEN, REACH, PULL, SET_DOWN, RELEASE = 0.0, 6.0, 62.0, 70.0, 76.0, 82.0, 92.0
    CONVEYOR_CYCLES = 2  # castings stay on the conveyor this many cycles
    COOL_S = 150.0  # seconds from glowing to aluminium grey, on the conveyor

    def __init__(self, spec: specs.DieCastCell, base: np.ndarray, yaw: np.ndarray) -> None:
        self.spec = spec
        self.cycle = max(spec.cycle_s, 100.0)
        self.along, self.normal, self.yaw = heading_frame(spec.heading_deg, dim=3)
        self.center = np.array([*spec.center, 0.0])
        self.length, self.width, self.height = spec.machine_size
        self.robot_base, self.robot_yaw = base, yaw
        self.die_gap = self.center - self.along * 0.09 * self.length
        self.conveyor = conveyor_center(spec)

    def _scaled(self, seconds: float) -> float:
        return seconds * self.cycle / 110.0

    def programs(self) -> Programs:
        """Extraction (robot 0) and die spraying (the others) once the die has opened."""
        base, yaw = self.robot_base, self.robot_yaw
        n = len(base)
        side = np.sign((base - self.center) @ self.normal)
        side = np.where(side == 0, 1.0, side)
        inside = self.die_gap + np.outer(side * (self.width / 2 - 1.2), self.normal)
        inside[:, 2] = 2.8
        outside = inside + np.outer(side * 2.0, self.normal) + [0.0, 0.0, 0.8]
        drop = base + np.outer(side * np.abs((self.conveyor - base) @ self.normal), self.normal)
        drop[:, 2] = CASTING_CONVEYOR_Z + 1.0  # the casting (0.55 m below the tool) just above
        home_point = base + np.outer(side * 1.6, self.normal) + [0.0, 0.0, 2.4]
        points = np.stack([home_point, inside, outside, drop + [0, 0, 0.6], drop], axis=1)
        q = inverse_kinematics(
            np.repeat(base, 5, 0), np.repeat(yaw, 5), points.reshape(-1, 3), 0.5
        ).reshape(n, 5, 6)
        home, at_die, out, above_drop, at_drop = (q[:, i] for i in range(5))
        s = self._scaled
        extract = np.stack([home, home, at_die, at_die, out, above_drop, at_drop, at_drop, home], 1)
        extract_times = [s(self.REACH), s(6), s(1.5), s(4.5), s(6), s(4), s(1.5), s(6)]
        spray_mid = at_die.copy()
        spray_mid[:, 0] += 0.25
        spray = np.stack([home, home, out, at_die, spray_mid, at_die, out, home, home], 1)
        spray_times = [s(self.PULL + 2), s(3), s(2), s(2.5), s(2.5), s(2), s(3), s(0.5)]
        extracting = np.arange(n) == 0
        joints = np.where(extracting[:, None, None], extract, spray)
        durations = np.where(extracting[:, None], extract_times, spray_times)
        return Programs.from_durations(durations, joints, np.full(n, self.cycle))

    def boxes(self, t: float, poses: ArmPoses, robots: np.ndarray) -> MovingBoxes:
        """Moving platen and the castings (in the die, on the robot, on the conveyor)."""
        s = self._scaled
        tau = np.mod(t, self.cycle)
        closing = smoothstep(np.clip((tau - self.CLOSE) / s(6), 0, 1))
        opening = smoothstep(np.clip((tau - s(self.OPEN)) / s(8), 0, 1))
        closed = closing * (1 - opening)
        platen_x = -0.14 * self.length + 0.10 * self.length * closed
        platen = MovingBoxes(
            bottom_center=(self.center + self.along * platen_x)[None],
            size=np.array([[1.6, self.width * 0.95, self.height * 0.9]]),
            yaw=np.array([self.yaw]),
            color=PLATEN[None],
        )
        count = self.CONVEYOR_CYCLES + 1
        castings = MovingBoxes.empty(count)
        castings.yaw[:] = self.yaw
        newest = int(np.floor(t / self.cycle))
        for k in range(count):
            cycle = newest - k
            if cycle < 0:
                continue
            age = t - cycle * self.cycle
            slot = cycle % count
            released = age - s(self.RELEASE)
            if age < s(self.OPEN) or released > self.CONVEYOR_CYCLES * self.cycle:
                continue
            if age < s(self.PULL):
                at = self.die_gap + [0.0, 0.0, 2.0]
            elif released < 0:
                at = _carried(poses, robots[:1], 0.55)[0]
            else:
                travel = released / (self.CONVEYOR_CYCLES * self.cycle)
                at = self.conveyor - self.along * (travel * 5.5) + [0.0, 0.0, CASTING_CONVEYOR_Z]
            cooled = np.clip(max(released, 0.0) / self.COOL_S, 0.0, 1.0) ** 2  # glows a while
            castings.bottom_center[slot] = at
            castings.size[slot] = [1.8, 1.6, 0.5]
            castings.color[slot] = HOT + (ALUMINIUM - HOT) * cooled
        return MovingBoxes.concatenate([platen, castings])


def conveyor_center(spec: specs.DieCastCell) -> np.ndarray:
    """Centre of the cell's cooling conveyor, beside the machine on its right (floor level)."""
    along, normal, _ = heading_frame(spec.heading_deg, dim=3)
    return np.array([*spec.center, 0.0]) - normal * (spec.machine_size[1] / 2 + 5.0)
