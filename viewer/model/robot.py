"""Six-axis industrial robot arms: dimensions, joint limits and vectorised forward kinematics.

Dimensions are the KUKA KR 210 R2700 class from the plant facts (reach 2.7 m). Joint convention
(radians), all robots at once as an (N, 6) array:

* q1 turns the turret about the vertical axis (0 = facing the robot's own +x);
* q2 tilts the upper arm forward from vertical;
* q3 tilts the forearm down from horizontal;
* q4 rolls the forearm, q5 bends the wrist, q6 rolls the flange.

At the zero pose the upper arm stands vertical and the forearm points straight ahead, so the
flange is at (a1 + d4 + d6, 0, d1 + a2) from the base.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from viewer.model.geometry import (
    matrix_to_quaternion,
    rotation_x,
    rotation_y,
    rotation_z,
)


@dataclass(frozen=True)
class ArmDimensions:
    """Link lengths (m) of a 6-axis arm."""

    shoulder_height: float = 0.675  # d1: floor of the base to the shoulder axis
    shoulder_offset: float = 0.350  # a1: turret axis to the shoulder axis
    upper_arm: float = 1.150  # a2: shoulder to elbow
    forearm: float = 1.200  # d4: elbow to wrist centre
    wrist: float = 0.215  # d6: wrist centre to flange

    @property
    def reach(self) -> float:
        """Horizontal reach from the turret axis to the wrist centre, arm stretched."""
        return self.shoulder_offset + float(np.hypot(self.upper_arm, self.forearm))


KR210 = ArmDimensions()

# Joint limits in this module's convention (radians), KR 210 class.
JOINT_LIMITS = np.radians(
    [
        [-185.0, 185.0],
        [-50.0, 85.0],
        [-78.0, 150.0],
        [-350.0, 350.0],
        [-125.0, 125.0],
        [-350.0, 350.0],
    ]
)

LINKS = ("turret", "upper_arm", "forearm", "wrist", "tool")


@dataclass
class ArmPoses:
    """World frames of each moving link for N robots: positions (N, 3), quaternions (N, 4)."""

    positions: dict[str, np.ndarray]
    quaternions: dict[str, np.ndarray]
    flange: np.ndarray


def clamp_joints(joints: np.ndarray) -> np.ndarray:
    """Clip an (N, 6) joint array to :data:`JOINT_LIMITS`."""
    return np.clip(joints, JOINT_LIMITS[:, 0], JOINT_LIMITS[:, 1])


def forward_kinematics(
    base: np.ndarray, yaw: np.ndarray, joints: np.ndarray, dims: ArmDimensions = KR210
) -> ArmPoses:
    """Frames of every link of N robots at once (no Python loop over robots).

    Parameters
    ----------
    base : (N, 3) floor point of each robot's base.
    yaw : (N,) heading of each base about z (radians).
    joints : (N, 6) joint angles in this module's convention.

    Examples
    --------
    >>> poses = forward_kinematics(np.zeros((1, 3)), np.zeros(1), np.zeros((1, 6)))
    >>> np.round(poses.flange[0], 3).tolist()
    [1.765, 0.0, 1.825]
    """
    base = np.asarray(base, dtype=float).reshape(-1, 3)
    joints = np.asarray(joints, dtype=float).reshape(-1, 6)
    r0 = rotation_z(np.asarray(yaw, dtype=float).reshape(-1))
    r1 = r0 @ rotation_z(joints[:, 0])
    shoulder = base + r1 @ np.array([dims.shoulder_offset, 0.0, dims.shoulder_height])
    r2 = r1 @ rotation_y(joints[:, 1])
    elbow = shoulder + r2 @ np.array([0.0, 0.0, dims.upper_arm])
    r3 = r2 @ rotation_y(joints[:, 2])
    wrist = elbow + r3 @ np.array([dims.forearm, 0.0, 0.0])
    r4 = r3 @ rotation_x(joints[:, 3])
    r5 = r4 @ rotation_y(joints[:, 4])
    r6 = r5 @ rotation_x(joints[:, 5])
    flange = wrist + r6 @ np.array([dims.wrist, 0.0, 0.0])
    positions = {
        "turret": base,
        "upper_arm": shoulder,
        "forearm": elbow,
        "wrist": wrist,
        "tool": wrist,
    }
    matrices = {"turret": r1, "upper_arm": r2, "forearm": r3, "wrist": r4, "tool": r6}
    quaternions = {name: matrix_to_quaternion(matrix) for name, matrix in matrices.items()}
    return ArmPoses(positions=positions, quaternions=quaternions, flange=flange)


def working_pose(seed: np.ndarray, task: np.ndarray) -> np.ndarray:
    """A plausible, varied working pose per robot (a still frame of its program).

    ``seed`` is any per-robot number (its index); ``task`` its task code. Poses lean towards the
    workpiece in front of the robot and stay inside the joint limits.
    """
    seed = np.asarray(seed, dtype=float)
    phase = np.sin(seed * 12.9898) * 43758.5453
    phase = phase - np.floor(phase)  # deterministic pseudo-random in [0, 1)
    joints = np.zeros((len(seed), 6))
    joints[:, 0] = (phase - 0.5) * 0.9
    joints[:, 1] = 0.25 + 0.45 * phase
    joints[:, 2] = 0.15 + 0.35 * (1 - phase)
    joints[:, 3] = (phase - 0.5) * 0.6
    joints[:, 4] = 0.5 + 0.5 * phase
    paint = np.asarray(task) == 1
    joints[paint, 1] = 0.1 + 0.3 * phase[paint]
    joints[paint, 2] = -0.2 + 0.4 * phase[paint]
    return clamp_joints(joints)
