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
    quaternion_axis,
    quaternion_rotate,
    quaternion_turn,
    rotation_z,
    yaw_quaternion,
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
TOOL_LENGTH = 0.55  # flange to the tip of the welding gun / gripper (m)

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
    # Each joint turns about one axis of its link frame: compose quaternions directly.
    q1 = yaw_quaternion(np.asarray(yaw, dtype=float).reshape(-1) + joints[:, 0])
    forward1, up1 = quaternion_axis(q1, 0), quaternion_axis(q1, 2)
    shoulder = base + dims.shoulder_offset * forward1 + dims.shoulder_height * up1
    q2 = quaternion_turn(q1, "y", joints[:, 1])
    elbow = shoulder + dims.upper_arm * quaternion_axis(q2, 2)
    q3 = quaternion_turn(q2, "y", joints[:, 2])
    wrist = elbow + dims.forearm * quaternion_axis(q3, 0)
    q4 = quaternion_turn(q3, "x", joints[:, 3])
    q6 = quaternion_turn(quaternion_turn(q4, "y", joints[:, 4]), "x", joints[:, 5])
    flange = wrist + dims.wrist * quaternion_axis(q6, 0)
    positions = {
        "turret": base,
        "upper_arm": shoulder,
        "forearm": elbow,
        "wrist": wrist,
        "tool": wrist,
    }
    quaternions = {"turret": q1, "upper_arm": q2, "forearm": q3, "wrist": q4, "tool": q6}
    return ArmPoses(positions=positions, quaternions=quaternions, flange=flange)


def inverse_kinematics(
    base: np.ndarray,
    yaw: np.ndarray,
    tip: np.ndarray,
    pitch: np.ndarray | float = 0.0,
    dims: ArmDimensions = KR210,
) -> np.ndarray:
    """Joint angles (N, 6) that put each robot's tool tip at ``tip`` (N, 3), elbow up.

    The tool points away from the turret axis, tilted down by ``pitch`` radians (0: level).
    Targets out of reach give the stretched arm pointing at them; results are clipped to
    :data:`JOINT_LIMITS`.

    Examples
    --------
    >>> base, yaw = np.zeros((1, 3)), np.zeros(1)
    >>> q = inverse_kinematics(base, yaw, np.array([[1.9, 0.4, 1.2]]))
    >>> tip = forward_kinematics(base, yaw, q).flange[0]  # flange + tool along the tool axis
    >>> bool(np.linalg.norm(tip - [1.9, 0.4, 1.2]) < TOOL_LENGTH + 1e-9)
    True
    """
    base = np.asarray(base, dtype=float).reshape(-1, 3)
    tip = np.asarray(tip, dtype=float).reshape(-1, 3)
    yaw = np.asarray(yaw, dtype=float).reshape(-1)
    pitch = np.broadcast_to(np.asarray(pitch, dtype=float), yaw.shape)
    local = np.einsum("nji,nj->ni", rotation_z(yaw), tip - base)  # into each base's frame
    q1 = np.arctan2(local[:, 1], local[:, 0])
    reach = dims.wrist + TOOL_LENGTH
    radial = np.hypot(local[:, 0], local[:, 1]) - reach * np.cos(pitch) - dims.shoulder_offset
    height = local[:, 2] + reach * np.sin(pitch) - dims.shoulder_height
    a, b = dims.upper_arm, dims.forearm
    wanted = np.maximum(np.hypot(radial, height), 1e-9)
    distance = np.clip(wanted, abs(a - b) + 1e-6, a + b - 1e-6)
    radial, height = radial * distance / wanted, height * distance / wanted  # onto reach
    cos_alpha = np.clip((a * a + distance**2 - b * b) / (2 * a * distance), -1.0, 1.0)
    upper = np.arctan2(height, radial) + np.arccos(cos_alpha)  # upper arm above horizontal
    forearm_down = -np.arctan2(height - a * np.sin(upper), radial - a * np.cos(upper))
    q2 = np.pi / 2 - upper
    q3 = forearm_down - q2
    q5 = pitch - forearm_down
    joints = np.stack([q1, q2, q3, np.zeros_like(q1), q5, np.zeros_like(q1)], axis=1)
    return clamp_joints(joints)


def tool_tip(poses: ArmPoses, index: np.ndarray | None = None) -> np.ndarray:
    """Tip of the tool (N, 3) of every robot, or of robots ``index``, from its link frames."""
    flange, rotation = poses.flange, poses.quaternions["tool"]
    if index is not None:
        flange, rotation = flange[index], rotation[index]
    axis = np.tile([TOOL_LENGTH, 0.0, 0.0], (len(flange), 1))
    return flange + quaternion_rotate(rotation, axis)
