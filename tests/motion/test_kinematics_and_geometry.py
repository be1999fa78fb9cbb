"""Forward kinematics, quaternions, ribbons and rounded corners, checked by hand."""

from __future__ import annotations

import numpy as np
import pytest

from viewer.model.geometry import (
    inset_polygon,
    matrix_to_quaternion,
    offset_polyline,
    polygon_area,
    polyline_length,
    quaternion_rotate,
    ribbon,
    rotation_x,
    rotation_y,
    rotation_z,
    round_corners,
    yaw_quaternion,
)
from viewer.model.motion.robot import KR210, forward_kinematics


def test_zero_pose_flange_position():
    poses = forward_kinematics(np.zeros((1, 3)), np.zeros(1), np.zeros((1, 6)))
    expected = [
        KR210.shoulder_offset + KR210.forearm + KR210.wrist,
        0,
        KR210.shoulder_height + KR210.upper_arm,
    ]
    np.testing.assert_allclose(poses.flange[0], expected)
    np.testing.assert_allclose(poses.flange[0], [1.765, 0, 1.825])


def test_single_joint_rotations_by_hand():
    joints = np.zeros((3, 6))
    joints[0, 0] = np.pi / 2  # turret a quarter turn: the arm points along +y
    joints[1, 1] = np.pi / 2  # upper arm tilted flat forward
    joints[2, 2] = np.pi / 2  # forearm pointing straight down
    bases = np.array([[10.0, 0, 0], [0, 0, 0], [0, 0, 0]])
    flange = forward_kinematics(bases, np.zeros(3), joints).flange
    np.testing.assert_allclose(flange[0], [10, 1.765, 1.825], atol=1e-9)
    # shoulder (0.35, 0, 0.675); elbow 1.15 further along +x; forearm then points down
    np.testing.assert_allclose(flange[1], [0.35 + 1.15, 0, 0.675 - 1.2 - 0.215], atol=1e-9)
    np.testing.assert_allclose(flange[2], [0.35, 0, 0.675 + 1.15 - 1.2 - 0.215], atol=1e-9)


def test_base_yaw_turns_the_whole_arm():
    flange = forward_kinematics(np.zeros((1, 3)), np.array([np.pi]), np.zeros((1, 6))).flange
    np.testing.assert_allclose(flange[0], [-1.765, 0, 1.825], atol=1e-9)


def test_quaternions_match_matrices():
    rng = np.random.default_rng(1)
    angles = rng.uniform(-np.pi, np.pi, (200, 3))
    matrices = rotation_z(angles[:, 0]) @ rotation_y(angles[:, 1]) @ rotation_x(angles[:, 2])
    quats = matrix_to_quaternion(matrices)
    vectors = rng.normal(size=(200, 3))
    expected = np.einsum("nij,nj->ni", matrices, vectors)
    np.testing.assert_allclose(quaternion_rotate(quats, vectors), expected, atol=1e-9)
    np.testing.assert_allclose(np.linalg.norm(quats, axis=1), 1.0)


def test_yaw_quaternion_rotates_x_to_y():
    q = yaw_quaternion(np.array([np.pi / 2]))
    np.testing.assert_allclose(
        quaternion_rotate(q, np.array([[1.0, 0, 0]])), [[0, 1, 0]], atol=1e-12
    )


def test_areas_lengths_and_rounded_corners():
    square = np.array([[0, 0], [100, 0], [100, 100], [0, 100]], dtype=float)
    assert polygon_area(square) == 10000
    assert polyline_length(square, closed=True) == 400
    rounded = round_corners(square, 10, segments=200)
    assert polyline_length(rounded, closed=True) == pytest.approx(400 - 80 + 2 * np.pi * 10, 1e-4)


def test_ribbon_has_the_width_everywhere():
    path = np.array([[0, 0], [50, 0], [50, 50]], dtype=float)
    verts, quads = ribbon(path, 4.0)
    assert quads.shape == (2, 4)
    widths = np.linalg.norm(verts[0::2, :2] - verts[1::2, :2], axis=1)
    np.testing.assert_allclose(widths[[0, 2]], 4.0)
    assert widths[1] == pytest.approx(4.0 * np.sqrt(2))  # mitred corner


def test_offset_and_inset_follow_the_polygon_whatever_its_winding():
    square = np.array([[0, 0], [10, 0], [10, 10], [0, 10]], dtype=float)
    for polygon in (square, square[::-1]):
        inner = inset_polygon(polygon, 2.0)
        assert polygon_area(inner) == pytest.approx(36.0)
        assert inner.min() == pytest.approx(2.0) and inner.max() == pytest.approx(8.0)
    assert polygon_area(inset_polygon(square, -5.0)) == pytest.approx(400.0)
    left = offset_polyline(np.array([[0, 0], [10, 0], [10, 10]], dtype=float), 1.0)
    np.testing.assert_allclose(left, [[0, 1], [9, 1], [9, 10]])
