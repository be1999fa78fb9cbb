"""Motion programs by station task, built with inverse kinematics on the workpiece.

Each builder takes the robots of one task (bases, headings and their workpiece: the ground point
and heading of the car body or pack in front of them) and returns :class:`Programs`:

* :func:`spot_weld` - approach points on the body's side, close the gun, dwell, retract;
  :func:`seam` (laser welding, gluing) follows a line of points without dwelling;
* :func:`pick_and_place` - pick a part beside the robot, carry it, place it on the workpiece;
* :func:`sweep` - painting and sealing: smooth passes over the body, cycling continuously.

Work starts after the line's index move (``work_start`` seconds into the cycle) plus a
per-robot delay, and the number of points varies, so robots of one cell are not in lockstep.
Random choices come from a seeded generator: the programs are the same on every run.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from viewer.model.cars.car import SU7
from viewer.model.motion.programs import Programs
from viewer.model.motion.robot import inverse_kinematics

HALF_WIDTH = SU7.width / 2


@dataclass
class Workplace:
    """A group of robots and their workpieces: what every program builder starts from.

    ``base`` (n, 3) and ``yaw`` (n,) place the robots; ``target`` (n, 3) and ``target_yaw`` (n,)
    the workpiece each works on (its ground point and heading); ``period`` (n,) is the cycle and
    ``work_start`` (n,) when in it the work may start (after the line's index move); ``rng``
    makes the per-robot choices.
    """

    base: np.ndarray
    yaw: np.ndarray
    target: np.ndarray
    target_yaw: np.ndarray
    period: np.ndarray
    work_start: np.ndarray
    rng: np.random.Generator


# The waiting pose: the tool tip beside the workpiece's side nearest the robot, READY_CLEARANCE
# outside it at READY_HEIGHT over its ground point, pointing down: upper arm upright, forearm
# reaching towards the body over the gap, clear of a body indexing past.
READY_CLEARANCE = 0.35  # m
READY_HEIGHT = 1.0  # m
READY_PITCH = 1.45  # rad: the tool tilted down, nearly vertical
# Side welds: the gun comes down onto the body's side at this tilt (rad), so that the wrist is
# high and the forearm reaches out level over the gap towards the body (a flatter gun folds the
# arm: its forearm points down into the gap, the elbow's housing up towards the aisle).
SIDE_PITCH = 0.95


def _car_points(
    target: np.ndarray, target_yaw: np.ndarray, along: np.ndarray, lateral: np.ndarray, up: float
) -> np.ndarray:
    """World points (n, K, 3) from coordinates in each workpiece's frame."""
    c, s = np.cos(target_yaw)[:, None], np.sin(target_yaw)[:, None]
    up_array = np.broadcast_to(np.asarray(up, dtype=float), along.shape)
    return target[:, None, :] + np.stack(
        [c * along - s * lateral, s * along + c * lateral, up_array], axis=-1
    )


def _placement(
    base: np.ndarray, target: np.ndarray, target_yaw: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Each robot's position along its workpiece and the side (+1 left, -1 right) it stands."""
    offset = base[:, :2] - target[:, :2]
    along = offset[:, 0] * np.cos(target_yaw) + offset[:, 1] * np.sin(target_yaw)
    across = -offset[:, 0] * np.sin(target_yaw) + offset[:, 1] * np.cos(target_yaw)
    return along, np.where(across >= 0, 1.0, -1.0)


def _home(
    base: np.ndarray, yaw: np.ndarray, target: np.ndarray, target_yaw: np.ndarray
) -> np.ndarray:
    """The waiting pose: turned towards the workpiece and reaching towards it, the tool pointing
    down just outside its nearest side (see :data:`READY_CLEARANCE`)."""
    along, side = _placement(base, target, target_yaw)
    lateral = side * (HALF_WIDTH + READY_CLEARANCE)
    ready = _car_points(
        target, target_yaw, np.clip(along, -2.2, 2.2)[:, None], lateral[:, None], READY_HEIGHT
    )
    return _solve(base, yaw, ready, READY_PITCH)[:, 0]


def _solve(base: np.ndarray, yaw: np.ndarray, points: np.ndarray, pitch: float) -> np.ndarray:
    """Joint angles (n, K, 6) reaching points (n, K, 3)."""
    n, k, _ = points.shape
    q = inverse_kinematics(
        np.repeat(base, k, axis=0), np.repeat(yaw, k), points.reshape(-1, 3), pitch
    )
    return q.reshape(n, k, 6)


def spot_weld(
    work: Workplace,
    dwell: float = 0.9,
    standoff: float = 0.35,
    max_points: int = 14,
    ordered: bool = False,
    top: bool = False,
) -> Programs:
    """Weld points on the body's side each cycle: approach, weld, dwell, retract.

    With ``top`` the points are on the top face of a flat workpiece (a battery pack), reached
    from above.
    """
    base, yaw, target, target_yaw, rng = work.base, work.yaw, work.target, work.target_yaw, work.rng
    n = len(base)
    along, side = _placement(base, target, target_yaw)
    count = rng.integers(max_points // 2 + 1, max_points + 1, n)
    u = np.clip(along[:, None] + rng.uniform(-1.3, 1.3, (n, max_points)), -2.2, 2.2)
    if ordered:
        u.sort(axis=1)
    if top:
        lateral = side[:, None] * rng.uniform(0.1, 0.7, (n, max_points))
        height, pitch, away = np.full((n, max_points), 0.18), 1.3, (0.0, 0.0)
    else:
        lateral = side[:, None] * HALF_WIDTH
        height, pitch, away = rng.uniform(0.35, 0.85, (n, max_points)), SIDE_PITCH, (standoff, 0.0)
    weld = _car_points(target, target_yaw, u, lateral, 0.0)
    weld[..., 2] += height
    outward = _car_points(
        np.zeros_like(target), target_yaw, np.zeros_like(u), side[:, None] * away[0], 0.0
    )
    if top:
        outward[..., 2] += standoff
    weld_q = _solve(base, yaw, weld, pitch)
    approach_q = _solve(base, yaw, weld + outward, pitch)
    used = np.arange(max_points)[None, :] < count[:, None]
    last = np.take_along_axis(approach_q, (count - 1)[:, None, None], axis=1)
    weld_q = np.where(used[..., None], weld_q, last)
    approach_q = np.where(used[..., None], approach_q, last)
    home = _home(base, yaw, target, target_yaw)
    steps = np.stack([approach_q, weld_q, weld_q, approach_q], axis=2).reshape(n, -1, 6)
    joints = np.concatenate([home[:, None], home[:, None], steps, home[:, None]], axis=1)
    step_durations = np.where(used[..., None], [1.4, 0.6, dwell, 0.5], 0.0).reshape(n, -1)
    delay = rng.uniform(0.0, 6.0, n)
    durations = np.concatenate(
        [(work.work_start + delay)[:, None], step_durations, np.full((n, 1), 1.8)], axis=1
    )
    _fit(durations, work.period)
    return Programs.from_durations(durations, joints, work.period)


def seam(
    work: Workplace,
    top: bool = False,
) -> Programs:
    """Follow a seam (laser welding, gluing): points in order along the part, no dwell."""
    return spot_weld(work, dwell=0.0, standoff=0.12, ordered=True, top=top)


def pick_and_place(
    work: Workplace,
    repeats: int = 3,
) -> Programs:
    """Pick parts beside the robot and fit them on the workpiece (doors, lids, trim).

    Each cycle the robot fits ``repeats`` parts at different places, with short waits between.
    """
    base, yaw, target, target_yaw, rng = work.base, work.yaw, work.target, work.target_yaw, work.rng
    n = len(base)
    along, side = _placement(base, target, target_yaw)
    away = np.arctan2(base[:, 1] - target[:, 1], base[:, 0] - target[:, 0])
    away = away + rng.uniform(-0.6, 0.6, n)
    pick = base + np.stack([1.9 * np.cos(away), 1.9 * np.sin(away), np.full(n, 0.5)], axis=1)
    u = np.clip(along[:, None] + rng.uniform(-1.0, 1.0, (n, repeats)), -2.0, 2.0)
    lateral = side[:, None] * rng.uniform(0.55, 0.85, (n, repeats))
    place = _car_points(target, target_yaw, u, lateral, 1.1)
    lift = np.array([0.0, 0.0, 0.5])
    above_pick, at_pick = (_solve(base, yaw, p[:, None], 1.0)[:, 0] for p in (pick + lift, pick))
    above_place, at_place = _solve(base, yaw, place + lift, 1.0), _solve(base, yaw, place, 1.0)
    home = _home(base, yaw, target, target_yaw)
    frames = [home, home]
    moves = []
    for k in range(repeats):
        frames += [above_pick, at_pick, at_pick, above_pick]
        frames += [above_place[:, k], at_place[:, k], at_place[:, k], above_place[:, k]]
        step = np.empty((n, 8))
        step[:, 0] = rng.uniform(1.4, 4.0, n)  # a short wait, then to the parts
        step[:, 1:] = [0.7, 0.8, 0.7, 2.4, 0.8, 1.5, 0.7]
        moves.append(step)
    frames.append(home)
    joints = np.stack(frames, axis=1)
    delay = rng.uniform(0.0, 8.0, n)
    durations = np.concatenate(
        [(work.work_start + delay)[:, None], *moves, np.full((n, 1), 1.8)], axis=1
    )
    _fit(durations, work.period)
    return Programs.from_durations(durations, joints, work.period)


def sweep(work: Workplace, low: bool = False) -> Programs:
    """Painting (or sealing, ``low``) passes over the body, cycling every 9-14 s."""
    base, yaw, target, target_yaw, rng = work.base, work.yaw, work.target, work.target_yaw, work.rng
    n = len(base)
    along, side = _placement(base, target, target_yaw)
    reach = np.array([-1.7, 1.7, 1.7, -1.7])[None, :] + along[:, None]
    lateral = side[:, None] * np.array([0.45, 0.45, 0.95, 0.95])[None, :]
    points = _car_points(target, target_yaw, np.clip(reach, -2.4, 2.4), lateral, 0.0)
    points[..., 2] += np.array([0.9, 0.9, 0.6, 0.6]) if low else np.array([1.8, 1.8, 1.35, 1.35])
    joints = _solve(base, yaw, points, 0.9 if not low else 0.5)
    period = rng.uniform(9.0, 14.0, n)
    durations = np.repeat(period[:, None] / 4, 3, axis=1)
    return Programs.from_durations(durations, joints, period, phase=rng.uniform(0, 14.0, n))


def _fit(durations: np.ndarray, period: np.ndarray) -> None:
    """Shorten each program's first wait so that the program fits its cycle."""
    excess = durations.sum(axis=1) - (period - 0.5)
    durations[:, 0] = np.maximum(durations[:, 0] - np.maximum(excess, 0.0), 0.0)
    if np.any(durations.sum(axis=1) > period):
        raise ValueError("a robot program does not fit its cycle")
